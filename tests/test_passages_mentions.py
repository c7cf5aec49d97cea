"""Segmenting papers (the seeds, and copies of real papers) into passages, and finding named actors in them."""
from pathlib import Path

from kg.corpus import load_manifest
from kg.mentions import Matcher
from kg.passages import Passage, passage_at, segment

DOCS = {d.slug: d for d in load_manifest()}


def passages(slug):
    doc = DOCS[slug]
    return segment(slug, doc.text, doc.kind)


def test_kamervragen_become_numbered_questions_and_answers():
    found = passages("ah-tk-20122013-903")
    numbers = [p.number for p in found if p.kind == "Question"]
    assert numbers == ["1", "2, 3 en 4", "5", "6", "7", "8 en 9"]
    assert [p.number for p in found if p.kind == "Answer"] == numbers
    grouped = next(p for p in found if p.slug == "ah-tk-20122013-903-antwoord-2-3-4")
    # the answer runs across the page break, without the footnote that interrupts it
    assert "De politie op haar beurt dient op grond van de Aanwijzing mensenhandel" in grouped.text
    assert "bnrm.nl" not in grouped.text


#: openkamer.org's copy of Kamervragen 2014Z09701 with its answer, in the site's layout: each question
#: behind a bullet, its answer under it without a heading of its own. Question 1 is verbatim, its answer
#: some of its sentences; question 2, still unanswered, is made up.
BULLETED = """Kamervraag 2014Z09701

• Vraag 1
    Welke resultaten zijn er geboekt door de samenwerking op politieniveau tussen Nederland, Roemenië en Bulgarije?

    Zowel met Roemenië als met Bulgarije is sprake van een actieve operationele samenwerking. De samenwerking met \
Bulgarije en Roemenië is de afgelopen jaren geïntensiveerd.
    Onlangs zijn tevens werkprogramma’s opgesteld op het gebied van samenwerking bij de opsporing.

    Roemenië, Bulgarije en Nederland participeren in het EU EMPACT-project Mensenhandel.

• Vraag 2
    Welke afspraken zijn er gemaakt?
"""


def test_questions_behind_bullets_are_questions_and_what_follows_each_its_answer():
    """The question was glued to its bullet in one paragraph, its answer a paragraph of no one's; a
    question still unanswered (the last) has no answer."""
    from kg.text import DocumentText
    found = [p for p in segment("kv", DocumentText(BULLETED), "ParliamentaryQuestions") if p.kind != "Paragraph"]
    assert [(p.kind, p.number, p.slug) for p in found] == [
        ("Question", "1", "kv-vraag-1"), ("Answer", "1", "kv-antwoord-1"), ("Question", "2", "kv-vraag-2")]
    question, answer, _ = found
    assert question.text.startswith("Welke resultaten zijn er geboekt") and question.text.endswith("Bulgarije?")
    assert answer.text.startswith("Zowel met Roemenië") and answer.text.endswith("EMPACT-project Mensenhandel.")
    assert answer.answers == ["kv-vraag-1"]
    site = ("Kamervraag 2022Z10994\n\nIngediend 2 juni 2022\nBeantwoord 7 juni 2022 (na 5 dagen)\n"     # its opening, verbatim
            " • Vraag 1\n  Wat is uw reactie op het bericht?1\n\n  De situatie is onacceptabel.\n")
    assert [(p.kind, p.text) for p in segment("kv", DocumentText(site), "ParliamentaryQuestions") if p.kind != "Paragraph"] \
        == [("Question", "Wat is uw reactie op het bericht?1"), ("Answer", "De situatie is onacceptabel.")]


def test_a_sites_copy_is_cut_into_its_paragraphs_however_it_spaces_them():
    """Two real copies were each one passage: kst-28638-221 as officielebekendmakingen.nl gives its
    text (a blank line after every paragraph of one line, which read as a double-spaced text) and
    kst-28638-257 as tweedekamer.nl does (lines wrapped at its width, no blank line at all). Now a
    paragraph ends at a blank line in the first, and where a line ends a sentence before a capital,
    or is a heading, in the second (a sentence that ends a line may cut a paragraph in two)."""
    from kg.text import DocumentText
    fixtures = Path(__file__).with_name("fixtures")

    def texts(path: Path) -> list[str]:
        return [p.text for p in segment("x", DocumentText(path.read_text(encoding="utf-8")), "ParliamentaryLetter")]
    report = texts(fixtures / "papers" / "kst-28638-221.txt")
    assert report[:4] == ["28 638 Mensenhandel", "Nr. 221 VERSLAG VAN EEN COMMISSIEDEBAT", "Vastgesteld 19 juni 2023",
                          "De vaste commissie voor Justitie en Veiligheid heeft op 17 mei 2023 overleg gevoerd met de heer Van "
                          "der Burg, Staatssecretaris van Justitie en Veiligheid, over:"]
    assert "Van dit overleg brengt de commissie bijgaand geredigeerd woordelijk verslag uit." in report
    letter = texts(fixtures / "kst-28638-257-opening.txt")
    assert letter[:6] == ["Brief regering : Voortgangsbrief Samen tegen mensenhandel", "28 638 Mensenhandel", "Nr. 257",
                          "BRIEF VAN DE MINISTER VAN JUSTITIE EN VEILIGHEID",
                          "Aan de Voorzitter van de Tweede Kamer der Staten-Generaal", "Den Haag, 4 juli 2025"]
    paragraph = next(t for t in letter if t.startswith("Om mensenhandel aan te pakken"))
    assert paragraph.endswith("sturen van de monitoring van de acties uit het Actieplan.") and "\n" not in paragraph
    assert len(letter) == 11


