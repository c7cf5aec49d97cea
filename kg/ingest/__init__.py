"""Ingestion: any parliamentary paper (text, PDF, official XML, web page) becomes passages, mentions,
citations and its own metadata in the graph, without hand-curating it, and a file of
suggested facts for review (kg/ingest/suggest.py, `mhkg review`).

Machine-found facts never overwrite curated ones: an ingested document gets its own
named graph, curated entities are only linked to, and suggested facts (figures,
recommendations, responses, commitments, motions, new names) stay in data/suggestions/
until a curator accepts them into kg/facts/.
"""
