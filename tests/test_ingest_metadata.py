"""A paper's own identity and makers, told apart from what it cites, for each kind of
parliamentary paper (the sentences are the papers' own, from tests/fixtures/papers/)."""
import re
from pathlib import Path

import pytest

from kg.ingest.metadata import detect
from kg.ingest.resolve import Resolver

PAPERS = Path(__file__).with_name("fixtures") / "papers"


def paper(name):
    return detect((PAPERS / name).read_text(encoding="utf-8"))


def values(meta):
    return {name: field.value for name, field in meta.fields.items()}


def test_the_number_over_the_questions_is_the_papers_own_and_zie_ook_is_not():
    meta = paper("ah-tk-20222023-899.txt")
    assert (meta.identifier, meta.genre, meta.kind) == ("ah-tk-20222023-899", "answer", "ParliamentaryQuestions")
    assert values(meta)["aanhangselNumber"] == "899" and values(meta)["parliamentaryYear"] == "2022–2023"
    assert values(meta)["identifierSource"] == "heading"
    # a text that lost its heading keeps the "Zie ook" number only as a fallback, marked as such
    lost = detect("Antwoord van Staatssecretaris Van der Burg (Justitie en Veiligheid) (ontvangen 1 december 2022). "
                  "Zie ook Aanhangsel Handelingen, vergaderjaar 2022–2023, nr. 691.\n\nVraag 1\nKent u het bericht?")
    assert (lost.identifier, values(lost)["identifierSource"]) == ("ah-tk-20222023-691", "zie-ook")


def test_askers_with_their_party_in_each_written_form():
    def askers(members):
        meta = detect(f"Vragen van de leden {members} aan de Minister van Sociale Zaken en Werkgelegenheid over iets "
                      "(ingezonden 3 juni 2021).")
        return [(f.value, f.party) for f in meta.lists["askers"]]

    assert askers("Kuik (CDA), Bikker (ChristenUnie) en Verkuijlen (VVD)") == [
        ("Kuik", "CDA"), ("Bikker", "ChristenUnie"), ("Verkuijlen", "VVD")]
    assert askers("Bikker, Ceder en Grinwis (allen ChristenUnie)") == [
        ("Bikker", "ChristenUnie"), ("Ceder", "ChristenUnie"), ("Grinwis", "ChristenUnie")]
    assert askers("Van Weyenberg, Van Beukering-Huijbregts (beiden D66) en Van Kent (SP)") == [
        ("Van Weyenberg", "D66"), ("Van Beukering-Huijbregts", "D66"), ("Van Kent", "SP")]


def test_the_answering_member_of_government_with_office_and_mede_namens():
    meta = detect("Vragen van het lid Verkuijlen (VVD) aan de Staatssecretaris van Justitie en Veiligheid over het "
                  "bericht (ingezonden 8 december 2021). Antwoord van Staatssecretaris Van der Burg (Justitie en "
                  "Veiligheid), mede namens de Staatssecretaris Volksgezondheid, Welzijn en Sport (ontvangen 3 februari 2022).")
    assert values(meta).items() >= {"minister": "Van der Burg", "ministerOffice": "Staatssecretaris van Justitie en Veiligheid",
                                 "dateSubmitted": "2021-12-08", "dateReceived": "2022-02-03"}.items()
    assert [f.value for f in meta.lists["onBehalfOf"]] == ["Staatssecretaris Volksgezondheid, Welzijn en Sport"]
    notice = paper("ah-tk-20182019-3050.txt")
    assert notice.genre == "notice" and notice.identifier is None
    assert values(notice)["minister"] == "Grapperhaus" and values(notice)["dateReceived"] == "2019-06-19"


def test_a_kamerstuk_is_its_heading_not_the_kamerstukken_it_lists():
    report = paper("kst-28638-221.txt")
    assert (report.identifier, report.genre) == ("kst-28638-221", "committee-report")
    assert values(report).items() >= {"dateFixed": "2023-06-19", "meetingDate": "2023-05-17", "minister": "Van der Burg",
                                   "ministerOffice": "Staatssecretaris van Justitie en Veiligheid"}.items()
    two_dossiers = paper("kst-28638-163.txt")
    assert (two_dossiers.identifier, values(two_dossiers)["parliamentaryYear"]) == ("kst-28638-163", "2018–2019")
    letter = paper("kst-28638-71.txt")
    assert (letter.identifier, letter.genre, values(letter)["dateSent"]) == ("kst-28638-71", "letter", "2011-12-22")
    assert (values(letter)["minister"], values(letter)["ministerOffice"]) == ("Opstelten", "Minister van Veiligheid en Justitie")
    assert paper("inbreng-so-2024D19986.txt").identifier is None      # it is about Kamerstuk 28 638, nr. 249


