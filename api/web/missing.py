"""Refusals in the client's terms: a page for a browser, a problem document for anyone else
(a 404 for what the graph does not hold, a 400 for a filter value a page cannot use)."""
from __future__ import annotations

from flask import render_template, request

from ..errors import ApiError, problem
from ..formats import prefers_html
from . import blueprint


def not_found(what: str):
    if prefers_html(request.headers.get("Accept")):
        return render_template("not_found.html", what=what), 404
    raise ApiError(404, "Not Found", f"the graph holds no {what}")


@blueprint.errorhandler(ApiError)
def refused(err: ApiError):
    if prefers_html(request.headers.get("Accept")):
        return render_template("refused.html", err=err), err.status
    return problem(err.status, err.title, err.detail, **err.extra)
