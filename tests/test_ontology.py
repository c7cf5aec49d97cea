"""The ontology files: documented terms, stable names and ranges, SKOS schemes, and SHACL
shapes that reject what the contract forbids and accept what it allows."""
from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest
from pyoxigraph import BlankNode, Literal, NamedNode, Quad, RdfFormat, parse
from rdflib import Graph

from kg.ontology import Vocabulary, ontology_quads
from kg.validate import ShapeViolation, validate

ONTOLOGY = Path(__file__).resolve().parents[1] / "ontology"
MHKG, CONCEPTS, REUSED, SHAPES = (ONTOLOGY / n for n in ("mhkg.ttl", "concepts.ttl", "reused.ttl", "shapes.ttl"))

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
SH = "http://www.w3.org/ns/shacl#"
PROV = "http://www.w3.org/ns/prov#"
MH = "https://w3id.org/mhkg/def#"
ID = "https://w3id.org/mhkg/id/"
TERM_TYPES = {OWL + "Class", OWL + "ObjectProperty", OWL + "DatatypeProperty"}

# Version 1.0 of the vocabulary: fact files are written against these names, so none may
# disappear, and the datatype ranges (which type every fact value) may not change.
CLASSES_1_0 = """
Actor Organisation Person Instrument Report Recommendation Response SourceDocument Passage Observation
Indicator Ministry PoliceOrganisation EnforcementAgency Inspectorate PublicProsecutionService Court
CareProvider NonGovernmentalOrganisation ResearchInstitute Municipality MunicipalAssociation
InternationalOrganisation EUAgency ParliamentaryGroup Parliament ExpertGroup IndependentRapporteur
GovernmentBody Cabinet MediaOrganisation PoliticalParty LegalProvision Law Bill EUDirective EURegulation
Guideline Programme ActionPlan ActionLine Action SecurityAgenda ReferralMechanism Pilot Project
ShelterScheme Motion Method PolicyAgreement Commitment Training Tool Budget InformationSystem Event Monitor
ResearchReport PolicyResponse ParliamentaryQuestions ParliamentaryLetter Letter WrittenConsultation
CitedDocument Kamerstuk AanhangselHandelingen CourtDecision WebResource Question Answer Section Footnote
Paragraph Mention Statement Funding ReportingDuty OfficeHolding Membership ExploitationForm Status Topic
""".split()
OBJECT_PROPERTIES_1_0 = """
passage mentionedIn mentionOf inReport addressedTo recommendedBy concerns respondsTo status respondent
inDocument unit measures about reportedBy observationKind responsibleFor carriesOut participatesIn
cooperatesWith fundedBy commissionedBy partOf implements legalBasis targets firstSignatory citation
proposedBy funder recipient fundedInstrument dutyHolder reportsTo regarding holder officeIn memberOfParty
issuedBy documentKind author signatory addressee onBehalfOf askedBy answeredBy copyTo hasQuestion
hasAnswer answers cites succeeds
""".split()
DATATYPE_RANGES_1_0 = {
    "quote": "rdf:langString", "page": "xsd:integer", "number": None, "reportPage": "xsd:integer",
    "value": "xsd:decimal", "minValue": "xsd:decimal", "maxValue": "xsd:decimal",
    "qualifier": "rdf:langString", "year": "xsd:gYear", "periodStart": "xsd:date", "periodEnd": "xsd:date",
    "startDate": None, "endDate": None, "enteredIntoForce": "xsd:date", "amount": "xsd:decimal",
    "currency": "xsd:string", "perYear": "xsd:boolean", "hasDuty": "xsd:boolean", "office": "rdf:langString",
    "atDate": "xsd:date", "role": "rdf:langString", "coversPeriodStart": "xsd:gYear",
    "coversPeriodEnd": "xsd:gYear", "presentedOn": "xsd:date", "dateSubmitted": "xsd:date",
    "dateReceived": "xsd:date", "dateSent": "xsd:date", "authorRole": "rdf:langString",
    "parliamentaryYear": "xsd:string", "dossier": "xsd:string", "documentNumber": "xsd:string",
    "aanhangselNumber": "xsd:string", "reference": "xsd:string", "questionNumbers": "xsd:string",
    "text": "rdf:langString", "startOffset": "xsd:integer", "endOffset": "xsd:integer",
    "order": "xsd:integer", "footnoteMark": "xsd:string", "ecli": "xsd:string", "bwbId": "xsd:string",
    "kamerstukId": "xsd:string", "url": "xsd:anyURI", "formerName": "rdf:langString",
}
CORE_CLASSES = ["Actor", "Organisation", "Person", "Instrument", "Report", "Recommendation", "Response",
                "SourceDocument", "Passage", "Observation", "Indicator"]
