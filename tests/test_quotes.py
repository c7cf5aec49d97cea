"""Facts are sacred: every quote in the built graph occurs in its document."""
from kg.corpus import load_manifest
from kg.iris import ID
from kg.store import run_named
from kg.text import normalise

DOCUMENTS = {f"{ID}document/{d.slug}": d for d in load_manifest()}


def test_every_quote_occurs_in_its_document(graph_store):
    rows = list(run_named(graph_store, "quotes_with_their_documents"))
    assert len(rows) > 100
    bad = []
    for row in rows:
        document = DOCUMENTS.get(row["document"].value)
        quote = row["quote"].value
        text = document.text.original if document else ""
        if normalise(quote) not in normalise(text) and normalise(quote) not in normalise(text, keep_hyphen=True):
            bad.append(f"{row['resource'].value}: {quote!r} not in {row['document'].value}")
    assert not bad, "quotes that do not occur in their document:\n" + "\n".join(bad)


def test_every_quote_carries_its_document_and_page(graph_store):
    rows = list(run_named(graph_store, "quoted_resources_without_document_or_page"))
    assert rows == [], [r["resource"].value for r in rows]


def test_recommendations_responses_and_observations_are_all_quoted(graph_store):
    rows = list(run_named(graph_store, "unquoted_recommendations_responses_observations"))
    assert rows == [], [r["resource"].value for r in rows]
