"""The ontology loads in an OWL 2 DL reasoner: every datatype it uses in an axiom is one of the
OWL 2 datatype map (https://www.w3.org/TR/owl2-syntax/#Datatype_Maps), checked on the parsed
files without Java; the datatypes OWL 2 DL has not (xsd:gYear, xsd:date) are stated with the
annotation mh:datatype and checked by a SHACL shape each; and HermiT itself (owlready2 and a Java
runtime, both installed by `make test`: a missing one fails, it is not skipped) loads the ontology
and finds it consistent."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pyoxigraph import Literal, NamedNode, RdfFormat, Triple, parse, serialize

ONTOLOGY = Path(__file__).resolve().parents[1] / "ontology"
FILES = [ONTOLOGY / name for name in ("mhkg.ttl", "concepts.ttl", "reused.ttl")]  # the ontology graph
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SH = "http://www.w3.org/ns/shacl#"
MH = "https://w3id.org/mhkg/def#"

# the OWL 2 datatype map, and rdf:langString, RDF 1.1's name for rdf:PlainLiteral with a language
OWL2_DATATYPES = {XSD + name for name in """
decimal integer nonNegativeInteger nonPositiveInteger positiveInteger negativeInteger long int short byte
unsignedLong unsignedInt unsignedShort unsignedByte double float string normalizedString token language
Name NCName NMTOKEN boolean hexBinary base64Binary anyURI dateTime dateTimeStamp""".split()} | {
    OWL + "real", OWL + "rational", RDF + "XMLLiteral", RDF + "PlainLiteral", RDFS + "Literal", RDF + "langString"}


@pytest.fixture(scope="module")
def triples():
    return [t for path in FILES for t in parse(path=str(path), format=RdfFormat.TURTLE)]


def hermit():
    """owlready2, with the Java runtime its HermiT runs on; both are installed by `make test`
    (owlready2 is in the test extra, `make jre` installs Debian's default-jre-headless), so a
    missing one fails the test instead of skipping it."""
    import owlready2  # an ImportError here: run `make install-test`
    assert shutil.which("java"), "no Java runtime for HermiT on PATH: run `make jre` (or `make install-test`)"
    return owlready2


def typed(triples, cls: str) -> set[str]:
    return {t.subject.value for t in triples if t.predicate.value == RDF + "type" and t.object.value == cls}


def test_every_datatype_in_an_axiom_is_in_the_owl2_datatype_map(triples):
    data_properties = typed(triples, OWL + "DatatypeProperty")
    problems = []
    for t in triples:
        # a data property's range, a data property assertion's literal, a declared datatype
        if t.predicate.value == RDFS + "range" and t.subject.value in data_properties:
            used = t.object.value
        elif t.predicate.value in data_properties and isinstance(t.object, Literal):
            used = t.object.datatype.value
        elif t.predicate.value == RDF + "type" and t.object.value == RDFS + "Datatype":
            used = t.subject.value
        else:
            continue
        if used not in OWL2_DATATYPES and used.startswith((XSD, RDF, RDFS, OWL)):
            problems.append(f"{t.subject.value} {t.predicate.value}: {used}")
    assert not problems, "outside the OWL 2 datatype map:\n" + "\n".join(problems)


def test_each_datatype_owl_cannot_state_is_an_mh_datatype_checked_by_shacl(triples):
    data_properties = typed(triples, OWL + "DatatypeProperty")
    stated = {t.subject.value: t.object.value for t in triples if t.predicate.value == MH + "datatype"}
    assert {MH + "year", MH + "periodStart", MH + "coversPeriodStart", MH + "dateSent"} <= set(stated)
    assert set(stated) <= data_properties
    assert all(datatype not in OWL2_DATATYPES for datatype in stated.values())  # a range would do otherwise
    shapes = list(parse(path=str(ONTOLOGY / "shapes.ttl"), format=RdfFormat.TURTLE))
    paths = {t.subject: t.object.value for t in shapes if t.predicate.value == SH + "path"}
    checked = {(paths[t.subject], t.object.value) for t in shapes
               if t.predicate.value == SH + "datatype" and t.subject in paths}
    missing = sorted(set(stated.items()) - checked)
    assert not missing, f"no SHACL shape checks these datatypes: {missing}"


def test_hermit_loads_the_ontology_and_finds_it_consistent(triples, tmp_path):
    owlready2 = hermit()
    path = tmp_path / "ontology.nt"
    path.write_bytes(serialize(triples, format=RdfFormat.N_TRIPLES))
    world = owlready2.World()
    world.get_ontology(path.as_uri()).load(format="ntriples")
    owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)  # raises if it refuses
    assert list(world.inconsistent_classes()) == []
    assert world[MH + "Ministry"] is not None and world[MH + "year"] is not None


def test_hermit_refuses_a_range_outside_the_datatype_map(tmp_path):
    """The check above is worth having: HermiT refuses xsd:gYear as a range."""
    owlready2 = hermit()
    path = tmp_path / "year.nt"
    year, rdf_type = NamedNode(MH + "year"), NamedNode(RDF + "type")
    path.write_bytes(serialize([Triple(year, rdf_type, NamedNode(OWL + "DatatypeProperty")),
                                Triple(year, NamedNode(RDFS + "range"), NamedNode(XSD + "gYear"))],
                               format=RdfFormat.N_TRIPLES))
    world = owlready2.World()
    world.get_ontology(path.as_uri()).load(format="ntriples")
    with pytest.raises(owlready2.OwlReadyJavaError, match="gYear"):
        owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