SCHEMES = {
    "concept/response-status": ["status/adopted", "status/partly-adopted", "status/under-study",
                                "status/rejected", "status/deferred", "status/not-acted-upon"],
    "concept/exploitation-forms": [
        "concept/seksuele-uitbuiting", "concept/arbeidsuitbuiting", "concept/criminele-uitbuiting",
        "concept/uitbuiting-overig", "concept/binnenlandse-seksuele-uitbuiting",
        "concept/binnenlandse-uitbuiting-buiten-seksindustrie", "concept/grensoverschrijdende-seksuele-uitbuiting",
        "concept/grensoverschrijdende-uitbuiting-buiten-seksindustrie", "concept/ernstige-benadeling"],
    "concept/units": ["concept/unit-count", "concept/unit-percent", "concept/unit-euro", "concept/unit-place",
                      "concept/unit-year", "concept/unit-month"],
    "concept/observation-kinds": ["concept/observation-count", "concept/observation-percentage",
                                  "concept/observation-amount", "concept/observation-capacity",
                                  "concept/observation-target", "concept/observation-estimate"],
    "concept/document-kinds": ["concept/document-kind-parliamentary-questions",
                               "concept/document-kind-parliamentary-letter", "concept/document-kind-letter",
                               "concept/document-kind-written-consultation"],
    "concept/commitment-status": ["concept/commitment-open", "concept/commitment-partly-fulfilled",
                                  "concept/commitment-fulfilled"],
}


class Triples:
    """A Turtle file as subject → predicate → objects."""

    def __init__(self, path: Path):
        self.triples = list(parse(path=str(path), format=RdfFormat.TURTLE))
        self.by_subject: dict = defaultdict(lambda: defaultdict(list))
        for t in self.triples:
            self.by_subject[t.subject][t.predicate.value].append(t.object)

    def objects(self, subject, predicate: str) -> list:
        return self.by_subject.get(subject, {}).get(predicate, [])

    def typed(self, *types: str) -> list[NamedNode]:
        return sorted({t.subject for t in self.triples if t.predicate.value == RDF + "type"
                       and t.object.value in types and isinstance(t.subject, NamedNode)}, key=str)


def curie(iri: str) -> str:
    for prefix, ns in (("xsd:", XSD), ("rdf:", RDF), ("mh:", MH), ("skos:", SKOS)):
        if iri.startswith(ns):
            return prefix + iri[len(ns):]
    return iri


def languages(objects: list) -> list[str | None]:
    return [o.language if isinstance(o, Literal) else "(not a literal)" for o in objects]


@pytest.fixture(scope="module")
def mhkg() -> Triples:
    return Triples(MHKG)


@pytest.fixture(scope="module")
def concepts() -> Triples:
    return Triples(CONCEPTS)


# --- mhkg.ttl ---------------------------------------------------------------------------

def test_the_header_names_the_version_licence_and_contract(mhkg):
    header = NamedNode("https://w3id.org/mhkg/def")
    assert mhkg.objects(header, RDF + "type") == [NamedNode(OWL + "Ontology")]
    assert mhkg.objects(header, OWL + "versionIRI") == [NamedNode("https://w3id.org/mhkg/def/1.6")]
    assert mhkg.objects(header, OWL + "priorVersion") == [NamedNode("https://w3id.org/mhkg/def/1.5")]
    for prop in ("http://purl.org/dc/terms/title", "http://purl.org/dc/terms/description"):
        assert sorted(languages(mhkg.objects(header, prop))) == ["en", "nl"], prop
    assert mhkg.objects(header, "http://purl.org/dc/terms/license")
    assert any("CONTRACT" in o.value for o in mhkg.objects(header, RDFS + "seeAlso"))


