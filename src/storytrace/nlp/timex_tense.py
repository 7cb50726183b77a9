"""The tense of the clause a time expression sits in: which way a bare "Friday" or "April"
points from the publication date.

The governing verb is found by walking up the dependency tree from the expression; its
auxiliaries and tag decide: "will/would/shall", "is to", "going to", "plans to" and modals
look ahead (``future``); a past tag or a past auxiliary look back (``past``), and so does
a perfect ("has said": ``perfect``, kept apart because the state it reports may last); a
present tag is ``present``. Without a verb (headline fragments) the tense is ``None``.

spaCy makes a new ``Token`` object on every access, so tokens are compared by index
(``tok.head.i == tok.i``), never with ``is``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from spacy.tokens import Token

Tense = Literal["past", "perfect", "present", "future"]

_FUTURE_AUX = {"will", "'ll", "shall", "wo", "would", "'d"}
_MODAL_AUX = {"may", "might", "could", "should", "must", "can", "ca", "ought"}
_PERFECT_AUX = {"have", "has", "'ve", "having"}
_MAX_UP = 8
_COMPLEMENTS = ("xcomp", "ccomp", "advcl", "acl", "relcl")
# words that rank the noun an infinitive describes: "the third journalist to be arrested",
# "the first to sign" report a fact, not a plan
_RANKS = {"first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
          "last", "latest", "only", "final", "sole"}


@dataclass(frozen=True)
class Clause:
    """The tense of an expression's clause, the verb that decided it, and whether that tense
    was taken from a verb above a bare participle or gerund ("announced cuts, resulting in
    closures in the fourth quarter": the closures are not necessarily past)."""

    tense: Tense | None
    verb: Token | None = None
    inherited: bool = False


def _is_root(tok: Token) -> bool:
    return tok.head.i == tok.i


def _paragraph_break(tok: Token) -> bool:
    """A blank line, or a line break before an indent: the end of a paragraph (a headline
    or a line without a full stop is parsed into the sentence after it)."""
    text = tok.text
    return tok.is_space and (text.count("\n") >= 2 or ("\n" in text and text.rstrip(" \t") != text))


def _across_paragraphs(a: Token, b: Token) -> bool:
    lo, hi = sorted((a.i, b.i))
    return hi - lo > 1 and any(_paragraph_break(t) for t in a.doc[lo + 1:hi])


def _paragraph_verb(token: Token) -> Token | None:
    """The main verb of ``token``'s own paragraph within its sentence: the verb whose head
    is itself or lies beyond a paragraph break."""
    doc, sent = token.doc, token.sent
    lo, hi = sent.start, sent.end
    for t in doc[sent.start:token.i]:
        if _paragraph_break(t):
            lo = t.i + 1
    for t in doc[token.i:sent.end]:
        if _paragraph_break(t):
            hi = t.i
            break
    for t in doc[lo:hi]:
        if t.pos_ in ("VERB", "AUX") and t.dep_ not in ("aux", "auxpass") and (
                _is_root(t) or not lo <= t.head.i < hi):
            return t
    return None


def governing_verb(token: Token) -> Token | None:
    """The nearest verb above ``token`` (itself when it is one), within its paragraph: a
    head across a blank line is a parse that glued two paragraphs together ("... three
    billion dollars\n\nAt the end of August, Biden said"), so the verb of the expression's
    own paragraph is taken instead."""
    tok = token
    for _ in range(_MAX_UP):
        if tok.pos_ in ("VERB", "AUX") and tok.dep_ not in ("aux", "auxpass"):
            return tok
        if _is_root(tok):
            return None
        if _across_paragraphs(tok, tok.head):
            return _paragraph_verb(token)
        tok = tok.head
    return None


def _aux_tense(verb: Token) -> Tense | None:
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in auxes}
    if words & _FUTURE_AUX:
        return "future"
    if words & _MODAL_AUX:
        # "could have struck" looks back, "could strike" ahead
        return "past" if words & _PERFECT_AUX or "had" in words else "future"
    if words & _PERFECT_AUX:
        return "perfect"  # "has said": past, but the state may last ("has closed markets until Friday")
    if "had" in words:
        return "past"
    for a in auxes:
        if a.tag_ == "VBD":
            # "was to meet" looks ahead from a past point
            return "future" if a.lemma_ == "be" and _has_to(verb) else "past"
        if a.tag_ in ("VBZ", "VBP"):
            if a.lemma_ == "be" and verb.tag_ == "VBG" and verb.lemma_ == "go":
                return "future"  # "is going to"
            return "present"
    return None


