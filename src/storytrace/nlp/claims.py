"""The claims layer: numbers that somebody reports, with what they count and who says so.

Find, then write: ``numbers.find_quantities`` reads every number of the document (digits and
words, ranges, qualifiers, money), then for each one

1. ``claims_filters`` drops what is not a claim (years, dates, ages, times of day, phone
   numbers, durations, labels, names, tallies, currency conversions, partitives, anaphoric
   definites, small counts of ordinary things);
2. ``claims_counted`` finds what it counts (the ``about`` phrase) in the dependency parse and
   the category: money by its currency, casualties by the clause ("killing 12", "30 were
   wounded", "10,000 fled"), else by the counted noun (troops, weapons, people), else other;
3. ``claims_elsewhere`` resolves a number standing alone ("up to 8,000 could be there",
   "213 of them", "about 30 more", "put the total number sent at 10,000") to what an earlier
   claim or counted noun of the same or previous sentence counted; without one it is no claim
   unless its clause makes it a casualty;
4. ``claims_source`` asks who asserts the clause and how firmly (``attribution_for`` plus
   claim-specific fallbacks) and links a time of the same clause.

Casualty lists are split ("killing a shopkeeper and wounding 14 traders and six children"
-> killed 1, injured 14, injured 6): every number is its own claim, and "a"/"an" before a
person counts as one in a casualty clause. Word lists live in ``data/claims/`` (docs/claims.md).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import replace
from typing import TYPE_CHECKING

import numpy as np
from spacy.attrs import LEMMA
from spacy.strings import get_string_id

from storytrace.nlp.claims_counted import Counted, about_range, category, counted, group_head, may_be_person
from storytrace.nlp.claims_elsewhere import Recent, base_kind, resolve, stands_alone
from storytrace.nlp.claims_filters import is_conversion, not_a_number, worth_reporting
from storytrace.nlp.claims_lexicon import ClaimLexicon, claim_lexicon
from storytrace.nlp.claims_source import source_of, when_of
from storytrace.nlp.context import AnalyzedDoc
from storytrace.nlp.numbers import Quantity, find_quantities
from storytrace.records import Claim, Span

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

log = logging.getLogger(__name__)


def extract(ad: AnalyzedDoc) -> list[Claim]:
    lex = claim_lexicon(ad)
    doc = ad.doc
    found: list[tuple[int, Claim]] = []
    used: set[int] = set()  # tokens of numbers already read (for the "a shopkeeper" pass)
    recent = Recent()  # what the claims so far counted, for numbers standing alone
    money_end, money_unit, converting = -1, "", False
    for q in find_quantities([t.text for t in doc], lex.numbers):
        used.update(range(q.start, q.end))
        if q.currency is not None:
            converting = q.currency != money_unit and is_conversion(doc, money_end, q, converting)
            money_end, money_unit = q.end, q.currency
            if converting:  # "$61bn (£49bn)": the same amount in another currency
                continue
        try:
            claim = _claim_of(ad, lex, q, recent)
        except Exception as exc:  # degrade per item: one odd number must not lose the others
            if ad.res.strict:
                raise
            log.warning("%s: number at token %d skipped: %s: %s", ad.doc_id, q.start, type(exc).__name__, exc)
            continue
        if claim is not None:
            found.append((q.start, claim))
    found.extend(_casualty_articles(ad, lex, used))
    found.sort(key=lambda x: x[0])
    return [c for _, c in found]


def _claim_of(ad: AnalyzedDoc, lex: ClaimLexicon, q: Quantity, recent: Recent | None = None) -> Claim | None:
    doc = ad.doc
    if q.tally or not_a_number(ad, lex, q):
        return None
    head = group_head(doc, q)
    c = counted(doc, lex, q, head)
    if c is None:
        return None
    kind = category(lex, q, c)
    if kind is None:
        return None
    base = base_kind(lex, c.noun)[0] if c.noun is not None and kind[0] != "money" else kind[0]
    how = stands_alone(lex, q, c, head) if c.noun is None and (c.about is None or c.toll) else None
    if how is not None:
        resolved = resolve(ad, lex, q, how, kind, recent or Recent())
        if resolved is not None:  # "up to 8,000 could be there" after "11,000 soldiers"
            kind, about_of, base = resolved
            c = replace(c, about=about_of, toll=False)
    if not worth_reporting(doc, q, c, kind[0]):
        return None
    about = _about_outside(doc, q, c)
    if about is not None and _paragraph_between(doc, q, about[0], about[1]):
        about = None  # "loss 18 cts\n    Net loss 2,494,000": the next row of a table
    if recent is not None and q.measure is None and (c.noun is None or lex.measure(c.noun) is None):
        recent.add(ad, q, about, kind, base)  # what later numbers may count ("300 km" is no count)
    end = q.end
    if about is not None and q.end <= about[0] <= q.end + 2:
        end = max(end, about[1])  # "up to 8,000 Belarusian troops", "$250 million in aid"
    elif c.noun is not None and q.end <= c.noun.i <= q.end + 4 \
            and not _paragraph_between(doc, q, c.noun.i, c.noun.i + 1):
        end = max(end, c.noun.i + 1)
    elif c.standin is not None and q.end <= c.standin.i <= q.end + 1:
        end = c.standin.i + 1  # "about 30 more", "30 others"
    elif c.noun is None and q.end < len(doc) and (doc[q.end].lower_, "modifier") in lex.casualty:
        end = q.end + 1  # "five dead", "a dozen wounded"
    estimated = q.qualifier in ("an estimated", "estimated")
    low, high, approx = q.low, q.high, q.approx
    if q.change and q.change_from is not None and q.change_from < (high or 0) and q.start > 0 \
            and doc[q.start - 1].head.lemma_.lower() in ("range", "vary"):
        low, approx = q.change_from, "range"  # "ranging from 5 percent to 25 percent"
    return _make(ad, c.anchor, approx, low, high, kind, about, ad.token_span(q.start, end), estimated)


def _paragraph_between(doc: Doc, q: Quantity, a: int, b: int) -> bool:
    """A paragraph break (a blank line, or a line break and an indent) between the number and
    the words ``a:b``: a table row or paragraph that follows is no part of what it counts (a
    single line break is only the wrapping of a wire text)."""
    lo, hi = (q.end, a + 1) if a >= q.end else (b - 1, q.start)
    return any(t.is_space and "\n" in t.text and len(t.text.strip(" ")) + t.text.count(" ") > 1
               for t in doc[lo:hi])


def _about_outside(doc: Doc, q: Quantity, c: Counted) -> tuple[int, int] | None:
    """The about range without the number itself ("the package worth $60bn" -> "package")."""
    if c.about is None:
        return None
    a, b = c.about
    if a < q.start < b:
        b = q.start
        while b > a and (doc[b - 1].is_punct or doc[b - 1].lower_ in ("worth", "of", "at", "to", "by")):
            b -= 1
        return (a, b) if b > a else None
    if a < q.end and b > q.start:
        return None
    return a, b


def _make(ad: AnalyzedDoc, anchor: Token, approx: str, low: float | None, high: float | None,
          kind: tuple[str, str | None], about: tuple[int, int] | None, span: Span,
          estimated: bool = False) -> Claim:
    source, source_text, stance = source_of(ad, anchor)
    if source is None and stance == "asserted" and estimated:
        stance = "estimated"  # "an estimated 5,000 people"
    text = " ".join(ad.doc[about[0]:about[1]].text.split()) if about is not None else ""
    return Claim(about=text or None, category=kind[0], unit=kind[1], low=low, high=high,  # type: ignore[arg-type]
                 approx=approx, source=source, source_text=source_text, stance=stance,  # type: ignore[arg-type]
                 when=when_of(ad, anchor), span=span)


def _casualty_articles(ad: AnalyzedDoc, lex: ClaimLexicon, used: set[int]) -> Iterator[tuple[int, Claim]]:
    """'killing a shopkeeper', 'a child was wounded': one casualty named with "a"/"an"."""
    doc = ad.doc
    wanted = ad.res.cached("claims.casualty_lemmas", lambda: np.array(
        sorted({get_string_id(lemma) for lemma, _ in lex.casualty}), dtype=np.uint64))
    for i in np.flatnonzero(np.isin(doc.to_array(LEMMA), wanted)).tolist():  # O(tokens), in numpy
        verb = doc[i]
        if verb.pos_ not in ("VERB", "AUX", "ADJ"):
            continue
        lemma = verb.lemma_.lower()
        as_object = lex.casualty.get((lemma, "object"))
        as_subject = lex.casualty.get((lemma, "subject"))
        if as_object is None and as_subject is None:
            continue
        for arg in verb.children:
            kind: str | None = None
            if arg.dep_ in ("dobj", "nsubjpass"):
                kind = as_object
            elif arg.dep_ == "nsubj":
                kind = as_subject or (as_object if verb.tag_ == "VBN" else None)
            if kind is None:
                continue
            for noun in (arg, *(t for t in arg.conjuncts if t.i > arg.i)):
                det = next((t for t in noun.children if t.dep_ == "det" and t.lower_ in ("a", "an")), None)
                if det is None or det.i in used or noun.i in used or not may_be_person(lex, noun) \
                        or any(t.dep_ == "nummod" for t in noun.children):
                    continue
                used.update(range(det.i, noun.i + 1))
                about = (about_range(doc, noun, det.i + 1)[0], noun.i + 1)
                yield det.i, _make(ad, noun, "exact", 1, 1, (kind, "person"), about,
                                   ad.token_span(det.i, noun.i + 1))
