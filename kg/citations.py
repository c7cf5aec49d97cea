"""Recognising citations in passage text: Kamerstukken, Aanhangsels, ECLI, BWB, articles,
EU directives and URLs, each turned into the one resource it names.

The same document is cited in many written variants ("Kamerstuk 28 638, nr. 240",
"Kamerstukken II 2022/23, 28 638, nr. 233", "(Kamerstukken 28 638 en 34 193, nr. 173)");
each variant maps to the official identifier, so the resource is the same wherever it
is cited.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from .identifiers import AANHANGSEL, KAMERSTUK, aanhangsel_id, full_years, kamerstuk_id
from .iris import slugify

ECLI = re.compile(r"ECLI:(?:[A-Z]{2}:)?[A-Z]+:\d{4}:[0-9A-Z]+")
BWB = re.compile(r"BWBR\d{7}")
ARTICLE = re.compile(
    r"(?:(?:artikel|art\.) )?(?<![\w.])(?P<number>\d{1,3}[a-z]{0,2})(?: van het)? "
    r"(?P<code>Sr|Sv|Wetboek van Strafrecht|Wetboek van Strafvordering)\b")
DIRECTIVE = re.compile(r"(?:Richtlijn )?(?P<year>\d{4})/(?P<number>\d{1,4})/EU\b")
# A URL broken after a "/" at a line (or page) break continues with the next path-like token.
URL = re.compile(r"(?:https?://|www\.)[^\s«»<>]+(?:(?<=/)\s+(?=[A-Za-z0-9][^\s«»<>/]*/)[^\s«»<>]+)*")
_SCHEME = re.compile(r"^https?://(?:www\.)?")

_CODES = {"Sr": ("sr", "Wetboek van Strafrecht"), "Wetboek van Strafrecht": ("sr", "Wetboek van Strafrecht"),
          "Sv": ("sv", "Wetboek van Strafvordering"), "Wetboek van Strafvordering": ("sv", "Wetboek van Strafvordering")}


@dataclass(frozen=True)
class Citation:
    key: str            # <kind>/<slug>
    cls: str            # mh: class
    label: str          # a canonical Dutch label
    identifier: str     # the official identifier, or the URL
    start: int          # offsets of the citation in the text it was found in
    end: int
    written: str        # as written


def _short_slug(text: str, limit: int = 60) -> str:
    slug = slugify(text)
    if len(slug) <= limit:
        return slug
    return slug[:limit].rstrip("-") + "-" + hashlib.sha1(text.encode()).hexdigest()[:8]


def find_citations(text: str, hyphenated: str | None = None) -> list[Citation]:
    """Every citation in `text` (normalised passage text), in order of appearance.

    URLs are read from `hyphenated`, the same text with hyphens at line breaks kept:
    a URL broken over a line keeps its hyphen ("rapport-\nklanten")."""
    found: list[Citation] = []
    for m in KAMERSTUK.finditer(text):
        identifier = kamerstuk_id(m["dossier"], m["number"])
        found.append(Citation(f"citation/{identifier.lower()}", "mh:Kamerstuk",
                              f"Kamerstuk {m['dossier']}, nr. {m['number']}", identifier,
                              m.start(), m.end(), m.group()))
    for m in AANHANGSEL.finditer(text):
        start, end = full_years(m["start"], m["end"])
        identifier = aanhangsel_id(start, end, m["number"])
        found.append(Citation(f"citation/{identifier}", "mh:AanhangselHandelingen",
                              f"Aanhangsel Handelingen II {start}/{end[2:]}, nr. {m['number']}",
                              identifier, m.start(), m.end(), m.group()))
    for m in ECLI.finditer(text):
        found.append(Citation(f"citation/{slugify(m.group())}", "mh:CourtDecision", m.group(), m.group(),
                              m.start(), m.end(), m.group()))
    for m in BWB.finditer(text):
        found.append(Citation(f"citation/{m.group().lower()}", "mh:CitedDocument", m.group(), m.group(),
                              m.start(), m.end(), m.group()))
    # the code an article is of, and the "/EU" of a directive, stand in every match: a text without
    # them is not searched (the patterns may begin anywhere, and most texts cite neither)
    for m in ARTICLE.finditer(text) if "Sr" in text or "Sv" in text or "Wetboek van Straf" in text else ():
        code, law = _CODES[m["code"]]
        found.append(Citation(f"instrument/{code}-{m['number']}", "mh:LegalProvision",
                              f"Artikel {m['number']} {law}", f"artikel {m['number']} {code.capitalize()}",
                              m.start(), m.end(), m.group()))
    for m in DIRECTIVE.finditer(text) if "/EU" in text else ():
        identifier = f"{m['year']}/{m['number']}/EU"
        found.append(Citation(f"instrument/richtlijn-{m['year']}-{m['number']}-eu", "mh:EUDirective",
                              f"Richtlijn {identifier}", identifier, m.start(), m.end(), m.group()))
    for m in URL.finditer(hyphenated or text):
        written = m.group().rstrip(".,;:)")
        joined = re.sub(r"\s+", "", written)
        url = joined if joined.startswith("http") else "https://" + joined
        slug = _short_slug(_SCHEME.sub("", url))
        found.append(Citation(f"citation/url-{slug}", "mh:WebResource", url, url,
                              m.start(), m.start() + len(written), written))
    return sorted(found, key=lambda c: c.start)
