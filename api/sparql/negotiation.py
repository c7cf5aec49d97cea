"""Content negotiation on `Accept` (RFC 9110 §12.5.1, q-values): which format a query's
answer is written in.

Formats are named by short names the query process understands; each has its media types,
the first being the one answered with. Order is preference when the client's q-values tie
(and for `*/*` or no `Accept`): SPARQL JSON for solutions, Turtle for graphs.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..errors import ApiError


@dataclass(frozen=True)
class Format:
    name: str                    # as the query process knows it
    media_types: tuple[str, ...]

    @property
    def content_type(self) -> str:
        media_type = self.media_types[0]
        return f"{media_type}; charset=utf-8" if media_type.startswith("text/") else media_type


SOLUTION_FORMATS = (  # SELECT and ASK
    Format("json", ("application/sparql-results+json", "application/json")),
    Format("xml", ("application/sparql-results+xml", "application/xml")),
    Format("csv", ("text/csv",)),
    Format("tsv", ("text/tab-separated-values",)),
)
GRAPH_FORMATS = (  # CONSTRUCT and DESCRIBE; N-Quads and TriG hold the triples in the default graph
    Format("turtle", ("text/turtle", "application/x-turtle")),
    Format("ntriples", ("application/n-triples", "text/plain")),
    Format("jsonld", ("application/ld+json",)),
    Format("rdfxml", ("application/rdf+xml", "application/xml", "text/xml")),
    Format("nquads", ("application/n-quads",)),
    Format("trig", ("application/trig",)),
)
FORMATS = {"solutions": SOLUTION_FORMATS, "graph": GRAPH_FORMATS}


def parse_accept(header: str | None) -> list[tuple[str, float]]:
    """(media range, q) pairs; a missing or empty header accepts anything."""
    ranges = []
    for part in (header or "*/*").split(","):
        fields = [f.strip() for f in part.split(";")]
        media_range = fields[0].lower()
        if not media_range:
            continue
        if "/" not in media_range:
            media_range = "*/*" if media_range == "*" else media_range + "/*"
        q = 1.0
        for param in fields[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = max(0.0, min(1.0, float(value.strip())))
                except ValueError:
                    q = 0.0
        ranges.append((media_range, q))
    return ranges or [("*/*", 1.0)]


def quality(media_type: str, ranges: list[tuple[str, float]]) -> tuple[int, float]:
    """How specifically the client names `media_type` (2 itself, 1 `type/*`, 0 `*/*`, -1 not
    at all) and the q of that most specific range."""
    kind, _, _ = media_type.partition("/")
    best, specificity = 0.0, -1
    for media_range, q in ranges:
        if media_range == media_type:
            level = 2
        elif media_range == f"{kind}/*":
            level = 1
        elif media_range == "*/*":
            level = 0
        else:
            continue
        if level > specificity:
            best, specificity = q, level
    return specificity, best


def choose(formats: tuple[Format, ...], accept: str | None) -> Format | None:
    """The format the client prefers most among `formats`, or None when it takes none of them."""
    ranges = parse_accept(accept)
    best, best_q = None, 0.0
    for fmt in formats:
        # the alias the client names most specifically decides (`application/sparql-results+json;q=0`
        # is not undone by `*/*` reaching `application/json`)
        _, q = max(quality(media_type, ranges) for media_type in fmt.media_types)
        if q > best_q:
            best, best_q = fmt, q
    return best


def not_acceptable(what: str, formats: tuple[Format, ...], accept: str | None) -> ApiError:
    available = [fmt.media_types[0] for fmt in formats]
    return ApiError(406, "Not Acceptable",
                    f"{what} can be answered as {', '.join(available)}; none of them is acceptable "
                    f"to Accept: {accept}", available=available)
