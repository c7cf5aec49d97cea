"""The fact compiler refuses what it cannot prove, naming the file and the place."""
import shutil
import textwrap

import pytest

from kg.facts import FACTS_DIR
from kg.graph import BuildError, assemble


@pytest.fixture
def facts_dir(tmp_path):
    shutil.copy(FACTS_DIR / "register.yaml", tmp_path / "register.yaml")
    return tmp_path


def problems(facts_dir, body):
    (facts_dir / "kst-28638-174.yaml").write_text(textwrap.dedent(body), encoding="utf-8")
    with pytest.raises(BuildError) as caught:
        assemble(facts_dir)
    return "\n".join(caught.value.problems)


def test_a_quote_not_in_the_document_fails_the_build_naming_it(facts_dir):
    found = problems(facts_dir, """
        document: kst-28638-174
        records:
          observation/verzonnen:
            a: mh:Observation
            label: Verzonnen cijfer
            mh:measures: indicator/om-verdachten-mensenhandel
            mh:value: 999
            quote: "In 2013 ging het om 999 verdachten"
        """)
    assert "kst-28638-174.yaml: record observation/verzonnen" in found
    assert "quote not found in document kst-28638-174: 'In 2013 ging het om 999 verdachten'" in found


def test_unknown_terms_and_bad_values_are_named(facts_dir):
    found = problems(facts_dir, """
        document: kst-28638-174
        statements:
          - quote: "In 2013 ging het om 250 verdachten"
            says:
              - [actor/openbaar-ministerie, mh:verzonnenEigenschap, actor/politie]
        records:
          observation/fout-getal:
            a: mh:Observation
            label: Fout getal
            mh:measures: indicator/om-verdachten-mensenhandel
            mh:value: "tweehonderdvijftig"
            quote: "In 2013 ging het om 250 verdachten"
        """)
    assert "unknown property 'mh:verzonnenEigenschap'" in found
    assert "'tweehonderdvijftig' is not a valid decimal" in found


def test_a_yaml_syntax_error_names_the_line(facts_dir):
    found = problems(facts_dir, """
        document: kst-28638-174
        records:
          observation/x: {a: mh:Observation
        """)
    assert "kst-28638-174.yaml: line" in found and "YAML syntax error" in found


def test_one_slug_with_two_labels_is_refused(facts_dir):
    found = problems(facts_dir, """
        document: kst-28638-174
        entities:
          actor/comensha:
            a: mh:NonGovernmentalOrganisation
            label: Comensha (anders gespeld)
        """)
    assert "label 'Comensha (anders gespeld)' differs from 'CoMensha' declared in register.yaml" in found


def test_a_document_the_manifest_does_not_know_is_refused(facts_dir):
    found = problems(facts_dir, """
        document: kst-99999-1
        statements:
          - quote: "iets"
            says: [[actor/comensha, mh:cooperatesWith, actor/nidos]]
        """)
    assert "unknown document 'kst-99999-1'" in found


def test_reference_knowledge_without_a_public_source_is_refused(tmp_path):
    from kg.graph import REFERENCE_FILE, reference_quads

    path = tmp_path / REFERENCE_FILE
    path.write_text("""
        @prefix mh: <https://w3id.org/mhkg/def#> .
        <https://w3id.org/mhkg/id/actor/a> mh:succeeds <https://w3id.org/mhkg/id/actor/b> .
        <https://w3id.org/mhkg/id/actor/a> mh:formerName "B"@nl .
        [] a <http://www.w3.org/1999/02/22-rdf-syntax-ns#Statement> ;
           <http://www.w3.org/1999/02/22-rdf-syntax-ns#subject> <https://w3id.org/mhkg/id/actor/a> ;
           <http://www.w3.org/1999/02/22-rdf-syntax-ns#predicate> mh:succeeds ;
           <http://www.w3.org/1999/02/22-rdf-syntax-ns#object> <https://w3id.org/mhkg/id/actor/b> ;
           <http://purl.org/dc/terms/source> <https://example.org/source> .
        """)
    with pytest.raises(BuildError) as failure:
        reference_quads(path)
    assert failure.value.problems == [f"{path}: <https://w3id.org/mhkg/id/actor/a> "
                                      f"<https://w3id.org/mhkg/def#formerName> \"B\"@nl has no rdf:Statement "
                                      f"with a dct:source"]


