"""Finding time expressions: the rules of ``timex_patterns`` run over the text, each match
checked against the tokens around it (a four-digit count is not a year, "his 70s" is an
age, "May" can be a modal verb, "the future of" is not a time), then overlaps resolved
in favour of the longest expression.

A pure function of the document: it never changes the spaCy ``Doc``.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
from spacy.attrs import IDX, LOWER, SENT_START

from storytrace.nlp.timex_lexicon import TimeLexicon
from storytrace.nlp.timex_patterns import Grammar
from storytrace.nlp.timex_tense import clause_of

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


@dataclass
class Candidate:
    rule: str
    start: int
    end: int
    groups: dict[str, str | None]
    priority: int = 0
    extra: dict[str, object] = field(default_factory=dict)

    @property
    def length(self) -> int:
        return self.end - self.start


class Tokens:
    """Character offset -> token lookups over a Doc (binary search on token starts)."""

    def __init__(self, doc: Doc, text: str | None = None):
        self.doc = doc
        self.text: str = doc.text if text is None else text  # Doc.text joins every token: pass it when known
        self.array = doc.to_array([IDX, LOWER])
        self.starts: list[int] = self.array[:, 0].tolist()
        self._sent_starts: list[int] | None = None

    def at(self, char: int) -> Token | None:
        """The token that contains ``char`` (or the first one after it)."""
        i = bisect.bisect_right(self.starts, char) - 1
        if i < 0:
            return self.doc[0] if len(self.doc) else None
        tok = self.doc[i]
        if char >= tok.idx + len(tok) and i + 1 < len(self.doc):
            return self.doc[i + 1]
        return tok

    def before(self, char: int) -> Token | None:
        """The last token that ends at or before ``char``."""
        i = bisect.bisect_left(self.starts, char) - 1
        while i >= 0 and self.doc[i].idx + len(self.doc[i]) > char:
            i -= 1
        return self.doc[i] if i >= 0 else None

    def after(self, char: int) -> Token | None:
        """The first token that starts at or after ``char``."""
        i = bisect.bisect_left(self.starts, char)
        return self.doc[i] if i < len(self.doc) else None

    def same_sentence(self, a: int, b: int) -> bool:
        """No sentence starts between the tokens at characters ``a`` and ``b``."""
        return self.sentence_of(a) == self.sentence_of(b)

    def sentence_of(self, char: int) -> int:
        """The number of sentence starts up to the token at character ``char``."""
        if self._sent_starts is None:
            self._sent_starts = [i for i, v in enumerate(self.doc.to_array([SENT_START]).reshape(-1).tolist())
                                 if v == 1]
        i = bisect.bisect_right(self.starts, char) - 1
        return bisect.bisect_right(self._sent_starts, i)

    def head(self, start: int, end: int) -> Token | None:
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None or not len(span):
            return self.at(start)
        return span.root


# words before a bare year, season or clock time that make it a time ("in 2009", "at 10:30")
_TIME_PREPS = {"in", "since", "by", "until", "till", "til", "from", "of", "before", "after", "during",
               "between", "and", "to", "through", "throughout", "circa", "c.", "around", "early", "late",
               "mid", "for", "over", "into", "as", "spring", "summer", "autumn", "fall", "winter", "or",
               "at", "about", "on", "this", "last", "next", "that", "each", "every", "past"}
_DETERMINERS = {"the", "its", "his", "her", "their", "our", "a", "this", "that", "these", "those", "whose"}
_POSSESSIVES = {"his", "her", "their", "my", "your", "our", "its", "whose"}
_NAME_ENTS = {"PERSON", "ORG", "WORK_OF_ART", "PRODUCT", "FAC", "GPE", "NORP", "LOC", "LAW", "EVENT"}
_COUNT_ENTS = {"MONEY", "PERCENT", "QUANTITY"}
_EVERY = {"every", "each"}
_DURATION_BEFORE = {"over", "within", "throughout", "past"}  # "for the last year" is often a date: kept
_SEASON_PREPS = {"in", "during", "by", "until", "till", "since", "through", "throughout", "before", "after",
                 "early", "late", "mid"}  # "in spring": a bare season needs one of these
_PART_PREPS = {"in", "during", "throughout", "by", "until", "till", "through", "into", "overnight", "for",
               "on"}  # "on the night of 28 October"
_TO_NOW = {"to", "until", "till", "through", "into", "and", "in", "from", "at", "up"}
_SPEECH_VERBS = {"say", "tell", "add", "write", "ask", "reply", "explain", "insist", "note", "claim", "argue",
                 "state", "told", "said"}  # "Summer said ...": a person
_DEGREE = {"much", "no", "not", "even", "a", "little", "far", "any", "sooner", "or"}


def _lower(tok: Token | None) -> str:
    return tok.lower_ if tok is not None else ""


def _in_name(tok: Token | None) -> bool:
    """The token is part of a longer named entity (``USA Today``, ``June Carter``)."""
    if tok is None or tok.ent_type_ not in _NAME_ENTS:
        return False
    doc = tok.doc
    for i in (tok.i - 1, tok.i + 1):
        if 0 <= i < len(doc) and doc[i].ent_type_ == tok.ent_type_ and doc[i].ent_iob_ != "O" and (
                (i > tok.i and doc[i].ent_iob_ == "I") or (i < tok.i and tok.ent_iob_ == "I")):
            return True
    return False


def _final(c: Candidate, tk: Tokens) -> bool:
    """"Putin's last winter", "his last year in office": "last" after a possessor is the
    possessor's final one, not the one before now."""
    first = tk.at(c.start)
    prev = tk.before(c.start)
    return first is not None and first.lower_ == "last" and prev is not None and (
        prev.tag_ in ("PRP$", "POS") or prev.lower_ in _POSSESSIVES)


