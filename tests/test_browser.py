"""The pages in a real browser: Playwright (PyPI) driving Debian's Chromium (`make chromium`;
no browser is downloaded), against the service on the built graph. Every page kind renders
its content, links resolve, the workbench runs a typed query and a gallery example, the
chart's points open their quotes, Tab focuses every control in order with a visible focus
(the workbench's editor included), and axe-core (npm, injected from
api/web/vendor/node_modules) finds no serious or critical violation."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
AXE = Path(__file__).resolve().parent.parent / "api" / "web" / "vendor" / "node_modules" / "axe-core" / "axe.min.js"
PAGES = {  # a page of each kind and what it must show
    "home": ("/", "What the graph holds"),
    "search": ("/search?q=CoMensha", "CoMensha"),
    "resource": ("/id/actor/comensha", "Where the documents say so"),
    "reader": ("/read/kst-28638-174", "Kabinetsreactie op de Dadermonitor"),
    "tracker": ("/recommendations", "Report → recommendation → response → status"),
    "commitments": ("/commitments", "Who promised what to whom, by when, and what became of it"),
    "indicator": ("/id/indicator/mogelijke-slachtoffers-gemeld-bij-comensha", "Figures per year"),
    "ontology": ("/def", "The MHKG ontology"),
    "workbench": ("/sparql", "Query workbench"),
}
ROWS = ".yasr table tbody tr"
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"   # what Chromium sends


@pytest.fixture(scope="module")
def browser():
    try:                                        # fail, not skip: make install-test installs both
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("playwright is not installed: make install-test")
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is not installed: make chromium")
    with sync_playwright() as driver:
        launched = driver.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield launched
        launched.close()


@pytest.fixture
def tab(browser):
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.on("console", lambda message: message.type == "error" and page.errors.append(message.text))
    yield page
    context.close()


@pytest.mark.parametrize("kind", sorted(PAGES))
def test_every_page_kind_renders_its_content(graph_server, tab, kind):
    path, expected = PAGES[kind]
    answer = tab.goto(graph_server.url + path)
    assert answer.status == 200
    assert expected in tab.inner_text("main")
    assert tab.locator("h1").count() == 1
    if kind == "workbench":
        tab.wait_for_selector(".yasqe .CodeMirror")
    assert not tab.errors, tab.errors


def test_links_on_a_sample_of_pages_resolve(graph_server, tab):
    for path in ("/", "/id/actor/comensha", "/recommendations"):
        tab.goto(graph_server.url + path)
        links = set(tab.eval_on_selector_all("a[href]", "els => els.map(e => e.href.split('#')[0])"))
        for link in sorted(l for l in links if l.startswith(graph_server.url))[:60]:
            status = tab.request.get(link, headers={"Accept": BROWSER}).status
            assert status < 400, f"{path} links {link}: {status}"


def type_in_the_workbench(tab, url: str, text: str) -> None:
    """Open the workbench and type `text` over its editor's starting query, key by key."""
    tab.goto(url + "/sparql")
    tab.wait_for_selector(".yasqe .CodeMirror")
    tab.click(".yasqe .CodeMirror-code")
    tab.keyboard.press("Control+A")
    tab.keyboard.press("Delete")
    tab.keyboard.type(text)


def test_a_typed_query_runs_and_its_iris_open_resource_pages(graph_server, tab):
    type_in_the_workbench(tab, graph_server.url, "PREFIX mh: <https://w3id.org/mhkg/def#>\n"
                          "SELECT ?report WHERE { ?report a mh:Report } ORDER BY ?report LIMIT 5")
    tab.click(".yasqe_queryButton")
    tab.wait_for_selector(ROWS)
    assert tab.locator(ROWS).count() == 5
    assert "query=" in tab.url and "mh%3AReport" in tab.url, "the query is not in the URL"
    link = tab.locator(f"{ROWS} a[href^='/id/']").first
    target = graph_server.url + link.get_attribute("href")
    link.click()
    tab.wait_for_url(target)
    assert tab.locator("h1").count() == 1 and "mh:Report" in tab.inner_text("header.resource")


def completions(tab, typed: str = "") -> list[str]:
    """What the editor offers after typing `typed` and asking for completion (Ctrl+Space)."""
    tab.keyboard.type(typed)
    tab.keyboard.press("Control+Space")
    tab.wait_for_selector(".CodeMirror-hints li")
    return tab.locator(".CodeMirror-hints li").all_inner_texts()


def test_classes_and_properties_complete_from_the_ontology(graph_server, tab):
    type_in_the_workbench(tab, graph_server.url, "PREFIX mh: <https://w3id.org/mhkg/def#>\nSELECT * WHERE { ?r a mh:Recomm")
    assert completions(tab) == ["mh:Recommendation"]
    tab.keyboard.press("Escape")
    assert "mh:inReport" in completions(tab, " ; mh:inRep")
    assert not tab.errors, tab.errors


def test_tab_takes_an_open_completion_and_else_leaves_the_editor(graph_server, tab):
    typed = "PREFIX mh: <https://w3id.org/mhkg/def#>\nSELECT * WHERE { ?r a mh:Recomm"
    type_in_the_workbench(tab, graph_server.url, typed)
    assert completions(tab) == ["mh:Recommendation"]
    query = "() => document.querySelector('.yasqe .CodeMirror').CodeMirror.getValue()"
    focused = "() => document.activeElement.getAttribute('aria-label')"
    tab.keyboard.press("Tab")
    assert tab.evaluate(query).endswith("a mh:Recommendation") and tab.evaluate(focused) == "SPARQL query"
    tab.keyboard.press("Tab")
    assert tab.evaluate(focused) == "Share query" and tab.evaluate(query).endswith("a mh:Recommendation")


