"""The researcher's pages over real HTTP: each shows what the graph states, with its quotes,
and every link to a quote lands on an element of the reader that holds that quote."""
from __future__ import annotations

import csv
import html
import io
import re
from urllib.parse import urldefrag

import pytest

from graph_fixtures import Service

BROWSER = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}


def page(api, path: str) -> str:
    answer = api.get(path, headers=BROWSER)
    assert answer.status_code == 200, f"{path}: {answer.status_code} {answer.text[:200]}"
    assert answer.headers["Content-Type"].startswith("text/html")
    return answer.text


def hrefs(text: str) -> list[str]:
    return [html.unescape(h) for h in re.findall(r'href="([^"]+)"', text)]


def element_text(text: str, ident: str) -> str:
    """The text of the element with id `ident` (up to its closing tag; marks are not nested)."""
    found = re.search(rf'id="{re.escape(ident)}"[^>]*>(.*?)</(mark|section|p|tr)>', text, re.S)
    assert found, f"no element with id {ident!r}"
    return html.unescape(re.sub(r"<[^>]+>", "", found.group(1)))


def test_home_counts_each_kind_and_lists_the_documents(graph_server):
    text = page(graph_server, "/")
    assert re.search(r"<strong>\d+</strong> actors", text)
    assert "Kabinetsreactie op de Dadermonitor mensenhandel 2013–2017" in text
    assert 'role="search"' in text and "/read/kst-28638-174" in text


def test_search_highlights_and_narrows_by_facets(graph_server):
    text = page(graph_server, "/search?q=CoMensha")
    assert '<a href="/id/actor/comensha">CoMensha</a>' in text
    assert "<mark>CoMensha</mark>" in text
    kinds = dict(re.findall(r'kind=(\w+)[^"]*">\s*\w+ \((\d+)\)', text))
    assert "passage" in kinds and "actor" in kinds
    only_passages = page(graph_server, "/search?q=CoMensha&kind=passage")
    assert '<a href="/id/actor/comensha">' not in only_passages
    assert f"{kinds['passage']} result" in only_passages


def test_search_facets_are_ordered_by_hits_then_value(graph_server):
    """The same search gives the same facets from every server process: ties are by value."""
    text = page(graph_server, "/search?q=mensenhandel")
    facets = html.unescape(text.split('class="facets"', 1)[1].split("</nav>", 1)[0])
    ties = 0
    for name in ("kind", "document", "type"):
        shown = [(-int(n), value) for value, n in re.findall(rf'[?&]{name}=([^&"]+)[^"]*">.*?\((\d+)\)</a>', facets, re.S)]
        assert len(shown) > 2 and shown == sorted(shown), name
        ties += sum(a[0] == b[0] for a, b in zip(shown, shown[1:]))
    assert ties > 2, "no ties to order"


def test_a_resource_shows_each_quote_and_opens_the_reader_there(graph_server):
    text = page(graph_server, "/id/actor/comensha")
    assert "<h1 lang=\"nl\">CoMensha</h1>" in text
    quotes = [html.unescape(q) for q in re.findall(r'<blockquote lang="nl">(.*?)</blockquote>', text, re.S)]
    assert "CoMensha registreert (vermoedelijke) mensenhandelslachtoffers." in quotes
    readers = [h for h in hrefs(text) if h.startswith("/read/")]
    assert readers, "no link opens a document"
    for link in readers[:5]:
        url, fragment = urldefrag(link)
        shown = element_text(page(graph_server, url), fragment)
        assert shown.strip(), f"{link} lands on an empty element"
    for twin in (".ttl", ".jsonld", "/api/actors/comensha"):
        assert any(h.endswith(twin) for h in hrefs(text)), f"no {twin} twin"


def test_the_reader_marks_each_quote_where_it_stands(graph_server):
    text = page(graph_server, "/read/kst-28638-174")
    assert 'id="passage-kst-28638-174-alinea-001"' in text and 'id="page-1"' in text
    marks = re.findall(r'<mark class="quote" id="(evidence-[0-9a-f]+)"', text)
    assert len(marks) > 20
    evidence = graph_server.get("/api/actors/comensha").json()["sources"]
    here = [s for s in evidence if s["document"]["slug"] == "kst-28638-174" and s["passage"]]
    for source in here:
        assert f'id="evidence-{source["id"].rsplit("/", 1)[1]}"' in text
    assert re.search(r'<a class="mention" href="/id/actor/comensha">(<mark[^>]*>)*CoMensha<', text)


def test_the_tracker_follows_report_to_status_and_exports_csv(graph_server):
    text = page(graph_server, "/recommendations?status=deferred")
    assert "deferred" in text or "uitgesteld" in text
    rows = re.findall(r"<tr>\s*<td>", text)
    listed = graph_server.get("/api/recommendations?status=deferred").json()
    assert len(rows) == listed["total"] > 0
    export = next(h for h in hrefs(text) if "format=csv" in h)
    table = list(csv.DictReader(io.StringIO(graph_server.get(export).text)))
    assert len(table) == listed["total"]
    everything = page(graph_server, "/recommendations")
    assert "gedeeltelijk" in everything or "deels overgenomen" in everything


