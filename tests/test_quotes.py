"""Facts are sacred: every quote in the built graph occurs in its document."""
import functools

from kg.corpus import load_manifest
from kg.iris import ID
from kg.passages import passage_at, segment
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


# ---- every quote with its own page, passage and place (mh:Evidence) ---------------------

EVIDENCE = """
PREFIX mh: <https://w3id.org/mhkg/def#>
PREFIX prov: <http://www.w3.org/ns/prov#>
SELECT ?fact ?evidence ?document ?quote ?page ?passage ?start ?end ?passageStart ?passageEnd ?passageDocument WHERE {
  ?fact mh:evidence ?evidence .
  ?evidence a mh:Evidence ; prov:entity ?document ; mh:quote ?quote ; mh:page ?page ;
            mh:quoteStart ?start ; mh:quoteEnd ?end .
  OPTIONAL { ?evidence mh:passage ?passage .
             ?passage mh:startOffset ?passageStart ; mh:endOffset ?passageEnd ; mh:inDocument ?passageDocument }
}"""


@functools.cache
def _passages(document) -> list:
    return segment(document.slug, document.text, document.kind)


def _evidence(graph_store) -> list:
    return list(graph_store.query(EVIDENCE, use_default_graph_as_union=True))


def test_every_evidence_stands_where_the_build_locates_its_quote(graph_store):
    rows = _evidence(graph_store)
    assert len(rows) > 1000
    bad = []
    for row in rows:
        document = DOCUMENTS[row["document"].value]
        quote, start, end, page = row["quote"].value, int(row["start"].value), int(row["end"].value), int(row["page"].value)
        located = document.text.locate(quote)
        where = f"{row['evidence'].value} ({quote[:60]!r})"
        if not located or (located[0].start, located[0].end) != (start, end):
            bad.append(f"{where}: offsets {start}-{end}, located at {[(p.start, p.end) for p in located]}")
        elif normalise(document.text.original[start:end]) not in (normalise(quote), normalise(quote, keep_hyphen=True)) \
                and normalise(document.text.original[start:end], keep_hyphen=True) != normalise(quote):
            bad.append(f"{where}: the text at {start}-{end} is not the quote")
        if page != document.text.page_at(start):
            bad.append(f"{where}: page {page}, but the quote begins on page {document.text.page_at(start)}")
        expected = passage_at(_passages(document), start)       # None in a page's header or footer
        if (row["passage"] and row["passage"].value) != (expected and f"{ID}passage/{expected.slug}"):
            bad.append(f"{where}: passage {row['passage']}, but offset {start} stands in {expected}")
        elif row["passage"] is not None and (row["passageDocument"] != row["document"]
                                             or not int(row["passageStart"].value) <= start <= int(row["passageEnd"].value)):
            bad.append(f"{where}: passage {row['passage']} does not hold offset {start}")
    assert not bad, f"{len(bad)} evidence nodes out of place:\n" + "\n".join(bad[:20])


def test_each_fact_has_one_evidence_per_quote_and_no_page_it_does_not_quote_on(graph_store):
    facts = """
    PREFIX mh: <https://w3id.org/mhkg/def#>
    SELECT ?fact ?quote ?page WHERE {
      ?fact mh:quote ?quote ; mh:page ?page FILTER NOT EXISTS { ?fact a mh:Mention } FILTER NOT EXISTS { ?fact a mh:Evidence } }"""
    stated: dict = {}
    for row in graph_store.query(facts, use_default_graph_as_union=True):
        quotes, pages = stated.setdefault(row["fact"].value, (set(), set()))
        quotes.add(row["quote"].value)
        pages.add(int(row["page"].value))
    evidenced: dict = {}
    for row in _evidence(graph_store):
        quotes, pages = evidenced.setdefault(row["fact"].value, (set(), set()))
        quotes.add(row["quote"].value)
        pages.add(int(row["page"].value))
    assert len(stated) > 500 and stated.keys() == evidenced.keys()
    differ = [f for f in stated if stated[f] != evidenced[f]]
    assert not differ, differ[:10]


