"""The one table of formats the service writes, and how a request chooses among them.

RDF and SPARQL result formats are pyoxigraph's own objects (media type, file extension and
aliases come from them, never from a list of ours); HTML, plain JSON and CSV are added
beside them. Pages, dereferenced IRIs and the canned queries all negotiate here: `?format=`
or a file extension first (a link names one representation), then `Accept` with q-values.
"""
from __future__ import annotations

from dataclasses import dataclass

from pyoxigraph import QueryResultsFormat, RdfFormat

from .errors import ApiError
from .sparql.negotiation import parse_accept, quality as _quality  # Format has the same face


@dataclass(frozen=True)
class Format:
    name: str                                   # the `format=` value
    media_type: str
    extension: str
    rdf: RdfFormat | None = None                # how pyoxigraph writes it, for graphs
    results: QueryResultsFormat | None = None   # how pyoxigraph writes it, for SELECT answers
    aliases: tuple[str, ...] = ()
    label: str = ""

    @property
    def content_type(self) -> str:
        return f"{self.media_type}; charset=utf-8" if self.media_type.startswith("text/") else self.media_type

    @property
    def tag(self) -> str:
        """What tells this representation apart in an ETag (the media subtype, as REST has it)."""
        return self.media_type.split("/")[-1]

    def answers(self, media_type: str) -> bool:
        """Whether an Accept media type (no wildcard) names this format, aliases included."""
        if media_type == self.media_type or media_type in self.aliases:
            return True
        for syntax in (self.rdf, self.results):
            if syntax is not None and type(syntax).from_media_type(media_type) == syntax:
                return True
        return False


def _rdf(name: str, syntax: RdfFormat) -> Format:
    return Format(name, syntax.media_type, syntax.file_extension, rdf=syntax, label=syntax.name)


def _results(name: str, syntax: QueryResultsFormat) -> Format:
    return Format(name, syntax.media_type.split(";")[0], syntax.file_extension, results=syntax, label=syntax.name)


HTML = Format("html", "text/html", "html", aliases=("application/xhtml+xml",), label="HTML")
JSON = Format("json", "application/json", "json", aliases=("text/json",), label="JSON")
CSV = Format("csv", "text/csv", "csv", results=QueryResultsFormat.CSV, label="CSV")
TURTLE = _rdf("turtle", RdfFormat.TURTLE)
NTRIPLES = _rdf("ntriples", RdfFormat.N_TRIPLES)
JSONLD = _rdf("jsonld", RdfFormat.JSON_LD)
RDFXML = _rdf("rdfxml", RdfFormat.RDF_XML)
SPARQL_JSON = _results("srj", QueryResultsFormat.JSON)
TSV = _results("tsv", QueryResultsFormat.TSV)

REGISTRY = (HTML, JSON, CSV, TURTLE, NTRIPLES, JSONLD, RDFXML, SPARQL_JSON, TSV)
#: What an RDF description is offered as; the first is what a client without preference gets.
RDF_FORMATS = (TURTLE, NTRIPLES, JSONLD, RDFXML)


def by_extension(extension: str) -> Format | None:
    return next((fmt for fmt in REGISTRY if fmt.extension == extension.lower()), None)


def by_name(value: str) -> Format | None:
    """A `format=` value: a name, an extension or a media type."""
    value = value.strip().lower()
    return next((fmt for fmt in REGISTRY if value in (fmt.name, fmt.extension) or fmt.answers(value)), None)


def negotiate(offers: tuple[Format, ...], accept: str | None, named: str | None = None,
              parameter: str | None = None) -> Format:
    """The format to answer in: the one `named` when given (a file extension, or the value of
    the query parameter `parameter`), else the client's most preferred by `Accept` (ties: the
    order of `offers`). A name no offer has is a 400 naming the parameter, or a 404 for an
    extension (no such representation); 406 when Accept takes none of the offers."""
    if named:
        fmt = by_name(named)
        if fmt is None or fmt not in offers:
            names = ", ".join(f.name if parameter else f.extension for f in offers)
            if parameter:
                raise ApiError(400, "Bad Request", f"parameter '{parameter}': {named!r} is not one of {names}",
                               invalid_params=[{"name": parameter, "reason": f"one of {names}"}])
            raise ApiError(404, "Not Found", f"no representation as {named!r}; there are {names}",
                           available=[f.media_type for f in offers])
        return fmt
    ranges = parse_accept(accept)
    best, best_q = None, 0.0
    for fmt in offers:
        q = _quality(fmt, ranges)
        if q > best_q:
            best, best_q = fmt, q
    if best is None:
        raise ApiError(406, "Not Acceptable", f"cannot answer with {accept!r}; available: "
                       f"{', '.join(f.media_type for f in offers)}", available=[f.media_type for f in offers])
    return best


def prefers_html(accept: str | None) -> bool:
    """Whether a client asks for a page (a browser) rather than data, for error answers."""
    ranges = parse_accept(accept)
    return _quality(HTML, ranges) > max(_quality(JSON, ranges), 0.0) and any(r[0] != "*/*" for r in ranges)
