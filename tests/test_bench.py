"""The benchmark's synthetic graph has MHKG's shape: the views build on it, the REST API
lists what it made, and the benchmark's SPARQL and REST questions have answers on it.
(No timing here: the figures come from `python -m bench serve`.)"""
from __future__ import annotations

import json

import pytest
from pyoxigraph import RdfFormat, Store

from bench import mix, synthetic
from kg.views import build_views

TINY = 6_000


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    """A tiny synthetic graph loaded as a release (store, views, build.json)."""
    folder = tmp_path_factory.mktemp("bench")
    nq = folder / "tiny.nq"
    facts = synthetic.generate(TINY, nq, seed=7)
    release = folder / "release"
    release.mkdir()
    store = Store(str(release / "store"))
    store.bulk_load(path=str(nq), format=RdfFormat.N_QUADS)
    store.flush()
    build_views(store, release, "bench-tiny")
    (release / "build.json").write_text(json.dumps({"build_id": "bench-tiny"}))
    del store
    return nq, facts, release


@pytest.fixture(scope="module")
def client(tiny):
    from api.app import create_app
    return create_app(store_path=tiny[2] / "store").test_client()


def test_same_seed_same_graph_and_about_the_size_asked(tiny, tmp_path):
    nq, facts, _ = tiny
    again = tmp_path / "again.nq"
    synthetic.generate(TINY, again, seed=7)
    assert again.read_bytes() == nq.read_bytes()
    assert TINY <= facts.triples < TINY * 1.2
    assert synthetic.parse_size("100k") == 100_000 and synthetic.parse_size("5M") == 5_000_000


def test_every_document_is_its_own_named_graph(tiny):
    nq, facts, release = tiny
    store = Store.read_only(str(release / "store"))
    graphs = {g.value for g in store.named_graphs()}
    documents = {g for g in graphs if g.rsplit("/", 1)[-1] not in ("register", "ontology")}
    assert len(documents) == facts.counts["documents"]
    rows = store.query("PREFIX mh: <https://w3id.org/mhkg/def#> SELECT ?p ?d ?g WHERE { GRAPH ?g { "
                       "?p a mh:Passage ; mh:inDocument ?d } }")
    for row in rows:
        assert row["g"].value == "https://w3id.org/mhkg/graph/" + row["d"].value.rsplit("/", 1)[-1]


def test_rest_lists_the_organisations_and_their_mentions(tiny, client):
    _, facts, _ = tiny
    page = client.get("/api/actors", query_string={"type": "Organisation", "limit": 500}).get_json()
    assert page["total"] == facts.counts["organisations"]
    assert all("mh:Organisation" in item["types"] and item["label"] and item["altLabels"] for item in page["items"])
    assert sum(m["mentions"] for item in page["items"] for m in item["mentionedIn"]) > 0
    persons = client.get("/api/persons", query_string={"limit": 1}).get_json()["total"]
    assert persons == facts.counts["persons"]
    actor = facts.params["actors"][0]
    assert client.get(f"/api/actors/{actor}").status_code == 200


def test_each_question_of_the_mix_has_an_answer_by_rest_and_by_sparql(tiny, client):
    _, facts, release = tiny
    params = {**facts.params, "offset": 0}
    store = Store.read_only(str(release / "store"))
    for name in mix.QUERIES:
        url, query_string, _ = mix.rest_request("", name, params)
        response = client.get(url, query_string=query_string)
        assert response.status_code == 200, (name, response.get_data(as_text=True))
        body = response.get_json()
        rest_rows = len(body["items"]) if "items" in body else 1
        sparql_rows = len(list(store.query(mix.sparql_text(name, params), use_default_graph_as_union=True)))
        assert rest_rows > 0 and sparql_rows > 0, name
        if name in ("deep_page", "three_hop", "year_series", "text_search"):
            assert rest_rows == sparql_rows, (name, rest_rows, sparql_rows)
    status = client.get("/api/recommendations", query_string={"report": params["report"]}).get_json()
    assert any(item.get("status") for item in status["items"])


def test_the_ingest_benchmark_prints_its_rates_and_the_bound_its_cpu_sets(capsys):
    """`python -m bench ingest` (what the README's ingest figures come from) says, beside the
    rates, the whole ingest's CPU per paper and the most papers/s that allows on this machine."""
    import os
    import re

    from bench import ingest_throughput
    ingest_throughput.main(["--typical", "4"])
    out = capsys.readouterr().out
    assert "4 papers" in out and re.search(r"mhkg ingest \(whole\)\s+[\d.]+", out), out
    found = re.search(r"CPU of the whole ingest: ([\d.]+) ms a paper \(the parent's ([\d.]+)\): at most (\d+) "
                      r"papers/s on (\d+) free cores", out)
    assert found, out
    whole, parent, most, cores = float(found[1]), float(found[2]), int(found[3]), int(found[4])
    assert 0 < parent <= whole and cores == (os.cpu_count() or 1)
    assert abs(most - cores * 1000 / whole) <= 1
