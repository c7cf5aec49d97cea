"""HTTP layer benchmark: which server keeps answering normal requests while slow clients
hold connections open, and how fast each is without them.

    python -m bench http --quick        # 1 s per measurement, every candidate: under a minute
    python -m bench http                # 5 s per measurement (about 2 minutes)
    python -m bench http --seconds 30 --slow 500   # the long form

On one small synthetic release of our shape, each candidate serves the same Flask app
(`api.app.create_app`), two processes (or threads, for the single-process servers) on a free
loopback port: gunicorn sync (MHKG's server before), gunicorn gthread, granian's WSGI
interface, waitress, cheroot, and `mhkg serve` as it ships (granian's RSGI interface with
api/server.py's bridge); `oxigraph serve-read-only` is the reference. For each: 8 normal
clients (2 processes) ask in turn a REST lookup (`/api/actors/{slug}`; for oxigraph the same
lookup in SPARQL) and `/health` (for oxigraph `ASK {}`), alone, then while `--slow`
connections are held open: half send their head a line every 2 s and never end it, half
send a complete head whose body stays shorter than its Content-Length, a byte every 2 s. A
slow connection the server closes is opened again. Reported per request kind: answers per
second, p50/p95 in ms, requests that failed or got no answer within 3 s. Writes
bench/results/http_layer.json.
"""
from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import selectors
import socket
import sys
import tempfile
import threading
import time
from pathlib import Path

import requests

from . import mix, synthetic
from .load import percentile
from .servers import OxigraphServer, Server, _tool
from .serving import RESULTS, machine, others_busy

STORE_ENV = "MHKG_BENCH_STORE"
TIMEOUT_S = 3.0
SLOW_EVERY_S = 2.0
TALLY = ("opened", "closed_by_server", "open_samples", "samples", "ready")
HEALTH_ASK = "ASK {}"


def wsgi_app():
    """The app every WSGI candidate serves (a factory: each worker builds its own)."""
    from api.app import create_app

    return create_app(os.environ[STORE_ENV])


def serve_cheroot(port: int) -> None:
    from cheroot.wsgi import Server as Cheroot

    Cheroot(("127.0.0.1", port), wsgi_app(), numthreads=16, request_queue_size=1024).safe_start()


class Candidate(Server):
    """A WSGI server serving `wsgi_app` (or `mhkg serve` itself) on the bench's store."""

    grace_s = 3

    def __init__(self, name: str, argv, store: Path, log_dir: Path):
        super().__init__(store, log_dir)
        self.name, self.argv = name, argv

    @property
    def sparql(self) -> str:
        return f"{self.base}/sparql"

    def ready_url(self) -> str:
        return f"{self.base}/health"

    def command(self) -> list[str]:
        return self.argv(self.port, self.store)

    def start(self, timeout: float = 120.0) -> "Candidate":
        os.environ[STORE_ENV] = str(self.store / "store")
        return super().start(timeout)


def _gunicorn(*extra: str):
    return lambda port, store: [_tool("gunicorn"), "--bind", f"127.0.0.1:{port}", "--workers", "2",
                                "--log-level", "warning", *extra, "bench.http_layer:wsgi_app()"]


CANDIDATES = {
    "gunicorn sync 2": _gunicorn(),
    "gunicorn gthread 2x4": _gunicorn("--threads", "4", "--worker-class", "gthread"),
    "granian wsgi 2": lambda port, store: [
        _tool("granian"), "--interface", "wsgi", "--factory", "--workers", "2", "--http", "1", "--port", str(port),
        "--http1-header-read-timeout", "10000", "--log-level", "warning", "bench.http_layer:wsgi_app"],
    "waitress 8 threads": lambda port, store: [
        _tool("waitress-serve"), "--listen", f"127.0.0.1:{port}", "--threads", "8", "--connection-limit", "1000",
        "--channel-timeout", "10", "--call", "bench.http_layer:wsgi_app"],
    "cheroot 16 threads": lambda port, store: [
        sys.executable, "-c", f"from bench.http_layer import serve_cheroot; serve_cheroot({port})"],
    "mhkg serve": lambda port, store: [
        _tool("mhkg"), "serve", "--store", str(store / "store"), "--port", str(port), "--workers", "2"],
}


# ---- the store -----------------------------------------------------------------------------

def make_release(folder: Path, triples: int) -> tuple[Path, dict]:
    """A small synthetic release (store, views, build.json) and the generator's parameters."""
    from pyoxigraph import RdfFormat, Store

    from kg.views import build_views

    nq, info = synthetic.cached(triples)
    release = folder / "release"
    release.mkdir(parents=True)
    store = Store(str(release / "store"))
    store.bulk_load(path=str(nq), format=RdfFormat.N_QUADS)
    store.flush()
    build_views(store, release, "bench-http")
    (release / "build.json").write_text(json.dumps({"build_id": "bench-http"}) + "\n")
    del store
    return release, info["params"]


