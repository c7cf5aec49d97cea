"""SPARQL read as text, before any parser sees it: its tokens, its escapes, and the bounds
that keep Oxigraph's parser from crashing.

The tokens are the terminals of the SPARQL 1.1 grammar (IRIs, strings, comments, prefixed
names, variables, language tags, blank nodes) and words; everything else is one character.
A run of names joined by dots that is no prefixed name (`a.b.c`, `true.SERVICE`) is one
`dotted` token: read letter by letter, each of its positions would be tried as the start of a
prefixed name again, which made a 60 KB `a.a.a…` take 12 s. So is a string that is never
closed (`unclosed`: the rest of its line, or of the query for a long string): each of its
quotes would be tried again as the start of a string.
The parser Oxigraph uses recurses: a few thousand nested brackets, or a chain of a few
thousand operators or group patterns (`UNION`, `OPTIONAL`, `+`, `/` …), overflow the stack
of the process and kill it (SIGSEGV). `check_bounds` refuses such a query first, naming the
limit; no query a person writes comes near them.
"""
from __future__ import annotations

import re

MAX_NESTING = 64        # brackets ({, (, [) open at once
MAX_OPERATORS = 1000    # keywords and operators in one query (terms and . , ; not counted)

_PN_CHARS_BASE = "A-Za-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF\u0370-\u037D\u037F-\u1FFF\u200C-\u200D" \
                 "\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD\U00010000-\U000EFFFF"
_PN_CHARS = _PN_CHARS_BASE + "_0-9\u00B7\u0300-\u036F\u203F-\u2040\\-"
_LOCAL_ESCAPE = r"\\[_~.\-!$&'()*+,;=/?#@%]|%[0-9A-Fa-f]{2}"
_TOKEN = re.compile(rf"""
    (?P<space>\s+)
  | (?P<comment>\#[^\r\n]*)
  | (?P<iri><[^<>"{{}}|^`\\\x00-\x20]*>)
  | (?P<string>\"\"\"(?:(?:"|"")?(?:[^"\\]|\\.))*\"\"\"
             | '''(?:(?:'|'')?(?:[^'\\]|\\.))*'''
             | "(?:[^"\\\r\n]|\\.)*"
             | '(?:[^'\\\r\n]|\\.)*')
  | (?P<unclosed>(?:\"\"\"|''')[\s\S]*|["'][^\r\n]*)
  | (?P<variable>[?$][{_PN_CHARS}]+)
  | (?P<langtag>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
  | (?P<bnode>_:[{_PN_CHARS}](?:[{_PN_CHARS}.]*[{_PN_CHARS}])?)
  | (?P<pname>(?:[{_PN_CHARS_BASE}](?:[{_PN_CHARS}.]*[{_PN_CHARS}])?)?:
               (?:(?:[{_PN_CHARS}:]|{_LOCAL_ESCAPE})(?:(?:[{_PN_CHARS}.:]|{_LOCAL_ESCAPE})*(?:[{_PN_CHARS}:]|{_LOCAL_ESCAPE}))?)?)
  | (?P<dotted>[{_PN_CHARS_BASE}][{_PN_CHARS}]*(?:\.+[{_PN_CHARS}]+)+)
  | (?P<number>[0-9]+(?:\.[0-9]*)?(?:[eE][+-]?[0-9]+)?|\.[0-9]+(?:[eE][+-]?[0-9]+)?)
  | (?P<word>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<other>.)
""", re.VERBOSE | re.DOTALL)
_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
TERMS = {"iri", "string", "variable", "langtag", "bnode", "pname", "number"}
OPENING, CLOSING = "{([", "})]"


class QueryTooComplex(ValueError):
    """A query past MAX_NESTING or MAX_OPERATORS: refused before it is parsed."""

    def __init__(self, detail: str, **limit):
        super().__init__(detail)
        self.limit = limit


def tokens(query: str):
    """(kind, text, offset) for every token but white space and comments."""
    for match in _TOKEN.finditer(query):
        if match.lastgroup not in ("space", "comment"):
            yield match.lastgroup, match.group(), match.start()


def unescape(query: str) -> str:
    """The query with its \\uXXXX and \\UXXXXXXXX escapes decoded, as SPARQL reads them
    before anything else (an escape that names no character is left as it is)."""
    def character(match: re.Match) -> str:
        code = int(match.group(1) or match.group(2), 16)
        return chr(code) if code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else match.group()

    return _ESCAPE.sub(character, query)


def position(query: str, offset: int) -> tuple[int, int]:
    """Line and column (from 1) of a character offset."""
    line = query.count("\n", 0, offset) + 1
    return line, offset - (query.rfind("\n", 0, offset) + 1) + 1


def check_bounds(query: str) -> None:
    """Raise QueryTooComplex for a query nested deeper than MAX_NESTING brackets or with more
    than MAX_OPERATORS keywords and operators."""
    depth = operators = 0
    for kind, text, offset in tokens(query):
        if kind in TERMS or text in ".,;":
            continue
        if text in CLOSING:
            depth = max(0, depth - 1)
            continue
        operators += 1
        if operators > MAX_OPERATORS:
            raise QueryTooComplex(f"the query has more than {MAX_OPERATORS} keywords and operators, "
                                  "more than this service parses; split it into smaller queries",
                                  max_operators=MAX_OPERATORS)
        if text in OPENING:
            depth += 1
            if depth > MAX_NESTING:
                line, column = position(query, offset)
                raise QueryTooComplex(f"the query nests more than {MAX_NESTING} brackets deep (at {line}:{column}), "
                                      "more than this service parses; flatten it", max_nesting=MAX_NESTING)