def test_the_reference_graph_is_kept_apart_from_the_documents(graph_store):
    from kg.store import run

    rows = run(graph_store, """
        SELECT ?g WHERE { GRAPH ?g { <https://w3id.org/mhkg/id/actor/nederlandse-arbeidsinspectie>
                                     <https://w3id.org/mhkg/def#succeeds> ?former } }""")
    assert [row["g"].value for row in rows] == ["https://w3id.org/mhkg/graph/reference"]


# --- one model per idea (ontology 1.2) -------------------------------------------------------

MH = "https://w3id.org/mhkg/def#"
ID = "https://w3id.org/mhkg/id/"


def values(store, query: str) -> list[tuple]:
    from kg.store import run

    result = run(store, "PREFIX mh: <https://w3id.org/mhkg/def#> PREFIX org: <http://www.w3.org/ns/org#> "
                        "PREFIX dct: <http://purl.org/dc/terms/> PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> "
                        "PREFIX prov: <http://www.w3.org/ns/prov#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
                        + query)
    names = [v.value for v in result.variables]
    return sorted(tuple(row[n].value.removeprefix(ID) if row[n] is not None else None for n in names)
                  for row in result)


def test_every_membership_is_an_mh_membership_and_org_member_of_its_shortcut(graph_store):
    members_of = values(graph_store, "SELECT DISTINCT ?m ?o WHERE { ?m org:memberOf ?o }")
    memberships = values(graph_store, "SELECT DISTINCT ?m ?o WHERE { ?x a mh:Membership ; org:member ?m ; org:organization ?o }")
    assert members_of == memberships and len(memberships) >= 34
    assert not values(graph_store, "SELECT ?s WHERE { ?s rdf:predicate org:memberOf }"), \
        "no membership is a bare org:memberOf statement any more"
    assert not values(graph_store, "SELECT ?a ?b WHERE { ?a mh:participatesIn ?b . ?b a mh:Actor }"), \
        "taking part in an actor is a membership"
    agencies = values(graph_store, "SELECT DISTINCT ?m WHERE { ?x a mh:Membership ; org:member ?m ; "
                                   "org:organization <https://w3id.org/mhkg/id/actor/empact-thb> . ?m a mh:EUAgency }")
    assert agencies == [("actor/cepol",), ("actor/eurojust",), ("actor/europol",), ("actor/frontex",)]


def test_empact_is_one_platform(graph_store):
    assert not values(graph_store, "SELECT ?p ?o WHERE { <https://w3id.org/mhkg/id/actor/empact> ?p ?o }")
    assert not values(graph_store, "SELECT ?s ?p WHERE { ?s ?p <https://w3id.org/mhkg/id/actor/empact> }")
    dutch = values(graph_store, "SELECT DISTINCT ?m WHERE { ?x a mh:Membership ; org:member ?m ; "
                                "org:organization <https://w3id.org/mhkg/id/actor/empact-thb> ; "
                                "mh:passage <https://w3id.org/mhkg/id/passage/so-20240516-samen-tegen-mensenhandel-voetnoot-2> }")
    assert len(dutch) == 6
    assert ("EMPACT",) in values(graph_store, "SELECT ?l WHERE { <https://w3id.org/mhkg/id/actor/empact-thb> skos:altLabel ?l }")


