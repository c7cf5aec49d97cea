"""The project owns its documentation: every document the repository names is in it, and
every command-line option the README or a code comment names exists."""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

from mhkg.cli import parser

REPO = Path(__file__).resolve().parents[1]
DOC = re.compile(r"(?<![\w/:.-])((?:[\w.-]+/)*[\w.-]+\.md)\b")
OPTION = re.compile(r"(?<![\w-])--[a-z][a-z0-9-]*[a-z0-9]")
TEXT = (".py", ".md", ".ttl", ".rq", ".yaml")


def _tracked() -> list[Path]:
    listed = subprocess.run(["git", "ls-files"], cwd=REPO, capture_output=True, text=True, check=True).stdout
    return [REPO / name for name in listed.splitlines()
            if name.endswith(TEXT) and not name.startswith("tests/w3c/") and (REPO / name).is_file()]


def _cli_options() -> set[str]:
    top = parser()
    found = {o for action in top._actions for o in action.option_strings}
    for action in top._actions:
        for sub in (getattr(action, "choices", None) or {}).values():
            found |= {o for a in sub._actions for o in a.option_strings}
    return found


def _bench_options() -> set[str]:
    """The options the benchmarks' parsers declare (`python -m bench …`)."""
    declared = re.compile(r"add_argument\(\s*\"(--[a-z][a-z0-9-]*)\"")
    return {o for path in (REPO / "bench").glob("*.py") for o in declared.findall(path.read_text(encoding="utf-8"))}


def test_every_document_the_repository_names_is_in_it():
    missing = []
    for path in _tracked():
        for name in set(DOC.findall(path.read_text(encoding="utf-8", errors="replace"))):
            if not ((REPO / name).is_file() or (path.parent / name).is_file()):
                missing.append(f"{path.relative_to(REPO)} names {name}")
    assert not missing, "\n".join(missing)


def test_every_option_the_readme_and_the_code_name_exists():
    known = _cli_options() | _bench_options() | {"--quiet", "--no-deps", "--data-urlencode", "--tdb2", "--loc",
                                                  "--update", "--help", "--headless", "--no-sandbox", "--format"}
    named = {}
    for path in [REPO / "README.md", *(p for p in _tracked() if p.suffix == ".py" and not p.name.startswith("test_"))]:
        for option in OPTION.findall(path.read_text(encoding="utf-8")):
            named.setdefault(option, path.relative_to(REPO))
    unknown = {o: str(p) for o, p in named.items() if o not in known and not p.parts[0] == "bench"}
    assert not unknown, unknown


def test_the_openapi_description_carries_the_contracts_version():
    """/openapi.json's `info.version` is the version of docs/CONTRACT.md the API keeps."""
    from api.openapi import CONTRACT_VERSION
    contract = (REPO / "docs/CONTRACT.md").read_text(encoding="utf-8")
    stated = re.search(r"\*\*Version (\d+\.\d+) \(", contract)
    assert stated and stated[1] == CONTRACT_VERSION
    changes = contract.split("## Changes", 1)[1]
    assert changes.lstrip().startswith(f"- **{CONTRACT_VERSION} ("), "the newest change is listed first"
