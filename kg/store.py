"""Opening Oxigraph stores and running the project's `.rq` queries against them.

The SPARQL default graph is the union of all named graphs (docs/CONTRACT.md §4); every query
run through here honours that unless told otherwise. User input reaches a query only as
a bound value (`substitutions`), never by string concatenation.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Mapping

from pyoxigraph import Literal, NamedNode, Store, Variable

from .remote import RemoteStore, is_url

QUERY_DIR = Path(__file__).with_name("queries")


class StoreError(RuntimeError):
    """A store cannot be opened: missing, locked by another process, or corrupt."""


def open_store(path: Path | str, *, read_only: bool = True) -> Store | RemoteStore:
    """Open an on-disk store (or a store server, given its query URL) with a message a
    user can act on when it fails."""
    if is_url(path):
        return RemoteStore(path)
    path = Path(path)
    if not path.is_dir():
        raise StoreError(f"no Oxigraph store at {path} (run `mhkg build`, or pass --store)")
    try:
        return Store.read_only(str(path)) if read_only else Store(str(path))
    except (OSError, RuntimeError) as err:  # RocksDB reports corruption as RuntimeError
        text = str(err)
        if "LOCK" in text or "Resource temporarily unavailable" in text:
            raise StoreError(f"the store at {path} is in use by another process ({text})") from err
        raise StoreError(f"the store at {path} cannot be opened; it may be corrupt ({text})") from err


@lru_cache(maxsize=None)
@lru_cache(maxsize=None)
def load_query(name: str, directory: Path = QUERY_DIR) -> str:
    """The text of `<directory>/<name>.rq`, read once (the REST detail asks for three per request)."""
    path = Path(directory) / f"{name}.rq"
    if not path.is_file():
        raise FileNotFoundError(f"no query file {path}")
    return path.read_text(encoding="utf-8")


def term(value) -> NamedNode | Literal:
    """A Python value as an RDF term for a substitution: IRIs stay IRIs, the rest literals."""
    if isinstance(value, (NamedNode, Literal)):
        return value
    return Literal(value) if not isinstance(value, bool) else Literal(str(value).lower(), datatype=NamedNode("http://www.w3.org/2001/XMLSchema#boolean"))


def run(store: Store, query: str, bindings: Mapping[str, object] | None = None, **options):
    """Run SPARQL over the union default graph with `bindings` as bound variables."""
    substitutions = {Variable(k): term(v) for k, v in (bindings or {}).items()}
    options.setdefault("use_default_graph_as_union", True)
    return store.query(query, substitutions=substitutions or None, **options)


def run_named(store: Store, name: str, bindings: Mapping[str, object] | None = None,
              directory: Path = QUERY_DIR, **options):
    """Run the query file `<name>.rq`."""
    return run(store, load_query(name, Path(directory)), bindings, **options)
