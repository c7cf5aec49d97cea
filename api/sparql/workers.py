"""The killable pool: query processes (api/sparql/worker.py), each with the store open
read-only, that a server process hands its queries to.

pyoxigraph has no timeout and no cancellation (ORDER BY and GROUP BY are computed inside
`Store.query`), so a query is stopped by killing the process running it. A request takes an
idle process (waiting at most `timeout_s` for one: else 503), sends the query and waits at
most `timeout_s` for the answer; past that the process is killed (SIGKILL), a replacement is
started in the background and the request is answered 504. Other requests meanwhile go to
the other processes: the server's threads only wait on pipes.

Each server process (gunicorn worker) has its own pool, started on first use (or at worker
start by api/server.py); the processes die with it (killed at exit, and they stop by
themselves when their request pipe closes).
"""
from __future__ import annotations

import atexit
import logging
import os
import pickle
import queue
import select
import subprocess
import sys
import threading
import time
from pathlib import Path

from .worker import HEADER

WORKER = Path(__file__).with_name("worker.py")
log = logging.getLogger("mhkg.sparql")


class QueryTimeout(Exception):
    pass


class NoQueryProcess(Exception):
    """No process was free (all busy with other queries) or none could start."""


class QueryProcess:
    def __init__(self, store_path: str):
        self.process = subprocess.Popen([sys.executable, "-I", str(WORKER), store_path],
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self.answers = self.process.stdout.fileno()

    @property
    def pid(self) -> int:
        return self.process.pid

    def send(self, message) -> None:
        payload = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
        self.process.stdin.write(HEADER.pack(len(payload)) + payload)
        self.process.stdin.flush()

    def receive(self, timeout_s: float):
        """The next frame, or QueryTimeout when none began within `timeout_s`."""
        readable, _, _ = select.select([self.answers], [], [], max(0.0, timeout_s))
        if not readable:
            raise QueryTimeout(f"no answer within {timeout_s:.1f} s")
        header = self._read(HEADER.size)
        (size,) = HEADER.unpack(header)
        return pickle.loads(self._read(size))

    def _read(self, size: int) -> bytes:
        chunks, left = [], size
        while left:
            chunk = os.read(self.answers, min(left, 1 << 20))
            if not chunk:
                raise EOFError(f"query process {self.pid} ended (exit status {self.process.poll()})")
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        for stream in (self.process.stdin, self.process.stdout):
            try:
                stream.close()
            except OSError:
                pass


class Pool:
    def __init__(self, store_path: str, size: int, start_timeout_s: float = 60.0):
        self.store_path, self.size, self.start_timeout_s = str(store_path), max(1, size), start_timeout_s
        self.idle: queue.Queue[QueryProcess] = queue.Queue()
        self.processes: set[QueryProcess] = set()
        self.failure: str | None = None
        self.closed = False
        self._lock = threading.Lock()
        for _ in range(self.size):
            self._start_in_background()
        atexit.register(self.close)

    def _start_in_background(self) -> None:
        threading.Thread(target=self._start, name="sparql-query-process-start", daemon=True).start()

    def _start(self) -> None:
        process = QueryProcess(self.store_path)
        with self._lock:
            if self.closed:
                process.kill()
                return
            self.processes.add(process)
        try:
            ready = process.receive(self.start_timeout_s)
        except (QueryTimeout, EOFError, OSError, pickle.UnpicklingError) as err:
            ready = {"ready": False, "message": str(err)}
        if not ready.get("ready"):
            self.failure = f"a query process could not open the store at {self.store_path}: {ready.get('message')}"
            log.error(self.failure)
            self._discard(process)
            return
        self.failure = None
        self.idle.put(process)

    def _discard(self, process: QueryProcess) -> None:
        process.kill()
        with self._lock:
            self.processes.discard(process)

    def warm_up(self, timeout_s: float = 30.0) -> bool:
        """Wait until every process is ready (for a server starting)."""
        deadline = time.monotonic() + timeout_s
        while self.idle.qsize() < self.size and time.monotonic() < deadline and not self.failure:
            time.sleep(0.02)
        return self.idle.qsize() >= self.size

    def run(self, request: dict, timeout_s: float) -> dict:
        """The query process's answer; QueryTimeout after `timeout_s` of execution (the
        process is then killed and replaced), NoQueryProcess when none came free in time."""
        try:
            process = self.idle.get(timeout=timeout_s)
        except queue.Empty:
            raise NoQueryProcess(self.failure or f"all {self.size} query processes stayed busy for "
                                 f"{timeout_s:.0f} s; try again later") from None
        try:
            process.send(request)
            reply = process.receive(timeout_s)
        except QueryTimeout:
            log.warning("query stopped after %.1f s: killing query process %s", timeout_s, process.pid)
            self._replace(process)
            raise
        except (EOFError, OSError, pickle.UnpicklingError) as err:
            log.error("query process %s failed: %s", process.pid, err)
            self._replace(process)
            raise NoQueryProcess(f"the query process failed ({err}); it has been replaced") from err
        self.idle.put(process)
        return reply

    def _replace(self, process: QueryProcess) -> None:
        self._discard(process)
        if not self.closed:
            self._start_in_background()

    def close(self) -> None:
        with self._lock:
            self.closed = True
            processes, self.processes = list(self.processes), set()
        for process in processes:
            process.kill()
