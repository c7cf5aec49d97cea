"""The SHACL gate: the graph must conform to ontology/shapes.ttl before it is loaded."""
from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Callable

from pyoxigraph import DefaultGraph, NamedNode, Quad, RdfFormat, serialize
from pyoxigraph import Literal as OxLiteral
from rdflib import Graph, Namespace, URIRef
from rdflib import Literal as RdfLiteral
from rdflib.collection import Collection

from .ontology import ONTOLOGY_DIR

SHAPES = ONTOLOGY_DIR / "shapes.ttl"
SH = Namespace("http://www.w3.org/ns/shacl#")


class ShapeViolation(ValueError):
    """The graph breaks the contract's shapes; `violations` are readable lines."""

    def __init__(self, violations: list[str]):
        super().__init__(f"SHACL: {len(violations)} violation(s):\n" + "\n".join(f"  - {v}" for v in violations))
        self.violations = violations


def validate(quads: list[Quad], shapes: Path = SHAPES) -> None:
    """Check the union of all graphs against the shapes; raise ShapeViolation naming each. The
    compiled checker reads the whole graph in a tenth of a second where pyshacl took five
    (`Shapes`; tests/test_build_scale.py holds the two to the same results)."""
    triples = _triples(serialize(quads, format=RdfFormat.N_QUADS))
    if violations := Shapes(shapes).lines(triples, {t[0] for t in triples}, {}):
        raise ShapeViolation(violations)


def _results(report: Graph):
    """(focus node, readable line) of every sh:Violation of a report (its sh:result, not the
    details of a nested shape's failure)."""
    for result in report.objects(None, SH.result):
        severity = report.value(result, SH.resultSeverity)
        if severity is not None and severity != SH.Violation:
            continue
        focus = report.value(result, SH.focusNode)
        path = report.value(result, SH.resultPath)
        message = report.value(result, SH.resultMessage)
        yield focus, f"{focus}: {message}" + (f" (path {path})" if path is not None else "")


# --- ingested papers ---------------------------------------------------------------------------
#
# An ingested paper's graph is checked on its own, with what it needs of the graph it joins:
# the whole description of every resource it says something about that the graph already has
# (an actor it names: the paper's triples join the actor's, and the shapes see both), and,
# for every resource it only points to, the triples the shapes read of a value (its rdf:type,
# with the ontology's rdfs:subClassOf, for sh:class; skos:inScheme for the status and kind
# schemes). Only the paper's own resources, the subjects of its triples, are reported on: a
# resource it merely points to was checked with the graph it belongs to. What only the union
# of several papers could break (two papers giving one cited document two labels) is not seen.
#
# pyshacl takes about 0.1 ms a triple (0.14 s for a paper of 1,000 quads: 10,000 papers would
# take 20 minutes on two cores), so the papers are checked by `CompiledShapes`: the constraint
# components ontology/shapes.ttl uses, compiled once and evaluated on an index of the paper's
# triples in pyoxigraph terms (tests/test_build_scale.py holds it to pyshacl's results), and so
# is the whole curated graph by the build's gate (`validate`: 0.3 s, pyshacl's 4.8). Shapes
# using anything else are refused when compiled, and pyshacl checks instead (`Shapes`).

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
SUBCLASS_OF = "http://www.w3.org/2000/01/rdf-schema#subClassOf"
XSD = "http://www.w3.org/2001/XMLSchema#"
_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
# Terms are handled as their N-Triples text ("<iri>", "\"text\"@nl", "\"1\"^^<…#integer>", "_:b"), as
# pyoxigraph serializes them: a paper's graph is read from its N-Quads, and strings hash fast.
_TYPE, _SUBCLASS = f"<{RDF_TYPE}>", f"<{SUBCLASS_OF}>"
_NOTHING = MappingProxyType({})     # the properties of a node the graph says nothing of
_NUMERIC = {XSD + t for t in ("integer", "decimal", "double", "float", "nonNegativeInteger", "positiveInteger",
                              "negativeInteger", "nonPositiveInteger", "long", "int", "short", "byte",
                              "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte")}
