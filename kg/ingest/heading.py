"""A paper's own identity, read from where a paper states it: the heading at the top.

A paper cites many numbers; only a few places name the paper itself (the Aanhangsel
number over the questions, "28 638 … Nr. 167" over a Kamerstuk, the publication table,
the footer, "Zaaknummer:", a site's "Nummer: 2022D51199"). Reading identity only there
keeps "Zie ook Aanhangsel Handelingen …, nr. 691" and "(Kamerstuk 28 638, nr. 249)" what
they are: citations.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ..identifiers import (AANHANGSEL, DOSSIER, KAMERSTUK_FOOTER, KAMERSTUK_ID, TK_CASE, TK_DOCUMENT, aanhangsel_id,
                           dossier_id, full_years, kamerstuk_id)

_YEARS = r"(?P<start>\d{4})\s?[-–/]\s?(?P<end>\d{4})"
#: Over the questions: "Vergaderjaar 2022-2023 Aanhangsel van de Handelingen … gegeven antwoorden 899",
#: or the publication table "Aanhangsel van de Handelingen … Staten-Generaal2014-20151365".
_AH_HEADINGS = (
    re.compile(rf"Vergaderjaar {_YEARS}\s*\|?\s*Aanhangsel van de Handelingen\s+Vragen gesteld door de leden der"
               r" Kamer, met de daarop door de regering gegeven antwoorden\s+(?P<number>\d+)\b"),
    re.compile(rf"Aanhangsel van de Handelingen\s+Datum publicatie.{{0,80}}?Staten-Generaal\s*\|?\s*{_YEARS}"
               r"\s*\|?\s*(?P<number>\d+)\b", re.S))
_AH_ID = re.compile(r"\bah-tk-(?P<start>\d{4})(?P<end>\d{4})-(?P<number>\d+)\b")
_H_ID = re.compile(r"\bh-tk-(?P<start>\d{4})(?P<end>\d{4})-(?P<number>\d+)-(?P<item>\d+)\b")
_H_TABLE = re.compile(rf"Staten-Generaal\s*\|?\s*{_YEARS}\s*\|?\s*nr\. (?P<number>\d+), item (?P<item>\d+)")
#: The publication table of a Kamerstuk: "Staten-Generaal2018-201928638 nr. 167" (or with "|"; the
#: Eerste Kamer numbers with letters: "| Eerste Kamer der Staten-Generaal | 2025-2026 | 36547 nr. D |").
_KST_TABLE = re.compile(
    rf"Staten-Generaal\s*\|?\s*{_YEARS}\s*\|?\s*(?P<dossier>\d{{5}}(?:-[A-Z0-9]+)?) nr\. (?P<number>\d+|[A-Z]{{1,2}}\b)")
#: A site's own heading line "Kamerstuk 35925-IV-20" / "ID: 35925-IV-20".
_KST_LINE = re.compile(r"^(?:Kamerstuk|ID:) (?P<dossier>\d{5}(?:-[A-Z]+)?)-(?P<number>\d+)\s*$", re.M)
#: A site's line placing the paper in its dossier: "Onderdeel van kamerstukdossier 28638 -254 Mensenhandel".
_KST_PART = re.compile(r"^Onderdeel van kamerstukdossier (?P<dossier>\d{5}(?:-[A-Z]+)?) ?-(?P<number>\d+)\b", re.M)
#: The heading of a Kamerstuk: its dossier line(s), then "Nr. 167 MOTIE VAN …".
_DOSSIER_LINE = re.compile(rf"^\s*(?P<dossier>{DOSSIER})\b(?:\s|$)")
#: The number line under the dossier: "Nr. 167 MOTIE …", or a bare number or letter before the
#: title ("B VERSLAG VAN EEN SCHRIFTELIJK OVERLEG" in the Eerste Kamer, "144 VERSLAG …").
_NUMBER_LINE = re.compile(r"^\s*(?:[Nn]r\. (?P<nr>\d+)\b|(?P<bare>[A-Z]{1,2}|\d{1,4}) (?=(?:MOTIE|BRIEF|VERSLAG|NOTA|MEMORIE|"
                          r"AMENDEMENT|INBRENG|VOORSTEL|ADVIES|GEWIJZIGD)\b))")
#: What a Kamerstuk is, in capitals, on its number line or the line under it ("BRIEF VAN DE MINISTER VAN …").
_CAPITALS = re.compile(r"^\s*(?P<words>(?:MOTIE|BRIEF|VERSLAG|NOTA|MEMORIE|AMENDEMENT|INBRENG|VOORSTEL|ADVIES|GEWIJZIGD)"
                       r"\b[A-Z0-9 .,;:'’()&/–-]*?)\s*$")
_VERGADERJAAR = re.compile(rf"\bVergaderjaar {_YEARS}\b")
_CASE_LABEL = re.compile(rf"(?:Zaaknummer:?|Onderdeel van zaak|\bkv-tk-)\s*(?P<case>{TK_CASE.pattern})")
_DOCUMENT_LABEL = re.compile(rf"(?:Nummer:|^)\s*(?P<document>{TK_DOCUMENT.pattern})", re.M)

HEAD = 4000


@dataclass
class Identity:
    """The paper's own identifier and the numbers it is made of, each with its words."""
    identifier: str | None = None
    quote: str | None = None
    source: str | None = None                  # which heading stated it
    dossier: str | None = None
    number: str | None = None
    aanhangsel: str | None = None
    year: str | None = None                    # parliamentary year "2022–2023"
    year_quote: str | None = None
    subject: str | None = None                 # the dossier's title: "Mensenhandel"
    heading: str | None = None                 # what the paper is, in capitals: "MOTIE VAN HET LID KUIK C.S."