def _year(c: Candidate, tk: Tokens, lex: TimeLexicon) -> bool:
    if c.groups.get("mod"):
        return True
    y = int(c.groups["y"] or 0)
    tok = tk.at(c.start)
    prev, nxt = tk.before(c.start), tk.after(c.end)
    if tok is not None and tok.ent_type_ in _COUNT_ENTS | {"PRODUCT", "LAW", "ORDINAL"}:
        return False
    if prev is not None and prev.text in ("$", "€", "£", "¥", "#", "No", "No.", "+", "-"):
        return False
    if _lower(prev) in lex.count_cues:
        return False
    if (nxt is not None and nxt.tag_ == "NNS" and _lower(prev) not in _DETERMINERS
            and nxt.lower_ not in lex.units):
        return False  # "2000 soldiers"
    if nxt is not None and nxt.lower_ in ("percent", "per", "%", "km", "kilometres", "kilometers", "miles",
                                          "metres", "meters", "tonnes", "tons", "feet"):
        return False
    if tok is not None and tok.ent_type_ == "DATE":
        return True
    if 1800 <= y <= 2099:
        return tok is None or tok.ent_type_ != "CARDINAL" or _lower(prev) in _TIME_PREPS
    return _lower(prev) in _TIME_PREPS


def _year2(c: Candidate, tk: Tokens, lex: TimeLexicon) -> bool:
    prev = tk.before(c.start)
    # "in '82", "the summer of '69", "class of '07"; not a closing quote before a number
    return _lower(prev) in _TIME_PREPS | {"the", "class", "season", "vintage"}


def _decade(c: Candidate, tk: Tokens, lex: TimeLexicon) -> bool:
    prev = tk.before(c.start)
    if prev is not None and prev.lower_ == "mid" and not c.groups.get("mod"):
        prev = tk.before(prev.idx)
    if _lower(prev) in _POSSESSIVES or _lower(prev) in ("aged", "age", "ages"):
        return False  # "in his 70s": an age
    if c.groups.get("d3") and "mid" in (c.groups.get("mod") or "").lower():
        return False  # "unemployment in the mid-30s": a level, not a decade
    # a bare "70s" needs a word that makes it a period: "in the 70s", "since 80s"
    return not c.groups.get("d3") or _lower(prev) in (
        "the", "in", "of", "since", "from", "to", "and", "late", "early", "mid", "during", "until", "through")


def _month(c: Candidate, tk: Tokens, lex: TimeLexicon) -> bool:
    if _final(c, tk):
        return False
    if c.groups.get("rel") or c.groups.get("mod"):
        return True
    if _lower(tk.before(c.start)) in _EVERY:
        return False
    tok = tk.at(c.start)
    if tok is None or tok.tag_ in ("MD", "VB", "VBP", "VBZ", "VBD") or _in_name(tok):
        return False
    if c.groups["m"] == "May":
        return tok.ent_type_ == "DATE" or _lower(tk.before(c.start)) in _TIME_PREPS
    return True


def _weekday(c: Candidate, tk: Tokens, lex: TimeLexicon) -> bool:
    if c.groups.get("rel"):
        return True
    prev = tk.before(c.start)
    if _lower(prev) in _EVERY:
        return False  # "every Friday": a set of days, not one
    if prev is not None and prev.text[:1].isupper() and prev.lower_ in lex.named_days:
        return False  # Black Monday, Good Friday
    return not _in_name(tk.at(c.start))


