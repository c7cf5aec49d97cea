"""The REST facade under /api (CONTRACT.md §6)."""
from flask import Blueprint

blueprint = Blueprint("rest", __name__, url_prefix="/api")
