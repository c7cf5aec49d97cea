"""Search snippets: the words around the first match, every matching word marked."""
from kg.search import snippet


def test_every_word_of_the_query_is_marked_in_the_snippet():
    assert snippet("Inspectie SZW", "inspectie szw") == "«Inspectie» «SZW»"
    assert snippet("De slachtoffers en het slachtoffer", "slachtoffer") == "De «slachtoffers» en het «slachtoffer»"


def test_a_long_text_is_cut_around_the_first_match():
    text = " ".join(f"w{i}" for i in range(40)) + " mensenhandel " + " ".join(f"v{i}" for i in range(40))
    shown = snippet(text, "mensenhandel", words_around=3)
    assert shown == "… w37 w38 w39 «mensenhandel» v0 v1 v2 …"


# ---- partial matches: all the words first, then fewer, then none ----------------------------

def _index(names: dict[str, str], texts: dict[str, str]):
    import sqlite3

    from kg.search import add_name, add_text, create
    db = sqlite3.connect(":memory:")
    create(db)
    for iri, name in names.items():
        add_name(db, iri, "instrument", "label", name)
    for iri, text in texts.items():
        add_text(db, iri, "passage", text)
    return db


def test_what_matches_every_word_comes_first_then_fewer_words_then_nothing():
    from kg.search import find
    db = _index({"m:segers": "Motie Segers-Asscher", "m:other": "Motie Van Dijk"},
                {"p:all": "De motie is volledig uitgevoerd, schrijft de minister.",
                 "p:two": "Het plan is volledig uitgevoerd.", "p:none": "Niets hierover."})
    hits = find(db, "motie volledig uitgevoerd")
    assert [(h.iri, h.words) for h in hits][:2] == [("p:all", 3), ("p:two", 2)]
    assert {h.iri for h in hits[2:]} == {"m:segers", "m:other"} and all(h.words == 1 for h in hits[2:])
    assert "p:none" not in {h.iri for h in hits}
    one_word = [h.iri for h in find(db, "motie")]
    assert set(one_word[:2]) == {"m:segers", "m:other"} and one_word[2:] == ["p:all"], "names before text"


def test_a_word_repeated_or_in_two_forms_counts_once():
    from kg.search import find
    db = _index({}, {"p:1": "slachtoffers en slachtoffer", "p:2": "slachtoffer van uitbuiting"})
    hits = find(db, "slachtoffers slachtoffer uitbuiting")
    assert [(h.iri, h.words) for h in hits] == [("p:2", 2), ("p:1", 1)]


def test_query_syntax_of_fts5_is_only_ever_words():
    from kg.search import find
    db = _index({"m:1": "Motie Segers"}, {})
    for query in ('motie OR', 'NEAR(motie segers)', '"motie" -segers', "motie* segers^"):
        assert [h.iri for h in find(db, query)] == ["m:1"], query


def test_hits_of_fewer_words_come_after_those_of_all_words():
    from kg.search import find
    db = _index({"m:segers": "Motie Segers-Asscher", "m:other": "Motie Van Dijk"},
                {"p:all": "De motie is volledig uitgevoerd.", "p:two": "Het plan is volledig uitgevoerd.",
                 "p:one": "Uitgevoerd, zegt men."})
    expected = [(h.iri, h.words, h.snippet) for h in find(db, "motie volledig uitgevoerd")]
    assert [iri for iri, _, _ in expected][:2] == ["p:all", "p:two"] and len(expected) == 5
