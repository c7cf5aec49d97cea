"""What a hostile client learns from and does to the answers of `mhkg serve`: URLs built
from the public base and never from the `Host` header; security headers, caching and CORS
on every path and every error, including the HTTP layer's own refusals; no file paths,
store addresses or exception names in any answer; dataset IRIs checked (400, not 500)."""
from __future__ import annotations

import json

import pytest
import requests

from graph_fixtures import Service

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


def test_no_answer_reveals_paths_or_internals(graph_server, built_release):
    ready = graph_server.get("/ready").json()
    assert ready["store"] == "embedded" and ready["triples"] > 0
    secrets = [str(built_release.store_path.parent), "/tmp/", "Traceback", "Error:", "pyoxigraph", "granian",
               "Werkzeug", "Python/"]
    for path in PATHS + ["/api/documents/no-such/passages", "/sparql?query=ASK%7B%7D&default-graph-uri=a%20b"]:
        answer = graph_server.get(path)
        shown = answer.text + json.dumps(dict(answer.headers))
        assert not [secret for secret in secrets if secret in shown], (path, shown[:500])
        assert answer.status_code < 500, path
