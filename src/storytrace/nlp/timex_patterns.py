"""The surface grammar of time expressions: one precompiled regular expression per rule.

Each rule names the pieces it found with named groups (``m`` month, ``d`` day, ``y`` year,
``wd`` weekday, ``rel`` a deictic word such as "last" ...); ``timex_find`` filters the
matches with the tokens around them and ``timex_resolve`` turns the pieces into a value.
Month and weekday names must be capitalized (so "may" and "march" are never months); the
other words match in any case. A group named ``core`` narrows the expression to that part
(the words before it are context, e.g. "ended" in "ended the day").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from storytrace.nlp.resources import Resources
from storytrace.nlp.timex_lexicon import TimeLexicon, lexicon


@dataclass(frozen=True)
class Rule:
    """A pattern, tried only near its trigger words: at the start of the token holding a
    trigger and of up to ``reach`` tokens before it (for prefixes such as "the end of")."""

    name: str
    regex: re.Pattern[str]
    triggers: frozenset[str]  # lower-case token texts
    digits: bool  # also triggered by a token that holds a digit
    reach: int


def _alt(words: Iterable[str], *, fold: bool = True) -> str:
    """An alternation of phrases, longest first, spaces matching any whitespace."""
    parts = sorted({w.lower() if fold else w for w in words}, key=lambda w: (-len(w), w))
    body = "|".join(r"\s+".join(re.escape(p) for p in w.split()) for w in parts)
    return f"(?i:{body})" if fold else f"(?:{body})"


def build_rules(lex: TimeLexicon) -> list[Rule]:
    full = [m.capitalize() for m in lex.full_months]
    abbr = [m.capitalize() for m in lex.months if m not in lex.full_months]
    tens = _alt(w for w, n in lex.numbers.items() if n % 10 == 0 and 20 <= n <= 90)
    units = _alt(w for w, n in lex.numbers.items() if 1 <= n <= 9 and w not in ("a", "an"))
    frag = {
        "MONTH": f"(?:{_alt(full, fold=False)}|{_alt(abbr, fold=False)}\\.?)(?![A-Za-z])",
        "MONTHF": f"{_alt(full, fold=False)}(?![A-Za-z])",
        "WEEKDAY": f"{_alt([w.capitalize() for w in lex.weekdays], fold=False)}(?![A-Za-z])",
        "DAY": r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?![\d:])",
        "YEAR": r"(?:1\d{3}|20\d{2})(?!\d)",
        "ORD": _alt(lex.ordinals),
        "NUM": f"(?:{tens}[-\\s]{units}|{_alt(lex.numbers)}|\\d{{1,3}}|(?i:a\\s+few|several|few|many))",
        "UNIT": _alt(lex.units),
        "SEASON": _alt(lex.seasons),
        "PART": _alt(lex.dayparts),
        "ZONE": _alt(lex.zones, fold=False),
        "MOD": r"(?i:(?:the\s+)?(?:very\s+)?(?:early|late)|mid-?|the\s+(?:very\s+)?(?:end|beginning|start"
               r"|middle|close|turn)\s+of)",
        # "October of next year": the year comes from the words after (left to their own rule)
        "YREL": r"(?=,?(?:\s+of)?\s+(?P<yrel>(?i:last|next|this|that|the\s+same))\s+(?i:year)(?![\w-]))?",
        "AP": r"(?:[aApP]\.\s?[mM]\.|[aApP][mM](?![A-Za-z]))",
    }

    named = [*lex.holidays, *lex.moveable, *lex.named_dates]

    def rx(pattern: str) -> re.Pattern[str]:
        return re.compile(re.sub(r"%([A-Z]+)", lambda m: frag[m.group(1)], pattern))

    rules = [
        # 2024-11-01, 2024/11/01, 2009-12-15T18:00Z
        ("iso", r"(?<![\w/.-])(?P<y>\d{4})(?P<sep>[-/])(?P<m>\d{2})(?P=sep)(?P<d>\d{2})"
                r"(?:T(?P<h>\d{2}):(?P<mi>\d{2})(?::\d{2})?(?P<z>Z|[+-]\d{2}:?\d{2})?)?(?![\w/-])"),
        # 11/01/2024, 7/8/07, 01.11.2024
        ("numeric", r"(?<![\w/.:-])(?P<a>\d{1,2})(?P<sep>[/.])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})"
                    r"(?![\w/]|[.:]\d)"),
        # (Friday,) November 1(, 2024) / Nov. 1
        ("mdy", r"(?:(?P<wd>%WEEKDAY),?\s+)?(?P<m>%MONTH)\s+(?P<d>%DAY)(?:(?:,\s*|\s+)(?P<y>%YEAR))?%YREL"),
        # (Friday,) (the) 1(st) (of) November (2024)
        ("dmy", r"(?<![\w.,$£€])(?:(?P<wd>%WEEKDAY),?\s+)?(?:the\s+)?(?P<d>%DAY)(?:\s+of)?\s+(?P<m>%MONTH)"
                r"(?:,?\s+(?P<y>%YEAR))?%YREL"),
        # (early) November (of) 2006
        ("month_year", r"(?:(?P<mod>%MOD)\s*)?(?P<m>%MONTH)(?:\s+of)?,?\s+(?P<y>%YEAR)(?![,.]\d)"),
        # (last|early|mid-) April
        ("month", r"(?:(?P<rel>(?i:last|next|this|the\s+(?:previous|following|coming|same)))\s+"
                  r"|(?P<mod>%MOD)\s*)?(?P<m>%MONTHF)(?!\w)"
                  r"%YREL"),
        # the last week of March (2009)
        ("week_of", r"(?i:the\s+)(?P<ord>%ORD|(?i:last|final))\s+(?i:week)\s+(?i:of)\s+(?P<m>%MONTHF)"
                    r"(?:,?\s+(?P<y>%YEAR))?"),
        # 1950-53, 2009-2011
        ("year_range", r"(?<![\w$€£.,/:-])(?P<y1>1\d{3}|20\d{2})[-–](?P<y2>\d{4}|\d{2})(?![\w-])"),
        # (early) 2009, '82
        ("year", r"(?<![\w$€£.,/:#-])(?:(?P<mod>%MOD)\s*)?(?P<y>%YEAR)(?!\w|[.,]\d|[-–]\d)"),
        ("year2", r"(?<![\w'’])['’](?P<yy>\d{2})(?![\w'’%])"),
        # the 1990s, the '90s, the early 2000s
        ("decade", r"(?:(?i:the)\s+)?(?:(?P<mod>(?i:early|mid-?|late))\s*)?"
                   r"(?:(?P<c>1\d|20)(?P<d>\d)0s|['’](?P<d2>\d)0s|(?<![\w'’])(?P<d3>[1-9])0s)(?!\w)"),
        # the 20th century, this century
        ("century", r"(?i:(?P<rel>this|last|next|the\s+(?:last|previous|next|current|past))\s+century"
                    r"|(?:the\s+)?(?:(?P<mod>early|mid-?|late)\s*)?(?P<ord>%ORD|\d{1,2}(?:st|nd|rd|th))"
                    r"[-\s]century)(?![\w-])"),
        # the third quarter (of 2009), second-half, Q3 2024
        ("quarter", r"(?i:(?:the\s+)?(?P<ord>%ORD|final|last)[-\s](?P<kind>quarter|half)(?![\w-])"
                    r"(?:\s+of\s+(?:(?:fiscal\s+)?(?P<y>%YEAR)|(?P<rel>this|last|next|the\s+(?:current"
                    r"|previous|same|following))\s+year|(?P<the>the)\s+year))?)"
                    r"|(?<![\w-])Q(?P<q>[1-4])(?:\s+(?P<y2>%YEAR)|\s?['’](?P<yy>\d{2}))?(?!\w)"),
        # this week, last month, the previous year, earlier this year, the end of last year
        ("unit_rel", r"(?i:(?:(?P<pre>earlier|later|so\s+far|the\s+(?:very\s+)?(?:end|beginning|start"
                     r"|middle|close|turn)\s+of|(?:early|late|earlier|later)\s+in|early|late|mid-?)\s*)?"
                     r"(?P<det>this\s+past|this|last|next|that|the\s+(?:previous|following|coming|current|same|last"
                     r"|next|present|past|entire|whole|full)|the)\s+(?P<unit>week|month|year|quarter|decade|weekend))"
                     r"(?![\w-])"),
        # the same period last year, the same quarter a year before
        ("same_period", r"(?i:the\s+same\s+(?P<unit>period|month|quarter|week|day|time|season)(?:\s+of)?\s+"
                        r"(?P<back>last\s+year|the\s+(?:last|previous)\s+year|a\s+year\s+(?:ago|earlier|before)"
                        r"|the\s+year\s+before))(?![\w-])"),
        # the year before, the day after (a date)
        ("unit_after", r"(?i:the\s+(?P<unit>day|week|month|year)\s+(?P<dir>before|after|previous|earlier"
                       r"|later))(?![\w-])"),
        # (last|next|this) Friday (morning)
        ("weekday", r"(?:(?P<rel>(?i:last|next|this\s+past|this|the\s+following|the\s+previous|early"
                    r"|late))\s+)?"
                    r"(?P<wd>%WEEKDAY)(?:\s+(?P<part>%PART))?(?!\w)"),
        # today, yesterday morning, tonight, last night, earlier today
        ("relday", r"(?i:(?:(?P<mod>earlier|later|early|late)\s+)?(?P<rel>the\s+day\s+before\s+yesterday"
                   r"|the\s+day\s+after\s+tomorrow|today|tonight|yesterday|tomorrow|last\s+night"
                   r"|this\s+(?:morning|afternoon|evening))(?:\s+(?P<part>%PART))?)(?!\w)"),
        # the next day, that day, the same day, later that week
        ("anaphor", r"(?i:(?:(?P<pre>earlier|later)\s+)?(?P<det>the\s+(?:next|following|previous"
                    r"|preceding|same)|that)\s+(?P<unit>day|week|month|year|morning|afternoon|evening"
                    r"|night))(?![\w-])"),
        # (ended|for|later in) the day  (the trading day of market reports)
        ("the_day", r"(?i:(?P<ctx>\b(?:end|ends|ended|ending|finish|finishes|finished|finishing|close|closes"
                    r"|closed|closing|start|starts|started|starting|begin|begins|began|beginning|open|opens"
                    r"|opened|opening|for)\s+)?(?P<core>(?:(?:early|late|earlier|later)\s+in\s+|the\s+(?:start"
                    r"|end|beginning|close)\s+of\s+)?the\s+day))(?![\w-])"),
        # 18:00 UTC, 9:15 p.m. (GMT +3), 0800 GMT, noon, 10:00 UTC Friday, 14:30 GMT tomorrow
        ("clock", r"(?<![\w:.])(?:(?P<h>[01]?\d|2[0-3]):(?P<mi>[0-5]\d)(?!\d)(?:\s*(?P<ap>%AP))?"
                  r"|(?P<h2>1[0-2]|0?[1-9])(?:[.:](?P<mi2>[0-5]\d))?\s*(?P<ap2>%AP)"
                  r"|(?P<h3>[01]\d|2[0-3])(?P<mi3>[0-5]\d)(?=\s*\(?(?:%ZONE|(?i:hours|hrs|local\s+time))\b)"
                  r"|(?P<noon>(?i:noon|midday|midnight))(?!\w))"
                  r"(?:\s*\((?P<zone>%ZONE)(?:\s*(?P<off>[+-−]\s?\d{1,2}(?::?\d{2})?))?\)"
                  r"|\s*(?P<zone2>%ZONE)(?:\s*(?P<off2>[+-−]\s?\d{1,2}(?::?\d{2})?))?(?![\w:])"
                  r"|\s+(?P<local>(?i:local\s+time|hours|hrs))(?!\w))?"
                  r"(?:\s+(?:(?i:on)\s+)?(?P<wd>%WEEKDAY)|\s+(?P<rel>(?i:today|yesterday|tomorrow|tonight))"
                  r"(?!\w))?"),
        # two weeks ago, three days later, a day after, a few years earlier
        ("ago", r"(?<![\w-])(?i:(?P<n>%NUM)\s+(?P<unit>%UNIT)\s+(?P<dir>ago|earlier|later|before|after"
                r"|afterwards?|previously|from\s+now|hence|on))(?![\w-])(?=(?P<than>\s+than\b))?"),
        # recently, in the coming days, now, soon
        ("vague", f"(?<![\\w-])(?:(?P<phrase>{_alt(lex.vague)})"
                  r"|(?P<hist>(?i:in\s+recent)\s+(?:[A-Z][\w.]*\s+){1,2}(?i:history|memory)))(?![\w-])"),
        # this summer, the previous autumn, summer 2023, the spring of 2009
        ("season", r"(?i:(?:(?P<rel>this\s+past|this|last|next|the\s+(?:previous|following|coming|past|last"
                   r"|next|same|current))\s+|(?P<mod>(?:the\s+)?(?:early|late|mid-?))\s*|(?P<the>the)\s+)?"
                   r"(?P<s>%SEASON)(?:(?:\s+of)?\s+(?P<y>%YEAR))?)(?![\w-])"),
        # Christmas (Day) (2024)
        ("holiday", f"(?<![\\w-])(?:(?P<rel>(?i:last|next|this))\\s+)?(?P<hol>{_alt(named)})"
                    f"(?:\\s+(?P<y>%YEAR))?(?![\\w-])"),
        # in the morning, early in the evening, in morning trading, the afternoon of 3 May
        ("daypart", r"(?i:(?:(?P<mod>early|late|earlier|later)\s+in\s+)?"
                    r"(?:(?P<the>the)\s+(?:(?P<mod2>early|late)\s+)?|(?P<mod3>early|late|mid-?)\s*)?"
                    r"(?P<part>%PART))(?![\w-])"),
        # a second consecutive day, the third straight year, the fourth week in a row
        ("row", r"(?i:(?:(?:a|the)\s+)?(?P<ord>%ORD|\d{1,2}(?:st|nd|rd|th))\s+"
                r"(?:(?P<cons>consecutive|straight|successive)\s+)?(?P<unit>day|week|month|quarter|year|session)"
                r"(?P<row>\s+in\s+a\s+row)?)(?![\w-])"),
        # (by|at) that time: the time just named
        ("that_time", r"(?i:that\s+time)(?![\w-])"),
    ]
    months = set(lex.months) | {f"{m}." for m in lex.months if m not in lex.full_months}
    unit_words = set(lex.units)
    stop = {"in", "the", "at", "for", "of", "a", "an", "over", "very", "more", "right", "days", "weeks",
            "months", "years", "decades"}
    vague = {w for phrase in lex.vague for w in phrase.split()} - stop
    holidays = {phrase.split()[0] for phrase in named}
    day_words = {"today", "tonight", "yesterday", "tomorrow", *lex.dayparts}
    triggers: dict[str, tuple[set[str], bool, int]] = {  # rule -> (trigger words, digits, reach)
        "iso": (set(), True, 0), "numeric": (set(), True, 0), "mdy": (months, False, 2),
        "dmy": (months, False, 5), "month_year": (months, False, 4), "month": (months, False, 4),
        "week_of": (months, False, 5), "year_range": (set(), True, 0), "year": (set(), True, 5),
        "year2": (set(), True, 1), "decade": (set(), True, 3), "century": ({"century"}, False, 5),
        "quarter": ({"quarter", "half"}, True, 3),
        "unit_rel": ({"week", "month", "year", "quarter", "decade", "weekend"}, False, 7),
        "same_period": ({"same"}, False, 1),
        "unit_after": ({"day", "week", "month", "year"}, False, 1),
        "weekday": (set(lex.weekdays), False, 2), "relday": (day_words, False, 4),
        "anaphor": ({"day", "week", "month", "year", *lex.dayparts}, False, 3),
        "the_day": ({"day"}, False, 6), "clock": ({"noon", "midday", "midnight"}, True, 0),
        "ago": (unit_words, False, 4), "vague": (vague, False, 3), "season": (set(lex.seasons), False, 3),
        "holiday": (holidays, False, 1), "daypart": (set(lex.dayparts), False, 4),
        "row": ({"consecutive", "straight", "successive", "row"}, False, 6),
        "that_time": ({"time"}, False, 1),
    }
    out = []
    for name, pattern in rules:
        words, digits, reach = triggers[name]
        out.append(Rule(name, rx(pattern), frozenset(w.lower() for w in words), digits, reach))
    return out


@dataclass(frozen=True)
class Grammar:
    """The rules and, for the finder, which rules each trigger word calls."""

    rules: list[Rule]
    by_hash: dict[int, list[int]]  # spaCy hash of a lower-case trigger word -> rule indexes
    digit_rules: list[int]  # rules triggered by a token with a digit
    hashes: np.ndarray  # the keys of by_hash, for a vectorized lookup over a Doc


def build_grammar(lex: TimeLexicon) -> Grammar:
    from spacy.strings import hash_string  # type: ignore[attr-defined]  # (exists at run time, not in the stubs)

    rules = build_rules(lex)
    by_hash: dict[int, list[int]] = {}
    for n, rule in enumerate(rules):
        for word in rule.triggers:
            by_hash.setdefault(hash_string(word), []).append(n)
    return Grammar(rules, by_hash, [n for n, rule in enumerate(rules) if rule.digits],
                   np.fromiter(by_hash, dtype=np.uint64, count=len(by_hash)))


def grammar(res: Resources) -> Grammar:
    """The compiled grammar, built once per process (the lexicon is loaded first: the cache
    lock is not re-entrant)."""
    lex = lexicon(res)
    return res.cached("times.grammar", lambda: build_grammar(lex))
