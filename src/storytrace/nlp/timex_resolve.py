"""Resolving a found expression to a TIMEX3 value against the publication date, the
reference time (the last date the text mentioned) and the tense of its clause.

One function per rule of ``timex_patterns``. Each returns a :class:`Resolution`, or None
when the match turns out not to be a time (31 February, a year range running backwards,
"a day after" something that is not a date). Relative expressions get ``value=None``
when the document has no publication date; the clock is never consulted.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from storytrace.nlp import timex_calendar as cal
from storytrace.nlp.timex_find import Candidate
from storytrace.nlp.timex_lexicon import TimeLexicon
from storytrace.nlp.timex_tense import Tense

GRAIN_ORDER = ["day", "week", "month", "season", "quarter", "year", "decade", "century"]


@dataclass
class Resolution:
    value: str | None
    granularity: str | None
    point: date | None = None  # a day inside the value, for later anaphors ("the next day")
    mod: str | None = None  # TIMEX3 mod: START | MID | END
    begin: str | None = None  # year ranges: first and last year
    end: str | None = None


@dataclass
class Context:
    pub: date | None
    lex: TimeLexicon
    ref: date | None = None  # the reference time: the last resolved date mentioned, else pub
    ref_grain: str | None = None
    ref_day: date | None = None  # the last day the text named: "the next day", "three days later"
    tense: Tense | None = None
    inherited: bool = False  # the tense was taken from a verb above a bare participle or gerund
    next_anchor: Resolution | None = None  # the date right after "a day after ..."
    clause_ends: bool = False  # nothing but punctuation follows ("the day before.")
    sentence_day: date | None = None  # a day named in the clock time's sentence
    known_days: dict[tuple[int, int], int] = field(default_factory=dict)  # (month, day) -> year named
    list_year: int | None = None  # the year that ends a list of months ("May and June of 2019")
    ref_value: str | None = None  # the value of the last date the text named (None: none named yet)
    of_follows: bool = False  # "of" follows: "the morning of ..." (next_anchor holds the date, if any)


def _g(c: Candidate, key: str) -> str:
    return " ".join((c.groups.get(key) or "").split()).lower()


def _month_number(c: Candidate, lex: TimeLexicon, key: str = "m") -> int:
    return lex.months[(c.groups[key] or "").rstrip(".").lower()]


def _mod(text: str) -> str | None:
    text = text.lower().replace("-", " ").strip()
    if not text:
        return None
    if "early" in text or "beginning" in text or "start" in text:
        return "START"
    if "mid" in text:
        return "MID"
    if "late" in text or "end" in text or "close" in text:
        return "END"
    return None


def _direction(tense: Tense | None) -> int:
    """Which side of the publication date a bare weekday, month or season lies on."""
    return 1 if tense == "future" else -1


# how far a date may lie on the other side of the publication date than its tense says:
# a past "met on June 3" is on or before it (a day of slack for time zones); a perfect or a
# past verb of planning may look ahead ("a hearing has been set for June 3", "talks were
# planned for June 3"); a future "will meet on June 3" may name a day just gone
_SLACK = {"past": 1, "perfect": 31}
_FUTURE_SLACK = 7


def _year_for_day(pub: date, month: int, day: int, tense: Tense | None) -> int | None:
    """A month and day without a year: the nearest such date, unless the tense points the
    other way and the nearest one is more than a few days or weeks off that side."""
    year = cal.year_for_day(pub, month, day, 0)
    if year is None:
        return None
    gap = (date(year, month, day) - pub).days
    if tense in _SLACK and gap > _SLACK[tense]:
        return cal.year_for_day(pub, month, day, -1)
    if tense == "future" and gap < -_FUTURE_SLACK:
        return cal.year_for_day(pub, month, day, 1)
    return year


def _day(d: date | None, part: str | None = None, **kw: object) -> Resolution:
    if d is None:
        return Resolution(None, "day")
    value = cal.day_value(d) + (f"T{part}" if part else "")
    return Resolution(value, "day", d, **kw)  # type: ignore[arg-type]


def _year_res(year: int | None, mod: str | None = None) -> Resolution:
    if year is None:
        return Resolution(None, "year")
    return Resolution(f"{year:04d}", "year", date(year, 1, 1), mod)


def _month_res(year: int | None, month: int, mod: str | None = None) -> Resolution:
    if year is None:
        return Resolution(None, "month")
    return Resolution(cal.month_value(year, month), "month", date(year, month, 1), mod)


def _base(ctx: Context, grain: str, anaphoric: bool) -> tuple[date | None, str]:
    """The date a relative expression counts from and its granularity: the publication
    date (deictic: "last year"; a day) or the reference time (anaphoric: "the previous
    year"; its own granularity), when it is fine enough (else no date)."""
    if not anaphoric or ctx.ref is None:
        return ctx.pub, "day"
    ref_grain = ctx.ref_grain or "day"
    if GRAIN_ORDER.index(ref_grain) > GRAIN_ORDER.index(grain):
        return None, ref_grain
    return ctx.ref, ref_grain


def shift(base: date | None, unit: str, n: int, grain_of_base: str = "day") -> Resolution:
    """``base`` moved by ``n`` units, written at the unit's granularity."""
    if base is None:
        return Resolution(None, "day" if unit == "week" else unit)
    if unit in ("day", "week"):
        if grain_of_base != "day":
            return Resolution(None, "day")
        return _day(base + timedelta(days=n * (7 if unit == "week" else 1)))
    if unit == "month":
        y, m = cal.add_months(base.year, base.month, n)
        return _month_res(y, m)
    if unit == "year":
        return _year_res(base.year + n)
    if unit == "decade":
        d = base.year // 10 + n
        return Resolution(f"{d:03d}", "decade", date(d * 10, 1, 1))
    if unit == "century":
        c = base.year // 100 + n
        return Resolution(f"{c:02d}", "century", date(c * 100, 1, 1))
    return Resolution(None, unit)


# ---------------------------------------------------------------------------------- rules

def _iso(c: Candidate, ctx: Context) -> Resolution | None:
    y, m, d = int(c.groups["y"] or 0), int(c.groups["m"] or 0), int(c.groups["d"] or 0)
    if not (1000 <= y <= 2199 and cal.valid_day(y, m, d)):
        return None
    res = _day(date(y, m, d))
    if c.groups.get("h"):
        zone = c.groups.get("z") or ""
        if zone and zone != "Z":
            zone = f"{zone[:3]}:{zone[-2:]}"
        res.value = f"{res.value}T{c.groups['h']}:{c.groups['mi']}{zone}"
    return res


def _numeric(c: Candidate, ctx: Context) -> Resolution | None:
    a, b, ytext = int(c.groups["a"] or 0), int(c.groups["b"] or 0), c.groups["y"] or ""
    if c.groups["sep"] == "." and len(ytext) != 4:
        return None  # "1.2.24" is more often a version than a date
    year = int(ytext) if len(ytext) == 4 else cal.two_digit_year(int(ytext), ctx.pub)
    if not 1900 <= year <= 2099:
        return None
    # month first (US) or day first (most of the world); dots are always day first
    orders = [(b, a)] if c.groups["sep"] == "." else [(a, b), (b, a)]
    options = [date(year, m, d) for m, d in orders if cal.valid_day(year, m, d)]
    if not options:
        return None
    if len(options) == 2 and ctx.pub is not None:
        pub = ctx.pub
        return _day(min(options, key=lambda d: abs((d - pub).days)))
    return _day(options[0])


def _dated(c: Candidate, ctx: Context) -> Resolution | None:
    """mdy and dmy: a month and a day, with or without a year and a weekday."""
    month = _month_number(c, ctx.lex)
    day = int("".join(ch for ch in c.groups["d"] or "" if ch.isdigit()) or 0)
    if c.groups.get("y"):
        year = int(c.groups["y"] or 0)
        if not cal.valid_day(year, month, day):
            return None
        ctx.known_days.setdefault((month, day), year)
        return _day(date(year, month, day))
    if not cal.valid_day(2024, month, day):  # 2024 is a leap year: allows 29 February
        return None
    if (month, day) in ctx.known_days:  # "Oct. 7, 2023 ... the Oct. 7 attacks"
        return _day(date(ctx.known_days[(month, day)], month, day))
    if ctx.pub is None:
        return Resolution(None, "day")
    pub = ctx.pub
    year_of = _year_of_words(c, ctx)
    if year_of is not None:  # "Feb. 20 of last year"
        return _day(date(year_of, month, day)) if cal.valid_day(year_of, month, day) else None
    weekday = c.groups.get("wd")
    if weekday:
        wd = ctx.lex.weekdays[weekday.lower()]
        fits = [y for y in (pub.year - 1, pub.year, pub.year + 1)
                if cal.valid_day(y, month, day) and date(y, month, day).weekday() == wd]
        if fits:
            return _day(min((date(y, month, day) for y in fits), key=lambda d: abs((d - pub).days)))
    guess = _year_for_day(pub, month, day, ctx.tense)
    return _day(date(guess, month, day)) if guess is not None else None


def _month_year(c: Candidate, ctx: Context) -> Resolution | None:
    return _month_res(int(c.groups["y"] or 0), _month_number(c, ctx.lex), _mod(_g(c, "mod")))


def _year_of_words(c: Candidate, ctx: Context) -> int | None:
    """The year named right after a month ("October of next year", "May of that year")."""
    yrel = _g(c, "yrel")
    if not yrel or ctx.pub is None:
        return None
    if yrel in ("that", "the same"):
        return (ctx.ref or ctx.pub).year
    return ctx.pub.year + {"last": -1, "next": 1}.get(yrel, 0)


def _month(c: Candidate, ctx: Context) -> Resolution | None:
    month = _month_number(c, ctx.lex)
    mod = _mod(_g(c, "mod"))
    if ctx.list_year is not None:
        return _month_res(ctx.list_year, month, mod)
    if ctx.pub is None:
        return Resolution(None, "month", mod=mod)
    rel, year_of = _g(c, "rel"), _year_of_words(c, ctx)
    if year_of is not None:
        year = year_of
    elif rel in ("last", "the previous"):
        year = cal.year_for_month(ctx.pub, month, -1, strict=True)
    elif rel in ("next", "the following", "the coming"):
        year = cal.year_for_month(ctx.pub, month, 1, strict=True)
    elif rel in ("this", "the same"):
        year = ctx.pub.year
    elif ctx.tense in ("present", None):
        year = cal.year_for_month(ctx.pub, month, 0)  # no direction: the nearest
    else:
        year = cal.year_for_month(ctx.pub, month, _direction(ctx.tense))
    return _month_res(year, month, mod)


def _week_of(c: Candidate, ctx: Context) -> Resolution | None:
    month = _month_number(c, ctx.lex)
    ordinal = _g(c, "ord")
    n = -1 if ordinal in ("last", "final") else ctx.lex.ordinals.get(ordinal, 0)
    if not (n == -1 or 1 <= n <= 4):
        return None
    if c.groups.get("y"):
        year: int | None = int(c.groups["y"] or 0)
    elif ctx.pub is not None:
        year = cal.year_for_month(ctx.pub, month, _direction(ctx.tense))
    else:
        year = None
    if year is None:
        return Resolution(None, "week")
    day = cal.nth_week_of_month(year, month, n)
    return Resolution(cal.week_value(day), "week", day)


def _year_range(c: Candidate, ctx: Context) -> Resolution | None:
    """"1950-53": one expression for a span of years. TIMEX3 has no single value for it, so
    the value stays null and the first and last years go to ``begin`` and ``end``."""
    first, second = int(c.groups["y1"] or 0), c.groups["y2"] or ""
    last = int(second) if len(second) == 4 else first // 100 * 100 + int(second)
    if len(second) == 2 and last <= first:
        last += 100  # 1999-00
    if not 0 < last - first <= 50:
        return None
    return Resolution(None, "year", date(first, 1, 1), begin=f"{first:04d}", end=f"{last:04d}")


def _year(c: Candidate, ctx: Context) -> Resolution | None:
    return _year_res(int(c.groups["y"] or 0), _mod(_g(c, "mod")))


def _year2(c: Candidate, ctx: Context) -> Resolution | None:
    return _year_res(cal.two_digit_year(int(c.groups["yy"] or 0), ctx.pub))


def _decade(c: Candidate, ctx: Context) -> Resolution | None:
    mod = _mod(_g(c, "mod"))
    if c.groups.get("c"):
        value = f"{c.groups['c']}{c.groups['d']}"
    else:
        digit = int(c.groups.get("d2") or c.groups.get("d3") or 0)
        century = 20 if ctx.pub is not None and 2000 + 10 * digit <= ctx.pub.year else 19
        value = f"{century}{digit}"
    return Resolution(value, "decade", date(int(value) * 10, 1, 1), mod)


def _century(c: Candidate, ctx: Context) -> Resolution | None:
    rel = _g(c, "rel")
    if rel:
        if ctx.pub is None:
            return Resolution(None, "century")
        n = {"this": 0, "the current": 0, "next": 1, "the next": 1}.get(rel, -1)
        return shift(ctx.pub, "century", n)
    ordinal = _g(c, "ord")
    number = ctx.lex.ordinals.get(ordinal) or int("".join(ch for ch in ordinal if ch.isdigit()) or 0)
    return Resolution(f"{number - 1:02d}", "century", date(max(number - 1, 0) * 100 + 1, 1, 1),
                      _mod(_g(c, "mod")))


def _quarter(c: Candidate, ctx: Context) -> Resolution | None:
    g = c.groups
    if g.get("q"):
        kind, n = "Q", int(g["q"] or 0)
        year_text, yy = g.get("y2"), g.get("yy")
        year: int | None = int(year_text) if year_text else (
            cal.two_digit_year(int(yy), ctx.pub) if yy else None)
        rel = ""
    else:
        kind = "Q" if _g(c, "kind") == "quarter" else "H"
        ordinal = _g(c, "ord")
        rel = _g(c, "rel") or ("the" if g.get("the") else "")
        has_year = bool(g.get("y") or rel)
        if ordinal == "last" and not has_year and kind == "Q":
            # "the last quarter": the quarter before the current one
            if ctx.pub is None:
                return Resolution(None, "quarter")
            q = cal.quarter_of(ctx.pub) - 1
            year = ctx.pub.year - (1 if q == 0 else 0)
            return Resolution(f"{year}-Q{q or 4}", "quarter", date(year, 3 * (q or 4) - 2, 1))
        n = (4 if kind == "Q" else 2) if ordinal in ("final", "last") else ctx.lex.ordinals.get(ordinal, 0)
        year = int(g["y"] or 0) if g.get("y") else None
    if year is None and rel:
        if ctx.pub is None:
            return Resolution(None, "quarter")
        base = ctx.ref if rel in ("the same", "the") and ctx.ref is not None else ctx.pub
        year = base.year + {"last": -1, "the previous": -1, "next": 1, "the following": 1}.get(rel, 0)
    if year is None:
        if ctx.pub is None:
            return Resolution(None, "quarter")
        current = cal.quarter_of(ctx.pub) if kind == "Q" else (ctx.pub.month - 1) // 6 + 1
        if ctx.tense == "future":
            # the quarter that just ended is still ahead of its report ("will report results
            # for the third quarter" in November, "fourth-quarter results" in January)
            periods = 4 if kind == "Q" else 2
            just_ended = n == (current - 2) % periods + 1
            if just_ended:
                year = ctx.pub.year - (1 if current == 1 else 0)
            else:
                year = ctx.pub.year if n >= current else ctx.pub.year + 1
        elif ctx.tense in ("past", "perfect") and not ctx.inherited:
            # "lost money in the fourth quarter" in August: last year's; but "announced cuts,
            # resulting in closures during the fourth quarter" is this year's
            year = ctx.pub.year if n <= current else ctx.pub.year - 1
        else:
            year = ctx.pub.year  # "closures during the fourth quarter": this year's
    months_per = 3 if kind == "Q" else 6
    return Resolution(f"{year}-{kind}{n}", "quarter", date(year, months_per * (n - 1) + 1, 1))


_DETS: dict[str, tuple[int, bool]] = {  # determiner -> (shift, anaphoric)
    "this": (0, False), "the current": (0, False), "the present": (0, False), "the": (0, True),
    "last": (-1, False), "the last": (-1, False), "next": (1, False), "the next": (1, False),
    "the coming": (1, False), "the previous": (-1, True), "the following": (1, True),
    "the same": (0, True), "that": (0, True), "this past": (-1, False), "the past": (-1, False),
    "the entire": (0, True), "the whole": (0, True), "the full": (0, True),
}


def _unit_rel(c: Candidate, ctx: Context) -> Resolution | None:
    det, unit = _g(c, "det"), _g(c, "unit")
    n, anaphoric = _DETS[det]
    if unit == "weekend" and det == "the":
        anaphoric = False  # "over the weekend": the one of the story, as "this weekend"
    pre = _g(c, "pre")
    # "the end of", "early", "late", "mid-" mark a part of the unit; "earlier/later this year" do not
    mod = _mod(pre) if pre.startswith(("the", "early", "mid")) or pre in ("late", "late in") else None
    grain = "week" if unit == "weekend" else unit
    base, _ = _base(ctx, grain, anaphoric)
    if base is None and det == "the":
        base = ctx.pub  # "the end of the month" after "in 2009": the month of the story
    if base is None:
        return Resolution(None, grain)
    if unit == "weekend" and n == 0 and not anaphoric and ctx.tense in ("past", "perfect") \
            and 1 <= base.weekday() <= 4:
        n = -1  # "over the weekend" in a Tuesday-to-Friday story: the one just past
    if unit in ("week", "weekend"):
        day = base + timedelta(weeks=n)
        suffix = "-WE" if unit == "weekend" else ""
        return Resolution(cal.week_value(day) + suffix, "week", day, mod)
    if unit == "quarter":
        y, m = cal.add_months(base.year, (cal.quarter_of(base) - 1) * 3 + 1, 3 * n)
        return Resolution(f"{y}-Q{(m - 1) // 3 + 1}", "quarter", date(y, m, 1), mod)
    res = shift(base, unit, n)
    res.mod = mod
    return res


def _unit_after(c: Candidate, ctx: Context) -> Resolution | None:
    unit, direction = _g(c, "unit"), _g(c, "dir")
    n = -1 if direction in ("before", "previous", "earlier") else 1
    if ctx.next_anchor is not None and direction in ("before", "after"):
        anchor = ctx.next_anchor
        if anchor.point is None or anchor.granularity is None:
            return Resolution(None, "day" if unit == "week" else unit)
        return shift(anchor.point, unit, n, anchor.granularity)
    if not ctx.clause_ends and direction in ("before", "after"):
        return None  # "the day after the election": anchored to an event we cannot date
    if unit in ("day", "week"):
        return shift(ctx.ref_day, unit, n)
    base, base_grain = _base(ctx, unit, True)
    return shift(base, unit, n, base_grain)


def _same_period(c: Candidate, ctx: Context) -> Resolution | None:
    """"the same period last year": the reference time, one year back, at its granularity."""
    if ctx.pub is None:
        return Resolution(None, "year")
    unit = _g(c, "unit")
    base, grain = (ctx.ref, ctx.ref_grain) if ctx.ref is not None else (ctx.pub, "day")
    grain = {"month": "month", "quarter": "quarter", "week": "week", "day": "day"}.get(unit, grain or "year")
    if unit in ("period", "time") and grain == "day":
        grain = "year"  # "the same period" after a day: too vague for a day
    if grain == "day" and ctx.ref_day is not None:
        base = ctx.ref_day
    y = base.year - 1
    if grain == "day":
        return _day(date(y, base.month, min(base.day, 28 if base.month == 2 else base.day)))
    if grain == "week":
        return Resolution(cal.week_value(base - timedelta(weeks=52)), "week", base - timedelta(weeks=52))
    if grain == "month":
        return _month_res(y, base.month)
    if grain == "quarter":
        return Resolution(f"{y}-Q{cal.quarter_of(base)}", "quarter", date(y, base.month, 1))
    if grain == "season":
        code = cal.SEASON_OF_MONTH[base.month]
        sy = y if base.month > 2 else y - 1
        return Resolution(f"{sy}-{code}", "season", date(y, base.month, 1))
    return _year_res(y)


def _weekday(c: Candidate, ctx: Context) -> Resolution | None:
    part = ctx.lex.dayparts.get(_g(c, "part"))
    if ctx.pub is None:
        return Resolution(None, "day")
    wd = ctx.lex.weekdays[(c.groups["wd"] or "").lower()]
    rel = _g(c, "rel")
    if rel in ("last", "the previous", "this past"):
        d = cal.weekday_near(ctx.pub, wd, -1, strict=True)
    elif rel in ("next", "the following"):
        d = cal.weekday_near(ctx.pub, wd, 1, strict=True)
    elif rel == "this":
        d = cal.weekday_in_week(ctx.pub, wd)
    else:
        d = _bare_weekday(ctx.pub, wd, ctx.tense)
    return _day(d, part)


def _bare_weekday(pub: date, wd: int, tense: Tense | None) -> date:
    """A weekday without "last"/"next": no later than the publication date, on or after it in
    the future tense, and the nearest one in the present ("play Arsenal on Sunday",
    "unveils its phone Tuesday")."""
    if tense == "present":
        return cal.weekday_near(pub, wd, 0)
    return cal.weekday_near(pub, wd, _direction(tense))


_RELDAY: dict[str, tuple[int, str | None]] = {
    "today": (0, None), "tonight": (0, "NI"), "yesterday": (-1, None), "tomorrow": (1, None),
    "last night": (-1, "NI"), "this morning": (0, "MO"), "this afternoon": (0, "AF"),
    "this evening": (0, "EV"), "the day before yesterday": (-2, None), "the day after tomorrow": (2, None),
}


def _relday(c: Candidate, ctx: Context) -> Resolution | None:
    n, part = _RELDAY[_g(c, "rel")]
    part = ctx.lex.dayparts.get(_g(c, "part"), part)
    if ctx.pub is None:
        return Resolution(None, "day")
    return _day(ctx.pub + timedelta(days=n), part)


def _anaphor(c: Candidate, ctx: Context) -> Resolution | None:
    det, unit = _g(c, "det"), _g(c, "unit")
    n = {"the next": 1, "the following": 1, "the previous": -1, "the preceding": -1}.get(det, 0)
    part = ctx.lex.dayparts.get(unit)
    if part or unit == "day":
        # "the next day" needs a day named before it; "the previous night", "that day" may
        # also mean the day of the story
        day = ctx.ref_day or (ctx.pub if n <= 0 else None)
        if day is None or ctx.pub is None:
            return Resolution(None, "day")
        return _day(day + timedelta(days=n), part)
    base, base_grain = _base(ctx, unit, True)
    if base is None:
        return Resolution(None, unit)
    return shift(base, unit, n, base_grain)


def _the_day(c: Candidate, ctx: Context) -> Resolution | None:
    core = _g(c, "core")
    base = ctx.ref_day or ctx.pub
    mod = _mod(core.split(" the day")[0]) if not core.startswith("the day") else None
    if base is None:
        return Resolution(None, "day", mod=mod)
    return _day(base, mod=mod)


_OFFSET = re.compile(r"([+-−])\s?(\d{1,2})(?::?(\d{2}))?")


def _zone(c: Candidate, ctx: Context) -> str:
    name = c.groups.get("zone") or c.groups.get("zone2")
    offset = c.groups.get("off") or c.groups.get("off2")
    if offset:
        m = _OFFSET.match(offset.strip())
        if m:
            sign = "-" if m.group(1) in "-−" else "+"
            return f"{sign}{int(m.group(2)):02d}:{m.group(3) or '00'}"
    return ctx.lex.zones.get(name or "", "")


def _clock(c: Candidate, ctx: Context) -> Resolution | None:
    g = c.groups
    noon = g.get("noon")
    if noon:
        hour, minute = (0, 0) if noon.lower() == "midnight" else (12, 0)
    else:
        hour = int(g.get("h") or g.get("h2") or g.get("h3") or 0)
        minute = int(g.get("mi") or g.get("mi2") or g.get("mi3") or 0)
        ap = (g.get("ap") or g.get("ap2") or "").lower()
        if ap.startswith("p") and hour < 12:
            hour += 12
        elif ap.startswith("a") and hour == 12:
            hour = 0
        if ap and hour > 23:
            return None
    day: date | None
    weekday = g.get("wd")
    if weekday:
        wd = ctx.lex.weekdays[weekday.lower()]
        day = None if ctx.pub is None else _bare_weekday(ctx.pub, wd, ctx.tense)
    elif g.get("rel"):
        n, _ = _RELDAY[_g(c, "rel")]
        day = None if ctx.pub is None else ctx.pub + timedelta(days=n)
    else:
        day = ctx.sentence_day or ctx.ref_day or ctx.pub
    if day is None:
        return Resolution(None, "day")
    return Resolution(f"{cal.day_value(day)}T{hour:02d}:{minute:02d}{_zone(c, ctx)}", "day", day)


def _ago(c: Candidate, ctx: Context) -> Resolution | None:
    word, unit, direction = _g(c, "n"), ctx.lex.units[_g(c, "unit")], _g(c, "dir")
    n = int(word) if word.isdigit() else _count(word, ctx.lex)
    if n is None:  # "a few years ago", "several days from now"
        return Resolution("PAST_REF" if direction == "ago" else "FUTURE_REF", "vague")
    if direction in ("ago", "from now", "hence"):
        return shift(ctx.pub, unit, -n if direction == "ago" else n)
    if direction in ("before", "after"):
        anchor = ctx.next_anchor
        if anchor is None:
            return None  # "a day after the test launch": the anchor is an event
        if anchor.point is None or anchor.granularity is None:
            return Resolution(None, "day" if unit == "week" else unit)
        return shift(anchor.point, unit, -n if direction == "before" else n, anchor.granularity)
    sign = -1 if direction in ("earlier", "previously") else 1
    if c.groups.get("than"):
        # "reached the port on November 14, two days later than expected": the time of the event
        # itself, the date just mentioned
        if unit in ("day", "week"):
            return _day(ctx.ref_day) if ctx.ref_day is not None else Resolution(None, "day")
        base, base_grain = _base(ctx, unit, True)
        return shift(base, unit, 0, base_grain)
    if unit in ("day", "week"):
        return shift(ctx.ref_day, unit, sign * n)
    base, base_grain = _base(ctx, unit, True)
    return shift(base, unit, sign * n, base_grain)


def _count(word: str, lex: TimeLexicon) -> int | None:
    """"three" -> 3, "twenty-two" -> 22; None for "a few", "several"."""
    if word in lex.numbers:
        return lex.numbers[word]
    parts = word.replace("-", " ").split()
    if len(parts) == 2 and parts[0] in lex.numbers and parts[1] in lex.numbers:
        return lex.numbers[parts[0]] + lex.numbers[parts[1]]
    return None


def _vague(c: Candidate, ctx: Context) -> Resolution | None:
    if c.groups.get("hist"):
        return Resolution("PAST_REF", "vague")  # "in recent U.S. history"
    return Resolution(ctx.lex.vague[_g(c, "phrase")], "vague")


def _daypart(c: Candidate, ctx: Context) -> Resolution | None:
    """"in the morning", "in morning trading": that part of the last day named (else the
    publication day); "the morning of 3 May" takes the date after it."""
    part = ctx.lex.dayparts[_g(c, "part")]
    if ctx.of_follows:
        anchor = ctx.next_anchor
        if anchor is None or anchor.granularity != "day":
            return None  # "the morning of the attack": a day we cannot date
        return _day(anchor.point, part)
    day = ctx.ref_day or ctx.pub
    return _day(day, part) if day is not None else Resolution(None, "day")


def _row(c: Candidate, ctx: Context) -> Resolution | None:
    """"for a second consecutive day": the day (week, year ...) the text is about."""
    unit = _g(c, "unit")
    if unit in ("day", "session"):
        day = ctx.ref_day or ctx.pub
        return _day(day) if day is not None else Resolution(None, "day")
    base = _base(ctx, unit, True)[0] or ctx.pub  # a year named before: the story's month
    if base is None:
        return Resolution(None, unit)
    if unit == "week":
        return Resolution(cal.week_value(base), "week", base)
    if unit == "quarter":
        return Resolution(f"{base.year}-Q{cal.quarter_of(base)}", "quarter", base)
    return shift(base, unit, 0)


def _that_time(c: Candidate, ctx: Context) -> Resolution | None:
    """"by that time": the time the text named last; nothing when it named none."""
    if ctx.ref_value is None or ctx.ref is None or ctx.ref_grain is None:
        return None
    return Resolution(ctx.ref_value, ctx.ref_grain, ctx.ref)


def _season(c: Candidate, ctx: Context) -> Resolution | None:
    code = ctx.lex.seasons[_g(c, "s")]
    mod = _mod(_g(c, "mod"))
    if c.groups.get("y"):
        year = int(c.groups["y"] or 0)
        return Resolution(f"{year}-{code}", "season", cal.season_span(year, code)[0], mod)
    if ctx.pub is None:
        return Resolution(None, "season", mod=mod)
    pub, rel = ctx.pub, _g(c, "rel")
    if rel in ("this", "the current", "the same"):
        start, end = cal.season_span(cal.season_instance(pub, code, "current"), code)
        if start <= pub <= end:
            year = start.year
        elif (code == "WI" and pub.month <= 2) or (code == "WI" and ctx.tense == "past"):
            year = pub.year - 1
        else:
            year = pub.year
    elif rel in ("last", "the last", "the past", "the previous", "this past"):
        year = cal.season_instance(pub, code, "previous")
    elif rel in ("next", "the next", "the following", "the coming"):
        year = cal.season_instance(pub, code, "next")
    elif ctx.tense == "present":
        year = cal.season_instance(pub, code, "nearest")  # "spring brings hope", "Winter is coming"
    else:
        year = cal.season_instance(pub, code, "future" if ctx.tense == "future" else "past")
    return Resolution(f"{year}-{code}", "season", cal.season_span(year, code)[0], mod)


def _holiday(c: Candidate, ctx: Context) -> Resolution | None:
    """Fixed holidays (Christmas), moveable ones (Easter, Thanksgiving) and days known by a
    name (Black Monday): a holiday without its year is the one the tense points to."""
    name = _g(c, "hol")
    if name in ctx.lex.named_dates:
        return _day(ctx.lex.named_dates[name])
    on = _holiday_rule(ctx.lex, name)
    if c.groups.get("y"):
        return _day(on(int(c.groups["y"] or 0)))
    if ctx.pub is None:
        return Resolution(None, "day")
    pub, rel = ctx.pub, _g(c, "rel")
    options = [on(y) for y in (pub.year - 1, pub.year, pub.year + 1)]
    if rel == "this":
        return _day(on(pub.year))
    if rel == "last":
        return _day(max(d for d in options if d < pub))
    if rel == "next":
        return _day(min(d for d in options if d > pub))
    nearest = min(options, key=lambda d: (abs((d - pub).days), d > pub))
    gap = (nearest - pub).days
    if ctx.tense in _SLACK and gap > _SLACK[ctx.tense]:
        return _day(max(d for d in options if d <= pub))
    if ctx.tense == "future" and gap < -_FUTURE_SLACK:
        return _day(min(d for d in options if d >= pub))
    return _day(nearest)


def _holiday_rule(lex: TimeLexicon, name: str) -> Callable[[int], date]:
    """The holiday's date in a given year."""
    if name in lex.moveable:
        base, offset = lex.moveable[name]
        start = cal.easter if base == "easter" else cal.thanksgiving
        return lambda year: start(year) + timedelta(days=offset)
    month, day = lex.holidays[name]
    return lambda year: date(year, month, day)


RESOLVERS: dict[str, Callable[[Candidate, Context], Resolution | None]] = {
    "iso": _iso, "numeric": _numeric, "mdy": _dated, "dmy": _dated, "month_year": _month_year,
    "month": _month, "week_of": _week_of, "year_range": _year_range, "year": _year, "year2": _year2,
    "decade": _decade, "century": _century, "quarter": _quarter, "unit_rel": _unit_rel,
    "same_period": _same_period,
    "unit_after": _unit_after, "weekday": _weekday, "relday": _relday, "anaphor": _anaphor,
    "the_day": _the_day, "clock": _clock, "ago": _ago, "vague": _vague, "season": _season,
    "holiday": _holiday, "daypart": _daypart, "row": _row, "that_time": _that_time,
}


def resolve(c: Candidate, ctx: Context) -> Resolution | None:
    return RESOLVERS[c.rule](c, ctx)
