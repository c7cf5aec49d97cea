"""Answers computed once per build: the graph changes only when a new release is built, so
what is costly to count (a term's uses, the triples per graph) is kept until the build changes."""
from __future__ import annotations

import threading
from typing import Callable

from flask import current_app

from .service import service

_kept: dict[tuple[str, str], object] = {}
_lock = threading.Lock()


def per_build(name: str, compute: Callable[[], object]):
    """`compute()` for the build this request is answered from, computed once per build."""
    key = (name, service(current_app).build_id)
    if key not in _kept:
        value = compute()
        with _lock:
            for old in [k for k in _kept if k[0] == name]:
                del _kept[old]
            _kept[key] = value
    return _kept[key]
