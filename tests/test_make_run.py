"""The README's first command, as a new user runs it: `make run` in a fresh checkout (what
is committed, nothing else) installs the project, builds the graph and serves it; the
README's REST and SPARQL examples answer.

Quick: the checkout's virtual environment is new, and sees the test
environment's installed packages through a `.pth` file, so `make run`'s pip install finds
every pinned dependency present and installs only the project itself. (The wheel in an
empty environment, with dependencies resolved by pip, is tests/test_wheel.py.)
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import requests

from graph_fixtures import dies_with_the_tests, free_port, wait_until_up

REPO = Path(__file__).resolve().parents[1]
MINISTRIES = """PREFIX mh: <https://w3id.org/mhkg/def#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?label WHERE { ?a a mh:Ministry ; rdfs:label ?label FILTER(lang(?label) = "nl") } ORDER BY ?label"""


def fresh_checkout(target: Path) -> Path:
    """What a clone of the committed state holds: `git archive HEAD`, unpacked."""
    target.mkdir()
    archive = subprocess.run(["git", "archive", "--format=tar", "HEAD"], cwd=REPO, capture_output=True, check=True)
    subprocess.run(["tar", "-x", "-C", str(target)], input=archive.stdout, check=True)
    return target


def test_make_run_installs_builds_and_serves(tmp_path):
    checkout = fresh_checkout(tmp_path / "mhkg")
    venv.create(checkout / ".venv", with_pip=True)
    site = Path(sysconfig.get_path("purelib", vars={"base": str(checkout / ".venv"),
                                                    "platbase": str(checkout / ".venv")}))
    (site / "test-environment.pth").write_text(sysconfig.get_path("purelib") + "\n")
    port = free_port()
    log = open(tmp_path / "make-run.log", "wb")
    env = {key: value for key, value in os.environ.items() if key not in ("MHKG_DATA", "VIRTUAL_ENV", "PYTHONPATH")}
    make = subprocess.Popen(["make", "run", f"PORT={port}", f"PY={sys.executable}"], cwd=checkout, env=env,
                            stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
                            preexec_fn=dies_with_the_tests)
    try:
        wait_until_up(f"http://127.0.0.1:{port}/ready", make, seconds=240)
        ready = requests.get(f"http://127.0.0.1:{port}/ready", timeout=30).json()
        assert ready["status"] == "ready" and ready["triples"] > 20000
        assert (checkout / "data" / "current" / "build.json").is_file()  # the graph was built into ./data
        hits = requests.get(f"http://127.0.0.1:{port}/api/search", params={"q": "Inspectie SZW"}, timeout=30).json()
        assert hits["items"][0]["slug"] == "inspectie-szw"
        csv = requests.post(f"http://127.0.0.1:{port}/sparql", data={"query": MINISTRIES},
                            headers={"Accept": "text/csv"}, timeout=30).text.splitlines()
        assert csv[0] == "label" and "Ministerie van Justitie en Veiligheid" in csv
    finally:
        if make.poll() is None:
            os.killpg(make.pid, signal.SIGTERM)
            make.wait(timeout=30)
        log.close()
    output = (tmp_path / "make-run.log").read_text()
    assert "Traceback" not in output, output[-3000:]
