"""The REST facade over real HTTP: the service the README starts, on the graph the build makes.

Expected answers come from the documents: CoMensha is named in all five, its former name
"Coördinatiecentrum Mensenhandel" is in the Kamervragen of 2013, the Nationaal Rapporteur's
letter of 13 February 2017 records that the minister adopted the recommendation to set up a
national referral mechanism.
"""
from __future__ import annotations

import csv
import io
import json

import pytest
import rdflib

from kg.corpus import load_manifest
from kg.search import fold

NGO = "https://w3id.org/mhkg/id/actor/comensha"
#: Every list, by its path: the kind its items, references and search hits carry.
LISTS = ("actor", "person", "instrument", "report", "recommendation", "response", "document", "observation",
         "indicator", "reporting-duty", "funding", "membership", "office", "citation", "concept", "status", "change",
         "commitment")
#: The names of 1.x, which answer the same.
OLD_NAMES = {"actors": "actor", "persons": "person", "instruments": "instrument", "reports": "report",
             "recommendations": "recommendation", "responses": "response", "documents": "document",
             "observations": "observation", "indicators": "indicator"}


@pytest.fixture(scope="module")
def api(graph_server):
    return graph_server


def problem(response, status):
    assert response.status_code == status, response.text
    assert response.headers["Content-Type"].startswith("application/problem+json")
    body = response.json()
    assert body["status"] == status and body["title"] and "Traceback" not in response.text
    return body


def all_items(api, path, **params):
    items, url = [], f"{api.url}{path}"
    params.setdefault("limit", 7)
    while url:
        page = api.get(url, params=params).json()
        items += page["items"]
        url, params = page["next"], None
    return items


@pytest.mark.parametrize("kind", LISTS)
def test_every_list_pages_through_all_its_items_in_a_stable_order(api, kind):
    first = api.get(f"/api/{kind}").json()
    assert set(first) == {"items", "total", "limit", "offset", "next"}
    assert first["total"] > 0, f"/api/{kind} is empty"
    paged = all_items(api, f"/api/{kind}")
    assert len(paged) == first["total"]
    assert [i["id"] for i in paged] == [i["id"] for i in all_items(api, f"/api/{kind}", limit=500)]
    for item in paged:
        assert {"id", "slug", "kind", "types", "label", "altLabels"} <= set(item)
        assert item["id"].endswith(f"/{item['kind']}/{item['slug']}")
        assert item["kind"] == kind or (kind, item["kind"]) == ("commitment", "instrument")


@pytest.mark.parametrize("old, path", OLD_NAMES.items())
def test_the_list_names_of_1x_answer_as_the_lists_do(api, old, path):
    page = api.get(f"/api/{old}", params={"limit": 3, "offset": 1}).json()
    assert page["items"] == api.get(f"/api/{path}", params={"limit": 3, "offset": 1}).json()["items"]
    assert f"/api/{old}?" in page["next"]
    slug = page["items"][0]["slug"]
    assert api.get(f"/api/{old}/{slug}").json() == api.get(f"/api/{path}/{slug}").json()
    assert api.get("/api/search", params={"q": "mensenhandel", "kind": old, "limit": 500}).json() == \
        api.get("/api/search", params={"q": "mensenhandel", "kind": path, "limit": 500}).json()


@pytest.mark.parametrize("query", ["toezegging", "financiering", "meldplicht", "EMPACT", "staatssecretaris",
                                   "Kamerstuk", "uitbuiting", "aanbeveling", "overgenomen", "Inspectie SZW"])
def test_every_hit_leads_to_its_list_by_its_kind(api, query):
    """A search hit's kind is the path of the list that holds it: /api/{kind}/{slug} answers."""
    hits = api.get("/api/search", params={"q": query, "limit": 500}).json()["items"]
    assert hits
    for hit in hits:
        if hit["kind"] == "passage":    # passages are listed per document
            listed = all_items(api, f"/api/document/{hit['document']['slug']}/passages", limit=500)
            assert hit["id"] in [p["id"] for p in listed]
        item = api.get(f"/api/{hit['kind']}/{hit['slug']}")
        assert item.status_code == 200 and item.json()["id"] == hit["id"], hit
        narrowed = api.get("/api/search", params={"q": query, "kind": hit["kind"], "limit": 500}).json()["items"]
        assert hit["id"] in [h["id"] for h in narrowed] and {h["kind"] for h in narrowed} == {hit["kind"]}


