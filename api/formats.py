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

    @property
    def syntax(self) -> RdfFormat | QueryResultsFormat | None:
        """pyoxigraph's format object, where it writes this format."""
        return self.rdf or self.results

    def named(self, value: str) -> bool:
        """Whether a `format=` value names this format: our name, pyoxigraph's name, file
        extension or media type, or a bare media subtype (`rdf+xml`, `n-triples`)."""
        value = value.strip().lower()
        if value in (self.name, self.extension) or self.answers(value):
            return True
        syntax = self.syntax
        return syntax is not None and (value == syntax.name.lower() or type(syntax).from_extension(value) == syntax
                                       or self.answers("application/" + value))

    @property
    def values(self) -> list[str]:
        """The short `format=` values for it, as a 400 lists them."""
        return list(dict.fromkeys((self.name, self.extension)))

    @classmethod
    def of(cls, name: str, syntax: RdfFormat | QueryResultsFormat) -> "Format":
        """The format pyoxigraph writes as `syntax`, under our `name`."""
        kind = {"rdf": syntax} if isinstance(syntax, RdfFormat) else {"results": syntax}
        return cls(name, syntax.media_type.split(";")[0], syntax.file_extension, label=syntax.name, **kind)


HTML = Format("html", "text/html", "html", aliases=("application/xhtml+xml",), label="HTML")
JSON = Format("json", "application/json", "json", aliases=("text/json",), label="JSON")
CSV = Format("csv", "text/csv", "csv", results=QueryResultsFormat.CSV, label="CSV")
TURTLE = Format.of("turtle", RdfFormat.TURTLE)
NTRIPLES = Format.of("ntriples", RdfFormat.N_TRIPLES)
JSONLD = Format.of("jsonld", RdfFormat.JSON_LD)
RDFXML = Format.of("rdfxml", RdfFormat.RDF_XML)
SPARQL_JSON = Format.of("srj", QueryResultsFormat.JSON)
TSV = Format.of("tsv", QueryResultsFormat.TSV)

REGISTRY = (HTML, JSON, CSV, TURTLE, NTRIPLES, JSONLD, RDFXML, SPARQL_JSON, TSV)
#: What an RDF description is offered as; the first is what a client without preference gets.
RDF_FORMATS = (TURTLE, NTRIPLES, JSONLD, RDFXML)


def by_extension(extension: str) -> Format | None:
    return next((fmt for fmt in REGISTRY if fmt.extension == extension.lower()), None)


def by_name(value: str) -> Format | None:
    """A `format=` value: a name, an extension or a media type."""
    value = value.strip().lower()
    return next((fmt for fmt in REGISTRY if value in (fmt.name, fmt.extension) or fmt.answers(value)), None)


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


def preferred(offers: tuple[Format, ...], accept: str | None) -> Format | None:
    """The offer the client prefers most by `Accept` (ties: the order of `offers`), or None
    when it takes none of them."""
    ranges = parse_accept(accept)
    best, best_q = None, 0.0
    for fmt in offers:
        q = quality(fmt, ranges)
        if q > best_q:
            best, best_q = fmt, q
    return best


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
    best = preferred(offers, accept)
    if best is None:
        raise ApiError(406, "Not Acceptable", f"cannot answer with {accept!r}; available: "
                       f"{', '.join(f.media_type for f in offers)}", available=[f.media_type for f in offers])
    return best


def prefers_html(accept: str | None) -> bool:
    """Whether a client asks for a page (a browser) rather than data, for error answers."""
    ranges = parse_accept(accept)
    return quality(HTML, ranges) > max(quality(JSON, ranges), 0.0) and any(r[0] != "*/*" for r in ranges)
