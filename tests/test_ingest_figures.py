"""Figures suggested for review: value, what is counted, year or period, qualifier, average,
the sentence verbatim and its page; on the sentences the issue names and on the gold papers."""
from pathlib import Path

import yaml

from kg.corpus import SourceDocument
from kg.ingest.figures import figure_candidates, sentence_figures
from kg.ingest.metadata import detect
from kg.passages import segment

HERE = Path(__file__).parent
GOLD = yaml.safe_load((HERE / "gold" / "papers.yaml").read_text(encoding="utf-8"))
PAPERS = HERE / "fixtures" / "papers"


def figures(sentence):
    return [(f.value, f.unit, f.year, f.period, f.qualifier, f.average) for f in sentence_figures(sentence)]


def test_counts_per_year_from_the_issue():
    assert figures("In 2021 zijn 6 onderzoeken naar arbeidsuitbuiting afgerond.") == [
        ("6", "onderzoeken", "2021", None, None, False)]
    [found] = sentence_figures("In 2021 zijn 6 onderzoeken naar arbeidsuitbuiting afgerond.")
    assert found.counted == "onderzoeken naar arbeidsuitbuiting"
    assert figures("Er worden gemiddeld iets meer dan 30 aangiftes per jaar gedaan.") == [
        ("30", "aangiftes", None, "per jaar", "iets meer dan", True)]


def test_each_figure_gets_its_own_year():
    assert figures("Kunt u aangeven wat met de 449 meldingen in 2020 en de 261 meldingen in 2019 is gedaan?") == [
        ("449", "meldingen", "2020", None, None, False), ("261", "meldingen", "2019", None, None, False)]
    assert figures("In 2013 ging het om 250 verdachten en in 2017 om minder dan 150.") == [
        ("250", "verdachten", "2013", None, None, False), ("150", "verdachten", "2017", None, "minder dan", False)]
    assert [(v, u, y) for v, u, y, *_ in figures(
        "Ik constateerde dat het aantal bij CoMensha gemelde mogelijke slachtoffers van mensenhandel fors was "
        "gedaald: van 1.561 in 2014 naar 1.321 in 2015.")] == [("1561", "slachtoffers", "2014"), ("1321", "slachtoffers", "2015")]
    # the second figure is "het jaar ervoor": not said as a year, so none is given
    assert [y for _, _, y, *_ in figures("In 2020 werden 449 meldingen geregistreerd, het jaar ervoor waren dat er 261.")] == [
        "2020", None]


def test_qualifiers_money_and_percentages():
    assert figures("Het aantal meldingen zakt in 2016 terug tot rond de 1000 of zelfs nog daaronder.") == [
        ("1000", "meldingen", "2016", None, "rond", False)]
    assert figures("Ruim 40 procent van de zaken werd in 2019 geseponeerd.") == [("40", "%", "2019", None, None, False)]
    assert figures("Het kabinet voegt jaarlijks 500.000 euro toe.") == [("500000", "euro", None, "jaarlijks", None, False)]


def test_no_figure_without_a_year_or_period_or_from_dates_and_references():
    assert figures("Met maar liefst 70% is het aantal meldingen gestegen.") == []
    assert figures("RTL nieuws, 7 september 2021, «Aantal meldingen met 70 procent gestegen».") == []
    assert figures("Zie Kamerstuk 28 638, nr. 240 en de motie (Kamerstukken II 2022/23, 28 638, nr. 233).") == []
    assert figures("Twee van de 39 mensen die op 23 oktober 2019 in Essex dood werden aangetroffen.") == []


def gold_figures(paper):
    return {(f["value"], f["unit"], str(f.get("year") or f.get("period"))) for f in paper.get("figures") or []}


def figure_score(papers):
    """(right, false, missed) of the figures suggested for a set of gold papers."""
    right = false = missed = 0
    for paper in papers:
        raw = (PAPERS / paper["file"]).read_text(encoding="utf-8")
        meta = detect(raw)
        document = SourceDocument.from_text("gold", raw, "", meta.kind, meta.identifier, "gold")
        found = figure_candidates(segment("gold", document.text, meta.kind), document.text)
        for figure in found:
            assert document.text.locate(figure.sentence) and figure.page == 1     # verbatim, on its page
        got = {(f.value, f.unit, str(f.year or f.period)) for f in found}
        want = gold_figures(paper)
        right, false, missed = right + len(got & want), false + len(got - want), missed + len(want - got)
    return right, false, missed


def test_figures_of_the_gold_papers_with_quote_and_page():
    scores = {name: figure_score(GOLD[name]) for name in ("papers", "heldout", "heldout2")}
    print("\nfigures (right, false, missed):", scores)
    # written with the suggester: two false, "2% tot 3%" of a motion whose heading (with "2020-2021" and
    # "het jaar 2021") ran into its first sentence for want of a full stop; since a copy that puts a blank
    # line after every one-line paragraph is no longer read as double-spaced, the heading is a passage of its own
    assert scores["papers"] == (4, 0, 0) and scores["heldout"] == (0, 0, 0)
    # the first run on the figure-rich held-out set gave 0 right, 1 false, 5 missed: "€ 50.5 miljoen" (a
    # point for a comma) twice and two average case times in hours missed, "7%" given the baseline year
    # 2016 that the sentence names; fixed since (see the test below), so this set is used too
    assert scores["heldout2"] == (5, 0, 0)


def test_a_range_is_a_period_and_a_duration_no_count():
    assert figures("In de jaren 2024–2027 zal er aldus 2,5 miljoen euro per jaar beschikbaar zijn.") == [
        ("2.5 miljoen", "euro", None, "per jaar", None, False)]
    assert figures("In 2021 bleek dat de helft binnen 7 jaar opnieuw slachtoffer werd.") == []


def test_what_the_figure_rich_held_out_papers_taught():
    assert figures("Het kabinet heeft in het regeerakkoord 2017–2021 € 50.5 miljoen vrijgemaakt.") == [
        ("50.5 miljoen", "euro", None, "2017–2021", None, False)]
    assert [(v, u, y) for v, u, y, *_ in figures(
        "De gemiddelde zaaktijd van 22 uur in 2015 is opgelopen naar 35 uur in het eerste half jaar van 2016.")] == [
        ("22", "uur", "2015"), ("35", "uur", "2016")]
    assert [y for _, _, y, *_ in figures("Is de toename ten opzichte van 2016 daadwerkelijk 7% geweest?")] == [None]
    assert [(v, y, p) for v, _, y, p, *_ in figures(
        "In de Veiligheidsagenda, die loopt van 2023 tot en met 2026, gaat het om 220 verdachten.")] == [("220", None, "2023–2026")]
    assert figures("8 https://www.nationaalrapporteur.nl/publicaties/rapporten/2022/12/06/dadermonitor-2017-2021") == []


def test_the_words_before_a_number_are_read_from_a_window_wider_than_any_they_match():
    """A reference word ("nr.", "Kamerstuk 28") or a baseline ("ten opzichte van") before a number is
    looked for in the _BEFORE characters before it alone: each pattern's longest match must fit."""
    import re._parser

    from kg.ingest.figures import _BASELINE, _BEFORE, _REFERENCE

    for pattern in (_REFERENCE, _BASELINE):
        assert re._parser.parse(pattern.pattern).getwidth()[1] < _BEFORE, pattern.pattern
