"""`GET /api/{kind}`: a page of one kind of resource, filtered, in a stable order.

A list's path is the kind its items carry (`/api/actor`, the `kind` of every item, reference
and search hit, and the kind in the IRI `id/actor/…`), so a client follows a hit to
`/api/{kind}/{slug}`; the plural names of 1.x (`/api/actors`) answer the same, undocumented
in OpenAPI (docs/CONTRACT.md §6)."""
from __future__ import annotations

from flask import current_app, request, url_for

from kg.views import LISTS, PATHS

from ..service import service
from ..errors import ApiError
from ..openapi import documented, query_parameter
from . import blueprint
from .description import served
from .filters import filter_parameters, parse_filters
from .params import MAX_LIMIT, MAX_OFFSET, page_bounds
from .representation import CSV, JSON, JSONLD, negotiate, not_modified, respond
from .schemas import csv_columns, page_schema

assert set(PATHS) == set(LISTS), "every list has a path"
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
    def fetch(limit: int, offset: int) -> tuple[list[dict], int]:
        items, total = service(current_app).views.page(name, parse_filters(name), limit, offset)
        return [served(item) for item in items], total

    def produce(media_type: str):
        return answer_page(media_type, fetch, name)

    return page_views(f"list_{route}", produce, summary=f"A page of {name}, filtered",
                      parameters=filter_parameters(name),
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
