"""Papers to ingest in the benchmarks, each a distinct document, made from the real seeds.

A copy of a seed keeps its text; only its own number changes (the Aanhangsel or Kamerstuk
number, in its heading and its footer on every page), or, for a paper without a number of
its own, a closing line, so that `mhkg ingest` sees each copy as a new paper.
`typical_papers` cycles through the four seeds that are answered questions and letters
(7–19 KB, 600–1,600 quads each: the size of most papers of the dossier); `seed_copies`
takes all five, the 74 KB report of a written consultation among them.
"""
from __future__ import annotations

import re
from pathlib import Path

from kg.corpus import load_manifest

#: The seeds that are the size of a typical paper (the written consultation's report is four times that).
TYPICAL = ("ah-tk-20122013-903", "ah-tk-20212022-1219", "kst-28638-174", "nrm-brief-2017-02-13")


def renumbered(text: str, number: int) -> str:
    """A seed's text as if it were paper `number`."""
    if "Aanhangsel" in text[:800]:
        text = re.sub(r"nr\. ?\n?(\d+)", f"nr. {number}", text, count=1)
    text = text.replace("28 638, nr. 174", f"28 638, nr. {number}")   # its footer, every page
    text = text.replace("kst-28638-174", f"kst-28638-{number}")
    return text + f"\nKopie {number} voor de meting.\n"


def _write(folder: Path, seeds: list, count: int, start: int) -> list[Path]:
    papers = []
    for n in range(count):
        document = seeds[n % len(seeds)]
        number = start + n // len(seeds)
        path = folder / f"{document.slug}-{number}.txt"
        path.write_text(renumbered(document.text.original, number), encoding="utf-8")
        papers.append(path)
    return papers


def seed_copies(folder: Path, copies: int, start: int = 90000) -> list[Path]:
    """`copies` distinct papers of each of the five seeds."""
    seeds = load_manifest()
    return _write(folder, seeds, copies * len(seeds), start)


def typical_papers(folder: Path, count: int, start: int = 100_000) -> list[Path]:
    """`count` distinct papers of the kinds and sizes most papers are, written into `folder`."""
    return _write(folder, [d for d in load_manifest() if d.slug in TYPICAL], count, start)
