"""Building a release's views from its store: whole (`build_views`, what `mhkg build`
does), or from the previous release's views by replacing only the rows of what the changed
named graphs touch (`update_views`, what `mhkg ingest` does: adding one paper to a graph of
10,000 recomputes the items, names and passages that paper is about, not the others').
Both write the rows of a resource with the same code, so the two give the same views.
"""
from __future__ import annotations

import json
import os
import shutil
import sqlite3
from collections import defaultdict
from contextlib import closing
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path
from typing import Callable, Iterator

from pyoxigraph import Literal, NamedNode, Store, Variable

from .. import progress, search
from ..iris import ID, PREFIXES, split_thing
from ..remote import bind
from ..store import load_query, run, run_named
from . import schema
from .model import (COMMITMENT_STATUSES, HAS_DUTY, KINDS, LITERAL_FIELDS, REFERENCE_FILTERS, TYPED_LISTS,
                    TYPED_VALUE_FIELDS, UNSEARCHED_KINDS, YEAR_FIELDS, curie, integer_value, literal_json, source)

RDF_SUBJECT = NamedNode(PREFIXES["rdf"] + "subject")
RESPONDS_TO = NamedNode(PREFIXES["mh"] + "respondsTo")
MENTION_OF = NamedNode(PREFIXES["mh"] + "mentionOf")
MENTIONED_IN = NamedNode(PREFIXES["mh"] + "mentionedIn")
EVIDENCE = NamedNode(PREFIXES["mh"] + "evidence")
DERIVED_FROM = NamedNode(PREFIXES["prov"] + "wasDerivedFrom")
#: An update that would make the rows of more resources again than this builds the views whole.
MOST_UPDATED = 50_000
#: An update asks for the rows of each resource it makes again alone (about 1 ms each at 1M
#: triples), unless they are more than one in SCAN_RATIO of all: then it reads each view
#: query's whole answer once (about 130 µs per resource of the graph) and picks theirs out.
SCAN_RATIO = 8
#: An update touching more than one in WHOLE_RATIO of the resources builds the views whole:
#: it would read as much of the graph as a whole build does.
WHOLE_RATIO = 3
#: The kinds of resources that are items of a list (the others need only their names).
LISTED_KINDS = frozenset(KINDS.values())


def _dutch_first(term) -> tuple:
    """Order of a field's values: a single-valued literal field shows the first, its Dutch one
    where it has languages (the context reads a title as Dutch)."""
    return (isinstance(term, Literal) and term.language not in (None, "nl"), str(term.value))


def _add_mention(res: _Resource, row, counted: dict) -> None:
    """One row of view_mentions.rq into `res` (where it is named) and `counted` (by whom, per document)."""
    document = row["document"].value
    counted[(res.iri, document)].add(row["mention"].value)
    if row["quote"] is not None:
        passage, page = row["passage"], row["page"]
        res.named.add((document, passage.value if passage is not None else None,
                       int(page.value) if page is not None else None, row["quote"].value, row["mention"].value))


def _labels(values: list) -> tuple[str | None, str | None]:
    """A resource's label (its Dutch one, else one in no or another language) and its English
    one, of all it has: the first in order, whatever order the store gave them in (a graph
    updated for one paper gives the labels in another order than one built whole)."""
    def language(value) -> str | None:
        return value.language if isinstance(value, Literal) else None
    dutch = sorted(v.value for v in values if language(v) == "nl")
    other = sorted(v.value for v in values if language(v) not in ("nl", "en"))
    english = sorted(v.value for v in values if language(v) == "en")
    return next(iter(dutch or other), None), next(iter(english), None)


def _year(value) -> int | None:
    text = str(value)
    return int(text[:4]) if text[:4].isdigit() else None


@dataclass
class _Resource:
    iri: str
    kind: str
    slug: str
    types: set
    label: str | None = None
    label_en: str | None = None

    def __post_init__(self):
        self.alt_labels: list[str] = []
        self.fields: dict[str, list] = defaultdict(list)
        self.sources: list[dict] = []
        self.mentions: dict[str, int] = {}          # document → how many mentions name it there
        self.named: set[tuple] = set()              # (document, passage, page, quote, mention) of each mention
        self.status_facts: set[str] = set()         # the statements of a commitment's mh:commitmentStatus

    def ref(self) -> dict:
        """How another item points to this one: enough to show and to follow it."""
        return {"id": self.iri, "slug": self.slug, "kind": self.kind, "label": self.label}


