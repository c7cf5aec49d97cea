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
from contextlib import closing
from pathlib import Path

from pyoxigraph import NamedNode, Store

from .. import progress
from ..iris import PREFIXES, graph_document, split_thing
from . import schema
from .collecting import MENTION_OF, RDF_SUBJECT, RESPONDS_TO, Collector
from .paper import PaperViews, Touched
from .writing import count, insert, old_ref, renew_mentions, replace_rows

MENTIONED_IN = NamedNode(PREFIXES["mh"] + "mentionedIn")
EVIDENCE = NamedNode(PREFIXES["mh"] + "evidence")
#: What makes a triple part of the item of its object (the statements, mentions and responses of it).
_POINTING = (RDF_SUBJECT, MENTION_OF, RESPONDS_TO)
#: An update that would make the rows of more resources of the graph before it again than
#: this builds the views whole.
MOST_UPDATED = 50_000
#: What an update costs, against a whole build's cost per resource: for each resource it
#: makes again, WHOLE_RATIO (asked for alone, or picked out of whole answers), for each
#: resource the changed graphs add anew, NEW_COST (read from those graphs alone: what a batch
#: of new papers adds costs what it adds, not what the graph holds). Where that is more than
#: a whole build of the graph after the change, the views are built whole.
WHOLE_RATIO = 3
NEW_COST = 1.5
#: What running the statements a worker made of a new resource costs, against a whole build's cost for it.
READY_COST = 0.1


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
                 build_id: str | None = None, papers: dict[str, PaperViews] | None = None) -> tuple[Path, str]:
    """Write `views.sqlite` into `release_dir` for `store`, which is `old_store` (the graph
    `previous` views were built from) with the named `graphs` replaced: a copy of the
    previous views with the rows of every resource those graphs hold, or held, made again,
    and of every resource whose item shows one of those whose label changed. `papers` (graph
    IRI → its PaperViews, made in an ingest's workers) give what their graphs touch and the
    rows of what they add. Where that reaches too far, or the previous views are of another
    version, the views are built whole instead. Returns the file and a line saying which was done."""
    try:
        return _update(previous, old_store, store, graphs, release_dir, build_id, papers or {})
    except _Whole as reason:
        return build_views(store, release_dir, build_id), f"views built whole: {reason}"


class _Whole(Exception):
    """Why an update builds the views whole after all."""


