"""Reading a paper in any of the forms it is published in, as plain text.

Plain text is taken as it is (the seeds' form). PDF text is extracted page by page with
pypdf, each page opened by one space as the seeds are, so page numbers survive. The XML
in which officiële publicaties are distributed is laid out as the same plain text:
"Vraag N"/"Antwoord N" headings, paragraphs separated by blank lines, footnotes at the
foot. One reader a format; each refuses a bad file with a message that says what is wrong.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path


class UnreadableDocument(ValueError):
    """The file cannot be taken in: empty, binary, truncated, or not what its name says."""


@dataclass
class ReadDocument:
    path: Path
    format: str                 # txt | pdf | xml
    text: str
    metadata: dict = field(default_factory=dict)   # what the format itself states (XML)


def read_document(path: Path | str) -> ReadDocument:
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise UnreadableDocument(f"{path}: cannot read it ({err.strerror})") from err
    if not raw.strip():
        raise UnreadableDocument(f"{path}: the file is empty")
    if raw.startswith(b"%PDF"):
        return ReadDocument(path, "pdf", _pdf_text(path, raw))
    if raw.lstrip().startswith(b"<"):
        text, metadata = _xml_text(path, raw)
        return ReadDocument(path, "xml", text, metadata)
    if b"\x00" in raw:
        raise UnreadableDocument(f"{path}: binary data, not text, PDF or XML")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        raise UnreadableDocument(f"{path}: not UTF-8 text (invalid byte at offset {err.start})") from err
    return ReadDocument(path, "txt", _require_words(path, text))


def _require_words(path: Path, text: str) -> str:
    if len(re.findall(r"[A-Za-zÀ-ÿ]{3,}", text)) < 5:
        raise UnreadableDocument(f"{path}: no running text in it")
    return text


def _pdf_text(path: Path, raw: bytes) -> str:
    from io import BytesIO

    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    if b"%%EOF" not in raw[-2048:]:
        raise UnreadableDocument(f"{path}: the PDF is truncated (no end-of-file marker)")
    try:
        reader = PdfReader(BytesIO(raw))
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, TypeError) as err:
        raise UnreadableDocument(f"{path}: the PDF cannot be read ({err})") from err
    return _require_words(path, "\n".join(" " + page.lstrip() for page in pages))


# --- officiële publicaties XML --------------------------------------------------------
_BLOCKS = {"al", "tussenkop", "kop", "titel", "alinea", "p"}


def _xml_text(path: Path, raw: bytes) -> tuple[str, dict]:
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
