"""Views: the lists, filters and text index the REST API reads, computed once per release.

The graph changes only at build time, so what generic SPARQL answers slowly (a sorted
page deep in a list, a filter, a count, a text search: seconds at a million triples) is
computed here from the store with the `view_*.rq` queries and kept in one SQLite file
next to the store, `views.sqlite`. Each item is stored as the JSON the API returns, plus
the columns it is filtered and sorted on.
"""
from __future__ import annotations

import json
import os
import sqlite3
import threading
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from pyoxigraph import Literal, NamedNode, Store

from . import search
from .iris import ID, PREFIXES, split_thing
from .store import run_named

VIEWS_FILE = "views.sqlite"
#: IRIs looked up in one SQLite statement (its limit on bound values is 32,766 since 3.32).
_BATCH = 500

#: The lists of the API (docs/CONTRACT.md §6) by their names of 1.x, and the IRI kind each
#: one holds: every kind search returns has one (its path is the kind itself, /api/actor).
KINDS = {"actors": "actor", "persons": "person", "instruments": "instrument", "reports": "report",
         "recommendations": "recommendation", "responses": "response", "documents": "document",
         "observations": "observation", "indicators": "indicator", "reporting-duties": "reporting-duty",
         "fundings": "funding", "memberships": "membership", "offices": "office", "citations": "citation",
         "concepts": "concept", "statuses": "status", "changes": "change"}
#: Lists that are the part of another list of one class (commitments are instruments).
TYPED_LISTS = {"commitments": ("instruments", PREFIXES["mh"] + "Commitment")}
LISTS = (*KINDS, *TYPED_LISTS)
#: The path of each list under /api: its items' kind, a typed list's own (/api/commitment).
PATHS = {**KINDS, "commitments": "commitment"}


def kind_of(name: str) -> str:
    """The IRI kind of the items of a list (of KINDS or TYPED_LISTS)."""
    return KINDS[TYPED_LISTS[name][0]] if name in TYPED_LISTS else KINDS[name]

#: Filters every list has, and the ones that fit only some kinds.
COMMON_FILTERS = ("type", "q", "document")
YEARS = ("year_from", "year_to")
KIND_FILTERS = {
    "commitments": ("status", "committedTo", "proposedBy"),
    "recommendations": ("report", "status", "addressee"),
    "responses": ("status", "recommendation"),
    "observations": ("indicator", "about", "report", *YEARS),
    "reports": YEARS,
    "documents": YEARS,
    "reporting-duties": ("dutyHolder", "reportsTo", "regarding", "legalBasis"),
    "fundings": ("funder", "recipient", "fundedInstrument", *YEARS),
    "memberships": ("member", "organization"),
    "offices": ("holder", "officeIn", *YEARS),
    "citations": ("publisher", "issuedBy", "cites", *YEARS),
    "concepts": ("inScheme", "broader"),
    "changes": ("originalOrganization", "resultingOrganization", *YEARS),
}
#: Filters whose value names a resource, and the kind of IRI a bare slug stands for.
REFERENCE_FILTERS = {"report": "report", "addressee": "actor", "indicator": "indicator", "about": None,
                     "document": "document", "recommendation": "recommendation", "status": "status",
                     "dutyHolder": "actor", "reportsTo": "actor", "legalBasis": "instrument", "funder": "actor",
                     "recipient": "actor", "fundedInstrument": "instrument", "member": "actor",
                     "organization": "actor", "holder": "person", "officeIn": "actor", "publisher": "actor",
                     "issuedBy": "actor", "cites": None, "regarding": "concept", "inScheme": "concept",
                     "broader": "concept",
                     "originalOrganization": "actor", "resultingOrganization": "actor",
                     "committedTo": "actor", "proposedBy": "actor", "commitmentStatus": "concept"}
#: A commitment's `status` filter (docs/CONTRACT.md §6): its mh:commitmentStatus, or `unknown`
#: for a commitment no document gives a status (the register's rule: unknown, not open).
COMMITMENT_STATUSES = {"open": ID + "concept/commitment-open",
                       "partly": ID + "concept/commitment-partly-fulfilled",
                       "fulfilled": ID + "concept/commitment-fulfilled",
                       "unknown": "unknown"}

