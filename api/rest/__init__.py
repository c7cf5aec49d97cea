"""The REST facade under /api (CONTRACT.md §6): lists, resources, passages, search.

Lists and search are answered from the release's views (kg/views.py); one resource is
described per request by the `.rq` files in api/queries/.
"""
from flask import Blueprint, current_app

blueprint = Blueprint("rest", __name__, url_prefix="/api")


@blueprint.after_request
def _cors(response):
    origins = current_app.extensions["mhkg"].config.get("cors_origins")
    if origins:
        response.headers["Access-Control-Allow-Origin"] = origins
        response.headers["Access-Control-Expose-Headers"] = "ETag, Last-Modified"
    return response


from . import context, lists, resources, search  # noqa: E402,F401  (their routes join the blueprint)
