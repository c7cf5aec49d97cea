"""Figures a paper gives, suggested for review: "In 2021 zijn 6 onderzoeken naar
arbeidsuitbuiting afgerond", "gemiddeld iets meer dan 30 aangiftes per jaar".

Each suggestion keeps what a curator needs to accept or reject it: the value, what is
counted (the noun after the number, with its complement), the year it belongs to or the
period it covers, the qualifier the text puts before it (ruim, minder dan, rond …), whether
it is an average, and the sentence verbatim with its page. A number is only suggested when
its sentence ties it to a year or a period; years inside dates ("7 september 2021") do not.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from ..mentions import sentence_bounds
from ..passages import Passage
from .dates import MONTHS

_QUALIFIERS = ["iets meer dan", "iets minder dan", "ruim", "minder dan", "meer dan", "bijna", "rond de", "rond",
               "circa", "ca.", "ongeveer", "ten minste", "tenminste", "zeker", "maximaal", "minimaal", "zo'n", "zo’n"]
_QUALIFIER = "|".join(re.escape(q) for q in _QUALIFIERS)
#: "1.561", "2,5", and "50.5" where a scale follows (a point written for the decimal comma).
_NUMBER = r"\d+\.\d{1,2}(?= ?(?:miljoen|mln|miljard))|\d{1,3}(?:\.\d{3})+|\d+(?:,\d+)?"
_FIGURE = re.compile(
    rf"(?<![\w.,/?»)-])(?:(?P<average>gemiddeld) )?(?:(?P<qualifier>{_QUALIFIER}) )?(?:€ ?)?(?P<number>{_NUMBER})"
    r"(?![\w/]|[.,]\d)(?: ?(?P<scale>miljoen|mln\.?|miljard))?(?: ?(?P<unit>%|procent\b|[a-zà-ÿ][\w'’-]*))?")
_COMPLEMENT = re.compile(r" (?:naar|van|voor|bij|tegen|in|met|op|onder) (?:de |het |een )?[^\W\d][\w'’-]*")
_YEAR = re.compile(r"(?<![\w.,/-])(?:19[5-9]\d|20\d\d)(?![\w/]|[.,]\d)")
_DATE_YEAR = re.compile(r"\d{1,2} (?:" + "|".join(MONTHS) + r") (?P<year>\d{4})")
_MONTH_AFTER = re.compile(r" (?:" + "|".join(MONTHS) + r")\b")     # the month after a day of a date
_RANGE = re.compile(r"(?P<first>(?:19|20)\d\d) ?[–-] ?(?P<last>(?:19|20)\d\d)"
                    r"|(?:tussen|van) (?P<from>(?:19|20)\d\d) (?:en|tot en met|tot) (?P<to>(?:19|20)\d\d)")
_PER = re.compile(r"\bper (?:jaar|maand|week|dag)\b|\bjaarlijks\b|\bper jaar\b")
#: The year right after a figure: "in 2020", "uit 2020", "vanaf 2022", "in het eerste half jaar van 2016".
_AFTER = re.compile(r" ?(?:in|uit|over|van|vanaf|sinds)(?: (?:het|de) (?:[\w-]+ ){1,3}van)? (?P<year>(?:19|20)\d\d)\b")
#: A year a figure is compared with is not the figure's year: "ten opzichte van 2016".
_BASELINE = re.compile(r"(?:ten opzichte van|t\.o\.v\.|vergeleken met|in vergelijking met) $")
_AANTAL = re.compile(r"\baantal (?P<what>(?:[\w'’-]+ ){0,7}?[\w'’-]+?) (?=(?:is|was|zijn|waren|werd|werden|fors|sterk|steeg|daalde|"
                     r"bedraagt|bedroeg|ligt|lag|nam|neemt|zakt|zakte|stijgt|daalt|groeit|groeide|blijft|bleef)\b)")
_PLURAL = re.compile(r"[a-zà-ÿ'’-]{2,}(?:en|s|'s|’s)$")
_DIGIT = re.compile(r"\d")
_UNITS = {"%": "%", "procent": "%", "euro": "euro"}
_NOT_COUNTED = {"zijn", "hebben", "worden", "werden", "waren", "komen", "kunnen", "moeten", "zullen", "gaan", "staan",
                "liggen", "blijven", "maken", "geven", "nemen", "tussen", "tegen", "boven", "binnen", "buiten", "volgens",
                "sinds", "tijdens", "gedurende", "bijna", "ongeveer", "extra", "keer", "maal", "en", "of", "tot", "dan",
                "per", "naar", "van", "voor", "het", "een", "de", "is", "was", "wordt", "werd", "om", "op", "in", "uit",
                "als", "dat", "die", "ten", "te", "bij", "ook", "nog", "al", "wel", "niet", "zich", "tweede", "eerste",
                "leden", "andere", "deze", "onze", "haar", "hun", "alle", "beide", "verschillende", "http", "https",
                "www"} | set(MONTHS)
_ELLIPSIS = {None, "in", "en", "of", "naar", "tot"}
_REFERENCE = re.compile(r"(?:\bnr\.|\b[Aa]rtikel|\b[Vv]raag|\bKamerstuk(?:ken)?(?: \d{2})?|\bpagina|\bp\.|\blid) ?$")
#: How far before a number _REFERENCE and _BASELINE are looked for (their longest match is 20 characters).
_BEFORE = 40
#: "binnen 7 jaar", "de komende 4 jaar": durations, figures only with a year of their own ("22 uur in 2015").
_DURATIONS = {"jaar", "jaren", "maand", "maanden", "week", "weken", "dag", "dagen", "uur", "minuten"}


@dataclass
class FigureCandidate:
    value: str
    unit: str                       # what is counted, in one word ("onderzoeken"), or %, euro
    qualifier: str | None
    years: list[str]                # the years the sentence names (not in dates), the value itself excepted
    sentence: str                   # verbatim, as the passage has it
    passage: str
    counted: str = ""               # what is counted with its complement ("onderzoeken naar arbeidsuitbuiting")
    year: str | None = None         # the year the figure belongs to, where the sentence says which
    period: str | None = None       # "per jaar", "2014–2018"
    average: bool = False
    page: int | None = None


def figure_candidates(passages: list[Passage], text=None) -> list[FigureCandidate]:
    """Numbers with what they count and a year or period in the same sentence; `text` (the
    document's DocumentText) gives each its page."""
    result = []
    for passage in passages:
        for start, end in sentence_bounds(passage.text):
            sentence = passage.text[start:end].strip()
            figures = sentence_figures(sentence, passage.slug)
            if figures and text is not None and (located := text.locate(sentence)):
                for figure in figures:
                    figure.page = located[0].page
            result += figures
    return result


def sentence_figures(sentence: str, passage: str = "") -> list[FigureCandidate]:
    """The figures of one sentence."""
    if not _DIGIT.search(sentence):         # no number, no year, no range: nothing (most sentences)
        return []
    date_years = {m.start("year") for m in _DATE_YEAR.finditer(sentence)}
    in_ranges = {at for r in _RANGE.finditer(sentence) for at in range(r.start(), r.end())}
    years = [(m.start(), m.group()) for m in _YEAR.finditer(sentence) if m.start() not in date_years]
    single = [(at, y) for at, y in years                             # no figure's year: one of "2024–2027",
              if at not in in_ranges and not _ends_with(_BASELINE, sentence, at)]  # or "ten opzichte van 2016"
    period = _period(sentence)
    if not years and not period:
        return []
    aantal = _AANTAL.search(sentence)
    year_at, year_values = {at for at, _ in years}, {y for _, y in years}
    named: dict[str, list[str]] = {}        # the sentence's years but a figure's value ("": all), made once each
    found: list[FigureCandidate] = []
    previous_end = -1
    for m in _FIGURE.finditer(sentence):
        number, at = m["number"], m.start("number")
        if at in date_years or _in_date(sentence, m.end("number")) or _ends_with(_REFERENCE, sentence, at):
            continue
        unit, counted = _what(m, sentence)
        end = m.end() if unit else (m.end("scale") if m["scale"] else m.end("number"))
        if unit in _DURATIONS and not _AFTER.match(sentence, end):
            continue                                                # "binnen 7 jaar": a duration, unless of a year
        if at in year_at and unit not in ("%", "euro"):
            continue                                                # a year ("over 2017 laten"), not a figure
        if not unit and aantal and aantal.start() < m.start():      # "het aantal … slachtoffers … van 1.561 in 2014"
            counted = aantal["what"]
            unit = _head(counted)
        if not unit and found and m["unit"] in _ELLIPSIS:          # "250 verdachten en in 2017 om minder dan 150"
            unit, counted = found[-1].unit, found[-1].counted
        if not unit:
            continue
        value = number if re.fullmatch(r"\d+\.\d{1,2}", number) else number.replace(".", "").replace(",", ".")
        if m["scale"]:
            value = f"{value} {m['scale']}"
        qualifier = m["qualifier"]
        if (key := number if number in year_values else "") not in named:
            named[key] = [y for _, y in years if y != number]
        found.append(FigureCandidate(
            value, unit, "rond" if qualifier == "rond de" else qualifier, named[key], sentence, passage, counted=counted,
            year=_year_of(sentence, end, m, single, previous_end), period=period, average=bool(m["average"])))
        previous_end = after.end() if (after := _AFTER.match(sentence, end)) else end
    return found


def _ends_with(pattern: re.Pattern, sentence: str, at: int) -> bool:
    """Whether the words before offset `at` end with a match of `pattern` (anchored at its end, and
    shorter than _BEFORE): read from the few characters before it, as `\\b` reads the one before
    those, so that a sentence of thousands of numbers is not read again up to each of them."""
    return pattern.search(sentence, max(0, at - _BEFORE), at) is not None


def _what(m: re.Match, sentence: str) -> tuple[str | None, str]:
    """(unit, what is counted) after the number: "%", "euro" (also after a scale or €), or a plural noun
    with its complement ("onderzoeken naar arbeidsuitbuiting")."""
    word = m["unit"]
    if word in _UNITS:
        return _UNITS[word], _UNITS[word]
    if m["scale"] or "€" in m.group():
        return "euro", "euro"
    if word in _DURATIONS:
        return word, word
    if not word or word in _NOT_COUNTED or not _PLURAL.search(word):
        return None, ""
    complement = _COMPLEMENT.match(sentence, m.end())
    return word, word + (complement.group() if complement else "")


def _head(counted: str) -> str | None:
    """The counted noun of "bij CoMensha gemelde mogelijke slachtoffers van mensenhandel": the last
    plural word before a preposition."""
    words = re.split(r" (?:van|naar|voor|bij|tegen|in|met|op) ", counted)[0].split()
    return next((w for w in reversed(words) if _PLURAL.search(w) and w not in _NOT_COUNTED), None)


def _year_of(sentence: str, end: int, m: re.Match, years: list[tuple[int, str]], previous_end: int) -> str | None:
    """"449 meldingen in 2020": the year right after; "In 2021 zijn 6 onderzoeken": the nearest year
    before with no other figure between; else, for the sentence's first figure, its only year."""
    if after := _AFTER.match(sentence, end):
        return after["year"]
    nearest = bisect.bisect_left(years, (m.start(), "")) - 1     # the last year before the figure (in order)
    if nearest >= 0 and years[nearest][0] > previous_end:
        return years[nearest][1]
    if previous_end >= 0:
        return None
    distinct = {y for _, y in years if y != m["number"]}
    return distinct.pop() if len(distinct) == 1 else None


def _period(sentence: str) -> str | None:
    if m := _PER.search(sentence):
        return m.group()
    if m := _RANGE.search(sentence):
        return f"{m['first'] or m['from']}–{m['last'] or m['to']}"
    return None


def _in_date(sentence: str, end: int) -> bool:
    """A day of a date ("op 23 oktober 2019")."""
    return bool(_MONTH_AFTER.match(sentence, end))
