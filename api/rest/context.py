"""`GET /api/context.jsonld`: the JSON-LD context that makes every JSON answer RDF.

The REST JSON is plain JSON; with `Accept: application/ld+json` the same document carries
`"@context"` pointing here, and a JSON-LD processor reads items as resources of the graph
(`id` → `@id`, `types` → `@type`, `label` → `rdfs:label`, a page's `items` → `hydra:member`).
"""
from flask import jsonify

from kg.iris import PREFIXES

from ..openapi import documented
from . import blueprint

CONTEXT = {
    "@version": 1.1,
    **{prefix: namespace for prefix, namespace in PREFIXES.items()},
    "hydra": "http://www.w3.org/ns/hydra/core#",
    "id": "@id",
    "types": "@type",
    "label": {"@id": "rdfs:label", "@language": "nl"},
    "labelEn": {"@id": "rdfs:label", "@language": "en"},
    "altLabels": {"@id": "skos:altLabel", "@language": "nl", "@container": "@set"},
    "items": {"@id": "hydra:member", "@container": "@list"},
    "total": "hydra:totalItems",
    "next": {"@id": "hydra:next", "@type": "@id"},
    "report": {"@id": "mh:inReport"},
    "addressee": {"@id": "mh:addressedTo"},
    "status": {"@id": "mh:status"},
    "recommendation": {"@id": "mh:respondsTo"},
    "respondent": {"@id": "mh:respondent"},
    "indicator": {"@id": "mh:measures"},
    "about": {"@id": "mh:about"},
    "document": {"@id": "mh:inDocument"},
    "issuedBy": {"@id": "mh:issuedBy"},
    "value": {"@id": "mh:value", "@type": "xsd:decimal"},
    "year": {"@id": "mh:year", "@type": "xsd:gYear"},
    "number": {"@id": "mh:number"},
    "quote": {"@id": "mh:quote", "@language": "nl"},
    "page": {"@id": "mh:page", "@type": "xsd:integer"},
    "snippet": {"@id": "mh:snippet"},
}


@blueprint.get("/context.jsonld")
@documented("The JSON-LD context of every answer given as application/ld+json",
            responses={"200": {"description": "a JSON-LD context",
                               "content": {"application/ld+json": {"schema": {"type": "object"}}}}},
            tags=("json-ld",))
def jsonld_context():
    response = jsonify({"@context": CONTEXT})
    response.mimetype = "application/ld+json"
    return response