def test_footnotes_are_separate_passages_without_page_footers():
    found = {p.slug: p for p in passages("kst-28638-174")}
    assert sum(p.kind == "Footnote" for p in found.values()) == 16
    assert found["kst-28638-174-voetnoot-15"].text == "15 Hof Arnhem-Leeuwarden, 22 juni 2018, ECLI:GHARL:2018:5772."
    assert found["kst-28638-174-voetnoot-1"].text == "1 Raadpleegbaar via www.tweedekamer.nl"


def test_a_paragraph_cut_by_a_page_break_stays_whole():
    found = passages("kst-28638-174")
    paragraph = next(p for p in found if "De vangst-hervangstmethode is gebaseerd" in p.text)
    assert "personen bevat. Omdat de populatie continue wijzigt" in paragraph.text


def test_double_spaced_letter_keeps_its_paragraphs():
    found = passages("nrm-brief-2017-02-13")
    assert any(p.text.startswith("Op 16 februari a.s. staat het algemeen overleg") and
               p.text.endswith("voor vijf onderwerpen.") for p in found)


def test_passage_at_finds_the_passage_of_an_offset():
    doc = DOCS["ah-tk-20122013-903"]
    found = passages(doc.slug)
    [hit] = doc.text.locate("Bureau Jeugdzorg en Nidos zijn echter geen organisaties")
    assert passage_at(found, hit.start).slug == "ah-tk-20122013-903-antwoord-2-3-4"


def _passage(text):
    return Passage("x", "Paragraph", 1, spans=[(0, len(text))], text=text)


def test_abbreviations_match_only_as_whole_words_with_their_case():
    matcher = Matcher({"actor/om": ["Openbaar Ministerie", "OM"]})
    assert "actor/om" in matcher.mentions(_passage("Het OM en de politie."))
    assert "actor/om" in matcher.mentions(_passage("het aantal OM-verdachten"))
    assert matcher.mentions(_passage("Om dit te bereiken, om 10 uur, OMMEN.")) == {}


def test_labels_match_across_case_accents_and_line_breaks():
    matcher = Matcher({"actor/comensha": ["CoMensha", "Coördinatiecentrum tegen Mensenhandel"]})
    assert "actor/comensha" in matcher.mentions(_passage("bij het coordinatiecentrum tegen\nmensenhandel"))
    assert "actor/comensha" in matcher.mentions(_passage("CoMensha’s cijfers"))


def test_the_longest_overlapping_label_wins():
    matcher = Matcher({"actor/inspectie-szw": ["Inspectie SZW"], "actor/ministerie-szw": ["SZW"]})
    hits = matcher.mentions(_passage("De Inspectie SZW en het ministerie van SZW."))
    assert set(hits) == {"actor/inspectie-szw", "actor/ministerie-szw"}
    assert hits["actor/ministerie-szw"].start > hits["actor/inspectie-szw"].end


def test_a_mention_quotes_its_sentence():
    text = "Eerste zin. Nidos bespreekt alle casuïstiek met hen. Laatste zin."
    hit = Matcher({"actor/nidos": ["Nidos"]}).mentions(_passage(text))["actor/nidos"]
    assert hit.sentence(text) == "Nidos bespreekt alle casuïstiek met hen."


def test_sentences_do_not_end_at_abbreviations():
    text = "In lijn met de motie met Kamerstuk 28 638, nr. 167 wordt samen met de VNG verkend. Daarna meer."
    hit = Matcher({"actor/vng": ["VNG"]}).mentions(_passage(text))["actor/vng"]
    assert hit.sentence(text) == "In lijn met de motie met Kamerstuk 28 638, nr. 167 wordt samen met de VNG verkend."
