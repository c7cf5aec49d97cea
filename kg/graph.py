"""Assembling the whole graph from its inputs: ontology, corpus, passages, facts, mentions.

One function, `assemble`, used by `mhkg build` and `mhkg validate` alike, so that what
is validated is exactly what is loaded. It collects every error it can find before it
gives up, so that one run names all the bad quotes and unknown terms at once.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pyoxigraph import Literal, NamedNode, Quad

from . import iris
from .citations import find_citations
from .corpus import MANIFEST, SourceDocument, load_manifest
from .facts import FACTS_DIR, Compiler, FactError, load_file
from .iris import document_graph, expand
from .mentions import Matcher
from .ontology import Vocabulary, ontology_quads
from .passages import Passage, passage_at, segment

XSD_INTEGER = NamedNode(iris.PREFIXES["xsd"] + "integer")
RDF_TYPE = expand("rdf:type")
RDFS_LABEL = expand("rdfs:label")

DOCUMENT_KIND_CONCEPT = {
    "ParliamentaryQuestions": "document-kind-parliamentary-questions",
    "ParliamentaryLetter": "document-kind-parliamentary-letter",
    "Letter": "document-kind-letter",
    "WrittenConsultation": "document-kind-written-consultation",
}


class BuildError(ValueError):
    """The inputs do not make a valid graph; `problems` lists every reason found."""

    def __init__(self, problems: list[str]):
        super().__init__(f"{len(problems)} problem(s):\n" + "\n".join(f"  - {p}" for p in problems))
        self.problems = problems


@dataclass
class Assembly:
    quads: list[Quad] = field(default_factory=list)
    documents: list[SourceDocument] = field(default_factory=list)
    passages: dict[str, list[Passage]] = field(default_factory=dict)


def assemble(facts_dir: Path = FACTS_DIR, only: list[Path] | None = None,
             manifest: Path = MANIFEST) -> Assembly:
    """Every quad of the graph, checked; raises BuildError naming every problem found.

    `only` restricts the problems reported to those files (`mhkg validate --facts`)."""
    assembly = Assembly()
    assembly.documents = load_manifest(manifest)
    ontology = ontology_quads()
    assembly.quads += ontology
    vocabulary = Vocabulary(ontology)
    by_slug = {d.slug: d for d in assembly.documents}
    for document in assembly.documents:
        assembly.passages[document.slug] = segment(document.slug, document.text, document.kind)
        assembly.quads += _document_quads(document, assembly.passages[document.slug])

    def locate(slug: str, quote: str):
        return by_slug[slug].text.locate(quote)

    def passage_iri(slug: str, offset: int):
        passage = passage_at(assembly.passages[slug], offset)
        return iris.thing("passage", passage.slug) if passage else None

    compiler = Compiler(vocabulary, by_slug, locate, passage_iri)
    wanted = {Path(p).resolve() for p in only or []}
    paths = sorted({p.resolve() for p in facts_dir.glob("*.yaml")} | wanted)
    files, unreadable = [], []
    for path in paths:
        try:
            files.append(load_file(path))
        except FactError as err:
            unreadable.append(err)
    compiler.collect_entities(files)
    for fact_file in files:
        assembly.quads += compiler.document_quads(fact_file)
    assembly.quads += list(compiler.entity_quads())
    problems = [str(e) for e in unreadable + compiler.errors if not wanted or e.file.resolve() in wanted]
    if problems:
        raise BuildError(problems)
    matcher = Matcher({key: entity.search_labels for key, entity in compiler.entities.items()})
    by_identifier = {d.identifier: d.slug for d in assembly.documents if d.identifier}
    cited: dict[str, object] = {}
    for document in assembly.documents:
        passages = assembly.passages[document.slug]
        assembly.quads += _mention_quads(document, passages, matcher, compiler)
        assembly.quads += _asked_by_quads(document, passages, compiler)
        assembly.quads += _citation_quads(document, passages, by_identifier, cited)
    assembly.quads += _cited_resource_quads(cited, compiler)
    return assembly


def _document_quads(document: SourceDocument, passages: list[Passage]) -> list[Quad]:
    """The document as a resource (register graph) and its passages (its own graph)."""
    register = NamedNode(iris.REGISTER_GRAPH)
    graph = document_graph(document.slug)
    doc = iris.thing("document", document.slug)
    quads = [
        Quad(doc, RDF_TYPE, expand("mh:SourceDocument"), register),
        Quad(doc, RDF_TYPE, expand(f"mh:{document.kind}"), register),
        Quad(doc, RDFS_LABEL, Literal(document.title, language="nl"), register),
        Quad(doc, expand("mh:documentKind"), iris.thing("concept", DOCUMENT_KIND_CONCEPT[document.kind]), register),
    ]
    if document.identifier:
        quads.append(Quad(doc, expand("dct:identifier"), Literal(document.identifier), register))
    for passage in passages:
        node = iris.thing("passage", passage.slug)
        quads += [
            Quad(node, RDF_TYPE, expand("mh:Passage"), graph),
            Quad(node, RDF_TYPE, expand(f"mh:{passage.kind}"), graph),
            Quad(node, RDFS_LABEL, Literal(f"{passage.heading} — {document.title}", language="nl"), graph),
            Quad(node, expand("mh:inDocument"), doc, graph),
            Quad(node, expand("mh:order"), Literal(str(passage.order), datatype=XSD_INTEGER), graph),
            Quad(node, expand("mh:startOffset"), Literal(str(passage.start), datatype=XSD_INTEGER), graph),
            Quad(node, expand("mh:endOffset"), Literal(str(passage.end), datatype=XSD_INTEGER), graph),
            Quad(node, expand("mh:page"), Literal(str(document.text.page_at(passage.start)), datatype=XSD_INTEGER), graph),
            Quad(node, expand("mh:text"), Literal(passage.text, language="nl"), graph),
        ]
        if passage.number:
            quads.append(Quad(node, expand("mh:number"), Literal(passage.number), graph))
        if passage.kind == "Question":
            quads.append(Quad(doc, expand("mh:hasQuestion"), node, graph))
        if passage.kind == "Answer":
            quads.append(Quad(doc, expand("mh:hasAnswer"), node, graph))
        quads += [Quad(node, expand("mh:answers"), iris.thing("passage", q), graph) for q in passage.answers]
    return quads


def _asked_by_quads(document: SourceDocument, passages: list[Passage], compiler: Compiler) -> list[Quad]:
    """A schriftelijk overleg's questions linked to the parliamentary groups that asked them."""
    graph = document_graph(document.slug)
    quads = []
    for passage in passages:
        for group in passage.asked_by:
            key = f"actor/{iris.slugify(group)}-fractie"
            if key in compiler.entities:
                quads.append(Quad(iris.thing("passage", passage.slug), expand("mh:askedBy"),
                                  compiler.entities[key].iri, graph))
    return quads


