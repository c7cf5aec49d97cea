"""One response path for pages and dereferenced IRIs: negotiate → 304 → respond.

Every representation is tagged with the build it comes from (ETag, Last-Modified), varies
on Accept and names its alternatives in `Link` headers (rel=alternate), so a client and a
cache can revalidate and find the other formats of the same resource.
"""
from __future__ import annotations

from datetime import datetime
from typing import Callable

from flask import Response, current_app, g, request

from .formats import Format, negotiate
from .service import service


def release_stamp() -> tuple[str, datetime | None]:
    """The build id and build time this request is answered from, looked up once per request
    (each look-up reads the release's build.json)."""
    stamp = g.get("mhkg_release")
    if stamp is None:
        found = service(current_app)
        built = found.built_at
        stamp = g.mhkg_release = (found.build_id,
                                  datetime.fromisoformat(built).replace(microsecond=0) if built else None)
    return stamp


def _tagged(response: Response, fmt: Format, alternates: dict[Format, str]) -> Response:
    build_id, built = release_stamp()
    response.set_etag(f"{build_id}-{fmt.tag}")
    if built:
        response.last_modified = built
    response.vary.add("Accept")
    links = [f'<{url}>; rel="alternate"; type="{other.media_type}"' for other, url in alternates.items()
             if other != fmt]
    if links:
        response.headers["Link"] = ", ".join(links)
    return response


def not_modified(fmt: Format, alternates: dict[Format, str] | None = None) -> Response | None:
    """A 304 when the client holds this build's representation already."""
    build_id, built = release_stamp()
    if f"{build_id}-{fmt.tag}" in request.if_none_match:
        return _tagged(Response(status=304), fmt, alternates or {})
    since = request.if_modified_since
    if since and built and not request.if_none_match and built <= since:
        return _tagged(Response(status=304), fmt, alternates or {})
    return None


def answer(offers: tuple[Format, ...], write: Callable[[Format], str | bytes], *, named: str | None = None,
           parameter: str | None = None, alternates: dict[Format, str] | None = None) -> Response:
    """Negotiate among `offers` (`named`: an extension, or the value of the query parameter
    `parameter`, decides), answer 304 when the client is up to date, else the body `write`
    makes for the chosen format."""
    fmt = negotiate(offers, request.headers.get("Accept"), named, parameter)
    return not_modified(fmt, alternates) or respond(write(fmt), fmt, alternates)


def respond(body: str | bytes, fmt: Format, alternates: dict[Format, str] | None = None,
            status: int = 200) -> Response:
    return _tagged(Response(body, status=status, content_type=fmt.content_type), fmt, alternates or {})
