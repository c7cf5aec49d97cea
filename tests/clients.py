"""Clients for the load tests: a few threads asking a list of paths in turn for a while,
timing each answer."""
from __future__ import annotations

import threading
import time

import requests


def timed_clients(url: str, paths: list[str], clients: int, seconds: float) -> tuple[list[float], list]:
    """`clients` threads asking `paths` in turn for `seconds`: the sorted latencies (ms) of
    the 200 answers and the (path, status or error name) of every other."""
    times, failures, lock = [], [], threading.Lock()
    stop = time.monotonic() + seconds

    def client(offset: int) -> None:
        session, i = requests.Session(), offset
        while time.monotonic() < stop:
            path = paths[i % len(paths)]
            i += 1
            started = time.perf_counter()
            try:
                status = session.get(url + path, timeout=30).status_code
            except requests.RequestException as err:
                status = type(err).__name__
            with lock:
                if status == 200:
                    times.append((time.perf_counter() - started) * 1000)
                else:
                    failures.append((path, status))

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sorted(times), failures
