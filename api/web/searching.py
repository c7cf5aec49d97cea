"""The search page's hits and facets, from the views' text index (the search REST runs):
facets by kind, document and type over the hits, the chosen ones narrowing them, and each
hit's snippet with the matching words highlighted."""
from __future__ import annotations

from collections import Counter

from flask import current_app
from markupsafe import Markup, escape

from kg import search as text_search

from ..service import service
from .links import LIST_OF

MOST_HITS = 2000        # facets are counted over this many hits at most (said on the page)


def highlighted(snippet: str, query: str) -> Markup:
    """A snippet with the words the index marked «…» as <mark>: a token wrapped in «» whose
    inside matches the query was marked by the index (a quoted «title» in the text is not)."""
    wanted = set(text_search.stems(query))
    out = []
    for token in snippet.split(" "):
        inner = token[1:-1]
        if token.startswith("«") and token.endswith("»") and not wanted.isdisjoint(text_search.stems(inner)):
            out.append(Markup("<mark>") + escape(inner) + Markup("</mark>"))
        else:
            out.append(escape(token))
    return Markup(" ").join(out)


def _facts(hits, views) -> list[dict]:
    """Each hit with what it is filtered on: kind, documents, types."""
    places = views.passage_places(h.iri for h in hits if h.kind == "passage")
    found = []
    for hit in hits:
        documents, types = set(), set()
        if hit.kind == "passage" and hit.iri in places:
            documents.add(places[hit.iri][0])
        elif hit.kind in LIST_OF:
            item = views.item(LIST_OF[hit.kind], hit.iri.rsplit("/", 1)[-1]) or {}
            types = set(item.get("types", []))
            documents = {s["document"]["id"] for s in item.get("sources", [])}
            documents |= {m["document"]["id"] for m in item.get("mentionedIn", [])}
        found.append({"hit": hit, "documents": documents, "types": types,
                      "page": places.get(hit.iri, (None, None))[1]})
    return found


def find(query: str, chosen: dict, offset: int, size: int) -> dict:
    views = service(current_app).views
    hits = views.search(query)
    counted = _facts(hits[:MOST_HITS], views)
    kept = [f for f in counted
            if (not chosen["kind"] or f["hit"].kind == chosen["kind"])
            and (not chosen["document"] or chosen["document"] in f["documents"])
            and (not chosen["type"] or chosen["type"] in f["types"])]
    facets = {"kind": Counter(f["hit"].kind for f in kept), "document": Counter(d for f in kept for d in f["documents"]),
              "type": Counter(t for f in kept for t in f["types"])}
    shown = kept[offset:offset + size]
    refs = views.refs({f["hit"].iri for f in shown} | set(facets["document"]))
    for f in shown:
        f["ref"] = refs.get(f["hit"].iri, {"id": f["hit"].iri, "label": None, "kind": f["hit"].kind})
        f["snippet"] = highlighted(f["hit"].snippet, query)
        f["document"] = refs.get(next(iter(f["documents"]))) if f["hit"].kind == "passage" and f["documents"] else None
    return {"total": len(kept), "capped": len(hits) > MOST_HITS, "shown": shown, "refs": refs,
            "facets": {name: _most_common(counter) for name, counter in facets.items()}}


def _most_common(counter: Counter, most: int = 30) -> list[tuple[str, int]]:
    """The `most` values with the most hits, ties by value: Counter.most_common keeps ties in
    the order they were counted, which follows set order and so differs from process to process."""
    return sorted(counter.items(), key=lambda pair: (-pair[1], pair[0]))[:most]
