"""The commitments tracker: who promised what to whom, in which document, by when, and what
became of it, as the register of commitments in the graph states it (api/queries/
commitments_register.rq); each commitment with the quotes that state it (its REST item)."""
from __future__ import annotations

from collections import defaultdict

from flask import current_app

from kg.iris import split_thing
from kg.views import literal_json

from ..graph_queries import rows
from ..service import service
from .links import LIST_OF

FIELDS = {"proposedBy": "by", "committedTo": "to", "madeIn": "in", "committedOn": "on", "deadline": "due",
          "commitmentText": "text", "commitmentStatus": "status", "fulfilledBy": "fulfilled"}


def register(status: str | None = None, by: str | None = None) -> tuple[list[dict], dict]:
    """The commitments (filtered by the slug of a status, or 'unknown', and by who made them),
    and the choices each filter has."""
    views = service(current_app).views
    found: dict[str, dict] = defaultdict(lambda: defaultdict(list))
    for row in rows("commitments_register"):
        value = row["value"]
        found[row["commitment"].value][FIELDS[row["property"].value.rsplit("#", 1)[1]]].append(
            value.value if value.__class__.__name__ == "NamedNode" else literal_json(value))
    refs = views.refs({v for fields in found.values() for name in ("by", "to", "in", "status", "fulfilled")
                       for v in fields.get(name, [])} | set(found))
    entries = []
    for iri, fields in found.items():
        kind, slug = split_thing(iri) or (None, None)
        item = views.item(LIST_OF[kind], slug) if kind in LIST_OF else None
        entry = {"id": iri, "label": (refs.get(iri) or {}).get("label"), "sources": (item or {}).get("sources", []),
                 **{name: [refs.get(v, {"id": v, "label": v}) if name in ("by", "to", "in", "status", "fulfilled")
                           else v for v in values] for name, values in fields.items()}}
        entries.append(entry)
    choices = {"status": sorted({(s["id"].rsplit("/", 1)[1], s["label"]) for e in entries for s in e.get("status", [])}),
               "by": sorted({(a["id"], a["label"]) for e in entries for a in e.get("by", [])}, key=lambda a: a[1] or "")}
    if status:
        entries = [e for e in entries if (status == "unknown" and not e.get("status"))
                   or any(s["id"].rsplit("/", 1)[1] == status for s in e.get("status", []))]
    if by:
        entries = [e for e in entries if any(a["id"] == by for a in e.get("by", []))]
    entries.sort(key=lambda e: ((e.get("in") or [{}])[0].get("label") or "", e["label"] or ""))
    return entries, choices
