"""Reading a store out: query results and whole-graph exports in the standard formats."""
from __future__ import annotations

from pyoxigraph import QueryBoolean, QueryResultsFormat, QuerySolutions, RdfFormat, Store, serialize

from .sparql_text import check_bounds
from .store import load_query, run

RESULT_FORMATS = {"json": QueryResultsFormat.JSON, "xml": QueryResultsFormat.XML,
                  "csv": QueryResultsFormat.CSV, "tsv": QueryResultsFormat.TSV}
GRAPH_FORMATS = {"ttl": RdfFormat.TURTLE, "nt": RdfFormat.N_TRIPLES, "jsonld": RdfFormat.JSON_LD,
                 "rdfxml": RdfFormat.RDF_XML}
DATASET_FORMATS = {"trig": RdfFormat.TRIG, "nq": RdfFormat.N_QUADS, "jsonld": RdfFormat.JSON_LD}


class FormatError(ValueError):
    """A format that does not fit the query's form or the export."""


def query_to_bytes(store: Store, sparql: str, fmt: str) -> bytes:
    """Run a query and serialise its answer: results formats for SELECT/ASK, RDF for graphs.
    A query past the parser's bounds is refused before it is parsed (QueryTooComplex)."""
    check_bounds(sparql)
    result = run(store, sparql)
    if isinstance(result, (QuerySolutions, QueryBoolean)):
        if fmt not in RESULT_FORMATS:
            raise FormatError(f"a SELECT or ASK answer comes as {', '.join(RESULT_FORMATS)}, not {fmt}")
        return result.serialize(format=RESULT_FORMATS[fmt])
    if fmt not in GRAPH_FORMATS:
        raise FormatError(f"a CONSTRUCT or DESCRIBE answer comes as {', '.join(GRAPH_FORMATS)}, not {fmt}")
    return serialize(result, format=GRAPH_FORMATS[fmt])


def export(store: Store, fmt: str) -> bytes:
    """The whole dataset: named graphs kept (TriG, N-Quads, JSON-LD) or merged (Turtle)."""
    if fmt in DATASET_FORMATS:
        return serialize(store.quads_for_pattern(None, None, None, None), format=DATASET_FORMATS[fmt])
    if fmt == "ttl":
        return query_to_bytes(store, load_query("all_triples_merged"), "ttl")
    raise FormatError(f"export formats: trig, nq, ttl, jsonld (not {fmt})")
