"""What to fix in a query, in plain words: read from the query's tokens (guard.py's
tokeniser) and the parser's message, after the parser refused the query or beside a
correct one's answer.

- A syntax error names the token found at the parser's position and what the parser
  expected there, its character classes (walls of Unicode ranges) said as "a name", "a digit".
- An undeclared prefix is named with the PREFIX line to add (the namespaces of kg/iris.py).
- A prefixed name with a `/` in it (`id:indicator/x`), which SPARQL reads as a path, is named
  with the IRI to write instead.
- A term of the MHKG vocabulary (`mh:`) that the ontology does not have is a warning, with the
  closest term it has: the query still runs and answers as it would without the warning.
"""
from __future__ import annotations

import difflib
import re
from functools import lru_cache

from kg.iris import BASE, GRAPH, ID, MH, PREFIXES

from ..errors import ApiError
from .guard import tokens

KNOWN_NAMESPACES = {**PREFIXES, "id": ID, "graph": GRAPH}
_MESSAGE = re.compile(r"error at (\d+):(\d+): expected (?:one of )?(.*)", re.DOTALL)
_ITEM = re.compile(r"\"(?:[^\"\\]|\\.)*\"|\[(?:'(?:[^'\\]|\\.)*'|[^\]'])*\]|[^,\s][^,]*")
_NOT_FOUND = "Prefix not found"
_WORDS = {"?": "a variable (?name)", "$": "a variable (?name)", "<": "an IRI (<...>)",
          "'": "a string", '"': "a string", "'''": "a string", '"""': "a string",
          "_:": "a blank node (_:name)", "+": "a number", "-": "a number", "{": "{", "}": "}"}
_REASONS = {"IRI parsing failed": "the IRI ending here is not a valid IRI (no spaces or <>\"{}|^`\\ in it, "
                                  "a % only as a %XX escape)"}
_RDF_12 = {"<<", "<<(", "{|", "~"}  # triple terms and annotations: rarely what a query lacks
# the words of the SPARQL 1.1 query grammar, for "did you mean" (a bare word is nothing else)
KEYWORDS = frozenset("""
BASE PREFIX SELECT CONSTRUCT DESCRIBE ASK DISTINCT REDUCED AS FROM NAMED WHERE ORDER BY ASC DESC LIMIT
OFFSET GROUP HAVING VALUES OPTIONAL GRAPH SERVICE SILENT BIND UNDEF MINUS UNION FILTER NOT IN EXISTS
STR LANG LANGMATCHES DATATYPE BOUND IRI URI BNODE RAND ABS CEIL FLOOR ROUND CONCAT STRLEN UCASE LCASE
ENCODE_FOR_URI CONTAINS STRSTARTS STRENDS STRBEFORE STRAFTER YEAR MONTH DAY HOURS MINUTES SECONDS TIMEZONE
TZ NOW UUID STRUUID MD5 SHA1 SHA256 SHA384 SHA512 COALESCE IF STRLANG STRDT SAMETERM ISIRI ISURI ISBLANK
ISLITERAL ISNUMERIC REGEX SUBSTR REPLACE COUNT SUM MIN MAX AVG SAMPLE GROUP_CONCAT SEPARATOR LATERAL
A TRUE FALSE""".split())
_SLASHED = re.compile(r"(?:/[A-Za-z0-9_\-.%]*[A-Za-z0-9_\-%])+(?![A-Za-z0-9_\-%:])")