def _has_to(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _perfect_infinitive(verb: Token) -> bool:
    """"to have been arrested", "to have met": a completed event."""
    return any(c.dep_ == "aux" and c.lemma_ == "have" and c.tag_ == "VB" for c in verb.children)


def _ranked(noun: Token) -> bool:
    """"the first", "the third journalist", "the youngest woman"."""
    if noun.lower_ in _RANKS or noun.tag_ == "JJS":
        return True
    return any(c.dep_ in ("amod", "advmod") and (c.lower_ in _RANKS or c.tag_ == "JJS")
               for c in noun.children)


def tense_of(token: Token, future_cues: set[str] | frozenset[str] = frozenset()) -> Tense | None:
    """past | perfect | present | future for the clause of ``token``, or None without a verb."""
    return clause_of(token, future_cues).tense


def clause_of(token: Token, future_cues: set[str] | frozenset[str] = frozenset()) -> Clause:
    """The tense of the clause of ``token`` with the verb that decided it."""
    verb = governing_verb(token)
    if verb is None:
        return Clause(None)
    if _has_to(verb) and _is_root(verb) and not _perfect_infinitive(verb):
        return Clause("future", verb)  # headline style: "Markets to reopen Friday"
    for _ in range(3):
        # an infinitive takes its direction from the verb it completes:
        # "plans to meet Friday" and "is to meet" look ahead, "tried to meet" looks back
        if not (_has_to(verb) and verb.dep_ in _COMPLEMENTS and not _is_root(verb)):
            break
        if _perfect_infinitive(verb):
            return Clause("past", verb)  # "is believed to have been arrested in January"
        head = verb.head
        if head.lemma_ in future_cues or head.lemma_ == "be" or head.lower_ in ("going", "due", "set"):
            return Clause("future", verb)
        if head.pos_ not in ("VERB", "AUX"):
            if not _ranked(head):
                return Clause("future", verb)  # "a plan to meet Friday", "the decision to hold talks in May"
            # "the third journalist to be arrested in January": the tense of the clause around it
            above = None if _is_root(head) else governing_verb(head.head)
            if above is None:
                return Clause(None, verb)
            verb = above
            continue
        verb = head
    aux = _aux_tense(verb)
    inherited = False
    for _ in range(3):
        # a bare participle in a small clause, or a bare verb in a coordination, takes the
        # tense of the verb above it ("has kept markets closed until Friday", "will meet on
        # Tuesday and vote on Wednesday")
        bare_participle = verb.tag_ == "VBN" and verb.dep_ in ("ccomp", "xcomp", "conj", "advcl")
        bare_gerund = verb.tag_ == "VBG" and verb.dep_ in ("advcl", "acl", "xcomp", "conj", "pcomp", "ccomp")
        bare_conjunct = verb.tag_ == "VB" and verb.dep_ == "conj"
        if aux is not None or not (bare_participle or bare_gerund or bare_conjunct):
            break
        if bare_gerund and verb.dep_ == "pcomp" and verb.head.tag_ == "IN":
            # a gerund after a preposition: "since invading on Feb 24" looks back; "said in
            # releasing the poll on Friday", "will sign after meeting on Monday" take the
            # tense of the verb the preposition hangs on
            if verb.head.lower_ == "since":
                return Clause("past", verb, True)
            above = None if _is_root(verb.head) else governing_verb(verb.head.head)
            if above is None or above.i == verb.i:
                break
            inherited = True
            verb = above
            aux = _aux_tense(verb)
            continue
        if _is_root(verb) or verb.head.pos_ not in ("VERB", "AUX"):
            break
        inherited = inherited or not bare_conjunct
        verb = verb.head
        aux = _aux_tense(verb)
    if aux is not None:
        return Clause(aux, verb, inherited)
    return Clause(_tag_tense(verb.tag_), verb, inherited)


def _tag_tense(tag: str) -> Tense | None:
    if tag in ("VBD", "VBN"):
        return "past"
    if tag in ("VBZ", "VBP", "VBG"):
        return "present"
    if tag == "VB":
        # a bare verb under a past verb ("did not say") or a modal handled above; imperative
        return "present"
    if tag == "MD":
        return "future"
    return None