class _Collector:
    """Reads the store with the view queries and shapes the items: of every resource, or of
    those `only` names and those `collect` adds (the others' refs, where an item points to
    them, are `outside`'s: the previous views' `refs`). Where those are more than one in
    SCAN_RATIO of the graph's `resources`, their rows are picked out of each query's whole
    answer rather than asked for one resource at a time (`scan`); the rows of the `local`
    ones, whose every triple is in one graph (a new paper's passages, mentions, statements:
    local to its graph), are picked out of the answers of their graphs alone."""

    def __init__(self, store: Store, only: set[str] | None = None, outside: Callable[[str], dict | None] = None,
                 resources: int = 0, step: Callable[[], None] = lambda: None,
                 local: dict[str, NamedNode] | None = None):
        self.store, self.scan, self.all, self.step = store, False, resources, step
        self.local = local or {}
        self.outside = outside or (lambda iri: None)
        self.resources: dict[str, _Resource] = {}
        self.collected: set[str] | None = None if only is None else set()
        self.collect(only)

    def collect(self, iris: set[str] | None) -> None:
        """Read the rows of `iris` (of every resource: None) and shape their items. Asked one
        at a time, only what a resource's rows are used for is asked: fields and quotes for
        the kinds that are items, mentions for what is mentioned."""
        listed = mentioned = iris
        if iris is not None:
            iris = iris - self.collected
            self.scan = len(iris) * SCAN_RATIO > self.all
            self.collected |= iris
            listed = {iri for iri in iris if split_thing(iri)[0] in LISTED_KINDS}
            mentioned = {iri for iri in iris if next(self.store.quads_for_pattern(None, MENTION_OF, NamedNode(iri)), None)}
        for read, which in ((self._names, iris), (self._fields, listed), (self._sources, listed),
                            (self._mentions, mentioned)):
            read(which)
            self.step()

    def rows(self, name: str, iris: set[str] | None, variable: str = "resource") -> Iterator:
        """The rows of the view query `name`: all of them, or those whose `variable` is one of
        `iris`: picked out of the whole answer (`scan`), out of the answers of the graphs
        they are local to, or asked one at a time. A VALUES block of one row is where
        Oxigraph's planner starts; one of more rows it joins with the whole rest (1.5 s at
        1M triples for 5 values, against 1 ms for each alone)."""
        if iris is None or self.scan:
            rows = run_named(self.store, name)
            yield from rows if iris is None else (row for row in rows if row[variable].value in iris)
            return
        query, here = load_query(name), {iri for iri in iris if iri in self.local}
        for graph in sorted({self.local[iri] for iri in here}, key=str):
            yield from (row for row in self.in_graph(query, graph) if row[variable].value in here)
        variable = Variable(variable)
        for iri in sorted(iris - here):
            yield from run(self.store, bind(query, {variable: NamedNode(iri)}))

    def _resource(self, iri: str) -> _Resource | None:
        if iri not in self.resources:
            parts = split_thing(iri)
            if parts is None:
                return None
            self.resources[iri] = _Resource(iri, parts[0], parts[1], set())
        return self.resources[iri]

    def _names(self, iris: set[str] | None) -> None:
        labels: dict[str, list] = defaultdict(list)
        for row in self.rows("view_resource_names_and_types", iris):
            res = self._resource(row["resource"].value)
            if res is None:
                continue
            prop, value = row["property"].value, row["value"]
            if prop.endswith("#type"):
                res.types.add(value.value)
            elif prop.endswith("#altLabel"):
                res.alt_labels.append(value.value)
            else:
                labels[res.iri].append(value)
        for iri, values in labels.items():
            self.resources[iri].label, self.resources[iri].label_en = _labels(values)

    def _fields(self, iris: set[str] | None) -> None:
        for row in self.rows("view_resource_fields", iris):
            res = self.resources.get(row["resource"].value)
            if res is not None:
                res.fields[row["field"].value].append(row["value"])
        for res in self.resources.values():     # a duty, or a source's statement that there is none
            duty = res.types & HAS_DUTY.keys()
            if duty:
                res.fields["hasDuty"] = [Literal(HAS_DUTY[min(duty)])]
        for row in self.rows("view_response_status_of_recommendations", iris):
            res = self.resources.get(row["resource"].value)
            if res is not None:
                res.fields["status"].append(row["value"])

    def _sources(self, iris: set[str] | None) -> None:
        facts = None if iris is None else iris | {
            q.subject.value for iri in iris for q in self.store.quads_for_pattern(None, RDF_SUBJECT, NamedNode(iri))}
        for row in self.rows("view_quotes_of_evidence", facts, "fact"):
            res = self.resources.get(row["resource"].value)
            if res is not None and (iris is None or res.iri in iris):
                res.sources.append(row)
        for row in self.rows("view_commitment_status_statements", iris):
            res = self.resources.get(row["resource"].value)
            if res is not None:
                res.status_facts.add(row["statement"].value)

    def _mentions(self, iris: set[str] | None) -> None:
        """How often each resource is named in each document (its item's `mentionedIn`) and
        where, in which words (its detail's `mentions`), from one pass over the mentions."""
        counted: dict[tuple[str, str], set[str]] = defaultdict(set)
        for row in self.rows("view_mentions", iris):
            res = self.resources.get(row["resource"].value)
            if res is not None:
                _add_mention(res, row, counted)
        for (iri, document), mentions in counted.items():
            self.resources[iri].mentions[document] = len(mentions)

    def in_graph(self, query: str, graph: NamedNode):
        """The answer of `query` over one named graph alone."""
        return run(self.store, query, default_graph=graph, use_default_graph_as_union=False)

    def mentions_in(self, named: dict[str, set[str]], graphs: list[NamedNode]) -> dict[str, tuple[dict, list]]:
        """For each resource `named` maps to documents of `graphs`: how often it is named in
        each of them and where (the entries of its `mentions`), read from the mentions of those
        graphs alone (a document's mentions are in its own graph): an update's, for what the
        changed papers mention, without reading the thousands of other papers' mentions of it."""
        found = {iri: _Resource(iri, *split_thing(iri), set()) for iri in named}
        counted: dict[tuple[str, str], set[str]] = defaultdict(set)
        query = load_query("view_mentions")
        for graph in graphs:
            for row in self.in_graph(query, graph):
                if (res := found.get(row["resource"].value)) is not None:
                    _add_mention(res, row, counted)
        return {iri: ({document: len(counted[(iri, document)]) for document in documents}, self.mentions(found[iri]))
                for iri, documents in named.items()}

    def mentions(self, res: _Resource) -> list[dict]:
        """Where `res` is named: document, passage, page and quote, by document, page and
        passage (unknown pages and passages first, as SPARQL orders unbound values)."""
        ordered = sorted(res.named, key=lambda m: (m[0], m[2] is not None, m[2] or 0, m[1] is not None,
                                                   m[1] or "", m[3]))
        return [{"id": mention, "document": self.reference(NamedNode(document)),
                 "passage": self.reference(NamedNode(passage)) if passage is not None else None,
                 "page": page, "quote": quote} for document, passage, page, quote, mention in ordered]

    def reference(self, term) -> dict | str:
        if not isinstance(term, NamedNode):
            return term.value
        res = self.resources.get(term.value)
        if res is not None:
            return res.ref()
        return self.outside(term.value) or {"id": term.value, "label": None}

    def item(self, res: _Resource) -> dict:
        item = {"id": res.iri, "slug": res.slug, "kind": res.kind,
                "types": sorted(curie(t) for t in res.types), "label": res.label,
                "labelEn": res.label_en, "altLabels": sorted(set(res.alt_labels))}
        for name in sorted(res.fields):
            values = sorted(set(res.fields[name]), key=_dutch_first)
            if name in TYPED_VALUE_FIELDS and isinstance(values[0], Literal):
                item[name] = {"value": values[0].value, "datatype": curie(values[0].datatype.value)}
            elif name in LITERAL_FIELDS:
                item[name] = literal_json(values[0]) if isinstance(values[0], Literal) else values[0].value
            else:
                item[name] = [self.reference(v) for v in values]
        item["sources"] = [source(row, self.reference)
                           for row in sorted(res.sources, key=lambda r: (r["document"].value, integer_value(r["page"]) or 0,
                                                                         integer_value(r["start"]) or 0, r["fact"].value))]
        if res.status_facts:                    # the quotes that give a commitment its status
            item["commitmentStatusSources"] = [s for s in item["sources"] if s["fact"] in res.status_facts]
        item["mentionedIn"] = [{"document": self.reference(NamedNode(d)), "mentions": n}
                               for d, n in sorted(res.mentions.items())]
        return item


