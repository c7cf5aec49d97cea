"""What one changed graph (a paper's) means for the views, read where its graph is made: in
an ingest's worker, from that graph alone, while the other workers make theirs. What the
graph touches, and the rows of each resource it states anything of, as statements to be run
on the new views: building.py runs those of the resources that are new and whose every
triple is in that graph, where nothing else changes what their items show, and reads the
rest from the store. An ingest of many new papers so no longer reads their rows back, one
after another, from the store they were loaded into. The parent holds a batch's statements
until it writes the views: about 0.3 MB a typical paper.
"""
from __future__ import annotations

import sqlite3
from collections import defaultdict
from dataclasses import dataclass, field

from pyoxigraph import NamedNode, RdfFormat, Store

from ..iris import split_thing
from ..store import load_query
from .collecting import MENTION_OF, Collector, in_graph, mentions_in_graph
from .writing import Statements, old_ref, write_passage, write_resource


@dataclass
class Touched:
    """What named graphs state: the resources they state anything of (`touched`), what their
    statements, mentions and responses are about, each with those statements and responses
    (`pointed`), what their mentions name, each with the mentions' documents (`named`)."""
    touched: set[str] = field(default_factory=set)
    pointed: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    named: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))

    def read(self, store: Store, graph: NamedNode) -> Touched:
        """Add what `graph` of `store` states. The subjects of its triples are touched (an item
        shows its own triples; what one points to shows in the pointing item, and a statement's
        or a response's reach is building.py's `_closed`). A document's mentions are in its own graph."""
        for row in in_graph(store, load_query("view_resources_a_graph_touches"), graph):
            if (resource := row["touched"]) is not None and split_thing(resource.value):
                self.touched.add(resource.value)
            elif (resource := row["pointed"]) is not None:
                facts = self.pointed[resource.value]
                if row["about"] != MENTION_OF:
                    facts.add(row["fact"].value)
            elif (resource := row["named"]) is not None and split_thing(resource.value):
                self.named[resource.value].add(row["document"].value)
        return self

    def add(self, other: Touched) -> None:
        self.touched |= other.touched
        for mine, theirs in ((self.pointed, other.pointed), (self.named, other.named)):
            for iri, values in theirs.items():
                mine[iri] |= values


@dataclass
class PaperViews:
    """One paper's graph as the views see it: what it touches; for each resource it states
    anything of, the statements writing its rows as its graph alone gives them (right for
    those that are new, in no triple of the graph before, which building.py alone can tell:
    the worker opens no store on disk), and the resources whose refs those rows show
    (`shows`, as this paper alone, or the previous views, give them: where one of those is
    made again from other graphs too, its rows are read from the store instead); the
    mentions of what it names (Collector.mentions_in)."""
    graph: str
    touched: Touched
    statements: dict[str, Statements]
    shows: dict[str, frozenset[str]]
    mentions: dict[str, list[tuple]]


class _Showing(Collector):
    """A collector noting the resources whose refs the items it makes show (`shown`)."""
    shown: set[str]

    def reference(self, term) -> dict | str:
        if isinstance(term, NamedNode):
            self.shown.add(term.value)
        return super().reference(term)


def paper_views(graph: NamedNode, nquads: bytes, views: sqlite3.Connection) -> PaperViews:
    """The views of the paper whose graph `graph` is `nquads`, joining a graph whose views are
    `views`: read from its graph alone, with the view queries, as building.py reads a new
    paper's resources from the new store (they are local to its graph)."""
    store = Store()
    store.bulk_load(input=nquads, format=RdfFormat.N_QUADS, lenient=True)     # pyoxigraph's own N-Quads
    touched = Touched().read(store, graph)
    collector = _Showing(store, touched.touched, lambda iri: old_ref(views, iri),
                         local=dict.fromkeys(touched.touched, graph))
    statements: dict[str, Statements] = defaultdict(Statements)
    shows = {}
    for iri, res in collector.resources.items():
        collector.shown = set()
        write_resource(statements[iri], collector, res)
        shows[iri] = frozenset(collector.shown)
    for row in collector.rows("view_passage_texts", collector.collected, "passage"):
        write_passage(statements[row["passage"].value], row)
    return PaperViews(graph.value, touched, dict(statements), shows, mentions_in_graph(store, graph, touched.named))
