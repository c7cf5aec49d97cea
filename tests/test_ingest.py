"""`mhkg ingest`: a paper becomes passages, mentions and citations in a new release,
replacing only its own graph; bad files are refused and leave the store as it was."""
import shutil
from pathlib import Path

import pytest
from pdf_writer import make_pdf

from kg.build import build
from kg.ingest.pipeline import IngestError, curation_candidates, ingest
from kg.ingest.readers import UnreadableDocument, read_document
from kg.iris import GRAPH, ID
from kg.release import current_release
from kg.store import open_store, run

FIXTURES = Path(__file__).with_name("fixtures")
QUESTIONS = FIXTURES / "kamervragen-fixture.txt"
LETTER_XML = FIXTURES / "kamerbrief-fixture.xml"
LETTER_PAGE = FIXTURES / "kst-28638-183-page.html"


@pytest.fixture
def data(built_release, tmp_path):
    """A private copy of the built data directory, to ingest into."""
    target = tmp_path / "data"
    shutil.copytree(built_release.path.parent.parent, target, symlinks=True)
    return target


def graph_triples(store, slug):
    return sorted(str(q) for q in store.quads_for_pattern(None, None, None, open_graph(slug)))


def open_graph(slug):
    from pyoxigraph import NamedNode
    return NamedNode(GRAPH + slug)


def select(store, query):
    return [{k: row[k].value for k in ("s", "o") if row[k] is not None} for row in run(store, query)]


def test_a_text_paper_becomes_questions_mentions_and_citations(data):
    assert ingest([QUESTIONS], data, log=lambda *_: None) == ["ah-tk-20222023-9999"]
    store = open_store(current_release(data).store_path)
    doc = f"{ID}document/ah-tk-20222023-9999"
    questions = select(store, f"SELECT ?o WHERE {{ <{doc}> <https://w3id.org/mhkg/def#hasQuestion> ?s . ?s <https://w3id.org/mhkg/def#number> ?o }}")
    assert sorted(q["o"] for q in questions) == ["1", "2, 3 en 4"]
    mentioned = {r["s"] for r in select(store, f"SELECT ?s WHERE {{ ?s <https://w3id.org/mhkg/def#mentionedIn> <{doc}> }}")}
    for key in ("actor/comensha", "actor/nidos", "actor/openbaar-ministerie", "actor/nederlandse-arbeidsinspectie",
                "actor/inspectie-szw", "actor/politie"):
        assert f"{ID}{key}" in mentioned, key
    cited = {r["o"] for r in select(store, f"SELECT ?o WHERE {{ <{doc}> <https://w3id.org/mhkg/def#cites> ?o }}")}
    assert {f"{ID}citation/kst-28638-240", f"{ID}citation/kst-28638-233", f"{ID}instrument/sr-273f"} <= cited
    dates = select(store, f"SELECT ?o WHERE {{ <{doc}> <https://w3id.org/mhkg/def#dateSubmitted> ?o }}")
    assert dates == [{"o": "2023-03-03"}]


def test_ingest_replaces_one_graph_and_leaves_the_others_untouched(data, built_release):
    before = open_store(built_release.store_path)
    untouched = graph_triples(before, "kst-28638-174")
    ingest([QUESTIONS, LETTER_XML], data, log=lambda *_: None)
    after = open_store(current_release(data).store_path)
    assert graph_triples(after, "kst-28638-174") == untouched
    assert graph_triples(after, "ah-tk-20222023-9999") and graph_triples(after, "kst-28638-9998")


def test_ingesting_the_same_file_twice_changes_nothing(data):
    ingest([QUESTIONS], data, log=lambda *_: None)
    release = current_release(data).build_id
    assert ingest([QUESTIONS], data, log=lambda *_: None) == []
    assert current_release(data).build_id == release


