"""The attribution cue lexicon (``data/quotes/*.tsv``), loaded and validated once per process.

Used by the quotes layer (which words introduce speech) and by :mod:`attribution` (which
words attribute a clause, and with what stance), so both read the same lists.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from storytrace.errors import DataFileError

if TYPE_CHECKING:
    from spacy.tokens import Token

    from storytrace.nlp.resources import Resources

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "quotes"
STANCES = frozenset({"reported", "estimated", "believed", "hedged", "denied"})
FRAMES = frozenset({"clause", "quote", "infinitive", "object", "naming", "as"})
MARKER_KINDS = frozenset({"source", "adverb", "platform", "stance", "bloc"})


@dataclass(frozen=True)
class CueVerb:
    lemma: str  # "say", or "call for" (verb + particle/preposition)
    stance: str
    frames: frozenset[str]

    @property
    def particle(self) -> str | None:
        return self.lemma.split(" ", 1)[1] if " " in self.lemma else None


@dataclass
class Lexicon:
    verbs: dict[str, CueVerb] = field(default_factory=dict)  # single-word lemma -> cue
    phrasal: dict[str, dict[str, CueVerb]] = field(default_factory=dict)  # verb -> particle -> cue
    nouns: dict[str, str] = field(default_factory=dict)  # lemma -> stance
    adjectives: dict[str, str] = field(default_factory=dict)  # lemma -> stance
    sources: dict[tuple[str, ...], str] = field(default_factory=dict)  # ("according", "to") -> stance
    adverbs: dict[str, str] = field(default_factory=dict)  # "reportedly" -> stance
    platforms: dict[tuple[str, ...], str] = field(default_factory=dict)  # ("truth", "social") -> name
    stance_verbs: dict[str, str] = field(default_factory=dict)  # "put" -> "estimated" (not cues)
    blocs: set[tuple[str, ...]] = field(default_factory=set)  # ("west",): a bloc of states as a speaker

    @cached_property
    def trigger_hashes(self) -> Any:
        """spaCy string hashes of every word that can start a frame (lemmas of cue verbs, nouns
        and adjectives, their inflections for lemmatizer slips, first words of source phrases):
        lets the frame finder look at these tokens only."""
        import numpy
        from spacy.strings import hash_string  # type: ignore[attr-defined]  # (exists at run time, not in the stubs)

        words = set(self.verbs) | set(self.phrasal) | set(self.nouns) | set(self.adjectives)
        for verb in list(self.verbs):
            stem = verb[:-1] if verb.endswith("e") else verb
            words |= {verb + "s", verb + "es", verb + "d", verb + "ed", stem + "ed", stem + "ing",
                      verb + "ing"}
        return numpy.array(sorted(hash_string(w) for w in words), dtype="uint64")

    @cached_property
    def source_hashes(self) -> dict[tuple[int, ...], tuple[str, ...]]:
        """The source phrases ("according to") as tuples of spaCy string hashes."""
        from spacy.strings import hash_string  # type: ignore[attr-defined]  # (exists at run time, not in the stubs)

        return {tuple(hash_string(w) for w in words): words for words in self.sources}

    def stance_of(self) -> dict[str, str]:
        """Verb lemma -> stance, for every verb that attributes a clause or a figure (cue verbs
        with a clause, infinitive or object frame, and the stance verbs)."""
        out = {v: c.stance for v, c in self.verbs.items() if c.frames & {"clause", "infinitive", "object"}}
        out.update(self.stance_verbs)
        return out

    def verb(self, lemma: str) -> CueVerb | None:
        return self.verbs.get(lemma)

    def phrasal_verb(self, lemma: str, particle: str) -> CueVerb | None:
        return self.phrasal.get(lemma, {}).get(particle)

    def is_cue_lemma(self, lemma: str) -> bool:
        return lemma in self.verbs or lemma in self.phrasal

    def cue_of(self, tok: Token) -> CueVerb | None:
        """The cue verb a verb token is: its lemma, or its lemma with a particle among its
        children ("went on", "pointed out"; "went bankrupt" is no cue)."""
        lemma = self.verb_lemma(tok)
        if lemma in self.phrasal:
            for c in tok.children:
                if c.dep_ in ("prt", "prep"):
                    found = self.phrasal_verb(lemma, c.lower_)
                    if found is not None:
                        return found
        return self.verbs.get(lemma)

    def verb_lemma(self, tok: Token) -> str:
        """The token's lemma, or a cue lemma it is an inflection of when the lemmatizer slipped
        ("hoped" -> "hop")."""
        lemma = tok.lemma_.lower()
        if lemma in self.verbs or lemma in self.phrasal:
            return lemma
        word = tok.lower_
        for cut, add in ((1, ""), (2, ""), (3, "e"), (3, ""), (1, "e")):
            if len(word) > cut + 2:
                guess = word[:-cut] + add
                if guess in self.verbs and word.endswith(("ed", "ing", "es", "s", "d")):
                    return guess
        return lemma


def _rows(path: Path, columns: int) -> Iterator[tuple[int, list[str]]]:
    """Non-comment rows of a TSV file, each checked to have ``columns`` fields."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise DataFileError(str(path), f"cannot read the cue lexicon: {exc}") from exc
    for n, line in enumerate(lines, 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t")]
        if len(cells) != columns or not all(cells):
            raise DataFileError(str(path), f"expected {columns} tab-separated fields, got {line!r}", n)
        yield n, cells


def _stance(path: Path, n: int, value: str) -> str:
    if value not in STANCES:
        raise DataFileError(str(path), f"unknown stance {value!r} (one of {', '.join(sorted(STANCES))})", n)
    return value


def load_lexicon(data_dir: Path = DATA_DIR) -> Lexicon:
    lex = Lexicon()
    path = data_dir / "verbs.tsv"
    for n, (lemma, stance, frames) in _rows(path, 3):
        wanted = frozenset(f.strip() for f in frames.split(","))
        unknown = wanted - FRAMES
        if unknown:
            raise DataFileError(str(path), f"unknown frame(s) {', '.join(sorted(unknown))} "
                                           f"(one of {', '.join(sorted(FRAMES))})", n)
        words = lemma.lower().split()
        if len(words) > 2:
            raise DataFileError(str(path), f"a cue verb is one word or a verb and a particle: {lemma!r}", n)
        cue = CueVerb(" ".join(words), _stance(path, n, stance), wanted)
        if len(words) == 2:
            lex.phrasal.setdefault(words[0], {})[words[1]] = cue
        elif words[0] in lex.verbs:
            raise DataFileError(str(path), f"duplicate cue verb {lemma!r}", n)
        else:
            lex.verbs[words[0]] = cue
    path = data_dir / "nouns.tsv"
    for n, (lemma, stance) in _rows(path, 2):
        lex.nouns[lemma.lower()] = _stance(path, n, stance)
    path = data_dir / "adjectives.tsv"
    for n, (lemma, stance) in _rows(path, 2):
        lex.adjectives[lemma.lower()] = _stance(path, n, stance)
    path = data_dir / "markers.tsv"
    for n, (kind, phrase, stance) in _rows(path, 3):
        if kind not in MARKER_KINDS:
            kinds = ", ".join(sorted(MARKER_KINDS))
            raise DataFileError(str(path), f"unknown marker kind {kind!r} (one of {kinds})", n)
        phrase_words = tuple(phrase.lower().split())
        if kind == "source":
            lex.sources[phrase_words] = _stance(path, n, stance)
        elif kind == "adverb":
            lex.adverbs[phrase.lower()] = _stance(path, n, stance)
        elif kind == "stance":
            lex.stance_verbs[phrase.lower()] = _stance(path, n, stance)
        elif kind == "bloc":
            lex.blocs.add(tuple(w for w in phrase_words if w != "the"))
        else:
            lex.platforms[phrase_words] = phrase
    return lex


def lexicon(res: Resources) -> Lexicon:
    """The cue lexicon, loaded once per process."""
    return res.cached("quotes.lexicon", load_lexicon)