def test_a_motion_its_signatories_and_the_day_it_was_moved():
    motion = paper("kst-28638-167.txt")
    assert (motion.identifier, motion.genre, values(motion)["dateProposed"]) == ("kst-28638-167", "motion", "2019-07-04")
    assert [f.value for f in motion.lists["signatories"]] == ["Kuik", "Segers", "Van Wijngaarden"]
    assert paper("kst-35925-IV-20.txt").identifier == "kst-35925-IV-20"


def test_the_tweede_kamers_document_and_case_numbers_only_where_labelled_as_its_own():
    assert {k: v for k, v in values(paper("kst-28638-206.txt")).items() if k.startswith("tk")} == {
        "tkDocument": "2022D04614", "tkCase": "2022Z02174"}
    questions = paper("kv-2021Z15712.txt")
    assert (questions.identifier, values(questions)["tkCase"]) == ("kv-tk-2021Z15712", "2021Z15712")
    cited = detect("Tekst van een brief. Zie ook de zaak 2023Z01234 en het document 2023D01234 hierover.")
    assert "tkCase" not in cited.fields and "tkDocument" not in cited.fields


def test_handelingen_their_own_number():
    meta = paper("h-tk-20102011-81-9.txt")
    assert (meta.identifier, meta.genre) == ("h-tk-20102011-81-9", "plenary")


def test_names_resolve_to_known_resources_only_when_unambiguous():
    resolver = Resolver({"person/van-der-burg": ["Van der Burg"], "person/bikker": ["Bikker"],
                         "actor/staatssecretaris-van-justitie-en-veiligheid": ["Staatssecretaris van Justitie en Veiligheid"],
                         "actor/staatssecretaris-van-volksgezondheid-welzijn-en-sport": [
                             "Staatssecretaris van Volksgezondheid, Welzijn en Sport"],
                         "actor/vvd-fractie": ["VVD-fractie", "VVD"],
                         "person/jansen": ["Jansen"], "person/jansen-2": ["Jansen"]})
    links = {(link.prop, link.key) for link in resolver.links(paper("ah-tk-20222023-899.txt"))}
    assert links == {("mh:askedBy", "person/bikker"), ("mh:answeredBy", "person/van-der-burg"),
                     ("mh:answeredBy", "actor/staatssecretaris-van-justitie-en-veiligheid")}
    assert resolver.find("person", "Jansen") is None
    assert resolver.office("Staatssecretaris Volksgezondheid, Welzijn en Sport") == \
        "actor/staatssecretaris-van-volksgezondheid-welzijn-en-sport"
    assert resolver.party("VVD") == "actor/vvd-fractie"


def test_a_kamerstuk_without_a_title_of_its_own_is_titled_by_its_heading():
    """As the official publications title it: the dossier's title, then what the paper is, its
    capitals written as the text writes those words (a name the heading alone has capitalised)."""
    assert paper("kst-28638-167.txt").title == "Mensenhandel; Motie van het lid Kuik c.s."
    assert paper("heldout/kst-35570-VI-50.txt").title == (
        "Vaststelling van de begrotingsstaten van het Ministerie van Justitie en Veiligheid (VI) voor het jaar 2021; "
        "Motie van de leden Kuik en van der Graaf")
    assert paper("heldout/kst-28638-161.txt").title == (
        "Mensenhandel; Brief van de Staatssecretaris van Justitie en Veiligheid en de Ministers van Sociale Zaken en "
        "Werkgelegenheid, van Volksgezondheid, Welzijn en Sport, van Buitenlandse Zaken en voor Buitenlandse Handel "
        "en Ontwikkelingssamenwerking")
    assert paper("heldout/kst-29544-1223.txt").title == \
        "Arbeidsmarktbeleid; Brief van de Minister van Sociale Zaken en Werkgelegenheid"    # the capitals a line lower
    assert paper("heldout/kst-35876-B.txt").title.endswith("; Verslag van een schriftelijk overleg")
    assert paper("ah-tk-20222023-899.txt").title.startswith("Vragen van de leden Kuik (CDA)")   # its own title stands
    # a site's copy without the heading (berthub.eu, 2024D44861): its dossier line, its number as title
    site = detect("Toezeggingen op het dossier mensenhandel\n\nMensenhandel\n\nBrief regering\n\nNummer: 2024D44861, "
                  "datum: 2024-11-19\n\nOnderdeel van kamerstukdossier 28638 -254 Mensenhandel .\n\nOnderdeel van zaak "
                  "2024Z18807:\n\nTijdens het commissiedebat heb ik uw Kamer toegezegd een brief te sturen.\n")
    assert (site.identifier, site.genre, site.title) == ("kst-28638-254", "letter", "Kamerstuk 28638, nr. 254")
    assert values(site)["tkDocument"] == "2024D44861"


