"""Ingestion: any parliamentary paper (text, PDF, official XML) becomes passages, mentions,
citations and candidate figures in the graph, without hand-curating it.

Machine-found facts never overwrite curated ones: an ingested document gets its own
named graph, curated entities are only linked to, and figures stay candidates until a
curator writes them into kg/facts/.
"""
