"""Compiling the curated fact files (kg/facts/*.yaml) to RDF quads.

The format is described in kg/facts/README.md. This module reads the files, checks every
term against the ontology and every quote against its document, and emits quads:
entities into the register graph, records and statements into their document's graph,
each carrying its quote, page, passage and document (docs/CONTRACT.md §4).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Callable, Iterable

import yaml
from pyoxigraph import Literal, NamedNode, Quad

from . import iris
from .evidence import evidence_quads, integer
from .iris import PREFIXES, document_graph, expand
from .ontology import Vocabulary
from .text import Located

FACTS_DIR = Path(__file__).with_name("facts")

RDF_TYPE = expand("rdf:type")
RDFS_LABEL = expand("rdfs:label")
ALT_LABEL = expand("skos:altLabel")
XSD = PREFIXES["xsd"]
LANG_STRING = PREFIXES["rdf"] + "langString"

_RESERVED = {"a", "label", "en", "altLabels", "quote", "page", "mentions", "surface"}


class FactError(ValueError):
    """A fact file says something the build cannot accept; names the file and the place."""

    def __init__(self, file: Path, where: str, message: str):
        super().__init__(f"{file}: {where}: {message}")
        self.file, self.where, self.message = file, where, message


@dataclass
class Entity:
    """A thing of the register, merged over every file that declares it."""
    iri: NamedNode
    label: str
    declared_in: Path
    types: set[str] = field(default_factory=set)
    english: str | None = None
    alt_labels: list[str] = field(default_factory=list)
    surface: list[str] = field(default_factory=list)
    mentions: bool = True
    properties: list[tuple[str, object]] = field(default_factory=list)

    @property
    def search_labels(self) -> list[str]:
        return [self.label, *self.alt_labels, *self.surface] if self.mentions else []


@dataclass
class FactFile:
    path: Path
    document: str | None
    entities: dict
    records: dict
    statements: list


#: libyaml's parser where PyYAML has it (ten times faster), with the same safe constructor.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_file(path: Path) -> FactFile:
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_YAML_LOADER) or {}
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "syntax"
        raise FactError(path, where, f"YAML syntax error: {getattr(err, 'problem', err)}") from err
    if not isinstance(data, dict):
        raise FactError(path, "top level", "expected a mapping with document/entities/records/statements")
    unknown = set(data) - {"document", "entities", "records", "statements"}
    if unknown:
        raise FactError(path, "top level", f"unknown section(s) {sorted(unknown)}")
    return FactFile(path, data.get("document"), data.get("entities") or {},
                    data.get("records") or {}, data.get("statements") or [])


class Compiler:
    """Turns fact files into quads, checked against the ontology and the corpus.

    `locate(document_slug, quote)` finds a quote (kg.text.DocumentText.locate);
    `passage_at(document_slug, offset)` names the passage IRI holding an offset."""

    def __init__(self, vocabulary: Vocabulary, documents: dict[str, object],
                 locate: Callable[[str, str], list[Located]],
                 passage_at: Callable[[str, int], NamedNode | None]):
        self.vocabulary = vocabulary
        self.documents = documents
        self.locate = locate
        self.passage_at = passage_at
        self.entities: dict[str, Entity] = {}
        self.errors: list[FactError] = []

    # --- entities -------------------------------------------------------------------
    def collect_entities(self, files: list[FactFile]) -> None:
        for fact_file in files:
            for key, spec in fact_file.entities.items():
                self._guard(fact_file.path, f"entity {key}", self._add_entity, fact_file.path, key, spec)

    def _add_entity(self, path: Path, key: str, spec: dict) -> None:
        iri = self._thing(key)
        if not isinstance(spec, dict) or not isinstance(spec.get("label"), str):
            raise ValueError("an entity needs a `label` (its one Dutch name)")
        unknown = {k for k in spec if k not in _RESERVED and ":" not in k}
        if unknown:
            raise ValueError(f"unknown key(s) {sorted(unknown)}")
        types = {self._class(t) for t in _as_list(spec.get("a"))}
        if not types:
            raise ValueError("an entity needs a type (`a: mh:...`)")
        known = self.entities.get(key)
        if known is None:
            known = self.entities[key] = Entity(iri, spec["label"], path)
        elif known.label != spec["label"]:
            raise ValueError(f"label {spec['label']!r} differs from {known.label!r} declared in {known.declared_in.name}")
        known.types |= types
        if spec.get("en"):
            known.english = known.english or spec["en"]
        for alt in _as_list(spec.get("altLabels")):
            if alt not in known.alt_labels:
                known.alt_labels.append(str(alt))
        known.surface += [str(s) for s in _as_list(spec.get("surface")) if s not in known.surface]
        known.mentions = known.mentions and spec.get("mentions", True) is not False
        known.properties += [(k, v) for k, v in spec.items() if ":" in k]

    def entity_quads(self) -> Iterable[Quad]:
        graph = NamedNode(iris.REGISTER_GRAPH)
        for key in sorted(self.entities):
            entity = self.entities[key]
            for type_iri in sorted(entity.types):
                yield Quad(entity.iri, RDF_TYPE, NamedNode(type_iri), graph)
            yield Quad(entity.iri, RDFS_LABEL, Literal(entity.label, language="nl"), graph)
            if entity.english:
                yield Quad(entity.iri, RDFS_LABEL, Literal(entity.english, language="en"), graph)
            for alt in entity.alt_labels:
                yield Quad(entity.iri, ALT_LABEL, Literal(alt, language="nl"), graph)
            for prop, value in entity.properties:
                predicate = self._property(prop)
                for obj in self._values(predicate, value):
                    yield Quad(entity.iri, predicate, obj, graph)

    # --- records and statements ------------------------------------------------------
    def document_quads(self, fact_file: FactFile) -> list[Quad]:
        quads: list[Quad] = []
        slug = fact_file.document
        if fact_file.records or fact_file.statements:
            if slug not in self.documents:
                self.errors.append(FactError(fact_file.path, "document", f"unknown document {slug!r} (see kg/corpus/manifest.yaml)"))
                return quads
        for key, spec in fact_file.records.items():
            self._guard(fact_file.path, f"record {key}", lambda: quads.extend(self._record(slug, key, spec)))
        for number, spec in enumerate(fact_file.statements, start=1):
            self._guard(fact_file.path, f"statement {number}", lambda: quads.extend(self._statement(slug, spec)))
        return quads

    def _record(self, slug: str, key: str, spec: dict) -> list[Quad]:
        graph = document_graph(slug)
        subject = self._thing(key)
        if not isinstance(spec, dict):
            raise ValueError("a record is a mapping of properties")
        unknown = {k for k in spec if k not in _RESERVED and ":" not in k}
        if unknown:
            raise ValueError(f"unknown key(s) {sorted(unknown)}")
        quads = [Quad(subject, RDF_TYPE, NamedNode(self._class(t)), graph) for t in _as_list(spec.get("a"))]
        if spec.get("label"):
            quads.append(Quad(subject, RDFS_LABEL, Literal(str(spec["label"]), language="nl"), graph))
        if spec.get("en"):
            quads.append(Quad(subject, RDFS_LABEL, Literal(str(spec["en"]), language="en"), graph))
        for alt in _as_list(spec.get("altLabels")):
            quads.append(Quad(subject, ALT_LABEL, Literal(str(alt), language="nl"), graph))
        for prop, value in spec.items():
            if ":" in prop:
                predicate = self._property(prop)
                quads += [Quad(subject, predicate, obj, graph) for obj in self._values(predicate, value)]
        quotes = _as_list(spec.get("quote"))
        if not quotes:
            raise ValueError("a record needs a `quote` from its document")
        pages = _pages(spec)
        for quote in quotes:
            quads += self._provenance(subject, slug, str(quote), graph, pages)
        return quads

    def _statement(self, slug: str, spec: dict) -> list[Quad]:
        graph = document_graph(slug)
        if not isinstance(spec, dict) or not spec.get("quote") or not spec.get("says"):
            raise ValueError("a statement needs `quote` and `says` (a list of [subject, predicate, object])")
        pages = _pages(spec)
        quads: list[Quad] = []
        for triple in spec["says"]:
            if not isinstance(triple, list) or len(triple) != 3:
                raise ValueError(f"{triple!r} is not [subject, predicate, object]")
            subject, predicate = self._resource(triple[0]), self._property(triple[1])
            for obj in self._values(predicate, triple[2]):
                quads.append(Quad(subject, predicate, obj, graph))
                statement = iris.statement(slug, subject, predicate, obj)
                quads += [
                    Quad(statement, RDF_TYPE, expand("mh:Statement"), graph),
                    Quad(statement, expand("rdf:subject"), subject, graph),
                    Quad(statement, expand("rdf:predicate"), predicate, graph),
                    Quad(statement, expand("rdf:object"), obj, graph),
                ]
                for quote in _as_list(spec["quote"]):
                    quads += self._provenance(statement, slug, str(quote), graph, pages)
        return quads

    def _provenance(self, subject: NamedNode, slug: str, quote: str, graph: NamedNode,
                    pages: list[int] = ()) -> list[Quad]:
        """The fact's document, quote, page and passage (CONTRACT §4), and one `mh:Evidence`
        node pairing this quote with the place the build finds it: its first occurrence, or its
        first on one of the curated `pages`, which must be a page the quote stands on."""
        hits = self.locate(slug, quote)
        if not hits:
            raise ValueError(f"quote not found in document {slug}: {quote!r}")
        on_page = [hit for hit in hits if hit.page in pages] if pages else hits
        if not on_page:
            found = ", ".join(str(p) for p in sorted({hit.page for hit in hits}))
            raise ValueError(f"quote {quote!r} stands on page {found} of {slug}, not on page "
                             f"{', '.join(map(str, pages))} as `page` says")
        first = on_page[0]
        text = Literal(" ".join(quote.split()), language="nl")
        passage = self.passage_at(slug, first.start)
        quads = [Quad(subject, expand("prov:wasDerivedFrom"), iris.thing("document", slug), graph),
                 Quad(subject, expand("mh:quote"), text, graph),
                 Quad(subject, expand("mh:page"), integer(first.page), graph)]
        if passage is not None:
            quads.append(Quad(subject, expand("mh:passage"), passage, graph))
        return quads + evidence_quads(subject, slug, text, first, passage, graph)

    # --- terms and values ------------------------------------------------------------
    def _thing(self, key: str) -> NamedNode:
        kind, sep, slug = str(key).partition("/")
        if not sep:
            raise ValueError(f"{key!r} is not <kind>/<slug>")
        return iris.thing(kind, slug)

    def _class(self, curie: str) -> str:
        iri = expand(str(curie)).value
        if not self.vocabulary.is_class(iri):
            raise ValueError(f"unknown class {curie!r} (not in the ontology)")
        return iri

    def _property(self, curie: str) -> NamedNode:
        iri = expand(str(curie))
        if not self.vocabulary.is_property(iri.value):
            raise ValueError(f"unknown property {curie!r} (not in the ontology)")
        return iri

    def _resource(self, value) -> NamedNode:
        text = str(value)
        if text.startswith("<") and text.endswith(">"):
            return NamedNode(text[1:-1])
        if "/" in text and text.split("/", 1)[0] in iris.KINDS:
            return self._thing(text)
        if ":" in text and text.split(":", 1)[0] in PREFIXES:
            return expand(text)
        raise ValueError(f"{value!r} is not a resource (<kind>/<slug>, prefix:name or <IRI>)")

    def _values(self, predicate: NamedNode, value) -> list:
        return [self._value(predicate, item) for item in _as_list(value)]

    def _value(self, predicate: NamedNode, value):
        range_iri = self.vocabulary.range_of(predicate.value)
        if isinstance(value, dict):
            if "value" not in value:
                raise ValueError(f"{value!r}: a literal mapping needs `value`")
            if value.get("lang"):
                return Literal(str(value["value"]), language=value["lang"])
            if value.get("datatype"):
                return _typed(str(value["value"]), expand(value["datatype"]).value)
            return Literal(str(value["value"]))
        if isinstance(value, str) and not self.vocabulary.is_literal_range(range_iri):
            try:
                return self._resource(value)
            except ValueError:
                if self.vocabulary.is_object_property(predicate.value):
                    raise
        if range_iri and range_iri.startswith(XSD):
            return _typed(_lexical(value), range_iri)
        if isinstance(value, bool):
            return _typed(str(value).lower(), XSD + "boolean")
        if isinstance(value, int):
            return _typed(str(value), XSD + "integer")
        if isinstance(value, float):
            return _typed(str(Decimal(str(value))), XSD + "decimal")
        if isinstance(value, dt.date):
            return _typed(value.isoformat(), XSD + "date")
        return Literal(str(value), language="nl")

    def _guard(self, path: Path, where: str, action, *args) -> None:
        try:
            action(*args)
        except ValueError as err:
            self.errors.append(FactError(path, where, str(err)))


def _as_list(value) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _pages(spec: dict) -> list[int]:
    """The curated `page` of a record or statement (one or a list): where its quotes stand."""
    pages = _as_list(spec.get("page"))
    if not all(isinstance(p, int) and not isinstance(p, bool) and p > 0 for p in pages):
        raise ValueError(f"`page` must be a page number or a list of them, not {spec.get('page')!r}")
    return pages


def _lexical(value) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float):
        return str(Decimal(str(value)))
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


_CHECKS = {
    "decimal": lambda v: Decimal(v) if v.strip() else int(""),
    "integer": int,
    "gYear": lambda v: dt.date(int(v), 1, 1) if len(v) == 4 else int(""),
    "date": dt.date.fromisoformat,
    "boolean": lambda v: {"true": 1, "false": 0}[v],
}


def _typed(lexical: str, datatype: str) -> Literal:
    """A typed literal, refusing a lexical form its datatype does not allow."""
    check = _CHECKS.get(datatype.removeprefix(XSD))
    if check:
        try:
            check(lexical)
        except (ValueError, KeyError, InvalidOperation):
            raise ValueError(f"{lexical!r} is not a valid {datatype.removeprefix(XSD)}") from None
    if datatype == XSD + "string":
        return Literal(lexical)
    return Literal(lexical, datatype=NamedNode(datatype))
