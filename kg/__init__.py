"""MHKG's knowledge graph: corpus, parsing, fact compilation, building and store access.

Nothing in this package knows about HTTP; the query service (``api``) builds on it.
"""
