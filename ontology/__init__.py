"""The MHKG ontology as files: mhkg.ttl (OWL), concepts.ttl (SKOS schemes), reused.ttl (the
terms reused from ORG, PROV-O, DCTERMS …) and shapes.ttl (the SHACL gate).

A package only so that the files ship inside the wheel with the code that reads them
(kg/ontology.py, kg/validate.py); it holds no code.
"""
from pathlib import Path

DIR = Path(__file__).resolve().parent
