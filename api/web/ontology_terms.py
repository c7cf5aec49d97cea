"""The ontology browser's table: each mh: class and property with its definition, how
often the graph uses it and one example, counted once per build (the graph changes only
when a new release is built)."""
from __future__ import annotations

from kg.views import curie

from ..build_cache import per_build
from ..graph_queries import rows

KIND_NAMES = {"Class": "Classes", "ObjectProperty": "Relations (object properties)",
              "DatatypeProperty": "Values (datatype properties)", "AnnotationProperty": "Annotations"}


def usage() -> dict:
    """term → (resources using it, one of them)."""
    return per_build("ontology_term_usage", lambda: {row["term"].value: (int(row["uses"].value), row["example"].value)
                                                     for row in rows("ontology_term_usage")})


def terms() -> dict[str, list[dict]]:
    """Terms grouped by kind (classes first), each {iri, curie, label, definition, uses, example}."""
    used = usage()
    grouped: dict[str, list[dict]] = {name: [] for name in KIND_NAMES.values()}
    for row in rows("ontology_terms"):
        iri = row["term"].value
        uses, example = used.get(iri, (0, None))
        grouped[KIND_NAMES[row["type"].value.rsplit("#", 1)[-1]]].append({
            "iri": iri, "curie": curie(iri), "local": iri.rsplit("#", 1)[-1],
            "label": (row["label"] or row["labelNl"]).value if (row["label"] or row["labelNl"]) else None,
            "definition": row["definition"].value if row["definition"] else None,
            "uses": uses, "example": example})
    return grouped