#: Fields whose values are literals: shown as one value; all other fields are lists of references.
LITERAL_FIELDS = {"number", "reportPage", "value", "minValue", "maxValue", "qualifier", "year", "periodStart",
                  "periodEnd", "coversPeriodStart", "coversPeriodEnd", "presentedOn", "title", "identifier",
                  "dateSubmitted", "dateReceived", "dateSent", "amount", "currency", "perYear", "office",
                  "atDate", "hasDuty", "date", "bwbId", "documentNumber", "dossier", "ecli", "kamerstukId",
                  "parliamentaryYear", "url", "expectedEntryIntoForce", "condition", "contribution",
                  "commitmentText", "committedOn", "deadline"}
#: Literal fields whose datatype varies (a date, a month or a year): shown as {value, datatype}.
TYPED_VALUE_FIELDS = {"committedOn"}
#: `hasDuty` is the class of a reporting duty (mh:hasDuty is deprecated and no longer stated).
HAS_DUTY = {PREFIXES["mh"] + "ReportingDuty": True, PREFIXES["mh"] + "NoReportingDuty": False}
_DATE_FIELDS = ("dateSent", "dateSubmitted", "dateReceived", "presentedOn")
#: The fields a kind's years are read from (the year filters), where they are not dates of a document.
_YEAR_FIELDS = {"observation": ("year", "periodStart", "periodEnd"), "report": ("coversPeriodStart", "coversPeriodEnd"),
                "document": _DATE_FIELDS, "funding": ("periodStart", "periodEnd"), "office": ("atDate",),
                "citation": ("date",), "change": ("date",)}

#: `items_page` and `items_by_iri` hold what paging and the year filters read, in list
#: order and by IRI (to join from `filters`), so that neither walking a kind in order past
#: `offset` items nor sorting the items a filter gives reads the items' rows (their JSON,
#: spread over a file of hundreds of MB). `counts` holds how many items each kind has (name =
#: value = '') and how many have each filter value: the total of a list filtered on one value
#: and the size of each filter, with which `Views.page` chooses where to start.
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
CREATE TABLE counts (kind TEXT, name TEXT, value TEXT, n INTEGER NOT NULL, PRIMARY KEY (kind, name, value))
    WITHOUT ROWID;
