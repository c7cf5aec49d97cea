"""`GET /api/context.jsonld`: the JSON-LD context that makes every JSON answer RDF.

The REST JSON is plain JSON; with `Accept: application/ld+json` the same document carries
`"@context"` pointing here. Every key an answer uses is mapped, so that a JSON-LD processor
drops nothing by accident, and mapped only to what the graph itself holds (tests/test_jsonld.py
expands every kind of answer with pyld and finds each triple in the graph):

* a resource is a node (`id` → `@id`, `types` → `@type`), its fields the properties they come
  from; a key meaning two things is fixed by the node's type (a document's `addressee` is
  `mh:addressee`, a recommendation's is `mh:addressedTo`);
* `sources` and the `quotes` of relations are `mh:Evidence` nodes of their own (`@included`),
  linked to the fact they state (`fact`, the reverse of `mh:evidence`), each with its document
  (`prov:entity`), quote, page, passage and offsets;
* `statements` are the `mh:Statement` nodes, `mentions` the `mh:Mention` nodes, `mentionedIn`
  the documents and passages themselves;
* keys that describe the answer rather than the graph are mapped to null, on purpose: `slug`
  and `kind` (parts of the IRI), a search hit's `matched`, `matchedWords` and `snippet`, `limit`, `offset`,
  how many `mentions` a document makes and how many documents and mentions there are in all
  (`mentionedInTotal`, `mentionsTotal`: an answer carries the first of them), the `graph` of a
  relation; so are a relation's
  `property` and its other end (`value`, `resource`), which JSON-LD cannot turn into a triple
  whose predicate is data (the relation is in the graph; its `quotes` are kept); and a
  recommendation's `status`, which is its response's (`mh:status` of the `mh:Response` that
  `mh:respondsTo` it), not its own; and a reporting duty's `hasDuty`, which its type says
  (`mh:ReportingDuty` or `mh:NoReportingDuty`; `mh:hasDuty` is deprecated and not stated);
* a page's `items` are `hydra:member`s, with `hydra:totalItems` and `hydra:next`: the answer's
  own description, on the page node; in a page of one resource's mentions each is typed
  `mh:Mention`, whose `document` is the one it is derived from.
"""
from flask import jsonify

from kg.iris import PREFIXES

from ..openapi import documented
from . import blueprint

REFERENCE = {"@type": "@id"}


def _reference(curie: str) -> dict:
    return {"@id": curie, **REFERENCE}


#: A literal shown as {value, language} or {value, datatype} (a relation's value, a statement's object).
LITERAL = {"value": "@value", "language": "@language", "datatype": "@type"}

#: The fields of an item (kg/queries/view_resource_fields.rq) and the property each comes from.
FIELDS = {
    "report": _reference("mh:inReport"), "addressee": _reference("mh:addressedTo"),
    "recommendedBy": _reference("mh:recommendedBy"), "number": {"@id": "mh:number"},
    "reportPage": {"@id": "mh:reportPage", "@type": "xsd:integer"}, "concerns": _reference("mh:concerns"),
    "recommendation": _reference("mh:respondsTo"), "status": _reference("mh:status"),
    "respondent": _reference("mh:respondent"), "document": _reference("mh:inDocument"),
    "indicator": _reference("mh:measures"), "about": _reference("mh:about"),
    "value": {"@id": "mh:value", "@type": "xsd:decimal"}, "minValue": {"@id": "mh:minValue", "@type": "xsd:decimal"},
    "maxValue": {"@id": "mh:maxValue", "@type": "xsd:decimal"}, "qualifier": {"@id": "mh:qualifier", "@language": "nl"},
    "unit": _reference("mh:unit"), "year": {"@id": "mh:year", "@type": "xsd:gYear"},
    "periodStart": {"@id": "mh:periodStart", "@type": "xsd:date"},
    "periodEnd": {"@id": "mh:periodEnd", "@type": "xsd:date"}, "reportedBy": _reference("mh:reportedBy"),
    "observationKind": _reference("mh:observationKind"), "issuedBy": _reference("mh:issuedBy"),
    "coversPeriodStart": {"@id": "mh:coversPeriodStart", "@type": "xsd:gYear"},
    "coversPeriodEnd": {"@id": "mh:coversPeriodEnd", "@type": "xsd:gYear"},
    "presentedOn": {"@id": "mh:presentedOn", "@type": "xsd:date"}, "title": {"@id": "dct:title", "@language": "nl"},
    "documentKind": _reference("mh:documentKind"), "identifier": {"@id": "dct:identifier"},
    "dateSubmitted": {"@id": "mh:dateSubmitted", "@type": "xsd:date"},
    "dateReceived": {"@id": "mh:dateReceived", "@type": "xsd:date"},
    "dateSent": {"@id": "mh:dateSent", "@type": "xsd:date"}, "author": _reference("mh:author"),
    "tkDocumentNumber": {"@id": "mh:tkDocumentNumber"}, "tkCaseNumber": {"@id": "mh:tkCaseNumber"},
    "signatory": _reference("mh:signatory"), "party": _reference("mh:memberOfParty"),
    "partOf": _reference("mh:partOf"),
    "dutyHolder": _reference("mh:dutyHolder"), "reportsTo": _reference("mh:reportsTo"),
    "legalBasis": _reference("mh:legalBasis"), "hasDuty": None,
    "subject": _reference("dct:subject"), "cites": _reference("mh:cites"),
    "regarding": _reference("mh:regarding"), "implementationStatus": _reference("mh:implementationStatus"),
    "funder": _reference("mh:funder"), "recipient": _reference("mh:recipient"),
    "fundedInstrument": _reference("mh:fundedInstrument"), "amount": {"@id": "mh:amount", "@type": "xsd:decimal"},
    "currency": {"@id": "mh:currency"}, "perYear": {"@id": "mh:perYear"},
    "member": _reference("org:member"), "organization": _reference("org:organization"),
    "holder": _reference("mh:holder"), "office": {"@id": "mh:office", "@language": "nl"},
    "officeIn": _reference("mh:officeIn"), "atDate": {"@id": "mh:atDate", "@type": "xsd:date"},
    "publisher": _reference("dct:publisher"),
    "date": {"@id": "dct:date", "@type": "xsd:date"}, "bwbId": {"@id": "mh:bwbId"},
    "documentNumber": {"@id": "mh:documentNumber"}, "dossier": {"@id": "mh:dossier"}, "ecli": {"@id": "mh:ecli"},
    "kamerstukId": {"@id": "mh:kamerstukId"}, "parliamentaryYear": {"@id": "mh:parliamentaryYear"},
    "url": {"@id": "mh:url", "@type": "xsd:anyURI"},
    "originalOrganization": _reference("org:originalOrganization"),
    "resultingOrganization": _reference("org:resultingOrganization"),
    "inScheme": _reference("skos:inScheme"), "broader": _reference("skos:broader"),
    "expectedEntryIntoForce": {"@id": "mh:expectedEntryIntoForce", "@type": "xsd:date"},
    "condition": {"@id": "mh:condition", "@language": "nl"}, "contribution": {"@id": "mh:contribution", "@language": "nl"},
    # the register of commitments; the quotes that give a commitment its status are evidence nodes like `sources`
    "commitmentText": {"@id": "mh:commitmentText", "@language": "nl"}, "proposedBy": _reference("mh:proposedBy"),
    "committedTo": _reference("mh:committedTo"), "madeIn": _reference("mh:madeIn"),
    "committedOn": {"@id": "mh:committedOn", "@context": LITERAL}, "deadline": {"@id": "mh:deadline", "@language": "nl"},
    "commitmentStatus": _reference("mh:commitmentStatus"), "commitmentStatusSources": "@included",
    "fulfilledBy": _reference("mh:fulfilledBy"),
}

