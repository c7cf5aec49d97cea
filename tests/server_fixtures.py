"""Real servers for the /sparql tests (loaded as a pytest plugin): `mhkg serve --store DIR`
in a subprocess on 127.0.0.1 and a free port, waited for on /health and stopped at the end,
over small stores generated here; and `oxigraph serve-read-only` over the same W3C data."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from graph_fixtures import dies_with_the_tests, free_port, wait_until_up

W3C_SUITE = Path(__file__).with_name("w3c") / "sparql11-protocol"
EX = "http://example.org/"
XSD = "http://www.w3.org/2001/XMLSchema#"


class MhkgServer:
    """`mhkg serve --store <store>` with the given options; its stderr (the JSON access log
    among it) goes to `log`."""

    def __init__(self, store: Path, log: Path, *options: str):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.sparql = self.url + "/sparql"
        self.log = log
        command = [sys.executable, "-m", "mhkg.cli", "serve", "--store", str(store), "--port", str(self.port),
                   *options]
        self._log_file = open(log, "wb")
        self.process = subprocess.Popen(command, stdout=self._log_file, stderr=subprocess.STDOUT,
                                        preexec_fn=dies_with_the_tests)
        try:
            wait_until_up(self.url + "/health", self.process)
        except RuntimeError:
            self.stop()
            raise RuntimeError(f"mhkg serve did not start: {log.read_text()[-2000:]}") from None

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self._log_file.close()


@pytest.fixture(scope="session")
def sparql_store(tmp_path_factory) -> Path:
    """A store of our shape in miniature: people in named graphs, labels in two languages,
    typed values, a blank node; 300 quads, enough for a cross join without end."""
    from pyoxigraph import BlankNode, Literal, NamedNode, Quad, Store

    path = tmp_path_factory.mktemp("sparql-store") / "store"
    store = Store(str(path))
    label, age, knows = (NamedNode("http://www.w3.org/2000/01/rdf-schema#label"), NamedNode(EX + "age"),
                         NamedNode(EX + "knows"))
    kind = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    quads = []
    for i in range(60):
        person, graph = NamedNode(f"{EX}person/{i}"), NamedNode(f"{EX}graph/{i % 3}")
        quads += [Quad(person, kind, NamedNode(EX + "Person"), graph),
                  Quad(person, label, Literal(f"persoon {i} é", language="nl"), graph),
                  Quad(person, label, Literal(f"person {i}", language="en"), graph),
                  Quad(person, age, Literal(str(20 + i), datatype=NamedNode(XSD + "integer")), graph),
                  Quad(person, knows, NamedNode(f"{EX}person/{(i + 1) % 60}"), graph)]
    note = BlankNode("note")
    quads += [Quad(NamedNode(EX + "person/0"), NamedNode(EX + "note"), note, NamedNode(EX + "graph/0")),
              Quad(note, label, Literal('a "quoted"\nnote'), NamedNode(EX + "graph/0"))]
    store.bulk_extend(quads)
    store.flush()
    del store
    return path


@pytest.fixture(scope="session")
def sparql_server(sparql_store, tmp_path_factory):
    """mhkg serve on the generated store with small limits: 2 s, 100 rows, 4 kB queries."""
    server = MhkgServer(sparql_store, tmp_path_factory.mktemp("sparql-server") / "server.log",
                        "--workers", "1", "--threads", "4", "--timeout", "2", "--max-rows", "100",
                        "--max-query-bytes", "4096")
    yield server
    server.stop()


@pytest.fixture(scope="session")
def w3c_store(tmp_path_factory) -> Path:
    """The W3C protocol suite's data files, each loaded as the named graph its manifest
    names (the `rdfs:label` of each `ut:graphData`)."""
    import rdflib
    from pyoxigraph import NamedNode, RdfFormat, Store

    manifest = rdflib.Graph().parse(W3C_SUITE / "manifest.ttl", format="turtle")
    ut = rdflib.Namespace("http://www.w3.org/2009/sparql/tests/test-update#")
    graphs = {(str(manifest.value(data, ut.graph)), str(manifest.value(data, rdflib.RDFS.label)))
              for data in manifest.objects(None, ut.graphData)}
    path = tmp_path_factory.mktemp("w3c-store") / "store"
    store = Store(str(path))
    for file_iri, graph in sorted(graphs):
        file = W3C_SUITE / file_iri.rsplit("/", 1)[-1]
        store.load(path=str(file), format=RdfFormat.N_TRIPLES, to_graph=NamedNode(graph))
    store.flush()
    del store
    return path


@pytest.fixture(scope="session")
def w3c_server(w3c_store, tmp_path_factory):
    server = MhkgServer(w3c_store, tmp_path_factory.mktemp("w3c-server") / "server.log",
                        "--workers", "1", "--threads", "2")
    yield server
    server.stop()


@pytest.fixture(scope="session")
def oxigraph_read_only(w3c_store):
    """`oxigraph serve-read-only` on the same store: its query endpoint's URL."""
    port = free_port()
    oxigraph = Path(sys.executable).with_name("oxigraph")
    process = subprocess.Popen([str(oxigraph), "serve-read-only", "--location", str(w3c_store),
                                "--bind", f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               preexec_fn=dies_with_the_tests)
    try:
        wait_until_up(f"http://127.0.0.1:{port}/", process)
        yield f"http://127.0.0.1:{port}/query"
    finally:
        process.terminate()
        process.wait(timeout=20)
