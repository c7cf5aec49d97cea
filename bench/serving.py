"""Serving benchmark: MHKG (REST and /sparql) beside `oxigraph serve`, on the same
synthetic data, at each size, in one run (issue 5, §2–3).

    python -m bench serve                       # 100k, 1M and 5M triples (15–30 min on 2 cores)
    python -m bench serve --quick               # 100k only, 2 s per measurement (about a minute)
    python -m bench serve --sizes 100k,1m

For each size: generate (or reuse) the graph; time raw pyoxigraph `bulk_load` and MHKG's
store write path (`bulk_extend` + `flush` + `optimize`, as `mhkg build` does); build the
views and time it; start both servers; measure latency p50/p95/p99 of the query mix one
client at a time, then throughput at 8 and 32 clients; stop. Prints the tables, the
ratio MHKG / oxigraph, the growth of each query's cost with size and each target of
the issue met or missed; writes bench/results/latest.json and latency.png.
"""
from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import requests

from . import mix, report, synthetic
from .load import latency, throughput
from .servers import MhkgServer, OxigraphServer

RESULTS = Path(__file__).resolve().parent / "results"
TARGETS = ("rest", "mhkg_sparql", "oxigraph")
LABELS = {"rest": "MHKG REST", "mhkg_sparql": "MHKG /sparql", "oxigraph": "oxigraph serve"}


