"""The example queries of ontology/README.md and of the README run on the built graph, find
what they show, and count each fact once (no duplicate rows: ontology/README.md, *Counting each
fact once*)."""
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "ontology" / "README.md"
EXAMPLES = re.findall(r"```sparql\n(.*?)```", README.read_text(encoding="utf-8"), re.S)
ROOT_EXAMPLES = re.findall(r"```sparql\n(.*?)```", (ROOT / "README.md").read_text(encoding="utf-8"), re.S)


def rows(store, query):
    result = store.query(query, use_default_graph_as_union=True)
    names = [v.value for v in result.variables]
    return [{name: row[name].value if row[name] is not None else None for name in names} for row in result]


def test_the_readme_has_its_examples():
    assert len(EXAMPLES) >= 4 and any("mh:evidence" in q for q in EXAMPLES)
    assert len(ROOT_EXAMPLES) == 3


@pytest.mark.parametrize("query", EXAMPLES + ROOT_EXAMPLES,
                         ids=[f"example-{n}" for n in range(1, len(EXAMPLES) + 1)]
                         + [f"readme-{n}" for n in range(1, len(ROOT_EXAMPLES) + 1)])
def test_every_example_query_answers_each_fact_once(graph_store, query):
    found = rows(graph_store, query)
    assert found, "the example finds nothing"
    keys = [tuple(sorted(row.items(), key=lambda kv: kv[0])) for row in found]
    assert len(keys) == len(set(keys)), "the example returns a row more than once"
    if "groenlinks-pvda-fractie" in query:
        pages = [int(row["page"]) for row in found]
        assert sorted(pages) == [2, 12, 13, 13, 20, 21] and len({row["quote"] for row in found}) == len(found)


def example(marker: str) -> str:
    return next(q for q in EXAMPLES if marker in q)


def test_the_membership_example_gives_each_agency_and_its_contribution(graph_store):
    found = {(row["agency"].rsplit("/", 1)[1], row["contribution"], row["page"])
             for row in rows(graph_store, example("?agency a mh:EUAgency"))}
    assert found == {("europol", "inlichtingen", "11"), ("eurojust", "JIT’s", "11"),
                     ("cepol", None, "11"), ("frontex", None, "11")}


def test_the_readme_expert_group_example_finds_its_eighteen_members_on_page_5(graph_store):
    found = rows(graph_store, next(q for q in ROOT_EXAMPLES if "landelijke-expertgroep" in q))
    assert len(found) == 18 and {row["page"] for row in found} == {"5"}
    assert {"CoMensha", "Spirit", "gemeente Rotterdam"} <= {row["member"] for row in found}
