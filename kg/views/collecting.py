"""Reading the store for the views: each resource's names, fields, quotes and mentions, read
with the `view_*.rq` queries (of every resource, or of the few an update makes again), and
the item each one is shown as."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Callable, Iterator

from pyoxigraph import Literal, NamedNode, Store, Variable

from ..iris import PREFIXES, split_thing
from ..remote import bind
from ..store import load_query, run, run_named
from .model import HAS_DUTY, KINDS, LITERAL_FIELDS, TYPED_VALUE_FIELDS, curie, integer_value, literal_json, source

RDF_SUBJECT = NamedNode(PREFIXES["rdf"] + "subject")
RESPONDS_TO = NamedNode(PREFIXES["mh"] + "respondsTo")
MENTION_OF = NamedNode(PREFIXES["mh"] + "mentionOf")
#: An update asks for the rows of each resource it makes again alone (about 1 ms each at 1M
#: triples), unless they are more than one in SCAN_RATIO of all: then it reads each view
#: query's whole answer once (about 130 µs per resource of the graph) and picks theirs out.
SCAN_RATIO = 8
#: The kinds of resources that are items of a list (the others need only their names).
LISTED_KINDS = frozenset(KINDS.values())


def _dutch_first(term) -> tuple:
    """Order of a field's values: a single-valued literal field shows the first, its Dutch one
    where it has languages (the context reads a title as Dutch)."""
    return (isinstance(term, Literal) and term.language not in (None, "nl"), str(term.value))


def mention_entry(row) -> tuple:
    """A row of view_mentions.rq as (mention, document, passage, page, quote), passage, page
    and quote None where the mention has none."""
    passage, page, quote = row["passage"], row["page"], row["quote"]
    return (row["mention"].value, row["document"].value, passage.value if passage is not None else None,
            int(page.value) if page is not None else None, quote.value if quote is not None else None)


def _add_mention(res: Resource, entry: tuple, counted: dict) -> None:
    """One mention_entry into `res` (where it is named) and `counted` (by whom, per document)."""
    mention, document, passage, page, quote = entry
    counted[(res.iri, document)].add(mention)
    if quote is not None:
        res.named.add((document, passage, page, quote, mention))


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


@dataclass
class Resource:
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


def in_graph(store: Store, query: str, graph: NamedNode):
    """The answer of `query` over one named graph of `store` alone."""
    return run(store, query, default_graph=graph, use_default_graph_as_union=False)


def mentions_in_graph(store: Store, graph: NamedNode, iris) -> dict[str, list[tuple]]:
    """The mentions (mention_entry) of each of `iris` that one named graph holds."""
    found: dict[str, list[tuple]] = defaultdict(list)
    for row in in_graph(store, load_query("view_mentions"), graph):
        if (iri := row["resource"].value) in iris:
            found[iri].append(mention_entry(row))
    return dict(found)


class Collector:
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
        self.resources: dict[str, Resource] = {}
        self.collected: set[str] | None = None if only is None else set()
        self.collect(only)

    def collect(self, iris: set[str] | None) -> None:
        """Read the rows of `iris` (of every resource: None) and shape their items. Asked one
        at a time, only what a resource's rows are used for is asked: fields and quotes for
        the kinds that are items, mentions for what is mentioned."""
        listed = mentioned = iris
        if iris is not None:
            iris = iris - self.collected
            self.scan = len(iris - self.local.keys()) * SCAN_RATIO > self.all    # the local are read per graph
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
            yield from (row for row in in_graph(self.store, query, graph) if row[variable].value in here)
        variable = Variable(variable)
        for iri in sorted(iris - here):
            yield from run(self.store, bind(query, {variable: NamedNode(iri)}))

    def _among(self, iris: set[str] | None) -> Iterator[Resource]:
        """The resources read of `iris` (of all: None)."""
        return iter(self.resources.values()) if iris is None else \
            (self.resources[iri] for iri in iris if iri in self.resources)

    def _resource(self, iri: str) -> Resource | None:
        if iri not in self.resources:
            parts = split_thing(iri)
            if parts is None:
                return None
            self.resources[iri] = Resource(iri, parts[0], parts[1], set())
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
        for res in self._among(iris):              # a duty, or a source's statement that there is none
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
                _add_mention(res, mention_entry(row), counted)
        for (iri, document), mentions in counted.items():
            self.resources[iri].mentions[document] = len(mentions)

    def mentions_in(self, named: dict[str, set[str]], graphs: list[NamedNode],
                    read: dict[str, dict[str, list[tuple]]] | None = None) -> dict[str, tuple[dict, list]]:
        """For each resource `named` maps to documents of `graphs`: how often it is named in
        each of them and where (the entries of its `mentions`), read from the mentions of those
        graphs alone (a document's mentions are in its own graph): an update's, for what the
        changed papers mention, without reading the thousands of other papers' mentions of it.
        `read` holds those of some graphs read already (graph IRI → `mentions_in_graph`)."""
        found = {iri: Resource(iri, *split_thing(iri), set()) for iri in named}
        counted: dict[tuple[str, str], set[str]] = defaultdict(set)
        read = read or {}
        for graph in graphs:
            entries = read.get(graph.value)
            if entries is None:
                entries = mentions_in_graph(self.store, graph, found.keys())
            for iri, mentions in entries.items():
                if (res := found.get(iri)) is not None:
                    for entry in mentions:
                        _add_mention(res, entry, counted)
        return {iri: ({document: len(counted[(iri, document)]) for document in documents}, self.mentions(found[iri]))
                for iri, documents in named.items()}

    def mentions(self, res: Resource) -> list[tuple]:
        """Where `res` is named: (document, mention, passage, page, quote), by document, page and
        passage (unknown pages and passages first, as SPARQL orders unbound values); documents
        and passages as IRIs, which the views show with their refs when read (reading.py)."""
        ordered = sorted(res.named, key=lambda m: (m[0], m[2] is not None, m[2] or 0, m[1] is not None,
                                                   m[1] or "", m[3]))
        return [(document, mention, passage, page, quote) for document, passage, page, quote, mention in ordered]

    def reference(self, term) -> dict | str:
        if not isinstance(term, NamedNode):
            return term.value
        res = self.resources.get(term.value)
        if res is not None:
            return res.ref()
        return self.outside(term.value) or {"id": term.value, "label": None}

    def item(self, res: Resource) -> dict:
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
