"""What a document's text shows, as RDF: the document, its passages, the known actors and
instruments it names (mentions), the parliamentary groups that asked, and what it cites.

Machine-found, and the same for a seed and for an ingested paper: `mhkg build` and
`mhkg ingest` both go through `TextGraph`, so a rebuild reproduces an ingest exactly.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Protocol

from pyoxigraph import Literal, NamedNode, Quad

from . import iris
from .citations import Citation, find_citations
from .corpus import KINDS, SourceDocument
from .evidence import integer
from .iris import document_graph
from .iris import expand as _expand
from .mentions import Matcher
from .passages import Passage

XSD_ANY_URI = NamedNode(iris.PREFIXES["xsd"] + "anyURI")
#: A CURIE's NamedNode, made once: a paper's graph asks for the same few dozen tens of thousands of times.
expand = lru_cache(maxsize=None)(_expand)
RDF_TYPE = expand("rdf:type")
RDFS_LABEL = expand("rdfs:label")

#: The property that holds the identifier of each kind of cited resource.
_IDENTIFIER_PROPERTY = {"mh:Kamerstuk": "mh:kamerstukId", "mh:AanhangselHandelingen": "dct:identifier",
                        "mh:CourtDecision": "mh:ecli", "mh:CitedDocument": "mh:bwbId", "mh:WebResource": "mh:url",
                        "mh:LegalProvision": "dct:identifier", "mh:EUDirective": "dct:identifier"}


def curated_citation_keys(entities: dict) -> dict[str, str]:
    """Identifier → key of every curated entity that carries a citation identifier."""
    properties = set(_IDENTIFIER_PROPERTY.values())
    return {str(value): key for key, entity in sorted(entities.items())
            for prop, value in getattr(entity, "properties", []) if prop in properties and isinstance(value, str)}


class KnownEntity(Protocol):
    iri: NamedNode
    label: str

    @property
    def search_labels(self) -> list[str]: ...


class TextGraph:
    """Turns documents' texts into quads, given the entities the graph knows.

    `identifiers` maps official identifiers of corpus documents to their slugs, so that a
    citation of a document we hold links to that document; `cited` maps the identifiers
    (URL, Kamerstuk, ECLI …) of curated citation resources to their keys, so that a
    citation found in the text is that resource and not a second one."""

    def __init__(self, entities: dict[str, KnownEntity], identifiers: dict[str, str],
                 cited: dict[str, str] | None = None):
        self.entities = entities
        self.identifiers = identifiers
        self.curated_citations = cited or {}
        self.matcher = Matcher({key: entity.search_labels for key, entity in entities.items()})
        self.cited: dict[str, Citation] = {}

    def quads(self, document: SourceDocument, passages: list[Passage],
              identity_graph: NamedNode | None = None) -> list[Quad]:
        """All quads of one document; its identity goes to `identity_graph` (default: the
        register graph; an ingested paper keeps it in its own graph)."""
        identity = identity_graph or NamedNode(iris.REGISTER_GRAPH)
        return (self._document(document, passages, identity) + self._mentions(document, passages)
                + self._asked_by(document, passages) + self._citations(document, passages))

    def _document(self, document: SourceDocument, passages: list[Passage], identity: NamedNode) -> list[Quad]:
        graph = document_graph(document.slug)
        doc = iris.thing("document", document.slug)
        quads = [
            Quad(doc, RDF_TYPE, expand("mh:SourceDocument"), identity),
            Quad(doc, RDF_TYPE, expand(f"mh:{document.kind}"), identity),
            Quad(doc, RDFS_LABEL, Literal(document.title, language="nl"), identity),
            Quad(doc, expand("mh:documentKind"), iris.thing("concept", KINDS[document.kind]), identity),
        ]
        if document.identifier:
            quads.append(Quad(doc, expand("dct:identifier"), Literal(document.identifier), identity))
        for passage in passages:
            node = iris.thing("passage", passage.slug)
            quads += [
                Quad(node, RDF_TYPE, expand("mh:Passage"), graph),
                Quad(node, RDF_TYPE, expand(f"mh:{passage.kind}"), graph),
                Quad(node, RDFS_LABEL, Literal(f"{passage.heading} — {document.title}", language="nl"), graph),
                Quad(node, expand("mh:inDocument"), doc, graph),
                Quad(node, expand("mh:order"), integer(passage.order), graph),
                Quad(node, expand("mh:startOffset"), integer(passage.start), graph),
                Quad(node, expand("mh:endOffset"), integer(passage.end), graph),
                Quad(node, expand("mh:page"), integer(document.text.page_at(passage.start)), graph),
                Quad(node, expand("mh:text"), Literal(passage.text, language="nl"), graph),
            ]
            if passage.number:
                quads.append(Quad(node, expand("mh:number"), Literal(passage.number), graph))
            if passage.kind == "Question":
                quads.append(Quad(doc, expand("mh:hasQuestion"), node, graph))
            if passage.kind == "Answer":
                quads.append(Quad(doc, expand("mh:hasAnswer"), node, graph))
            quads += [Quad(node, expand("mh:answers"), iris.thing("passage", q), graph) for q in passage.answers]
            quads += [Quad(node, expand("mh:footnote"), iris.thing("passage", f), graph) for f in passage.footnotes]
            if passage.kind == "Footnote" and passage.number:
                quads.append(Quad(node, expand("mh:footnoteMark"), Literal(passage.number), graph))
        return quads

    def _mentions(self, document: SourceDocument, passages: list[Passage]) -> list[Quad]:
        graph = document_graph(document.slug)
        doc = iris.thing("document", document.slug)
        quads, in_document = [], set()
        for passage in passages:
            passage_node = iris.thing("passage", passage.slug)
            for key, hit in self.matcher.mentions(passage, context=document.text.original).items():
                quote, located = next(((q, found) for q in hit.quotes(passage.text)
                                       if (found := document.text.locate(q))), (None, None))
                if not located:
                    continue
                entity = self.entities[key]
                kind, slug = key.split("/", 1)
                mention = iris.thing("mention", f"{passage.slug}-{kind}-{slug}")
                quads += [
                    Quad(mention, RDF_TYPE, expand("mh:Mention"), graph),
                    Quad(mention, RDFS_LABEL, Literal(f"{entity.label} in {passage.heading} ({document.slug})", language="nl"), graph),
                    Quad(mention, expand("mh:mentionOf"), entity.iri, graph),
                    Quad(mention, expand("mh:passage"), passage_node, graph),
                    Quad(mention, expand("prov:wasDerivedFrom"), doc, graph),
                    Quad(mention, expand("mh:quote"), Literal(quote, language="nl"), graph),
                    Quad(mention, expand("mh:page"), integer(located[0].page), graph),
                    Quad(entity.iri, expand("mh:mentionedIn"), passage_node, graph),
                ]
                if key not in in_document:
                    in_document.add(key)
                    quads.append(Quad(entity.iri, expand("mh:mentionedIn"), doc, graph))
        return quads

    def _asked_by(self, document: SourceDocument, passages: list[Passage]) -> list[Quad]:
        """A schriftelijk overleg's questions linked to the parliamentary groups that asked."""
        graph = document_graph(document.slug)
        quads = []
        for passage in passages:
            for group in passage.asked_by:
                key = f"actor/{iris.slugify(group)}-fractie"
                if key in self.entities:
                    quads.append(Quad(iris.thing("passage", passage.slug), expand("mh:askedBy"),
                                      self.entities[key].iri, graph))
        return quads

    def _citations(self, document: SourceDocument, passages: list[Passage]) -> list[Quad]:
        """`mh:cites` from each passage (and its document) to what it cites; a citation of a
        document in the corpus links to that document itself."""
        graph = document_graph(document.slug)
        doc = iris.thing("document", document.slug)
        quads, seen = [], set()
        for passage in passages:
            node = iris.thing("passage", passage.slug)
            for citation in find_citations(passage.text, passage.hyphenated):
                slug = self.identifiers.get(citation.identifier)
                if slug == document.slug:
                    continue
                if slug:
                    target = iris.thing("document", slug)
                elif citation.identifier in self.curated_citations:
                    target = iris.thing(*self.curated_citations[citation.identifier].split("/", 1))
                else:
                    target = iris.thing(*citation.key.split("/", 1))
                    self.cited.setdefault(citation.key, citation)
                quads.append(Quad(node, expand("mh:cites"), target, graph))
                if target not in seen:
                    seen.add(target)
                    quads.append(Quad(doc, expand("mh:cites"), target, graph))
        return quads

    def cited_resource_quads(self, graph: NamedNode) -> list[Quad]:
        """Identity of each resource cited so far that the known entities do not declare."""
        quads = []
        for key, citation in sorted(self.cited.items()):
            if key in self.entities:
                continue
            node = iris.thing(*key.split("/", 1))
            value = Literal(citation.identifier, datatype=XSD_ANY_URI) if citation.cls == "mh:WebResource" \
                else Literal(citation.identifier)
            quads += [
                Quad(node, RDF_TYPE, expand(citation.cls), graph),
                Quad(node, RDFS_LABEL, Literal(citation.label, language="nl"), graph),
                Quad(node, expand(_IDENTIFIER_PROPERTY[citation.cls]), value, graph),
            ]
        return quads
