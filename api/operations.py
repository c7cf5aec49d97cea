"""Operations: /health (the process answers) and /ready (the store is open: which build,
how many triples, how many query processes are ready), for load balancers and monitors."""
from __future__ import annotations

from flask import Blueprint, current_app, jsonify

from kg.remote import is_url

from .errors import ApiError

blueprint = Blueprint("operations", __name__)
_triples: dict[int, int] = {}  # per open store: a read-only snapshot does not change


@blueprint.get("/health")
def health():
    return jsonify(status="ok")


@blueprint.get("/ready")
def ready():
    service = current_app.extensions["mhkg"]
    try:
        store = service.store
        if id(store) not in _triples:
            _triples.clear()
            _triples[id(store)] = len(store)
        triples = _triples[id(store)]
    except Exception as err:  # noqa: BLE001  any failure of the store means not ready
        current_app.logger.error("store not readable: %s", err)  # names files: for the log only
        raise ApiError(503, "Service Unavailable", "the store is not readable; the server log says why") from None
    pool = current_app.extensions.get("mhkg.sparql.pool")
    return jsonify(status="ready", build=service.build_id, built_at=service.built_at,
                   store="server" if is_url(service.store_path) else "embedded", triples=triples,
                   query_processes_idle=pool.idle.qsize() if pool else None)
