"""Which format a query's answer is written in: from `format=` (or `output=`) when the
client names one, else from `Accept` (RFC 9110 §12.5.1, q-values).

The formats are those the query process writes (worker.py names them); their media types,
aliases and extensions are pyoxigraph's, so that /sparql answers every media type Oxigraph
answers (`text/xml`, `application/xml`, `text/plain`, `application/json` …) without a table
of our own. Order is preference when the client's q-values tie (and for `*/*` or no
`Accept`): SPARQL JSON for solutions, Turtle for graphs.
"""
from __future__ import annotations

from ..errors import ApiError
from ..formats import Format
from .worker import GRAPH_FORMATS as GRAPH_SYNTAXES, SOLUTION_FORMATS as SOLUTION_SYNTAXES


SOLUTION_FORMATS = tuple(Format.of(name, syntax) for name, syntax in SOLUTION_SYNTAXES.items())  # SELECT, ASK
GRAPH_FORMATS = tuple(Format.of(name, syntax) for name, syntax in GRAPH_SYNTAXES.items())  # CONSTRUCT, DESCRIBE
FORMATS = {"solutions": SOLUTION_FORMATS, "graph": GRAPH_FORMATS}
FORMAT_PARAMETERS = ("format", "output")  # `output` as Fuseki and SPARQLWrapper send it


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
