"""The benchmark's synthetic graph states its facts the way the build does: each quote of a
recommendation, response and observation is an mh:Evidence (kg/evidence.py) with the same
properties as in the real graph, standing where it says in the document's text, so REST
`sources` are not empty on it (they were) and the benchmark measures a graph of our shape."""
from __future__ import annotations

import pytest

from graph_fixtures import Service
from kg.store import open_store
from test_bench import tiny  # noqa: F401  (the synthetic release, made once)

FACT_LISTS = ("recommendation", "response", "observation")
EVIDENCE_PROPERTIES = """
PREFIX mh: <https://w3id.org/mhkg/def#>
SELECT DISTINCT ?p WHERE { ?e a mh:Evidence ; ?p ?o }"""


@pytest.fixture(scope="module")
def synthetic_release(tiny):
    """test_bench's tiny synthetic release, its store opened as the service opens it."""
    release = tiny[2]
    return open_store(release / "store"), release


def _texts(store) -> dict[str, str]:
    """Each document's text: its passages one after another, as their offsets say."""
    rows = store.query("""PREFIX mh: <https://w3id.org/mhkg/def#>
        SELECT ?doc ?start ?text WHERE { ?p mh:inDocument ?doc ; mh:startOffset ?start ; mh:text ?text }""",
                       use_default_graph_as_union=True)
    texts: dict[str, list] = {}
    for row in rows:
        texts.setdefault(row["doc"].value, []).append((int(row["start"].value), row["text"].value))
    joined = {}
    for doc, parts in texts.items():
        text = ""
        for start, part in sorted(parts):
            text = text.ljust(start) + part
        joined[doc] = text
    return joined


def test_evidence_has_the_properties_of_the_real_graphs(synthetic_release, graph_store):
    store, _ = synthetic_release
    ours = {row["p"].value for row in graph_store.query(EVIDENCE_PROPERTIES, use_default_graph_as_union=True)}
    synthetic_ones = {row["p"].value for row in store.query(EVIDENCE_PROPERTIES, use_default_graph_as_union=True)}
    assert synthetic_ones and synthetic_ones == ours


def test_every_fact_lists_its_sources_standing_where_they_say(synthetic_release):
    store, release = synthetic_release
    texts = _texts(store)
    passages: dict[str, dict] = {}
    with Service("--store", str(release / "store")) as api:
        for kind in FACT_LISTS:
            page = api.get(f"/api/{kind}", params={"limit": 500}).json()
            assert page["items"], kind
            for item in page["items"]:
                assert item["sources"], item["id"]
                for source in item["sources"]:
                    assert source["id"].startswith("https://w3id.org/mhkg/id/evidence/") and source["fact"] == item["id"]
                    text = texts[source["document"]["id"]]
                    assert text[source["quoteStart"]:source["quoteEnd"]] == source["quote"]
                    slug = source["document"]["slug"]
                    if slug not in passages:
                        passages[slug] = {p["id"]: p for p in api.get(f"/api/document/{slug}/passages",
                                                                      params={"limit": 500}).json()["items"]}
                    standing = passages[slug][source["passage"]["id"]]
                    assert standing["page"] == source["page"]
                    assert standing["startOffset"] <= source["quoteStart"] < source["quoteEnd"] <= standing["endOffset"]
