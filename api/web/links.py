"""Where an IRI of the graph is read on this service: `https://w3id.org/mhkg/<path>` is
served at `<public base>/<path>` (api/deref.py), so pages link to it there."""
from __future__ import annotations

from flask import request

from kg.iris import BASE
from kg.views import KINDS

#: The REST list that holds each kind of IRI (actor → actors).
LIST_OF = {kind: name for name, kind in KINDS.items()}


def href(iri: str) -> str:
    """The local URL of one of our IRIs (fragment kept), any other IRI unchanged."""
    if iri.startswith(BASE):
        return f"{request.script_root}/{iri[len(BASE):]}"
    return iri