def test_each_kind_of_paper_is_its_class_of_source_document():
    """A motion, a committee's debate report and Handelingen are no letters (ontology 1.4)."""
    kinds = {name: paper(name).kind for name in ("kst-28638-167.txt", "kst-28638-163.txt", "h-tk-20102011-81-9.txt",
                                                 "kst-28638-71.txt", "ah-tk-20222023-899.txt", "heldout/kst-35876-B.txt")}
    assert kinds == {"kst-28638-167.txt": "MotionPaper", "kst-28638-163.txt": "CommitteeReport",
                     "h-tk-20102011-81-9.txt": "PlenaryReport", "kst-28638-71.txt": "ParliamentaryLetter",
                     "ah-tk-20222023-899.txt": "ParliamentaryQuestions", "heldout/kst-35876-B.txt": "WrittenConsultation"}


def test_questions_and_answers_as_a_site_copies_them():
    """openkamer.org's copy of Kamervragen 2022Z10994 with their answers (its opening, verbatim): who
    asked and answered by the site's lines, the answer's own Aanhangsel number by its source line."""
    site = detect("Kamervraag 2022Z10994\n\nHet bericht ‘Oekraïense arbeiders in Westland uitgebuit: ‘Verwerpelijk’.\n\n"
                  "Ingediend 2 juni 2022\nBeantwoord 7 juni 2022 (na 5 dagen)\nIndiener Bart van Kent (SP)\n"
                  "Beantwoord door Karien van Gennip (minister sociale zaken en werkgelegenheid) (CDA)\n"
                  "Bron vraag https://zoek.officielebekendmakingen.nl/kv-tk-2022Z10994.html\n"
                  "Bron antwoord https://zoek.officielebekendmakingen.nl/ah-tk-20212022-2988.html\n"
                  " • Vraag 1\n  Wat is uw reactie op het bericht?1\n\n  De situatie is onacceptabel.\n")
    assert (site.identifier, site.genre, site.kind) == ("ah-tk-20212022-2988", "answer", "ParliamentaryQuestions")
    assert [(f.value, f.party) for f in site.lists["askers"]] == [("Van Kent", "SP")]
    assert {k: v for k, v in values(site).items() if k in ("dateSubmitted", "dateReceived", "minister", "ministerOffice")} == {
        "dateSubmitted": "2022-06-02", "dateReceived": "2022-06-07", "minister": "Van Gennip",
        "ministerOffice": "Minister van Sociale Zaken en Werkgelegenheid"}
    assert site.title == "Vragen van het lid Van Kent (SP)"


