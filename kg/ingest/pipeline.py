"""`mhkg ingest`: papers in, a new release out, with one named graph per paper replaced.

The current release's store is copied, each ingested paper's graph is made and checked
against the shapes in a worker, with the views' rows of what it adds (kg/views/paper.py), and
replaced in the copy as it comes, the views are updated, and `current` is switched: the
release being served is never written to, and a refused or failed ingest leaves it as it was.
Ingested texts are kept in `data/ingested/` with a manifest, so that `mhkg build` reproduces
them; ingesting an unchanged file again changes nothing.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import sqlite3
import time
import weakref
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Callable

import yaml
from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, Store, serialize

from .. import iris, ontology
from ..corpus import MANIFEST, SourceDocument
from ..document_graph import _IDENTIFIER_PROPERTY, TextGraph
from ..facts import FACTS_DIR
from ..iris import document_graph, expand
from ..passages import Passage, segment
from ..release import Release, current_release, data_dir, exclusive, publish, storage_errors, write_views
from ..store import open_store, run_named
from ..validate import PaperShapes, ShapeViolation
from ..views import VIEWS_FILE, schema
from ..views.paper import PaperViews, paper_views
from .factfile import DUMPER, LOADER
from .loading import BatchLoader
from .metadata import Metadata, detect
from .parallel import ordered_map
from .readers import MAX_BYTES, UnreadableDocument, read_document
from .resolve import Resolver
from .stated import stated_metadata, statement_quads
from .suggestions import suggestions_file, suggestions_text

_RESOLVERS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_SLUG_PREFIX = {"ParliamentaryQuestions": "kv", "ParliamentaryLetter": "kst", "Letter": "brief",
                "WrittenConsultation": "so", "CommitteeReport": "kst", "MotionPaper": "kst", "PlenaryReport": "h",
                "LegislativePaper": "kst"}


class IngestError(ValueError):
    """Ingestion cannot proceed; nothing was changed."""


@dataclass
class Entity:
    """An entity the graph already knows, as the mention finder needs it."""
    iri: NamedNode
    label: str
    search_labels: list[str]


def ingested_dir(data: Path | str | None = None) -> Path:
    return data_dir(data) / "ingested"


def ingested_manifest(data: Path | str | None = None) -> Path:
    return ingested_dir(data) / "manifest.yaml"


def known_entities(store: Store) -> dict[str, Entity]:
    """Actors, instruments and reports of the graph with their labels, keyed <kind>/<slug>."""
    entities: dict[str, Entity] = {}
    for row in run_named(store, "known_entities_with_labels"):
        parts = iris.split_thing(row["entity"].value)
        if not parts:
            continue
        key = "/".join(parts)
        entity = entities.setdefault(key, Entity(row["entity"], row["label"].value, [row["label"].value]))
        if row["alt"] is not None and row["alt"].value not in entity.search_labels:
            entity.search_labels.append(row["alt"].value)
    return entities


def curated_citations(store: Store) -> dict[str, str]:
    """Identifier → key of every resource of the register graph that carries a citation
    identifier (a Kamerstuk, an ECLI, a URL …): what the curated build gives its TextGraph
    (kg/document_graph.py `curated_citation_keys`), so that a paper citing one of them points
    to it, instead of declaring it again with a label of its own (a second Dutch rdfs:label)."""
    register = NamedNode(iris.REGISTER_GRAPH)
    found: dict[str, str] = {}
    for prop in sorted(set(_IDENTIFIER_PROPERTY.values())):
        for quad in store.quads_for_pattern(None, expand(prop), None, register):
            if parts := iris.split_thing(quad.subject.value):
                found.setdefault(quad.object.value, "/".join(parts))
    return dict(sorted(found.items()))


def text_graph(store: Store, ingested=()) -> TextGraph:
    """What every paper is made into a graph with, by an ingest and by a rebuild's replay
    alike: the graph's known entities, the identifiers of its curated documents (not of the
    `ingested` papers': which of those a paper would know depends on the order they came in,
    and a rebuild's replay knows none) and the register's citations (a citation of a curated
    resource points to it). A paper citing another ingested paper cites it as a citation."""
    documents = {}
    for row in run_named(store, "documents_with_identifiers"):
        slug = iris.split_thing(row["document"].value)[1]
        if slug not in ingested:
            documents[row["identifier"].value] = slug
    return TextGraph(known_entities(store), documents, curated_citations(store))


def document_quads(document: SourceDocument, meta: Metadata, texts: TextGraph,
                   passages: list[Passage] | None = None) -> list[Quad]:
    """An ingested paper's whole graph: what its text shows, its identity, the metadata it
    states about itself and the known people and offices it names as its makers, each
    with the words that state it."""
    graph = document_graph(document.slug)
    if passages is None:
        passages = segment(document.slug, document.text, document.kind)
    quads = texts.quads(document, passages, identity_graph=graph) + texts.cited_resource_quads(graph)
    texts.cited.clear()
    for stated in stated_metadata(meta, _resolver(texts)):
        value = texts.entities[stated.key].iri if stated.key else \
            Literal(stated.value, datatype=expand(stated.datatype))
        quads += statement_quads(document, stated.prop, value, stated.quote, passages)
    return quads


def checked_graph(document: SourceDocument, meta: Metadata, texts: TextGraph, shapes: PaperShapes,
                  passages: list[Passage] | None = None) -> tuple[bytes, int, tuple[str, ...], float]:
    """A paper's graph as N-Quads, its size, its violations of `shapes` and the seconds the check
    took: what an ingest and a rebuild's replay make of every paper, in a worker."""
    quads = document_quads(document, meta, texts, passages)
    nquads = serialize(quads, format=RdfFormat.N_QUADS)
    started = time.perf_counter()
    violations = tuple(shapes.violations(document.slug, nquads))
    return nquads, len(quads), violations, time.perf_counter() - started


