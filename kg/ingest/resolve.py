"""The people and offices a paper names about itself, as the graph's own resources.

"Van der Burg" who answered is `person/van-der-burg` when the graph knows exactly one
person of that name; "Staatssecretaris van Justitie en Veiligheid" is the actor with that
label. Nothing is minted here: a name the graph does not know stays a name in the
metadata (and a candidate for a curator), so an ingested paper never splits one person
into two resources.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ..identifiers import KAMERSTUK, kamerstuk_id
from ..mentions import fold
from .metadata import Metadata


@dataclass(frozen=True)
class Link:
    """A relation of the paper to a known resource, with the words that state it."""
    prop: str
    key: str
    quote: str


class Resolver:
    """Looks names up among known entities' labels (folded), by kind; an ambiguous name resolves to nothing."""

    def __init__(self, labels: dict[str, list[str]]):
        self._index: dict[tuple[str, str], set[str]] = defaultdict(set)
        for key, names in labels.items():
            kind = key.split("/", 1)[0]
            for name in names:
                folded = fold(name)
                self._index[kind, folded].add(key)
                if kind == "instrument" and folded.startswith("motie"):        # "Motie (Kamerstuk 28 638, nr. 167)"
                    for cited in KAMERSTUK.finditer(name):
                        self._index["motion", fold(kamerstuk_id(cited["dossier"], cited["number"]))].add(key)

    def find(self, kind: str, *names: str | None) -> str | None:
        for name in names:
            keys = self._index.get((kind, fold(name))) if name else None
            if keys and len(keys) == 1:
                return next(iter(keys))
        return None

    def motion(self, kamerstuk: str | None) -> str | None:
        """The motion the graph knows as Kamerstuk `kamerstuk` ("kst-28638-167"), named so in its label."""
        return self.find("motion", kamerstuk)

    def office(self, office: str | None) -> str | None:
        """An office as written ("Staatssecretaris Volksgezondheid, …" lacks its "van")."""
        if not office:
            return None
        word, _, rest = office.partition(" ")
        return self.find("actor", office, f"{word} van {rest}" if not rest.startswith(("van ", "voor ")) else None)

    def party(self, party: str | None) -> str | None:
        return self.find("actor", f"{party}-fractie" if party else None)

    def links(self, meta: Metadata) -> list[Link]:
        """askedBy, answeredBy, onBehalfOf, signatory and author (a joint letter's every sender) links to
        resources the graph knows."""
        found: list[Link] = []

        def add(prop: str, key: str | None, quote: str) -> None:
            if key and Link(prop, key, quote) not in found:
                found.append(Link(prop, key, quote))

        for asker in meta.lists.get("askers", []):
            add("mh:askedBy", self.find("person", asker.value), asker.quote)
        for group in meta.lists.get("askedBy", []):
            add("mh:askedBy", self.party(group.value), group.quote)
        minister, office = meta.fields.get("minister"), meta.fields.get("ministerOffice")
        if meta.genre == "answer":
            if minister:
                add("mh:answeredBy", self.find("person", minister.value), minister.quote)
            if office:
                add("mh:answeredBy", self.office(office.value), office.quote)
        if meta.genre == "letter":          # signed by the minister, written by the office (as the curated letters)
            if minister:
                add("mh:signatory", self.find("person", minister.value), minister.quote)
            for author in [office, *meta.lists.get("coAuthors", [])]:
                if author:
                    add("mh:author", self.office(author.value), author.quote)
        for behalf in meta.lists.get("onBehalfOf", []):
            add("mh:onBehalfOf", self.office(behalf.value), behalf.quote)
        for signer in meta.lists.get("signatories", []):
            add("mh:signatory", self.find("person", signer.value), signer.quote)
        return found
