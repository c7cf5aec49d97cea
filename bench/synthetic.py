"""Synthetic graphs of MHKG's shape, at any size, the same for the same seed.

What the real build makes, scaled up: a register graph with organisations (subclasses of
mh:Organisation, with the superclass types the build adds), persons, instruments,
reports, indicators and the source documents; the status scheme in the ontology graph;
and per source document its own named graph (`graph/<slug>`) with passages of
Dutch-like text, mentions of actors and instruments (mh:Mention with its quote, passage
and page, and `mh:mentionedIn` on the thing named), recommendations of reports,
responses with a status, and observations (value, year, indicator, what they are about),
each with its quote and the quote's mh:Evidence, made by kg/evidence.py as the build makes it
(document, page, passage, offsets into the document's text: its passages one after another).

    python -m bench.synthetic 100k       # writes bench/.cache/synthetic-100k-s1-v1.nq (+ .json)

The `.json` beside the file names resources the benchmark asks about (an actor to look
up, a report with many recommendations, an indicator with a long series …), chosen by
the generator so every run asks the same questions of the same data.
"""
from __future__ import annotations

import json
import random
import sys
from dataclasses import dataclass, field
from pathlib import Path

from pyoxigraph import Literal, NamedNode

from kg.evidence import evidence_quads
from kg.text import Located

VERSION = 3
CACHE = Path(__file__).resolve().parent / ".cache"

BASE = "https://w3id.org/mhkg/"
MH = BASE + "def#"
ID = BASE + "id/"
GRAPH = BASE + "graph/"
REGISTER = GRAPH + "register"
ONTOLOGY = GRAPH + "ontology"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
XSD = "http://www.w3.org/2001/XMLSchema#"
PROV = "http://www.w3.org/ns/prov#"
ORG = "http://www.w3.org/ns/org#"
FOAF = "http://xmlns.com/foaf/0.1/"
DCT = "http://purl.org/dc/terms/"

#: The word the text search looks for: in about one passage in a hundred, nowhere else.
SEARCH_WORD = "arbeidsuitbuiting"
SEARCH_RATE = 0.01

STATUSES = [("adopted", "overgenomen", 35), ("partly-adopted", "deels overgenomen", 20),
            ("under-study", "in onderzoek", 15), ("rejected", "niet overgenomen", 10),
            ("deferred", "uitgesteld", 10), ("not-acted-upon", "geen actie ondernomen", 10)]

ORG_CLASSES = ["Ministry", "PoliceOrganisation", "EnforcementAgency", "Inspectorate", "Court", "CareProvider",
               "NonGovernmentalOrganisation", "ResearchInstitute", "Municipality", "InternationalOrganisation",
               "GovernmentBody", "ExpertGroup"]
ORG_PREFIX = {"Ministry": "Ministerie van", "PoliceOrganisation": "Politie-eenheid", "EnforcementAgency": "Dienst",
              "Inspectorate": "Inspectie", "Court": "Rechtbank", "CareProvider": "Zorginstelling",
              "NonGovernmentalOrganisation": "Stichting", "ResearchInstitute": "Kenniscentrum",
              "Municipality": "Gemeente", "InternationalOrganisation": "Bureau", "GovernmentBody": "Raad voor",
              "ExpertGroup": "Expertgroep"}
INSTRUMENT_CLASSES = ["Law", "ActionPlan", "Programme", "Pilot", "Project", "ShelterScheme", "Motion", "Guideline"]
INSTRUMENT_PREFIX = {"Law": "Wet", "ActionPlan": "Actieplan", "Programme": "Programma", "Pilot": "Pilot",
                     "Project": "Project", "ShelterScheme": "Opvangregeling", "Motion": "Motie", "Guideline": "Richtlijn"}
