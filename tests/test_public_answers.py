"""What a hostile client learns from and does to the answers of `mhkg serve`: URLs built
from the public base and never from the `Host` header; security headers, caching and CORS
on every path and every error, including the HTTP layer's own refusals; no file paths,
store addresses (the embedded store's, a store server's up or down) or exception names in
any answer; dataset IRIs checked (400, not 500)."""
from __future__ import annotations

import json
import re

import pytest
import requests

from graph_fixtures import Service, free_port

PATHS = ["/health", "/ready", "/openapi.json", "/docs", "/api/actors?limit=2", "/api/actors/comensha",
         "/api/context.jsonld", "/api/search?q=comensha", "/sparql?query=ASK%7B%7D", "/sparql",
         "/api/actors/no-such-actor", "/api/actors?limit=0", "/nowhere", "/sparql?query=SELEC"]
FORGED = {"Host": "evil.example", "X-Forwarded-Host": "evil.example", "X-Forwarded-Proto": "https"}


@pytest.fixture(scope="module")
def public(built_release):
    """The service as it runs behind a proxy: a public base, and only its host answered."""
    with Service("--store", str(built_release.store_path), "--public-base", "https://mhkg.example.org/kg/",
                 "--allowed-hosts", "mhkg.example.org,127.0.0.1") as api:
        yield api


def urls_in(answer: requests.Response) -> list[str]:
    text = answer.text
    return [word.strip('"<>,') for word in text.replace("\\/", "/").split() if "://" in word]


def test_urls_follow_the_listening_address_not_the_host_header(graph_server):
    listing = graph_server.get("/api/actors?limit=2", headers=FORGED)
    assert listing.status_code == 200 and listing.json()["next"].startswith(graph_server.url + "/api/actors?")
    jsonld = graph_server.get("/api/actors/comensha", headers={**FORGED, "Accept": "application/ld+json"})
    assert jsonld.json()["@context"] == graph_server.url + "/api/context.jsonld"
    description = graph_server.get("/sparql", headers={**FORGED, "Accept": "text/turtle"})
    assert f"<{graph_server.url}/sparql>" in description.text and "evil.example" not in description.text
    plain = graph_server.get("/api/actors?limit=2")
    assert plain.headers["ETag"] == listing.headers["ETag"] and plain.json() == listing.json()


def test_urls_follow_the_public_base_and_other_hosts_are_refused(public):
    listing = public.get("/api/actors?limit=2", headers={"Host": "mhkg.example.org"})
    assert listing.json()["next"].startswith("https://mhkg.example.org/kg/api/actors?")
    jsonld = public.get("/api/actors/comensha", headers={"Accept": "application/ld+json"})
    assert jsonld.json()["@context"] == "https://mhkg.example.org/kg/api/context.jsonld"
    description = public.get("/sparql", headers={"Accept": "text/turtle"})  # Host 127.0.0.1:port: allowed
    assert "<https://mhkg.example.org/kg/sparql>" in description.text
    refused = public.get("/api/actors?limit=2", headers={"Host": "evil.example"})
    assert refused.status_code == 400 and refused.headers["Content-Type"] == "application/problem+json"
    assert refused.json()["title"] == "Host not served"


@pytest.mark.parametrize("path", PATHS)
def test_every_answer_carries_security_headers_and_cors(graph_server, path):
    answer = graph_server.get(path, headers={"Origin": "https://elsewhere.example"})
    assert answer.headers["X-Content-Type-Options"] == "nosniff"
    assert "frame-ancestors 'none'" in answer.headers["Content-Security-Policy"]
    assert answer.headers["Referrer-Policy"] == "no-referrer"
    assert answer.headers["Access-Control-Allow-Origin"] == "*"
    assert answer.headers["Cache-Control"] == ("no-cache" if answer.status_code < 400 else "no-store")
    if answer.status_code >= 400:
        assert answer.headers["Content-Type"] == "application/problem+json"


@pytest.mark.parametrize("path", ["/api/actors", "/sparql", "/openapi.json", "/api/actors/comensha"])
def test_a_browser_may_send_conditional_and_negotiating_requests(graph_server, path):
    preflight = requests.options(graph_server.url + path, timeout=10, headers={
        "Origin": "https://elsewhere.example", "Access-Control-Request-Method": "GET",
        "Access-Control-Request-Headers": "if-none-match, accept"})
    assert preflight.status_code == 200
    allowed = {h.strip().lower() for h in preflight.headers["Access-Control-Allow-Headers"].split(",")}
    assert {"if-none-match", "accept", "content-type"} <= allowed
    assert "ETag" in graph_server.get(path).headers["Access-Control-Expose-Headers"]


def test_refusals_before_the_app_carry_the_same_headers(graph_server):
    answer = requests.get(graph_server.url + "/api/actors?q=" + "a" * 9000, timeout=10)
    assert answer.status_code == 414 and answer.headers["Content-Type"] == "application/problem+json"
    assert answer.headers["X-Content-Type-Options"] == "nosniff" and answer.headers["Cache-Control"] == "no-store"
    assert answer.headers["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize("parameters", [
    {"default-graph-uri": "a b"}, {"named-graph-uri": "<x"}, {"default-graph-uri": "no-scheme"}])
def test_a_dataset_iri_that_is_not_one_is_a_400_naming_it(graph_server, parameters):
    answer = graph_server.get("/sparql", params={"query": "ASK {}", **parameters})
    assert answer.status_code == 400 and answer.json()["parameter"] == next(iter(parameters))


#: Paths whose answers are read for what they must not reveal: every kind of answer, errors too.
REVEALING = PATHS + ["/api/documents/no-such/passages", "/sparql?query=ASK%7B%7D&default-graph-uri=a%20b"]
INTERNALS = ["/tmp/", "Traceback", "Error:", "pyoxigraph", "granian", "Werkzeug", "Python/"]


def revealed(api, path: str, secrets: list[str]) -> tuple[requests.Response, list[str]]:
    """The answer to `path` and those of `secrets` its body or headers hold (a secret
    ending in a port not as the start of a longer one, such as the service's own)."""
    answer = api.get(path)
    shown = answer.text + json.dumps(dict(answer.headers))
    return answer, [secret for secret in secrets if re.search(re.escape(secret) + r"(?!\d)", shown)]


def test_no_answer_reveals_paths_or_internals(graph_server, built_release):
    ready = graph_server.get("/ready").json()
    assert ready["store"] == "embedded" and ready["triples"] > 0
    for path in REVEALING:
        answer, found = revealed(graph_server, path, [str(built_release.store_path.parent), *INTERNALS])
        assert not found, (path, found)
        assert answer.status_code < 500, path


def test_no_answer_names_the_store_server_while_it_answers_or_once_it_is_down(oxigraph_server):
    """Over a store server (`--store URL`) /ready says only "server", and no answer, an error
    of the server's own included, names its address: the log does."""
    with Service("--store", oxigraph_server) as api:
        assert api.get("/ready").json()["store"] == "server"
        for path in REVEALING:
            answer, found = revealed(api, path, [oxigraph_server.removesuffix("/query"), *INTERNALS])
            assert not found, (path, found)
            assert answer.status_code < 500, path
    closed = f"127.0.0.1:{free_port()}"
    with Service("--store", f"http://{closed}/query") as api:
        for path in REVEALING + ["/api/actors"]:
            answer, found = revealed(api, path, [closed, *INTERNALS])
            assert not found, (path, found)
        for path in ("/ready", "/api/actors", "/api/actors/comensha", "/sparql?query=ASK%7B%7D"):
            assert api.get(path).status_code == 503, path
