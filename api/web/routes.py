"""The pages that are no IRI of the graph: home, search, the document reader, the
recommendation tracker and the indicator list. Each answers through the one response
path (api/answer.py) and links the JSON or CSV of the REST API that holds the same data."""
from __future__ import annotations

from urllib.parse import urlencode

from flask import current_app, render_template, request, url_for

from kg.iris import ID, is_slug
from kg.views import COMMITMENT_STATUSES, KINDS

from ..answer import answer
from ..formats import HTML
from ..rest.filters import STATUSES, parse_filters
from ..service import service
from . import blueprint, commitments as register, examples, reading, searching
from .missing import not_found
from .pages import count_argument

PAGE = 25
#: The documents the home page lists; the rest are a link away (the REST list, search).
HOME_DOCUMENTS = 20


def page(template: str, **context):
    return answer((HTML,), lambda _fmt: render_template(template, **context))


@blueprint.get("/")
def home():
    views = service(current_app).views
    counts = [(name, views.page(name, {}, 1, 0)[1]) for name in KINDS]
    documents, total = views.page("documents", {}, HOME_DOCUMENTS, 0)   # as GET /api/documents lists them
    return page("home.html", counts=counts, documents=documents, documents_total=total,
                examples=examples.gallery()[:6], twins=[("OpenAPI", request.script_root + "/openapi.json")])


@blueprint.get("/search")
def search():
    query = (request.args.get("q") or "").strip()[:500]
    chosen = {name: request.args.get(name) or None for name in ("kind", "document", "type")}
    offset = min(count_argument("offset", 0), 10_000)
    found = searching.find(query, chosen, offset, PAGE) if query else None
    twin = url_for("rest.search", q=query) if query else None
    return page("search.html", query=query, chosen=chosen, found=found, offset=offset, size=PAGE,
                twins=[("JSON", twin), ("CSV", twin + "&format=csv")] if twin else [])


@blueprint.get("/read/<slug>")
def reader(slug: str):
    views = service(current_app).views
    document = views.item("documents", slug) if is_slug(slug) else None
    if document is None:
        return not_found(f"document {ID}document/{slug}")
    passages = reading.passages(slug)
    rest = url_for("rest.document_passages", slug=slug)
    return page("reader.html", document=document, passages=passages,
                twins=[("JSON", rest), ("CSV", rest + "?format=csv"), ("Turtle", f"/id/document/{slug}.ttl")])


@blueprint.get("/recommendations")
def recommendations():
    views = service(current_app).views
    filters = parse_filters("recommendations")
    items, total = views.page("recommendations", filters, 500, 0)
    for item in items:
        item["responses"] = views.page("responses", {"recommendation": [item["id"]]}, 50, 0)[0]
    everything = views.page("recommendations", {}, 500, 0)[0]
    options = {name: sorted({(ref["id"], ref.get("label") or ref["id"]) for item in everything
                             for ref in item.get(name, []) if isinstance(ref, dict)}, key=lambda r: r[1])
               for name in ("report", "addressee")}
    chosen = {name: request.args.get(name, "") for name in ("report", "status", "addressee")}
    args = urlencode({k: v for k, v in chosen.items() if v})
    rest = url_for("rest.list_recommendations") + "?" + args
    return page("recommendations.html", items=items, total=total, options=options, statuses=STATUSES,
                chosen=chosen, twins=[("CSV", rest + ("&" if args else "") + "format=csv"), ("JSON", rest)])


@blueprint.get("/indicators")
def indicators():
    items, total = service(current_app).views.page("indicators", {}, 500, 0)
    rest = url_for("rest.list_indicators")
    return page("indicators.html", items=items, total=total, twins=[("JSON", rest), ("CSV", rest + "?format=csv")])


@blueprint.get("/commitments")
def commitments():
    chosen = {name: request.args.get(name, "")[:500] for name in ("status", "by")}
    entries, choices = register.register(chosen["status"] or None, chosen["by"] or None)
    # its twin: the REST list of commitments with the same filters (a status by its REST name)
    status = next((name for name, iri in COMMITMENT_STATUSES.items() if iri.rsplit("/", 1)[-1] == chosen["status"]), None)
    query = {name: value for name, value in (("status", status), ("proposedBy", chosen["by"])) if value}
    return page("commitments.html", entries=entries, choices=choices, chosen=chosen,
                twins=[("JSON (REST)", url_for("rest.list_commitment", **query)),
                       ("CSV (REST)", url_for("rest.list_commitment_csv", **query))])