def test_the_papers_of_a_bills_dossier_are_legislative_papers_titled_by_their_heading():
    """The openings of kst-36547-C (Eerste Kamer) and kst-36835-3, as officielebekendmakingen.nl gives them."""
    reply = detect("36 547 Wijziging van het Wetboek van Strafrecht en het Wetboek van Strafrecht BES en andere wetten in "
                   "verband met de modernisering van de strafbaarstelling van mensenhandel (Wet modernisering en "
                   "uitbreiding strafbaarstelling mensenhandel)\n\nC NOTA NAAR AANLEIDING VAN HET VERSLAG\n\nOntvangen "
                   "2 oktober 2025\n\nInleiding\n\nMet veel belangstelling heb ik kennisgenomen van het verslag van de "
                   "vaste commissie voor Justitie en Veiligheid.\n")
    assert (reply.identifier, reply.kind) == ("kst-36547-C", "LegislativePaper")
    assert reply.title.endswith("(Wet modernisering en uitbreiding strafbaarstelling mensenhandel); "
                                "Nota naar aanleiding van het verslag")
    memorandum = detect("36 835 Implementatie van Richtlijn (EU) 2024/1712 (Implementatiewet herziene Europese richtlijn "
                        "mensenhandel)\n\nNr. 3 MEMORIE VAN TOELICHTING\n\nALGEMEEN\n\n1. Inleiding\n\nDit wetsvoorstel "
                        "strekt tot implementatie van Richtlijn (EU) 2024/1712.\n")
    assert (memorandum.identifier, memorandum.kind) == ("kst-36835-3", "LegislativePaper")
    assert memorandum.title.endswith("; Memorie van toelichting")
    report = detect("36 547 Wet modernisering en uitbreiding strafbaarstelling mensenhandel\n\nB VERSLAG VAN DE VASTE "
                    "COMMISSIE VOOR JUSTITIE EN VEILIGHEID1\n\nVastgesteld 16 juli 2025\n\nDe commissie heeft met "
                    "belangstelling kennisgenomen van het wetsvoorstel van de vaste commissie voor Justitie en Veiligheid.\n")
    assert report.kind == "LegislativePaper"          # no footnote number glued to the title's last word
    assert report.title == "Wet modernisering en uitbreiding strafbaarstelling mensenhandel; " \
                           "Verslag van de vaste commissie voor Justitie en Veiligheid"


def test_a_sites_copy_typed_as_a_bills_paper_is_a_legislative_paper_made_by_no_minister():
    """berthub.eu's page of kst-36547-5, a committee's report on the trafficking bill (2024D25392),
    cut before the paper's own text: the site types it "Verslag (initiatief)wetsvoorstel" above its
    number. It was read as a letter signed by the bill's submitter, whom the site lists under the case."""
    page = ("Verslag\nWijziging van het Wetboek van Strafrecht en het Wetboek van Strafrecht BES en andere wetten in "
            "verband met de modernisering van de strafbaarstelling van mensenhandel (Wet modernisering en uitbreiding "
            "strafbaarstelling mensenhandel)\nVerslag (initiatief)wetsvoorstel (nader)\nNummer: 2024D25392, datum: "
            "2024-06-17, bijgewerkt: 2024-10-24 11:35, versie: 2\nDirecte link naar document (.pdf), link naar pagina "
            "op de Tweede Kamer site, officiële HTML versie (kst-36547-5).\nGerelateerde personen:- Eerste "
            "ondertekenaar: M. van Nispen, voorzitter van de vaste commissie voor Justitie en Veiligheid (SP)\n- Mede "
            "ondertekenaar: I. van Tilburg, adjunct-griffier\nOnderdeel van kamerstukdossier 36547 -5 Wijziging van het "
            "Wetboek van Strafrecht.\nOnderdeel van zaak 2024Z07703:\n- Indiener: E. van der Burg, staatssecretaris "
            "van Justitie en Veiligheid\n- Medeindiener: D. Yesilgöz-Zegerius, minister van Justitie en Veiligheid\n")
    report = detect(page)
    assert (report.identifier, report.kind) == ("kst-36547-5", "LegislativePaper")
    assert values(report)["tkDocument"] == "2024D25392" and values(report)["tkCase"] == "2024Z07703"
    assert "minister" not in values(report) and "ministerOffice" not in values(report)
    letter = detect(page.replace("Verslag (initiatief)wetsvoorstel (nader)", "Brief regering"))
    assert (letter.kind, values(letter)["minister"]) == ("ParliamentaryLetter", "Van der Burg")


@pytest.mark.parametrize("number_line", ["Nr. 5\nVERSLAG", "Nr. 5 VERSLAG"])
def test_the_report_on_a_bill_headed_verslag_alone_is_a_legislative_paper(number_line):
    """The opening of kst-36835-5 as tweedekamer.nl gives it (its number and "VERSLAG" on lines of their
    own), and as officielebekendmakingen.nl heads such a report: the committee reporting on a bill
    says only "VERSLAG". It was read as a letter."""
    report = detect("Verslag (initiatief)wetsvoorstel (nader) : Verslag\n36 835 Implementatie van Richtlijn (EU) 2024/1712 "
                    "van het Europees Parlement en de Raad van 13 juni 2024 tot wijziging van Richtlijn 2011/36/EU inzake "
                    "de voorkoming en bestrijding van mensenhandel en de bescherming van slachtoffers daarvan "
                    f"(Implementatiewet herziene Europese richtlijn mensenhandel)\n{number_line}\nVastgesteld 22 december "
                    "2025\nDe vaste commissie voor Justitie en Veiligheid, belast met het voorbereidend onderzoek\nvan dit "
                    "voorstel van wet, heeft de eer als volgt verslag uit te brengen.\n")
    assert (report.identifier, report.kind, report.genre) == ("kst-36835-5", "LegislativePaper", "legislative")
    assert report.title.endswith("(Implementatiewet herziene Europese richtlijn mensenhandel); Verslag")
    assert report.fields["dateFixed"].value == "2025-12-22"


