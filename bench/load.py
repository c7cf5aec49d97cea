"""HTTP clients of the benchmark: latency of one query asked again and again by one
client, and throughput of a mix of queries asked by many clients at once.

Clients are `requests.Session`s (keep-alive where the server allows it). Throughput runs
in 2 processes × (clients / 2) threads, so the clients' own Python is not one GIL; on a
2-core machine they share the cores with the server, the same for every server measured.
"""
from __future__ import annotations

import multiprocessing
import threading
import time
from dataclasses import dataclass

import requests

#: One request: URL, query parameters, headers.
Request = tuple[str, dict, dict]
JSON = {"Accept": "application/json"}
SPARQL_JSON = {"Accept": "application/sparql-results+json"}
TIMEOUT = 600.0


def percentile(sorted_values: list[float], q: float) -> float | None:
    """The q-th percentile (0–100), linear between the closest ranks."""
    if not sorted_values:
        return None
    if len(sorted_values) == 1:
        return sorted_values[0]
    rank = (len(sorted_values) - 1) * q / 100
    low = int(rank)
    high = min(low + 1, len(sorted_values) - 1)
    return sorted_values[low] + (sorted_values[high] - sorted_values[low]) * (rank - low)


def answer_size(response: requests.Response) -> int | None:
    """Rows of a SPARQL result, items of a REST page, 1 for one resource."""
    try:
        body = response.json()
    except ValueError:
        return None
    if isinstance(body, dict) and "results" in body:
        return len(body["results"].get("bindings", []))
    if isinstance(body, dict) and "items" in body:
        return len(body["items"])
    return 1


@dataclass
class Latency:
    n: int
    errors: int
    p50: float | None
    p95: float | None
    p99: float | None
    mean: float | None
    rows: int | None       # the size of the answer (the first one)
    first_ms: float | None  # the warm-up request, not counted
    error: str | None = None

    def as_dict(self) -> dict:
        return {k: (round(v, 3) if isinstance(v, float) else v) for k, v in self.__dict__.items()}


def latency(session: requests.Session, requests_: list[Request], seconds: float, min_samples: int = 3,
            max_seconds: float = 90.0) -> Latency:
    """Ask the requests in turn, one at a time, for `seconds` (at least `min_samples`
    answers, at most `max_seconds`), after one warm-up request; times in milliseconds."""
    times, errors, rows, error = [], 0, None, None
    started = time.perf_counter()
    first = _timed(session, requests_[0])
    first_ms, ok, rows, error = first
    if not ok:
        errors += 1
    i = 0
    while True:
        elapsed = time.perf_counter() - started
        if (elapsed >= seconds and len(times) + errors >= min_samples) or elapsed >= max_seconds:
            break
        i += 1
        ms, ok, size, message = _timed(session, requests_[i % len(requests_)])
        if ok:
            times.append(ms)
            rows = rows if rows is not None else size
        else:
            errors += 1
            error = error or message
    times.sort()
    return Latency(len(times), errors, percentile(times, 50), percentile(times, 95), percentile(times, 99),
                   sum(times) / len(times) if times else None, rows, first_ms, error)


def _timed(session: requests.Session, request: Request) -> tuple[float, bool, int | None, str | None]:
    url, params, headers = request
    t0 = time.perf_counter()
    try:
        response = session.get(url, params=params, headers=headers, timeout=TIMEOUT)
        body = response.content
    except requests.RequestException as err:
        return (time.perf_counter() - t0) * 1000, False, None, f"{type(err).__name__}: {err}"[:200]
    ms = (time.perf_counter() - t0) * 1000
    if response.status_code != 200:
        return ms, False, None, f"HTTP {response.status_code}: {body[:160]!r}"
    return ms, True, answer_size(response), None


# ---- throughput --------------------------------------------------------------------------

def _client(requests_: list[Request], start: int, start_at: float, deadline: float, tally: dict,
            lock: threading.Lock) -> None:
    session = requests.Session()
    ok = errors = unfinished = 0
    i = start
    while time.time() < start_at:
        time.sleep(0.001)
    while True:
        now = time.time()
        if now >= deadline:
            break
        url, params, headers = requests_[i % len(requests_)]
        i += 1
        try:
            response = session.get(url, params=params, headers=headers, timeout=max(0.2, deadline - now + 0.5))
            response.content
            if time.time() > deadline:
                unfinished += 1
            elif response.status_code == 200:
                ok += 1
            else:
                errors += 1
        except requests.Timeout:
            unfinished += 1
        except requests.RequestException:
            errors += 1
    session.close()
    with lock:
        tally["ok"] += ok
        tally["errors"] += errors
        tally["unfinished"] += unfinished


def _process(args) -> dict:
    requests_, threads, first, start_at, deadline = args
    tally, lock = {"ok": 0, "errors": 0, "unfinished": 0}, threading.Lock()
    workers = [threading.Thread(target=_client, args=(requests_, (first + t) * 7, start_at, deadline, tally, lock))
               for t in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return tally


def throughput(requests_: list[Request], clients: int, seconds: float, processes: int = 2) -> dict:
    """Completed requests per second with `clients` clients asking `requests_` in turn (each
    client from its own place in the list) for `seconds`. A request still running at the
    end is abandoned and counted as unfinished, not as an error."""
    processes = max(1, min(processes, clients))
    share = [clients // processes + (1 if p < clients % processes else 0) for p in range(processes)]
    start_at = time.time() + 2.0      # time for the processes to start
    deadline = start_at + seconds
    firsts = [sum(share[:p]) for p in range(processes)]
    with multiprocessing.get_context("spawn").Pool(processes) as pool:
        tallies = pool.map(_process, [(requests_, share[p], firsts[p], start_at, deadline) for p in range(processes)])
    total = {k: sum(t[k] for t in tallies) for k in ("ok", "errors", "unfinished")}
    return {"clients": clients, "seconds": seconds, "req_per_s": round(total["ok"] / seconds, 2), **total}
