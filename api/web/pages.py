"""The pages of dereferenced IRIs: a resource, the ontology, a named graph. Each reads the
REST API's own description of a resource (api.rest.resources.describe, from the views and
api/queries/*.rq), so a page shows exactly what the JSON says, quotes and pages included."""
from __future__ import annotations

from flask import current_app, render_template, url_for

from kg.iris import GRAPH, ID, MH, split_thing
from kg.views import curie

from ..formats import RDF_FORMATS
from ..graph_queries import rows
from ..rest.resources import describe
from ..service import service
from . import chart, ontology_terms
from .links import LIST_OF, href

LABEL, ALT_LABEL, TYPE = ("http://www.w3.org/2000/01/rdf-schema#label", "http://www.w3.org/2004/02/skos/core#altLabel",
                          "http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


def twins_of(path: str, rest: str | None = None) -> list[tuple[str, str]]:
    """The data twins of an IRI's page: its RDF by extension and, for a listed kind, its REST JSON."""
    twins = [(fmt.label, f"{href(path)}.{fmt.extension}") for fmt in RDF_FORMATS]
    if rest:
        twins += [("JSON (REST)", rest), ("JSON-LD (REST)", rest + "?format=jsonld")]
    return twins


def _bare_item(iri: str, kind: str, slug: str) -> dict:
    """What heads a page of a kind the REST lists do not hold (a passage, an evidence …)."""
    item = {"id": iri, "slug": slug, "kind": kind, "types": [], "label": None, "labelEn": None, "altLabels": [],
            "sources": [], "mentionedIn": []}
    for row in rows("types_and_labels", resource=iri):
        prop, value = row["property"].value, row["value"]
        if prop == TYPE:
            item["types"].append(curie(value.value))
        elif prop == ALT_LABEL:
            item["altLabels"].append(value.value)
        elif getattr(value, "language", None) == "en":
            item["labelEn"] = value.value
        elif item["label"] is None or getattr(value, "language", None) == "nl":
            item["label"] = value.value
    item["types"].sort()
    return item


def resource(iri: str) -> str:
    kind, slug = split_thing(iri)
    listed = LIST_OF.get(kind)
    item = service(current_app).views.item(listed, slug) if listed else None
    detail = describe(item or _bare_item(iri, kind, slug))
    rest = url_for(f"rest.{listed}_detail", slug=slug) if listed and item else None
    series = None
    if kind == "indicator":
        observations, _ = service(current_app).views.page("observations", {"indicator": [iri]}, 500, 0)
        series = chart.series(observations)
    return render_template("resource.html", item=detail, kind=kind, series=series,
                           twins=twins_of(iri, rest), reader=kind == "document")


def ontology() -> str:
    terms = ontology_terms.terms()
    return render_template("ontology.html", terms=terms, twins=twins_of(MH.rstrip("#")))


def graph(iri: str) -> str:
    subjects = [(row["subject"].value, int(row["triples"].value)) for row in rows("graph_subjects", graph=iri)]
    document_iri = f"{ID}document/{iri[len(GRAPH):]}"          # a document's graph is named by its slug
    refs = service(current_app).views.refs([s for s, _ in subjects] + [document_iri])
    document = refs.get(document_iri)
    return render_template("graph.html", iri=iri, subjects=subjects, refs=refs, document=document,
                           total=sum(n for _, n in subjects), twins=twins_of(iri))
