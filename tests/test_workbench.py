"""The workbench's HTTP side over real HTTP: /sparql is the workbench for a browser only,
the examples run as canned queries (JSON, CSV) with the answers the competency questions
expect, and /.well-known publishes them (SHACL) and the dataset (VoID), parsed with rdflib."""
from __future__ import annotations

import csv
import io

import rdflib
import yaml
from pathlib import Path

BROWSER = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}
ROOT = Path(__file__).resolve().parent.parent
SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")
VOID = rdflib.Namespace("http://rdfs.org/ns/void#")


def test_sparql_is_the_workbench_for_browsers_only(graph_server):
    page = graph_server.get("/sparql", headers=BROWSER)
    assert page.headers["Content-Type"].startswith("text/html")
    assert 'id="workbench"' in page.text and "yasgui.min.js" in page.text
    assert "comensha-reported-victims-per-year" in page.text
    asset = graph_server.get("/assets/vendor/yasgui/yasgui.min.js")
    assert asset.status_code == 200 and len(asset.content) > 100_000, "make assets did not install YASGUI"
    assert graph_server.get("/assets/vendor/yasgui/package.json").status_code == 404
    for headers in ({}, {"Accept": "*/*"}, {"Accept": "application/sparql-results+json"}):
        data = graph_server.get("/sparql", headers=headers)
        assert not data.headers["Content-Type"].startswith("text/html")
    for asked in ("/sparql?query=ASK%7B%7D", "/sparql?query=ASK%7B%7D&format=json"):  # a query: the Protocol
        assert graph_server.get(asked, headers=BROWSER).headers["Content-Type"].startswith("application/")


def test_every_example_runs_as_a_canned_query(graph_server):
    listed = graph_server.get("/api/queries").json()["items"]
    assert len(listed) == len(list((ROOT / "api" / "examples").glob("*.rq"))) >= 30
    for item in listed:
        answer = graph_server.get(f"/api/queries/{item['name']}")
        assert answer.status_code == 200, item["name"]
        body = answer.json()
        assert body["title"] and body["query"] and ("items" in body or body["boolean"] is True)


def test_a_canned_query_answers_what_the_competency_question_expects(graph_server):
    expected = next(e for e in yaml.safe_load((ROOT / "tests" / "cq" / "expected.yaml").read_text())
                    if e["query"] == "comensha-reported-victims-per-year.rq")
    years = {row["year"]: row["value"] for row in expected["expect"]}
    rows = list(csv.DictReader(io.StringIO(
        graph_server.get("/api/queries/comensha-reported-victims-per-year?format=csv").text)))
    assert {row["year"]: row["value"] for row in rows} == years
    assert graph_server.get("/api/queries/no-such-query").status_code == 404
    refused = graph_server.get("/api/queries/comensha-reported-victims-per-year?format=turtle")
    assert refused.status_code == 400 and refused.json()["invalid_params"][0]["name"] == "format"


def test_sparql_examples_are_shacl_executables(graph_server):
    graph = rdflib.Graph().parse(data=graph_server.get("/.well-known/sparql-examples").content, format="turtle")
    executables = set(graph.subjects(rdflib.RDF.type, SH.SPARQLExecutable))
    assert len(executables) >= 30
    for node in executables:
        query = graph.value(node, SH.select) or graph.value(node, SH.ask) or graph.value(node, SH.construct)
        assert query and graph.value(node, rdflib.RDFS.label)
        assert str(graph.value(node, rdflib.URIRef("https://schema.org/target"))).endswith("/sparql")
    jsonld = graph_server.get("/.well-known/sparql-examples", headers={"Accept": "application/ld+json"})
    assert len(rdflib.Graph().parse(data=jsonld.content, format="json-ld")) == len(graph)


def test_void_counts_the_triples_of_each_graph(graph_server):
    graph = rdflib.Graph().parse(data=graph_server.get("/.well-known/void").content, format="turtle")
    dataset = next(s for s in graph.subjects(VOID.sparqlEndpoint, None))
    subsets = list(graph.objects(dataset, VOID.subset))
    assert rdflib.URIRef("https://w3id.org/mhkg/graph/kst-28638-174") in subsets
    total = int(graph.value(dataset, VOID.triples))
    assert total == sum(int(graph.value(s, VOID.triples)) for s in subsets) > 10_000
