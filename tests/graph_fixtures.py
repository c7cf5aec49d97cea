"""Session fixtures for tests that need the real, built graph (loaded as a pytest plugin).

The graph is built once per test session into a temporary data directory with the
real build (`kg.build.build`): corpus, facts, SHACL and an on-disk Oxigraph store.
"""
from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def built_release(tmp_path_factory):
    """The release `mhkg build` makes from the project's corpus and facts."""
    from kg.build import build

    return build(tmp_path_factory.mktemp("data"), log=lambda *_: None)


@pytest.fixture(scope="session")
def graph_store(built_release):
    """The built store, opened read-only like the service opens it."""
    from kg.store import open_store

    return open_store(built_release.store_path)
