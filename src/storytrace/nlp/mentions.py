"""Actor mentions and the actor layer: the interface quotes, claims and events use to ask
"which actor is this phrase?".

The actor extractor (``actors.py``) builds an :class:`ActorLayer`; other layers only read it.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import TYPE_CHECKING

from storytrace.records import Actor, ActorRef

if TYPE_CHECKING:
    from spacy.tokens import Token

PERSON_PRONOUNS = {"he", "she", "him", "her", "his", "hers", "himself", "herself"}
GROUP_PRONOUNS = {"it", "its", "they", "them", "their", "itself", "themselves"}


@dataclass
class Mention:
    """One mention of an actor in the text."""

    start: int  # character offsets into the document text
    end: int
    tok_start: int  # token offsets [tok_start, tok_end)
    tok_end: int
    text: str
    actor_id: str | None  # canonical id (PRK, person:choe-son-hui, org:kcna); None if unknown
    name: str  # canonical name
    kind: str  # country | person | organization | group | igo
    country: str | None = None
    sector: str | None = None  # PLOVER sector of this mention (MIL for "North Korean troops")
    role: str | None = None
    place: bool = False  # a locative use ("in Moscow"): a place, not an acting actor
    metonym: bool = False  # a place name standing for an actor ("Pyongyang urged"): not a place here
    gender: str | None = None  # "f" / "m" for persons when known (pronoun resolution)
    descriptive: bool = False  # a state named only to describe a thing ("Russian technology")

    @property
    def is_person(self) -> bool:
        return self.kind == "person"

    def ref(self, text: str | None = None) -> ActorRef:
        return ActorRef(id=self.actor_id, name=self.name, text=text or self.text, country=self.country)


class ActorLayer:
    """Actors of a document and their mentions, with lookups by token."""

    def __init__(self, actors: list[Actor], mentions: list[Mention]):
        self.actors = actors
        self.mentions = sorted(mentions, key=lambda m: (m.tok_start, -m.tok_end))
        self._starts = [m.tok_start for m in self.mentions]
        self._by_token: dict[int, Mention] = {}
        for m in self.mentions:
            for i in range(m.tok_start, m.tok_end):
                self._by_token.setdefault(i, m)
        self.by_id = {a.id: a for a in actors}
        self._sents: list[int] | None = None

    # -------------------------------------------------------------- lookups
    def at(self, i: int, *, places: bool = False) -> Mention | None:
        """The mention covering token ``i`` (locative place uses only when ``places``)."""
        m = self._by_token.get(i)
        if m is not None and m.place and not places:
            return None
        return m

    def within(self, tok_start: int, tok_end: int, *, places: bool = False) -> list[Mention]:
        """Mentions lying inside tokens [tok_start, tok_end)."""
        lo = bisect.bisect_left(self._starts, tok_start)
        out = []
        for m in self.mentions[lo:]:
            if m.tok_start >= tok_end:
                break
            if m.tok_end <= tok_end and (places or not m.place):
                out.append(m)
        return out

    def before(self, i: int, *, persons: bool | None = None, limit_tokens: int = 400) -> list[Mention]:
        """Mentions ending before token ``i``, nearest first."""
        lo = bisect.bisect_left(self._starts, max(0, i - limit_tokens))
        hi = bisect.bisect_left(self._starts, i)
        found = [m for m in self.mentions[lo:hi] if m.tok_end <= i and not m.place]
        if persons is not None:
            found = [m for m in found if m.is_person == persons]
        return list(reversed(found))

    def phrase(self, token: Token) -> list[Mention]:
        """The actors a noun phrase headed by ``token`` stands for.

        "Pyongyang" -> [PRK]; "North Korean troops" -> [PRK (MIL)]; "Washington and Seoul" ->
        [USA, KOR]; "Russia's foreign minister Sergei Lavrov" -> [Lavrov]; "she" -> her antecedent;
        "who" (in "Putin, who signed ...") -> [Putin]; "a spokesman for the State Department" ->
        [USA]. Generic phrases ("analysts") come back as mentions without an id.
        """
        if token.lower_ in _RELATIVE and token.head.dep_ == "relcl" and token.head.head.i != token.i:
            token = token.head.head
        out: list[Mention] = []
        for head in [token, *_conjuncts(token)]:
            m = self._head_mention(head)
            if m is not None and m not in out:
                out.append(m)
        return out

    def _head_mention(self, head: Token) -> Mention | None:
        m = self.at(head.i)
        if m is not None and m.actor_id is not None:
            return m
        if head.lower_ in PERSON_PRONOUNS or head.lower_ in GROUP_PRONOUNS:
            return self.antecedent(head)
        better = self._from_dependents(head)
        return better if better is not None else m

    def _from_dependents(self, head: Token) -> Mention | None:
        """A phrase whose head is no mention (or only a generic one) may be named by its
        dependents: "US, South Korean and Ukrainian intelligence reports", "a spokesman for the
        State Department", "the Russian president, Vladimir Putin". A person in apposition
        comes first: "Iran's ambassador to the UN, Amir Saeid Iravani" is the ambassador."""
        for child in head.children:
            if child.dep_ == "appos" and child.i > head.i:
                m = self.at(child.i)
                if m is not None and m.is_person and m.actor_id is not None:
                    return m
        for child in head.children:  # a modifier names the actor: "Russia's army", "US intelligence"
            if child.dep_ in ("compound", "amod", "poss", "nmod", "npadvmod") and child.i < head.i:
                m = self.at(child.i)
                if m is not None and m.actor_id is not None and not m.descriptive:
                    return m
        for child in head.children:  # apposition: "the Russian president, Vladimir Putin"
            if child.dep_ == "appos":
                m = self.at(child.i)
                if m is not None and m.actor_id is not None:
                    return m
        if head.lower_ in _AGENT_NOUNS:  # "a spokesman for the State Department"
            for child in head.children:
                if child.dep_ == "prep" and child.lower_ in ("for", "of", "at", "from"):
                    for obj in child.children:
                        if obj.dep_ == "pobj":
                            m = self.at(obj.i)
                            if m is not None and m.actor_id is not None:
                                return m
        return None

    def antecedent(self, token: Token) -> Mention | None:
        """A pronoun's referent. he/she: the nearest earlier person of a compatible gender,
        subjects of the nearest sentence first; it/they: the nearest earlier state,
        organization or group (places and merely descriptive mentions left out)."""
        word = token.lower_
        if word in PERSON_PRONOUNS:
            gender = "f" if word in _FEMALE else "m"
            candidates = [m for m in self.before(token.i, persons=True) if m.gender in (None, gender)]
            if not candidates:
                return None
            starts = self._sentence_starts(token)
            here = bisect.bisect_right(starts, token.i)
            doc = token.doc

            def rank(m: Mention) -> tuple[int, bool, bool, int]:
                sent_gap = here - bisect.bisect_right(starts, m.tok_start)
                subject = doc[m.tok_end - 1].dep_ in ("nsubj", "nsubjpass")
                return sent_gap, not subject, m.gender is None, -m.tok_start

            return min(candidates, key=rank)
        if word in GROUP_PRONOUNS:
            found = [m for m in self.before(token.i, persons=False) if not m.descriptive]
            if word not in _SINGULAR:
                return found[0] if found else None
            # "it" is a state or an organization, not "analysts" nor "lawmakers"; in its own
            # sentence the nearest, else the subject of the nearest sentence before it
            doc = token.doc
            found = [m for m in found if m.actor_id is not None and doc[m.tok_end - 1].tag_ != "NNS"]
            if not found:
                return None
            starts = self._sentence_starts(token)
            here = bisect.bisect_right(starts, token.i)

            def closeness(m: Mention) -> tuple[int, bool, bool, int]:
                gap = here - bisect.bisect_right(starts, m.tok_start)
                head = doc[m.tok_end - 1]
                subject = head.dep_ in ("nsubj", "nsubjpass")
                main = subject and head.head.dep_ == "ROOT"  # the main clause's, not "after Russia vetoed"
                return gap, gap > 0 and not subject, gap > 0 and not main, -m.tok_start

            return min(found, key=closeness)
        return None

    def _sentence_starts(self, token: Token) -> list[int]:
        if self._sents is None:
            self._sents = [s.start for s in token.doc.sents]
        return self._sents


_RELATIVE = frozenset({"who", "which", "that", "whom"})
_FEMALE = frozenset({"she", "her", "hers", "herself"})
_SINGULAR = frozenset({"it", "its", "itself"})
# Nouns for people who speak or act for an organization ("a spokesman for the Pentagon").
_AGENT_NOUNS = frozenset({
    "spokesman", "spokeswoman", "spokesperson", "spokespeople", "official", "officials", "representative",
    "representatives", "envoy", "ambassador", "head", "chief", "director", "member", "members",
    "minister", "secretary", "adviser", "advisor", "aide", "staff", "officer", "officers", "source",
    "sources", "statement", "delegation", "leader", "leaders", "president", "commander", "chairman",
    "chairwoman", "chair", "analyst", "analysts", "expert", "experts", "researcher", "researchers"})


def _conjuncts(token: Token) -> list[Token]:
    return [t for t in token.conjuncts if t.i > token.i]
