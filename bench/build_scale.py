"""Build at scale: `mhkg build` of the curated graph plus N ingested typical papers
(bench/papers.py: renumbered copies of four real seeds, 600–1,600 quads each), by phase,
beside a reference (loading the same graph's N-Quads with the `oxigraph` CLI, or with
pyoxigraph's bulk loader where the CLI is not installed); then the time to ingest one more
paper into that graph, by phase.

    python -m bench build [--papers 10000] [--batch 1000] [--data DIR]

With `--data DIR` the data directory is kept (and reused: papers already ingested there are
not ingested again), so that a build can be measured again without re-ingesting.
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from pyoxigraph import RdfFormat, Store

from kg.build import build
from kg.ingest.pipeline import ingest, ingested_fingerprint
from kg.release import current_release

from .papers import typical_papers


def _timed_log(started: float):
    """A `log` that prints each line with the seconds since `started` (the phases' ends)."""
    def log(line: str) -> None:
        print(f"  {time.perf_counter() - started:7.1f} s  {line}", flush=True)
    return log


def ingest_papers(data: Path, folder: Path, count: int, batch: int) -> None:
    """Ingest `count` typical papers into `data`, `batch` per `mhkg ingest`, unless already there."""
    have = len(ingested_fingerprint(data))
    if have >= count:
        print(f"{have} papers already ingested in {data}")
        return
    if batch % 4 or have % 4:
        raise SystemExit("--batch (and the papers already ingested) must be a multiple of 4, the seeds cycled")
    started = time.perf_counter()
    for first in range(have, count, batch):
        n = min(batch, count - first)
        papers = typical_papers(folder, n, start=100_000 + first // 4)   # paper i: seed i % 4, number i // 4
        t = time.perf_counter()
        ingest(papers, data, log=lambda *_: None)
        for paper in papers:
            paper.unlink()
        print(f"ingested papers {first + 1}–{first + n} in {time.perf_counter() - t:.1f} s", flush=True)
    print(f"ingested {count - have} papers in {time.perf_counter() - started:.1f} s", flush=True)


def reference_load(store_path: Path, folder: Path) -> str:
    """The time to load the same graph's N-Quads in bulk, as a reference for the build's load."""
    dump = folder / "graph.nq"
    Store.read_only(str(store_path)).dump(str(dump), format=RdfFormat.N_QUADS)
    target = folder / "reference-store"
    cli = Path(sys.executable).with_name("oxigraph")
    started = time.perf_counter()
    if cli.is_file():
        subprocess.run([str(cli), "load", "--location", str(target), "--file", str(dump)], check=True,
                       capture_output=True)
        how = "`oxigraph load`"
    else:
        store = Store(str(target))
        store.bulk_load(path=str(dump), format=RdfFormat.N_QUADS)
        store.flush()
        del store
        how = "pyoxigraph bulk_load"
    seconds = time.perf_counter() - started
    size = dump.stat().st_size / 1e6
    shutil.rmtree(target, ignore_errors=True)
    dump.unlink()
    return f"reference: {how} of the same {size:.0f} MB of N-Quads into a new store: {seconds:.1f} s"


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench build")
    parser.add_argument("--papers", type=int, default=10_000, help="typical papers ingested (default 10000)")
    parser.add_argument("--batch", type=int, default=1_000, help="papers per ingest (default 1000)")
    parser.add_argument("--data", type=Path, help="keep (and reuse) this data directory")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        data = args.data or tmp / "data"
        if current_release(data) is None:
            build(data, log=lambda *_: None)
        ingest_papers(data, tmp, args.papers, args.batch)

        print(f"mhkg build with {args.papers} ingested papers:", flush=True)
        started = time.perf_counter()
        lines: list[str] = []
        release = build(data, log=lambda line: (lines.append(line), _timed_log(started)(line)))
        seconds = time.perf_counter() - started
        if not any("replayed" in line for line in lines):
            print("(the release of these inputs was made before, so nothing was built: measure in a fresh --data)")
        quads = len(Store.read_only(str(release.store_path)))
        print(f"build: {seconds:.1f} s, {quads} quads ({quads / seconds:,.0f} quads/s)", flush=True)
        print(reference_load(release.store_path, tmp), flush=True)

        [paper] = typical_papers(tmp, 1, start=900_000 + len(ingested_fingerprint(data)))   # a paper not there yet
        print("one more paper into that graph:", flush=True)
        started = time.perf_counter()
        ingest([paper], data, log=_timed_log(started))
        print(f"one paper: {time.perf_counter() - started:.1f} s", flush=True)