def _sort_key(res: _Resource, item: dict) -> str:
    label = search.fold(res.label or res.slug)
    if res.kind == "recommendation":
        report = (item.get("report") or [{}])[0].get("slug", "")
        return f"{report}\t{int(item.get('number') or 0):06d}\t{label}"
    if res.kind == "observation":
        return f"{item.get('year') or item.get('periodStart') or ''}\t{label}"
    return label


def _years(res: _Resource, item: dict) -> tuple[int | None, int | None]:
    years = [_year(item[k]) for k in YEAR_FIELDS.get(res.kind, ()) if item.get(k)]
    years = [y for y in years if y is not None]
    return (min(years), max(years)) if years else (None, None)


def _filter_rows(res: _Resource, item: dict) -> list[tuple[str, str, str]]:
    rows = [(res.iri, "type", t) for t in res.types] + _document_rows(res.iri, item)
    for name in REFERENCE_FILTERS.keys() - {"document"}:
        rows += [(res.iri, name, ref["id"]) for ref in item.get(name, []) if isinstance(ref, dict)]
    if TYPED_LISTS["commitments"][1] in res.types and not item.get("commitmentStatus"):
        rows.append((res.iri, "commitmentStatus", COMMITMENT_STATUSES["unknown"]))
    return sorted(set(rows))


