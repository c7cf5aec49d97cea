"""MHKG on store servers: `mhkg build --store URL` loads the graph into a real Oxigraph
server and a real Virtuoso, and the service over each answers exactly as over the
embedded store, with several service processes sharing one server."""
from __future__ import annotations

import subprocess
import sys

import pytest
import requests
from pyoxigraph import Literal, NamedNode, Variable

from graph_fixtures import Service, free_port
from kg.remote import RemoteStore, RemoteStoreError, bind
from kg.store import run

SAME_ANSWERS = [
    "/api/actors?limit=500", "/api/recommendations?limit=500", "/api/observations?limit=500&year_from=2014",
    "/api/documents?limit=500", "/api/actors/comensha", "/api/documents/kst-28638-174",
    "/api/recommendations/negende-rapportage-mensenhandel-nationaal-verwijsmechanisme",
    "/api/documents/ah-tk-20122013-903/passages?limit=500", "/api/search?q=slachtoffers&limit=500",
    "/api/search?q=Inspectie%20SZW",
]
COUNT_PER_GRAPH = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"


def mhkg(*arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mhkg.cli", *arguments], capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module", params=["oxigraph_server", "virtuoso_server"])
def loaded_server(request, tmp_path_factory):
    """A store server with the graph built into it, and the data directory of that build."""
    url = request.getfixturevalue(request.param)
    data = tmp_path_factory.mktemp("remote-release")
    done = mhkg("--data", str(data), "build", "--store", url)
    assert done.returncode == 0, done.stderr
    return url, str(data)


def per_graph(store) -> dict[str, int]:
    return {row["g"].value: int(row["n"].value) for row in run(store, COUNT_PER_GRAPH)
            if row["g"].value.startswith("https://w3id.org/mhkg/graph/")}


def test_the_build_loads_every_named_graph_whole(loaded_server, graph_store):
    url, _ = loaded_server
    assert per_graph(RemoteStore(url)) == per_graph(graph_store)


def test_a_rebuild_changes_nothing_and_leaves_other_graphs_alone(loaded_server, graph_store):
    url, data = loaded_server
    server = RemoteStore(url)
    foreign = "https://example.org/their-own-data"
    server.replace_graph(foreign, [q.triple for q in graph_store.quads_for_pattern(
        NamedNode("https://w3id.org/mhkg/id/actor/comensha"), None, None)])
    done = mhkg("--data", data, "build", "--store", url)
    assert done.returncode == 0, done.stderr
    assert per_graph(server) == per_graph(graph_store)
    assert foreign in server.named_graph_iris()
    server.drop_graph(foreign)


def test_services_over_the_server_answer_as_over_the_embedded_store(loaded_server, graph_server):
    url, data = loaded_server
    with Service(data=data) as over_release, Service("--store", url) as over_url:
        for path in SAME_ANSWERS:
            expected = graph_server.get(path).json()
            assert over_release.get(path).json() == expected, path
            assert over_url.get(path).json() == expected, path


def test_bound_values_stay_values_on_the_server(loaded_server):
    url, _ = loaded_server
    server = RemoteStore(url)
    query = "SELECT ?label ?s WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?label }"
    hostile = Literal('CoMensha" } UNION { ?s ?p ?label } #', language="nl")
    assert list(run(server, query, {"label": hostile})) == []
    found = list(run(server, query, {"label": Literal("CoMensha", language="nl")}))
    assert [row["s"].value for row in found] == ["https://w3id.org/mhkg/id/actor/comensha"]


def test_a_store_server_that_is_down_gives_503_not_a_traceback():
    closed = f"http://127.0.0.1:{free_port()}/query"
    with Service("--store", closed) as api:
        response = api.get("/api/actors")
        assert response.status_code == 503
        assert response.headers["Content-Type"].startswith("application/problem+json")
        assert "did not answer" in response.json()["detail"]
        assert requests.get(api.url + "/openapi.json", timeout=10).status_code == 200


def test_bound_values_open_the_where_clause_not_a_comment():
    query = "# asks WHERE { nothing }\nSELECT ?s WHERE { ?s ?p ?o }"
    bound = bind(query, {Variable("s"): NamedNode("https://example.org/a")})
    assert bound.startswith("# asks WHERE { nothing }\n")
    assert "WHERE { VALUES (?s) { (<https://example.org/a>) }  ?s ?p ?o }" in bound


def test_a_server_of_no_known_convention_is_loaded_through_the_graph_store_url_given():
    unknown = RemoteStore("http://127.0.0.1:9/triplestore/endpoint/q")
    with pytest.raises(RemoteStoreError, match="--graph-store-url"):
        unknown.replace_graph("https://w3id.org/mhkg/graph/x", [])
    given = RemoteStore("http://127.0.0.1:9/triplestore/endpoint/q", graph_store_url="http://127.0.0.1:9/gsp")
    assert given.endpoints.graph_store == "http://127.0.0.1:9/gsp"
    assert RemoteStore("http://127.0.0.1:9/query").endpoints.graph_store == "http://127.0.0.1:9/store"
