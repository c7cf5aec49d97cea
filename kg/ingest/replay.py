"""Replaying ingested papers into a freshly built store, so that a rebuild keeps them.

Each paper in data/ingested/ is turned into its graph by the same code as `mhkg ingest`
(kg/ingest/pipeline.py), on every core, and loaded in bulk.
"""
from __future__ import annotations

from pathlib import Path

from pyoxigraph import RdfFormat, Store, serialize

from .. import iris
from ..document_graph import TextGraph
from ..iris import document_graph
from ..store import run_named
from .metadata import detect
from .parallel import ordered_map
from .pipeline import _document, _load_entries, document_quads, ingested_dir, ingested_manifest, known_entities


def replay_ingested(store: Store, data: Path | str | None = None, processes: int | None = None) -> list[str]:
    """Add the papers ingested so far to a freshly built store (so a rebuild keeps them),
    through the same code as `ingest`, on every core (or `processes`), loaded in bulk."""
    global _REPLAY
    entries = _load_entries(ingested_manifest(data))
    todo = [e for e in entries if not store.contains_named_graph(document_graph(e["slug"]))]
    if not todo:                # none, or all published into the corpus: their curated graphs stand instead
        return []
    _REPLAY = (TextGraph(known_entities(store), {row["identifier"].value: iris.split_thing(row["document"].value)[1]
                                                 for row in run_named(store, "documents_with_identifiers")}),
               ingested_dir(data))
    try:
        batch: list[bytes] = []
        for nquads in ordered_map(_replay_one, todo, processes):
            batch.append(nquads)
            if len(batch) == _REPLAY_BATCH:
                store.bulk_load(input=b"".join(batch), format=RdfFormat.N_QUADS)
                batch = []
        if batch:
            store.bulk_load(input=b"".join(batch), format=RdfFormat.N_QUADS)
    finally:
        _REPLAY = None
    return [e["slug"] for e in todo]


#: What replaying needs in a worker (the known entities, data/ingested/), and how many papers are loaded at once.
_REPLAY: tuple[TextGraph, Path] | None = None
_REPLAY_BATCH = 200


def _replay_one(entry: dict) -> bytes:
    """One ingested paper's graph, as N-Quads (run in a worker)."""
    texts, folder = _REPLAY
    document = _document(entry, folder / entry["file"])
    meta = detect(document.text.original)
    meta.kind, meta.identifier = entry["kind"], entry["identifier"]
    return serialize(document_quads(document, meta, texts), format=RdfFormat.N_QUADS)


