"""Which format a query's answer is written in: from `format=` (or `output=`) when the
client names one, else from `Accept` (RFC 9110 §12.5.1, q-values).

The formats are those the query process writes (worker.py names them); their media types,
aliases and extensions are pyoxigraph's, so that /sparql answers every media type Oxigraph
answers (`text/xml`, `application/xml`, `text/plain`, `application/json` …) without a table
of our own. Order is preference when the client's q-values tie (and for `*/*` or no
`Accept`): SPARQL JSON for solutions, Turtle for graphs.
"""
from __future__ import annotations

from dataclasses import dataclass

from pyoxigraph import QueryResultsFormat, RdfFormat

from ..errors import ApiError
from .worker import GRAPH_FORMATS as GRAPH_SYNTAXES, SOLUTION_FORMATS as SOLUTION_SYNTAXES


@dataclass(frozen=True)
class Format:
    name: str                                 # as the query process knows it
    syntax: QueryResultsFormat | RdfFormat

    @property
    def media_type(self) -> str:
        return self.syntax.media_type.split(";")[0]

    @property
    def content_type(self) -> str:
        return f"{self.media_type}; charset=utf-8" if self.media_type.startswith("text/") else self.media_type

    def answers(self, media_type: str) -> bool:
        """Whether pyoxigraph reads `media_type` (or one of its aliases) as this format."""
        return type(self.syntax).from_media_type(media_type) == self.syntax

    def named(self, value: str) -> bool:
        """Whether a `format=` value names this format: our name, pyoxigraph's name, file
        extension or media type, or a bare media subtype (`rdf+xml`, `n-triples`)."""
        value = value.strip().lower()
        kind = type(self.syntax)
        return (value in (self.name, self.syntax.name.lower()) or kind.from_extension(value) == self.syntax
                or self.answers(value if "/" in value else "application/" + value))

    @property
    def values(self) -> list[str]:
        """The short `format=` values for it, as the 400 lists them."""
        return list(dict.fromkeys((self.name, self.syntax.file_extension)))


SOLUTION_FORMATS = tuple(Format(name, syntax) for name, syntax in SOLUTION_SYNTAXES.items())  # SELECT, ASK
GRAPH_FORMATS = tuple(Format(name, syntax) for name, syntax in GRAPH_SYNTAXES.items())  # CONSTRUCT, DESCRIBE
FORMATS = {"solutions": SOLUTION_FORMATS, "graph": GRAPH_FORMATS}
FORMAT_PARAMETERS = ("format", "output")  # `output` as Fuseki and SPARQLWrapper send it


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


def quality(fmt: Format, ranges: list[tuple[str, float]]) -> float:
    """The q the client gives `fmt` by its most specific range naming it: a media type pyoxigraph
    reads as `fmt` (the highest q among such aliases), else `type/*` of its media type, else `*/*`.
    `application/sparql-results+json;q=0` is thus not undone by `*/*` reaching it."""
    kind = fmt.media_type.partition("/")[0]
    best = (-1, 0.0)
    for media_range, q in ranges:
        if "*" not in media_range:
            level = 2 if fmt.answers(media_range) else -1
        else:
            level = 1 if media_range == f"{kind}/*" else 0 if media_range == "*/*" else -1
        best = max(best, (level, q))
    return best[1] if best[0] >= 0 else 0.0


def choose(formats: tuple[Format, ...], accept: str | None) -> Format | None:
    """The format the client prefers most among `formats`, or None when it takes none of them."""
    ranges = parse_accept(accept)
    best, best_q = None, 0.0
    for fmt in formats:
        q = quality(fmt, ranges)
        if q > best_q:
            best, best_q = fmt, q
    return best


def requested(values: list[str], formats: tuple[Format, ...]) -> Format | None:
    """The first of the `format=` values naming one of `formats`, or None. Clients such as
    SPARQLWrapper send a name and a media type, or media types joined by commas as in `Accept`."""
    alternatives = [part for value in values for part in value.split(",") if part.strip()]
    return next((fmt for value in alternatives for fmt in formats if fmt.named(value)), None)


def check_requested(values: list[str]) -> None:
    """ApiError 400 for a `format=` value that names no format this endpoint writes."""
    every = tuple(fmt for options in FORMATS.values() for fmt in options)
    unknown = [value for value in values if requested([value], every) is None]
    if unknown:
        accepted = {kind: [v for fmt in options for v in fmt.values] for kind, options in FORMATS.items()}
        raise ApiError(400, "Unknown format",
                       f"format={unknown[0]} names no format this endpoint writes; results (SELECT, ASK) are "
                       f"{', '.join(accepted['solutions'])}, graphs (CONSTRUCT, DESCRIBE) "
                       f"{', '.join(accepted['graph'])}, or give a media type such as text/csv",
                       accepted=accepted)


def not_acceptable(what: str, formats: tuple[Format, ...], accept: str | None,
                   values: list[str] | None = None) -> ApiError:
    available = [fmt.media_type for fmt in formats]
    asked = f"format={', '.join(values)}" if values else f"Accept: {accept}"
    return ApiError(406, "Not Acceptable",
                    f"{what} can be answered as {', '.join(available)} "
                    f"(format={', '.join(v for fmt in formats for v in fmt.values)}); {asked} asks for none of them",
                    available=available)