def _year(match: re.Match) -> str:
    start, end = full_years(match["start"], match["end"])
    return f"{start}–{end}"


def aanhangsel_identity(raw: str, flat: str) -> Identity:
    """An answer's own Aanhangsel number from the heading over the questions; the number
    of a "Zie ook" line is only a fallback for texts that lost that heading."""
    head, found = raw[:HEAD], Identity()
    see_also = AANHANGSEL.search(flat[:HEAD])
    questions_at = head.find("Vragen van")
    if m := next(filter(None, (heading.search(head) for heading in _AH_HEADINGS)), None):
        found.identifier, found.source = aanhangsel_id(m["start"], m["end"], m["number"]), "heading"
        found.aanhangsel, found.year, found.quote = m["number"], _year(m), " ".join(m.group().split())
    elif (m := _AH_ID.search(head[:questions_at if questions_at > 0 else HEAD])):
        found.identifier, found.source, found.quote = m.group(), "identifier", m.group()
        found.aanhangsel, found.year = m["number"], f"{m['start']}–{m['end']}"
    elif see_also:
        found.identifier, found.source, found.quote = (aanhangsel_id(see_also["start"], see_also["end"], see_also["number"]),
                                                       "zie-ook", see_also.group())
        found.aanhangsel, found.year = see_also["number"], _year(see_also)
    found.year_quote = found.quote
    return found


def kamerstuk_identity(raw: str, flat: str) -> Identity:
    """A Kamerstuk's dossier and number from its heading, its publication table, a site's
    heading line, an official identifier at the top, or its page footer, in that order."""
    head, found = raw[:HEAD], Identity()
    if heading := _heading(head):
        found.dossier, found.number, found.quote, found.subject, found.heading = heading
        found.source = "heading"
    elif m := _KST_TABLE.search(head):
        found.dossier, found.number, found.quote, found.source = m["dossier"], m["number"], m.group(), "table"
        found.year, found.year_quote = _year(m), m.group()
    elif m := _KST_LINE.search(head) or _KST_PART.search(head):
        found.dossier, found.number, found.quote, found.source = m["dossier"], m["number"], m.group().strip(), "line"
    elif m := KAMERSTUK_ID.search(head):
        found.dossier, found.number, found.quote, found.source = m["dossier"], m["number"], m.group(), "identifier"
    elif m := KAMERSTUK_FOOTER.search(flat):
        found.dossier, found.number, found.quote, found.source = dossier_id(m["dossier"]), m["number"], m.group(), "footer"
        found.year, found.year_quote = m["year"].replace("-", "–"), m.group()
    if found.dossier:
        found.identifier = kamerstuk_id(found.dossier, found.number)
    if not found.year and (m := _KST_TABLE.search(head) or _VERGADERJAAR.search(head)):
        found.year, found.year_quote = _year(m), m.group()
    return found