def test_resources_complete_from_the_lists(graph_server, tab):
    type_in_the_workbench(tab, graph_server.url, "SELECT * WHERE { <https://w3id.org/mhkg/id/actor/comen")
    assert completions(tab) == ["<https://w3id.org/mhkg/id/actor/comensha>"]
    tab.keyboard.press("Enter")
    editor = tab.evaluate("document.querySelector('.CodeMirror').CodeMirror.getValue()")
    assert editor.startswith("SELECT * WHERE { <https://w3id.org/mhkg/id/actor/comensha>")


def test_a_gallery_example_runs(graph_server, tab):
    tab.goto(graph_server.url + "/sparql")
    tab.wait_for_selector(".yasqe .CodeMirror")
    tab.click("#example-comensha-reported-victims-per-year a.example")
    tab.wait_for_selector(ROWS)
    cells = tab.locator(ROWS).all_inner_texts()
    assert any("1561" in row for row in cells) and any("814" in row for row in cells)
    shared = tab.url
    tab.goto("about:blank")
    tab.goto(shared)                                    # the URL alone runs it again
    tab.wait_for_selector(ROWS)
    assert tab.locator(ROWS).count() == len(cells)


def test_each_chart_point_opens_its_quote(graph_server, tab):
    tab.goto(graph_server.url + PAGES["indicator"][0])
    points = tab.locator("svg a.point")
    assert points.count() >= 4
    for i in range(points.count()):
        tab.goto(graph_server.url + PAGES["indicator"][0])
        title = tab.locator("svg a.point title").nth(i).text_content()
        quote = re.search(r"“(.*)”", title, re.S).group(1)
        tab.locator("svg a.point").nth(i).click()
        tab.wait_for_load_state()
        fragment = tab.evaluate("location.hash").lstrip("#")
        target = tab.locator(f"[id='{fragment}']")
        assert target.is_visible()
        assert quote.startswith(target.inner_text()), f"point {i} opened {target.inner_text()!r}"


#: Every control a keyboard can reach, each marked with its place in the order Tab should
#: follow (the document's: no page gives a positive tabindex), and how its focus would show
#: unfocused: its outline and box shadow (for CodeMirror's hidden textarea, its editor's).
CONTROLS = """() => {
    const look = e => { const box = e.matches('.CodeMirror textarea') ? e.closest('.CodeMirror') : e;
                        const s = getComputedStyle(box);
                        return [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow]; };
    window.lookOf = look;
    const controls = [...document.querySelectorAll(
        'a[href], area[href], button, input, select, textarea, summary, iframe, [tabindex], [contenteditable]')]
        .filter(e => e.tabIndex >= 0 && !e.disabled && e.getClientRects().length
                     && getComputedStyle(e).visibility === 'visible');
    const start = document.createElement('span');      // Tab from the top of the page, wherever
    start.tabIndex = -1;                                // the page put the focus (the editor's)
    document.body.prepend(start);
    start.focus();
    controls.forEach((e, i) => e.dataset.control = i);
    return controls.map(e => ({positive: e.tabIndex > 0, look: look(e),
                               name: e.tagName + ' ' + (e.getAttribute('aria-label') || e.textContent).trim().slice(0, 40)}));
}"""
FOCUSED = """() => { const e = document.activeElement;
    return {control: e.dataset.control === undefined ? null : Number(e.dataset.control), look: window.lookOf(e),
            name: e.tagName + ' ' + (e.getAttribute('aria-label') || e.textContent).trim().slice(0, 40)}; }"""


@pytest.mark.parametrize("path", ["/", "/id/actor/comensha", "/sparql", "/recommendations", "/search?q=CoMensha"])
def test_tab_focuses_every_control_in_order_each_with_a_visible_focus(graph_server, tab, path):
    tab.goto(graph_server.url + path)
    if path == "/sparql":
        tab.wait_for_selector(".yasqe .CodeMirror")
    controls = tab.evaluate(CONTROLS)
    assert len(controls) > 10 and not [c["name"] for c in controls if c["positive"]]
    for place, control in enumerate(controls):
        tab.keyboard.press("Tab")
        focused = tab.evaluate(FOCUSED)
        assert focused["control"] == place, f"Tab {place + 1} focused {focused['name']!r}, not {control['name']!r}"
        style, width, _colour, shadow = focused["look"]
        assert (style != "none" and width != "0px") or shadow != "none", f"{control['name']!r}: no focus ring"
        assert focused["look"] != control["look"], f"{control['name']!r} looks the same focused: {control['look']}"


@pytest.mark.parametrize("kind", sorted(PAGES))
def test_axe_finds_no_serious_violation(graph_server, browser, kind):
    assert AXE.is_file(), "make assets installs axe-core"
    context = browser.new_context(bypass_csp=True)      # axe is injected as an inline script
    page = context.new_page()
    page.goto(graph_server.url + PAGES[kind][0])
    if kind == "workbench":
        page.wait_for_selector(".yasqe .CodeMirror")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations")
    context.close()
    serious = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in result
               if v["impact"] in ("serious", "critical")]
    assert not serious, serious
