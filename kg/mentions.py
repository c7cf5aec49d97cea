"""Finding where the graph's actors and instruments are named in a document's passages.

A label matches as a whole word, across case, diacritics, typographic apostrophes and
dashes, and line breaks; a short abbreviation (OM, NLA, COA) or an all-capitals acronym
(EMPACT, COMCRIM) only with its exact case. A footnote number glued to a name ("NRM4",
"programma Samen tegen mensenhandel7") does not hide it; a hyphen in a label also matches
a space ("motie-Veltman", "motie Veltman"). A hyphen at a line break is read both ways:
joined ("Mensenhan-|del" is "Mensenhandel") and kept ("OM-|verdachten" holds "OM").
Where two labels overlap, the longer one wins ("Inspectie SZW" is the inspectorate, not
the ministry "SZW"); where several entities share a label ("Veiligheidsagenda"), the one
whose other names' distinctive words (its years, say) the passage contains wins, then the
one the document's text points to (when the caller gives it), then the first declared.
Each hit becomes one mention per entity and passage, quoting the sentence it stands in.
"""
from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Iterator

from .passages import Passage
from .text import CharacterTable

_SENTENCE_SPLIT = re.compile(r"(?<=[.?!])\s+(?=[A-ZÀ-Ý«‘“(0-9])")
# Abbreviations after which a full stop does not end the sentence.
_ABBREVIATIONS = {"nr", "p", "jl", "a.s", "o.a", "e.a", "c.s", "art", "blz", "mln", "n.a.v", "m.b.t", "t.a.v", "i.c.m"}
# Typographic variants folded to one character each (offsets survive).
_VARIANTS = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "´": "'", "`": "'", "“": '"', "”": '"', "„": '"',
                           "–": "-", "—": "-", "‐": "-", "‑": "-", "‒": "-", "−": "-"})
# After a name: the end of a word, or a footnote number glued to it ("NRM4 volgt").
_END = r"(?=\d{1,3}(?!\w)|(?!\w))"
_WORD = re.compile(r"\w+")


