"""How REST answers are written: JSON, JSON-LD (the same JSON with a published @context)
or CSV for lists; chosen by `?format=` or the Accept header; tagged with the build so
that clients and caches can revalidate (ETag, Last-Modified, 304)."""
from __future__ import annotations

from datetime import datetime

from flask import Response, current_app, g, json, request, url_for

from ..errors import ApiError
from ..service import service
from .table import to_csv

JSON, JSONLD, CSV = "application/json", "application/ld+json", "text/csv"
FORMATS = {"json": JSON, "jsonld": JSONLD, "csv": CSV}


def negotiate(offers: tuple[str, ...]) -> str:
    """The media type to answer with: `?format=` wins, then Accept (q-values honoured)."""
    wanted = request.args.get("format")
    if wanted:
        if wanted not in FORMATS or FORMATS[wanted] not in offers:
            names = [k for k, v in FORMATS.items() if v in offers]
            raise ApiError(400, "Bad Request", f"parameter 'format': {wanted!r} is not one of {', '.join(names)}",
                           invalid_params=[{"name": "format", "reason": f"one of {', '.join(names)}"}])
        return FORMATS[wanted]
    if not request.headers.get("Accept"):
        return offers[0]
    best = request.accept_mimetypes.best_match(offers)
    if best is None:
        raise ApiError(406, "Not Acceptable",
                       f"cannot answer with {request.headers.get('Accept')!r}; available: {', '.join(offers)}",
                       available=list(offers))
    return best


def _release() -> tuple[str, datetime | None]:
    """The build id and build time of what this request is answered from, looked up once per
    request (each look-up reads the release's build.json)."""
    stamp = g.get("mhkg_release")
    if stamp is None:
        found = service(current_app)
        built = found.built_at
        stamp = g.mhkg_release = (found.build_id,
                                  datetime.fromisoformat(built).replace(microsecond=0) if built else None)
    return stamp


def _etag(media_type: str) -> str:
    return f"{_release()[0]}-{media_type.split('/')[-1]}"


def not_modified(media_type: str) -> Response | None:
    """A 304 when the client already holds this build's representation (checked before
    any work is done)."""
    if _etag(media_type) in request.if_none_match:
        return _tagged(Response(status=304), media_type)
    since = request.if_modified_since
    built = _built_at()
    if since and built and not request.if_none_match and built <= since:
        return _tagged(Response(status=304), media_type)
    return None


def _built_at() -> datetime | None:
    return _release()[1]


def _tagged(response: Response, media_type: str) -> Response:
    response.set_etag(_etag(media_type))
    built = _built_at()
    if built:
        response.last_modified = built
    response.vary.add("Accept")
    return response


def context_url() -> str:
    return url_for("rest.jsonld_context", _external=True)


def respond(data: dict, media_type: str, csv_rows: list[dict] | None = None,
            csv_columns: list[str] | None = None) -> Response:
    if media_type == CSV:
        body = to_csv(csv_rows if csv_rows is not None else [data], csv_columns)
        response = Response(body, mimetype="text/csv")
        response.headers["Content-Type"] = "text/csv; charset=utf-8"
    elif media_type == JSONLD:
        response = Response(json.dumps({"@context": context_url(), **data}, ensure_ascii=False),
                            mimetype=JSONLD)
    else:
        response = Response(json.dumps(data, ensure_ascii=False), mimetype=JSON)
    return _tagged(response, media_type)
