"""The document reader: a document's passages in reading order (api/queries/
passages_of_document.rq, as REST serves them), each quote of a fact marked where it stands
(its mh:Evidence offsets) and each mention linked to what it names. Every passage and every
quote has a URL fragment, so a link can open the document at that sentence."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from flask import current_app, url_for
from markupsafe import Markup, escape

from kg.iris import ID

from ..graph_queries import rows
from ..rest.description import describe_passage
from ..service import service
from .links import LIST_OF, href


def anchor(iri: str) -> str:
    """The fragment of a passage or evidence IRI in the reader: its last path segments."""
    kind_slug = iri[len(ID):] if iri.startswith(ID) else iri
    return kind_slug.replace("/", "-")


def quote_url(source: dict) -> str | None:
    """Where the reader shows one quote (a `sources` entry): at its evidence, else its passage."""
    document = source.get("document") or {}
    if not document.get("slug"):
        return None
    target = source.get("id") if source.get("quoteStart") is not None and source.get("id") else None
    target = target or (source.get("passage") or {}).get("id")
    return url_for("web.reader", slug=document["slug"]) + (f"#{anchor(target)}" if target else "")


@dataclass
class Mark:
    start: int
    end: int
    kind: str                   # quote or mention
    iri: str                    # the evidence, or what the mention names
    label: str = ""
    fact: str | None = None


@dataclass
class Passage:
    data: dict
    marks: list[Mark] = field(default_factory=list)
    back: str | None = None     # a footnote's: the id of its mark in the text

    @property
    def html(self) -> Markup:
        """The text with quotes as <mark> (the first piece carrying the evidence's id) and
        each mention as one link; the text is cut at every boundary so that marks may overlap."""
        text = self.data["text"]
        cuts = sorted({0, len(text), *(m.start for m in self.marks), *(m.end for m in self.marks)})
        out, link = [], None
        for start, end in zip(cuts, cuts[1:]):
            piece = escape(text[start:end])
            covering = [m for m in self.marks if m.start <= start and end <= m.end]
            note = next((m for m in covering if m.kind == "footnote"), None)
            if note:
                piece = Markup(f'<a class="footnote-mark" id="mark-{anchor(note.iri)}" href="#{anchor(note.iri)}" '
                               f'aria-label="footnote {piece}"><sup>{piece}</sup></a>')
            for quote in (m for m in covering if m.kind == "quote"):
                ident = f' id="{anchor(quote.iri)}"' if quote.start == start else ""
                title = f' title="{escape(quote.label)}"' if quote.label else ""
                piece = Markup(f'<mark class="quote"{ident}{title}>{piece}</mark>')
            mention = next((m for m in covering if m.kind == "mention"), None)
            if mention is not link:
                out.append(Markup("</a>") if link else Markup(""))
                if mention:
                    out.append(Markup(f'<a class="mention" href="{escape(href(mention.iri))}">'))
                link = mention
            out.append(piece)
        out.append(Markup("</a>") if link else Markup(""))
        return Markup("").join(out)


def passages(document_slug: str) -> list[Passage]:
    iri = f"{ID}document/{document_slug}"
    found = [Passage(describe_passage(row)) for row in rows("passages_of_document", document=iri)]
    by_iri = {p.data["id"]: p for p in found}
    for row in rows("evidence_in_document", document=iri):
        passage = by_iri.get(row["passage"].value) if row["passage"] is not None else None
        if passage is None:
            continue
        hint = int(row["start"].value) - (passage.data["startOffset"] or 0)
        span = locate(passage.data["text"], row["quote"].value, hint)
        if span:
            label = row["factLabel"].value if row["factLabel"] is not None else ""
            passage.marks.append(Mark(*span, "quote", row["evidence"].value, label))
    mentions = rows("mentions_in_document", document=iri)
    names = _names({row["resource"].value for row in mentions})
    for row in mentions:
        passage = by_iri.get(row["passage"].value)
        sentence = locate(passage.data["text"], row["quote"].value, 0) if passage else None
        if sentence is None:
            continue
        span = _name_in(passage.data["text"], sentence, names.get(row["resource"].value, ()))
        if span:
            passage.marks.append(Mark(*span, "mention", row["resource"].value))
    _footnote_marks(found)
    return found


#: A footnote's number in the text: glued to the word or quote before it, then a space,
#: a punctuation mark or the end ("2013–2017»1 gepresenteerd", "geformuleerd.2 Doel").
def _mark_pattern(number: str) -> re.Pattern:
    return re.compile(rf"(?<=[^\s\d]){re.escape(number)}(?=[\s.,;:)]|$)")


def _footnote_marks(found: list[Passage]) -> None:
    """Link each footnote and its number in the text: the first place after the previous
    mark, in a passage that begins on the footnote's page or the one before, where the
    number stands glued to a word; a footnote whose mark is not found stays unlinked."""
    text_passages = [p for p in found if p.data["type"] != "mh:Footnote"]
    after = (-1, 0)                                   # (passage index, offset) of the last mark
    for note in sorted((p for p in found if p.data["type"] == "mh:Footnote" and p.data["number"]),
                       key=lambda p: int(p.data["number"]) if str(p.data["number"]).isdigit() else 0):
        page = note.data["page"]
        for index, passage in enumerate(text_passages):
            if index < after[0] or (page and passage.data["page"] not in (page, page - 1)):
                continue
            start = after[1] if index == after[0] else 0
            hit = _mark_pattern(str(note.data["number"])).search(passage.data["text"], start)
            inside = hit and any(m.kind == "mention" and m.start < hit.end() and hit.start() < m.end
                                 for m in passage.marks)
            if hit and not inside:
                passage.marks.append(Mark(hit.start(), hit.end(), "footnote", note.data["id"]))
                note.back = f"mark-{anchor(note.data['id'])}"
                after = (index, hit.end())
                break


def locate(text: str, quote: str, hint: int) -> tuple[int, int] | None:
    """Where `quote` stands in a passage's `text`: at its offset when the text there is the
    quote, else its first occurrence with white space read loosely; None when it is not there."""
    if text[hint:hint + len(quote)] == quote:
        return hint, hint + len(quote)
    at = text.find(quote)
    if at >= 0:
        return at, at + len(quote)
    found = re.search(r"\s+".join(re.escape(word) for word in quote.split()), text)
    return found.span() if found else None


def _name_in(text: str, sentence: tuple[int, int], names) -> tuple[int, int] | None:
    """Where one of `names` stands as whole words in the sentence: as written first, then in
    any case (so that "Om de pakkans" is not read as the OM while "OM" is there)."""
    for flags in (0, re.IGNORECASE):
        for name in names:
            found = re.compile(rf"(?<!\w){re.escape(name)}(?!\w)", flags).search(text, *sentence)
            if found:
                return found.span()
    return None


def _names(iris: set[str]) -> dict[str, list[str]]:
    """Each resource's label and alternative labels, longest first (the words a mention names)."""
    views, names = service(current_app).views, {}
    for iri, ref in views.refs(iris).items():
        item = views.item(LIST_OF[ref["kind"]], ref["slug"]) if ref.get("kind") in LIST_OF else None
        found = [ref.get("label") or "", *((item or {}).get("altLabels") or [])]
        names[iri] = sorted({n for n in found if n}, key=len, reverse=True)
    return names
