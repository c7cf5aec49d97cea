"""The OpenAPI description types what the API answers: each kind's items have a schema of
their own that every item the service gives validates against (each key declared), and CSV
is an operation of its own, so a generated client never parses CSV as JSON.

With `openapi-python-client` installed (found on PATH or beside this Python; not a test
dependency), a client is generated from the running service's description and used against it."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import jsonschema_rs
import pytest

from test_rest import LISTS, all_items

JSON_TYPES = ("application/json", "application/ld+json")


@pytest.fixture(scope="module")
def spec(graph_server) -> dict:
    return graph_server.get("/openapi.json").json()


def resolve(spec: dict, schema: dict) -> dict:
    while "$ref" in schema:
        schema = spec["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    return schema


def validator(spec: dict, schema: dict):
    return jsonschema_rs.validator_for({**schema, "components": spec["components"]})


def test_an_answer_is_either_json_or_csv_never_both_in_one_operation(spec):
    for path, methods in spec["paths"].items():
        for method, operation in methods.items():
            content = set(operation["responses"].get("200", {}).get("content", {}))
            assert not (content & {"text/csv"} and content & set(JSON_TYPES)), (path, method, content)
            if path.endswith(".csv"):
                assert content == {"text/csv"}, path
                assert "format" not in {p["name"] for p in operation["parameters"]}, path


def test_every_page_has_a_csv_twin_with_the_same_parameters(spec):
    pages = [p for p, m in spec["paths"].items() if "items" in resolve(
        spec, m["get"]["responses"]["200"]["content"].get("application/json", {}).get("schema", {})).get(
        "properties", {})]
    assert {f"/api/{kind}" for kind in LISTS} | {"/api/search", "/api/document/{slug}/passages"} <= set(pages)
    for path in pages:
        twin = spec["paths"][f"{path}.csv"]["get"]
        expected = [p for p in spec["paths"][path]["get"]["parameters"] if p["name"] != "format"]
        assert [p["name"] for p in twin["parameters"]] == [p["name"] for p in expected], path


def test_each_list_has_items_of_a_typed_schema_of_its_own(spec):
    seen = set()
    for kind in LISTS:
        page = resolve(spec, spec["paths"][f"/api/{kind}"]["get"]["responses"]["200"]["content"]
                       ["application/json"]["schema"])
        item_ref = page["properties"]["items"]["items"]["$ref"]
        detail = spec["paths"][f"/api/{kind}/{{slug}}"]["get"]["responses"]["200"]["content"]["application/json"]
        assert detail["schema"]["$ref"] == item_ref, kind
        item = resolve(spec, {"$ref": item_ref})
        untyped = [name for name, schema in item["properties"].items()
                   if not ({"type", "$ref", "oneOf"} & set(schema)) or schema.get("type") == "object"]
        assert not untyped, (kind, untyped)
        seen.add(item_ref)
    assert len(seen) == len(LISTS), "each list its own schema (commitments, instruments of one class, too)"


@pytest.mark.parametrize("kind", LISTS)
def test_every_item_of_every_list_validates_against_its_schema_with_each_key_declared(graph_server, spec, kind):
    page_schema = spec["paths"][f"/api/{kind}"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    item_schema = resolve(spec, resolve(spec, page_schema)["properties"]["items"]["items"])
    check_page, check_item = validator(spec, page_schema), validator(spec, item_schema)
    check_page.validate(graph_server.get(f"/api/{kind}", params={"limit": 3}).json())
    items = all_items(graph_server, f"/api/{kind}", limit=500)
    assert items
    for item in items:
        check_item.validate(item)
        assert set(item) <= set(item_schema["properties"]), (item["id"], set(item) - set(item_schema["properties"]))
    detail = graph_server.get(f"/api/{kind}/{items[0]['slug']}").json()
    check_item.validate(detail)
    assert set(detail) <= set(item_schema["properties"])


@pytest.mark.parametrize("path, params", [("/api/search", {"q": "comensha slachtoffers", "limit": 500}),
                                          ("/api/document/ah-tk-20122013-903/passages", {"limit": 500})])
def test_search_hits_and_passages_validate_against_their_schemas(graph_server, spec, path, params):
    schema = spec["paths"][path.replace("ah-tk-20122013-903", "{slug}")]["get"]["responses"]["200"]["content"][
        "application/json"]["schema"]
    page = graph_server.get(path, params=params).json()
    assert page["items"]
    validator(spec, schema).validate(page)
    declared = resolve(spec, resolve(spec, schema)["properties"]["items"]["items"])["properties"]
    assert all(set(item) <= set(declared) for item in page["items"])
    for item in page["items"][:5]:      # each hit and passage as one: /api/{kind}/{slug}
        one = spec["paths"][f"/api/{item['kind']}/{{slug}}"]["get"]["responses"]["200"]["content"]
        validator(spec, one["application/json"]["schema"]).validate(
            graph_server.get(f"/api/{item['kind']}/{item['slug']}").json())


def _generator() -> Path | None:
    found = shutil.which("openapi-python-client") or Path(sys.executable).with_name("openapi-python-client")
    return Path(found) if found and Path(found).is_file() else None


CLIENT_SCRIPT = """
import sys
sys.path.insert(0, {package_dir!r})
from {package}.client import Client
from {package}.api.actor import rest_list_actor, rest_list_actor_csv, rest_actor_detail
from {package}.api.funding import rest_list_funding
from {package}.api.search import rest_search
from {package}.models import ActorPage, Actor, FundingPage, Funding, Reference, SearchPage

