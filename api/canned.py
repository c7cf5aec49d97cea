"""`/api/queries` and `/api/queries/{name}`: the example queries (api/examples/*.rq) as canned
queries, each answered as JSON (title, description, query and rows), CSV or SPARQL JSON.
They are the project's own queries over its own graph, run on the store as they are."""
from __future__ import annotations

from flask import Blueprint, current_app, request, url_for
from flask import json
from pyoxigraph import NamedNode, QueryBoolean

from kg.store import run
from kg.views import literal_json

from .answer import answer
from .errors import ApiError
from .formats import CSV, JSON, SPARQL_JSON
from .service import service
from .web import examples

blueprint = Blueprint("canned", __name__, url_prefix="/api/queries")
OFFERS = (JSON, CSV, SPARQL_JSON)


def _about(example) -> dict:
    return {"name": example.name, "title": example.title, "description": example.description,
            "url": url_for("canned.canned_query", name=example.name, _external=True)}


@blueprint.get("")
def canned_queries():
    return answer((JSON,), lambda _fmt: json.dumps({"items": [_about(e) for e in examples.gallery()]},
                                                     ensure_ascii=False))


@blueprint.get("/<name>")
def canned_query(name: str):
    example = examples.named(name)
    if example is None:
        raise ApiError(404, "Not Found", f"no canned query {name!r} (see /api/queries)")
    return answer(OFFERS, lambda fmt: _write(example, fmt), named=request.args.get("format"), parameter="format")


def _write(example, fmt) -> bytes | str:
    results = run(service(current_app).store, example.query)
    if fmt is not JSON:
        return results.serialize(format=fmt.results)
    if isinstance(results, QueryBoolean):     # an ASK example
        return json.dumps({**_about(example), "query": example.query, "boolean": bool(results)}, ensure_ascii=False)
    columns = [v.value for v in results.variables]
    items = [{c: _value(row[c]) for c in columns} for row in results]
    return json.dumps({**_about(example), "query": example.query, "columns": columns, "items": items},
                      ensure_ascii=False)


def _value(term):
    if term is None:
        return None
    return term.value if isinstance(term, NamedNode) else literal_json(term) if hasattr(term, "datatype") else str(term)
