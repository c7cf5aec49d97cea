"""The document reader: a document's passages in reading order (api/queries/
passages_of_document.rq, as REST serves them), each quote of a fact marked where it stands
(its mh:Evidence offsets) and each mention linked to what it names. Every passage and every
quote has a URL fragment, so a link can open the document at that sentence."""
from __future__ import annotations

from dataclasses import dataclass, field

from flask import url_for
from markupsafe import Markup, escape

from kg.iris import ID

from ..graph_queries import rows
from ..rest.resources import _passage as passage_json
from .links import href


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

    @property
    def html(self) -> Markup:
        """The text with quotes as <mark> (the first piece carrying the evidence's id) and
        mentions as links; pieces are cut at every boundary so that marks may overlap."""
        text = self.data["text"]
        cuts = sorted({0, len(text), *(m.start for m in self.marks), *(m.end for m in self.marks)})
        out = []
        for start, end in zip(cuts, cuts[1:]):
            piece = escape(text[start:end])
            covering = [m for m in self.marks if m.start <= start and end <= m.end]
            mention = next((m for m in covering if m.kind == "mention"), None)
            if mention:
                piece = Markup(f'<a class="mention" href="{escape(href(mention.iri))}">{piece}</a>')
            for quote in (m for m in covering if m.kind == "quote"):
                ident = f' id="{anchor(quote.iri)}"' if quote.start == start else ""
                title = f' title="{escape(quote.label)}"' if quote.label else ""
                piece = Markup(f'<mark class="quote"{ident}{title}>{piece}</mark>')
            out.append(piece)
        return Markup("").join(out)


def passages(document_slug: str) -> list[Passage]:
    iri = f"{ID}document/{document_slug}"
    found = [Passage(passage_json(row)) for row in rows("passages_of_document", document=iri)]
    by_iri = {p.data["id"]: p for p in found}
    for row in rows("evidence_in_document", document=iri):
        passage = by_iri.get(row["passage"].value) if row["passage"] is not None else None
        if passage is None or passage.data["startOffset"] is None:
            continue
        start = int(row["start"].value) - passage.data["startOffset"]
        end = int(row["end"].value) - passage.data["startOffset"]
        if 0 <= start < end <= len(passage.data["text"]):
            label = row["factLabel"].value if row["factLabel"] is not None else ""
            passage.marks.append(Mark(start, end, "quote", row["evidence"].value, label,
                                      row["fact"].value if row["fact"] is not None else None))
    for row in rows("mentions_in_document", document=iri):
        passage = by_iri.get(row["passage"].value)
        if passage is None:
            continue
        at = passage.data["text"].find(row["quote"].value)
        if at >= 0:
            passage.marks.append(Mark(at, at + len(row["quote"].value), "mention", row["resource"].value))
    return found