def _mention_quads(document: SourceDocument, passages: list[Passage], matcher: Matcher,
                   compiler: Compiler) -> list[Quad]:
    graph = document_graph(document.slug)
    doc = iris.thing("document", document.slug)
    quads = []
    mentioned_in_document = set()
    for passage in passages:
        passage_node = iris.thing("passage", passage.slug)
        for key, hit in matcher.mentions(passage).items():
            entity = compiler.entities[key]
            quote, located = next(((q, found) for q in hit.quotes(passage.text)
                                   if (found := document.text.locate(q))), (None, None))
            if not located:
                continue
            kind, slug = key.split("/", 1)
            mention = iris.thing("mention", f"{passage.slug}-{kind}-{slug}")
            quads += [
                Quad(mention, RDF_TYPE, expand("mh:Mention"), graph),
                Quad(mention, RDFS_LABEL, Literal(f"{entity.label} in {passage.heading} ({document.slug})", language="nl"), graph),
                Quad(mention, expand("mh:mentionOf"), entity.iri, graph),
                Quad(mention, expand("mh:passage"), passage_node, graph),
                Quad(mention, expand("prov:wasDerivedFrom"), doc, graph),
                Quad(mention, expand("mh:quote"), Literal(quote, language="nl"), graph),
                Quad(mention, expand("mh:page"), Literal(str(located[0].page), datatype=XSD_INTEGER), graph),
                Quad(entity.iri, expand("mh:mentionedIn"), passage_node, graph),
            ]
            if key not in mentioned_in_document:
                mentioned_in_document.add(key)
                quads.append(Quad(entity.iri, expand("mh:mentionedIn"), doc, graph))
    return quads


_IDENTIFIER_PROPERTY = {"mh:Kamerstuk": "mh:kamerstukId", "mh:AanhangselHandelingen": "dct:identifier",
                        "mh:CourtDecision": "mh:ecli", "mh:CitedDocument": "mh:bwbId", "mh:WebResource": "mh:url",
                        "mh:LegalProvision": "dct:identifier", "mh:EUDirective": "dct:identifier"}


def _citation_quads(document: SourceDocument, passages: list[Passage], by_identifier: dict[str, str],
                    cited: dict) -> list[Quad]:
    """`mh:cites` from each passage (and its document) to what it cites; a citation of a
    document in the corpus links to that document itself."""
    graph = document_graph(document.slug)
    doc = iris.thing("document", document.slug)
    quads, seen = [], set()
    for passage in passages:
        node = iris.thing("passage", passage.slug)
        for citation in find_citations(passage.text, passage.hyphenated):
            if citation.identifier in by_identifier:
                target = iris.thing("document", by_identifier[citation.identifier])
                if by_identifier[citation.identifier] == document.slug:
                    continue
            else:
                kind, slug = citation.key.split("/", 1)
                target = iris.thing(kind, slug)
                cited.setdefault(citation.key, citation)
            quads.append(Quad(node, expand("mh:cites"), target, graph))
            if target not in seen:
                seen.add(target)
                quads.append(Quad(doc, expand("mh:cites"), target, graph))
    return quads


def _cited_resource_quads(cited: dict, compiler: Compiler) -> list[Quad]:
    """Identity of each cited resource the curated facts do not declare already."""
    register = NamedNode(iris.REGISTER_GRAPH)
    quads = []
    for key, citation in sorted(cited.items()):
        if key in compiler.entities:
            continue
        node = iris.thing(*key.split("/", 1))
        quads += [
            Quad(node, RDF_TYPE, expand(citation.cls), register),
            Quad(node, RDFS_LABEL, Literal(citation.label, language="nl"), register),
        ]
        value = Literal(citation.identifier, datatype=NamedNode(iris.PREFIXES["xsd"] + "anyURI")) \
            if citation.cls == "mh:WebResource" else Literal(citation.identifier)
        quads.append(Quad(node, expand(_IDENTIFIER_PROPERTY[citation.cls]), value, register))
    return quads
