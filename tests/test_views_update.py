"""An ingest updates the previous release's views instead of building them whole: the rows
of what the changed graphs hold are made again, and the result is the views a whole build
of the same store gives, row for row (kg/views/building.py)."""
import re
import sqlite3
from pathlib import Path

import pytest
from pyoxigraph import Store
from test_ingest import data  # noqa: F401  (a private copy of the built data directory)

from kg.ingest.pipeline import ingest
from kg.release import current_release
from kg.views import VIEWS_FILE, build_views, building, collecting

PAPERS = Path(__file__).with_name("fixtures") / "papers"
QUESTIONS = Path(__file__).with_name("fixtures") / "kamervragen-fixture.txt"

#: Each table's rows as the views mean them: the search index's row ids are where a row
#: happens to be stored (an update appends), not part of what the views say.
TABLES = {"meta": "SELECT key, value FROM meta",
          "items": "SELECT iri, kind, slug, sort_key, names, year_min, year_max, json FROM items",
          "filters": "SELECT iri, name, value FROM filters",
          "counts": "SELECT kind, name, value, n FROM counts",
          "refs": "SELECT iri, json FROM refs",
          "passages": "SELECT iri, document, page FROM passages",
          "mentions": "SELECT iri, json FROM mentions",
          "search": "SELECT iri, kind, field, original, terms FROM search",
          "search_rows": "SELECT iri, kind, field FROM search_rows",
          "search_pairs": "SELECT r.iri, r.field, s.original FROM search_rows r JOIN search s ON s.rowid = r.id",
          "exact_names": "SELECT folded, iri FROM exact_names"}


def rows_of(path: Path) -> dict[str, list]:
    with sqlite3.connect(path) as db:
        return {name: sorted(db.execute(sql).fetchall(), key=repr) for name, sql in TABLES.items()}


def assert_same_as_whole_build(data: Path, tmp_path: Path) -> None:
    release = current_release(data)
    whole = tmp_path / "whole"
    whole.mkdir(exist_ok=True)
    build_views(Store.read_only(str(release.store_path)), whole, release.build_id)
    updated, built = rows_of(release.path / VIEWS_FILE), rows_of(whole / VIEWS_FILE)
    for table in TABLES:
        assert updated[table] == built[table], table


@pytest.mark.parametrize("scan", [False, True], ids=["one-at-a-time", "scan"])
def test_ingested_papers_update_the_views_to_what_a_whole_build_gives(data, tmp_path, monkeypatch, scan):
    """Both ways an update reads the rows of what it makes again: one resource at a time, or
    picked out of each query's whole answer (where they are many)."""
    monkeypatch.setattr(collecting, "SCAN_RATIO", 10**9 if scan else 0)
    lines = []
    papers = [QUESTIONS, PAPERS / "kst-28638-163.txt", PAPERS / "ah-tk-20182019-3050.txt",
              PAPERS / "kv-2021Z09732.txt"]
    assert len(ingest(papers, data, log=lines.append, processes=1)) == 4
    assert any(line.startswith("views updated: the rows of ") for line in lines), lines
    assert_same_as_whole_build(data, tmp_path)
    # one more, into views that were themselves updated
    lines.clear()
    ingest([PAPERS / "kst-28638-259.txt"], data, log=lines.append, processes=1)
    assert any(line.startswith("views updated: ") for line in lines), lines
    assert_same_as_whole_build(data, tmp_path)


def test_a_paper_ingested_again_with_other_words_has_its_old_rows_replaced(data, tmp_path):
    paper = tmp_path / "paper.txt"
    text = QUESTIONS.read_text(encoding="utf-8")
    paper.write_text(text, encoding="utf-8")
    ingest([paper], data, log=lambda *_: None, processes=1)
    release = current_release(data)
    with sqlite3.connect(release.path / VIEWS_FILE) as db:
        before = db.execute("SELECT count(*) FROM search WHERE search MATCH 'nidos'").fetchone()[0]
    assert before > 0
    # the same paper (its number), without a word of Nidos: its passages and mentions of Nidos go
    paper.write_text(text.replace("Nidos", "de voogdijinstelling"), encoding="utf-8")
    lines = []
    ingest([paper], data, log=lines.append, processes=1)
    assert any(line.startswith("views updated: ") for line in lines), lines
    assert_same_as_whole_build(data, tmp_path)
    with sqlite3.connect(current_release(data).path / VIEWS_FILE) as db:
        after = db.execute("SELECT count(*) FROM search WHERE search MATCH 'nidos'").fetchone()[0]
    assert after < before


def test_outdated_previous_views_are_built_whole(data, tmp_path):
    with sqlite3.connect(current_release(data).path / VIEWS_FILE) as db:
        db.execute("UPDATE meta SET value = '1' WHERE key = 'version'")
    lines = []
    ingest([QUESTIONS], data, log=lines.append, processes=1)
    assert any(line.startswith("views built whole: the previous views are of version 1") for line in lines), lines
    assert_same_as_whole_build(data, tmp_path)


