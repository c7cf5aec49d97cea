"""The OpenAPI schema of each list's items, of a page of them, of search hits and passages.

A client generated from the description (openapi-python-client …) gets typed items only if
each kind says which fields it has and of what type: literal fields (kg/views.py
LITERAL_FIELDS) are single values of their JSON type, every other field a list of
references. tests/test_openapi_schemas.py validates every item every list gives against
its kind's schema and finds each of its keys declared there.
"""
from __future__ import annotations

from kg.views import LISTS, LITERAL_FIELDS, PATHS

from ..openapi import COMPONENTS, register_schemas
from .description import MENTIONED_IN_SHOWN, MENTIONS_SHOWN

TEXT, WHOLE, NUMBER, YES_NO = {"type": "string"}, {"type": "integer"}, {"type": "number"}, {"type": "boolean"}
#: The JSON type of each literal field (a year or date is its ISO text: "2014", "2024-05-16").
LITERAL_SCHEMAS = {
    "number": {"type": ["integer", "string"]}, "reportPage": WHOLE, "value": NUMBER, "minValue": NUMBER,
    "maxValue": NUMBER, "amount": NUMBER, "perYear": YES_NO, "hasDuty": YES_NO,
    "url": {"type": "string", "format": "uri"},
    **{name: TEXT for name in ("qualifier", "year", "periodStart", "periodEnd", "coversPeriodStart",
                               "coversPeriodEnd", "presentedOn", "title", "identifier", "dateSubmitted",
                               "dateReceived", "dateSent", "currency", "office", "atDate", "date", "bwbId",
                               "documentNumber", "dossier", "ecli", "kamerstukId", "parliamentaryYear",
                               "expectedEntryIntoForce", "condition", "contribution", "commitmentText",
                               "deadline", "tkDocumentNumber", "tkCaseNumber")},
    "committedOn": {"$ref": "#/components/schemas/TypedValue"},
}
assert set(LITERAL_SCHEMAS) == LITERAL_FIELDS, "every literal field has its type"
REFERENCES = {"type": "array", "items": {"$ref": "#/components/schemas/Reference"}}

#: A commitment's fields: the register of commitments (ontology/README.md), with the quotes that give its status.
COMMITMENT = ("commitmentText", "proposedBy", "committedTo", "madeIn", "committedOn", "deadline", "commitmentStatus",
              "commitmentStatusSources", "fulfilledBy")
_PUBLISHED = ("issuedBy", "publisher", "author", "subject", "cites", "date", "bwbId")
#: The fields each list's items may carry besides those every item has and `cites`, which any
#: resource may state (mh:cites is every reference: kg/queries/view_resource_fields.rq).
FIELDS_OF = {
    "actors": ("partOf",),
    "persons": ("party",),
    "instruments": ("concerns", "legalBasis", "partOf", "implementationStatus", "status", "expectedEntryIntoForce",
                    "condition", *_PUBLISHED, *COMMITMENT),
    "reports": ("coversPeriodStart", "coversPeriodEnd", "identifier", "presentedOn", "title", *_PUBLISHED),
    "recommendations": ("report", "addressee", "recommendedBy", "number", "reportPage", "concerns", "status"),
    "responses": ("recommendation", "status", "respondent", "document"),
    "documents": ("addressee", "author", "signatory", "cites", "subject", "dateSubmitted",
                  "dateReceived", "dateSent", "date", "documentKind", "documentNumber", "dossier", "identifier",
                  "parliamentaryYear", "title", "tkDocumentNumber", "tkCaseNumber"),
    "observations": ("indicator", "about", "report", "reportedBy", "value", "minValue", "maxValue", "qualifier",
                     "unit", "year", "periodStart", "periodEnd", "observationKind", "document"),
    "indicators": ("unit", "about"),
    "reporting-duties": ("hasDuty", "dutyHolder", "reportsTo", "regarding", "legalBasis", "subject", "cites"),
    "fundings": ("funder", "recipient", "fundedInstrument", "amount", "currency", "perYear", "periodStart",
                 "periodEnd", "cites"),
    "memberships": ("member", "organization", "contribution"),
    "offices": ("holder", "office", "officeIn", "atDate"),
    "citations": ("title", "identifier", "documentNumber", "dossier", "ecli", "kamerstukId", "parliamentaryYear",
                  "url", *_PUBLISHED),
    "concepts": ("inScheme", "broader"),
    "statuses": ("inScheme",),
    "changes": ("date", "originalOrganization", "resultingOrganization"),
    "commitments": (*COMMITMENT, "concerns", "partOf", *_PUBLISHED),
}
assert set(FIELDS_OF) == set(LISTS), "every list has its fields"
#: Fields that are neither a literal nor references.
OTHER_FIELDS = {"commitmentStatusSources": {"type": "array", "items": {"$ref": "#/components/schemas/Source"},
                                            "description": "the quotes that state the commitment's status"}}

