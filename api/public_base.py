"""Where the URLs the service writes point: its public base, never the request's `Host`.

A client chooses the `Host` header; were the `next` links, the JSON-LD `@context`, the
service description's endpoint and the SPARQL base built from it, a client could have them
point anywhere, and a shared cache would keep that answer for everyone. So every URL is built
from the configured public base (`mhkg serve --public-base https://example.org/mhkg/`, for a
service behind a proxy), or else from the address the server listens on. With
`--allowed-hosts`, a request naming another host is refused (400).
"""
from __future__ import annotations

from urllib.parse import urlsplit

from flask import Flask, request

from .errors import ApiError

DEFAULT_PORTS = {"http": "80", "https": "443"}


class PublicBase:
    """WSGI middleware: the request's URL as the public base says (the Host kept aside)."""

    def __init__(self, app, base: str | None):
        self.app = app
        self.base = urlsplit(base) if base else None

    def __call__(self, environ, start_response):
        environ["mhkg.requested_host"] = environ.get("HTTP_HOST", "")
        if self.base is not None:
            environ["wsgi.url_scheme"] = self.base.scheme
            environ["HTTP_HOST"] = self.base.netloc
            environ["SCRIPT_NAME"] = self.base.path.rstrip("/")
        else:
            port = environ.get("SERVER_PORT", "")
            default = DEFAULT_PORTS.get(environ.get("wsgi.url_scheme", "http"))
            environ["HTTP_HOST"] = environ.get("SERVER_NAME", "localhost") + ("" if port in ("", default) else f":{port}")
        return self.app(environ, start_response)


def register(app: Flask, base: str | None, allowed_hosts: str | None) -> None:
    """Build the app's URLs from `base`; refuse hosts not in `allowed_hosts` (comma-separated)."""
    if base and urlsplit(base).scheme not in DEFAULT_PORTS:
        raise ValueError(f"the public base must be an http(s) URL, not {base!r}")
    app.wsgi_app = PublicBase(app.wsgi_app, base)
    allowed = {host.strip().lower() for host in (allowed_hosts or "").split(",") if host.strip()}
    if allowed:
        @app.before_request
        def _check_host():
            host = request.environ.get("mhkg.requested_host", "").lower()
            name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
            if host not in allowed and name not in allowed:
                raise ApiError(400, "Host not served", "this service does not answer for the host the request "
                               "names; see its allowed hosts", allowed_hosts=sorted(allowed))
