"""Reading a paper in any of the forms it is published in, as plain text.

Plain text is taken as it is (the seeds' form). PDF text is extracted page by page with
pypdf, each page opened by one space as the seeds are, so page numbers survive. The XML
in which officiële publicaties are distributed is laid out as the same plain text:
"Vraag N"/"Antwoord N" headings, paragraphs separated by blank lines, footnotes at the
foot. A web page (HTML, as a browser saves one) is read as the text of its content alone:
the publication's body (`#broodtekst` on officielebekendmakingen.nl), else its main
content, else its body, without menus, scripts and the site's header and footer; a table
row is one line, its cells ended by " | " as a copy from the browser gives them. One reader
a format; each refuses a bad file with a message that says what is wrong.

A paper comes from anyone, so reading is bounded: only regular files are opened (a FIFO
or a device would block or never end), at most `max_bytes` of them, and the text taken
out of a PDF or XML may not exceed `max_bytes` either, since a small file can expand
hugely. A PDF page pypdf cannot read whole is refused, not kept with its text cut short.
"""
from __future__ import annotations

import os
import re
import stat
import xml.etree.ElementTree as ET
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from xml.parsers import expat

MAX_BYTES = 20 * 2**20
"""The default limit on a paper's size, and on the text and PDF page content taken out of it."""
MAX_PAGE_CONTENT = 2 * 2**20
"""Decoded content of one PDF page: pypdf's text extraction is quadratic within a page
(measured: 1.2 MB of content 3.4 s, 6.2 MB 121 s), while a dense page of text is ~50 kB."""
MAX_XML_DEPTH = 100
_NOT_REGULAR = {stat.S_IFDIR: "a directory", stat.S_IFIFO: "a FIFO", stat.S_IFSOCK: "a socket",
                stat.S_IFCHR: "a character device", stat.S_IFBLK: "a block device"}


class UnreadableDocument(ValueError):
    """The file cannot be taken in: empty, binary, truncated, too big, or not what its name says."""


@dataclass
class ReadDocument:
    path: Path
    format: str                 # txt | pdf | xml | html
    text: str
    metadata: dict = field(default_factory=dict)   # what the format itself states (XML)


def read_document(path: Path | str, max_bytes: int = MAX_BYTES) -> ReadDocument:
    path = Path(path)
    raw = _read_regular_file(path, max_bytes)
    if not raw.strip():
        raise UnreadableDocument(f"{path}: the file is empty")
    if raw.startswith(b"%PDF"):
        return ReadDocument(path, "pdf", _within(path, _pdf_text(path, raw, max_bytes), max_bytes))
    if _is_html(raw):
        return ReadDocument(path, "html", _within(path, _html_text(path, raw), max_bytes))
    if raw.lstrip().startswith(b"<"):
        text, metadata = _xml_text(path, raw)
        return ReadDocument(path, "xml", _within(path, text, max_bytes), metadata)
    if b"\x00" in raw:
        raise UnreadableDocument(f"{path}: binary data, not text, PDF, XML or HTML")
    return ReadDocument(path, "txt", _require_words(path, _utf8(path, raw)))


