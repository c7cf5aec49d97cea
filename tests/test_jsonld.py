"""The JSON-LD of REST answers is faithful: expanded with pyld (a processor no one here wrote)
and turned into RDF, every answer yields only triples the graph holds, and every source
(each quote with its document, page, passage and offsets) survives expansion.

Only the page of a list describes itself (`hydra:member`, `hydra:totalItems`, `hydra:next`
on a blank node and the RDF list of its members); every other triple must be in the graph."""
from __future__ import annotations

import json
from decimal import Decimal, InvalidOperation

import pytest
from pyld import jsonld
from pyoxigraph import BlankNode, Literal, NamedNode, RdfFormat, parse

LISTS = ("actor", "person", "instrument", "report", "recommendation", "response", "document", "observation",
         "indicator", "reporting-duty", "funding", "membership", "office", "citation", "concept", "status", "change",
         "commitment")
HYDRA = "http://www.w3.org/ns/hydra/core#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
MH = "https://w3id.org/mhkg/def#"
PROV = "http://www.w3.org/ns/prov#"
PAGE_OWN = {HYDRA + "member", HYDRA + "totalItems", HYDRA + "next", RDF + "first", RDF + "rest"}
NUMERIC = {"decimal", "integer", "double", "float"}


@pytest.fixture(scope="module")
def context(graph_server) -> dict:
    return graph_server.get("/api/context.jsonld").json()["@context"]


def as_jsonld(api, context: dict, path: str, **params) -> tuple[dict, list]:
    """The answer as JSON-LD (its context inlined: the processor must not fetch) and its triples."""
    response = api.get(path, params=params, headers={"Accept": "application/ld+json"})
    assert response.status_code == 200 and response.headers["Content-Type"].startswith("application/ld+json")
    document = response.json()
    assert document["@context"].endswith("/api/context.jsonld")
    nquads = jsonld.to_rdf({**document, "@context": context}, {"format": "application/n-quads"})
    return document, list(parse(nquads.encode(), format=RdfFormat.N_QUADS))


def _number(literal: Literal) -> Decimal | None:
    if literal.datatype.value.rsplit("#", 1)[-1] not in NUMERIC:
        return None
    try:
        return Decimal(literal.value)
    except InvalidOperation:
        return None


def in_graph(store, quad) -> bool:
    """Whether the graph states the triple (a number compared by value: JSON has no decimals)."""
    s, p, o = quad.subject, quad.predicate, quad.object
    if any(True for _ in store.quads_for_pattern(s, p, o, None)):
        return True
    number = _number(o) if isinstance(o, Literal) else None
    return number is not None and any(isinstance(q.object, Literal) and _number(q.object) == number
                                      for q in store.quads_for_pattern(s, p, None, None))


def not_in_graph(store, quads) -> list[str]:
    wrong = []
    for quad in quads:
        if isinstance(quad.subject, BlankNode) and quad.predicate.value in PAGE_OWN:
            continue
        if isinstance(quad.subject, BlankNode) or isinstance(quad.object, BlankNode) or not in_graph(store, quad):
            wrong.append(f"{quad.subject} {quad.predicate} {quad.object}")
    return wrong


def sources_of(answer) -> list[dict]:
    """Every evidence object an answer shows, wherever it stands."""
    found = []
    if isinstance(answer, dict):
        if answer.get("types") == ["mh:Evidence"]:
            found.append(answer)
        for value in answer.values():
            found += sources_of(value)
    elif isinstance(answer, list):
        for value in answer:
            found += sources_of(value)
    return found


def missing_sources(answer, quads) -> list[str]:
    triples = {(q.subject, q.predicate, q.object) for q in quads}
    missing = []
    for source in sources_of(answer):
        evidence = NamedNode(source["id"])
        expected = [(NamedNode(source["fact"]), NamedNode(MH + "evidence"), evidence),
                    (evidence, NamedNode(PROV + "entity"), NamedNode(source["document"]["id"])),
                    (evidence, NamedNode(MH + "quote"), Literal(source["quote"], language="nl")),
                    (evidence, NamedNode(MH + "page"), Literal(str(source["page"]), datatype=NamedNode(
                        "http://www.w3.org/2001/XMLSchema#integer"))),
                    (evidence, NamedNode(MH + "quoteStart"), Literal(str(source["quoteStart"]), datatype=NamedNode(
                        "http://www.w3.org/2001/XMLSchema#integer")))]
        if source["passage"]:
            expected.append((evidence, NamedNode(MH + "passage"), NamedNode(source["passage"]["id"])))
        missing += [f"{t[0]} {t[1]} {t[2]}" for t in expected if t not in triples]
    return missing


def keys_of(answer) -> set[str]:
    if isinstance(answer, dict):
        return set(answer) | {k for v in answer.values() for k in keys_of(v)}
    if isinstance(answer, list):
        return {k for v in answer for k in keys_of(v)}
    return set()


def terms_of(context: dict) -> set[str]:
    """The terms a context defines, its scoped contexts' included."""
    terms = set(context)
    for definition in context.values():
        if isinstance(definition, dict) and isinstance(definition.get("@context"), dict):
            terms |= terms_of(definition["@context"])
    return terms


