"""A much-named resource at the scale of a dossier (48 papers that all name CoMensha): an
answer of the REST API carries the first 20 documents naming a resource and, for one resource,
its first 100 mentions, each with how many there are in all; /api/{kind}/{slug}/mentions pages
through every mention, in the same order (docs/CONTRACT.md §6). At 5,000 papers CoMensha's
answer was 10 MB and a page of 100 actors 7 MB."""
from __future__ import annotations

import csv
import html
import io
import re
import shutil

import pytest
from graph_fixtures import Service
from test_openapi_schemas import resolve, validator

from api.rest.description import MENTIONED_IN_SHOWN, MENTIONS_SHOWN
from bench.papers import typical_papers
from kg.ingest.pipeline import ingest
from kg.iris import ID
from kg.release import current_release
from kg.store import open_store, run

COMENSHA = f"{ID}actor/comensha"


@pytest.fixture(scope="module")
def dossier(built_release, tmp_path_factory):
    """The service on the built graph with 48 typical papers ingested, and their store."""
    data = tmp_path_factory.mktemp("dossier") / "data"
    shutil.copytree(built_release.path.parent.parent, data, symlinks=True)
    ingest(typical_papers(tmp_path_factory.mktemp("papers"), 48), data, log=lambda *_: None)
    with Service(data=str(data)) as api:
        yield api, open_store(current_release(data).store_path)


def named(store, iri: str) -> tuple[int, set[str]]:
    """How many documents name `iri`, and its mentions, as the graph says."""
    rows = list(run(store, "PREFIX mh: <https://w3id.org/mhkg/def#> PREFIX prov: <http://www.w3.org/ns/prov#> "
                    f"SELECT ?m ?d WHERE {{ ?m mh:mentionOf <{iri}> ; prov:wasDerivedFrom ?d }}"))
    return len({row["d"].value for row in rows}), {row["m"].value for row in rows}


def test_an_answer_carries_the_first_documents_and_mentions_and_how_many_there_are(dossier):
    api, store = dossier
    documents, mentions = named(store, COMENSHA)
    assert documents > MENTIONED_IN_SHOWN and len(mentions) > MENTIONS_SHOWN
    detail = api.get("/api/actor/comensha").json()
    assert (len(detail["mentionedIn"]), detail["mentionedInTotal"]) == (MENTIONED_IN_SHOWN, documents)
    assert (len(detail["mentions"]), detail["mentionsTotal"]) == (MENTIONS_SHOWN, len(mentions))
    assert {m["id"] for m in detail["mentions"]} < mentions
    items = api.get("/api/actor", params={"limit": 500}).json()["items"]
    assert all(len(item["mentionedIn"]) == min(item["mentionedInTotal"], MENTIONED_IN_SHOWN) for item in items)
    listed = next(item for item in items if item["id"] == COMENSHA)
    assert listed["mentionedIn"] == detail["mentionedIn"] and listed["mentionedInTotal"] == documents
    assert "mentionsTotal" not in listed


def test_the_mentions_are_paged_through_every_one_in_the_answers_order(dossier):
    api, store = dossier
    _, mentions = named(store, COMENSHA)
    pages, url = [], "/api/actor/comensha/mentions?limit=37"
    while url:
        page = api.get(url).json()
        assert page["total"] == len(mentions) and len(page["items"]) <= 37
        pages.append(page)
        url = page["next"]
    every = [item for page in pages for item in page["items"]]
    assert [item["id"] for item in every] and {item["id"] for item in every} == mentions
    assert len(every) == len(mentions) and len(pages) == -(-len(mentions) // 37)
    assert all(item["types"] == ["mh:Mention"] for item in every)
    detail = api.get("/api/actor/comensha").json()
    assert [{k: v for k, v in item.items() if k != "types"} for item in every[:MENTIONS_SHOWN]] == detail["mentions"]
    further = api.get("/api/actor/comensha/mentions", params={"offset": 50, "limit": 10}).json()["items"]
    assert further == every[50:60]


def test_a_page_of_mentions_is_typed_by_the_description_and_has_a_csv_twin(dossier):
    api, _ = dossier
    spec = api.get("/openapi.json").json()
    schema = spec["paths"]["/api/actor/{slug}/mentions"]["get"]["responses"]["200"]["content"]["application/json"][
        "schema"]
    page = api.get("/api/actor/comensha/mentions", params={"limit": 500}).json()
    validator(spec, schema).validate(page)
    declared = resolve(spec, resolve(spec, schema)["properties"]["items"]["items"])["properties"]
    assert all(set(item) <= set(declared) for item in page["items"])
    answer = api.get("/api/actor/comensha/mentions.csv", params={"limit": 5})
    assert answer.headers["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(answer.text)))
    assert len(rows) == 5 and [row["id"] for row in rows] == [item["id"] for item in page["items"][:5]]
    assert all(row["document"].startswith(f"{ID}document/") and row["quote"] for row in rows)


@pytest.mark.parametrize("path, status", [("/api/actor/no-such-actor/mentions", 404),
                                          ("/api/actor/comensha/mentions?limit=0", 400),
                                          ("/api/actor/comensha/mentions?offset=-1", 400)])
def test_a_page_of_mentions_refuses_what_is_not_there(dossier, path, status):
    api, _ = dossier
    answer = api.get(path)
    assert answer.status_code == status and answer.headers["Content-Type"].startswith("application/problem+json")
    assert "Traceback" not in answer.text


def test_the_resource_page_reads_its_page_of_mentions_and_links_to_every_one(dossier):
    """The researcher's page of CoMensha: how often and where it is named, one page of mentions
    (those the REST pages give at that offset), and the link to all of them."""
    api, store = dossier
    documents, mentions = named(store, COMENSHA)
    text = api.get("/id/actor/comensha?mentions_offset=50&mentions_limit=10", headers={"Accept": "text/html"}).text
    assert f"Named {len(mentions)} times in {documents} documents" in text
    assert 'href="/api/actors/comensha/mentions"' in text
    expected = api.get("/api/actor/comensha/mentions", params={"offset": 50, "limit": 10}).json()["items"]
    section = re.search(r'<ul class="mentions">.*?</ul>', text, re.S).group(0)
    assert [html.unescape(q) for q in re.findall(r'“<span lang="nl">(.*?)</span>”', section, re.S)] == \
        [item["quote"] for item in expected]
