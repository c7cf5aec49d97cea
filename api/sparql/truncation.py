"""Saying in the body of a cut answer that it was cut, where the format has room for it, so
that a saved file says so too and not only the response header `MHKG-Results-Truncated`.

SPARQL JSON gets a member `truncated` in `head` (clients read `vars` and ignore the rest);
SPARQL XML and RDF/XML an XML comment after the XML declaration; Turtle, TriG, N3, N-Triples
and N-Quads a `#` comment line first. CSV and TSV have no comments (RFC 4180, SPARQL 1.1 TSV)
and JSON-LD no member a processor would keep: those say it in the header only.
The mark is at most ROOM bytes, which the answer leaves free for it.
"""
from __future__ import annotations

import json

ROOM = 512
_XML = ("xml", "rdfxml")
_HASH_COMMENT = ("turtle", "trig", "n3", "ntriples", "nquads")


def note(why: str) -> str:
    return f"MHKG-Results-Truncated: {why}; page with LIMIT and OFFSET for the rest"


def mark(body: bytes, name: str, why: str) -> bytes:
    """`body`, written in format `name`, with `why` it was cut said in it where the format allows."""
    text = note(why)[:ROOM - 64]
    if name == "json" and body.startswith(b'{"head":{'):
        end = body.index(b"}")  # the end of head: its variable names hold no brace
        member = ',"truncated":' + json.dumps(text)
        return body[:end] + member.encode("utf-8") + body[end:]
    if name in _XML:
        comment = f"<!-- {text.replace('--', '- -')} -->".encode("utf-8")
        end = body.index(b"?>") + 2 if body.startswith(b"<?xml") else 0
        return body[:end] + comment + body[end:]
    if name in _HASH_COMMENT:
        return f"# {text}\n".encode("utf-8") + body
    return body
