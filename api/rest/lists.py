"""`GET /api/{kind}`: a page of one kind of resource, filtered, in a stable order.

A list's path is the kind its items carry (`/api/actor`, the `kind` of every item, reference
and search hit, and the kind in the IRI `id/actor/…`), so a client follows a hit to
`/api/{kind}/{slug}`; the plural names of 1.x (`/api/actors`) answer the same, undocumented
in OpenAPI (docs/CONTRACT.md §6)."""
from __future__ import annotations

from flask import current_app, request, url_for

from kg.views import COMMITMENT_STATUSES, COMMON_FILTERS, KIND_FILTERS, LISTS, PATHS, REFERENCE_FILTERS

from ..service import service
from ..errors import ApiError
from ..openapi import documented, query_parameter
from . import blueprint
from .params import (CLASS_PATTERN, KIND_REFERENCE_PATTERN, MAX_LIMIT, MAX_OFFSET, MAX_VALUE_LENGTH,
                     REFERENCE_PATTERN, TEXT_PATTERN, class_iri, integer, page_bounds, resource_iri)
from .representation import CSV, JSON, JSONLD, negotiate, not_modified, respond
from .schemas import csv_columns, page_schema

assert set(PATHS) == set(LISTS), "every list has a path"
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
    "year_from": "first year (inclusive) of the figure, the report's period, the document's date, the funding's "
                 "period, the date an office was held, a citation's or change's date",
    "year_to": "last year (inclusive)",
    "dutyHolder": "actor who has the duty to report (slug or IRI)",
    "reportsTo": "actor reported to (slug or IRI)",
    "legalBasis": "instrument the duty rests on (slug or IRI)",
    "funder": "actor who funds (slug or IRI)",
    "recipient": "actor who receives the funds (slug or IRI)",
    "fundedInstrument": "instrument funded (slug or IRI)",
    "member": "actor who is a member (slug or IRI)",
    "organization": "organisation of which it is a member (slug or IRI)",
    "holder": "person who holds the office (slug or IRI)",
    "officeIn": "organisation the office is in (slug or IRI)",
    "publisher": "actor who published the cited document (slug or IRI)",
    "issuedBy": "actor who issued the cited document, e.g. a court (slug or IRI)",
    "cites": "resource the cited document refers to (kind/slug or IRI)",
    "regarding": "what the duty is about, a concept (slug or IRI)",
    "inScheme": "concept scheme (slug or IRI)",
    "broader": "broader concept (slug or IRI)",
    "originalOrganization": "organisation before the change (slug or IRI)",
    "resultingOrganization": "organisation after the change (slug or IRI)",
    "committedTo": "to whom the commitment is made: the House, a committee, a member (slug or IRI)",
    "proposedBy": "who made the commitment: a minister's or state secretary's office, the cabinet (slug or IRI), "
                  "or a person (person/slug)",
}
#: Filters that mean something else on one list: its help and schema there.
LIST_FILTERS = {
    ("commitments", "status"): (
        "what became of the commitment, according to a document: open, partly (fulfilled), fulfilled; unknown "
        "where no document says", {"type": "string", "enum": list(COMMITMENT_STATUSES)}),
}
TEXT = {"type": "string", "maxLength": MAX_VALUE_LENGTH, "pattern": TEXT_PATTERN}
FILTER_SCHEMAS = {
    "type": {"type": "string", "pattern": CLASS_PATTERN, "maxLength": 100},
    "q": TEXT,
    "about": {"type": "string", "pattern": KIND_REFERENCE_PATTERN, "maxLength": MAX_VALUE_LENGTH},
    "cites": {"type": "string", "pattern": KIND_REFERENCE_PATTERN, "maxLength": MAX_VALUE_LENGTH},
    "status": {"type": "string", "enum": list(STATUSES)},
    "year_from": {"type": "integer", "minimum": 1000, "maximum": 9999},
    "year_to": {"type": "integer", "minimum": 1000, "maximum": 9999},
}
REFERENCE_SCHEMA = {"type": "string", "pattern": REFERENCE_PATTERN, "maxLength": MAX_VALUE_LENGTH}
PAGING_PARAMETERS = [
    query_parameter("limit", "items per page (1–500, default 50)",
                    {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT}),
    query_parameter("offset", "items to skip (default 0)", {"type": "integer", "minimum": 0, "maximum": MAX_OFFSET}),
]
#: `format=csv` is answered too, as in 1.x, but not described here: the CSV is its own operation
#: (path + `.csv`), so that a generated client never reads CSV as JSON.
FORMAT = query_parameter("format", "json or jsonld (instead of the Accept header); for CSV use the .csv path",
                         {"type": "string", "enum": ["json", "jsonld"], "x-accepted": ["csv"]})
NOT_MODIFIED = {"304": {"description": "not modified since the build you hold"}}