def _update(previous: Path, old_store: Store, store: Store, graphs: list[NamedNode], release_dir: Path,
            build_id: str | None, papers: dict[str, PaperViews]) -> tuple[Path, str]:
    with closing(sqlite3.connect(f"file:{previous}?mode=ro", uri=True)) as db:
        try:
            schema.check(db, previous)
        except schema.OutdatedViews as outdated:
            raise _Whole(f"the previous views are of version {outdated.found}") from None
        resources = db.execute("SELECT max(rowid) FROM refs").fetchone()[0] or 0
    touched, new = Touched(), set()                 # new: in no triple before the change
    graph_of: dict[str, NamedNode | None] = {}      # what the changed graphs state or point to → its one graph
    reach: set[str] = set()                         # what their new statements and responses are about
    made = 0                                        # the new resources whose rows the workers made
    for graph in graphs:
        paper, seen = papers.get(graph.value), Touched()
        if paper is None:
            seen.read(old_store, graph).read(store, graph)
        else:                                   # what its worker read of it, and what it held before, if anything
            seen.add(paper.touched)
            if old_store.contains_named_graph(graph):
                seen.read(old_store, graph)
        for iri in seen.touched | seen.pointed.keys():
            if graph_of.setdefault(iri, graph) != graph:
                graph_of[iri] = None
        added = {iri for iri in seen.touched - touched.touched if _absent(old_store, iri)}
        new |= added
        made += len(added & paper.statements.keys()) if paper is not None else 0
        touched.add(seen)
        reach |= {iri for iri, facts in seen.pointed.items() if not facts.isdisjoint(new) and split_thing(iri)}
        if _whole_costs_less(made_again=len(touched.touched) - len(new), new=len(new) - made, resources=resources,
                             ready=made):
            raise _Whole(f"the change touches {len(touched.touched) - len(new)} of {resources} resources and adds "
                         f"at least {len(new)}")       # known before every graph is read
    # what is new is in no triple of the other graphs: its reach is what the changed graphs say it is
    affected = _closed(touched.touched - new, (old_store, store)) | new | reach
    ready = _ready(papers, graph_of, new, affected)
    target, tmp = _files(release_dir)
    shutil.copyfile(previous, tmp)
    try:
        with closing(sqlite3.connect(tmp)) as db:
            read = affected - ready.keys()
            local = {iri: graph for iri in read
                     if (graph := graph_of[iri] if iri in new else _local_to(store, iri, graphs)) is not None}
            collector = Collector(store, read, lambda iri: old_ref(db, iri), resources, local=local)
            fresh = affected - new      # what points to a new resource is in the changed graphs: affected already
            while showing := _showing_changed_refs(db, collector, fresh, affected):
                fresh, affected = showing, affected | showing
                if len(affected - new) > MOST_UPDATED:
                    raise _Whole(f"more than {MOST_UPDATED} resources would be made again")
                collector.collect(showing)
            replace_rows(db, collector, affected, ready.values())
            renew_mentions(db, collector, {iri: documents for iri, documents in touched.named.items()
                                           if iri not in affected}, graphs,
                           {graph: paper.mentions for graph, paper in papers.items()},
                           {graph_document(graph).value for graph in graphs if old_store.contains_named_graph(graph)})
            db.execute("UPDATE meta SET value = ? WHERE key = 'build_id'", (build_id or "",))
            db.commit()
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    return target, (f"views updated: the rows of {len(affected)} resource(s) of {len(graphs)} graph(s) made again, "
                    f"{len(ready)} of them by the workers that made the graphs")


def _ready(papers: dict[str, PaperViews], graph_of: dict[str, NamedNode | None], new: set[str],
           affected: set[str]) -> dict:
    """The statements the workers made of the new resources whose rows the views get as the
    workers made them: those whose every triple is in their paper's graph and whose items show
    no resource made again but those made from that paper's graph alone, as their worker saw them."""
    ready, shows, paper_of = {}, {}, {}
    for graph, paper in ((NamedNode(g), p) for g, p in papers.items()):
        for iri, statements in paper.statements.items():
            if iri in new and graph_of.get(iri) == graph:
                ready[iri], shows[iri], paper_of[iri] = statements, paper.shows.get(iri, frozenset()), graph

    def stale(iri: str) -> bool:
        return any(other in affected and (other not in ready or paper_of[other] != paper_of[iri])
                   for other in shows[iri])
    while outdated := {iri for iri in ready if stale(iri)}:
        for iri in outdated:
            del ready[iri]
    return ready


def _files(release_dir: Path) -> tuple[Path, Path]:
    target = Path(release_dir) / schema.VIEWS_FILE
    return target, target.with_suffix(f".{os.getpid()}.tmp")


def _whole_costs_less(made_again: int, new: int, resources: int, ready: int = 0) -> bool:
    """Whether building the views whole costs less than an update making `made_again` of the
    `resources` there were again, adding `new` ones and `ready` ones whose rows the workers
    made (WHOLE_RATIO, NEW_COST, READY_COST)."""
    return made_again * WHOLE_RATIO + new * NEW_COST + ready * READY_COST > resources + new + ready


def _absent(store: Store, iri: str) -> bool:
    """Whether `iri` is in no triple of `store` (the graph before the change): then every triple
    a view query reads of it is in the changed graphs (a new paper's passages, mentions, statements)."""
    node = NamedNode(iri)
    return next(store.quads_for_pattern(node, None, None), None) is None and \
        next(store.quads_for_pattern(None, None, node), None) is None


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


def _holders(store: Store, iri: str, through=_POINTING) -> set[str]:
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