def test_a_rebuild_keeps_ingested_papers_with_the_same_triples(data, tmp_path):
    """Also where a paper cites another ingested paper, ingested before it: it cites it as a
    citation, after a rebuild as after its ingest (which ingested papers it would know as
    documents depends on the order they came in; a rebuild's replay knows none)."""
    citing = tmp_path / "citing.txt"
    citing.write_text(QUESTIONS.read_text(encoding="utf-8").replace("nr. \n9999", "nr. \n9998")
                      + "\nZie het antwoord in Aanhangsel Handelingen II 2022/23, nr. 9999.\n", encoding="utf-8")
    ingest([QUESTIONS], data, log=lambda *_: None)
    ingest([citing], data, log=lambda *_: None)
    store = open_store(current_release(data).store_path)
    ingested = {slug: graph_triples(store, slug) for slug in ("ah-tk-20222023-9999", "ah-tk-20222023-9998")}
    assert any(f"<{ID}citation/ah-tk-20222023-9999> " in line and "#cites>" in line
               for line in ingested["ah-tk-20222023-9998"])
    rebuilt = open_store(build(data, log=lambda *_: None).store_path)
    assert {slug: graph_triples(rebuilt, slug) for slug in ingested} == ingested


def test_official_xml_and_pdf_are_read(tmp_path):
    xml = read_document(LETTER_XML)
    assert xml.format == "xml" and xml.metadata["dossiernr"] == "28638"
    assert "programma Samen tegen mensenhandel.1 CoMensha" in " ".join(xml.text.split())
    assert xml.text.rstrip().endswith("1 Kamerstuk 28 638, nr. 249.")
    pdf = tmp_path / "vragen.pdf"
    pdf.write_bytes(make_pdf([["Vragen van het lid Test (VVD) over mensenhandel.", "Vraag 1", "Kent u CoMensha?"],
                              ["Antwoord 1", "Ja, het Openbaar Ministerie kent het."]]))
    read = read_document(pdf)
    assert read.format == "pdf" and "Kent u CoMensha?" in read.text
    assert read.text.count("\n ") == 1          # the second page opens with one space, like the seeds


def test_an_official_web_page_is_read_as_its_publication_and_ingested_as_the_letter_it_is(data):
    """A paper saved from zoek.officielebekendmakingen.nl as a web page: its text is the
    publication's body (div#broodtekst) in paragraphs, without the site's header, menu, search
    form, breadcrumb, details table, scripts and footer, and it is ingested as from its text."""
    from kg.ingest.pipeline import ingested_entry
    page = read_document(LETTER_PAGE)
    assert page.format == "html"
    assert page.text.startswith("Tweede Kamer der Staten-Generaal\n\nVergaderjaar 2019–2020\n\n28 638 Mensenhandel\n\n"
                                "Nr. 183 BRIEF VAN DE STAATSSECRETARIS VAN JUSTITIE EN VEILIGHEID\n\n")
    assert "voortgangsbrief1 over de voortgang van het programma Samen tegen mensenhandel" in page.text
    assert page.text.endswith("een aantal eerder door de Kamer aangenomen moties.\n")
    for chrome in ("Direct naar content", "Zoeken", "Zoals vergunningen", "U bent hier", "Datum publicatie",
                   "Colofon", "geen tekst", "Overheid.nl", "dataLayer", "skiplink"):
        assert chrome not in page.text, chrome
    assert ingest([LETTER_PAGE], data, log=lambda *_: None) == ["kst-28638-183"]
    entry = ingested_entry("kst-28638-183", data)
    assert entry["format"] == "html" and entry["title"] == "Mensenhandel; Brief van de Staatssecretaris van Justitie en Veiligheid"
    store = open_store(current_release(data).store_path)
    doc = f"{ID}document/kst-28638-183"
    mentioned = {r["s"] for r in select(store, f"SELECT ?s WHERE {{ ?s <https://w3id.org/mhkg/def#mentionedIn> <{doc}> }}")}
    assert {f"{ID}actor/openbaar-ministerie", f"{ID}actor/politie"} <= mentioned
    assert select(store, f"SELECT ?o WHERE {{ <{doc}> <https://w3id.org/mhkg/def#dateSent> ?o }}") == [{"o": "2020-07-01"}]


