"""Writing the views' rows of the resources a collector read: whole, replacing those of the
resources an update makes again, or renewing only the mentions of what changed papers name;
with the counts the lists' totals are read from."""
from __future__ import annotations

import json
import sqlite3
from itertools import groupby
from typing import Callable, Iterable

from pyoxigraph import NamedNode

from .. import search
from .collecting import LISTED_KINDS, Collector, Resource
from .model import COMMITMENT_STATUSES, REFERENCE_FILTERS, TYPED_LISTS, UNSEARCHED_KINDS, YEAR_FIELDS


def _year(value) -> int | None:
    text = str(value)
    return int(text[:4]) if text[:4].isdigit() else None


def _sort_key(res: Resource, item: dict) -> str:
    label = search.fold(res.label or res.slug)
    if res.kind == "recommendation":
        report = (item.get("report") or [{}])[0].get("slug", "")
        return f"{report}\t{int(item.get('number') or 0):06d}\t{label}"
    if res.kind == "observation":
        return f"{item.get('year') or item.get('periodStart') or ''}\t{label}"
    return label


def _years(res: Resource, item: dict) -> tuple[int | None, int | None]:
    years = [_year(item[k]) for k in YEAR_FIELDS.get(res.kind, ()) if item.get(k)]
    years = [y for y in years if y is not None]
    return (min(years), max(years)) if years else (None, None)


def _filter_rows(res: Resource, item: dict) -> list[tuple[str, str, str]]:
    rows = [(res.iri, "type", t) for t in res.types] + _document_rows(res.iri, item)
    for name in REFERENCE_FILTERS.keys() - {"document"}:
        rows += [(res.iri, name, ref["id"]) for ref in item.get(name, []) if isinstance(ref, dict)]
    if TYPED_LISTS["commitments"][1] in res.types and not item.get("commitmentStatus"):
        rows.append((res.iri, "commitmentStatus", COMMITMENT_STATUSES["unknown"]))
    return sorted(set(rows))


def _document_rows(iri: str, item: dict) -> list[tuple[str, str, str]]:
    """The `document` filter's rows of an item: the documents that state it or mention it."""
    return sorted({(iri, "document", entry["document"]["id"]) for entry in item["sources"] + item["mentionedIn"]})


def old_ref(db: sqlite3.Connection, iri: str) -> dict | None:
    row = db.execute("SELECT json FROM refs WHERE iri = ?", (iri,)).fetchone()
    return json.loads(row[0]) if row else None


def insert(db: sqlite3.Connection, collector: Collector, advance: Callable[[], None] = lambda: None,
           ready: Iterable[Statements] = ()) -> None:
    """The rows of every resource and passage the collector read, after those `ready` (made
    elsewhere: a new paper's, in the worker that made its graph, kg/views/paper.py)."""
    for statements in ready:
        statements.run(db)
    for iri in sorted(collector.resources):
        advance()
        write_resource(db, collector, collector.resources[iri])
    for row in collector.rows("view_passage_texts", collector.collected, "passage"):
        write_passage(db, row)


class Statements(list):
    """The SQL statements writing some rows, with their parameters, made in one process (an
    ingest's worker) and run on the views in another (`run`): stands in for the views'
    connection where rows are written."""

    def execute(self, sql: str, parameters=()) -> None:
        self.append((sql, parameters))

    def executemany(self, sql: str, rows) -> None:
        self.extend((sql, row) for row in rows)

    def run(self, db: sqlite3.Connection) -> None:
        for sql, parameters in self:
            db.execute(sql, parameters)


def write_resource(db: sqlite3.Connection | Statements, collector: Collector, res: Resource) -> None:
    """The rows of one resource: its ref, where it is named, its names in the search index and,
    for the kinds that are items, its item and filter rows."""
    iri = res.iri
    db.execute("INSERT INTO refs VALUES (?, ?)", (iri, json.dumps(res.ref(), ensure_ascii=False)))
    if res.named:
        insert_mentions(db, iri, collector.mentions(res))
    if res.label is None or res.kind in UNSEARCHED_KINDS:
        return
    for name in [res.label, *res.alt_labels] + ([res.label_en] if res.label_en else []):
        search.add_name(db, iri, res.kind, "label" if name == res.label else "altLabel", name)
    if res.kind not in LISTED_KINDS:
        return
    item = collector.item(res)
    year_min, year_max = _years(res, item)
    names = "\n".join(search.fold(n) for n in [res.label, *res.alt_labels])
    db.execute("INSERT INTO items VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
               (iri, res.kind, res.slug, _sort_key(res, item), names, year_min, year_max,
                json.dumps(item, ensure_ascii=False)))
    db.executemany("INSERT INTO filters VALUES (?, ?, ?)", _filter_rows(res, item))


def write_passage(db: sqlite3.Connection | Statements, row) -> None:
    """The rows of one passage of text (a row of view_passage_texts.rq): indexed for search."""
    search.add_text(db, row["passage"].value, "passage", row["text"].value)
    page = row["page"]
    db.execute("INSERT OR IGNORE INTO passages VALUES (?, ?, ?)",
               (row["passage"].value, row["document"].value, int(page.value) if page is not None else None))


