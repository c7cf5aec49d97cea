"""Reading a release's views: one page of a list, an item, names, mentions, search."""
from __future__ import annotations

import json
import sqlite3
import threading
from pathlib import Path

from .. import search
from . import schema
from .model import TYPED_LISTS, kind_of

#: IRIs looked up in one SQLite statement (its limit on bound values is 32,766 since 3.32).
_BATCH = 500


def _marks(values) -> str:
    return ", ".join("?" * len(values))


#: The rows of `mentions` of one resource (the first ?) holding any of its mentions from number
#: `offset` (the third ?) up to `offset + limit` (the second, excluded), counted from 0 in
#: document order; each with how many mentions come before it.
_MENTIONS_FROM = """
SELECT document, json, before FROM (
    SELECT document, json, coalesce(sum(json_array_length(json)) OVER (
        ORDER BY document ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS before
    FROM mentions WHERE iri = ?)
WHERE before < ? AND before + json_array_length(json) > ? ORDER BY document
"""


class Views:
    """Read access to a release's `views.sqlite`, one connection per thread."""

    def __init__(self, path: Path):
        self.path = Path(path)
        if not self.path.is_file():
            raise FileNotFoundError(f"no views at {self.path}")
        self._local = threading.local()
        self._known_types: dict[str, frozenset[str]] = {}   # a release's views never change
        schema.check(self.db, self.path)

    @property
    def db(self) -> sqlite3.Connection:
        if getattr(self._local, "db", None) is None:
            self._local.db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
        return self._local.db

    def page(self, kind: str, filters: dict[str, list[str]], limit: int, offset: int) -> tuple[list[dict], int]:
        """One page of a list and the total it is part of; `filters` hold resolved values.

        Items are in (sort_key, slug) order. The page is found one of two ways, whichever reads
        fewer rows: walk the kind in that order on `items_page`, testing each item, until
        `offset + limit` have matched (good when most items pass: type=Organisation among
        actors), or start from the `filters` index rows of the most selective filter and sort
        only those items (a status, a report, an indicator). Only the page's own rows are read
        for their JSON. The total comes from `counts` when at most one filter value is given,
        else it is counted from the most selective filter, not over the whole kind."""
        kind_id = kind_of(kind)
        tests = [("i.kind = ?", [kind_id])]
        indexed = []                                    # (size, name, values) of filters in `filters`
        if kind in TYPED_LISTS:                         # a typed list: its type is one more filter
            typed = [TYPED_LISTS[kind][1]]
            indexed.append((self._size(kind_id, "type", typed), "type", typed))
        for name, values in sorted(filters.items()):
            if name == "q":
                tests.append(("instr(i.names, ?) > 0", [search.fold(values[0])]))
            elif name == "year_from":
                tests.append(("i.year_max >= ?", [int(values[0])]))
            elif name == "year_to":
                tests.append(("i.year_min <= ?", [int(values[0])]))
            else:
                indexed.append((self._size(kind_id, name, values), name, values))
        indexed.sort()
        member = [(f"EXISTS (SELECT 1 FROM filters f WHERE f.name = ? AND f.value IN ({_marks(values)}) "
                   "AND f.iri = i.iri)", [name, *values]) for _, name, values in indexed]
        whole = self._size(kind_id, "", [""])
        walk = ("items AS i", [], tests + member)
        start = walk
        if indexed:
            size, name, values = indexed[0]
            start = (f"(SELECT DISTINCT iri FROM filters WHERE name = ? AND value IN ({_marks(values)})) AS d "
                     "CROSS JOIN items AS i ON i.iri = d.iri", [name, *values], tests + member[1:])
        one_value = len(tests) == 1 and len(indexed) <= 1 and all(len(values) == 1 for _, _, values in indexed)
        if one_value:
            total = indexed[0][0] if indexed else whole
        else:
            total = self._select("COUNT(*)", start).fetchone()[0]
        # walking meets offset + limit matches after about (offset + limit) * whole / size items
        plan = start if indexed and indexed[0][0] ** 2 <= (offset + limit) * whole else walk
        rowids = [r[0] for r in self._select("i.rowid", plan, " ORDER BY i.sort_key, i.slug LIMIT ? OFFSET ?",
                                             [limit, offset])]
        found = dict(self._rows_for("SELECT rowid, json FROM items WHERE rowid IN ({marks})", rowids))
        return [json.loads(found[r]) for r in rowids], total

    def _select(self, what: str, plan: tuple, tail: str = "", tail_params=()) -> sqlite3.Cursor:
        source, source_params, tests = plan
        where = " AND ".join(sql for sql, _ in tests)
        params = [*source_params, *(v for _, values in tests for v in values), *tail_params]
        return self.db.execute(f"SELECT {what} FROM {source} WHERE {where}{tail}", params)

    def _size(self, kind_id: str, name: str, values: list[str]) -> int:
        """How many items of kind `kind_id` have one of `values` for filter `name` (name '': all
        of them); an upper bound with several values (an item may have more than one)."""
        sql = f"SELECT COALESCE(SUM(n), 0) FROM counts WHERE kind = ? AND name = ? AND value IN ({_marks(values)})"
        return self.db.execute(sql, [kind_id, name, *values]).fetchone()[0]

    def item(self, kind: str, slug: str) -> dict | None:
        row = self.db.execute("SELECT iri, json FROM items WHERE kind = ? AND slug = ?",
                              (kind_of(kind), slug)).fetchone()
        if row is None or (kind in TYPED_LISTS and not self.db.execute(
                "SELECT 1 FROM filters WHERE name = 'type' AND value = ? AND iri = ?",
                (TYPED_LISTS[kind][1], row[0])).fetchone()):
            return None
        return json.loads(row[1])

    def _rows_for(self, select: str, iris) -> list[tuple]:
        """The rows of `select … WHERE iri IN ({marks})` for every one of `iris`, asked in batches."""
        rows, wanted = [], list(iris)
        for start in range(0, len(wanted), _BATCH):
            chunk = wanted[start:start + _BATCH]
            rows += self.db.execute(select.format(marks=", ".join("?" * len(chunk))), chunk).fetchall()
        return rows

    def refs(self, iris) -> dict[str, dict]:
        """How to show each of `iris` (label, kind, slug), for those the graph names."""
        rows = self._rows_for("SELECT iri, json FROM refs WHERE iri IN ({marks})", iris)
        return {iri: json.loads(text) for iri, text in rows}

    def _shown(self, rows: list[tuple[str, list]]) -> list[dict]:
        """Mentions as the views keep them ([mention, passage, page, quote] by document), each
        with its document's and passage's ref."""
        refs = self.refs({document for document, _ in rows} | {e[1] for _, entries in rows for e in entries if e[1]})

        def ref(iri: str) -> dict:
            return refs.get(iri) or {"id": iri, "label": None}
        return [{"id": mention, "document": ref(document), "passage": ref(passage) if passage else None,
                 "page": page, "quote": quote} for document, entries in rows for mention, passage, page, quote in entries]

    def named_in(self, iri: str) -> list[tuple[str, int]]:
        """The documents naming a resource, in order, with how many times each names it."""
        return self.db.execute("SELECT document, json_array_length(json) FROM mentions WHERE iri = ? "
                               "ORDER BY document", (iri,)).fetchall()

    def mention_page(self, iri: str, limit: int, offset: int = 0) -> tuple[list[dict], int]:
        """`limit` of the places a resource is named (document, passage, page, quote) from
        `offset` on, by document, page and passage, and how many there are: only the
        documents' rows that hold them are read (an actor named in 10,000 papers is named
        some 25,000 times)."""
        total = self.db.execute("SELECT coalesce(sum(json_array_length(json)), 0) FROM mentions WHERE iri = ?",
                                (iri,)).fetchone()[0]
        rows = self.db.execute(_MENTIONS_FROM, (iri, offset + limit, offset))
        return self._shown([(document, json.loads(text)[max(offset - before, 0):offset + limit - before])
                            for document, text, before in rows]), total

    def search(self, query: str, kind: str | None = None) -> list[search.Hit]:
        return search.find(self.db, query, kind)

    def passage_places(self, iris) -> dict[str, tuple[str, int | None]]:
        """The document and page of each of `iris` that is a passage."""
        rows = self._rows_for("SELECT iri, document, page FROM passages WHERE iri IN ({marks})", iris)
        return {iri: (document, page) for iri, document, page in rows}

    def known_types(self, kind: str) -> frozenset[str]:
        """The classes the items of `kind` have: computed once per `Views` (per release)."""
        known = self._known_types.get(kind)
        if known is None:
            rows = self.db.execute("SELECT DISTINCT f.value FROM filters f JOIN items i ON i.iri = f.iri "
                                   "WHERE f.name = 'type' AND i.kind = ?", (kind_of(kind),))
            known = self._known_types[kind] = frozenset(r[0] for r in rows)
        return known
