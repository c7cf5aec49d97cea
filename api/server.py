"""`mhkg serve`: the app behind granian (a Rust HTTP server), with one JSON access-log line
per request on standard output.

Why granian, and why through its RSGI interface (bench/README.md, "HTTP layer", has the
figures): a request is read by Rust on an event loop, so a client that sends its head or
its body slowly holds a connection, not a thread. Granian's own WSGI interface would hand
the request to a thread as soon as the head is in and let it wait for the body with no time
limit; here the whole body is read first (`Bridge`, bounded in bytes and in time, see
api/limits.py) and only then is the Flask app called, in a thread.

Each worker process builds its own app over the store opened read-only, and its own pool
of query processes for /sparql (api/sparql/workers.py), started before its first request.
/sparql requests run on threads of their own, as many as can be admitted to the query
processes plus two (which then answer 503 at once), so that slow queries never take the
threads of the REST API, /health and the pages (`threads` of them per worker).
"""
from __future__ import annotations

import asyncio
import io
import json
import logging
import os
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from pathlib import Path

from kg.remote import is_url

from . import limits
from .headers import for_answer as answer_headers
from .limits import Refusal

access_log = logging.getLogger("mhkg.access")
BODYLESS = ("GET", "HEAD", "OPTIONS", "DELETE")


def _environ(scope, fields: list[tuple[str, str]], body: bytes, multiprocess: bool) -> dict:
    """The WSGI environ (PEP 3333) of an RSGI request whose body has been read."""
    host, _, port = scope.server.rpartition(":")
    remote, _, remote_port = scope.client.rpartition(":")
    environ = {
        "REQUEST_METHOD": scope.method, "SCRIPT_NAME": "",
        # granian decodes the path as UTF-8; WSGI wants its bytes as latin-1
        "PATH_INFO": scope.path.encode("utf-8").decode("latin-1"), "QUERY_STRING": scope.query_string,
        "SERVER_NAME": host, "SERVER_PORT": port, "SERVER_PROTOCOL": f"HTTP/{scope.http_version}",
        "REMOTE_ADDR": remote, "REMOTE_PORT": remote_port,
        "wsgi.version": (1, 0), "wsgi.url_scheme": scope.scheme, "wsgi.input": io.BytesIO(body),
        "wsgi.errors": sys.stderr, "wsgi.multithread": True, "wsgi.multiprocess": multiprocess,
        "wsgi.run_once": False,
    }
    for name, value in fields:
        key = {"content-type": "CONTENT_TYPE", "content-length": "CONTENT_LENGTH"}.get(name)
        key = key or "HTTP_" + name.upper().replace("-", "_")
        if key in environ:
            environ[key] += ("; " if key == "HTTP_COOKIE" else ", ") + value
        else:
            environ[key] = value
    if body or "CONTENT_LENGTH" in environ:
        environ["CONTENT_LENGTH"] = str(len(body))
    return environ


class Bridge:
    """An RSGI application serving a WSGI one: each request's head checked and its body
    read on the event loop, then the app called on a thread of the request's pool."""

    def __init__(self, app, threads: int, sparql_threads: int, multiprocess: bool):
        self.app, self.config, self.multiprocess = app, app.extensions["mhkg"].config, multiprocess
        self.pools = {"rest": ThreadPoolExecutor(max(1, threads), "mhkg-http"),
                      "sparql": ThreadPoolExecutor(sparql_threads, "mhkg-sparql")}

    def __rsgi_init__(self, loop) -> None:
        """Start the worker's query processes before its first request."""
        from .sparql.routes import pool_for

        if not is_url(self.app.extensions["mhkg"].store_path):
            pool_for(self.app).warm_up()

    def __rsgi_del__(self, loop) -> None:
        from .sparql.routes import POOL

        for pool in self.pools.values():
            pool.shutdown(wait=False, cancel_futures=True)
        if self.app.extensions.get(POOL):
            self.app.extensions[POOL].close()

    async def __rsgi__(self, scope, protocol) -> None:
        started = time.perf_counter()
        fields = scope.headers.items()
        try:
            limits.check_head(scope.path, scope.query_string, fields, self.config)
            body = await self._body(scope, protocol)
            limits.check_form(scope.headers.get("content-type"), body)
            environ = _environ(scope, fields, body, self.multiprocess)
            pool = self.pools["sparql" if scope.path.rstrip("/") == "/sparql" else "rest"]
            status, headers, payload = await asyncio.get_running_loop().run_in_executor(pool, self._call, environ)
        except Refusal as refusal:
            status, headers, payload = self._refused(refusal, scope.method)
        except Exception:  # noqa: BLE001  e.g. a request arriving as the worker stops: still an answer
            logging.getLogger("mhkg.server").exception("request failed outside the app")
            status, headers, payload = self._refused(Refusal(500, "Internal Server Error", "the request could not "
                                                             "be served; it has been logged"), scope.method)
        protocol.response_bytes(status, [*headers, ("server", "mhkg")], payload)
        self._log(scope, status, len(payload), started)

    def _refused(self, refusal: Refusal, method: str) -> tuple[int, list[tuple[str, str]], bytes]:
        """A refusal with the headers every answer of the app carries (api/headers.py)."""
        status, headers, payload = refusal.response()
        return status, headers + list(answer_headers(status, method, self.config.get("cors_origins")).items()), payload

    async def _body(self, scope, protocol) -> bytes:
        """The whole body, refused past max_body_bytes or BODY_TIMEOUT_S."""
        length = limits.check_length(scope.headers.get("content-length"), self.config)
        if length == 0 or (length is None and "transfer-encoding" not in scope.headers
                           and scope.method in BODYLESS):
            return b""
        most, chunks, size = limits.max_body_bytes(self.config), [], 0
        try:
            async with asyncio.timeout(limits.BODY_TIMEOUT_S):
                async for chunk in protocol:
                    size += len(chunk)
                    if size > most:
                        raise limits.too_long(self.config)
                    chunks.append(chunk)
        except TimeoutError:
            raise limits.too_slow() from None
        return b"".join(chunks)

    def _call(self, environ: dict) -> tuple[int, list[tuple[str, str]], bytes]:
        """Run the WSGI app; its answer as status, headers and body (the app streams nothing)."""
        started: list = []

        def start_response(status, headers, exc_info=None):
            started[:] = [int(status.split(None, 1)[0]), headers]

        answer = self.app(environ, start_response)
        try:
            payload = b"".join(answer)
        finally:
            if hasattr(answer, "close"):
                answer.close()
        return started[0], started[1], payload

    @staticmethod
    def _log(scope, status: int, size: int, started: float) -> None:
        line = {"time": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "method": scope.method, "path": scope.path,
                "status": status, "duration_ms": round((time.perf_counter() - started) * 1000, 2), "bytes": size,
                "remote": scope.client.rpartition(":")[0]}
        access_log.info(json.dumps(line, ensure_ascii=False))


