"""How REST answers are written: JSON, JSON-LD (the same JSON with a published @context)
or CSV for lists; chosen by `?format=` or the Accept header among the service's formats
(api/formats.py) and answered through its one response path (api/answer.py: tagged with
the build so that clients and caches can revalidate, ETag, Last-Modified, 304)."""
from __future__ import annotations

from flask import Response, json, request, url_for

from .. import answer, formats
from ..answer import not_modified  # noqa: F401  (the REST views' 304, as every answer's)
from ..formats import Format
from .table import to_csv

JSON, JSONLD, CSV = formats.JSON, formats.JSONLD, formats.CSV   # the service's one table of formats


def negotiate(offers: tuple[Format, ...]) -> Format:
    """The format to answer with: `?format=` wins, then Accept (q-values honoured)."""
    return formats.negotiate(offers, request.headers.get("Accept"), request.args.get("format"), "format")


def context_url() -> str:
    return url_for("rest.jsonld_context", _external=True)


def respond(data: dict, media_type: Format, csv_rows: list[dict] | None = None,
            csv_columns: list[str] | None = None) -> Response:
    """The body in `media_type`, through the service's one response path (api/answer.py)."""
    if media_type == CSV:
        body = to_csv(csv_rows if csv_rows is not None else [data], csv_columns)
    elif media_type == JSONLD:
        body = json.dumps({"@context": context_url(), **data}, ensure_ascii=False)
    else:
        body = json.dumps(data, ensure_ascii=False)
    return answer.respond(body, media_type)