def test_every_term_has_one_dutch_and_one_english_label_and_a_definition(mhkg):
    terms = mhkg.typed(*TERM_TYPES)
    assert len(terms) >= len(CLASSES_1_0) + len(OBJECT_PROPERTIES_1_0) + len(DATATYPE_RANGES_1_0)
    problems = []
    for term in terms:
        labels = languages(mhkg.objects(term, RDFS + "label"))
        if sorted(labels) != ["en", "nl"]:
            problems.append(f"{curie(term.value)}: rdfs:label languages {labels}, want one nl and one en")
        definitions = languages(mhkg.objects(term, SKOS + "definition"))
        if "en" not in definitions:
            problems.append(f"{curie(term.value)}: no skos:definition @en")
        if len(definitions) != len(set(definitions)):
            problems.append(f"{curie(term.value)}: two skos:definitions in one language")
    assert not problems, "\n".join(problems)


def test_the_contract_core_classes_exist_with_their_superclasses(mhkg):
    classes = {t.value for t in mhkg.typed(OWL + "Class")}
    missing = [c for c in CORE_CLASSES if MH + c not in classes]
    assert not missing, f"core classes missing from mhkg.ttl: {missing}"
    assert {o.value for o in mhkg.objects(NamedNode(MH + "Organisation"), RDFS + "subClassOf")} >= {
        MH + "Actor", "http://www.w3.org/ns/org#Organization"}
    assert {o.value for o in mhkg.objects(NamedNode(MH + "Person"), RDFS + "subClassOf")} >= {
        MH + "Actor", "http://xmlns.com/foaf/0.1/Person"}


def test_no_term_of_version_1_0_was_removed_or_retyped(mhkg):
    for kind, names in ((OWL + "Class", CLASSES_1_0), (OWL + "ObjectProperty", OBJECT_PROPERTIES_1_0),
                        (OWL + "DatatypeProperty", list(DATATYPE_RANGES_1_0))):
        declared = {t.value for t in mhkg.typed(kind)}
        missing = [n for n in names if MH + n not in declared]
        assert not missing, f"{curie(kind)} removed or renamed: {missing}"


def test_datatype_ranges_are_unchanged_and_xsd_or_langstring(mhkg):
    """The datatype a property's values have: its rdfs:range, or its mh:datatype where the OWL 2
    datatype map lacks it (xsd:gYear, xsd:date; test_owl_dl.py)."""
    problems = []
    for prop in mhkg.typed(OWL + "DatatypeProperty"):
        ranges = [curie(o.value) for o in mhkg.objects(prop, RDFS + "range") + mhkg.objects(prop, MH + "datatype")]
        name = prop.value[len(MH):]
        if len(ranges) > 1:
            problems.append(f"mh:{name}: {len(ranges)} ranges")
        for rng in ranges:
            if not (rng.startswith("xsd:") or rng == "rdf:langString"):
                problems.append(f"mh:{name}: range {rng} is neither XSD nor rdf:langString")
        if name in DATATYPE_RANGES_1_0 and (ranges[0] if ranges else None) != DATATYPE_RANGES_1_0[name]:
            problems.append(f"mh:{name}: range {ranges} changed from {DATATYPE_RANGES_1_0[name]}")
    assert not problems, "\n".join(problems)


def test_object_property_ranges_are_mhkg_classes_or_skos_concept(mhkg):
    classes = {t.value for t in mhkg.typed(OWL + "Class")}
    problems = []
    for prop in mhkg.typed(OWL + "ObjectProperty"):
        for rng in mhkg.objects(prop, RDFS + "range"):
            if not (rng.value in classes or rng.value == SKOS + "Concept"):
                problems.append(f"{curie(prop.value)}: range {rng} is not an mh: class or skos:Concept")
        for dom in mhkg.objects(prop, RDFS + "domain"):
            if dom.value not in classes:
                problems.append(f"{curie(prop.value)}: domain {dom} is not an mh: class")
    assert not problems, "\n".join(problems)


