"""/sparql says what to fix in a query, over HTTP against a real `mhkg serve`: the token found
and what was expected in words, an undeclared prefix with the PREFIX line to add, a slash in a
prefixed name with the IRI to write, and a term the MHKG ontology does not have, with the
closest one it has, as a warning that leaves the answer exactly as pyoxigraph gives it."""
from __future__ import annotations

import pytest
import requests
from pyoxigraph import QueryResultsFormat, Store

MH = "PREFIX mh: <https://w3id.org/mhkg/def#>\n"
ID = "PREFIX id: <https://w3id.org/mhkg/id/>\n"
WARNING = "MHKG-Warning"


@pytest.fixture(scope="module")
def local(sparql_store):
    return Store.read_only(str(sparql_store))


def ask(server, query, **params):
    return requests.get(server.sparql, params={"query": query, **params}, timeout=30)


def refused(answer) -> dict:
    assert answer.status_code == 400, answer.text
    assert answer.headers["Content-Type"] == "application/problem+json"
    body = answer.json()
    assert "\\u{" not in answer.text and "Prefix not found" not in body["detail"], body["detail"]
    return body


@pytest.mark.parametrize(("query", "prefixes"), [
    ("SELECT * WHERE { ?o mh:measures ?i }", ["mh"]),
    ("SELECT * WHERE { ?o mh:measures ?i ; mh:year ?y . ?i rdfs:label ?l }", ["mh", "rdfs"]),
    (MH + "SELECT * WHERE { ?r mh:inReport ?report . ?report dct:title ?t }", ["dct"]),
])
def test_an_undeclared_prefix_is_named_with_the_line_to_add(sparql_server, query, prefixes):
    body = refused(ask(sparql_server, query))
    lines = {"mh": "PREFIX mh: <https://w3id.org/mhkg/def#>",
             "rdfs": "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>",
             "dct": "PREFIX dct: <http://purl.org/dc/terms/>"}
    assert body["add"] == [lines[p] for p in prefixes]
    for prefix in prefixes:
        assert f"{prefix}:" in body["detail"] and lines[prefix] in body["detail"]
    assert body["line"] >= 1 and body["column"] >= 1


def test_an_unknown_prefix_gets_a_placeholder_namespace(sparql_server):
    body = refused(ask(sparql_server, "SELECT * WHERE { ?s foo:bar ?o }"))
    assert body["add"] == ["PREFIX foo: <...namespace IRI...>"] and "foo:" in body["detail"]


@pytest.mark.parametrize("prologue", [MH + ID, ""])
def test_a_slash_in_a_prefixed_name_is_named_with_the_iri_to_write(sparql_server, prologue):
    query = prologue + "SELECT ?o WHERE { ?o mh:measures id:indicator/mogelijke-slachtoffers }"
    body = refused(ask(sparql_server, query))
    iri = "https://w3id.org/mhkg/id/indicator/mogelijke-slachtoffers"
    assert body["iris"] == [iri] and f"<{iri}>" in body["detail"]
    assert "id:indicator\\/mogelijke-slachtoffers" in body["detail"]  # the escaped form works too
    assert "OPTIONAL" not in body["detail"]
    if not prologue:  # and the missing prefixes are named with it
        assert "PREFIX id: <https://w3id.org/mhkg/id/>" in body["add"]
    fixed = ask(sparql_server, MH + ID + "SELECT ?o WHERE { ?o mh:measures id:indicator\\/mogelijke-slachtoffers }")
    assert fixed.status_code == 200


def test_a_property_path_is_not_taken_for_a_slash_in_a_name(sparql_server):
    query = MH + "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n" \
        "SELECT ?l WHERE { ?r mh:status/rdfs:label ?l . ?r }"
    body = refused(ask(sparql_server, query))
    assert "iris" not in body and "prefixed name" not in body["detail"]