def _resolver(texts: TextGraph) -> Resolver:
    """One resolver per set of known entities (built once, used for every paper)."""
    if texts not in _RESOLVERS:
        _RESOLVERS[texts] = Resolver({key: entity.search_labels for key, entity in texts.entities.items()})
    return _RESOLVERS[texts]


def ingested_entry(slug: str, data: Path | str | None = None) -> dict | None:
    """The data/ingested/ manifest entry of one paper."""
    return next((e for e in _load_entries(ingested_manifest(data)) if e["slug"] == slug), None)


def ingested_fingerprint(data: Path | str | None = None) -> list[tuple[str, str]]:
    """(slug, sha256) of every ingested paper, for the build id."""
    return sorted((e["slug"], e["sha256"]) for e in _load_entries(ingested_manifest(data)))


def _document(entry: dict, text_file: Path) -> SourceDocument:
    return SourceDocument(entry["slug"], text_file, entry["sha256"], entry["kind"], entry["identifier"], entry["title"])


def curation_candidates(data: Path | str | None = None, only: list[str] | None = None):
    """(slug, unknown names, candidate figures) for every ingested paper, or those named."""
    from .candidates import figure_candidates, name_candidates

    release = current_release(data)
    if release is None:
        raise IngestError("no graph built yet: run `mhkg build` first")
    labels = [label for entity in known_entities(open_store(release.store_path)).values()
              for label in entity.search_labels]
    for entry in _load_entries(ingested_manifest(data)):
        if only and entry["slug"] not in only:
            continue
        document = _document(entry, ingested_dir(data) / entry["file"])
        passages = segment(document.slug, document.text, document.kind)
        yield entry["slug"], name_candidates(passages, labels), figure_candidates(passages, document.text)


def _slug(meta: Metadata, text: str) -> str:
    if meta.identifier:
        return iris.slugify(meta.identifier)
    return f"{_SLUG_PREFIX[meta.kind]}-{hashlib.sha256(text.encode()).hexdigest()[:12]}"


def _corpus_slugs(manifest: Path = MANIFEST) -> set[str]:
    """The slugs of the corpus, read from its manifest alone (its texts are checked by the build, not
    re-read and hashed by every ingest)."""
    return {entry["slug"] for entry in _load_entries(manifest)}


def _load_entries(manifest: Path) -> list[dict]:
    if not manifest.is_file():
        return []
    return (yaml.load(manifest.read_text(encoding="utf-8"), Loader=LOADER) or {}).get("documents") or []


@dataclass
class _Job:
    """What every paper of one ingest is prepared and checked with (inherited by forked workers)."""
    texts: TextGraph
    shapes: PaperShapes
    corpus: set[str]
    digests: dict[str, str]
    base: Path
    facts_dir: Path
    max_bytes: int
    release: Release

    @cached_property
    def previous_views(self) -> sqlite3.Connection | None:
        """The release's views, read-only, which a paper's views are read against
        (kg/views/paper.py); None where they are of another version (they are built whole).
        Opened in each worker, when it first needs them (SQLite, not the store: a forked
        process opening RocksDB may meet locks that the parent's threads held at the fork)."""
        try:
            views = sqlite3.connect(f"file:{self.release.path / VIEWS_FILE}?mode=ro", uri=True)
            schema.check(views, self.release.path)
            return views
        except (schema.OutdatedViews, sqlite3.Error):
            return None