def _relday(c: Candidate, tk: Tokens, lex: TimeLexicon) -> bool:
    return not _in_name(tk.at(c.end - 1))


def _season(c: Candidate, tk: Tokens, lex: TimeLexicon) -> bool:
    g = c.groups
    if _final(c, tk):
        return False
    if g.get("y"):
        return True
    word = (g["s"] or "").lower()
    tok = tk.at(c.end - 1)
    prev = tk.before(c.start)
    nxt = tk.after(c.end)
    if word == "fall" and nxt is not None and nxt.pos_ in ("ADP", "VERB", "AUX", "NUM"):
        return False  # "the fall in prices", "this fall from 2.1%", "after the fall was"
    if g.get("rel"):
        return True
    if tok is not None and (tok.pos_ == "VERB" or tok.tag_.startswith("VB")):
        return False
    if prev is not None and prev.text[:1].isupper() and prev.pos_ == "PROPN":
        return False  # Arab Spring
    if nxt is not None and nxt.lower_ in lex.season_events and not g.get("mod"):
        # "their autumn meetings", "the spring offensive": one occasion, dated by its season
        return _lower(prev) in _DETERMINERS or (g.get("the") is not None and _lower(prev) in _TIME_PREPS)
    if nxt is not None and (nxt.lower_ == "of" or nxt.pos_ in ("NOUN", "PROPN")):
        return False  # "the fall of Kabul", "summer camp", "Winter Olympics"
    if word == "fall":  # "in the fall", "in late fall"; not "a late fall", "the edge of the fall"
        extra = {"over", "into", "from"} if g.get("the") or g.get("mod") else set()
        return _lower(prev) in _SEASON_PREPS | extra
    preps = _SEASON_PREPS if word == "spring" and not g.get("the") else _TIME_PREPS
    if g.get("mod") or _lower(prev) in preps:
        return True
    if g.get("the") or tok is None:
        return False
    # a season as the subject: "spring brings hope", "Winter is coming" (not "Summer said": a name)
    sentence_start = prev is None or tok.is_sent_start or prev.is_punct
    return (tok.dep_ == "nsubj" and tok.head.pos_ in ("VERB", "AUX") and tok.ent_type_ not in _NAME_ENTS
            and (sentence_start or tok.text.islower()) and tok.head.lemma_ not in _SPEECH_VERBS)


def _vague(c: Candidate, tk: Tokens, lex: TimeLexicon) -> bool:
    if c.groups.get("hist"):
        return True  # "in recent U.S. history"
    phrase = " ".join((c.groups["phrase"] or "").lower().split())
    nxt = tk.after(c.end)
    prev = tk.before(c.start)
    after = _lower(nxt)
    if phrase in ("later", "later on"):
        return _later(c, tk, lex)
    if phrase in ("the present", "the present day"):
        # "from 1990 to the present", "until the present day"; not "the present government"
        return _lower(prev) in _TO_NOW and not (phrase == "the present" and nxt is not None
                                                and nxt.pos_ in ("NOUN", "PROPN", "ADJ", "NUM"))
    if phrase in ("now", "right now"):
        tok = tk.at(c.start)
        if after == "that" or (c.end < len(tk.text) and tk.text[c.end] == "-"):
            return False  # "now that ...", "the now-scrapped plan"
        return tok is not None and tok.pos_ == "ADV"
    if phrase in ("soon", "very soon", "shortly"):
        return after not in ("after", "afterwards", "afterward", "before", "as", "-") and _lower(prev) != "as"
    if phrase.endswith("the past"):
        # "in the past nine days", "in the past decade": a span of time, not the past at large
        return not (nxt is not None and (nxt.like_num or nxt.lower_ in lex.units
                                         or nxt.lower_ in ("few", "several", "couple", "many")))
    if phrase.startswith("the "):
        # "the future of the talks", "the future owner", "the long term unemployed"
        return after not in ("of", "for", "and") and not (nxt is not None
                                                          and nxt.pos_ in ("NOUN", "PROPN", "ADJ"))
    return True