TOPICS = ["Mensenhandel", "Arbeidsbemiddeling", "Jeugdzorg", "Veiligheid", "Justitie", "Migratie", "Opvang",
          "Slachtofferhulp", "Zorg en Welzijn", "Werk en Inkomen", "Prostitutiebeleid", "Ketensamenwerking",
          "Grensbewaking", "Kinderbescherming", "Huisvesting", "Rechtsbijstand", "Integriteit", "Toezicht",
          "Uitbuiting", "Signalering", "Asiel", "Terugkeer", "Onderwijs", "Gezondheid", "Digitale Recherche",
          "Financieel Onderzoek", "Gegevensdeling", "Preventie", "Hulpverlening", "Voorlichting",
          "Sociale Zekerheid", "Arbeidsmigratie", "Economische Delicten", "Vreemdelingenketen",
          "Seksueel Geweld", "Minderjarigen", "Bestuurlijke Aanpak", "Schuldhulp", "Verslavingszorg", "Nazorg"]
PLACES = ["Amsterdam", "Rotterdam", "Den Haag", "Utrecht", "Eindhoven", "Groningen", "Tilburg", "Almere", "Breda",
          "Nijmegen", "Apeldoorn", "Haarlem", "Arnhem", "Enschede", "Amersfoort", "Zaanstad", "Den Bosch",
          "Haarlemmermeer", "Zwolle", "Zoetermeer", "Leiden", "Maastricht", "Dordrecht", "Ede", "Alphen",
          "Westland", "Alkmaar", "Emmen", "Delft", "Venlo", "Deventer", "Sittard", "Helmond", "Oss", "Amstelveen",
          "Hilversum", "Heerlen", "Nissewaard", "Sudwest-Fryslan", "Hengelo", "Purmerend", "Roosendaal",
          "Schiedam", "Lelystad", "Leeuwarden", "Vlaardingen", "Almelo", "Gouda", "Assen", "Zeist", "Katwijk",
          "Veenendaal", "Bergen op Zoom", "Capelle", "Roermond", "Hoorn", "Middelburg", "Terneuzen", "Vlissingen",
          "Noord", "Zuid", "Oost", "West", "Midden-Nederland", "Caribisch Nederland"]
FIRST_NAMES = ["Anna", "Bram", "Carla", "Daan", "Eva", "Femke", "Gerrit", "Hanna", "Ilse", "Jan", "Karin", "Lars",
               "Marieke", "Niels", "Olga", "Pieter", "Rosa", "Sanne", "Thijs", "Ursula", "Vera", "Willem", "Yara",
               "Zeger", "Corinne", "Herman", "Linda", "Ahmed", "Fatima", "Joost"]
LAST_NAMES = ["de Vries", "Jansen", "van den Berg", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder",
              "de Groot", "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker", "Brouwer", "de Wit", "Dijkstra",
              "Smits", "de Graaf", "van der Meer", "van der Linden", "Kok", "Jacobs", "de Haan", "Vermeulen",
              "van den Heuvel", "van der Veen", "van den Broek", "Dettmeijer", "Kuipers", "Schouten", "Willems"]
INDICATOR_WHAT = ["mogelijke slachtoffers", "geregistreerde slachtoffers", "verdachten", "veroordelingen",
                  "meldingen", "opvangplaatsen", "zaken ingestroomd bij het OM", "B8-verblijfsvergunningen",
                  "onderzoeken", "signalen", "inspecties", "boetes", "aangiften", "uitgezette arbeidsmigranten"]
INDICATOR_WHO = ["gemeld bij CoMensha", "in de opvang", "van arbeidsuitbuiting", "van seksuele uitbuiting",
                 "van criminele uitbuiting", "minderjarig", "uit de EU", "van buiten de EU", "per regio",
                 "in de zorg", "in de land- en tuinbouw", "in de horeca", "in de logistiek", "online geworven"]

#: Words of the passages: common Dutch function words and the vocabulary of the dossier.
FUNCTION_WORDS = ("de het een en van in op te dat die is voor met zijn niet aan er om ook als bij of door "
                  "naar dan over nog wel wordt worden tot uit kan meer deze zij heeft hebben maar").split()
