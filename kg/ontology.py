"""The ontology as the build sees it: which classes and properties exist, and their ranges.

Read from the Turtle files in `ontology/` (the ontology proper, its concept schemes and
the declarations of the terms we reuse from ORG, PROV, DCTERMS, SKOS, FOAF ...), so that
a fact file using an unknown term, or a value of the wrong datatype, fails the build.
"""
from __future__ import annotations

from functools import cached_property
from pathlib import Path

from pyoxigraph import NamedNode, Quad, RdfFormat, Store, parse

from ontology import DIR as ONTOLOGY_DIR

from .iris import MH, ONTOLOGY_GRAPH, PREFIXES

#: Files loaded into the ontology graph (shapes.ttl is the SHACL gate, kept apart).
ONTOLOGY_FILES = ("mhkg.ttl", "concepts.ttl", "reused.ttl")

_RDF, _RDFS, _OWL, _XSD = (PREFIXES[p] for p in ("rdf", "rdfs", "owl", "xsd"))
_CLASS_TYPES = {_OWL + "Class", _RDFS + "Class"}
_PROPERTY_TYPES = {_OWL + "ObjectProperty", _OWL + "DatatypeProperty", _OWL + "AnnotationProperty",
                   _RDF + "Property"}


class OntologyError(ValueError):
    """An ontology file is missing or is not valid Turtle."""


def ontology_paths(directory: Path = ONTOLOGY_DIR) -> list[Path]:
    """The ontology files, plus terms proposed in ontology/pending/*.ttl."""
    paths = [directory / name for name in ONTOLOGY_FILES if (directory / name).is_file()]
    return paths + sorted((directory / "pending").glob("*.ttl"))


def ontology_quads(directory: Path = ONTOLOGY_DIR) -> list[Quad]:
    graph = NamedNode(ONTOLOGY_GRAPH)
    quads = []
    for path in ontology_paths(directory):
        try:
            quads += [Quad(q.subject, q.predicate, q.object, graph)
                      for q in parse(path=str(path), format=RdfFormat.TURTLE)]
        except SyntaxError as err:
            raise OntologyError(f"{path}: {err}") from err
    if not quads:
        raise OntologyError(f"no ontology files in {directory}")
    return quads


def is_in(store) -> bool:
    """Whether `store`'s ontology graph holds every triple of the installed ontology: a release
    built with another version of it (a concept or class added since) may not take papers whose
    graphs use the new terms; its ontology graph is made again by `mhkg build`."""
    held = {str(quad) for quad in store.quads_for_pattern(None, None, None, NamedNode(ONTOLOGY_GRAPH))}
    return all(str(quad) in held for quad in ontology_quads())


class Vocabulary:
    """Classes, properties and ranges declared by the ontology files."""

    def __init__(self, quads: list[Quad]):
        self.store = Store()
        self.store.extend(quads)

    @classmethod
    def load(cls, directory: Path = ONTOLOGY_DIR) -> "Vocabulary":
        return cls(ontology_quads(directory))

    def _subjects_typed(self, types: set[str]) -> set[str]:
        rdf_type = NamedNode(_RDF + "type")
        return {q.subject.value for t in types for q in self.store.quads_for_pattern(None, rdf_type, NamedNode(t))}

    @cached_property
    def classes(self) -> set[str]:
        return self._subjects_typed(_CLASS_TYPES)

    @cached_property
    def properties(self) -> set[str]:
        return self._subjects_typed(_PROPERTY_TYPES)

    @cached_property
    def object_properties(self) -> set[str]:
        return self._subjects_typed({_OWL + "ObjectProperty"})

    @cached_property
    def ranges(self) -> dict[str, str]:
        """Each property's rdfs:range, or its mh:datatype where OWL 2 DL has no datatype for
        it (xsd:gYear, xsd:date): what fact values are typed by."""
        found = {}
        for predicate in (MH + "datatype", _RDFS + "range"):
            found.update({q.subject.value: q.object.value
                          for q in self.store.quads_for_pattern(None, NamedNode(predicate), None)
                          if isinstance(q.object, NamedNode)})
        return found

    @cached_property
    def superclasses(self) -> dict[str, set[str]]:
        """Every class with all its (transitive) superclasses, as the ontology states them."""
        direct: dict[str, set[str]] = {}
        for q in self.store.quads_for_pattern(None, NamedNode(_RDFS + "subClassOf"), None):
            if isinstance(q.object, NamedNode):
                direct.setdefault(q.subject.value, set()).add(q.object.value)

        def closure(cls: str, seen: set[str]) -> set[str]:
            for parent in direct.get(cls, ()):
                if parent not in seen:
                    seen.add(parent)
                    closure(parent, seen)
            return seen

        return {cls: closure(cls, set()) for cls in direct}

    def inferred_types(self, quads: list[Quad]) -> list[Quad]:
        """The superclass types a typed resource has but does not state (a mh:Ministry is
        also a mh:Organisation and a mh:Actor), in the graph where its type is stated, so
        that `?x a mh:Actor` finds every actor without a reasoner."""
        rdf_type = NamedNode(_RDF + "type")
        stated = {(q.subject, q.object.value, q.graph_name) for q in quads if q.predicate == rdf_type}
        inferred = set()
        for subject, cls, graph in stated:
            for parent in self.superclasses.get(cls, ()):
                if (subject, parent, graph) not in stated:
                    inferred.add(Quad(subject, rdf_type, NamedNode(parent), graph))
        return sorted(inferred, key=str)

    def is_class(self, iri: str) -> bool:
        return iri in self.classes

    def is_property(self, iri: str) -> bool:
        return iri in self.properties

    def is_object_property(self, iri: str) -> bool:
        return iri in self.object_properties

    def range_of(self, iri: str) -> str | None:
        return self.ranges.get(iri)

    @staticmethod
    def is_literal_range(range_iri: str | None) -> bool:
        return bool(range_iri) and (range_iri.startswith(_XSD) or range_iri in (_RDF + "langString", _RDFS + "Literal"))
