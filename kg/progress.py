"""Progress of long runs, on stderr: a phase with a count and a total.

    from kg import progress

    with progress.phase("views", total=len(documents), unit="documents") as p:
        for document in documents:
            ...
            p.advance()          # or p.advance(n) for n done at once

On a terminal, one line redrawn in place: the count and total, a bar, the rate and the time
left. Elsewhere (a log file, CI), a plain line at most every 10 seconds, and one at the end, so
that logs stay readable. A phase that ends within 2 seconds prints nothing at all.
`MHKG_PROGRESS_AFTER` and `MHKG_PROGRESS_EVERY` (seconds) change those two figures.
"""
from __future__ import annotations

import os
import sys
import time
from contextlib import contextmanager
from typing import Iterator, TextIO

#: Silent for phases shorter than this (seconds); a plain line at most this often, off a terminal.
AFTER = 2.0
EVERY = 10.0
#: How often the bar on a terminal is redrawn at most (seconds), and its width.
REDRAW = 0.1
WIDTH = 24


class Phase:
    """One phase of a long run; `advance` as the work is done."""

    def __init__(self, name: str, total: int, unit: str = "", stream: TextIO | None = None):
        self.name, self.total, self.unit = name, total, unit
        self.stream = stream or sys.stderr
        self.count = 0
        self.started = self._shown = time.monotonic()
        self.after = float(os.environ.get("MHKG_PROGRESS_AFTER", AFTER))
        self.every = float(os.environ.get("MHKG_PROGRESS_EVERY", EVERY))
        self.tty = _is_tty(self.stream)
        self.drawn = False

    def advance(self, n: int = 1) -> None:
        self.count += n
        now = time.monotonic()
        if now - self.started < self.after:
            return
        due = now - self._shown >= REDRAW if self.tty else not self.drawn or now - self._shown >= self.every
        if due:
            self._show(now)

    def close(self) -> None:
        """The last line: always where anything was shown, or the phase took `after` or more."""
        now = time.monotonic()
        if self.drawn or now - self.started >= self.after:
            self._show(now, final=True)

    def line(self, now: float | None = None, final: bool = False) -> str:
        """`name: count/total unit (pct) rate, ETA or elapsed` (with a bar on a terminal)."""
        elapsed = (now or time.monotonic()) - self.started
        rate = self.count / elapsed if elapsed > 0 else 0.0
        unit = f" {self.unit}" if self.unit else ""
        done = f"{self.count:,}/{self.total:,}{unit}" if self.total else f"{self.count:,}{unit}"
        share = min(1.0, self.count / self.total) if self.total else 0.0
        bar = ""
        if self.tty and self.total:
            filled = int(share * WIDTH)
            bar = " [" + "#" * filled + "." * (WIDTH - filled) + "]"
        pace = f"{rate:,.1f}/s" if rate >= 1 or not self.count else f"{elapsed / self.count:,.0f} s each"
        if final:
            tail = f"in {_clock(elapsed)}, {pace}"
        else:
            left = (self.total - self.count) / rate if rate > 0 and self.total else None
            tail = f"{pace}, ETA {_clock(left) if left is not None else '?'}"
        pct = f" ({share:.0%})" if self.total else ""
        return f"{self.name}:{bar} {done}{pct} {tail}"

    def _show(self, now: float, final: bool = False) -> None:
        text = self.line(now, final)
        if self.tty:
            self.stream.write("\r" + text + "\x1b[K" + ("\n" if final else ""))
        else:
            self.stream.write(text + "\n")
        self.stream.flush()
        self.drawn, self._shown = True, now


@contextmanager
def phase(name: str, total: int, unit: str = "", stream: TextIO | None = None) -> Iterator[Phase]:
    """A phase of `total` things (`unit`), reported on `stream` (stderr) as it advances and when
    it ends, even by an exception."""
    current = Phase(name, total, unit, stream)
    try:
        yield current
    finally:
        current.close()


def _is_tty(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _clock(seconds: float) -> str:
    seconds = int(round(seconds))
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}" if seconds >= 3600 else \
        f"{seconds // 60}:{seconds % 60:02d}"