def test_the_groenlinks_pvda_asked_by_statement_gives_each_quote_only_its_own_page(graph_store):
    query = """
    PREFIX mh: <https://w3id.org/mhkg/def#>
    PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
    SELECT ?quote ?page WHERE {
      ?statement rdf:subject <https://w3id.org/mhkg/id/document/so-20240516-samen-tegen-mensenhandel> ;
                 rdf:predicate mh:askedBy ; rdf:object <https://w3id.org/mhkg/id/actor/groenlinks-pvda-fractie> ;
                 mh:evidence ?evidence .
      ?evidence mh:quote ?quote ; mh:page ?page }"""
    rows = [(row["quote"].value, int(row["page"].value))
            for row in graph_store.query(query, use_default_graph_as_union=True)]
    # The pages as printed in the schriftelijk overleg of 16 May 2024.
    expected = {"hebben kennisgenomen van het voornemen": 2, "maken zich zorgen over de opvang": 12,
                "zijn van mening dat de aanpak van klanten": 13, "vragen of de Staatssecretaris het onderzoek": 13,
                "vragen naar de stand van zaken": 20, "wat de uitkomst is van het gesprek": 21}
    found = {phrase: page for quote, page in rows for phrase in expected if phrase in quote}
    assert len(rows) == len(expected) and found == expected, rows


# ---- a curated `page` must be where the quote stands, and chooses among its places --------

def _assemble(tmp_path, document: str, body: str):
    import shutil
    import textwrap

    from kg.facts import FACTS_DIR
    from kg.graph import assemble
    shutil.copy(FACTS_DIR / "register.yaml", tmp_path / "register.yaml")
    (tmp_path / f"{document}.yaml").write_text(textwrap.dedent(body), encoding="utf-8")
    return assemble(tmp_path)


def test_a_curated_page_where_the_quote_does_not_stand_fails_the_build_naming_both(tmp_path):
    import pytest

    from kg.graph import BuildError
    with pytest.raises(BuildError) as caught:
        _assemble(tmp_path, "kst-28638-174", """
            document: kst-28638-174
            statements:
              - quote: "In 2013 ging het om 250 verdachten"
                page: 2
                says:
                  - [actor/openbaar-ministerie, skos:note, "250 verdachten in 2013"]
            """)
    assert caught.value.problems == [
        f"{tmp_path / 'kst-28638-174.yaml'}: statement 1: quote 'In 2013 ging het om 250 verdachten' stands on "
        "page 1 of kst-28638-174, not on page 2 as `page` says"]


def test_a_curated_page_chooses_the_occurrence_of_a_quote_that_stands_twice(tmp_path):
    quote = "Ik ben voornemens deze in februari met uw Kamer te delen."
    text = DOCUMENTS[f"{ID}document/ah-tk-20212022-1219"].text
    assert {p.page for p in text.locate(quote)} == {3, 5}
    found = {}
    for page in (None, 5):
        quads = _assemble(tmp_path, "ah-tk-20212022-1219", f"""
            document: ah-tk-20212022-1219
            statements:
              - quote: "{quote}"
                {f"page: {page}" if page else ""}
                says:
                  - [actor/tweede-kamer, skos:note, "in februari"]
            """).quads
        found[page] = {q.predicate.value.rsplit("#", 1)[-1]: int(q.object.value) for q in quads
                       if q.subject.value.startswith(f"{ID}evidence/")
                       and q.predicate.value.rsplit("#", 1)[-1] in ("page", "quoteStart")}
    assert found[None] == {"page": 3, "quoteStart": text.locate(quote)[0].start}
    assert found[5] == {"page": 5, "quoteStart": text.locate(quote)[-1].start}


def test_every_page_in_the_graph_is_where_one_of_its_quotes_begins(graph_store):
    """Over the whole graph (facts, their evidence, mentions): no page is one the build did not
    find a quote of the same resource on."""
    query = """
    PREFIX mh: <https://w3id.org/mhkg/def#>
    PREFIX prov: <http://www.w3.org/ns/prov#>
    SELECT ?resource ?document ?quote ?page WHERE {
      ?resource mh:quote ?quote ; mh:page ?page ; prov:wasDerivedFrom|prov:entity ?document }"""
    quoted: dict = {}
    for row in graph_store.query(query, use_default_graph_as_union=True):
        quotes, pages = quoted.setdefault((row["resource"].value, row["document"].value), (set(), set()))
        quotes.add(row["quote"].value)
        pages.add(int(row["page"].value))
    assert len(quoted) > 1500
    wrong = []
    for (resource, document), (quotes, pages) in quoted.items():
        text = DOCUMENTS[document].text
        located = {text.locate(quote)[0].page for quote in quotes}
        if pages != located:
            wrong.append(f"{resource}: pages {sorted(pages)}, its quotes begin on {sorted(located)}")
    assert not wrong, "\n".join(wrong[:20])
