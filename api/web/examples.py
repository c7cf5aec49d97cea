"""The example queries (api/examples/*.rq): each a competency question with a title and a
description in its first comment lines, `# title:` and `# description:`. The workbench's
gallery, the canned queries under /api/queries and /.well-known/sparql-examples read them."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@dataclass(frozen=True)
class Example:
    name: str
    title: str
    description: str
    query: str          # the SPARQL, without the title and description lines


def _read(path: Path) -> Example:
    fields, lines = {}, path.read_text(encoding="utf-8").splitlines(keepends=True)
    while lines and lines[0].startswith("# ") and ":" in lines[0]:
        key, _, value = lines.pop(0)[2:].partition(":")
        if key.strip() not in ("title", "description"):
            lines.insert(0, f"# {key}:{value}")
            break
        fields[key.strip()] = value.strip()
    return Example(path.stem, fields.get("title", path.stem), fields.get("description", ""), "".join(lines))


@lru_cache(maxsize=1)
def gallery() -> tuple[Example, ...]:
    return tuple(_read(path) for path in sorted(EXAMPLES.glob("*.rq")))


def named(name: str) -> Example | None:
    return next((e for e in gallery() if e.name == name), None)
