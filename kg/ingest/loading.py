"""Loading the graphs the workers make into a store as they come, in bulk, a batch at a time:
one bulk load per paper would pay its fixed cost thousands of times, one at the end would
wait for the last paper instead of loading while the workers make the others. What a
rebuild's replay and an ingest load papers with."""
from __future__ import annotations

import time

from pyoxigraph import RdfFormat, Store

#: How many papers' graphs are loaded at once.
BATCH = 200


class BatchLoader:
    """Takes graphs as N-Quads (`add`) and loads them into `store` BATCH at a time; `finish`
    loads the rest. Once `stop` is called (a violation found: nothing will be published),
    what comes is no longer loaded. `seconds` is the time spent loading."""

    def __init__(self, store: Store, advance=lambda n: None, load: bool = True):
        self.store, self.advance, self.loading = store, advance, load
        self.batch: list[bytes] = []
        self.seconds = 0.0

    def add(self, nquads: bytes) -> None:
        self.batch.append(nquads)
        if len(self.batch) == BATCH:
            self.finish()

    def finish(self) -> None:
        if self.batch and self.loading:
            started = time.perf_counter()
            # lenient: the workers wrote these N-Quads with pyoxigraph's serializer (their IRIs are not checked again)
            self.store.bulk_load(input=b"".join(self.batch), format=RdfFormat.N_QUADS, lenient=True)
            self.seconds += time.perf_counter() - started
        self.advance(len(self.batch))
        self.batch = []

    def stop(self) -> None:
        self.loading = False
