"""The SPARQL 1.1 Service Description (https://www.w3.org/TR/sparql11-service-description/)
answered to a GET of /sparql without a query: what the endpoint speaks, the formats it
writes, its default dataset (the union of the named graphs) and its limits."""
from __future__ import annotations

from pyoxigraph import BlankNode, Literal, NamedNode, QueryResultsFormat, RdfFormat, Triple, serialize

SD = "http://www.w3.org/ns/sparql-service-description#"
RDF_TYPE = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
RDFS_COMMENT = NamedNode("http://www.w3.org/2000/01/rdf-schema#comment")
XSD = "http://www.w3.org/2001/XMLSchema#"

RESULT_FORMATS = [QueryResultsFormat.JSON, QueryResultsFormat.XML, QueryResultsFormat.CSV, QueryResultsFormat.TSV,
                  RdfFormat.TURTLE, RdfFormat.N_TRIPLES, RdfFormat.JSON_LD, RdfFormat.RDF_XML,
                  RdfFormat.N_QUADS, RdfFormat.TRIG]
# the formats the description itself can be had in, by media type
DESCRIPTION_FORMATS = {"text/turtle": RdfFormat.TURTLE, "application/n-triples": RdfFormat.N_TRIPLES,
                       "application/ld+json": RdfFormat.JSON_LD, "application/rdf+xml": RdfFormat.RDF_XML}
PREFIXES = {"sd": SD, "formats": "http://www.w3.org/ns/formats/", "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
            "xsd": XSD}


def sd(name: str) -> NamedNode:
    return NamedNode(SD + name)


def describe(endpoint: str, graphs, config: dict) -> list[Triple]:
    service, dataset, default_graph = NamedNode(endpoint), BlankNode(), BlankNode()
    triples = [
        Triple(service, RDF_TYPE, sd("Service")),
        Triple(service, sd("endpoint"), service),
        Triple(service, sd("supportedLanguage"), sd("SPARQL11Query")),
        Triple(service, sd("feature"), sd("UnionDefaultGraph")),
        Triple(service, sd("defaultDataset"), dataset),
        Triple(dataset, RDF_TYPE, sd("Dataset")),
        Triple(dataset, sd("defaultGraph"), default_graph),
        Triple(default_graph, RDF_TYPE, sd("Graph")),
        Triple(default_graph, RDFS_COMMENT, Literal("the union of all named graphs", language="en")),
        Triple(service, RDFS_COMMENT, Literal(
            "Read-only: updates and SERVICE (federated query) are refused with 400. "
            f"Queries are limited to {config['max_query_bytes']} bytes (413), "
            f"{config['timeout_s']:g} s of execution (504; 503 when every query process is busy) "
            f"and {config['max_rows']} result rows or triples: longer answers are cut at that many, "
            "in the query's order, and marked with the response header MHKG-Results-Truncated.",
            language="en")),
    ]
    for fmt in RESULT_FORMATS:
        triples.append(Triple(service, sd("resultFormat"), NamedNode(fmt.iri)))
    for graph in graphs:
        named = BlankNode()
        triples += [Triple(dataset, sd("namedGraph"), named), Triple(named, RDF_TYPE, sd("NamedGraph")),
                    Triple(named, sd("name"), graph)]
    return triples


def serialise(triples: list[Triple], fmt: RdfFormat) -> bytes:
    return serialize(triples, format=fmt, prefixes=PREFIXES)