def _later(c: Candidate, tk: Tokens, lex: TimeLexicon) -> bool:
    """"later" alone is a time (``FUTURE_REF``) as an adverb of a clause that looks ahead
    ("will decide later", "talks resume later"); a past "he later said" counts from the
    story's own events, not from now, and "two days later", "later than", "at a later date"
    are other expressions."""
    tok = tk.at(c.start)
    prev, nxt = tk.before(c.start), tk.after(c.end)
    if tok is None or tok.dep_ != "advmod" or _lower(nxt) in ("than", "-", "stage", "stages"):
        return False
    if prev is not None and (prev.like_num or prev.lower_ in lex.units or prev.lower_ in _DEGREE):
        return False
    if nxt is not None and (nxt.like_num or nxt.lower_ in lex.weekdays or nxt.lower_ in lex.months
                            or nxt.lower_ in lex.dayparts or nxt.lower_ in ("today", "tonight", "tomorrow")):
        return False  # "later on Tuesday", "later today": the day is the time
    clause = clause_of(tok, lex.future_cues)
    if clause.tense == "future":
        return True
    # a finite present ("talks resume later"), not a gerund or an imperative ("settle later")
    verb = clause.verb
    return clause.tense == "present" and verb is not None and (
        verb.tag_ in ("VBZ", "VBP") or any(c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBZ", "VBP")
                                           for c in verb.children))


def _daypart(c: Candidate, tk: Tokens, lex: TimeLexicon) -> bool:
    """A part of the day that means the story's day: "in the morning", "early in the
    evening", "during the night", "in morning trading". "at night" and "the evening news"
    are habits and names, not times."""
    g = c.groups
    prev, nxt = tk.before(c.start), tk.after(c.end)
    if g.get("mod"):
        return True  # "early in the morning"
    if g.get("the"):
        # not "in the morning briefing", "in the evening speech"
        return _lower(prev) in _PART_PREPS and not (nxt is not None and (
            nxt.lower_ in ("'s", "’s") or (nxt.pos_ in ("NOUN", "PROPN") and not nxt.text.isupper())))
    return _lower(prev) in ("in", "during") and _lower(nxt) in lex.part_nouns


def _row(c: Candidate, tk: Tokens, lex: TimeLexicon) -> bool:
    """"a second consecutive day", "the third straight year", "the fourth week in a row": the
    day, week or year of the story."""
    return bool(c.groups.get("cons") or c.groups.get("row"))


def _that_time(c: Candidate, tk: Tokens, lex: TimeLexicon) -> bool:
    return _lower(tk.before(c.start)) in ("by", "at", "until", "till", "since", "from", "before", "after",
                                          "around")


def _clock(c: Candidate, tk: Tokens, lex: TimeLexicon) -> bool:
    g = c.groups
    if g.get("h") is None:
        return True
    if any(g.get(k) for k in ("ap", "zone", "zone2", "local", "wd", "rel")):
        return True
    return _lower(tk.before(c.start)) in ("at", "by", "from", "until", "till", "to", "around", "about",
                                          "before", "after", "since", "between", "and", "-", "–")


def _ago(c: Candidate, tk: Tokens, lex: TimeLexicon) -> bool:
    n = " ".join((c.groups["n"] or "").lower().split())
    prev = tk.before(c.start)
    if _lower(prev) in ("for", "over", "within", "the", "past", "last"):
        return False  # "for two years before", "the three days after"
    vague = n in ("several", "few", "many") or n.startswith("a few")
    if vague:
        return (c.groups["dir"] or "").lower() in ("ago", "from now", "hence")
    return True


def _unit_rel(c: Candidate, tk: Tokens, lex: TimeLexicon) -> bool:
    g = c.groups
    if _final(c, tk):
        return False
    det = " ".join((g["det"] or "").lower().split())
    unit = (g["unit"] or "").lower()
    if det == "the" and not g.get("pre") and unit != "weekend":
        return False
    prev = _lower(tk.before(c.start))
    if det == "the past" and unit not in ("decade", "century"):
        return False  # "in the past week": the seven days up to now, a duration
    if det in ("the last", "the next", "the past") and prev in _DURATION_BEFORE:
        return False  # "over the last year", "over the past decade": a duration
    if det in ("last", "next") and prev == "the":
        return False  # the tail of "the last year", judged as a whole
    return not (det == "that" and unit not in ("week", "month", "year", "weekend"))


def _quarter(c: Candidate, tk: Tokens, lex: TimeLexicon) -> bool:
    g = c.groups
    if g.get("q"):
        return True
    ordinal = (g["ord"] or "").lower()
    kind = (g["kind"] or "").lower()
    n = lex.ordinals.get(ordinal, 4 if ordinal in ("final", "last") else 0)
    if kind == "half":
        # "the first half" alone is too often a match or a game; keep it with its year
        return n in (1, 2) and bool(g.get("y") or g.get("rel") or g.get("the"))
    return 1 <= n <= 4


