"""Dereferenceable IRIs: every IRI the graph mints (`/id/<kind>/<slug>`, `/def` and its
version IRI, `/graph/<name>`) answers on the service, as a page for a browser and as
Turtle, N-Triples, JSON-LD or RDF/XML by `Accept` or by extension (`.ttl`, `.nt`,
`.jsonld`, `.rdf`, `.html`), each naming the others in `Link` headers. The RDF is the
resource's description from the graph (api/queries/describe_*.rq); an IRI the graph does
not hold is a 404, an HTML page for a browser and a problem document for anyone else.
"""
from __future__ import annotations

from flask import Blueprint, current_app, request

from kg.iris import GRAPH, ID, KINDS, MH, ONTOLOGY_GRAPH, is_slug

from .answer import answer
from .formats import HTML, RDF_FORMATS, by_extension
from .graph_queries import rows, serialise
from .service import service
from .web import pages
from .web.missing import not_found

blueprint = Blueprint("deref", __name__)
ONTOLOGY = MH.rstrip("#")
#: Turtle first: a client that states no preference (curl, a script) gets data; a browser
#: asks for text/html by name.
OFFERS = (RDF_FORMATS[0], HTML, *RDF_FORMATS[1:])


def _split(name: str) -> tuple[str, str | None]:
    """`comensha.ttl` → ('comensha', 'ttl'), `1.1.ttl` → ('1.1', 'ttl'); a name without an
    extension (`comensha`, the version `1.1`) → (name, None)."""
    stem, dot, extension = name.rpartition(".")
    return (stem, extension) if dot and not extension.isdigit() else (name, None)


def _alternates(path: str) -> dict:
    return {fmt: f"{request.script_root}{path}.{fmt.extension}" for fmt in OFFERS}


def _negotiated(path: str, extension: str | None, triples, page):
    """Answer for one IRI: its page (`page()`) or its triples (`triples()`)."""
    if extension is not None and by_extension(extension) not in OFFERS:
        return not_found(f"representation {path}.{extension}")
    return answer(OFFERS, lambda fmt: page() if fmt == HTML else serialise(triples(), fmt),
                  named=extension, alternates=_alternates(path))


@blueprint.get("/id/<kind>/<name>")
def thing(kind: str, name: str):
    slug, extension = _split(name)
    iri = f"{ID}{kind}/{slug}"
    if kind not in KINDS or not is_slug(slug):
        return not_found(f"resource {iri}")
    known = service(current_app).views.refs([iri])
    if not known and not _triples_of(iri):
        return not_found(f"resource {iri}")
    return _negotiated(f"/id/{kind}/{slug}", extension, lambda: _triples_of(iri), lambda: pages.resource(iri))


def _triples_of(iri: str) -> list:
    return rows("describe_resource", resource=iri)


@blueprint.get("/def")
@blueprint.get("/def.<extension>")
def ontology(extension: str | None = None):
    return _negotiated("/def", extension, lambda: rows("describe_graph", graph=ONTOLOGY_GRAPH), pages.ontology)


@blueprint.get("/def/<name>")
def ontology_version(name: str):
    version, extension = _split(name)
    held = {row["version"].value for row in rows("ontology_version")}
    if f"{ONTOLOGY}/{version}" not in held:
        return not_found(f"ontology version {ONTOLOGY}/{version} (this service serves {', '.join(sorted(held))})")
    return _negotiated(f"/def/{version}", extension, lambda: rows("describe_graph", graph=ONTOLOGY_GRAPH),
                       pages.ontology)


@blueprint.get("/graph/<name>")
def named_graph(name: str):
    slug, extension = _split(name)
    iri = GRAPH + slug
    if not is_slug(slug) or iri not in {g.value for g in service(current_app).store.named_graphs()}:
        return not_found(f"named graph {iri}")
    return _negotiated(f"/graph/{slug}", extension, lambda: rows("describe_graph", graph=iri),
                       lambda: pages.graph(iri))