def test_mhkg_declares_only_its_own_terms_and_reused_terms_exist(mhkg):
    reused = Triples(REUSED)
    declared = {t.subject.value for t in mhkg.triples if t.predicate.value == RDF + "type"
                and isinstance(t.subject, NamedNode)}
    foreign = sorted(d for d in declared if not d.startswith("https://w3id.org/mhkg/def"))
    assert not foreign, f"mhkg.ttl declares terms of other vocabularies (they belong in reused.ttl): {foreign}"
    known = {t.value for t in reused.typed(*TERM_TYPES, RDFS + "Class", RDF + "Property",
                                           OWL + "AnnotationProperty")} | declared
    aligned = {o.value for t in mhkg.typed(*TERM_TYPES)
               for p in (RDFS + "subClassOf", RDFS + "subPropertyOf") for o in mhkg.objects(t, p)}
    assert not aligned - known, f"aligned to terms reused.ttl does not declare: {sorted(aligned - known)}"


@pytest.mark.parametrize("path", [MHKG, CONCEPTS, REUSED], ids=lambda p: p.name)
def test_ontology_files_have_no_blank_nodes(path):
    """The build hashes the graph to name a release: blank nodes would make rebuilds differ."""
    blank = [t for t in Triples(path).triples if isinstance(t.subject, BlankNode) or isinstance(t.object, BlankNode)]
    assert not blank, f"{path.name}: {len(blank)} triples with blank nodes, e.g. {blank[0]}"


# --- concepts.ttl -----------------------------------------------------------------------

def test_every_concept_has_one_dutch_label_and_a_declared_scheme(concepts):
    schemes = set(concepts.typed(SKOS + "ConceptScheme"))
    concept_types = {SKOS + "Concept", MH + "Status", MH + "ExploitationForm", MH + "Topic"}
    subjects = set(concepts.typed(*concept_types)) | {t.subject for t in concepts.triples
                                                     if t.predicate.value == SKOS + "inScheme"}
    assert len(subjects) >= sum(len(v) for v in SCHEMES.values())
    problems = []
    for concept in sorted(subjects | schemes, key=str):
        labels = languages(concepts.objects(concept, RDFS + "label"))
        if labels.count("nl") != 1:
            problems.append(f"{concept.value}: {labels.count('nl')} rdfs:label @nl (CONTRACT §3 wants one)")
        if not concepts.objects(concept, SKOS + "definition"):
            problems.append(f"{concept.value}: no skos:definition")
        if concept in schemes:
            continue
        in_schemes = concepts.objects(concept, SKOS + "inScheme")
        if not in_schemes or any(s not in schemes for s in in_schemes):
            problems.append(f"{concept.value}: skos:inScheme {in_schemes}, none a declared skos:ConceptScheme")
        if not set(concepts.objects(concept, RDF + "type")) & {NamedNode(t) for t in concept_types}:
            problems.append(f"{concept.value}: not typed skos:Concept (or a subclass)")
        for broader in concepts.objects(concept, SKOS + "broader"):
            if broader not in subjects:
                problems.append(f"{concept.value}: skos:broader {broader.value} is not a concept here")
    assert not problems, "\n".join(problems)


def test_the_agreed_schemes_hold_the_agreed_concepts(concepts):
    for scheme, members in SCHEMES.items():
        in_scheme = {t.subject.value for t in concepts.triples
                     if t.predicate.value == SKOS + "inScheme" and t.object.value == ID + scheme}
        missing = [m for m in members if ID + m not in in_scheme]
        assert not missing, f"{scheme} lacks {missing}"


def test_the_rapporteurs_forms_are_narrower_than_a_general_form(concepts):
    broader = lambda slug: {o.value for o in concepts.objects(NamedNode(ID + "concept/" + slug), SKOS + "broader")}
    assert ID + "concept/seksuele-uitbuiting" in broader("binnenlandse-seksuele-uitbuiting")
    assert ID + "concept/seksuele-uitbuiting" in broader("grensoverschrijdende-seksuele-uitbuiting")
    for slug in ("binnenlandse-uitbuiting-buiten-seksindustrie", "grensoverschrijdende-uitbuiting-buiten-seksindustrie"):
        assert broader(slug), f"concept/{slug} has no skos:broader"
    for general in ("seksuele-uitbuiting", "arbeidsuitbuiting", "criminele-uitbuiting", "uitbuiting-overig"):
        assert NamedNode(ID + "concept/" + general) in concepts.typed(MH + "ExploitationForm")


