"""The corpus: the source documents' texts and the manifest that identifies them."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import yaml

from .text import DocumentText

CORPUS_DIR = Path(__file__).with_name("corpus")
MANIFEST = CORPUS_DIR / "manifest.yaml"

#: The classes a source document may be (mh:…), each with its concept of concept/document-kinds.
KINDS = {
    "ParliamentaryQuestions": "document-kind-parliamentary-questions",
    "ParliamentaryLetter": "document-kind-parliamentary-letter",
    "Letter": "document-kind-letter",
    "WrittenConsultation": "document-kind-written-consultation",
    "CommitteeReport": "document-kind-committee-report",
    "MotionPaper": "document-kind-motion",
    "PlenaryReport": "document-kind-plenary-report",
    "LegislativePaper": "document-kind-legislative-paper",
}


class CorpusError(ValueError):
    """The corpus is not as the manifest says: a missing, altered or unreadable file."""


@dataclass(frozen=True)
class SourceDocument:
    slug: str
    path: Path
    sha256: str
    kind: str
    identifier: str | None
    title: str

    @cached_property
    def text(self) -> DocumentText:
        return DocumentText(read_text(self.path))

    @classmethod
    def from_text(cls, slug: str, text: str, sha256: str, kind: str, identifier: str | None, title: str,
                  path: Path | None = None) -> "SourceDocument":
        """A document whose text is in hand (a paper being ingested, not yet on disk)."""
        document = cls(slug, path or Path(f"{slug}.txt"), sha256, kind, identifier, title)
        document.__dict__["text"] = DocumentText(text)  # what the cached property would read
        return document


def read_text(path: Path) -> str:
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise CorpusError(f"cannot read corpus file {path}: {err.strerror}") from err
    if b"\x00" in raw:
        raise CorpusError(f"corpus file {path} is binary, not text")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as err:
        raise CorpusError(f"corpus file {path} is not UTF-8 (byte {err.start})") from err


def load_manifest(manifest: Path = MANIFEST) -> list[SourceDocument]:
    """Every document of the manifest, checked: present, unaltered (sha256), of a known kind."""
    try:
        entries = yaml.safe_load(manifest.read_text(encoding="utf-8"))["documents"]
    except FileNotFoundError as err:
        raise CorpusError(f"no corpus manifest at {manifest}") from err
    except (yaml.YAMLError, KeyError, TypeError) as err:
        raise CorpusError(f"corpus manifest {manifest} is malformed: {err}") from err
    documents = []
    for entry in entries:
        path = manifest.parent / entry["file"]
        if not path.is_file():
            raise CorpusError(f"corpus file {path} (document {entry['slug']}) is missing")
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        if digest != entry["sha256"]:
            raise CorpusError(f"corpus file {path} was altered: sha256 {digest}, manifest says {entry['sha256']}")
        if entry["kind"] not in KINDS:
            raise CorpusError(f"document {entry['slug']}: unknown kind {entry['kind']!r} (one of {', '.join(KINDS)})")
        documents.append(SourceDocument(entry["slug"], path, digest, entry["kind"],
                                        entry.get("identifier"), entry["title"]))
    return documents
