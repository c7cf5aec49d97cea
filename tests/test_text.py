"""Locating quotes in PDF-extracted text: white space, hyphenation, pages."""
from kg.corpus import load_manifest
from kg.text import DocumentText, normalise

SAMPLE = (
    " Eerste pagina over Mensenhan-\n"
    "del en samen-\nwerking.\n"
    "Tweede Kamer, vergaderjaar 2018–2019, 28 638, nr. 174 1\n"
    "\n\n"
    "en de tweede pagina met  veel   spaties.\n"
    " Derde pagina: migratie- en\nvluchtelingenketen.\n"
)


def test_normalise_collapses_space_and_joins_hyphenated_words():
    assert normalise("Mensenhan-\n  del  en\tzo") == "Mensenhandel en zo"
    assert normalise("Mensenhan-\n  del", keep_hyphen=True) == "Mensenhan-del"


def test_locate_maps_back_to_original_offsets_and_pages():
    text = DocumentText(SAMPLE)
    [hit] = text.locate("over Mensenhandel en samenwerking.")
    assert SAMPLE[hit.start:hit.end].startswith("over Mensenhan-\ndel")
    assert hit.page == 1
    assert text.locate("met veel spaties")[0].page == 2    # first text after a footer
    assert text.locate("Derde pagina")[0].page == 3        # a line opened by one space


def test_locate_accepts_a_real_hyphen_at_a_line_break():
    text = DocumentText("Hof Arnhem-\nLeeuwarden, 22 juni 2018; migratie- en\nvluchtelingenketen.")
    assert text.locate("Hof Arnhem-Leeuwarden, 22 juni 2018")      # hyphen kept
    assert text.locate("Hof ArnhemLeeuwarden")                       # or joined, as extracted
    assert text.locate("migratie- en vluchtelingenketen.")           # a hyphen before a space stays
    assert text.locate("Hof Arnhem Leeuwarden") == []


def test_a_quote_that_is_not_there_is_not_found():
    assert DocumentText(SAMPLE).locate("Mensenhandel in en uit beeld") == []
    assert DocumentText(SAMPLE).locate("   ") == []


def test_page_numbers_of_the_seeds():
    pages = {d.slug: d.text.page_starts[-1][1] for d in load_manifest()}
    # "Pagina 5 van 5" in the rapporteur's letter; six pages in the kabinetsreactie
    assert pages["nrm-brief-2017-02-13"] == 5
    assert pages["kst-28638-174"] == 6
    letter = next(d for d in load_manifest() if d.slug == "nrm-brief-2017-02-13")
    assert letter.text.locate("het project 13 Ocean’s gestart")[0].page == 4