CONTEXT = {
    "@version": 1.1,
    **{prefix: namespace for prefix, namespace in PREFIXES.items()},
    "hydra": "http://www.w3.org/ns/hydra/core#",
    "id": "@id",
    "types": "@type",
    "type": "@type",
    "slug": None,
    "kind": None,
    "label": {"@id": "rdfs:label", "@language": "nl"},
    "labelEn": {"@id": "rdfs:label", "@language": "en"},
    "altLabels": {"@id": "skos:altLabel", "@language": "nl", "@container": "@set"},
    # a page of a list or of search hits
    "items": {"@id": "hydra:member", "@container": "@list"},
    "total": "hydra:totalItems",
    "next": {"@id": "hydra:next", "@type": "@id"},
    "limit": None,
    "offset": None,
    "matched": None,
    "matchedWords": None,
    "snippet": None,
    **FIELDS,
    # provenance: each quote its own mh:Evidence node
    "sources": "@included",
    "fact": {"@reverse": "mh:evidence", "@type": "@id"},
    "quote": {"@id": "mh:quote", "@language": "nl"},
    "page": {"@id": "mh:page", "@type": "xsd:integer"},
    "passage": _reference("mh:passage"),
    "quoteStart": {"@id": "mh:quoteStart", "@type": "xsd:integer"},
    "quoteEnd": {"@id": "mh:quoteEnd", "@type": "xsd:integer"},
    "evidence": _reference("mh:evidence"),
    "mh:Evidence": {"@id": "mh:Evidence", "@context": {"document": _reference("prov:entity")}},
    "mh:Statement": {"@id": "mh:Statement", "@context": {
        "document": _reference("prov:wasDerivedFrom"), "subject": _reference("rdf:subject"),
        "predicate": _reference("rdf:predicate"), "object": {"@id": "rdf:object", "@context": LITERAL}}},
    "mh:SourceDocument": {"@id": "mh:SourceDocument", "@context": {"addressee": _reference("mh:addressee")}},
    "mh:Recommendation": {"@id": "mh:Recommendation", "@context": {"status": None}},
    # one resource: what the graph says of it, what refers to it, its statements and mentions
    "properties": {"@id": "@nest", "@context": {"property": None, "value": None, "graph": None, "document": None,
                                                "quotes": "@included"}},
    "referencedBy": {"@id": "@nest", "@context": {"property": None, "resource": None, "quotes": "@included"}},
    "statements": "@included",
    "mentions": {"@reverse": "mh:mentionOf", "@context": {"document": _reference("prov:wasDerivedFrom")}},
    "mentionedIn": {"@id": "mh:mentionedIn", "@context": {"document": "@nest", "mentions": None}},
    "mentionedInTotal": None,
    "mentionsTotal": None,
    # a page of one resource's mentions (/api/{kind}/{slug}/mentions): each item an mh:Mention
    "mh:Mention": {"@id": "mh:Mention", "@context": {"document": _reference("prov:wasDerivedFrom")}},
    # a document's passages
    "order": {"@id": "mh:order", "@type": "xsd:integer"},
    "startOffset": {"@id": "mh:startOffset", "@type": "xsd:integer"},
    "endOffset": {"@id": "mh:endOffset", "@type": "xsd:integer"},
    "answers": _reference("mh:answers"),
    "text": {"@id": "mh:text", "@language": "nl"},
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
