"""Errors as `application/problem+json` (RFC 9457): a status that says what went wrong,
a message a user can act on, never a stack trace."""
from __future__ import annotations

from flask import Flask, Response, json
from werkzeug.exceptions import HTTPException

from kg.remote import RemoteStoreError

PROBLEM_JSON = "application/problem+json"


class ApiError(Exception):
    """Raise anywhere in a request to answer with a problem document."""

    def __init__(self, status: int, title: str, detail: str | None = None, **extra):
        super().__init__(detail or title)
        self.status, self.title, self.detail, self.extra = status, title, detail, extra


def problem_body(status: int, title: str, detail: str | None = None, **extra) -> str:
    """The problem document itself (also written outside Flask, by api/server.py's bridge)."""
    body = {"type": "about:blank", "title": title, "status": status}
    if detail:
        body["detail"] = detail
    body.update(extra)
    return json.dumps(body, ensure_ascii=False)


def problem(status: int, title: str, detail: str | None = None, **extra) -> Response:
    return Response(problem_body(status, title, detail, **extra), status=status, mimetype=PROBLEM_JSON)


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(ApiError)
    def _api_error(err: ApiError):
        return problem(err.status, err.title, err.detail, **err.extra)

    @app.errorhandler(RemoteStoreError)
    def _store_unavailable(err: RemoteStoreError):
        app.logger.warning("store server failed: %s", err)  # names its address: for the log only
        return problem(503, "Service Unavailable", "the store server did not answer as it should; "
                       "the server log says why")

    @app.errorhandler(TimeoutError)
    def _store_timeout(err: TimeoutError):
        app.logger.warning("store server timed out: %s", err)
        return problem(504, "Gateway Timeout", "the store server gave no answer in time")

    @app.errorhandler(HTTPException)
    def _http_error(err: HTTPException):
        response = problem(err.code or 500, err.name, err.description)
        allowed = getattr(err, "valid_methods", None)
        if allowed:  # a 405 says which methods the resource has (RFC 9110)
            response.headers["Allow"] = ", ".join(allowed)
        return response

    @app.errorhandler(Exception)
    def _unexpected(err: Exception):
        app.logger.exception("unhandled error")
        return problem(500, "Internal Server Error", "an unexpected error occurred; it has been logged")
