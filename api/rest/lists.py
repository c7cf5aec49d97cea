"""`GET /api/{kind}`: a page of one kind of resource, filtered, in a stable order."""
from __future__ import annotations

from flask import current_app, request, url_for

from kg.views import COMMON_FILTERS, KIND_FILTERS, KINDS, REFERENCE_FILTERS

from ..service import service
from ..errors import ApiError
from ..openapi import documented, query_parameter
from . import blueprint
from .params import (CLASS_PATTERN, KIND_REFERENCE_PATTERN, MAX_LIMIT, MAX_OFFSET, MAX_VALUE_LENGTH,
                     REFERENCE_PATTERN, TEXT_PATTERN, class_iri, integer, page_bounds, resource_iri)
from .representation import CSV, JSON, JSONLD, negotiate, not_modified, respond

STATUSES = ("adopted", "partly-adopted", "under-study", "rejected", "deferred", "not-acted-upon")
FILTER_HELP = {
    "type": "class of the ontology, e.g. Ministry or mh:Ministry (repeatable: any of them)",
    "q": "part of the label or an alternative label (case and accents ignored)",
    "document": "source document that states or names the resource (slug, kind/slug or IRI; repeatable)",
    "report": "report that makes the recommendation or gives the figure (slug or IRI)",
    "status": "status of the government's response: " + ", ".join(STATUSES),
    "addressee": "actor the recommendation is addressed to (slug or IRI)",
    "indicator": "indicator the observation measures (slug or IRI)",
    "about": "resource the observation is about (kind/slug or IRI)",
    "recommendation": "recommendation the response answers (slug or IRI)",
    "year_from": "first year (inclusive) of the figure, the report's period or the document's date",
    "year_to": "last year (inclusive)",
}
TEXT = {"type": "string", "maxLength": MAX_VALUE_LENGTH, "pattern": TEXT_PATTERN}
FILTER_SCHEMAS = {
    "type": {"type": "string", "pattern": CLASS_PATTERN, "maxLength": 100},
    "q": TEXT,
    "about": {"type": "string", "pattern": KIND_REFERENCE_PATTERN, "maxLength": MAX_VALUE_LENGTH},
    "status": {"type": "string", "enum": list(STATUSES)},
    "year_from": {"type": "integer", "minimum": 1000, "maximum": 9999},
    "year_to": {"type": "integer", "minimum": 1000, "maximum": 9999},
}
REFERENCE_SCHEMA = {"type": "string", "pattern": REFERENCE_PATTERN, "maxLength": MAX_VALUE_LENGTH}
PAGING_PARAMETERS = [
    query_parameter("limit", "items per page (1–500, default 50)",
                    {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT}),
    query_parameter("offset", "items to skip (default 0)", {"type": "integer", "minimum": 0, "maximum": MAX_OFFSET}),
    query_parameter("format", "json, jsonld or csv (instead of the Accept header)",
                    {"type": "string", "enum": ["json", "jsonld", "csv"]}),
]
PAGE_RESPONSES = {"200": {"description": "a page of items", "content": {
    "application/json": {"schema": {"$ref": "#/components/schemas/Page"}},
    "application/ld+json": {"schema": {"$ref": "#/components/schemas/Page"}},
    "text/csv": {"schema": {"type": "string"}}}}, "304": {"description": "not modified since the build you hold"}}


def filters_of(kind: str) -> tuple[str, ...]:
    return COMMON_FILTERS + KIND_FILTERS.get(kind, ())


def parse_filters(kind: str) -> dict[str, list[str]]:
    """The request's filters, each value checked and resolved to what the views store."""
    resolved: dict[str, list[str]] = {}
    known_types = None
    for name in filters_of(kind):
        values = [v for v in request.args.getlist(name) if v != ""]
        if not values:
            continue
        if name == "type":
            known_types = known_types or service(current_app).views.known_types(kind)
            by_lower = {t.lower(): t for t in known_types}
            resolved[name] = [by_lower.get(class_iri(name, v).lower(), class_iri(name, v)) for v in values]
        elif name in ("year_from", "year_to"):
            resolved[name] = [str(integer(request.args, name, 0, 1000, 9999))]
        elif name == "q":
            resolved[name] = values[:1]
        else:
            resolved[name] = [resource_iri(name, v, REFERENCE_FILTERS[name]) for v in values]
    return resolved


def page_response(items: list[dict], total: int, limit: int, offset: int, endpoint: str, media_type: str, **view_args):
    following = None
    if offset + limit < total:
        args = request.args.to_dict(flat=False)
        args["offset"] = [str(offset + limit)]
        following = url_for(endpoint, _external=True, **view_args, **args)
    page = {"items": items, "total": total, "limit": limit, "offset": offset, "next": following}
    return respond(page, media_type, csv_rows=items)


def make_list_view(kind: str):
    def list_view():
        media_type = negotiate((JSON, JSONLD, CSV))
        cached = not_modified(media_type)
        if cached:
            return cached
        limit, offset = page_bounds(request.args)
        items, total = service(current_app).views.page(kind, parse_filters(kind), limit, offset)
        return page_response(items, total, limit, offset, f"rest.list_{kind}", media_type)

    list_view.__name__ = f"list_{kind}"
    parameters = [query_parameter(name, FILTER_HELP[name], FILTER_SCHEMAS.get(name, REFERENCE_SCHEMA))
                  for name in filters_of(kind)]
    return documented(f"A page of {kind}, filtered", parameters=parameters + PAGING_PARAMETERS,
                      responses=PAGE_RESPONSES, tags=(kind,))(list_view)


for _kind in KINDS:
    blueprint.add_url_rule(f"/{_kind}", endpoint=f"list_{_kind}", view_func=make_list_view(_kind))


@blueprint.get("/<name>")
def unknown_kind(name: str):
    raise ApiError(404, "Not Found", f"no list called {name!r}; the lists are {', '.join(KINDS)} and search")