def _document_rows(iri: str, item: dict) -> list[tuple[str, str, str]]:
    """The `document` filter's rows of an item: the documents that state it or mention it."""
    return sorted({(iri, "document", entry["document"]["id"]) for entry in item["sources"] + item["mentionedIn"]})


def build_views(store: Store, release_dir: Path, build_id: str | None = None) -> Path:
    """Write `views.sqlite` into `release_dir` from the whole store (atomically: a
    half-written file is never seen)."""
    target, tmp = _files(release_dir)
    tmp.unlink(missing_ok=True)
    db = sqlite3.connect(tmp)
    try:
        schema.create(db, build_id or "")
        with progress.phase("views: reading the graph", total=4, unit="steps") as reading:
            collector = _Collector(store, step=reading.advance)
        with progress.phase("views: writing", total=len(collector.resources), unit="resources") as writing:
            _insert(db, collector, writing.advance)
        _count(db, +1)
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
            collector = _Collector(store, affected, lambda iri: _old_ref(db, iri), resources, local=local)
            while showing := _showing_changed_refs(db, collector, affected):
                affected |= showing
                if len(affected) > MOST_UPDATED:
                    raise _Whole(f"more than {MOST_UPDATED} resources would be made again")
                collector.collect(showing)
            _replace(db, collector, affected)
            _renew_mentions(db, collector, {iri: documents for iri, documents in named.items() if iri not in affected},
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
    mention names is renewed for the mention's document alone, `_renew_mentions`)."""
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


def _old_ref(db: sqlite3.Connection, iri: str) -> dict | None:
    row = db.execute("SELECT json FROM refs WHERE iri = ?", (iri,)).fetchone()
    return json.loads(row[0]) if row else None


def _showing_changed_refs(db: sqlite3.Connection, collector: "_Collector", affected: set[str]) -> set[str]:
    """The resources outside `affected` whose items show one of `affected` whose ref (label,
    kind, slug) changes, or which appears or goes: they point to it, or their statements,
    mentions, responses or evidence do."""
    showing = set()
    for iri in sorted(affected):
        res = collector.resources.get(iri)
        if _old_ref(db, iri) == (res.ref() if res else None):
            continue
        for quad in collector.store.quads_for_pattern(None, None, NamedNode(iri), None):
            if isinstance(quad.subject, NamedNode) and quad.subject.value not in affected \
                    and quad.predicate != MENTIONED_IN:     # read by no view query
                showing |= _holders(collector.store, quad.subject.value)
    return showing - affected


def _insert(db: sqlite3.Connection, collector: "_Collector", advance: Callable[[], None] = lambda: None) -> None:
    """The rows of every resource and passage the collector read."""
    for iri in sorted(collector.resources):
        advance()
        res = collector.resources[iri]
        db.execute("INSERT INTO refs VALUES (?, ?)", (iri, json.dumps(res.ref(), ensure_ascii=False)))
        if res.named:
            _insert_mentions(db, iri, collector.mentions(res))
        if res.label is None or res.kind in UNSEARCHED_KINDS:
            continue
        for name in [res.label, *res.alt_labels] + ([res.label_en] if res.label_en else []):
            search.add_name(db, iri, res.kind, "label" if name == res.label else "altLabel", name)
        if res.kind not in LISTED_KINDS:
            continue
        item = collector.item(res)
        year_min, year_max = _years(res, item)
        names = "\n".join(search.fold(n) for n in [res.label, *res.alt_labels])
        db.execute("INSERT INTO items VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                   (iri, res.kind, res.slug, _sort_key(res, item), names, year_min, year_max,
                    json.dumps(item, ensure_ascii=False)))
        db.executemany("INSERT INTO filters VALUES (?, ?, ?)", _filter_rows(res, item))
    for row in collector.rows("view_passage_texts", collector.collected, "passage"):
        search.add_text(db, row["passage"].value, "passage", row["text"].value)
        page = row["page"]
        db.execute("INSERT OR IGNORE INTO passages VALUES (?, ?, ?)",
                   (row["passage"].value, row["document"].value, int(page.value) if page is not None else None))


