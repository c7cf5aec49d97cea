"""The two servers the benchmark compares, started on free loopback ports and stopped.

- `oxigraph serve-read-only` (the `oxigraph` CLI from PyPI) over the store directory,
  with the union of the named graphs as default graph (as MHKG's /sparql has it);
- MHKG: `mhkg serve --store DIR` (its production server), or, where that command does not
  exist yet, gunicorn on `api.app:create_app(store_path=DIR)` with the same workers.
"""
from __future__ import annotations

import importlib.util
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import requests

BIN = Path(sys.executable).parent
ASK = "ASK { ?s ?p ?o }"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _tool(name: str) -> str:
    local = BIN / name
    found = str(local) if local.exists() else shutil.which(name)
    if not found:
        raise SystemExit(f"`{name}` not found: install the benchmark's dependencies (make bench)")
    return found


def mhkg_serve_available() -> bool:
    return importlib.util.find_spec("api.server") is not None


class Server:
    """One server process; `base` is its root URL, `sparql` its SPARQL query URL."""

    name = "server"
    grace_s = 10  # seconds from TERM to KILL

    def __init__(self, store: Path, log_dir: Path):
        self.store = Path(store)
        self.log_dir = Path(log_dir)
        self.process: subprocess.Popen | None = None
        self.port = 0
        self.restarts = 0

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def sparql(self) -> str:
        raise NotImplementedError

    def command(self) -> list[str]:
        raise NotImplementedError

    def ready_url(self) -> str:
        return f"{self.sparql}?query={quote(ASK)}"

    def start(self, timeout: float = 120.0) -> "Server":
        self.port = free_port()
        self.log_dir.mkdir(parents=True, exist_ok=True)
        log = open(self.log_dir / f"{self.name}.log", "ab")
        self.process = subprocess.Popen(self.command(), stdout=log, stderr=subprocess.STDOUT,
                                        start_new_session=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})
        log.close()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited with {self.process.returncode}; "
                                   f"see {self.log_dir / (self.name + '.log')}")
            try:
                if requests.get(self.ready_url(), timeout=5).status_code < 500:
                    return self
            except requests.RequestException:
                pass
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"{self.name} did not answer within {timeout:.0f} s")

    def stop(self) -> None:
        """Stop the process group we started (workers included): TERM, then KILL after
        `grace_s` (a server stuck on slow connections is not waited for longer)."""
        if self.process is None or self.process.poll() is not None:
            return
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=self.grace_s)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        except ProcessLookupError:
            pass
            self.process.wait()
        except ProcessLookupError:
            pass

    def restart(self) -> None:
        """A fresh process: what a client abandoned (a query still running) is gone."""
        self.stop()
        self.restarts += 1
        self.start()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


class OxigraphServer(Server):
    name = "oxigraph"

    @property
    def sparql(self) -> str:
        return f"{self.base}/query"

    def command(self) -> list[str]:
        return [_tool("oxigraph"), "serve-read-only", "--location", str(self.store),
                "--bind", f"127.0.0.1:{self.port}", "--union-default-graph"]


class MhkgServer(Server):
    name = "mhkg"

    def __init__(self, store: Path, log_dir: Path, workers: int = 2, threads: int = 1, timeout_s: float = 600):
        super().__init__(store, log_dir)
        self.workers, self.threads, self.timeout_s = workers, threads, timeout_s
        self.how = "mhkg serve" if mhkg_serve_available() else "gunicorn api.app:create_app"

    @property
    def sparql(self) -> str:
        return f"{self.base}/sparql"

    def ready_url(self) -> str:
        return f"{self.base}/api/actors?limit=1"

    def command(self) -> list[str]:
        if mhkg_serve_available():
            return [_tool("mhkg"), "serve", "--store", str(self.store), "--host", "127.0.0.1",
                    "--port", str(self.port), "--workers", str(self.workers), "--threads", str(self.threads),
                    "--timeout", str(self.timeout_s), "--max-rows", "1000000"]
        return [_tool("gunicorn"), "--workers", str(self.workers), "--threads", str(self.threads),
                "--bind", f"127.0.0.1:{self.port}", "--timeout", str(int(self.timeout_s)),
                "--log-level", "warning", f"api.app:create_app(store_path={str(self.store)!r})"]

    def has_sparql(self) -> bool:
        try:
            return requests.get(self.ready_url().replace("/api/actors?limit=1", "/sparql"),
                                params={"query": ASK}, headers={"Accept": "application/sparql-results+json"},
                                timeout=30).status_code == 200
        except requests.RequestException:
            return False