_FLOATING = {XSD + "double", XSD + "float"}
_LEXICAL = {
    "integer": r"[+-]?\d+", "nonNegativeInteger": r"\+?\d+|-0+", "positiveInteger": r"\+?0*[1-9]\d*",
    "decimal": r"[+-]?(\d+(\.\d*)?|\.\d+)", "double": r"[+-]?((\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?|INF)|NaN",
    "boolean": r"true|false|1|0", "gYear": r"-?\d{4,}(Z|[+-]\d\d:\d\d)?",
    "date": r"-?\d{4,}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(Z|[+-]\d\d:\d\d)?",
    "dateTime": r"-?\d{4,}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d+)?"
                r"(Z|[+-]\d\d:\d\d)?",
}
_LEXICAL["float"] = _LEXICAL["double"]
_NODE_KINDS = {"IRI": "<", "BlankNode": "_", "Literal": '"', "BlankNodeOrIRI": "_<", "BlankNodeOrLiteral": '_"',
               "IRIOrLiteral": '<"'}     # the first characters of the terms of each kind
#: What a shape may say besides its constraints, and the constraint components compiled.
_SHAPE_WORDS = {"path", "targetClass", "targetSubjectsOf", "property", "message", "severity", "name",
                "description", "order", "group", "qualifiedMinCount", "qualifiedMaxCount"}
_COMPONENTS = {"class", "classIn", "datatype", "minCount", "maxCount", "nodeKind", "node", "hasValue", "minInclusive",
               "maxInclusive", "minExclusive", "maxExclusive", "languageIn", "lessThan", "lessThanOrEquals",
               "minLength", "maxLength", "in", "or", "qualifiedValueShape"}


def _nt(term) -> str:
    """The N-Triples text of an rdflib term of the shapes graph."""
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, RdfLiteral):
        if term.language:
            return str(OxLiteral(str(term), language=term.language))
        return str(OxLiteral(str(term), datatype=NamedNode(str(term.datatype))) if term.datatype
                   else OxLiteral(str(term)))
    raise NotImplementedError(f"a blank node as a value in the shapes: {term}")


#: How many literals the checker keeps parsed: a paper's literals are checked by several
#: constraints each (datatype, length, language), and pages and numbers repeat across papers.
LITERALS_KEPT = 1 << 12


@lru_cache(maxsize=LITERALS_KEPT)
def _well_formed(lexical: str, datatype: str) -> bool:
    """Whether a lexical form is one of its XSD datatype's (a date must be a day of the calendar)."""
    pattern = _LEXICAL.get(datatype[len(XSD):]) if datatype.startswith(XSD) else None
    if pattern is None:
        return True
    if re.fullmatch(pattern, lexical) is None:
        return False
    if datatype in (XSD + "date", XSD + "dateTime"):
        year, month, day = re.match(r"-?(\d+)-(\d\d)-(\d\d)", lexical).groups()
        try:
            dt.date(2000 + int(year) % 400 if int(year) else 2000, int(month), int(day))   # leap years repeat every 400
        except ValueError:
            return False
    return True


@lru_cache(maxsize=LITERALS_KEPT)
def _literal(term: str) -> tuple[str, str, str]:
    """(lexical form as written, datatype IRI, language) of a literal's N-Triples text."""
    end = term.rindex('"')
    tail = term[end + 1:]
    if tail.startswith("@"):
        return term[1:end], _LANG_STRING, tail[1:]
    return term[1:end], tail[3:-1] if tail else XSD + "string", ""


def _unescaped(lexical: str) -> str:
    """A lexical form without its N-Triples escapes."""
    if "\\" not in lexical:
        return lexical
    return str(parse_one(f'<x:s> <x:p> "{lexical}" .'))


def parse_one(line: str):
    """The object of one N-Triples line, as pyoxigraph reads it."""
    from pyoxigraph import parse
    return next(iter(parse(input=line.encode(), format=RdfFormat.N_TRIPLES))).object.value


