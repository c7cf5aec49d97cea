"""The register of commitments in REST (ontology/README.md, *The register of commitments*):
`/api/commitment` items carry the register's fields as the graph states them, filter on
document, status (unknown where no document says one), to whom and by whom, give the quotes
that state a status, and read as CSV, JSON-LD and through OpenAPI.

Expected answers come from the documents: the National Rapporteur's letter of 13 February 2017
says the pilot on multidisciplinary advice promised in September 2015 had not started (open);
kst-28638-174 is the cabinet's response to the Dadermonitor that was promised (fulfilled)."""
from __future__ import annotations

import csv
import io
import json

import pytest

from kg.corpus import load_manifest
from kg.store import run
from test_jsonld import check
from test_rest import all_items, problem

OPEN = "toezegging-pilot-multidisciplinaire-advisering-slachtofferschap-2015"
FULFILLED = "toezegging-kabinetsreactie-dadermonitor-mensenhandel-2013-2017"
FIELDS = ("commitmentText", "proposedBy", "committedTo", "madeIn", "committedOn", "deadline", "commitmentStatus",
          "fulfilledBy")
REGISTER = """
PREFIX mh: <https://w3id.org/mhkg/def#>
SELECT ?commitment ?property ?value WHERE {
  VALUES ?property { mh:commitmentText mh:proposedBy mh:committedTo mh:madeIn mh:committedOn mh:deadline
                     mh:commitmentStatus mh:fulfilledBy }
  ?commitment a mh:Commitment ; ?property ?value .
}"""


@pytest.fixture(scope="module")
def commitments(graph_server) -> list[dict]:
    return all_items(graph_server, "/api/commitment", limit=500)


def shown(value) -> set[str]:
    if isinstance(value, list):
        return {ref["id"] for ref in value}
    return {value["value"] if isinstance(value, dict) else value}


def test_each_commitment_carries_the_registers_fields_as_the_graph_states_them(graph_store, commitments):
    register: dict[str, dict[str, set]] = {}
    for row in run(graph_store, REGISTER):
        field = row["property"].value.rsplit("#", 1)[1]
        register.setdefault(row["commitment"].value, {}).setdefault(field, set()).add(row["value"].value)
    assert len(commitments) == len(register) == 24
    for item in commitments:
        stated = register[item["id"]]
        assert {f for f in FIELDS if f in item} == set(stated), item["slug"]
        for field, values in stated.items():
            assert shown(item[field]) <= values and (len(shown(item[field])) == len(values) or
                                                    not isinstance(item[field], list)), (item["slug"], field)
        assert item["commitmentText"] in [s["quote"] for s in item["sources"]], "the text is one of its quotes"
    pilot = next(i for i in commitments if i["slug"] == OPEN)
    assert pilot["committedOn"] == {"value": "2015-09", "datatype": "xsd:gYearMonth"}
    assert [s["slug"] for s in pilot["commitmentStatus"]] == ["commitment-open"]


@pytest.mark.parametrize("status, expected", [("open", [OPEN]), ("fulfilled", [FULFILLED]), ("partly", [])])
def test_the_status_filter_gives_what_a_document_says(graph_server, commitments, status, expected):
    chosen = all_items(graph_server, "/api/commitment", status=status)
    assert [i["slug"] for i in chosen] == expected
    assert all(i["commitmentStatus"][0]["slug"].endswith(status) for i in chosen if status != "partly")


def test_unknown_is_where_no_document_gives_a_status_and_the_statuses_part_the_list(graph_server, commitments):
    unknown = all_items(graph_server, "/api/commitment", status="unknown")
    assert [i["id"] for i in unknown] == [i["id"] for i in commitments if "commitmentStatus" not in i]
    assert len(unknown) == len(commitments) - 2
    either = all_items(graph_server, "/api/commitment", status=["open", "unknown"])
    assert len(either) == len(unknown) + 1
    body = problem(graph_server.get("/api/commitment", params={"status": "adopted"}), 400)
    assert body["invalid_params"][0]["name"] == "status"
    adopted = graph_server.get("/api/recommendation", params={"status": "adopted"})   # its own statuses there
    assert adopted.status_code == 200 and adopted.json()["total"] > 0


@pytest.mark.parametrize("name, value", [("committedTo", "tweede-kamer"),
                                         ("proposedBy", "staatssecretaris-van-justitie-en-veiligheid"),
                                         ("proposedBy", "minister-van-veiligheid-en-justitie"),
                                         ("document", "so-20240516-samen-tegen-mensenhandel")])