@pytest.mark.parametrize("path, name, value, field", [
    ("funding", "funder", "politie", "funder"),
    ("funding", "fundedInstrument", "actieplan-samen-tegen-mensenhandel", "fundedInstrument"),
    ("membership", "organization", "empact-thb", "organization"),
    ("membership", "member", "nederlandse-arbeidsinspectie", "member"),
    ("office", "holder", "broekers-knol", "holder"),
    ("office", "officeIn", "ministerie-van-justitie-en-veiligheid", "officeIn"),
    ("reporting-duty", "dutyHolder", "staatssecretaris-van-justitie-en-veiligheid", "dutyHolder"),
    ("reporting-duty", "reportsTo", "tweede-kamer", "reportsTo"),
    ("citation", "publisher", "nos", "publisher"),
    ("concept", "inScheme", "units", "inScheme"),
])
def test_the_new_lists_filter_on_what_their_items_point_to(api, path, name, value, field):
    everything = all_items(api, f"/api/{path}")
    chosen = all_items(api, f"/api/{path}", **{name: value})
    expected = [i["id"] for i in everything if value in [ref["slug"] for ref in i.get(field, [])]]
    assert chosen and [i["id"] for i in chosen] == expected
    assert all_items(api, f"/api/{path}", **{name: "no-such-thing"}) == []


def test_funding_offices_and_citations_carry_their_values_and_years(api):
    funding = api.get("/api/funding/coalitieakkoord-rutte-iv-actieplan-samen-tegen-mensenhandel").json()
    assert (funding["amount"], funding["currency"], funding["perYear"]) == (2000000, "EUR", True)
    held = api.get("/api/office", params={"year_from": 2022, "year_to": 2022, "limit": 500}).json()["items"]
    assert held and all(i["atDate"].startswith("2022") for i in held)
    nos = api.get("/api/citation", params={"publisher": "nos", "limit": 500}).json()["items"]
    assert all(i["date"] and i["url"] for i in nos)


def test_commitments_are_the_instruments_of_that_class(api):
    commitments = all_items(api, "/api/commitment")
    typed = all_items(api, "/api/instrument", type="Commitment")
    assert commitments and commitments == typed
    assert api.get(f"/api/commitment/{commitments[0]['slug']}").status_code == 200
    other = next(i for i in all_items(api, "/api/instrument") if "mh:Commitment" not in i["types"])
    problem(api.get(f"/api/commitment/{other['slug']}"), 404)


def test_a_page_deep_in_the_list_links_to_the_next(api):
    page = api.get("/api/actors", params={"limit": 3, "offset": 3}).json()
    assert page["limit"] == 3 and page["offset"] == 3 and len(page["items"]) == 3
    assert "offset=6" in page["next"] and "limit=3" in page["next"]
    last = api.get("/api/actors", params={"limit": 3, "offset": page["total"] - 1}).json()
    assert len(last["items"]) == 1 and last["next"] is None


def test_filters_by_type_name_and_document(api):
    ngos = api.get("/api/actors", params={"type": "NonGovernmentalOrganisation", "limit": 500}).json()["items"]
    assert NGO in [i["id"] for i in ngos]
    assert all("mh:NonGovernmentalOrganisation" in i["types"] for i in ngos)
    assert [i["id"] for i in api.get("/api/actors", params={"type": "mh:nongovernmentalorganisation",
                                                            "limit": 500}).json()["items"]] == [i["id"] for i in ngos]
    by_former_name = api.get("/api/actors", params={"q": "coordinatiecentrum"}).json()["items"]
    assert [i["id"] for i in by_former_name] == [NGO]
    in_letter = api.get("/api/actors", params={"document": "nrm-brief-2017-02-13", "limit": 500}).json()["items"]
    assert NGO in [i["id"] for i in in_letter]
    for item in in_letter:
        docs = {s["document"]["slug"] for s in item["sources"]} | {m["document"]["slug"] for m in item["mentionedIn"]}
        assert "nrm-brief-2017-02-13" in docs