def check(api, graph_store, context, path, **params) -> tuple[dict, list]:
    answer, quads = as_jsonld(api, context, path, **params)
    unmapped = keys_of(answer) - terms_of(context) - {"@context"}
    assert not unmapped, f"{path}: keys the context does not map: {sorted(unmapped)}"
    wrong = not_in_graph(graph_store, quads)
    assert not wrong, f"{path}: {len(wrong)} of {len(quads)} triples are not in the graph:\n" + "\n".join(wrong[:15])
    missing = missing_sources(answer, quads)
    assert not missing, f"{path}: sources lost in expansion:\n" + "\n".join(missing[:15])
    return answer, quads


@pytest.mark.parametrize("kind", LISTS)
def test_every_list_page_round_trips(graph_server, graph_store, context, kind):
    answer, quads = check(graph_server, graph_store, context, f"/api/{kind}", limit=500)
    members = {q.subject for q in quads if not isinstance(q.subject, BlankNode)}
    assert {NamedNode(item["id"]) for item in answer["items"]} <= members
    if any(item["sources"] for item in answer["items"]):
        assert any(q.predicate.value == MH + "evidence" for q in quads)


@pytest.mark.parametrize("kind", LISTS)
def test_resources_round_trip_with_relations_statements_and_mentions(graph_server, graph_store, context, kind):
    items = graph_server.get(f"/api/{kind}", params={"limit": 4}).json()["items"]
    for item in items:
        check(graph_server, graph_store, context, f"/api/{kind}/{item['slug']}")


@pytest.mark.parametrize("path", ["/api/actors/comensha", "/api/documents/so-20240516-samen-tegen-mensenhandel",
                                  "/api/documents/nrm-brief-2017-02-13",
                                  "/api/recommendations/negende-rapportage-mensenhandel-nationaal-verwijsmechanisme",
                                  "/api/observations/comensha-mogelijke-slachtoffers-2014"])
def test_a_resource_keeps_every_quote_page_and_relation_it_shows(graph_server, graph_store, context, path):
    answer, quads = check(graph_server, graph_store, context, path)
    subject = NamedNode(answer["id"])
    assert sources_of(answer), "the resource shows its sources"
    mentioned = {q.object.value for q in quads if q.subject == subject and q.predicate.value == MH + "mentionedIn"}
    assert mentioned == {m["document"]["id"] for m in answer["mentionedIn"]}
    mentions = {q.subject.value for q in quads if q.predicate.value == MH + "mentionOf" and q.object == subject}
    assert mentions == {m["id"] for m in answer["mentions"]}
    statements = {q.subject.value for q in quads if q.predicate.value == RDF + "subject"}
    assert statements == {s["id"] for s in answer["statements"] if s["subject"]["id"] == answer["id"]}


def test_comensha_keeps_its_quotes_and_pages(graph_server, graph_store, context):
    """The measured case: 8 of its 27 triples survived expansion, with no quote or page."""
    answer, quads = check(graph_server, graph_store, context, "/api/actors/comensha")
    quotes = [q for q in quads if q.predicate.value == MH + "quote"]
    pages = [q for q in quads if q.predicate.value == MH + "page"]
    assert len(quads) > 100 and quotes and pages


def test_a_document_is_the_addressee_not_a_recommendation(graph_server, graph_store, context):
    answer, quads = check(graph_server, graph_store, context, "/api/documents/nrm-brief-2017-02-13")
    predicates = {q.predicate.value for q in quads if q.subject == NamedNode(answer["id"])}
    assert answer["addressee"] and MH + "addressee" in predicates and MH + "addressedTo" not in predicates


def test_a_recommendation_states_no_status_of_its_own(graph_server, graph_store, context):
    answer, quads = check(graph_server, graph_store, context, "/api/recommendations", status="adopted", limit=500)
    assert answer["items"] and all(item["status"] for item in answer["items"])
    assert not [q for q in quads if q.predicate.value == MH + "status"]


def test_passages_and_search_round_trip(graph_server, graph_store, context):
    answer, quads = check(graph_server, graph_store, context, "/api/documents/ah-tk-20122013-903/passages", limit=500)
    assert len({q.subject for q in quads if q.predicate.value == MH + "text"}) == len(answer["items"])
    one, quads = check(graph_server, graph_store, context, f"/api/passage/{answer['items'][0]['slug']}")
    assert {q.predicate.value for q in quads} >= {MH + "text", MH + "inDocument", MH + "order"}
    for query in ("comensha", "slachtoffers"):
        check(graph_server, graph_store, context, "/api/search", q=query, limit=50)


def test_a_page_of_mentions_round_trips_as_the_graphs_mentions(graph_server, graph_store, context):
    """Each item of /api/{kind}/{slug}/mentions is an mh:Mention derived from its document."""
    answer, quads = check(graph_server, graph_store, context, "/api/actor/comensha/mentions", limit=500)
    typed = {q.subject.value for q in quads if q.predicate.value == RDF + "type" and q.object.value == MH + "Mention"}
    derived = {(q.subject.value, q.object.value) for q in quads if q.predicate.value == PROV + "wasDerivedFrom"}
    assert answer["items"] and typed == {item["id"] for item in answer["items"]}
    assert derived == {(item["id"], item["document"]["id"]) for item in answer["items"]}
