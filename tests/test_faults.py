"""Faults: a build killed midway, a server killed and restarted, a corrupt store. What was
serving keeps serving the same answers; what cannot work says why, without a traceback."""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time

from graph_fixtures import Service
from kg.release import current_release, switch_current

ANSWERS = ["/api/actors?limit=500", "/api/recommendations?limit=500", "/api/actors/comensha",
           "/api/search?q=slachtoffers"]


def answers(api) -> list:
    """The answers, with the server's own address (in `next` links) taken out."""
    return [json.loads(api.get(path).text.replace(api.url, "")) for path in ANSWERS]


def copy_of_data(built_release, tmp_path):
    """A data directory whose current release is the built one, under another name, so
    that the next build must write a new release."""
    data = tmp_path / "data"
    shutil.copytree(built_release.path.parent.parent, data, symlinks=True)
    previous = data / "releases" / f"previous-{built_release.build_id}"
    os.rename(data / "releases" / built_release.build_id, previous)
    switch_current(previous, data)
    return data, previous


def test_kill_9_midway_through_a_build_leaves_the_previous_release_serving(built_release, tmp_path):
    data, previous = copy_of_data(built_release, tmp_path)
    with Service(data=str(data)) as api:
        before = answers(api)
        build = subprocess.Popen([sys.executable, "-m", "mhkg.cli", "--data", str(data), "build"],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 120
        while not list((data / "releases").glob(".*.tmp")):  # the new release is being written
            assert build.poll() is None and time.monotonic() < deadline, "the build ended before it wrote"
            time.sleep(0.005)
        os.kill(build.pid, signal.SIGKILL)
        build.wait()
        assert current_release(data).path == previous.resolve()
        assert answers(api) == before
    with Service(data=str(data)) as restarted:
        assert answers(restarted) == before
    done = subprocess.run([sys.executable, "-m", "mhkg.cli", "--data", str(data), "build"],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert not list((data / "releases").glob(".*.tmp")), "the killed build's leftovers are cleaned up"
    assert current_release(data).build_id == built_release.build_id


def test_kill_9_of_the_server_and_a_restart_serve_the_same_answers(built_release):
    server = Service("--store", str(built_release.store_path))
    before = answers(server.api)
    server.crash()
    with Service("--store", str(built_release.store_path)) as restarted:
        assert answers(restarted) == before


def test_serving_a_corrupt_store_is_a_clear_error(tmp_path):
    corrupt = tmp_path / "store"
    corrupt.mkdir()
    (corrupt / "CURRENT").write_text("MANIFEST-garbage\n")
    result = subprocess.run([sys.executable, "-m", "mhkg.cli", "serve", "--store", str(corrupt), "--port", "9"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert "cannot be opened; it may be corrupt" in result.stderr and "Traceback" not in result.stderr
