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
