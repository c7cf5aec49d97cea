"""The fixed query mix, asked three ways: MHKG's REST endpoints, the equivalent SPARQL on
MHKG's `/sparql`, and the same SPARQL on `oxigraph serve`.

The SPARQL is in `bench/queries/<name>.rq`, with `{{name}}` marks for the values the
generator chose (bench/synthetic.py writes them beside the graph).
"""
from __future__ import annotations

from pathlib import Path

from .load import JSON, SPARQL_JSON, Request

QUERY_DIR = Path(__file__).resolve().parent / "queries"

#: name → (what it asks, its SPARQL file); the REST request is in `rest_request`.
MIX = {
    "lookup": ("lookup by IRI", "lookup_resource_by_iri"),
    "deep_page": ("filtered, sorted page deep in a list", "recommendations_with_status_page"),
    "group_count": ("count grouped by actor", "mentions_per_organisation"),
    "text_search": ("text search", "passages_containing_word"),
    "three_hop": ("three-hop join", "recommendations_of_report_with_status"),
    "year_series": ("year series", "year_series_of_indicator"),
}
QUERIES = list(MIX)
#: The queries the views answer (lists, filters, aggregates, search): the 20 ms / 50× target.
VIEW_QUERIES = ("deep_page", "group_count", "text_search", "three_hop", "year_series")


def rest_request(base: str, name: str, params: dict, i: int = 0) -> Request:
    """The REST request asking what query `name` asks (the i-th of its variants)."""
    p = params
    if name == "lookup":
        return f"{base}/api/actors/{p['actors'][i % len(p['actors'])]}", {}, JSON
    if name == "deep_page":
        return f"{base}/api/recommendations", {"status": p["status"], "offset": p["offset"], "limit": 50}, JSON
    if name == "group_count":
        return f"{base}/api/actors", {"type": "Organisation", "limit": 50}, JSON
    if name == "text_search":
        return f"{base}/api/search", {"q": p["search_word"], "kind": "passages", "limit": 50}, JSON
    if name == "three_hop":
        return f"{base}/api/recommendations", {"report": p["report"], "limit": 100}, JSON
    if name == "year_series":
        return f"{base}/api/observations", {"indicator": p["indicator"], "year_from": p["year_from"],
                                            "limit": 100}, JSON
    raise KeyError(name)


def sparql_text(name: str, params: dict, i: int = 0) -> str:
    text = (QUERY_DIR / f"{MIX[name][1]}.rq").read_text(encoding="utf-8")
    values = {**params, "actor": params["actors"][i % len(params["actors"])], "word": params["search_word"]}
    for key, value in values.items():
        text = text.replace("{{" + key + "}}", str(value))
    if "{{" in text:
        raise ValueError(f"{name}: a value is missing in {text}")
    return text


def sparql_request(endpoint: str, name: str, params: dict, i: int = 0) -> Request:
    return endpoint, {"query": sparql_text(name, params, i)}, SPARQL_JSON


def variants(name: str, params: dict) -> int:
    return len(params["actors"]) if name == "lookup" else 1


def requests_for(kind: str, where: str, name: str, params: dict) -> list[Request]:
    """Every variant of one query as requests to `where` (a base URL for REST, a SPARQL
    endpoint otherwise)."""
    make = rest_request if kind == "rest" else sparql_request
    return [make(where, name, params, i) for i in range(variants(name, params))]


def mix_requests(kind: str, where: str, params: dict, names=QUERIES) -> list[Request]:
    """The mix in turn: each query once per round, lookups rotating over their actors."""
    rounds = max(variants(n, params) for n in names)
    make = rest_request if kind == "rest" else sparql_request
    return [make(where, n, params, r) for r in range(rounds) for n in names]
