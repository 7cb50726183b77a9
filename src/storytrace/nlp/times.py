"""The times layer: every time expression with its TIMEX3 value (``spec/EXPORT.md`` Time).

    find (timex_find: rules of timex_patterns, checked against the tokens)
      -> tense of each expression's clause (timex_tense)
      -> resolve in text order against the publication date and the reference time
         (timex_resolve, timex_calendar); clock times last, so they can take the date
         named in their sentence.

Relative expressions ("Friday", "last year") need the publication date: without one their
value stays null. Absolute ones ("1 November 2024", "the 1990s") always resolve.
Rules and limits are described in docs/times.md.
"""

from __future__ import annotations

import logging
import re
from datetime import date

from storytrace.nlp.context import AnalyzedDoc
from storytrace.nlp.timex_calendar import granularity
from storytrace.nlp.timex_find import Candidate, Tokens, find
from storytrace.nlp.timex_lexicon import lexicon
from storytrace.nlp.timex_patterns import grammar
from storytrace.nlp.timex_resolve import Context, Resolution, resolve
from storytrace.nlp.timex_tense import Clause, Tense, clause_of
from storytrace.records import Span, Time

log = logging.getLogger(__name__)

_ANCHORED = {"ago", "unit_after"}  # "a day after <date>": the date that follows is the anchor
_ANCHOR_GAP = re.compile(r"^\s*(?:the\s+)?$", re.IGNORECASE)
_LIST_GAP = re.compile(r"^\s*(?:,|and|or|to|through|until|-|–)?\s*(?:and\s+|or\s+)?$", re.IGNORECASE)
_OF_GAP = re.compile(r"\s+of\s+", re.IGNORECASE)
_CLAUSE_END = re.compile(r"^\s*(?:[.,;:!?)\"”'’]|$|and\b|but\b)", re.IGNORECASE)
_UNTIL = {"until", "till", "til", "through", "by"}
_AHEAD_PREPS = _UNTIL | {"to"}  # "postponed to March 3"
_SINCE = {"since"}
# rules whose value never depends on the tense (the parse is not read for them)
_TENSELESS = {"iso", "numeric", "month_year", "year_range", "year", "year2", "decade", "century",
              "same_period", "unit_after", "relday", "anaphor", "the_day", "ago", "vague", "daypart", "row",
              "that_time"}
_REF_GRAINS = {"day", "week", "month", "season", "quarter", "year"}