def test_a_letter_is_signed_by_the_minister_and_written_by_the_office():
    resolver = Resolver({"person/grapperhaus": ["Grapperhaus"],
                         "actor/minister-van-justitie-en-veiligheid": ["Minister van Justitie en Veiligheid"]})
    letter = detect("28 638 Mensenhandel\n\nNr. 999 BRIEF VAN DE MINISTER VAN JUSTITIE EN VEILIGHEID\n\n"
                    "Aan de Voorzitter van de Tweede Kamer der Staten-Generaal\n\nDen Haag, 4 juli 2025\n\n"
                    "Hierbij bericht ik u.\n\nDe Minister van Justitie en Veiligheid,\nF.B.J. Grapperhaus\n")
    assert {(link.prop, link.key) for link in resolver.links(letter)} == {
        ("mh:signatory", "person/grapperhaus"), ("mh:author", "actor/minister-van-justitie-en-veiligheid")}


def test_what_the_held_out_papers_taught():
    several = detect("28 638 Mensenhandel\n\nNr. 161 BRIEF VAN DE STAATSSECRETARIS VAN JUSTITIE EN VEILIGHEID EN DE "
                     "MINISTERS VAN SOCIALE ZAKEN EN WERKGELEGENHEID\n\nDen Haag, 25 mei 2018\n\nInleiding\n")
    assert values(several)["ministerOffice"] == "Staatssecretaris van Justitie en Veiligheid"
    headless = detect("Tweede Kamer der Staten-Generaal | 2019-2020 | 28638 nr. 178 |\nVastgesteld 7 februari 2020\n"
                      "De vaste commissie voor Justitie en Veiligheid heeft op 5 december 2019 overleg gevoerd met mevrouw "
                      "Broekers-Knol, Staatssecretaris van Justitie en Veiligheid, over:\n")
    assert (headless.genre, values(headless)["minister"]) == ("committee-report", "Broekers-Knol")
    senate = detect("35 876 Mededeling over mensenhandel\n\nB VERSLAG VAN EEN SCHRIFTELIJK OVERLEG\n\nVastgesteld 15 "
                    "september 2021\n\nDe leden van de fracties van GroenLinks en de PvdA hebben vragen.")
    assert (senate.identifier, values(senate)["dateFixed"]) == ("kst-35876-B", "2021-09-15")
    assert [f.value for f in senate.lists["askedBy"]] == ["GroenLinks", "PvdA"]
    assert detect("8 Mensenhandel\n\nAan de orde is de voortzetting van de behandeling van:\n").genre == "plenary"


def test_a_day_that_is_not_in_the_calendar_is_stated_as_no_date():
    """A typing error in a paper ("31 februari") is not read as a date, so none is stated
    (the shapes would refuse the ill-typed xsd:date); a leap day is a date."""
    from kg.ingest.dates import parse_date
    from kg.ingest.stated import stated_metadata
    assert (parse_date("31 februari 2023"), parse_date("29 februari 2024")) == (None, "2024-02-29")
    text = (PAPERS / "ah-tk-20222023-899.txt").read_text(encoding="utf-8")
    real, wrong = detect(text), detect(re.sub(r"ingezonden\s+20\s+oktober", "ingezonden 31 februari", text))
    assert real.fields["dateSubmitted"].value == "2022-10-20" and wrong.fields["dateSubmitted"].value is None
    assert "mh:dateSubmitted" not in {stated.prop for stated in stated_metadata(wrong, Resolver({}))}
    assert "mh:dateSubmitted" in {stated.prop for stated in stated_metadata(real, Resolver({}))}