# --- shapes.ttl -------------------------------------------------------------------------

def test_every_shape_explains_itself():
    shapes = Graph().parse(SHAPES, format="turtle")
    from rdflib import RDF as R, URIRef
    from rdflib.namespace import RDFS as S
    shacl = lambda name: URIRef(SH + name)
    named = {s for t in ("NodeShape", "PropertyShape") for s in shapes.subjects(R.type, shacl(t))
             if isinstance(s, URIRef)}
    assert len(named) >= 20
    problems = [f"{s}: no rdfs:comment" for s in named if shapes.value(s, S.comment) is None]
    property_shapes = set(shapes.objects(None, shacl("property"))) | set(shapes.subjects(R.type, shacl("PropertyShape")))
    problems += [f"{s}: property shape without sh:message" for s in property_shapes
                 if shapes.value(s, shacl("message")) is None]
    problems += [f"{s}: node-level sh:or without sh:message" for s in named
                 if shapes.value(s, shacl("or")) is not None and shapes.value(s, shacl("message")) is None]
    assert not problems, "\n".join(problems)


def iri(text: str) -> NamedNode:
    prefix, _, local = text.partition(":")
    namespaces = {"mh": MH, "prov": PROV, "rdfs": RDFS, "rdf": RDF, "skos": SKOS, "dct": "http://purl.org/dc/terms/"}
    return NamedNode(namespaces[prefix] + local) if prefix in namespaces else NamedNode(ID + text)


def nl(text: str) -> Literal:
    return Literal(text, language="nl")


def typed(value: str, datatype: str) -> Literal:
    return Literal(value, datatype=NamedNode(XSD + datatype))


