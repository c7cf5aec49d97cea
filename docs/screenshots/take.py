"""Screenshots of each page kind for the README, taken by Playwright in Debian's Chromium
(`make screenshots`): serves the built graph of `--data` on a free port, opens each page and
writes `<kind>.png` next to this file."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent / "tests"))

from graph_fixtures import Service  # noqa: E402

PAGES = {
    "home": "/",
    "search": "/search?q=CoMensha",
    "resource": "/id/actor/comensha",
    "reader": "/read/kst-28638-174#passage-kst-28638-174-alinea-013",
    "tracker": "/recommendations",
    "commitments": "/commitments",
    "indicator": "/id/indicator/mogelijke-slachtoffers-gemeld-bij-comensha",
    "ontology": "/def#Recommendation",
    "workbench": "/sparql#query=",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", default="data", help="the data directory with a built graph")
    arguments = parser.parse_args()
    from playwright.sync_api import sync_playwright

    example = (HERE.parent.parent / "api" / "examples" / "comensha-reported-victims-per-year.rq").read_text()
    query = "".join(line for line in example.splitlines(keepends=True) if not line.startswith("# "))
    with Service(data=arguments.data) as api, sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1200, "height": 800})
        for kind, path in PAGES.items():
            if kind == "workbench":
                from urllib.parse import quote
                path += quote(query)
            page.goto(api.url + path)
            if kind == "workbench":
                page.wait_for_selector(".yasr table tbody tr")
            page.screenshot(path=str(HERE / f"{kind}.png"))
            print(f"{kind}.png")
        browser.close()


if __name__ == "__main__":
    main()
