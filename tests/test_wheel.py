"""The package as a user installs it: a wheel built from the repository, installed with no
extras into a fresh virtual environment, builds, answers and serves the graph from an
empty working directory, so the corpus, facts, ontology and queries ship inside it and
every runtime import is a declared dependency."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest
import requests

from graph_fixtures import dies_with_the_tests, free_port, wait_until_up

REPO = Path(__file__).resolve().parents[1]
NOT_SOURCE = shutil.ignore_patterns(".venv", "data", ".git", "build", "dist", "*.egg-info", "__pycache__",
                                    ".pytest_cache", ".cache", "results", "tests")


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """The `bin/` of a fresh virtual environment holding only the wheel and its dependencies."""
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"
    shutil.copytree(REPO, source, ignore=NOT_SOURCE)  # the build writes build/ into its source tree
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(work / "dist"),
                    str(source)], check=True, timeout=300)
    wheel, = (work / "dist").glob("mhkg-*.whl")
    venv.create(work / "env", with_pip=True)
    bin_dir = work / "env" / "bin"
    subprocess.run([str(bin_dir / "pip"), "install", "--quiet", "-c", str(REPO / "constraints.txt"), str(wheel)],
                   check=True, timeout=600)
    return bin_dir


def _run(bin_dir: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess:
    done = subprocess.run([str(bin_dir / "mhkg"), *args], cwd=cwd, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, f"mhkg {' '.join(args)}: {done.stderr[-2000:]}"
    return done


def test_the_wheel_installs_no_extra(installed):
    listed = subprocess.run([str(installed / "pip"), "list", "--format", "json"], capture_output=True, text=True,
                            check=True).stdout
    names = {p["name"].lower() for p in json.loads(listed)}
    assert "mhkg" in names and "pytest" not in names and "oxigraph" not in names


def test_the_installed_package_builds_queries_and_serves_from_an_empty_directory(installed, tmp_path):
    empty = tmp_path / "elsewhere"
    empty.mkdir()
    built = _run(installed, empty, "build")
    assert "is current" in built.stdout
    assert (empty / "data" / "current").is_symlink()
    stats = _run(installed, empty, "stats").stdout
    assert "https://w3id.org/mhkg/graph/kst-28638-174" in stats
    answer = _run(installed, empty, "query", "--format", "csv",
                  "SELECT ?l { <https://w3id.org/mhkg/id/actor/comensha> <http://www.w3.org/2000/01/rdf-schema#label> ?l }")
    assert "CoMensha" in answer.stdout

    port = free_port()
    server = subprocess.Popen([str(installed / "mhkg"), "serve", "--port", str(port)], cwd=empty,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, preexec_fn=dies_with_the_tests)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(url + "/health", server)
        ready = requests.get(url + "/ready", timeout=10).json()
        assert ready["status"] == "ready" and ready["triples"] > 10000
        actor = requests.get(url + "/api/actors/comensha", timeout=10).json()
        assert actor["label"].startswith("CoMensha") or "CoMensha" in json.dumps(actor["altLabels"])
        asked = requests.get(url + "/sparql", params={"query": "ASK { ?s a <https://w3id.org/mhkg/def#Report> }"},
                             headers={"Accept": "application/sparql-results+json"}, timeout=10)
        assert asked.status_code == 200 and asked.json()["boolean"] is True
    finally:
        server.terminate()
        assert server.wait(timeout=30) is not None
