"""One query process: opens the store read-only and answers queries sent over its stdin
with their serialised results on its stdout, one at a time, until stdin closes.

It is a separate program (run by path; it imports pyoxigraph and the standard library only)
so that it starts fast and can be killed at any moment: pyoxigraph cannot cancel a query,
a process can be stopped. Frames are an 8-byte big-endian length and a pickle, exchanged
with the server process that started it and no one else.

Before it opens the store it takes its own network away (sandbox.py): pyoxigraph would
otherwise execute any `SERVICE` that reached it. Before each query it caps its memory
(RLIMIT_DATA: the private writable memory, heap and anonymous maps, which is what a query
grows; not RLIMIT_AS, which counts the address space reserved for thread stacks and malloc
arenas, ~450 MB at open for ~30 MB resident). Past the cap pyoxigraph's allocations abort the
process (SIGABRT), Python's raise MemoryError: the server process tells the client either way.

A request: {"query", "base_iri", "dataset": None | [default graphs, named graphs],
"union": bool, "formats": {"solutions": name|None, "graph": name|None}, "max_rows": int,
"max_bytes": int, "max_memory": int}.
An answer: {"ok": True, "body": bytes, "kind", "format", "rows", "truncated": None|"rows"|"bytes"|"row"}
or {"ok": False, "error": "syntax"|"not_acceptable"|"failed"|"memory", "message", "kind"}.
The ready frame: {"ready": True, "sandbox_missing": [layers not applied, with why]} or
{"ready": False, "message"}.

Results are written by pyoxigraph (in Rust) first as TSV or N-Triples, one line per row,
into a writer that stops the serialisation after `max_rows` rows, `max_bytes` bytes or at a
row longer than LONGEST_ROW; when
another format is asked for, those lines are read back and written again in it, all by
pyoxigraph, keeping as many rows as fit in `max_bytes`.
"""
from __future__ import annotations

import importlib.util
import os
import pickle
import resource
import struct
import sys
from pathlib import Path

from pyoxigraph import (DefaultGraph, NamedNode, Quad, QueryBoolean, QueryResultsFormat, QuerySolutions,
                        RdfFormat, Store, parse, parse_query_results, serialize)

SOLUTION_FORMATS = {"json": QueryResultsFormat.JSON, "xml": QueryResultsFormat.XML,
                    "csv": QueryResultsFormat.CSV, "tsv": QueryResultsFormat.TSV}
GRAPH_FORMATS = {"turtle": RdfFormat.TURTLE, "ntriples": RdfFormat.N_TRIPLES, "jsonld": RdfFormat.JSON_LD,
                 "rdfxml": RdfFormat.RDF_XML, "nquads": RdfFormat.N_QUADS, "trig": RdfFormat.TRIG,
                 "n3": RdfFormat.N3}  # N3 last: for clients that ask for it by name (SPARQLWrapper's N3)
HEADER = struct.Struct(">Q")
# a longer row ends the answer: pyoxigraph's TSV reader, which converts the rows to another
# format, takes time quadratic in a line's length (4 MiB: 0.24 s, 8 MiB: 1.5 s) and refuses
# lines past 16 MiB; the graph's longest value is ~3 kB
LONGEST_ROW = 4 << 20


def read_frame(stream):
    header = stream.read(HEADER.size)
    if len(header) < HEADER.size:
        return None
    (size,) = HEADER.unpack(header)
    return pickle.loads(stream.read(size))


def write_frame(stream, message) -> None:
    payload = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(HEADER.pack(len(payload)))
    stream.write(payload)  # not joined to the header: an answer is not copied once more
    stream.flush()


class AnswerFull(OSError):
    pass


class Lines:
    """A binary writer keeping the first whole lines within `max_lines`, `max_bytes` and
    LONGEST_ROW each; the write past one stops the serialiser (pyoxigraph passes the
    writer's exception on). `cut` says which limit was reached: "rows", "bytes" or "row"."""

    def __init__(self, max_lines: int, max_bytes: int):
        self.max_lines, self.max_bytes = max_lines, max_bytes
        self.count, self.size, self.parts, self.cut = 0, 0, [], None
        self.line = 0  # bytes of the line not yet ended

    def write(self, data) -> int:
        if self.cut:
            raise AnswerFull(f"{self.cut} limit reached")
        room = self.max_bytes - self.size
        if len(data) > room:  # copy no more than fits: one row may be hundreds of MB
            data, self.cut = bytes(data[:room]), "bytes"
        else:
            data = bytes(data)
        if self.line + len(data) > LONGEST_ROW:  # one of these lines may be too long: find the first
            begin, end = -self.line, data.find(b"\n")
            while end != -1 and end - begin <= LONGEST_ROW:
                begin, end = end + 1, data.find(b"\n", end + 1)
            if end != -1 or len(data) - begin > LONGEST_ROW:
                data, self.cut = data[:max(begin, 0)], "row"
        lines = data.count(b"\n")
        if self.count + lines > self.max_lines:
            end = -1
            for _ in range(self.max_lines - self.count):
                end = data.index(b"\n", end + 1)
            data, lines, self.cut = data[:end + 1], self.max_lines - self.count, "rows"
        self.parts.append(data)
        self.count, self.size = self.count + lines, self.size + len(data)
        last = data.rfind(b"\n")
        self.line = len(data) - last - 1 if last >= 0 else self.line + len(data)
        if self.cut:
            raise AnswerFull(f"{self.cut} limit reached")
        return len(data)

    def flush(self) -> None:
        pass

    def value(self) -> bytes:
        text = b"".join(self.parts)
        return text[:text.rfind(b"\n") + 1] if self.cut else text