#: What every item has; a resource alone (/api/{kind}/{slug}) adds properties, referencedBy, statements, mentions.
COMMON = {
    "id": {"type": "string", "format": "uri"}, "slug": TEXT, "kind": TEXT,
    "types": {"type": "array", "items": TEXT}, "label": {"type": ["string", "null"]},
    "labelEn": {"type": ["string", "null"]}, "altLabels": {"type": "array", "items": TEXT},
    "sources": {"type": "array", "items": {"$ref": "#/components/schemas/Source"}},
    "mentionedIn": {"type": "array", "description": f"the documents naming it: the first {MENTIONED_IN_SHOWN}",
                    "items": {"$ref": "#/components/schemas/MentionedIn"}},
    "mentionedInTotal": {**WHOLE, "description": "how many documents name it"},
    "properties": {"type": "array", "description": "one resource only: what the graph says of it",
                   "items": {"$ref": "#/components/schemas/Relation"}},
    "referencedBy": {"type": "array", "description": "one resource only: what points to it",
                     "items": {"$ref": "#/components/schemas/Relation"}},
    "statements": {"type": "array", "description": "one resource only: its quoted statements, one entry per quote",
                   "items": {"$ref": "#/components/schemas/Statement"}},
    "mentions": {"type": "array", "description": f"one resource only: where it is named, the first {MENTIONS_SHOWN} "
                 "(all: /api/{kind}/{slug}/mentions)", "items": {"$ref": "#/components/schemas/Mention"}},
    "mentionsTotal": {**WHOLE, "description": "one resource only: how many times it is named"},
}
DETAIL_ONLY = ("properties", "referencedBy", "statements", "mentions", "mentionsTotal")
REQUIRED = ["id", "slug", "kind", "types", "label", "altLabels", "sources", "mentionedIn", "mentionedInTotal"]


def item_schema(name: str) -> str:
    """The schema name of list `name`'s items: its path in CamelCase (reporting-duty → ReportingDuty;
    commitments, instruments of one class, have a schema of their own)."""
    kind = PATHS[name]
    return "".join(part.capitalize() for part in kind.split("-"))


def page_schema(name: str) -> str:
    """The schema name of a page of list `name` (or of `search`, `passages`)."""
    return {"search": "SearchPage", "passages": "PassagePage", "mentions": "MentionPage"}.get(name) \
        or item_schema(name) + "Page"


def _fields(name: str) -> list[str]:
    return list(dict.fromkeys((*FIELDS_OF[name], "cites")))


def csv_columns(name: str) -> list[str]:
    """The columns of a page of list `name` (or `search`, `passages`) as CSV: what its items
    may have, in the schema's order (a resource's own relations and mentions are not in lists)."""
    if name == "search":
        return list(HIT["properties"])
    if name == "passages":
        return list(PASSAGE["properties"])
    if name == "mentions":
        return list(COMPONENTS["schemas"]["Mention"]["properties"])
    provenance = ("sources", "mentionedIn", "mentionedInTotal")
    fields = _fields(name)
    return [f for f in COMMON if f not in DETAIL_ONLY + provenance] + list(fields) + list(provenance)


def _kind_schema(name: str) -> dict:
    fields = {f: LITERAL_SCHEMAS.get(f) or OTHER_FIELDS.get(f, REFERENCES) for f in _fields(name)}
    return {"type": "object", "required": REQUIRED, "additionalProperties": True,
            "description": f"One of the {name}: literal fields are single values, other fields lists of references.",
            "properties": {**COMMON, **fields}}


def _page(items: str) -> dict:
    return {"type": "object", "required": ["items", "total", "limit", "offset", "next"], "properties": {
        "items": {"type": "array", "items": {"$ref": f"#/components/schemas/{items}"}},
        "total": WHOLE, "limit": WHOLE, "offset": WHOLE, "next": {"type": ["string", "null"], "format": "uri"}}}


HIT = {"type": "object", "required": ["id", "kind", "label", "matched", "matchedWords", "snippet"], "properties": {
    "id": {"type": "string", "format": "uri"}, "slug": TEXT,
    "kind": {"type": "string", "description": "where it is: /api/{kind}/{slug}"},
    "label": {"type": ["string", "null"]},
    "matched": {"type": "string", "enum": ["label", "altLabel", "text"]},
    "matchedWords": {"type": "integer", "description": "how many of the query's words it matches"},
    "snippet": TEXT, "document": {"$ref": "#/components/schemas/Reference"}, "page": {"type": ["integer", "null"]}}}
PASSAGE = {"type": "object", "required": ["id", "kind", "type", "order", "text"], "properties": {
    "id": {"type": "string", "format": "uri"}, "slug": {"type": ["string", "null"]}, "kind": TEXT, "type": TEXT,
    "label": {"type": ["string", "null"]}, "number": {"type": ["string", "null"]}, "order": WHOLE,
    "page": {"type": ["integer", "null"]}, "startOffset": {"type": ["integer", "null"]},
    "endOffset": {"type": ["integer", "null"]}, "answers": {"type": ["string", "null"], "format": "uri"},
    "document": {"$ref": "#/components/schemas/Reference"},
    "text": TEXT}}
TYPED_VALUE = {"type": "object", "required": ["value", "datatype"], "description": "a literal whose datatype varies",
               "properties": {"value": TEXT, "datatype": {"type": "string", "enum": ["xsd:date", "xsd:gYearMonth",
                                                                                   "xsd:gYear"]}}}
MENTIONED_IN = {"type": "object", "required": ["document", "mentions"], "properties": {
    "document": {"$ref": "#/components/schemas/Reference"}, "mentions": WHOLE}}

register_schemas({
    **{item_schema(name): _kind_schema(name) for name in LISTS},
    **{page_schema(name): _page(item_schema(name)) for name in LISTS},
    "SearchHit": HIT, "SearchPage": _page("SearchHit"), "Passage": PASSAGE, "PassagePage": _page("Passage"),
    "MentionPage": _page("Mention"),
    "MentionedIn": MENTIONED_IN, "TypedValue": TYPED_VALUE,
})
