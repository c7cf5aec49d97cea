"""`mhkg review`: a curator accepts, edits or rejects the facts suggested for an ingested
paper (data/suggestions/<slug>.yaml).

Accepting publishes: the paper's text joins the corpus (kg/corpus/texts/, a manifest entry)
and the accepted facts go into its fact file (kg/facts/<slug>.yaml), project files that a
fresh clone rebuilds from; the next `mhkg build` compiles them through the same quote check
and SHACL shapes as every curated fact. The fact file also keeps what ingestion stated
about the paper (its dates, numbers and makers: those the graph knows and those accepted from
the paper, such as a new office that answered it), so publishing loses nothing.
Rejected suggestions move to data/suggestions/<slug>.rejected.yaml and are not suggested
again; nothing suggested is in the graph before it is accepted and built.
"""
from __future__ import annotations

import fnmatch
import hashlib
from dataclasses import dataclass
from pathlib import Path

import yaml

from .corpus import MANIFEST, load_manifest
from .facts import FACTS_DIR
from .ingest.factfile import dump, load, write
from .ingest.metadata import detect
from .ingest.pipeline import ingested_dir, ingested_entry, known_entities
from .ingest.stated import stated_metadata
from .ingest.suggestions import about, suggestions_file
from .ingest.resolve import Resolver
from .release import current_release
from .store import open_store
from .text import DocumentText

#: What a suggestion must say before it can be accepted (the shapes require it).
REQUIRED = {"mh:Response": ("mh:respondsTo", "mh:status"), "mh:Observation": ("mh:measures", "mh:value"),
            "mh:Recommendation": ("mh:inReport",)}


class ReviewError(ValueError):
    """A review step cannot be done as asked; nothing was changed."""


@dataclass
class Paper:
    """An ingested paper under review: its manifest entry, text and pending suggestions."""
    slug: str
    entry: dict
    text: DocumentText
    data: Path | str | None
    sections: dict
    notes: dict

    @property
    def pending(self) -> dict:
        return {**self.sections["entities"], **self.sections["records"]}

    def save(self) -> None:
        write(suggestions_file(self.slug, self.data), dump(
            self.slug, self.sections["entities"], self.sections["records"], self.sections["statements"], notes=self.notes,
            header=f"Suggested facts for {self.slug}, for review (`mhkg review {self.slug}`)."))


def open_paper(slug: str, data: Path | str | None = None) -> Paper:
    entry = ingested_entry(slug, data)
    path = suggestions_file(slug, data)
    if entry is None or not path.is_file():
        raise ReviewError(f"no suggestions for {slug!r}: ingest it first (`mhkg ingest PAPER`)")
    sections, notes = load(path)
    text = DocumentText((ingested_dir(data) / entry["file"]).read_text(encoding="utf-8"))
    return Paper(slug, entry, text, data, sections, notes)


def listing(paper: Paper) -> list[str]:
    """One line per pending suggestion: key, what it is, page, and the start of its quote."""
    lines = []
    for key, spec in paper.pending.items():
        quote = " ".join(str(spec.get("quote") or "").split())
        lines.append(f"{key}  [{paper.notes.get(key) or spec.get('a')}; p. {spec.get('page')}]  {quote[:110]}")
    return lines


def edit(paper: Paper, key: str, assignments: list[str]) -> None:
    """Set fields of a suggestion: `field=value`, the value read as YAML (`mh:value=36`,
    `mh:respondsTo=recommendation/x`, `label=…`); `field=` or `field=null` removes it."""
    spec = paper.pending.get(key)
    if spec is None:
        raise ReviewError(f"{key}: no such pending suggestion for {paper.slug}")
    for assignment in assignments:
        field, sep, raw = assignment.partition("=")
        if not sep or not field.strip():
            raise ReviewError(f"{assignment!r}: write FIELD=VALUE")
        try:
            value = yaml.safe_load(raw) if raw.strip() else None
        except yaml.YAMLError as err:
            raise ReviewError(f"{assignment!r}: {err}") from None
        if value is None:
            spec.pop(field.strip(), None)
        else:
            spec[field.strip()] = value


def reject(paper: Paper, patterns: list[str]) -> list[str]:
    """Move suggestions to the rejected file; the keys moved."""
    keys = _select(paper, patterns)
    path = suggestions_file(paper.slug, paper.data, rejected=True)
    rejected, notes = load(path)
    for key in keys:
        section = "entities" if key in paper.sections["entities"] else "records"
        rejected[section][key] = paper.sections[section].pop(key)
        notes[key] = paper.notes.pop(key, "")
    rejected["statements"] += _statements_going(paper, keys)
    write(path, dump(paper.slug, rejected["entities"], rejected["records"], rejected["statements"], notes=notes,
                     header=f"Suggestions a curator rejected for {paper.slug}; not suggested again."))
    return keys


