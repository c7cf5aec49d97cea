"""Releases: immutable, complete builds of the graph, the `current` pointer to one, and
the one way a release is written.

    data/
      releases/<build-id>/store/        Oxigraph on-disk store (read-only once built)
      releases/<build-id>/views.sqlite  the REST views and text index
      releases/<build-id>/build.json    id, time, input hashes, counts
      current -> releases/<build-id>    switched atomically, only after a release is complete
      .writer.lock                      held by the one `mhkg build` or `mhkg ingest` writing

`publish` is the release writer of both `mhkg build` and `mhkg ingest`: a new release is
written into a staging directory, renamed into place when complete, `current` is switched
with one atomic rename, and old releases are pruned. A failed or interrupted write never
touches the release being served, and leaves nothing behind.

Every process that serves a release holds a *lease* on it (a shared lock on its build.json,
which the kernel drops when the process dies); pruning removes only releases that no one
holds, so a running server is never left without its files.
"""
from __future__ import annotations

import errno
import fcntl
import json
import os
import shutil
import sqlite3
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Callable, Iterator

KEEP_RELEASES = 3
LOCK_FILE = ".writer.lock"
_STORAGE_ADVICE = {
    errno.ENOSPC: "the disk is full: free some space and run it again",
    errno.EDQUOT: "the disk quota is used up: free some space and run it again",
    errno.EACCES: "permission denied: run it as a user who may write there, or choose another --data",
    errno.EPERM: "permission denied: run it as a user who may write there, or choose another --data",
    errno.EROFS: "the file system is read-only: choose another --data",
}


class ReleaseError(RuntimeError):
    """A release cannot be written (another writer, a full disk, no permission); the
    message says what to do, and the previous release is still current."""


def data_dir(path: Path | str | None = None) -> Path:
    """The data directory: the argument, else $MHKG_DATA, else `./data` (of the working
    directory, so that an installed package builds wherever it is run)."""
    return Path(path or os.environ.get("MHKG_DATA") or "data").absolute()


@dataclass(frozen=True)
class Release:
    path: Path

    @property
    def store_path(self) -> Path:
        return self.path / "store"

    @property
    def remote_store(self) -> str | None:
        """The query URL of the store server this release was loaded into, if any."""
        remote = self.path / "remote.json"
        return json.loads(remote.read_text())["query_url"] if remote.is_file() else None

    @property
    def store_location(self) -> Path | str:
        """Where the release's graph is: its on-disk store, or a store server's URL."""
        return self.remote_store or self.store_path

    @cached_property
    def meta(self) -> dict:
        """build.json, read once: a release does not change after it is published."""
        meta_file = self.path / "build.json"
        return json.loads(meta_file.read_text()) if meta_file.is_file() else {}

    @property
    def build_id(self) -> str:
        return self.meta.get("build_id", self.path.name)

    def lease(self) -> "Lease":
        """Hold this release against pruning for as long as the lease is open (or the
        process lives). FileNotFoundError when the release is gone already."""
        return Lease(self.path)


class Lease:
    """A shared lock on a release's build.json: many servers may hold one; pruning needs
    the exclusive lock, so it skips a release while any server holds it."""

    def __init__(self, release_dir: Path):
        self._fd = os.open(release_dir / "build.json", os.O_RDONLY | os.O_CLOEXEC)
        fcntl.flock(self._fd, fcntl.LOCK_SH)

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


def current_release(data: Path | str | None = None) -> Release | None:
    """The release `current` points to, or None when nothing was built yet."""
    link = data_dir(data) / "current"
    try:
        target = os.readlink(link)
    except (FileNotFoundError, OSError):
        return None
    path = (link.parent / target).resolve()
    return Release(path) if path.is_dir() else None


def switch_current(release_path: Path, data: Path | str | None = None) -> None:
    """Point `current` at `release_path` with one atomic rename."""
    base = data_dir(data)
    tmp = base / f".current.{os.getpid()}"
    if tmp.is_symlink() or tmp.exists():
        tmp.unlink()
    os.symlink(os.path.relpath(release_path, base), tmp)
    os.replace(tmp, base / "current")


@contextmanager
def exclusive(data: Path | str | None, command: str) -> Iterator[Path]:
    """The data directory, held by this `mhkg <command>` alone: builds and ingests exclude
    each other (the second one is refused at once with the first one's pid and command)."""
    base = data_dir(data)
    with storage_errors(base, command):
        base.mkdir(parents=True, exist_ok=True)
        fd = os.open(base / LOCK_FILE, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 200, 0).decode(errors="replace").strip() or "another process"
            raise ReleaseError(f"{holder} is writing to {base}; wait for it to finish, then run "
                               f"`mhkg {command}` again") from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"mhkg {command} (pid {os.getpid()})\n".encode(), 0)
        yield base
    finally:
        os.close(fd)


