"""The Flask application: one store, opened read-only, behind /sparql and /api.

`create_app` is the only entry point (gunicorn, tests and `mhkg serve` all use it). The
service never writes to the store; a rebuild makes a new release and the service picks it
up by reopening when `current` points elsewhere (see ARCHITECTURE.md).
"""
from __future__ import annotations

import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from flask import Flask

from kg.release import Release, current_release, data_dir
from kg.remote import is_url
from kg.store import StoreError, open_store
from kg.views import VIEWS_FILE, Views, build_views

from .errors import register_error_handlers

DEFAULTS = {
    "timeout_s": 10.0,          # SPARQL execution time limit
    "max_query_bytes": 65536,   # longer queries are answered 413
    "max_rows": 10000,          # result rows returned by /sparql at most
    "sparql_workers": 2,        # query processes per server process
    "cors_origins": "*",        # Access-Control-Allow-Origin; "" switches CORS off
}


@dataclass
class Service:
    """What a request needs: the open store and where it came from."""

    store_path: Path | str  # a store directory, or a store server's query URL
    config: dict
    data_dir: Path | None = None
    release: Release | None = None
    store: object = field(init=False)

    def __post_init__(self):
        self.store = open_store(self.store_path)
        self._views = None
        self.started = int(time.time())

    @property
    def views(self) -> Views:
        """The release's views; a store served without a release (`--store DIR`) gets
        its views computed once, into a temporary directory, when first asked."""
        if self._views is None:
            path = self.release_dir / VIEWS_FILE if self.release_dir else None
            if path is None or not path.is_file():
                scratch = Path(tempfile.mkdtemp(prefix="mhkg-views-"))
                path = build_views(self.store, scratch, self.build_id)
            self._views = Views(path)
        return self._views

    @property
    def release_dir(self) -> Path | None:
        return self.release.path if self.release else None

    @property
    def build_id(self) -> str:
        if self.release:
            return self.release.build_id
        if is_url(self.store_path):  # a server's data may change under us: tag by our start
            return f"remote-{self.started}"
        return f"store-{int(Path(self.store_path).stat().st_mtime)}"

    @property
    def built_at(self) -> str | None:
        return self.release.meta.get("built_at") if self.release else None

    def refresh(self) -> None:
        """Reopen when `current` was switched to a newer release since we opened ours."""
        if self.data_dir is None:
            return
        latest = current_release(self.data_dir)
        if latest and self.release and latest.path != self.release.path:
            self.release, self.store_path = latest, latest.store_location
            self.store, self._views = open_store(self.store_path), None


def create_app(store_path: Path | str | None = None, *, data: Path | str | None = None,
               config: dict | None = None) -> Flask:
    """An app serving `store_path`, or the current release of `data` when it is None."""
    settings = {**DEFAULTS, **(config or {})}
    if store_path is None:
        base = data_dir(data)
        release = current_release(base)
        if release is None:
            raise StoreError(f"no graph built in {base} yet: run `mhkg build` first, or pass --store")
        service = Service(release.store_location, settings, data_dir=base, release=release)
    else:
        path = store_path if is_url(store_path) else Path(store_path)
        release = Release(path.parent) if not is_url(path) and (path.parent / "build.json").is_file() else None
        service = Service(path, settings, release=release)

    app = Flask(__name__)
    app.json.ensure_ascii = False
    app.json.sort_keys = False
    app.extensions["mhkg"] = service
    register_error_handlers(app)

    @app.before_request
    def _pick_up_new_release():
        service.refresh()

    from . import openapi, operations, rest, sparql  # they look the service up through `service(app)`
    for part in (rest, openapi, sparql, operations):
        app.register_blueprint(part.blueprint)
    return app


def service(app: Flask) -> Service:
    return app.extensions["mhkg"]
