"""Segmenting a source document into passages: the citable units of its text.

A passage is a question, an answer, a paragraph or a footnote, located by character
offsets into the corpus text. Page headers and footers are left out; a paragraph that a
page break interrupts is kept whole; footnotes at the foot of a page are passages of
their own. Slugs come from the document's own numbering where it has one
(`…-vraag-2-3-4`, `…-voetnoot-3`) and from the paragraph's order otherwise; the texts
are fixed by their sha256, so the order is stable.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from .text import NOISE_LINE, DocumentText, normalise

_QA_HEADING = re.compile(r"^\s*(?P<bullet>•\s*)?(Vraag|Antwoord) (\d+(?:(?:, | en )\d+)*)\s*$")
_FOOTNOTE_START = re.compile(r"^ ?(\d{1,2}) (\S.*)$")
_SENTENCE_END = re.compile(r"[.:;?!]\s*$")
#: A text whose paragraphs no blank line separates has at least this many lines, and a blank
#: line for fewer than one in 20; a line shorter than _HEADING_LENGTH there is a heading.
_UNSPACED_LINES = 10
_NUMBER_ALONE = re.compile(r"^\s*\d{1,5}\s*$")
_HEADING_LENGTH = 60


@dataclass
class Passage:
    slug: str
    kind: str                   # Question | Answer | Paragraph | Footnote
    order: int
    spans: list[tuple[int, int]] = field(default_factory=list)   # (start, end) offsets
    number: str | None = None   # "2, 3 en 4" for a grouped question; "3" for a footnote
    text: str = ""
    hyphenated: str = ""        # the same text with hyphens at line breaks kept
    asked_by: list[str] = field(default_factory=list)   # parliamentary groups, as written
    answers: list[str] = field(default_factory=list)    # slugs of the questions answered
    footnotes: list[str] = field(default_factory=list)  # slugs of the footnotes whose marks stand here
    mark: tuple[int, int] | None = None   # a footnote: where its mark stands, (order of the passage, offset in its text)

    @property
    def start(self) -> int:
        return self.spans[0][0]

    @property
    def end(self) -> int:
        return self.spans[-1][1]

    @property
    def heading(self) -> str:
        if self.kind == "Question":
            return f"Vraag {self.number}"
        if self.kind == "Answer":
            return f"Antwoord {self.number}"
        if self.kind == "Footnote":
            return f"Voetnoot {self.number}"
        return f"Alinea {self.order}"


def _footnote_lines(text: DocumentText) -> set[int]:
    """Indexes of the lines that form the footnote blocks at the foot of each page.

    A block starts at a line "N text" whose N is the next footnote number, preceded by a
    blank line, and runs to the end of its page."""
    page_offsets = [off for off, _ in text.page_starts] + [len(text.original) + 1]
    lines = text.lines
    result: set[int] = set()
    expected = 1
    i = 0
    while i < len(lines):
        off, line = lines[i]
        match = _FOOTNOTE_START.match(line)
        previous_blank = i == 0 or not lines[i - 1][1].strip()
        if match and int(match.group(1)) == expected and previous_blank:
            page_end = page_offsets[bisect.bisect_right(page_offsets, off)]
            j = i
            while j < len(lines) and lines[j][0] < page_end:
                number = _FOOTNOTE_START.match(lines[j][1])
                if number and int(number.group(1)) == expected:
                    expected += 1
                result.add(j)
                j += 1
            i = j
            continue
        i += 1
    return result


def segment(slug: str, text: DocumentText, kind: str) -> list[Passage]:
    """The passages of one document, in reading order (footnotes after the body)."""
    footnotes = _footnote_lines(text)
    page_offsets = {off for off, _ in text.page_starts}
    body: list[Passage] = []
    notes: list[Passage] = []
    current: Passage | None = None
    paragraph_gap = _paragraph_gap(text)
    blanks = 0
    unanswered = None       # a question behind a bullet (a site's copy), whose answer follows it unheaded
    for index, (off, line) in enumerate(text.lines):
        span = (off, off + len(line))
        if index in footnotes and not NOISE_LINE.match(line):
            match = _FOOTNOTE_START.match(line)
            if match and (not notes or int(match.group(1)) == int(notes[-1].number) + 1):
                notes.append(Passage(f"{slug}-voetnoot-{match.group(1)}", "Footnote", 0,
                                     number=match.group(1)))
            if notes and line.strip():
                notes[-1].spans.append(span)
            continue
        if index in footnotes:
            continue
        if not line.strip() or NOISE_LINE.match(line):
            blanks += not line.strip()
            continue
        heading = _QA_HEADING.match(line) if kind == "ParliamentaryQuestions" else None
        if heading or (unanswered is not None and current.spans and blanks):
            bullet, word, number = heading.groups() if heading else (None, "Antwoord", unanswered.number)
            qa_kind = "Question" if word == "Vraag" else "Answer"
            current = Passage(f"{slug}-{word.lower()}-{re.sub(r'[^0-9]+', '-', number)}",
                              qa_kind, 0, number=number)
            body.append(current)
            blanks = 0
            unanswered = current if bullet and qa_kind == "Question" else None
            if heading:
                continue
        if current is None:
            continues = False
        elif kind == "ParliamentaryQuestions" and current.kind in ("Question", "Answer"):
            continues = True
        elif off in page_offsets or _page_break_between(text, current.end, off):
            last = text.original[current.spans[-1][0]:current.spans[-1][1]]
            continues = not _SENTENCE_END.search(last)
        elif _NUMBER_ALONE.match(line):    # a heading's number on a line of its own ("899" under "… antwoorden")
            continues = True
        elif paragraph_gap:
            continues = blanks < paragraph_gap
        else:                               # no blank lines between paragraphs: a sentence's end or a heading ends one
            continues = not blanks and not _ends_paragraph(text.original[current.spans[-1][0]:current.spans[-1][1]], line)
        if line.lstrip().startswith("Antwoord:"):
            continues = False
        if not continues:
            current = Passage("", "Paragraph", 0)
            body.append(current)
        current.spans.append(span)
        blanks = 0
    passages = body + notes
    paragraph_number = 0
    for order, passage in enumerate(passages, start=1):
        passage.order = order
        if passage.kind == "Paragraph":
            paragraph_number += 1
            passage.slug = f"{slug}-alinea-{paragraph_number:03d}"
            passage.number = str(paragraph_number)
        raw = "\n".join(text.original[a:b] for a, b in passage.spans)
        passage.text, passage.hyphenated = normalise(raw), normalise(raw, keep_hyphen=True)
    if kind == "WrittenConsultation":
        _mark_questions_and_answers(body)
    _link_footnotes(body, notes)
    for passage in passages:
        if passage.kind == "Answer" and kind == "ParliamentaryQuestions":
            passage.answers = [f"{slug}-vraag-{re.sub(r'[^0-9]+', '-', passage.number)}"]
    return passages


_GROUP = re.compile(r"leden van de ([\w-]+?)-fractie")
_ASKING = re.compile(r"^(?:De|Eveneens \w+ de|Ook \w+ de) leden van de [\w-]+-fractie")


def _mark_questions_and_answers(paragraphs: list[Passage]) -> None:
    """In a schriftelijk overleg: the groups' questions, and the answers that follow them.

    A paragraph opening with "Antwoord:" starts an answer; after an answer, a paragraph
    naming "de leden van de …-fractie" or ending in a question mark starts the next
    questions; a short heading ("3. Internationale aanpak") ends both."""
    state, questions, block = None, [], 0
    for passage in paragraphs:
        if len(passage.text) < 90 and not passage.text.endswith((".", "?", ":")):
            state = None
            continue
        if passage.text.startswith("Antwoord:"):
            state, block = "answer", block + 1
            answered = questions
            questions = []
        elif state != "question" and (_ASKING.match(passage.text) or passage.text.endswith("?")):
            state = "question"
        if state == "question":
            passage.kind = "Question"
            passage.asked_by = _GROUP.findall(passage.text)
            questions.append(passage.slug)
        elif state == "answer":
            passage.kind = "Answer"
            passage.answers = list(answered)
        passage.number = passage.number if state is None else str(block + (state == "question"))


def _footnote_mark(number: str) -> re.Pattern:
    """A footnote's mark in running text: its number written straight after a word, a closing
    bracket or quote, or a full stop ("(THB)2 waar", "2013–2017»1 gepresenteerd", "komen.10 De"),
    and followed by a space, punctuation or the end; never part of a longer number, a range
    ("2013–2017") or an identifier ("COVID-19")."""
    return re.compile(rf"(?<=[^\W\d_]|[)»”’\".,;:!?])(?<![-–/]){number}(?![\w])")


def _link_footnotes(body: list[Passage], notes: list[Passage]) -> None:
    """Each footnote to the passage whose text carries its mark. Marks follow the reading
    order, so each is sought from where the previous one stood; a footnote whose mark is not
    found stays unlinked rather than being linked to a guess."""
    cursor = (0, 0)
    for note in notes:
        pattern = _footnote_mark(note.number)
        found = None
        for index in range(cursor[0], len(body)):
            if body[index].kind == "Footnote":
                continue
            start = cursor[1] if index == cursor[0] else 0
            # the mark is its number: a passage without it from `start` on is not searched
            match = pattern.search(body[index].text, start) if body[index].text.find(note.number, start) >= 0 else None
            if match:
                found = (index, match.end())
                break
        if found is None:
            continue
        passage = body[found[0]]
        passage.footnotes.append(note.slug)
        note.mark = (passage.order, found[1] - len(note.number))
        cursor = found


def _paragraph_gap(text: DocumentText) -> int:
    """How many blank lines separate paragraphs: 1; 2 in a double-spaced text (where most lines of
    a paragraph are themselves separated by one blank line, each wrapped in mid-sentence: a site's
    copy with a blank line after every one-line paragraph is not one); 0 where blank lines are
    rare, in a copy wrapped at a site's own width (tweedekamer.nl's), whose paragraphs end where a
    line ends a sentence or is a heading (`_ends_paragraph`)."""
    gaps, run, previous = [], 0, ""
    wrapped = ended = 0                     # of the lines of text (not headings) before one blank line
    for _, line in text.lines:
        if line.strip():
            if run == 1 and len(previous.strip()) >= _HEADING_LENGTH:
                wrapped += 1
                ended += bool(_SENTENCE_END.search(previous))
            gaps.append(run)
            run, previous = 0, line
        else:
            run += 1
    if gaps and sum(g == 1 for g in gaps) > len(gaps) / 2 and ended < wrapped / 2:
        return 2
    if len(gaps) >= _UNSPACED_LINES and sum(g > 0 for g in gaps) * 20 < len(gaps):
        return 0
    return 1


def _ends_paragraph(last: str, line: str) -> bool:
    """In a text without blank lines between paragraphs: whether `line` opens a new one after
    `last`, which ends a sentence before a capital, or is a heading (short, with no end of
    sentence: "Nr. 257", "Den Haag, 4 juli 2025", "Vastgesteld 7 februari 2020")."""
    opens = line.lstrip()[:1]
    if _SENTENCE_END.search(last):
        return opens.isupper() or opens.isdigit() or opens in "–-•«"
    return len(last.strip()) < _HEADING_LENGTH


def _page_break_between(text: DocumentText, start: int, end: int) -> bool:
    return any(start < off <= end for off, _ in text.page_starts)


def passage_at(passages: list[Passage], offset: int) -> Passage | None:
    """The passage one of whose lines holds `offset`."""
    for passage in passages:
        if passage.start <= offset <= passage.end and any(a <= offset <= b for a, b in passage.spans):
            return passage
    return None
