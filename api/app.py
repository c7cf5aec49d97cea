"""The Flask application: one store, opened read-only, behind /sparql and /api.

`create_app` is the only entry point (the server, tests and benchmarks all use it). The
service never writes to the store; a build makes a new release and the service
(api/service.py) follows it.
"""
from __future__ import annotations

from pathlib import Path

from flask import Flask

from kg.release import data_dir

from . import headers, public_base
from .errors import register_error_handlers
from .service import Service

DEFAULTS = {
    "timeout_s": 10.0,          # SPARQL execution time limit
    "max_query_bytes": 65536,   # longer queries are answered 413
    "max_rows": 10000,          # result rows returned by /sparql at most
    "sparql_workers": 2,        # query processes per server process
    "sparql_queue": 2,          # /sparql requests waiting for a query process at most; more: 503 at once
    "max_answer_bytes": 32 << 20,  # bytes of one /sparql answer at most: 10000 rows of ~3 kB; more rows are cut
    "query_memory_mib": 1024,   # a query process's memory cap (its data, RLIMIT_DATA); ~90 MB at rest
    "recycle_rss_mib": 256,     # a query process resident past this after an answer is replaced; ~30-50 MB at rest
    "cors_origins": "*",        # Access-Control-Allow-Origin; "" switches CORS off
    "public_base": None,        # the URL the service is reached at, which every URL it writes starts with
    "allowed_hosts": "",        # Host names answered, comma-separated; "" answers any (URLs never use it)
}


def create_app(store_path: Path | str | None = None, *, data: Path | str | None = None,
               config: dict | None = None) -> Flask:
    """An app serving `store_path`, or the current release of `data` when it is None
    (following each new release)."""
    settings = {**DEFAULTS, **(config or {})}
    service = Service(store_path, settings, data_dir=data_dir(data) if store_path is None else None)

    app = Flask(__name__)
    app.json.ensure_ascii = False
    app.json.sort_keys = False
    app.extensions["mhkg"] = service
    service.follow()
    register_error_handlers(app)
    headers.register(app)
    public_base.register(app, settings["public_base"], settings["allowed_hosts"])

    @app.before_request
    def _pick_up_new_release():
        service.refresh()

    from . import canned, deref, openapi, operations, rest, sparql, web, well_known  # they look the service up through `service(app)`
    for part in (rest, canned, openapi, web, sparql, operations, deref, well_known):
        app.register_blueprint(part.blueprint)
    return app