@dataclass
class Prepared:
    """One paper made ready: its manifest entry (None when unchanged), its graph as N-Quads,
    its violations of the shapes, its text and its suggestions file, what it means for the
    views; the seconds its graph took to make and to check, and its views to read."""
    path: str
    slug: str
    entry: dict | None = None
    nquads: bytes = b""
    quads: int = 0
    violations: tuple[str, ...] = ()
    text: str = ""
    suggestions: str = ""
    views: PaperViews | None = None
    seconds: tuple[float, float, float] = (0.0, 0.0, 0.0)


_JOB: _Job | None = None


class _Unchanged(Exception):
    """Every paper is as it was ingested before: no release is written."""


def _prepare(path: Path | str) -> Prepared:
    """Read, recognise and segment one paper; its graph, checked against the shapes, its
    suggestions and, where it conforms, its views (run in a worker)."""
    job = _JOB
    started = time.perf_counter()
    read = read_document(path, max_bytes=job.max_bytes)
    meta = detect(read.text, read.metadata)
    slug = _slug(meta, read.text)
    if slug in job.corpus:
        raise IngestError(f"{path}: it is {slug}, a curated document of the corpus; edit kg/facts/ instead")
    digest = hashlib.sha256(read.text.encode()).hexdigest()
    if job.digests.get(slug) == digest:
        return Prepared(str(path), slug)
    entry = {"slug": slug, "file": f"{slug}.txt", "sha256": digest, "kind": meta.kind,
             "identifier": meta.identifier, "title": meta.title or Path(path).stem,
             "source": str(Path(path).name), "format": read.format}
    document = SourceDocument.from_text(slug, read.text, digest, meta.kind, meta.identifier, entry["title"])
    if read.metadata:                       # the text's own reading, with the XML's identity
        meta = detect(read.text)
        meta.kind, meta.identifier = entry["kind"], entry["identifier"]
    passages = segment(document.slug, document.text, document.kind)
    nquads, count, violations, checked = checked_graph(document, meta, job.texts, job.shapes, passages)
    made = time.perf_counter() - started - checked
    suggestions = suggestions_text(document, passages, meta, _resolver(job.texts), set(job.texts.entities),
                                   job.base, job.facts_dir)
    started, views = time.perf_counter(), None
    if not violations and (previous := job.previous_views) is not None:
        views = paper_views(document_graph(slug), nquads, previous)
    return Prepared(str(path), slug, entry, nquads, count, violations, read.text, suggestions, views,
                    (made, checked, time.perf_counter() - started))


def ingest(paths: list[Path | str], data: Path | str | None = None, log=print,
           max_bytes: int = MAX_BYTES, facts_dir: Path = FACTS_DIR, processes: int | None = None) -> list[str]:
    """Ingest papers into a new release; returns the slugs whose graph changed. Ingests
    and builds exclude each other; a failure leaves the release and data/ingested/ as they were.
    The papers are prepared and checked against the shapes on every core, or in `processes`
    (kg/ingest/parallel.py), in order, while their graphs are loaded into the new release's store."""
    global _JOB
    with exclusive(data, "ingest") as base:
        release = current_release(base)
        if release is None:
            raise IngestError(f"no graph built in {base} yet: run `mhkg build` first")
        ready = time.perf_counter()
        entries = {e["slug"]: e for e in _load_entries(ingested_manifest(base))}
        corpus = _corpus_slugs()
        store = open_store(release.store_path)
        if not ontology.is_in(store):
            raise IngestError(f"the current release ({release.build_id}) was built with another version of the ontology "
                              "than this MHKG's: run `mhkg build` first")
        shapes = PaperShapes.of_store(store, {document_graph(slug).value for slug in release.meta.get("ingested", [])})
        _JOB = _Job(text_graph(store, set(entries) - corpus), shapes, corpus,
                    {s: e["sha256"] for s, e in entries.items()}, base, facts_dir, max_bytes, release)
        del store                           # opened again in the staging copy; the workers fork without it
        writer = _Writer(base, release, paths, processes, log, time.perf_counter() - ready)
        try:
            publish(base, writer.write, command="ingest")
            with storage_errors(base, "ingest"):
                for final, tmp in writer.pending.items():
                    os.replace(tmp, final)
                entries.update({slug: prepared.entry for slug, prepared in writer.changed.items()})
                _write_manifest(ingested_manifest(base), list(entries.values()))
        except _Unchanged:
            return []
        finally:
            _JOB = None
            for tmp in writer.pending.values():
                tmp.unlink(missing_ok=True)
    return list(writer.changed)


