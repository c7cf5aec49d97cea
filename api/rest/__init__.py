"""The REST facade under /api (docs/CONTRACT.md §6): lists, resources, passages, search.

Lists and search are answered from the release's views (kg/views.py); one resource is
described per request by the `.rq` files in api/queries/.
"""
from flask import Blueprint, current_app, request

from .params import check_query

blueprint = Blueprint("rest", __name__, url_prefix="/api")


@blueprint.before_request
def _check_query():
    """Query parameters are checked against the endpoint's own OpenAPI description."""
    view = current_app.view_functions.get(request.endpoint)
    spec = getattr(view, "openapi", None)
    if spec is not None:
        check_query(request.args, spec["parameters"])


from . import context, lists, mentions, passages, resources, search  # noqa: E402,F401  (their routes join the blueprint)