def normal_requests(server: Server, params: dict) -> dict[str, tuple[str, dict]]:
    """The two kinds of normal request: a lookup and the cheapest answer the server has."""
    if isinstance(server, OxigraphServer):
        endpoint, query, _ = mix.sparql_request(server.sparql, "lookup", params)
        return {"lookup": (endpoint, query), "health": (server.sparql, {"query": HEALTH_ASK})}
    slug = params["actors"][0]
    return {"lookup": (f"{server.base}/api/actors/{slug}", {}), "health": (f"{server.base}/health", {})}


# ---- slow clients --------------------------------------------------------------------------

def _slow_opening(kind: str, body_path: str) -> bytes:
    if kind == "head":
        return b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n"
    return (f"POST {body_path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/sparql-query\r\n"
            "Content-Length: 100000\r\n\r\nASK").encode()


class _Tally:
    """Named counters over a shared array (the slow clients' process writes, the bench reads)."""

    def __init__(self, counts):
        self.counts = counts

    def __getitem__(self, name: str) -> int:
        return self.counts[TALLY.index(name)]

    def __setitem__(self, name: str, value: int) -> None:
        self.counts[TALLY.index(name)] = value


def hold_slow(port: int, count: int, body_path: str, stop, counts) -> None:
    """Keep `count` slow connections open until `stop` is set (a process of its own): each
    sends one line of head, or one byte of body, every SLOW_EVERY_S; one that the server
    closes (or answers) is opened again. `counts` is a shared array indexed as TALLY."""
    tally = _Tally(counts)
    selector = selectors.DefaultSelector()
    slots: dict[int, dict] = {}

    def open_slot(index: int) -> None:
        kind = "head" if index % 2 == 0 else "body"
        try:
            sock = socket.create_connection(("127.0.0.1", port), timeout=2)
            sock.sendall(_slow_opening(kind, body_path))
            sock.setblocking(False)
        except OSError:
            slots[index] = {"sock": None, "kind": kind, "next": time.monotonic() + 0.5}
            return
        slots[index] = {"sock": sock, "kind": kind, "next": time.monotonic() + SLOW_EVERY_S}
        selector.register(sock, selectors.EVENT_READ, index)
        tally["opened"] += 1

    def close_slot(index: int) -> None:
        sock = slots[index]["sock"]
        if sock is not None:
            selector.unregister(sock)
            sock.close()
            tally["closed_by_server"] += 1
        slots[index] = {**slots[index], "sock": None, "next": time.monotonic() + 0.5}

    for index in range(count):
        open_slot(index)
    tally["ready"] = 1
    line = 0
    while not stop.is_set():
        for key, _ in selector.select(timeout=0.05):
            try:
                data = key.fileobj.recv(4096)
            except OSError:
                data = b""
            if not data or data.startswith(b"HTTP/"):
                close_slot(key.data)
        now = time.monotonic()
        open_now = 0
        for index, slot in list(slots.items()):
            if slot["sock"] is None:
                if now >= slot["next"]:
                    open_slot(index)
                continue
            open_now += 1
            if now >= slot["next"]:
                line += 1
                try:
                    slot["sock"].send(f"X-Slow-{line}: 1\r\n".encode() if slot["kind"] == "head" else b" ")
                    slot["next"] = now + SLOW_EVERY_S
                except OSError:
                    close_slot(index)
        tally["open_samples"] += open_now
        tally["samples"] += 1
    for slot in slots.values():
        if slot["sock"] is not None:
            slot["sock"].close()


# ---- normal clients ------------------------------------------------------------------------

