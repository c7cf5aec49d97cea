"""The README's REST examples (### REST (other systems)) answer, at the documented paths.

Each `curl` under that heading is sent to the service on the built graph: it answers 200 in
the media type it asks for, and its path is a kind as OpenAPI describes it (`/api/actor`),
not one of the list names of 1.x (`/api/actors`), which answer but are undocumented."""
from __future__ import annotations

import re
import shlex
from pathlib import Path
from urllib.parse import urlsplit

from kg.views import LISTS as OLD_NAMES

README = Path(__file__).resolve().parent.parent / "README.md"


def rest_examples() -> list[list[str]]:
    text = README.read_text(encoding="utf-8")
    section = text.split("### REST (other systems)", 1)[1].split("\n### ", 1)[0]
    return [shlex.split(line) for line in section.splitlines() if line.startswith("curl ")]


def test_the_readme_rest_examples_use_documented_paths_and_answer(graph_server):
    examples = rest_examples()
    assert len(examples) >= 5
    documented = graph_server.get("/openapi.json").json()["paths"]
    for words in examples:
        url = next(w for w in words if w.startswith("http://"))
        headers = dict(w.split(": ", 1) for w in words[words.index("-H") + 1:words.index("-H") + 2]) \
            if "-H" in words else {}
        path = urlsplit(url).path
        templated = [p for p in documented if re.fullmatch(re.sub(r"\{[^}]+\}", "[^/]+", p), path)]
        assert templated, f"{path} is not a documented path"
        assert path.split("/")[2].removesuffix(".csv") not in OLD_NAMES, f"{path}: a list name of 1.x"
        answer = graph_server.get(path + ("?" + urlsplit(url).query if urlsplit(url).query else ""),
                                  headers=headers)
        assert answer.status_code == 200, (url, answer.text[:300])
        expected = "text/csv" if path.endswith(".csv") else headers.get("Accept", "application/json")
        assert answer.headers["Content-Type"].startswith(expected), url
        if expected != "text/csv":
            body = answer.json()
            assert body.get("items") or body.get("id"), url