def test_a_changed_label_is_shown_anew_by_the_items_of_other_graphs(data, tmp_path):
    """Two papers cite the same Aanhangsel, and each states its label; when one paper's graph
    gives it another label, the other paper's item, which shows that label, is made again too
    (an update of the changed graph's rows alone fails this test). Ingests give every
    citation the same label, so the change is made to the graph directly, as a release
    writer would write it, and the views updated with update_views."""
    from pyoxigraph import Literal, NamedNode, Quad

    from kg.iris import GRAPH, ID
    from kg.views import update_views
    text = QUESTIONS.read_text(encoding="utf-8")
    for number in ("9998", "9997"):
        paper = tmp_path / f"citing-{number}.txt"
        paper.write_text(text.replace("nr. \n9999", f"nr. \n{number}")
                         + "\nZie het antwoord in Aanhangsel Handelingen II 2022/23, nr. 9990.\n", encoding="utf-8")
        ingest([paper], data, log=lambda *_: None, processes=1)
    release = current_release(data)
    cited, graph = NamedNode(f"{ID}citation/ah-tk-20222023-9990"), NamedNode(f"{GRAPH}ah-tk-20222023-9998")
    label = NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
    [old] = list(Store.read_only(str(release.store_path)).quads_for_pattern(cited, label, None, graph))
    changed = tmp_path / "changed"
    changed.mkdir()
    Store.read_only(str(release.store_path)).backup(str(changed / "store"))
    store = Store(str(changed / "store"))
    store.remove(old)
    store.add(Quad(cited, label, Literal("Aanhangsel 9990, anders genoemd", language="nl"), graph))
    store.flush()
    del store
    new = Store.read_only(str(changed / "store"))
    _, how = update_views(release.path / VIEWS_FILE, Store.read_only(str(release.store_path)), new, [graph],
                          changed, release.build_id)
    assert how.startswith("views updated: "), how
    whole = tmp_path / "whole"
    whole.mkdir()
    build_views(new, whole, release.build_id)
    updated, built = rows_of(changed / VIEWS_FILE), rows_of(whole / VIEWS_FILE)
    assert any("anders genoemd" in row[-1] for row in built["items"] if "ah-tk-20222023-9997" in row[0])
    for table in TABLES:
        assert updated[table] == built[table], table


def test_rows_the_workers_made_cost_an_update_a_tenth_of_reading_them_back():
    """The update's choice: 5,000 new resources read back from the store cost more than building
    the views of a 100-resource graph whole; the same 5,000 with their rows made by the workers
    (run as they are) cost less. (An update once passed the graph's size as `ready`.)"""
    assert building._whole_costs_less(made_again=0, new=5000, resources=100)
    assert not building._whole_costs_less(made_again=0, new=0, resources=100, ready=5000)
    assert building._whole_costs_less(made_again=900, new=0, resources=1000, ready=100)    # most of it made again


def test_a_change_touching_most_of_the_graph_builds_the_views_whole(data, tmp_path, monkeypatch):
    """What counts is what the graph held before: a paper ingested again with other words
    touches its own resources, which were there."""
    paper = tmp_path / "paper.txt"
    paper.write_text(QUESTIONS.read_text(encoding="utf-8"), encoding="utf-8")
    ingest([paper], data, log=lambda *_: None, processes=1)
    monkeypatch.setattr(building, "WHOLE_RATIO", 10**9)
    paper.write_text(QUESTIONS.read_text(encoding="utf-8").replace("Nidos", "de voogdijinstelling"), encoding="utf-8")
    lines = []
    ingest([paper], data, log=lines.append, processes=1)
    assert any(line.startswith("views built whole: the change touches ") for line in lines), lines
    assert_same_as_whole_build(data, tmp_path)


def test_new_papers_are_added_to_the_views_however_much_they_add(data, tmp_path, monkeypatch):
    """What new papers add anew (their passages, mentions, statements, the citations they
    alone make) is read from their graphs and does not count towards building the views
    whole: a batch of papers costs what it adds, not what the graph holds. Two of them cite
    the same new web page (a new resource in two graphs, read from the whole store)."""
    monkeypatch.setattr(building, "WHOLE_RATIO", 10**9)
    monkeypatch.setattr(building, "MOST_UPDATED", 0)
    copy = tmp_path / "copy.txt"
    copy.write_text(QUESTIONS.read_text(encoding="utf-8").replace("nr. \n9999", "nr. \n9998"), encoding="utf-8")
    lines = []
    papers = [QUESTIONS, copy, PAPERS / "kst-28638-163.txt", PAPERS / "ah-tk-20182019-3050.txt"]
    assert len(ingest(papers, data, log=lines.append, processes=1)) == 4
    assert any(line.startswith("views updated: the rows of ") for line in lines), lines
    assert_same_as_whole_build(data, tmp_path)


