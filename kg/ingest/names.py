"""Who and what a paper names that a curator may add to the register: the persons taking
part (askers, members of government, signatories, the members present at a debate, its
chair and clerk, speakers) or named with their office (a mayor, an alderman), organisations
by their proper names, reports cited by title, and motions with their first signatory and
number.

Each found name keeps the words that name it (its quote), verbatim as the text has them.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable

from ..identifiers import KAMERSTUK, kamerstuk_id
from ..mentions import sentence_bounds
from ..passages import Passage
from ..text import normalise
from .metadata import Metadata

#: A surname as written, with its particles: "Van der Staaij", "Wiegman-van Meppelen Scheppink", "Jasper van Dijk",
#: "Faber-van de Klashorst" (the particles of a married name's second part).
_NAME = (r"(?:(?:[A-Z][a-z]+ )?(?:(?:[Vv]an|[Dd]e|[Dd]en|[Dd]er|[Tt]en|[Tt]er|'t) ){0,3})?[A-Z][\w'’]+"
         r"(?:-(?:(?:van|de|den|der|ten|ter) ){0,2}[\w'’]+(?: [A-Z][\w'’]+)?)?")
_PRESENT = re.compile(rf"[Aa]anwezig zijn [\w ]+? leden der Kamer, te weten:\s*(?P<names>(?:{_NAME}, )*{_NAME} en {_NAME}),")
_OFFICERS = re.compile(rf"\b(?:De (?:fungerend |plaatsvervangend )?(?:voorzitter|(?:adjunct-)?griffier)|Adjunct-griffier)"
                       rf" (?:van de commissie|voor dit verslag),"
                       rf"\s*(?P<name>{_NAME})\b")
_CHAIR_LINE = re.compile(rf"^(?:Voorzitter|Griffier): (?P<name>{_NAME})\s*$", re.M)
_SPEAKER = re.compile(rf"^(?:(?:Mevrouw|De heer) (?P<member>{_NAME}) \([^)]+\)|(?:Minister|Staatssecretaris) (?P<minister>{_NAME})):\s*$", re.M)
_MEMBERS = re.compile(rf"\bvan (?:het lid|de leden) (?P<names>{_NAME}(?:(?:, | en ){_NAME})*)")
_INITIALS = re.compile(r"(?<![\w.])(?!C\.S\.)(?P<name>(?:[A-Z]\. ?){1,4}(?:(?:van|de|der|den|ter|ten) )*[A-Z][a-z][\w'’]*(?:-[A-Z][\w'’]+)?)")
#: A section heading numbered with a Roman numeral, on a line of its own ("I. Mensenhandel"): not a person's initial.
_ROMAN_HEADING = re.compile(r"^[ \t]*(?P<heading>[IVX]\. ?[A-Z][\w'’-]*)[ \t]*$", re.M)
_ADDRESSED = re.compile(rf"\b(?:de heer|mevrouw|[Mm]inister|[Ss]taatssecretaris|[Bb]urgemeester|[Ww]ethouder)"
                        rf" (?P<name>(?=[A-Z]){_NAME})\b")
#: Words that follow "Minister" or "Staatssecretaris" where a ministry is named, not a person.
_NOT_A_SURNAME = {"Volksgezondheid", "Justitie", "Sociale", "Buitenlandse", "Binnenlandse", "Onderwijs", "Financiën",
                  "Defensie", "Economische", "Infrastructuur", "Landbouw", "Algemene", "Jeugd", "Asiel", "Immigratie",
                  "Rechtsbescherming", "Medische", "Langdurige", "Koninkrijksrelaties", "Veiligheid", "Klimaat",
                  "Primair", "Wonen", "Volkshuisvesting", "Cultuur", "Armoedebeleid", "Voorzitter", "Kamer", "President"}
_MOTION = re.compile(rf"\bmotie(?:-(?P<dashed>{_NAME})| van (?:het lid|de leden) (?P<members>{_NAME}(?:(?:, | en ){_NAME})*))"
                     r"(?P<cs> c\.s\.)?")
#: A motion moved in a debate: the speaker's words, then "Motie" on a line of its own above "De Kamer,".
_MOVED = re.compile(r"(?P<moved>[^.\n]*\b(?:een|de volgende) motie (?:voor|in)\b[^.\n]*\.)\s*\n\s*Motie\s*\n\s*De Kamer,")
#: What every motion moved in a debate ends with: without it in the text, `_MOVED` (slow: it may
#: begin anywhere on a line) finds nothing and is not run.
_MOVED_END = re.compile(r"\n\s*Motie\s*\n\s*De Kamer,")
_MOTION_HEADING = re.compile(r"MOTIE VAN (?:HET LID|DE LEDEN) [^\n]+")
#: A proper name with an organisation's head word: "Christelijk Nationaal Vakverbond", "Raad van Europa".
_HEAD_WORDS = (r"Inspectie|Ministerie|Centrum|Stichting|Raad|Instituut|Bureau|Autoriteit|Commissie|Vereniging|Overleg|"
               r"Vakverbond|Agentschap|Dienst|Fonds|Platform|Netwerk|Coalitie|Politie|Rapporteur|Expertisecentrum|"
               r"Aanjaagteam|Taskforce|Research|Europol|Eurojust|Office|Organisatie|Marechaussee|Rechtbank|Gerechtshof|"
               r"Parket|[A-Z]\w+(?:dienst|fonds)")
_PROPER = r"[A-Z][\w'’&-]+"
#: At most 12 capitalised words before the head word: no name has more, and unbounded the search
#: grew with the square of a long capitalised run (8,000 words: 4 s).
_ORGANISATION = re.compile(
    rf"(?<![\w-])(?P<name>(?:{_PROPER} (?:(?:van|voor|de|der|den|het|tegen|en|on|of|and|&) )*){{0,12}}?(?:{_HEAD_WORDS})"
    rf"(?: (?:(?:van|voor|de|der|den|het|tegen|en|on|of|and|&) )*{_PROPER})*)(?: \((?P<abbreviation>[A-Z][A-Za-z]{{1,9}})\))?")
#: A head word standing in a name, and what joins two names in one match ("… en de …", "… en het …"):
#: a name's own "en" joins words ("Justitie en Veiligheid"), not a name with its article.
_HEAD = re.compile(rf"\b(?:{_HEAD_WORDS})\b")
_JOINED = re.compile(r" en (?:de|het) ")
#: A report cited by its title: «…» after a report word, or a monitor named with its years.
_REPORT = re.compile(
    r"(?:\b(?:rapport(?:age)?|onderzoek(?:srapport)?|publicatie|studie|monitor|advies|evaluatie|getiteld|[Ii]n mijn)"
    r"|(?:[A-Z]\. ?)+(?:(?:van|de|der|den) )*[A-Z][\w-]+(?: e\.a\.| en (?:[A-Z]\. ?)+[\w ]+?)?,)"   # or its authors
    r"(?: [^«»‘’\n]{0,80}?)? (?:«(?P<quoted>[^«»]{6,200}?(?:«[^«»]*»[^«»]*?)?)»|‘(?P<single>[^‘’]{6,200}?)’)"
    r"|\b(?P<monitor>[A-Z]\w*monitor(?: [a-z]\w+){0,3} (?:19|20)\d\d[–-](?:19|20)\d\d)"
    r"|\b(?P<english>(?:[A-Z][\w-]+ ){1,3}Report(?: (?:on|of|in|the|[A-Z][\w-]+))*)"
    r"|\brapport (?P<bare>[A-Z][^(),;.«»\n]{10,100}?)(?= \(|,|;|\.)")
#: One of these stands in every match of `_REPORT` (a title in quotes, a monitor, a Report, a rapport).
_REPORT_WORDS = ("«", "‘", "monitor", "Report", "rapport")
#: Words a sentence may begin with before a name ("Heeft de Inspectie SZW …").
_LEADING = {"de", "het", "een", "in", "op", "bij", "door", "met", "van", "voor", "uit", "naar", "zoals", "ook", "dat",
            "die", "tijdens", "heeft", "hebben", "is", "wat", "welke", "hoe", "kan", "kunt", "wordt", "zijn", "daarnaast",
            "verder", "binnen", "namens", "aan", "als", "om", "over", "sinds", "volgens", "vanuit", "via", "waar",
            "wanneer", "bent", "deelt", "klopt", "vindt", "en", "of", "dit", "deze", "hierbij", "tot", "onder", "zo",
            "ziet", "gaat", "the", "mede", "samen", "zowel", "nu", "toen", "ook", "alle", "elke"}
_MEETING = re.compile(r"\b(?:Algemeen|Schriftelijk|Bestuurlijk) Overleg\b|\bOverleg$|\bVerslag\b|^Overleg\b")
_NOT_ORGANISATION = {"Tweede Kamer", "Eerste Kamer", "Kamer"}


@dataclass
class Named:
    """A name found in the text, with the words that name it."""
    kind: str                   # person | organisation | office | report | motion
    name: str
    quote: str
    party: str | None = None
    abbreviation: str | None = None
    number: str | None = None   # a motion's Kamerstuk identifier
    first: str | None = None    # a motion's first signatory


def persons(raw: str, meta: Metadata) -> list[Named]:
    """The persons a paper names as taking part, each once, in order of appearance."""
    found: dict[str, Named] = {}

    def add(name: str | None, quote: str, party: str | None = None) -> None:
        name = (name or "").strip()
        if name[:1].isupper() and name.split()[0] not in _NOT_A_SURNAME:
            found.setdefault(surname(name), Named("person", name, " ".join(quote.split()), party=party))

    for field in meta.lists.get("askers", []) + meta.lists.get("signatories", []):
        add(field.value, field.quote, field.party)
    if minister := meta.fields.get("minister"):
        add(minister.value, minister.quote)
    for m in _PRESENT.finditer(raw):
        for name in re.split(r", | en ", m["names"]):
            add(name, m.group())
    for pattern, words in ((_OFFICERS, ("van de commissie,", "voor dit verslag,")), (_CHAIR_LINE, ())):
        for m in _finditer(pattern, raw, words):
            add(m["name"], m.group())
    for m in _SPEAKER.finditer(raw):
        add(m["member"] or m["minister"], m.group())
    for motion in motions(raw, meta):
        if motion.first:
            add(motion.first, motion.quote)
    flat = _flat(raw)
    for m in _finditer(_MEMBERS, flat, ("van het lid ", "van de leden ")):
        for name in re.split(r", | en ", m["names"]):
            add(name, m.group())
    headings = {m["heading"] for m in _ROMAN_HEADING.finditer(raw)}
    for pattern in (_ADDRESSED, _INITIALS):
        for m in pattern.finditer(flat):
            if m["name"] not in headings:
                add(m["name"], _sentence(flat, m.start()))
    return list(found.values())


def surname(name: str) -> str:
    """A name without its initials: "I. W. Opstelten" is Opstelten, "Van der Burg" stays."""
    return re.sub(r"^(?:[A-Z]\. ?)+", "", name).strip()


def motions(raw: str, meta: Metadata) -> list[Named]:
    """The paper itself when it is a motion, and the motions it names, with first signatory and number."""
    found: list[Named] = []
    if meta.genre == "motion" and (signers := meta.lists.get("signatories")):
        heading = _MOTION_HEADING.search(raw)
        found.append(Named("motion", f"Motie {signers[0].value} ({meta.identifier})" if meta.identifier else
                           f"Motie {signers[0].value}", heading.group().strip() if heading else signers[0].quote,
                           number=meta.identifier, first=signers[0].value))
    for m in _MOVED.finditer(raw) if "De Kamer," in raw and _MOVED_END.search(raw) else ():   # moved in a debate: its speaker signs it first
        speakers = list(_SPEAKER.finditer(raw, 0, m.start()))
        if speakers:
            first = speakers[-1]["member"] or speakers[-1]["minister"]
            found.append(Named("motion", f"Motie {first}", " ".join(m["moved"].split()), first=first))
    flat = _flat(raw)
    for m in _finditer(_MOTION, flat, ("motie",)):
        first = m["dashed"] or re.split(r", | en ", m["members"])[0]
        tail = flat[m.end():m.end() + 250]
        tail = tail[:tail.find("motie")] if "motie" in tail else tail
        cited = KAMERSTUK.search(tail) or re.search(r"\(Kamerstuk (?P<dossier>\d{2} \d{3})-(?P<number>\d+)\)", tail)
        number = kamerstuk_id(cited["dossier"], cited["number"]) if cited else None
        quote = m.group() + (tail[:cited.end()] if cited else "")
        found.append(Named("motion", f"motie-{first}" + (f" ({number})" if number else ""), quote.strip(),
                           number=number, first=first))
    return _unique(found)


def organisations(passages: list[Passage]) -> list[Named]:
    """Organisations named by a proper name with an organisation's head word, with an abbreviation where it follows."""
    found: dict[str, Named] = {}
    for passage in passages:
        for m in _ORGANISATION.finditer(passage.text):
            parts = _JOINED.split(m["name"])                # "CoMensha en de Nationaal Rapporteur": two names
            for n, part in enumerate(parts):
                abbreviation = m["abbreviation"] if n == len(parts) - 1 else None
                words = part.split()
                while words and words[0].lower() in _LEADING:
                    words.pop(0)
                name = re.sub(r"(?<=[^\W\d])\d+$", "", " ".join(words))      # a footnote number glued to it
                if not _HEAD.search(name) or _MEETING.search(name) or " " not in name and not abbreviation \
                        and name not in ("Europol", "Eurojust"):
                    continue
                if name in _NOT_ORGANISATION or name.split()[0] in ("Minister", "Staatssecretaris"):
                    continue
                found.setdefault(name, Named("organisation", name, _sentence(passage.text, m.start()),
                                             abbreviation=abbreviation))
    return list(found.values())


