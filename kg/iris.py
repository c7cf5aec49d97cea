"""The IRIs of the public contract (docs/CONTRACT.md §1) and the vocabularies we reuse.

Every IRI the project mints goes through this module, so the patterns live in one place.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata

from pyoxigraph import NamedNode

BASE = "https://w3id.org/mhkg/"
MH = BASE + "def#"
ID = BASE + "id/"
GRAPH = BASE + "graph/"

ONTOLOGY_GRAPH = GRAPH + "ontology"
REFERENCE_GRAPH = GRAPH + "reference"
REGISTER_GRAPH = GRAPH + "register"

#: Kinds of the contract, plus the ones MHKG adds (statements, mentions, citations ...).
KINDS = (
    "actor", "person", "instrument", "report", "recommendation", "response",
    "document", "passage", "observation", "indicator", "concept", "status",
    # extensions
    "statement", "mention", "citation", "funding", "membership", "office",
    "reporting-duty", "change", "evidence",
)

PREFIXES = {
    "mh": MH,
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "org": "http://www.w3.org/ns/org#",
    "prov": "http://www.w3.org/ns/prov#",
    "eli": "http://data.europa.eu/eli/ontology#",
    "time": "http://www.w3.org/2006/time#",
    "sh": "http://www.w3.org/ns/shacl#",
    "schema": "https://schema.org/",
}

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def slugify(text: str) -> str:
    """Lowercase ASCII slug: accents dropped, anything else becomes one hyphen."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def is_slug(text: str) -> bool:
    return bool(SLUG_RE.match(text))


def thing(kind: str, slug: str) -> NamedNode:
    """`https://w3id.org/mhkg/id/<kind>/<slug>`, refusing kinds and slugs outside the contract."""
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r} (one of {', '.join(KINDS)})")
    if not is_slug(slug):
        raise ValueError(f"bad slug {slug!r}: lowercase ASCII letters, digits and single hyphens only")
    return NamedNode(f"{ID}{kind}/{slug}")


def statement(slug: str, subject: NamedNode, predicate: NamedNode, obj) -> NamedNode:
    """The mh:Statement by which document `slug` says `subject predicate obj`: the same IRI
    whether an ingested paper's graph states it or a curated fact file does, so a paper
    published by `mhkg review` keeps the IRIs of what it was read to say."""
    return thing("statement", hashlib.sha1(f"{slug}|{subject.value}|{predicate.value}|{obj}".encode()).hexdigest()[:16])


def document_graph(document_slug: str) -> NamedNode:
    if not is_slug(document_slug):
        raise ValueError(f"bad document slug {document_slug!r}")
    return NamedNode(GRAPH + document_slug)


def graph_document(graph: NamedNode) -> NamedNode:
    """The document whose named graph `graph` is (document_graph's inverse)."""
    return NamedNode(f"{ID}document/{graph.value.removeprefix(GRAPH)}")


def expand(curie: str) -> NamedNode:
    """`mh:Actor` → NamedNode; raises ValueError for an unknown prefix."""
    prefix, sep, local = curie.partition(":")
    if not sep or prefix not in PREFIXES:
        raise ValueError(f"unknown prefix in {curie!r} (known: {', '.join(PREFIXES)})")
    return NamedNode(PREFIXES[prefix] + local)


def split_thing(iri: str) -> tuple[str, str] | None:
    """The (kind, slug) of one of our IRIs, or None for any other IRI."""
    if not iri.startswith(ID):
        return None
    kind, _, slug = iri[len(ID):].partition("/")
    return (kind, slug) if kind in KINDS and slug else None