def syntax_error(query: str, message: str, prefixes: dict) -> ApiError:
    """The 400 for a query the parser refused with `message`: the fix first where it is known
    (an undeclared prefix, a slash in a prefixed name), else what was found and expected."""
    parsed = _MESSAGE.match(message)
    if parsed is None:
        return ApiError(400, "Malformed query", message)
    line, column = int(parsed.group(1)), int(parsed.group(2))
    found, expected = found_at(query, line, column), plain_expected(parsed.group(3))
    fixes, extra = [], {}
    missing = undeclared(query, prefixes)
    if missing:
        fixes.append(_declare(missing))
        extra["add"] = [_prefix_line(prefix) for prefix, _ in missing]
    slashed = slashed_names(query, prefixes)
    if slashed:
        fixes += [f"{name} is not one prefixed name: a / cannot stand in one unescaped (SPARQL reads it as a "
                  f"property path); write the IRI <{iri}> or escape the slash ({name.replace('/', chr(92) + '/')})"
                  for name, iri in slashed]
        extra["iris"] = [iri for _, iri in slashed]
    reasons = [_REASONS.get(item.strip(), item.strip()) for item in _ITEM.findall(parsed.group(3))
               if " " in item.strip() and item.strip() != _NOT_FOUND and not item.startswith(("[", '"'))]
    if slashed or (missing and _NOT_FOUND in parsed.group(3)):  # the parser's own words would mislead
        found = f"`{slashed[0][0]}`" if slashed else f"`{missing[0][1]}`"
        detail = f"error at {line}:{column}: " + "; ".join(fixes)
    elif reasons:  # not the syntax but what it means: an unbound or duplicated variable …
        detail = f"error at {line}:{column}: " + "; ".join(reasons + fixes)
    else:
        detail = f"error at {line}:{column}: found {found}"
        if expected:
            detail += f" where the query needs {_either(expected)}"
        if found == "the end of the query" and _unclosed(query):
            detail += f"; {_unclosed(query)}"
        detail += "".join("; " + fix for fix in fixes + misspelt_keywords(query))
    return ApiError(400, "Malformed query", detail, line=line, column=column, found=found, expected=expected, **extra)


def undeclared(query: str, prefixes: dict) -> list[tuple[str, str]]:
    """(prefix, the prefixed name using it) for each prefix the query uses but does not
    declare, in the order first used."""
    found, previous = {}, ("", "", -1)
    for kind, text, offset in tokens(query):
        declared = previous[0] == "word" and previous[1].upper() == "PREFIX"
        in_an_iri = previous[1] == "<" and previous[2] + 1 == offset  # <http://a b>: not an IRI token
        if kind == "pname" and not declared and not in_an_iri:
            prefix = text.partition(":")[0]
            if prefix not in prefixes:
                found.setdefault(prefix, text)
        previous = (kind, text, offset)
    return list(found.items())


def _declare(missing: list[tuple[str, str]]) -> str:
    named = ", ".join(f"{prefix}: (in {name})" for prefix, name in missing)
    verb = "is" if len(missing) == 1 else "are"
    return f"the prefix {named} {verb} not declared; add at the top of the query: " + \
        " ".join(_prefix_line(prefix) for prefix, _ in missing)


def _prefix_line(prefix: str) -> str:
    return f"PREFIX {prefix}: <{KNOWN_NAMESPACES.get(prefix, '...namespace IRI...')}>"


def slashed_names(query: str, prefixes: dict) -> list[tuple[str, str]]:
    """(`id:indicator/x`, its full IRI) for each prefixed name followed, without a space, by a
    slash and more of a slug; a property path (`mh:status/rdfs:label`) is not one."""
    found = []
    for kind, text, offset in tokens(query):
        if kind != "pname":
            continue
        rest = _SLASHED.match(query, offset + len(text))
        if rest and rest.group() != "/a":
            prefix, _, local = text.partition(":")
            namespace = prefixes.get(prefix) or KNOWN_NAMESPACES.get(prefix, BASE)
            found.append((text + rest.group(), namespace + local + rest.group()))
    return found


def found_at(query: str, line: int, column: int) -> str:
    """The token at a parser position (1-based line and column, in characters)."""
    lines = query.split("\n")
    offset = sum(len(text) + 1 for text in lines[:line - 1]) + column - 1
    if not query[offset:].strip():
        return "the end of the query"
    for _, text, start in tokens(query):
        if start + len(text) > offset:
            shown = text if len(text) <= 40 else text[:37] + "..."
            return f"`{shown}`"
    return "the end of the query"


