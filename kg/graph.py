"""Assembling the whole graph from its inputs: ontology, corpus, facts, and what the texts show.

One function, `assemble`, used by `mhkg build` and `mhkg validate` alike, so that what
is validated is exactly what is loaded. It collects every error it can find before it
gives up, so that one run names all the bad quotes and unknown terms at once.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from pyoxigraph import BlankNode, NamedNode, Quad, RdfFormat, parse

from . import iris
from .corpus import MANIFEST, SourceDocument, load_manifest
from .facts import FACTS_DIR, Compiler, FactError, load_file
from .document_graph import TextGraph, curated_citation_keys
from .ontology import Vocabulary, ontology_quads
from .passages import Passage, passage_at, segment


REFERENCE_FILE = "reference.ttl"
_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDF_SUBJECT, RDF_PREDICATE, RDF_OBJECT = _RDF + "subject", _RDF + "predicate", _RDF + "object"
DCT_SOURCE = "http://purl.org/dc/terms/source"
RDF_TYPE = _RDF + "type"
_ORG = "http://www.w3.org/ns/org#"
ORG_MEMBER, ORG_ORGANIZATION, ORG_MEMBER_OF = _ORG + "member", _ORG + "organization", _ORG + "memberOf"
MEMBERSHIP = "https://w3id.org/mhkg/def#Membership"


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

    def locate(slug: str, quote: str):
        return by_slug[slug].text.locate(quote)

    def passage_iri(slug: str, offset: int):
        passage = passage_at(assembly.passages[slug], offset)
        return iris.thing("passage", passage.slug) if passage else None

    compiler = Compiler(vocabulary, by_slug, locate, passage_iri)
    wanted = {Path(p).resolve() for p in only or []}
    # register.yaml first: it is the authority on shared entities, the documents follow.
    paths = sorted({p.resolve() for p in facts_dir.glob("*.yaml")} | wanted,
                   key=lambda p: (p.name != "register.yaml", p.name))
    files, unreadable = [], []
    for path in paths:
        try:
            files.append(load_file(path))
        except FactError as err:
            unreadable.append(err)
    compiler.collect_entities(files)
    for fact_file in files:
        assembly.quads += compiler.document_quads(fact_file)
    assembly.quads += membership_shortcuts(assembly.quads)
    assembly.quads += list(compiler.entity_quads())
    problems = [str(e) for e in unreadable + compiler.errors if not wanted or e.file.resolve() in wanted]
    if problems:
        raise BuildError(problems)
    texts = TextGraph(compiler.entities, {d.identifier: d.slug for d in assembly.documents if d.identifier},
                      curated_citation_keys(compiler.entities))
    for document in assembly.documents:
        assembly.quads += texts.quads(document, assembly.passages[document.slug])
    assembly.quads += texts.cited_resource_quads(NamedNode(iris.REGISTER_GRAPH))
    assembly.quads += reference_quads(facts_dir / REFERENCE_FILE)
    assembly.quads += vocabulary.inferred_types(assembly.quads)
    return assembly


def membership_shortcuts(quads: list[Quad]) -> list[Quad]:
    """ORG's shortcut `?member org:memberOf ?organization` for every mh:Membership, in the
    graph that states the membership: one model of membership (the record, with its quote),
    queryable in ORG's short form as well (ontology/README.md, One model per idea)."""
    memberships = {(q.subject, q.graph_name) for q in quads
                   if q.predicate.value == RDF_TYPE and q.object.value == MEMBERSHIP}
    parts: dict = {}
    for q in quads:
        if (q.subject, q.graph_name) in memberships and q.predicate.value in (ORG_MEMBER, ORG_ORGANIZATION):
            parts.setdefault((q.subject, q.graph_name), {}).setdefault(q.predicate.value, []).append(q.object)
    shortcuts = {Quad(member, NamedNode(ORG_MEMBER_OF), organisation, graph)
                 for (_, graph), found in parts.items()
                 for member in found.get(ORG_MEMBER, []) for organisation in found.get(ORG_ORGANIZATION, [])}
    return sorted(shortcuts, key=str)


def reference_quads(path: Path) -> list[Quad]:
    """The reference graph (kg/facts/reference.ttl); refused unless every triple about one
    of our resources is also an rdf:Statement naming its public source (dct:source), or
    is a resource (a change event) that names its source itself."""
    if not path.is_file():
        return []
    graph = NamedNode(iris.REFERENCE_GRAPH)
    try:
        triples = list(parse(path=str(path), format=RdfFormat.TURTLE))
    except SyntaxError as err:
        raise BuildError([f"{path}: {err}"]) from err
    by_subject: dict = {}
    for t in triples:
        by_subject.setdefault(t.subject, {}).setdefault(t.predicate.value, []).append(t.object)
    sourced_nodes = {s for s, props in by_subject.items() if DCT_SOURCE in props}
    sourced = {(props[RDF_SUBJECT][0], props[RDF_PREDICATE][0], props[RDF_OBJECT][0])
               for s, props in by_subject.items() if s in sourced_nodes and RDF_SUBJECT in props}
    problems = [f"{path}: {t.subject} {t.predicate} {t.object} has no rdf:Statement with a dct:source"
                for t in triples
                if isinstance(t.subject, NamedNode) and t.subject not in sourced_nodes
                and (t.subject, t.predicate, t.object) not in sourced]
    if problems:
        raise BuildError(problems)
    named = _skolemised(by_subject)
    return [Quad(named.get(t.subject, t.subject), t.predicate, named.get(t.object, t.object), graph)
            for t in triples]


def _skolemised(by_subject: dict) -> dict:
    """Stable IRIs for the file's blank nodes (its statements), from what they say, so
    that rebuilds give the same triples."""
    names = {}
    for subject, props in by_subject.items():
        if isinstance(subject, BlankNode):
            content = sorted(f"{p} {o}" for p, objects in props.items() for o in objects)
            digest = hashlib.sha1("\n".join(content).encode()).hexdigest()[:16]
            names[subject] = iris.thing("statement", f"reference-{digest}")
    return names
