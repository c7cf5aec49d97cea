"""`/.well-known/void` (a VoID description of the dataset) and `/.well-known/sparql-examples`
(the example queries as SHACL SPARQL executables, as the SIB guidelines publish them), as
RDF in any format of the registry."""
from __future__ import annotations

from flask import Blueprint, current_app, request, url_for
from pyoxigraph import Literal, NamedNode, Triple

from kg.iris import ID, MH, PREFIXES
from kg.store import run_named

from .answer import answer
from .build_cache import per_build
from .formats import RDF_FORMATS
from .graph_queries import serialise
from .service import service
from .web import examples

blueprint = Blueprint("well_known", __name__, url_prefix="/.well-known")
RDF, RDFS, DCT, XSD = PREFIXES["rdf"], PREFIXES["rdfs"], PREFIXES["dct"], PREFIXES["xsd"]
VOID, SH, SCHEMA = "http://rdfs.org/ns/void#", PREFIXES["sh"], PREFIXES["schema"]


def _t(subject, predicate: str, value) -> Triple:
    return Triple(subject, NamedNode(predicate), value)


def _rdf(triples_of):
    return answer(RDF_FORMATS, lambda fmt: serialise(triples_of(), fmt), named=request.args.get("format"),
                  parameter="format")


@blueprint.get("/sparql-examples")
def sparql_examples():
    return _rdf(_examples)


def _examples() -> list[Triple]:
    endpoint = NamedNode(request.url_root + "sparql")
    triples = []
    for example in examples.gallery():
        node = NamedNode(url_for("well_known.sparql_examples", _external=True) + "#" + example.name)
        form = "select" if "SELECT" in example.query.upper() else "ask" if "ASK" in example.query.upper() \
            else "construct"
        triples += [_t(node, RDF + "type", NamedNode(SH + "SPARQLExecutable")),
                    _t(node, RDF + "type", NamedNode(f"{SH}SPARQL{form.capitalize()}Executable")),
                    _t(node, RDFS + "label", Literal(example.title, language="en")),
                    _t(node, RDFS + "comment", Literal(example.description, language="en")),
                    _t(node, SH + form, Literal(example.query)),
                    _t(node, SCHEMA + "target", endpoint)]
    return triples


@blueprint.get("/void")
def void():
    return _rdf(_void)


def _void() -> list[Triple]:
    dataset = NamedNode(url_for("well_known.void", _external=True) + "#mhkg")
    per_graph = per_build("triples_per_graph", lambda: [(row["graph"].value, int(row["triples"].value))
                                                         for row in run_named(service(current_app).store,
                                                                              "stats_triples_per_graph")])
    integer = NamedNode(XSD + "integer")
    triples = [_t(dataset, RDF + "type", NamedNode(VOID + "Dataset")),
               _t(dataset, DCT + "title", Literal("MHKG: the Dutch approach to human trafficking", language="en")),
               _t(dataset, DCT + "description", Literal(
                   "Actors, instruments, reports, recommendations, responses and figures of the Dutch approach to "
                   "human trafficking, each fact with the verbatim quote and page of the document stating it.",
                   language="en")),
               _t(dataset, VOID + "sparqlEndpoint", NamedNode(request.url_root + "sparql")),
               _t(dataset, VOID + "uriSpace", Literal(ID)),
               _t(dataset, VOID + "vocabulary", NamedNode(MH.rstrip("#"))),
               _t(dataset, VOID + "exampleResource", NamedNode(ID + "actor/comensha")),
               _t(dataset, VOID + "triples", Literal(str(sum(n for _, n in per_graph)), datatype=integer))]
    for graph, count in per_graph:
        part = NamedNode(graph)
        triples += [_t(dataset, VOID + "subset", part), _t(part, RDF + "type", NamedNode(VOID + "Dataset")),
                    _t(part, VOID + "triples", Literal(str(count), datatype=integer))]
    return triples
