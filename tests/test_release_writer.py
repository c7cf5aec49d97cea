"""The release writer shared by `mhkg build` and `mhkg ingest` (kg/release.py): writers
exclude each other, a full or read-only disk is one line and loses nothing, and pruning
never removes a release a server holds.

The disk cases run the real commands on a small tmpfs of their own, mounted in a private
user and mount namespace (`unshare`), so no privilege and no real disk is needed.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kg.release import Release, prune

FIXTURES = Path(__file__).with_name("fixtures")
MHKG = [sys.executable, "-m", "mhkg.cli"]

# Runs inside the namespace: a 40 MB tmpfs at $D, one good build, then the disk filled
# up to ~150 kB, and each write tried; every line it prints is checked below.
ON_A_SMALL_DISK = r"""
set -u
D=$1; PAPER=$2
mount -t tmpfs -o size=40m tmpfs "$D" || { echo "mount failed"; exit 90; }
mhkg() { "$PYTHON" -m mhkg.cli --data "$D" "$@"; }
state() {  # what is current, and what is in releases/ and ingested/ besides
  echo "current=$(readlink "$D/current") releases=$(ls -A "$D/releases" | tr '\n' ' ')ingested=$(ls -A "$D/ingested" 2>/dev/null | tr '\n' ' ')"
}
mhkg build >/dev/null 2>&1 || { echo "first build failed"; exit 91; }
echo "BEFORE $(state)"
fill() { avail=$(df --output=avail -k "$D" | tail -1); dd if=/dev/zero of="$D/filler" bs=1k count=$((avail - 150)) status=none 2>/dev/null; }
fill
mhkg ingest "$PAPER" 2>"$D/../ingest.err" >/dev/null; echo "INGEST rc=$? $(state)"
rm "$D/filler"
mhkg ingest "$PAPER" >/dev/null 2>&1; echo "INGEST-WITH-ROOM rc=$?"
after_ingest=$(readlink "$D/current")
fill
mhkg build 2>"$D/../build.err" >/dev/null; echo "BUILD rc=$? $(state)"
rm "$D/filler"
mount -o remount,ro "$D"
mhkg build 2>"$D/../readonly.err" >/dev/null; echo "READONLY rc=$?"
echo "AFTER_INGEST current=$after_ingest"
mhkg query 'SELECT (COUNT(DISTINCT ?s) AS ?n) { ?s a <https://w3id.org/mhkg/def#SourceDocument> }' --format csv
"""


@pytest.fixture(scope="module")
def small_disk(tmp_path_factory):
    work = tmp_path_factory.mktemp("small-disk")
    (work / "data").mkdir()
    script = work / "run.sh"
    script.write_text(ON_A_SMALL_DISK)
    done = subprocess.run(["unshare", "--user", "--map-root-user", "--mount", "--propagation", "private",
                           "bash", str(script), str(work / "data"), str(FIXTURES / "kamervragen-fixture.txt")],
                          capture_output=True, text=True, timeout=300, env={**os.environ, "PYTHON": sys.executable})
    lines = {line.split(" ", 1)[0]: line for line in done.stdout.splitlines() if line}
    assert "BEFORE" in lines, done.stdout + done.stderr
    errors = {name: (work / f"{name}.err").read_text() for name in ("ingest", "build", "readonly")}
    return lines, errors, done.stdout


def _one_line(text: str) -> str:
    lines = [line for line in text.splitlines() if line.startswith("mhkg ")]
    assert len(lines) == 1 and "Traceback" not in text, text
    return lines[0]


def test_a_full_disk_during_ingest_is_one_line_and_leaves_nothing_behind(small_disk):
    lines, errors, _ = small_disk
    before = lines["BEFORE"].split(" ", 1)[1]
    assert lines["INGEST"].startswith("INGEST rc=1 "), lines["INGEST"]
    assert lines["INGEST"].split(" ", 2)[2] == before  # same current, no staging, no orphan text
    message = _one_line(errors["ingest"])
    assert "disk is full" in message and "is still current" in message, message
    assert lines["INGEST-WITH-ROOM"] == "INGEST-WITH-ROOM rc=0"  # the same paper goes in once there is room


def test_a_full_disk_during_build_is_one_line_and_the_previous_release_serves(small_disk):
    lines, errors, stdout = small_disk
    assert lines["BUILD"].startswith("BUILD rc=1 "), lines["BUILD"]
    current = lines["AFTER_INGEST"].split("=", 1)[1]
    assert f"current={current} " in lines["BUILD"]
    assert ".tmp" not in lines["BUILD"]
    message = _one_line(errors["build"])
    assert "disk is full" in message and "is still current" in message, message
    assert stdout.strip().splitlines()[-1] == "6"  # the 5 seeds and the ingested paper, still answered


def test_a_read_only_data_directory_is_one_line(small_disk):
    lines, errors, _ = small_disk
    assert lines["READONLY"] == "READONLY rc=1"
    assert "read-only" in _one_line(errors["readonly"])


def test_two_writers_exclude_each_other_with_a_message_naming_the_first(built_release, tmp_path):
    """A build or an ingest, while another writer holds the data directory, is refused at once in
    one line naming it. The first writer is a process holding the writers' lock as `mhkg build`
    does (kg/release.py `exclusive`) until told to stop: a real build, 3 s since its SHACL gate
    is compiled, was over before the second command started."""
    data = tmp_path / "data"
    shutil.copytree(built_release.path.parent.parent, data, symlinks=True)
    holding = ("import sys\nfrom kg.release import exclusive\nwith exclusive(sys.argv[1], 'build'):\n"
               "    print('held', flush=True)\n    sys.stdin.read()\n")
    first = subprocess.Popen([sys.executable, "-c", holding, str(data)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                             text=True)
    try:
        assert first.stdout.readline() == "held\n"
        for command in (["build"], ["ingest", str(FIXTURES / "kamervragen-fixture.txt")]):
            second = subprocess.run([*MHKG, "--data", str(data), *command], capture_output=True, text=True,
                                    timeout=60)
            assert second.returncode == 1, second.stderr
            assert second.stderr.count("\n") == 1 and "Traceback" not in second.stderr
            assert f"mhkg build (pid {first.pid}) is writing to {data}" in second.stderr, second.stderr
    finally:
        first.stdin.close()
        assert first.wait(timeout=60) == 0
        first.stdout.close()
    assert not (data / "ingested").exists()  # the refused ingest wrote nothing
    assert subprocess.run([*MHKG, "--data", str(data), "build"], capture_output=True, timeout=120).returncode == 0


def test_pruning_skips_a_release_that_a_server_holds(tmp_path):
    releases = tmp_path / "releases"
    made = []
    for i in range(6):
        release = releases / f"r{i}"
        release.mkdir(parents=True)
        (release / "build.json").write_text("{}")
        os.utime(release, (1000 + i, 1000 + i))
        made.append(release)
    held = Release(made[0]).lease()  # the oldest, as an old server process would hold it
    try:
        removed = prune(releases, keep=made[-1], keep_count=3)
        assert sorted(p.name for p in removed) == ["r1", "r2"]
        assert made[0].is_dir()
    finally:
        held.release()
    assert [p.name for p in prune(releases, keep=made[-1], keep_count=3)] == ["r0"]
    assert sorted(p.name for p in releases.iterdir()) == ["r3", "r4", "r5"]
