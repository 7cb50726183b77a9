"""Where an event sits in the text and in the world: the clause that states it (its evidence
span), its time (the clause's own time expression, else the publication date for reports of
recent acts, flagged ``when_inferred``), its place and its size (dead / injured / arrested from
the claims of the same clause), and the mode and context words found in that clause.
"""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING

from storytrace.nlp.events_lexicon import Lexicon, Terms
from storytrace.nlp.events_match import keys, phrase_at, term_match
from storytrace.nlp.events_roles import dateline
from storytrace.records import Place, Size, Span, Time

if TYPE_CHECKING:
    from spacy.tokens import Token

    from storytrace.nlp.context import AnalyzedDoc

DATE_VALUE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
NESTED = ("ccomp", "relcl", "parataxis", "csubj", "acl")
LOCATIVE = {"in", "at", "near", "outside", "inside", "over", "across", "around", "from", "into", "on"}


def clause_tokens(anchor: Token, *, own: bool = False) -> list[Token]:
    """The anchor's clause: its subtree without nested clauses (complements, relative clauses,
    finite adverbial clauses, coordinated clauses with their own subject). Participles stay
    ("..., killing a police officer"). ``own`` also leaves out the act a frame verb governs
    ("agreed [to expand cooperation next year]": the agreement itself is not in the future)."""
    out = [anchor]
    stack = [c for c in anchor.children if not _nested(c) and not (own and _governed(c))]
    while stack:
        t = stack.pop()
        out.append(t)
        stack.extend(c for c in t.children if not _nested(c))
    return sorted(out, key=lambda t: t.i)


def _governed(t: Token) -> bool:
    return t.dep_ in ("xcomp", "ccomp") or (t.dep_ == "advcl" and t.tag_ == "VB")


def _nested(t: Token) -> bool:
    if t.dep_ in NESTED:
        return True
    if t.dep_ in ("advcl", "conj") and t.pos_ in ("VERB", "AUX"):
        return any(c.dep_ in ("nsubj", "nsubjpass", "mark") for c in t.children)
    return False


def span_of(ad: AnalyzedDoc, toks: list[Token], extra: list[int]) -> Span:
    """The character span from the first to the last of these words, inside their sentence."""
    idx = [t.i for t in toks] + extra
    sent = ad.sent_of(toks[0])
    lo = max(min(idx), sent.start)
    hi = min(max(idx) + 1, sent.end)
    while hi - 1 > lo and ad.doc[hi - 1].is_punct and ad.doc[hi - 1].text not in ('"', "'", ")"):
        hi -= 1
    while lo < hi - 1 and ad.doc[lo].is_punct:
        lo += 1
    return ad.token_span(lo, hi)


def _token_set(toks: list[Token]) -> tuple[set[int], int, int]:
    chars = {t.idx for t in toks}
    return chars, min(t.idx for t in toks), max(t.idx + len(t) for t in toks)


def _starts_in(span: Span, chars: set[int], toks: list[Token]) -> bool:
    if span.start in chars:
        return True
    return any(t.idx <= span.start < t.idx + len(t) for t in toks)


def when_of(ad: AnalyzedDoc, toks: list[Token]) -> Time | None:
    """The clause's own time expression (the first with a value)."""
    if not ad.times:
        return None
    chars, lo, hi = _token_set(toks)
    found = [t for t in ad.times if lo <= t.span.start < hi and _starts_in(t.span, chars, toks)]
    if not found:
        return None
    return next((t for t in found if t.value), found[0])


def is_future_time(ad: AnalyzedDoc, time: Time | None) -> bool:
    if time is None or not time.value:
        return False
    if time.value == "FUTURE_REF":
        return True
    if ad.published is None or not DATE_VALUE.match(time.value):
        return False
    return time.value > ad.published.isoformat()[:len(time.value)]


def published_time(ad: AnalyzedDoc, at: int) -> Time | None:
    """The publication date as the event's time (a zero-width span at the trigger)."""
    if not isinstance(ad.published, date):
        return None
    return Time(text="", value=ad.published.isoformat(), granularity="day", span=Span(start=at, end=at))


def where_of(ad: AnalyzedDoc, toks: list[Token]) -> Place | None:
    """A place named in the clause, preferring one introduced by a locative preposition."""
    if not ad.places:
        return None
    chars, lo, hi = _token_set(toks)
    found = [p for p in ad.places if lo <= p.span.start < hi and _starts_in(p.span, chars, toks)]
    found = [p for p in found if not _filed_from(ad, p.span.start)]
    if not found:
        return None
    for p in found:
        before = doc_text(ad)[max(0, p.span.start - 12):p.span.start].lower().split()
        if (before and before[-1] in LOCATIVE) or (len(before) > 1 and before[-2] in LOCATIVE):
            return p
    return found[0]


def _filed_from(ad: AnalyzedDoc, start: int) -> bool:
    span = ad.doc.char_span(start, start + 1, alignment_mode="expand")
    return span is not None and dateline(span[0])


def size_of(ad: AnalyzedDoc, anchor: Token) -> Size:
    """Dead / injured / arrested counted in the claims of the anchor's sentence part."""
    if not ad.claims:
        return Size()
    toks = list(anchor.subtree)
    sent = ad.sent_of(anchor)
    lo = max(toks[0].idx, sent.start_char)
    hi = min(toks[-1].idx + len(toks[-1]), sent.end_char)
    totals: dict[str, int] = {}
    for c in ad.claims:
        field_name = {"killed": "dead", "injured": "injured", "arrested": "arrested"}.get(c.category)
        if field_name is None or not (lo <= c.span.start < hi):
            continue
        value = c.high if c.high is not None else c.low
        if value is None:
            continue
        totals[field_name] = totals.get(field_name, 0) + int(value)
    return Size(**totals)


def mode_from_words(ad: AnalyzedDoc, lex: Lexicon, type_name: str, toks: list[Token]) -> str | None:
    table: list[tuple[str, Terms]] = lex.mode_words.get(type_name, [])
    for mode, terms in table:
        if any(term_match(ad, t, terms) for t in toks):
            return mode
    return None


def doc_text(ad: AnalyzedDoc) -> str:
    """The document text, built once per document and shared with the other layers
    (``Doc.text`` joins every token on each call)."""
    return ad.text


def contexts_from_words(ad: AnalyzedDoc, lex: Lexicon, toks: list[Token]) -> list[str]:
    """The contexts whose words occur among ``toks`` (one dictionary look-up per word)."""
    words, heads = lex.context_index()
    found: set[str] = set()
    for t in toks:
        if t.is_punct:
            continue
        for key in keys(t):
            found.update(words.get(key, ()))
            for ctx, phrase in heads.get(key, ()):
                if ctx not in found and phrase_at(t, phrase):
                    found.add(ctx)
    return [ctx for ctx, _ in lex.context_words if ctx in found]
