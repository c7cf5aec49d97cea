"""`mhkg build`: inputs → checked graph → a new immutable release → `current` switched.

The release is written into a fresh temporary directory; only when the store, its views
and build.json are complete is it renamed into place and `current` switched to it (one
atomic rename each). A build that fails or is killed midway leaves the previous release
serving, untouched. The build id is a hash of the graph's content, so the same inputs
give the same id, the same triples and the same IRIs.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import time
from collections import Counter
from pathlib import Path

from pyoxigraph import NamedNode, Quad, RdfFormat, Store, serialize

from .corpus import MANIFEST
from .facts import FACTS_DIR
from .graph import Assembly, assemble
from .ingest.pipeline import ingested_fingerprint
from .ingest.replay import replay_ingested
from .iris import GRAPH
from .release import Release, current_release, exclusive, publish, renew_views, write_views
from .remote import RemoteStore
from .validate import validate

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def content_id(quads: list[Quad]) -> str:
    """A hash of the graph's content, independent of the order the quads were made in."""
    lines = sorted(serialize(quads, format=RdfFormat.N_QUADS).decode().splitlines())
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()[:16]


def statistics(quads: list[Quad]) -> dict:
    """Triples per named graph and resources per class, for build.json and `mhkg stats`."""
    per_graph = Counter(q.graph_name.value for q in quads if isinstance(q.graph_name, NamedNode))
    typed = {(q.subject.value, q.object.value) for q in quads if q.predicate.value == RDF_TYPE}
    per_class = Counter(class_iri for _, class_iri in typed)
    return {"quads": len(quads), "graphs": dict(sorted(per_graph.items())),
            "classes": dict(sorted(per_class.items()))}


def build(data: Path | str | None = None, *, if_missing: bool = False, log=print,
          facts_dir: Path = FACTS_DIR, manifest: Path = MANIFEST, store_url: str | None = None,
          graph_store_url: str | None = None) -> Release:
    """Build, validate and publish a release; returns the release now current.

    With `store_url` (a store server's query endpoint) the graph is loaded into that
    server, graph by graph, instead of an on-disk store; the release keeps its views and
    the server's address (`graph_store_url` where the server's Graph Store Protocol endpoint
    follows no known convention)."""
    if if_missing and (existing := current_release(data)) is not None:
        with exclusive(data, "build"):
            renewed = renew_views(existing)
        log(f"graph already built: {existing.build_id} (use `mhkg build` to rebuild)"
            + (f"; {renewed}" if renewed else ""))
        return existing
    with exclusive(data, "build") as base:
        started = time.perf_counter()
        assembly = assemble(facts_dir, manifest=manifest)
        log(f"assembled {len(assembly.quads)} quads from {len(assembly.documents)} documents "
            f"in {time.perf_counter() - started:.1f} s")
        step = time.perf_counter()
        validate(assembly.quads)
        log(f"SHACL: the graph conforms to ontology/shapes.ttl ({time.perf_counter() - step:.1f} s)")
        ingested = ingested_fingerprint(base)
        build_id = content_id(assembly.quads)
        if ingested or store_url:
            build_id = hashlib.sha256(json.dumps([build_id, ingested, store_url]).encode()).hexdigest()[:16]
        release = publish(base, lambda staging: _write_release(staging, build_id, assembly, started, base, store_url,
                                                               graph_store_url, log), build_id=build_id)
        renewed = renew_views(release)      # a release built before by another version of MHKG
    log(f"release {build_id} is current ({time.perf_counter() - started:.1f} s)" + (f"; {renewed}" if renewed else ""))
    return release


def _write_release(path: Path, build_id: str, assembly: Assembly, started: float, base: Path,
                   store_url: str | None, graph_store_url: str | None, log) -> str:
    if store_url:
        graph = Store()
        graph.bulk_extend(assembly.quads)
        ingested = replay_ingested(graph, base, log=log)
        load_into_server(graph, RemoteStore(store_url, graph_store_url=graph_store_url), log)
        (path / "remote.json").write_text(json.dumps({"query_url": store_url}) + "\n")
        step = time.perf_counter()
        write_views(path, build_id, graph)
    else:
        step = time.perf_counter()
        store = Store(str(path / "store"))
        store.bulk_extend(assembly.quads)
        store.flush()
        log(f"curated graph loaded in {time.perf_counter() - step:.1f} s")
        ingested = replay_ingested(store, base, log=log)
        step = time.perf_counter()
        store.flush()
        store.optimize()
        del store
        log(f"store flushed and optimized in {time.perf_counter() - step:.1f} s")
        step = time.perf_counter()
        write_views(path, build_id)
    log(f"views and text index built in {time.perf_counter() - step:.1f} s")
    meta = {
        "build_id": build_id,
        "built_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "build_seconds": round(time.perf_counter() - started, 2),
        "inputs": {d.slug: d.sha256 for d in assembly.documents},
        "ingested": ingested,
        **statistics(assembly.quads),
    }
    (path / "build.json").write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n")
    return build_id


def load_into_server(graph: Store, server: RemoteStore, log=print) -> None:
    """Replace each of our named graphs on the server (one PUT each) and drop those of
    ours the new graph no longer has; graphs outside our namespace are left alone."""
    ours = {g.value for g in graph.named_graphs()}
    for name in sorted(ours):
        server.replace_graph(name, [q.triple for q in graph.quads_for_pattern(None, None, None, NamedNode(name))])
    for stale in set(server.named_graph_iris()) - ours:
        if stale.startswith(GRAPH):
            server.drop_graph(stale)
    log(f"loaded {len(ours)} graphs into {server.location}")
