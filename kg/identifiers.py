"""The parliamentary identifier rules, in one place: how Kamerstukken, Aanhangsels,
Handelingen and the Tweede Kamer's document and case numbers are written, and the
official identifier each written form stands for.

Citations (a paper naming another) and metadata (a paper naming itself) read the same
numbers; written once here, "Kamerstuk 36 410 VI, nr. 85" and a footer "36 410 VI, nr. 85"
cannot drift apart into two identifiers.
"""
from __future__ import annotations

import re

#: A dossier as written: "28 638", "36 410 VI", "21 501-31" (a sub-dossier).
DOSSIER = r"\d{2} \d{3}(?:-\d{1,3})?(?: [A-Z]{1,5})?"
#: A Kamerstuk cited in the text, with the variants of one or several dossiers.
KAMERSTUK = re.compile(
    rf"Kamerstuk(?:ken)?(?: I{{1,2}})?(?: (?P<year>\d{{4}}/\d{{2}}),)? (?P<dossier>{DOSSIER})"
    rf"(?:(?:,| en) {DOSSIER})*,? nr\. ?(?P<number>\d+)")
#: An Aanhangsel Handelingen number: "Aanhangsel Handelingen II 2018/19, nr. 3449",
#: "Aanhangsel Handelingen, vergaderjaar 2012–2013, nr. 903", "… II, 2013/14, nr. 2336".
AANHANGSEL = re.compile(
    r"Aanhangsel Handelingen,?(?: II,?)?(?: vergaderjaar)? (?P<start>\d{4})[/–-](?P<end>\d{2,4}),? nr\. ?(?P<number>\d+)")
#: The footer of a Kamerstuk: "Tweede Kamer, vergaderjaar 2018–2019, 28 638, nr. 174".
KAMERSTUK_FOOTER = re.compile(
    r"Tweede Kamer, vergaderjaar (?P<year>\d{4}[–-]\d{4}), (?P<dossier>\d{2} \d{3}(?: [A-Z]+)?), nr\. (?P<number>\d+)")
#: An official Kamerstuk identifier written out: "kst-28638-174", "kst-36410-VI-85".
KAMERSTUK_ID = re.compile(r"\bkst-(?P<dossier>\d+(?:-[A-Z]+)?)-(?P<number>\d+)\b")
#: The Tweede Kamer's own registration numbers: a document (2024D12345) and a case (2024Z12345).
TK_DOCUMENT = re.compile(r"\b(?:19|20)\d{2}D\d{5}\b")
TK_CASE = re.compile(r"\b(?:19|20)\d{2}Z\d{5}\b")


def dossier_id(written: str) -> str:
    """'28 638' → '28638', '36 410 VI' → '36410-VI', '21 501-31' → '21501-31'."""
    return written.replace(" ", "", 1).replace(" ", "-")


def kamerstuk_id(dossier: str, number: str) -> str:
    """The official identifier of a Kamerstuk from its dossier as written and its number."""
    return f"kst-{dossier_id(dossier)}-{number}"


def full_years(start: str, end: str) -> tuple[str, str]:
    """A parliamentary year written '2018/19' or '2018–2019' as ('2018', '2019')."""
    return start, end if len(end) == 4 else start[:2] + end


def aanhangsel_id(start: str, end: str, number: str) -> str:
    """'2012', '13', '903' → 'ah-tk-20122013-903'."""
    first, last = full_years(start, end)
    return f"ah-tk-{first}{last}-{number}"
