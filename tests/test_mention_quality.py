"""How well the automatic mentions (kg/mentions.py) find the register's actors and
instruments, measured against a hand-made gold set (tests/gold/mentions.yaml) on a fixed
sample of 60 passages, 12 from each document; the rule of the sample and what counts as
a mention are written at the top of that file.

Two measures, each per document and overall:

* occurrences: every hit of `Matcher.passage_hits` on a passage against every gold
  occurrence; a hit is right when it overlaps a gold occurrence of the same entity, a gold
  occurrence is found when a hit of the same entity overlaps it;
* mentions: the `mh:Mention`s the build makes (TextGraph, one per entity and passage)
  against the (passage, entity) pairs of the gold set.

Only actors, persons and instruments are scored: hits on reports, indicators and the
like are left out of both sides. Recall is given twice: over all gold occurrences, and
over those of entities that are searched at all (not `mentions: false`); the tight floor
holds the second, since an entity its curators chose not to search cannot be found, and a
looser one the first.

Run `python tests/test_mention_quality.py` to print the table and every error.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from kg.corpus import load_manifest
from kg.document_graph import TextGraph
from kg.facts import FACTS_DIR, Compiler, load_file
from kg.iris import expand, split_thing
from kg.mentions import Matcher
from kg.ontology import Vocabulary, ontology_quads
from kg.passages import Passage, segment

GOLD = Path(__file__).with_name("gold") / "mentions.yaml"
SCOPE = ("actor", "person", "instrument")

# The floors, a little under what the matcher achieves on the gold set (see the table this
# test prints). "recall" counts the entities that are searched for; "recall_all" every gold
# occurrence, so that switching off the search for a named entity shows here too.
FLOOR = {
    "occurrences": {"precision": 0.97, "recall": 0.98, "recall_all": 0.90},
    "mentions": {"precision": 0.97, "recall": 0.98, "recall_all": 0.90},
}
DOCUMENT_FLOOR = {"precision": 0.90, "recall": 0.90}   # each document, occurrences


# --- inputs ---------------------------------------------------------------------------
@lru_cache(maxsize=1)
def corpus():
    """(documents, {passage slug: (document, passage)}) of the whole corpus."""
    documents = load_manifest()
    passages = {}
    for document in documents:
        for passage in segment(document.slug, document.text, document.kind):
            passages[passage.slug] = (document, passage)
    return documents, passages


@lru_cache(maxsize=1)
def entities():
    """The register as the build compiles it (every fact file's entities, merged)."""
    compiler = Compiler(Vocabulary(ontology_quads()), {}, lambda *_: [], lambda *_: None)
    paths = sorted(FACTS_DIR.glob("*.yaml"), key=lambda p: (p.name != "register.yaml", p.name))
    compiler.collect_entities([load_file(p) for p in paths])
    assert not compiler.errors, compiler.errors
    return compiler.entities


@lru_cache(maxsize=1)
def text_graph() -> TextGraph:
    """The object the build uses to find mentions."""
    return TextGraph(entities(), {})


def in_scope(key: str) -> bool:
    return key.split("/", 1)[0] in SCOPE


@dataclass(frozen=True)
class Occurrence:
    document: str
    passage: str
    key: str
    start: int
    end: int
    surface: str


def _resolve(text: str, surface: str, cursor: int) -> re.Match | None:
    """The first place at or after `cursor` where `surface` stands as a word of its own (a
    footnote number may follow it: "NRM4")."""
    return re.compile(r"(?<!\w)" + re.escape(surface) + r"(?![^\W\d])").search(text, cursor)


@lru_cache(maxsize=1)
def gold() -> tuple[list[str], list[Occurrence]]:
    """(sampled passage slugs, gold occurrences); each surface is looked for in the passage
    text after the previous one, so the listing order fixes which occurrence is meant."""
    data = yaml.safe_load(GOLD.read_text(encoding="utf-8"))
    _, passages = corpus()
    slugs, occurrences = [], []
    for slug, spec in data["passages"].items():
        document, passage = passages[slug]
        slugs.append(slug)
        cursor = 0
        for key, surface in spec["mentions"] or []:
            match = _resolve(passage.text, surface, cursor)
            if match is None:
                raise ValueError(f"{slug}: {surface!r} ({key}) not found after offset {cursor}")
            occurrences.append(Occurrence(document.slug, slug, key, match.start(), match.end(), surface))
            cursor = match.end()
    return slugs, occurrences


def system_occurrences(slugs: list[str]) -> list[Occurrence]:
    """Every hit of the matcher on the sampled passages, within the scope."""
    _, passages = corpus()
    matcher = text_graph().matcher
    found = []
    for slug in slugs:
        document, passage = passages[slug]
        for hit in matcher.passage_hits(passage, context=document.text.original):
            if in_scope(hit.key):
                found.append(Occurrence(document.slug, slug, hit.key, hit.start, hit.end,
                                        passage.text[hit.start:hit.end]))
    return found


def system_mentions(slugs: list[str]) -> set[tuple[str, str, str]]:
    """(document, passage, entity) of every mh:Mention the build makes in the sampled passages."""
    documents, _ = corpus()
    wanted = set(slugs)
    mention_of, in_passage = expand("mh:mentionOf").value, expand("mh:passage").value
    result = set()
    for document in documents:
        passages = segment(document.slug, document.text, document.kind)
        quads = text_graph()._mentions(document, passages)
        by_mention: dict = {}
        for quad in quads:
            if quad.predicate.value in (mention_of, in_passage):
                by_mention.setdefault(quad.subject.value, {})[quad.predicate.value] = quad.object.value
        for props in by_mention.values():
            key = "/".join(split_thing(props[mention_of]))
            passage = split_thing(props[in_passage])[1]
            if passage in wanted and in_scope(key):
                result.add((document.slug, passage, key))
    return result


# --- scoring --------------------------------------------------------------------------
@dataclass
class Score:
    found: int = 0          # system items
    right: int = 0          # system items that are in the gold set
    gold: int = 0           # gold items
    recalled: int = 0       # gold items the system found
    gold_searched: int = 0          # gold items of entities that are searched
    recalled_searched: int = 0
    false_hits: list = field(default_factory=list)
    misses: list = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.right / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.recalled / self.gold if self.gold else 1.0

    @property
    def recall_searched(self) -> float:
        return self.recalled_searched / self.gold_searched if self.gold_searched else 1.0


def _overlap(a: Occurrence, b: Occurrence) -> bool:
    return a.passage == b.passage and a.key == b.key and a.start < b.end and b.start < a.end


def score_occurrences(gold_items: list[Occurrence], system_items: list[Occurrence],
                      searched=lambda key: True) -> dict[str, Score]:
    """Per document and overall ("all")."""
    scores: dict[str, Score] = {}
    for item in system_items:
        for name in (item.document, "all"):
            s = scores.setdefault(name, Score())
            s.found += 1
            if any(_overlap(item, g) for g in gold_items):
                s.right += 1
            elif name == "all":
                s.false_hits.append(item)
    for item in gold_items:
        hit = any(_overlap(item, f) for f in system_items)
        for name in (item.document, "all"):
            s = scores.setdefault(name, Score())
            s.gold += 1
            s.recalled += hit
            if searched(item.key):
                s.gold_searched += 1
                s.recalled_searched += hit
            if not hit and name == "all":
                s.misses.append(item)
    return scores


def score_mentions(gold_items: set[tuple], system_items: set[tuple],
                   searched=lambda key: True) -> dict[str, Score]:
    scores: dict[str, Score] = {}
    for item in system_items:
        for name in (item[0], "all"):
            s = scores.setdefault(name, Score())
            s.found += 1
            s.right += item in gold_items
            if item not in gold_items and name == "all":
                s.false_hits.append(item)
    for item in gold_items:
        for name in (item[0], "all"):
            s = scores.setdefault(name, Score())
            s.gold += 1
            s.recalled += item in system_items
            if searched(item[2]):
                s.gold_searched += 1
                s.recalled_searched += item in system_items
            if item not in system_items and name == "all":
                s.misses.append(item)
    return scores


def searched(key: str) -> bool:
    entity = entities().get(key)
    return bool(entity and entity.search_labels)


@lru_cache(maxsize=1)
def measure() -> dict[str, dict[str, Score]]:
    slugs, gold_items = gold()
    occurrences = score_occurrences(gold_items, system_occurrences(slugs), searched)
    gold_mentions = {(g.document, g.passage, g.key) for g in gold_items}
    mentions = score_mentions(gold_mentions, system_mentions(slugs), searched)
    return {"occurrences": occurrences, "mentions": mentions}


def table(results: dict[str, dict[str, Score]]) -> str:
    lines = [f"{'':38} {'measure':11} {'gold':>5} {'found':>5} {'P':>6} {'R':>6} {'R(searched)':>11}"]
    for measure_name, scores in results.items():
        for name in sorted(scores, key=lambda n: (n == "all", n)):
            s = scores[name]
            lines.append(f"{name:38} {measure_name:11} {s.gold:5} {s.found:5} {s.precision:6.3f} "
                         f"{s.recall:6.3f} {s.recall_searched:11.3f}")
    return "\n".join(lines)


def errors(results: dict[str, dict[str, Score]]) -> str:
    s = results["occurrences"]["all"]
    lines = ["false hits:"] + [f"  {o.passage}: {o.key} {o.surface!r}" for o in s.false_hits]
    lines += ["misses:"] + [f"  {o.passage}: {o.key} {o.surface!r}{'' if searched(o.key) else ' (mentions: false)'}"
                            for o in s.misses]
    return "\n".join(lines)


# --- tests ----------------------------------------------------------------------------
def test_the_gold_set_matches_the_corpus_and_the_register():
    data = yaml.safe_load(GOLD.read_text(encoding="utf-8"))
    documents, passages = corpus()
    assert len(data["passages"]) == 60
    per_document = {d.slug: 0 for d in documents}
    for slug, spec in data["passages"].items():
        assert slug in passages, f"{slug}: no such passage (segmentation changed?)"
        document, passage = passages[slug]
        assert passage.text.startswith(spec["opens"]), f"{slug} no longer opens with {spec['opens']!r}"
        per_document[document.slug] += 1
        for key, _surface in spec["mentions"] or []:
            assert key in entities(), f"{slug}: {key} is not in the register"
            assert in_scope(key), f"{slug}: {key} is not an actor, person or instrument"
    assert set(per_document.values()) == {12}
    _, occurrences = gold()        # every surface found where the listing says
    assert len(occurrences) > 150


def test_the_sample_follows_its_rule():
    """12 passages of at least 50 characters per document, at floor((i + 0.5) * N / 12)."""
    data = yaml.safe_load(GOLD.read_text(encoding="utf-8"))
    documents, _ = corpus()
    expected = []
    for document in documents:
        eligible = [p for p in segment(document.slug, document.text, document.kind) if len(p.text) >= 50]
        expected += [eligible[int((i + 0.5) * len(eligible) / 12)].slug for i in range(12)]
    assert sorted(data["passages"]) == sorted(expected)


def test_the_scorer_counts_false_hits_and_misses():
    gold_items = [Occurrence("d", "p", "actor/om", 0, 2, "OM"), Occurrence("d", "p", "actor/nidos", 10, 15, "Nidos")]
    system_items = [Occurrence("d", "p", "actor/om", 0, 2, "OM"), Occurrence("d", "p", "actor/politie", 20, 27, "politie")]
    s = score_occurrences(gold_items, system_items)["all"]
    assert (s.precision, s.recall) == (0.5, 0.5)
    assert [o.key for o in s.false_hits] == ["actor/politie"] and [o.key for o in s.misses] == ["actor/nidos"]
    # the right entity at the wrong place, or the wrong entity at the right place, is both a miss and a false hit
    s = score_occurrences(gold_items[:1], [Occurrence("d", "p", "actor/openbaar-ministerie", 0, 2, "OM")])["all"]
    assert (s.precision, s.recall) == (0.0, 0.0)


def _passage(text, hyphenated=""):
    return Passage("x", "Paragraph", 1, spans=[(0, len(text))], text=text, hyphenated=hyphenated)


def test_a_footnote_number_glued_to_a_name_does_not_hide_it():
    matcher = Matcher({"actor/nrm": ["NRM"], "instrument/stm": ["programma Samen tegen mensenhandel"],
                       "instrument/actielijn-1": ["Actielijn 1"]})
    text = "de rapportage van de NRM4 volgt; het programma Samen tegen mensenhandel7. Actielijn 12 niet."
    assert [text[h.start:h.end] for h in matcher.hits(text)] == ["NRM", "programma Samen tegen mensenhandel"]
    assert matcher.hits("NRM2024 en NRMx") == []


def test_a_hyphen_at_a_line_break_is_kept_where_the_word_keeps_it():
    matcher = Matcher({"actor/om": ["OM"], "actor/politie": ["politie"], "actor/verwey-jonker": ["Verwey-Jonker"]})
    text, hyphenated = "OMverdachten, politieagenten, VerweyJonker.", "OM-verdachten, politie-agenten, Verwey-Jonker."
    hits = matcher.mentions(_passage(text, hyphenated))
    assert set(hits) == {"actor/om", "actor/verwey-jonker"}          # "politie-agenten" is one word
    assert text[hits["actor/verwey-jonker"].start:hits["actor/verwey-jonker"].end] == "VerweyJonker"
    joined = "De Nationaal Rappor-teur en Mensenhan-del."
    assert "actor/nr" in Matcher({"actor/nr": ["Nationaal Rapporteur"]}).mentions(
        _passage("De Nationaal Rapporteur en Mensenhandel.", joined))


def test_acronyms_keep_their_case_and_typography_is_folded():
    matcher = Matcher({"actor/empact": ["EMPACT"], "instrument/13-oceans": ["13 Ocean\u2019s"],
                       "instrument/motie-veltman": ["motie-Veltman"], "report/d": ["Dadermonitor 2013\u20132017"]})
    assert matcher.mentions(_passage("empact op de markt")) == {}
    assert set(matcher.mentions(_passage("EMPACT, project 13 Ocean's, de motie Veltman, Dadermonitor 2013-2017"))) == {
        "actor/empact", "instrument/13-oceans", "instrument/motie-veltman", "report/d"}


def test_a_shared_label_goes_to_the_entity_the_context_points_to():
    matcher = Matcher({"instrument/va-2019": ["Veiligheidsagenda 2019\u20132022", "Veiligheidsagenda"],
                       "instrument/va-2023": ["Veiligheidsagenda 2023\u20132026", "Veiligheidsagenda"]})
    assert set(matcher.mentions(_passage("in de Veiligheidsagenda, die loopt van 2023 tot en met 2026"))) == {
        "instrument/va-2023"}
    assert set(matcher.mentions(_passage("in de Veiligheidsagenda"))) == {"instrument/va-2019"}   # first declared
    assert set(matcher.mentions(_passage("in de Veiligheidsagenda"),
                                context="de Veiligheidsagenda 2023\u20132026 … in de Veiligheidsagenda")) == {
        "instrument/va-2023"}


def test_mention_precision_and_recall_reach_the_floor(capsys):
    results = measure()
    with capsys.disabled():
        print("\nMention quality against tests/gold/mentions.yaml\n" + table(results))
    problems = []
    for measure_name, floor in FLOOR.items():
        s = results[measure_name]["all"]
        if s.precision < floor["precision"]:
            problems.append(f"{measure_name}: precision {s.precision:.3f} < {floor['precision']}")
        if s.recall_searched < floor["recall"]:
            problems.append(f"{measure_name}: recall {s.recall_searched:.3f} < {floor['recall']}")
        if s.recall < floor["recall_all"]:
            problems.append(f"{measure_name}: recall over all gold {s.recall:.3f} < {floor['recall_all']}")
    for name, s in results["occurrences"].items():
        if name != "all" and (s.precision < DOCUMENT_FLOOR["precision"] or s.recall_searched < DOCUMENT_FLOOR["recall"]):
            problems.append(f"{name}: precision {s.precision:.3f}, recall {s.recall_searched:.3f} "
                            f"below {DOCUMENT_FLOOR}")
    assert not problems, "\n".join(problems) + "\n" + table(results) + "\n" + errors(results)


if __name__ == "__main__":
    results = measure()
    print(table(results))
    print(errors(results))
