"""Running the `.rq` files of api/queries/ for a request: user input reaches a query only
as a bound value (an RDF term in a VALUES block, kg.remote.bind), never as query text."""
from __future__ import annotations

from pathlib import Path

from flask import current_app
from pyoxigraph import NamedNode, Variable, serialize

from kg.iris import ID, PREFIXES
from kg.remote import bind
from kg.store import load_query, run

from .formats import Format
from .service import service

QUERIES = Path(__file__).resolve().parent / "queries"


def rows(name: str, **bound: str) -> list:
    """The answer of `api/queries/<name>.rq` with each `?variable` bound to an IRI.

    The IRI goes in as a `VALUES` block (`kg.remote.bind`: the term in its escaped N-Triples
    form, checked by `NamedNode`), not as a pyoxigraph `substitutions` binding: with that, the
    planner does not start from the bound IRI, and `mentions_of_resource` scans every mention."""
    query = load_query(name, QUERIES)
    if bound:
        query = bind(query, {Variable(k): NamedNode(v) for k, v in bound.items()})
    return list(run(service(current_app).store, query))


def serialise(triples: list, fmt: Format) -> bytes:
    """Triples in an RDF format of the registry, with the contract's prefixes where it has them."""
    return serialize(triples, format=fmt.rdf, prefixes={"id": ID, **PREFIXES})
