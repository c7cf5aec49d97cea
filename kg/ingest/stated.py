"""What a paper states about itself (its dates, numbers and known makers), each with the
words that state it: asserted by `mhkg ingest` in the paper's graph, and kept in its fact file
when the paper is published (`mhkg review`), so that publishing loses none of it.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass

from pyoxigraph import Literal, Quad

from .. import iris
from ..corpus import SourceDocument
from ..evidence import integer
from ..iris import document_graph, expand
from .metadata import Metadata
from .resolve import Resolver

_DATE_FIELDS = {"dateSubmitted": "mh:dateSubmitted", "dateReceived": "mh:dateReceived", "dateSent": "mh:dateSent"}
_TEXT_FIELDS = {"aanhangselNumber": "mh:aanhangselNumber", "parliamentaryYear": "mh:parliamentaryYear",
                "dossier": "mh:dossier", "documentNumber": "mh:documentNumber", "reference": "mh:reference"}


@dataclass(frozen=True)
class Stated:
    """What a paper states about itself: `prop` with a literal (`value`, `datatype`) or a known
    resource (`key`), and the words that state it."""
    prop: str
    quote: str
    value: str | None = None
    datatype: str | None = None
    key: str | None = None


def stated_metadata(meta: Metadata, resolver: Resolver) -> list[Stated]:
    """The dates, numbers and makers a paper states about itself (makers only where the graph knows them)."""
    found = []
    for name, field in meta.fields.items():
        if name in _DATE_FIELDS and field.value:
            found.append(Stated(_DATE_FIELDS[name], field.quote, field.value, "xsd:date"))
        elif name in _TEXT_FIELDS and field.value:
            found.append(Stated(_TEXT_FIELDS[name], field.quote, field.value, "xsd:string"))
    return found + [Stated(link.prop, link.quote, key=link.key) for link in resolver.links(meta)]


def statement_quads(document: SourceDocument, prop: str, value, quote: str) -> list[Quad]:
    """`document prop value` in the paper's graph, reified as an mh:Statement with its quote
    and page; nothing where the quote cannot be found in the text."""
    located = document.text.locate(quote)
    if not located:
        return []
    graph, doc, predicate = document_graph(document.slug), iris.thing("document", document.slug), expand(prop)
    statement = iris.thing("statement", hashlib.sha1(f"{document.slug}|{prop}|{value.value}".encode()).hexdigest()[:16])
    return [
        Quad(doc, predicate, value, graph),
        Quad(statement, expand("rdf:type"), expand("mh:Statement"), graph),
        Quad(statement, expand("rdf:subject"), doc, graph),
        Quad(statement, expand("rdf:predicate"), predicate, graph),
        Quad(statement, expand("rdf:object"), value, graph),
        Quad(statement, expand("prov:wasDerivedFrom"), doc, graph),
        Quad(statement, expand("mh:quote"), Literal(quote, language="nl"), graph),
        Quad(statement, expand("mh:page"), integer(located[0].page), graph),
    ]