def page_views(endpoint: str, produce, *, summary: str, parameters: list[dict], schema: str, tags: tuple,
               alias: str | None = None, description: str | None = None) -> tuple:
    """The two operations of one kind of page: as JSON or JSON-LD (and CSV by `format=` or
    `Accept`, as in 1.x), and its CSV twin, whose only answer is `text/csv`.
    `produce(media_type, **view_args)` answers either."""
    def as_data(**view_args):
        return produce(negotiate((JSON, JSONLD, CSV)), **view_args)

    def as_csv(**view_args):
        return produce(CSV, **view_args)

    as_data.__name__, as_csv.__name__ = endpoint, f"{endpoint}_csv"
    ref = {"$ref": f"#/components/schemas/{page_schema(schema)}"}
    documented(summary, parameters=parameters + PAGING_PARAMETERS + [FORMAT], description=description,
               responses={"200": {"description": "a page", "content": {"application/json": {"schema": ref},
                                                                     "application/ld+json": {"schema": ref}}},
                          **NOT_MODIFIED}, tags=tags, alias_of=alias)(as_data)
    documented(f"{summary}, as CSV (RFC 4180)", parameters=parameters + PAGING_PARAMETERS, description=description,
               responses={"200": {"description": "a page as CSV: one row per item, a header row first", "content": {
                   "text/csv": {"schema": {"type": "string"}}}}, **NOT_MODIFIED}, tags=tags, alias_of=alias)(as_csv)
    return as_data, as_csv


def add_page_routes(rule: str, endpoint: str, views: tuple) -> None:
    """A page's rule and its CSV twin's (`rule` + `.csv`)."""
    blueprint.add_url_rule(rule, endpoint=endpoint, view_func=views[0])
    blueprint.add_url_rule(f"{rule}.csv", endpoint=f"{endpoint}_csv", view_func=views[1])


def answer_page(media_type: str, fetch, schema: str, **view_args):
    """A page from `fetch(limit, offset) -> (items, total)`, or a 304 before any work; as CSV
    with the columns of `schema`'s items, the same on every page."""
    cached = not_modified(media_type)
    if cached:
        return cached
    limit, offset = page_bounds(request.args)
    items, total = fetch(limit, offset)
    return page_response(items, total, limit, offset, media_type, csv_columns(schema), **view_args)


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
        elif (kind, name) == ("commitments", "status"):    # the views hold it as commitmentStatus
            resolved["commitmentStatus"] = [COMMITMENT_STATUSES[v] for v in values]
        else:
            resolved[name] = [resource_iri(name, v, REFERENCE_FILTERS[name]) for v in values]
    return resolved


def page_response(items: list[dict], total: int, limit: int, offset: int, media_type: str,
                  columns: list[str] | None = None, **view_args):
    """A page, its `next` the same request (same path, same parameters) further on."""
    following = None
    if offset + limit < total:
        args = request.args.to_dict(flat=False)
        args["offset"] = [str(offset + limit)]
        following = url_for(request.endpoint, _external=True, **view_args, **args)
    page = {"items": items, "total": total, "limit": limit, "offset": offset, "next": following}
    return respond(page, media_type, csv_rows=items, csv_columns=columns)


def list_views(name: str, route: str) -> tuple:
    def produce(media_type: str):
        return answer_page(media_type, lambda limit, offset: service(current_app).views.page(
            name, parse_filters(name), limit, offset), name)

    parameters = [query_parameter(f, *LIST_FILTERS.get((name, f),
                                                       (FILTER_HELP[f], FILTER_SCHEMAS.get(f, REFERENCE_SCHEMA))))
                  for f in filters_of(name)]
    return page_views(f"list_{route}", produce, summary=f"A page of {name}, filtered", parameters=parameters,
                      schema=name, tags=(PATHS[name],), alias=alias_of(name, route))


def alias_of(name: str, route: str) -> str | None:
    """The path a 1.x route stands for (None for the documented path itself)."""
    return PATHS[name] if route != PATHS[name] else None


def add_routes(make_view, suffix: str = "", endpoint: str = "list_{}") -> None:
    """Each list's route under its path (documented) and under its 1.x name (an alias);
    `make_view(name, route)` makes the view, `endpoint` names it from the route."""
    for name, path in PATHS.items():
        for route in (path, name):
            blueprint.add_url_rule(f"/{route}{suffix}", endpoint=endpoint.format(route),
                                   view_func=make_view(name, route))


for _name, _path in PATHS.items():
    add_page_routes(f"/{_path}", f"list_{_path}", list_views(_name, _path))
    blueprint.add_url_rule(f"/{_name}", endpoint=f"list_{_name}", view_func=list_views(_name, _name)[0])


@blueprint.get("/<name>")
def unknown_kind(name: str):
    raise ApiError(404, "Not Found", f"no list called {name!r}; the lists are {', '.join(PATHS.values())} and search "
                   "(passages are listed by document: /api/document/{slug}/passages)")