@pytest.mark.parametrize("page, text", [
    ("<header><p>Menu</p></header><main><h1>Meldingen</h1><table><tr><th>Jaar</th><th>Meldingen</th></tr>"
     "<tr><td>2019</td><td>958</td></tr></table><p>Bron: CoMensha<br>Den Haag</p></main><footer>Privacy</footer>",
     "Meldingen\n\nJaar | Meldingen |\n\n2019 | 958 |\n\nBron: CoMensha\nDen Haag\n"),
    ("<header><p>Menu</p></header><p>Vragen van het lid Kuik over mensenhandel</p><aside>Zie ook</aside>"
     "<div>Antwoord van de minister <b>van</b> Justitie</div><footer>Privacy</footer>",
     "Vragen van het lid Kuik over mensenhandel\n\nAntwoord van de minister van Justitie\n"),
    ("<main> </main><p>Vragen van het lid Kuik over mensenhandel</p>", "Vragen van het lid Kuik over mensenhandel\n"),
])
def test_a_web_page_without_a_publication_body_is_read_as_its_main_content_or_its_body(tmp_path, page, text):
    """Without div#broodtekst, the text of <main> (a table row a line, its cells ended by " | ",
    as a browser's copy gives them: how the paper detector reads a table's identity), else of
    the body without the site's header, footer and asides (also where <main> is empty)."""
    saved = tmp_path / "pagina.html"
    saved.write_text(f"<!doctype html>\n<html><head><title>Titel</title></head><body>{page}</body></html>")
    assert read_document(saved).text == text


@pytest.mark.parametrize("content, message", [
    (b"", "the file is empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary data"),
    (b"%PDF-1.4\n1 0 obj << >> endobj\n", "the PDF is truncated"),
    (b"<kamerstuk><al>niet gesloten</kamerstuk>", "malformed XML"),
    (b"\xff\xfe\xfa rommel", "not UTF-8 text"),
])
def test_bad_files_are_refused_and_the_store_is_left_as_it_was(data, tmp_path, content, message):
    before = current_release(data).build_id
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    with pytest.raises(UnreadableDocument, match=message):
        ingest([QUESTIONS, bad], data, log=lambda *_: None)
    assert current_release(data).build_id == before