def _century(c: Candidate, tk: Tokens, lex: TimeLexicon) -> bool:
    ordinal = (c.groups.get("ord") or "").lower()
    if not ordinal:
        return True
    n = lex.ordinals.get(ordinal)
    if n is None:
        digits = "".join(ch for ch in ordinal if ch.isdigit())
        n = int(digits) if digits else 0
    return 1 <= n <= 22


def _holiday(c: Candidate, tk: Tokens, lex: TimeLexicon) -> bool:
    if c.groups.get("y") or c.groups.get("rel"):
        return True
    nxt = tk.after(c.end)
    if nxt is not None and nxt.pos_ in ("NOUN", "PROPN") and nxt.lower_ not in lex.units:
        return False  # "Christmas tree", "Good Friday Agreement", "Easter Island"
    last = tk.at(c.end - 1)
    # a modifier of a noun further on: "the Christmas and New Year shopping rush"
    return not (last is not None and last.dep_ in ("compound", "nmod", "amod") and last.head.i > last.i
                and last.head.pos_ in ("NOUN", "PROPN"))


def _the_day(c: Candidate, tk: Tokens, lex: TimeLexicon) -> bool:
    core = str(c.extra.get("core") or "").lower()
    if not core.startswith("the day"):
        return True  # "late in the day", "the end of the day"
    if not c.groups.get("ctx"):
        return False
    after = _lower(tk.after(c.end))
    return after not in ("after", "before", "of", "when", "that", "on", "in", "'s", "which", "-")


CHECKS: dict[str, Callable[[Candidate, Tokens, TimeLexicon], bool]] = {
    "year": _year, "year2": _year2, "decade": _decade, "month": _month, "weekday": _weekday,
    "relday": _relday, "season": _season, "vague": _vague, "clock": _clock, "ago": _ago,
    "unit_rel": _unit_rel, "quarter": _quarter, "century": _century, "holiday": _holiday,
    "the_day": _the_day, "daypart": _daypart, "row": _row, "that_time": _that_time,
}


_DIGITS = re.compile(r"\d+")


def _triggers(tk: Tokens, g: Grammar) -> list[tuple[int, list[int]]]:
    """(token index, rules to try) for each token that can start or hold an expression."""
    lowers = tk.array[:, 1]
    hits = np.flatnonzero(np.isin(lowers, g.hashes)).tolist()
    low = lowers.tolist()
    jobs = [(i, g.by_hash[low[i]]) for i in hits]
    if g.digit_rules:
        positions = [m.start() for m in _DIGITS.finditer(tk.text)]
        if positions:
            tokens = np.unique(np.searchsorted(tk.array[:, 0], positions, side="right") - 1).tolist()
            jobs.extend((i, g.digit_rules) for i in tokens if i >= 0)
    return jobs


def find(doc: Doc, g: Grammar, lex: TimeLexicon, tk: Tokens | None = None) -> list[Candidate]:
    """Non-overlapping candidates in text order (the longest expression wins an overlap).

    Each rule is tried only at the starts of the few tokens before and at its trigger
    words, so the cost follows the number of time-like words, not the length of the text.
    """
    tk = tk or Tokens(doc)
    text, starts = tk.text, tk.starts
    found: list[Candidate] = []
    tried: set[tuple[int, int]] = set()
    for i, rule_ids in _triggers(tk, g):
        for r in rule_ids:
            rule = g.rules[r]
            for j in range(i, max(i - rule.reach, 0) - 1, -1):
                pos = starts[j]
                if (r, pos) in tried:
                    continue
                tried.add((r, pos))
                m = rule.regex.match(text, pos)
                if m is None or m.start() == m.end():
                    continue
                groups = m.groupdict()
                cand = Candidate(rule.name, m.start(), m.end(), groups, r)
                if groups.get("core") is not None:
                    cand.start, cand.end = m.span("core")
                    cand.extra["core"] = groups["core"]
                check = CHECKS.get(rule.name)
                if check is not None and not check(cand, tk, lex):
                    continue
                found.append(cand)
    found.sort(key=lambda c: (-c.length, c.priority, c.start))
    chosen: list[Candidate] = []
    taken: list[tuple[int, int]] = []
    for cand in found:
        k = bisect.bisect_left(taken, (cand.start, cand.end))
        left = taken[k - 1] if k > 0 else None
        right = taken[k] if k < len(taken) else None
        if (left and left[1] > cand.start) or (right and right[0] < cand.end):
            continue
        taken.insert(k, (cand.start, cand.end))
        chosen.append(cand)
    chosen.sort(key=lambda c: c.start)
    return chosen
