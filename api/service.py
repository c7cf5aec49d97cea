"""The service object: what every request reads (the store, its views, the build it comes
from), and how it follows the releases.

Served from a data directory, a service holds a lease on the release it serves (so that no
build prunes it, see kg/release.py) and switches to each new release as soon as `current`
points elsewhere: on the next request, and within `FOLLOW_SECONDS` without one (a
background thread), so that an idle server process lets go of an old release too. Served
from one store (`--store DIR` or a store server's URL) it serves that store as it is.
"""
from __future__ import annotations

import tempfile
import threading
import time
from pathlib import Path

from flask import Flask

from kg.release import Release, current_release
from kg.remote import is_url
from kg.store import StoreError, open_store
from kg.views import VIEWS_FILE, OutdatedViews, Views, build_views

FOLLOW_SECONDS = 2.0


class Service:
    """The open store, its views and the release they belong to."""

    def __init__(self, store_path: Path | str | None, config: dict, data_dir: Path | None = None):
        self.config, self.data_dir = config, data_dir
        self.started = int(time.time())
        self._lock = threading.Lock()
        self._lease = None
        self._closed = False
        self.release: Release | None = None
        if data_dir is not None:
            self._open_current()
        else:
            path = store_path if is_url(store_path) else Path(store_path)
            if not is_url(path) and (path.parent / "build.json").is_file():
                self.release = Release(path.parent)
            self._use(path)

    def _use(self, store_path: Path | str) -> None:
        self.store_path = store_path
        self.store = open_store(store_path)
        self._views = self._scratch = None   # a scratch directory's views go with it

    def _open_current(self) -> None:
        """Lease and open what `current` points to (again, if a build pruned it meanwhile)."""
        for _ in range(5):
            release = current_release(self.data_dir)
            if release is None:
                raise StoreError(f"no graph built in {self.data_dir} yet: run `mhkg build` first")
            try:
                lease = release.lease()
            except FileNotFoundError:
                continue  # pruned between reading `current` and taking the lease
            old, self._lease, self.release = self._lease, lease, release
            self._use(release.store_location)
            if old:
                old.release()
            return
        raise StoreError(f"the current release in {self.data_dir} keeps disappearing; is a build looping?")

    def refresh(self) -> None:
        """Switch to the release `current` points to now, if it is another one."""
        if self.data_dir is None:
            return
        latest = current_release(self.data_dir)
        if latest is None or latest.path == self.release.path:
            return
        with self._lock:
            if current_release(self.data_dir) != self.release:
                self._open_current()

    def follow(self) -> None:
        """Refresh every FOLLOW_SECONDS in a daemon thread, until closed."""
        if self.data_dir is None:
            return

        def loop():
            while not self._closed:
                time.sleep(FOLLOW_SECONDS)
                try:
                    if not self._closed:
                        self.refresh()
                except StoreError:
                    pass  # the next request says so

        threading.Thread(target=loop, name="mhkg-follow-releases", daemon=True).start()

    def close(self) -> None:
        """Let go of the release (a server's parent process checks it can open, then closes)."""
        self._closed = True
        if self._lease:
            self._lease.release()
            self._lease = None
        self.store = self._views = self._scratch = None

    @property
    def views(self) -> Views:
        """The release's views. A store served without a release (`--store DIR`), or a
        release whose views another version of MHKG built, gets its views computed once,
        into a temporary directory, when first asked (`mhkg build --if-missing` rebuilds a
        release's outdated views in place, so that the servers find them current)."""
        views = self._views
        if views is None:
            path = self.release.path / VIEWS_FILE if self.release else None
            try:
                views = Views(path) if path is not None and path.is_file() else None
            except OutdatedViews:
                views = None
            if views is None:   # removed with the service, or when the process ends
                self._scratch = tempfile.TemporaryDirectory(prefix="mhkg-views-")
                views = Views(build_views(self.store, Path(self._scratch.name), self.build_id))
            self._views = views
        return views

    @property
    def build_id(self) -> str:
        if self.release:
            return self.release.build_id
        if is_url(self.store_path):  # a server's data may change under us: tag by our start
            return f"remote-{self.started}"
        return f"store-{int(Path(self.store_path).stat().st_mtime)}"

    @property
    def built_at(self) -> str | None:
        return self.release.meta.get("built_at") if self.release else None


def service(app: Flask) -> Service:
    return app.extensions["mhkg"]