def _order_key(term: str):
    """What pyshacl orders a term by for sh:lessThan, sh:lessThanOrEquals and sh:minInclusive:
    an IRI or a string literal by its text ("string", text), any other literal as rdflib orders
    literals ("literal", datatype, well-formed, its lexical form, its value: a number's as a
    Decimal, else the lexical form, by which rdflib orders dates too)."""
    if term[0] == "<":
        return "string", term[1:-1]
    if term[0] != '"':
        return None
    lexical, datatype, _ = _literal(term)
    if datatype in (XSD + "string", _LANG_STRING):
        return "string", _unescaped(lexical)
    well_formed = _well_formed(lexical, datatype)
    if not (well_formed and datatype in _NUMERIC):
        return "literal", datatype, well_formed, lexical, lexical
    return "literal", datatype, True, lexical, _number(lexical, datatype)


def _number(lexical: str, datatype: str):
    """A well-formed number as rdflib holds it: a double or float as a float ("NaN", "INF"), a
    decimal as a Decimal, an integer as an int (as a Decimal past int's 4,300 digits)."""
    if datatype in _FLOATING:
        return float(lexical)
    if datatype != XSD + "decimal" and len(lexical) < 4000:
        return int(lexical)
    return Decimal(lexical)


def _less(a, b, or_equal: bool) -> bool:
    """Whether a < b (a <= b), as pyshacl finds it: a string beside a non-string never is; two
    other literals as rdflib orders them (Literal.__gt__): two well-formed numbers by value,
    literals of different datatypes by the datatypes' IRIs, the rest by value or lexical form."""
    a, b = _order_key(a), _order_key(b)
    if a is None or b is None or (a[0] == "string") != (b[0] == "string"):
        return False
    if a[0] == "literal":
        numbers = a[2] and b[2] and a[1] in _NUMERIC and b[1] in _NUMERIC
        if not numbers and a[1] != b[1]:
            return a[1] < b[1]
        if not (a[2] and b[2]):             # one ill-typed: rdflib compares the lexical forms
            a, b = a[:4], b[:4]
    try:                                    # rdflib's a < b: not a > b and not a = b (so 1 < NaN)
        greater, equal = a[-1] > b[-1], a[-1] == b[-1]
    except ArithmeticError:                 # an exact number beside NaN: no order (it was an uncaught error)
        return False
    return not greater and (or_equal or not equal)


class _Shape:
    """One shape, compiled: its path (None for a node shape), targets, constraints and message."""

    def __init__(self, node, path, message: str, violation: bool):
        self.node, self.path, self.message, self.violation = node, path, message, violation
        self.constraints: list[tuple[str, object]] = []
        self.properties: list[_Shape] = []
        self.checks: list[tuple[str, Callable]] = []     # the constraints as CompiledShapes._check makes them


