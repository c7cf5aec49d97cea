"""REST, pages and dereferenced IRIs answer through one negotiation and response path
(api/formats.py, api/answer.py): the same ETag of the build, the same 304, the same
refusals of a format, over real HTTP."""
from __future__ import annotations

BROWSER = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}


def test_every_answer_is_tagged_with_the_same_build(graph_server):
    answers = [graph_server.get("/api/actors/comensha"), graph_server.get("/id/actor/comensha.ttl"),
               graph_server.get("/", headers=BROWSER), graph_server.get("/api/queries/documents-mentioning-wodc")]
    builds = {a.headers["ETag"].strip('"').rsplit("-", 1)[0] for a in answers}
    assert len(builds) == 1, builds
    for a in answers:
        again = graph_server.session.get(a.url, headers={**BROWSER, "If-None-Match": a.headers["ETag"]}
                                         if "text/html" in a.headers["Content-Type"] else
                                         {"If-None-Match": a.headers["ETag"]}, timeout=30)
        assert again.status_code == 304, a.url
        assert "Accept" in again.headers["Vary"]


def test_rest_reads_accept_as_the_registry_does(graph_server):
    assert graph_server.get("/api/actors", headers={"Accept": "text/json"}).headers["Content-Type"] == \
        "application/json"
    assert graph_server.get("/api/actors", headers={"Accept": "application/ld+json"}).json()["@context"]
    assert graph_server.get("/api/actors", headers={"Accept": "application/xml"}).status_code == 406


def test_a_format_no_offer_has_is_refused_alike(graph_server):
    for path in ("/api/actors?format=turtle", "/api/queries/documents-mentioning-wodc?format=turtle"):
        refused = graph_server.get(path)
        assert refused.status_code == 400
        assert refused.json()["invalid_params"][0]["name"] == "format"
    assert graph_server.get("/id/actor/comensha.csv").status_code == 404
