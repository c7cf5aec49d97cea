"""Scoring the fact suggester per kind of fact: in sample against the curated facts of the
five seed documents, out of sample against the hand-annotated gold papers
(tests/gold/papers.yaml, section `suggested`). Used by tests/test_suggest_quality.py.

A suggestion is right when it states what the gold states: the same quote (one contains the
other, case and accents ignored) and, for a figure, the same value; a name when it is the
same name. Persons and organisations are scored on what the paper names, whether the graph
knows them already (then they are linked) or not (then they are suggested).
"""
from __future__ import annotations

import glob
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import yaml

from kg.corpus import SourceDocument, load_manifest
from kg.ingest.metadata import detect
from kg.ingest.names import motions, organisations, persons, reports
from kg.ingest.resolve import Resolver
from kg.ingest.suggest import suggest
from kg.mentions import fold
from kg.passages import segment

ROOT = Path(__file__).resolve().parent.parent
FACTS = ROOT / "kg" / "facts"
PAPERS = Path(__file__).with_name("fixtures") / "papers"
KINDS = ("figures", "recommendations", "responses", "commitments", "motions", "persons", "organisations", "reports")
_ONTOLOGY = (ROOT / "ontology" / "mhkg.ttl").read_text()
_ORGANISATION_CLASSES = set(re.findall(r"^(mh:\w+) a owl:Class ; rdfs:subClassOf mh:Organisation", _ONTOLOGY, re.M)) \
    | {"mh:Organisation"}
_REPORT_CLASSES = set(re.findall(r"^(mh:\w+) a owl:Class ; rdfs:subClassOf mh:Report", _ONTOLOGY, re.M)) | {"mh:Report"}


@dataclass
class Score:
    right: int = 0      # suggestions that are in the gold
    suggested: int = 0
    found: int = 0      # gold items found
    gold: int = 0

    def add(self, other: "Score") -> None:
        self.right += other.right
        self.suggested += other.suggested
        self.found += other.found
        self.gold += other.gold

    @property
    def precision(self) -> float | None:
        return self.right / self.suggested if self.suggested else None

    @property
    def recall(self) -> float | None:
        return self.found / self.gold if self.gold else None


def _same_text(a: str, b: str) -> bool:
    a, b = " ".join(fold(a).split()), " ".join(fold(b).split())
    return bool(a and b) and (a in b or b in a)


def match(suggested: list, gold: list, same) -> Score:
    return Score(sum(any(same(s, g) for g in gold) for s in suggested), len(suggested),
                 sum(any(same(s, g) for s in suggested) for g in gold), len(gold))


def curated_entities() -> dict[str, dict]:
    entities = {}
    for path in sorted(glob.glob(str(FACTS / "*.yaml"))):
        for key, spec in (yaml.safe_load(Path(path).read_text(encoding="utf-8")).get("entities") or {}).items():
            entities.setdefault(key, spec)
    return entities


def resolver(entities: dict[str, dict]) -> Resolver:
    return Resolver({key: [spec["label"], *(spec.get("altLabels") or []), *(spec.get("surface") or [])]
                     for key, spec in entities.items()})


def suggestions_of(document: SourceDocument, kind: str, known: Resolver, known_keys: set[str]):
    meta = detect(document.text.original)
    passages = segment(document.slug, document.text, kind)
    return meta, passages, suggest(document, passages, meta, known, known_keys)


def _records(found, cls: str) -> list[dict]:
    return [spec for spec in found.records.values() if spec.get("a") == cls]


def _quotes(spec: dict) -> list[str]:
    quote = spec.get("quote")
    return [str(q) for q in (quote if isinstance(quote, list) else [quote]) if q]


def _value(spec: dict):
    value = spec.get("mh:value")
    return Decimal(str(value)) if value is not None else None


def _same_fact(s: dict, g: dict) -> bool:
    return any(_same_text(a, b) for a in _quotes(s) for b in _quotes(g))


def _same_figure(s: dict, g: dict) -> bool:
    return _same_fact(s, g) and _value(s) == _value(g)


def _same_name(found: str, names: list[str]) -> bool:
    """A name as found is a curated or annotated name: equal, or its surname ("Broekers-Knol" of "A. Broekers-Knol")."""
    folded = fold(found)
    return any(folded == fold(n) or fold(n).endswith(" " + folded) or folded.endswith(" " + fold(n)) for n in names if n)


#: Of the suggested responses that are curated ones: how many with the curated status (filled by in_sample).
STATUS = {"same": 0, "other": 0}