client = Client(base_url={url!r})
page = rest_list_actor.sync(client=client, limit=5)
assert isinstance(page, ActorPage) and page.items and all(isinstance(i, Actor) for i in page.items), page
comensha = rest_actor_detail.sync("comensha", client=client)
assert isinstance(comensha, Actor) and comensha.label == "CoMensha"
assert comensha.sources and comensha.sources[0].document.id.endswith("/document/" + comensha.sources[0].document.slug)
fundings = rest_list_funding.sync(client=client, limit=50)
assert isinstance(fundings, FundingPage) and all(isinstance(f, Funding) for f in fundings.items)
assert any(isinstance(f.funder[0], Reference) for f in fundings.items if f.funder)
assert any(isinstance(f.amount, (int, float)) for f in fundings.items if f.amount)
text = rest_list_actor_csv.sync(client=client, limit=5)
assert isinstance(text, str) and text.startswith("id,"), text[:80]
hits = rest_search.sync(client=client, q="CoMensha")
assert isinstance(hits, SearchPage) and hits.items[0].kind == "actor"
print("client ok")
"""


def test_a_generated_client_gets_typed_items_and_csv_as_text(graph_server, tmp_path):
    generator = _generator()
    assert generator is not None, ("openapi-python-client is not installed: it is in the test extra "
                                   "(make install-test, or pip install -c constraints.txt -e '.[test]')")
    (tmp_path / "openapi.json").write_bytes(graph_server.get("/openapi.json").content)
    made = subprocess.run([str(generator), "generate", "--path", "openapi.json", "--meta", "none"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=300, env={**os.environ, "PATH": os.defpath})
    packages = [p for p in tmp_path.iterdir() if p.is_dir()]
    assert made.returncode == 0 and len(packages) == 1, made.stdout + made.stderr
    script = textwrap.dedent(CLIENT_SCRIPT).format(package_dir=str(tmp_path), package=packages[0].name,
                                                   url=graph_server.url)
    python = generator.with_name("python")   # the generator's own environment has httpx and attrs
    ran = subprocess.run([str(python), "-c", script], capture_output=True, text=True, timeout=120)
    assert ran.returncode == 0 and "client ok" in ran.stdout, ran.stdout + ran.stderr
