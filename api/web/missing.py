"""A 404 in the client's terms: a page for a browser, a problem document for anyone else."""
from __future__ import annotations

from flask import render_template, request

from ..errors import ApiError
from ..formats import prefers_html


def not_found(what: str):
    if prefers_html(request.headers.get("Accept")):
        return render_template("not_found.html", what=what), 404
    raise ApiError(404, "Not Found", f"the graph holds no {what}")