def _worker_app(store_path, data, config: dict, threads: int, multiprocess: bool) -> Bridge:
    """What each worker process serves (called in the worker, after it started)."""
    from .app import create_app

    _stopped_by_the_server_alone()

    handler = logging.StreamHandler(sys.stdout)  # the access log on stdout: stderr is for errors
    handler.setFormatter(logging.Formatter("%(message)s"))
    access_log.handlers[:] = [handler]
    access_log.setLevel(logging.INFO)
    access_log.propagate = False
    app = create_app(store_path, data=data, config=config)
    # as many /sparql requests as the query processes admit, and two more to answer 503 at once
    sparql_threads = int(app.extensions["mhkg"].config["sparql_workers"]) + int(config["sparql_queue"]) + 2
    return Bridge(app, threads, sparql_threads, multiprocess)


def _stopped_by_the_server_alone() -> None:
    """Take this worker out of the terminal's process group, and have it killed when the
    server's main process dies. A Ctrl+C, or a kill of the group, then reaches the main process
    alone, which stops its workers in order: reaching the workers too, their exits raced the main
    process's own signal handler, and granian's (both set one threading.Event, whose lock the
    main thread may hold) could hang the server for good. An orphan is killed, not asked to
    stop: asked (SIGTERM), one worker's stop hung once in CI and it served on for minutes with
    no main process; it holds nothing to save, and its query processes end when their pipes close
    (an idle one at once, a busy one when its query ends)."""
    import ctypes
    import signal

    os.setpgid(0, 0)
    ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # 1 = PR_SET_PDEATHSIG
    if os.getppid() == 1:                                       # the server died before that
        os.kill(os.getpid(), signal.SIGKILL)


class _WakingEvent(threading.Event):
    """The event granian's main loop waits on and its signal handlers set. Its lock is
    re-entrant, so that a handler run in the main thread while that thread holds it (inside
    the wait) sets it instead of waiting on itself; and the wait wakes twice a second, so that
    a signal the kernel gave another thread (RocksDB's, a worker watcher's) has its Python
    handler run: waiting with no timeout, the server once ignored `make run`'s SIGTERM for good
    (main thread in a futex wait, "Shutting down granian" never logged)."""

    def __init__(self):
        super().__init__()
        self._cond = threading.Condition(threading.RLock())

    def wait(self, timeout: float | None = None) -> bool:
        if timeout is not None:
            return super().wait(timeout)
        while not super().wait(0.5):
            pass
        return True


def serve(store_path: Path | str | None, data: Path | None = None, host: str = "127.0.0.1", port: int = 8000,
          workers: int = 2, threads: int = 1, config: dict | None = None) -> None:
    """Serve `store_path` (a store directory, or a store server's query URL) until stopped,
    or, when it is None, the current release of `data`, following each new one."""
    from granian.constants import HTTPModes, Interfaces
    from granian.http import HTTP1Settings
    from granian.server import Server

    from .app import DEFAULTS, create_app
    from .service import service

    # fail here, with the store's own message, not in every worker; and hold no release
    service(create_app(store_path, data=data, config=config)).close()
    config = {**DEFAULTS, **(config or {})}
    server = Server(
        "mhkg", address=host, port=port, interface=Interfaces.RSGI, workers=workers, http=HTTPModes.http1,
        websockets=False, backlog=2048, backpressure=4096,  # connections per worker: slow ones cost no thread
        http1_settings=HTTP1Settings(header_read_timeout=limits.HEADER_TIMEOUT_S * 1000),
        respawn_failed_workers=True, respawn_interval=1.0,  # a worker that dies is replaced
        workers_kill_timeout=10,  # a worker that does not stop within 10 s of SIGTERM is killed
    )
    server.main_loop_interrupt = _WakingEvent()
    server.serve(target_loader=partial(_worker_app, store_path, data, config, threads, workers > 1),
                 wrap_loader=False)