class _Resolver:
    """Resolves the candidates of one document, keeping the reference time up to date."""

    def __init__(self, ad: AnalyzedDoc, cands: list[Candidate], tokens: Tokens):
        self.ad = ad
        self.cands = cands
        self.tokens = tokens
        self.lex = lexicon(ad.res)
        self.ref = ad.published
        self.ref_grain: str | None = "day" if ad.published else None
        self.ref_day: date | None = None  # only a day the text names anchors "three days later"
        self.ref_value: str | None = None  # the value of the last date the text named ("by that time")
        self.ref_at = -1  # where that date was named (character offset)
        self.done: dict[int, Resolution | None] = {}
        self.known_days: dict[tuple[int, int], int] = {}  # month and day -> the year the text gave

    def context(self, i: int) -> Context:
        c = self.cands[i]
        head = self.tokens.head(c.start, c.end) if c.rule not in _TENSELESS else None
        clause = clause_of(head, self.lex.future_cues) if head is not None else Clause(None)
        ctx = Context(pub=self.ad.published, lex=self.lex, ref=self.ref, ref_grain=self.ref_grain,
                      ref_day=self.ref_day, tense=self.direction(c, clause), inherited=clause.inherited,
                      known_days=self.known_days)
        if c.rule == "that_time" and self.ref_at >= 0 and \
                self.tokens.sentence_of(c.start) - self.tokens.sentence_of(self.ref_at) <= 1:
            ctx.ref_value = self.ref_value  # "by that time": a date named in this or the last sentence
        text = self.tokens.text
        if c.rule == "daypart" and _OF_GAP.match(text[c.end:c.end + 4]):
            ctx.of_follows = True  # "the morning of 3 May": the date after it
            nxt = self.cands[i + 1] if i + 1 < len(self.cands) else None
            if nxt is not None and _OF_GAP.fullmatch(text[c.end:nxt.start]):
                ctx.next_anchor = self.get(i + 1, update=False)
        if c.rule in _ANCHORED:
            nxt = self.cands[i + 1] if i + 1 < len(self.cands) else None
            if nxt is not None and _ANCHOR_GAP.match(text[c.end:nxt.start]):
                ctx.next_anchor = self.get(i + 1, update=False)
            ctx.clause_ends = bool(_CLAUSE_END.match(text[c.end:c.end + 8]))
        if c.rule == "month" and not any(c.groups.get(k) for k in ("rel", "mod", "yrel")):
            ctx.list_year = self.list_year(i)
        return ctx

    def direction(self, c: Candidate, clause: Clause) -> Tense | None:
        """The clause's tense, turned by the preposition before the expression: "until" and
        "by" look ahead unless the clause is past ("schools stay closed until Monday"), and
        also after a past verb of deferring ("the ban was extended until July 29"); a past
        verb of planning names a date on either side ("talks were scheduled for June 3": the
        nearest); "since" looks back ("closed since March")."""
        tense = clause.tense
        before = self.tokens.before(c.start)
        word = before.lower_ if before is not None else ""
        if word in _SINCE:
            return "past"
        if word in _UNTIL and tense != "past":
            return "future"
        verb = clause.verb
        if tense == "past" and verb is not None:
            lemma = verb.lemma_.lower()
            if lemma in self.lex.ahead_cues and word in _AHEAD_PREPS and before is not None \
                    and before.head.i == verb.i:
                return "future"  # "the ban was extended until July 29" (not "closed ... from May 1 to May 3")
            if lemma in self.lex.plan_cues:
                return "present"  # "talks were scheduled for June 3": either side, the nearest
        return tense

    def list_year(self, i: int) -> int | None:
        """The year given at the end of a list of months ("in June, July and October of
        2019", "from March to August this year")."""
        text = self.tokens.text
        j = i
        while j + 1 < len(self.cands) and _LIST_GAP.match(text[self.cands[j].end:self.cands[j + 1].start]):
            j += 1
            nxt = self.cands[j]
            if nxt.rule not in ("month", "month_year", "mdy", "dmy"):
                return None
            if nxt.groups.get("y") or nxt.groups.get("yrel"):
                res = self.get(j, update=False)
                return res.point.year if res is not None and res.point is not None else None
        return None

    def get(self, i: int, update: bool = True) -> Resolution | None:
        if i not in self.done:
            self.done[i] = resolve(self.cands[i], self.context(i))
        res = self.done[i]
        if update and res is not None and res.point is not None and res.value is not None:
            grain = granularity(res.value)
            if grain in _REF_GRAINS:
                self.ref, self.ref_grain = res.point, grain
                self.ref_value, self.ref_at = res.value, self.cands[i].start
            if grain == "day":
                self.ref_day = res.point
        return res

    def clock(self, i: int) -> Resolution | None:
        """A clock time takes the nearest day named in its sentence."""
        c = self.cands[i]
        ctx = self.context(i)
        best: tuple[int, Resolution] | None = None
        for j, other in enumerate(self.cands):
            res = self.done.get(j)
            if j == i or res is None or res.point is None or granularity(res.value) != "day":
                continue
            if not self.tokens.same_sentence(other.start, c.start):
                continue
            dist = abs(other.start - c.start)
            if best is None or dist < best[0]:
                best = (dist, res)
        if best is not None:
            ctx.sentence_day = best[1].point
        return resolve(c, ctx)


def _time(text: str, c: Candidate, res: Resolution) -> Time:
    extra = {k: v for k, v in (("mod", res.mod), ("begin", res.begin), ("end", res.end)) if v}
    return Time(text=text[c.start:c.end], value=res.value,
                granularity=granularity(res.value) or res.granularity,  # type: ignore[arg-type]
                span=Span(start=c.start, end=c.end), **extra)


def extract(ad: AnalyzedDoc) -> list[Time]:
    doc = ad.doc
    if not len(doc):
        return []
    lex = lexicon(ad.res)
    tokens = Tokens(doc, ad.text)  # the text is cached on the AnalyzedDoc, shared with other layers
    cands = find(doc, grammar(ad.res), lex, tokens)
    resolver = _Resolver(ad, cands, tokens)
    clocks: list[int] = []
    for i, c in enumerate(cands):
        if c.rule == "clock" and not (c.groups.get("wd") or c.groups.get("rel")):
            clocks.append(i)
            continue
        try:
            resolver.get(i)
        except Exception as exc:  # one odd expression must not cost the document its times
            if ad.res.strict:
                raise
            log.warning("%s: time %r skipped: %s: %s", ad.doc_id, tokens.text[c.start:c.end],
                        type(exc).__name__, exc)
            resolver.done[i] = None
    for i in clocks:
        try:
            resolver.done[i] = resolver.clock(i)
        except Exception as exc:
            if ad.res.strict:
                raise
            log.warning("%s: time %r skipped: %s: %s", ad.doc_id, tokens.text[cands[i].start:cands[i].end],
                        type(exc).__name__, exc)
            resolver.done[i] = None
    out = []
    for i, c in enumerate(cands):
        res = resolver.done.get(i)
        if res is not None:
            out.append(_time(tokens.text, c, res))
    return out