_WORD = re.compile(r"[^\W\d_][\w'’.]*")
#: How much of a text `as_written` reads for the way it writes words (1 ms for every 10,000 characters).
_WRITTEN_IN = 20_000
#: Words a heading in capitals has that are written in lower case within a title: what the paper
#: is ("motie van het lid"), and the small words.
_SMALL_WORDS = {"van", "voor", "de", "der", "den", "het", "een", "en", "over", "op", "in", "met", "aan", "tot", "te",
                "inzake", "c.s.", "naar", "aanleiding", "lid", "leden", "motie", "brief", "verslag", "overleg",
                "commissiedebat", "wetgevingsoverleg", "schriftelijk", "algemeen", "nota", "memorie", "toelichting",
                "amendement", "gewijzigd", "inbreng", "voorstel", "advies", "wet", "lijst", "vragen", "antwoorden"}


def as_written(capitals: str, text: str) -> str:
    """A heading in capitals as a title ("MOTIE VAN DE LEDEN KUIK EN VAN DER GRAAF" → "Motie van de
    leden Kuik en van der Graaf"): each word as `text` mostly writes it elsewhere ("Minister",
    "leden", "VWS"; a capital at the start of a sentence not counted, a tie won by the capital),
    capitalised where the text has it nowhere else (a word only the heading has is a name) or
    where it follows a capitalised word (a name goes on: "Sociale Zaken"); small words in lower
    case; the first word capitalised."""
    body = text[:_WRITTEN_IN].replace(capitals, " ")
    forms: Counter = Counter()
    for m in _WORD.finditer(body):
        word = m.group()
        if word.islower() or not re.search(r"(?:^|[.:?!]\s*|\n\s*)$", body[max(0, m.start() - 3):m.start()]):
            forms[word] += 1        # a capital at the start of a sentence or line says nothing
    written_as: dict[str, str] = {}
    for word, _ in sorted(forms.items(), key=lambda item: (-item[1], item[0].islower())):
        written_as.setdefault(word.lower(), word)

    words: list[str] = []
    for word in _WORD.findall(capitals):
        word = word.lower()
        form = word if word in _SMALL_WORDS else written_as.get(word, word.capitalize())
        if form.islower() and word not in _SMALL_WORDS and words and words[-1][:1].isupper():
            form = word.capitalize()        # a name goes on: "Sociale Zaken", "Buitenlandse Zaken"
        words.append(form)
    found = iter(words)
    words = _WORD.sub(lambda _: next(found), capitals)
    return words[:1].upper() + words[1:]


def _heading(head: str) -> tuple[str, str, str, str | None, str | None] | None:
    """(dossier, number, quote, the dossier's title, what the paper is in capitals) of
    "28 638 Mensenhandel … Nr. 167 MOTIE …": the first dossier line of the block just above
    the first number line, and the capitals on the number line or the line under it."""
    lines = head.splitlines()
    for i, line in enumerate(lines):
        m = _NUMBER_LINE.match(line)
        if not m:
            continue
        dossier, first = None, None
        for j in range(i - 1, max(i - 12, -1), -1):
            if d := _DOSSIER_LINE.match(lines[j]):
                dossier, first, subject = d["dossier"], j, lines[j][d.end():].strip() or None
            elif lines[j].strip() and dossier:
                break
        if dossier:
            quote = " ".join(" ".join(lines[first:i + 1]).split())
            below = next((other for other in lines[i + 1:i + 3] if other.strip()), "")
            capitals = _CAPITALS.match(line[m.end():]) or _CAPITALS.match(below)
            # without a footnote's number glued to its last word ("… JUSTITIE EN VEILIGHEID1")
            heading = capitals and re.sub(r"(?<=[A-Z])\d+$", "", capitals["words"])
            return dossier_id(dossier), m["nr"] or m["bare"], quote, subject, heading
    return None


def plenary_identity(raw: str) -> Identity:
    """Handelingen: "Staten-Generaal2010-2011nr. 81, item 9" or "h-tk-20102011-81-9"."""
    head, found = raw[:HEAD], Identity()
    if m := _H_TABLE.search(head):
        found.identifier = f"h-tk-{m['start']}{m['end']}-{m['number']}-{m['item']}"
    elif m := _H_ID.search(head):
        found.identifier = m.group()
    if m:
        found.quote, found.source, found.year, found.year_quote = m.group(), "heading", _year(m), m.group()
    return found


def case_number(raw: str) -> re.Match | None:
    """The Tweede Kamer's case number (…Z…) where the top of the text labels it as its own."""
    return _CASE_LABEL.search(raw[:HEAD])


def document_number(raw: str) -> re.Match | None:
    """The Tweede Kamer's document number (…D…): labelled ("Nummer:") or opening a line at the top."""
    return _DOCUMENT_LABEL.search(raw[:HEAD])