def sentence_bounds(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of `text`."""
    return list(_sentence_bounds(text))


@lru_cache(maxsize=32)
def _sentence_bounds(text: str) -> tuple[tuple[int, int], ...]:
    """sentence_bounds, found once per text (a passage's hits ask for its sentences in turn)."""
    bounds, begin = [], 0
    for match in _SENTENCE_SPLIT.finditer(text):
        # the word before the split (a full stop ends it, so there is one), read from the few characters
        # before it (the whole text before it only for a word as long as they are)
        end = match.start()
        window = text[max(0, end - 40):end]
        word = window.rsplit(None, 1)[-1]
        if len(word) == len(window) and end > 40:
            word = text[:end].rsplit(None, 1)[-1]
        word = word.rstrip(".").lower()
        if word in _ABBREVIATIONS or len(word) == 1 and word.isalpha():
            continue
        bounds.append((begin, match.start()))
        begin = match.end()
    bounds.append((begin, len(text)))
    return tuple(bounds)


def fold(text: str) -> str:
    """Lowercase without diacritics, with one apostrophe and one dash, one character for
    one character (offsets survive)."""
    return text.translate(_FOLD_TABLE).lower()


#: Each character to its first decomposed character, typographic variants made plain.
_FOLD_TABLE = CharacterTable(lambda ch: unicodedata.normalize("NFD", ch)[0].translate(_VARIANTS))


@lru_cache(maxsize=8)
def _words(text: str) -> frozenset[str]:
    """The folded words of a text (a document's, asked for once per passage)."""
    return frozenset(_WORD.findall(fold(text)))


def _is_abbreviation(label: str) -> bool:
    """A short abbreviation (two capitals in at most five characters: OM, KMar, ZonMw) or an
    acronym in capitals (EMPACT, EMPACT-THB): matched with its exact case."""
    capitals = sum(ch.isupper() for ch in label)
    return capitals >= 2 and (len(label) <= 5 or not any(ch.islower() for ch in label))


def _pattern(label: str) -> re.Pattern:
    """Abbreviations match with their case; other labels are matched against folded text.
    Words are separated by any white space; a hyphen inside a word also matches a space."""
    exact = _is_abbreviation(label)
    words, lead = [], None
    for word in label.split():
        parts = (word if exact else fold(word)).split("-")
        words.append(r"(?:-\s*|\s+)".join(re.escape(part) for part in parts) if all(parts) else re.escape(
            word if exact else fold(word)))
        lead = lead or re.escape(parts[0] if all(parts) else word if exact else fold(word))
    end = r"(?!\w)" if label[-1:].isdigit() else _END
    body = r"\s+".join(words)
    # "no word character before the label", asked after its first letters (of fixed width) rather than
    # before them: the search then skips from one place those letters stand to the next
    return re.compile(lead + rf"(?<!\w{lead})" + body[len(lead):] + end)


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

    def quotes(self, text: str) -> Iterator[str]:
        """Candidate quotes, longest first: the sentence, then shorter windows of words
        around the hit, then the label as written (for a sentence cut by a footnote); each
        made only when the one before it was not wanted."""
        yield self.sentence(text)
        before, after = text[:self.start].split(), text[self.end:].split()
        for width in (12, 6, 3):
            yield " ".join(before[-width:] + [text[self.start:self.end]] + after[:width])
        yield text[self.start:self.end]


def _alignment(text: str, hyphenated: str) -> tuple[list[int], set[int]] | None:
    """For each character of `hyphenated` (and its end), the offset in `text`, which is the
    same text without the hyphens kept at line breaks; and where in `hyphenated` those
    hyphens stand. None if the two do not align."""
    mapping, kept, i, j = [], set(), 0, 0
    while j < len(hyphenated):
        # up to the next hyphen every character must be the text's own; the hyphen is the text's or kept
        dash = hyphenated.find("-", j)
        dash = len(hyphenated) if dash < 0 else dash
        if text[i:i + dash - j] != hyphenated[j:dash]:
            return None
        mapping.extend(range(i, i + dash - j))
        i += dash - j
        if dash < len(hyphenated):
            mapping.append(i)
            if i < len(text) and text[i] == "-":
                i += 1
            else:
                kept.add(dash)
        j = dash + 1
    mapping.append(i)
    return (mapping, kept) if i == len(text) else None


def _real_hyphen(text: str, at: int) -> bool:
    """Whether a hyphen at a line break is one the word keeps: after an abbreviation or a
    number ("OM-verdachten", "2013-zaken") or before a capital ("Verwey-Jonker"). Between
    two lowercase letters it is taken for a syllable break ("politie-agenten")."""
    before, after = text[at - 1:at], text[at + 1:at + 2]
    return before.isupper() or before.isdigit() or after.isupper()


@dataclass(frozen=True)
class _LabelPattern:
    """One label of one entity; `needle` is one of its `words`, which any match contains whole
    (or, the label's last word, followed by the digits of a glued footnote), so that a passage
    without them all is not searched with the pattern at all. The pattern is compiled when a
    passage first has them (most labels of a large graph are never compiled by an ingest)."""
    key: str
    exact: bool
    needle: str
    label: str
    words: frozenset[str]

    @classmethod
    def of(cls, key: str, label: str) -> "_LabelPattern":
        exact = _is_abbreviation(label)
        # the words of the label as its pattern spells them (word by word, folded or not)
        words = _WORD.findall(" ".join(word if exact else fold(word) for word in label.split()))
        return cls(key, exact, max(words, key=len) if words else "", label, frozenset(words))

    @cached_property
    def pattern(self) -> re.Pattern:
        return _pattern(self.label)


_TRAILING_DIGITS = re.compile(r"\d+\Z")


def _tokens(haystack: str) -> set[str]:
    """The words of a text, and those ending in digits also without them ("NRM4" is also "NRM"):
    every needle of a label that matches the text is among them."""
    tokens = set(_WORD.findall(haystack))
    tokens.update([_TRAILING_DIGITS.sub("", t) for t in tokens if t[-1].isdecimal()])
    return tokens


class Matcher:
    """The label patterns of every entity that may be mentioned, indexed by their needles: a
    passage is searched only with the patterns whose words are all among its own."""

    def __init__(self, labels: dict[str, list[str]]):
        self.patterns = [_LabelPattern.of(key, label) for key, names in labels.items()
                         for label in dict.fromkeys(names) if len(label) >= 2]
        self.order = {key: n for n, key in enumerate(labels)}
        self.words = {key: {w for name in names for w in _WORD.findall(fold(name))} for key, names in labels.items()}
        self._needles: tuple[dict[str, list[_LabelPattern]], dict[str, list[_LabelPattern]]] = ({}, {})
        self._always: tuple[list[_LabelPattern], list[_LabelPattern]] = ([], [])
        for label in self.patterns:
            side = 0 if label.exact else 1
            if label.needle:
                self._needles[side].setdefault(label.needle, []).append(label)
            else:
                self._always[side].append(label)

    def _candidates(self, text: str) -> list[Hit]:
        candidates = []
        for side, haystack in enumerate((text, fold(text))):
            index = self._needles[side]
            tokens = _tokens(haystack)
            labels = [label for needle in tokens & index.keys() for label in index[needle] if label.words <= tokens]
            for label in labels + self._always[side]:
                candidates += [Hit(label.key, m.start(), m.end()) for m in label.pattern.finditer(haystack)]
        return candidates

    def hits(self, text: str, hyphenated: str | None = None, context: str | None = None) -> list[Hit]:
        """Every hit in `text`, longest first where they overlap. `hyphenated` is the same text
        with the hyphens at line breaks kept (Passage.hyphenated); it is searched too.
        `context` (the whole document, say) settles a shared label the text itself leaves open."""
        candidates = set(self._candidates(text))
        if hyphenated and hyphenated != text and (aligned := _alignment(text, hyphenated)):
            mapping, kept = aligned
            for hit in self._candidates(hyphenated):
                touching = [j for j in kept if hit.start - 1 <= j <= hit.end]
                if touching and all(_real_hyphen(hyphenated, j) for j in touching):
                    candidates.add(Hit(hit.key, mapping[hit.start], mapping[hit.end - 1] + 1))
        sources = [text] + ([context] if context else [])
        spans: dict[tuple[int, int], list[str]] = {}
        for hit in candidates:
            spans.setdefault((hit.start, hit.end), []).append(hit.key)

        def rank(hit: Hit):
            rivals = [key for key in spans[hit.start, hit.end] if key != hit.key]
            # the words of the texts are read only where a span has rivals to settle
            evidence = [-self._evidence(hit, rivals, _words(s)) for s in sources] if rivals else [0] * len(sources)
            return (hit.start - hit.end, hit.start, *evidence, self.order.get(hit.key, 0))

        accepted: list[Hit] = []        # in the order of the text: they do not overlap
        starts: list[int] = []
        for hit in sorted(candidates, key=rank):
            at = bisect.bisect_right(starts, hit.start)     # only the neighbours can overlap it
            if (at == 0 or accepted[at - 1].end <= hit.start) and (at == len(starts) or hit.end <= starts[at]):
                accepted.insert(at, hit)
                starts.insert(at, hit.start)
        return accepted

    def _evidence(self, hit: Hit, rivals: list[str], words: frozenset[str]) -> int:
        """For a span several entities' labels match: how many words of this entity's names,
        not shared by the rivals' names, are among `words`."""
        shared = set().union(*(self.words.get(r, set()) for r in rivals))
        return len((self.words.get(hit.key, set()) - shared) & words)

    def passage_hits(self, passage: Passage, context: str | None = None) -> list[Hit]:
        """Every hit in a passage (its text, and its text with line-break hyphens kept)."""
        return self.hits(passage.text, passage.hyphenated, context)

    def mentions(self, passage: Passage, context: str | None = None) -> dict[str, Hit]:
        """The first hit of each entity in the passage; `context`, if given, is the text of
        its document, to settle a label several entities share."""
        first: dict[str, Hit] = {}
        for hit in self.passage_hits(passage, context):
            first.setdefault(hit.key, hit)
        return first
