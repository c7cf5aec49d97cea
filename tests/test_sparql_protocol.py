"""/sparql over HTTP against a real `mhkg serve`: each method, parameter and format, every
answer parsed back (rdflib, csv, json) and compared with the same query run in process by
pyoxigraph; SPARQLWrapper and rdflib's SPARQLStore as clients; and every refusal."""
from __future__ import annotations

import csv
import http.server
import io
import json
import threading
import time
import urllib.parse
import urllib.request

import pandas
import pytest
import rdflib
import requests
from pyoxigraph import BlankNode, NamedNode, RdfFormat, Store, serialize
from rdflib.compare import isomorphic
from rdflib.query import Result

EX = "http://example.org/"
PEOPLE = """PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?person ?label ?age WHERE { ?person rdfs:label ?label ; <http://example.org/age> ?age }
ORDER BY ?age LIMIT 20"""
GRAPH_QUERY = """PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
CONSTRUCT { ?p rdfs:label ?l ; <http://example.org/note> ?n . ?n rdfs:label ?t }
WHERE { ?p rdfs:label ?l FILTER(lang(?l) = "nl") OPTIONAL { ?p <http://example.org/note> ?n . ?n rdfs:label ?t } }"""
ENDLESS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o . ?q ?r ?s }"
SELECT_TYPES = {"json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
                "csv": "text/csv", "tsv": "text/tab-separated-values"}
GRAPH_TYPES = {"turtle": "text/turtle", "nt": "application/n-triples", "json-ld": "application/ld+json",
               "xml": "application/rdf+xml", "nquads": "application/n-quads", "trig": "application/trig"}


@pytest.fixture(scope="module")
def local(sparql_store):
    """The same store opened in process: the answers /sparql must give."""
    return Store.read_only(str(sparql_store))


def expected(local, query, **options):
    options.setdefault("use_default_graph_as_union", True)
    return local.query(query, **options)


def term_key(term):
    """A comparable form of a pyoxigraph or rdflib term (blank node labels ignored)."""
    if isinstance(term, (BlankNode, rdflib.BNode)):
        return ("bnode",)
    if isinstance(term, (NamedNode, rdflib.URIRef)):
        return ("iri", term.value if isinstance(term, NamedNode) else str(term))
    if term is None:
        return None
    if isinstance(term, rdflib.Literal):
        datatype = str(term.datatype) if term.datatype else (None if term.language else
                                                           "http://www.w3.org/2001/XMLSchema#string")
        return ("literal", str(term), datatype if not term.language else None, term.language)
    return ("literal", term.value, None if term.language else term.datatype.value, term.language)


def rows_of_local(solutions):
    names = [v.value for v in solutions.variables]
    return sorted((tuple(term_key(row[name]) for name in names) for row in solutions), key=repr)


def rows_of_rdflib(result: Result, names):
    return sorted((tuple(term_key(row[name]) for name in names) for row in result), key=repr)


def graph_of_local(triples) -> rdflib.Graph:
    return rdflib.Graph().parse(data=serialize(triples, format=RdfFormat.N_TRIPLES), format="nt")


def graph_of_answer(answer, fmt) -> rdflib.Graph:
    if fmt in ("nquads", "trig"):  # the triples in the default graph of a dataset
        dataset = rdflib.Dataset()
        dataset.parse(data=answer.content, format=fmt)
        got = rdflib.Graph()
        for s, p, o, _ in dataset.quads():
            got.add((s, p, o))
        return got
    return rdflib.Graph().parse(data=answer.content, format=fmt)


def ask(server, query, method="GET", accept=None, **kwargs):
    headers = {"Accept": accept} if accept else {}
    headers.update(kwargs.pop("headers", {}))
    if method == "GET":
        return requests.get(server.sparql, params={"query": query, **kwargs.pop("params", {})}, headers=headers,
                            timeout=30, **kwargs)
    if method == "form":
        return requests.post(server.sparql, data={"query": query, **kwargs.pop("data", {})}, headers=headers,
                             timeout=30, **kwargs)
    headers["Content-Type"] = "application/sparql-query"
    return requests.post(server.sparql, data=query.encode(), headers=headers, timeout=30, **kwargs)


