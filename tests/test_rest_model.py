"""REST follows the model (ontology/README.md, *One model per idea*): every field an item shows
is read from what the graph states, so no column is empty because it reads a retired property.

For each (property, field) pair kg/queries/view_resource_fields.rq reads, every listed
resource the graph states the property on carries the field, with the graph's values; the
view reads no deprecated or retired term (mh:hasDuty, dct:references, dct:creator); whether
a reporting duty exists is its class."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from pyoxigraph import NamedNode

from kg.iris import PREFIXES
from kg.store import run
from kg.views import KINDS

FIELDS_QUERY = Path(__file__).resolve().parent.parent / "kg" / "queries" / "view_resource_fields.rq"
ID = "https://w3id.org/mhkg/id/"
#: Properties of the model that the view reads although no curated fact states them (yet): the
#: Tweede Kamer's numbers only ingested papers state (tests/test_ingest.py holds their fields).
NOT_STATED_YET = {"mh:regarding", "mh:tkDocumentNumber", "mh:tkCaseNumber"}
LISTED = set(KINDS.values())


def field_pairs() -> list[tuple[str, str]]:
    return re.findall(r'\((\S+:\S+) "(\w+)"\)', FIELDS_QUERY.read_text(encoding="utf-8"))


def expand(curie: str) -> str:
    prefix, local = curie.split(":", 1)
    return PREFIXES[prefix] + local


def stated(store, curie: str) -> dict[str, set[str]]:
    """The listed resources the graph states `curie` on, with its values (IRIs or lexical forms)."""
    found: dict[str, set[str]] = {}
    query = f"SELECT DISTINCT ?s ?o WHERE {{ ?s <{expand(curie)}> ?o FILTER(STRSTARTS(STR(?s), '{ID}')) }}"
    for row in run(store, query):
        kind = row["s"].value[len(ID):].split("/", 1)[0]
        if kind in LISTED:
            found.setdefault(row["s"].value, set()).add(row["o"].value)
    return found


def values_of(item_field) -> set[str]:
    if isinstance(item_field, list):
        return {ref["id"] if isinstance(ref, dict) else ref for ref in item_field}
    if isinstance(item_field, dict):            # a literal whose datatype varies: {value, datatype}
        return {item_field["value"]}
    if isinstance(item_field, bool):
        return {str(item_field).lower()}
    return {str(item_field)}


@pytest.fixture(scope="module")
def items(graph_server) -> dict[str, dict]:
    """Every item of every list, by IRI."""
    found = {}
    for kind in sorted(LISTED):
        url = f"{graph_server.url}/api/{kind}?limit=500"
        while url:
            page = graph_server.get(url).json()
            found.update((item["id"], item) for item in page["items"])
            url = page["next"]
    return found


def test_the_view_reads_no_retired_or_deprecated_property(graph_store):
    read = {curie for curie, _ in field_pairs()}
    assert not read & {"mh:hasDuty", "dct:references", "dct:creator"}
    deprecated = {row["t"].value for row in run(graph_store, "SELECT ?t WHERE { ?t <http://www.w3.org/2002/07/owl#"
                                                              "deprecated> true }")}
    assert not {expand(c) for c in read} & deprecated
    unstated = {curie for curie in read if not any(True for _ in graph_store.quads_for_pattern(
        None, NamedNode(expand(curie)), None, None))}
    assert unstated <= NOT_STATED_YET, f"the view reads properties the graph does not state: {unstated}"


@pytest.mark.parametrize("curie, field", [pair for pair in field_pairs() if pair[0] not in NOT_STATED_YET])
def test_each_field_is_non_empty_where_the_graph_states_it(graph_store, items, curie, field):
    where = stated(graph_store, curie)
    assert where, f"no listed resource states {curie}"
    for iri, graph_values in where.items():
        item = items[iri]
        assert item.get(field) not in (None, [], ""), f"{iri} states {curie} but its item has no {field}"
        shown = values_of(item[field])
        if isinstance(item[field], list):
            assert shown == graph_values, (iri, field)
        else:
            assert shown <= graph_values or field in ("value", "minValue", "maxValue", "amount"), (iri, field)


@pytest.mark.parametrize("curie, field", [("mh:cites", "cites"), ("mh:issuedBy", "issuedBy"),
                                          ("mh:author", "author"), ("org:member", "member"),
                                          ("org:organization", "organization"), ("mh:contribution", "contribution")])
def test_references_issuers_authors_and_memberships_are_read_from_the_model(graph_store, items, curie, field):
    where = stated(graph_store, curie)
    assert where and all(items[iri].get(field) for iri in where)
    if field in ("member", "organization", "contribution"):
        assert {items[iri]["kind"] for iri in where} == {"membership"}
        assert all("mh:Membership" in items[iri]["types"] for iri in where)


def test_a_duty_is_its_class_and_the_duty_list_holds_the_stated_absences(graph_server, items):
    duties = [i for i in items.values() if i["kind"] == "reporting-duty"]
    absent = [i for i in duties if "mh:NoReportingDuty" in i["types"]]
    present = [i for i in duties if "mh:ReportingDuty" in i["types"]]
    assert absent and present and len(absent) + len(present) == len(duties)
    assert all(i["hasDuty"] is False for i in absent) and all(i["hasDuty"] is True for i in present)
    assert {i["slug"] for i in absent} >= {"nidos-meldplicht-mensenhandel", "bureau-jeugdzorg-meldplicht-mensenhandel"}
    none = graph_server.get("/api/reporting-duty", params={"type": "NoReportingDuty", "limit": 500}).json()["items"]
    assert sorted(i["id"] for i in none) == sorted(i["id"] for i in absent)
    csv_header = graph_server.get("/api/reporting-duty.csv").text.splitlines()[0].split(",")
    assert "hasDuty" in csv_header and "references" not in csv_header


@pytest.mark.parametrize("path", ["/api/actor/comensha", "/api/document/kst-28638-174",
                                  "/api/recommendation/negende-rapportage-mensenhandel-nationaal-verwijsmechanisme",
                                  "/api/indicator/mogelijke-slachtoffers-gemeld-bij-comensha"])
def test_each_relation_of_a_resource_names_the_graph_that_states_it(graph_server, graph_store, path):
    """A resource's `properties` (README: "its relations, each with the graph that states
    it"): every one is a quad of the graph, in the named graph it gives."""
    from kg.views import literal_json

    item = graph_server.get(path).json()
    quads = list(graph_store.quads_for_pattern(NamedNode(item["id"]), None, None))
    assert item["properties"]
    for relation in item["properties"]:
        value = relation["value"]
        assert any(q.predicate.value == expand(relation["property"]) and q.graph_name.value == relation["graph"]
                   and (q.object.value == value["id"] if "id" in value else literal_json(q.object) == value["value"])
                   for q in quads), relation
