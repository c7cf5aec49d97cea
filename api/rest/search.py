"""`GET /api/search?q=`: names (labels, abbreviations, former names) and passages of text
matching a query in any Dutch word form, best first, each with the snippet that matched."""
from __future__ import annotations

from flask import current_app, request

from kg.views import KINDS

from ..service import service
from ..openapi import query_parameter
from .filters import TEXT
from .lists import add_page_routes, answer_page, page_views
from .params import bad_parameter

#: The `kind` a search may be narrowed to: the kind its hits carry (the path of their list),
#: or the list name of 1.x (`instruments`), kept working.
SEARCHABLE = {**{kind: kind for kind in KINDS.values()}, "passage": "passage", **KINDS, "passages": "passage"}


def produce(media_type: str):
    query = request.args.get("q")
    if query is None:
        raise bad_parameter("q", "required: the words to search for")
    kind = request.args.get("kind")
    if kind is not None and kind not in SEARCHABLE:
        raise bad_parameter("kind", f"one of {', '.join(sorted(SEARCHABLE))}")
    return answer_page(media_type, lambda limit, offset: hits_page(query, SEARCHABLE.get(kind), limit, offset),
                       "search")


def hits_page(query: str, kind: str | None, limit: int, offset: int) -> tuple[list[dict], int]:
    views = service(current_app).views
    hits = views.search(query, kind)
    shown = hits[offset:offset + limit]      # snippets are made for these only (Hit.snippet)
    places = views.passage_places(h.iri for h in shown if h.kind == "passage")
    refs = views.refs({h.iri for h in shown} | {document for document, _ in places.values()})
    items = []
    for hit in shown:
        item = {**refs.get(hit.iri, {"id": hit.iri, "kind": hit.kind, "label": None}),
                "matched": hit.field, "matchedWords": hit.words, "snippet": hit.snippet}
        place = places.get(hit.iri)
        if place:
            item["document"] = refs.get(place[0])
            item["page"] = place[1]
        items.append(item)
    return items, len(hits)


add_page_routes("/search", "search", page_views(
    "search", produce, summary="Resources and passages matching a query, best first",
    description="Case, accents and Dutch word forms are ignored (\"slachtoffers\" finds \"slachtoffer\"). "
                "What matches every word of the query comes first, then what matches fewer of them "
                "(`matchedWords` says how many); within each, a label or abbreviation equal to the query "
                "ranks first, then names containing its words, then passages of text.",
    parameters=[query_parameter("q", "the words to find", {**TEXT, "minLength": 1}, required=True),
                query_parameter("kind", "only this kind: the `kind` hits carry (instrument), or the 1.x "
                                "list name (instruments)", {"type": "string", "enum": sorted(SEARCHABLE)})],
    schema="search", tags=("search",)))
