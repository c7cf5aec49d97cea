"""What a paper asks for and what the government says it does: recommendations, requests
and calls ("ik beveel aan", "verzoekt de regering", "roept op"), responses to them with a
suggested status, and commitments ("ik zal", "zeg ik toe", "ik kom … terug", "voor de zomer").

Read sentence by sentence from the words that make each act; each found act keeps its
sentence verbatim (the quote a curator checks) and, for a response, the words its status
rests on. Nothing is inferred beyond the sentence: a response whose recommendation the
sentence does not name is left for the curator to link.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..mentions import sentence_bounds
from ..passages import Passage
from .dates import MONTHS

_MONTH = "(?:" + "|".join(MONTHS) + ")"

#: A recommendation, request or call, as its maker writes it.
_RECOMMEND = re.compile(
    r"\b(?:ik beveel (?:\w+ )*?aan|beveelt (?:\w+ )*?aan|bevelen (?:\w+ )*?aan|[Aa]anbevolen wordt|is aanbevolen"
    r"|heb(?:t)? (?:ik |hij |zij )?(?:\w+ ){0,8}?aanbevolen|[Vv]erzoekt de regering|verzoek(?:t|en)? (?:ik )?uw Kamer"
    r"|(?:roep|roept|roepen) (?:\w+ ){0,6}?op\b|heeft opgeroepen|doe(?:t)? (?:ik )?een (?:dringend )?beroep op"
    r"|pleit(?:en)? (?:ik |wij )?(?:ervoor|voor)\b|dring(?:t|en)? (?:\w+ ){0,4}?aan op|op (?:wil )?aandringen)", re.I)
#: A recommendation named as a thing ("de aanbevelingen van het Aanjaagteam", "de oproep van"): a
#: recommendation, to which the same sentence may respond.
_NAMED = re.compile(r"\b(?:de|mijn|zijn|haar|hun|een|deze) (?:aanbeveling(?:en)?|oproep) (?:van|om|in|tot)\b", re.I)
#: A government's response to a recommendation or request, and the status its words suggest.
_STATUS = [
    ("not-acted-upon", re.compile(r"\bniet in daden omgezet|\bniets mee gedaan|\bgeen gevolg (?:aan )?gegeven")),
    ("rejected", re.compile(r"\bniet over(?:genomen|nemen|neemt|neem)|\bneem(?:t|en)? (?:\w+ ){0,4}?niet over"
                            r"|\bwijs(?:t|en)? (?:\w+ ){0,4}?af\b|\bontraad\b|\bgeen voorstander")),
    ("partly-adopted", re.compile(r"\b(?:deels|gedeeltelijk|ten dele)\b|^Wel (?:wordt|worden|is|zijn)\b")),
    ("deferred", re.compile(r"\bwacht (?:\w+ ){0,10}?af\b|\bafwachten\b|\b[Aa]lvorens\b|\bop een later moment\b")),
    ("under-study", re.compile(r"\b(?:wordt|worden) (?:\w+ ){0,3}?(?:verkend|onderzocht|bezien)|\bverken(?:t|nen)?\b"
                               r"|\bga (?:ik )?na\b|\bin overweging\b|\bbestuder")),
    ("adopted", re.compile(r"\bover(?:genomen|nemen|neem|neemt)\b|\bneem(?:t|en)? (?:\w+ ){0,4}?over\b"
                           r"|\b(?:voer|voeren|voert) (?:\w+ ){0,6}?uit\b|\buitgevoerd\b|\bgeef (?:\w+ ){0,3}?gevolg"
                           r"|\bafgesproken\b|\bafspraken (?:\w+ )?gemaakt\b|\bgehoor aan\b|\bingezet op\b")),
]
#: What a response responds to: a recommendation, request or motion named in the sentence.
_RESPONDS = re.compile(r"\b(?:aanbeveling(?:en)?|aanbevolen|verzoek|oproep|motie|advie(?:s|zen))\b", re.I)
#: Words (lowercase) one of which each match of a pattern holds: a sentence without any is not
#: searched with it (most sentences recommend, respond to and commit to nothing).
_RECOMMEND_WORDS = ("beve", "bevolen", "verzoek", "roep", "pleit", "dring")
_NAMED_WORDS = ("aanbeveling", "oproep")
_RESPONDS_WORDS = ("aanbevel", "aanbevolen", "verzoek", "oproep", "motie", "advie")
#: Characters that IGNORECASE matches to an ASCII letter which str.lower() does not make them
#: (İ and ı to i, ſ to s, the Kelvin sign to k): in a sentence with one, every pattern is searched.
_ODD_CASE = frozenset("İıſ\u212a")


def _may_hold(lowered: str | None, words: tuple[str, ...]) -> bool:
    """Whether a sentence (lowercased; None: one with an odd case) may match a pattern whose
    every match holds one of `words`, compared without case."""
    return lowered is None or any(word in lowered for word in words)


#: A commitment of the one speaking, or of the government to the House.
_COMMIT = re.compile(
    r"\b(?:[Ii]k zal|zal ik|[Ww]ij zullen|zullen wij|[Hh]et kabinet zal|zal het kabinet|zeg(?:t)? (?:\w+ ){0,6}?toe"
    r"|(?:heb(?:t|ben)?|is|zijn) (?:\w+ ){0,8}?toegezegd|toezegging(?:en)? gedaan|(?:[Ii]k blijf|blijf ik) (?:\w+ ){0,6}?in gesprek"
    r"|(?:[Uu]w|[Dd]e Tweede) Kamer wordt (?:\w+ ){0,8}?geïnformeerd|naar uw Kamer (?:\w+ ){0,3}?(?:gestuurd|verzonden)|[Ii]k kom (?:\w+ ){0,14}?terug|kom ik (?:\w+ ){0,14}?terug"
    r"|ben (?:ik )?voornemens|[Ii]k informeer|informeer ik|[Uu]w Kamer (?:zal|wordt) (?:\w+ ){0,6}?"
    r"(?:geïnformeerd|op de hoogte|voorzien|geïnformeerd)|[Uu] wordt (?:\w+ ){0,4}?(?:op de hoogte|geïnformeerd)"
    r"|ontvangt u\b|zal (?:ik )?uw Kamer (?:\w+ ){0,6}?(?:informeren|toesturen|sturen|berichten))")
#: A commitment kept in the text itself: "Met deze brief doe ik deze toezegging gestand", "Hiermee kom
#: ik die toezegging na", "geef ik invulling aan de toezegging".
_KEPT = re.compile(r"\btoezegging(?:en)?\b[^.;?]{0,300}?\bgestand\b"
                   r"|\bkom (?:ik|wij|we) (?:\w+ ){0,6}?toezegging(?:en)? (?:\w+ ){0,6}?na\b"
                   r"|\b(?:geef|geven) (?:ik|wij|we) (?:\w+ ){0,6}?(?:invulling|uitvoering) aan (?:de|mijn|onze|deze|die)"
                   r" toezegging", re.I)
#: One of these stands (with this case) in every match of `_COMMIT`.
_COMMIT_WORDS = ("zal", "zullen", "zeg", "blijf", "Kamer", "terug", "voornemens", "informeer", "wordt", "ontvangt u",
                 "toegezegd")
#: What is done in the text itself is no commitment: "in deze brief informeer ik", "in het navolgende".
_HERE = re.compile(r"\b(?:in|met|door middel van) deze brief\b|\bin het navolgende\b|\bhieronder\b"
                   r"|\bbij de beantwoording\b", re.I)
#: When the text says it will be done.
_DEADLINE = re.compile(
    rf"\b(?:(?:voor|vóór|na) de (?:zomer|kerst)(?:reces)?|(?:dit|komend|volgend) (?:najaar|voorjaar|jaar)"
    rf"|(?:voor|vóór|in|uiterlijk in|begin|eind) {_MONTH}(?: \d{{4}})?|voor het einde van (?:het|dit) jaar"
    rf"|voor (?:het )?einde \d{{4}}|voor de begrotingsbehandeling(?: [\w ]+?)?(?=[,.]|$)|op een ander moment)")
#: Where a motion's clauses part: "…; verzoekt de regering, …", "…; overwegende dat …".
_CLAUSE = re.compile(r"(?<=[;,])\s+(?=(?:verzoekt|constaterende|overwegende|(?:tevens )?van mening|en gaat over)\b)")
#: The end of a heading that a first sentence runs on from.
_HEAD_END = re.compile(rf"(?:Den Haag, \d{{1,2}} {_MONTH} \d{{4}}|Geachte [Vv]oorzitter,|der Staten-Generaal"
                       r"|gehoord de beraadslaging,|De Kamer,)\s+")
#: How many sentences after a recommendation its response may follow without naming it.
_WINDOW = 10
#: A question asks; it neither recommends, responds nor commits.
_QUESTION = re.compile(r"\?\s*\d*\s*$")


@dataclass
class Act:
    """One recommendation, response or commitment, with the sentence that makes it."""
    kind: str                       # recommendation | response | commitment | kept (a commitment kept here)
    sentence: str
    passage: str
    cue: str                        # the words that make it one
    status: str | None = None       # of a response
    deadline: str | None = None     # of a commitment, as written
    page: int | None = None
    clause: str | None = None       # "verzoekt de regering, …": the request itself
    text: str = ""                  # the sentence as shown (a label, a commitment's text): without footnote marks

    def __post_init__(self):
        self.text = self.text or self.sentence


def speech_acts(passages: list[Passage], text=None) -> list[Act]:
    """Every recommendation, response and commitment of the passages, and every commitment they
    say is kept by the paper itself, in reading order;
    `text` (the DocumentText) gives each its page."""
    found: list[Act] = []
    answering = 0               # sentences left in which a response may follow a recommendation
    marks = _footnote_marks(passages)
    for passage in passages:
        if passage.kind == "Question":
            continue
        for sentence in sentences(passage.text):
            acts = sentence_acts(sentence, passage.slug, answering > 0)
            for act in acts:
                if text is not None and (located := text.locate(act.sentence)):
                    act.page = located[0].page
                act.text = _unmarked(act.sentence, passage, marks)
                act.clause = act.clause and _unmarked(act.clause, passage, marks)
                found.append(act)
            kinds = {act.kind for act in acts if not act.clause}
            answering = _WINDOW if "recommendation" in kinds else 0 if "response" in kinds else answering - 1
    return found


def _footnote_marks(passages: list[Passage]) -> dict[str, list[tuple[int, str]]]:
    """Where each footnote's mark stands, by passage: (offset in its text, number)."""
    slugs = {passage.order: passage.slug for passage in passages}
    marks: dict[str, list[tuple[int, str]]] = {}
    for note in passages:
        if note.kind == "Footnote" and note.mark:
            marks.setdefault(slugs[note.mark[0]], []).append((note.mark[1], note.number))
    return marks