def test_recommendations_by_status_carry_their_report_and_quote(api):
    adopted = api.get("/api/recommendations", params={"status": "adopted", "limit": 500}).json()["items"]
    slugs = [i["slug"] for i in adopted]
    assert "negende-rapportage-mensenhandel-nationaal-verwijsmechanisme" in slugs
    for item in adopted:
        assert [s["slug"] for s in item["status"]] == ["adopted"]
        assert item["report"] and item["sources"], item["slug"]
    everything = api.get("/api/recommendations", params={"limit": 500}).json()["total"]
    rejected = api.get("/api/recommendations", params={"status": "rejected"}).json()["total"]
    assert len(adopted) + rejected <= everything


def test_observations_by_year_range(api):
    all_obs = all_items(api, "/api/observations")
    in_2014 = api.get("/api/observations", params={"year_from": 2014, "year_to": 2014, "limit": 500}).json()["items"]
    assert "comensha-mogelijke-slachtoffers-2014" in [i["slug"] for i in in_2014]
    assert len(in_2014) < len(all_obs)
    for item in in_2014:
        years = [str(item.get(k, ""))[:4] for k in ("year", "periodStart", "periodEnd") if item.get(k)]
        assert min(years) <= "2014" <= max(years)


def test_one_resource_with_provenance_that_verifies(api):
    item = api.get("/api/actors/comensha").json()
    assert item["label"] == "CoMensha" and "Coördinatiecentrum Mensenhandel" in item["altLabels"]
    assert {m["document"]["slug"] for m in item["mentions"]} >= {"ah-tk-20122013-903", "nrm-brief-2017-02-13"}
    texts = {d.slug: d.text for d in load_manifest()}
    for mention in item["mentions"]:
        located = texts[mention["document"]["slug"]].locate(mention["quote"])
        assert located and mention["page"] in {place.page for place in located}
    assert any(r["property"] == "mh:about" for r in item["referencedBy"])


def test_a_recommendation_shows_its_response_among_what_refers_to_it(api):
    item = api.get("/api/recommendations/negende-rapportage-mensenhandel-nationaal-verwijsmechanisme").json()
    responses = [r["resource"] for r in item["referencedBy"] if r["property"] == "mh:respondsTo"]
    assert responses and all(r["kind"] == "response" for r in responses)
    assert any(p["property"] == "mh:addressedTo" for p in item["properties"])


def test_one_passage_is_as_its_documents_list_shows_it(api):
    listed = api.get("/api/document/ah-tk-20122013-903/passages", params={"limit": 500}).json()["items"]
    for passage in listed[::7]:
        assert api.get(f"/api/passage/{passage['slug']}").json() == passage
        assert passage["document"]["slug"] == "ah-tk-20122013-903"
    problem(api.get("/api/passage/ah-tk-20122013-903-vraag-999"), 404)


def test_a_documents_passages_in_reading_order(api):
    page = api.get("/api/documents/ah-tk-20122013-903/passages", params={"limit": 500}).json()
    orders = [p["order"] for p in page["items"]]
    assert orders == sorted(orders) and len(orders) == page["total"] > 5
    types = {p["type"] for p in page["items"]}
    assert {"mh:Question", "mh:Answer"} <= types
    offsets = [(p["startOffset"], p["endOffset"]) for p in page["items"] if p["type"] != "mh:Footnote"]
    assert all(a < b for a, b in offsets)


@pytest.mark.parametrize("query, expected", [
    ("comensha", NGO),
    ("Coördinatiecentrum", NGO),
    ("COORDINATIECENTRUM mensenhandel", NGO),
    ("NLA", "https://w3id.org/mhkg/id/actor/nederlandse-arbeidsinspectie"),
    ("Inspectie SZW", "https://w3id.org/mhkg/id/actor/inspectie-szw"),
])
def test_search_finds_actors_by_name_abbreviation_and_former_name_first(api, query, expected):
    hits = api.get("/api/search", params={"q": query}).json()["items"]
    assert hits and hits[0]["id"] == expected, [h["id"] for h in hits[:3]]


