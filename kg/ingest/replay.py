"""Replaying ingested papers into a freshly built store, so that a rebuild keeps them.

Each paper in data/ingested/ is turned into its graph by the same code as `mhkg ingest`
(kg/ingest/pipeline.py) and checked against the SHACL shapes (kg/validate.py `PaperShapes`,
with what it needs of the curated graph), in worker processes on every core; the graphs are
loaded in bulk as they come. A paper that breaks a shape fails the build, naming the paper
and the resource.
"""
from __future__ import annotations

import time
from pathlib import Path

from pyoxigraph import Store

from .. import progress
from ..document_graph import TextGraph
from ..iris import document_graph
from ..validate import PaperShapes, ShapeViolation
from .loading import BatchLoader
from .metadata import detect
from .parallel import ordered_map
from .pipeline import (
    _document,
    _load_entries,
    checked_graph,
    ingested_dir,
    ingested_manifest,
    text_graph,
)


def replay_ingested(store: Store, data: Path | str | None = None, processes: int | None = None,
                    log=print, load: bool = True) -> list[str]:
    """Add the papers ingested so far to a freshly built store (so a rebuild keeps them),
    through the same code as `ingest`, on every core (or `processes`), loaded in bulk; each
    paper checked against the shapes with the store's graph (the curated graph, which a
    paper joins): a violation raises ShapeViolation, one line per violation naming the paper
    and the focus node. With `load` false the papers are only checked (`mhkg validate`)."""
    global _REPLAY
    entries = _load_entries(ingested_manifest(data))
    todo = [e for e in entries if not store.contains_named_graph(document_graph(e["slug"]))]
    if not todo:                # none, or all published into the corpus: their curated graphs stand instead
        return []
    started = time.perf_counter()
    shapes = PaperShapes.of_quads(store.quads_for_pattern(None, None, None, None))
    _REPLAY = (text_graph(store), ingested_dir(data), shapes)
    violations: list[str] = []
    made = checked = 0.0
    quads = 0
    try:
        with progress.phase("ingested papers: graph, SHACL" + (", load" if load else ""), len(todo), "papers") as bar:
            loader = BatchLoader(store, bar.advance, load)
            for nquads, count, found, seconds in ordered_map(_replay_one, todo, processes):
                if found:                   # the build fails: what is left is only checked
                    violations += found
                    loader.stop()
                made, checked, quads = made + seconds[0], checked + seconds[1], quads + count
                loader.add(nquads)
            loader.finish()
    finally:
        _REPLAY = None
    if violations:
        raise ShapeViolation(violations)
    log(f"{'replayed' if load else 'checked'} {len(todo)} ingested papers, {quads} quads, in "
        f"{time.perf_counter() - started:.1f} s: graphs made in {made:.1f} s and checked with SHACL in {checked:.1f} s "
        f"of the workers' time" + (f", loaded in bulk in {loader.seconds:.1f} s" if load else ""))
    return [e["slug"] for e in todo]


#: What replaying needs in a worker: the known entities, data/ingested/, the shapes.
_REPLAY: tuple[TextGraph, Path, PaperShapes] | None = None


def _replay_one(entry: dict) -> tuple[bytes, int, tuple[str, ...], tuple[float, float]]:
    """One ingested paper's graph as N-Quads, its size, its violations of the shapes, and the
    seconds taken to make and to check it (run in a worker)."""
    texts, folder, shapes = _REPLAY
    started = time.perf_counter()
    document = _document(entry, folder / entry["file"])
    meta = detect(document.text.original)
    meta.kind, meta.identifier = entry["kind"], entry["identifier"]
    nquads, count, violations, checked = checked_graph(document, meta, texts, shapes)
    return nquads, count, violations, (time.perf_counter() - started - checked, checked)