def _insert_mentions(db: sqlite3.Connection, iri: str, mentions: list[dict]) -> None:
    """Where `iri` is named, one row per document (`mentions` are in document order)."""
    db.executemany("INSERT INTO mentions VALUES (?, ?, ?)",
                   [(iri, document, json.dumps(list(entries), ensure_ascii=False))
                    for document, entries in groupby(mentions, key=lambda m: m["document"]["id"])])


#: The tables whose rows are a resource's (by its IRI), replaced when it changes.
_ROWS_OF_A_RESOURCE = ("items", "filters", "refs", "mentions", "passages")


def _replace(db: sqlite3.Connection, collector: "_Collector", affected: set[str]) -> None:
    """Every row of the `affected` resources taken out (their counts with them), then those
    the collector read put in (and counted)."""
    db.execute("CREATE TEMP TABLE affected (iri TEXT PRIMARY KEY)")
    db.executemany("INSERT INTO affected VALUES (?)", ((iri,) for iri in affected))
    _count(db, -1, "affected")
    for table in _ROWS_OF_A_RESOURCE:
        db.execute(f"DELETE FROM {table} WHERE iri IN (SELECT iri FROM affected)")
    search.remove(db, "affected")
    _insert(db, collector)
    _count(db, +1, "affected")
    db.execute("DELETE FROM counts WHERE n = 0")
    db.execute("DROP TABLE affected")


def _renew_mentions(db: sqlite3.Connection, collector: "_Collector", named: dict[str, set[str]],
                    graphs: list[NamedNode]) -> None:
    """For each resource the changed graphs only mention (none of its own triples changed):
    its mentions in those documents, and the counts of them its item shows (`mentionedIn`)
    and its `document` filter rows, made again; its mentions in other documents stay."""
    named = {iri: documents for iri, documents in named.items() if _old_ref(db, iri) is not None}
    db.execute("CREATE TEMP TABLE renewed (iri TEXT PRIMARY KEY)")
    db.executemany("INSERT INTO renewed VALUES (?)", ((iri,) for iri in named))
    _count(db, -1, "renewed")
    renewed = collector.mentions_in(named, graphs)
    for iri, documents in sorted(named.items()):
        counts, mentions = renewed[iri]
        db.executemany("DELETE FROM mentions WHERE iri = ? AND document = ?", [(iri, d) for d in documents])
        _insert_mentions(db, iri, mentions)
        row = db.execute("SELECT json FROM items WHERE iri = ?", (iri,)).fetchone()
        if row is None:
            continue
        item = json.loads(row[0])
        shown = {entry["document"]["id"]: entry for entry in item["mentionedIn"]}
        for document, count in counts.items():
            shown.pop(document, None)
            if count:
                shown[document] = {"document": collector.reference(NamedNode(document)), "mentions": count}
        item["mentionedIn"] = [shown[document] for document in sorted(shown)]
        db.execute("UPDATE items SET json = ? WHERE iri = ?", (json.dumps(item, ensure_ascii=False), iri))
        db.execute("DELETE FROM filters WHERE iri = ? AND name = 'document'", (iri,))
        db.executemany("INSERT INTO filters VALUES (?, ?, ?)", _document_rows(iri, item))
    _count(db, +1, "renewed")
    db.execute("DELETE FROM counts WHERE n = 0")
    db.execute("DROP TABLE renewed")


def _count(db: sqlite3.Connection, sign: int, listed_in: str | None = None) -> None:
    """Add (sign +1) or take away (-1) what the items, of those whose IRIs are in the table
    `listed_in` or of all, count for in `counts`: per kind, and per kind and filter value."""
    scope = f"i.iri IN (SELECT iri FROM {listed_in})" if listed_in else "true"
    upsert = " ON CONFLICT (kind, name, value) DO UPDATE SET n = n + excluded.n"
    db.execute(f"INSERT INTO counts SELECT i.kind, '', '', ? * COUNT(*) FROM items i WHERE {scope} "
               f"GROUP BY i.kind{upsert}", (sign,))
    db.execute(f"INSERT INTO counts SELECT i.kind, f.name, f.value, ? * COUNT(*) FROM filters f "
               f"JOIN items i ON i.iri = f.iri WHERE {scope} GROUP BY i.kind, f.name, f.value{upsert}", (sign,))
