"""A running `mhkg serve` follows the releases: each new build is served within seconds by
REST, /sparql and /ready, in every server process and query process; pruning never takes
a release from under it; and a server process or query process killed with SIGKILL comes
back once, on the newest release.

The builds run in the test process with a copy of the facts in which CoMensha's English
label is changed, so each release is told apart by what it answers."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from graph_fixtures import dies_with_the_tests, free_port, wait_until_up
from kg.build import build
from kg.facts import FACTS_DIR
from kg.release import current_release

COMENSHA_EN = "CoMensha (Coordination Centre against Human Trafficking)"
LABEL_QUERY = ('SELECT ?l { <https://w3id.org/mhkg/id/actor/comensha> '
               '<http://www.w3.org/2000/01/rdf-schema#label> ?l FILTER(lang(?l) = "en") }')


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def _ended(pid: int) -> bool:
    """Whether a process has ended (gone, or a zombie its parent has not reaped yet)."""
    try:
        return (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0] in ("Z", "X")
    except OSError:
        return True


def _cmdline(pid: int) -> str:
    try:
        return (Path("/proc") / str(pid) / "cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


class Followed:
    """`mhkg serve --data DIR` with two server processes, and what it answers now."""

    def __init__(self, data: Path, log: Path):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = open(log, "wb")
        self.process = subprocess.Popen([sys.executable, "-m", "mhkg.cli", "--data", str(data), "serve",
                                         "--port", str(self.port), "--workers", "2"],
                                        stdout=self.log, stderr=subprocess.STDOUT, preexec_fn=dies_with_the_tests)
        wait_until_up(self.url + "/health", self.process)

    def server_processes(self) -> set[int]:
        return {pid for pid in _children(self.process.pid) if "worker.py" not in _cmdline(pid)}

    def query_processes(self) -> set[int]:
        return {child for pid in self.server_processes() for child in _children(pid) if "worker.py" in _cmdline(child)}

    def answers(self) -> tuple[str, str, str]:
        """(REST label, SPARQL label, /ready build) from one request each."""
        rest = requests.get(self.url + "/api/actors/comensha", timeout=30).json()["labelEn"]
        sparql = requests.get(self.url + "/sparql", params={"query": LABEL_QUERY},
                              headers={"Accept": "application/sparql-results+json"}, timeout=30)
        assert sparql.status_code == 200, sparql.text
        ready = requests.get(self.url + "/ready", timeout=30).json()["build"]
        return rest, sparql.json()["results"]["bindings"][0]["l"]["value"], ready

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()


@pytest.fixture
def data_and_facts(built_release, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(built_release.path.parent.parent, data, symlinks=True)
    facts = tmp_path / "facts"
    shutil.copytree(FACTS_DIR, facts)
    return data, facts


def _build_labelled(data: Path, facts: Path, label: str) -> str:
    register = facts / "register.yaml"
    text = register.read_text(encoding="utf-8")
    current = next(line for line in text.splitlines() if line.startswith("    en: CoMensha"))
    register.write_text(text.replace(current, f"    en: {label}"), encoding="utf-8")
    return build(data, facts_dir=facts, log=lambda *_: None).build_id


def _until(condition, seconds: float, what: str):
    deadline = time.monotonic() + seconds
    while True:
        value = condition()
        if value:
            return value
        assert time.monotonic() < deadline, what
        time.sleep(0.1)


def test_a_running_server_follows_every_release_and_survives_kills(data_and_facts, tmp_path):
    data, facts = data_and_facts
    server = Followed(data, tmp_path / "server.log")
    try:
        first = current_release(data).build_id
        assert server.answers() == (COMENSHA_EN, COMENSHA_EN, first)
        _until(lambda: len(server.query_processes()) == 4, 30, "query processes did not start")

        build_id = _build_labelled(data, facts, "CoMensha release 1")
        started = time.monotonic()
        _until(lambda: all(server.answers() == ("CoMensha release 1", "CoMensha release 1", build_id)
                           for _ in range(6)), 5, "the new release was not served within 5 s")
        assert time.monotonic() - started < 5

        for n in (2, 3, 4):
            build_id = _build_labelled(data, facts, f"CoMensha release {n}")
        newest = ("CoMensha release 4", "CoMensha release 4", build_id)
        _until(lambda: all(server.answers() == newest for _ in range(6)), 5, "release 4 was not served")
        # pruning kept the three newest: none of the older ones is held by the server any more
        _until(lambda: len([p for p in (data / "releases").iterdir() if not p.name.startswith(".")]) <= 3, 5,
               "an old release was kept")

        workers = server.server_processes()
        assert len(workers) == 2
        victim = sorted(workers)[0]
        os.kill(victim, signal.SIGKILL)
        query_victim = sorted(server.query_processes())[0]
        os.kill(query_victim, signal.SIGKILL)
        _until(lambda: len(server.server_processes() - {victim}) == 2, 30, "the killed server process was not replaced")
        # SIGKILL lands when it lands: a query sent to the process before it died is answered 503 (api/sparql);
        # one sent after finds it ended while idle and goes to another
        _until(lambda: _ended(query_victim), 30, "the killed query process did not end")
        for _ in range(40):  # spread over both server processes and all their query processes
            assert server.answers() == newest
        _until(lambda: len(server.query_processes()) == 4, 30, "query processes were not replaced")

        settled_workers, settled_queries = server.server_processes(), server.query_processes()
        assert victim not in settled_workers and query_victim not in settled_queries
        time.sleep(3)  # nothing restarts again: no process dies at start over and over
        assert server.server_processes() == settled_workers
        assert server.query_processes() == settled_queries
        assert server.answers() == newest
    finally:
        server.stop()
