"""`mhkg serve`: the app under gunicorn, with one JSON access-log line per request.

Each gunicorn worker (a process) builds its own app over the store opened read-only, and its
own pool of query processes for /sparql (api/sparql/workers.py), started when the worker
starts. A worker with `threads` > 1 is a gthread worker: while one thread waits for a slow
query, others answer.
"""
from __future__ import annotations

import json
import time
from pathlib import Path

from gunicorn.app.base import BaseApplication
from gunicorn.glogging import Logger

from kg.remote import is_url


class JsonAccessLog(Logger):
    """Access log lines as JSON: method, path, status, duration in ms, bytes sent."""

    def access(self, resp, req, environ, request_time):
        if not (self.cfg.accesslog or self.cfg.logconfig or self.cfg.syslog):
            return
        status = resp.status.split(None, 1)[0] if isinstance(resp.status, str) else resp.status
        line = {"time": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "method": environ.get("REQUEST_METHOD"),
                "path": environ.get("PATH_INFO"), "status": int(status),
                "duration_ms": round(request_time.total_seconds() * 1000, 2),
                "bytes": getattr(resp, "sent", None), "remote": environ.get("REMOTE_ADDR")}
        try:
            self.access_log.info(json.dumps(line, ensure_ascii=False))
        except Exception:  # noqa: BLE001  logging must never fail a request
            self.exception("access log failed")


class Server(BaseApplication):
    def __init__(self, store_path, data, options: dict, config: dict):
        self.store_path, self.data, self.options, self.config = store_path, data, options, config
        super().__init__()

    def load_config(self):
        for key, value in self.options.items():
            if key in self.cfg.settings:  # settings of newer gunicorns are skipped on older ones
                self.cfg.set(key, value)

    def load(self):
        from .app import create_app

        return create_app(self.store_path, data=self.data, config=self.config)


def _start_query_processes(worker) -> None:
    """Start the worker's query processes before its first request."""
    from .sparql.routes import pool_for

    app = worker.wsgi
    if not is_url(app.extensions["mhkg"].store_path):
        pool_for(app).warm_up()


def serve(store_path: Path | str | None, data: Path | None = None, host: str = "127.0.0.1", port: int = 8000,
          workers: int = 2, threads: int = 1, config: dict | None = None) -> None:
    """Serve `store_path` (a store directory, or a store server's query URL) until stopped,
    or, when it is None, the current release of `data`, following each new one."""
    from .app import DEFAULTS, create_app
    from .service import service

    # fail here, with the store's own message, not in every worker; and hold no release
    service(create_app(store_path, data=data, config=config)).close()
    config = {**DEFAULTS, **(config or {})}
    timeout_s = float(config["timeout_s"])
    max_query_bytes = int(config["max_query_bytes"])
    options = {
        "bind": f"{host}:{port}",
        "workers": workers,
        "threads": threads,
        "worker_class": "gthread" if threads > 1 else "sync",
        # a request waits at most timeout_s for a query process and timeout_s for its answer
        "timeout": int(2 * timeout_s + 30),
        "graceful_timeout": 10,
        # a GET query may be max_query_bytes percent-encoded: gunicorn's own cap (8190, else
        # unlimited) must not answer 414 in HTML before /sparql answers 413 as problem+json
        "limit_request_line": 8190 if 3 * max_query_bytes + 1024 <= 8190 else 0,
        "accesslog": "-",
        "errorlog": "-",
        "logger_class": JsonAccessLog,
        "post_worker_init": _start_query_processes,
        # one control socket per user would be shared by every server started (gunicorn ≥ 25.1)
        "control_socket_disable": True,
    }
    Server(store_path, data, options, config).run()
