"""Releases: immutable, complete builds of the graph, and the `current` pointer to one.

    data/
      releases/<build-id>/store/       Oxigraph on-disk store (read-only once built)
      releases/<build-id>/build.json   id, time, input hashes, counts
      current -> releases/<build-id>   switched atomically, only after a release is complete

A build writes a new release and then swaps `current`; a failed or interrupted build
never touches the release being served.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent


def data_dir(path: Path | str | None = None) -> Path:
    """The data directory: the argument, else $MHKG_DATA, else `<repo>/data`."""
    return Path(path or os.environ.get("MHKG_DATA") or REPO_ROOT / "data")


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


def current_release(data: Path | str | None = None) -> Release | None:
    """The release `current` points to, or None when nothing was built yet."""
    link = data_dir(data) / "current"
    if not link.exists():
        return None
    return Release(link.resolve())


def switch_current(release_path: Path, data: Path | str | None = None) -> None:
    """Point `current` at `release_path` with one atomic rename."""
    base = data_dir(data)
    tmp = base / f".current.{os.getpid()}"
    if tmp.is_symlink() or tmp.exists():
        tmp.unlink()
    os.symlink(os.path.relpath(release_path, base), tmp)
    os.replace(tmp, base / "current")


def write_views(release_dir: Path, store=None) -> None:
    """The views and text index the REST API reads, computed from the release's store
    (or from `store`, holding the same graph)."""
    from pyoxigraph import Store

    from .views import build_views
    build_views(store or Store.read_only(str(release_dir / "store")), release_dir, Release(release_dir).build_id)
