"""Session fixtures for tests that need the real, built graph (loaded as a pytest plugin).

The graph is built once per test session into a temporary data directory with the
real build (`kg.build.build`): corpus, facts, SHACL and an on-disk Oxigraph store.
"""
from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def built_release(tmp_path_factory):
    """The release `mhkg build` makes from the project's corpus and facts."""
    from kg.build import build

    return build(tmp_path_factory.mktemp("data"), log=lambda *_: None)


@pytest.fixture(scope="session")
def graph_store(built_release):
    """The built store, opened read-only like the service opens it."""
    from kg.store import open_store

    return open_store(built_release.store_path)


class ServedApi:
    """A running service: its base URL and a `get` taking a path or a full URL."""

    def __init__(self, url: str, pid: int | None = None):
        import requests

        self.url, self.pid = url, pid
        self.session = requests.Session()

    def get(self, path: str, **kwargs):
        return self.session.get(path if path.startswith("http") else self.url + path, timeout=30, **kwargs)


def dies_with_the_tests() -> None:
    """`preexec_fn` for a server the tests start: the kernel sends it SIGTERM when the test
    process dies, even by `kill -9` or a CI timeout, so that no server outlives its tests."""
    import ctypes
    import signal

    ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # 1 = PR_SET_PDEATHSIG


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _what_it_said(process) -> str:
    """The end of what an exited server wrote to a pipe of errors, without waiting on a child
    that may still hold the pipe open."""
    import os

    if process.stderr is None:
        return ""
    os.set_blocking(process.stderr.fileno(), False)
    return (process.stderr.read() or b"").decode(errors="replace")[-2000:]


def wait_until_up(url: str, process, seconds: float = 30.0) -> None:
    import time

    import requests

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with {process.returncode}: {_what_it_said(process)}")
        try:
            requests.get(url, timeout=5)
            return
        except (requests.ConnectionError, requests.Timeout):  # not listening yet, or still starting
            time.sleep(0.1)
    raise RuntimeError(f"no answer from {url} within {seconds} s")


class Service:
    """`mhkg serve` in a subprocess on 127.0.0.1 and a free port, as the README runs it."""

    def __init__(self, *arguments: str, data: str | None = None):
        import subprocess
        import sys

        port = free_port()
        command = [sys.executable, "-m", "mhkg.cli"] + (["--data", data] if data else [])
        command += ["serve", *arguments, "--port", str(port), "--workers", "1", "--threads", "4"]
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                        start_new_session=True,  # its own group: a crash can be simulated
                                        preexec_fn=dies_with_the_tests)
        self.api = ServedApi(f"http://127.0.0.1:{port}", pid=self.process.pid)
        try:
            wait_until_up(self.api.url + "/openapi.json", self.process)
        except RuntimeError:
            self.stop()
            raise

    def stop(self) -> None:
        self.process.terminate()
        self._reaped()

    def crash(self) -> None:
        """kill -9 the server and every process it started."""
        import os
        import signal

        os.killpg(self.process.pid, signal.SIGKILL)
        self._reaped()

    def _reaped(self) -> None:
        """Wait for the server to end and close the pipe of its errors (left to the garbage
        collector, its file warned "unclosed file" inside whatever code ran then)."""
        self.process.wait(timeout=30)
        self.process.stderr.close()

    def __enter__(self) -> ServedApi:
        return self.api

    def __exit__(self, *_exc) -> None:
        self.stop()


@pytest.fixture(scope="session")
def graph_server(built_release):
    """The service on the built graph."""
    with Service("--store", str(built_release.store_path)) as api:
        yield api
