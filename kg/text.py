"""Text extracted from PDF, made searchable: quotes located, pages and lines classified.

The seeds are plain text extracted from PDF. Words are hyphenated across line breaks,
white space is irregular, and page headers, footers and footnotes interrupt sentences.
A quote "occurs in its document" when it equals a stretch of the text after collapsing
white space and joining words hyphenated across a line break (docs/CONTRACT.md §4). This
module does that comparison and maps every hit back to offsets in the original text,
so a fact can say on which page and in which passage its words stand.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cached_property

class CharacterTable(dict):
    """A `str.translate` table filled in as characters are met: `fold_character` is called
    once per distinct character, after which the text is translated at C speed."""

    def __init__(self, fold_character):
        super().__init__()
        self._fold_character = fold_character

    def __missing__(self, code: int):
        folded = self[code] = self._fold_character(chr(code))
        return folded


# A word broken over a line: "Mensenhan-\n del". Group 1 is what joins it.
# (The hyphen first, its word character looked back at from after it: the search skips to each hyphen.)
_HYPHEN_BREAK = re.compile(r"-(?<=\w-)[ \t]*\r?\n\s*(?=\w)")

# Lines that belong to the page, not to the text: running headers and footers.
NOISE_LINE = re.compile(
    r"^\s*(?:Pagina \d+ van \d+"
    r"|(?:’s-Gravenhage \d{4} )?Tweede Kamer, vergaderjaar .*"
    r"|kst-\d+-\d+"
    r"|ISSN [\d -]+"
    r")\s*$"
)
_PAGE_HEADER = re.compile(r"^\s*Pagina (\d+) van \d+\s*$")
_FOOTER = re.compile(r"^\s*(?:’s-Gravenhage \d{4} )?Tweede Kamer, vergaderjaar ")


def normalise(text: str, *, keep_hyphen: bool = False) -> str:
    """Collapse white space; join words hyphenated across a line break."""
    return " ".join(_join_breaks(text, keep_hyphen).split())     # str.split's white space is \s's


def _join_breaks(text: str, keep_hyphen: bool) -> str:
    return _HYPHEN_BREAK.sub("-" if keep_hyphen else "", text) if "\n" in text else text


@dataclass(frozen=True)
class Located:
    """Where a quote stands in the original text."""
    start: int
    end: int
    page: int


#: What normalising changes: a word broken over a line, or white space other than one plain space.
_EDIT = re.compile(rf"{_HYPHEN_BREAK.pattern}|\s\s+|[^\S ]")


class _Normalised:
    """A normalised copy of a text (`normalise`) and where its characters stand in the original:
    the copy is made of stretches of the original, kept in order with where each begins, so that
    an offset is found by bisection. (A space stands for the white space it replaces; a match is
    never at a space, since what is searched for is normalised, stripped text.)"""

    def __init__(self, original: str, keep_hyphen: bool):
        pieces: list[str] = []
        self._starts: list[int] = []        # where each stretch begins in the copy …
        self._origins: list[int] = []       # … and in the original
        length, position = 0, len(original) - len(original.lstrip())

        def keep(piece: str, origin: int) -> None:
            nonlocal length
            pieces.append(piece)
            self._starts.append(length)
            self._origins.append(origin)
            length += len(piece)

        for match in _EDIT.finditer(original, position):
            start, end = match.span()
            if start > position:
                keep(original[position:start], position)
            if original[start] == "-":              # a word broken over a line
                if keep_hyphen:
                    keep("-", start)
            elif end < len(original):               # white space within the text: one space
                keep(" ", end)
            position = end
        if position < len(original):
            keep(original[position:], position)
        self.text = "".join(pieces).rstrip()

    def _offset(self, index: int) -> int:
        """Where the copy's character `index` stands in the original."""
        at = bisect.bisect_right(self._starts, index) - 1
        return self._origins[at] + index - self._starts[at]

    def find_all(self, needle: str) -> list[tuple[int, int]]:
        hits, start = [], self.text.find(needle)
        while start >= 0:
            end = start + len(needle) - 1
            hits.append((self._offset(start), self._offset(end) + 1))
            start = self.text.find(needle, start + 1)
        return hits


class DocumentText:
    """One source document's text, with its pages and a way to locate quotes in it."""

    def __init__(self, original: str):
        self.original = original
        self._located: dict[str, tuple[Located, ...]] = {}     # quote → where it stands (asked again and again)

    @cached_property
    def _joined(self) -> _Normalised:
        return _Normalised(self.original, keep_hyphen=False)

    @cached_property
    def _hyphenated(self) -> _Normalised:
        return _Normalised(self.original, keep_hyphen=True)

    @cached_property
    def lines(self) -> list[tuple[int, str]]:
        """(offset, line) for every line of the original text."""
        result, offset = [], 0
        for line in self.original.splitlines(keepends=True):
            result.append((offset, line.rstrip("\r\n")))
            offset += len(line)
        return result

    @cached_property
    def page_starts(self) -> list[tuple[int, int]]:
        """(offset, page number), ascending. Page breaks are read from the extraction's traces:
        a "Pagina N van M" header where the document has them; otherwise a line that starts
        with exactly one space (how the extractor begins a page) or the first text after a
        "Tweede Kamer, vergaderjaar …" footer."""
        headers = [(off, int(m.group(1))) for off, line in self.lines if (m := _PAGE_HEADER.match(line))]
        if headers:
            return [(0, 1)] + [h for h in headers if h[1] > 1]
        starts, after_footer = [0], False
        for off, line in self.lines:
            if not line.strip():
                continue
            if after_footer or (re.match(r"^ \S", line) and off > 0):
                if off > starts[-1]:
                    starts.append(off)
                after_footer = False
            if _FOOTER.match(line):
                after_footer = True
        return [(off, number) for number, off in enumerate(starts, start=1)]

    @cached_property
    def _page_offsets(self) -> list[int]:
        return [off for off, _ in self.page_starts]

    def page_at(self, offset: int) -> int:
        return self.page_starts[bisect.bisect_right(self._page_offsets, offset) - 1][1]

    def locate(self, quote: str) -> list[Located]:
        """Every place the quote stands, compared after normalisation; [] if nowhere. (A document's
        quotes are asked for more than once: a sentence naming three actors, say, is located once.)"""
        found = self._located.get(quote)
        if found is None:
            needle = normalise(quote)
            hits = (self._joined.find_all(needle) or self._hyphenated.find_all(needle)) if needle else []
            found = self._located[quote] = tuple(Located(start, end, self.page_at(start)) for start, end in hits)
        return list(found)
