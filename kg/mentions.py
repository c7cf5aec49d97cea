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
# Abbreviations after which a full stop does not end the sentence.
_ABBREVIATIONS = {"nr", "p", "jl", "a.s", "o.a", "e.a", "c.s", "art", "blz", "mln", "n.a.v", "m.b.t", "t.a.v", "i.c.m"}


def sentence_bounds(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of `text`."""
    bounds, begin = [], 0
    for match in _SENTENCE_SPLIT.finditer(text):
        word = text[:match.start()].rsplit(None, 1)[-1].rstrip(".").lower() if text[:match.start()].strip() else ""
        if word in _ABBREVIATIONS or len(word) == 1 and word.isalpha():
            continue
        bounds.append((begin, match.start()))
        begin = match.end()
    bounds.append((begin, len(text)))
    return bounds


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
        for begin, end in sentence_bounds(text):
            if begin <= self.start < end:
                return text[begin:end].strip()
        return text[self.start:self.end]

    def quotes(self, text: str) -> list[str]:
        """Candidate quotes, longest first: the sentence, then shorter windows of words
        around the hit, then the label as written (for a sentence cut by a footnote)."""
        candidates = [self.sentence(text)]
        before, after = text[:self.start].split(), text[self.end:].split()
        for width in (12, 6, 3):
            candidates.append(" ".join(before[-width:] + [text[self.start:self.end]] + after[:width]))
        candidates.append(text[self.start:self.end])
        return candidates


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
