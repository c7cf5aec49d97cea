"""A paper's suggestions file (data/suggestions/<slug>.yaml): what the suggester finds, in the
fact-file form, less what a curator accepted (its fact file) or rejected before
(data/suggestions/<slug>.rejected.yaml).
"""
from __future__ import annotations

from pathlib import Path

from ..corpus import SourceDocument
from ..facts import FACTS_DIR
from ..passages import Passage
from ..release import data_dir
from .factfile import dump, load
from .metadata import Metadata
from .resolve import Resolver
from .suggest import suggest


def suggestions_file(slug: str, data: Path | str | None = None, rejected: bool = False) -> Path:
    """Where a paper's suggested facts wait for review (data/suggestions/<slug>.yaml), and
    where the rejected ones are kept so that they are not suggested again."""
    return data_dir(data) / "suggestions" / (f"{slug}.rejected.yaml" if rejected else f"{slug}.yaml")


def about(statement: dict) -> set[str]:
    """The suggested records a suggested statement says something of (it goes where they go)."""
    return {said[0] for said in statement["says"]}


def suggestions_text(document: SourceDocument, passages: list[Passage], meta: Metadata, resolver: Resolver,
                     known: set[str], data: Path, facts_dir: Path = FACTS_DIR) -> str:
    """The paper's suggestions file: what the suggester finds, less what was accepted
    (in its fact file) or rejected before."""
    found = suggest(document, passages, meta, resolver, known)
    done = set()
    for path in (facts_dir / f"{document.slug}.yaml", suggestions_file(document.slug, data, rejected=True)):
        sections, _ = load(path)
        done |= set(sections["entities"]) | set(sections["records"])
    entities = {k: v for k, v in found.entities.items() if k not in done}
    records = {k: v for k, v in found.records.items() if k not in done}
    statements = [s for s in found.statements if about(s) <= records.keys()]
    return dump(document.slug, entities, records, statements, notes=found.notes,
                header=f"Suggested facts for {document.slug} ({document.title}), for review:\n"
                       f"`mhkg review {document.slug}` lists them; --accept, --edit or --reject each by its key.\n"
                       "Machine-suggested: nothing here is in the graph until a curator accepts it.")
