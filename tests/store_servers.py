"""Real SPARQL store servers for the remote-store tests, each started on 127.0.0.1 with
free ports and a temporary directory, and stopped at the end of the session:
`oxigraph serve` (PyPI package `oxigraph`) and Virtuoso Open-Source 7 (Debian package
`virtuoso-opensource`, installed by `make test`)."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from graph_fixtures import dies_with_the_tests, free_port, wait_until_up

VIRTUOSO_INI = """\
[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql_port}
NumberOfBuffers = 20000
MaxDirtyBuffers = 15000
DirsAllowed = ., {dir}
[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = /var/lib/virtuoso-opensource-7/vsp
ServerThreads = 10
[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 60
"""
# The anonymous SPARQL user may update, so the Graph Store Protocol can load graphs.
VIRTUOSO_GRANTS = 'GRANT SPARQL_UPDATE TO "SPARQL"; DB.DBA.RDF_DEFAULT_USER_PERMS_SET (\'nobody\', 7);'


def _stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory):
    """`oxigraph serve` (read-write) on an empty store: its query endpoint's URL."""
    port = free_port()
    oxigraph = Path(sys.executable).with_name("oxigraph")
    process = subprocess.Popen([str(oxigraph), "serve", "--location", str(tmp_path_factory.mktemp("oxigraph")),
                                "--bind", f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               preexec_fn=dies_with_the_tests)
    try:
        wait_until_up(f"http://127.0.0.1:{port}/", process)
        yield f"http://127.0.0.1:{port}/query"
    finally:
        _stop(process)


@pytest.fixture(scope="session")
def virtuoso_server(tmp_path_factory):
    """Virtuoso 7 on an empty database, the SPARQL user allowed to update: its /sparql URL."""
    if shutil.which("virtuoso-t") is None:
        pytest.fail("Virtuoso is not installed: `make test` installs Debian's virtuoso-opensource")
    directory = tmp_path_factory.mktemp("virtuoso")
    sql_port, http_port = free_port(), free_port()
    ini = directory / "virtuoso.ini"
    ini.write_text(VIRTUOSO_INI.format(dir=directory, sql_port=sql_port, http_port=http_port))
    process = subprocess.Popen(["virtuoso-t", "+foreground", "+configfile", str(ini)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=directory,
                               preexec_fn=dies_with_the_tests)
    try:
        wait_until_up(f"http://127.0.0.1:{http_port}/sparql", process, seconds=60)
        subprocess.run(["isql-vt", f"127.0.0.1:{sql_port}", "dba", "dba", f"exec={VIRTUOSO_GRANTS}"],
                       check=True, capture_output=True, timeout=60)
        yield f"http://127.0.0.1:{http_port}/sparql"
    finally:
        _stop(process)