GOOD = [
    ("document/brief-x", "rdf:type", iri("mh:Letter")),
    ("document/brief-x", "rdfs:label", nl("Brief over mensenhandel")),
    ("document/brief-x", "mh:documentKind", iri("concept/document-kind-letter")),
    ("report/monitor-x", "rdf:type", iri("mh:Monitor")),
    ("report/monitor-x", "rdfs:label", nl("Monitor mensenhandel")),
    ("report/monitor-x", "rdfs:label", Literal("Trafficking monitor", language="en")),
    ("report/monitor-x", "mh:coversPeriodStart", typed("2011", "gYear")),
    ("actor/minister-x", "rdf:type", iri("mh:Actor")),
    ("actor/minister-x", "rdfs:label", nl("minister van Justitie en Veiligheid")),
    ("actor/minister-x", "skos:altLabel", nl("minister van JenV")),
    ("recommendation/x-1", "rdf:type", iri("mh:Recommendation")),
    ("recommendation/x-1", "rdfs:label", nl("Een verwijsmechanisme instellen")),
    ("recommendation/x-1", "mh:inReport", iri("report/monitor-x")),
    ("recommendation/x-1", "mh:addressedTo", iri("actor/minister-x")),
    ("recommendation/x-1", "mh:number", typed("1", "integer")),
    ("recommendation/x-1", "prov:wasDerivedFrom", iri("document/brief-x")),
    ("recommendation/x-1", "mh:quote", nl("Ik beveel aan een verwijsmechanisme in te stellen.")),
    ("recommendation/x-1", "mh:page", typed("2", "integer")),
    ("response/x-1", "rdf:type", iri("mh:Response")),
    ("response/x-1", "mh:respondsTo", iri("recommendation/x-1")),
    ("response/x-1", "mh:status", iri("status/adopted")),
    ("response/x-1", "mh:respondent", iri("actor/minister-x")),
    ("response/x-1", "prov:wasDerivedFrom", iri("document/brief-x")),
    ("response/x-1", "mh:quote", nl("De minister heeft deze aanbeveling overgenomen.")),
    ("indicator/x", "rdf:type", iri("mh:Indicator")),
    ("indicator/x", "rdfs:label", nl("Aantal gemelde mogelijke slachtoffers")),
    ("observation/x-2014", "rdf:type", iri("mh:Observation")),
    ("observation/x-2014", "mh:measures", iri("indicator/x")),
    ("observation/x-2014", "mh:value", typed("1561", "decimal")),
    ("observation/x-2014", "mh:year", typed("2014", "gYear")),
    ("observation/x-2014", "mh:unit", iri("concept/unit-count")),
    ("observation/x-2014", "mh:observationKind", iri("concept/observation-count")),
    ("observation/x-2014", "mh:about", iri("actor/minister-x")),
    ("observation/x-2014", "prov:wasDerivedFrom", iri("document/brief-x")),
    ("observation/x-2014", "mh:quote", nl("van 1.561 in 2014")),
    *[(fact, "mh:evidence", iri(f"evidence/{n}")) for n, fact in
      enumerate(("recommendation/x-1", "response/x-1", "observation/x-2014", "instrument/toezegging-x"))],
    *[t for n, (quote, page) in enumerate((("Ik beveel aan een verwijsmechanisme in te stellen.", "2"),
                                           ("De minister heeft deze aanbeveling overgenomen.", "3"),
                                           ("van 1.561 in 2014", "1"),
                                           ("Ik zal voor de zomer een verwijsmechanisme instellen.", "4")))
      for t in ((f"evidence/{n}", "rdf:type", iri("mh:Evidence")), (f"evidence/{n}", "prov:entity", iri("document/brief-x")),
                (f"evidence/{n}", "mh:quote", nl(quote)), (f"evidence/{n}", "mh:page", typed(page, "integer")),
                (f"evidence/{n}", "mh:quoteStart", typed("10", "integer")),
                (f"evidence/{n}", "mh:quoteEnd", typed("60", "integer")))],
    ("instrument/x", "rdf:type", iri("mh:Pilot")),
    ("instrument/x", "rdfs:label", nl("Pilot x")),
    ("instrument/x", "mh:targets", iri("concept/criminele-uitbuiting")),
    ("instrument/x", "mh:startDate", typed("2016", "gYear")),
    # a commitment of the register (1.3): text, who, to whom, when, term, status, the letter that kept it
    ("instrument/toezegging-x", "rdf:type", iri("mh:Commitment")),
    ("instrument/toezegging-x", "rdfs:label", nl("Toezegging een verwijsmechanisme in te stellen")),
    ("instrument/toezegging-x", "mh:commitmentText", nl("Ik zal voor de zomer een verwijsmechanisme instellen.")),
    ("instrument/toezegging-x", "mh:proposedBy", iri("actor/minister-x")),
    ("instrument/toezegging-x", "mh:committedTo", iri("actor/minister-x")),
    ("instrument/toezegging-x", "mh:committedOn", typed("2015-09", "gYearMonth")),
    ("instrument/toezegging-x", "mh:deadline", nl("voor de zomer")),
    ("instrument/toezegging-x", "mh:madeIn", iri("document/brief-x")),
    ("instrument/toezegging-x", "mh:commitmentStatus", iri("concept/commitment-fulfilled")),
    ("instrument/toezegging-x", "mh:fulfilledBy", iri("document/brief-x")),
    ("instrument/toezegging-x", "prov:wasDerivedFrom", iri("document/brief-x")),
    ("instrument/toezegging-x", "mh:quote", nl("Ik zal voor de zomer een verwijsmechanisme instellen.")),
]


def graph_of(triples) -> list[Quad]:
    """The hand-made graph with the ontology and the superclass types, as the build makes it."""
    ontology = ontology_quads(ONTOLOGY)
    graph = NamedNode("https://w3id.org/mhkg/graph/test")
    quads = [Quad(iri(s) if isinstance(s, str) else s, iri(p), o, graph) for s, p, o in triples]
    quads = ontology + quads
    return quads + Vocabulary(ontology).inferred_types(quads)


def without(*dropped) -> list:
    return [t for t in GOOD if t[:2] not in dropped and t not in dropped]


def replaced(subject: str, predicate: str, value) -> list:
    return [t for t in GOOD if t[:2] != (subject, predicate)] + [(subject, predicate, value)]


def test_a_good_graph_conforms():
    validate(graph_of(GOOD), shapes=SHAPES)


