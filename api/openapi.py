"""The OpenAPI 3.1 description, generated from the routes themselves.

Each documented view carries its description (`@documented(...)`); `/openapi.json`
walks the application's URL map and collects them, so the description cannot drift
from the code. `/docs` renders the same description as a readable page.
"""
from __future__ import annotations

import re

from flask import Blueprint, Flask, current_app, jsonify, render_template_string

from kg.remote import RemoteStoreError

blueprint = Blueprint("openapi", __name__)

PROBLEM = {"description": "an error (RFC 9457 problem details)",
           "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}}

COMPONENTS = {
    "schemas": {
        "Problem": {"type": "object", "required": ["title", "status"], "properties": {
            "type": {"type": "string"}, "title": {"type": "string"}, "status": {"type": "integer"},
            "detail": {"type": "string"}, "invalid_params": {"type": "array", "items": {"type": "object"}}}},
        "Reference": {"type": "object", "required": ["id"], "properties": {
            "id": {"type": "string", "format": "uri"}, "slug": {"type": "string"}, "kind": {"type": "string"},
            "label": {"type": ["string", "null"]}}},
        "Source": {"type": "object", "description": "One quote of a fact with where it stands (an mh:Evidence): "
                                                    "each quote with its own page, passage and offsets",
                   "required": ["id", "fact", "document", "quote", "page", "passage", "quoteStart", "quoteEnd"],
                   "properties": {
            "id": {"type": ["string", "null"], "format": "uri",
                   "description": "the mh:Evidence (null for a statement an ingested paper made without one)"},
            "types": {"type": "array", "items": {"type": "string"}},
            "fact": {"type": "string", "format": "uri", "description": "the record or mh:Statement the quote states"},
            "document": {"$ref": "#/components/schemas/Reference"}, "quote": {"type": "string"},
            "page": {"type": ["integer", "null"], "description": "the page on which the quote begins"},
            "passage": {"oneOf": [{"$ref": "#/components/schemas/Reference"}, {"type": "null"}]},
            "quoteStart": {"type": ["integer", "null"],
                           "description": "character offset of the quote in the document's text"},
            "quoteEnd": {"type": ["integer", "null"], "description": "character offset just after the quote"}}},
        "Relation": {"type": "object", "required": ["property", "quotes"], "properties": {
            "property": {"type": "string"}, "value": {}, "resource": {"$ref": "#/components/schemas/Reference"},
            "graph": {"type": "string", "format": "uri"},
            "document": {"oneOf": [{"$ref": "#/components/schemas/Reference"}, {"type": "null"}]},
            "quotes": {"type": "array", "items": {"$ref": "#/components/schemas/Source"}}}},
        "Statement": {"type": "object", "required": ["id", "subject", "predicate", "object", "quote", "evidence"],
                      "properties": {
            "id": {"type": "string", "format": "uri"}, "types": {"type": "array", "items": {"type": "string"}},
            "subject": {"$ref": "#/components/schemas/Reference"}, "predicate": {"type": "string"}, "object": {},
            "quote": {"type": "string"}, "page": {"type": ["integer", "null"]},
            "document": {"$ref": "#/components/schemas/Reference"},
            "passage": {"oneOf": [{"$ref": "#/components/schemas/Reference"}, {"type": "null"}]},
            "evidence": {"$ref": "#/components/schemas/Source"}}},
        "Mention": {"type": "object", "required": ["id", "document", "quote"], "properties": {
            "id": {"type": "string", "format": "uri"},
            "types": {"type": "array", "items": {"type": "string"}, "description": "in a page of mentions"},
            "document": {"$ref": "#/components/schemas/Reference"},
            "passage": {"oneOf": [{"$ref": "#/components/schemas/Reference"}, {"type": "null"}]},
            "page": {"type": ["integer", "null"]}, "quote": {"type": "string"}}},
    }
}


def register_schemas(schemas: dict) -> None:
    """Add the schemas of a part of the API (api/rest/schemas.py: each kind's items) to the description."""
    COMPONENTS["schemas"].update(schemas)


#: The version of docs/CONTRACT.md this API keeps (tests/test_docs.py holds the two together).
CONTRACT_VERSION = "1.16"

_CONVERTER = re.compile(r"<(?:[a-z]+:)?([a-z_]+)>")


def documented(summary: str, *, parameters: list[dict] | None = None, responses: dict | None = None,
               description: str | None = None, tags: tuple[str, ...] = (), alias_of: str | None = None):
    """Attach an OpenAPI operation to a view function. A route that is another name of a
    documented one (`alias_of`, a 1.x path) is checked against its parameters like any
    other but left out of the description, which names each operation once."""
    def mark(view):
        view.openapi = {"summary": summary, "description": description, "parameters": parameters or [],
                        "responses": responses or {}, "tags": list(tags), "alias_of": alias_of}
        return view
    return mark


def query_parameter(name: str, description: str, schema: dict | None = None, **extra) -> dict:
    return {"name": name, "in": "query", "required": False, "description": description,
            "schema": schema or {"type": "string"}, **extra}


def path_parameter(name: str, description: str, pattern: str | None = None, example_of: str | None = None) -> dict:
    """A path parameter; `example_of` names the list whose first item is the example."""
    schema = {"type": "string", **({"pattern": pattern} if pattern else {})}
    return {"name": name, "in": "path", "required": True, "description": description, "schema": schema,
            **({"x-example-of": example_of} if example_of else {})}


def _views_for_examples(app: Flask):
    """The views the examples are read from, asked for once per description; None when the
    store cannot be read, so the description stays available, and quick, while a remote store
    is down (each example asking again took seconds)."""
    try:
        return app.extensions["mhkg"].views
    except (RemoteStoreError, TimeoutError):
        return None


def _with_examples(parameters: list[dict], views) -> list[dict]:
    """Parameters with a real example where one is asked for: the first slug of its kind."""
    done = []
    for parameter in parameters:
        kind = parameter.get("x-example-of")
        if kind:
            parameter = {k: v for k, v in parameter.items() if k != "x-example-of"}
            items = views.page(kind, {}, 1, 0)[0] if views is not None else []
            if items:
                parameter["example"] = items[0]["slug"]
        done.append(parameter)
    return done


def describe(app: Flask) -> dict:
    paths: dict[str, dict] = {}
    views = _views_for_examples(app)
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        view = app.view_functions.get(rule.endpoint)
        spec = getattr(view, "openapi", None)
        if spec is None or spec.get("alias_of"):
            continue
        path = _CONVERTER.sub(r"{\1}", rule.rule)
        for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
            operation = {"operationId": rule.endpoint.replace(".", "_") + ("" if method == "GET" else f"_{method.lower()}"),
                         "summary": spec["summary"], "parameters": _with_examples(spec["parameters"], views),
                         "responses": {**spec["responses"], "default": PROBLEM}}
            if spec["description"]:
                operation["description"] = spec["description"]
            if spec["tags"]:
                operation["tags"] = spec["tags"]
            paths.setdefault(path, {})[method.lower()] = operation
    return {
        "openapi": "3.1.0",
        "info": {"title": "MHKG — knowledge graph of the Dutch approach to human trafficking",
                 "version": CONTRACT_VERSION,
                 "description": "Every item carries the documents, quotes and pages that state it. "
                                "Lists are also CSV (`?format=csv`) and JSON-LD (`Accept: application/ld+json`)."},
        "paths": paths,
        "components": COMPONENTS,
    }


@blueprint.get("/openapi.json")
def openapi_json():
    return jsonify(describe(current_app))


DOCS_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>MHKG API</title>
<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.45}
code{background:#f3f3f3;padding:0 .2rem}section{border-top:1px solid #ddd;padding:.6rem 0}
.m{font-weight:bold;text-transform:uppercase;margin-right:.5rem}td{padding:.1rem .6rem;vertical-align:top}</style>
</head><body>
<h1>{{ spec.info.title }}</h1>
<p>{{ spec.info.description }}</p>
<p>Machine-readable description: <a href="{{ url_for('openapi.openapi_json') }}">/openapi.json</a> (OpenAPI {{ spec.openapi }}).
SPARQL endpoint: <a href="/sparql">/sparql</a>.</p>
{% for path, methods in spec.paths.items() %}{% for method, op in methods.items() %}
<section id="{{ op.operationId }}"><p><span class="m">{{ method }}</span><code>{{ path }}</code> — {{ op.summary }}</p>
{% if op.description %}<p>{{ op.description }}</p>{% endif %}
{% if op.parameters %}<table>{% for p in op.parameters %}
<tr><td><code>{{ p.name }}</code></td><td>{{ p.in }}</td><td>{{ p.description }}</td></tr>{% endfor %}</table>{% endif %}
</section>{% endfor %}{% endfor %}
</body></html>"""


@blueprint.get("/docs")
def docs_page():
    return render_template_string(DOCS_PAGE, spec=describe(current_app))