def test_one_property_for_citing_issuing_and_duties(graph_store):
    assert not values(graph_store, "SELECT ?s ?o WHERE { ?s dct:references ?o }")
    assert not values(graph_store, "SELECT ?s ?o WHERE { ?s dct:creator ?o }")
    assert not values(graph_store, "SELECT ?s ?o WHERE { ?s mh:hasDuty ?o }")
    assert ("actor/gerechtshof-arnhem-leeuwarden",) in values(
        graph_store, "SELECT ?c WHERE { <https://w3id.org/mhkg/id/citation/ecli-gharl-2018-5772> mh:issuedBy ?c }")
    assert values(graph_store, "SELECT DISTINCT ?h WHERE { ?d a mh:NoReportingDuty ; mh:dutyHolder ?h }") == \
        [("actor/bureau-jeugdzorg",), ("actor/nidos",)]
    assert not values(graph_store, "SELECT ?d WHERE { ?d a mh:NoReportingDuty , mh:ReportingDuty }")


# --- structured facts where there was prose -------------------------------------------------

def statement_quotes(store, subject: str, predicate: str) -> list[tuple]:
    return values(store, f"""SELECT DISTINCT ?o ?quote ?page WHERE {{
        ?st rdf:subject <{ID}{subject}> ; rdf:predicate {predicate} ; rdf:object ?o ; mh:evidence ?e .
        ?e mh:quote ?quote ; mh:page ?page }}""")


def test_the_expected_entry_into_force_is_a_date_with_its_condition_and_quote(graph_store):
    bill = "instrument/wet-modernisering-en-uitbreiding-strafbaarstelling-mensenhandel"
    found = values(graph_store, f"SELECT ?d (DATATYPE(?d) AS ?t) ?c WHERE {{ <{ID}{bill}> mh:expectedEntryIntoForce ?d ; mh:condition ?c }}")
    assert found == [("2025-07-01", "http://www.w3.org/2001/XMLSchema#date",
                      "In het geschetste scenario dat de Eerste Kamer dit wetsvoorstel nog in 2024 aanneemt")]
    [(_, quote, page)] = statement_quotes(graph_store, bill, "mh:expectedEntryIntoForce")
    assert "de wet op 1 juli 2025 in werking kan treden" in quote and page == "18"


def test_every_pilot_and_the_motie_segers_asscher_have_a_quoted_status(graph_store):
    statuses = dict(values(graph_store, "SELECT DISTINCT ?i ?s WHERE { ?i mh:implementationStatus ?s }"))
    pilots = {i for (i,) in values(graph_store, "SELECT DISTINCT ?i WHERE { ?i a mh:Pilot }")}
    assert pilots and pilots <= set(statuses)
    assert statuses["instrument/motie-segers-asscher"] == "concept/implementation-completed"
    assert statuses["instrument/pilot-multidisciplinaire-advisering-slachtofferschap-mensenhandel"] == "concept/implementation-not-started"
    assert statuses["instrument/pilot-opvangplekken-ernstig-benadeelden"] == "concept/implementation-planned"
    [(_, quote, _)] = statement_quotes(graph_store, "instrument/motie-segers-asscher", "mh:implementationStatus")
    assert "afgeronde uitvoering van de motie Segers-Asscher" in quote


def test_the_calls_and_criticisms_the_answers_reply_to_are_recommendations_with_responses(graph_store):
    found = values(graph_store, """SELECT DISTINCT ?rec ?by ?status WHERE {
        ?rec a mh:Recommendation ; mh:recommendedBy ?by .
        ?resp mh:respondsTo ?rec ; mh:status ?status }""")
    for expected in [("recommendation/ckm-budget-actieplan-tekortschietend",
                      "actor/centrum-tegen-kinderhandel-en-mensenhandel", "status/partly-adopted"),
                     ("recommendation/ckm-actieplan-internationale-paragraaf-en-technologie",
                      "actor/centrum-tegen-kinderhandel-en-mensenhandel", "status/partly-adopted"),
                     ("recommendation/dadermonitor-2017-2021-weinig-opsporingsonderzoeken-arbeidsuitbuiting",
                      "actor/nationaal-rapporteur", "status/adopted")]:
        assert expected in found
