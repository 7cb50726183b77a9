"""The word lists of the claims layer (``data/claims/*.tsv``), validated on load.

    nouns.tsv       what a number counts -> category and unit ("soldiers" -> troops, person)
    casualties.tsv  verbs and participles that make counted people casualties ("killing 12")
    measures.tsv    units of measure ("tonnes" -> tonne, mass)
    not_claims.tsv  words showing a number is not a claim (durations, labels, ages, clocks, phones)
    civilian.tsv    modifiers that make a counted vehicle or device civilian ("10 Airbus jets",
                    "three gold mines"): no weapons
    elsewhere.tsv   words for numbers whose counted noun is said elsewhere ("30 more", "most of
                    the 1,500", "deaths passed 1,000", "put the number at 10,000")
    sources.tsv     words telling who a figure comes from: verbs presenting a figure ("figures
                    show"), verbs of announcing whose subject is the source ("approved a $2bn
                    package"), generic nouns for an organization ("the group")

numbers.tsv, qualifiers.tsv and currencies.tsv are read by ``numbers.py``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from storytrace.nlp.numbers import DATA, LexiconError, NumberLexicon, load_lexicon, read_table

if TYPE_CHECKING:
    from spacy.tokens import Token

    from storytrace.nlp.context import AnalyzedDoc

CATEGORIES = ("troops", "killed", "injured", "arrested", "displaced", "money", "weapons", "people", "other")
CASUALTY = ("killed", "injured", "arrested", "displaced")
ROLES = ("object", "subject", "modifier")
DIMENSIONS = ("mass", "distance", "area", "volume", "power")
NOT_CLAIM_KINDS = ("duration", "counted", "label", "age", "clock", "phone", "collective")
ELSEWHERE_KINDS = ("standin", "whole", "further", "reach", "valuing", "plural", "document")


CIVILIAN_KINDS = ("use", "maker", "resource", "container")
SOURCE_KINDS = ("data", "announce", "body")
SOURCE_STANCES = ("reported", "estimated", "believed", "hedged", "denied")


@dataclass(frozen=True)
class ClaimLexicon:
    numbers: NumberLexicon
    nouns: dict[str, tuple[str, str]]  # counted noun -> (category, unit)
    casualty: dict[tuple[str, str], str]  # (lemma, role) -> category
    measures: dict[str, tuple[str, str]]  # unit noun -> (unit, dimension)
    not_claims: dict[str, frozenset[str]]  # kind -> words
    elsewhere: dict[str, frozenset[str]]  # kind -> words (elsewhere.tsv)
    civilian: frozenset[str] = frozenset()  # civilian.tsv
    sources: dict[str, dict[str, str]] = field(default_factory=dict)  # kind -> word -> stance (sources.tsv)

    def source_cue(self, kind: str, verb: Token) -> str | None:
        """The stance a verb of this sources.tsv kind gives ("approved" -> reported), else None;
        an entry with a particle ("set aside") needs that particle on the verb."""
        words = self.sources.get(kind, {})
        lemma = verb.lemma_.lower()
        for child in verb.children:
            if child.dep_ in ("prt", "advmod") and f"{lemma} {child.lower_}" in words:
                return words[f"{lemma} {child.lower_}"]
        return words.get(lemma)

    def civil(self, token: Token) -> bool:
        """A counted weapon word made civilian by the words before it ("two passenger jets")."""
        before = token.doc[token.left_edge.i:token.i]  # the noun phrase's words before the noun
        return any(m.lower_ in self.civilian or m.lemma_.lower() in self.civilian for m in before)

    def noun(self, token: Token) -> tuple[str, str] | None:
        return self.nouns.get(token.lower_) or self.nouns.get(token.lemma_.lower())

    def measure(self, token: Token) -> tuple[str, str] | None:
        return self.measures.get(token.lower_) or self.measures.get(token.lemma_.lower())

    def casualty_noun(self, token: Token) -> str | None:
        """killed/injured/... when the word names the casualties ("deaths", "refugees")."""
        known = self.noun(token)
        return known[0] if known is not None and known[0] in CASUALTY else None

    def skipped(self, token: Token) -> bool:
        """A counted noun whose counts are not claims (time units, "times", "mm")."""
        words = (token.lower_, token.lemma_.lower())
        return any(w in self.not_claims["duration"] or w in self.not_claims["counted"] for w in words)

    def is_(self, kind: str, word: str) -> bool:
        return word.lower() in self.not_claims[kind]

    def elsewhere_is(self, kind: str, token: Token) -> bool:
        """The token's word or lemma is of this elsewhere.tsv kind ("more" is a standin)."""
        words = self.elsewhere[kind]
        return token.lower_ in words or token.lemma_.lower() in words