@pytest.mark.parametrize("query, word", [("slachtoffers", "slachtoffer"), ("aanbevelingen", "aanbeveling")])
def test_search_matches_dutch_word_forms_in_passages_with_snippets(api, query, word):
    hits = api.get("/api/search", params={"q": query, "kind": "passages", "limit": 500}).json()["items"]
    assert hits
    assert any(f"«{word}»".lower() in h["snippet"].lower() for h in hits), "the singular is found too"
    for hit in hits:
        assert hit["kind"] == "passage" and hit["document"]["slug"] and "«" in hit["snippet"]


@pytest.mark.parametrize("query", ["motie volledig uitgevoerd", "motie Segers Asscher uitgevoerd",
                                   "CoMensha registratie slachtoffers zeppelin"])
def test_search_falls_back_to_fewer_words_ranked_below_all_of_them(api, query):
    hits = api.get("/api/search", params={"q": query, "limit": 500}).json()["items"]
    words = [h["matchedWords"] for h in hits]
    assert hits and words == sorted(words, reverse=True) and min(words) < max(words)
    every = [h["id"] for h in hits if h["matchedWords"] == max(words)]
    assert all("«" in h["snippet"] for h in hits), "a partial hit shows the words it matched"
    first = api.get("/api/search", params={"q": query, "limit": len(every)}).json()["items"]
    assert [h["id"] for h in first] == every
    assert len(query.split()) >= max(words)


def test_a_query_whose_every_word_matches_keeps_its_order(api):
    hits = api.get("/api/search", params={"q": "Inspectie SZW", "limit": 500}).json()["items"]
    assert hits[0]["id"].endswith("/actor/inspectie-szw") and hits[0]["matchedWords"] == 2


def test_lists_as_csv_by_parameter_and_by_accept(api):
    by_param = api.get("/api/actors", params={"format": "csv", "limit": 500})
    by_accept = api.get("/api/actors", params={"limit": 500}, headers={"Accept": "text/csv"})
    assert by_param.headers["Content-Type"].startswith("text/csv") and by_param.text == by_accept.text
    rows = list(csv.DictReader(io.StringIO(by_param.text)))
    assert len(rows) == api.get("/api/actors").json()["total"]
    assert {"id", "slug", "label", "altLabels"} <= set(rows[0])
    assert any(r["slug"] == "comensha" and "Coördinatiecentrum Mensenhandel" in r["altLabels"] for r in rows)


def test_json_ld_reads_as_rdf_through_the_published_context(api):
    response = api.get("/api/actors/comensha", headers={"Accept": "application/ld+json"})
    assert response.headers["Content-Type"].startswith("application/ld+json")
    document = response.json()
    context = api.get(document["@context"]).json()
    document["@context"] = context["@context"]  # inline it: the parser must not fetch
    graph = rdflib.Graph().parse(data=json.dumps(document), format="json-ld")
    assert (rdflib.URIRef(NGO), rdflib.RDFS.label, rdflib.Literal("CoMensha", lang="nl")) in graph
    assert (rdflib.URIRef(NGO), rdflib.RDF.type,
            rdflib.URIRef("https://w3id.org/mhkg/def#NonGovernmentalOrganisation")) in graph


def test_etag_and_last_modified_give_304(api):
    first = api.get("/api/actors/comensha")
    assert first.headers["ETag"] and first.headers["Last-Modified"]
    again = api.get("/api/actors/comensha", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and again.content == b""
    as_csv = api.get("/api/actors", params={"format": "csv"})
    assert as_csv.headers["ETag"] != api.get("/api/actors").headers["ETag"]
    assert api.get("/api/actors", headers={"If-Modified-Since": first.headers["Last-Modified"]}).status_code == 304


def test_cors_header(api):
    assert api.get("/api/actors").headers["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize("path, params, headers, status", [
    ("/api/actors/does-not-exist", {}, {}, 404),
    ("/api/actors/Not A Slug", {}, {}, 404),
    ("/api/unicorns", {}, {}, 404),
    ("/api/documents/nope/passages", {}, {}, 404),
    ("/api/actors", {"limit": "0"}, {}, 400),
    ("/api/actors", {"limit": "501"}, {}, 400),
    ("/api/actors", {"limit": "ten"}, {}, 400),
    ("/api/actors", {"offset": "-1"}, {}, 400),
    ("/api/actors", {"colour": "red"}, {}, 400),
    ("/api/actors", {"status": "adopted"}, {}, 400),
    ("/api/observations", {"year_from": "twenty"}, {}, 400),
    ("/api/recommendations", {"report": "not a slug"}, {}, 400),
    ("/api/actors", {"format": "xml"}, {}, 400),
    ("/api/actors", {}, {"Accept": "application/xml"}, 406),
    ("/api/search", {}, {}, 400),
    ("/api/search", {"q": "x", "kind": "planets"}, {}, 400),
])
def test_bad_requests_get_a_precise_problem(api, path, params, headers, status):
    body = problem(api.get(path, params=params, headers=headers), status)
    assert body["detail"]


