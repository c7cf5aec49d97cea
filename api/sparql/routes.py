"""/sparql: read the request, refuse what must be refused, negotiate, run the query in a
query process, answer its bytes (with what to fix in a query, diagnosis.py; and a cut answer
marked in its body, truncation.py)."""
from __future__ import annotations

import dataclasses
import threading

from flask import Blueprint, Flask, Response, current_app, request

from kg.remote import is_url

from ..errors import ApiError, problem
from . import diagnosis, guard, negotiation, protocol, service_description, truncation
from ..formats import Format, preferred
from .negotiation import FORMATS
from .remote import forward
from .worker import LONGEST_ROW
from .workers import Limits, NoQueryProcess, OutOfMemory, Pool, QueryProcessDied, QueryTimeout

blueprint = Blueprint("sparql", __name__)
POOL = "mhkg.sparql.pool"
_pool_lock = threading.Lock()
DESCRIPTION_FORMATS = tuple(Format.of(media_type, fmt) for media_type, fmt in service_description.DESCRIPTION_FORMATS.items())
WARNING = "MHKG-Warning"


def pool_for(app: Flask) -> Pool:
    """This server process's query processes, on the store the service has open now
    (a new release replaces them)."""
    service = app.extensions["mhkg"]
    with _pool_lock:
        pool = app.extensions.get(POOL)
        if pool is None or pool.store_path != str(service.store_path):
            if pool is not None:
                pool.close()
            pool = app.extensions[POOL] = Pool(service.store_path, service.config["sparql_workers"])
        return pool


@blueprint.route("/sparql", methods=["GET", "POST"])
@blueprint.route("/sparql/", methods=["GET", "POST"])
def sparql():
    service = current_app.extensions["mhkg"]
    config = service.config
    asked = protocol.read(request, int(config["max_query_bytes"]))
    accept = request.headers.get("Accept")
    values = list(asked.formats)
    negotiation.check_requested(values)
    if asked.query is None:
        return describe(service, accept, values)
    info = guard.inspect(asked.query)
    formats = {kind: negotiation.requested(values, options) if values else preferred(options, accept)
               for kind, options in FORMATS.items()}
    if info.kind and formats[info.kind] is None:
        raise negotiation.not_acceptable(f"a {info.form} query", FORMATS[info.kind], accept, values)
    warnings = diagnosis.unknown_terms(asked.query, info.prefixes)
    dataset = [list(asked.default_graphs), list(asked.named_graphs)] if asked.names_dataset else None
    timeout_s = float(config["timeout_s"])
    if is_url(service.store_path):
        fmt = formats[info.kind or "solutions"]
        params = {"default-graph-uri": dataset[0], "named-graph-uri": dataset[1]} if dataset else None
        if dataset is None and info.names_dataset:
            params = {}  # the query's own FROM
        return warned(forward(service.store, asked.query, params, fmt.media_type if fmt else accept or "*/*",
                              timeout_s), warnings)
    job = {"query": asked.query, "base_iri": request.base_url.rstrip("/"), "dataset": dataset,
           "union": dataset is None and not info.names_dataset, "prefixes": info.prefixes,
           "formats": {kind: fmt.name if fmt else None for kind, fmt in formats.items()}}
    limits = Limits.from_config(config)
    try:  # the answer leaves room for the mark of a cut answer
        reply = pool_for(current_app).run(job, dataclasses.replace(
            limits, max_answer_bytes=max(1, limits.max_answer_bytes - truncation.ROOM)))
    except QueryTimeout:
        raise ApiError(504, "Query timed out",
                       f"the query ran for {timeout_s:g} s, this endpoint's limit, and was stopped; "
                       "narrow it (LIMIT, more specific patterns) or run it offline with `mhkg query`",
                       timeout_s=timeout_s) from None
    except OutOfMemory:
        # 507: the query is valid (not a 4xx) but needs more memory than this endpoint gives one
        # query, as 504 says of time; not 503, which invites the same query again
        raise ApiError(507, "Query needs too much memory",
                       f"the query took more than the {limits.memory_bytes >> 20} MiB of memory a query may use "
                       "here and was stopped; narrow it (fewer cross products, LIMIT in a subquery before "
                       "ORDER BY) or run it offline with `mhkg query`",
                       memory_mib=limits.memory_bytes >> 20) from None
    except QueryProcessDied as err:
        raise ApiError(503, "Query process failed",
                       f"the query process answering the query stopped ({err}) and has been replaced; "
                       "if the same query fails again, it is what stops the process") from None
    except NoQueryProcess as err:  # the endpoint is busy: worth trying again after a query's time
        response = problem(503, "Service Unavailable", str(err))
        response.headers["Retry-After"] = str(limits.retry_after_s)
        return response
    if not reply["ok"]:
        raise _refusal(reply, asked, info, accept)
    fmt = next(f for f in FORMATS[reply["kind"]] if f.name == reply["format"])
    body = reply["body"]
    why = None
    if reply["truncated"]:
        why = f"first {reply['rows']} rows" + {
            "rows": "", "bytes": f": the next would pass {limits.max_answer_bytes} bytes",
            "row": f": the next is longer than {LONGEST_ROW >> 20} MiB"}[reply["truncated"]]
        body = truncation.mark(body, fmt.name, why)
    response = Response(body, content_type=fmt.content_type)
    response.headers["MHKG-Result-Rows"] = str(reply["rows"])
    if why:
        response.headers["MHKG-Results-Truncated"] = why
    return warned(response, warnings)


def warned(response: Response, warnings: list[str]) -> Response:
    """The warnings on a query that ran (an unknown mh: term), one header each."""
    for warning in warnings:
        response.headers.add(WARNING, diagnosis.header_value(warning))
    return response


def _refusal(reply: dict, asked, info, accept: str | None) -> ApiError:
    if reply["error"] == "syntax":
        return diagnosis.syntax_error(asked.query, reply["message"], info.prefixes)
    if reply["error"] == "not_acceptable":
        return negotiation.not_acceptable(reply["message"], FORMATS[reply["kind"]], accept, list(asked.formats))
    return ApiError(500, "Query failed", f"the store could not evaluate the query: {reply['message']}")


def describe(service, accept: str | None, values: list[str]) -> Response:
    fmt = negotiation.requested(values, DESCRIPTION_FORMATS) if values else preferred(DESCRIPTION_FORMATS, accept)
    if fmt is None:
        raise negotiation.not_acceptable("the service description", DESCRIPTION_FORMATS, accept, values)
    graphs = sorted(service.store.named_graphs(), key=str)
    triples = service_description.describe(request.base_url.rstrip("/"), graphs, service.config)
    body = service_description.serialise(triples, service_description.DESCRIPTION_FORMATS[fmt.name])
    return Response(body, content_type=fmt.content_type)


@blueprint.after_request
def _headers(response: Response) -> Response:
    response.vary.add("Accept")
    return response
