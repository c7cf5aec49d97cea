"""What the views hold: the lists of the REST API, their kinds, filters and fields, and how
a value of the graph is shown in an item's JSON (shared by the views and the REST detail)."""
from __future__ import annotations

from pyoxigraph import Literal

from ..iris import ID, PREFIXES

#: The lists of the API (docs/CONTRACT.md §6) by their names of 1.x, and the IRI kind each
#: one holds: every kind search returns has one (its path is the kind itself, /api/actor).
KINDS = {"actors": "actor", "persons": "person", "instruments": "instrument", "reports": "report",
         "recommendations": "recommendation", "responses": "response", "documents": "document",
         "observations": "observation", "indicators": "indicator", "reporting-duties": "reporting-duty",
         "fundings": "funding", "memberships": "membership", "offices": "office", "citations": "citation",
         "concepts": "concept", "statuses": "status", "changes": "change"}
#: Lists that are the part of another list of one class (commitments are instruments).
TYPED_LISTS = {"commitments": ("instruments", PREFIXES["mh"] + "Commitment")}
LISTS = (*KINDS, *TYPED_LISTS)
#: The path of each list under /api: its items' kind, a typed list's own (/api/commitment).
PATHS = {**KINDS, "commitments": "commitment"}


def kind_of(name: str) -> str:
    """The IRI kind of the items of a list (of KINDS or TYPED_LISTS)."""
    return KINDS[TYPED_LISTS[name][0]] if name in TYPED_LISTS else KINDS[name]


#: Filters every list has, and the ones that fit only some kinds.
COMMON_FILTERS = ("type", "q", "document")
YEARS = ("year_from", "year_to")
KIND_FILTERS = {
    "commitments": ("status", "committedTo", "proposedBy"),
    "recommendations": ("report", "status", "addressee"),
    "responses": ("status", "recommendation"),
    "observations": ("indicator", "about", "report", *YEARS),
    "reports": YEARS,
    "documents": YEARS,
    "reporting-duties": ("dutyHolder", "reportsTo", "regarding", "legalBasis"),
    "fundings": ("funder", "recipient", "fundedInstrument", *YEARS),
    "memberships": ("member", "organization"),
    "offices": ("holder", "officeIn", *YEARS),
    "citations": ("publisher", "issuedBy", "cites", *YEARS),
    "concepts": ("inScheme", "broader"),
    "changes": ("originalOrganization", "resultingOrganization", *YEARS),
}
#: Filters whose value names a resource, and the kind of IRI a bare slug stands for.
REFERENCE_FILTERS = {"report": "report", "addressee": "actor", "indicator": "indicator", "about": None,
                     "document": "document", "recommendation": "recommendation", "status": "status",
                     "dutyHolder": "actor", "reportsTo": "actor", "legalBasis": "instrument", "funder": "actor",
                     "recipient": "actor", "fundedInstrument": "instrument", "member": "actor",
                     "organization": "actor", "holder": "person", "officeIn": "actor", "publisher": "actor",
                     "issuedBy": "actor", "cites": None, "regarding": "concept", "inScheme": "concept",
                     "broader": "concept",
                     "originalOrganization": "actor", "resultingOrganization": "actor",
                     "committedTo": "actor", "proposedBy": "actor", "commitmentStatus": "concept"}
#: A commitment's `status` filter (docs/CONTRACT.md §6): its mh:commitmentStatus, or `unknown`
#: for a commitment no document gives a status (the register's rule: unknown, not open).
COMMITMENT_STATUSES = {"open": ID + "concept/commitment-open",
                       "partly": ID + "concept/commitment-partly-fulfilled",
                       "fulfilled": ID + "concept/commitment-fulfilled",
                       "unknown": "unknown"}

#: Fields whose values are literals: shown as one value; all other fields are lists of references.
LITERAL_FIELDS = {"number", "reportPage", "value", "minValue", "maxValue", "qualifier", "year", "periodStart",
                  "periodEnd", "coversPeriodStart", "coversPeriodEnd", "presentedOn", "title", "identifier",
                  "dateSubmitted", "dateReceived", "dateSent", "amount", "currency", "perYear", "office",
                  "atDate", "hasDuty", "date", "bwbId", "documentNumber", "dossier", "ecli", "kamerstukId",
                  "parliamentaryYear", "url", "expectedEntryIntoForce", "condition", "contribution",
                  "commitmentText", "committedOn", "deadline", "tkDocumentNumber", "tkCaseNumber"}
#: Literal fields whose datatype varies (a date, a month or a year): shown as {value, datatype}.
TYPED_VALUE_FIELDS = {"committedOn"}
#: `hasDuty` is the class of a reporting duty (mh:hasDuty is deprecated and no longer stated).
HAS_DUTY = {PREFIXES["mh"] + "ReportingDuty": True, PREFIXES["mh"] + "NoReportingDuty": False}
DATE_FIELDS = ("dateSent", "dateSubmitted", "dateReceived", "presentedOn", "date")
#: The fields a kind's years are read from (the year filters), where they are not dates of a document.
YEAR_FIELDS = {"observation": ("year", "periodStart", "periodEnd"), "report": ("coversPeriodStart", "coversPeriodEnd"),
                "document": DATE_FIELDS, "funding": ("periodStart", "periodEnd"), "office": ("atDate",),
                "citation": ("date",), "change": ("date",)}


#: Kinds that are plumbing of provenance, not things a researcher searches for by name.
UNSEARCHED_KINDS = {"mention", "statement"}


def curie(iri: str) -> str:
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and prefix not in ("id",):
            return f"{prefix}:{iri[len(namespace):]}"
    return iri


def literal_json(term: Literal):
    """A literal as JSON: numbers as numbers, booleans as booleans, the rest as text."""
    datatype = term.datatype.value.rsplit("#", 1)[-1]
    if datatype in ("integer", "int", "long", "nonNegativeInteger"):
        return int(term.value)
    if datatype in ("decimal", "double", "float"):
        number = float(term.value)
        return int(number) if number.is_integer() else number
    if datatype == "boolean":
        return term.value == "true"
    return term.value


def integer_value(term) -> int | None:
    return int(term.value) if term is not None else None


def source(row, reference) -> dict:
    """One quote of a fact with where it stands (its mh:Evidence), from a query row with
    `fact evidence document quote page passage start end`; `reference` shows a resource.
    The shape of every `sources` entry and of the `quotes` of a resource's relations; a
    statement made without evidence (an ingested paper's) has no `id` and no offsets."""
    passage, evidence = row["passage"], row["evidence"]
    return {"id": evidence.value if evidence is not None else None, "types": ["mh:Evidence"],
            "fact": row["fact"].value,
            "document": reference(row["document"]), "page": integer_value(row["page"]),
            "passage": reference(passage) if passage is not None else None,
            "quoteStart": integer_value(row["start"]), "quoteEnd": integer_value(row["end"]), "quote": row["quote"].value}
