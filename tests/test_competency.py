"""Competency questions: what a researcher asks, answered by the built on-disk store.

Each question is a SPARQL file in api/examples/ named for what it asks, with the question as
its `# title:` (the same files are the workbench's gallery and the canned queries, so a
researcher runs exactly what is tested); tests/cq/expected.yaml gives its expected answer, derived by reading the documents (with the sentence that
proves it). Our IRIs are written as `<kind>/<slug>`, literals as their lexical value.

Each question counts each fact once from the union default graph (ontology/README.md,
*Counting each fact once*): its answer has no duplicate rows.
"""
import re
from pathlib import Path

import pytest
import yaml
from pyoxigraph import NamedNode

from kg.iris import split_thing
from kg.store import run

CQ_DIR = Path(__file__).resolve().parents[1] / "api" / "examples"
CASES = yaml.safe_load((Path(__file__).with_name("cq") / "expected.yaml").read_text(encoding="utf-8"))


def shorthand(term) -> str:
    if isinstance(term, NamedNode):
        parts = split_thing(term.value)
        return "/".join(parts) if parts else term.value
    return term.value


def answer(store, query: str):
    result = run(store, query)
    if isinstance(result, bool) or type(result).__name__ == "QueryBoolean":
        return bool(result)
    variables = [v.value for v in result.variables]
    return [{name: shorthand(row[name]) for name in variables if row[name] is not None} for row in result]


def test_there_are_at_least_thirty_questions():
    assert len(CASES) >= 30
    assert sorted(p.name for p in CQ_DIR.glob("*.rq")) == sorted(c["query"] for c in CASES)


@pytest.mark.parametrize("case", CASES, ids=[c["query"].removesuffix(".rq") for c in CASES])
def test_competency_question(graph_store, case):
    got = answer(graph_store, (CQ_DIR / case["query"]).read_text(encoding="utf-8"))
    expected = case["expect"]
    if isinstance(expected, bool):
        assert got is expected
    elif case.get("ordered"):
        assert got == expected
    else:
        key = lambda row: sorted(row.items())  # noqa: E731
        assert sorted(got, key=key) == sorted(expected, key=key)


def rows_of(store, query: str) -> list[tuple]:
    result = run(store, query)
    variables = [v.value for v in result.variables]
    return [tuple(str(row[name]) if row[name] is not None else None for name in variables) for row in result]


@pytest.mark.parametrize("case", [c for c in CASES if not isinstance(c["expect"], bool)],
                         ids=[c["query"].removesuffix(".rq") for c in CASES if not isinstance(c["expect"], bool)])
def test_each_answer_counts_each_fact_once(graph_store, case):
    rows = rows_of(graph_store, (CQ_DIR / case["query"]).read_text(encoding="utf-8"))
    duplicates = sorted({row for row in rows if rows.count(row) > 1})
    assert not duplicates, f"rows found more than once: {duplicates}"


def test_every_question_is_written_to_count_once():
    """SELECT DISTINCT (or ASK), and an aggregate only over DISTINCT values: the rule that
    keeps an answer right when a second document states the same fact."""
    problems = []
    for path in sorted(CQ_DIR.glob("*.rq")):
        text = re.sub(r"#.*", "", path.read_text(encoding="utf-8"))
        if re.search(r"\bASK\b", text):
            continue
        outer = re.search(r"\bSELECT\b(.*?)\bWHERE\b", text, re.S | re.I)
        if not outer or not re.match(r"\s*DISTINCT\b", outer.group(1), re.I):
            aggregates = re.findall(r"\b(COUNT|SUM|AVG)\s*\(\s*(DISTINCT\b)?", outer.group(1) if outer else "", re.I)
            if not aggregates or not all(distinct for _, distinct in aggregates):
                problems.append(f"{path.name}: the outer SELECT is neither DISTINCT nor an aggregate over DISTINCT")
        for name, distinct in re.findall(r"\b(COUNT|SUM|AVG)\s*\(\s*(DISTINCT\b)?", text, re.I):
            if not distinct and not re.search(r"SELECT\s+DISTINCT[^{}]*\{[^{}]*\}\s*\}\s*\}", text):
                problems.append(f"{path.name}: {name}(…) without DISTINCT and not over a SELECT DISTINCT")
    assert not problems, "\n".join(problems)


def test_the_union_default_graph_does_double_count_without_distinct(graph_store):
    """Why the rule: the documents' identity is stated in two graphs, so COUNT(*) over the
    union default graph finds each document twice (the README and ontology/README say so)."""
    query = "PREFIX mh: <https://w3id.org/mhkg/def#> SELECT (COUNT(*) AS ?all) (COUNT(DISTINCT ?d) AS ?once) WHERE { ?d a mh:SourceDocument }"
    row = next(iter(run(graph_store, query)))
    assert (int(row["all"].value), int(row["once"].value)) == (10, 5)


def test_every_commitment_of_the_register_has_its_words(graph_store):
    """The register's text of a commitment is one of its own quotes (so the build located it), and
    every status and fulfilment is stated by a quoted statement of the document that says it."""
    prefixes = ("PREFIX mh: <https://w3id.org/mhkg/def#> PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> "
                "PREFIX prov: <http://www.w3.org/ns/prov#> ")
    commitments = rows_of(graph_store, prefixes + "SELECT DISTINCT ?c WHERE { ?c a mh:Commitment }")
    assert len(commitments) >= 24
    unquoted = rows_of(graph_store, prefixes + """SELECT DISTINCT ?c ?text WHERE {
        ?c a mh:Commitment . OPTIONAL { ?c mh:commitmentText ?text }
        FILTER NOT EXISTS { ?c mh:commitmentText ?t ; mh:quote ?q FILTER (str(?t) = str(?q)) } }""")
    assert not unquoted, f"commitments whose text is missing or not one of their quotes: {unquoted}"
    unsaid = rows_of(graph_store, prefixes + """SELECT DISTINCT ?c ?p ?o WHERE {
        VALUES ?p { mh:commitmentStatus mh:fulfilledBy } ?c ?p ?o .
        FILTER NOT EXISTS { ?s rdf:subject ?c ; rdf:predicate ?p ; rdf:object ?o ;
                            prov:wasDerivedFrom ?d ; mh:quote ?q } }""")
    assert not unsaid, f"a status or fulfilment without the statement and quote that say it: {unsaid}"
    # a commitment no document speaks of again has no status: never a default "open"
    statuses = rows_of(graph_store, prefixes + "SELECT DISTINCT ?c WHERE { ?c mh:commitmentStatus ?s }")
    assert len(statuses) == 2


def test_every_example_has_an_expected_answer():
    """Each query of the gallery (api/examples/) is a competency question with its answer, so a
    new example cannot go untested, and no answer waits for a query that is gone."""
    assert sorted(c["query"] for c in CASES) == sorted(p.name for p in CQ_DIR.glob("*.rq"))
