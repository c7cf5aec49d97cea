"""What a list may be filtered by: each filter's help and schema for OpenAPI, and a request's
filters checked and resolved to what the views store. The REST lists and the web pages that
filter (the recommendation tracker) read them here, so both accept and refuse the same values."""
from __future__ import annotations

from flask import current_app, request

from kg.views import COMMITMENT_STATUSES, COMMON_FILTERS, KIND_FILTERS, REFERENCE_FILTERS

from ..openapi import query_parameter
from ..service import service
from .params import (CLASS_PATTERN, KIND_REFERENCE_PATTERN, MAX_VALUE_LENGTH, REFERENCE_PATTERN, TEXT_PATTERN,
                     class_iri, integer, resource_iri)

STATUSES = ("adopted", "partly-adopted", "under-study", "rejected", "deferred", "not-acted-upon")
FILTER_HELP = {
    "type": "class of the ontology, e.g. Ministry or mh:Ministry (repeatable: any of them)",
    "q": "part of the label or an alternative label (case and accents ignored)",
    "document": "source document that states or names the resource (slug, kind/slug or IRI; repeatable)",
    "report": "report that makes the recommendation or gives the figure (slug or IRI)",
    "status": "status of the government's response: " + ", ".join(STATUSES),
    "addressee": "actor the recommendation is addressed to (slug or IRI)",
    "indicator": "indicator the observation measures (slug or IRI)",
    "about": "resource the observation is about (kind/slug or IRI)",
    "recommendation": "recommendation the response answers (slug or IRI)",
    "year_from": "first year (inclusive) of the figure, the report's period, the document's date, the funding's "
                 "period, the date an office was held, a citation's or change's date",
    "year_to": "last year (inclusive)",
    "dutyHolder": "actor who has the duty to report (slug or IRI)",
    "reportsTo": "actor reported to (slug or IRI)",
    "legalBasis": "instrument the duty rests on (slug or IRI)",
    "funder": "actor who funds (slug or IRI)",
    "recipient": "actor who receives the funds (slug or IRI)",
    "fundedInstrument": "instrument funded (slug or IRI)",
    "member": "actor who is a member (slug or IRI)",
    "organization": "organisation of which it is a member (slug or IRI)",
    "holder": "person who holds the office (slug or IRI)",
    "officeIn": "organisation the office is in (slug or IRI)",
    "publisher": "actor who published the cited document (slug or IRI)",
    "issuedBy": "actor who issued the cited document, e.g. a court (slug or IRI)",
    "cites": "resource the cited document refers to (kind/slug or IRI)",
    "regarding": "what the duty is about, a concept (slug or IRI)",
    "inScheme": "concept scheme (slug or IRI)",
    "broader": "broader concept (slug or IRI)",
    "originalOrganization": "organisation before the change (slug or IRI)",
    "resultingOrganization": "organisation after the change (slug or IRI)",
    "committedTo": "to whom the commitment is made: the House, a committee, a member (slug or IRI)",
    "proposedBy": "who made the commitment: a minister's or state secretary's office, the cabinet (slug or IRI), "
                  "or a person (person/slug)",
}
#: Filters that mean something else on one list: its help and schema there.
LIST_FILTERS = {
    ("commitments", "status"): (
        "what became of the commitment, according to a document: open, partly (fulfilled), fulfilled; unknown "
        "where no document says", {"type": "string", "enum": list(COMMITMENT_STATUSES)}),
}
TEXT = {"type": "string", "maxLength": MAX_VALUE_LENGTH, "pattern": TEXT_PATTERN}
FILTER_SCHEMAS = {
    "type": {"type": "string", "pattern": CLASS_PATTERN, "maxLength": 100},
    "q": TEXT,
    "about": {"type": "string", "pattern": KIND_REFERENCE_PATTERN, "maxLength": MAX_VALUE_LENGTH},
    "cites": {"type": "string", "pattern": KIND_REFERENCE_PATTERN, "maxLength": MAX_VALUE_LENGTH},
    "status": {"type": "string", "enum": list(STATUSES)},
    "year_from": {"type": "integer", "minimum": 1000, "maximum": 9999},
    "year_to": {"type": "integer", "minimum": 1000, "maximum": 9999},
}
REFERENCE_SCHEMA = {"type": "string", "pattern": REFERENCE_PATTERN, "maxLength": MAX_VALUE_LENGTH}


def filters_of(kind: str) -> tuple[str, ...]:
    return COMMON_FILTERS + KIND_FILTERS.get(kind, ())


def parse_filters(kind: str) -> dict[str, list[str]]:
    """The request's filters, each value checked and resolved to what the views store."""
    resolved: dict[str, list[str]] = {}
    known_types = None
    for name in filters_of(kind):
        values = [v for v in request.args.getlist(name) if v != ""]
        if not values:
            continue
        if name == "type":
            known_types = known_types or service(current_app).views.known_types(kind)
            by_lower = {t.lower(): t for t in known_types}
            resolved[name] = [by_lower.get(class_iri(name, v).lower(), class_iri(name, v)) for v in values]
        elif name in ("year_from", "year_to"):
            resolved[name] = [str(integer(request.args, name, 0, 1000, 9999))]
        elif name == "q":
            resolved[name] = values[:1]
        elif (kind, name) == ("commitments", "status"):    # the views hold it as commitmentStatus
            resolved["commitmentStatus"] = [COMMITMENT_STATUSES[v] for v in values]
        else:
            resolved[name] = [resource_iri(name, v, REFERENCE_FILTERS[name]) for v in values]
    return resolved


def filter_parameters(kind: str) -> list[dict]:
    """The OpenAPI parameters of a list's filters."""
    return [query_parameter(f, *LIST_FILTERS.get((kind, f), (FILTER_HELP[f], FILTER_SCHEMAS.get(f, REFERENCE_SCHEMA))))
            for f in filters_of(kind)]
