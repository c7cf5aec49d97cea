"""MHKG query service over HTTP: SPARQL 1.1 Protocol endpoint and REST facade.

This package only does HTTP (routing, negotiation, errors); the graph and queries are `kg`.
"""