def _client_process(args) -> dict:
    """Threads of one client process asking the normal requests in turn until the deadline."""
    kinds, threads, start_at, deadline = args
    results = {kind: {"ms": [], "failed": 0} for kind in kinds}
    lock = threading.Lock()

    def client(offset: int) -> None:
        session, names, i = requests.Session(), list(kinds), offset
        while time.time() < start_at:
            time.sleep(0.001)
        while time.time() < deadline:
            kind = names[i % len(names)]
            i += 1
            url, params = kinds[kind]
            t0 = time.perf_counter()
            try:
                ok = session.get(url, params=params, timeout=TIMEOUT_S).status_code == 200
            except requests.RequestException:
                ok = False
                session.close()
                session = requests.Session()
            ms = (time.perf_counter() - t0) * 1000
            with lock:
                if ok:
                    results[kind]["ms"].append(ms)
                else:
                    results[kind]["failed"] += 1
        session.close()

    workers = [threading.Thread(target=client, args=(t,)) for t in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return results


def measure(pool, kinds: dict, clients: int, seconds: float) -> dict:
    """Answers per second (all kinds together: each client asks them in turn) and p50/p95 per
    kind of request, `clients` clients for `seconds`."""
    start_at = time.time() + 0.3
    deadline = start_at + seconds
    parts = pool.map(_client_process, [(kinds, clients // 2, start_at, deadline)] * 2)
    figures = {"req_per_s": 0.0, "failed": 0}
    for kind in kinds:
        times = sorted(ms for part in parts for ms in part[kind]["ms"])
        failed = sum(part[kind]["failed"] for part in parts)
        figures[kind] = {"ok": len(times), "failed": failed, "p50_ms": _round(percentile(times, 50)),
                         "p95_ms": _round(percentile(times, 95))}
        figures["req_per_s"] = round(figures["req_per_s"] + len(times) / seconds, 1)
        figures["failed"] += failed
    return figures


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def measure_server(server: Server, params: dict, pool, args, log) -> dict:
    kinds = normal_requests(server, params)
    for url, query in kinds.values():  # warm up every worker
        for _ in range(4):
            requests.get(url, params=query, timeout=30)
    result = {"alone": measure(pool, kinds, args.clients, args.seconds)}
    context = multiprocessing.get_context("spawn")
    stop, counts = context.Event(), context.Array("q", len(TALLY))
    body_path = "/query" if isinstance(server, OxigraphServer) else "/sparql"
    holder = context.Process(target=hold_slow, args=(server.port, args.slow, body_path, stop, counts), daemon=True)
    holder.start()
    deadline = time.monotonic() + 30
    while not counts[TALLY.index("ready")] and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.5)  # the slow connections' first lines are in
    result["slow"] = measure(pool, kinds, args.clients, args.seconds)
    stop.set()
    holder.join(timeout=10)
    tally = dict(zip(TALLY, counts))
    result["slow_connections"] = {"asked": args.slow, "opened": tally["opened"],
                                  "closed_by_server": tally["closed_by_server"],
                                  "open_on_average": round(tally["open_samples"] / max(1, tally["samples"]))}
    for phase in ("alone", "slow"):
        row = result[phase]
        log(f"  {server.name:22} {phase:5} {row['req_per_s']:7.1f}/s failed {row['failed']:4}  " + "  ".join(
            f"{kind} p50 {_ms(row[kind]['p50_ms'])} p95 {_ms(row[kind]['p95_ms'])}" for kind in kinds))
    log(f"  {'':22} slow connections: {result['slow_connections']}")
    return result


def _ms(value: float | None) -> str:
    return f"{value:7.1f}" if value is not None else "      —"


def table(results: dict) -> str:
    lines = ["| server | slow conns open | answers/s | lookup p50 / p95 ms | health p50 / p95 ms | "
             "failed or unanswered (3 s) |", "| --- | ---: | ---: | ---: | ---: | ---: |"]
    for name, result in results["servers"].items():
        if "error" in result:
            lines.append(f"| {name} | — | {result['error']} | | | |")
            continue
        for phase in ("alone", "slow"):
            row, slow = result[phase], result["slow_connections"]["open_on_average"] if phase == "slow" else 0
            lookup, health = row["lookup"], row["health"]
            lines.append(f"| {name} | {slow} | {row['req_per_s']:.0f} | {_ms(lookup['p50_ms']).strip()} / "
                         f"{_ms(lookup['p95_ms']).strip()} | {_ms(health['p50_ms']).strip()} / "
                         f"{_ms(health['p95_ms']).strip()} | {row['failed']} |")
    return "\n".join(lines)


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench http", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1 s per measurement (under a minute)")
    parser.add_argument("--seconds", type=float, default=5.0, help="per measurement (default 5)")
    parser.add_argument("--slow", type=int, default=200, help="slow connections held open (default 200)")
    parser.add_argument("--clients", type=int, default=8, help="normal clients (default 8, in 2 processes)")
    parser.add_argument("--triples", default="20k", help="size of the synthetic graph (default 20k)")
    parser.add_argument("--only", help="comma-separated candidates to measure (default: all, and oxigraph)")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    if args.quick:
        args.seconds = 1.0
    names = [*CANDIDATES, "oxigraph serve"]
    if args.only:
        names = [n for n in names if any(part.strip() in n for part in args.only.split(","))]
    started = time.time()
    results = {"machine": machine(), "started": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
               "settings": {k: str(v) for k, v in vars(args).items()}, "others_busy_before": others_busy(1.0),
               "servers": {}}
    print(f"machine: {results['machine']['nproc']} cores; others' use before: {results['others_busy_before']}")
    with tempfile.TemporaryDirectory(prefix="mhkg-bench-http-") as tmp:
        release, params = make_release(Path(tmp), synthetic.parse_size(args.triples))
        with multiprocessing.get_context("spawn").Pool(2) as pool:
            for name in names:
                server = (OxigraphServer(release / "store", Path(tmp) / "logs") if name == "oxigraph serve"
                          else Candidate(name, CANDIDATES[name], release, Path(tmp) / "logs"))
                server.name = name
                began = time.perf_counter()
                try:
                    with server:
                        results["servers"][name] = measure_server(server, params, pool, args, print)
                except RuntimeError as err:
                    results["servers"][name] = {"error": str(err)[:200]}
                    print(f"  {name}: {err}")
                print(f"  {'':22} {time.perf_counter() - began:.1f} s with start and stop")
    results["seconds"] = round(time.time() - started, 1)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "http_layer.json").write_text(json.dumps(results, indent=2) + "\n")
    print()
    print(table(results))
    print(f"\n{results['seconds']} s; figures: {args.out / 'http_layer.json'}")
