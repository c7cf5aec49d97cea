"""The query workbench: `/sparql` opened by a browser (Accept: text/html, no `format=`) is
YASGUI on this endpoint, with the contract's prefixes, the query in the URL's fragment and the
example gallery; every other client keeps the SPARQL 1.1 Protocol. YASGUI comes from the npm
registry's package, installed into api/web/vendor by `make assets` and served from there (a wheel
built after it carries the two files, pyproject.toml's package-data)."""
from __future__ import annotations

import json
from pathlib import Path

from flask import abort, render_template, request, send_from_directory

from kg.iris import ID, PREFIXES

from ..answer import answer
from ..formats import HTML, prefers_html
from . import blueprint, examples
from .links import LIST_OF

YASGUI = Path(__file__).resolve().parent / "vendor" / "node_modules" / "@zazuko" / "yasgui" / "build"
SERVED = {"yasgui.min.js", "yasgui.min.css"}
STARTER = """SELECT ?actor ?label WHERE {
  ?actor a mh:Organisation ; rdfs:label ?label .
  FILTER(lang(?label) = "nl")
} ORDER BY ?label LIMIT 20
"""


@blueprint.before_app_request
def _workbench_for_browsers():
    """A browser's bare GET of /sparql (no query, no format) gets the workbench; a link
    carries its query in the fragment (`/sparql#query=…`), which only the page reads, so that
    every request with a query stays a SPARQL Protocol request whatever its Accept."""
    if request.path.rstrip("/") != "/sparql" or request.method not in ("GET", "HEAD") or request.args:
        return None
    if not prefers_html(request.headers.get("Accept")):
        return None
    prefixes = {"id": ID, **PREFIXES}
    header = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in prefixes.items() if p in ("mh", "rdfs", "skos", "id"))
    return answer((HTML,), lambda _fmt: render_template(
        "workbench.html", installed=(YASGUI / "yasgui.min.js").is_file(), gallery=examples.gallery(),
        starter=header + STARTER, prefixes=json.dumps(prefixes),
        lists=json.dumps({**LIST_OF, "passage": "passages"})))


@blueprint.get("/assets/vendor/yasgui/<name>")
def yasgui(name: str):
    if name not in SERVED or not (YASGUI / name).is_file():
        abort(404)
    return send_from_directory(YASGUI, name, max_age=0)