class CompiledShapes:
    """The shapes graph compiled for fast checking of small graphs (a paper's), for the
    constraint components in `_COMPONENTS`, simple paths and class / subjects-of targets;
    raises NotImplementedError for anything else."""

    def __init__(self, shapes: Graph):
        self.graph = shapes
        self.compiled: dict = {}
        self.by_class: dict[str, list[_Shape]] = {}
        self.by_predicate: dict[str, list[_Shape]] = {}
        for target, index in ((SH.targetClass, self.by_class), (SH.targetSubjectsOf, self.by_predicate)):
            for node, value in shapes.subject_objects(target):
                index.setdefault(_nt(value), []).append(self._compile(node))
        for kind in (SH.targetNode, SH.targetObjectsOf, SH.target):
            if (shapes.value(None, kind)) is not None:
                raise NotImplementedError(f"{kind} targets")

    def _compile(self, node) -> _Shape:
        if node in self.compiled:
            return self.compiled[node]
        g = self.graph
        path = g.value(node, SH.path)
        if path is not None and not isinstance(path, URIRef):
            raise NotImplementedError(f"a complex sh:path in {node}")
        message = g.value(node, SH.message)
        shape = self.compiled[node] = _Shape(node, _nt(path) if path is not None else None,
                                             str(message) if message is not None else "",
                                             g.value(node, SH.severity, default=SH.Violation) == SH.Violation)
        for predicate, value in g.predicate_objects(node):
            word = str(predicate)[len(str(SH)):] if str(predicate).startswith(str(SH)) else None
            if word is None or word in _SHAPE_WORDS:
                continue
            if word not in _COMPONENTS:
                raise NotImplementedError(f"sh:{word} in {node}")
            if word in ("node", "qualifiedValueShape"):
                param = self._compile(value)
            elif word == "or":
                param = [self._compile(member) for member in Collection(g, value)]
                if all(len(m.constraints) == 1 and m.constraints[0][0] == "class" and not m.properties for m in param):
                    word, param = "classIn", frozenset(m.constraints[0][1] for m in param)   # the common range check
            elif word in ("in", "languageIn"):
                param = [_nt(item) if word == "in" else str(item).lower() for item in Collection(g, value)]
            elif word in ("minCount", "maxCount", "minLength", "maxLength"):
                param = int(value)
            elif word == "nodeKind":
                param = _NODE_KINDS[str(value)[len(str(SH)):]]
            else:
                param = _nt(value)
            shape.constraints.append((word, param))
        if any(word == "qualifiedValueShape" for word, _ in shape.constraints):
            shape.constraints.append(("qualifiedCount", (g.value(node, SH.qualifiedMinCount),
                                                         g.value(node, SH.qualifiedMaxCount))))
        shape.properties = [self._compile(p) for p in g.objects(node, SH.property)]
        shape.checks = [(word, self._check(shape, word, param)) for word, param in shape.constraints
                        if word != "qualifiedValueShape"]
        return shape

    def check(self, triples, focus_nodes, superclasses: dict) -> list[tuple]:
        """(focus node, path, shape, component) of every sh:Violation of the shapes whose targets
        are among `focus_nodes`, in the graph of `triples` (N-Triples texts); `superclasses`:
        class → all its superclasses (rdfs:subClassOf*), shared between calls."""
        data: dict = {}
        for s, p, o in set(triples):
            data.setdefault(s, {}).setdefault(p, []).append(o)
        subclass = {}
        for s, props in data.items():
            for o in props.get(_SUBCLASS, ()):
                subclass.setdefault(s, []).append(o)
        context = _Data(data, subclass, superclasses)
        results: list[tuple] = []
        targeted: dict = {}         # the shapes targeting a node, by its types and predicates (alike for most nodes)
        for focus in focus_nodes:
            props = data.get(focus)
            if not props:
                continue
            key = (tuple(props.get(_TYPE, ())), tuple(props))
            shapes = targeted.get(key)
            if shapes is None:
                found = {id(shape): shape for cls in context.classes(focus) for shape in self.by_class.get(cls, ())}
                found.update((id(shape), shape) for p in props for shape in self.by_predicate.get(p, ()))
                shapes = targeted[key] = list(found.values())
            for shape in shapes:
                self._validate(shape, focus, context, results)
        return [r for r in results if r[2].violation]

    def _validate(self, shape: _Shape, focus, data: "_Data", results: list) -> None:
        values = data.data.get(focus, _NOTHING).get(shape.path, ()) if shape.path is not None else (focus,)
        for word, check in shape.checks:
            if failed := check(focus, values, data):
                results.extend((focus, shape.path, shape, word) for _ in failed)
        for prop in shape.properties:
            self._validate(prop, focus, data, results)

    def _conforms(self, shape: _Shape, node, data: "_Data") -> bool:
        key = (shape, node)
        known = data.conforms.get(key)
        if known is None:
            found: list = []
            self._validate(shape, node, data, found)
            known = data.conforms[key] = not found
        return known

    def _check(self, shape: _Shape, word: str, param) -> Callable:
        """A constraint as a function of (focus, values, data) giving the value nodes that fail it,
        or [focus] for a constraint on their count: made once, as the checker runs thousands of
        constraints a paper and choosing each one's test anew was a third of its time."""
        if word == "minCount":
            return lambda focus, values, data: [focus] if len(values) < param else ()
        if word == "maxCount":
            return lambda focus, values, data: [focus] if len(values) > param else ()
        if word == "hasValue":
            return lambda focus, values, data: () if param in values else [focus]
        if word == "qualifiedCount":
            low, high = (None if bound is None else int(bound) for bound in param)
            qualified = next(p for w, p in shape.constraints if w == "qualifiedValueShape")

            def counted(focus, values, data):
                n = sum(self._conforms(qualified, v, data) for v in values)
                return [focus] if (low is not None and n < low) or (high is not None and n > high) else ()
            return counted
        if word in ("lessThan", "lessThanOrEquals"):
            or_equal = word == "lessThanOrEquals"
            return lambda focus, values, data: [v for v in values for w in data.values(focus, param)
                                                if not _less(v, w, or_equal)]
        holds = self._test(word, param)
        return lambda focus, values, data: [v for v in values if not holds(v, data)]

    def _test(self, word: str, param) -> Callable:
        """Whether one value node meets a constraint on each value: a function of (value, data)."""
        if word == "class":
            return lambda value, data: param in data.classes(value)
        if word == "classIn":
            return lambda value, data: not param.isdisjoint(data.classes(value))
        if word == "datatype":
            def typed(value, data):
                if value[0] != '"':
                    return False
                lexical, datatype, _ = _literal(value)
                return f"<{datatype}>" == param and _well_formed(lexical, datatype)
            return typed
        if word == "nodeKind":
            return lambda value, data: value[0] in param
        if word == "node":
            return lambda value, data: self._conforms(param, value, data)
        if word == "or":
            return lambda value, data: any(self._conforms(member, value, data) for member in param)
        if word == "in":
            return lambda value, data: value in param
        if word == "languageIn":
            def language(value, data):
                tag = _literal(value)[2].lower() if value[0] == '"' else ""
                return bool(tag) and any(tag == r or tag.startswith(r + "-") or r == "*" for r in param)
            return language
        if word in ("minLength", "maxLength"):
            def length(value, data):
                if value[0] == "_":
                    return False
                n = len(_unescaped(_literal(value)[0]) if value[0] == '"' else value[1:-1])
                return n >= param if word == "minLength" else n <= param
            return length
        below, or_equal = {"minInclusive": (True, True), "maxInclusive": (False, True),
                           "minExclusive": (True, False), "maxExclusive": (False, False)}[word]
        if below:                                           # the bound is below the value
            return lambda value, data: _less(param, value, or_equal)
        return lambda value, data: _less(value, param, or_equal)


