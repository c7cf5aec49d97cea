"""One query process: opens the store read-only and answers queries sent over its stdin
with their serialised results on its stdout, one at a time, until stdin closes.

It is a separate program (run by path; it imports pyoxigraph and the standard library only)
so that it starts fast and can be killed at any moment: pyoxigraph cannot cancel a query,
a process can be stopped. Frames are an 8-byte big-endian length and a pickle, exchanged
with the server process that started it and no one else.

A request: {"query", "base_iri", "dataset": None | [default graphs, named graphs],
"union": bool, "formats": {"solutions": name|None, "graph": name|None}, "max_rows": int}.
An answer: {"ok": True, "body": bytes, "kind", "format", "rows", "truncated"} or
{"ok": False, "error": "syntax"|"not_acceptable"|"failed", "message", "kind"}.

Results are written by pyoxigraph (in Rust) first as TSV or N-Triples, one line per row,
into a writer that stops the serialisation after `max_rows` rows; when another format is
asked for, those lines are read back and written again in it, all by pyoxigraph.
"""
from __future__ import annotations

import pickle
import struct
import sys

from pyoxigraph import (DefaultGraph, NamedNode, Quad, QueryBoolean, QueryResultsFormat, QuerySolutions,
                        RdfFormat, Store, parse, parse_query_results, serialize)

SOLUTION_FORMATS = {"json": QueryResultsFormat.JSON, "xml": QueryResultsFormat.XML,
                    "csv": QueryResultsFormat.CSV, "tsv": QueryResultsFormat.TSV}
GRAPH_FORMATS = {"turtle": RdfFormat.TURTLE, "ntriples": RdfFormat.N_TRIPLES, "jsonld": RdfFormat.JSON_LD,
                 "rdfxml": RdfFormat.RDF_XML, "nquads": RdfFormat.N_QUADS, "trig": RdfFormat.TRIG}
HEADER = struct.Struct(">Q")


def read_frame(stream):
    header = stream.read(HEADER.size)
    if len(header) < HEADER.size:
        return None
    (size,) = HEADER.unpack(header)
    return pickle.loads(stream.read(size))


def write_frame(stream, message) -> None:
    payload = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(HEADER.pack(len(payload)) + payload)
    stream.flush()


class RowLimit(OSError):
    pass


class Lines:
    """A binary writer keeping the first `limit` lines; the write past them stops the
    serialiser (pyoxigraph passes the writer's exception on)."""

    def __init__(self, limit: int):
        self.limit, self.count, self.parts, self.full = limit, 0, [], False

    def write(self, data) -> int:
        if self.full:
            raise RowLimit("row limit reached")
        data = bytes(data)
        lines = data.count(b"\n")
        if self.count + lines <= self.limit:
            self.parts.append(data)
            self.count += lines
            return len(data)
        end = -1
        for _ in range(self.limit - self.count):
            end = data.index(b"\n", end + 1)
        self.parts.append(data[:end + 1])
        self.count, self.full = self.limit, True
        raise RowLimit("row limit reached")

    def flush(self) -> None:
        pass

    def value(self) -> bytes:
        return b"".join(self.parts)


def capped(write, limit: int) -> tuple[bytes, bool]:
    lines = Lines(limit)
    try:
        write(lines)
    except OSError:
        if not lines.full:
            raise
    return lines.value(), lines.full


def answer(store: Store, request: dict) -> dict:
    options = {"base_iri": request.get("base_iri")}
    if request.get("dataset") is not None:
        default, named = request["dataset"]
        options["default_graph"] = [NamedNode(g) for g in default]
        options["named_graphs"] = [NamedNode(g) for g in named]
    elif request.get("union"):
        options["use_default_graph_as_union"] = True
    try:
        result = store.query(request["query"], **options)
    except SyntaxError as err:
        return {"ok": False, "error": "syntax", "message": str(err)}
    kind = "graph" if not isinstance(result, (QuerySolutions, QueryBoolean)) else "solutions"
    name = request["formats"].get(kind)
    if name is None:
        return {"ok": False, "error": "not_acceptable", "kind": kind,
                "message": f"the answer is a {'graph' if kind == 'graph' else 'result table or boolean'}"}
    max_rows = request["max_rows"]
    if isinstance(result, QueryBoolean):
        body, rows, truncated = result.serialize(format=SOLUTION_FORMATS[name]), 1, False
    elif kind == "solutions":
        tsv, truncated = capped(lambda out: result.serialize(out, format=QueryResultsFormat.TSV), max_rows + 1)
        rows = tsv.count(b"\n") - 1
        body = tsv if name == "tsv" and not truncated else \
            parse_query_results(tsv, format=QueryResultsFormat.TSV).serialize(format=SOLUTION_FORMATS[name])
    else:
        nt, truncated = capped(lambda out: serialize(result, out, format=RdfFormat.N_TRIPLES), max_rows)
        rows = nt.count(b"\n")
        fmt = GRAPH_FORMATS[name]
        if name == "ntriples":
            body = nt
        else:
            triples = (q.triple for q in parse(nt, format=RdfFormat.N_TRIPLES))
            if fmt in (RdfFormat.N_QUADS, RdfFormat.TRIG):
                triples = (Quad(t.subject, t.predicate, t.object, DefaultGraph()) for t in triples)
            body = serialize(triples, format=fmt, prefixes=request.get("prefixes") or None)
    return {"ok": True, "body": body, "kind": kind, "format": name, "rows": rows, "truncated": truncated}


def main(store_path: str) -> None:
    requests, answers = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # nothing but frames on the answer pipe
    try:
        store = Store.read_only(store_path)
    except Exception as err:  # noqa: BLE001  the server says why the store did not open
        write_frame(answers, {"ready": False, "message": f"{type(err).__name__}: {err}"})
        return
    write_frame(answers, {"ready": True})
    while (request := read_frame(requests)) is not None:
        try:
            reply = answer(store, request)
        except Exception as err:  # noqa: BLE001  an evaluation error is the query's, not the process's
            reply = {"ok": False, "error": "failed", "message": f"{type(err).__name__}: {err}"}
        write_frame(answers, reply)


if __name__ == "__main__":
    main(sys.argv[1])
