"""No fact of the five documents skipped: every passage that states a figure or names a
known actor or instrument is quoted by at least one curated fact.

What may stay unquoted is only what carries no fact: section headings, the letterhead
lines of a letter (address, telephone, date and reference lines), and footnotes that
only cite (a URL, "Ibidem"), whose citations the build extracts by itself.
"""
import re

from kg.store import run_named

HEADING = re.compile(r"^(?:[IVX]+\.|\d+\.|Ad \d\))?\s*[^.?!:]{1,80}$")
LETTERHEAD = re.compile(r"^(?:\d+|> Retouradres .*|Turfmarkt .*|T \d[\d ]+|Datum \d{1,2} \w+ \d{4}|Ons kenmerk \d+"
                        r"|Geachte Voorzitter,|Bij beantwoording .*)$")
CITING_FOOTNOTE = re.compile(r"^\d+ (?:Ibidem, p\. \d+|https?://\S+)\.?$")


def carries_no_fact(text: str) -> bool:
    return bool(HEADING.match(text) or LETTERHEAD.match(text) or CITING_FOOTNOTE.match(text))


def test_every_passage_with_a_figure_or_a_known_name_is_quoted(graph_store):
    rows = list(run_named(graph_store, "passages_without_a_curated_fact"))
    assert rows, "the query finds the headings and letterhead lines at least"
    gaps = [(row["passage"].value, row["text"].value) for row in rows
            if (re.search(r"\d", row["text"].value) or int(row["mentions"].value) > 0)
            and not carries_no_fact(row["text"].value)]
    assert not gaps, "passages with a figure or a known name that no fact quotes:\n" + \
        "\n".join(f"{iri}: {text[:120]}" for iri, text in gaps)


def test_the_exemptions_do_not_swallow_sentences():
    assert carries_no_fact("3. Internationale aanpak")
    assert carries_no_fact("Ons kenmerk 10008")
    assert carries_no_fact("6 https://www.hetckm.nl/dossiers/rapportklanten/.")
    assert not carries_no_fact("In 2022 zijn er 814 slachtoffers mensenhandel gemeld bij CoMensha.")
    assert not carries_no_fact("12 Zie ook het rapport van de Nationaal Rapporteur, p. 12.")


# --- footnotes and the passages that carry their marks -----------------------------------------

def test_every_footnote_is_linked_to_the_passage_carrying_its_mark(graph_store):
    from kg.corpus import load_manifest
    from kg.passages import segment

    from kg.store import run

    linked = {row["footnote"].value: (row["passage"].value, row["mark"].value, row["text"].value) for row in run(graph_store, """
        PREFIX mh: <https://w3id.org/mhkg/def#>
        SELECT ?footnote ?passage ?mark ?text WHERE {
          ?footnote a mh:Footnote ; mh:footnoteMark ?mark . ?passage mh:footnote ?footnote ; mh:text ?text }""")}
    footnotes = [p for d in load_manifest() for p in segment(d.slug, d.text, d.kind) if p.kind == "Footnote"]
    assert len(footnotes) == 40 and len(linked) == 40
    for passage, mark, text in linked.values():
        assert re.search(rf"[^\s\d-]{mark}(?!\d)", text), f"mark {mark} not in {passage}"
    so = "https://w3id.org/mhkg/id/passage/so-20240516-samen-tegen-mensenhandel-"
    passage, mark, text = linked[so + "voetnoot-2"]
    assert mark == "2" and "EMPACT Trafficking Human Beings (THB)2 waar" in text


def test_a_footnote_mark_is_a_number_after_a_word_never_a_range_or_an_identifier():
    from kg.passages import _footnote_mark

    assert _footnote_mark("2").search("Human Beings (THB)2 waar")
    assert _footnote_mark("1").search("«Dadermonitor mensenhandel 2013–2017»1 gepresenteerd")
    assert _footnote_mark("10").search("voortkomen.10 De leden")
    assert _footnote_mark("9").search("in het kader van ICF9 dus")
    for text in ("in de jaren 2013–2017 en", "COVID-19 maatregelen", "28 638, nr. 174", "2019 is", "nr. 12 en"):
        assert not _footnote_mark("7").search(text) and not _footnote_mark("17").search(text) \
            and not _footnote_mark("12").search(text) and not _footnote_mark("9").search(text), text
