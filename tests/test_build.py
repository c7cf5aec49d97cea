"""`mhkg build` and the CLI: deterministic releases, atomic switch, clear errors."""
import os
import shutil
import subprocess
import sys

import pytest
from pyoxigraph import RdfFormat, Store, serialize

from kg.build import build
from kg.facts import FACTS_DIR
from kg.graph import BuildError
from kg.release import current_release
from kg.store import StoreError, open_store

MHKG = [sys.executable, "-m", "mhkg.cli"]


def mhkg(*args, **kwargs):
    return subprocess.run([*MHKG, *args], capture_output=True, text=True, timeout=300, **kwargs)


def dump(store_path):
    store = open_store(store_path)
    return sorted(serialize(store.quads_for_pattern(None, None, None, None), format=RdfFormat.N_QUADS).splitlines())


def test_rebuilds_are_deterministic(built_release, tmp_path):
    again = build(tmp_path, log=lambda *_: None)
    assert again.build_id == built_release.build_id
    assert dump(again.store_path) == dump(built_release.store_path)


def test_a_failed_build_leaves_the_previous_release_serving(built_release, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(built_release.path.parent.parent, data, symlinks=True)
    before = current_release(data)
    bad = tmp_path / "facts"
    shutil.copytree(FACTS_DIR, bad)
    (bad / "kst-28638-174.yaml").write_text(
        'document: kst-28638-174\nstatements:\n  - quote: "dit staat er niet"\n'
        '    says: [[actor/comensha, mh:cooperatesWith, actor/nidos]]\n', encoding="utf-8")
    with pytest.raises(BuildError, match="dit staat er niet"):
        build(data, facts_dir=bad, log=lambda *_: None)
    after = current_release(data)
    assert after.build_id == before.build_id
    assert dump(after.store_path) == dump(built_release.store_path)
    assert not [p for p in (data / "releases").iterdir() if p.name.endswith(".tmp")]


def test_build_if_missing_does_not_rebuild(built_release):
    data = built_release.path.parent.parent
    result = mhkg("--data", str(data), "build", "--if-missing")
    assert result.returncode == 0, result.stderr
    assert f"graph already built: {built_release.build_id}" in result.stdout


def test_validate_names_a_bad_file_and_line_without_a_traceback(tmp_path):
    bad = tmp_path / "kst-28638-174.yaml"
    bad.write_text("document: kst-28638-174\nrecords:\n  x: [unclosed\n", encoding="utf-8")
    result = mhkg("validate", "--facts", str(bad))
    assert result.returncode == 1
    assert f"{bad}: line" in result.stderr and "YAML syntax error" in result.stderr
    assert "Traceback" not in result.stderr


def test_query_and_stats_on_the_built_store(built_release):
    data = str(built_release.path.parent.parent)
    result = mhkg("--data", data, "query", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "--format", "csv")
    assert result.returncode == 0, result.stderr
    assert int(result.stdout.splitlines()[1]) > 1000
    stats = mhkg("--data", data, "stats")
    assert "https://w3id.org/mhkg/def#Recommendation" in stats.stdout
    assert "https://w3id.org/mhkg/graph/kst-28638-174" in stats.stdout


def test_a_malformed_query_is_a_clear_error(built_release):
    result = mhkg("--data", str(built_release.path.parent.parent), "query", "SELECT ?s WHERE { ?s")
    assert result.returncode == 1
    assert "malformed SPARQL" in result.stderr and "Traceback" not in result.stderr


def test_export_keeps_named_graphs(built_release, tmp_path):
    out = tmp_path / "graph.nq"
    result = mhkg("--data", str(built_release.path.parent.parent), "export", "--format", "nq", "-o", str(out))
    assert result.returncode == 0, result.stderr
    store = Store()
    store.bulk_load(path=str(out), format=RdfFormat.N_QUADS)
    assert len(store) == len(open_store(built_release.store_path))


def test_a_store_in_use_and_a_corrupt_store_get_clear_messages(tmp_path):
    holder = Store(str(tmp_path / "locked"))  # holds the lock while the other process tries
    code = ("from kg.store import open_store\n"
            f"open_store({str(tmp_path / 'locked')!r}, read_only=False)\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert "is in use by another process" in result.stderr
    del holder
    corrupt = tmp_path / "corrupt"
    corrupt.mkdir()
    (corrupt / "CURRENT").write_text("garbage\n")
    result = mhkg("stats", "--store", str(corrupt))
    assert result.returncode == 1 and "cannot be opened" in result.stderr
    assert "Traceback" not in result.stderr
    with pytest.raises(StoreError, match="no Oxigraph store"):
        open_store(tmp_path / "absent")