BAD = {
    "response without quote": (without(("response/x-1", "mh:quote")), "response/x-1", "quote"),
    "response without source": (without(("response/x-1", "prov:wasDerivedFrom")), "response/x-1", "wasDerivedFrom"),
    "status outside the scheme": (replaced("response/x-1", "mh:status", iri("status/maybe")), "response/x-1", "status"),
    "status from another scheme": (replaced("response/x-1", "mh:status", iri("concept/unit-count")), "response/x-1", "status"),
    "response without status": (without(("response/x-1", "mh:status")), "response/x-1", "status"),
    "response to an actor": (replaced("response/x-1", "mh:respondsTo", iri("actor/minister-x")), "response/x-1", "respondsTo"),
    "observation measuring an actor": (replaced("observation/x-2014", "mh:measures", iri("actor/minister-x")),
                                       "observation/x-2014", "measures"),
    "observation without value": (without(("observation/x-2014", "mh:value")), "observation/x-2014", "figure"),
    "year as an integer": (replaced("observation/x-2014", "mh:year", typed("2014", "integer")), "observation/x-2014", "year"),
    "value as a string": (replaced("observation/x-2014", "mh:value", nl("1.561")), "observation/x-2014", "value"),
    "unit outside the scheme": (replaced("observation/x-2014", "mh:unit", iri("concept/unit-fte")), "observation/x-2014", "unit"),
    "kind outside the scheme": (replaced("observation/x-2014", "mh:observationKind", iri("concept/unit-euro")),
                                "observation/x-2014", "observationKind"),
    "recommendation without quote": (without(("recommendation/x-1", "mh:quote")), "recommendation/x-1", "quote"),
    "recommendation without report": (without(("recommendation/x-1", "mh:inReport")), "recommendation/x-1", "inReport"),
    "derived from a report, not a document": (replaced("recommendation/x-1", "prov:wasDerivedFrom", iri("report/monitor-x")),
                                              "recommendation/x-1", "wasDerivedFrom"),
    "two Dutch labels": (GOOD + [("report/monitor-x", "rdfs:label", nl("Tweede naam"))], "report/monitor-x", "label"),
    "only an English label": (replaced("indicator/x", "rdfs:label", Literal("Number", language="en")), "indicator/x", "label"),
    "a label without language": (replaced("actor/minister-x", "rdfs:label", Literal("minister")), "actor/minister-x", "label"),
    "addressed to a literal": (replaced("recommendation/x-1", "mh:addressedTo", nl("de minister")),
                               "recommendation/x-1", "addressedTo"),
    "start date as text": (replaced("instrument/x", "mh:startDate", nl("voorjaar 2016")), "instrument/x", "startDate"),
    "targets a report": (replaced("instrument/x", "mh:targets", iri("report/monitor-x")), "instrument/x", "targets"),
    "quoted fact without evidence": (without(("response/x-1", "mh:evidence")), "response/x-1", "evidence"),
    "evidence without page": (without(("evidence/1", "mh:page")), "evidence/1", "page"),
    "evidence ending before it starts": (replaced("evidence/2", "mh:quoteEnd", typed("5", "integer")),
                                         "evidence/2", "quoteStart"),
    "document kind outside the scheme": (replaced("document/brief-x", "mh:documentKind", iri("status/adopted")),
                                         "document/brief-x", "documentKind"),
    # one model per idea (1.2)
    "a direct dct:references": (GOOD + [("document/brief-x", "dct:references", iri("report/monitor-x"))],
                                "document/brief-x", "mh:cites"),
    "a direct dct:creator": (GOOD + [("report/monitor-x", "dct:creator", iri("actor/minister-x"))],
                             "report/monitor-x", "issuedBy"),
    "participating in an actor": (GOOD + [("actor/minister-x", "mh:participatesIn", iri("actor/minister-x"))],
                                  "actor/minister-x", "Membership"),
    "a deprecated hasDuty": (GOOD + [("reporting-duty/x", "rdf:type", iri("mh:NoReportingDuty")),
                                     ("reporting-duty/x", "mh:dutyHolder", iri("actor/minister-x")),
                                     ("reporting-duty/x", "mh:hasDuty", typed("false", "boolean"))],
                             "reporting-duty/x", "deprecated"),
    "a duty holder of something else": (GOOD + [("instrument/x", "mh:dutyHolder", iri("actor/minister-x"))],
                                        "instrument/x", "dutyHolder"),
    "implementation status outside its scheme": (GOOD + [("instrument/x", "mh:implementationStatus", iri("status/adopted"))],
                                                 "instrument/x", "implementationStatus"),
    "expected entry into force as a year": (GOOD + [("instrument/x", "mh:expectedEntryIntoForce", typed("2025", "gYear"))],
                                            "instrument/x", "expectedEntryIntoForce"),
    # the register of commitments (1.3)
    "commitment without quote": (without(("instrument/toezegging-x", "mh:quote")), "instrument/toezegging-x", "quote"),
    "commitment status outside its scheme": (replaced("instrument/toezegging-x", "mh:commitmentStatus", iri("status/adopted")),
                                             "instrument/toezegging-x", "commitmentStatus"),
    "fulfilled by an actor": (replaced("instrument/toezegging-x", "mh:fulfilledBy", iri("actor/minister-x")),
                              "instrument/toezegging-x", "fulfilledBy"),
    "made in a report": (replaced("instrument/toezegging-x", "mh:madeIn", iri("report/monitor-x")),
                         "instrument/toezegging-x", "madeIn"),
    "committed to a literal": (replaced("instrument/toezegging-x", "mh:committedTo", nl("de Kamer")),
                               "instrument/toezegging-x", "committedTo"),
    "committed on as text": (replaced("instrument/toezegging-x", "mh:committedOn", nl("september 2015")),
                             "instrument/toezegging-x", "committedOn"),
    "commitment text in English": (replaced("instrument/toezegging-x", "mh:commitmentText", Literal("I will", language="en")),
                                   "instrument/toezegging-x", "commitmentText"),
    "a deadline on a response": (GOOD + [("response/x-1", "mh:deadline", nl("voor de zomer"))], "response/x-1", "Commitment"),
}


