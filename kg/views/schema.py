"""The views' SQLite schema and its version: views of another version are built again,
never read through fallbacks for tables an older build did not have."""
from __future__ import annotations

import sqlite3

from .. import search

VIEWS_FILE = "views.sqlite"
#: The version of SCHEMA (and of the items' JSON): raised with every change to either, so
#: that views built by other code are rebuilt (`OutdatedViews`), not misread. Views made
#: before versions were kept have none, read as 1.
VERSION = 4


class OutdatedViews(RuntimeError):
    """Views built by another version of MHKG: build them again from the store."""

    def __init__(self, path, found: int):
        super().__init__(f"the views at {path} are of version {found}, this MHKG reads version {VERSION}")
        self.found = found


#: `items_page` and `items_by_iri` hold what paging and the year filters read, in list
#: order and by IRI (to join from `filters`), so that neither walking a kind in order past
#: `offset` items nor sorting the items a filter gives reads the items' rows (their JSON,
#: spread over a file of hundreds of MB). `counts` holds how many items each kind has (name =
#: value = '') and how many have each filter value: the total of a list filtered on one value
#: and the size of each filter, with which `Views.page` chooses where to start. `filters_of_item` and the search index's
#: own indexes by IRI let an ingest replace the rows of the resources it changed (building.py).
#: `mentions` holds where a resource is named one document at a time, so that an ingest
#: replaces those of the documents it changed, not the thousands of a much-named actor; each
#: [mention, passage, page, quote], with IRIs whose refs are read from `refs` when shown.
SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE items (
    iri TEXT PRIMARY KEY, kind TEXT NOT NULL, slug TEXT NOT NULL, sort_key TEXT NOT NULL,
    names TEXT NOT NULL, year_min INTEGER, year_max INTEGER, json TEXT NOT NULL
);
CREATE UNIQUE INDEX items_kind_slug ON items (kind, slug);
CREATE INDEX items_page ON items (kind, sort_key, slug, iri, year_min, year_max);
CREATE INDEX items_by_iri ON items (iri, kind, sort_key, slug, year_min, year_max);
CREATE TABLE filters (iri TEXT NOT NULL, name TEXT NOT NULL, value TEXT NOT NULL);
CREATE INDEX filters_lookup ON filters (name, value, iri);
CREATE INDEX filters_of_item ON filters (iri);
CREATE TABLE counts (kind TEXT, name TEXT, value TEXT, n INTEGER NOT NULL, PRIMARY KEY (kind, name, value))
    WITHOUT ROWID;
CREATE TABLE refs (iri TEXT PRIMARY KEY, json TEXT NOT NULL);
CREATE TABLE passages (iri TEXT PRIMARY KEY, document TEXT NOT NULL, page INTEGER);
CREATE TABLE mentions (iri TEXT NOT NULL, document TEXT NOT NULL, json TEXT NOT NULL,
    PRIMARY KEY (iri, document)) WITHOUT ROWID;
"""


def create(db: sqlite3.Connection, build_id: str) -> None:
    """Empty views of this version in `db`, for the release `build_id`."""
    db.executescript(SCHEMA)
    search.create(db)
    db.executemany("INSERT INTO meta VALUES (?, ?)", [("version", str(VERSION)), ("build_id", build_id)])


def version(db: sqlite3.Connection) -> int:
    """The version of the views in `db` (1 for views made before versions were kept)."""
    row = db.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
    return int(row[0]) if row else 1


def check(db: sqlite3.Connection, path) -> None:
    """Raise OutdatedViews unless the views in `db` are of this version."""
    found = version(db)
    if found != VERSION:
        raise OutdatedViews(path, found)