def capped(write, max_lines: int, max_bytes: int) -> tuple[bytes, str | None]:
    lines = Lines(max_lines, max_bytes)
    try:
        write(lines)
    except OSError:
        if not lines.cut:
            raise
    return lines.value(), lines.cut


def fitted(text: bytes, start: int, convert, max_bytes: int) -> tuple[bytes, int, bool]:
    """`convert(text)` (rows of TSV or N-Triples, after a header of `start` bytes), its rows,
    and False; when that passes `max_bytes`, the answer of the most whole rows found to fit,
    their count, and True. Another format is larger than TSV by a factor that differs by row,
    so the rows kept are estimated from the size of the answer that did not fit, then tried
    again. (Both formats escape the newlines in values: a newline ends a row.)"""
    body = convert(text)
    if len(body) <= max_bytes:
        return body, text.count(b"\n", start), False
    ends, at = [], text.find(b"\n", start)
    while at != -1:
        ends.append(at + 1)
        at = text.find(b"\n", at + 1)
    keep = len(ends)
    while keep and len(body) > max_bytes:
        keep = min(keep - 1, keep * max_bytes // len(body))
        body = convert(text[:ends[keep - 1] if keep else start])
    return body, keep, True


def solutions_converter(name: str):
    if name == "tsv":
        return lambda tsv: tsv
    return lambda tsv: parse_query_results(tsv, format=QueryResultsFormat.TSV).serialize(format=SOLUTION_FORMATS[name])


def graph_converter(name: str, prefixes: dict | None):
    fmt = GRAPH_FORMATS[name]
    if name == "ntriples":
        return lambda nt: nt

    def convert(nt: bytes) -> bytes:
        triples = (q.triple for q in parse(nt, format=RdfFormat.N_TRIPLES))
        if fmt in (RdfFormat.N_QUADS, RdfFormat.TRIG):
            triples = (Quad(t.subject, t.predicate, t.object, DefaultGraph()) for t in triples)
        return serialize(triples, format=fmt, prefixes=prefixes or None)
    return convert


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
    max_rows, max_bytes = request["max_rows"], request["max_bytes"]
    if isinstance(result, QueryBoolean):
        return {"ok": True, "body": result.serialize(format=SOLUTION_FORMATS[name]), "kind": kind, "format": name,
                "rows": 1, "truncated": None}
    if kind == "solutions":
        text, cut = capped(lambda out: result.serialize(out, format=QueryResultsFormat.TSV), max_rows + 1, max_bytes)
        start, convert = text.find(b"\n") + 1, solutions_converter(name)  # after the header line
    else:
        text, cut = capped(lambda out: serialize(result, out, format=RdfFormat.N_TRIPLES), max_rows, max_bytes)
        start, convert = 0, graph_converter(name, request.get("prefixes"))
    body, rows, shortened = fitted(text, start, convert, max_bytes)
    return {"ok": True, "body": body, "kind": kind, "format": name, "rows": rows,
            "truncated": "bytes" if shortened else cut}


def limit_memory(max_bytes: int) -> None:
    """The cap for the next query (the soft limit: at most the hard one)."""
    _, hard = resource.getrlimit(resource.RLIMIT_DATA)
    soft = max_bytes if hard == resource.RLIM_INFINITY else min(max_bytes, hard)
    resource.setrlimit(resource.RLIMIT_DATA, (soft, hard))


def load_sandbox():
    """sandbox.py, next to this file (run as a script under -I, its directory is not on sys.path)."""
    spec = importlib.util.spec_from_file_location("mhkg_sandbox", Path(__file__).with_name("sandbox.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


QUERY_NICENESS = 10  # query processes run below the server processes, which answer REST and /health


def main(store_path: str) -> None:
    requests, answers = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # nothing but frames on the answer pipe
    missing = load_sandbox().confine()  # before the store starts its threads: they inherit the filter
    os.nice(QUERY_NICENESS)  # a long query yields the CPU to the server's cheap requests
    try:
        store = Store.read_only(store_path)
    except Exception as err:  # noqa: BLE001  the server logs why the store did not open
        write_frame(answers, {"ready": False, "message": str(err)})
        return
    write_frame(answers, {"ready": True, "sandbox_missing": missing})
    while (request := read_frame(requests)) is not None:
        limit_memory(request["max_memory"])
        try:
            write_frame(answers, answer(store, request))
        except MemoryError:
            write_frame(answers, {"ok": False, "error": "memory", "message": "out of memory"})
        except Exception as err:  # noqa: BLE001  an evaluation error is the query's, not the process's
            write_frame(answers, {"ok": False, "error": "failed", "message": str(err)})


if __name__ == "__main__":
    main(sys.argv[1])
