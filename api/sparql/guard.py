"""What a public endpoint refuses before the store sees a query: updates and `SERVICE`.

The query is tokenised with the terminals of the SPARQL 1.1 grammar (IRIs, strings, comments,
prefixed names, variables, language tags) so that a `SERVICE` inside a string, an IRI, a
comment or a name (`ex:service`, `?service`) is text, while the keyword itself is found in any
case and with any spacing. pyoxigraph would otherwise execute it: an HTTP request from the
server to any address the query names (server-side request forgery).

Tokenising also tells the query form (SELECT, ASK, CONSTRUCT, DESCRIBE, or an update) ahead of
execution, for content negotiation, and whether the query names its own dataset (FROM).
Anything the tokeniser cannot read is left to the parser in the query process, which answers
with its own message and position.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import ApiError

QUERY_FORMS = {"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"}
UPDATE_FORMS = {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}

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
  | (?P<variable>[?$][{_PN_CHARS}]+)
  | (?P<langtag>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
  | (?P<bnode>_:[{_PN_CHARS}](?:[{_PN_CHARS}.]*[{_PN_CHARS}])?)
  | (?P<pname>(?:[{_PN_CHARS_BASE}](?:[{_PN_CHARS}.]*[{_PN_CHARS}])?)?:
               (?:(?:[{_PN_CHARS}:]|{_LOCAL_ESCAPE})(?:(?:[{_PN_CHARS}.:]|{_LOCAL_ESCAPE})*(?:[{_PN_CHARS}:]|{_LOCAL_ESCAPE}))?)?)
  | (?P<word>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<other>.)
""", re.VERBOSE | re.DOTALL)


@dataclass(frozen=True)
class QueryInfo:
    form: str | None       # SELECT, ASK, CONSTRUCT, DESCRIBE; None when the tokeniser cannot tell
    names_dataset: bool    # FROM / FROM NAMED in the query itself
    prefixes: dict         # the prologue's PREFIX declarations, for writing Turtle back

    @property
    def kind(self) -> str | None:
        """"solutions" (SELECT, ASK) or "graph" (CONSTRUCT, DESCRIBE)."""
        if self.form is None:
            return None
        return "graph" if self.form in ("CONSTRUCT", "DESCRIBE") else "solutions"


def tokens(query: str):
    """(kind, text, offset) for every token but white space and comments."""
    for match in _TOKEN.finditer(query):
        if match.lastgroup not in ("space", "comment"):
            yield match.lastgroup, match.group(), match.start()


def position(query: str, offset: int) -> tuple[int, int]:
    line = query.count("\n", 0, offset) + 1
    return line, offset - (query.rfind("\n", 0, offset) + 1) + 1


def inspect(query: str) -> QueryInfo:
    """The query's form and dataset; ApiError 400 for an update or a `SERVICE`."""
    found = list(tokens(query))
    words = [(text.upper(), offset) for kind, text, offset in found if kind == "word"]
    for word, offset in words:
        if word == "SERVICE":
            line, column = position(query, offset)
            raise ApiError(400, "SERVICE not allowed",
                           f"federated queries (SERVICE, at {line}:{column}) are not run by this endpoint: "
                           "it does not send requests to other servers", line=line, column=column)
    form = None
    for word, offset in words:  # the first keyword after the prologue (BASE, PREFIX) says the form
        if word in ("BASE", "PREFIX"):
            continue
        if word in UPDATE_FORMS:
            raise read_only(f"the request is a SPARQL update ({word})")
        form = word if word in QUERY_FORMS else None
        break
    prefixes = {}
    for (kind, text, _), (_, name, _), (_, iri, _) in zip(found, found[1:], found[2:]):
        if kind == "word" and text.upper() == "PREFIX" and name.endswith(":") and iri.startswith("<"):
            prefixes[name[:-1]] = iri[1:-1]
    return QueryInfo(form, any(word == "FROM" for word, _ in words), prefixes)


def read_only(what: str) -> ApiError:
    return ApiError(400, "Updates not allowed",
                    f"{what}; this endpoint is read-only and answers SPARQL queries only "
                    "(SELECT, ASK, CONSTRUCT, DESCRIBE)")
