"""Evidence: one quote of a fact with where it stands (ontology/README.md, CONTRACT §4).

A fact may carry several quotes; its `mh:quote` and `mh:page` values are then separate lists
that do not say which quote stands on which page. Each (fact, quote) pair therefore gets an
`mh:Evidence` node of its own: the document (`prov:entity`), the quote, the page on which it
begins, the passage it stands in and its offsets in the document's text. Whoever states a
quoted fact (the fact compiler, ingestion) makes its evidence here, from where the quote was
located, so that every evidence in the graph is made the same way.
"""
from __future__ import annotations

import hashlib

from pyoxigraph import Literal, NamedNode, Quad

from . import iris
from .iris import expand
from .text import Located

XSD_INTEGER = NamedNode(iris.PREFIXES["xsd"] + "integer")


def integer(value: int) -> Literal:
    return Literal(str(value), datatype=XSD_INTEGER)


def evidence_quads(fact: NamedNode, document_slug: str, quote: Literal, place: Located,
                   passage: NamedNode | None, graph: NamedNode) -> list[Quad]:
    """`fact mh:evidence E` and E's document, quote, page, passage and offsets; E's IRI is a
    hash of the fact and the quote, so the same inputs give the same node."""
    digest = hashlib.sha1(f"{fact.value}|{quote.value}".encode()).hexdigest()[:16]
    evidence = iris.thing("evidence", digest)
    quads = [Quad(fact, expand("mh:evidence"), evidence, graph),
             Quad(evidence, expand("rdf:type"), expand("mh:Evidence"), graph),
             Quad(evidence, expand("prov:entity"), iris.thing("document", document_slug), graph),
             Quad(evidence, expand("mh:quote"), quote, graph),
             Quad(evidence, expand("mh:page"), integer(place.page), graph),
             Quad(evidence, expand("mh:quoteStart"), integer(place.start), graph),
             Quad(evidence, expand("mh:quoteEnd"), integer(place.end), graph)]
    if passage is not None:
        quads.append(Quad(evidence, expand("mh:passage"), passage, graph))
    return quads