def others_busy(seconds: float = 3.0) -> dict | None:
    """How busy the machine is while the benchmark itself does nothing (no server, no client):
    the share of all cores in use and of stolen time (virtual machine) over `seconds`, from
    /proc/stat, and the load averages. Other people's work on the machine shows here."""
    def sample() -> list[int]:
        return [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    try:
        before = sample()
        time.sleep(seconds)
        delta = [b - a for a, b in zip(before, sample())]
    except (OSError, ValueError):
        return None
    total = sum(delta[:8]) or 1
    idle = delta[3] + delta[4]                     # idle, iowait
    steal = delta[7] if len(delta) > 7 else 0
    return {"busy": round((total - idle) / total, 3), "steal": round(steal / total, 3),
            "load_average": [round(x, 2) for x in os.getloadavg()]}


def machine() -> dict:
    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    versions = {}
    for package in ("pyoxigraph", "oxigraph", "flask", "gunicorn"):
        try:
            from importlib.metadata import version
            versions[package] = version(package)
        except Exception:  # noqa: BLE001 - not installed
            versions[package] = None
    return {"nproc": os.cpu_count(), "ram_gib": round(ram, 1), "cpu": cpu, "python": platform.python_version(),
            "kernel": platform.release(), **versions}


# ---- build side ---------------------------------------------------------------------------

def load_release(nq: Path, release: Path, log, extra=()) -> dict:
    """A release made of `nq` (and the quads `extra`, added after it) in `release`: raw
    bulk_load into `release/store` and the views beside it (build.json names the file);
    seconds of each."""
    from pyoxigraph import RdfFormat, Store

    from kg.views import build_views

    shutil.rmtree(release, ignore_errors=True)
    release.mkdir(parents=True)
    started = time.perf_counter()
    store = Store(str(release / "store"))
    store.bulk_load(path=str(nq), format=RdfFormat.N_QUADS)
    store.flush()
    raw = time.perf_counter() - started
    if extra:
        store.bulk_extend(extra)
        store.flush()
    quads = len(store)
    log(f"  bulk_load: {quads:,} quads in {raw:.1f} s ({quads / raw:,.0f} quads/s)")

    started = time.perf_counter()
    views_path = build_views(store, release, f"bench-{nq.stem}")
    views = time.perf_counter() - started
    (release / "build.json").write_text(json.dumps({"build_id": f"bench-{nq.stem}", "quads": quads}) + "\n")
    log(f"  views: {views:.1f} s ({views_path.stat().st_size / 2**20:.0f} MiB)")
    del store
    gc.collect()
    return {"quads": quads, "bulk_load_s": round(raw, 2), "bulk_load_qps": round(quads / raw),
            "views_s": round(views, 2), "views_mib": round(views_path.stat().st_size / 2**20, 1),
            "store_mib": round(sum(f.stat().st_size for f in (release / "store").rglob("*") if f.is_file()) / 2**20, 1)}


def load_and_views(nq: Path, release: Path, log) -> dict:
    """Raw bulk_load into `release/store` and the views into `release` (`load_release`), then
    MHKG's write path into a scratch store; seconds of each."""
    from pyoxigraph import RdfFormat, Store, parse

    loaded = load_release(nq, release, log)
    quads = loaded["quads"]

    # MHKG's store write path (kg/build.py): quads in memory → bulk_extend, flush, optimize
    started = time.perf_counter()
    with nq.open("rb") as source:
        parsed = list(parse(source, format=RdfFormat.N_QUADS))
    parse_s = time.perf_counter() - started
    scratch = release.parent / "mhkg-write"
    shutil.rmtree(scratch, ignore_errors=True)
    started = time.perf_counter()
    other = Store(str(scratch))
    other.bulk_extend(parsed)
    other.flush()
    extend_s = time.perf_counter() - started
    other.optimize()
    write_s = time.perf_counter() - started
    del other, parsed
    gc.collect()
    shutil.rmtree(scratch, ignore_errors=True)
    log(f"  mhkg write path: parse {parse_s:.1f} s, bulk_extend+flush {extend_s:.1f} s, +optimize {write_s:.1f} s")
    return {**loaded, "parse_s": round(parse_s, 2), "bulk_extend_s": round(extend_s, 2),
            "mhkg_write_s": round(write_s, 2), "mhkg_write_qps": round(quads / write_s)}


def seed_build_seconds() -> float | None:
    """`mhkg build` of the seed graph (assembly, SHACL, store, views) into a scratch dir."""
    from kg.build import build
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        try:
            build(Path(tmp) / "data", log=lambda *_: None)
        except Exception as err:  # noqa: BLE001 - the benchmark goes on; the figure says why
            print(f"  seed build failed: {err}")
            return None
        return round(time.perf_counter() - started, 2)


# ---- serving side -------------------------------------------------------------------------

def deep_offset(mhkg: MhkgServer, params: dict) -> int:
    """An offset four fifths into the list of recommendations with the chosen status."""
    page = requests.get(f"{mhkg.base}/api/recommendations", params={"status": params["status"], "limit": 1},
                        timeout=120).json()
    return max(0, page["total"] * 4 // 5 // 50 * 50)


def measure_size(size: int, args, log) -> dict:
    name = synthetic.size_name(size)
    started = time.perf_counter()
    nq, info = synthetic.cached(size, args.seed)
    log(f"== {name}: {nq.name} ({info['triples']:,} lines, {time.perf_counter() - started:.1f} s to make or find)")
    work = synthetic.CACHE / "run" / name
    busy = others_busy()
    log(f"  others' use of the machine (3 s, benchmark idle): {busy}")
    result = {"size": name, "target_triples": size, "counts": info["counts"], "others_busy_before": busy,
              "build": load_and_views(nq, work / "release", log)}
    params = dict(info["params"])
    logs = work / "logs"
    oxigraph = OxigraphServer(work / "release" / "store", logs)
    mhkg = MhkgServer(work / "release" / "store", logs, workers=args.workers, threads=args.threads)
    with oxigraph, mhkg:
        params["offset"] = deep_offset(mhkg, params)
        has_sparql = mhkg.has_sparql()
        log(f"  servers: oxigraph on {oxigraph.port}, MHKG ({mhkg.how}) on {mhkg.port}"
            + ("" if has_sparql else "; MHKG has no /sparql yet: not measured"))
        def where(target: str) -> tuple[str, str]:   # asked each time: a restart moves a server's port
            return {"rest": ("rest", mhkg.base), "mhkg_sparql": ("sparql", mhkg.sparql),
                    "oxigraph": ("sparql", oxigraph.sparql)}[target]
        targets = [t for t in TARGETS if t != "mhkg_sparql" or has_sparql]
        result.update(server=mhkg.how, params=params, latency={}, throughput={})
        session = requests.Session()
        for query in mix.QUERIES:
            result["latency"][query] = {}
            for target in targets:
                kind, url = where(target)
                lat = latency(session, mix.requests_for(kind, url, query, params), args.seconds,
                              max_seconds=args.max_seconds)
                result["latency"][query][target] = lat.as_dict()
                log(f"  {query:12} {LABELS[target]:15} p50 {report.ms(lat.p50):>9} p95 {report.ms(lat.p95):>9}"
                    f"  n={lat.n}" + (f"  errors={lat.errors} ({lat.error})" if lat.errors else "")
                    + (f"  rows={lat.rows}" if lat.rows is not None else ""))
        session.close()
        servers = {"rest": mhkg, "mhkg_sparql": mhkg, "oxigraph": oxigraph}
        for load_name, names in (("mix", mix.QUERIES), ("lookup", ("lookup",))):
            result["throughput"][load_name] = {}
            for clients in args.clients:
                for target in targets:
                    kind, url = where(target)
                    figures = throughput(mix.mix_requests(kind, url, params, names), clients, args.load_seconds)
                    result["throughput"][load_name].setdefault(str(clients), {})[target] = figures
                    log(f"  {load_name:6} x{clients:<3} {LABELS[target]:15} {figures['req_per_s']:>9.1f} req/s"
                        f"  (ok {figures['ok']}, errors {figures['errors']}, unfinished {figures['unfinished']})")
                    if figures["unfinished"]:   # queries the clients gave up on may still run: start afresh
                        servers[target].restart()
    result["restarts"] = {"oxigraph": oxigraph.restarts, "mhkg": mhkg.restarts}
    result["others_busy_after"] = busy = others_busy()
    log(f"  others' use of the machine (3 s, benchmark idle): {busy}")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return result


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench serve", description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100k,1m,5m", help="graph sizes in triples (default 100k,1m,5m)")
    parser.add_argument("--quick", action="store_true", help="100k only, 2 s per measurement")
    parser.add_argument("--seconds", type=float, default=5.0, help="per latency measurement (default 5)")
    parser.add_argument("--load-seconds", type=float, default=6.0, help="per throughput measurement (default 6)")
    parser.add_argument("--max-seconds", type=float, default=60.0,
                        help="a latency measurement stops after this even with fewer than 3 answers")
    parser.add_argument("--clients", default="8,32", help="concurrent clients for throughput (default 8,32)")
    parser.add_argument("--workers", type=int, default=2, help="MHKG server processes (default 2)")
    parser.add_argument("--threads", type=int, default=1, help="threads per MHKG process (default 1)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", action="store_true", help="keep the stores and views in bench/.cache/run/")
    parser.add_argument("--out", type=Path, default=RESULTS, help="where latest.json and latency.png go")
    args = parser.parse_args(argv)
    if args.quick:
        args.sizes, args.seconds, args.load_seconds, args.max_seconds = "100k", 2.0, 2.0, 20.0
    sizes = [synthetic.parse_size(s) for s in args.sizes.split(",") if s.strip()]
    args.clients = [int(c) for c in str(args.clients).split(",")]

    def log(line: str) -> None:
        print(line, flush=True)

    info = machine()
    log(f"machine: {info['nproc']} cores, {info['ram_gib']} GiB, {info['cpu']}; pyoxigraph {info['pyoxigraph']}, "
        f"oxigraph CLI {info['oxigraph']}")
    results = {"machine": info, "started": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
               "git": _git_head(), "settings": {k: (str(v) if isinstance(v, Path) else v)
                                                for k, v in vars(args).items()},
               "seed_build_s": seed_build_seconds(), "sizes": []}
    log(f"seed graph build (mhkg build, SHACL included): {results['seed_build_s']} s")
    for size in sizes:
        results["sizes"].append(measure_size(size, args, log))
    results["finished"] = time.strftime("%Y-%m-%dT%H:%M:%S%z")
    results["targets"] = report.targets(results)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "latest.json").write_text(json.dumps(results, indent=2) + "\n")
    print()
    print(report.text(results))
    plot = report.plot(results, args.out / "latency.png")
    print(f"\nfigures: {args.out / 'latest.json'}" + (f"; plot: {plot}" if plot else "; no plot (pip install '.[bench]')"))


def _git_head() -> str | None:
    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                              cwd=Path(__file__).parent, timeout=10).stdout.strip() or None
    except (OSError, subprocess.SubprocessError):
        return None