@contextmanager
def storage_errors(base: Path, command: str) -> Iterator[None]:
    """A failure of the file system or SQLite while writing becomes one ReleaseError that
    says what to do; what was current stays current."""
    try:
        yield
    except sqlite3.OperationalError as err:
        text = str(err)
        advice = _STORAGE_ADVICE[errno.ENOSPC] if "full" in text else \
            _STORAGE_ADVICE[errno.EACCES] if "readonly" in text or "permission" in text.lower() else text
        raise ReleaseError(_storage_message(base, command, advice)) from None
    except OSError as err:
        advice = _STORAGE_ADVICE.get(err.errno)
        if advice is None and "No space left" in str(err):  # RocksDB reports it in its own words
            advice = _STORAGE_ADVICE[errno.ENOSPC]
        if advice is None:
            raise
        raise ReleaseError(_storage_message(base, command, advice)) from None


def _storage_message(base: Path, command: str, advice: str) -> str:
    current = current_release(base)
    kept = f"release {current.build_id} is still current" if current else "nothing was published"
    return f"cannot write to {base}: {advice} (`mhkg {command}`); {kept}"


def publish(base: Path, write: Callable[[Path], str], command: str = "build", build_id: str | None = None) -> Release:
    """The release writer: `write(staging_dir)` fills a fresh directory with the store, the
    views and build.json and returns the release's build id (an ingest knows it only once its
    papers are read); the directory then becomes `releases/<build_id>`, `current` is switched
    to it and releases beyond KEEP_RELEASES that no one serves are removed. A `build_id`
    known beforehand whose release is there already is switched to without writing. On any
    failure the staging directory is removed and `current` is unchanged."""
    releases = base / "releases"
    with storage_errors(base, command):
        releases.mkdir(parents=True, exist_ok=True)
        _remove_abandoned(releases)
        final = releases / build_id if build_id else None
        if final is None or not final.is_dir():
            # a name no other directory had (its pid: what _remove_abandoned reads)
            staging = Path(tempfile.mkdtemp(prefix=f".{command}-", suffix=f".{os.getpid()}.tmp", dir=releases))
            try:
                final = releases / write(staging)
                if not final.is_dir():          # else the same release was published before: it stands
                    os.replace(staging, final)
            finally:
                shutil.rmtree(staging, ignore_errors=True)
        switch_current(final, base)
    prune(releases, keep=final)
    return Release(final)


def write_views(release_dir: Path, build_id: str, store=None, previous: Release | None = None, graphs=(),
                papers=None) -> str:
    """The views and text index the REST API reads, computed from the release's store (or
    from `store`, holding the same graph): whole, or, given the `previous` release and the
    named `graphs` this one replaced in its graph, by updating the previous release's views
    (kg/views/building.py; `papers`: what the workers read of those graphs, their PaperViews
    by graph IRI). Returns a line saying which was done. `build_id` is the
    release's (its build.json is written after its views)."""
    from pyoxigraph import Store

    from .views import VIEWS_FILE, build_views, update_views
    store = store or Store.read_only(str(release_dir / "store"))
    if previous is not None and (previous.path / VIEWS_FILE).is_file():
        old_store = Store.read_only(str(previous.store_path))
        return update_views(previous.path / VIEWS_FILE, old_store, store, list(graphs), release_dir, build_id,
                            papers)[1]
    build_views(store, release_dir, build_id)
    return "views built whole"


def renew_views(release: Release) -> str | None:
    """Build a release's views again, in place, where another version of MHKG built them (or
    there are none): what a new MHKG does to the release it finds (`mhkg build --if-missing`),
    so that its servers need not build them each for itself. A line saying so, or None."""
    from .store import open_store
    from .views import VIEWS_FILE, OutdatedViews, Views
    try:
        Views(release.path / VIEWS_FILE)
        return None
    except (OutdatedViews, FileNotFoundError) as why:
        reason = str(why)
    with storage_errors(release.path.parent.parent, "build"):
        write_views(release.path, release.build_id, open_store(release.store_location))
    return f"its views were built again ({reason})"


def prune(releases: Path, keep: Path, keep_count: int = KEEP_RELEASES) -> list[Path]:
    """Remove the oldest complete releases beyond `keep_count`, never `keep` and never one
    that a server holds a lease on; the removed ones."""
    done = sorted((p for p in releases.iterdir() if p.is_dir() and not p.name.startswith(".")),
                  key=lambda p: p.stat().st_mtime, reverse=True)
    removed = []
    for old in done[keep_count:]:
        if old != keep and _remove_unleased(old):
            removed.append(old)
    return removed


def _remove_unleased(release_dir: Path) -> bool:
    try:
        fd = os.open(release_dir / "build.json", os.O_RDONLY | os.O_CLOEXEC)
    except FileNotFoundError:
        shutil.rmtree(release_dir, ignore_errors=True)  # not a complete release
        return True
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False  # served right now: a later build prunes it
        # moved aside first, so that no one finds a half-removed release under its name
        doomed = release_dir.with_name(f".{release_dir.name}-pruned.{os.getpid()}.tmp")
        os.replace(release_dir, doomed)
        shutil.rmtree(doomed, ignore_errors=True)
        return True
    finally:
        os.close(fd)


def _remove_abandoned(releases: Path) -> None:
    """Remove the staging directories of writers that were killed (their process is gone)."""
    for staging in releases.glob(".*.tmp"):
        pid = staging.name.rsplit(".", 2)[-2]
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(staging, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