@dataclass
class _Writer:
    """What an ingest writes: the new release (`write`, given to the release writer), and the
    texts and suggestions files of data/ingested/ and data/suggestions/, under temporary
    names (`pending`: final name → temporary one) until the release is published."""
    base: Path
    release: Release
    paths: list
    processes: int | None
    log: Callable[[str], None]
    ready: float                            # the seconds the known entities and the shapes took
    changed: dict[str, Prepared] = field(default_factory=dict)
    pending: dict[Path, Path] = field(default_factory=dict)

    def write(self, staging: Path) -> str:
        """Fill the new release: its store (`_load`), its views updated, build.json; the
        pending files. Returns its build id."""
        started = time.perf_counter()
        (made, checked, viewed), loading = self._load(staging / "store")
        log, changed, release = self.log, self.changed, self.release
        log(f"prepared {len(self.paths)} paper(s) in {time.perf_counter() - started:.2f} s (known entities, "
            f"their matchers and the shapes ready {self.ready:.2f} s before): graphs made in {made:.2f} s, "
            f"checked with SHACL in {checked:.2f} s and their views' rows made in {viewed:.2f} s of the workers' "
            f"time; the store copied and {len(changed)} graph(s) loaded in bulk in {loading:.2f} s")
        parent = release.build_id
        build_id = hashlib.sha256(json.dumps([parent, sorted((s, p.entry["sha256"]) for s, p in changed.items())])
                                  .encode()).hexdigest()[:16]
        started = time.perf_counter()
        how = write_views(staging, build_id, previous=release, graphs=[document_graph(slug) for slug in changed],
                          papers={p.views.graph: p.views for p in changed.values() if p.views is not None})
        log(f"{how} in {time.perf_counter() - started:.2f} s")
        meta = dict(release.meta, build_id=build_id, parent=parent,
                    built_at=dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
                    ingested=sorted(set(release.meta.get("ingested", [])) | set(changed)))
        (staging / "build.json").write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n")
        folder = ingested_dir(self.base)
        for slug, prepared in changed.items():
            for final, text in ((folder / prepared.entry["file"], prepared.text),
                                (suggestions_file(slug, self.base), prepared.suggestions)):
                self.pending[final] = tmp = final.with_name(f".{final.name}.{os.getpid()}.tmp")
                tmp.parent.mkdir(parents=True, exist_ok=True)
                tmp.write_text(text, encoding="utf-8")
        return build_id

    def _load(self, path: Path) -> tuple[tuple[float, float, float], float]:
        """The current store copied to `path` (hard links: a backup of an on-disk store shares
        its immutable files), and each paper's graph replaced in the copy as the workers give
        it (loaded in bulk, without a transaction per paper: the copy is private until
        published). A violation of the shapes raises ShapeViolation, one line per violation
        naming the paper and the resource, once all are checked. Returns the workers' seconds
        making and checking the graphs and reading their views, and the seconds loading them."""
        Store.read_only(str(self.release.store_path)).backup(str(path))
        store = Store(str(path))
        loader = BatchLoader(store)
        violations: list[str] = []
        seconds = (0.0, 0.0, 0.0)
        for prepared in ordered_map(_prepare, self.paths, self.processes):
            if prepared.entry is None or prepared.slug in self.changed:
                self.log(f"{prepared.path}: {prepared.slug} is unchanged, nothing to do")
                continue
            self.log(f"{prepared.path}: {prepared.slug} ({prepared.entry['kind']}, {prepared.entry['format']}): "
                     f"{prepared.quads} quads")
            if prepared.violations:
                violations += prepared.violations
                loader.stop()
            graph = document_graph(prepared.slug)
            if store.contains_named_graph(graph):   # ingested before, with another text
                store.remove_graph(graph)
            loader.add(prepared.nquads)
            prepared.nquads = b""
            self.changed[prepared.slug] = prepared
            seconds = tuple(a + b for a, b in zip(seconds, prepared.seconds))
        loader.finish()
        if violations:
            raise ShapeViolation(violations)
        if not self.changed:
            raise _Unchanged
        store.flush()
        return seconds, loader.seconds     # the store closed: its views are read from it by another handle


def _write_manifest(path: Path, entries: list[dict]) -> None:
    """The manifest of data/ingested/, written whole (libyaml: 10,000 papers in 1 s, not 3)."""
    tmp = path.with_suffix(".yaml.tmp")
    tmp.write_text(yaml.dump({"documents": sorted(entries, key=lambda e: e["slug"])}, Dumper=DUMPER,
                                  allow_unicode=True, sort_keys=False), encoding="utf-8")
    os.replace(tmp, path)


__all__ = ["IngestError", "UnreadableDocument", "ingest", "document_quads", "known_entities"]