def test_a_papers_own_date_is_the_one_its_genre_bears_not_one_it_quotes():
    """A motion's "Voorgesteld" and a report's "Vastgesteld" are each paper's dct:date; a letter that
    quotes a report's "Vastgesteld" near its top does not take that date for its own."""
    from kg.ingest.stated import stated_metadata

    def own_dates(text):
        return [(s.value, s.quote) for s in stated_metadata(detect(text), Resolver({})) if s.prop == "dct:date"]
    assert own_dates("28 638 Mensenhandel\n\nNr. 147 MOTIE VAN HET LID SEGERS C.S.\n\nVoorgesteld 27 september 2016\n\n"
                     "De Kamer,\n") == [("2016-09-27", "Voorgesteld 27 september 2016")]
    letter = ("28 638 Mensenhandel\n\nNr. 180 BRIEF VAN DE STAATSSECRETARIS VAN JUSTITIE EN VEILIGHEID\n\nDen Haag, "
              "3 maart 2020\n\nIn het verslag (Vastgesteld 7 februari 2020) van het commissiedebat staat het.\n")
    assert detect(letter).genre == "letter" and own_dates(letter) == []


def test_a_ministrys_letter_read_across_its_two_columns_keeps_its_reference_and_subject():
    """The Kamerbrief of 13 November 2018 offering "Samen tegen mensenhandel", as a PDF's text gives
    its letterhead: date and reference on one line, the subject before "Bijlagen 4" and the body.
    Its reference was "Datum", its subject and title the whole first paragraph."""
    meta = detect("1\n\n> Retouradres Postbus 20301 2500 EH Den Haag\n\n"
                  "Turfmarkt 147 2511 DP Den Haag Postbus 20301 2500 EH Den Haag www.rijksoverheid.nl/jenv\n\n"
                  'Ons kenmerk Datum 13 november 2018 2413397 Onderwerp Aanbieding van het programma "Samen tegen '
                  'mensenhandel"\n\nBijlagen 4\n\nBij beantwoording de datum en ons kenmerk vermelden. Mensenhandel maakt '
                  "een enorme inbreuk op de individuele vrijheid van mensen Wilt u slechts één zaak in uw en is daarmee een "
                  "van de ernstigste en meest complexe vormen van brief behandelen.\n")
    assert (meta.kind, meta.title) == ("Letter", 'Aanbieding van het programma "Samen tegen mensenhandel"')
    assert values(meta) == {"dateSent": "2018-11-13", "reference": "2413397",
                            "subject": 'Aanbieding van het programma "Samen tegen mensenhandel"'}


def test_an_eerste_kamer_paper_known_by_its_publication_table_alone():
    """officielebekendmakingen.nl's page of kst-36547-D as a browser copies it (verbatim): its table
    numbers it with a letter, as the Eerste Kamer does ("36547 nr. D": no identity before), and its
    heading is lost, but its members taking note of the government's answers make it a report on the bill."""
    meta = detect("Kamerstuk\n| Datum publicatie | Organisatie | Vergaderjaar | Dossier- en ondernummer |\n|---|---|---|---|\n"
                  "| Eerste Kamer der Staten-Generaal | 2025-2026 | 36547 nr. D |\n"
                  "Zoals vergunningen, bouwplannen en lokale regelgeving.\nAdressen en contactpersonen van overheidsorganisaties.\n"
                  "U bent hier:\n| Datum publicatie | Organisatie | Vergaderjaar | Dossier- en ondernummer |\n|---|---|---|---|\n"
                  "| Eerste Kamer der Staten-Generaal | 2025-2026 | 36547 nr. D |\nVastgesteld 18 november 2025\nInleiding\n"
                  "De leden van de fracties van GroenLinks-PvdA, D66 en ChristenUnie hebben met belangstelling kennisgenomen van "
                  "de nota naar aanleiding van het verslag en wensen hierover enkele nadere opmerkingen te maken en vragen voor "
                  "te leggen aan de regering. De fractieleden van de SP sluiten zich aan bij alle gestelde vragen.\n")
    assert (meta.identifier, meta.kind, meta.genre) == ("kst-36547-D", "LegislativePaper", "legislative")
    assert {k: v for k, v in values(meta).items() if k in ("dossier", "documentNumber", "parliamentaryYear", "dateFixed")} == {
        "dossier": "36547", "documentNumber": "D", "parliamentaryYear": "2025–2026", "dateFixed": "2025-11-18"}
