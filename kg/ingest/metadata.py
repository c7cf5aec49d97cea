"""Recognising what kind of paper a text is, and the metadata it states about itself.

Every field found comes with the words that state it (`Field.quote`), so that it can be
asserted with its provenance like any other fact.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..identifiers import AANHANGSEL, KAMERSTUK_FOOTER, KAMERSTUK_ID, aanhangsel_id, dossier_id, full_years
from ..text import normalise

MONTHS = {m: i for i, m in enumerate(
    ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
     "september", "oktober", "november", "december"], start=1)}
_DATE = r"\d{1,2} (?:" + "|".join(MONTHS) + r") \d{4}"


def parse_date(text: str) -> str | None:
    """'8 februari 2013' → '2013-02-08'."""
    match = re.fullmatch(r"(\d{1,2}) (\w+) (\d{4})", text.strip())
    if not match or match[2] not in MONTHS:
        return None
    return f"{match[3]}-{MONTHS[match[2]]:02d}-{int(match[1]):02d}"


@dataclass
class Field:
    value: str
    quote: str


@dataclass
class Metadata:
    kind: str                                   # ParliamentaryQuestions | ParliamentaryLetter | Letter | WrittenConsultation
    identifier: str | None = None
    title: str | None = None
    fields: dict[str, Field] = field(default_factory=dict)
    lists: dict[str, list[Field]] = field(default_factory=dict)


_QUESTIONS = re.compile(
    r"Vragen van (?:het lid|de leden) (?P<members>.+?) \((?P<party>[^)]+)\) aan de (?P<addressee>.+?) over (?P<subject>.+?)"
    rf" \(ingezonden (?P<submitted>{_DATE})\)")
_ANSWER = re.compile(
    r"Antwoord van (?P<office>[Mm]inister|[Ss]taatssecretaris) (?P<name>[^(]+?) \((?P<ministry>[^)]+)\)"
    rf"(?:,? mede namens (?P<behalf>.+?))? \(ontvangen (?P<received>{_DATE})\)")
_SIGNATORY = re.compile(r"(?P<office>De (?:Staatssecretaris|Minister|[Mm]inister) (?:van|voor) [^,]+?), (?P<name>(?:[A-Z]\.\s?)+(?:(?:van|der|de|den|ter|te) )*[A-Z][\w'’-]+)")
_LETTER_DATE = re.compile(rf"\bDatum (?P<date>{_DATE})")
_REFERENCE = re.compile(r"\bOns kenmerk (?P<reference>[\w./-]+)")
_SUBJECT = re.compile(r"\bOnderwerp (?P<subject>.+?)(?= Geachte| Datum|$)")
_SO = re.compile(rf"[Ss]chriftelijk [Oo]verleg van (?P<date>{_DATE})(?: over (?P<subject>[^.]+))?")
_GROUPS = re.compile(r"leden van de (?P<group>[\w-]+?)-fractie")


def detect(text: str, xml_metadata: dict | None = None) -> Metadata:
    """The kind of the paper and what it says about itself."""
    flat = normalise(text)
    head = flat[:3000]
    if (q := _QUESTIONS.search(head)) or re.search(r"^\s*Vraag 1\b", text, re.M):
        meta = Metadata("ParliamentaryQuestions")
        if q:
            meta.fields.update(member=Field(q["members"], q.group()), party=Field(q["party"], q.group()),
                               addressee=Field(q["addressee"], q.group()), subject=Field(q["subject"], q.group()),
                               dateSubmitted=Field(parse_date(q["submitted"]), q.group()))
            meta.title = f"Vragen van het lid {q['members']} ({q['party']}) over {q['subject']}"
        if a := _ANSWER.search(head):
            meta.fields.update(answeredBy=Field(f"{a['office'].lower()} {a['name'].strip()}", a.group()),
                               ministry=Field(a["ministry"], a.group()),
                               dateReceived=Field(parse_date(a["received"]), a.group()))
            if a["behalf"]:
                meta.fields["onBehalfOf"] = Field(a["behalf"], a.group())
        if h := AANHANGSEL.search(head):
            start, end = full_years(h["start"], h["end"])
            meta.identifier = aanhangsel_id(start, end, h["number"])
            meta.fields["aanhangselNumber"] = Field(h["number"], h.group())
            meta.fields["parliamentaryYear"] = Field(f"{start}–{end}", h.group())
        return meta
    if so := _SO.search(flat):
        meta = Metadata("WrittenConsultation", title=f"Schriftelijk overleg van {so['date']}")
        meta.fields["consultationDate"] = Field(parse_date(so["date"]), so.group())
        groups = {}
        for g in _GROUPS.finditer(flat):
            groups.setdefault(g["group"], Field(g["group"], g.group()))
        meta.lists["askedBy"] = list(groups.values())
        return meta
    footer, kst = KAMERSTUK_FOOTER.search(flat), KAMERSTUK_ID.search(flat)
    if footer or kst or (xml_metadata or {}).get("dossiernr"):
        meta = Metadata("ParliamentaryLetter")
        if footer:
            dossier = dossier_id(footer["dossier"])
            meta.identifier = f"kst-{dossier}-{footer['number']}"
            meta.fields.update(dossier=Field(dossier, footer.group()), documentNumber=Field(footer["number"], footer.group()),
                               parliamentaryYear=Field(footer["year"], footer.group()))
        elif kst:
            meta.identifier = kst.group()
        elif xml_metadata:
            meta.identifier = f"kst-{xml_metadata['dossiernr']}-{xml_metadata.get('stuknr', '0')}"
            meta.title = xml_metadata.get("titel")
        if s := _SIGNATORY.search(flat[-1500:]):
            meta.fields.update(signatory=Field(s["name"], s.group()), signatoryOffice=Field(s["office"].removeprefix("De "), s.group()))
        return meta
    meta = Metadata("Letter")
    if d := _LETTER_DATE.search(flat):
        meta.fields["dateSent"] = Field(parse_date(d["date"]), d.group())
    if r := _REFERENCE.search(flat):
        meta.fields["reference"] = Field(r["reference"], r.group())
    if s := _SUBJECT.search(flat[:2000]):
        meta.fields["subject"] = Field(s["subject"].strip(), s.group().strip())
        meta.title = s["subject"].strip()
    return meta