def _utf8(path: Path, raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as err:
        raise UnreadableDocument(f"{path}: not UTF-8 text (invalid byte at offset {err.start})") from err


def _read_regular_file(path: Path, max_bytes: int) -> bytes:
    """At most max_bytes of a regular file. The kind is checked before opening (opening a
    device can act on it) and again on the open descriptor (the path may have changed);
    O_NONBLOCK keeps the open of a FIFO from waiting for a writer."""
    try:
        _refuse_special(path, os.stat(path).st_mode)
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
    except OSError as err:
        raise UnreadableDocument(f"{path}: cannot read it ({err.strerror})") from err
    with open(fd, "rb") as file:
        info = os.fstat(fd)
        _refuse_special(path, info.st_mode)
        if info.st_size > max_bytes:
            raise _too_big(path, f"{info.st_size:,} bytes", max_bytes)
        raw = file.read(max_bytes + 1)
    if len(raw) > max_bytes:
        raise _too_big(path, f"over {max_bytes:,} bytes", max_bytes)
    return raw


def _refuse_special(path: Path, mode: int) -> None:
    if not stat.S_ISREG(mode):
        kind = _NOT_REGULAR.get(stat.S_IFMT(mode), "a special file")
        raise UnreadableDocument(f"{path}: {kind}, not a regular file")


def _too_big(path: Path, size: str, max_bytes: int) -> UnreadableDocument:
    return UnreadableDocument(f"{path}: {size}, more than the limit of {max_bytes:,} bytes")


def _within(path: Path, text: str, max_bytes: int) -> str:
    if len(text) > max_bytes:
        raise UnreadableDocument(f"{path}: {_text_over(max_bytes)}")
    return text


def _text_over(max_bytes: int) -> str:
    return f"its text is more than the limit of {max_bytes:,} characters"


def _require_words(path: Path, text: str) -> str:
    if len(re.findall(r"[A-Za-zÀ-ÿ]{3,}", text)) < 5:
        raise UnreadableDocument(f"{path}: no running text in it")
    return text


# --- PDF ------------------------------------------------------------------------------
class _Damaged(Exception):
    """A page cannot be read whole; the message says why."""


class _TooMuch(Exception):
    """The PDF expands beyond a limit; the message says which."""


def _pdf_text(path: Path, raw: bytes, max_bytes: int) -> str:
    from io import BytesIO

    from pypdf import PdfReader

    if b"%%EOF" not in raw[-2048:]:
        raise UnreadableDocument(f"{path}: the PDF is truncated (no end-of-file marker)")
    budget = _Budget(max_bytes)
    pages: list[str] = []
    with _pypdf_complaints() as complaints:
        try:                        # damage pypdf repairs while opening (a bad xref) is tolerated
            reader = PdfReader(BytesIO(raw))
            complaints.clear()
            count = len(reader.pages)
        except Exception as err:    # pypdf raises many kinds of error on hostile input
            raise UnreadableDocument(f"{path}: the PDF cannot be read ({err})") from err
        if complaints:
            raise UnreadableDocument(f"{path}: the PDF's list of pages cannot be read: {complaints[0]}")
        for number, page in enumerate(reader.pages, start=1):
            try:
                pages.append(_page_text(page, budget) or "")
            except _TooMuch as err:
                raise UnreadableDocument(f"{path}: {err} (at page {number} of {count})") from None
            except Exception as err:  # anything pypdf raises on a page means the page is lost
                complaints.insert(0, str(err) or "damaged")
            if complaints:
                raise UnreadableDocument(f"{path}: page {number} of {count} cannot be read: {complaints[0]}")
    return _require_words(path, "\n".join(" " + page.lstrip() for page in pages))


class _Budget:
    """What is left of the limit for the decoded content of pages and for their text."""

    def __init__(self, max_bytes: int):
        self.max_bytes, self.content, self.text = max_bytes, max_bytes, max_bytes

    def spend_content(self, size: int) -> None:
        if size > MAX_PAGE_CONTENT:
            raise _TooMuch(f"a page's content decodes to more than {MAX_PAGE_CONTENT:,} bytes, the limit for a page")
        self.content -= size
        if self.content < 0:
            raise _TooMuch(f"its pages' content decodes to more than the limit of {self.max_bytes:,} bytes")

    def spend_text(self, text: str, *_) -> None:
        self.text -= len(text)
        if self.text < 0:
            raise _TooMuch(_text_over(self.max_bytes))


def _page_text(page, budget: _Budget) -> str:
    """A page's text; its content is measured (and checked whole) before pypdf parses it,
    and extraction stops as soon as the document's text exceeds the limit."""
    budget.spend_content(sum(_decoded_size(stream) for stream in _content_streams(page)))
    return page.extract_text(visitor_text=budget.spend_text)


def _content_streams(page) -> list:
    from pypdf.generic import StreamObject

    contents = page.get("/Contents")
    contents = contents.get_object() if contents is not None else []
    items = [item.get_object() for item in (contents if isinstance(contents, list) else [contents])]
    return [item for item in items if isinstance(item, StreamObject)]


def _decoded_size(stream) -> int:
    """What a content stream decodes to. A Flate stream is inflated here, bounded, because
    pypdf keeps what it can of a truncated one without a word."""
    import zlib

    filters = stream.get("/Filter")
    if filters is None or filters.get_object() not in ("/FlateDecode", ["/FlateDecode"]):
        return len(stream.get_data())   # unfiltered, or decoded within pypdf's own limits
    inflater = zlib.decompressobj()
    try:
        size = len(inflater.decompress(stream._data, MAX_PAGE_CONTENT + 1))  # the bytes as stored
    except zlib.error as err:
        raise _Damaged(f"its content stream cannot be decompressed ({err})") from err
    if size <= MAX_PAGE_CONTENT and not inflater.eof:
        raise _Damaged("its content stream is truncated")
    return size


@contextmanager
def _pypdf_complaints():
    """pypdf reports damage as log records on "pypdf…" or as warnings, and carries on
    with what it could read; collect both, so that a damaged page can be refused. Not a
    ResourceWarning: that is an object's finalizer, run by the garbage collector at whatever
    moment it runs (an unclosed file's refused a sound page), and is shown as it would have been."""
    import logging
    import warnings

    heard: list[str] = []
    handler = logging.Handler(logging.WARNING)
    handler.emit = lambda record: heard.append(record.getMessage())
    logger = logging.getLogger("pypdf")
    logger.addHandler(handler)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("always")
            others = warnings.showwarning

            def show(message, category, *rest):
                if issubclass(category, ResourceWarning):
                    others(message, category, *rest)
                else:
                    heard.append(str(message))
            warnings.showwarning = show
            yield heard
    finally:
        logger.removeHandler(handler)


# --- officiële publicaties XML --------------------------------------------------------
_BLOCKS = {"al", "tussenkop", "kop", "titel", "alinea", "p"}


def _xml_text(path: Path, raw: bytes) -> tuple[str, dict]:
    _check_xml(path, raw)
    try:
        root = ET.fromstring(raw)
    except ET.ParseError as err:
        raise UnreadableDocument(f"{path}: malformed XML ({err})") from err
    metadata = {name: _first_text(root, name) for name in
                ("dossiernr", "stuknr", "vergaderjaar", "datum", "titel", "ondertekenaar", "kamer")}
    metadata = {k: v for k, v in metadata.items() if v}
    lines: list[str] = []
    notes: list[str] = []
    _walk(root, lines, notes)
    text = "\n".join(lines).strip() + "\n"
    if notes:
        text += "\n" + "\n".join(f"{n} {note}" for n, note in enumerate(notes, start=1)) + "\n"
    return _require_words(path, text), metadata


def _check_xml(path: Path, raw: bytes) -> None:
    """Refuse, before building a tree, XML that declares entities (the way to expand a
    few bytes into gigabytes; official publications declare none) or nests deeper than
    MAX_XML_DEPTH (the layout below recurses once a level)."""
    parser = expat.ParserCreate()
    depth = 0

    def start(*_):
        nonlocal depth
        depth += 1
        if depth > MAX_XML_DEPTH:
            raise UnreadableDocument(f"{path}: elements nested more than {MAX_XML_DEPTH} deep")

    def end(*_):
        nonlocal depth
        depth -= 1

    def entity(name, *_):
        raise UnreadableDocument(f"{path}: it declares the XML entity {name!r}; entities are refused")

    parser.StartElementHandler, parser.EndElementHandler, parser.EntityDeclHandler = start, end, entity
    try:
        parser.Parse(raw, True)
    except expat.ExpatError as err:
        raise UnreadableDocument(f"{path}: malformed XML ({err})") from err


def _first_text(root: ET.Element, name: str) -> str | None:
    element = root.find(f".//{name}")
    return " ".join("".join(element.itertext()).split()) if element is not None else None


def _inline(element: ET.Element, notes: list[str]) -> str:
    """An element's text with footnotes replaced by their number glued on, as in print."""
    parts = [element.text or ""]
    for child in element:
        if child.tag == "noot":
            notes.append(" ".join("".join(child.itertext()).split()))
            parts.append(str(len(notes)))
        else:
            parts.append(_inline(child, notes))
        parts.append(child.tail or "")
    return "".join(parts)


def _walk(element: ET.Element, lines: list[str], notes: list[str]) -> None:
    if element.tag in ("vraag", "antwoord"):
        number = element.findtext("nr") or element.get("nr") or ""
        lines += ["", "", f"{'Vraag' if element.tag == 'vraag' else 'Antwoord'} {number.strip()}".strip()]
        for child in element:
            if child.tag != "nr":
                _walk(child, lines, notes)
        return
    if element.tag in _BLOCKS:
        text = " ".join(_inline(element, notes).split())
        if text:
            lines += ["", "", text]
        return
    if element.tag == "noot":
        return
    for child in element:
        _walk(child, lines, notes)


# --- HTML -----------------------------------------------------------------------------
#: How a web page opens (after an XML declaration or comments): a document type or <html>.
_HTML_OPENING = re.compile(rb"<(?:!doctype\s+html|html)\b", re.IGNORECASE)
#: Elements whose text is never the paper's; a header, footer or aside only outside the content.
_NOT_TEXT = ("script", "style", "noscript", "template", "head", "nav", "form", "button", "select", "svg",
             "iframe", "object", "canvas", "audio", "video")
_PAGE_FRAME = ("header", "footer", "aside")
#: Elements that end a line of text where they open and close.
_LINE_ENDS = {"p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol",
              "dl", "dt", "dd", "table", "thead", "tbody", "tfoot", "tr", "blockquote", "pre", "figure",
              "figcaption", "address", "hr", "caption", "center", "header", "footer", "aside", "body"}
#: Where a page's content stands, surest first: the publication's body, the main content, an article.
_CONTENT = ('//*[@id="broodtekst"]', '//main | //*[@role="main"]', "//article", "//body")


def _is_html(raw: bytes) -> bool:
    head = raw[:4096].lstrip()
    return bool(_HTML_OPENING.match(head) or (head.startswith((b"<?xml", b"<!--")) and _HTML_OPENING.search(head)))


def _html_text(path: Path, raw: bytes) -> str:
    """A web page's text: the lines of its surest content element, paragraphs apart. libxml2's
    HTML parser reads any page in linear time (the standard library's takes minutes on a
    megabyte of "</"); where it stops (256 levels of nesting, a text of 10 MB without a tag), the
    page is refused, not cut."""
    from lxml import etree
    from lxml import html

    _utf8(path, raw)
    parser = html.HTMLParser(encoding="utf-8", recover=True, no_network=True, remove_comments=True, remove_pis=True)
    try:
        root = html.document_fromstring(raw, parser=parser)
    except etree.ParserError:               # "Document is empty"
        root = None
    for error in parser.error_log:          # a fatal error stops libxml2: what follows would be lost
        if error.level_name == "FATAL":
            raise UnreadableDocument(f"{path}: elements nested more than 256 deep" if "depth" in error.message else
                                     f"{path}: the page cannot be read whole (libxml2: {error.message.strip()})")
    content = next((element for where in _CONTENT for element in (root.xpath(where)[:1] if root is not None else [])
                    if element.text_content().strip()), None)
    if content is None:
        raise UnreadableDocument(f"{path}: no running text in it")
    hidden = list(content.iter(*_NOT_TEXT)) + (list(content.iter(*_PAGE_FRAME)) if content.tag == "body" else [])
    for element in hidden:
        if element.getparent() is not None:
            element.drop_tree()         # its tail, the text after it, stays
    lines = _Lines()
    content.tail = None                 # what follows the content is not the paper's
    for event, element in etree.iterwalk(content, events=("start", "end")):
        if isinstance(element.tag, str):
            lines.start(element) if event == "start" else lines.end(element)
    lines.end_line()
    return _require_words(path, "\n\n".join(lines.lines) + "\n")


class _Lines:
    """The lines of a page's text as its elements open and close: a line ends where a block
    opens or closes and breaks at <br>; a table row's cells are each ended by " | "."""

    def __init__(self):
        self.lines: list[str] = []
        self.words: list[str] = []

    def start(self, element) -> None:
        tag = element.tag
        if tag in _LINE_ENDS:
            self.end_line()
        if tag == "br":
            self.words.append("\n")
        self._text(element.text)

    def end(self, element) -> None:
        if element.tag in ("td", "th"):
            self.words.append(" | ")
        if element.tag in _LINE_ENDS:
            self.end_line()
        self._text(element.tail)

    def _text(self, text: str | None) -> None:
        if text:
            self.words.append(text.replace("\n", " ").replace("\r", " "))     # a line ends at <br> alone

    def end_line(self) -> None:
        text = "\n".join(filter(None, (" ".join(line.split()) for line in "".join(self.words).split("\n"))))
        if text:
            self.lines.append(text)
        self.words = []
