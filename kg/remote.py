"""A SPARQL 1.1 store server (Oxigraph server, Virtuoso, Fuseki …) behind the calls the
project makes on a pyoxigraph `Store`: `query` (with bound values and the union default
graph), `named_graphs`, `len`, plus `replace_graph` and `drop_graph` for loading.

Queries go over the SPARQL 1.1 Protocol and results come back as SPARQL JSON (XML for
Virtuoso, whose JSON types literals the SPARQL 1.0 way), parsed by pyoxigraph into the
same solution objects an embedded store returns; graphs are loaded with the Graph Store
Protocol, one named graph per PUT, so each is replaced in one step.

Where the endpoints are: the URL given is the query endpoint; the graph-store endpoint
follows each server's convention (below) unless given (`mhkg build --graph-store-url`).

| server | query | graph store | union default graph |
| --- | --- | --- | --- |
| Oxigraph (`oxigraph serve`) | /query | /store | `union-default-graph` parameter |
| Virtuoso 7 | /sparql | /sparql-graph-crud | by default (no FROM: all graphs) |
| Fuseki | /ds/query or /ds/sparql | /ds/data | `tdb2:unionDefaultGraph true` in its config |
| other | as given | --graph-store-url | every graph named in the request |
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit, urlunsplit

import requests
from pyoxigraph import NamedNode, QueryResultsFormat, RdfFormat, parse, parse_query_results, serialize

JSON_RESULTS = "application/sparql-results+json"
XML_RESULTS = "application/sparql-results+xml"
_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)
_COMMENT = re.compile(r"(?m)(?:^|(?<=\s))#[^\n]*")


class RemoteStoreError(RuntimeError):
    """The server refused or failed a request; the message says which and why."""


@dataclass(frozen=True)
class Endpoints:
    query: str
    graph_store: str | None
    server: str  # oxigraph, virtuoso, fuseki or other


def is_url(location) -> bool:
    return isinstance(location, str) and location.startswith(("http://", "https://"))


def endpoints_for(query_url: str, graph_store_url: str | None = None) -> Endpoints:
    """The endpoints of a server from its query URL, by the server's convention."""
    parts = urlsplit(query_url)
    path = parts.path.rstrip("/")

    def sibling(name: str) -> str:
        return urlunsplit(parts._replace(path=path.rsplit("/", 1)[0] + "/" + name, query=""))

    if path.endswith("/query") and path.count("/") == 1:
        found = Endpoints(query_url, sibling("store"), "oxigraph")
    elif path.endswith("/sparql") and path.count("/") == 1:
        found = Endpoints(query_url, sibling("sparql-graph-crud"), "virtuoso")
    elif path.count("/") == 2 and path.rsplit("/", 1)[1] in ("query", "sparql"):
        found = Endpoints(query_url, sibling("data"), "fuseki")
    else:
        found = Endpoints(query_url, None, "other")
    return Endpoints(found.query, graph_store_url or found.graph_store, found.server)


def bind(query: str, substitutions: dict | None) -> str:
    """The query with its bound values as a VALUES block opening the WHERE clause. Values
    are RDF terms written in their escaped N-Triples form, never spliced text."""
    if not substitutions:
        return query
    at = _where_opens(query)
    names = " ".join(str(v) for v in substitutions)
    values = " ".join(str(t) for t in substitutions.values())
    return f"{query[:at]} VALUES ({names}) {{ ({values}) }} {query[at:]}"


@lru_cache(maxsize=256)
def _where_opens(query: str) -> int:
    """Where the WHERE clause of `query` opens (found once per query text: the views bind
    one query to thousands of IRIs in turn)."""
    match = _WHERE.search(_COMMENT.sub(lambda m: " " * len(m.group()), query))  # offsets kept
    if match is None:
        raise ValueError("a query with bound values needs a WHERE clause")
    return match.end()


