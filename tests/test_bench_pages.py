"""The page benchmark (`python -m bench pages`) runs on a tiny synthetic graph, and each page it
measures and that page's JSON twin answer 200 with HTML and JSON. (No timing here: the
figures come from the benchmark itself.)"""
from __future__ import annotations

import json

import pytest

from bench import pages

TINY = "6k"


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    """One run of the page benchmark on a tiny graph, kept out of bench/.cache and bench/results."""
    folder = tmp_path_factory.mktemp("bench-pages")
    pages.main(["--sizes", TINY, "--seconds", "0.2", "--max-seconds", "10", "--cache", str(folder / "cache"),
                "--out", str(folder / "results")])
    results = json.loads((folder / "results" / "pages.json").read_text())
    return results, folder / "cache" / "pages" / TINY / "release"


@pytest.fixture(scope="module")
def client(run):
    from api.app import create_app
    return create_app(store_path=run[1] / "store").test_client()


def test_the_benchmark_measures_every_page_and_its_twin_without_an_error(run):
    results, _ = run
    (size,) = results["sizes"]
    assert set(size["pages"]) == set(pages.PAGES)
    for name, figures in size["pages"].items():
        for form in ("html", "json"):
            assert figures[form]["errors"] == 0, (name, form, figures[form]["error"])
            assert figures[form]["n"] >= 3 and figures[form]["p95"] is not None, (name, form)
            assert figures[form]["bytes"], (name, form)
    assert size["others_busy_before"] is not None or size["others_busy_after"] is not None
    assert "| page |" in pages.table(results)


def test_each_page_is_html_and_its_twin_json(run, client):
    results, _ = run
    chosen = results["sizes"][0]["chosen"]
    for name in pages.PAGES:
        for (url, params, headers), media in zip(pages.requests_for("", name, chosen),
                                                 ("text/html", "json")):
            response = client.get(url, query_string=params, headers=headers)
            assert response.status_code == 200, (name, url, response.get_data(as_text=True)[:300])
            assert media in response.content_type, (name, url, response.content_type)
    html = client.get(f"/id/actor/{chosen['most']}", headers=pages.HTML).get_data(as_text=True)
    assert f"/api/actors/{chosen['most']}" in html       # the page links the twin it is measured beside
