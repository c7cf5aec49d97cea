"""Reading a SPARQL 1.1 Protocol request (https://www.w3.org/TR/sparql11-protocol/):
the query, from GET `query=`, a form-encoded POST or an `application/sparql-query` POST,
the protocol's dataset (`default-graph-uri`, `named-graph-uri`) and the format a client
names outside the protocol (`format=` or `output=`, as pandas users, Fuseki and SPARQLWrapper
send it; empty values, which SPARQLWrapper sends, are left out).

What is not a query is refused here with a status that says why: updates (this endpoint is
read-only), an unknown body type (415), a second `query` (400), a body that is not UTF-8,
and a query longer than `max_query_bytes` (413).
"""
from __future__ import annotations

from dataclasses import dataclass

from flask import Request
from pyoxigraph import NamedNode

from ..errors import ApiError
from .guard import read_only
from .negotiation import FORMAT_PARAMETERS

FORM = "application/x-www-form-urlencoded"
QUERY = "application/sparql-query"
UPDATE = "application/sparql-update"


@dataclass(frozen=True)
class SparqlRequest:
    query: str | None                 # None: no query (a GET for the service description)
    default_graphs: tuple[str, ...]
    named_graphs: tuple[str, ...]
    formats: tuple[str, ...] = ()     # format= / output= values, in the order sent

    @property
    def names_dataset(self) -> bool:
        return bool(self.default_graphs or self.named_graphs)


def read(request: Request, max_query_bytes: int) -> SparqlRequest:
    # a form-encoded query may be three times its length; the dataset parameters come on top
    request.max_content_length = 3 * max_query_bytes + 65536
    if request.method == "POST":
        params, query = _post(request)
    else:
        params = request.args
        query = _single(params.getlist("query"))
        if "update" in params:
            raise read_only("an update was sent (update=, and with GET, which the protocol never allows)")
    if query is not None and len(query.encode("utf-8")) > max_query_bytes:
        raise ApiError(413, "Query too long",
                       f"the query is {len(query.encode('utf-8'))} bytes; this endpoint takes at most "
                       f"{max_query_bytes}", max_query_bytes=max_query_bytes)
    formats = tuple(value for name in FORMAT_PARAMETERS for value in params.getlist(name) if value.strip())
    return SparqlRequest(query, _iris(params, "default-graph-uri"), _iris(params, "named-graph-uri"), formats)


def _iris(params, name: str) -> tuple[str, ...]:
    """The values of a dataset parameter, each an absolute IRI (else 400 naming it)."""
    values = tuple(params.getlist(name))
    for value in values:
        try:
            NamedNode(value)
        except ValueError:
            raise ApiError(400, "Bad Request", f"{name} must be an absolute IRI, not {value[:200]!r}",
                           parameter=name) from None
    return values


def _post(request: Request):
    media_type = request.mimetype
    charset = request.mimetype_params.get("charset", "utf-8").lower()
    if media_type == UPDATE:
        raise read_only(f"an update was sent ({UPDATE})")
    if media_type == FORM:
        if "update" in request.form:
            raise read_only("an update was sent (update=)")
        # the dataset may come in the body or in the URL (the W3C tests use both)
        params = request.values
        return params, _single(request.form.getlist("query"), missing="a form-encoded POST needs a query= field")
    if media_type == QUERY:
        if charset not in ("utf-8", "utf8"):
            raise ApiError(415, "Unsupported Media Type",
                           f"a query is read as UTF-8, not {charset}", accepted=[f"{QUERY}; charset=utf-8"])
        try:
            query = request.get_data(cache=False).decode("utf-8")
        except UnicodeDecodeError as err:
            raise ApiError(400, "Bad Request", f"the query is not valid UTF-8 ({err})") from None
        return request.args, query
    raise ApiError(415, "Unsupported Media Type",
                   f"a POST to /sparql is {FORM} (query=…) or {QUERY} (the query as the body), "
                   f"not {media_type or 'a body without Content-Type'}", accepted=[FORM, QUERY])


def _single(values: list[str], missing: str | None = None) -> str | None:
    if len(values) > 1:
        raise ApiError(400, "Bad Request", f"one query per request: {len(values)} query parameters were sent")
    if not values:
        if missing:
            raise ApiError(400, "Bad Request", missing)
        return None
    return values[0]