def test_a_release_built_with_another_ontology_takes_no_papers_until_it_is_built_again(data, capsys):
    """A release whose ontology graph lacks a term of the installed ontology (a concept added
    since: a motion paper's document kind) is refused in one line, left as it was; `mhkg build` mends it.
    The release is made one of an earlier MHKG: its graph without the concept, under another build id."""
    import json

    from pyoxigraph import NamedNode, Quad, Store

    from kg.release import switch_current
    from mhkg.cli import main
    built = current_release(data)
    meta, older = dict(built.meta), built.path.with_name("0123456789abcdef")
    built.path.rename(older)
    (older / "build.json").write_text(json.dumps(dict(meta, build_id=older.name)))
    switch_current(older, data)
    release = current_release(data)
    store = Store(str(release.store_path))
    concept = f"{ID}concept/document-kind-motion"
    old = [q for q in store.quads_for_pattern(NamedNode(concept), None, None, NamedNode(f"{GRAPH}ontology"))]
    assert old
    for quad in old:
        store.remove(Quad(quad.subject, quad.predicate, quad.object, quad.graph_name))
    store.flush()
    del store
    assert main(["--data", str(data), "ingest", str(QUESTIONS)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "built with another version of the ontology" in err and "mhkg build" in err, err
    assert current_release(data).build_id == release.build_id and not (data / "ingested").exists()
    assert main(["--data", str(data), "build"]) == 0 and current_release(data).build_id == built.build_id
    assert main(["--data", str(data), "ingest", str(QUESTIONS)]) == 0


def test_a_curated_document_is_not_overwritten(data):
    with pytest.raises(IngestError, match="curated document"):
        ingest([Path(__file__).parents[1] / "kg/corpus/texts/kst-28638-174.txt"], data, log=lambda *_: None)


def test_unknown_names_and_figures_are_candidates_not_facts(data):
    ingest([QUESTIONS], data, log=lambda *_: None)
    [(slug, names, figures)] = list(curation_candidates(data))
    assert slug == "ah-tk-20222023-9999"
    assert any(n.name == "Stichting Voorbeeldhulp" and n.abbreviation == "SVH" for n in names)
    assert not any("CoMensha" in n.name or "Nidos" in n.name for n in names)
    assert [(f.value, f.unit, f.years) for f in figures] == [("814", "slachtoffers", ["2022"])]
    store = open_store(current_release(data).store_path)
    assert not bool(run(store, "ASK { GRAPH <https://w3id.org/mhkg/graph/ah-tk-20222023-9999> { ?s ?p ?o FILTER(?p = <https://w3id.org/mhkg/def#value>) } }"))


def test_an_ingested_paper_is_found_through_rest(data):
    from graph_fixtures import Service

    ingest([QUESTIONS], data, log=lambda *_: None)
    with Service(data=str(data)) as api:
        document = api.get("/api/documents/ah-tk-20222023-9999").json()
        assert "mh:ParliamentaryQuestions" in document["types"]
        passages = api.get("/api/documents/ah-tk-20222023-9999/passages").json()["items"]
        assert [p["number"] for p in passages if p["type"] == "mh:Question"] == ["1", "2, 3 en 4"]
        comensha = api.get("/api/actors/comensha").json()
        assert "ah-tk-20222023-9999" in {m["document"]["slug"] for m in comensha["mentions"]}
        hits = api.get("/api/search", params={"q": "Stichting Voorbeeldhulp", "kind": "passages"}).json()["items"]
        assert [h["document"]["slug"] for h in hits] == ["ah-tk-20222023-9999"]
        found = api.get("/api/documents", params={"q": document["label"][:20]}).json()["items"]
        assert "ah-tk-20222023-9999" in [d["slug"] for d in found]


def test_a_real_answer_is_its_own_number_and_links_the_people_the_graph_knows(data):
    paper = FIXTURES / "papers" / "ah-tk-20222023-899.txt"
    assert ingest([paper], data, log=lambda *_: None) == ["ah-tk-20222023-899"]
    store = open_store(current_release(data).store_path)
    doc = f"{ID}document/ah-tk-20222023-899"
    mh = "https://w3id.org/mhkg/def#"
    linked = {(r["s"], r["o"]) for r in select(store, f"SELECT ?s ?o WHERE {{ <{doc}> ?s ?o FILTER(STRSTARTS(STR(?o), '{ID}person/') || STRSTARTS(STR(?o), '{ID}actor/')) }}")}
    assert {(mh + "askedBy", f"{ID}person/bikker"), (mh + "askedBy", f"{ID}person/verkuijlen"),
            (mh + "answeredBy", f"{ID}person/van-der-burg"),
            (mh + "answeredBy", f"{ID}actor/staatssecretaris-van-justitie-en-veiligheid")} <= linked
    quotes = select(store, f"SELECT ?o WHERE {{ GRAPH <{GRAPH}ah-tk-20222023-899> {{ ?s <http://www.w3.org/1999/02/22-rdf-syntax-ns#object> <{ID}person/bikker> ; <{mh}quote> ?o }} }}")
    assert len(quotes) == 1 and "Bikker (ChristenUnie)" in quotes[0]["o"]
    cited = {r["o"] for r in select(store, f"SELECT ?o WHERE {{ <{doc}> <{mh}cites> ?o }}")}
    assert f"{ID}citation/ah-tk-20222023-691" in cited
    assert select(store, f"SELECT ?o WHERE {{ <{doc}> <{mh}aanhangselNumber> ?o }}") == [{"o": "899"}]


def test_an_ingested_papers_statements_carry_their_evidence_where_the_quotes_stand(data):
    """What a paper states about itself gets the mh:Evidence a curated statement gets: the
    document, the quote, its page, passage and offsets in the paper's text; REST shows them
    as the statement's sources, and the release passes the shapes."""
    from kg.ingest.pipeline import ingested_dir
    from kg.validate import validate
    from kg.views import VIEWS_FILE, Views

    paper = FIXTURES / "papers" / "ah-tk-20222023-899.txt"
    assert ingest([paper], data, log=lambda *_: None) == ["ah-tk-20222023-899"]
    release = current_release(data)
    store = open_store(release.store_path)
    text = (ingested_dir(data) / "ah-tk-20222023-899.txt").read_text(encoding="utf-8")
    doc = f"{ID}document/ah-tk-20222023-899"
    rows = run(store, f"""PREFIX mh: <https://w3id.org/mhkg/def#> PREFIX prov: <http://www.w3.org/ns/prov#>
        SELECT ?statement ?quote ?page ?evidence ?document ?evidenceQuote ?evidencePage ?start ?end ?passage ?from ?to
        WHERE {{ GRAPH <{GRAPH}ah-tk-20222023-899> {{
          ?statement a mh:Statement ; mh:quote ?quote ; mh:page ?page .
          OPTIONAL {{ ?statement mh:evidence ?evidence . ?evidence a mh:Evidence ; prov:entity ?document ;
                      mh:quote ?evidenceQuote ; mh:page ?evidencePage ; mh:quoteStart ?start ; mh:quoteEnd ?end ;
                      mh:passage ?passage . ?passage mh:startOffset ?from ; mh:endOffset ?to }} }} }}""")
    statements = {}
    for row in rows:
        assert row["statement"].value not in statements, "one quote, one evidence"
        assert row["evidence"] is not None, row["statement"]
        start, end = int(row["start"].value), int(row["end"].value)
        assert " ".join(text[start:end].split()) == row["quote"].value == row["evidenceQuote"].value
        assert row["document"].value == doc and row["evidencePage"] == row["page"]
        assert int(row["from"].value) <= start < end <= int(row["to"].value)
        statements[row["statement"].value] = (start, end)
    assert len(statements) >= 8                # its numbers, dates and the people who asked and answered

    sources = Views(release.path / VIEWS_FILE).item("documents", "ah-tk-20222023-899")["sources"]
    assert {s["fact"] for s in sources} == set(statements)
    for source in sources:
        assert source["id"].startswith(f"{ID}evidence/") and source["passage"] is not None
        assert (source["quoteStart"], source["quoteEnd"]) == statements[source["fact"]]
        assert " ".join(text[source["quoteStart"]:source["quoteEnd"]].split()) == source["quote"]
    validate(list(store.quads_for_pattern(None, None, None, None)))


def test_the_date_a_motion_was_moved_or_a_report_fixed_is_the_papers_date_with_its_words(data):
    """"Voorgesteld 4 juli 2019" heads the motion kst-28638-167, "Vastgesteld 19 juni 2023" the
    committee's report kst-28638-221: each paper's dct:date, stated with those words, shown as the
    document's `date` and found by the year filters. They were read and not stated."""
    from graph_fixtures import Service

    papers = [FIXTURES / "papers" / "kst-28638-167.txt", FIXTURES / "papers" / "kst-28638-221.txt"]
    assert ingest(papers, data, log=lambda *_: None) == ["kst-28638-167", "kst-28638-221"]
    store = open_store(current_release(data).store_path)
    for slug, date, words in (("kst-28638-167", "2019-07-04", "Voorgesteld 4 juli 2019"),
                              ("kst-28638-221", "2023-06-19", "Vastgesteld 19 juni 2023")):
        stated = select(store, f"SELECT ?s ?o WHERE {{ GRAPH <{GRAPH}{slug}> {{ <{ID}document/{slug}> "
                               f"<http://purl.org/dc/terms/date> ?s . ?statement "
                               f"<http://www.w3.org/1999/02/22-rdf-syntax-ns#predicate> <http://purl.org/dc/terms/date> ; "
                               f"<https://w3id.org/mhkg/def#quote> ?o }} }}")
        assert [row["s"] for row in stated] == [date] and words in stated[0]["o"]
    with Service(data=str(data)) as api:
        assert api.get("/api/documents/kst-28638-167").json()["date"] == "2019-07-04"
        in_2023 = api.get("/api/documents", params={"year_from": 2023, "year_to": 2023, "limit": 500}).json()["items"]
        assert "kst-28638-221" in {d["slug"] for d in in_2023} and "kst-28638-167" not in {d["slug"] for d in in_2023}


#: The opening of the Eerste Kamer's kst-36547-C, the government's answers to the committee's report on the
#: bill on trafficking (zoek.officielebekendmakingen.nl), and of the Tweede Kamer's report kst-36835-5 on the
#: bill implementing the revised directive, as tweedekamer.nl shows it.
NOTA = """36 547 Wijziging van het Wetboek van Strafrecht en het Wetboek van Strafrecht BES en andere wetten in verband met \
de modernisering van de strafbaarstelling van mensenhandel en de introductie van de zelfstandige strafbaarstelling van \
ernstige benadeling en van voordeeltrekking (Wet modernisering en uitbreiding strafbaarstelling mensenhandel)

C NOTA NAAR AANLEIDING VAN HET VERSLAG

Ontvangen 2 oktober 2025

Inleiding

Met veel belangstelling heb ik kennisgenomen van het verslag van de vaste commissie voor Justitie en Veiligheid. De \
fracties van de BBB, GroenLinks-PvdA, D66, SP en PvdD hebben naar aanleiding van het wetsvoorstel nog enkele vragen.
"""
REPORT_ON_A_BILL = """Verslag (initiatief)wetsvoorstel (nader) : Verslag
36 835 Implementatie van Richtlijn (EU) 2024/1712 van het Europees Parlement en de Raad van 13 juni 2024 tot wijziging \
van Richtlijn 2011/36/EU inzake de voorkoming en bestrijding van mensenhandel en de bescherming van slachtoffers \
daarvan (Implementatiewet herziene Europese richtlijn mensenhandel)
Nr. 5
VERSLAG
Vastgesteld 22 december 2025
De vaste commissie voor Justitie en Veiligheid, belast met het voorbereidend onderzoek
van dit voorstel van wet, heeft de eer als volgt verslag uit te brengen.
"""


def test_a_paper_of_a_bills_dossier_is_dated_by_the_day_it_was_fixed_or_received(data, tmp_path):
    """The government's answers to a committee's report on a bill are dated "Ontvangen 2 oktober
    2025": its mh:dateReceived (ontology 1.6) and dct:date, with those words (it had no date);
    the committee's report is dated by the day it was fixed, and received on no day."""
    nota, report = tmp_path / "nota.txt", tmp_path / "verslag.txt"
    nota.write_text(NOTA, encoding="utf-8")
    report.write_text(REPORT_ON_A_BILL, encoding="utf-8")
    assert ingest([nota, report], data, log=lambda *_: None) == ["kst-36547-c", "kst-36835-5"]
    store = open_store(current_release(data).store_path)
    mh, dct = "https://w3id.org/mhkg/def#", "http://purl.org/dc/terms/"

    def stated(slug: str, prop: str) -> list[tuple[str, str]]:
        return [(row["s"], row["o"]) for row in select(
            store, f"SELECT ?s ?o WHERE {{ GRAPH <{GRAPH}{slug}> {{ <{ID}document/{slug}> <{prop}> ?s . ?statement "
                   f"<http://www.w3.org/1999/02/22-rdf-syntax-ns#predicate> <{prop}> ; <{mh}quote> ?o }} }}")]
    for prop in (mh + "dateReceived", dct + "date"):
        [(date, words)] = stated("kst-36547-c", prop)
        assert date == "2025-10-02" and "Ontvangen 2 oktober 2025" in words
    [(date, words)] = stated("kst-36835-5", dct + "date")
    assert date == "2025-12-22" and "Vastgesteld 22 december 2025" in words
    assert stated("kst-36835-5", mh + "dateReceived") == []


#: The opening of kst-28638-161, a letter the state secretary and four ministers sent together.
JOINT_LETTER = """28 638 Mensenhandel

Nr. 161 BRIEF VAN DE STAATSSECRETARIS VAN JUSTITIE EN VEILIGHEID EN DE MINISTERS VAN SOCIALE ZAKEN EN \
WERKGELEGENHEID, VAN VOLKSGEZONDHEID, WELZIJN EN SPORT, VAN BUITENLANDSE ZAKEN EN VOOR BUITENLANDSE HANDEL EN \
ONTWIKKELINGSSAMENWERKING

Aan de Voorzitter van de Tweede Kamer der Staten-Generaal

Den Haag, 25 mei 2018

Inleiding

Mensenhandel is een zeer ernstig misdrijf met vaak traumatische gevolgen voor het slachtoffer.
"""


def test_a_joint_letter_is_written_by_every_office_its_heading_names_and_on_behalf_of_those_it_says(data, tmp_path):
    """kst-28638-161's heading names five senders: each office is the letter's mh:author (the first
    alone was); kst-28638-257 is sent "mede namens" five others: its mh:onBehalfOf those the graph
    knows, and the others suggested as offices, each with the words that name it."""
    from kg.ingest.suggestions import suggestions_file
    joint = tmp_path / "kst161.txt"
    joint.write_text(JOINT_LETTER, encoding="utf-8")
    assert ingest([joint, FIXTURES / "kst-28638-257-opening.txt"], data, log=lambda *_: None) == \
        ["kst-28638-161", "kst-28638-257"]
    store = open_store(current_release(data).store_path)
    mh = "https://w3id.org/mhkg/def#"

    def linked(slug: str, prop: str) -> set[str]:
        return {row["s"].removeprefix(f"{ID}actor/") for row in select(
            store, f"SELECT ?s WHERE {{ <{ID}document/{slug}> <{mh}{prop}> ?s }}")}
    assert linked("kst-28638-161", "author") == {      # the graph knows four of the five offices
        "staatssecretaris-van-justitie-en-veiligheid", "minister-van-sociale-zaken-en-werkgelegenheid",
        "minister-van-buitenlandse-zaken", "minister-voor-buitenlandse-handel-en-ontwikkelingssamenwerking"}
    assert linked("kst-28638-257", "author") == {"minister-van-justitie-en-veiligheid"}
    assert linked("kst-28638-257", "onBehalfOf") == {"minister-van-sociale-zaken-en-werkgelegenheid",
                                                      "minister-van-buitenlandse-zaken"}
    offered = suggestions_file("kst-28638-257", data).read_text(encoding="utf-8")
    for office in ("Staatssecretaris van Jeugd, Preventie en Sport", "Staatssecretaris van Langdurige en Maatschappelijke Zorg",
                   "Minister voor Asiel en Migratie"):
        assert f"office named: {office}" in offered, office
    assert "office named: Minister van Volksgezondheid, Welzijn en Sport" in \
        suggestions_file("kst-28638-161", data).read_text(encoding="utf-8")


def test_a_sites_copy_states_the_tweede_kamers_numbers_and_no_maker_the_case_lists(data):
    """berthub.eu's page of the committee's report kst-36547-5, cut before its text: the Tweede Kamer's
    document and case numbers it labels ("Nummer: 2024D25392", "Onderdeel van zaak 2024Z07703") are
    stated with those words (ontology 1.5; they were read and not stated), and the bill's submitter,
    listed under the case, is not the report's signatory."""
    from graph_fixtures import Service

    assert ingest([FIXTURES / "berthub-2024D25392-opening.txt"], data, log=lambda *_: None) == ["kst-36547-5"]
    store = open_store(current_release(data).store_path)
    doc, mh = f"{ID}document/kst-36547-5", "https://w3id.org/mhkg/def#"
    for prop, number, words in (("tkDocumentNumber", "2024D25392", "Nummer: 2024D25392"),
                                ("tkCaseNumber", "2024Z07703", "Onderdeel van zaak 2024Z07703")):
        stated = select(store, f"SELECT ?s ?o WHERE {{ GRAPH <{GRAPH}kst-36547-5> {{ <{doc}> <{mh}{prop}> ?s . "
                               f"?statement <http://www.w3.org/1999/02/22-rdf-syntax-ns#predicate> <{mh}{prop}> ; "
                               f"<{mh}quote> ?o }} }}")
        assert [row["s"] for row in stated] == [number] and words in stated[0]["o"]
    assert select(store, f"SELECT ?o WHERE {{ <{doc}> <{mh}signatory> ?o }}") == []
    with Service(data=str(data)) as api:
        document = api.get("/api/documents/kst-36547-5").json()
        assert (document["tkDocumentNumber"], document["tkCaseNumber"]) == ("2024D25392", "2024Z07703")
        assert "mh:LegislativePaper" in document["types"]