CREATE TABLE refs (iri TEXT PRIMARY KEY, json TEXT NOT NULL);
CREATE TABLE passages (iri TEXT PRIMARY KEY, document TEXT NOT NULL, page INTEGER);
CREATE TABLE mentions (iri TEXT PRIMARY KEY, json TEXT NOT NULL);
"""

#: Kinds that are plumbing of provenance, not things a researcher searches for by name.
UNSEARCHED_KINDS = {"mention", "statement"}


def curie(iri: str) -> str:
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and prefix not in ("id",):
            return f"{prefix}:{iri[len(namespace):]}"
    return iri


def literal_json(term: Literal):
    """A literal as JSON: numbers as numbers, booleans as booleans, the rest as text."""
    datatype = term.datatype.value.rsplit("#", 1)[-1]
    if datatype in ("integer", "int", "long", "nonNegativeInteger"):
        return int(term.value)
    if datatype in ("decimal", "double", "float"):
        number = float(term.value)
        return int(number) if number.is_integer() else number
    if datatype == "boolean":
        return term.value == "true"
    return term.value


def _integer(term) -> int | None:
    return int(term.value) if term is not None else None


def source(row, reference) -> dict:
    """One quote of a fact with where it stands (its mh:Evidence), from a query row with
    `fact evidence document quote page passage start end`; `reference` shows a resource.
    The shape of every `sources` entry and of the `quotes` of a resource's relations; a
    statement made without evidence (an ingested paper's) has no `id` and no offsets."""
    passage, evidence = row["passage"], row["evidence"]
    return {"id": evidence.value if evidence is not None else None, "types": ["mh:Evidence"],
            "fact": row["fact"].value,
            "document": reference(row["document"]), "page": _integer(row["page"]),
            "passage": reference(passage) if passage is not None else None,
            "quoteStart": _integer(row["start"]), "quoteEnd": _integer(row["end"]), "quote": row["quote"].value}


def _dutch_first(term) -> tuple:
    """Order of a field's values: a single-valued literal field shows the first, its Dutch one
    where it has languages (the context reads a title as Dutch)."""
    return (isinstance(term, Literal) and term.language not in (None, "nl"), str(term.value))


def _marks(values) -> str:
    return ", ".join("?" * len(values))


def _year(value) -> int | None:
    text = str(value)
    return int(text[:4]) if text[:4].isdigit() else None


@dataclass
class _Resource:
    iri: str
    kind: str
    slug: str
    types: set
    label: str | None = None
    label_en: str | None = None

    def __post_init__(self):
        self.alt_labels: list[str] = []
        self.fields: dict[str, list] = defaultdict(list)
        self.sources: list[dict] = []
        self.mentions: dict[str, int] = {}          # document → how many mentions name it there
        self.named: set[tuple] = set()              # (document, passage, page, quote, mention) of each mention
        self.status_facts: set[str] = set()         # the statements of a commitment's mh:commitmentStatus

    def ref(self) -> dict:
        """How another item points to this one: enough to show and to follow it."""
        return {"id": self.iri, "slug": self.slug, "kind": self.kind, "label": self.label}


class _Collector:
    """Reads the store once with the view queries and shapes every resource's item."""

    def __init__(self, store: Store):
        self.store = store
        self.resources: dict[str, _Resource] = {}
        self._names()
        self._fields()
        self._sources()
        self._mentions()

    def _resource(self, iri: str) -> _Resource | None:
        if iri not in self.resources:
            parts = split_thing(iri)
            if parts is None:
                return None
            self.resources[iri] = _Resource(iri, parts[0], parts[1], set())
        return self.resources[iri]

    def _names(self) -> None:
        for row in run_named(self.store, "view_resource_names_and_types"):
            res = self._resource(row["resource"].value)
            if res is None:
                continue
            prop, value = row["property"].value, row["value"]
            if prop.endswith("#type"):
                res.types.add(value.value)
            elif prop.endswith("#altLabel"):
                res.alt_labels.append(value.value)
            elif isinstance(value, Literal) and value.language == "en":
                res.label_en = res.label_en or value.value
            elif res.label is None or (isinstance(value, Literal) and value.language == "nl"):
                res.label = value.value

    def _fields(self) -> None:
        for row in run_named(self.store, "view_resource_fields"):
            res = self.resources.get(row["resource"].value)
            if res is not None:
                res.fields[row["field"].value].append(row["value"])
        for res in self.resources.values():     # a duty, or a source's statement that there is none
            duty = res.types & HAS_DUTY.keys()
            if duty:
                res.fields["hasDuty"] = [Literal(HAS_DUTY[min(duty)])]
        for row in run_named(self.store, "view_response_status_of_recommendations"):
            res = self.resources.get(row["resource"].value)
            if res is not None:
                res.fields["status"].append(row["value"])

    def _sources(self) -> None:
        for row in run_named(self.store, "view_quotes_stating_resources"):
            res = self.resources.get(row["resource"].value)
            if res is not None:
                res.sources.append(row)
        for row in run_named(self.store, "view_commitment_status_statements"):
            res = self.resources.get(row["resource"].value)
            if res is not None:
                res.status_facts.add(row["statement"].value)

    def _mentions(self) -> None:
        """How often each resource is named in each document (its item's `mentionedIn`) and
        where, in which words (its detail's `mentions`), from one pass over the mentions."""
        counted: dict[tuple[str, str], set[str]] = defaultdict(set)
        for row in run_named(self.store, "view_mentions"):
            res = self.resources.get(row["resource"].value)
            if res is None:
                continue
            document = row["document"].value
            counted[(res.iri, document)].add(row["mention"].value)
            if row["quote"] is not None:
                passage, page = row["passage"], row["page"]
                res.named.add((document, passage.value if passage is not None else None,
                               int(page.value) if page is not None else None, row["quote"].value,
                               row["mention"].value))
        for (iri, document), mentions in counted.items():
            self.resources[iri].mentions[document] = len(mentions)

    def mentions(self, res: _Resource) -> list[dict]:
        """Where `res` is named: document, passage, page and quote, by document, page and
        passage (unknown pages and passages first, as SPARQL orders unbound values)."""
        ordered = sorted(res.named, key=lambda m: (m[0], m[2] is not None, m[2] or 0, m[1] is not None,
                                                   m[1] or "", m[3]))
        return [{"id": mention, "document": self.reference(NamedNode(document)),
                 "passage": self.reference(NamedNode(passage)) if passage is not None else None,
                 "page": page, "quote": quote} for document, passage, page, quote, mention in ordered]

    def reference(self, term) -> dict | str:
        res = self.resources.get(term.value) if isinstance(term, NamedNode) else None
        if res is not None:
            return res.ref()
        return {"id": term.value, "label": None} if isinstance(term, NamedNode) else term.value

    def item(self, res: _Resource) -> dict:
        item = {"id": res.iri, "slug": res.slug, "kind": res.kind,
                "types": sorted(curie(t) for t in res.types), "label": res.label,
                "labelEn": res.label_en, "altLabels": sorted(set(res.alt_labels))}
        for name in sorted(res.fields):
            values = sorted(set(res.fields[name]), key=_dutch_first)
            if name in TYPED_VALUE_FIELDS and isinstance(values[0], Literal):
                item[name] = {"value": values[0].value, "datatype": curie(values[0].datatype.value)}
            elif name in LITERAL_FIELDS:
                item[name] = literal_json(values[0]) if isinstance(values[0], Literal) else values[0].value
            else:
                item[name] = [self.reference(v) for v in values]
        item["sources"] = [source(row, self.reference)
                           for row in sorted(res.sources, key=lambda r: (r["document"].value, _integer(r["page"]) or 0,
                                                                         _integer(r["start"]) or 0, r["fact"].value))]
        if res.status_facts:                    # the quotes that give a commitment its status
            item["commitmentStatusSources"] = [s for s in item["sources"] if s["fact"] in res.status_facts]
        item["mentionedIn"] = [{"document": self.reference(NamedNode(d)), "mentions": n}
                               for d, n in sorted(res.mentions.items())]
        return item


def _sort_key(res: _Resource, item: dict) -> str:
    label = search.fold(res.label or res.slug)
    if res.kind == "recommendation":
        report = (item.get("report") or [{}])[0].get("slug", "")
        return f"{report}\t{int(item.get('number') or 0):06d}\t{label}"
    if res.kind == "observation":
        return f"{item.get('year') or item.get('periodStart') or ''}\t{label}"
    return label


def _years(res: _Resource, item: dict) -> tuple[int | None, int | None]:
    years = [_year(item[k]) for k in _YEAR_FIELDS.get(res.kind, ()) if item.get(k)]
    years = [y for y in years if y is not None]
    return (min(years), max(years)) if years else (None, None)


def _filter_rows(res: _Resource, item: dict) -> list[tuple[str, str, str]]:
    rows = [(res.iri, "type", t) for t in res.types]
    rows += [(res.iri, "document", s["document"]["id"]) for s in item["sources"]]
    rows += [(res.iri, "document", m["document"]["id"]) for m in item["mentionedIn"]]
    for name in REFERENCE_FILTERS.keys() - {"document"}:
        rows += [(res.iri, name, ref["id"]) for ref in item.get(name, []) if isinstance(ref, dict)]
    if TYPED_LISTS["commitments"][1] in res.types and not item.get("commitmentStatus"):
        rows.append((res.iri, "commitmentStatus", COMMITMENT_STATUSES["unknown"]))
    return sorted(set(rows))


def build_views(store: Store, release_dir: Path, build_id: str | None = None) -> Path:
    """Write `views.sqlite` into `release_dir` (atomically: a half-written file is never seen)."""
    collector = _Collector(store)
    target = Path(release_dir) / VIEWS_FILE
    tmp = target.with_suffix(f".{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    db = sqlite3.connect(tmp)
    db.executescript(SCHEMA)
    search.create(db)
    db.execute("INSERT INTO meta VALUES ('build_id', ?)", (build_id or "",))
    listed_kinds = set(KINDS.values())
    for iri in sorted(collector.resources):
        res = collector.resources[iri]
        db.execute("INSERT INTO refs VALUES (?, ?)", (iri, json.dumps(res.ref(), ensure_ascii=False)))
        if res.named:
            db.execute("INSERT INTO mentions VALUES (?, ?)",
                       (iri, json.dumps(collector.mentions(res), ensure_ascii=False)))
        if res.label is None or res.kind in UNSEARCHED_KINDS:
            continue
        for name in [res.label, *res.alt_labels] + ([res.label_en] if res.label_en else []):
            search.add_name(db, iri, res.kind, "label" if name == res.label else "altLabel", name)
        if res.kind not in listed_kinds:
            continue
        item = collector.item(res)
        year_min, year_max = _years(res, item)
        names = "\n".join(search.fold(n) for n in [res.label, *res.alt_labels])
        db.execute("INSERT INTO items VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                   (iri, res.kind, res.slug, _sort_key(res, item), names, year_min, year_max,
                    json.dumps(item, ensure_ascii=False)))
        db.executemany("INSERT INTO filters VALUES (?, ?, ?)", _filter_rows(res, item))
    db.execute("INSERT INTO counts SELECT kind, '', '', COUNT(*) FROM items GROUP BY kind")
    db.execute("INSERT INTO counts SELECT i.kind, f.name, f.value, COUNT(*) FROM filters f "
               "JOIN items i ON i.iri = f.iri GROUP BY i.kind, f.name, f.value")
    for row in run_named(store, "view_passage_texts"):
        search.add_text(db, row["passage"].value, "passage", row["text"].value)
        page = row["page"]
        db.execute("INSERT OR IGNORE INTO passages VALUES (?, ?, ?)",
                   (row["passage"].value, row["document"].value, int(page.value) if page is not None else None))
    db.commit()
    db.close()
    os.replace(tmp, target)
    return target


class Views:
    """Read access to a release's `views.sqlite`, one connection per thread."""

    def __init__(self, path: Path):
        self.path = Path(path)
        if not self.path.is_file():
            raise FileNotFoundError(f"no views at {self.path}")
        self._local = threading.local()
        self._known_types: dict[str, frozenset[str]] = {}   # a release's views never change
        self._tables: dict[str, bool] = {}

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
        if one_value and self._has("counts"):
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
        of them). An upper bound with several values (an item may have more than one) and, in
        views built before `counts`, counted in the `filters` index over every kind."""
        if self._has("counts"):
            sql = f"SELECT COALESCE(SUM(n), 0) FROM counts WHERE kind = ? AND name = ? AND value IN ({_marks(values)})"
            return self.db.execute(sql, [kind_id, name, *values]).fetchone()[0]
        if not name:
            return self.db.execute("SELECT COUNT(*) FROM items WHERE kind = ?", [kind_id]).fetchone()[0]
        sql = f"SELECT COUNT(*) FROM filters WHERE name = ? AND value IN ({_marks(values)})"
        return self.db.execute(sql, [name, *values]).fetchone()[0]

    def _has(self, table: str) -> bool:
        """Whether these views have `table` (views built by an earlier version may not)."""
        if table not in self._tables:
            self._tables[table] = self.db.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)).fetchone() is not None
        return self._tables[table]

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

    def mentions(self, iri: str) -> list[dict] | None:
        """Where a resource is named (document, passage, page, quote), in order; None when
        these views were built before they kept mentions (ask the graph then)."""
        if not self._has("mentions"):
            return None
        row = self.db.execute("SELECT json FROM mentions WHERE iri = ?", (iri,)).fetchone()
        return json.loads(row[0]) if row else []

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
