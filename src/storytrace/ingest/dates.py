"""Publication dates given at ingest: ISO dates and datetimes, RFC 2822 (feeds), and the
common written forms ("1 November 2024", "Nov. 1, 2024"). Anything else is refused."""

from __future__ import annotations

import re
from datetime import date, datetime

from dateutil import parser as dateutil_parser

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")


def parse_published(value: object) -> str | None:
    """An ISO date (``2024-11-01``) or datetime string, or None for empty input.

    Raises ValueError with the offending value when it is not a date.
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        return _iso(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        raise ValueError(f"unparsable published date {value!r} (expected an ISO date such as 2024-11-01)")
    text = str(value).strip()
    if not text:
        return None
    try:
        if _ISO_DATE.match(text):
            return date.fromisoformat(text).isoformat()
        m = _COMPACT.match(text)
        if m:
            return date(int(m[1]), int(m[2]), int(m[3])).isoformat()
    except ValueError as exc:
        raise ValueError(f"unparsable published date {text!r} ({exc})") from exc
    try:
        return _iso(datetime.fromisoformat(text.replace("Z", "+00:00")))
    except ValueError:
        pass
    if not re.search(r"\d{4}", text) or not re.search(r"[A-Za-z]{3,}|\d{1,2}[/.]\d{1,2}", text):
        raise ValueError(f"unparsable published date {text!r} (expected an ISO date such as 2024-11-01)")
    try:
        parsed = dateutil_parser.parse(text, fuzzy=False)
    except (ValueError, OverflowError) as exc:
        raise ValueError(
            f"unparsable published date {text!r} (expected an ISO date such as 2024-11-01)") from exc
    return _iso(parsed)


def _iso(value: datetime) -> str:
    if value.hour == value.minute == value.second == 0 and value.tzinfo is None:
        return value.date().isoformat()
    return value.isoformat()


def published_date(published: str | None) -> date | None:
    """The calendar date of an ISO ``published`` value (date or datetime)."""
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None