def plain_expected(expected: str) -> list[str]:
    """The parser's list of what it expected, in words, without the RDF 1.2 syntax and the
    character ranges."""
    words = []
    for item in _ITEM.findall(expected):
        item = item.strip()
        if item.startswith('"'):
            token = item[1:-1].replace('\\"', '"').replace("\\\\", "\\")
            if token in _RDF_12:
                continue
            word = _WORDS.get(token, f"`{token}`")
        elif item.startswith("["):
            if item == "[_]":
                continue
            word = ("a name (a keyword or a prefixed name such as mh:Actor)" if "'A'" in item
                    else "a number" if item.replace(" ", "") == "['0'..='9']"
                    else "a character of a name" if "\\u{00B7}" in item
                    else f"`{item[2:-2]}`" if re.fullmatch(r"\['.+'\]", item) else "a character")
        elif " " in item:  # "Prefix not found" and the like: said in words elsewhere
            continue
        else:
            word = item
        if word not in words:
            words.append(word)
    return words


def _either(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]


def misspelt_keywords(query: str) -> list[str]:
    """A "did you mean" for each bare word that is no SPARQL keyword but close to one."""
    hints = []
    for kind, text, _ in tokens(query):
        if kind == "word" and text.upper() not in KEYWORDS:
            close = difflib.get_close_matches(text.upper(), sorted(KEYWORDS), n=1, cutoff=0.8)
            hint = f"`{text}` is not a SPARQL keyword: did you mean {close[0]}?" if close else None
            if hint and hint not in hints:
                hints.append(hint)
    return hints


def _unclosed(query: str) -> str:
    found = list(tokens(query))
    quote = next((text[:3] if text[:3] in ('"""', "'''") else text[0] for kind, text, _ in found if kind == "unclosed"),
                 None)
    if quote:
        return f"a string opened with `{quote}` is not closed"
    texts = [text for kind, text, _ in found if kind == "other"]
    for opening, closing in (("{", "}"), ("(", ")")):
        if texts.count(opening) > texts.count(closing):
            return f"a {opening} is not closed with {closing}"
    return ""


# --- warnings ---------------------------------------------------------------------------

@lru_cache(maxsize=1)
def vocabulary() -> frozenset[str]:
    """The local names of every mh: term the ontology files declare."""
    from kg.ontology import ontology_quads

    return frozenset(q.subject.value[len(MH):] for q in ontology_quads() if q.subject.value.startswith(MH))


def unknown_terms(query: str, prefixes: dict) -> list[str]:
    """A warning for each IRI of the mh: namespace that the ontology does not have."""
    terms, names, previous = {}, vocabulary(), None
    for kind, text, _ in tokens(query):
        if kind == "pname" and (previous or "").upper() != "PREFIX":
            prefix, _, local = text.partition(":")
            if prefixes.get(prefix) == MH:
                terms.setdefault(re.sub(r"\\(.)", r"\1", local), text)
        elif kind == "iri" and text[1:-1].startswith(MH):
            terms.setdefault(text[1 + len(MH):-1], text)
        previous = text if kind == "word" else None
    warnings = []
    for local, written in terms.items():
        if local and local not in names:
            closest = _closest(local, names)
            hint = f"; did you mean mh:{closest}?" if closest else ""
            warnings.append(f"{written} is not a term of the MHKG ontology, so it matches nothing{hint}")
    return warnings


def _closest(local: str, names: frozenset[str]) -> str | None:
    same = [name for name in names if name.lower() == local.lower()]
    if same:
        return same[0]
    close = difflib.get_close_matches(local, sorted(names), n=1, cutoff=0.75)
    return close[0] if close else None


def header_value(warning: str) -> str:
    """A warning as a header value: ASCII (a name in the query may not be)."""
    return warning.encode("ascii", "backslashreplace").decode("ascii")