def reports(passages: list[Passage]) -> list[Named]:
    """Reports and studies cited by their title."""
    found: dict[str, Named] = {}
    for passage in passages:
        if not any(word in passage.text for word in _REPORT_WORDS):
            continue
        quoted = _quoted_at(passage.text)
        for m in _REPORT.finditer(passage.text):
            if quoted(m.start()):                       # words of a title already quoted, «… onderzoek … «…»»
                continue
            title = " ".join(next(t for t in (m["quoted"], m["single"], m["monitor"], m["english"], m["bare"]) if t)
                             .split()).rstrip("? ")
            if title and title not in found:
                found[title] = Named("report", title, _sentence(passage.text, m.start()))
    return list(found.values())


def _quoted_at(text: str) -> Callable[[int], bool]:
    """Whether an offset of `text` falls inside a «…» the text opened before it: the quotes'
    places found once, for every match of a passage (counting them at each was quadratic)."""
    opening = [i for i, c in enumerate(text) if c == "«"]
    closing = [i for i, c in enumerate(text) if c == "»"]
    return lambda offset: bisect.bisect_left(opening, offset) > bisect.bisect_left(closing, offset)


def _finditer(pattern: re.Pattern, text: str, words: tuple[str, ...] = ()):
    """`pattern.finditer(text)`; nothing, unsearched, where none of `words` (one of which stands
    in every match of the pattern) is in the text."""
    return pattern.finditer(text) if not words or any(word in text for word in words) else iter(())


def _sentence(text: str, offset: int) -> str:
    bounds = _bounds(text)
    at = bisect.bisect_right(bounds, (offset, len(text) + 1)) - 1
    if at >= 0 and bounds[at][0] <= offset < bounds[at][1]:
        return text[bounds[at][0]:bounds[at][1]].strip()
    return text[:300].strip()


@lru_cache(maxsize=16)
def _bounds(text: str) -> list[tuple[int, int]]:
    """A text's sentences, found once for all the names in it."""
    return sentence_bounds(text)


@lru_cache(maxsize=4)
def _flat(raw: str) -> str:
    """The paper's text with its white space collapsed, made once for all its names."""
    return normalise(raw)


def _unique(found: list[Named]) -> list[Named]:
    seen, result = set(), []
    for named in found:
        key = (named.first, named.number)
        if key not in seen:
            seen.add(key)
            result.append(named)
    return result
