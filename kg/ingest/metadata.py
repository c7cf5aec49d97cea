"""Recognising what kind of paper a text is, and the metadata it states about itself.

Every field found comes with the words that state it (`Field.quote`), so that it can be
asserted with its provenance like any other fact. `kind` is the ontology's class of the
paper; `genre` the finer kind a reader names (answer, notice, motion, committee report …).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..text import normalise
from .dates import DATE, parse_date
from .heading import (HEAD, aanhangsel_identity, as_written, case_number, document_number, kamerstuk_identity,
                      plenary_identity)
from .people import (QUESTIONS, RESPONSE, SITE_ANSWERED, SITE_SUBMITTED, Person, answered_by, askers, co_senders, heard,
                     letter_on_behalf_of, letter_signer, motion_signers, responder, site_asker, site_responder)

__all__ = ["Field", "Metadata", "detect", "parse_date"]


@dataclass
class Field:
    value: str
    quote: str
    party: str | None = None                    # of a person who asked


@dataclass
class Metadata:
    kind: str                                   # a class of kg/corpus.py KINDS: ParliamentaryQuestions, MotionPaper …
    identifier: str | None = None
    title: str | None = None
    genre: str | None = None                    # answer questions notice letter motion committee-report written-consultation plenary legislative
    fields: dict[str, Field] = field(default_factory=dict)
    lists: dict[str, list[Field]] = field(default_factory=dict)


_KIND = {"answer": "ParliamentaryQuestions", "questions": "ParliamentaryQuestions", "notice": "ParliamentaryQuestions",
         "written-consultation": "WrittenConsultation", "letter": "ParliamentaryLetter", "motion": "MotionPaper",
         "committee-report": "CommitteeReport", "plenary": "PlenaryReport", "legislative": "LegislativePaper"}
_GENRE_WORDS = [("motion", re.compile(r"\bMOTIE\b")),
                ("written-consultation", re.compile(r"VERSLAG VAN EEN SCHRIFTELIJK OVERLEG")),
                ("committee-report", re.compile(r"VERSLAG VAN EEN (?:ALGEMEEN OVERLEG|COMMISSIEDEBAT|NOTAOVERLEG|WETGEVINGSOVERLEG)")),
                # a paper of a bill's dossier: the bill, its memoranda, the reports on it, amendments
                ("legislative", re.compile(r"\b(?:(?:GEWIJZIGD )?VOORSTEL VAN (?:RIJKS)?WET|MEMORIE VAN (?:TOELICHTING|ANTWOORD)"
                                           r"|NOTA NAAR AANLEIDING VAN HET (?:NADER |TWEEDE )?VERSLAG|NOTA VAN WIJZIGING"
                                           r"|(?:GEWIJZIGD )?AMENDEMENT|ADVIES (?:AFDELING ADVISERING )?RAAD VAN STATE"
                                           r"|(?:VOORLOPIG |NADER |EIND)?VERSLAG VAN DE (?:VASTE |BIJZONDERE )?COMMISSIE)\b")),
                # a site's copy typed as a bill's paper: tweedekamer.nl's first line ("… : Verslag"), berthub.eu's
                # line above the document's number
                ("legislative", re.compile(r"(?m)^(?:Verslag \(initiatief\)wetsvoorstel|Memorie van toelichting|Voorstel "
                                           r"van wet|Nota naar aanleiding van het verslag|Nota van wijziging|Amendement"
                                           r"|Advies Raad van State)(?: \(nader\))?(?: : |\nNummer: (?:19|20)\d\dD\d{5})")),
                # the committee's report on a bill, headed "VERSLAG" alone (after its number), or saying what it is,
                # or its members taking note of the bill or the government's answers (a copy without its heading)
                ("legislative", re.compile(r"(?m)^[ \t]*(?:Nr\. \d+[ \t]+)?(?:VOORLOPIG |NADER |TWEEDE NADER |EIND)?VERSLAG[ \t]*$"
                                           r"|\bbelast met het voorbereidend onderzoek van (?:dit|het) voorstel\b"
                                           r"|\bleden van de fracties? [^.]{0,120}?hebben (?:met belangstelling )?kennis ?genomen van "
                                           r"(?:de nota naar aanleiding van het (?:nader )?verslag|de memorie van antwoord"
                                           r"|het wetsvoorstel)\b")),
                ("letter", re.compile(r"\bBRIEF VAN\b")),
                # a committee report whose heading the copy lost still says who met whom, and when
                ("committee-report", re.compile(r"\b(?:heeft|hebben)\s+op\s+\d{1,2}\s+\w+\s+\d{4}\s+overleg\s+gevoerd\s+met\b"))]
_DATES = {"dateProposed": re.compile(rf"\bVoorgesteld (?P<date>{DATE})"),
          "dateFixed": re.compile(rf"\bVastgesteld (?P<date>{DATE})"),
          "dateReceived": re.compile(rf"\bOntvangen (?P<date>{DATE})"),
          "meetingDate": re.compile(rf"\b(?:heeft|hebben) op (?P<date>{DATE}) overleg gevoerd")}
_SENT = re.compile(rf"\bDen Haag, (?P<date>{DATE})")
_PLENARY = re.compile(r"\bAan de orde is de (?:voortzetting van de )?behandeling van\b")
_LETTER_DATE = re.compile(rf"\bDatum (?P<date>{DATE})")
#: A ministry's letter's reference: digits in it, after the letter's date where a PDF's two columns
#: read across ("Ons kenmerk Datum 13 november 2018 2413397"), never the label of the next field.
_REFERENCE = re.compile(rf"\bOns kenmerk (?:Datum {DATE} )?(?P<reference>(?=[\w./-]*\d)[\w./-]+)")
#: Its subject runs to the salutation or the next field of the letterhead (at most 250 characters).
_SUBJECT = re.compile(r"\bOnderwerp (?P<subject>.{1,250}?)(?= Geachte| Datum| Bijlagen?\b| Uw kenmerk| Ons kenmerk"
                      r"| Bij beantwoording| Contactpersoon| Pagina \d|$)")
_SO = re.compile(rf"[Ss]chriftelijk [Oo]verleg van (?P<date>{DATE})(?: over (?P<subject>[^.]+))?")
_GROUPS = re.compile(r"leden van de (?P<group>[\w-]+?)-fractie"
                     r"|leden van de fracties? van (?:de |het )?(?P<groups>[A-Z][\w-]*(?:(?:, | en )(?:de |het )?[A-Z][\w-]*)*)"
                     r"|leden van de fractie (?P<single>[A-Z0-9][\w-]+)")


def detect(text: str, xml_metadata: dict | None = None) -> Metadata:
    """The kind of the paper and what it says about itself."""
    flat = normalise(text)
    head = flat[:HEAD]
    if QUESTIONS.search(head) or re.search(r"^\s*(?:•\s*)?Vraag 1\b", text, re.M):
        meta = _questions(text, flat)
    elif (plenary := plenary_identity(text)).identifier:
        meta = _plenary(plenary)
    elif _SO.search(flat) or "SCHRIFTELIJK OVERLEG" in text[:HEAD]:
        meta = _written_consultation(text, flat)
    elif (kst := kamerstuk_identity(text, flat)).identifier or (xml_metadata or {}).get("dossiernr"):
        meta = _kamerstuk(text, flat, kst, xml_metadata)
    elif _PLENARY.search(head[:1500]):
        meta = _plenary(plenary)
    else:
        meta = _letter(flat)
    if case := case_number(text):
        meta.fields["tkCase"] = Field(case["case"], case.group())
    if document := document_number(text):
        meta.fields["tkDocument"] = Field(document["document"], document.group().strip())
    return meta


def _questions(raw: str, flat: str) -> Metadata:
    """Kamervragen: the askers and their parties, the answer (or notice) and who gave it,
    the dates, and the Aanhangsel number over the questions (not the one a "Zie ook" names)."""
    head = flat[:HEAD]
    meta = Metadata(_KIND["questions"], genre="questions")
    if q := QUESTIONS.search(head):
        meta.fields.update(addressee=Field(q["addressee"], q.group()), subject=Field(q["subject"], q.group()),
                           dateSubmitted=Field(parse_date(q["submitted"]), q.group()))
        meta.lists["askers"] = [_person(p) for p in askers(q)]
        lid = "het lid" if len(meta.lists["askers"]) == 1 else "de leden"
        meta.title = f"Vragen van {lid} {q['members']} over {q['subject']}"
    if r := RESPONSE.search(head):
        meta.genre = "answer" if r["verb"] == "Antwoord" else "notice"
        who = responder(r, q["addressee"] if q else "")
        meta.fields.update(minister=Field(who.name, r.group()), ministerOffice=Field(who.office, r.group()),
                           ministry=Field(r["ministry"], r.group()), dateReceived=Field(parse_date(r["received"]), r.group()))
        meta.lists["onBehalfOf"] = [Field(office, r.group()) for office in who.on_behalf_of]
    if q is None and (asker := site_asker(raw[:HEAD])):           # a site's copy (openkamer.org)
        meta.lists["askers"] = [_person(asker)]
        meta.title = f"Vragen van het lid {asker.name} ({asker.party})"
        if m := SITE_SUBMITTED.search(raw[:HEAD]):
            meta.fields["dateSubmitted"] = Field(parse_date(m["date"]), m.group())
    if r is None and (who := site_responder(raw[:HEAD])):
        meta.genre = "answer"
        meta.fields.update(minister=Field(who.name, who.quote), ministerOffice=Field(who.office, who.quote))
        if m := SITE_ANSWERED.search(raw[:HEAD]):
            meta.fields["dateReceived"] = Field(parse_date(m["date"]), m.group())
    own = aanhangsel_identity(raw, flat)
    if own.identifier and meta.genre != "notice":
        meta.identifier = own.identifier
        meta.fields.update(aanhangselNumber=Field(own.aanhangsel, own.quote), parliamentaryYear=Field(own.year, own.year_quote),
                           identifierSource=Field(own.source, own.quote))
    if case := case_number(raw):
        if meta.genre == "questions" and not meta.identifier:
            meta.identifier = f"kv-tk-{case['case']}"
    return meta


def _plenary(own) -> Metadata:
    """Handelingen: the report of a plenary sitting."""
    meta = Metadata(_KIND["plenary"], own.identifier, genre="plenary")
    if own.year:
        meta.fields["parliamentaryYear"] = Field(own.year, own.year_quote)
    return meta


def _written_consultation(raw: str, flat: str) -> Metadata:
    meta = Metadata(_KIND["written-consultation"], genre="written-consultation")
    if so := _SO.search(flat):
        meta.title = f"Schriftelijk overleg van {so['date']}"
        meta.fields["consultationDate"] = Field(parse_date(so["date"]), so.group())
    own = kamerstuk_identity(raw, flat)
    if own.identifier:
        meta.identifier = own.identifier
        _kamerstuk_fields(meta, own)
    _title_from_heading(meta, own, raw)
    _dates(meta, flat)
    if who := answered_by(flat[:HEAD]):
        meta.fields["ministerOffice"] = Field(who.office, who.quote)
    groups = {}
    for g in _GROUPS.finditer(flat):
        for name in [g["group"] or g["single"]] if not g["groups"] else re.split(r", | en (?:de |het )?", g["groups"]):
            groups.setdefault(name, Field(name, g.group()))
    meta.lists["askedBy"] = list(groups.values())
    return meta


def _kamerstuk(raw: str, flat: str, own, xml_metadata: dict | None) -> Metadata:
    """A Kamerstuk: its own dossier and number, its genre from the heading, its dates and
    who made it (the minister who signed or was heard, the members who moved a motion)."""
    genre = next((g for g, words in _GENRE_WORDS if words.search(raw[:HEAD])), "letter")
    meta = Metadata(_KIND[genre], own.identifier, genre=genre)
    if own.identifier:
        _kamerstuk_fields(meta, own)
    elif xml_metadata:
        meta.identifier = f"kst-{xml_metadata['dossiernr']}-{xml_metadata.get('stuknr', '0')}"
        meta.title = xml_metadata.get("titel")
    _title_from_heading(meta, own, raw)
    _dates(meta, flat)
    who = None
    if genre == "letter":
        if m := _SENT.search(flat[:HEAD]):
            meta.fields["dateSent"] = Field(parse_date(m["date"]), m.group())
        who = letter_signer(raw, flat)
        for name, offices in (("coAuthors", co_senders(raw)), ("onBehalfOf", letter_on_behalf_of(flat))):
            if offices:
                meta.lists[name] = [Field(p.office, p.quote) for p in offices]
    elif genre == "committee-report":
        who = heard(flat[:HEAD])
    elif genre == "motion":
        meta.lists["signatories"] = [_person(p) for p in motion_signers(raw)]
    if who:
        if who.name:
            meta.fields["minister"] = Field(who.name, who.quote)
        meta.fields["ministerOffice"] = Field(who.office, who.quote)
    return meta


def _title_from_heading(meta: Metadata, own, raw: str) -> None:
    """A Kamerstuk with no title of its own is titled by its heading, as the official
    publications are: "Mensenhandel; Motie van het lid Kuik c.s.", or, without one, by its number."""
    if meta.title is None and own.heading:
        meta.title = "; ".join(filter(None, [own.subject, as_written(own.heading, raw)]))
    elif meta.title is None and own.dossier:
        meta.title = f"Kamerstuk {own.dossier}, nr. {own.number}"


def _dates(meta: Metadata, flat: str) -> None:
    """The day a motion was moved, a report fixed, a committee met."""
    for name, pattern in _DATES.items():
        if m := pattern.search(flat[:HEAD]):
            meta.fields[name] = Field(parse_date(m["date"]), m.group())


def _kamerstuk_fields(meta: Metadata, own) -> None:
    meta.fields.update(dossier=Field(own.dossier, own.quote), documentNumber=Field(own.number, own.quote),
                       identifierSource=Field(own.source, own.quote))
    if own.year:
        meta.fields["parliamentaryYear"] = Field(own.year, own.year_quote)


def _letter(flat: str) -> Metadata:
    meta = Metadata("Letter", genre="letter")
    if d := _LETTER_DATE.search(flat):
        meta.fields["dateSent"] = Field(parse_date(d["date"]), d.group())
    if r := _REFERENCE.search(flat):
        meta.fields["reference"] = Field(r["reference"], r.group())
    if s := _SUBJECT.search(flat[:2000]):
        meta.fields["subject"] = Field(s["subject"].strip(), s.group().strip())
        meta.title = s["subject"].strip()
    return meta


def _person(person: Person) -> Field:
    return Field(person.name, person.quote, party=person.party)
