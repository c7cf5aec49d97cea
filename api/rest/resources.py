"""`GET /api/{kind}/{slug}`: one resource with its relations, provenance and mentions."""
from __future__ import annotations

from flask import current_app

from kg.iris import is_slug
from kg.views import kind_of

from ..service import service
from ..errors import ApiError
from ..openapi import documented, path_parameter, query_parameter
from .description import MENTIONS_SHOWN, describe_resource, served
from .lists import PATHS, add_routes, alias_of
from .schemas import item_schema
from .params import SLUG_PATTERN
from .representation import JSON, JSONLD, negotiate, not_modified, respond


def listed_item(name: str, route: str, slug: str) -> dict:
    """The item of list `name` with `slug` (asked for under `route`), or a 404 saying where to look."""
    item = service(current_app).views.item(name, slug) if is_slug(slug) else None
    if item is None:
        raise ApiError(404, "Not Found", f"no {kind_of(name)} with slug {slug!r} in /api/{route} (see the list)")
    return item


def make_detail_view(name: str, route: str):
    def detail_view(slug: str):
        media_type = negotiate((JSON, JSONLD))
        item = listed_item(name, route, slug)
        return not_modified(media_type) or respond(served(describe_resource(item, mentions=MENTIONS_SHOWN)), media_type)

    detail_view.__name__ = f"{route}_detail"
    return documented(
        f"One of the {name}, with its relations, provenance (documents, quotes, pages) and mentions",
        parameters=[path_parameter("slug", "the resource's slug", SLUG_PATTERN, example_of=name),
                    query_parameter("format", "json or jsonld", {"type": "string", "enum": ["json", "jsonld"]})],
        responses={"200": {"description": "the resource", "content": {
            "application/json": {"schema": {"$ref": f"#/components/schemas/{item_schema(name)}"}},
            "application/ld+json": {"schema": {"$ref": f"#/components/schemas/{item_schema(name)}"}}}},
            "304": {"description": "not modified"}},
        tags=(PATHS[name],), alias_of=alias_of(name, route))(detail_view)


add_routes(make_detail_view, "/<slug>", "{}_detail")

