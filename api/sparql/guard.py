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

from dataclasses import dataclass

from kg.sparql_text import QueryTooComplex, check_bounds, position, tokens, unescape

from ..errors import ApiError

QUERY_FORMS = {"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"}
UPDATE_FORMS = {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}


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


def inspect(query: str) -> QueryInfo:
    """The query's form and dataset; ApiError 400 for an update, a `SERVICE` or a query
    past the parser's bounds."""
    try:
        check_bounds(query)
    except QueryTooComplex as err:
        raise ApiError(400, "Query too complex", str(err), **err.limit) from None
    refuse_service(query)
    found = list(tokens(query))
    words = [(text.upper(), offset) for kind, text, offset in found if kind == "word"]
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


def refuse_service(query: str) -> None:
    """ApiError 400 if `SERVICE` could be a keyword to any reading of the query.

    Read more strictly than the grammar: the letters S-E-R-V-I-C-E in any case anywhere
    outside a string, an IRI, a comment, a variable, a blank node, a language tag or the local
    part of a prefixed name refuse the query, in the query as written and with its escapes
    decoded. So `1e0SERVICE` and `trueSERVICE` (a literal, then the keyword, to Oxigraph),
    `SERVICE:x` (the keyword, then a name with the empty prefix) and `\\u0053ERVICE` are
    refused, while `?service`, `ex:service` and "SERVICE" in a string are not.
    """
    for text in dict.fromkeys((query, unescape(query))):
        for kind, token, offset in tokens(text):
            keyword_part = token.split(":", 1)[0] if kind == "pname" else token
            if kind in ("word", "pname", "dotted", "unclosed") and "SERVICE" in keyword_part.upper():
                line, column = position(text, offset)
                raise ApiError(400, "SERVICE not allowed",
                               f"federated queries (SERVICE, at {line}:{column}) are not run by this endpoint: "
                               "it does not send requests to other servers", line=line, column=column)


def read_only(what: str) -> ApiError:
    return ApiError(400, "Updates not allowed",
                    f"{what}; this endpoint is read-only and answers SPARQL queries only "
                    "(SELECT, ASK, CONSTRUCT, DESCRIBE)")
