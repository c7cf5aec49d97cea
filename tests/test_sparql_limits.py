"""What a hostile query cannot do to /sparql: reach the network from a query process, take
unbounded memory or answer bytes, keep a grown process, crash the service, or take every
thread. Against a real `mhkg serve` with small limits, and the query processes themselves
(a started Pool, bypassing the guard)."""
from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import requests
from pyoxigraph import Store

from server_fixtures import MhkgServer

from api.sparql.worker import LONGEST_ROW, answer
from api.sparql.workers import Limits, Pool

SANDBOX = Path(__file__).parents[1] / "api" / "sparql" / "sandbox.py"
ENDLESS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o . ?q ?r ?s }"
CHEAP = "ASK { ?p a <http://example.org/Person> }"
# ORDER BY over a cartesian product: sorted in memory, ~350 MB/s on this 300-quad store
CARTESIAN = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?c ?f ?i LIMIT 1"
MEMORY_MIB, RECYCLE_MIB, ANSWER_BYTES, TIMEOUT_S = 256, 64, 1 << 20, 3


def doubled(times: int) -> str:
    """BINDs making ?a<times>, a string of 2**times "x" (a query of a few hundred bytes)."""
    return 'BIND("x" AS ?a0) ' + "".join(f"BIND(CONCAT(?a{i}, ?a{i}) AS ?a{i + 1}) " for i in range(times))


@pytest.fixture(scope="module")
def limits_server(sparql_store, tmp_path_factory):
    """Two query processes capped at 256 MiB, recycled past 64 MiB, 1 MiB answers, one
    query waiting at most, 3 s; 8 server threads."""
    server = MhkgServer(sparql_store, tmp_path_factory.mktemp("limits-server") / "server.log",
                        "--workers", "1", "--threads", "8", "--timeout", str(TIMEOUT_S),
                        "--query-memory-mib", str(MEMORY_MIB), "--recycle-rss-mib", str(RECYCLE_MIB),
                        "--max-answer-bytes", str(ANSWER_BYTES), "--sparql-queue", "1")
    yield server
    server.stop()


def ask(server, query: str, accept: str = "application/sparql-results+json") -> requests.Response:
    return requests.post(server.sparql, data={"query": query}, headers={"Accept": accept}, timeout=30)


def problem(response: requests.Response, status: int) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == status and "Traceback" not in response.text and "Error" not in body["detail"]
    assert "/" not in body["detail"]  # no file paths
    return body


def query_processes(server) -> list[int]:
    """The pids of the server's query processes (api/sparql/worker.py below its process)."""
    def parent(pid: str) -> int:
        stat = Path(f"/proc/{pid}/stat").read_text()
        return int(stat.rsplit(")", 1)[1].split()[1])

    found = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            if b"worker.py" not in Path(f"/proc/{pid}/cmdline").read_bytes():
                continue
            ancestor = parent(pid)
            while ancestor > 1 and ancestor != server.process.pid:
                ancestor = parent(str(ancestor))
        except OSError:  # ended meanwhile
            continue
        if ancestor == server.process.pid:
            found.append(int(pid))
    return found


def state(pid: int) -> str:
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]


# --- no network -------------------------------------------------------------------------

class Listener:
    """A TCP socket on loopback that accepts every connection and closes it at once (a
    caller waiting for an answer gets none, without hanging), counting them."""

    def __init__(self):
        self.socket = socket.create_server(("127.0.0.1", 0))
        self.port, self.connections = self.socket.getsockname()[1], 0
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                connection, _ = self.socket.accept()
            except OSError:  # closed at the end of the test
                return
            self.connections += 1
            connection.close()


@pytest.fixture
def listener():
    target = Listener()
    yield target
    target.socket.close()


def test_the_sandbox_refuses_every_socket():
    """seccomp holds on Linux x86_64/aarch64 whatever the privileges; the namespace where allowed."""
    probe = f"""
import importlib.util, json, socket
spec = importlib.util.spec_from_file_location("sandbox", {str(SANDBOX)!r})
sandbox = importlib.util.module_from_spec(spec); spec.loader.exec_module(sandbox)
missing, errors = sandbox.confine(), []
for make in (lambda: socket.socket(socket.AF_INET), lambda: socket.socket(socket.AF_INET6, socket.SOCK_DGRAM),
             lambda: socket.socket(socket.AF_UNIX), socket.socketpair):
    try:
        make()
        errors.append(None)
    except OSError as err:
        errors.append(err.errno)
print(json.dumps({{"missing": missing, "errors": errors}}))
"""
    outcome = json.loads(subprocess.run([sys.executable, "-I", "-c", probe], capture_output=True, check=True,
                                        timeout=30).stdout)
    assert not any(layer.startswith("seccomp") for layer in outcome["missing"])
    assert outcome["errors"] == [1, 1, 1, 1]  # EPERM


