"""Query parameters of the REST API: checked, bounded and resolved before any lookup,
so that a bad value is a 400 naming the parameter, never a 500 or a changed meaning."""
from __future__ import annotations

import re

from werkzeug.datastructures import MultiDict

from kg.iris import ID, KINDS as IRI_KINDS, MH, is_slug

from ..errors import ApiError

DEFAULT_LIMIT, MAX_LIMIT, MAX_OFFSET = 50, 500, 1_000_000
MAX_VALUE_LENGTH = 500
#: What the values look like, for the OpenAPI description (checked here, in code).
SLUG_PATTERN = "^[a-z0-9]+(-[a-z0-9]+)*$"
_KIND = "(" + "|".join(IRI_KINDS) + ")/"
REFERENCE_PATTERN = f"^(https://w3id\\.org/mhkg/id/{_KIND}|{_KIND})?[a-z0-9]+(-[a-z0-9]+)*$"
KIND_REFERENCE_PATTERN = f"^(https://w3id\\.org/mhkg/id/)?{_KIND}[a-z0-9]+(-[a-z0-9]+)*$"
CLASS_PATTERN = "^(mh:)?[A-Za-z][A-Za-z0-9_]*$"
TEXT_PATTERN = "^[^\\x00]*$"


def bad_parameter(name: str, reason: str) -> ApiError:
    return ApiError(400, "Bad Request", f"parameter '{name}': {reason}",
                    invalid_params=[{"name": name, "reason": reason}])


def check_query(args: MultiDict, parameters: list[dict]) -> None:
    """Every query parameter is one the endpoint declares and fits its declared schema:
    the OpenAPI description is the rule, checked here, so the two cannot disagree."""
    declared = {p["name"]: p["schema"] for p in parameters if p["in"] == "query"}
    for name in args:
        if name not in declared:
            known = ", ".join(declared) or "no parameters"
            raise bad_parameter(name, f"unknown parameter; this endpoint takes {known}")
        for value in args.getlist(name):
            reason = schema_violation(value, declared[name])
            if reason:
                raise bad_parameter(name, reason)


def schema_violation(value: str, schema: dict) -> str | None:
    """Why `value` does not fit `schema` (the subset of JSON Schema the API uses), or None."""
    if len(value) > schema.get("maxLength", MAX_VALUE_LENGTH):
        return f"longer than {schema.get('maxLength', MAX_VALUE_LENGTH)} characters"
    if schema.get("type") == "integer":
        if not re.fullmatch(r"-?[0-9]{1,12}", value):
            return f"{value!r} is not a whole number"
        low, high = schema.get("minimum"), schema.get("maximum")
        if (low is not None and int(value) < low) or (high is not None and int(value) > high):
            return f"must be between {low} and {high}"
        return None
    if "enum" in schema and value not in schema["enum"] + schema.get("x-accepted", []):
        return f"{value!r} is not one of {', '.join(schema['enum'])}"
    if len(value) < schema.get("minLength", 0):
        return "must not be empty"
    if "pattern" in schema and not re.search(schema["pattern"], value):
        return f"{value!r} is not of the expected form ({schema['pattern']})"
    return None


def integer(args: MultiDict, name: str, default: int, low: int, high: int) -> int:
    raw = args.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw, 10)
    except ValueError:
        raise bad_parameter(name, f"{raw!r} is not a whole number") from None
    if not low <= value <= high:
        raise bad_parameter(name, f"must be between {low} and {high}")
    return value


def page_bounds(args: MultiDict) -> tuple[int, int]:
    return (integer(args, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT), integer(args, "offset", 0, 0, MAX_OFFSET))


def resource_iri(name: str, value: str, default_kind: str | None) -> str:
    """A filter value naming a resource: its IRI, `kind/slug`, or a bare slug of `default_kind`."""
    if value.startswith(ID):
        kind, _, slug = value[len(ID):].partition("/")
    elif "/" in value:
        kind, _, slug = value.partition("/")
    else:
        kind, slug = default_kind, value
    if kind is None:
        raise bad_parameter(name, f"{value!r}: give kind/slug (e.g. actor/comensha) or the full IRI")
    if kind not in IRI_KINDS or not is_slug(slug):
        raise bad_parameter(name, f"{value!r} does not name a resource (kind/slug, e.g. actor/comensha)")
    return f"{ID}{kind}/{slug}"


def class_iri(name: str, value: str) -> str:
    """A `type` filter: a class name of the ontology, with or without `mh:` or as IRI."""
    local = value.removeprefix("mh:").removeprefix(MH)
    if not local.replace("_", "").isalnum():
        raise bad_parameter(name, f"{value!r} is not a class name (e.g. Ministry or mh:Ministry)")
    return MH + local