NASTY = ["'", '"', "\\", "{", "}", "} UNION { ?s ?p ?o }", "#", "\n", "x\r\ny", "é́", "漢字", "\U0001F600",
         "%00", "a" * 600, "comensha' OR '1'='1", "<https://w3id.org/mhkg/id/actor/comensha>", "*", "NEAR(a b)",
         '"comensha"', "comensha AND", "-", "..", "../../etc/passwd"]


@pytest.mark.parametrize("value", NASTY)
def test_injection_through_every_parameter_never_errs_or_changes_meaning(api, value):
    endpoints = {"/api/search": ("q",), "/api/actors": ("q", "type", "document"),
                 "/api/recommendations": ("report", "status", "addressee"),
                 "/api/observations": ("indicator", "about", "year_from", "year_to"),
                 "/api/responses": ("recommendation",)}
    for path, names in endpoints.items():
        for name in names:
            response = api.get(path, params={name: value})
            assert response.status_code in (200, 400), (path, name, value, response.status_code)
            if response.status_code == 200 and name == "q" and path == "/api/actors":
                for item in response.json()["items"]:  # the value was only ever a piece of a name
                    assert any(fold(value) in fold(n) for n in [item["label"], *item["altLabels"]])
    for name in ("limit", "offset", "format"):
        assert api.get("/api/actors", params={name: value}).status_code == 400
    assert api.get(f"/api/actors/{value}").status_code in (404, 400)


def test_openapi_describes_every_route_and_the_docs_page_shows_it(api, graph_server):
    spec = api.get("/openapi.json").json()
    assert spec["openapi"].startswith("3.1")
    for kind in LISTS:
        assert {"/api/" + kind, "/api/" + kind + "/{slug}"} <= set(spec["paths"])
        filters = {p["name"] for p in spec["paths"]["/api/" + kind]["get"]["parameters"]}
        assert {"limit", "offset", "q", "type"} <= filters
    assert not set(spec["paths"]) & {"/api/" + old for old in OLD_NAMES}, "each operation is described once"
    assert {"/api/search", "/api/document/{slug}/passages"} <= set(spec["paths"])
    assert "status" in {p["name"] for p in spec["paths"]["/api/recommendation"]["get"]["parameters"]}
    docs = api.get("/docs")
    assert docs.status_code == 200 and "/api/recommendation" in docs.text


# ---- lookups, search and filters answered fast, with the same answers -----------------------

def _graph_rows(graph_store, name: str, iri: str) -> list:
    """The rows of `api/queries/<name>.rq` for `iri`, bound the way the API binds it."""
    from pyoxigraph import NamedNode, Variable

    from api.graph_queries import QUERIES
    from kg.remote import bind
    from kg.store import load_query, run
    return list(run(graph_store, bind(load_query(name, QUERIES), {Variable("resource"): NamedNode(iri)})))


def _mention_key(m: dict) -> tuple:
    return (m["document"]["id"], m["page"] is not None, m["page"] or 0, m["passage"] is not None,
            (m["passage"] or {}).get("id", ""), m["quote"])


