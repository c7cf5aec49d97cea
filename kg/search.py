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

import math
import re
import sqlite3
import threading
import unicodedata
from functools import lru_cache
from typing import NamedTuple

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
CREATE INDEX exact_names_of ON exact_names (iri);
CREATE TABLE search_rows (id INTEGER PRIMARY KEY, iri TEXT NOT NULL, kind TEXT NOT NULL, field TEXT NOT NULL);
CREATE INDEX search_rows_of ON search_rows (iri);
"""
#: `search_rows` repeats what each row of `search` is about without its text: FTS5 reads a
#: row whole (passage and terms) to give one column, which for the thousands of rows matching
#: some of a query's words costs ten times what finding them does.


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


def _add(db: sqlite3.Connection, iri: str, kind: str, field: str, text: str) -> None:
    """One row of the index and its `search_rows` twin, under one id (statements that ask the
    database for it, so that they can be kept and run later: kg/views/writing.py Statements)."""
    db.execute("INSERT INTO search_rows VALUES (NULL, ?, ?, ?)", (iri, kind, field))
    db.execute("INSERT INTO search (rowid, iri, kind, field, original, terms) VALUES (last_insert_rowid(), ?, ?, ?, ?, ?)",
               (iri, kind, field, text, " ".join(stems(text))))


def add_name(db: sqlite3.Connection, iri: str, kind: str, field: str, name: str) -> None:
    _add(db, iri, kind, field, name)
    db.execute("INSERT INTO exact_names VALUES (?, ?)", (fold(name), iri))


def add_text(db: sqlite3.Connection, iri: str, kind: str, text: str) -> None:
    _add(db, iri, kind, "text", text)


def remove(db: sqlite3.Connection, listed_in: str) -> None:
    """Take the names and texts of the resources whose IRIs are in the table `listed_in`
    (a constant of the caller) out of the index: before they are indexed again."""
    db.execute(f"DELETE FROM search WHERE rowid IN (SELECT id FROM search_rows WHERE iri IN (SELECT iri FROM {listed_in}))")
    db.execute(f"DELETE FROM search_rows WHERE iri IN (SELECT iri FROM {listed_in})")
    db.execute(f"DELETE FROM exact_names WHERE iri IN (SELECT iri FROM {listed_in})")


class Hit(NamedTuple):
    """One resource that matches (a tuple: a query matching thousands makes one each)."""
    iri: str
    kind: str
    field: str      # label, altLabel or text
    tier: int       # EXACT_NAME, NAME or TEXT
    text: str | None    # the name or passage that matched (None: read from `index` when asked)
    query: str
    words: int = 1  # how many of the query's distinct words it matches
    rowid: int = 0
    index: sqlite3.Connection | None = None

    def __repr__(self) -> str:
        return f"Hit({self.iri!r}, {self.kind!r}, {self.field!r}, tier={self.tier}, words={self.words})"

    @property
    def snippet(self) -> str:
        """The words around the match, made when asked: only for the hits shown, not for
        every hit of a query that matches thousands of passages (whose text is read then)."""
        text = self.text
        if text is None:
            text = self.index.execute("SELECT original FROM search WHERE rowid = ?", (self.rowid,)).fetchone()[0]
        return snippet(text, self.query)


def _phrase(word: str) -> str:
    """One stem as a quoted FTS5 phrase, so that no user input is read as FTS5 syntax."""
    return f'"{word}"'


def match_expression(query: str) -> str | None:
    """The FTS5 expression for a user's query: every stem required, each as a quoted phrase."""
    words = list(dict.fromkeys(stems(query)))
    return " AND ".join(map(_phrase, words)) if words else None


def _tier(iri: str, field: str, exact: set[str]) -> int:
    return EXACT_NAME if iri in exact and field != "text" else NAME if field != "text" else TEXT


def find(db: sqlite3.Connection, query: str, kind: str | None = None) -> list[Hit]:
    """Every resource matching `query`, best first, one hit per resource: those matching all
    its words (names before text, then by bm25), then those matching fewer (`_fewer_words`).
    A hit's snippet is made when it is read (`Hit.snippet`): cut the page first."""
    words = list(dict.fromkeys(stems(query)))
    if not words:
        return []
    exact = {row[0] for row in db.execute("SELECT iri FROM exact_names WHERE folded = ?", (fold(query),))}
    rows = db.execute(
        "SELECT iri, kind, field, original FROM search WHERE search MATCH ?"
        " AND (? IS NULL OR kind = ?) ORDER BY bm25(search), iri, field, original",
        (match_expression(query), kind, kind))
    best: dict[str, Hit] = {}
    for iri, row_kind, field, original in rows:   # bm25 order: dict keeps it
        tier = _tier(iri, field, exact)
        if iri not in best or tier < best[iri].tier:
            best[iri] = Hit(iri, row_kind, field, tier, original, query, len(words))
    position = {iri: i for i, iri in enumerate(best)}
    hits = sorted(best.values(), key=lambda h: (h.tier, position[h.iri]))
    if len(words) > 1:
        hits += _fewer_words(db, words, kind, query)
    return hits


def _fewer_words(db: sqlite3.Connection, words: list[str], kind: str | None, query: str) -> list[Hit]:
    """The resources that match some of `words` but none of whose rows matches all: more words
    first, names before text, then by the rarity of the words they match (the sum of their
    inverse document frequencies, bm25's weight, without bm25's cost over thousands of rows).
    Counted in SQL: a common word matches tens of thousands of rows at a million triples."""
    size = (db.execute("SELECT max(rowid) FROM search").fetchone()[0] or 0) + 1
    rarity = [math.log(size / (1 + db.execute("SELECT count(*) FROM search WHERE search MATCH ?",
                                               (_phrase(word),)).fetchone()[0])) for word in words]
    matched = _union_all("SELECT rowid AS id, ? AS w FROM search WHERE search MATCH ?", len(words))
    rows = db.execute(
        f"WITH matched(id, w) AS ({matched}), "
        "counted AS (SELECT id, COUNT(*) AS n, SUM(w) AS weight FROM matched GROUP BY id) "
        "SELECT r.iri, r.kind, r.field, r.id, c.n, "
        "MAX(c.n * 1000000 + (r.field != 'text') * 100000 + c.weight) AS score "
        "FROM counted AS c JOIN search_rows AS r ON r.id = c.id WHERE (? IS NULL OR r.kind = ?) "
        "GROUP BY r.iri HAVING MAX(c.n) < ? ORDER BY score DESC, r.iri",
        [value for pair in zip(rarity, map(_phrase, words)) for value in pair] + [kind, kind, len(words)])
    return [Hit(iri, row_kind, field, TEXT if field == "text" else NAME, None, query, n, rowid, db)
            for iri, row_kind, field, rowid, n, _ in rows]


#: Terms of one compound SELECT: SQLite refuses more than 500 (SQLITE_MAX_COMPOUND_SELECT), which
#: a query of a few thousand characters reaches with one term per word.
_COMPOUND_TERMS = 250


def _union_all(term: str, count: int) -> str:
    """`term` `count` times, UNION ALL: in compound SELECTs of at most _COMPOUND_TERMS terms each."""
    chunks = [" UNION ALL ".join([term] * min(_COMPOUND_TERMS, count - start))
              for start in range(0, count, _COMPOUND_TERMS)]
    return chunks[0] if len(chunks) == 1 else " UNION ALL ".join(f"SELECT * FROM ({chunk})" for chunk in chunks)


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
