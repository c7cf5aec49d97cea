"""/sparql over a store server (`mhkg serve --store URL`): the checked query is passed on
over the SPARQL 1.1 Protocol and the server's answer passed back as it is. The server's own
time limit is the request timeout (504); its refusals are the client's errors (400); rows are
not cut here (the server's own limits apply)."""
from __future__ import annotations

import logging

from flask import Response

from kg.remote import RemoteStoreError

from ..errors import ApiError

log = logging.getLogger(__name__)


def forward(store, query: str, dataset: dict | None, accept: str, timeout_s: float) -> Response:
    """`store` is a kg.remote.RemoteStore; `dataset` the protocol's graph parameters, or
    None for the union of the named graphs."""
    params = dataset if dataset is not None else store.dataset(True)  # the server's way to a union
    try:
        answer = store.request_query(query, accept, params, timeout_s)
    except TimeoutError:
        raise ApiError(504, "Query timed out", f"the store server gave no answer within {timeout_s:g} s") from None
    except RemoteStoreError as err:
        log.warning("store server unreachable: %s", err)  # its address is for the log, not for clients
        raise ApiError(503, "Service Unavailable", "cannot reach the store server; the server log says why") from None
    if 400 <= answer.status_code < 500:
        raise ApiError(400 if answer.status_code != 406 else 406, "Query refused by the store server",
                       answer.text[:2000].strip())
    if answer.status_code >= 500:
        log.warning("store server answered %s: %s", answer.status_code, answer.text[:500].strip())
        raise ApiError(503, "Service Unavailable", f"the store server answered {answer.status_code}; "
                       "the server log says why")
    return Response(answer.content, status=200, content_type=answer.headers.get("Content-Type"))
