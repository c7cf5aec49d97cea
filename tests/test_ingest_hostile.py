"""`mhkg ingest` on what a hostile or careless user hands it: damaged or expanding PDFs,
files over the size limit, special files, deep or entity-laden XML, malformed web pages. Each is refused by
the real command, at once, in one line, leaving the data directory as it was."""
import gc
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import warnings
import zlib
from pathlib import Path

import pytest
from pdf_writer import make_pdf

from kg.ingest.figures import figure_candidates
from kg.ingest.readers import MAX_PAGE_CONTENT, MAX_XML_DEPTH, UnreadableDocument, _pypdf_complaints, read_document
from kg.mentions import Matcher
from kg.passages import segment
from kg.release import current_release
from kg.text import DocumentText

QUESTIONS = Path(__file__).with_name("fixtures") / "kamervragen-fixture.txt"
PAGES = [["Vragen van het lid Test (VVD) over mensenhandel.", "Vraag 1", "Kent u CoMensha?"],
         ["Antwoord 1", "Ja, het Openbaar Ministerie kent het en werkt ermee samen."],
         ["Vraag 2", "Wat doet de Nederlandse Arbeidsinspectie?"]]
_STREAM = re.compile(rb"<< /Length \d+ >>\nstream\n(.*?)\nendstream", re.S)


@pytest.fixture(scope="module")
def data(built_release, tmp_path_factory):
    """A private copy of the built data directory for this module."""
    target = tmp_path_factory.mktemp("hostile") / "data"
    shutil.copytree(built_release.path.parent.parent, target, symlinks=True)
    return target


def mhkg_ingest(data: Path, *arguments) -> subprocess.CompletedProcess:
    """The real command; a hang fails the test, not the suite."""
    return subprocess.run([sys.executable, "-m", "mhkg.cli", "--data", str(data), "ingest", *map(str, arguments)],
                          capture_output=True, text=True, timeout=60)


def state(data: Path):
    """What an ingest may change: the current release, the releases, data/ingested/."""
    ingested = data / "ingested"
    return (current_release(data).build_id, sorted(p.name for p in (data / "releases").iterdir()),
            sorted(str(p.relative_to(ingested)) for p in ingested.rglob("*")) if ingested.exists() else None)


def assert_refused(data: Path, *arguments, message: str) -> None:
    before = state(data)
    result = mhkg_ingest(data, *arguments)
    assert result.returncode == 1, result.stdout + result.stderr
    assert len(result.stderr.splitlines()) == 1 and result.stderr.startswith("mhkg ingest: "), result.stderr
    assert re.search(message, result.stderr), result.stderr
    assert state(data) == before


def with_page_stream(pdf: bytes, index: int, encoded: bytes) -> bytes:
    """The PDF with page `index`'s content replaced by a Flate stream of these bytes."""
    stream = list(_STREAM.finditer(pdf))[index]
    body = b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(encoded) + encoded + b"\nendstream"
    return with_xref(pdf[:stream.start()] + body + pdf[stream.end():])


def with_xref(pdf: bytes) -> bytes:
    """The objects of this PDF (all before its `xref`) with a cross-reference table made
    for them, so that a test's PDF is damaged only where the test damages it."""
    head = pdf[:pdf.index(b"xref\n")]
    offsets = [m.start() + 1 for m in re.finditer(rb"\n\d+ 0 obj\n", head)]
    xref = f"xref\n0 {len(offsets) + 1}\n0000000000 65535 f \n" + "".join(f"{o:010d} 00000 n \n" for o in offsets)
    trailer = f"trailer\n<< /Size {len(offsets) + 1} /Root 1 0 R >>\nstartxref\n{len(head)}\n%%EOF\n"
    return head + xref.encode() + trailer.encode()


def page_content(index: int) -> bytes:
    return list(_STREAM.finditer(make_pdf(PAGES)))[index].group(1)