def insert_mentions(db: sqlite3.Connection, iri: str, mentions: list[tuple]) -> None:
    """Where `iri` is named, one row per document (`mentions`, Collector.mentions, are in
    document order): [mention, passage, page, quote] for each, the IRIs without their refs
    (an actor named 25,000 times would repeat its documents' and passages' labels as often)."""
    db.executemany("INSERT INTO mentions VALUES (?, ?, ?)",
                   [(iri, document, json.dumps([entry[1:] for entry in entries], ensure_ascii=False))
                    for document, entries in groupby(mentions, key=lambda m: m[0])])


#: The tables whose rows are a resource's (by its IRI), replaced when it changes.
_ROWS_OF_A_RESOURCE = ("items", "filters", "refs", "mentions", "passages")


def replace_rows(db: sqlite3.Connection, collector: Collector, affected: set[str],
                 ready: Iterable[Statements] = ()) -> None:
    """Every row of the `affected` resources taken out (their counts with them), then those
    `ready` and those the collector read put in (and counted)."""
    db.execute("CREATE TEMP TABLE affected (iri TEXT PRIMARY KEY)")
    db.executemany("INSERT INTO affected VALUES (?)", ((iri,) for iri in affected))
    count(db, -1, "affected")
    for table in _ROWS_OF_A_RESOURCE:
        db.execute(f"DELETE FROM {table} WHERE iri IN (SELECT iri FROM affected)")
    search.remove(db, "affected")
    insert(db, collector, ready=ready)
    count(db, +1, "affected")
    db.execute("DELETE FROM counts WHERE n = 0")
    db.execute("DROP TABLE affected")


def renew_mentions(db: sqlite3.Connection, collector: Collector, named: dict[str, set[str]],
                    graphs: list[NamedNode], read: dict[str, dict[str, list[tuple]]], replaced: set[str]) -> None:
    """For each resource the changed graphs only mention (none of its own triples changed):
    its mentions in those documents, and the counts of them its item shows (`mentionedIn`)
    and its `document` filter rows, made again; its mentions in other documents stay.
    `read`: the mentions of some graphs read already (Collector.mentions_in). `replaced`: the
    documents the views held before: a new one has no rows to take out (an ingest of 500 new
    papers spent half of this in deleting nothing)."""
    named = {iri: documents for iri, documents in named.items() if old_ref(db, iri) is not None}
    db.execute("CREATE TEMP TABLE renewed (iri TEXT PRIMARY KEY)")
    db.executemany("INSERT INTO renewed VALUES (?)", ((iri,) for iri in named))
    count(db, -1, "renewed")
    renewed = collector.mentions_in(named, graphs, read)
    refs: dict[str, dict] = {}      # the changed documents' refs, final by now: each read once, not once per actor
    for iri, documents in sorted(named.items()):
        counts, mentions = renewed[iri]
        old = documents & replaced
        db.executemany("DELETE FROM mentions WHERE iri = ? AND document = ?", [(iri, d) for d in old])
        insert_mentions(db, iri, mentions)
        row = db.execute("SELECT json FROM items WHERE iri = ?", (iri,)).fetchone()
        if row is None:
            continue
        item = json.loads(row[0])
        shown = {entry["document"]["id"]: entry for entry in item["mentionedIn"]}
        for document, named_there in counts.items():
            shown.pop(document, None)
            if named_there:
                if document not in refs:
                    refs[document] = collector.reference(NamedNode(document))
                shown[document] = {"document": refs[document], "mentions": named_there}
        item["mentionedIn"] = [shown[document] for document in sorted(shown)]
        db.execute("UPDATE items SET json = ? WHERE iri = ?", (json.dumps(item, ensure_ascii=False), iri))
        # the `document` rows of the changed documents alone (a much-named actor has thousands)
        kept = {value for _, _, value in _document_rows(iri, item)}
        db.executemany("DELETE FROM filters WHERE name = 'document' AND value = ? AND iri = ?",
                       [(document, iri) for document in old])
        db.executemany("INSERT INTO filters VALUES (?, 'document', ?)",
                       [(iri, document) for document in sorted(documents & kept)])
    count(db, +1, "renewed")
    db.execute("DELETE FROM counts WHERE n = 0")
    db.execute("DROP TABLE renewed")


def count(db: sqlite3.Connection, sign: int, listed_in: str | None = None) -> None:
    """Add (sign +1) or take away (-1) what the items, of those whose IRIs are in the table
    `listed_in` or of all, count for in `counts`: per kind, and per kind and filter value."""
    scope = f"i.iri IN (SELECT iri FROM {listed_in})" if listed_in else "true"
    upsert = " ON CONFLICT (kind, name, value) DO UPDATE SET n = n + excluded.n"
    db.execute(f"INSERT INTO counts SELECT i.kind, '', '', ? * COUNT(*) FROM items i WHERE {scope} "
               f"GROUP BY i.kind{upsert}", (sign,))
    db.execute(f"INSERT INTO counts SELECT i.kind, f.name, f.value, ? * COUNT(*) FROM filters f "
               f"JOIN items i ON i.iri = f.iri WHERE {scope} GROUP BY i.kind, f.name, f.value{upsert}", (sign,))
