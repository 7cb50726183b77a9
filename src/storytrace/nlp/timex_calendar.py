"""Calendar arithmetic for TIMEX3 values: formatting, weekdays, seasons, quarters, shifts.

Pure functions of dates and numbers (no text, no spaCy), so each rule is easy to test.
``direction`` is ``-1`` (on or before the reference: the past), ``+1`` (on or after: the
future) or ``0`` (the nearest one).
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}  # first month of each season
SEASON_OF_MONTH = {1: "WI", 2: "WI", 3: "SP", 4: "SP", 5: "SP", 6: "SU", 7: "SU", 8: "SU",
                   9: "FA", 10: "FA", 11: "FA", 12: "WI"}

_GRANULARITY = [
    (re.compile(r"^\d{4}-\d{2}-\d{2}"), "day"),
    (re.compile(r"^\d{4}-W\d{2}"), "week"),
    (re.compile(r"^\d{4}-\d{2}$"), "month"),
    (re.compile(r"^\d{4}-(SP|SU|FA|WI)$"), "season"),
    (re.compile(r"^\d{4}-[QH]\d$"), "quarter"),
    (re.compile(r"^\d{4}$"), "year"),
    (re.compile(r"^\d{3}$"), "decade"),
    (re.compile(r"^\d{2}$"), "century"),
    (re.compile(r"^(PAST|PRESENT|FUTURE)_REF$"), "vague"),
]


def granularity(value: str | None) -> str | None:
    """The export granularity of a TIMEX3 value (None when it is not one we write)."""
    if value is None:
        return None
    for pattern, name in _GRANULARITY:
        if pattern.match(value):
            return name
    return None


def day_value(d: date) -> str:
    return d.isoformat()


def week_value(d: date) -> str:
    year, week, _ = d.isocalendar()
    return f"{year:04d}-W{week:02d}"


def month_value(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def valid_day(year: int, month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]


def add_months(year: int, month: int, n: int) -> tuple[int, int]:
    k = year * 12 + (month - 1) + n
    return k // 12, k % 12 + 1


def shift_day(d: date, n: int) -> date:
    return d + timedelta(days=n)


def weekday_near(ref: date, weekday: int, direction: int, strict: bool = False) -> date:
    """The ``weekday`` (0 = Monday) on or before ``ref`` (direction -1), on or after (+1) or the
    nearest (0). ``strict`` excludes ``ref`` itself ("last Friday" said on a Friday)."""
    back = (ref.weekday() - weekday) % 7
    ahead = (weekday - ref.weekday()) % 7
    if strict:
        back = back or 7
        ahead = ahead or 7
    if direction < 0:
        return ref - timedelta(days=back)
    if direction > 0:
        return ref + timedelta(days=ahead)
    return ref - timedelta(days=back) if back <= ahead else ref + timedelta(days=ahead)


def weekday_in_week(ref: date, weekday: int) -> date:
    """That weekday in the ISO week of ``ref`` ("this Friday")."""
    return ref + timedelta(days=weekday - ref.weekday())


def year_for_month(ref: date, month: int, direction: int, strict: bool = False) -> int:
    """The year of the ``month`` before (-1), after (+1) or nearest (0) to ``ref``'s month."""
    if strict:
        if direction < 0:
            return ref.year if month < ref.month else ref.year - 1
        return ref.year if month > ref.month else ref.year + 1
    if direction < 0:
        return ref.year if month <= ref.month else ref.year - 1
    if direction > 0:
        return ref.year if month >= ref.month else ref.year + 1
    diff = month - ref.month
    if diff > 6:
        return ref.year - 1
    if diff < -6:
        return ref.year + 1
    return ref.year


def year_for_day(ref: date, month: int, day: int, direction: int) -> int | None:
    """The year that puts month/day on the requested side of ``ref`` (None for 29 February
    in a year without it)."""
    options = [y for y in (ref.year - 1, ref.year, ref.year + 1) if valid_day(y, month, day)]
    if not options:
        return None
    dated = [(date(y, month, day), y) for y in options]
    if direction < 0:
        past = [(d, y) for d, y in dated if d <= ref]
        return max(past)[1] if past else None
    if direction > 0:
        future = [(d, y) for d, y in dated if d >= ref]
        return min(future)[1] if future else None
    return min(dated, key=lambda dy: (abs((dy[0] - ref).days), dy[0] > ref))[1]


def season_span(year: int, season: str) -> tuple[date, date]:
    """First and last day of a season instance (winter ``year`` runs Dec ``year`` - Feb ``year+1``)."""
    start_month = SEASON_START[season]
    start = date(year, start_month, 1)
    end_year, end_month = add_months(year, start_month, 2)
    return start, date(end_year, end_month, calendar.monthrange(end_year, end_month)[1])


def season_instance(ref: date, season: str, how: str) -> int:
    """The year of a season instance relative to ``ref``.

    how: ``current`` (the one containing ``ref``, else this year's / the coming winter),
    ``nearest`` (the one containing ``ref``, else the one whose start or end is nearest),
    ``previous`` (the last one that ended before ``ref``), ``next`` (the first one starting
    after ``ref``), ``past`` (the latest one that started on or before ``ref``), ``future``
    (the first one that ends on or after ``ref``).
    """
    years = range(ref.year - 2, ref.year + 2)
    spans = [(y, *season_span(y, season)) for y in years]
    if how == "previous":
        return max(y for y, _, end in spans if end < ref)
    if how == "next":
        return min(y for y, start, _ in spans if start > ref)
    if how == "past":
        return max(y for y, start, _ in spans if start <= ref)
    if how == "future":
        return min(y for y, _, end in spans if end >= ref)
    if how == "nearest":
        def distance(span: tuple[int, date, date]) -> int:
            _, start, end = span
            return 0 if start <= ref <= end else min(abs((start - ref).days), abs((ref - end).days))
        return min(spans, key=distance)[0]
    for y, start, end in spans:
        if start <= ref <= end:
            return y
    return ref.year


def quarter_of(d: date) -> int:
    return (d.month - 1) // 3 + 1


def nth_week_of_month(year: int, month: int, n: int) -> date:
    """A day in the n-th week of a month (weeks counted by their Thursday, as ISO weeks are
    counted in a year); n = -1 is the last week."""
    last = calendar.monthrange(year, month)[1]
    if n > 0:
        first_thursday = 1 + (3 - date(year, month, 1).weekday()) % 7
        return date(year, month, first_thursday) + timedelta(weeks=n - 1)
    last_thursday = last - (date(year, month, last).weekday() - 3) % 7
    return date(year, month, last_thursday)


def two_digit_year(yy: int, ref: date | None) -> int:
    """'82 -> 1982, '07 -> 2007: the century that keeps the year at most ten years after
    ``ref`` (a fixed pivot of 2030 without a reference date)."""
    limit = (ref.year if ref else 2020) + 10
    year = 2000 + yy
    return year if year <= limit else 1900 + yy


def easter(year: int) -> date:
    """Western (Gregorian) Easter Sunday: the anonymous Gregorian computus."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return date(year, month, day + 1)


def thanksgiving(year: int) -> date:
    """US Thanksgiving: the fourth Thursday of November."""
    first = date(year, 11, 1)
    return first + timedelta(days=(3 - first.weekday()) % 7 + 21)