@pytest.mark.parametrize("slug", ["comensha", "nederlandse-arbeidsinspectie", "inspectie-szw"])
def test_a_resource_shows_every_mention_the_graph_has_in_document_page_passage_order(api, graph_store, slug):
    item = api.get(f"/api/actors/{slug}").json()
    rows = _graph_rows(graph_store, "mentions_of_resource", item["id"])
    in_graph = {(r["document"].value, r["passage"].value if r["passage"] else None,
                 int(r["page"].value) if r["page"] else None, r["quote"].value) for r in rows}
    shown = [(m["document"]["id"], (m["passage"] or {}).get("id"), m["page"], m["quote"]) for m in item["mentions"]]
    assert rows and len(shown) == len(set(shown)) and set(shown) == in_graph
    assert item["mentions"] == sorted(item["mentions"], key=_mention_key)
    assert all(m["document"]["slug"] and m["document"]["label"] for m in item["mentions"])


def test_properties_leave_out_what_the_item_and_its_mentions_show(api):
    item = api.get("/api/recommendations/negende-rapportage-mensenhandel-nationaal-verwijsmechanisme").json()
    shown = {p["property"] for p in item["properties"]}
    assert shown and not shown & {"rdf:type", "rdfs:label", "skos:altLabel", "mh:mentionedIn"}
    assert all(p["document"] is None or p["document"]["kind"] == "document" for p in item["properties"])


def test_what_refers_to_a_document_leaves_out_mentions_as_the_graph_says(api, graph_store):
    from kg.views import curie
    slug = "nrm-brief-2017-02-13"
    item = api.get(f"/api/documents/{slug}").json()
    expected = graph_store.query(
        "PREFIX mh: <https://w3id.org/mhkg/def#> PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> "
        f"SELECT DISTINCT ?subject ?property WHERE {{ ?subject ?property <{item['id']}> . "
        "FILTER(?property NOT IN (mh:mentionOf, rdf:subject, rdf:object, mh:passage, "
        "<http://www.w3.org/ns/prov#entity>)) "
        "FILTER NOT EXISTS { ?subject a mh:Mention } }", use_default_graph_as_union=True)
    shown = {(r["resource"]["id"], r["property"]) for r in item["referencedBy"]}
    assert shown and shown == {(row["subject"].value, curie(row["property"].value)) for row in expected}


def test_views_of_an_older_version_are_rebuilt_not_misread(api, built_release, tmp_path):
    """Views another version of MHKG built (here: no version row, as before versions were
    kept, and without the mentions table) are built again from the store, not read with
    fallbacks: the answers are those of current views."""
    import shutil
    import sqlite3

    from api.app import create_app
    from api.service import service
    from kg.release import switch_current
    from kg.views import VERSION
    release = tmp_path / "data" / "releases" / built_release.build_id
    release.mkdir(parents=True)
    (release / "store").symlink_to(built_release.store_path)
    shutil.copy(built_release.path / "build.json", release / "build.json")
    shutil.copy(built_release.path / "views.sqlite", release / "views.sqlite")
    with sqlite3.connect(release / "views.sqlite") as db:
        db.execute("DROP TABLE mentions")
        db.execute("DELETE FROM meta WHERE key = 'version'")
    switch_current(release, tmp_path / "data")
    app = create_app(data=tmp_path / "data")
    old = app.test_client().get("/api/actors/comensha").get_json()
    assert old["mentions"] and old == api.get("/api/actors/comensha").json()
    with app.app_context():
        rebuilt = service(app).views
        assert rebuilt.path != release / "views.sqlite"
        assert rebuilt.db.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()[0] == str(VERSION)


def test_a_search_page_has_the_same_hits_and_snippets_as_the_whole_list(api):
    whole = api.get("/api/search", params={"q": "slachtoffers", "limit": 500}).json()
    assert whole["total"] > 6
    for offset in (0, 3, whole["total"] - 2):
        page = api.get("/api/search", params={"q": "slachtoffers", "limit": 3, "offset": offset}).json()
        assert page["total"] == whole["total"] and page["items"] == whole["items"][offset:offset + 3]


