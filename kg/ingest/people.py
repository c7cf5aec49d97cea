"""Who a paper names as its makers: the members who asked, each with their party; the
member of government who answered, sent a notice, signed or was heard, with office and
"mede namens"; the members who signed a motion.

Names are kept as written (surnames: "Van der Burg"); offices are written out in full
("Staatssecretaris van Justitie en Veiligheid") so that they can be matched to the
graph's actors by label.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .dates import DATE

_OFFICE_WORD = r"[Mm]inister|[Ss]taatssecretaris"
#: A surname as written in a heading: "Opstelten", "Van der Burg", "Broekers-Knol", "Van Beukering-Huijbregts".
_SURNAME = r"(?:(?:Van|De|Ten|Ter|Den|Van de|Van den|Van der|Van 't)\s)?[A-Z][\w'’-]+"

QUESTIONS = re.compile(
    r"(?:Schriftelijke )?[Vv]ragen van (?:het lid|de leden) (?P<members>(?:(?! over )[^:.«»])+?) aan (?:de|het) (?P<addressee>.+?)"
    rf" over (?P<subject>.+?) \(ingezonden (?P<submitted>{DATE})\)")
RESPONSE = re.compile(
    rf"(?P<verb>Antwoord|Mededeling) van (?P<office>{_OFFICE_WORD}) (?P<name>[^(]+?) \((?P<ministry>[^)]+)\)"
    rf",?(?: mede namens (?P<behalf>.+?))? \(ontvangen (?P<received>{DATE})\)")
#: A site's lines over questions and their answers (openkamer.org): "Ingediend 2 juni 2022",
#: "Beantwoord 7 juni 2022", "Indiener Bart van Kent (SP)", "Beantwoord door Karien van Gennip
#: (minister sociale zaken en werkgelegenheid) (CDA)".
SITE_SUBMITTED = re.compile(rf"^Ingediend (?P<date>{DATE})", re.M)
SITE_ANSWERED = re.compile(rf"^Beantwoord (?P<date>{DATE})", re.M)
_SITE_ASKER = re.compile(r"^Indiener (?P<name>[^()\n]+?) \((?P<party>[^()\n]+)\)[ \t]*$", re.M)
_SITE_RESPONDER = re.compile(rf"^Beantwoord door (?P<name>[^()\n]+?) \((?P<office>(?:{_OFFICE_WORD}) [^()\n]+)\)", re.M)
#: A full name's given name: "Bart" of "Bart van Kent".
_GIVEN_NAME = re.compile(r"^[A-Z][a-zé]+ (?=(?:van|de|den|der|ter|ten|'t) |[A-Z])")
_PARTY_GROUP = re.compile(r"(?P<names>[^()]+?)\s*\((?:allen |beiden )?(?P<party>[^()]+)\)")
_FIRST_SIGNER = re.compile(r"(?:Eerste ondertekenaar|Indiener): (?:[A-Z]\.\s?)+(?P<name>[\w'’ -]+?), "
                           rf"(?P<office>(?:{_OFFICE_WORD}) (?:van|voor) [^(\n]+?)\s*(?:\(|$)", re.M)
_SIGNATURE = re.compile(rf"(?P<office>De (?:{_OFFICE_WORD}) (?:van|voor) [^,]+?), (?P<initials>(?:[A-Z]\.\s?)+)"
                        r"(?P<name>(?:(?:van|der|de|den|ter|te) )*[A-Z][\w'’-]+)")
#: The first (or only) sender of "BRIEF VAN DE STAATSSECRETARIS VAN … [EN DE MINISTERS VAN …]".
_LETTER_HEADING = re.compile(
    r"BRIEF VAN DE (?P<office>MINISTER|STAATSSECRETARIS) (?P<prep>VAN|VOOR) (?P<ministry>[A-Z ,]+?)(?= EN DE [A-Z]|\s*\n)")
#: A letter's heading whole, its senders one after another ("… EN DE MINISTERS VAN …"), over lines
#: it wraps onto, up to the blank line after it.
_SENDERS = re.compile(r"BRIEF VAN DE (?P<heading>[A-ZÀ-Ý]{2,}(?:(?:[ ,]+|\n(?![ \t]*\n))[A-ZÀ-Ý]{2,})*)")
#: "mede namens de staatssecretaris van Jeugd, Preventie en Sport, …, en de minister voor Asiel en Migratie"
#: in a letter: the offices it is written on behalf of, to the end of the sentence (or "gestand").
_ON_BEHALF = re.compile(rf"\bmede namens (?P<offices>(?:de |het )?(?:{_OFFICE_WORD})\b[^.;:]{{0,400}}?)(?= gestand\b|[.;:])")
_NEXT_OFFICE = re.compile(rf"(?:,|,? en) (?=(?:de |het )?(?:{_OFFICE_WORD})\b)")
_HEARD = (
    re.compile(rf"overleg gevoerd met (?:de heer |mevrouw )(?P<name>{_SURNAME}), (?P<office>(?:{_OFFICE_WORD}) (?:van|voor) [^,]+?)"
               rf"(?:,| over\b| en (?:de heer|mevrouw|{_OFFICE_WORD}))"),
    re.compile(rf"overleg gevoerd met (?P<word>{_OFFICE_WORD}) (?P<name>{_SURNAME}) (?P<ministry>(?:van|voor) [^,]+?)"
               rf"(?: en (?:{_OFFICE_WORD})|,| over\b| die )"))
_ANSWERED_BY = re.compile(rf"zijn de vragen door de (?P<office>(?:{_OFFICE_WORD}) (?:van|voor) [^.]+?) beantwoord")
_MOTION_END = re.compile(r"en gaat over tot de orde van de dag\.\s*\n(?P<names>(?:[ \t]*\n|[ \t]*[A-Z][\w'’ -]{1,40}\n?)+)")
_NOT_A_NAME = {"Naar boven", "X Noot", "Noot"}
_SMALL_WORDS = {"van", "voor", "en", "de", "der", "het"}


@dataclass
class Person:
    """A person as the paper writes them, with the words that say so."""
    name: str | None
    quote: str
    party: str | None = None
    office: str | None = None
    on_behalf_of: list[str] = field(default_factory=list)


def askers(match: re.Match) -> list[Person]:
    """The members of a questions heading: "Kuik (CDA), Bikker (ChristenUnie) en Verkuijlen (VVD)",
    "Bikker, Ceder en Grinwis (allen ChristenUnie)"."""
    found = []
    for group in _PARTY_GROUP.finditer(match["members"]):
        for name in re.split(r",\s*|\s*\ben\s+", group["names"].strip(" ,")):
            if name.strip():
                found.append(Person(name.strip(), match.group(), party=group["party"].strip()))
    return found


def site_asker(head: str) -> Person | None:
    """The member a site names as asking ("Indiener Bart van Kent (SP)"), by surname as a heading
    writes it ("Van Kent")."""
    if m := _SITE_ASKER.search(head):
        return Person(_capital(_GIVEN_NAME.sub("", m["name"].strip())), m.group().strip(), party=m["party"].strip())
    return None


def site_responder(head: str) -> Person | None:
    """The member of government a site names as answering, with the office as a heading writes it:
    "Beantwoord door Karien van Gennip (minister sociale zaken en werkgelegenheid)" → Van Gennip,
    Minister van Sociale Zaken en Werkgelegenheid."""
    if not (m := _SITE_RESPONDER.search(head)):
        return None
    word, _, ministry = m["office"].partition(" ")
    ministry = ministry if ministry.startswith(("van ", "voor ")) else f"van {ministry}"
    return Person(_capital(_GIVEN_NAME.sub("", m["name"].strip())), m.group().strip(),
                  office=f"{_capital(word.lower())} {_title(ministry)}")


def responder(match: re.Match, addressee: str = "") -> Person:
    """The member of government of an "Antwoord van …" or "Mededeling van …" line."""
    ministry = match["ministry"].strip()
    preposition = "voor" if f"voor {ministry}" in addressee else "van"
    behalf = [_capital(part.removeprefix("de ").strip())
              for part in re.split(r",?\s+en\s+(?=de\s)", match["behalf"] or "") if part.strip()]
    return Person(match["name"].strip(), match.group(), office=f"{_capital(match['office'])} {preposition} {ministry}",
                  on_behalf_of=behalf)


def letter_signer(raw: str, flat: str) -> Person | None:
    """Who signed a letter: a site's "Eerste ondertekenaar", the signature at the end, or
    (office only) the heading "BRIEF VAN DE MINISTER VAN …"."""
    if m := _FIRST_SIGNER.search(raw[:4000]):
        return Person(_capital(m["name"].strip()), m.group().strip(), office=_capital(m["office"].strip()))
    if m := _SIGNATURE.search(flat[-1500:]):
        return Person(_capital(m["name"]), m.group(), office=_capital(m["office"].removeprefix("De ")))
    if m := _LETTER_HEADING.search(raw[:4000]):
        office = f"{_capital(m['office'].lower())} {m['prep'].lower()} {_title(m['ministry'])}"
        return Person(None, m.group().strip(), office=office)
    return None


def co_senders(raw: str) -> list[Person]:
    """The offices of a joint letter after its first sender, from its heading: "BRIEF VAN DE
    STAATSSECRETARIS VAN JUSTITIE EN VEILIGHEID EN DE MINISTERS VAN SOCIALE ZAKEN EN
    WERKGELEGENHEID, VAN VOLKSGEZONDHEID, WELZIJN EN SPORT EN VOOR …" → Minister van Sociale
    Zaken en Werkgelegenheid, Minister van Volksgezondheid, Welzijn en Sport, Minister voor …
    (a ministry's own "EN" or comma is followed by no VAN or VOOR)."""
    m = _SENDERS.search(raw[:4000])
    if not m:
        return []
    found = []
    for group in " ".join(m["heading"].split()).split(" EN DE ")[1:]:
        word, _, ministries = group.partition(" ")
        word = {"MINISTERS": "MINISTER", "STAATSSECRETARISSEN": "STAATSSECRETARIS"}.get(word, word)
        if word in ("MINISTER", "STAATSSECRETARIS"):
            for part in re.split(r"(?:,| EN) (?=(?:VAN|VOOR) )", ministries):
                preposition, _, ministry = part.partition(" ")
                found.append(Person(None, m.group().strip(),
                                    office=f"{_capital(word.lower())} {preposition.lower()} {_title(ministry)}"))
    return found


def letter_on_behalf_of(flat: str) -> list[Person]:
    """The offices a letter says it is written on behalf of ("mede namens de minister van …"), near its top."""
    m = _ON_BEHALF.search(flat[:3000])
    if not m:
        return []
    return [Person(None, m.group(), office=_capital(re.sub(r"^(?:de|het) ", "", part.strip())))
            for part in _NEXT_OFFICE.split(m["offices"]) if part.strip()]


def heard(flat: str) -> Person | None:
    """The member of government a committee debated with ("overleg gevoerd met …"): the first named."""
    if m := _HEARD[0].search(flat):
        return Person(m["name"], m.group(), office=_capital(m["office"].strip()))
    if m := _HEARD[1].search(flat):
        return Person(m["name"], m.group(), office=f"{_capital(m['word'])} {m['ministry'].strip()}")
    return None


def answered_by(flat: str) -> Person | None:
    """Who answered a written consultation: "zijn de vragen door de Minister van … beantwoord"."""
    if m := _ANSWERED_BY.search(flat):
        return Person(None, m.group(), office=_capital(m["office"]))
    return None


def motion_signers(raw: str) -> list[Person]:
    """The names under a motion, one a line after "en gaat over tot de orde van de dag."."""
    m = _MOTION_END.search(raw)
    if not m:
        return []
    names = [line.strip() for line in m["names"].splitlines() if line.strip()]
    names = names[:next((i for i, n in enumerate(names) if n in _NOT_A_NAME), len(names))]
    return [Person(name, name) for name in names]


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _title(upper: str) -> str:
    """'VOLKSGEZONDHEID, WELZIJN EN SPORT' → 'Volksgezondheid, Welzijn en Sport'."""
    return " ".join(w.lower() if w.lower() in _SMALL_WORDS else w.capitalize() for w in upper.split())