def test_a_missing_layer_is_one_warning_and_the_queries_still_run(sparql_store):
    """Where no network namespace may be made (here: unshare refused by a filter the query
    processes inherit), they start, say so once, and answer; seccomp still holds."""
    unshare = {"x86_64": 272, "aarch64": 97}  # its system call number
    child = f"""
import importlib.util, logging, platform
logging.basicConfig(format="%(levelname)s %(message)s")
spec = importlib.util.spec_from_file_location("sandbox", {str(SANDBOX)!r})
sandbox = importlib.util.module_from_spec(spec); spec.loader.exec_module(sandbox)
sandbox.install_filter(sandbox.network_filter(sandbox.machine()[0], [{unshare}[platform.machine()]]))
from api.sparql.worker import LONGEST_ROW, answer
from api.sparql.workers import Limits, Pool
pool = Pool({str(sparql_store)!r}, 2)
assert pool.warm_up()
limits = Limits(timeout_s=10, max_rows=10, max_answer_bytes=1 << 20, memory_bytes=512 << 20,
                recycle_rss_bytes=512 << 20, max_waiting=0)
for _ in range(2):
    print(pool.run({{"query": "ASK {{ ?s ?p ?o }}", "base_iri": None, "dataset": None, "union": True,
                    "prefixes": {{}}, "formats": {{"solutions": "tsv", "graph": "turtle"}}}}, limits)["ok"])
"""
    done = subprocess.run([sys.executable, "-c", child], capture_output=True, text=True, timeout=60,
                          cwd=Path(__file__).parents[1])
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["True", "True"]
    warnings = [line for line in done.stderr.splitlines() if line.startswith("WARNING")]
    assert len(warnings) == 1 and "network namespace" in warnings[0] and "seccomp" not in warnings[0], warnings


def test_no_query_reaches_the_network_even_past_the_guard(sparql_store, listener):
    """Queries sent straight to the query process, as if the guard had let them through."""
    target = f"http://127.0.0.1:{listener.port}/sparql"
    queries = [f"SELECT * {{ SERVICE <{target}> {{ }} }}",
               f"SELECT * {{ SERVICE SILENT <{target}> {{ ?s ?p ?o }} }}",
               f"SELECT * {{ BIND(<{target}> AS ?e) SERVICE ?e {{ ?s ?p ?o }} }}",
               f"ASK {{ SERVICE <http://localhost:{listener.port}/sparql> {{ ?s ?p ?o }} }}"]
    # unconfined, pyoxigraph does call out: the listener would see it
    Store.read_only(str(sparql_store)).query(queries[1])
    assert listener.connections == 1

    pool = Pool(sparql_store, 1)
    try:
        assert pool.warm_up()
        limits = Limits(timeout_s=10, max_rows=10, max_answer_bytes=1 << 20, memory_bytes=512 << 20,
                        recycle_rss_bytes=512 << 20, max_waiting=0)
        for query in queries:
            reply = pool.run({"query": query, "base_iri": None, "dataset": None, "union": True, "prefixes": {},
                              "formats": {"solutions": "json", "graph": "turtle"}}, limits)
            assert not reply["ok"] or b'"value"' not in reply["body"], reply  # an error, or nothing bound
            assert listener.connections == 1, query
    finally:
        pool.close()


# --- memory and answer size -------------------------------------------------------------

def test_a_query_past_the_memory_cap_is_507_and_the_next_is_answered(limits_server):
    started = time.monotonic()
    body = problem(ask(limits_server, CARTESIAN), 507)
    assert time.monotonic() - started < TIMEOUT_S  # the cap stopped it, not the time limit
    assert f"{MEMORY_MIB} MiB" in body["detail"] and body["memory_mib"] == MEMORY_MIB
    assert ask(limits_server, CHEAP).json()["boolean"] is True


def test_answers_are_cut_at_the_byte_limit_and_marked(limits_server):
    numbers = " ".join(str(n) for n in range(40))
    rows = ask(limits_server, f"SELECT ?n ?a16 {{ VALUES ?n {{ {numbers} }} {doubled(16)} }}")  # 40 × 64 KiB
    assert rows.status_code == 200 and len(rows.content) <= ANSWER_BYTES
    bindings = rows.json()["results"]["bindings"]
    assert 0 < len(bindings) < 40 and len(bindings[-1]["a16"]["value"]) == 1 << 16
    assert rows.headers["MHKG-Result-Rows"] == str(len(bindings))
    assert f"{ANSWER_BYTES} bytes" in rows.headers["MHKG-Results-Truncated"]
    huge = ask(limits_server, f"SELECT ?a24 WHERE {{ {doubled(24)} }}", accept="text/csv")  # one 16 MiB row
    assert huge.status_code == 200 and huge.text.split() == ["a24"]
    assert huge.headers["MHKG-Result-Rows"] == "0" and huge.headers["MHKG-Results-Truncated"]


