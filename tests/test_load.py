"""Load: 32 concurrent clients over the whole REST surface (and /sparql) for a while:
no errors, and the server's memory does not keep growing once it has warmed up.

The short form runs in CI (MHKG_LOAD_SECONDS, default 10 s); the long form of issue 5 is
`MHKG_LOAD_SECONDS=60 make test PYTEST_ARGS=tests/test_load.py`."""
from __future__ import annotations

import itertools
import os
import threading
import time
from pathlib import Path
from urllib.parse import quote

import requests

CLIENTS = 32
SECONDS = float(os.environ.get("MHKG_LOAD_SECONDS", "10"))
#: Growth of the server's resident memory allowed after the first third of the run.
MEMORY_BOUND_MB = 64
SPARQL = "SELECT ?s ?label WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?label } LIMIT 20"
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
    stop = time.monotonic() + SECONDS
    failures, counts, lock = [], itertools.count(), threading.Lock()

    def client(offset: int):
        session = requests.Session()
        for path in itertools.islice(itertools.cycle(PATHS), offset, None):
            if time.monotonic() > stop:
                return
            try:
                response = session.get(graph_server.url + path, timeout=30)
                ok = response.status_code == 200
            except requests.RequestException as err:
                ok, response = False, err
            next(counts)
            if not ok:
                with lock:
                    failures.append((path, getattr(response, "status_code", response)))

    threads = [threading.Thread(target=client, args=(i,)) for i in range(CLIENTS)]
    for thread in threads:
        thread.start()
    samples = []
    while any(t.is_alive() for t in threads):
        samples.append((time.monotonic(), resident_mb(graph_server.pid)))
        time.sleep(0.25)
    for thread in threads:
        thread.join()

    requests_made = next(counts)
    assert not failures, f"{len(failures)} of {requests_made} requests failed, e.g. {failures[:5]}"
    assert requests_made > CLIENTS * len(PATHS) / 4
    warm = stop - SECONDS * 2 / 3
    after_warm_up = [mb for at, mb in samples if at >= warm]
    baseline = after_warm_up[0]
    assert max(after_warm_up) - baseline <= MEMORY_BOUND_MB, (baseline, max(after_warm_up))
