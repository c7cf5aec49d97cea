"""Search snippets: the words around the first match, every matching word marked."""
from kg.search import snippet


def test_every_word_of_the_query_is_marked_in_the_snippet():
    assert snippet("Inspectie SZW", "inspectie szw") == "«Inspectie» «SZW»"
    assert snippet("De slachtoffers en het slachtoffer", "slachtoffer") == "De «slachtoffers» en het «slachtoffer»"


def test_a_long_text_is_cut_around_the_first_match():
    text = " ".join(f"w{i}" for i in range(40)) + " mensenhandel " + " ".join(f"v{i}" for i in range(40))
    shown = snippet(text, "mensenhandel", words_around=3)
    assert shown == "… w37 w38 w39 «mensenhandel» v0 v1 v2 …"