def in_sample() -> dict[str, Score]:
    """The suggester on the five seed documents against their curated facts."""
    entities = curated_entities()
    known = resolver(entities)
    scores = {kind: Score() for kind in KINDS}
    by_document: dict[str, dict] = {}
    for path in sorted(glob.glob(str(FACTS / "*.yaml"))):
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
        if data.get("document"):
            by_document.setdefault(data["document"], {}).update(data.get("records") or {})
    for document in load_manifest():
        meta, passages, found = suggestions_of(document, document.kind, known, set(entities))
        curated = list(by_document.get(document.slug, {}).values())
        scores["figures"].add(match(_records(found, "mh:Observation"),
                                    [r for r in curated if r.get("a") == "mh:Observation"], _same_figure))
        for kind, cls in (("recommendations", "mh:Recommendation"), ("responses", "mh:Response")):
            scores[kind].add(match(_records(found, cls), [r for r in curated if r.get("a") == cls], _same_fact))
        for response in _records(found, "mh:Response"):
            for curated_response in (r for r in curated if r.get("a") == "mh:Response" and _same_fact(response, r)):
                STATUS["same" if response["mh:status"] == curated_response["mh:status"] else "other"] += 1
                break
        commitments = [r for r in curated if r.get("a") == "mh:Commitment"
                       or (r.get("a") == "mh:ReportingDuty" and r.get("mh:reportsTo") == "actor/tweede-kamer")]
        scores["commitments"].add(match(_records(found, "mh:Commitment"), commitments, _same_fact))
        flat = fold(" ".join(document.text.original.split()))
        named = {cls: [spec for spec in entities.values() if _is(spec, cls) and _named_in(spec, flat)]
                 for cls in ("person", "organisation", "report")}
        scores["reports"].add(match([r.name for r in reports(passages)], named["report"],
                                    lambda s, g: len(s) > 12 and any(_same_text(s, label) for label in _labels(g))))
        people = [p.name for p in persons(document.text.original, meta)]
        scores["persons"].add(match(people, named["person"], lambda s, g: _same_name(s, [g["label"]])))
        orgs = [o.name for o in organisations(passages)]
        scores["organisations"].add(match(orgs, named["organisation"], lambda s, g: _same_name(s, _labels(g))))
    return scores


def _is(spec: dict, kind: str) -> bool:
    types = spec.get("a") if isinstance(spec.get("a"), list) else [spec.get("a")]
    if kind == "person":
        return "mh:Person" in types
    return bool((_ORGANISATION_CLASSES if kind == "organisation" else _REPORT_CLASSES) & set(types))


def _labels(spec: dict) -> list[str]:
    return [spec["label"], *(spec.get("altLabels") or []), *(spec.get("surface") or [])]


def _named_in(spec: dict, flat: str) -> bool:
    return any(len(label) > 3 and re.search(rf"(?<!\w){re.escape(fold(label))}(?!\w)", flat) for label in _labels(spec))


def out_of_sample(sets: tuple[str, ...]) -> dict[str, Score]:
    """The suggester on the gold papers of `sets` against their annotation."""
    gold = yaml.safe_load((Path(__file__).with_name("gold") / "papers.yaml").read_text(encoding="utf-8"))
    entities = curated_entities()
    known = resolver(entities)
    scores = {kind: Score() for kind in KINDS}
    for paper in (p for name in sets for p in gold[name]):
        want = gold["suggested"].get(paper["file"], {})
        raw = (PAPERS / paper["file"]).read_text(encoding="utf-8")
        meta = detect(raw)
        document = SourceDocument.from_text("gold", raw, "", meta.kind, meta.identifier, "gold")
        meta, passages, found = suggestions_of(document, meta.kind, known, set(entities))
        figures = [(str(s["mh:value"]), str(s.get("mh:year") or ""), s) for s in _records(found, "mh:Observation")]
        gold_figures = [(str(_number(f["value"])), str(f.get("year") or ""), f) for f in paper.get("figures") or []]
        scores["figures"].add(match(figures, gold_figures, lambda s, g: s[:2] == g[:2]))
        for kind, cls in (("recommendations", "mh:Recommendation"), ("commitments", "mh:Commitment")):
            scores[kind].add(match([q for r in _records(found, cls) for q in _quotes(r)], want.get(kind) or [], _same_text))
        scores["responses"].add(match([q for r in _records(found, "mh:Response") for q in _quotes(r)],
                                      [r["quote"] for r in want.get("responses") or []], _same_text))
        scores["motions"].add(match([(m.first, m.number) for m in motions(raw, meta)],
                                    [(m["first"], m["number"]) for m in want.get("motions") or []],
                                    lambda s, g: _same_name(s[0] or "", [g[0]]) and s[1] == g[1]))
        scores["persons"].add(match([p.name for p in persons(raw, meta)], want.get("persons") or [],
                                    lambda s, g: _same_name(s, [g])))
        orgs = [o for o in organisations(passages) if known.find("actor", o.name, o.abbreviation) is None]
        gold_orgs = want.get("organisations") or []
        known_orgs = [g for g in gold_orgs if known.find("actor", g)]
        score = match([[o.name, o.abbreviation] for o in orgs], [g for g in gold_orgs if g not in known_orgs],
                      lambda s, g: _same_name(g, s))
        score.found, score.gold = score.found + len(known_orgs), score.gold + len(known_orgs)
        scores["organisations"].add(score)
        scores["reports"].add(match([r.name for r in reports(passages)], want.get("reports") or [],
                                    lambda s, g: len(s) > 12 and _same_text(s, g)))
    return scores


def _number(value: str):
    number, _, scale = value.partition(" ")
    result = Decimal(number) * {"miljoen": Decimal(10) ** 6}.get(scale, 1)
    return int(result) if result == result.to_integral_value() else float(result)


def table(scores: dict[str, dict[str, Score]]) -> str:
    """Precision and recall per kind, a column pair per set, as a Markdown table (right/suggested, found/gold)."""
    lines = [f"| kind | " + " | ".join(f"{name} precision | {name} recall" for name in scores) + " |",
             "| --- |" + " ---: | ---: |" * len(scores)]
    for kind in KINDS:
        cells = []
        for score in (s[kind] for s in scores.values()):
            cells.append(f"{score.precision:.2f} ({score.right}/{score.suggested})" if score.precision is not None else "–")
            cells.append(f"{score.recall:.2f} ({score.found}/{score.gold})" if score.recall is not None else "–")
        lines.append(f"| {kind} | " + " | ".join(cells) + " |")
    return "\n".join(lines)