def test_the_workers_rows_of_new_papers_are_those_a_whole_build_gives(data, tmp_path, monkeypatch):
    """An ingest's workers make the rows of what their papers add (kg/views/paper.py), each
    from its paper's graph alone. Two papers here cite one web page, one as http:// and one as
    https://: one new resource with a label in each graph, whose label in the views is the
    first of the two. Its rows, and those of each paper's document, which shows it, are read
    from the store, not taken as either worker saw them (taking them fails this test)."""
    copy = tmp_path / "copy.txt"
    copy.write_text(QUESTIONS.read_text(encoding="utf-8").replace("nr. \n9999", "nr. \n9998")
                    .replace("https://www.example.org/", "http://www.example.org/"), encoding="utf-8")
    lines, weighed = [], []
    choose = building._whole_costs_less
    monkeypatch.setattr(building, "_whole_costs_less", lambda **figures: weighed.append(figures) or choose(**figures))
    with sqlite3.connect(current_release(data).path / VIEWS_FILE) as db:
        resources = db.execute("SELECT max(rowid) FROM refs").fetchone()[0]
    assert len(ingest([copy, QUESTIONS, PAPERS / "kst-28638-163.txt"], data, log=lines.append, processes=2)) == 3
    [line] = [line for line in lines if line.startswith("views updated: ")]
    made, by_workers = (int(n) for n in re.match(r"views updated: the rows of (\d+) .* again, (\d+) of them by the "
                                                  r"workers", line).groups())
    assert 0 < by_workers < made, line
    # the choice between an update and a whole build weighed the graph's size and the rows the workers made
    assert weighed[-1]["resources"] == resources and weighed[-1]["ready"] >= by_workers, weighed
    assert_same_as_whole_build(data, tmp_path)
    with sqlite3.connect(current_release(data).path / VIEWS_FILE) as db:
        [label] = db.execute("SELECT json_extract(json, '$.label') FROM refs WHERE iri LIKE '%bericht-meldingen'")\
            .fetchone()
    assert label == "http://www.example.org/bericht-meldingen"


def test_building_views_whole_reports_its_progress(built_release, tmp_path, monkeypatch, capsys):
    """Long builds say how far the views are (kg/progress.py); shown here from the first step."""
    monkeypatch.setenv("MHKG_PROGRESS_AFTER", "0")
    build_views(Store.read_only(str(built_release.store_path)), tmp_path, built_release.build_id)
    err = capsys.readouterr().err
    assert "views: reading the graph: 4/4 steps (100%) in " in err, err
    with sqlite3.connect(tmp_path / VIEWS_FILE) as db:
        resources = db.execute("SELECT count(*) FROM refs").fetchone()[0]
    assert f"views: writing: {resources:,}/{resources:,} resources (100%) in " in err, err


def test_make_runs_build_if_missing_renews_views_another_version_built(data, tmp_path, capsys):
    """`mhkg build --if-missing` (what `make run` calls) keeps the release it finds, and builds
    its views again, in place, where another version of MHKG built them."""
    from mhkg.cli import main
    from kg.views import VERSION
    release = current_release(data)
    assert main(["--data", str(data), "build", "--if-missing"]) == 0
    assert "views were built again" not in capsys.readouterr().out          # current: left alone
    with sqlite3.connect(release.path / VIEWS_FILE) as db:
        db.execute("UPDATE meta SET value = '1' WHERE key = 'version'")
    assert main(["--data", str(data), "build", "--if-missing"]) == 0
    out = capsys.readouterr().out
    assert f"graph already built: {release.build_id}" in out and "its views were built again" in out, out
    assert current_release(data).build_id == release.build_id
    with sqlite3.connect(release.path / VIEWS_FILE) as db:
        assert db.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()[0] == str(VERSION)
    assert_same_as_whole_build(data, tmp_path)


def test_a_build_of_the_same_release_renews_views_another_version_built(data, tmp_path, capsys):
    """`mhkg build` of the graph a release already holds switches to that release without
    writing it, and builds its views again where another version of MHKG built them."""
    from mhkg.cli import main
    from kg.views import VERSION
    release = current_release(data)
    with sqlite3.connect(release.path / VIEWS_FILE) as db:
        db.execute("UPDATE meta SET value = '3' WHERE key = 'version'")
    assert main(["--data", str(data), "build"]) == 0
    out = capsys.readouterr().out
    assert f"release {release.build_id} is current" in out and "its views were built again" in out, out
    with sqlite3.connect(release.path / VIEWS_FILE) as db:
        assert db.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()[0] == str(VERSION)
    assert_same_as_whole_build(data, tmp_path)


def test_a_builds_views_name_its_release(built_release):
    """The views say which release they are of (they are written before its build.json)."""
    with sqlite3.connect(built_release.path / VIEWS_FILE) as db:
        assert db.execute("SELECT value FROM meta WHERE key = 'build_id'").fetchone()[0] == built_release.build_id