def test_stems_and_folding_are_the_snowball_stems_of_the_folded_words():
    import unicodedata

    import snowballstemmer

    from kg.search import WORD, stems
    text = ("Coördinatiecentrum Mensenhandel: slachtoffers, aanbevelingen en de aanbeveling; "
            "Ångström café naïef ÉÉN 漢字 ﬁnanciën")
    plain = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    assert fold(text) == " ".join(plain.lower().split())
    expected = snowballstemmer.stemmer("dutch").stemWords(WORD.findall(fold(text)))
    assert stems(text) == expected and stems(text) == expected   # the second time from the cache
    assert stems("Slachtoffers") == stems("slachtoffer") == ["slachtoffer"]


def test_known_types_are_read_once_per_views(built_release):
    from kg.views import VIEWS_FILE, Views
    views = Views(built_release.path / VIEWS_FILE)
    known = views.known_types("actors")
    assert "https://w3id.org/mhkg/def#NonGovernmentalOrganisation" in known
    assert views.known_types("actors") is known and views.known_types("reports") is not known


def _reference_page(db, kind, filters, limit, offset):
    """A page as the plain query gives it: every item of the kind tested, then sorted."""
    from kg.views import KINDS
    where, params = ["kind = ?"], [KINDS[kind]]
    for name, values in filters.items():
        if name == "q":
            where.append("instr(names, ?) > 0")
            params.append(fold(values[0]))
        elif name in ("year_from", "year_to"):
            where.append("year_max >= ?" if name == "year_from" else "year_min <= ?")
            params.append(int(values[0]))
        else:
            where.append(f"iri IN (SELECT iri FROM filters WHERE name = ? AND value IN ({', '.join('?' * len(values))}))")
            params += [name, *values]
    rows = db.execute(f"SELECT json FROM items WHERE {' AND '.join(where)} ORDER BY sort_key, slug", params).fetchall()
    return [json.loads(r[0]) for r in rows[offset:offset + limit]], len(rows)