def corrupted(data: bytes) -> bytes:
    packed = zlib.compress(data)
    return packed[:len(packed) // 2] + b"\x00rommel" + packed[len(packed) // 2:]


def cut_short(data: bytes) -> bytes:
    """A Flate stream that ends cleanly after the page's first line: what is left parses,
    so only the missing end of the stream tells that the second line is lost."""
    packer = zlib.compressobj()
    return packer.compress(data[:data.index(b"(Ja,")]) + packer.flush(zlib.Z_FULL_FLUSH)


@pytest.mark.parametrize("encoded, reason", [
    (corrupted(page_content(1)), "cannot be decompressed"),
    (cut_short(page_content(1)), "its content stream is truncated"),
    (zlib.compress(page_content(1).replace(b" Tj T* ET", b" Tj [ << ( Tj")), "ended unexpectedly"),
], ids=["corrupt-flate", "truncated-flate", "broken-operators"])
def test_a_pdf_with_a_damaged_page_is_refused_naming_the_page(data, tmp_path, encoded, reason):
    whole = tmp_path / "whole.pdf"
    whole.write_bytes(with_page_stream(make_pdf(PAGES), 1, zlib.compress(page_content(1))))
    assert "Openbaar Ministerie" in read_document(whole).text     # the rewriting itself damages nothing
    damaged = tmp_path / "vragen.pdf"
    damaged.write_bytes(with_page_stream(make_pdf(PAGES), 1, encoded))
    assert_refused(data, damaged, message=f"vragen.pdf: page 2 of 3 cannot be read: .*{reason}")


def test_a_small_pdf_that_expands_beyond_the_limits_is_refused(data, tmp_path):
    bomb = tmp_path / "bom.pdf"
    bomb.write_bytes(with_page_stream(make_pdf(PAGES), 2, zlib.compress(b"0 0 m\n" * (MAX_PAGE_CONTENT // 6 + 1))))
    assert bomb.stat().st_size < 20_000
    assert_refused(data, bomb,
                   message=rf"more than {MAX_PAGE_CONTENT:,} bytes, the limit for a page \(at page 3 of 3\)")
    text = tmp_path / "tekst.pdf"
    text.write_bytes(with_page_stream(make_pdf(PAGES), 0, zlib.compress(b"BT /F1 11 Tf (mensenhandel) Tj ET\n" * 400)))
    limit = text.stat().st_size + 10
    assert_refused(data, "--max-bytes", limit, text,
                   message=rf"content decodes to more than the limit of {limit:,} bytes \(at page 1 of 3\)")


def test_text_multiplied_by_a_repeated_form_is_stopped_at_the_limit(data, tmp_path):
    pdf = make_pdf(PAGES)
    form_id = pdf[:pdf.index(b"xref\n")].count(b" 0 obj\n") + 1
    text = b"BT /F1 11 Tf (" + b"mensenhandel " * 80 + b") Tj ET"
    form = (f"{form_id} 0 obj\n<< /Type /XObject /Subtype /Form /BBox [0 0 595 842] "
            f"/Resources << /Font << /F1 3 0 R >> >> /Length {len(text)} >>\nstream\n").encode() + text
    pdf = pdf.replace(b"xref\n", form + b"\nendstream\nendobj\nxref\n", 1).replace(
        b"/Font << /F1 3 0 R >> >> /Contents 5 0 R", b"/Font << /F1 3 0 R >> /XObject << /X1 %d 0 R >> >> "
        b"/Contents 5 0 R" % form_id)
    repeated = tmp_path / "herhaald.pdf"
    repeated.write_bytes(with_page_stream(pdf, 0, zlib.compress(b"/X1 Do\n" * 2000)))
    limit = 100_000               # the file and its pages' content are far below it, the text 20 times over
    assert repeated.stat().st_size < 3_000
    assert_refused(data, "--max-bytes", limit, repeated,
                   message=rf"its text is more than the limit of {limit:,} characters \(at page 1 of 3\)")


def test_the_size_limit_is_checked_before_reading(data):
    size = QUESTIONS.stat().st_size
    assert_refused(data, "--max-bytes", size - 1, QUESTIONS,
                   message=rf"kamervragen-fixture.txt: {size:,} bytes, more than the limit of {size - 1:,} bytes$")


def test_a_paper_exactly_at_the_limit_is_ingested(data, tmp_path):
    paper = tmp_path / "vragen.txt"
    paper.write_bytes(QUESTIONS.read_bytes())
    result = mhkg_ingest(data, "--max-bytes", paper.stat().st_size, paper)
    assert result.returncode == 0 and "1 document(s) ingested" in result.stdout, result.stderr


@pytest.mark.parametrize("kind", ["a FIFO", "a directory", "a socket", "a character device"])
def test_special_files_are_refused_without_blocking(data, tmp_path, kind):
    special = tmp_path / "paper.txt"
    if kind == "a FIFO":
        os.mkfifo(special)
    elif kind == "a directory":
        special.mkdir()
    elif kind == "a socket":
        with socket.socket(socket.AF_UNIX) as listener:
            listener.bind(str(special))         # the socket file stays after the socket closes
    else:
        special.symlink_to("/dev/zero")
    assert_refused(data, special, message=f"paper.txt: {kind}, not a regular file$")


def test_deep_xml_is_refused_not_a_recursion_error(data, tmp_path):
    deep = tmp_path / "diep.xml"
    deep.write_text("<kamerstuk>" + "<al>" * 200_000 + "mensenhandel" + "</al>" * 200_000 + "</kamerstuk>")
    assert_refused(data, deep, message=f"diep.xml: elements nested more than {MAX_XML_DEPTH} deep$")


def test_xml_entities_are_refused_before_they_expand(data, tmp_path):
    laughs = tmp_path / "lach.xml"
    entities = "".join(f'<!ENTITY e{i} "{f"&e{i - 1};" * 10}">' for i in range(1, 10))
    laughs.write_text(f'<?xml version="1.0"?><!DOCTYPE k [<!ENTITY e0 "mensenhandel ">{entities}]><k><al>&e9;</al></k>')
    assert_refused(data, laughs, message="declares the XML entity 'e0'; entities are refused")


def test_depth_is_refused_only_past_the_limit(tmp_path):
    words = "Vraag over mensenhandel bij CoMensha en Nidos"
    for depth, readable in ((MAX_XML_DEPTH, True), (MAX_XML_DEPTH + 1, False)):
        paper = tmp_path / f"diep-{depth}.xml"
        paper.write_text("<k>" + "<al>" * (depth - 2) + f"<p>{words}</p>" + "</al>" * (depth - 2) + "</k>")
        if readable:
            assert words in read_document(paper).text
        else:
            with pytest.raises(UnreadableDocument, match="nested more than"):
                read_document(paper)


def test_a_web_page_nested_past_the_parsers_limit_is_refused_not_cut_short(data, tmp_path):
    """libxml2 stops reading a page at 256 levels of nesting: what lies deeper would be lost."""
    deep = tmp_path / "diep.html"
    deep.write_text("<!DOCTYPE html><html><body>" + "<div>" * 300 + "Vragen over mensenhandel aan de minister."
                    + "</div>" * 300 + "</body></html>")
    assert_refused(data, deep, message="diep.html: elements nested more than 256 deep$")
    shallow = tmp_path / "ondiep.html"
    shallow.write_text(deep.read_text().replace("<div>" * 300, "<div>" * 250).replace("</div>" * 300, "</div>" * 250))
    assert "Vragen over mensenhandel aan de minister." in read_document(shallow).text


def test_a_web_page_libxml2_cannot_read_whole_is_refused_not_cut(tmp_path):
    """A paragraph of 12 MB, within the size limit: libxml2 stops at 10 MB of text without a tag,
    and the page was refused as having no text (or, laid out otherwise, would have been cut)."""
    page = tmp_path / "lang.html"
    page.write_bytes(b"<!DOCTYPE html><html><body><p>Vragen over mensenhandel.</p><p>" + b"mensenhandel " * 950_000
                     + b"</p><p>Het einde.</p></body></html>")
    with pytest.raises(UnreadableDocument, match=r"lang.html: the page cannot be read whole \(libxml2: .*limit"):
        read_document(page)


def test_a_web_page_without_text_is_refused_in_one_line(data, tmp_path):
    """A document type alone (libxml2: "Document is empty"), a head alone, frames: no content
    element with text in it (each was a traceback)."""
    pages = {"leeg.html": b"<!DOCTYPE html>", "kop.html": b"<html><head><title>Vragen over mensenhandel aan de minister"
             b"</title></head></html>", "frames.html": b"<!DOCTYPE html><html><frameset><frame src=a.html></frameset></html>"}
    for name, page in pages.items():
        (tmp_path / name).write_bytes(page)
        with pytest.raises(UnreadableDocument, match=f"{name}: no running text in it$"):
            read_document(tmp_path / name)
    assert_refused(data, tmp_path / "leeg.html", message="leeg.html: no running text in it$")


def test_a_web_page_not_in_utf8_is_refused(data, tmp_path):
    latin = tmp_path / "latin.html"
    raw = b"<!DOCTYPE html><html><body><p>Vragen over mensenhandel in het caf\xe9 aan de minister.</p></body></html>"
    latin.write_bytes(raw)
    assert_refused(data, latin, message=rf"latin.html: not UTF-8 text \(invalid byte at offset {raw.index(0xE9)}\)$")


def test_a_malformed_web_page_costs_in_proportion_to_its_length():
    """Megabytes of "</" or "<?" that never close: the standard library's HTML parser reads
    them in time growing with the square of their length (800 KB: a minute); libxml2's, which
    reads the pages, in proportion."""
    def cost(size: int) -> float:
        page = ("<!DOCTYPE html><html><body><p>Vragen over mensenhandel aan de minister van Justitie.</p>"
                + "</" * size + "<?" * size + "<!" * size).encode()
        runs = []
        for _ in range(3):
            started = time.process_time()
            text = read_document_bytes(page)
            runs.append(time.process_time() - started)
        assert "Vragen over mensenhandel" in text
        return min(runs)

    small, large = cost(150_000), cost(1_200_000)      # 7.2 MB: under libxml2's 10 MB of text
    assert large < 20 * small + 0.05, f"{large:.2f} s for eight times the page of {small:.2f} s"


def read_document_bytes(raw: bytes) -> str:
    from kg.ingest.readers import _html_text
    return _html_text(Path("page.html"), raw)


def test_a_paper_of_one_endless_sentence_costs_in_proportion_to_its_length():
    """A text without a full stop is one sentence, of megabytes if need be: its figures and names
    were looked for again up to each of them and each new one compared with all found before
    (900 KB took minutes to ingest). Eight times the text now costs about eight times as much
    (it cost 64 times), and finds eight times as much."""
    clause = "de minister heeft met CoMensha en de Nationaal Rapporteur gesproken en in 2021 zijn 6 onderzoeken afgerond, "
    matcher = Matcher({"actor/comensha": ["CoMensha"], "actor/nationaal-rapporteur": ["Nationaal Rapporteur"]})

    def cost(clauses: int) -> tuple[float, int, int]:
        """The least CPU time of three runs, the garbage collector off: its pauses walk the whole
        test process, whatever the text (CI once saw 0.69 s against 0.03 s so)."""
        passages = segment("endless", DocumentText("Brief\n\n" + clause * clauses), "Letter")
        runs = []
        gc.disable()
        try:
            for _ in range(3):
                started = time.process_time()
                figures = figure_candidates(passages)
                hits = sum(len(matcher.passage_hits(passage)) for passage in passages)
                runs.append(time.process_time() - started)
        finally:
            gc.enable()
        return min(runs), len(figures), hits

    (small, *found), (large, *found_eightfold) = cost(1000), cost(8000)
    assert found == [1000, 2000] and found_eightfold == [8000, 16000]
    assert large < 20 * small, f"{large:.2f} s for eight times the text of {small:.2f} s"


def test_an_unclosed_file_finalised_while_a_pdf_is_read_is_not_the_pdfs_damage(tmp_path):
    """CI once refused a sound page, "page 1 of 3 cannot be read: unclosed file <_io.BufferedReader
    name=40>": another object's warning, given when the garbage collector finalised it while the page
    was read, was taken for pypdf's. It is shown as any warning is, and the page is read."""
    sound = tmp_path / "sound.pdf"
    sound.write_bytes(make_pdf(PAGES))
    with pytest.warns(ResourceWarning, match="unclosed file"):
        with _pypdf_complaints() as heard:
            cycle = [open(sound, "rb")]      # left open, in a cycle only the collector frees
            cycle.append(cycle)
            del cycle
            gc.collect()
            assert heard == []
            warnings.warn("a warning given while the PDF is read", UserWarning)
        assert heard == ["a warning given while the PDF is read"]
    assert "Openbaar Ministerie" in read_document(sound).text
