"""The package as a user installs it: a wheel built from the repository, installed with no
extras into a fresh virtual environment, builds, answers and serves the graph from an
empty working directory, so the corpus, facts, ontology, queries and the workbench's YASGUI
(where `make assets` installed it) ship inside it and every runtime import is a declared
dependency."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import venv
import zipfile
from contextlib import contextmanager
from pathlib import Path

import pytest
import requests

from graph_fixtures import dies_with_the_tests, free_port, wait_until_up

REPO = Path(__file__).resolve().parents[1]
#: What the wheel is not built from: these at the top of the checkout only (YASGUI's files sit
#: in a build/ of their own), and these anywhere.
NOT_SOURCE_AT_TOP = shutil.ignore_patterns(".venv", "data", ".git", "build", "dist", "results", "tests")
NOT_SOURCE = shutil.ignore_patterns("*.egg-info", "__pycache__", ".pytest_cache", ".cache")
#: The workbench's files from npm (`make assets`), as api/web/workbench.py serves them.
YASGUI = "api/web/vendor/node_modules/@zazuko/yasgui/build/"
WORKBENCH_ASSETS = ("yasgui.min.js", "yasgui.min.css")


def build_wheel(work: Path, *leave_out: str) -> Path:
    """A wheel built from a copy of the checkout (the build writes build/ into its source
    tree), without the folders named `leave_out`."""
    left_out = shutil.ignore_patterns(*leave_out)

    def ignore(directory: str, names: list[str]) -> set[str]:
        at_top = NOT_SOURCE_AT_TOP(directory, names) if Path(directory) == REPO else set()
        return at_top | NOT_SOURCE(directory, names) | left_out(directory, names)

    shutil.copytree(REPO, work / "source", ignore=ignore)
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(work / "dist"),
                    str(work / "source")], check=True, timeout=300)
    wheel, = (work / "dist").glob("mhkg-*.whl")
    return wheel


def vendored(wheel: Path) -> set[str]:
    """The files of api/web/vendor a wheel carries."""
    with zipfile.ZipFile(wheel) as archive:
        return {name for name in archive.namelist() if name.startswith("api/web/vendor/")}


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    return build_wheel(tmp_path_factory.mktemp("wheel"))


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory) -> Path:
    """The `bin/` of a fresh virtual environment holding only the wheel and its dependencies."""
    env = tmp_path_factory.mktemp("env")
    venv.create(env, with_pip=True)
    bin_dir = env / "bin"
    subprocess.run([str(bin_dir / "pip"), "install", "--quiet", "-c", str(REPO / "constraints.txt"), str(wheel)],
                   check=True, timeout=600)
    return bin_dir


def _run(mhkg: list[str], cwd: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    done = subprocess.run([*mhkg, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, f"mhkg {' '.join(args)}: {done.stderr[-2000:]}"
    return done


@contextmanager
def serving(mhkg: list[str], cwd: Path, env: dict | None = None):
    """`mhkg serve` on the release in `cwd`; yields its base URL."""
    port = free_port()
    server = subprocess.Popen([*mhkg, "serve", "--port", str(port)], cwd=cwd, env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, preexec_fn=dies_with_the_tests)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(url + "/health", server)
        yield url
    finally:
        server.terminate()
        assert server.wait(timeout=30) is not None


def workbench(url: str) -> str:
    """/sparql as a browser opens it."""
    page = requests.get(url + "/sparql", headers={"Accept": "text/html"}, timeout=10)
    assert page.status_code == 200
    return page.text


def test_the_wheel_installs_no_extra(installed):
    listed = subprocess.run([str(installed / "pip"), "list", "--format", "json"], capture_output=True, text=True,
                            check=True).stdout
    names = {p["name"].lower() for p in json.loads(listed)}
    assert "mhkg" in names and "pytest" not in names and "oxigraph" not in names


def test_the_wheel_carries_of_node_modules_only_the_files_the_workbench_serves(wheel):
    assert all((REPO / YASGUI / name).is_file() for name in WORKBENCH_ASSETS), "make assets did not install YASGUI"
    assert vendored(wheel) == {YASGUI + name for name in WORKBENCH_ASSETS}


def test_the_installed_package_builds_queries_and_serves_from_an_empty_directory(installed, tmp_path):
    mhkg = [str(installed / "mhkg")]
    empty = tmp_path / "elsewhere"
    empty.mkdir()
    built = _run(mhkg, empty, "build")
    assert "is current" in built.stdout
    assert (empty / "data" / "current").is_symlink()
    stats = _run(mhkg, empty, "stats").stdout
    assert "https://w3id.org/mhkg/graph/kst-28638-174" in stats
    answer = _run(mhkg, empty, "query", "--format", "csv",
                  "SELECT ?l { <https://w3id.org/mhkg/id/actor/comensha> <http://www.w3.org/2000/01/rdf-schema#label> ?l }")
    assert "CoMensha" in answer.stdout

    with serving(mhkg, empty) as url:
        ready = requests.get(url + "/ready", timeout=10).json()
        assert ready["status"] == "ready" and ready["triples"] > 10000
        actor = requests.get(url + "/api/actors/comensha", timeout=10).json()
        assert actor["label"].startswith("CoMensha") or "CoMensha" in json.dumps(actor["altLabels"])
        asked = requests.get(url + "/sparql", params={"query": "ASK { ?s a <https://w3id.org/mhkg/def#Report> }"},
                             headers={"Accept": "application/sparql-results+json"}, timeout=10)
        assert asked.status_code == 200 and asked.json()["boolean"] is True
        page = workbench(url)
        assert 'id="workbench"' in page
        linked = re.findall(r'(?:src|href)="([^"]*/yasgui\.min\.(?:js|css))"', page)
        assert sorted(Path(link).name for link in linked) == sorted(WORKBENCH_ASSETS)
        for link in linked:
            asset = requests.get(url + link, timeout=10)
            assert asset.status_code == 200, link
            assert asset.content == (REPO / YASGUI / Path(link).name).read_bytes(), link


def test_a_wheel_built_without_the_assets_builds_and_its_workbench_says_they_are_missing(installed, tmp_path):
    """Where `make assets` never ran the wheel builds all the same; installed (on the other
    wheel's dependencies, ahead of it on the path), its workbench says YASGUI is missing."""
    bare = build_wheel(tmp_path / "bare", "node_modules")
    assert vendored(bare) == set()
    site = tmp_path / "site"
    subprocess.run([str(installed / "pip"), "install", "--quiet", "--no-deps", "--target", str(site), str(bare)],
                   check=True, timeout=300)
    mhkg, env = [str(installed / "python"), "-m", "mhkg.cli"], {**os.environ, "PYTHONPATH": str(site)}
    empty = tmp_path / "elsewhere"
    empty.mkdir()
    _run(mhkg, empty, "build", env=env)
    with serving(mhkg, empty, env) as url:
        page = workbench(url)
        assert "YASGUI is not installed on this server" in page and 'id="workbench"' not in page
        for name in WORKBENCH_ASSETS:
            assert requests.get(f"{url}/assets/vendor/yasgui/{name}", timeout=10).status_code == 404
