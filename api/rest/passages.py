"""`GET /api/document/{slug}/passages`: a document's text, passage by passage, and
`GET /api/passage/{slug}`: one passage, where a search hit of kind `passage` leads."""
from __future__ import annotations

from flask import current_app

from kg.iris import ID, is_slug

from ..errors import ApiError
from ..graph_queries import rows
from ..openapi import documented, path_parameter, query_parameter
from ..service import service
from . import blueprint
from .description import describe_passage
from .lists import PATHS, add_page_routes, alias_of, answer_page, page_views
from .params import SLUG_PATTERN
from .representation import JSON, JSONLD, negotiate, not_modified, respond


def _document(iri: str) -> dict | None:
    return service(current_app).views.refs([iri]).get(iri)


def passages_views(route: str) -> tuple:
    """`/api/{document}/{slug}/passages` for the path of documents and its 1.x name."""
    def produce(media_type: str, slug: str):
        if not is_slug(slug) or service(current_app).views.item("documents", slug) is None:
            raise ApiError(404, "Not Found", f"no document with slug {slug!r} (see /api/document)")

        def fetch(limit: int, offset: int):
            iri = f"{ID}document/{slug}"
            document = _document(iri)
            passages = [describe_passage(r, document) for r in rows("passages_of_document", document=iri)]
            return passages[offset:offset + limit], len(passages)
        return answer_page(media_type, fetch, "passages", slug=slug)

    return page_views(f"{route}_passages", produce,
                      summary="A document's passages (questions, answers, paragraphs, footnotes) in reading order",
                      parameters=[path_parameter("slug", "the document's slug", SLUG_PATTERN, example_of="documents")],
                      schema="passages", tags=(PATHS["documents"],), alias=alias_of("documents", route))


add_page_routes("/document/<slug>/passages", "document_passages", passages_views("document"))
blueprint.add_url_rule("/documents/<slug>/passages", endpoint="documents_passages",
                       view_func=passages_views("documents")[0])


@blueprint.get("/passage/<slug>")
@documented("One passage: its text, place in its document and numbering",
            parameters=[path_parameter("slug", "the passage's slug (a search hit's)", SLUG_PATTERN),
                        query_parameter("format", "json or jsonld", {"type": "string", "enum": ["json", "jsonld"]})],
            responses={"200": {"description": "the passage", "content": {
                "application/json": {"schema": {"$ref": "#/components/schemas/Passage"}},
                "application/ld+json": {"schema": {"$ref": "#/components/schemas/Passage"}}}},
                "304": {"description": "not modified"}}, tags=("passage",))
def passage_detail(slug: str):
    media_type = negotiate((JSON, JSONLD))
    iri = f"{ID}passage/{slug}"
    place = service(current_app).views.passage_places([iri]).get(iri) if is_slug(slug) else None
    found = rows("passages_of_document", passage=iri) if place else []
    if not found:
        raise ApiError(404, "Not Found", f"no passage with slug {slug!r} (see /api/document/{{slug}}/passages)")
    return not_modified(media_type) or respond(describe_passage(found[0], _document(place[0])), media_type)
