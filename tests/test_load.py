"""Load: 32 concurrent clients over the whole REST surface (and /sparql) for a while:
no errors, and the server's memory does not keep growing once it has warmed up.

And the same REST mix keeps its speed while endless SPARQL queries and slow clients run.
The short form runs in CI (MHKG_LOAD_SECONDS, default 10 s); the long form is
`MHKG_LOAD_SECONDS=60 make test PYTEST_ARGS=tests/test_load.py`."""
from __future__ import annotations

import os
import threading
import time
from pathlib import Path
from urllib.parse import quote

import requests

from bench.http_layer import TALLY, hold_slow
from bench.load import percentile
from clients import timed_clients

CLIENTS = 32
SECONDS = float(os.environ.get("MHKG_LOAD_SECONDS", "10"))
#: Growth of the server's resident memory allowed after the first third of the run.
MEMORY_BOUND_MB = 64
SPARQL = "SELECT ?s ?label WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?label } LIMIT 20"
ENDLESS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
PATHS = [
    "/api/actors", "/api/actors?type=Ministry", "/api/actors?q=inspectie", "/api/actors/comensha",
    "/api/persons", "/api/instruments", "/api/reports", "/api/recommendations?status=adopted",
    "/api/responses", "/api/documents", "/api/documents/kst-28638-174",
    "/api/documents/so-20240516-samen-tegen-mensenhandel/passages?limit=20&offset=20",
    "/api/observations?year_from=2014&year_to=2016", "/api/indicators", "/api/search?q=slachtoffers",
    "/api/search?q=NLA", "/api/actors?format=csv", "/openapi.json", f"/sparql?query={quote(SPARQL)}",
]


def resident_mb(pid: int) -> float:
    """Resident memory of a process and all its descendants, in MB."""
    total, pending = 0, [pid]
    while pending:
        current = pending.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            total += int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmRSS")))
            for task in Path(f"/proc/{current}/task").iterdir():
                pending += [int(c) for c in (task / "children").read_text().split()]
        except (FileNotFoundError, ProcessLookupError, StopIteration):
            continue
    return total / 1024


def test_32_clients_get_no_errors_and_memory_levels_off(graph_server):
    answered: list = []
    load = threading.Thread(target=lambda: answered.extend(timed_clients(graph_server.url, PATHS, CLIENTS, SECONDS)))
    stop = time.monotonic() + SECONDS
    load.start()
    samples = []
    while load.is_alive():
        samples.append((time.monotonic(), resident_mb(graph_server.pid)))
        time.sleep(0.25)
    times, failures = answered
    requests_made = len(times) + len(failures)
    assert not failures, f"{len(failures)} of {requests_made} requests failed, e.g. {failures[:5]}"
    assert requests_made > CLIENTS * len(PATHS) / 4
    warm = stop - SECONDS * 2 / 3
    after_warm_up = [mb for at, mb in samples if at >= warm]
    baseline = after_warm_up[0]
    assert max(after_warm_up) - baseline <= MEMORY_BOUND_MB, (baseline, max(after_warm_up))


def test_rest_keeps_its_speed_while_slow_queries_and_slow_clients_run(graph_server):
    """The REST mix, alone and then while two clients keep endless SPARQL queries running
    (each stopped at the time limit, in query processes that yield the CPU) and 50
    connections send their requests slowly: no REST request fails, and its p95 stays within
    twice (+ 20 ms) its value alone."""
    rest = [path for path in PATHS if not path.startswith("/sparql")]
    alone, failures = timed_clients(graph_server.url, rest, CLIENTS // 4, 3.0)
    assert not failures and alone
    stop, counts = threading.Event(), [0] * len(TALLY)
    port = int(graph_server.url.rsplit(":", 1)[1])
    slow = [threading.Thread(target=hold_slow, args=(port, 50, "/sparql", stop, counts), daemon=True)]
    slow += [threading.Thread(target=_endless_queries, args=(graph_server.url, stop), daemon=True) for _ in range(2)]
    for thread in slow:
        thread.start()
    try:
        during, failures = timed_clients(graph_server.url, rest, CLIENTS // 4, max(SECONDS, 12.0))
    finally:
        stop.set()
    assert not failures, f"{len(failures)} REST requests failed: {failures[:5]}"
    p95_alone, p95_during = percentile(alone, 95), percentile(during, 95)
    print(f"\nREST p95 alone {p95_alone:.1f} ms; with endless queries and 50 slow clients {p95_during:.1f} ms")
    assert p95_during <= 2 * p95_alone + 20, (p95_alone, p95_during)
    assert counts[TALLY.index("opened")] >= 50


def _endless_queries(url: str, stop: threading.Event) -> None:
    """Ask a query that never ends on its own, again and again (each is cut at the time limit)."""
    while not stop.is_set():
        try:
            requests.post(url + "/sparql", data={"query": ENDLESS}, timeout=40)
        except requests.RequestException:
            pass


def test_query_processes_yield_the_cpu_to_the_server(graph_server):
    """The query processes run at a lower priority than the server process that started them
    (set before a process says it is ready, so one still starting is waited for). The test
    before leaves endless queries running on this server until its time limit cuts them: while
    they hold every query process, /sparql answers 503 (api/sparql), so the first query waits."""
    deadline = time.monotonic() + 60
    while (status := requests.get(graph_server.url + "/sparql", params={"query": "ASK {}"},
                                  timeout=30).status_code) == 503 and time.monotonic() < deadline:
        time.sleep(0.5)
    assert status == 200
    server_nice = _stat(graph_server.pid)[16]
    deadline = time.monotonic() + 15
    while True:
        workers = [int(p.name) for p in Path("/proc").iterdir() if p.name.isdigit()
                   and _ancestor(int(p.name), graph_server.pid) and b"api/sparql/worker" in _cmdline(p)]
        niceness = [_stat(pid)[16] for pid in workers]
        if workers and all(nice >= server_nice + 10 for nice in niceness) or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    assert workers and all(nice >= server_nice + 10 for nice in niceness), (server_nice, niceness)


def _stat(pid: int) -> list[int]:
    """The numeric fields of /proc/PID/stat after the command name (16: niceness)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (FileNotFoundError, ProcessLookupError):
        return [0] * 20
    return [int(field) if field.lstrip("-").isdigit() else 0 for field in fields]


def _cmdline(process: Path) -> bytes:
    try:
        return (process / "cmdline").read_bytes()
    except (FileNotFoundError, ProcessLookupError):
        return b""


def _ancestor(pid: int, ancestor: int) -> bool:
    while pid > 1:
        pid = _stat(pid)[1]
        if pid == ancestor:
            return True
    return False