def test_a_row_past_the_longest_ends_the_answer(sparql_store):
    """In the query process's own code: one 8 MiB value, in an answer that may hold 32 MiB, is
    not handed to pyoxigraph's TSV reader (slow on long lines, refuses 16 MiB) but cut."""
    request = {"query": f"SELECT ?n ?a23 WHERE {{ VALUES ?n {{ 1 2 }} {doubled(23)} }} ORDER BY ?n",
               "base_iri": None, "dataset": None, "union": True, "prefixes": {},
               "formats": {"solutions": "json", "graph": "turtle"}, "max_rows": 10, "max_bytes": 32 << 20}
    started = time.monotonic()
    reply = answer(Store.read_only(str(sparql_store)), request)
    assert time.monotonic() - started < 2
    assert reply["ok"] and reply["rows"] == 0 and reply["truncated"] == "row"
    assert json.loads(reply["body"])["results"]["bindings"] == []
    assert 1 << 20 < LONGEST_ROW < 8 << 20


def test_a_process_that_grew_is_replaced(limits_server):
    """~90k groups of ~1 kB keys: the allocator keeps ~100 MB after the answer (fresh: ~30 MB)."""
    def recycled() -> list[str]:
        return [line for line in Path(limits_server.log).read_text().splitlines() if "grew to" in line]

    earlier = len(recycled())
    assert ask(limits_server, CHEAP).status_code == 200
    assert len(recycled()) == earlier
    before = set(query_processes(limits_server))
    grow = (f"SELECT (COUNT(*) AS ?groups) {{ SELECT ?k {{ ?a ?b ?c . ?d ?e ?f {doubled(10)} "
            "BIND(CONCAT(STR(?c), STR(?f), ?a10) AS ?k) } GROUP BY ?k }")
    assert int(ask(limits_server, grow).json()["results"]["bindings"][0]["groups"]["value"]) > 10000
    assert len(recycled()) == earlier + 1
    pid = int(recycled()[-1].split("query process ")[1].split()[0])
    assert pid in before and not Path(f"/proc/{pid}").exists()
    assert ask(limits_server, CHEAP).status_code == 200
    deadline = time.monotonic() + 10
    while len(query_processes(limits_server)) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert pid not in query_processes(limits_server) and len(query_processes(limits_server)) == 2


# --- crashes and capacity ---------------------------------------------------------------

def test_a_crashed_query_process_is_answered_cleanly_and_replaced(limits_server):
    answers = {}
    slow = threading.Thread(target=lambda: answers.setdefault("endless", ask(limits_server, ENDLESS)))
    slow.start()
    time.sleep(0.5)
    busy = [pid for pid in query_processes(limits_server) if state(pid) == "R"]
    assert len(busy) == 1
    os.kill(busy[0], signal.SIGSEGV)
    killed_at = time.monotonic()
    slow.join(timeout=30)
    assert time.monotonic() - killed_at < 1.5  # answered at the crash, not at the time limit
    body = problem(answers["endless"], 503)
    assert "SIGSEGV" in body["detail"] and "Retry-After" not in answers["endless"].headers
    assert ask(limits_server, CHEAP).json()["boolean"] is True


def test_a_full_sparql_is_503_at_once_while_health_stays_fast(limits_server):
    """2 query processes busy, 1 query waiting: the next is refused at once, with Retry-After."""
    answers = {}

    def send(name, query):
        answers[name] = ask(limits_server, query)

    threads = [threading.Thread(target=send, args=(f"endless{i}", ENDLESS)) for i in range(2)]
    threads.append(threading.Thread(target=send, args=("waiting", CHEAP)))
    # the waiting query waits a time limit for a process: sent 1 s after the first endless
    # one, it has 1 s left when that one is stopped and its replacement starts
    for thread, pause in zip(threads, (0.3, 0.7, 0.3)):
        thread.start()
        time.sleep(pause)
    started = time.monotonic()
    refused = ask(limits_server, CHEAP)
    refused_in = time.monotonic() - started
    started = time.monotonic()
    health = requests.get(limits_server.url + "/health", timeout=30)
    health_in = time.monotonic() - started
    for thread in threads:
        thread.join(timeout=30)
    assert refused_in < 1 and health.status_code == 200 and health_in < 1
    body = problem(refused, 503)
    assert "wait" in body["detail"] and refused.headers["Retry-After"] == str(TIMEOUT_S)
    assert [answers[f"endless{i}"].status_code for i in range(2)] == [504, 504]
    assert answers["waiting"].status_code == 200 and answers["waiting"].json()["boolean"] is True
