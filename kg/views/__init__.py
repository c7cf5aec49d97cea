"""Views: the lists, filters and text index the REST API reads, computed once per release.

The graph changes only when a release is written, so what generic SPARQL answers slowly (a
sorted page deep in a list, a filter, a count, a text search: seconds at a million triples)
is computed then from the store with the `view_*.rq` queries and kept in one SQLite file
next to the store, `views.sqlite`. Each item is stored as the JSON the API returns (which
bounds its `mentionedIn`: api/rest/description.py), plus the columns it is filtered and sorted on.

    model.py       the lists, their kinds, filters and fields; how a value is shown
    schema.py      the SQLite schema and its version (views of another version are rebuilt)
    collecting.py  reading the store for them: each resource's rows, and its item
    writing.py     writing a resource's rows, replacing them, and the counts
    paper.py       what one changed graph touches and the rows of what it adds, read in the worker
                   that made it (an ingest's)
    building.py    building them whole, or updating the previous release's for changed graphs
    reading.py     reading them: pages, items, names, mentions, search
"""
from .building import build_views, update_views
from .model import (COMMITMENT_STATUSES, COMMON_FILTERS, KIND_FILTERS, KINDS, LISTS, LITERAL_FIELDS, PATHS,
                    REFERENCE_FILTERS, TYPED_LISTS, curie, kind_of, literal_json, source)
from .reading import Views
from .schema import VERSION, VIEWS_FILE, OutdatedViews

__all__ = ["COMMITMENT_STATUSES", "COMMON_FILTERS", "KINDS", "KIND_FILTERS", "LISTS", "LITERAL_FIELDS", "PATHS",
           "REFERENCE_FILTERS", "TYPED_LISTS", "VERSION", "VIEWS_FILE", "OutdatedViews", "Views", "build_views",
           "curie", "kind_of", "literal_json", "source", "update_views"]
