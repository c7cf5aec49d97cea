"""The killable pool: query processes (api/sparql/worker.py), each with the store open
read-only and no network, that a server process hands its queries to.

pyoxigraph has no timeout and no cancellation (ORDER BY and GROUP BY are computed inside
`Store.query`), so a query is stopped by killing the process running it. A request is
admitted when fewer than `size + max_waiting` are in the pool already (else 503 at once, so
that slow queries cannot take every thread of the server process); it takes an idle process
(waiting at most `timeout_s` for one: else 503), sends the query and waits at most
`timeout_s` for the answer; past that the process is killed (SIGKILL), a replacement is
started in the background and the request is answered 504. A process that dies while
answering (its memory cap reached: SIGABRT; or a crash) is replaced the same way, and so is
one whose resident memory grew past `recycle_rss_bytes` (the allocator keeps what a big query
took). Other requests meanwhile go to the other processes: the server's threads only wait on
pipes.

Each server process (a granian worker) has its own pool, started on first use (or at worker
start by api/server.py); the processes die with it (killed at exit, and they stop by
themselves when their request pipe closes).
"""
from __future__ import annotations

import atexit
import logging
import math
import os
import pickle
import queue
import select
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from .worker import HEADER

WORKER = Path(__file__).with_name("worker.py")
MIB = 1 << 20
log = logging.getLogger("mhkg.sparql")


@dataclass(frozen=True)
class Limits:
    """What one query may take, and how much the pool takes in (from the app's config)."""

    timeout_s: float
    max_rows: int
    max_answer_bytes: int
    memory_bytes: int
    recycle_rss_bytes: int
    max_waiting: int

    @classmethod
    def from_config(cls, config: dict) -> "Limits":
        return cls(float(config["timeout_s"]), int(config["max_rows"]), int(config["max_answer_bytes"]),
                   int(config["query_memory_mib"]) * MIB, int(config["recycle_rss_mib"]) * MIB,
                   int(config["sparql_queue"]))

    @property
    def retry_after_s(self) -> int:
        """Within a time limit every running query has ended or been stopped."""
        return max(1, math.ceil(self.timeout_s))


class QueryTimeout(Exception):
    pass


class NoQueryProcess(Exception):
    """No process was free (all busy with other queries, others waiting) or none could start."""


class OutOfMemory(Exception):
    """The query took its process past its memory cap."""


class QueryProcessDied(Exception):
    """The process answering the query ended without answering (a crash)."""


def ending(status: int | None) -> str:
    if status is None:
        return "it stopped answering"
    if status < 0:
        try:
            return f"it was killed by {signal.Signals(-status).name}"
        except ValueError:
            return f"it was killed by signal {-status}"
    return f"it exited with status {status}"


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
        (size,) = HEADER.unpack(self._read(HEADER.size))
        return pickle.loads(self._read(size))

    def _read(self, size: int) -> bytearray:
        """`size` bytes into one buffer (an answer may be tens of MB: no list of chunks to join)."""
        buffer = bytearray(size)
        view, filled = memoryview(buffer), 0
        while filled < size:
            count = os.readv(self.answers, [view[filled:filled + (1 << 20)]])
            if not count:
                raise EOFError("its answer pipe closed")
            filled += count
        return buffer

    def rss(self) -> int | None:
        """Resident memory in bytes, where /proc tells it."""
        try:
            return int(Path(f"/proc/{self.pid}/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, ValueError, IndexError):
            return None

    def exit_status(self) -> int | None:
        """Its exit status (negative: the signal), once its answer pipe has closed."""
        try:
            return self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            return None

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
        self.failure: str | None = None  # for the log: it names the store's path
        self.admitted = 0  # requests running or waiting for a process
        self.closed = False
        self._sandbox_warned = False
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
            if self.closed:  # killed by close() while it started: nothing failed
                return
            self.failure = f"a query process could not open the store at {self.store_path}: {ready.get('message')}"
            log.error(self.failure)
            self._discard(process)
            return
        if ready.get("sandbox_missing") and not self._sandbox_warned:
            self._sandbox_warned = True
            log.warning("query processes run without this part of their sandbox: %s",
                        "; ".join(ready["sandbox_missing"]))
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

    def run(self, request: dict, limits: Limits) -> dict:
        """The query process's answer to `request` under `limits`. NoQueryProcess at once when
        `size + max_waiting` requests are in already, or when no process came free within
        the time limit; QueryTimeout past it, OutOfMemory, QueryProcessDied (the process is
        then replaced)."""
        with self._lock:
            if self.admitted >= self.size + limits.max_waiting:
                raise NoQueryProcess(f"all {self.size} query processes are busy and {limits.max_waiting} "
                                     "queries wait for them already; try again later")
            self.admitted += 1
        try:
            return self._run({**request, "max_rows": limits.max_rows, "max_bytes": limits.max_answer_bytes,
                              "max_memory": limits.memory_bytes}, limits)
        finally:
            with self._lock:
                self.admitted -= 1

    def _idle_process(self, timeout_s: float) -> QueryProcess:
        """An idle process still alive (one that ended while idle, killed from outside, is replaced)."""
        deadline = time.monotonic() + timeout_s
        while True:
            try:
                process = self.idle.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                message = "no query process could start; the server log says why" if self.failure else \
                    f"all {self.size} query processes stayed busy for {timeout_s:g} s; try again later"
                raise NoQueryProcess(message) from None
            if process.process.poll() is None:
                return process
            log.error("query process %s ended while idle (%s): replaced", process.pid, ending(process.exit_status()))
            self._replace(process)

    def _run(self, request: dict, limits: Limits) -> dict:
        process = self._idle_process(limits.timeout_s)
        try:
            process.send(request)
            reply = process.receive(limits.timeout_s)
        except QueryTimeout:
            log.warning("query stopped after %.1f s: killing query process %s", limits.timeout_s, process.pid)
            self._replace(process)
            raise
        except (EOFError, OSError, pickle.UnpicklingError) as err:
            status = process.exit_status()
            self._replace(process)
            if status == -signal.SIGABRT:  # what an allocation past RLIMIT_DATA does in pyoxigraph
                log.warning("query process %s reached its memory cap (SIGABRT): replaced", process.pid)
                raise OutOfMemory("SIGABRT") from None
            log.error("query process %s failed (%s, %s): replaced", process.pid, err, ending(status))
            raise QueryProcessDied(ending(status)) from None
        if reply.get("error") == "memory":
            log.warning("query process %s reached its memory cap (MemoryError): replaced", process.pid)
            self._replace(process)
            raise OutOfMemory("MemoryError")
        rss = process.rss()
        if rss is not None and rss > limits.recycle_rss_bytes:
            log.warning("query process %s grew to %d MiB (recycled past %d MiB): replaced", process.pid,
                        rss // MIB, limits.recycle_rss_bytes // MIB)
            self._replace(process)
        else:
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
