"""Building a release's views from its store: whole (`build_views`, what `mhkg build`
does), or from the previous release's views by replacing only the rows of what the changed
named graphs touch (`update_views`, what `mhkg ingest` does: adding one paper to a graph of
10,000 recomputes the items, names and passages that paper is about, not the others').
Both write the rows of a resource with the same code (writing.py), so the two give the same views.
"""
from __future__ import annotations

import os
import shutil
import sqlite3
from collections import defaultdict
from contextlib import closing
from pathlib import Path

from pyoxigraph import NamedNode, Store

from .. import progress
from ..iris import ID, PREFIXES, split_thing
from . import schema
from .collecting import MENTION_OF, RDF_SUBJECT, RESPONDS_TO, Collector
from .writing import count, insert, old_ref, renew_mentions, replace_rows

MENTIONED_IN = NamedNode(PREFIXES["mh"] + "mentionedIn")
EVIDENCE = NamedNode(PREFIXES["mh"] + "evidence")
DERIVED_FROM = NamedNode(PREFIXES["prov"] + "wasDerivedFrom")
#: An update that would make the rows of more resources again than this builds the views whole.
MOST_UPDATED = 50_000
#: An update touching more than one in WHOLE_RATIO of the resources builds the views whole:
#: it would read as much of the graph as a whole build does.
WHOLE_RATIO = 3


def build_views(store: Store, release_dir: Path, build_id: str | None = None) -> Path:
    """Write `views.sqlite` into `release_dir` from the whole store (atomically: a
    half-written file is never seen)."""
    target, tmp = _files(release_dir)
    tmp.unlink(missing_ok=True)
    db = sqlite3.connect(tmp)
    try:
        schema.create(db, build_id or "")
        with progress.phase("views: reading the graph", total=4, unit="steps") as reading:
            collector = Collector(store, step=reading.advance)
        with progress.phase("views: writing", total=len(collector.resources), unit="resources") as writing:
            insert(db, collector, writing.advance)
        count(db, +1)
        db.commit()
    finally:
        db.close()
    os.replace(tmp, target)
    return target


def update_views(previous: Path, old_store: Store, store: Store, graphs: list[NamedNode], release_dir: Path,
                 build_id: str | None = None) -> tuple[Path, str]:
    """Write `views.sqlite` into `release_dir` for `store`, which is `old_store` (the graph
    `previous` views were built from) with the named `graphs` replaced: a copy of the
    previous views with the rows of every resource those graphs hold, or held, made again,
    and of every resource whose item shows one of those whose label changed. Where that
    reaches too far, or the previous views are of another version, the views are built
    whole instead. Returns the file and a line saying which was done."""
    try:
        return _update(previous, old_store, store, graphs, release_dir, build_id)
    except _Whole as reason:
        return build_views(store, release_dir, build_id), f"views built whole: {reason}"


class _Whole(Exception):
    """Why an update builds the views whole after all."""


def _update(previous: Path, old_store: Store, store: Store, graphs: list[NamedNode], release_dir: Path,
            build_id: str | None) -> tuple[Path, str]:
    with closing(sqlite3.connect(f"file:{previous}?mode=ro", uri=True)) as db:
        try:
            schema.check(db, previous)
        except schema.OutdatedViews as outdated:
            raise _Whole(f"the previous views are of version {outdated.found}") from None
        resources = db.execute("SELECT max(rowid) FROM refs").fetchone()[0] or 0
    touched, named = set(), defaultdict(set)
    for graph in graphs:
        for s in (old_store, store):
            _touched_by(s, graph, touched, named)
        if len(touched) * WHOLE_RATIO > resources:      # known before every graph is read
            raise _Whole(f"the change touches more than {len(touched)} of {resources} resources")
    affected = _closed(touched, (old_store, store))
    target, tmp = _files(release_dir)
    shutil.copyfile(previous, tmp)
    try:
        with closing(sqlite3.connect(tmp)) as db:
            local = {iri: graph for iri in affected if (graph := _local_to(store, iri, graphs)) is not None}
            collector = Collector(store, affected, lambda iri: old_ref(db, iri), resources, local=local)
            fresh = affected
            while showing := _showing_changed_refs(db, collector, fresh, affected):
                fresh, affected = showing, affected | showing
                if len(affected) > MOST_UPDATED:
                    raise _Whole(f"more than {MOST_UPDATED} resources would be made again")
                collector.collect(showing)
            replace_rows(db, collector, affected)
            renew_mentions(db, collector, {iri: documents for iri, documents in named.items() if iri not in affected},
                            graphs)
            db.execute("UPDATE meta SET value = ? WHERE key = 'build_id'", (build_id or "",))
            db.commit()
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    return target, f"views updated: the rows of {len(affected)} resource(s) of {len(graphs)} graph(s) made again"


