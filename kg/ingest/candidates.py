"""What ingestion finds but does not assert: names the graph does not know yet, and figures
(kg/ingest/figures.py).

Both are listed for a curator (`mhkg candidates`) with their counts and the sentences
they stand in; a curator who confirms one writes it into kg/facts/ with its quote.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from ..mentions import fold, sentence_bounds
from ..passages import Passage
from .figures import FigureCandidate, figure_candidates

__all__ = ["NameCandidate", "FigureCandidate", "name_candidates", "figure_candidates", "summarise", "by_passage"]

# A run of capitalised words, with Dutch particles inside ("Raad voor de Kinderbescherming").
_NAME = re.compile(
    r"(?<![\w-])(?:[A-Z][\w'’&-]+)(?:\s+(?:(?:van|voor|de|der|den|het|en|tegen|op|in|&)\s+)*[A-Z][\w'’&-]+)+")
# A name followed by its abbreviation in brackets: "Financial Intelligence Unit (FIU)".
_WITH_ABBREVIATION = re.compile(
    r"([A-Z][\w'’&-]+(?:\s+(?:(?:van|voor|de|der|den|het|tegen|op|in)\s+)*[A-Z][\w'’&-]+){0,8})\s+\(([A-Z][A-Za-z]{1,9})\)")
_CONJUNCTION = re.compile(r"\s+en\s+(?:het\s+|de\s+)?")
_SENTENCE_STARTERS = {"De", "Het", "Een", "In", "Op", "Ook", "Dit", "Deze", "Voor", "Bij", "Zo", "Daarnaast",
                      "Tijdens", "Uit", "Als", "Met", "Naast", "Er", "Ik", "Wij", "Zij", "Wel", "Om", "Aan",
                      "Kan", "Is", "Deelt", "Ziet", "Uw", "Hoe", "Wat", "Welke", "Wordt", "Klopt", "Bent", "Heeft",
                      "Zie", "Vragen", "Vraag", "Antwoord", "Kamerstuk", "Kamerstukken", "Aanhangsel", "Handelingen"}
_PARTICLES = {"van", "voor", "de", "der", "den", "het", "en", "tegen", "op", "in", "&"}


@dataclass
class NameCandidate:
    name: str
    abbreviation: str | None = None
    count: int = 0
    contexts: list[str] = field(default_factory=list)


def name_candidates(passages: list[Passage], known_labels: list[str]) -> list[NameCandidate]:
    """Capitalised multi-word names and bracketed abbreviations no known label covers."""
    known = {fold(label) for label in known_labels}
    found: dict[str, NameCandidate] = {}
    for passage in passages:
        for match in _WITH_ABBREVIATION.finditer(passage.text):
            name, abbreviation = match.group(1).strip(), match.group(2)
            words = name.split()
            while words and not words[0][:1].isupper():
                words.pop(0)
            name = " ".join(words)
            if name and fold(name) not in known and abbreviation.lower() not in known:
                _count(found, name, passage.text, match.start()).abbreviation = abbreviation
        for match in _NAME.finditer(passage.text):
            for part in _CONJUNCTION.split(re.sub(r"\d+$", "", match.group())):
                words = part.split()
                while words and (words[0] in _SENTENCE_STARTERS or words[0] in _PARTICLES):
                    words.pop(0)
                name = " ".join(words)
                if len(words) < 2 or fold(name) in known or any(fold(name) in k for k in known):
                    continue
                _count(found, name, passage.text, match.start())
    return sorted(found.values(), key=lambda c: (-c.count, c.name))


def _count(found: dict, name: str, text: str, offset: int) -> NameCandidate:
    candidate = found.setdefault(name, NameCandidate(name))
    candidate.count += 1
    if len(candidate.contexts) < 3:
        candidate.contexts.append(_sentence_at(text, offset))
    return candidate


def _sentence_at(text: str, offset: int) -> str:
    return next((text[a:b].strip() for a, b in sentence_bounds(text) if a <= offset < b), text[:200])


def summarise(names: list[NameCandidate]) -> Counter:
    return Counter({c.name: c.count for c in names})


def by_passage(figures: list[FigureCandidate]) -> dict[str, list[FigureCandidate]]:
    grouped: dict[str, list[FigureCandidate]] = defaultdict(list)
    for figure in figures:
        grouped[figure.passage].append(figure)
    return grouped