@pytest.mark.parametrize("case", list(BAD), ids=list(BAD))
def test_a_graph_breaking_the_contract_is_rejected_naming_the_resource(case):
    triples, focus, word = BAD[case]
    with pytest.raises(ShapeViolation) as raised:
        validate(graph_of(triples), shapes=SHAPES)
    lines = [v for v in raised.value.violations if v.startswith(ID + focus + ":")]
    assert lines, f"no violation on {focus}: {raised.value.violations}"
    assert any(word.lower() in v.lower() for v in lines), lines


def test_a_commitment_without_its_text_is_a_warning_only():
    """A suggested commitment may be reviewed before its text is settled: the missing
    mh:commitmentText is advice (sh:Warning), while a text in another language is refused."""
    validate(graph_of(without(("instrument/toezegging-x", "mh:commitmentText"))), shapes=SHAPES)


def test_the_gate_checks_with_the_compiled_shapes_and_with_pyshacl_where_they_do_not_compile(tmp_path):
    """The build's gate reads the contract's shapes compiled (pyshacl took five seconds a build);
    shapes using a component the compiler does not know (sh:pattern) are still enforced, by pyshacl."""
    from kg.validate import Shapes
    assert Shapes(SHAPES).compiled is not None
    patterned = tmp_path / "shapes.ttl"
    patterned.write_text(SHAPES.read_text(encoding="utf-8") + f"""
<urn:shape:monitor-label> a <{SH}NodeShape> ; <{SH}targetClass> <{MH}Monitor> ;
    <{SH}property> [ <{SH}path> <{RDFS}label> ; <{SH}pattern> "^Jaarlijkse" ; <{SH}message> "a monitor's label opens with Jaarlijkse" ] .
""", encoding="utf-8")
    assert Shapes(patterned).compiled is None
    validate(graph_of(GOOD), shapes=SHAPES)
    with pytest.raises(ShapeViolation) as raised:
        validate(graph_of(GOOD), shapes=patterned)
    assert [v for v in raised.value.violations if v.startswith(f"{ID}report/monitor-x: ")
            and "opens with Jaarlijkse" in v], raised.value.violations
