"""A page as CSV a researcher can read back (RFC 4180): `pandas.read_csv` gives the JSON's values.

One row per item and one column per field its list's schema declares (api/rest/schemas.py),
so that every page of a list has the same header. A cell holds one value: text as it is,
a number in its JSON form, a boolean as `true`/`false`, nothing as an empty cell; a field that
is a list or an object in JSON is that JSON in the cell (a JSON array for multi-valued
fields), with every reference to a resource written as its IRI: `sources` is an array of
evidences, each with its document's IRI, page, passage, offsets and quote. Values are never
joined with a separator that a quote could contain.
"""
from __future__ import annotations

import csv
import io
import json

#: The keys of a reference to a resource (kg/views.py `_Resource.ref`), which a cell writes as its IRI.
REFERENCE_KEYS = {"id", "slug", "kind", "label"}


def compact(value):
    """`value` with every reference to a resource replaced by its IRI."""
    if isinstance(value, dict):
        if "id" in value and set(value) <= REFERENCE_KEYS:
            return value["id"]
        return {key: compact(inner) for key, inner in value.items()}
    if isinstance(value, list):
        return [compact(inner) for inner in value]
    return value


def cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float, str)):
        return str(value)
    compacted = compact(value)
    return compacted if isinstance(compacted, str) else json.dumps(compacted, ensure_ascii=False)


def to_csv(rows: list[dict], columns: list[str] | None = None) -> str:
    """RFC 4180: a header row, CRLF line ends, fields quoted where they hold a comma, a quote
    or a line break. `columns` default to the keys of `rows` in the order first seen."""
    if columns is None:
        columns = list(dict.fromkeys(key for row in rows for key in row))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([cell(row.get(column)) for column in columns])
    return out.getvalue()
