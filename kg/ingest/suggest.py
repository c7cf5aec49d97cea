"""Suggested facts for one ingested paper, in the form of the curated fact files
(kg/facts/README.md): figures as observations with their indicators, persons,
organisations and reports the graph does not know, recommendations, responses with a
suggested status, commitments and motions, each with its verbatim quote and page.

Suggestions are written to the data directory for review (`mhkg review`), never into the
graph: only what a curator accepts becomes a fact. Keys are derived from the paper and the
words of the fact, never from a counter, so suggesting twice gives the same keys.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

from .. import iris
from ..citations import find_citations
from ..corpus import SourceDocument
from ..iris import expand
from ..ontology import Vocabulary
from ..passages import Passage
from .figures import FigureCandidate, figure_candidates
from .metadata import Metadata
from .names import Named, motions, organisations, persons, reports, surname
from .resolve import Resolver
from .speech import Act, speech_acts

_SCALE = {"miljoen": Decimal(10) ** 6, "mln": Decimal(10) ** 6, "mln.": Decimal(10) ** 6, "miljard": Decimal(10) ** 9}
_UNIT = {"%": ("concept/unit-percent", "concept/observation-percentage", "Percentage"),
         "euro": ("concept/unit-euro", "concept/observation-amount", "Bedrag")}
#: The words of a commitment reported as made before, elsewhere: "is aan uw Kamer toegezegd".
_MADE_BEFORE = re.compile(r"toegezegd|toezegging(?:en)? gedaan")
#: A commitment reported without who made it: "is aan uw Kamer toegezegd".
_PASSIVE = re.compile(r"(?:is|zijn) ")
#: Where a commitment made before was made, when the sentence cites it.
_PAPERS = ("mh:Kamerstuk", "mh:AanhangselHandelingen")
_STOP = {"de", "het", "een", "van", "en", "in", "op", "te", "dat", "die", "om", "met", "voor", "aan", "is", "zijn",
         "ik", "u", "uw", "wij", "we", "er", "ook", "dit", "deze", "wordt", "worden", "zal", "zullen", "niet", "als"}


@dataclass
class Suggestions:
    """One paper's suggestions: fact-file sections (`statements` each about one suggested record,
    accepted or rejected with it), and a line per key saying what it is."""
    document: str
    entities: dict = field(default_factory=dict)
    records: dict = field(default_factory=dict)
    notes: dict = field(default_factory=dict)
    statements: list = field(default_factory=list)


def suggest(document: SourceDocument, passages: list[Passage], meta: Metadata, resolver: Resolver,
            known: set[str] = frozenset()) -> Suggestions:
    """Everything a curator may want to add from one paper; `known` holds the keys of the
    entities the graph has (a suggestion never redeclares one)."""
    found = Suggestions(document.slug)
    raw, text = document.text.original, document.text
    minister = _minister(meta, resolver)
    people = {}
    for person in persons(raw, meta):
        people[person.name] = resolver.find("person", person.name, surname(person.name)) or _entity(found, known, "person", person, text, {
            "a": "mh:Person", "label": person.name, "foaf:name": person.name}, f"person named: {person.name}")
    # an office the graph does not know, answering, writing or answered for: "Minister van Asiel en Migratie"
    for office in [meta.fields.get("ministerOffice"), *meta.lists.get("coAuthors", []), *meta.lists.get("onBehalfOf", [])]:
        if office and office.value and resolver.office(office.value) is None:
            _entity(found, known, "actor", Named("office", office.value, office.quote), text,
                    {"a": "mh:Actor", "label": office.value}, f"office named: {office.value}")
    for org in organisations(passages):
        if resolver.find("actor", org.name, org.abbreviation) is None:
            spec = {"a": "mh:Organisation", "label": org.name}
            if org.abbreviation:
                spec["altLabels"] = [org.abbreviation]
            _entity(found, known, "actor", org, text, spec, f"organisation named: {org.name}")
    for report in reports(passages):
        if resolver.find("report", report.name) is None:
            _entity(found, known, "report", report, text, {"a": "mh:Report", "label": report.name},
                    f"report cited by title: {report.name}")
    for motion in motions(raw, meta):
        if resolver.motion(motion.number) is None:      # a motion the graph knows is not declared again
            _motion(found, motion, people.get(motion.first), text)
    for figure in figure_candidates(passages, text):
        _observation(found, known, figure)
    last_recommendation = last_commitment = None
    for act in speech_acts(passages, text):
        if act.kind == "kept":
            _kept(found, act, last_commitment)
            continue
        key = _act(found, act, minister, last_recommendation)
        if act.kind == "recommendation":
            last_recommendation = key
        elif act.kind == "commitment":
            last_commitment = key, act.passage
    return found


def _entity(found: Suggestions, known: set[str], kind: str, named: Named, text, spec: dict, note: str) -> str | None:
    key = f"{kind}/{iris.slugify(named.name)}"
    located = None if not iris.slugify(named.name) or key in known else text.locate(named.quote)
    if not located:
        return key if key in known else None
    found.entities.setdefault(key, {**spec, "quote": named.quote, "page": located[0].page})
    found.notes.setdefault(key, note)
    return key


def _motion(found: Suggestions, motion: Named, first: str | None, text) -> None:
    located = text.locate(motion.quote)
    if not located:
        return
    tail = motion.number or f"in-{found.document}"
    key = f"instrument/motie-{iris.slugify(motion.first or '')}-{iris.slugify(tail)}"
    spec = {"a": "mh:Motion", "label": motion.name}
    if first:
        spec["mh:firstSignatory"] = first
    if motion.number:
        spec["mh:kamerstukId"] = motion.number
    found.records.setdefault(key, {**spec, "quote": motion.quote, "page": located[0].page})
    found.notes.setdefault(key, f"motion, first signatory {motion.first}" + (f", {motion.number}" if motion.number else ""))


def _observation(found: Suggestions, known: set[str], figure: FigureCandidate) -> None:
    unit, kind, word = _UNIT.get(figure.unit, ("concept/unit-count", "concept/observation-count", "Aantal"))
    counted = figure.counted if figure.counted not in ("%", "euro") else ""
    indicator = f"indicator/{iris.slugify(f'{word} {counted}')}" if counted else \
        f"indicator/{iris.slugify(f'{word} {found.document} {figure.sentence[:60]}')}"
    if indicator not in known:
        found.entities.setdefault(indicator, {"a": "mh:Indicator", "label": f"{word} {counted}".strip() if counted else
                                              f"{word}: {figure.sentence[:120]}", "mentions": False})
        found.notes.setdefault(indicator, "indicator of a suggested figure: name it as the text does")
    when = figure.year or (figure.period or "").replace("–", "-")
    key = f"observation/{iris.slugify(f'{found.document} {figure.value} {figure.unit} {when}')}"
    spec = {"a": "mh:Observation",
            "label": " ".join(filter(None, [figure.qualifier, figure.value, counted or figure.unit,
                                            f"in {figure.year}" if figure.year else figure.period])),
            "mh:measures": indicator, "mh:value": _number(figure.value)}
    if figure.unit in _UNIT or counted:
        spec.update({"mh:unit": unit, "mh:observationKind": kind})
    if figure.year:
        spec["mh:year"] = int(figure.year)
    elif figure.period and (years := re.fullmatch(r"(\d{4})–(\d{4})", figure.period)):
        spec.update({"mh:periodStart": int(years[1]), "mh:periodEnd": int(years[2])})
    if figure.qualifier:
        spec["mh:qualifier"] = figure.qualifier
    spec.update({"quote": figure.sentence, "page": figure.page})
    found.records.setdefault(key, spec)
    found.notes.setdefault(key, "figure" + (", an average" if figure.average else "")
                           + (f", {figure.period}" if figure.period and not figure.year else ""))


def _act(found: Suggestions, act: Act, minister: str | None, recommendation: str | None) -> str:
    doc = f"document/{found.document}"
    words = _words(act.clause or act.text)
    if act.kind == "recommendation":
        key = f"recommendation/{found.document}-{words}"
        spec = {"a": "mh:Recommendation", "label": _label(act.clause or act.text), "mh:inReport": doc}
        note = f"recommendation ({act.cue})"
    elif act.kind == "response":
        key = f"response/{found.document}-{words}"
        spec = {"a": "mh:Response", "label": _label(act.text), "mh:respondsTo": recommendation,
                "mh:status": f"status/{act.status}", "mh:inDocument": doc}
        if minister:
            spec["mh:respondent"] = minister
        note = f"response, status {act.status} suggested by «{act.cue}»" + (
            "" if recommendation else "; set mh:respondsTo to the recommendation it answers")
    else:
        key = f"instrument/toezegging-{found.document}-{words}"
        spec = {"a": "mh:Commitment", "label": _label(act.text), **_register_fields(act, doc)}
        if minister and not _PASSIVE.match(act.cue):      # "is toegezegd" says not by whom
            spec["mh:proposedBy"] = minister
        unplaced = "mh:commitmentText" in spec and "mh:madeIn" not in spec
        note = f"commitment ({act.cue})" + (f", deadline «{act.deadline}»" if act.deadline else "") + (
            "; made before, elsewhere: set mh:madeIn" if unplaced else "")
    found.records.setdefault(key, {**spec, "quote": act.sentence, "page": act.page})
    found.notes.setdefault(key, note)
    return key


def _kept(found: Suggestions, act: Act, commitment: tuple[str, str] | None) -> None:
    """"Met deze brief doe ik deze toezegging gestand": the commitment suggested just before, in
    the same passage, is kept by this paper: its status and what kept it, a statement with the
    sentence that says so (kg/facts/README.md: a status is a statement with its own quote)."""
    if commitment is None or commitment[1] != act.passage or not _has_property("mh:fulfilledBy"):
        return
    key = commitment[0]
    if any(said[0] == key for statement in found.statements for said in statement["says"]):
        return                              # kept, as a sentence before said
    found.statements.append({"quote": act.sentence, "says": [
        [key, "mh:commitmentStatus", "concept/commitment-fulfilled"], [key, "mh:fulfilledBy", f"document/{found.document}"]]})
    found.notes[key] += "; kept by this paper, as a statement under `statements:` quotes"


def _register_fields(act: Act, doc: str) -> dict:
    """A commitment as the Tweede Kamer's register has it, where the ontology has the register's
    properties (its text, the paper it is made in, to the House where it says "uw Kamer", its
    term as written); the term in a note otherwise. One the sentence reports as made before
    ("is toegezegd") was made in the paper it cites, if it cites one, not in this one."""
    if not _has_property("mh:commitmentText"):
        return {"skos:note": f"Termijn volgens de tekst: {act.deadline}"} if act.deadline else {}
    fields = {"mh:commitmentText": act.text}
    if not _MADE_BEFORE.search(act.cue):
        fields["mh:madeIn"] = doc
    elif cited := [c.key for c in find_citations(act.sentence) if c.cls in _PAPERS]:
        fields["mh:madeIn"] = cited[0]          # "Bij … (Kamerstuk 28 638, nr. 251) is aan uw Kamer toegezegd"
    if re.search(r"\b(?:uw|de) Kamer\b", act.sentence):
        fields["mh:committedTo"] = "actor/tweede-kamer"
    if act.deadline:
        fields["mh:deadline"] = act.deadline
    return fields


@lru_cache(maxsize=None)
def _has_property(curie: str) -> bool:
    """Whether the ontology (as installed) defines a property."""
    return Vocabulary.load().is_property(expand(curie).value)


def _minister(meta: Metadata, resolver: Resolver) -> str | None:
    """The member of government who answers or writes, as a known resource (office first)."""
    office, name = meta.fields.get("ministerOffice"), meta.fields.get("minister")
    return resolver.office(office.value if office else None) or resolver.find("person", name.value if name else None)


def _number(value: str):
    number, _, scale = value.partition(" ")
    result = Decimal(number) * _SCALE.get(scale, 1)
    return int(result) if result == result.to_integral_value() else float(result)


def _words(sentence: str, count: int = 6) -> str:
    """The first significant words of a sentence, as a slug: a key that stays the same across runs."""
    words = [w for w in re.findall(r"[^\W\d_]+", sentence.lower()) if w not in _STOP]
    return iris.slugify(" ".join(words[:count])) or "zonder-tekst"


def _label(sentence: str) -> str:
    sentence = " ".join(sentence.split())
    return sentence if len(sentence) <= 160 else sentence[:157].rsplit(" ", 1)[0] + " …"
