"""What every answer carries, whatever produced it: one CORS policy, the security headers
and a caching rule.

One place, so that no path (the REST API, /sparql, /openapi.json, the docs page, an error)
answers with less. The CORS policy lets a browser page anywhere read every answer, send the
headers it needs for conditional requests (If-None-Match) and content negotiation, and read
the headers that carry meaning (ETag, the SPARQL result marks); `cors_origins = ""` turns it
off.
"""
from __future__ import annotations

from flask import Flask, Response, current_app, request

EXPOSED = ("ETag", "Last-Modified", "Link", "MHKG-Result-Rows", "MHKG-Results-Truncated", "MHKG-Warning",
           "Retry-After")
ALLOWED_REQUEST_HEADERS = "Accept, Accept-Language, Content-Type, If-None-Match, If-Modified-Since"
SECURITY = {
    "X-Content-Type-Options": "nosniff",
    # pages load their scripts, styles and images from this service only, and no one frames them
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
                               "frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Resource-Policy": "cross-origin",  # the data is public: other sites may fetch it
}


def register(app: Flask) -> None:
    """Add the headers to every answer of `app`, errors included."""
    app.after_request(_every_answer)


def for_answer(status: int, method: str, origins: str | None) -> dict[str, str]:
    """The headers an answer of `status` to a `method` request carries (CORS for `origins`)."""
    headers = dict(SECURITY)
    if origins:
        headers["Access-Control-Allow-Origin"] = origins
        headers["Access-Control-Expose-Headers"] = ", ".join(EXPOSED)
        if origins != "*":
            headers["Vary"] = "Origin"
        if method == "OPTIONS":
            headers["Access-Control-Allow-Methods"] = "GET, HEAD, POST, OPTIONS"
            headers["Access-Control-Allow-Headers"] = ALLOWED_REQUEST_HEADERS
            headers["Access-Control-Max-Age"] = "86400"
    # answers change with each release: a cache asks again (ETag, 304); errors are not kept
    headers["Cache-Control"] = "no-cache" if status < 400 else "no-store"
    return headers


def _every_answer(response: Response) -> Response:
    origins = current_app.extensions["mhkg"].config.get("cors_origins")
    for name, value in for_answer(response.status_code, request.method, origins).items():
        if name == "Vary":
            response.vary.add(value)
        elif name.startswith("Access-Control") or name not in response.headers:
            response.headers[name] = value
    return response
