"""Full-text search over names and passages: SQLite FTS5 with Dutch word forms.

Text is folded (lower case, accents off: "Coördinatiecentrum" → "coordinatiecentrum")
and every word reduced to its Dutch stem (Snowball: "slachtoffers" → "slachtoffer",
"aanbevelingen" and "aanbeveling" → "aanbeveel") before it is indexed, and a query goes
through the same steps, so case, accents and word forms do not matter. What matches every word of a query ranks
before what matches fewer of them ("motie volledig uitgevoerd" still finds the motions);
within each, names (labels and alternative labels, abbreviations and former names
included) rank before passages of text, and a name equal to the whole query ranks first.
"""
from __future__ import annotations

import re
import sqlite3
import threading
import unicodedata
from dataclasses import dataclass, field as dataclass_field
from functools import lru_cache

import snowballstemmer

from .text import CharacterTable

WORD = re.compile(r"\w+", re.UNICODE)

#: Rank tiers: a name equal to the query, a name containing its words, a passage of text.
EXACT_NAME, NAME, TEXT = 0, 1, 2

SCHEMA = """
CREATE VIRTUAL TABLE search USING fts5(
    iri UNINDEXED, kind UNINDEXED, field UNINDEXED, original UNINDEXED, terms,
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TABLE exact_names (folded TEXT NOT NULL, iri TEXT NOT NULL);
CREATE INDEX exact_names_folded ON exact_names (folded);
"""


#: Drops combining marks (accents) from decomposed text.
_UNACCENTED = CharacterTable(lambda ch: None if unicodedata.combining(ch) else ch)


def fold(text: str) -> str:
    """Lower case without accents, white space collapsed."""
    if not text.isascii():      # ASCII has nothing to decompose: the common case
        text = unicodedata.normalize("NFKD", text).translate(_UNACCENTED)
    return " ".join(text.lower().split())


#: One Snowball stemmer per thread: it keeps the word it works on in itself.
_stemmers = threading.local()
#: Distinct words whose stems are kept (a corpus has tens of thousands; a few MB).
STEM_CACHE_SIZE = 1 << 18


@lru_cache(maxsize=STEM_CACHE_SIZE)
def stem(word: str) -> str:
    """The Dutch stem of one folded word, computed once per word (the pure-Python
    stemmer is the bulk of indexing text and of making snippets)."""
    stemmer = getattr(_stemmers, "dutch", None)
    if stemmer is None:
        stemmer = _stemmers.dutch = snowballstemmer.stemmer("dutch")
    return stemmer.stemWord(word)


def stems(text: str) -> list[str]:
    """The Dutch stems of the words of `text`, folded."""
    return [stem(word) for word in WORD.findall(fold(text))]


def create(db: sqlite3.Connection) -> None:
    db.executescript(SCHEMA)


def add_name(db: sqlite3.Connection, iri: str, kind: str, field: str, name: str) -> None:
    db.execute("INSERT INTO search VALUES (?, ?, ?, ?, ?)", (iri, kind, field, name, " ".join(stems(name))))
    db.execute("INSERT INTO exact_names VALUES (?, ?)", (fold(name), iri))


def add_text(db: sqlite3.Connection, iri: str, kind: str, text: str) -> None:
    db.execute("INSERT INTO search VALUES (?, ?, ?, ?, ?)", (iri, kind, "text", text, " ".join(stems(text))))


@dataclass(frozen=True)
class Hit:
    iri: str
    kind: str
    field: str      # label, altLabel or text
    tier: int       # EXACT_NAME, NAME or TEXT
    text: str = dataclass_field(repr=False)    # the name or passage that matched
    query: str = dataclass_field(repr=False)
    words: int = 1  # how many of the query's distinct words it matches

    @property
    def snippet(self) -> str:
        """The words around the match, made when asked: only for the hits shown, not for
        every hit of a query that matches thousands of passages."""
        return snippet(self.text, self.query)


def _phrase(word: str) -> str:
    """One stem as a quoted FTS5 phrase, so that no user input is read as FTS5 syntax."""
    return f'"{word}"'


def match_expression(query: str, every_word: bool = True) -> str | None:
    """The FTS5 expression for a user's query: every stem required (or, with `every_word`
    false, any of them), each as a quoted phrase."""
    words = list(dict.fromkeys(stems(query)))
    return (" AND " if every_word else " OR ").join(map(_phrase, words)) if words else None


def find(db: sqlite3.Connection, query: str, kind: str | None = None) -> list[Hit]:
    """Every resource matching `query`, best first, one hit per resource: those matching
    all its words first, then those matching fewer (more words before fewer), each group
    names before text and by bm25. A hit's snippet is made when it is read (`Hit.snippet`):
    cut the page first, then read the snippets."""
    words = list(dict.fromkeys(stems(query)))
    if not words:
        return []
    exact = {row[0] for row in db.execute("SELECT iri FROM exact_names WHERE folded = ?", (fold(query),))}
    rows = db.execute(
        "SELECT rowid, iri, kind, field, original FROM search WHERE search MATCH ?"
        " AND (? IS NULL OR kind = ?) ORDER BY bm25(search), iri, field, original",
        (match_expression(query, every_word=len(words) == 1), kind, kind))
    having = _rows_with_each_word(db, words) if len(words) > 1 else None
    best: dict[str, Hit] = {}
    for rowid, iri, row_kind, field, original in rows:   # bm25 order: dict keeps it
        count = sum(rowid in found for found in having) if having is not None else 1
        tier = EXACT_NAME if iri in exact and field != "text" else NAME if field != "text" else TEXT
        hit = Hit(iri, row_kind, field, tier, original, query, count)
        if iri not in best or (-count, tier) < (-best[iri].words, best[iri].tier):
            best[iri] = hit
    position = {iri: i for i, iri in enumerate(best)}
    return sorted(best.values(), key=lambda h: (-h.words, h.tier, position[h.iri]))


def _rows_with_each_word(db: sqlite3.Connection, words: list[str]) -> list[set[int]]:
    """For each word, the rows of the index that have it (their rowids only)."""
    return [{row[0] for row in db.execute("SELECT rowid FROM search WHERE search MATCH ?", (_phrase(word),))}
            for word in words]


@lru_cache(maxsize=STEM_CACHE_SIZE)
def _token_stems(token: str) -> frozenset[str]:
    """The stems of one white-space separated token of a text ("slachtoffers," → slachtoffer)."""
    return frozenset(stems(token))


def snippet(text: str, query: str, words_around: int = 12) -> str:
    """The words of `text` around the first word matching the query, every matching word
    shown in «» ("«Inspectie» «SZW»")."""
    wanted = set(stems(query))
    words = text.split()
    matches = [not wanted.isdisjoint(_token_stems(word)) for word in words]
    if any(matches):
        i = matches.index(True)
        start, end = max(0, i - words_around), min(len(words), i + words_around + 1)
        shown = [f"«{word}»" if matched else word for word, matched in zip(words[start:end], matches[start:end])]
        return ("… " if start else "") + " ".join(shown) + (" …" if end < len(words) else "")
    return " ".join(words[:2 * words_around]) + (" …" if len(words) > 2 * words_around else "")
