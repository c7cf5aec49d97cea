"""The researcher's web: server-rendered pages over the same views and `.rq` files the
REST API reads (HTML as one more representation of the same resources, api/answer.py).
Pages need no JavaScript; the query workbench and its assets are the exception."""
from flask import Blueprint

from .links import href

blueprint = Blueprint("web", __name__, template_folder="templates", static_folder="static",
                      static_url_path="/assets")
blueprint.add_app_template_filter(href, "href")

from . import reading  # noqa: E402

blueprint.add_app_template_global(reading.quote_url, "quote_url")
blueprint.add_app_template_global(reading.anchor, "anchor")

from . import routes, workbench  # noqa: E402,F401  (their routes join the blueprint)
