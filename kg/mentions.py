"""Finding where the graph's actors and instruments are named in a document's passages.

A label matches as a whole word, across case, diacritics and line breaks; a short
abbreviation (OM, NLA, COA) only with its exact case. Where two labels overlap, the
longer one wins ("Inspectie SZW" is the inspectorate, not the ministry "SZW"). Each hit
becomes one mention per entity and passage, quoting the sentence it stands in.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .passages import Passage

_SENTENCE_SPLIT = re.compile(r"(?<=[.?!])\s+(?=[A-ZÀ-Ý«‘“(0-9])")


def fold(text: str) -> str:
    """Lowercase without diacritics, one character for one character (offsets survive)."""
    return "".join(unicodedata.normalize("NFD", ch)[0] for ch in text).lower()


def _is_abbreviation(label: str) -> bool:
    return len(label) <= 5 and sum(ch.isupper() for ch in label) >= 2


def _pattern(label: str) -> re.Pattern:
    """Abbreviations match with their case; other labels are matched against folded text."""
    words = [re.escape(part if _is_abbreviation(label) else fold(part)) for part in label.split()]
    return re.compile(r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)")


@dataclass(frozen=True)
class Hit:
    key: str            # the entity's <kind>/<slug>
    start: int          # offsets in the passage's text
    end: int

    def sentence(self, text: str) -> str:
        """The sentence of `text` the hit stands in."""
        begin = 0
        for match in _SENTENCE_SPLIT.finditer(text):
            if match.end() > self.start:
                return text[begin:match.start()].strip() if match.start() >= self.end else text[begin:].strip()
            begin = match.end()
        return text[begin:].strip()


class Matcher:
    """Compiled label patterns of every entity that may be mentioned."""

    def __init__(self, labels: dict[str, list[str]]):
        self.patterns = [(key, label, _pattern(label)) for key, names in labels.items()
                         for label in dict.fromkeys(names) if len(label) >= 2]

    def hits(self, text: str) -> list[Hit]:
        folded = fold(text)
        candidates = []
        for key, label, pattern in self.patterns:
            haystack = text if _is_abbreviation(label) else folded
            candidates += [Hit(key, m.start(), m.end()) for m in pattern.finditer(haystack)]
        accepted: list[Hit] = []
        for hit in sorted(candidates, key=lambda h: (h.start - h.end, h.start)):
            if all(hit.end <= other.start or hit.start >= other.end for other in accepted):
                accepted.append(hit)
        return sorted(accepted, key=lambda h: h.start)

    def mentions(self, passage: Passage) -> dict[str, Hit]:
        """The first hit of each entity in the passage."""
        first: dict[str, Hit] = {}
        for hit in self.hits(passage.text):
            first.setdefault(hit.key, hit)
        return first