def test_an_indicator_chart_links_each_point_to_its_quote(graph_server):
    text = page(graph_server, "/id/indicator/mogelijke-slachtoffers-gemeld-bij-comensha")
    points = re.findall(r'<a href="([^"]+)" class="point"><title>(\d{4}): ([\d.]+) — “(.*?)”</title>', text, re.S)
    assert {(year, value) for _, year, value, _ in points} >= {("2014", "1561"), ("2015", "1321"), ("2022", "814")}
    for link, year, value, quote in points:
        url, fragment = urldefrag(html.unescape(link))
        shown = element_text(page(graph_server, url), fragment)
        assert shown and html.unescape(quote).startswith(shown), f"{year}: the reader shows {shown!r} there"


def test_the_ontology_browser_defines_counts_and_exemplifies(graph_server):
    text = page(graph_server, "/def")
    row = re.search(r'<tr id="Recommendation">(.*?)</tr>', text, re.S).group(1)
    uses = int(re.findall(r"<td>(\d+)</td>", row)[0])
    assert uses == graph_server.get("/api/recommendations").json()["total"]
    assert '/id/recommendation/' in row


def test_a_graph_page_lists_what_it_states(graph_server):
    text = page(graph_server, "/graph/kst-28638-174")
    assert "/id/passage/kst-28638-174-alinea-001" in text and "/read/kst-28638-174" in text


PAGES = ["/", "/search?q=slachtoffers", "/id/actor/comensha", "/read/kst-28638-174", "/recommendations",
         "/commitments", "/indicators", "/def", "/id/indicator/mogelijke-slachtoffers-gemeld-bij-comensha"]


@pytest.mark.parametrize("path", PAGES)
def test_every_link_on_a_page_resolves(graph_server, path):
    seen = set()
    for link in hrefs(page(graph_server, path)):
        url = urldefrag(link)[0]
        if not url.startswith("/") or url in seen:
            continue
        seen.add(url)
        answer = graph_server.get(url, headers=BROWSER)
        assert answer.status_code < 400, f"{path} links {url}: {answer.status_code}"


@pytest.mark.parametrize("path", PAGES + ["/graph/kst-28638-174"])
def test_a_page_needs_no_javascript_and_names_its_twins(graph_server, path):
    """README: the pages need no JavaScript (the workbench aside) and each links its twins."""
    text = page(graph_server, path)
    assert "<script" not in text.lower(), path
    twins = re.findall(r'<link rel="alternate" href="([^"]+)"', text)
    assert twins and all(graph_server.get(html.unescape(t)).status_code == 200 for t in twins), (path, twins)