def _word_kinds(path: Path, allowed: tuple[str, ...]) -> dict[str, set[str]]:
    """A "word<TAB>kind" list: kind -> its words (lower case); an unknown kind names its line."""
    out: dict[str, set[str]] = {k: set() for k in allowed}
    for n, (word, kind) in read_table(path, 2):
        if kind not in out:
            raise LexiconError(f"{path}:{n}: unknown kind {kind!r} (expected one of {allowed})")
        out[kind].add(word.lower())
    return out


def load_claim_lexicon(folder: Path = DATA) -> ClaimLexicon:
    nouns: dict[str, tuple[str, str]] = {}
    path = folder / "nouns.tsv"
    for n, (word, category, unit) in read_table(path, 3):
        if category not in CATEGORIES:
            raise LexiconError(f"{path}:{n}: unknown category {category!r} (expected one of {CATEGORIES})")
        nouns[word.lower()] = (category, unit)
    casualty: dict[tuple[str, str], str] = {}
    path = folder / "casualties.tsv"
    for n, (lemma, category, role) in read_table(path, 3):
        if category not in CASUALTY or role not in ROLES:
            raise LexiconError(f"{path}:{n}: bad category {category!r} (one of {CASUALTY}) "
                               f"or role {role!r} (one of {ROLES})")
        casualty[(lemma.lower(), role)] = category
    measures: dict[str, tuple[str, str]] = {}
    path = folder / "measures.tsv"
    for n, (word, unit, dimension) in read_table(path, 3):
        if dimension not in DIMENSIONS:
            raise LexiconError(f"{path}:{n}: unknown dimension {dimension!r} (expected one of {DIMENSIONS})")
        measures[word.lower()] = (unit, dimension)
    kinds = _word_kinds(folder / "not_claims.tsv", NOT_CLAIM_KINDS)
    elsewhere = _word_kinds(folder / "elsewhere.tsv", ELSEWHERE_KINDS)
    civilian = set().union(*_word_kinds(folder / "civilian.tsv", CIVILIAN_KINDS).values())
    path = folder / "sources.tsv"
    sources: dict[str, dict[str, str]] = {k: {} for k in SOURCE_KINDS}
    for n, (word, kind, stance) in read_table(path, 3):
        if kind not in sources:
            raise LexiconError(f"{path}:{n}: unknown kind {kind!r} (expected one of {SOURCE_KINDS})")
        if stance not in SOURCE_STANCES and not (kind == "body" and stance == "-"):
            raise LexiconError(f"{path}:{n}: bad stance {stance!r} (one of {SOURCE_STANCES}; '-' for a body)")
        sources[kind][word.lower()] = stance
    return ClaimLexicon(load_lexicon(folder), nouns, casualty, measures,
                        {k: frozenset(v) for k, v in kinds.items()},
                        {k: frozenset(v) for k, v in elsewhere.items()}, frozenset(civilian), sources)


def claim_lexicon(ad: AnalyzedDoc) -> ClaimLexicon:
    """The lexicon, loaded once per process (``Resources.cached``)."""
    return ad.res.cached("claims.lexicon", load_claim_lexicon)
