"""The shortcuts that make mention matching and quote location fast find what the plain
searches find: a label is tried only on a passage holding all its words, a normalised text
maps back to the original by stretches, a sentence's last word is read from a window."""
import random

from kg.corpus import load_manifest
from kg.mentions import Matcher, _alignment, sentence_bounds
from kg.text import DocumentText, _Normalised, normalise


def test_a_label_is_compiled_only_for_a_passage_with_all_its_words():
    matcher = Matcher({"instrument/stm": ["programma Samen tegen mensenhandel"], "actor/nrm": ["NRM"],
                       "actor/x": ["Raad van Europa"]})
    text = "het programma Samen tegen\nmensenhandel7 en NRM12 volgens de Raad"
    assert [text[h.start:h.end] for h in matcher.hits(text)] == ["programma Samen tegen\nmensenhandel", "NRM"]
    compiled = {p.label for p in matcher.patterns if "pattern" in vars(p)}
    assert compiled == {"programma Samen tegen mensenhandel", "NRM"}      # "Europa" is not in the text


def test_every_character_of_a_normalised_text_stands_where_it_says():
    rnd = random.Random(3)
    pieces = ["Mensen", "han-\n  del", " ", "  ", "\n", "\t", "OM-\nverdachten", ".", "\u00a0", "a", "-"]
    texts = [doc.text.original for doc in load_manifest()]
    texts += ["".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 40))) for _ in range(500)]
    for original in texts:
        for keep in (False, True):
            normalised = _Normalised(original, keep)
            assert normalised.text == normalise(original, keep_hyphen=keep)
            for i, ch in enumerate(normalised.text):
                if not ch.isspace():
                    assert original[normalised._offset(i)] == ch


def test_quotes_are_located_across_breaks_and_space():
    text = DocumentText("  De Mensenhan-\n   del en het\n\nOM-\nbeleid.  ")
    [hit] = text.locate("Mensenhandel en het OM")
    assert text.original[hit.start:hit.end] == "Mensenhan-\n   del en het\n\nOM"
    [hit] = text.locate("OM-beleid.")
    assert text.original[hit.start:hit.end] == "OM-\nbeleid."


def test_a_long_word_before_a_full_stop_is_read_whole():
    long = "x" * 60
    assert sentence_bounds(f"Zie {long}. Dan nr. 5 en p. Drie.") == [(0, 65), (66, 87)]
    assert sentence_bounds(f"Zie a{long}nr. Dan.") == [(0, 68), (69, 73)]


def test_hyphens_kept_at_line_breaks_are_aligned_with_the_joined_text():
    assert _alignment("OMverdachten en Verwey-Jonker", "OM-verdachten en Verwey-Jonker") == (
        [0, 1, 2, *range(2, 30)], {2})
    assert _alignment("abc", "abd") is None
    assert _alignment("ab", "a-b-") == ([0, 1, 1, 2, 2], {1, 3})
