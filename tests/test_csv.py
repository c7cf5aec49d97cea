"""CSV a researcher can use: `pandas.read_csv` on every list's CSV gives back the values of its
JSON answer, one value per cell or a JSON array (or object) in a cell, every reference to a
resource as its IRI; the sources carry their documents' IRIs, pages and quotes whole, `"; "`
and line breaks included; RFC 4180 (header, CRLF, quoting) and the same columns on every page."""
from __future__ import annotations

import csv
import io
import json
import math
from urllib.parse import urlencode

import pandas
import pytest

from test_rest import LISTS

REFERENCE_KEYS = {"id", "slug", "kind", "label"}
PAGES = [(f"/api/{kind}", {}) for kind in LISTS] + [
    ("/api/search", {"q": "CoMensha slachtoffers"}), ("/api/document/so-20240516-samen-tegen-mensenhandel/passages", {}),
    ("/api/observation", {"year_from": 2014, "year_to": 2016}), ("/api/funding", {"funder": "politie"})]


def as_iris(value):
    """The JSON value as the CSV states it: every reference to a resource by its IRI."""
    if isinstance(value, dict):
        return value["id"] if "id" in value and set(value) <= REFERENCE_KEYS else {k: as_iris(v)
                                                                                 for k, v in value.items()}
    return [as_iris(v) for v in value] if isinstance(value, list) else value


def read_back(text: str, expected, column: str):
    """A cell (read as text) compared with the JSON value it must hold."""
    if expected is None:
        assert text == "", column
    elif isinstance(expected, bool):
        assert text == ("true" if expected else "false"), column
    elif isinstance(expected, (int, float)):
        assert math.isclose(float(text), expected), column
    elif isinstance(as_iris(expected), str):     # text, or one reference: its IRI
        assert text == as_iris(expected), column
    else:
        assert json.loads(text) == as_iris(expected), column


@pytest.mark.parametrize("path, params", PAGES)
def test_pandas_reads_every_lists_csv_back_into_its_json_values(graph_server, path, params):
    answer = graph_server.get(path, params={**params, "limit": 500}).json()
    url = graph_server.url + path + ".csv"
    query = urlencode({**params, "limit": 500})
    table = pandas.read_csv(f"{url}?{query}", dtype=str, keep_default_na=False)
    assert answer["items"] and len(table) == len(answer["items"])
    assert list(table["id"]) == [item["id"] for item in answer["items"]]
    assert set().union(*(item.keys() for item in answer["items"])) <= set(table.columns)
    for item, (_, row) in zip(answer["items"], table.iterrows()):
        for column in table.columns:
            read_back(row[column], item.get(column), column)
    inferred = pandas.read_csv(f"{url}?{query}")           # as a researcher reads it, types guessed
    assert list(inferred["id"]) == list(table["id"]) and list(inferred.columns) == list(table.columns)


def test_numbers_are_numbers_and_sources_cite_documents_by_iri(graph_server):
    figures = pandas.read_csv(graph_server.url + "/api/observation.csv?limit=500")
    assert pandas.api.types.is_numeric_dtype(figures["value"])
    sources = [s for cell in figures["sources"] for s in json.loads(cell)]
    assert sources and all(s["document"].startswith("https://w3id.org/mhkg/id/document/") and s["quote"]
                           for s in sources)
    assert all(isinstance(s["page"], int) for s in sources if s["page"] is not None)


def test_a_quote_holding_the_old_separator_stays_one_value(graph_server):
    """1.x joined values with '; ', which quotes contain: such a quote now reads back whole."""
    found = []
    for kind in ("recommendation", "response", "observation", "document", "actor", "instrument"):
        table = pandas.read_csv(graph_server.url + f"/api/{kind}.csv?limit=500")
        answer = graph_server.get(f"/api/{kind}", params={"limit": 500}).json()["items"]
        for item, cell in zip(answer, table["sources"]):
            quotes = [s["quote"] for s in json.loads(cell)]
            assert quotes == [s["quote"] for s in item["sources"]]
            found += [q for q in quotes if "; " in q]
    assert found, "the corpus has quotes with '; ' (21 in 1.x)"


def test_rfc_4180_header_crlf_quoting_and_the_same_columns_on_every_page(graph_server):
    first = graph_server.get("/api/instrument.csv", params={"limit": 5})
    later = graph_server.get("/api/instrument.csv", params={"limit": 5, "offset": 100})
    assert first.headers["Content-Type"] == "text/csv; charset=utf-8"
    body = first.content.decode("utf-8")
    rows = list(csv.reader(io.StringIO(body, newline=""), strict=True))
    assert len(rows) == 6 and len({len(r) for r in rows}) == 1
    assert body.split("\r\n", 1)[0] == ",".join(rows[0]) and body.endswith("\r\n")
    assert first.text.split("\r\n", 1)[0] == later.text.split("\r\n", 1)[0]
    assert graph_server.get("/api/instruments", params={"format": "csv", "limit": 5}).text == first.text
