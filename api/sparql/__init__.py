"""/sparql: the SPARQL 1.1 Protocol endpoint (read-only) over the embedded store.

- request (protocol.py): GET `query=`, POST form-encoded or `application/sparql-query`;
  `default-graph-uri` / `named-graph-uri` make the dataset, and without them (and without
  FROM in the query) the default graph is the union of all named graphs (docs/CONTRACT.md §4).
  GET without a query answers the Service Description (service_description.py).
- refusals (guard.py, protocol.py), all `application/problem+json`: updates, in any form,
  400; `SERVICE` 400 (found by tokenising, so strings, IRIs and comments are not mistaken
  for it); a malformed query 400 with the parser's message, `line` and `column`; a query
  longer than `max_query_bytes` 413; a body type other than the two the protocol names 415;
  an `Accept` the answer cannot meet 406, listing the media types it can.
- formats (negotiation.py, on the Format of api/formats.py): SPARQL JSON, XML, CSV, TSV for SELECT and ASK; Turtle,
  N-Triples, JSON-LD, RDF/XML, N-Quads and TriG for CONSTRUCT and DESCRIBE.
- limits (workers.py, worker.py): the query runs in a query process that is killed when it
  runs longer than `timeout_s` (504; 503 when no query process came free within `timeout_s`).
  Rows beyond `max_rows` (solutions, or triples of a graph) are cut: the answer holds the
  first `max_rows` in the query's order, and says so in the header `MHKG-Results-Truncated`
  (`MHKG-Result-Rows` gives the count sent). Page with LIMIT/OFFSET for more.
"""
from .routes import blueprint

__all__ = ["blueprint"]
