"""The W3C SPARQL 1.1 Protocol tests (tests/w3c/sparql11-protocol/manifest.ttl), driven by
the manifest, against MHKG's /sparql and, for comparison, `oxigraph serve-read-only`.

Both endpoints are read-only: an update (`application/sparql-update`, or `update=` in a
form) passes when it is refused with a 4xx, and the requests after it (which check its
effect) are not sent. Every other request must answer with the expected status class and,
where the manifest says, the expected result format and boolean.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field

import pytest
import requests
import rdflib

from server_fixtures import W3C_SUITE

MF = rdflib.Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = rdflib.Namespace("http://www.w3.org/2011/http#")
CNT = rdflib.Namespace("http://www.w3.org/2011/content#")
HTS = "http://www.w3.org/2011/http-statusCodes#StatusCode"

FORMATS = {  # the media types each expected format may come as
    "boolean": {"application/sparql-results+json", "application/sparql-results+xml", "application/json",
                "application/xml"},
    "tabular": {"application/sparql-results+json", "application/sparql-results+xml", "application/json",
                "application/xml", "text/csv", "text/tab-separated-values"},
    "RDF": {"application/rdf+xml", "text/turtle", "application/n-triples", "text/plain", "application/xhtml+xml",
            "text/html"},
}


@dataclass
class Step:
    method: str
    path: str
    headers: dict
    body: bytes | None
    statuses: set[int]           # status classes: 2, 3, 4, 5
    expected_format: str | None
    expected_boolean: bool | None
    is_update: bool = False


@dataclass
class ProtocolTest:
    name: str
    title: str
    steps: list[Step] = field(default_factory=list)


def load_manifest() -> list[ProtocolTest]:
    graph = rdflib.Graph().parse(W3C_SUITE / "manifest.ttl", format="turtle")
    manifest = next(graph.subjects(rdflib.RDF.type, MF.Manifest))
    tests = []
    for entry in rdflib.collection.Collection(graph, graph.value(manifest, MF.entries)):
        test = ProtocolTest(str(entry).rsplit("#", 1)[-1], str(graph.value(entry, MF.name)))
        action = graph.value(entry, MF.action)
        for request in rdflib.collection.Collection(graph, graph.value(action, HT.requests)):
            headers = {}
            header_list = graph.value(request, HT.headers)
            if header_list is not None:
                for header in rdflib.collection.Collection(graph, header_list):
                    headers[str(graph.value(header, HT.fieldName))] = str(graph.value(header, HT.fieldValue))
            body_node = graph.value(request, HT.body)
            body = None
            if body_node is not None:
                encoding = str(graph.value(body_node, CNT.characterEncoding) or "UTF-8")
                body = str(graph.value(body_node, CNT.chars)).encode(encoding)
            response = graph.value(request, HT.resp)
            statuses = {int(str(s)[len(HTS)]) for s in graph.objects(response, MF.expectedStatus)}
            boolean = graph.value(response, MF.expectedBoolean)
            content_type = next((v for k, v in headers.items() if k.lower() == "content-type"), "")
            is_update = "sparql-update" in content_type or (body or b"").startswith(b"update=") \
                or "update=" in str(graph.value(request, HT.absolutePath))
            test.steps.append(Step(str(graph.value(request, HT.methodName)), str(graph.value(request, HT.absolutePath)),
                                   headers, body, statuses, str(graph.value(response, MF.expectedFormat) or "") or None,
                                   None if boolean is None else boolean.toPython(), is_update))
        tests.append(test)
    return tests


TESTS = load_manifest()


def run(test: ProtocolTest, endpoint: str) -> list[str]:
    """What went wrong (nothing: the test passed). `endpoint` replaces `/sparql/`."""
    problems = []
    for step in test.steps:
        url = endpoint + step.path[len("/sparql/"):] if step.path.startswith("/sparql/") else endpoint + step.path
        try:
            answer = requests.request(step.method, url, data=step.body, headers=step.headers, timeout=30)
        except requests.RequestException as err:
            return [f"{step.method} {step.path}: {err}"]
        statuses = {4} if step.is_update else step.statuses  # read-only: an update must be refused
        if answer.status_code // 100 not in statuses:
            problems.append(f"{step.method} {step.path}: status {answer.status_code}, expected "
                            f"{'/'.join(f'{s}xx' for s in sorted(statuses))}: {answer.text[:200]}")
            break
        if step.is_update:
            break  # refused; what follows checks the update's effect
        media_type = answer.headers.get("Content-Type", "").split(";")[0].strip()
        if step.expected_format and media_type not in FORMATS[step.expected_format]:
            problems.append(f"{step.method} {step.path}: {media_type}, expected {step.expected_format}")
        if step.expected_boolean is not None:
            value = boolean_of(answer.content, media_type)
            if value is not step.expected_boolean:
                problems.append(f"{step.method} {step.path}: boolean {value}, expected {step.expected_boolean}")
    return problems


def boolean_of(body: bytes, media_type: str):
    if "json" in media_type:
        return json.loads(body).get("boolean")
    if "xml" in media_type:
        text = body.decode()
        return True if "<boolean>true</boolean>" in text else False if "<boolean>false</boolean>" in text else None
    return None


def test_the_suite_has_its_34_tests():
    assert len(TESTS) == 34
    assert len({t.name for t in TESTS}) == 34


@pytest.mark.parametrize("test", TESTS, ids=[t.name for t in TESTS])
def test_mhkg_sparql_passes(test, w3c_server):
    assert run(test, w3c_server.sparql) == [], test.title


def test_oxigraph_serve_read_only_for_comparison(oxigraph_read_only, record_property, capsys):
    """Not ours to fix: the same suite against `oxigraph serve-read-only`, recorded
    (32 of 34 when we measured it)."""
    failed = {test.name: problems for test in TESTS if (problems := run(test, oxigraph_read_only))}
    passed = len(TESTS) - len(failed)
    record_property("oxigraph_serve_read_only_passed", passed)
    with capsys.disabled():
        print(f"\nW3C SPARQL 1.1 Protocol, oxigraph serve-read-only: {passed}/{len(TESTS)} passed"
              + "".join(f"\n  failed {name}: {problems[0]}" for name, problems in failed.items()))
    assert passed >= 30, failed
