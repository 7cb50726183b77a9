"""The word lists of the times layer, read once from ``data/times/lexicon.tsv``.

Every line is ``phrase<TAB>kind<TAB>value``; a bad line raises :class:`LexiconError` naming
the file and the line, so a typo in the data fails at load time, not as a silent miss.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from storytrace.nlp.resources import Resources

LEXICON_FILE = Path(__file__).resolve().parent.parent / "data" / "times" / "lexicon.tsv"

_REFS = {"PAST_REF", "PRESENT_REF", "FUTURE_REF"}
_UNITS = {"day", "week", "month", "year", "decade", "century"}
_ZONE = re.compile(r"^(Z|[+-](0\d|1[0-4]):[0-5]\d)$")
_MMDD = re.compile(r"^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$")
_MOVEABLE = re.compile(r"^(easter|thanksgiving)([+-]\d{1,2})$")


class LexiconError(ValueError):
    """A line of a times data file that cannot be read."""


@dataclass
class TimeLexicon:
    months: dict[str, int] = field(default_factory=dict)  # "november"/"nov" -> 11
    full_months: set[str] = field(default_factory=set)  # names that may stand alone
    weekdays: dict[str, int] = field(default_factory=dict)  # "friday" -> 4
    seasons: dict[str, str] = field(default_factory=dict)  # "summer" -> "SU"
    dayparts: dict[str, str] = field(default_factory=dict)  # "morning" -> "MO"
    numbers: dict[str, int] = field(default_factory=dict)  # "three" -> 3
    ordinals: dict[str, int] = field(default_factory=dict)  # "third" -> 3
    units: dict[str, str] = field(default_factory=dict)  # "weeks" -> "week"
    vague: dict[str, str] = field(default_factory=dict)  # "recently" -> "PAST_REF"
    zones: dict[str, str] = field(default_factory=dict)  # "UTC" -> "Z"
    holidays: dict[str, tuple[int, int]] = field(default_factory=dict)  # "christmas" -> (12, 25)
    moveable: dict[str, tuple[str, int]] = field(default_factory=dict)  # "good friday" -> ("easter", -2)
    named_dates: dict[str, date] = field(default_factory=dict)  # "black monday" -> 1987-10-19
    season_events: set[str] = field(default_factory=set)  # "meetings" (their autumn meetings)
    part_nouns: set[str] = field(default_factory=set)  # "trading" (in morning trading)
    named_days: set[str] = field(default_factory=set)  # "black" (Black Monday)
    count_cues: set[str] = field(default_factory=set)  # "about" (about 2000 people)
    future_cues: set[str] = field(default_factory=set)  # "plan" (plans to meet Friday)
    ahead_cues: set[str] = field(default_factory=set)  # "postpone" (was postponed until July 29)
    plan_cues: set[str] = field(default_factory=set)  # "schedule" (was scheduled for June 3)


def _int(value: str, low: int, high: int) -> int:
    n = int(value)
    if not low <= n <= high:
        raise ValueError(f"{n} is outside {low}..{high}")
    return n


def _add(lex: TimeLexicon, phrase: str, kind: str, value: str) -> None:
    """One entry; raises ValueError (or KeyError for an unknown kind) when it is malformed."""
    key = phrase.lower()
    if kind in ("month", "month_abbr"):
        lex.months[key] = _int(value, 1, 12)
        if kind == "month":
            lex.full_months.add(key)
    elif kind == "weekday":
        lex.weekdays[key] = _int(value, 0, 6)
    elif kind == "season":
        if value not in ("SP", "SU", "FA", "WI"):
            raise ValueError(f"season code {value!r} is not one of SP, SU, FA, WI")
        lex.seasons[key] = value
    elif kind == "daypart":
        if value not in ("MO", "AF", "EV", "NI"):
            raise ValueError(f"part of day {value!r} is not one of MO, AF, EV, NI")
        lex.dayparts[key] = value
    elif kind == "number":
        lex.numbers[key] = _int(value, 1, 1000)
    elif kind == "ordinal":
        lex.ordinals[key] = _int(value, 1, 40)
    elif kind == "unit":
        if value not in _UNITS:
            raise ValueError(f"unit {value!r} is not one of {sorted(_UNITS)}")
        lex.units[key] = value
    elif kind == "vague":
        if value not in _REFS:
            raise ValueError(f"vague value {value!r} is not one of {sorted(_REFS)}")
        lex.vague[key] = value
    elif kind == "zone":
        if not _ZONE.match(value):
            raise ValueError(f"zone offset {value!r} is not Z or +HH:MM / -HH:MM")
        lex.zones[phrase] = value  # zones are matched as written (upper case)
    elif kind == "holiday":
        if not _MMDD.match(value):
            raise ValueError(f"holiday date {value!r} is not MM-DD")
        lex.holidays[key] = (int(value[:2]), int(value[3:]))
    elif kind == "moveable":
        m = _MOVEABLE.match(value)
        if not m:
            raise ValueError(f"moveable holiday {value!r} is not easter+N / easter-N / thanksgiving+N")
        lex.moveable[key] = (m.group(1), int(m.group(2)))
    elif kind == "named_date":
        try:
            lex.named_dates[key] = date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"named date {value!r} is not YYYY-MM-DD") from None
    elif kind in _WORD_SETS:
        getattr(lex, _WORD_SETS[kind]).add(key)
    else:
        raise KeyError(kind)


# kinds that only collect words: kind -> the TimeLexicon set they go into
_WORD_SETS = {"season_event": "season_events", "part_noun": "part_nouns", "named_day": "named_days",
              "count_cue": "count_cues", "future_cue": "future_cues", "ahead_cue": "ahead_cues",
              "plan_cue": "plan_cues"}


def load_lexicon(path: Path = LEXICON_FILE) -> TimeLexicon:
    lex = TimeLexicon()
    with open(path, encoding="utf-8") as fh:
        for n, raw in enumerate(fh, 1):
            line = raw.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) != 3 or not all(c.strip() for c in cols):
                raise LexiconError(f"{path}:{n}: expected 3 tab-separated columns "
                                   f"(phrase, kind, value), got {line!r}")
            phrase, kind, value = (c.strip() for c in cols)
            try:
                _add(lex, phrase, kind, value)
            except KeyError:
                raise LexiconError(f"{path}:{n}: unknown kind {kind!r}") from None
            except ValueError as exc:
                raise LexiconError(f"{path}:{n}: {phrase!r}: {exc}") from None
    return lex


def lexicon(res: Resources) -> TimeLexicon:
    """The lexicon, loaded once per process."""
    return res.cached("times.lexicon", load_lexicon)
