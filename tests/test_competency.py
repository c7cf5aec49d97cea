"""Competency questions: what a researcher asks, answered by the built on-disk store.

Each question is a SPARQL file in tests/cq/ named for what it asks; tests/cq/expected.yaml
gives its expected answer, derived by reading the documents (with the sentence that
proves it). Our IRIs are written as `<kind>/<slug>`, literals as their lexical value.
"""
from pathlib import Path

import pytest
import yaml
from pyoxigraph import NamedNode

from kg.iris import split_thing
from kg.store import run

CQ_DIR = Path(__file__).with_name("cq")
CASES = yaml.safe_load((CQ_DIR / "expected.yaml").read_text(encoding="utf-8"))


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