class _Data:
    """A small graph's triples by subject and predicate, and the classes of its nodes."""

    def __init__(self, data: dict, subclass: dict, superclasses: dict):
        self.data, self.subclass, self.superclasses = data, subclass, superclasses
        self._classes: dict = {}
        self.conforms: dict = {}        # (shape, node) → whether the node conforms to the shape

    def values(self, node, path) -> list:
        return self.data.get(node, _NOTHING).get(path, ())

    def classes(self, node) -> set:
        """The node's types and their superclasses (a SHACL instance of each)."""
        found = self._classes.get(node)
        if found is None:
            found = self._classes[node] = set()
            for cls in self.values(node, _TYPE):
                found |= self._supers(cls)
        return found

    def _supers(self, cls) -> set:
        found = self.superclasses.get(cls)
        if found is None:
            found, todo = set(), [cls]
            while todo:
                c = todo.pop()
                if c not in found:
                    found.add(c)
                    todo.extend(self.subclass.get(c, ()))
            self.superclasses[cls] = found
        return found


class Shapes:
    """The shapes graph and how triples are checked against it: compiled (`CompiledShapes`), or
    by pyshacl where the shapes use what is not compiled. One line per violation, naming the
    focus node: what the build's gate and each paper's check report."""

    def __init__(self, shapes: Path = SHAPES):
        if not shapes.is_file():
            raise ShapeViolation([f"no shapes file at {shapes}"])
        self.shapes = Graph().parse(shapes, format="turtle")
        try:
            self.compiled: CompiledShapes | None = CompiledShapes(self.shapes)
        except NotImplementedError:
            self.compiled = None

    def lines(self, triples: list[tuple[str, str, str]], focus_nodes: set, superclasses: dict) -> list[str]:
        """"focus: message (path p)" for each violation on one of `focus_nodes` in the graph of
        `triples` (N-Triples texts), sorted; `superclasses` as CompiledShapes.check takes it."""
        if self.compiled is None:
            return self._pyshacl(triples, focus_nodes)
        return sorted({f"{focus.strip('<>')}: {shape.message or f'sh:{word} is not met'}"
                       + (f" (path {path[1:-1]})" if path is not None else "")
                       for focus, path, shape, word in self.compiled.check(triples, focus_nodes, superclasses)})

    def _pyshacl(self, triples: list[tuple[str, str, str]], focus_nodes: set) -> list[str]:
        from pyshacl import validate as shacl_validate

        data = Graph().parse(data="\n".join(" ".join(t) + " ." for t in triples), format="nt")
        conforms, report, _ = shacl_validate(data, shacl_graph=self.shapes, inference="none", allow_warnings=True,
                                             advanced=True, inplace=True)
        focus_nodes = {node.strip("<>") for node in focus_nodes}
        return [] if conforms else sorted({line for focus, line in _results(report) if str(focus) in focus_nodes})