def _files(release_dir: Path) -> tuple[Path, Path]:
    target = Path(release_dir) / schema.VIEWS_FILE
    return target, target.with_suffix(f".{os.getpid()}.tmp")


def _touched_by(store: Store, graph: NamedNode, touched: set[str], named: dict[str, set[str]]) -> None:
    """The resources (id/…) a named graph states anything of, into `touched`: the subjects of
    its triples (an item shows its own triples; what one points to shows in the pointing
    item, and a statement's or a response's reach is `_closed`'s). What it names in a
    mention (mh:mentionOf), into `named`, with the documents of those mentions;
    the mh:mentionedIn the build adds beside each is read by no view query. A document's
    mentions are in its own graph."""
    for quad in store.quads_for_pattern(None, None, None, graph):
        subject, thing = quad.subject.value, quad.object
        if quad.predicate == MENTION_OF and isinstance(thing, NamedNode) and split_thing(thing.value):
            named[thing.value].update(q.object.value for q in store.quads_for_pattern(quad.subject, DERIVED_FROM, None, graph))
        if quad.predicate == MENTIONED_IN:
            named[subject].add(thing.value)
        elif isinstance(quad.subject, NamedNode) and subject.startswith(ID) and split_thing(subject):
            touched.add(subject)


def _local_to(store: Store, iri: str, graphs: list[NamedNode]) -> NamedNode | None:
    """The one graph of `graphs` that holds every triple a view query reads of `iri` (its
    own, the statements about it, the mentions of it, the responses to it; a fact's evidence
    is in the fact's graph), if there is one."""
    node = NamedNode(iri)
    found = {quad.graph_name for pattern in ((node, None, None), (None, RDF_SUBJECT, node), (None, MENTION_OF, node),
                                             (None, RESPONDS_TO, node))
             for quad in store.quads_for_pattern(*pattern)}
    return found.pop() if len(found) == 1 and next(iter(found)) in graphs else None


def _closed(iris: set[str], stores) -> set[str]:
    """`iris` with the resources whose items their triples shape without naming them in the
    same graph: the subject of a statement, the recommendation a response answers (what a
    mention names is renewed for the mention's document alone, `renew_mentions`)."""
    return set(iris).union(*(_holders(store, iri, (RDF_SUBJECT, RESPONDS_TO)) for store in stores for iri in iris))


def _holders(store: Store, iri: str, through=(RDF_SUBJECT, RESPONDS_TO, MENTION_OF)) -> set[str]:
    """The resources whose items show what the triples of `iri` say: itself, what it is a
    statement about, a response to or a mention of (`through`), and, for an evidence, its
    fact and what that is about."""
    node = NamedNode(iri)
    found = {iri}
    facts = [node] + [q.subject for q in store.quads_for_pattern(None, EVIDENCE, node)]
    for fact in facts:
        found.add(fact.value)
        for predicate in through:
            found.update(q.object.value for q in store.quads_for_pattern(fact, predicate, None)
                         if isinstance(q.object, NamedNode))
    return {iri for iri in found if split_thing(iri) is not None}


def _showing_changed_refs(db: sqlite3.Connection, collector: Collector, fresh: set[str],
                          affected: set[str]) -> set[str]:
    """The resources outside `affected` whose items show one of `fresh` (the affected ones not
    looked at yet) whose ref (label, kind, slug) changes, or which appears or goes: they point
    to it, or their statements, mentions, responses or evidence do."""
    showing = set()
    for iri in sorted(fresh):
        res = collector.resources.get(iri)
        if old_ref(db, iri) == (res.ref() if res else None):
            continue
        for quad in collector.store.quads_for_pattern(None, None, NamedNode(iri), None):
            if isinstance(quad.subject, NamedNode) and quad.subject.value not in affected \
                    and quad.predicate != MENTIONED_IN:     # read by no view query
                showing |= _holders(collector.store, quad.subject.value)
    return showing - affected
