"""schemathesis against the running service's own /openapi.json: every operation, more
than a thousand generated requests (valid and invalid), no 5xx, every answer as described.

An invalid request is rejected with any 4xx that names its fault: besides schemathesis's
own list, 414 (a generated value too long for a URL, refused before the app) and 431."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

MIN_CASES = 1000
REJECTIONS = ["400", "401", "403", "404", "405", "406", "409", "414", "415", "422", "428", "429", "431", "5XX"]


def test_every_operation_holds_to_its_description_under_generated_requests(graph_server, tmp_path):
    schemathesis = Path(sys.executable).with_name("schemathesis")
    config = tmp_path / "schemathesis.toml"
    config.write_text("[checks.negative_data_rejection]\nexpected-statuses = [%s]\n"
                      % ", ".join(f'"{status}"' for status in REJECTIONS))
    result = subprocess.run(
        [str(schemathesis), "--config-file", str(config), "run", f"{graph_server.url}/openapi.json",
         "--checks", "all",
         "--max-examples", "6", "--seed", "20261124", "--workers", "2",
         "--report", "junit", "--report-dir", str(tmp_path)],
        capture_output=True, text=True, timeout=600)
    summary = result.stdout[-3000:]
    assert result.returncode == 0, summary
    generated = int(re.search(r"(\d+) generated", summary).group(1))
    assert generated >= MIN_CASES, summary
    tested = re.search(r"Tested: (\d+)", summary)
    operations = sum(len(methods) for methods in graph_server.get("/openapi.json").json()["paths"].values())
    assert tested and int(tested.group(1)) >= operations, summary