def problem(response, status):
    assert response.status_code == status, response.text
    assert response.headers["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == status and body["title"]
    assert "Traceback" not in response.text
    return body


# --- methods, parameters, formats -------------------------------------------------------

@pytest.mark.parametrize("method", ["GET", "form", "direct"])
def test_each_method_answers_as_pyoxigraph(sparql_server, local, method):
    answer = ask(sparql_server, PEOPLE, method, accept="application/sparql-results+json")
    assert answer.status_code == 200
    assert answer.headers["Content-Type"] == "application/sparql-results+json"
    result = Result.parse(io.BytesIO(answer.content), format="json")
    assert [str(v) for v in result.vars] == ["person", "label", "age"]
    assert rows_of_rdflib(result, ["person", "label", "age"]) == rows_of_local(expected(local, PEOPLE))


@pytest.mark.parametrize("fmt", SELECT_TYPES)
def test_select_in_each_format(sparql_server, local, fmt):
    query = PEOPLE
    answer = ask(sparql_server, query, accept=SELECT_TYPES[fmt])
    assert answer.status_code == 200
    assert answer.headers["Content-Type"].split(";")[0] == SELECT_TYPES[fmt]
    names = ["person", "label", "age"]
    if fmt == "csv":  # CSV keeps lexical forms only
        rows = list(csv.reader(io.StringIO(answer.content.decode("utf-8"))))
        assert rows[0] == names
        want = sorted(tuple(row[n].value for n in names) for row in expected(local, query))
        assert sorted(tuple(r) for r in rows[1:]) == want
    else:
        result = Result.parse(io.BytesIO(answer.content), format=fmt)
        assert rows_of_rdflib(result, names) == rows_of_local(expected(local, query))


def test_blank_nodes_and_escapes_survive(sparql_server, local):
    query = "SELECT ?n ?text WHERE { ?n <http://www.w3.org/2000/01/rdf-schema#label> ?text FILTER isBlank(?n) }"
    for fmt in ("json", "xml", "tsv"):
        answer = ask(sparql_server, query, accept=SELECT_TYPES[fmt])
        result = Result.parse(io.BytesIO(answer.content), format=fmt)
        assert rows_of_rdflib(result, ["n", "text"]) == rows_of_local(expected(local, query))
        assert [str(row["text"]) for row in result] == ['a "quoted"\nnote']


@pytest.mark.parametrize("accept", ["application/sparql-results+json", "application/sparql-results+xml"])
def test_ask(sparql_server, accept):
    for query, truth in (("ASK { ?p a <http://example.org/Person> }", True), ("ASK { ?p a <http://example.org/Cat> }", False)):
        answer = ask(sparql_server, query, "direct", accept=accept)
        assert answer.status_code == 200 and answer.headers["Content-Type"] == accept
        assert Result.parse(io.BytesIO(answer.content), format="json" if "json" in accept else "xml").askAnswer is truth


@pytest.mark.parametrize("fmt", GRAPH_TYPES)
def test_construct_in_each_format(sparql_server, local, fmt):
    answer = ask(sparql_server, GRAPH_QUERY, "form", accept=GRAPH_TYPES[fmt])
    assert answer.status_code == 200
    assert answer.headers["Content-Type"].split(";")[0] == GRAPH_TYPES[fmt]
    got = graph_of_answer(answer, fmt)
    want = graph_of_local(expected(local, GRAPH_QUERY))
    assert len(got) == len(want) == 62
    assert isomorphic(got, want)


def test_describe(sparql_server, local):
    query = f"DESCRIBE <{EX}person/7>"
    answer = ask(sparql_server, query)
    assert answer.headers["Content-Type"].startswith("text/turtle")
    assert isomorphic(rdflib.Graph().parse(data=answer.content, format="turtle"),
                      graph_of_local(expected(local, query)))


@pytest.mark.parametrize(("accept", "media_type"), [
    (None, "application/sparql-results+json"),
    ("*/*", "application/sparql-results+json"),
    ("text/csv;q=0.5, application/sparql-results+xml;q=0.9", "application/sparql-results+xml"),
    ("application/sparql-results+json;q=0, */*;q=0.1", "application/sparql-results+xml"),
    ("text/*", "text/csv"),
    ("text/html, text/tab-separated-values;q=0.8, */*;q=0.1", "text/tab-separated-values"),
    ("application/json", "application/sparql-results+json"),
])
def test_accept_with_q_values(sparql_server, accept, media_type):
    answer = ask(sparql_server, "SELECT * { ?s ?p ?o } LIMIT 1", headers={} if accept else {"Accept": None},  # None: no Accept at all
                 accept=accept)
    assert answer.status_code == 200
    assert answer.headers["Content-Type"].split(";")[0] == media_type
    assert "Accept" in answer.headers["Vary"]


def test_graph_accept_with_q_values(sparql_server):
    answer = ask(sparql_server, GRAPH_QUERY, accept="text/turtle;q=0.2, application/ld+json;q=0.8, */*;q=0.1")
    assert answer.headers["Content-Type"] == "application/ld+json"


# --- format= and the media types Oxigraph answers ---------------------------------------

SELECT_VALUES = {"json": "json", "srj": "json", "application/sparql-results+json": "json", "xml": "xml",
                 "text/xml": "xml", "csv": "csv", "text/csv; charset=utf-8": "csv", "tsv": "tsv",
                 "text/tab-separated-values": "tsv", "CSV": "csv"}
GRAPH_VALUES = {"ttl": "turtle", "turtle": "turtle", "nt": "nt", "ntriples": "nt", "application/n-triples": "nt",
                "nq": "nquads", "trig": "trig", "jsonld": "json-ld", "json-ld": "json-ld", "json": "json-ld",
                "rdfxml": "xml", "rdf": "xml", "rdf+xml": "xml", "xml": "xml", "n3": "n3"}
GRAPH_MEDIA = {"turtle": "text/turtle", "nt": "application/n-triples", "nquads": "application/n-quads",
               "trig": "application/trig", "json-ld": "application/ld+json", "xml": "application/rdf+xml",
               "n3": "text/n3"}


@pytest.mark.parametrize("value", SELECT_VALUES)
def test_format_parameter_for_results(sparql_server, local, value):
    """format= decides over Accept (here asking for JSON), by name, extension or media type."""
    fmt = SELECT_VALUES[value]
    answer = ask(sparql_server, PEOPLE, accept="application/sparql-results+json", params={"format": value})
    assert answer.status_code == 200, answer.text
    assert answer.headers["Content-Type"].split(";")[0] == SELECT_TYPES[fmt]
    names = ["person", "label", "age"]
    if fmt == "csv":
        rows = list(csv.reader(io.StringIO(answer.content.decode("utf-8"))))
        assert rows[0] == names and len(rows) == 21
    else:
        result = Result.parse(io.BytesIO(answer.content), format=fmt)
        assert rows_of_rdflib(result, names) == rows_of_local(expected(local, PEOPLE))


@pytest.mark.parametrize("value", GRAPH_VALUES)
def test_format_parameter_for_graphs(sparql_server, local, value):
    fmt = GRAPH_VALUES[value]
    answer = ask(sparql_server, GRAPH_QUERY, "form", accept="text/turtle", data={"format": value})
    assert answer.status_code == 200, answer.text
    assert answer.headers["Content-Type"].split(";")[0] == GRAPH_MEDIA[fmt]
    got = graph_of_answer(answer, "turtle" if fmt == "n3" else fmt)  # rdflib's N3 reader is Turtle's
    assert isomorphic(got, graph_of_local(expected(local, GRAPH_QUERY)))


def test_output_is_format_and_a_direct_post_takes_it_from_the_url(sparql_server):
    answer = ask(sparql_server, PEOPLE, params={"output": "tsv"})
    assert answer.headers["Content-Type"].startswith("text/tab-separated-values")
    direct = ask(sparql_server, PEOPLE, "direct", params={"format": "csv"})
    assert direct.headers["Content-Type"].startswith("text/csv")
    empty = ask(sparql_server, PEOPLE, params={"format": ""})  # as SPARQLWrapper sends it: no format named
    assert empty.headers["Content-Type"] == "application/sparql-results+json"


def test_an_unknown_format_is_refused_naming_the_accepted_values(sparql_server):
    body = problem(ask(sparql_server, PEOPLE, params={"format": "xlsx"}), 400)
    assert "format=xlsx" in body["detail"] and "csv" in body["detail"] and "ttl" in body["detail"]
    assert "csv" in body["accepted"]["solutions"] and "ttl" in body["accepted"]["graph"]
    # one unknown among known ones is not passed over either
    problem(ask(sparql_server, PEOPLE, params={"format": ["csv", "excel"]}), 400)
    problem(requests.get(sparql_server.sparql, params={"format": "png"}, timeout=10), 400)


def test_a_format_of_the_other_kind_is_not_acceptable(sparql_server):
    body = problem(ask(sparql_server, GRAPH_QUERY, params={"format": "csv"}), 406)
    assert "text/turtle" in body["available"] and "format=csv" in body["detail"]
    body = problem(ask(sparql_server, PEOPLE, params={"format": "ttl"}), 406)
    assert "text/csv" in body["available"]


def test_pandas_way_of_reading_csv(sparql_server, local):
    """pandas.read_csv(url) opens the URL with urllib and no Accept: format=csv must give CSV."""
    url = sparql_server.sparql + "?" + urllib.parse.urlencode({"query": PEOPLE, "format": "csv"})
    with urllib.request.urlopen(url, timeout=30) as answer:
        assert answer.headers["Content-Type"].startswith("text/csv")
        rows = list(csv.DictReader(io.TextIOWrapper(answer, encoding="utf-8")))
    assert [row["age"] for row in rows] == [row["age"].value for row in expected(local, PEOPLE)]


def test_pandas_reads_csv(sparql_server, local):
    frame = pandas.read_csv(sparql_server.sparql + "?" + urllib.parse.urlencode({"query": PEOPLE, "format": "csv"}))
    assert list(frame.columns) == ["person", "label", "age"]
    assert list(frame["age"]) == [int(row["age"].value) for row in expected(local, PEOPLE)]


@pytest.mark.parametrize(("query", "accept", "media_type"), [
    (PEOPLE, "text/xml", "application/sparql-results+xml"),
    (PEOPLE, "application/xml", "application/sparql-results+xml"),
    (PEOPLE, "text/plain", "text/csv"),
    (PEOPLE, "text/json", "application/sparql-results+json"),
    (GRAPH_QUERY, "text/plain", "application/n-triples"),
    (GRAPH_QUERY, "application/json", "application/ld+json"),
    (GRAPH_QUERY, "text/xml", "application/rdf+xml"),
    (GRAPH_QUERY, "application/x-turtle", "text/turtle"),
])
def test_the_media_types_oxigraph_answers(sparql_server, query, accept, media_type):
    answer = ask(sparql_server, query, accept=accept)
    assert answer.status_code == 200, answer.text
    assert answer.headers["Content-Type"].split(";")[0] == media_type


# --- the dataset ------------------------------------------------------------------------

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s a <http://example.org/Person> }"
GRAPHS = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g"


def number(answer) -> int:
    return int(answer.json()["results"]["bindings"][0]["n"]["value"])


def test_default_graph_is_the_union_of_the_named_graphs(sparql_server):
    assert number(ask(sparql_server, COUNT)) == 60


def test_default_graph_uri_and_named_graph_uri(sparql_server, local):
    one = {"default-graph-uri": f"{EX}graph/1"}
    assert number(ask(sparql_server, COUNT, params=one)) == 20
    two = {"default-graph-uri": [f"{EX}graph/1", f"{EX}graph/2"]}
    assert number(ask(sparql_server, COUNT, "form", data=two)) == 40
    named = ask(sparql_server, GRAPHS, "direct", params={"named-graph-uri": f"{EX}graph/2"}).json()
    assert [b["g"]["value"] for b in named["results"]["bindings"]] == [f"{EX}graph/2"]
    # with only named graphs given, the default graph is empty
    assert number(ask(sparql_server, COUNT, params={"named-graph-uri": f"{EX}graph/2"})) == 0


def test_the_protocol_dataset_overrides_from(sparql_server):
    query = COUNT.replace("WHERE", f"FROM <{EX}graph/0> WHERE")
    assert number(ask(sparql_server, query)) == 20  # the query's own FROM
    assert number(ask(sparql_server, query, params={"default-graph-uri": [f"{EX}graph/1", f"{EX}graph/2"]})) == 40


# --- service description, clients, operations ------------------------------------------

def test_service_description(sparql_server):
    answer = requests.get(sparql_server.sparql, timeout=30)
    assert answer.status_code == 200 and answer.headers["Content-Type"].startswith("text/turtle")
    graph = rdflib.Graph().parse(data=answer.content, format="turtle")
    sd = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
    service = rdflib.URIRef(sparql_server.sparql)
    assert (service, rdflib.RDF.type, sd.Service) in graph
    assert (service, sd.endpoint, service) in graph
    assert (service, sd.feature, sd.UnionDefaultGraph) in graph
    assert {str(g) for g in graph.objects(None, sd.name)} == {f"{EX}graph/{i}" for i in range(3)}
    formats = {str(f) for f in graph.objects(service, sd.resultFormat)}
    assert "http://www.w3.org/ns/formats/SPARQL_Results_JSON" in formats and "http://www.w3.org/ns/formats/Turtle" in formats
    as_json_ld = requests.get(sparql_server.sparql, headers={"Accept": "application/ld+json"}, timeout=30)
    assert isomorphic(rdflib.Graph().parse(data=as_json_ld.content, format="json-ld"), graph)


def test_sparqlwrapper_as_a_client(sparql_server, local):
    from SPARQLWrapper import JSON, POST, TURTLE, XML, SPARQLWrapper

    client = SPARQLWrapper(sparql_server.sparql)
    client.setQuery(PEOPLE)
    client.setReturnFormat(JSON)
    rows = client.query().convert()["results"]["bindings"]
    assert [r["age"]["value"] for r in rows] == [row["age"].value for row in expected(local, PEOPLE)]
    client.setMethod(POST)
    client.setReturnFormat(XML)
    assert len(client.query().convert().getElementsByTagName("result")) == 20
    client.setQuery(GRAPH_QUERY)
    client.setReturnFormat(TURTLE)
    got = rdflib.Graph().parse(data=client.query().convert(), format="turtle")
    assert isomorphic(got, graph_of_local(expected(local, GRAPH_QUERY)))
    client.setQuery("ASK { ?p a <http://example.org/Person> }")
    client.setReturnFormat(JSON)
    assert client.query().convert()["boolean"] is True


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_sparqlwrapper_return_formats(sparql_server, local, method):
    """SPARQLWrapper sends format=, output= and results=, with a name and, for some formats,
    a media type or an empty value besides: each is answered in the format it names."""
    from SPARQLWrapper import CSV, JSONLD, N3, RDFXML, TSV, SPARQLWrapper

    client = SPARQLWrapper(sparql_server.sparql)
    client.setMethod(method)
    client.setQuery(PEOPLE)
    for fmt, media_type in ((CSV, "text/csv"), (TSV, "text/tab-separated-values")):
        client.setReturnFormat(fmt)
        answer = client.query()
        assert answer.response.headers["Content-Type"].startswith(media_type)
        assert len(answer.convert().decode("utf-8").strip().splitlines()) == 21
    want = graph_of_local(expected(local, GRAPH_QUERY))
    client.setQuery(GRAPH_QUERY)
    for fmt, media_type, parse_as in ((JSONLD, "application/ld+json", "json-ld"), (N3, "text/n3", "turtle"),
                                      (RDFXML, "application/rdf+xml", "xml")):
        client.setReturnFormat(fmt)
        answer = client.query()
        assert answer.response.headers["Content-Type"].startswith(media_type)
        converted = answer.convert()
        got = converted if isinstance(converted, rdflib.Graph) else rdflib.Graph().parse(data=converted, format=parse_as)
        assert isomorphic(got, want)


def test_rdflib_sparqlstore_as_a_client(sparql_server, local):
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    graph = rdflib.Graph(store=SPARQLStore(sparql_server.sparql, returnFormat="xml"))
    rows = list(graph.query(PEOPLE))
    assert sorted((term_key(r.person), term_key(r.label), term_key(r.age)) for r in rows) == \
        sorted(rows_of_local(expected(local, PEOPLE)))
    knows = list(graph.triples((rdflib.URIRef(f"{EX}person/3"), rdflib.URIRef(f"{EX}knows"), None)))
    assert [str(o) for _, _, o in knows] == [f"{EX}person/4"]
    assert bool(graph.query("ASK { ?p a <http://example.org/Person> }"))


def test_health_ready_and_access_log(sparql_server):
    assert requests.get(sparql_server.url + "/health", timeout=10).json()["status"] == "ok"
    ready = requests.get(sparql_server.url + "/ready", timeout=10).json()
    assert ready["status"] == "ready" and ready["triples"] == 302 and ready["build"]
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:  # the server writes its log line after the answer
        lines = [json.loads(line) for line in sparql_server.log.read_text().splitlines() if line.startswith("{")]
        ready_lines = [line for line in lines if line["path"] == "/ready"]
        if ready_lines:
            break
        time.sleep(0.1)
    line = ready_lines[-1]
    assert line["method"] == "GET" and line["status"] == 200
    assert line["bytes"] > 0 and isinstance(line["duration_ms"], (int, float))


def test_cors(sparql_server):
    answer = ask(sparql_server, "ASK {}", headers={"Origin": "https://example.com"})
    assert answer.headers["Access-Control-Allow-Origin"] == "*"
    preflight = requests.options(sparql_server.sparql, headers={
        "Origin": "https://example.com", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type"}, timeout=10)
    assert preflight.status_code == 200
    assert "POST" in preflight.headers["Access-Control-Allow-Methods"]
    assert "Content-Type" in preflight.headers["Access-Control-Allow-Headers"]


# --- limits -----------------------------------------------------------------------------

def test_rows_beyond_max_rows_are_cut_and_marked(sparql_server, local):
    query = "SELECT ?s ?p ?o WHERE { ?s ?p ?o } ORDER BY ?s ?p ?o"
    answer = ask(sparql_server, query, accept="application/sparql-results+json")
    assert answer.status_code == 200
    rows = answer.json()["results"]["bindings"]
    assert len(rows) == 100  # the server's --max-rows; the store has 302
    assert answer.headers["MHKG-Results-Truncated"] and answer.headers["MHKG-Result-Rows"] == "100"
    first = [tuple(term_key(row[n]) for n in ("s", "p", "o")) for row in expected(local, query)][:100]
    parsed = Result.parse(io.BytesIO(answer.content), format="json")
    assert [tuple(term_key(row[n]) for n in ("s", "p", "o")) for row in parsed] == first
    graph = ask(sparql_server, "CONSTRUCT WHERE { ?s ?p ?o }", accept="text/turtle")
    assert len(rdflib.Graph().parse(data=graph.content, format="turtle")) == 100
    assert graph.headers["MHKG-Results-Truncated"]
    under = ask(sparql_server, query + " LIMIT 100")
    assert len(under.json()["results"]["bindings"]) == 100 and "MHKG-Results-Truncated" not in under.headers
    assert "truncated" not in under.json()["head"]


CUT = "MHKG-Results-Truncated: first 100 rows"


def test_a_cut_answer_says_so_in_its_body_where_the_format_allows(sparql_server, local):
    query = "SELECT ?s ?p ?o WHERE { ?s ?p ?o } ORDER BY ?s ?p ?o"
    first = [tuple(term_key(row[n]) for n in ("s", "p", "o")) for row in expected(local, query)][:100]
    as_json = ask(sparql_server, query, accept="application/sparql-results+json")
    assert as_json.json()["head"]["truncated"].startswith(CUT)
    assert as_json.json()["head"]["vars"] == ["s", "p", "o"]
    as_xml = ask(sparql_server, query, accept="application/sparql-results+xml")
    assert f"<!-- {CUT}" in as_xml.text
    parsed = Result.parse(io.BytesIO(as_xml.content), format="xml")  # still SPARQL XML
    assert [tuple(term_key(row[n]) for n in ("s", "p", "o")) for row in parsed] == first
    for accept in ("text/csv", "text/tab-separated-values"):  # no comments in CSV or TSV: the header says it
        answer = ask(sparql_server, query, accept=accept)
        assert CUT not in answer.text and answer.headers["MHKG-Results-Truncated"] == "first 100 rows"
        rows = list(csv.reader(io.StringIO(answer.text), delimiter="," if accept == "text/csv" else "\t"))
        assert len(rows) == 101 and rows[0][0] in ("s", "?s")
    for accept, fmt in (("text/turtle", "turtle"), ("application/n-triples", "nt"), ("application/trig", "trig"),
                        ("application/n-quads", "nquads"), ("application/rdf+xml", "xml")):
        answer = ask(sparql_server, "CONSTRUCT WHERE { ?s ?p ?o }", accept=accept)
        assert CUT in answer.text[:400], accept
        assert len(graph_of_answer(answer, fmt)) == 100


def test_an_endless_query_is_stopped_while_others_are_answered(sparql_server):
    """The query processes are killed at --timeout (2 s) and replaced; a cheap request sent
    meanwhile is answered before the endless one is stopped."""
    finished = {}

    def endless():
        started = time.monotonic()
        finished["endless"] = ask(sparql_server, ENDLESS)
        finished["endless_at"], finished["endless_took"] = time.monotonic(), time.monotonic() - started

    slow = threading.Thread(target=endless)
    slow.start()
    time.sleep(0.3)
    cheap = ask(sparql_server, "ASK { ?p a <http://example.org/Person> }")
    cheap_at = time.monotonic()
    slow.join(timeout=30)
    assert cheap.status_code == 200 and cheap.json()["boolean"] is True
    body = problem(finished["endless"], 504)
    assert "2 s" in body["detail"]
    assert cheap_at < finished["endless_at"]
    assert 1.9 < finished["endless_took"] < 5
    # the killed query process has been replaced: queries still run
    again = ask(sparql_server, COUNT)
    assert number(again) == 60


# --- refusals ---------------------------------------------------------------------------

def test_malformed_query(sparql_server):
    body = problem(ask(sparql_server, "SELECT ?s WHERE {\n  ?s ?p \n"), 400)
    assert body["title"] == "Malformed query"
    assert body["detail"].startswith("error at 3:1") and (body["line"], body["column"]) == (3, 1)
    assert body["found"] == "the end of the query" and "a variable (?name)" in body["expected"]
    assert "\\u{" not in body["detail"] and "a { is not closed" in body["detail"]


@pytest.mark.parametrize("how", ["form update=", "sparql-update body", "update in query=", "GET update="])
def test_updates_are_refused(sparql_server, how, local):
    update = f"INSERT DATA {{ GRAPH <{EX}graph/0> {{ <{EX}x> <{EX}y> <{EX}z> }} }}"
    if how == "form update=":
        answer = requests.post(sparql_server.sparql, data={"update": update}, timeout=10)
    elif how == "sparql-update body":
        answer = requests.post(sparql_server.sparql, data=update.encode(),
                               headers={"Content-Type": "application/sparql-update"}, timeout=10)
    elif how == "update in query=":
        answer = ask(sparql_server, "PREFIX ex: <http://example.org/>\n" + update, "form")
    else:
        answer = requests.get(sparql_server.sparql, params={"update": update}, timeout=10)
    body = problem(answer, 400)
    assert "read-only" in body["detail"]
    assert not bool(ask(sparql_server, f"ASK {{ <{EX}x> ?p ?o }}").json()["boolean"])


class Listener:
    """A local HTTP server counting the requests it gets (a SERVICE target)."""

    def __init__(self):
        hits = self.hits = []

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                hits.append(self.path)
                self.send_response(500)
                self.end_headers()

            do_POST = do_GET

            def log_message(self, *_):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/sparql"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


@pytest.fixture
def listener():
    target = Listener()
    yield target
    target.server.shutdown()


@pytest.mark.parametrize("template", [
    "SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
    "select * where {{ sErViCe   SILENT\n\t<{url}>{{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ ?x ?y ?z . # a comment\nSERVICE<{url}>{{?s ?p ?o}} }}",
    "SELECT * WHERE {{ BIND(<{url}> AS ?endpoint) SERVICE ?endpoint {{ ?s ?p ?o }} }}",
    "ASK {{ ?s ?p \"\"\"a \"\"\" . SERVICE SILENT <{url}> {{ }} }}",
    "ASK {{ ?s <http://x>* 1e0SERVICE <{url}> {{ }} }}",
    "PREFIX : <{url}>\nASK {{ ?s ?p ?o . service:x {{ }} }}",  # the keyword, then a name with the empty prefix
    "ASK {{ \\u0053ERVICE <{url}> {{ }} }}",
])
def test_service_is_refused_and_never_called(sparql_server, listener, template):
    answer = ask(sparql_server, template.format(url=listener.url), "direct")
    body = problem(answer, 400)
    assert "SERVICE" in body["detail"]
    assert listener.hits == []


@pytest.mark.parametrize("query", [
    'SELECT ?t WHERE { BIND("SERVICE <http://127.0.0.1:1/> { }" AS ?t) }',
    "SELECT ?t WHERE { # SERVICE <http://127.0.0.1:1/> {}\n BIND(1 AS ?t) }",
    "PREFIX ex: <http://example.org/service#>\nSELECT ?service WHERE { ?service ex:SERVICE ?x }",
    "SELECT ?t WHERE { BIND(<http://example.org/SERVICE> AS ?t) }",
])
def test_service_as_text_is_not_refused(sparql_server, query):
    assert ask(sparql_server, query).status_code == 200


def test_escaped_service_is_not_a_keyword(sparql_server, listener):
    answer = ask(sparql_server, "SELECT * WHERE { \\u0053ERVICE <%s> { ?s ?p ?o } }" % listener.url)
    problem(answer, 400)  # the parser does not unescape outside strings: a syntax error
    assert listener.hits == []


def test_unsupported_accept(sparql_server):
    body = problem(ask(sparql_server, "SELECT * { ?s ?p ?o } LIMIT 1", accept="text/turtle"), 406)
    assert "application/sparql-results+json" in body["available"]
    body = problem(ask(sparql_server, GRAPH_QUERY, accept="application/sparql-results+json"), 406)
    assert "text/turtle" in body["available"]
    problem(requests.get(sparql_server.sparql, headers={"Accept": "image/png"}, timeout=10), 406)


def test_oversized_query(sparql_server):
    query = "SELECT * WHERE { ?s ?p ?o } # " + "x" * 5000
    for method in ("GET", "form", "direct"):
        body = problem(ask(sparql_server, query, method), 413)
        assert body["max_query_bytes"] == 4096
    huge = "SELECT * WHERE { ?s ?p ?o } # " + "x" * 100_000
    assert ask(sparql_server, huge, "direct").status_code == 413


def test_a_sparql_get_target_may_be_three_times_the_query_limit(sparql_server):
    """README: a request target over 8 KiB is a 414, for /sparql three times the query limit."""
    past_8k = "SELECT * WHERE { ?s ?p ?o } # " + "x" * 9000        # a 9 KiB target: read, then the query is too long
    assert problem(ask(sparql_server, past_8k), 413)["max_query_bytes"] == 4096
    past_3x = "SELECT * WHERE { ?s ?p ?o } # " + "x" * 14_000
    assert problem(ask(sparql_server, past_3x), 414)["max_target_bytes"] == 3 * 4096 + 1024


def test_other_protocol_errors(sparql_server):
    problem(requests.put(sparql_server.sparql, data="ASK {}", timeout=10), 405)
    problem(requests.post(sparql_server.sparql, data="ASK {}", headers={"Content-Type": "text/plain"}, timeout=10), 415)
    problem(requests.get(sparql_server.sparql + "?query=ASK%7B%7D&query=ASK%7B%7D", timeout=10), 400)
    problem(requests.post(sparql_server.sparql, data="ASK {}".encode("utf-16"),
                          headers={"Content-Type": "application/sparql-query; charset=UTF-16"}, timeout=10), 415)
