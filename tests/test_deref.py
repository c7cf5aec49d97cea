"""Dereferenceable IRIs over real HTTP: every IRI pattern the graph mints answers in each RDF
format (by Accept and by extension), parsed back with rdflib and holding what the graph
says of it; HTML for a browser; Link, Vary, 304; unknown IRIs are 404 in the client's terms."""
from __future__ import annotations

import pytest
import rdflib

BASE = "https://w3id.org/mhkg/"
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
FORMATS = {  # media type, extension, rdflib's name for it
    "text/turtle": ("ttl", "turtle"),
    "application/n-triples": ("nt", "nt"),
    "application/ld+json": ("jsonld", "json-ld"),
    "application/rdf+xml": ("rdf", "xml"),
}
#: One IRI of each pattern, with a triple its description must hold (subject, predicate).
IRIS = {
    "id/actor/comensha": ("id/actor/comensha", "http://www.w3.org/2000/01/rdf-schema#label"),
    "id/document/kst-28638-174": ("id/document/kst-28638-174", "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
    "id/passage/kst-28638-174-alinea-001": ("id/passage/kst-28638-174-alinea-001", "https://w3id.org/mhkg/def#text"),
    "id/status/adopted": ("id/status/adopted", "http://www.w3.org/2004/02/skos/core#prefLabel"),
    "id/recommendation/nationaal-rapporteur-specialisatie-en-opleiding-mensenhandelzaken-rechtspraak":
        ("id/recommendation/nationaal-rapporteur-specialisatie-en-opleiding-mensenhandelzaken-rechtspraak",
         "https://w3id.org/mhkg/def#inReport"),
    "def": ("def", "http://www.w3.org/2002/07/owl#versionIRI"),
    "def/<version>": ("def", "http://www.w3.org/2002/07/owl#versionIRI"),   # the version the graph holds
    "graph/kst-28638-174": ("id/passage/kst-28638-174-alinea-001", "https://w3id.org/mhkg/def#text"),
    "graph/ontology": ("def", "http://www.w3.org/2002/07/owl#versionIRI"),
}


def _holds(graph: rdflib.Graph, subject: str, predicate: str) -> bool:
    return (rdflib.URIRef(BASE + subject), rdflib.URIRef(predicate), None) in graph


@pytest.mark.parametrize("path", sorted(IRIS))
@pytest.mark.parametrize("media_type", sorted(FORMATS))
def test_every_iri_pattern_in_every_rdf_format(graph_server, path, media_type):
    extension, rdflib_format = FORMATS[media_type]
    subject, predicate = IRIS[path]
    if "<version>" in path:
        ontology = rdflib.Graph().parse(data=graph_server.get("/def.nt").content, format="nt")
        version = ontology.value(rdflib.URIRef(BASE + "def"), rdflib.OWL.versionIRI)
        path = path.replace("<version>", str(version).rsplit("/", 1)[1])
    for answer in (graph_server.get(f"/{path}", headers={"Accept": media_type}),
                   graph_server.get(f"/{path}.{extension}")):
        assert answer.status_code == 200, answer.text[:300]
        assert answer.headers["Content-Type"].split(";")[0] == media_type
        assert "Accept" in answer.headers["Vary"]
        graph = rdflib.Graph().parse(data=answer.content, format=rdflib_format)
        assert _holds(graph, subject, predicate), f"{path} as {media_type} lacks <{subject}> <{predicate}>"


def test_a_status_iri_holds_some_label(graph_server):
    graph = rdflib.Graph().parse(data=graph_server.get("/id/status/adopted.ttl").content, format="turtle")
    labels = {str(o) for _, p, o in graph if str(p).endswith(("#prefLabel", "#label"))}
    assert labels, "the status has no label in its description"


def test_description_is_what_the_graph_states_both_ways(graph_server):
    """CoMensha's description holds its label, and the statements naming it as object."""
    graph = rdflib.Graph().parse(data=graph_server.get("/id/actor/comensha.nt").content, format="nt")
    iri = rdflib.URIRef(BASE + "id/actor/comensha")
    assert (iri, rdflib.RDFS.label, rdflib.Literal("CoMensha", lang="nl")) in graph
    assert any(o == iri for _, _, o in graph), "nothing points to CoMensha in its description"


def test_links_name_every_alternative(graph_server):
    answer = graph_server.get("/id/actor/comensha", headers={"Accept": "text/turtle"})
    link = answer.headers["Link"]
    for media_type, (extension, _) in FORMATS.items():
        if media_type != "text/turtle":
            assert f'</id/actor/comensha.{extension}>; rel="alternate"; type="{media_type}"' in link
    assert '</id/actor/comensha.html>; rel="alternate"; type="text/html"' in link


def test_a_browser_gets_the_page_and_no_preference_gets_turtle(graph_server):
    page = graph_server.get("/id/actor/comensha", headers={"Accept": BROWSER})
    assert page.status_code == 200 and page.headers["Content-Type"].startswith("text/html")
    assert "CoMensha" in page.text and "<blockquote" in page.text
    assert graph_server.get("/id/actor/comensha", headers={"Accept": "*/*"}).headers["Content-Type"].startswith(
        "text/turtle")
    assert graph_server.get("/id/actor/comensha.html").headers["Content-Type"].startswith("text/html")


def test_conditional_requests_are_answered_304(graph_server):
    first = graph_server.get("/id/actor/comensha.ttl")
    again = graph_server.get("/id/actor/comensha.ttl", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and not again.content
    other = graph_server.get("/id/actor/comensha.nt", headers={"If-None-Match": first.headers["ETag"]})
    assert other.status_code == 200, "an ETag of the Turtle must not validate the N-Triples"


@pytest.mark.parametrize("path", ["/id/actor/no-such-actor", "/id/nokind/comensha", "/id/actor/Bad_Slug",
                                  "/graph/no-such-graph", "/def/9.9", "/id/actor/comensha.exe"])
def test_unknown_iris_are_404_in_the_clients_terms(graph_server, path):
    data = graph_server.get(path, headers={"Accept": "text/turtle"})
    assert data.status_code == 404
    assert data.headers["Content-Type"] == "application/problem+json"
    page = graph_server.get(path, headers={"Accept": BROWSER})
    assert page.status_code == 404 and page.headers["Content-Type"].startswith("text/html")
    assert "<h1>Not found</h1>" in page.text


def test_behind_a_public_base_links_and_alternates_follow_it(built_release):
    """Served at https://example.org/kg/ (a proxy, or w3id.org redirecting there): the page's
    links and the Link alternates are under that base, the IRIs in the data unchanged."""
    from graph_fixtures import Service

    with Service("--store", str(built_release.store_path), "--public-base", "https://example.org/kg/") as api:
        data = api.get("/id/actor/comensha", headers={"Accept": "text/turtle"})
        assert '</kg/id/actor/comensha.nt>; rel="alternate"' in data.headers["Link"]
        graph = rdflib.Graph().parse(data=data.content, format="turtle")
        assert _holds(graph, "id/actor/comensha", "http://www.w3.org/2000/01/rdf-schema#label")
        page = api.get("/id/actor/comensha", headers={"Accept": "text/html"}).text
        assert 'href="/kg/read/' in page and 'href="/kg/id/' in page and 'href="/id/' not in page
