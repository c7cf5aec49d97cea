"""A resource and a passage as the REST API describes them (from the views and api/queries/*.rq):
what `GET /api/{kind}/{slug}` and the passage endpoints answer, and what the resource pages and
the reader render, so that a page shows exactly what the JSON says, quotes and pages included."""
from __future__ import annotations

from flask import current_app
from pyoxigraph import Literal, NamedNode

from kg.iris import MH, graph_document, split_thing
from kg.views import curie, literal_json, source

from ..graph_queries import rows
from ..service import service

MEASURES = MH + "measures"
#: How much of where a resource is named an answer of the REST API carries: the documents that
#: name it (`mentionedIn`, in every item) and, in one resource's answer, the places (`mentions`);
#: the rest is paged at /api/{kind}/{slug}/mentions. An actor that 10,000 papers name is in
#: 10,000 documents, some 25,000 times: 20 MB, for one item.
MENTIONED_IN_SHOWN, MENTIONS_SHOWN = 20, 100


def served(item: dict) -> dict:
    """`item` as the REST API answers it: at most MENTIONED_IN_SHOWN of the documents naming it,
    the first in their order, with how many there are in all (`mentionedInTotal`)."""
    return {**item, "mentionedIn": item["mentionedIn"][:MENTIONED_IN_SHOWN],
            "mentionedInTotal": len(item["mentionedIn"])}


class _Describer:
    """Turns terms into JSON, labelling every resource it points to in one lookup."""

    def __init__(self, found: list, columns: tuple[str, ...], more: set[str] = frozenset()):
        iris = {row[c].value for row in found for c in columns if isinstance(row[c], NamedNode)}
        self.refs = service(current_app).views.refs(iris | more)

    def term(self, term):
        if term is None:
            return None
        if isinstance(term, NamedNode):
            return self.refs.get(term.value) or {"id": term.value, "label": None}
        value = {"value": literal_json(term)}
        if isinstance(term, Literal) and term.language:
            value["language"] = term.language
        elif isinstance(term, Literal):
            value["datatype"] = curie(term.datatype.value)
        return value

    def graph(self, graph) -> dict:
        return {"graph": graph.value, "document": self.refs.get(graph_document(graph).value)}


def describe_resource(item: dict, *, mentions: int | None, figures: bool = True) -> dict:
    """`item` with its properties, what refers to it, the statements quoting it and the first
    `mentions` of its mentions with how many there are (`mentionsTotal`); with `mentions=None`,
    none of them (a page reads its own, a page of them at a time, and not twice).
    `figures=False` leaves out an indicator's observations (what points to it by mh:measures):
    its page reads those from the views once for both its chart and its table, so the graph is
    not asked for hundreds of them a second time."""
    iri = item["id"]
    properties = rows("properties_of_resource", resource=iri)
    statements = rows("statements_about_resource", resource=iri)
    if not figures:
        statements = [r for r in statements if r["predicate"].value != MEASURES]
    referrers = rows("resources_referring_to_resource" if figures else "referrers_besides_figures", resource=iri)
    graph_documents = {graph_document(r["graph"]).value for r in properties}
    describer = _Describer(properties + statements + referrers, ("value", "subject", "object", "document", "passage"),
                           graph_documents)

    quotes: dict[tuple, list] = {}
    for row in statements:
        key = (row["subject"].value, row["predicate"].value, row["object"].value)
        quotes.setdefault(key, []).append(source(_with_fact(row), describer.term))
    described = {
        **item,
        "properties": [{"property": curie(r["property"].value), "value": describer.term(r["value"]),
                        **describer.graph(r["graph"]),
                        "quotes": quotes.get((iri, r["property"].value, r["value"].value), [])}
                       for r in properties],
        "referencedBy": [{"property": curie(r["property"].value), "resource": describer.term(r["subject"]),
                          "quotes": quotes.get((r["subject"].value, r["property"].value, iri), [])}
                         for r in referrers],
        "statements": [_statement(describer, r) for r in statements],
    }
    if mentions is not None:                            # kept by the views
        described["mentions"], described["mentionsTotal"] = service(current_app).views.mention_page(iri, mentions)
    return described


def describe_passage(row, document: dict | None = None) -> dict:
    """A passage, from a row of passages_of_document.rq; with its document where given (the
    reader reads a document's passages without)."""
    kind_slug = split_thing(row["passage"].value)
    number = row["number"]
    return {
        "id": row["passage"].value, "slug": kind_slug[1] if kind_slug else None, "kind": "passage",
        "type": curie(row["type"].value), "label": row["label"].value if row["label"] else None,
        "number": number.value if number is not None else None, "order": int(row["order"].value),
        "page": _page_of(row),
        "startOffset": int(row["startOffset"].value) if row["startOffset"] else None,
        "endOffset": int(row["endOffset"].value) if row["endOffset"] else None,
        "answers": row["answers"].value if row["answers"] else None,
        **({"document": document} if document is not None else {}),
        "text": row["text"].value,
    }


def _page_of(row) -> int | None:
    return int(row["page"].value) if row["page"] is not None else None


def _with_fact(row) -> dict:
    """A statement row read as an evidence row: the fact its quote states is the statement."""
    return {name: row[name] for name in ("evidence", "document", "quote", "page", "passage", "start", "end")} \
        | {"fact": row["statement"]}


def _statement(describer: _Describer, row) -> dict:
    """One quoted statement, one entry per quote: its triple, the quote with its own page and
    passage (flat, as before), and that quote's evidence in full."""
    return {"id": row["statement"].value, "types": ["mh:Statement"], "subject": describer.term(row["subject"]),
            "predicate": curie(row["predicate"].value), "object": describer.term(row["object"]),
            "quote": row["quote"].value, "page": _page_of(row), "document": describer.term(row["document"]),
            "passage": describer.term(row["passage"]), "evidence": source(_with_fact(row), describer.term)}
