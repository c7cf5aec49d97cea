"""The example queries of ontology/README.md run on the built graph and find what they show."""
import re
from pathlib import Path

import pytest

README = Path(__file__).resolve().parents[1] / "ontology" / "README.md"
EXAMPLES = re.findall(r"```sparql\n(.*?)```", README.read_text(encoding="utf-8"), re.S)


def test_the_readme_has_its_examples():
    assert len(EXAMPLES) >= 4 and any("mh:evidence" in q for q in EXAMPLES)


@pytest.mark.parametrize("query", EXAMPLES, ids=[f"example-{n}" for n in range(1, len(EXAMPLES) + 1)])
def test_every_example_query_answers(graph_store, query):
    rows = list(graph_store.query(query, use_default_graph_as_union=True))
    assert rows, "the example finds nothing"
    if "mh:evidence" in query:
        pages = [int(row["page"].value) for row in rows]
        assert sorted(pages) == [2, 12, 13, 13, 20, 21] and len({row["quote"].value for row in rows}) == len(rows)
