"""Running the per-paper work of an ingest on every core.

Each paper is read, recognised, segmented and turned into its graph and suggestions
independently of the others, given the graph's known entities; forked worker processes
inherit those (and the compiled label patterns) from the parent instead of rebuilding them.
Results come back in the order of the papers, so an ingest's outcome does not depend on
how many cores did it.
"""
from __future__ import annotations

import gc
import multiprocessing
import os
from typing import Callable, Iterable, Iterator, TypeVar

T = TypeVar("T")
R = TypeVar("R")


#: The garbage collector's thresholds while papers are made (in the workers, inherited at the fork,
#: or in this process) and their results taken in: a paper's work allocates hundreds of thousands
#: of objects, nearly all freed by their counts, and at Python's 700 a young collection ran every
#: few hundred of them (measured on 500 typical papers: 43.5 → 39.5 ms a paper in the workers,
#: with the SHACL checker's compiled constraints).
YOUNG_COLLECTIONS = (50_000, 20, 100)


def workers() -> int:
    """The cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return max(1, os.cpu_count() or 1)


def ordered_map(function: Callable[[T], R], items: Iterable[T], processes: int | None = None) -> Iterator[R]:
    """`function(item)` for every item, in order; in forked processes where there is more than
    one item and more than one core (`function` must be a module-level function; the state it
    reads is inherited at the fork). An exception in a worker is raised here."""
    items = list(items)
    processes = min(processes or workers(), len(items))
    thresholds = gc.get_threshold()
    gc.set_threshold(*YOUNG_COLLECTIONS)
    try:
        if processes <= 1 or "fork" not in multiprocessing.get_all_start_methods():
            yield from map(function, items)
            return
        # what the parent holds (a whole build, say) is set aside from the workers' garbage collections,
        # which would otherwise walk it, and copy every page of it they touch, again and again
        gc.freeze()
        try:
            with multiprocessing.get_context("fork").Pool(processes) as pool:
                yield from pool.imap(function, items, chunksize=max(1, min(8, len(items) // (processes * 4))))
        finally:
            gc.unfreeze()
    finally:
        gc.set_threshold(*thresholds)