def test_pages_answer_304_for_their_build(graph_server):
    first = graph_server.get("/", headers=BROWSER)
    again = graph_server.get("/", headers={**BROWSER, "If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304


def test_footnotes_and_their_marks_link_each_other(graph_server):
    text = page(graph_server, "/read/kst-28638-174")
    marks = re.findall(r'in het kader van ICF(</mark>)*(<mark[^>]*>)*<a class="footnote-mark" id="(mark-[\w-]+)" href="#([\w-]+)"',
                       re.sub(r"</?a class=\"mention\"[^>]*>", "", text))
    assert marks, "the mark after 'ICF' is not linked"
    back, note = marks[0][2:]
    assert element_text(text, note).strip().endswith("· as data · back to the text")
    assert f'href="#{back}">back to the text' in text
    assert "Inspectie Control Framework." in re.sub(r"<[^>]+>", "", text.split(f'id="{note}"', 1)[1][:3000])


def test_a_bad_filter_is_refused_in_the_clients_terms(graph_server):
    page_answer = graph_server.get("/recommendations?report=%3Cx%3E", headers=BROWSER)
    assert page_answer.status_code == 400 and page_answer.headers["Content-Type"].startswith("text/html")
    assert "does not name a resource" in page_answer.text
    data = graph_server.get("/recommendations?report=%3Cx%3E", headers={"Accept": "application/json"})
    assert data.status_code == 400 and data.json()["invalid_params"][0]["name"] == "report"


def test_the_commitments_tracker_shows_the_register(graph_server):
    text = page(graph_server, "/commitments")
    shown = len(re.findall(r"<tr>\s*<td>", text))
    assert shown > 10
    assert "Tweede Kamer" in text and "<blockquote" in text
    unknown = page(graph_server, "/commitments?status=unknown")
    kept = len(re.findall(r"<tr>\s*<td>", unknown))
    statuses = re.findall(r'<option value="([\w-]+)"', text.split('id="c-status"', 1)[1].split("</select>", 1)[0])
    per_status = sum(len(re.findall(r"<tr>\s*<td>", page(graph_server, f"/commitments?status={s}")))
                     for s in statuses if s != "unknown")
    assert kept + per_status >= shown and kept < shown, "statuses and unknown do not cover the register"


def test_the_commitments_trackers_json_twin_is_the_rest_list_with_the_same_filters(graph_server):
    """Each filter of the tracker, its twin: /api/commitment with the REST names of the same filters,
    listing the commitments the page lists."""
    for query in ("", "?status=commitment-fulfilled", "?status=unknown",
                  "?by=https%3A%2F%2Fw3id.org%2Fmhkg%2Fid%2Factor%2Fkabinet"):
        text = page(graph_server, f"/commitments{query}")
        twin = re.search(r'<a href="([^"]+)">JSON \(REST\)</a>', text)[1].replace("&amp;", "&")
        assert twin.startswith("/api/commitment"), twin
        answer = graph_server.get(twin + ("&" if "?" in twin else "?") + "limit=500").json()
        assert answer["total"] == len(re.findall(r"<tr>\s*<td>", text)), (query, twin)


def _paged_through(api, path: str, what: str) -> list[str]:
    """The pages of `what` a resource page links one to the next, from `path` on: each page's text."""
    pages, url = [], path
    while url:
        text = page(api, url)
        pages.append(text)
        following = re.search(rf'<nav class="pager" aria-label="more {what}">.*?</nav>', text, re.S)
        nexts = re.findall(r'<a rel="next" href="([^"]+)"', following.group(0)) if following else []
        url = path.split("?")[0] + urldefrag(html.unescape(nexts[0]))[0] if nexts else None
        assert len(pages) < 20, "the next links go round"
    return pages


def test_mentions_are_paged_and_the_pages_hold_every_one_in_order(graph_server):
    mentions = graph_server.get("/api/actors/politie").json()["mentions"]
    assert len(mentions) > 10
    pages = _paged_through(graph_server, "/id/actor/politie?mentions_limit=10", "mentions")
    assert len(pages) == -(-len(mentions) // 10)
    shown = [html.unescape(q) for text in pages
             for q in re.findall(r'<ul class="mentions">.*?</ul>', text, re.S)
             for q in re.findall(r'“<span lang="nl">(.*?)</span>”', q, re.S)]
    assert shown == [m["quote"] for m in mentions]
    assert f"Named {len(mentions)} times in" in pages[0]
    back = re.search(r'<a rel="prev" href="([^"]+)"', pages[-1])
    assert back and "mentions_offset=" in html.unescape(back.group(1))


@pytest.mark.parametrize("value", ["\u00b2", "9" * 5000, "-1", "1e3", ""])
def test_a_pages_offsets_and_sizes_that_are_no_number_of_ours_show_the_first_page(graph_server, value):
    """A hostile or mistyped counting argument is read as none: never a 500."""
    for path in (f"/id/actor/politie?mentions_offset={value}", f"/id/actor/politie?mentions_limit={value}",
                 f"/search?q=slachtoffers&offset={value}"):
        answer = graph_server.get(path, headers={"Accept": "text/html"})
        assert answer.status_code == 200, (path[:60], answer.status_code)
    assert "Mentions 1–" in graph_server.get(f"/id/actor/politie?mentions_offset={value}&mentions_limit=5",
                                             headers={"Accept": "text/html"}).text


def test_an_indicators_figures_are_tabled_a_page_at_a_time_and_all_charted(graph_server):
    path = "/id/indicator/mogelijke-slachtoffers-gemeld-bij-comensha"
    total = graph_server.get("/api/observations?indicator=https://w3id.org/mhkg" + path).json()["total"]
    assert total > 2
    pages = _paged_through(graph_server, path + "?figures_limit=2", "figures")
    assert len(pages) == -(-total // 2)
    rows = [r for text in pages for r in re.findall(r'<tr><td>(\d{4})</td><td>([\d.]+)</td>',
                                                     re.search(r'<table id="figures">.*?</table>', text, re.S).group(0))]
    assert len(rows) == total and rows == sorted(rows, key=lambda r: (int(r[0]), float(r[1])))
    assert all(len(re.findall(r'class="point"', text)) == total for text in pages)


def test_a_document_whose_text_the_graph_lacks_is_read_as_such(graph_store, tmp_path):
    """The same graph without the passages of one document (as for a document known only by
    its metadata): its reader says the graph holds none of its text, its passages are none,
    its page stands."""
    from pyoxigraph import NamedNode, Store

    slug = "nrm-brief-2017-02-13"
    in_document = NamedNode("https://w3id.org/mhkg/def#inDocument")
    passages = {q.subject for q in graph_store.quads_for_pattern(
        None, in_document, NamedNode(f"https://w3id.org/mhkg/id/document/{slug}"))
                if q.subject.value.startswith("https://w3id.org/mhkg/id/passage/")}
    assert passages
    textless = Store(str(tmp_path / "store"))
    textless.bulk_extend(q for q in graph_store if q.subject not in passages)
    textless.flush()
    del textless
    with Service("--store", str(tmp_path / "store")) as api:
        reader = page(api, f"/read/{slug}")
        assert "The graph holds no text of this document." in reader
        assert 'class="passage ' not in reader and "page-break" not in reader
        other = page(api, "/read/kst-28638-174")
        assert other.count('class="passage ') > 10 and "holds no text" not in other
        listed = api.get(f"/api/document/{slug}/passages").json()
        assert listed["total"] == 0 and listed["items"] == []
        assert f"/read/{slug}" in page(api, f"/id/document/{slug}")