def test_pages_started_from_a_filter_or_walked_in_order_are_the_plain_querys_pages(built_release, tmp_path):
    import shutil
    import sqlite3

    from kg.views import KINDS, VIEWS_FILE, Views
    path = tmp_path / VIEWS_FILE
    shutil.copy(built_release.path / VIEWS_FILE, path)
    views, db = Views(path), sqlite3.connect(path)
    cases = []
    for kind, kind_id in KINDS.items():
        values = db.execute("SELECT f.name, f.value, COUNT(*) FROM filters f JOIN items i ON i.iri = f.iri "
                            "WHERE i.kind = ? GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2", (kind_id,)).fetchall()
        common, rare = values[:3], values[-3:]
        cases.append((kind, {}))
        cases += [(kind, {name: [value]}) for name, value, _ in common + rare]
        if len(common) > 1:
            cases.append((kind, {common[0][0]: [common[0][1]], common[1][0]: [common[1][1]]}))
        if common[0][0] == common[1][0]:
            cases.append((kind, {common[0][0]: [common[0][1], common[1][1]]}))
        cases.append((kind, {common[0][0]: [common[0][1]], "q": ["a"]}))
        cases.append((kind, {rare[-1][0]: [rare[-1][1]], common[0][0]: [common[0][1]]}))
    cases += [("observations", {"year_from": ["2015"]}), ("observations", {"year_to": ["2014"], "q": ["e"]}),
              ("reports", {"year_from": ["2010"], "year_to": ["2016"]}),
              ("recommendations", {"status": ["https://w3id.org/mhkg/id/status/adopted"], "q": ["slachtoffer"]})]
    compared = 0
    for kind, filters in cases:
        whole, total = _reference_page(db, kind, filters, 10**6, 0)
        for limit, offset in ((1, 0), (3, 0), (500, 0), (2, max(total - 3, 0)), (5, total // 2), (50, total + 1)):
            expected = _reference_page(db, kind, filters, limit, offset)
            assert views.page(kind, filters, limit, offset) == expected, (kind, filters, limit, offset)
            compared += bool(expected[0])
    assert compared > 100


# ---- sources: each quote with its own document, page, passage and offsets ----------------

SO = "so-20240516-samen-tegen-mensenhandel"


def test_every_source_of_every_item_stands_where_its_quote_stands(api):
    texts = {d.slug: d.text for d in load_manifest()}
    checked = 0
    for kind in LISTS:
        for item in all_items(api, f"/api/{kind}", limit=500):
            quotes = [(s["fact"], s["quote"]) for s in item["sources"]]
            assert len(quotes) == len(set(quotes)), f"{item['id']}: a quote listed twice (once per page?)"
            for source in item["sources"]:
                assert set(source) == {"id", "types", "fact", "document", "page", "passage", "quoteStart",
                                       "quoteEnd", "quote"}
                assert source["id"].startswith("https://w3id.org/mhkg/id/evidence/")
                document = source["document"]
                assert document["id"].endswith("/document/" + document["slug"])
                text = texts[document["slug"]]
                located = text.locate(source["quote"])
                assert located and (located[0].start, located[0].end) == (source["quoteStart"], source["quoteEnd"])
                assert source["page"] == located[0].page == text.page_at(source["quoteStart"]), source
                if source["passage"]:
                    assert source["passage"]["id"].startswith("https://w3id.org/mhkg/id/passage/" + document["slug"])
                checked += 1
    assert checked > 1000


def test_the_groenlinks_pvda_asked_by_statement_lists_each_quote_with_only_its_own_page(api):
    item = api.get(f"/api/documents/{SO}").json()
    asked = [s for s in item["statements"] if s["predicate"] == "mh:askedBy"
             and s["object"]["id"].endswith("/actor/groenlinks-pvda-fractie")]
    pages = sorted((s["page"], s["quote"][:50]) for s in asked)
    assert [p for p, _ in pages] == [2, 12, 13, 13, 20, 21], pages
    assert len({s["quote"] for s in asked}) == len(asked) == 6
    for statement in asked:
        evidence = statement["evidence"]
        assert (evidence["quote"], evidence["page"], evidence["fact"]) == (statement["quote"], statement["page"],
                                                                           statement["id"])
        assert evidence["passage"]["id"] == statement["passage"]["id"]
    sources = [s for s in item["sources"] if s["fact"] == asked[0]["id"]]
    assert sorted((s["page"], s["quote"]) for s in sources) == sorted((s["page"], s["quote"]) for s in asked)
    quotes = [q for p in item["properties"] if p["property"] == "mh:askedBy"
              and p["value"]["id"].endswith("/actor/groenlinks-pvda-fractie") for q in p["quotes"]]
    assert sorted(q["page"] for q in quotes) == [2, 12, 13, 13, 20, 21]


def test_statements_an_ingested_paper_makes_without_evidence_keep_their_quote_and_page(built_release, tmp_path):
    import shutil
    from pathlib import Path

    from graph_fixtures import Service
    from kg.ingest.pipeline import ingest
    from kg.text import DocumentText
    data = tmp_path / "data"
    shutil.copytree(built_release.path.parent.parent, data, symlinks=True)
    paper = Path(__file__).with_name("fixtures") / "kamervragen-fixture.txt"
    [slug] = ingest([paper], data, log=lambda *_: None)
    text = DocumentText(paper.read_text(encoding="utf-8"))
    with Service(data=str(data)) as served:
        document = served.get(f"/api/documents/{slug}").json()
    assert document["sources"] and document["statements"]
    for source in document["sources"] + [s["evidence"] for s in document["statements"]]:
        assert source["document"]["slug"] == slug and source["quote"]
        assert source["page"] == text.locate(source["quote"])[0].page
    assert {s["quote"] for s in document["sources"]} == {s["quote"] for s in document["statements"]
                                                        if s["subject"]["id"] == document["id"]}


def test_views_computed_for_a_store_without_a_release_leave_no_directory_behind(built_release, tmp_path):
    """`--store DIR` gets its views in a scratch directory, removed with the service."""
    import tempfile
    from pathlib import Path

    from api.app import create_app
    from api.service import service

    def scratch_dirs():
        return set(Path(tempfile.gettempdir()).glob("mhkg-views-*"))
    before = scratch_dirs()
    (tmp_path / "store").symlink_to(built_release.store_path)      # a store, no release beside it
    app = create_app(store_path=tmp_path / "store")
    assert app.test_client().get("/api/actors?limit=1").status_code == 200
    made = scratch_dirs() - before
    assert len(made) == 1 and (next(iter(made)) / "views.sqlite").is_file()
    service(app).close()
    assert not (scratch_dirs() - before)
