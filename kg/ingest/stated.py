"""What a paper states about itself (its dates, numbers and known makers), each with the
words that state it: asserted by `mhkg ingest` in the paper's graph, and kept in its fact file
when the paper is published (`mhkg review`), so that publishing loses none of it.
"""
from __future__ import annotations

from dataclasses import dataclass

from pyoxigraph import Literal, Quad

from .. import iris
from ..corpus import SourceDocument
from ..evidence import evidence_quads, integer
from ..iris import document_graph, expand
from ..passages import Passage, passage_at
from .metadata import Metadata
from .resolve import Resolver

_DATE_FIELDS = {"dateSubmitted": "mh:dateSubmitted", "dateReceived": "mh:dateReceived", "dateSent": "mh:dateSent"}
#: The date a paper of each genre bears as its own, dct:date (as a cited paper's is), the first
#: it states of these: the day a motion was moved ("Voorgesteld"), a report fixed ("Vastgesteld"),
#: a paper of a bill's dossier fixed (the committee's report) or received (the government's
#: answers to it, "Ontvangen"). Another paper may quote such a line near its top; it is not that paper's date.
_OWN_DATE = {"motion": ("dateProposed",), "committee-report": ("dateFixed",), "written-consultation": ("dateFixed",),
             "legislative": ("dateFixed", "dateReceived")}
_TEXT_FIELDS = {"aanhangselNumber": "mh:aanhangselNumber", "parliamentaryYear": "mh:parliamentaryYear",
                "dossier": "mh:dossier", "documentNumber": "mh:documentNumber", "reference": "mh:reference",
                "tkDocument": "mh:tkDocumentNumber", "tkCase": "mh:tkCaseNumber"}


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
    own = next((field for name in _OWN_DATE.get(meta.genre, ()) if (field := meta.fields.get(name)) and field.value), None)
    if own:
        found.append(Stated("dct:date", own.quote, own.value, "xsd:date"))
    for name, field in meta.fields.items():
        if name in _DATE_FIELDS and field.value:
            found.append(Stated(_DATE_FIELDS[name], field.quote, field.value, "xsd:date"))
        elif name in _TEXT_FIELDS and field.value:
            found.append(Stated(_TEXT_FIELDS[name], field.quote, field.value, "xsd:string"))
    return found + [Stated(link.prop, link.quote, key=link.key) for link in resolver.links(meta)]


def statement_quads(document: SourceDocument, prop: str, value, quote: str, passages: list[Passage]) -> list[Quad]:
    """`document prop value` in the paper's graph, reified as an mh:Statement with its quote,
    page and passage, and the mh:Evidence a curated statement gets (kg/evidence.py): the quote
    where it first stands, its page, passage and offsets; nothing where the quote cannot be
    found in the text."""
    located = document.text.locate(quote)
    if not located:
        return []
    place = located[0]
    graph, doc, predicate = document_graph(document.slug), iris.thing("document", document.slug), expand(prop)
    statement = iris.statement(document.slug, doc, predicate, value)
    text = Literal(" ".join(quote.split()), language="nl")
    within = passage_at(passages, place.start)
    passage = iris.thing("passage", within.slug) if within else None
    quads = [
        Quad(doc, predicate, value, graph),
        Quad(statement, expand("rdf:type"), expand("mh:Statement"), graph),
        Quad(statement, expand("rdf:subject"), doc, graph),
        Quad(statement, expand("rdf:predicate"), predicate, graph),
        Quad(statement, expand("rdf:object"), value, graph),
        Quad(statement, expand("prov:wasDerivedFrom"), doc, graph),
        Quad(statement, expand("mh:quote"), text, graph),
        Quad(statement, expand("mh:page"), integer(place.page), graph),
    ]
    if passage is not None:
        quads.append(Quad(statement, expand("mh:passage"), passage, graph))
    return quads + evidence_quads(statement, document.slug, text, place, passage, graph)