class RemoteStore:
    """A store server, queried and loaded like an embedded pyoxigraph Store."""

    def __init__(self, query_url: str, *, graph_store_url: str | None = None,
                 timeout_s: float = 60.0, auth: tuple[str, str] | None = None):
        self.endpoints = endpoints_for(query_url, graph_store_url)
        self.timeout_s = timeout_s
        self.session = requests.Session()
        self.session.auth = auth
        self._graphs: list[str] | None = None

    @property
    def location(self) -> str:
        return self.endpoints.query

    def dataset(self, use_default_graph_as_union: bool) -> dict:
        """The Protocol's graph parameters that give this server's default graph, or the union
        of its named graphs (each server has its own way to it)."""
        if not use_default_graph_as_union or self.endpoints.server in ("virtuoso", "fuseki"):
            return {}
        if self.endpoints.server == "oxigraph":
            return {"union-default-graph": ""}
        graphs = self.named_graph_iris()
        return {"default-graph-uri": graphs, "named-graph-uri": graphs}

    def request_query(self, query: str, accept: str, dataset: dict | None = None,
                      timeout_s: float | None = None) -> requests.Response:
        """POST a query as the Protocol says; the server's answer, whatever its status (for
        /sparql to pass on, or to refuse as the server did). No answer at all: TimeoutError or
        RemoteStoreError."""
        try:
            response = self.session.post(self.endpoints.query, data={"query": query, **(dataset or {})},
                                         headers={"Accept": accept}, timeout=timeout_s or self.timeout_s)
        except requests.Timeout as err:
            raise TimeoutError(f"{self.endpoints.query} gave no answer within {timeout_s or self.timeout_s} s") from err
        except requests.ConnectionError as err:
            raise RemoteStoreError(f"cannot reach the store at {self.endpoints.query}: {err}") from err
        return response

    def query(self, query: str, *, substitutions: dict | None = None, use_default_graph_as_union: bool = False,
              **_ignored):
        """Solutions, a boolean or triples, as pyoxigraph's Store.query returns them."""
        results = XML_RESULTS if self.endpoints.server == "virtuoso" else JSON_RESULTS
        accept = f"{results}, application/n-triples;q=0.9"
        response = self.request_query(bind(query, substitutions), accept, self.dataset(use_default_graph_as_union))
        if response.status_code >= 400:
            raise RemoteStoreError(f"the store at {self.endpoints.query} answered {response.status_code}: "
                                   f"{response.text[:500].strip()}")
        media_type = response.headers.get("Content-Type", "").split(";")[0].strip()
        if media_type in (JSON_RESULTS, "application/json"):
            return parse_query_results(response.content, format=QueryResultsFormat.JSON)
        if media_type in (XML_RESULTS, "application/xml"):
            return parse_query_results(response.content, format=QueryResultsFormat.XML)
        if media_type in ("application/n-triples", "text/plain", "text/turtle"):
            fmt = RdfFormat.TURTLE if media_type == "text/turtle" else RdfFormat.N_TRIPLES
            return [q.triple for q in parse(response.content, format=fmt)]
        raise RemoteStoreError(f"the store at {self.endpoints.query} answered {media_type or 'no media type'}, "
                               "not SPARQL results")

    def named_graph_iris(self) -> list[str]:
        if self._graphs is None:
            rows = self.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g")
            self._graphs = [row["g"].value for row in rows]
        return self._graphs

    def named_graphs(self):
        return [NamedNode(g) for g in self.named_graph_iris()]

    def __len__(self) -> int:
        rows = list(self.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"))
        return int(rows[0]["n"].value)

    def _graph_store(self) -> str:
        if not self.endpoints.graph_store:
            raise RemoteStoreError(f"no Graph Store Protocol endpoint known for {self.endpoints.query}: "
                                   "pass `mhkg build --graph-store-url`")
        return self.endpoints.graph_store

    def replace_graph(self, graph: str, triples) -> None:
        """Replace one named graph with `triples` in a single Graph Store Protocol PUT."""
        body = serialize(triples, format=RdfFormat.N_TRIPLES)
        response = self.session.put(self._graph_store(), params={"graph": graph}, data=body,
                                    headers={"Content-Type": "text/turtle; charset=utf-8"}, timeout=self.timeout_s)
        if response.status_code >= 400:
            raise RemoteStoreError(f"loading {graph} into {self._graph_store()} failed with "
                                   f"{response.status_code}: {response.text[:500].strip()}")
        self._graphs = None

    def drop_graph(self, graph: str) -> None:
        response = self.session.delete(self._graph_store(), params={"graph": graph}, timeout=self.timeout_s)
        if response.status_code >= 400 and response.status_code != 404:
            raise RemoteStoreError(f"dropping {graph} from {self._graph_store()} failed with "
                                   f"{response.status_code}: {response.text[:500].strip()}")
        self._graphs = None

