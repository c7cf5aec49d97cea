"""Ingest throughput: documents and MB per second for `mhkg ingest`, beside the raw cost
of reading and parsing alone (the reference), on copies of the seed papers made distinct
(each copy a new Aanhangsel or Kamerstuk number, so each is a new document, bench/papers.py):
copies of all five seeds, or `--typical N` papers of the size most papers are; the per-paper
work (what the ingest logs as "prepared": each paper's graph made and checked against the
shapes in the workers while the parent loads them) apart from the views and the fixed cost.
"""
from __future__ import annotations

import argparse
import os
import re
import tempfile
import time
from pathlib import Path

from kg.build import build
from kg.ingest.metadata import detect
from kg.ingest.pipeline import ingest
from kg.ingest.readers import read_document
from kg.passages import segment
from kg.text import DocumentText

from .papers import seed_copies, typical_papers


def one_into_a_large_graph(size: str) -> None:
    """The time to add one paper to a graph grown to `size` triples (synthetic documents of our
    shape, bench/synthetic.py), by phase: what grows with the graph is what is rebuilt."""
    from pyoxigraph import RdfFormat, Store

    from kg.release import current_release, write_views

    from .synthetic import cached, parse_size

    source, _ = cached(parse_size(size))
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        release = build(tmp / "data", log=lambda *_: None)
        store = Store(str(release.store_path))
        store.bulk_load(path=str(source), format=RdfFormat.N_QUADS)
        store.flush()
        triples = len(store)
        del store
        (release.path / "views.sqlite").unlink()
        write_views(release.path, release.build_id)
        [paper] = seed_copies(tmp, 1)[:1]
        lines: list[str] = []
        started = time.perf_counter()
        ingest([paper], tmp / "data", log=lines.append)
        seconds = time.perf_counter() - started
        assert current_release(tmp / "data").build_id != release.build_id
    print(f"one paper into a graph of {triples} quads: {seconds:.2f} s")
    for line in lines[1:]:
        print(f"  {line}")


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench ingest")
    parser.add_argument("--copies", type=int, default=10, help="copies of each seed (default 10)")
    parser.add_argument("--typical", type=int, metavar="N",
                        help="instead: N papers of typical size (copies of the four 7-19 KB seeds)")
    parser.add_argument("--into", metavar="SIZE", help="instead: add one paper to a graph of SIZE triples (100k, 1m)")
    args = parser.parse_args(argv)
    if args.into:
        one_into_a_large_graph(args.into)
        return
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        build(tmp / "data", log=lambda *_: None)
        papers = typical_papers(tmp, args.typical) if args.typical else seed_copies(tmp, args.copies)
        megabytes = sum(p.stat().st_size for p in papers) / 1e6
        started = time.perf_counter()
        for paper in papers:
            read = read_document(paper)
            meta = detect(read.text)
            segment(paper.stem, DocumentText(read.text), meta.kind)
        parse_seconds = time.perf_counter() - started
        lines: list[str] = []
        load, before = os.getloadavg(), os.times()
        started = time.perf_counter()
        changed = ingest(papers, tmp / "data", log=lines.append)
        ingest_seconds = time.perf_counter() - started
        after = os.times()
    # the per-paper work (read, segment, mentions, citations, suggestions, SHACL, load) is what ingest logs as "prepared"
    prepare_seconds = next(float(m[1]) for line in lines if (m := re.match(r"prepared \d+ paper\(s\) in ([\d.]+) s", line)))
    print(f"{len(papers)} papers, {megabytes:.2f} MB ({len(changed)} new documents)")
    print(f"{'':28}{'docs/s':>10}{'MB/s':>10}{'seconds':>10}")
    for name, seconds in (("read + parse (reference)", parse_seconds), ("per-paper work (prepare)", prepare_seconds),
                          ("mhkg ingest (whole)", ingest_seconds)):
        print(f"{name:28}{len(papers) / seconds:>10.1f}{megabytes / seconds:>10.2f}{seconds:>10.2f}")
    print(f"the rest of the ingest (known entities, shapes, views): {ingest_seconds - prepare_seconds:.2f} s")
    for line in lines:                      # the ingest's own account of its phases
        if not line.startswith(str(tmp)):
            print(f"  {line}")
    # CPU time is what others' work on the machine changes least: the workers' (children's) per paper,
    # and the rate the per-paper work would have on every core of this machine were they free
    workers = after.children_user + after.children_system - before.children_user - before.children_system
    parent = after.user + after.system - before.user - before.system
    cores = os.cpu_count() or 1
    if workers:
        print(f"CPU of the per-paper work in the workers: {workers * 1000 / len(papers):.1f} ms a paper "
              f"({cores * len(papers) / workers:.0f} papers/s on {cores} free cores)")
    # the bound the whole ingest's CPU sets, however well its phases overlap: what 50 papers/s is measured against
    print(f"CPU of the whole ingest: {(workers + parent) * 1000 / len(papers):.1f} ms a paper (the parent's "
          f"{parent * 1000 / len(papers):.1f}): at most {cores * len(papers) / (workers + parent):.0f} papers/s "
          f"on {cores} free cores")
    print(f"load average when the ingest began: {load[0]:.2f} (1 min), {load[1]:.2f} (5 min), on {cores} cores")
