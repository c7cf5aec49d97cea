"""Reading and writing fact files (kg/facts/README.md) with a comment above each entry, so
that a suggestions file reads like a curated one: `document`, `entities`, `records`,
`statements`, each entity and record preceded by a line saying what it is and why.

Written whole to a temporary file and renamed, so a reader never sees half a file.
"""
from __future__ import annotations

import os
import re
from pathlib import Path

import yaml

_NOTE = re.compile(r"^  # (?P<note>.*)\n  (?P<key>[a-z-]+/[^\s:]+):\s*$", re.M)
#: libyaml where PyYAML has it (four times faster), with the same safe constructor.
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def dump(document: str, entities: dict, records: dict, statements: list = (), notes: dict | None = None,
         header: str = "") -> str:
    """The text of a fact file; `notes` holds the comment line of each key."""
    notes = notes or {}
    lines = [f"# {line}".rstrip() for line in header.splitlines()] + [f"document: {document}", ""]
    for section, items in (("entities", entities), ("records", records)):
        if not items:
            continue
        lines.append(f"{section}:")
        for key, spec in items.items():
            if notes.get(key):
                lines.append(f"  # {' '.join(str(notes[key]).split())}")
            body = yaml.dump({key: spec}, Dumper=DUMPER, allow_unicode=True, sort_keys=False, width=110)
            lines += ["  " + line for line in body.rstrip("\n").splitlines()]
        lines.append("")
    if statements:
        body = yaml.dump({"statements": list(statements)}, Dumper=DUMPER, allow_unicode=True, sort_keys=False,
                         width=110, default_flow_style=None)
        lines += body.rstrip("\n").splitlines() + [""]
    return "\n".join(lines)


def load(path: Path) -> tuple[dict, dict]:
    """(the file's sections, its notes by key); empty sections where the file is absent."""
    if not path.is_file():
        return {"document": None, "entities": {}, "records": {}, "statements": []}, {}
    text = path.read_text(encoding="utf-8")
    data = yaml.load(text, Loader=LOADER) or {}
    sections = {"document": data.get("document"), "entities": data.get("entities") or {},
                "records": data.get("records") or {}, "statements": data.get("statements") or []}
    return sections, {m["key"]: m["note"] for m in _NOTE.finditer(text)}


def write(path: Path, text: str) -> None:
    """Write `text` to `path` at once (a temporary file renamed over it)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