@pytest.mark.parametrize(("query", "found", "expected"), [
    ("SELECT ?s WHERE {\n  ?s ?p \n", "the end of the query", "a variable (?name)"),
    ("SELECT (COUNT(?s) AS ?n WHERE { ?s ?p ?o }", "`WHERE`", "`)`"),
    ("SELECT * WHERE { ?s ?p ?o } ORDER ?s", "the end of the query", "BY"),
])
def test_a_syntax_error_names_the_token_found_and_what_was_expected(sparql_server, query, found, expected):
    body = refused(ask(sparql_server, query))
    assert body["found"] == found and expected in body["expected"]
    assert f"found {found}" in body["detail"] and expected in body["detail"]


@pytest.mark.parametrize(("query", "reason"), [
    ("SELECT ?x (COUNT(*) AS ?n) WHERE { ?x ?p ?v }", "The SELECT contains a variable that is unbound"),
    ("SELECT * WHERE { ?s ?p ?o } GROUP BY ?s", "SELECT * is not authorized with GROUP BY"),
    ("SELECT * WHERE { <http://example.org/a b> ?p ?o }", "the IRI ending here is not a valid IRI"),
])
def test_a_query_that_means_nothing_says_why(sparql_server, query, reason):
    body = refused(ask(sparql_server, query))
    assert body["detail"].startswith(f"error at {body['line']}:{body['column']}: {reason}")
    assert reason not in body["expected"]
    assert "add" not in body  # the http: of a broken IRI is no prefix to declare


@pytest.mark.parametrize(("query", "hint"), [
    ("SELECT * WHERE { ?s ?p ?o } LIMT 5", "did you mean LIMIT?"),
    ("SELECT * WHERE { ?s ?p ?o FILTR(?o) }", "did you mean FILTER?"),
    ('SELECT * WHERE { ?s ?p "abc }', 'a string opened with `"` is not closed'),
    ("SELECT * WHERE { ?s ?p ?o . OPTIONAL { ?s ?q ?r }", "a { is not closed with }"),
])
def test_a_syntax_error_says_the_likely_fix(sparql_server, query, hint):
    assert hint in refused(ask(sparql_server, query))["detail"]


def test_an_unknown_mh_term_is_a_warning_with_the_closest_term(sparql_server, local):
    query = MH + "SELECT ?r ?page WHERE { ?r mh:reportpage ?page ; a <https://w3id.org/mhkg/def#Recomendation> }"
    answer = ask(sparql_server, query, format="json")
    assert answer.status_code == 200
    warnings = answer.headers[WARNING]
    assert "mh:reportpage" in warnings and "did you mean mh:reportPage?" in warnings
    assert "Recomendation" in warnings and "did you mean mh:Recommendation?" in warnings
    # the answer itself is pyoxigraph's, byte for byte
    want = local.query(query, use_default_graph_as_union=True).serialize(format=QueryResultsFormat.JSON)
    assert answer.content == want


def test_a_query_of_known_terms_has_no_warning_and_the_same_answer(sparql_server, local):
    query = MH + "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n" \
        "SELECT ?p ?l WHERE { ?p rdfs:label ?l OPTIONAL { ?p mh:reportPage ?x } } ORDER BY ?p ?l LIMIT 5"
    answer = ask(sparql_server, query, format="json")
    assert answer.status_code == 200 and WARNING not in answer.headers
    assert answer.content == local.query(query, use_default_graph_as_union=True).serialize(
        format=QueryResultsFormat.JSON)
    # an mh: name in a string, a comment or under another prefix is no term
    other = "PREFIX ex: <http://example.org/>\nSELECT ?t WHERE { BIND(\"mh:reportpage\" AS ?t) } # mh:x"
    assert WARNING not in ask(sparql_server, other).headers


def test_the_warning_is_exposed_to_browsers(sparql_server):
    answer = ask(sparql_server, MH + "ASK { ?s mh:reportpage ?o }")
    assert answer.headers[WARNING]
    cors = requests.get(sparql_server.sparql, params={"query": "ASK {}"}, headers={"Origin": "https://example.com"},
                        timeout=10)
    assert WARNING in cors.headers["Access-Control-Expose-Headers"]
