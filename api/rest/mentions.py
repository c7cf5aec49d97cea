"""`GET /api/{kind}/{slug}/mentions`: every place one resource is named (document, passage,
page, quote), a page at a time, in the order of its answer's `mentions`, which carries the
first MENTIONS_SHOWN of them (api/rest/description.py)."""
from __future__ import annotations

from flask import current_app

from kg.views import PATHS

from ..openapi import path_parameter
from ..service import service
from . import blueprint
from .lists import add_page_routes, alias_of, answer_page, page_views
from .params import SLUG_PATTERN
from .resources import listed_item


def mentions_views(name: str, route: str) -> tuple:
    """The mentions of one of list `name`'s items, under `route` (its path or its 1.x name)."""
    def produce(media_type: str, slug: str):
        item = listed_item(name, route, slug)
        def fetch(limit: int, offset: int) -> tuple[list[dict], int]:
            mentions, total = service(current_app).views.mention_page(item["id"], limit, offset)
            return [{"id": m["id"], "types": ["mh:Mention"], **m} for m in mentions], total
        return answer_page(media_type, fetch, "mentions", slug=slug)

    return page_views(f"{route}_mentions", produce, summary=f"Where one of the {name} is named: document, passage, "
                      "page and quote, a page at a time",
                      parameters=[path_parameter("slug", "the resource's slug", SLUG_PATTERN, example_of=name)],
                      schema="mentions", tags=(PATHS[name],), alias=alias_of(name, route))


for _name, _path in PATHS.items():
    add_page_routes(f"/{_path}/<slug>/mentions", f"{_path}_mentions", mentions_views(_name, _path))
    blueprint.add_url_rule(f"/{_name}/<slug>/mentions", endpoint=f"{_name}_mentions",
                           view_func=mentions_views(_name, _name)[0])
