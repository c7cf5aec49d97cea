"""The SHACL gate: the graph must conform to ontology/shapes.ttl before it is loaded."""
from __future__ import annotations

from pathlib import Path

from pyoxigraph import BlankNode, NamedNode, Quad
from rdflib import BNode, Graph, Namespace, URIRef
from rdflib import Literal as RdfLiteral
from rdflib.namespace import RDF

from .ontology import ONTOLOGY_DIR

SHAPES = ONTOLOGY_DIR / "shapes.ttl"
SH = Namespace("http://www.w3.org/ns/shacl#")


class ShapeViolation(ValueError):
    """The graph breaks the contract's shapes; `violations` are readable lines."""

    def __init__(self, violations: list[str]):
        super().__init__(f"SHACL: {len(violations)} violation(s):\n" + "\n".join(f"  - {v}" for v in violations))
        self.violations = violations


def validate(quads: list[Quad], shapes: Path = SHAPES) -> None:
    """Check the union of all graphs against the shapes; raise ShapeViolation naming each."""
    if not shapes.is_file():
        raise ShapeViolation([f"no shapes file at {shapes}"])
    from pyshacl import validate as shacl_validate

    data = Graph()
    terms: dict = {}
    for quad in quads:
        data.add(tuple(_rdflib_term(term, terms) for term in (quad.subject, quad.predicate, quad.object)))
    shapes_graph = Graph().parse(shapes, format="turtle")
    conforms, report, _ = shacl_validate(data, shacl_graph=shapes_graph, inference="none",
                                        allow_warnings=True, advanced=True)
    if not conforms:
        raise ShapeViolation(sorted(_describe(report)))


def _rdflib_term(term, seen: dict):
    """The rdflib term for a pyoxigraph term, made once per distinct term."""
    found = seen.get(term)
    if found is None:
        if isinstance(term, NamedNode):
            found = URIRef(term.value)
        elif isinstance(term, BlankNode):
            found = BNode(term.value)
        elif term.language:
            found = RdfLiteral(term.value, lang=term.language)
        else:
            found = RdfLiteral(term.value, datatype=URIRef(term.datatype.value))
        seen[term] = found
    return found


def _describe(report: Graph) -> list[str]:
    lines = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        severity = report.value(result, SH.resultSeverity)
        if severity is not None and severity != SH.Violation:
            continue
        focus = report.value(result, SH.focusNode)
        path = report.value(result, SH.resultPath)
        message = report.value(result, SH.resultMessage)
        lines.append(f"{focus}: {message}" + (f" (path {path})" if path is not None else ""))
    return lines