def accept(paper: Paper, patterns: list[str], facts_dir: Path = FACTS_DIR, manifest: Path = MANIFEST) -> list[str]:
    """Publish suggestions into the paper's fact file (and its text into the corpus); the keys
    accepted, including the suggested entities they refer to (an observation's indicator)."""
    keys = _with_references(paper, _select(paper, patterns))
    problems = [problem for key in keys for problem in _problems(paper, key)]
    if problems:
        raise ReviewError("cannot accept:\n" + "\n".join(f"  - {p}" for p in problems))
    _publish_text(paper, manifest)
    path = facts_dir / f"{paper.slug}.yaml"
    new = not path.is_file()
    facts, notes = ({"document": paper.slug, "entities": {}, "records": {}, "statements": []}, {}) if new else load(path)
    for key in keys:
        section = "entities" if key in paper.sections["entities"] else "records"
        facts[section][key] = paper.sections[section].pop(key)
        notes[key] = paper.notes.pop(key, "")
    facts["statements"] += _statements_going(paper, keys)
    # what the paper states of itself: all of it into a new file; later, what the entities accepted now
    # make of it (an office that answered it), never again what a curator took out of the file
    facts["statements"] += [s for s in _stated(paper, facts["entities"]) if s not in facts["statements"] and (
        new or any(value in keys for said in s["says"] for value in said[2:]))]
    write(path, dump(paper.slug, facts["entities"], facts["records"], facts["statements"], notes=notes,
                     header=f"{paper.entry['title']}\nIngested as {paper.entry.get('source', paper.slug)}; "
                            "facts accepted with `mhkg review`."))
    return keys


def _statements_going(paper: Paper, keys: list[str]) -> list[dict]:
    """The suggested statements about the records of `keys`, taken out of the paper's pending ones."""
    going = [s for s in paper.sections["statements"] if about(s) <= set(keys)]
    paper.sections["statements"] = [s for s in paper.sections["statements"] if s not in going]
    return going


def _select(paper: Paper, patterns: list[str]) -> list[str]:
    keys = []
    for pattern in patterns:
        matched = [key for key in paper.pending if fnmatch.fnmatchcase(key, pattern)]
        if not matched:
            raise ReviewError(f"{pattern}: no such pending suggestion for {paper.slug} (`mhkg review {paper.slug}` lists them)")
        keys += [key for key in matched if key not in keys]
    return keys


def _with_references(paper: Paper, keys: list[str]) -> list[str]:
    """The keys and the pending suggestions their values name (a figure's indicator, a motion's signatory)."""
    result = list(keys)
    for key in keys:
        for value in _values(paper.pending[key]):
            if isinstance(value, str) and value in paper.pending and value not in result:
                result.append(value)
    return result


def _values(spec: dict) -> list:
    return [v for value in spec.values() for v in (value if isinstance(value, list) else [value])]


def _problems(paper: Paper, key: str) -> list[str]:
    spec = paper.pending[key]
    problems = [f"{key}: {field} is not set; `--edit {key} {field}=…`"
                for field in REQUIRED.get(spec.get("a"), ()) if spec.get(field) in (None, "")]
    quotes = [spec.get("quote"), *(s["quote"] for s in paper.sections["statements"] if key in about(s))]
    for quote in [q for item in quotes for q in (item if isinstance(item, list) else [item]) if q]:
        if not paper.text.locate(str(quote)):
            problems.append(f"{key}: the quote is not in the text of {paper.slug}: {str(quote)[:80]!r}")
    return problems


def _publish_text(paper: Paper, manifest: Path) -> None:
    """The paper's text into the corpus beside the manifest, and its entry appended (the
    manifest's comments kept), unless the corpus holds it already."""
    if any(d.slug == paper.slug for d in load_manifest(manifest)):
        return
    text = (ingested_dir(paper.data) / paper.entry["file"]).read_bytes()
    target = manifest.parent / "texts" / f"{paper.slug}.txt"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(text)
    entry = {"slug": paper.slug, "file": f"texts/{paper.slug}.txt", "sha256": hashlib.sha256(text).hexdigest(),
             "kind": paper.entry["kind"], "identifier": paper.entry.get("identifier"), "title": paper.entry["title"]}
    block = yaml.safe_dump([entry], allow_unicode=True, sort_keys=False, width=1000)
    with manifest.open("a", encoding="utf-8") as out:
        out.write("".join(f"  {line}\n" for line in block.splitlines()))


def _stated(paper: Paper, entities: dict) -> list[dict]:
    """What ingestion states about the paper itself (its dates, numbers and makers), each with
    its words; its makers resolved among the graph's entities and the fact file's `entities`
    (an office accepted from this paper is the office that answered it)."""
    release = current_release(paper.data)
    labels = {key: entity.search_labels
              for key, entity in (known_entities(open_store(release.store_path)) if release else {}).items()}
    labels.update({key: [spec["label"], *(spec.get("altLabels") or [])] for key, spec in entities.items()
                   if spec.get("label")})
    meta = detect(paper.text.original)
    meta.kind, meta.identifier = paper.entry["kind"], paper.entry.get("identifier")
    doc = f"document/{paper.slug}"
    return [{"quote": s.quote, "says": [[doc, s.prop, s.key or {"value": s.value, "datatype": s.datatype}]]}
            for s in stated_metadata(meta, Resolver(labels)) if paper.text.locate(s.quote)]