def test_filters_by_whom_by_whom_and_where(graph_server, commitments, name, value):
    chosen = all_items(graph_server, "/api/commitment", **{name: value})
    if name == "document":
        expected = [i["id"] for i in commitments if value in {s["document"]["slug"] for s in i["sources"]} |
                    {m["document"]["slug"] for m in i["mentionedIn"]}]
        assert len(chosen) >= 13
    else:
        expected = [i["id"] for i in commitments if value in [r["slug"] for r in i.get(name, [])]]
    assert chosen and [i["id"] for i in chosen] == expected
    assert all_items(graph_server, "/api/commitment", **{name: "no-such-thing"}) == []


@pytest.mark.parametrize("slug", [OPEN, FULFILLED])
def test_a_status_comes_with_the_quotes_that_state_it(graph_server, slug):
    item = graph_server.get(f"/api/commitment/{slug}").json()
    status = item["commitmentStatus"][0]["id"]
    quotes = item["commitmentStatusSources"]
    assert quotes and all(q in item["sources"] for q in quotes)
    statements = {s["id"]: s for s in item["statements"]}
    for quote in quotes:
        stated = statements[quote["fact"]]
        assert (stated["predicate"], stated["object"]["id"]) == ("mh:commitmentStatus", status)
        located = {d.slug: d for d in load_manifest()}[quote["document"]["slug"]].text.locate(quote["quote"])
        assert located and quote["page"] in {place.page for place in located}
    listed = next(i for i in all_items(graph_server, "/api/commitment", limit=500) if i["slug"] == slug)
    assert listed["commitmentStatusSources"] == quotes
    if slug == OPEN:
        assert {q["document"]["slug"] for q in quotes} == {"nrm-brief-2017-02-13"}


def test_the_commitments_as_csv_have_the_registers_columns(graph_server, commitments):
    text = graph_server.get("/api/commitment.csv", params={"limit": 500}).text
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == len(commitments)
    assert set(FIELDS) | {"commitmentStatusSources"} <= set(rows[0])
    pilot = next(r for r in rows if r["slug"] == OPEN)
    assert json.loads(pilot["commitmentStatus"]) == ["https://w3id.org/mhkg/id/concept/commitment-open"]
    assert json.loads(pilot["committedOn"]) == {"value": "2015-09", "datatype": "xsd:gYearMonth"}
    assert json.loads(pilot["commitmentStatusSources"])[0]["document"].endswith("/document/nrm-brief-2017-02-13")
    unknown = next(r for r in rows if r["slug"] not in (OPEN, FULFILLED))
    assert unknown["commitmentStatus"] == "" and unknown["commitmentText"]


def test_openapi_describes_the_commitments_fields_and_filters(graph_server):
    spec = graph_server.get("/openapi.json").json()
    operation = spec["paths"]["/api/commitment"]["get"]
    parameters = {p["name"]: p["schema"] for p in operation["parameters"]}
    assert parameters["status"]["enum"] == ["open", "partly", "fulfilled", "unknown"]
    assert {"committedTo", "proposedBy", "document"} <= set(parameters)
    schema = spec["components"]["schemas"]["Commitment"]["properties"]
    assert set(FIELDS) | {"commitmentStatusSources"} <= set(schema)
    assert schema["commitmentText"] == {"type": "string"}
    assert schema["commitmentStatusSources"]["items"] == {"$ref": "#/components/schemas/Source"}
    detail = spec["paths"]["/api/commitment/{slug}"]["get"]["responses"]["200"]["content"]["application/json"]
    assert detail["schema"]["$ref"] == "#/components/schemas/Commitment"


@pytest.mark.parametrize("slug", [OPEN, FULFILLED])
def test_a_commitment_as_json_ld_states_only_what_the_graph_holds(graph_server, graph_store, slug):
    context = graph_server.get("/api/context.jsonld").json()["@context"]
    answer, quads = check(graph_server, graph_store, context, f"/api/commitment/{slug}")
    predicates = {q.predicate.value.rsplit("#", 1)[-1] for q in quads if q.subject.value == answer["id"]}
    assert {"commitmentText", "commitmentStatus", "committedTo", "proposedBy"} <= predicates
    evidence = {q.subject.value for q in quads if q.predicate.value.endswith("#quote")}
    assert {s["id"] for s in answer["commitmentStatusSources"]} <= evidence
    check(graph_server, graph_store, context, "/api/commitment", limit=500)
