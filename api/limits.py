"""What a request may be before the app sees it: its target, its header fields, its query
parameters and its body, each bounded, and each refusal a problem document.

The HTTP server (granian, on hyper) refuses past its own hard limits with an empty body: a
request target over 65,534 bytes (414), 100 header fields or more, or a head larger than its
read buffer (431). The bounds here are tighter, so that for anything short of those it is
the app that answers, as application/problem+json. api/server.py applies them to each
request before a thread is given to it.
"""
from __future__ import annotations

from .errors import PROBLEM_JSON, problem_body

MAX_TARGET_BYTES = 8192       # path and query string of any URL but /sparql's
MAX_FIELDS = 64               # header fields of a request
MAX_FIELD_BYTES = 8190        # one header field, name and value
MAX_PARAMETERS = 1000         # fields of a query string, or of a form-encoded body
MIN_BODY_BYTES = 65536        # a request body may always be this long
HEADER_TIMEOUT_S = 10         # the whole head must arrive within this (the server closes the connection)
BODY_TIMEOUT_S = 10           # the whole body must arrive within this, else 408


class Refusal(Exception):
    """A request refused before the app saw it."""

    def __init__(self, status: int, title: str, detail: str, **extra):
        super().__init__(detail)
        self.status, self.title, self.detail, self.extra = status, title, detail, extra

    def response(self) -> tuple[int, list[tuple[str, str]], bytes]:
        headers = [("Content-Type", PROBLEM_JSON)]
        if self.status in (408, 413):  # the rest of the body is not read: this connection ends
            headers.append(("Connection", "close"))
        return self.status, headers, problem_body(self.status, self.title, self.detail, **self.extra).encode()


def max_target_bytes(path: str, config: dict) -> int:
    """/sparql takes a GET query of up to max_query_bytes, percent-encoded (past it the app
    answers 413); every other resource a short URL."""
    if path.rstrip("/") == "/sparql":
        return 3 * int(config["max_query_bytes"]) + 1024
    return MAX_TARGET_BYTES


def max_body_bytes(config: dict) -> int:
    """The longest body worth reading: a form-encoded query of max_query_bytes."""
    return max(MIN_BODY_BYTES, 3 * int(config["max_query_bytes"]) + 1024)


def check_head(path: str, query_string: str, fields: list[tuple[str, str]], config: dict) -> None:
    """Raise a Refusal for a request target, header or parameter count past its bound."""
    target = len(path.encode()) + len(query_string)
    if target > max_target_bytes(path, config):
        raise Refusal(414, "URI Too Long", f"the request target has {target} bytes; at most "
                      f"{max_target_bytes(path, config)} are read here", max_target_bytes=max_target_bytes(path, config))
    if len(fields) > MAX_FIELDS:
        raise Refusal(431, "Request Header Fields Too Large",
                      f"the request has {len(fields)} header fields; at most {MAX_FIELDS} are read",
                      max_fields=MAX_FIELDS)
    for name, value in fields:
        if len(name) + len(value) + 2 > MAX_FIELD_BYTES:
            raise Refusal(431, "Request Header Fields Too Large",
                          f"the header field {name[:40]!r} is longer than {MAX_FIELD_BYTES} bytes",
                          max_field_bytes=MAX_FIELD_BYTES)
    _check_parameters(query_string.count("&") + 1 if query_string else 0, "query string")


def check_form(content_type: str | None, body: bytes) -> None:
    """Raise a Refusal for a form-encoded body with more parameters than a query string may have."""
    if body and (content_type or "").lower().startswith("application/x-www-form-urlencoded"):
        _check_parameters(body.count(b"&") + 1, "form")


def _check_parameters(count: int, where: str) -> None:
    if count > MAX_PARAMETERS:
        raise Refusal(400, "Bad Request", f"the {where} has {count} parameters; at most {MAX_PARAMETERS} are read",
                      max_parameters=MAX_PARAMETERS)


def check_length(content_length: str | None, config: dict) -> int | None:
    """The body's declared length, refused when it is not a number or is too long."""
    if content_length is None:
        return None
    if not content_length.strip().isdigit():
        raise Refusal(400, "Bad Request", "Content-Length is not a number")
    length, most = int(content_length), max_body_bytes(config)
    if length > most:
        raise Refusal(413, "Content Too Large", f"the body has {length} bytes; at most {most} are read",
                      max_body_bytes=most)
    return length


def too_long(config: dict) -> Refusal:
    most = max_body_bytes(config)
    return Refusal(413, "Content Too Large", f"the body is longer than {most} bytes", max_body_bytes=most)


def too_slow() -> Refusal:
    return Refusal(408, "Request Timeout", f"the body did not arrive within {BODY_TIMEOUT_S} s",
                   body_timeout_s=BODY_TIMEOUT_S)
