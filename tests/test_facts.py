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
