"""The pages of dereferenced IRIs: a resource, the ontology, a named graph. Each reads the
REST API's own description of a resource (api.rest.description, from the views and
api/queries/*.rq), so a page shows exactly what the JSON says, quotes and pages included."""
from __future__ import annotations

import re
from urllib.parse import urlencode

from flask import current_app, render_template, request, url_for

from kg.iris import GRAPH, ID, MH, split_thing
from kg.views import curie

from ..formats import RDF_FORMATS
from ..graph_queries import rows
from ..rest.description import describe_resource
from ..service import service
from . import chart, ontology_terms
from .links import LIST_OF, href

ALT_LABEL, TYPE = "http://www.w3.org/2004/02/skos/core#altLabel", "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


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
    views = service(current_app).views
    item = views.item(listed, slug) if listed else None
    # a listed indicator's figures are its chart and table, read from the views: not described again;
    # its mentions are read a page at a time (an actor a dossier names is named thousands of times)
    detail = describe_resource(item or _bare_item(iri, kind, slug), figures=not (kind == "indicator" and item),
                               mentions=None)
    rest = url_for(f"rest.{listed}_detail", slug=slug) if listed and item else None
    series = figures = None
    if kind == "indicator":
        series = chart.series(_observations(iri))
        points = series["points"] if series else []
        figures = _paged(len(points), lambda offset, size: points[offset:offset + size], "figures_offset", FIGURES)
    named_in = views.named_in(iri)
    refs = views.refs(document for document, _ in named_in) if len(named_in) <= NAMED_IN_LISTED else {}
    mentions = _paged(sum(n for _, n in named_in), lambda offset, size: views.mention_page(iri, size, offset)[0],
                      "mentions_offset", MENTIONS)
    return render_template("resource.html", item=detail, kind=kind, series=series, figures=figures,
                           mentions=mentions, named_in=[(refs.get(d) or {"id": d, "label": None}, n) for d, n in named_in],
                           named_in_listed=NAMED_IN_LISTED,
                           every_mention=url_for(f"rest.{listed}_mentions", slug=slug) if rest else None,
                           twins=twins_of(iri, rest), reader=kind == "document")


#: How many mentions, and how many rows of an indicator's figures, a resource page shows at a time;
#: up to how many documents naming it it lists by name.
MENTIONS, FIGURES, NAMED_IN_LISTED = 50, 50, 50


#: A page's counting arguments as they are read: ASCII digits, at most nine.
_COUNT = re.compile(r"[0-9]{1,9}")


def count_argument(name: str, default: int) -> int:
    """A whole-number query argument of a page (an offset, a size), `default` where it is none:
    not "²", which str.isdigit accepts and int refuses, nor thousands of digits, which int
    refuses past 4,300 (each was a 500)."""
    text = request.args.get(name, "")
    return int(text) if _COUNT.fullmatch(text) else default


def _paged(total: int, fetch, parameter: str, size: int) -> dict:
    """One page of `total` entries, `fetch(offset, size)`, from the offset `?<what>_offset=` asks
    for and at most `size` long (or the fewer `?<what>_limit=` asks for), with the links to the
    pages before and after it (the other query arguments kept)."""
    offset = min(count_argument(parameter, 0), max(total - 1, 0))
    size = min(count_argument(parameter.replace("_offset", "_limit"), size), size) or size
    def link(to: int) -> str:
        return "?" + urlencode({**request.args, parameter: to}) + "#" + parameter.removesuffix("_offset")
    return {"entries": fetch(offset, size), "offset": offset, "total": total, "size": size,
            "previous": link(max(offset - size, 0)) if offset > 0 else None,
            "next": link(offset + size) if offset + size < total else None}


def _observations(iri: str) -> list[dict]:
    """Every observation of an indicator, from the views (as GET /api/observations?indicator= pages them)."""
    views, found, total = service(current_app).views, [], None
    while total is None or len(found) < total:
        batch, total = views.page("observations", {"indicator": [iri]}, 1000, len(found))
        if not batch:
            break
        found += batch
    return found


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