DOMAIN_WORDS = ("mensenhandel slachtoffers slachtoffer uitbuiting aanpak ketenpartners opvang signalering "
                "gemeenten politie toezicht vervolging rapporteur aanbeveling aanbevelingen kabinet minister "
                "maatregelen onderzoek monitor cijfers registratie zorg bescherming verblijfsregeling "
                "samenwerking regio's gemeente expertise capaciteit wetgeving strafrecht daders verdachten "
                "rechtspraak informatie gegevens uitwisseling programma actieplan pilot evaluatie ontwikkeling "
                "kwetsbare jongeren minderjarigen arbeidsmigranten prostitutie sector werkgevers inspectie "
                "hulpverlening signalen meldingen bestuurlijke barrières integrale benadering verbetering "
                "knelpunten doorlooptijd beleid financiering middelen ondersteuning coördinatie landelijke "
                "regionale internationale europese richtlijn verplichting rapportage voortgang resultaten "
                "Kamer brief vragen antwoord beantwoording toezegging motie uitvoering").split()
SENTENCE_ENDS = [".", ".", ".", ";", "."]


def parse_size(text: str) -> int:
    """`100k`, `1m`, `5M`, `250000` → a number of triples."""
    text = text.strip().lower().replace("_", "")
    factor = {"k": 1_000, "m": 1_000_000}.get(text[-1:], 1)
    number = text[:-1] if factor != 1 else text
    return int(float(number) * factor)


def size_name(triples: int) -> str:
    if triples % 1_000_000 == 0:
        return f"{triples // 1_000_000}m"
    if triples % 1_000 == 0:
        return f"{triples // 1_000}k"
    return str(triples)


def slugify(text: str) -> str:
    import re
    import unicodedata
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def _literal(value: str, lang: str | None = "nl", datatype: str | None = None) -> str:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    if datatype:
        return f'"{escaped}"^^<{datatype}>'
    return f'"{escaped}"@{lang}' if lang else f'"{escaped}"'


@dataclass
class Entity:
    iri: str
    slug: str
    label: str
    mentions: int = 0


@dataclass
class Facts:
    """What the generator made, and the resources the benchmark asks about."""
    triples: int = 0
    counts: dict = field(default_factory=dict)
    params: dict = field(default_factory=dict)


class Writer:
    def __init__(self, out):
        self.out = out
        self.count = 0

    def iri(self, s: str, p: str, o: str, g: str) -> None:
        self.out.write(f"<{s}> <{p}> <{o}> <{g}> .\n")
        self.count += 1

    def lit(self, s: str, p: str, literal: str, g: str) -> None:
        self.out.write(f"<{s}> <{p}> {literal} <{g}> .\n")
        self.count += 1

    def quads(self, quads) -> None:
        for quad in quads:
            self.out.write(f"{quad} .\n")
        self.count += len(quads)


