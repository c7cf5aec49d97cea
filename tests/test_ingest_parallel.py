"""Papers prepared in parallel: the same release and suggestions as one at a time, in the
order given, and a paper refused in a worker refuses the whole ingest, changing nothing."""
import gc
import shutil
from pathlib import Path

import pytest

from kg.ingest.parallel import YOUNG_COLLECTIONS, ordered_map
from kg.ingest.pipeline import ingest, suggestions_file
from kg.ingest.readers import UnreadableDocument
from kg.release import current_release
from kg.store import open_store

PAPERS = Path(__file__).with_name("fixtures") / "papers"
BATCH = [PAPERS / "kst-28638-167.txt", PAPERS / "kst-28638-71.txt", PAPERS / "kv-2021Z15712.txt",
         PAPERS / "heldout" / "kst-28638-82.txt", PAPERS / "ah-tk-20222023-899.txt"]


def _square(n):
    return n * n


def test_ordered_map_keeps_the_order_and_raises_what_a_worker_raised():
    assert list(ordered_map(_square, range(40), processes=2)) == [n * n for n in range(40)]
    with pytest.raises(ZeroDivisionError):
        list(ordered_map(_reciprocal, [1, 2, 0, 4], processes=2))


def _reciprocal(n):
    return 1 / n


def _thresholds(_):
    return gc.get_threshold()


@pytest.mark.parametrize("processes", [1, 2])
def test_papers_are_made_with_rarer_young_collections_and_the_thresholds_come_back(processes):
    before = gc.get_threshold()
    assert before != YOUNG_COLLECTIONS
    assert set(ordered_map(_thresholds, range(4), processes=processes)) == {YOUNG_COLLECTIONS}
    assert gc.get_threshold() == before
    with pytest.raises(ZeroDivisionError):
        list(ordered_map(_reciprocal, [1, 0], processes=processes))
    assert gc.get_threshold() == before


def copy_of(built_release, target):
    shutil.copytree(built_release.path.parent.parent, target, symlinks=True)
    return target


def test_in_parallel_as_one_at_a_time(built_release, tmp_path):
    serial, parallel = copy_of(built_release, tmp_path / "one"), copy_of(built_release, tmp_path / "two")
    assert ingest(BATCH, serial, log=lambda *_: None, processes=1) == ingest(BATCH, parallel, log=lambda *_: None,
                                                                             processes=2)
    one, two = (current_release(d) for d in (serial, parallel))
    assert one.build_id == two.build_id
    assert sorted(map(str, open_store(one.store_path))) == sorted(map(str, open_store(two.store_path)))
    for slug in one.meta["ingested"]:
        assert suggestions_file(slug, serial).read_text() == suggestions_file(slug, parallel).read_text()


def test_a_paper_refused_in_a_worker_refuses_the_batch(built_release, tmp_path):
    data = copy_of(built_release, tmp_path / "data")
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    before = current_release(data).build_id
    with pytest.raises(UnreadableDocument):
        ingest(BATCH[:2] + [empty] + BATCH[2:], data, log=lambda *_: None, processes=2)
    assert current_release(data).build_id == before
    assert not (data / "ingested").exists() and not (data / "suggestions").exists()


def test_a_rebuild_replays_the_ingested_papers_in_parallel_with_the_same_graphs(built_release, tmp_path):
    from pyoxigraph import NamedNode

    from kg.build import build
    from kg.iris import GRAPH

    data = copy_of(built_release, tmp_path / "data")
    slugs = ingest(BATCH, data, log=lambda *_: None)

    def graphs(release):
        store = open_store(release.store_path)
        return {slug: sorted(map(str, store.quads_for_pattern(None, None, None, NamedNode(GRAPH + slug))))
                for slug in slugs}

    ingested = graphs(current_release(data))
    rebuilt = build(data, log=lambda *_: None)
    assert sorted(rebuilt.meta["ingested"]) == sorted(slugs)
    assert graphs(rebuilt) == ingested