def _unmarked(piece: str, passage: Passage, marks: dict[str, list[tuple[int, str]]]) -> str:
    """A piece of a passage's text without the footnote marks that stand in it ("informeer ik u
    daarover3." → "informeer ik u daarover."): the quote keeps them, as the text has them."""
    start = passage.text.find(piece)
    if start < 0:
        return piece
    for offset, number in sorted(marks.get(passage.slug, ()), reverse=True):
        at = offset - start
        if 0 <= at < len(piece) and piece.startswith(number, at):
            piece = piece[:at] + piece[at + len(number):]
    return piece


def sentences(text: str) -> list[str]:
    """The sentences of a passage, a motion's clauses one each, without the heading a first
    sentence runs on from (a letter's address and date, a motion's "gehoord de beraadslaging")."""
    result = []
    for start, end in sentence_bounds(text):
        for clause in _CLAUSE.split(text[start:end]):
            heads = list(_HEAD_END.finditer(clause))
            clause = clause[heads[-1].end():] if heads else clause
            if clause.strip():
                result.append(clause.strip())
    return result


def sentence_acts(sentence: str, passage: str = "", answering: bool = False) -> list[Act]:
    """The acts of one sentence: a motion's "verzoekt de regering" clauses one each. A response
    names what it responds to, or follows a recommendation closely (`answering`)."""
    if not sentence or _QUESTION.search(sentence):
        return []
    if clauses := _motion_requests(sentence, passage):
        return clauses
    acts = []
    lowered = sentence.lower() if _ODD_CASE.isdisjoint(sentence) else None
    recommends = _RECOMMEND.search(sentence) if _may_hold(lowered, _RECOMMEND_WORDS) else None
    if m := recommends or _may_hold(lowered, _NAMED_WORDS) and _NAMED.search(sentence):
        acts.append(Act("recommendation", sentence, passage, m.group()))
    if (answering or _may_hold(lowered, _RESPONDS_WORDS) and _RESPONDS.search(sentence)) and not recommends:
        for status, words in _STATUS:
            if m := words.search(sentence):
                acts.append(Act("response", sentence, passage, m.group(), status=status))
                break
    if any(word in sentence for word in _COMMIT_WORDS) and (m := _COMMIT.search(sentence)) and not _HERE.search(sentence):
        deadline = _DEADLINE.search(sentence)
        acts.append(Act("commitment", sentence, passage, m.group(), deadline=deadline.group() if deadline else None))
    if _may_hold(lowered, ("toezegging",)) and (m := _KEPT.search(sentence)):
        acts.append(Act("kept", sentence, passage, m.group()))
    return acts


_MOTION_REQUEST = re.compile(r"verzoekt de regering(?: tevens| voorts)?,?\s*(?P<clause>.+?)(?:,?\s*$)", re.S)


def _motion_requests(sentence: str, passage: str) -> list[Act]:
    """A motion's request: "verzoekt de regering, <clause>," is one recommendation."""
    m = _MOTION_REQUEST.match(sentence)
    if not m:
        return []
    return [Act("recommendation", sentence, passage, "verzoekt de regering", clause=m["clause"].strip(" ,;"))]