class Generator:
    """Writes one graph of about `target` triples; all choices come from `Random(seed)`."""

    def __init__(self, target: int, seed: int = 1):
        self.target = target
        self.rng = random.Random(seed)
        scale = max(target, 2_000)
        self.n_orgs = max(40, scale // 60)
        self.n_persons = max(10, scale // 400)
        self.n_instruments = max(20, scale // 250)
        self.n_reports = max(5, scale // 5_000)
        self.n_indicators = max(8, scale // 10_000)
        self.recommendations_of: dict[str, int] = {}
        self.observations_of: dict[str, int] = {}
        self.counts = {k: 0 for k in ("organisations", "persons", "instruments", "reports", "indicators",
                                      "documents", "passages", "mentions", "recommendations", "responses",
                                      "observations")}

    # ---- names -------------------------------------------------------------------------
    def _unique(self, kind: str, label: str, taken: set) -> Entity:
        slug, n = slugify(label), 1
        while slug in taken:
            n += 1
            slug = f"{slugify(label)}-{n}"
        if n > 1:
            label = f"{label} ({n})"
        taken.add(slug)
        return Entity(f"{ID}{kind}/{slug}", slug, label)

    def _text(self, words: int, extra: list[str] = ()) -> str:
        rng = self.rng
        tokens = []
        for i in range(words):
            tokens.append(rng.choice(FUNCTION_WORDS) if rng.random() < 0.45 else rng.choice(DOMAIN_WORDS))
        for word in extra:
            tokens.insert(rng.randrange(len(tokens) + 1), word)
        sentences, start = [], 0
        while start < len(tokens):
            end = min(len(tokens), start + rng.randint(8, 18))
            sentence = " ".join(tokens[start:end])
            sentences.append(sentence[0].upper() + sentence[1:] + rng.choice(SENTENCE_ENDS))
            start = end
        return " ".join(sentences)

    def _zipf(self, items: list, s: float = 1.1):
        """An item, the first ones far more often than the last (as real mentions are)."""
        n = len(items)
        # inverse-CDF of a continuous power law over ranks 1..n
        u = self.rng.random()
        rank = int(((n ** (1 - s) - 1) * u + 1) ** (1 / (1 - s)))
        return items[min(max(rank, 1), n) - 1]

    # ---- the graph ---------------------------------------------------------------------
    def write(self, out) -> Facts:
        w = Writer(out)
        self._statuses(w)
        self._register(w)
        documents = 0
        while w.count < self.target:
            self._document(w, documents)
            documents += 1
        self.counts["documents"] = documents
        return self._facts(w)

    def _statuses(self, w: Writer) -> None:
        for slug, label, _ in STATUSES:
            iri = f"{ID}status/{slug}"
            w.iri(iri, RDF + "type", SKOS + "Concept", ONTOLOGY)
            w.iri(iri, RDF + "type", MH + "Status", ONTOLOGY)
            w.lit(iri, RDFS + "label", _literal(label), ONTOLOGY)
            w.iri(iri, SKOS + "inScheme", f"{ID}concept/response-status", ONTOLOGY)
        self.status_iris = [f"{ID}status/{s}" for s, _, _ in STATUSES]
        self.status_weights = [weight for _, _, weight in STATUSES]

    def _register(self, w: Writer) -> None:
        rng, g = self.rng, REGISTER
        taken: set = set()
        self.orgs, self.org_class = [], {}
        for i in range(self.n_orgs):
            cls = ORG_CLASSES[i % len(ORG_CLASSES)] if i < 60 else rng.choice(ORG_CLASSES)
            label = f"{ORG_PREFIX[cls]} {rng.choice(TOPICS)} {rng.choice(PLACES)}"
            org = self._unique("actor", label, taken)
            self.orgs.append(org)
            self.org_class[org.iri] = cls
            for t in (MH + cls, MH + "Organisation", ORG + "Organization", MH + "Actor"):
                w.iri(org.iri, RDF + "type", t, g)
            w.lit(org.iri, RDFS + "label", _literal(org.label), g)
            abbreviation = "".join(part[0] for part in org.label.split() if part[0].isalpha()).upper()
            w.lit(org.iri, SKOS + "altLabel", _literal(abbreviation + (str(i) if i % 3 else "")), g)
            if i % 4 == 0:
                w.lit(org.iri, RDFS + "label", _literal(f"{org.label} (organisation)", "en"), g)
        self.counts["organisations"] = self.n_orgs
        self.persons = []
        for i in range(self.n_persons):
            name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
            person = self._unique("person", name, taken)
            self.persons.append(person)
            for t in (MH + "Person", FOAF + "Person", MH + "Actor"):
                w.iri(person.iri, RDF + "type", t, g)
            w.lit(person.iri, RDFS + "label", _literal(person.label), g)
            w.lit(person.iri, FOAF + "name", _literal(person.label, None), g)
        self.counts["persons"] = self.n_persons
        self.instruments = []
        for i in range(self.n_instruments):
            cls = rng.choice(INSTRUMENT_CLASSES)
            label = f"{INSTRUMENT_PREFIX[cls]} {rng.choice(TOPICS).lower()} {rng.randint(1995, 2024)}"
            instrument = self._unique("instrument", label, taken)
            self.instruments.append(instrument)
            w.iri(instrument.iri, RDF + "type", MH + cls, g)
            w.iri(instrument.iri, RDF + "type", MH + "Instrument", g)
            w.lit(instrument.iri, RDFS + "label", _literal(instrument.label), g)
            if i % 2 == 0:
                w.lit(instrument.iri, SKOS + "altLabel", _literal(cls.upper()[:3] + str(i)), g)
        self.counts["instruments"] = self.n_instruments
        self.reports = []
        for i in range(self.n_reports):
            start = rng.randint(2000, 2020)
            kind = rng.choice(["Monitor", "ResearchReport"])
            title = "Monitor" if kind == "Monitor" else "Rapportage"
            label = f"{title} {rng.choice(TOPICS).lower()} {start}-{start + 4}"
            report = self._unique("report", label, taken)
            self.reports.append(report)
            for t in (MH + kind, MH + "Report"):
                w.iri(report.iri, RDF + "type", t, g)
            w.lit(report.iri, RDFS + "label", _literal(report.label), g)
            w.iri(report.iri, MH + "issuedBy", self.orgs[i % min(len(self.orgs), 20)].iri, g)
            w.lit(report.iri, MH + "coversPeriodStart", _literal(str(start), datatype=XSD + "gYear"), g)
            w.lit(report.iri, MH + "coversPeriodEnd", _literal(str(start + 4), datatype=XSD + "gYear"), g)
        self.counts["reports"] = self.n_reports
        self.indicators = []
        for i in range(self.n_indicators):
            label = f"Aantal {rng.choice(INDICATOR_WHAT)} {rng.choice(INDICATOR_WHO)}"
            indicator = self._unique("indicator", label, taken)
            self.indicators.append(indicator)
            w.iri(indicator.iri, RDF + "type", MH + "Indicator", g)
            w.lit(indicator.iri, RDFS + "label", _literal(indicator.label), g)
        self.counts["indicators"] = self.n_indicators
        self.taken = taken
        # who is named in the text: organisations most, then instruments, persons
        self.nameable = self.orgs + self.instruments + self.persons
        rng.shuffle(self.nameable)
        self.ministries = [o for o in self.orgs if self.org_class[o.iri] == "Ministry"]

    def _document(self, w: Writer, number: int) -> None:
        rng = self.rng
        year = rng.randint(2005, 2024)
        kind = rng.choice(["Kamerstuk", "ParliamentaryQuestions", "Letter"])
        slug = f"kst-{30000 + number // 200}-{number % 200 + 1}" if kind == "Kamerstuk" else \
            f"ah-tk-{year}{year + 1}-{number}" if kind == "ParliamentaryQuestions" else f"brief-{year}-{number}"
        doc = f"{ID}document/{slug}"
        g = GRAPH + slug
        heading = {"Kamerstuk": "Kamerbrief", "ParliamentaryQuestions": "Vragen", "Letter": "Brief"}[kind]
        title = f"{heading} over {rng.choice(TOPICS).lower()} ({slug})"
        for t in (MH + kind, MH + "SourceDocument"):
            w.iri(doc, RDF + "type", t, REGISTER)
        w.lit(doc, RDFS + "label", _literal(title), REGISTER)
        w.lit(doc, DCT + "identifier", _literal(slug, None), REGISTER)
        w.lit(doc, MH + "dateSent", _literal(f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                                             datatype=XSD + "date"), g)
        passages = []
        n_passages = rng.randint(12, 28)
        page, offset = 1, 0           # the document's text is its passages, one after another
        for p in range(1, n_passages + 1):
            piri = f"{ID}passage/{slug}-alinea-{p:03d}"
            # the searched word in one passage in a hundred, and always in the very first one
            extra = [SEARCH_WORD] if rng.random() < SEARCH_RATE or number == p - 1 == 0 else []
            named = list({e.slug: e for e in (self._zipf(self.nameable)
                                             for _ in range(rng.choice((0, 1, 1, 1, 2, 2, 3))))}.values())
            text = self._text(rng.randint(40, 110), extra + [e.label for e in named])
            page += rng.random() < 0.3
            w.iri(piri, RDF + "type", MH + "Passage", g)
            w.iri(piri, RDF + "type", MH + "Paragraph", g)
            w.iri(piri, MH + "inDocument", doc, g)
            w.lit(piri, MH + "order", _literal(str(p), datatype=XSD + "integer"), g)
            w.lit(piri, MH + "page", _literal(str(page), datatype=XSD + "integer"), g)
            w.lit(piri, MH + "startOffset", _literal(str(offset), datatype=XSD + "integer"), g)
            w.lit(piri, MH + "endOffset", _literal(str(offset + len(text)), datatype=XSD + "integer"), g)
            w.lit(piri, MH + "number", _literal(str(p), None), g)
            w.lit(piri, RDFS + "label", _literal(f"Alinea {p} — {title}"), g)
            w.lit(piri, MH + "text", _literal(text), g)
            passages.append((piri, page, text, offset))
            offset += len(text) + 2
            for entity in named:
                kind_slug = entity.iri[len(ID):].replace("/", "-")
                miri = f"{ID}mention/{slug}-alinea-{p:03d}-{kind_slug}"
                sentence = next((s for s in text.split(". ") if entity.label in s), entity.label)
                w.iri(miri, RDF + "type", MH + "Mention", g)
                w.iri(miri, MH + "mentionOf", entity.iri, g)
                w.iri(miri, PROV + "wasDerivedFrom", doc, g)
                w.lit(miri, MH + "quote", _literal(sentence), g)
                w.iri(miri, MH + "passage", piri, g)
                w.lit(miri, MH + "page", _literal(str(page), datatype=XSD + "integer"), g)
                w.iri(entity.iri, MH + "mentionedIn", piri, g)
                w.iri(entity.iri, MH + "mentionedIn", doc, g)
                entity.mentions += 1
                self.counts["mentions"] += 1
        self.counts["passages"] += n_passages
        # recommendations of a report, most with the government's response
        if rng.random() < 0.6:
            report = self._zipf(self.reports, 0.6)
            for _ in range(rng.randint(1, 6)):
                self._recommendation(w, g, doc, report, passages)
        for _ in range(rng.randint(0, 8)):
            self._observation(w, g, doc, passages, year)

    def _statement(self, w: Writer, iri: str, g: str, doc: str, passages: list) -> None:
        """A fact's quote (the start of a passage), page and passage, and its mh:Evidence."""
        piri, page, text, start = self.rng.choice(passages)
        quote = " ".join(text.split()[:14])
        w.iri(iri, PROV + "wasDerivedFrom", doc, g)
        w.lit(iri, MH + "quote", _literal(quote), g)
        w.lit(iri, MH + "page", _literal(str(page), datatype=XSD + "integer"), g)
        w.iri(iri, MH + "passage", piri, g)
        w.quads(evidence_quads(NamedNode(iri), doc[len(ID + "document/"):], Literal(quote, language="nl"),
                               Located(start, start + len(quote), page), NamedNode(piri), NamedNode(g)))

    def _recommendation(self, w: Writer, g: str, doc: str, report: Entity, passages: list) -> None:
        rng = self.rng
        number = self.recommendations_of[report.slug] = self.recommendations_of.get(report.slug, 0) + 1
        iri = f"{ID}recommendation/{report.slug}-{number}"
        addressee = self._zipf(self.orgs)
        w.iri(iri, RDF + "type", MH + "Recommendation", g)
        w.lit(iri, RDFS + "label", _literal(
            f"{rng.choice(['Versterk', 'Verbeter', 'Onderzoek', 'Borg', 'Breid uit'])} de "
            f"{rng.choice(DOMAIN_WORDS)} van {addressee.label} ({report.slug} {number})"), g)
        w.iri(iri, MH + "inReport", report.iri, g)
        w.iri(iri, MH + "addressedTo", addressee.iri, g)
        w.iri(iri, MH + "recommendedBy", self.orgs[0].iri, g)
        w.lit(iri, MH + "number", _literal(str(number), datatype=XSD + "integer"), g)
        self._statement(w, iri, g, doc, passages)
        self.counts["recommendations"] += 1
        if rng.random() < 0.75:
            riri = f"{ID}response/{report.slug}-{number}"
            status = rng.choices(self.status_iris, self.status_weights)[0]
            w.iri(riri, RDF + "type", MH + "Response", g)
            w.lit(riri, RDFS + "label", _literal(f"Reactie op aanbeveling {number} van {report.label}"), g)
            w.iri(riri, MH + "respondsTo", iri, g)
            w.iri(riri, MH + "status", status, g)
            w.iri(riri, MH + "respondent", rng.choice(self.ministries or self.orgs).iri, g)
            w.iri(riri, MH + "inDocument", doc, g)
            self._statement(w, riri, g, doc, passages)
            self.counts["responses"] += 1

    def _observation(self, w: Writer, g: str, doc: str, passages: list, year: int) -> None:
        rng = self.rng
        self.counts["observations"] += 1
        indicator = self._zipf(self.indicators, 0.8)
        about = self._zipf(self.orgs)
        observed = rng.randint(max(1995, year - 6), year)
        value = rng.randint(3, 5000) if rng.random() < 0.8 else round(rng.uniform(0, 100), 1)
        iri = f"{ID}observation/{indicator.slug}-{observed}-{self.counts['observations']}"
        w.iri(iri, RDF + "type", MH + "Observation", g)
        w.lit(iri, RDFS + "label", _literal(f"{value} {indicator.label.lower()} in {observed}"), g)
        w.iri(iri, MH + "measures", indicator.iri, g)
        w.lit(iri, MH + "value", _literal(str(value), datatype=XSD + "decimal"), g)
        w.lit(iri, MH + "year", _literal(str(observed), datatype=XSD + "gYear"), g)
        w.iri(iri, MH + "about", about.iri, g)
        w.iri(iri, MH + "inReport", self.rng.choice(self.reports).iri, g)
        w.iri(iri, MH + "reportedBy", self.orgs[0].iri, g)
        self._statement(w, iri, g, doc, passages)
        self.observations_of[indicator.slug] = self.observations_of.get(indicator.slug, 0) + 1

    def _facts(self, w: Writer) -> Facts:
        by_mentions = sorted(self.orgs, key=lambda e: (-e.mentions, e.slug))
        # look up actors of every popularity: a spread over the ranking, not only the top
        step = max(1, len(by_mentions) // 20)
        lookups = [e.slug for e in by_mentions[::step][:20]]
        recs, obs = self.recommendations_of, self.observations_of
        report = max(self.reports, key=lambda r: (recs.get(r.slug, 0), r.slug))
        indicator = max(self.indicators, key=lambda i: (obs.get(i.slug, 0), i.slug))
        return Facts(w.count, dict(self.counts), {
            "actors": lookups,
            "report": report.slug,
            "report_recommendations": recs.get(report.slug, 0),
            "indicator": indicator.slug,
            "indicator_observations": obs.get(indicator.slug, 0),
            "status": "adopted",
            "year_from": 2015,
            "search_word": SEARCH_WORD,
        })


def generate(target: int, path: Path, seed: int = 1) -> Facts:
    """Write a graph of about `target` triples to `path` (N-Quads) and its facts beside it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    with tmp.open("w", encoding="utf-8", buffering=1 << 20) as out:
        facts = Generator(target, seed).write(out)
    tmp.replace(path)
    path.with_suffix(".json").write_text(json.dumps(
        {"triples": facts.triples, "counts": facts.counts, "params": facts.params}, indent=2) + "\n")
    return facts


def cached(target: int, seed: int = 1, cache: Path = CACHE) -> tuple[Path, dict]:
    """The N-Quads file of this size and seed, generated once; and its facts."""
    path = cache / f"synthetic-{size_name(target)}-s{seed}-v{VERSION}.nq"
    if not path.is_file() or not path.with_suffix(".json").is_file():
        generate(target, path, seed)
    return path, json.loads(path.with_suffix(".json").read_text())


if __name__ == "__main__":
    for arg in sys.argv[1:] or ["100k"]:
        nq, info = cached(parse_size(arg))
        print(nq, info["triples"], info["counts"])