class PaperShapes(Shapes):
    """The shapes, compiled once, and what a paper's graph is checked with of the graph it
    joins (`context`: IRI → the triples of that graph with that subject). Made in the parent and
    inherited by forked workers; `violations` checks one paper."""

    def __init__(self, shapes: Path = SHAPES):
        super().__init__(shapes)
        self.value_predicates = _value_predicates(self.shapes)
        self.context: dict[str, list[tuple[str, str, str]]] = {}
        self.value_context: dict[str, list[tuple[str, str, str]]] = {}    # of `context`, what is read of a value
        self.ontology: list[tuple[str, str, str]] = []
        self.superclasses: dict = {}

    def _add(self, triples) -> None:
        for triple in triples:
            self.context.setdefault(triple[0], []).append(triple)
            if triple[1] == _SUBCLASS:
                self.ontology.append(triple)

    @classmethod
    def of_quads(cls, quads, shapes: Path = SHAPES) -> "PaperShapes":
        """Checking papers that join the graph of `quads` (the curated graph, in a build)."""
        checker = cls(shapes)
        checker._add(_triples(serialize(quads, format=RdfFormat.N_QUADS)))
        return checker

    @classmethod
    def of_store(cls, store, ingested: set[str] = frozenset(), shapes: Path = SHAPES) -> "PaperShapes":
        """Checking papers that join the graph of `store` (a release's store), with its curated
        graph: its default graph and the named graphs that are not ingested papers' (`ingested`:
        those graphs' IRIs), as a rebuild checks them (a paper names curated resources and its
        own: it cites another ingested paper as a citation of its own, kg/ingest/pipeline.py)."""
        curated = [DefaultGraph(), *(g for g in store.named_graphs() if g.value not in ingested)]
        return cls.of_quads([quad for graph in curated for quad in store.quads_for_pattern(None, None, None, graph)],
                            shapes)

    def violations(self, slug: str, nquads: bytes) -> list[str]:
        """One line per violation of the paper `slug` (its graph as N-Quads), naming the paper and
        the focus node; empty if it conforms."""
        triples = _triples(nquads)
        own = {t[0] for t in triples}
        for node in own:
            triples += self.context.get(node, ())
        for node in {t[2] for t in triples if t[2][0] == "<"} - own:
            if node in self.context:
                if node not in self.value_context:
                    self.value_context[node] = [t for t in self.context[node] if t[1] in self.value_predicates]
                triples += self.value_context[node]
        triples += self.ontology
        return [f"{slug}: {line}" for line in self.lines(triples, own, self.superclasses)]


def _triples(nquads: bytes) -> list[tuple[str, str, str]]:
    """(subject, predicate, object) of each line of N-Quads or N-Triples as pyoxigraph writes
    them (one statement a line, single spaces, IRIs without spaces), in N-Triples text."""
    triples = []
    for line in nquads.decode().splitlines():
        s, p, rest = line.split(" ", 2)
        # the object ends at the first space after it (a literal: after its closing quote); a graph name may follow
        space = rest.find(" ", rest.rindex('"') if rest[0] == '"' else 0)
        triples.append((s, p, rest[:space]))
    return triples


def _value_predicates(shapes: Graph) -> set:
    """What the shapes read of a value: rdf:type (sh:class) and the paths of the node shapes
    that values must conform to (sh:node), such as skos:inScheme."""
    predicates = {_TYPE}
    for shape in set(shapes.objects(None, SH.node)):
        for prop in shapes.objects(shape, SH.property):
            if isinstance(path := shapes.value(prop, SH.path), URIRef):
                predicates.add(f"<{path}>")
    return predicates
