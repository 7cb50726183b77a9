"""Tracked figures: the same quantity reported across documents, as a timeline of values.

Claims (EXPORT.md ``Claim``) about the same thing ("North Korean troops in Russia",
"killed in the Kharkiv strike") are grouped into a :class:`Figure`:

* **same thing**: same category and unit, and their ``about`` texts, normalized with
  ``data/stories/figures.yaml`` (synonyms, demonyms, filler words), name the same words or
  one names all the words of the other (at least two of them);
* **once per original source**: an observation is a (source, value) pair; the same value
  from the same source repeated by other outlets (or in duplicate copies) is listed under
  ``repeats`` of its first report, not counted again. An unattributed figure is the
  outlet's own. A source is its actor id when the claim has one, else its words without
  articles ("the agency" = "agency"); a description such as "the agency" stands for the
  institution named before it in the same article;
* **increments** ("3,000 more", "another 5,000") add to the count: they are marked, never
  compared with totals, and left out of the figure's range;
* **conflicts**: two different sources whose values cannot both be true (their intervals
  do not meet: "about 10,000" is 9,000-11,000, "up to 10,000" is at most 10,000) for the
  same time: the same ``when``, else reported on the same or adjacent days. A count that
  grows over weeks is an evolution, not a conflict;
* **revisions**: a source giving a different value than in an earlier article.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from storytrace.errors import DataFileError
from storytrace.store.db import Store
from storytrace.stories.queries import Scope, scope_where
from storytrace.stories.text import fold

SAME_TIME_DAYS = 1  # "at the same time": the same or adjacent days
ABOUT_TOLERANCE = 0.1  # "about 10,000" covers 9,000 - 11,000


# ---------------------------------------------------------------------- normalizing "about"
@dataclass(frozen=True)
class AboutRules:
    ignore: frozenset[str]
    synonyms: dict[str, str]
    places: dict[str, str]
    phrases: tuple[tuple[str, str], ...]  # multi-word place names, longest first
    increments_before: frozenset[str] = frozenset()  # "another 5,000"
    increments_after: frozenset[str] = frozenset()  # "3,000 more"
    intent: frozenset[str] = frozenset()  # "decided to send 12,000"
    modals: frozenset[str] = frozenset()  # "will deploy 5,000", "10,000 could be there"
    modal_verbs: frozenset[str] = frozenset()  # verbs a modal makes a plan of: send, deploy, reach
    institutions: dict[str, int] = field(default_factory=dict)  # head noun -> its group


@lru_cache(maxsize=1)
def rules() -> AboutRules:
    name = "data/stories/figures.yaml"
    try:
        raw = resources.files("storytrace.data").joinpath("stories", "figures.yaml").read_text("utf-8")
        data = yaml.safe_load(raw)
    except yaml.YAMLError as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", None)
        raise DataFileError(name, f"not valid YAML ({exc})", line + 1 if line is not None else None) from exc
    if not isinstance(data, dict):
        raise DataFileError(name, "expected a mapping with ignore, synonyms and places")
    for key, kind in (("ignore", list), ("synonyms", dict), ("places", dict)):
        if not isinstance(data.get(key), kind):
            raise DataFileError(name, f"'{key}' must be a {kind.__name__}")
    places = {str(k).lower(): str(v).lower() for k, v in data["places"].items()}
    phrases = tuple(sorted(((k, v) for k, v in places.items() if " " in k), key=lambda kv: -len(kv[0])))
    inc = data.get("increments", {"before": [], "after": []})
    if not isinstance(inc, dict) or not all(isinstance(inc.get(k), list) for k in ("before", "after")):
        raise DataFileError(name, "'increments' must map 'before' and 'after' to lists of words")
    exp = data.get("expected", {"intent": [], "modal": [], "verbs": []})
    if not isinstance(exp, dict) or not all(isinstance(exp.get(k), list) for k in ("intent", "modal",
                                                                                   "verbs")):
        raise DataFileError(name, "'expected' must map 'intent', 'modal' and 'verbs' to lists of words")
    groups = data.get("institutions", [])
    if not isinstance(groups, list) or not all(isinstance(g, list) and g for g in groups):
        raise DataFileError(name, "'institutions' must be a list of lists of words")
    institutions = {str(w).lower(): i for i, g in enumerate(groups) for w in g}
    return AboutRules(ignore=frozenset(str(w).lower() for w in data["ignore"]),
                      synonyms={str(k).lower(): str(v).lower() for k, v in data["synonyms"].items()},
                      places={k: v for k, v in places.items() if " " not in k}, phrases=phrases,
                      increments_before=frozenset(str(w).lower() for w in inc["before"]),
                      increments_after=frozenset(str(w).lower() for w in inc["after"]),
                      intent=frozenset(str(w).lower() for w in exp["intent"]),
                      modals=frozenset(str(w).lower() for w in exp["modal"]),
                      modal_verbs=frozenset(str(w).lower() for w in exp["verbs"]),
                      institutions=institutions)


_TOKEN = re.compile(r"[a-z][a-z.'’-]*[a-z]|[a-z]")


def about_key(about: str | None, category: str | None = None) -> frozenset[str]:
    """The words that say what a claim counts, comparable across wordings."""
    r = rules()
    text = (about or "").lower().replace("’", "'")
    for phrase, key in r.phrases:
        text = text.replace(phrase, key)
    out = set()
    for tok in _TOKEN.findall(text):
        tok = tok.removesuffix("'s").strip(".'-")
        if tok in r.places:
            out.update(r.places[tok].split())
            continue
        w = fold(tok)
        w = r.synonyms.get(w, r.synonyms.get(tok, w))
        if w and w not in r.ignore and tok not in r.ignore:
            out.update(r.places.get(w, w).split())
    if not out and category and category != "other":
        w = fold(category)
        out.add(r.synonyms.get(w, w))
    return frozenset(out)


def same_thing(a: frozenset[str], b: frozenset[str]) -> bool:
    if not a or not b:
        return False
    if a == b:
        return True
    small, big = (a, b) if len(a) <= len(b) else (b, a)
    if small <= big and len(small) >= 2:
        return True
    return len(a & b) / len(a | b) >= 0.6 and len(a & b) >= 2


# ---------------------------------------------------------------------- increments and times
_NUMBER = re.compile(r"\d[\d,.]*|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
                     r"dozens?|hundreds?|thousands?|millions?)\b", re.IGNORECASE)
_MAGNITUDE = frozenset({"hundred", "thousand", "million", "billion", "trillion", "dozen"})


def is_increment(before: str, span: str, after: str = "") -> bool:
    """Whether a claim's number adds to a count: "another 5,000 soldiers", "an additional
    2,000", "3,000 more troops" (but not "more than 3,000", a bound). ``before`` and ``after``
    are the text just around the claim's ``span``."""
    r = rules()
    m = _NUMBER.search(span)
    if m is None:
        return False
    lead = (before + " " + span[: m.start()]).lower().split()
    if lead and lead[-1].strip(",;:(") in r.increments_before:
        return True
    words = (span[m.end():] + " " + after).lower().replace(",", " ").split()
    while words and words[0] in _MAGNITUDE:
        words.pop(0)
    if not words or words[0].strip(".;:)") not in r.increments_after:
        return False
    return len(words) < 2 or words[1] != "than"


LOOK_BACK = 5  # words before a number read for "will", "decided to", ...


def is_expected(before: str, span: str, after: str = "") -> bool:
    """Whether a claim's number is planned or forecast (a value for a later time): "has decided
    to send about 12,000", "will deploy 5,000", "up to 10,000 could be there by December" (but
    not "it could confirm about 5,000")."""
    r = rules()
    m = _NUMBER.search(span)
    if m is None:
        return False
    clause = re.split(r"[.;:!?]", before + " " + span[: m.start()])[-1].lower()
    lead = re.findall(r"[a-z]+", clause)[-LOOK_BACK:]
    if any(w in r.intent for w in lead):
        return True
    for i, w in enumerate(lead[:-1]):  # "will send about 5,000", "could soon reach up to 20,000"
        if w in r.modals and any(v in r.modal_verbs for v in lead[i + 1: i + 3]):
            return True
    tail = re.findall(r"[a-z]+", re.split(r"[.;:!?,]", after)[0].lower())
    return bool(tail) and tail[0] in r.modals


@dataclass(frozen=True)
class Period:
    """The time a figure holds for: a day, week, month, quarter, season or year."""

    start: date
    end: date
    kind: str


_SEASONS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "AU": (9, 11), "WI": (12, 14)}


def period(value: str | None) -> Period | None:
    """A TIMEX3 value as dates (None for PRESENT_REF, durations and anything unparsed)."""
    if not value:
        return None
    v = value.split("T", 1)[0]
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", v):
            d = date.fromisoformat(v)
            return Period(d, d, "day")
        if m := re.fullmatch(r"(\d{4})-W(\d{2})", v):
            start = date.fromisocalendar(int(m[1]), int(m[2]), 1)
            return Period(start, date.fromisocalendar(int(m[1]), int(m[2]), 7), "week")
        if (m := re.fullmatch(r"(\d{4})-(\d{2})", v)) and 1 <= int(m[2]) <= 12:
            return Period(*_months(int(m[1]), int(m[2]), int(m[2])), "month")
        if m := re.fullmatch(r"(\d{4})-Q([1-4])", v):
            q = int(m[2])
            return Period(*_months(int(m[1]), 3 * q - 2, 3 * q), "quarter")
        if (m := re.fullmatch(r"(\d{4})-(SP|SU|FA|AU|WI)", v)) and m[2] in _SEASONS:
            first, last = _SEASONS[m[2]]
            return Period(*_months(int(m[1]), first, last), "season")
        if re.fullmatch(r"\d{4}", v):
            return Period(date(int(v), 1, 1), date(int(v), 12, 31), "year")
    except ValueError:
        return None
    return None


def _months(year: int, first: int, last: int) -> tuple[date, date]:
    """First and last day of months ``first``..``last`` of ``year`` (13, 14: the next January, February)."""
    start = date(year + (first - 1) // 12, (first - 1) % 12 + 1, 1)
    y, m = year + last // 12, last % 12 + 1  # the month after ``last``
    return start, date(y, m, 1) - timedelta(days=1)


# ---------------------------------------------------------------------- records
@dataclass
class Observation:
    """A value reported by one source (its first report; later repeats in ``repeats``)."""

    doc_id: str
    idx: int
    date: str | None  # the reporting date (publication date of the document)
    low: float | None
    high: float | None
    approx: str
    unit: str | None
    about: str | None
    source: str  # display name of who gave the figure (or the outlet)
    source_key: str
    attributed: bool  # False: nobody named, the outlet reports it on its own
    outlet: str | None
    stance: str | None
    when: str | None  # the claim's own time (TIMEX3), if any
    start: int
    end: int
    repeats: list[dict[str, Any]] = field(default_factory=list)  # {doc_id, outlet, date}
    flags: list[str] = field(default_factory=list)  # conflict | revision | denied | increment | expected
    increment: bool = False  # "3,000 more": adds to the count
    planned: bool = False  # "decided to send 12,000": a plan or forecast (see ``expected``)

    @property
    def value(self) -> str:
        text = format_value(self.low, self.high, self.approx, self.unit)
        return f"{text} more" if self.increment else text

    def period(self) -> Period | None:
        """The time the value holds for: its own ``when``, else the day it was reported."""
        own = period(self.when)
        if own is not None:
            return own
        reported = period(self.date)
        return reported if reported is not None and reported.kind == "day" else None

    @property
    def expected(self) -> bool:
        """A value for a later time: planned or forecast ("has decided to send 12,000"), or whose
        own time starts after it was reported ("by December")."""
        if self.planned:
            return True
        own, reported = period(self.when), period(self.date)
        return own is not None and reported is not None and own.start > reported.end

    def interval(self) -> tuple[float, float]:
        return interval(self.low, self.high, self.approx)

    def as_dict(self) -> dict[str, Any]:
        return {"doc_id": self.doc_id, "idx": self.idx, "date": self.date, "low": self.low, "high": self.high,
                "approx": self.approx, "unit": self.unit, "value": self.value, "about": self.about,
                "source": self.source, "attributed": self.attributed, "outlet": self.outlet,
                "stance": self.stance, "when": self.when, "span": {"start": self.start, "end": self.end},
                "repeats": self.repeats, "flags": self.flags, "increment": self.increment}


@dataclass
class Conflict:
    a: Observation
    b: Observation

    def as_dict(self) -> dict[str, Any]:
        return {"a": _ref(self.a), "b": _ref(self.b)}


@dataclass
class Revision:
    source: str
    before: Observation
    after: Observation

    @property
    def direction(self) -> str:
        b, a = _mid(self.before), _mid(self.after)
        return "up" if a > b else "down" if a < b else "restated"

    def as_dict(self) -> dict[str, Any]:
        return {"source": self.source, "direction": self.direction,
                "before": _ref(self.before), "after": _ref(self.after)}


@dataclass
class Figure:
    label: str
    key: frozenset[str]
    category: str
    unit: str | None
    observations: list[Observation]
    conflicts: list[Conflict]
    revisions: list[Revision]
    claims: int  # claim records behind it (repeats and duplicate copies included)

    @property
    def name(self) -> str:
        """The label, with the category when the label does not say it: 'North Korean soldiers
        (killed)'."""
        cat_word = about_key(None, self.category)
        named = self.category in ("other", "troops", "people", "money", "weapons") or \
            cat_word & about_key(self.label)
        return self.label if named else f"{self.label} ({self.category})"

    @property
    def title(self) -> str:
        return self.name[:1].upper() + self.name[1:]

    @property
    def sources(self) -> list[str]:
        seen: dict[str, str] = {}
        for o in self.observations:
            seen.setdefault(o.source_key, o.source)
        return list(seen.values())

    def live(self) -> list[Observation]:
        """Observations that state the count itself: not denied, not increments and not plans or
        forecasts, unless the figure has nothing else."""
        live = [o for o in self.observations if o.stance != "denied"] or self.observations
        totals = [o for o in live if not o.increment] or live
        return [o for o in totals if not o.expected] or totals

    def extremes(self) -> tuple[Observation, Observation] | None:
        """The observations with the lowest and the highest value (those the range rests on)."""
        live = [o for o in self.live() if o.low is not None or o.high is not None]
        if not live:
            return None
        return (min(live, key=lambda o: min(v for v in (o.low, o.high) if v is not None)),
                max(live, key=lambda o: max(v for v in (o.low, o.high) if v is not None)))

    def _values(self) -> list[float]:
        return [v for o in self.live() if o.stance != "denied" for v in (o.low, o.high) if v is not None]

    @property
    def lowest(self) -> float | None:
        vals = self._values()
        return min(vals) if vals else None

    @property
    def highest(self) -> float | None:
        vals = self._values()
        return max(vals) if vals else None

    @property
    def latest(self) -> Observation | None:
        """The value for the latest time (its ``when``, else its reporting day; "11,000 sent last
        autumn" reported in March is not newer than a December count), plans and forecasts last."""
        live = [o for o in self.live() if o.stance != "denied"]
        if not live:
            return None
        current = [o for o in live if not o.expected] or live
        return max(enumerate(current), key=lambda io: (_time_of(io[1]), io[0]))[1]

    def range_text(self) -> str:
        lo, hi = self.lowest, self.highest
        if lo is None or hi is None:
            return "?"
        text = format_number(lo) if lo == hi else f"{format_number(lo)}–{format_number(hi)}"
        return f"{text} {self.unit}" if self.unit in CURRENCIES else text

    def as_dict(self) -> dict[str, Any]:
        return {"label": self.label, "key": sorted(self.key), "category": self.category, "unit": self.unit,
                "range": [self.lowest, self.highest], "sources": self.sources, "claims": self.claims,
                "observations": [o.as_dict() for o in self.observations],
                "conflicts": [c.as_dict() for c in self.conflicts],
                "revisions": [r.as_dict() for r in self.revisions]}


# ---------------------------------------------------------------------- values
_LARGE = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))
CURRENCIES = frozenset({"USD", "EUR", "GBP", "KRW", "JPY", "CNY", "RUB", "UAH"})


def format_number(x: float) -> str:
    """12,000; 2.5; 425 million; 10.6 billion."""
    for size, word in _LARGE:
        if abs(x) >= size:
            return f"{x / size:,.2f}".rstrip("0").rstrip(".") + f" {word}"
    return f"{x:,.0f}" if float(x).is_integer() else f"{x:,.2f}".rstrip("0").rstrip(".")


def format_value(low: float | None, high: float | None, approx: str, unit: str | None = None) -> str:
    def n(x: float | None) -> str:
        return "?" if x is None else format_number(x)

    if approx == "range":
        text = f"{n(low)}–{n(high)}"
    elif approx == "up_to":
        text = f"up to {n(high if high is not None else low)}"
    elif approx in ("at_least", "more_than"):
        text = ("at least " if approx == "at_least" else "more than ") + n(low if low is not None else high)
    elif approx == "less_than":
        text = f"less than {n(high if high is not None else low)}"
    elif approx == "about":
        text = f"about {n(low if low is not None else high)}"
    else:
        text = n(low if low is not None else high)
    if unit in CURRENCIES:
        text = f"{text} {unit}"
    return text


def interval(low: float | None, high: float | None, approx: str) -> tuple[float, float]:
    """The values a reported figure allows."""
    lo = low if low is not None else high
    hi = high if high is not None else low
    assert lo is not None and hi is not None
    if approx == "about":
        return lo * (1 - ABOUT_TOLERANCE), hi * (1 + ABOUT_TOLERANCE)
    if approx == "up_to":
        return 0.0, hi
    if approx == "less_than":
        return 0.0, hi
    if approx in ("at_least", "more_than"):
        return lo, math.inf
    return lo, hi


def compatible(a: Observation, b: Observation) -> bool:
    (alo, ahi), (blo, bhi) = a.interval(), b.interval()
    eps = 1e-9 + 0.005 * max(abs(alo), abs(blo), 1.0)
    return not (ahi + eps < blo or bhi + eps < alo)


def _mid(o: Observation) -> float:
    lo, hi = o.low if o.low is not None else o.high, o.high if o.high is not None else o.low
    return ((lo or 0.0) + (hi or 0.0)) / 2


def _point(o: Observation) -> tuple[float | None, float | None]:
    """The numbers of a report, whatever its qualifier ('about 10,000' = 'more than 10,000')."""
    return (o.low if o.low is not None else o.high, o.high if o.high is not None else o.low)


def _ref(o: Observation) -> dict[str, Any]:
    return {"doc_id": o.doc_id, "idx": o.idx, "date": o.date, "value": o.value, "source": o.source,
            "outlet": o.outlet}


def _time_of(o: Observation) -> date:
    p = o.period()
    return p.end if p is not None else date.min


def same_time(a: Observation, b: Observation, days: int = SAME_TIME_DAYS) -> bool:
    """Whether two values are for the same time: days (their ``when`` or reporting day) at most
    ``days`` apart, or the same week, month, season or year."""
    pa, pb = a.period(), b.period()
    if pa is None or pb is None:
        return False
    if pa.kind == pb.kind == "day":
        return abs((pa.start - pb.start).days) <= days
    return pa == pb


# ---------------------------------------------------------------------- loading and grouping
def load_claims(store: Store, scope: Scope | None = None) -> list[dict[str, Any]]:
    """Claim rows in scope, duplicates included (they are folded, not counted), by date."""
    where, params = scope_where(scope or Scope(), duplicates=True)
    rows = store.execute(
        f"SELECT c.doc_id, c.idx, c.record, c.start, c.\"end\", d.published, d.source AS outlet, "
        f"d.duplicate_of, d.rowid AS rowid, sd.story_id, "
        f"substr(d.text, max(c.start - {CONTEXT}, 0) + 1, "
        f"c.\"end\" + {CONTEXT} - max(c.start - {CONTEXT}, 0)) AS context "
        f"FROM claims c JOIN documents d ON d.id = c.doc_id "
        f"LEFT JOIN story_docs sd ON sd.doc_id = d.id WHERE {where} "
        f"ORDER BY d.published, d.rowid, c.idx", params)
    out = []
    mentions: dict[str, list[tuple[int, int, str, str, str]]] = {}
    for r in rows:
        rec = json.loads(r["record"])
        if rec.get("low") is None and rec.get("high") is None:
            continue
        start = r["start"] if r["start"] is not None else rec.get("span", {}).get("start", 0)
        end = r["end"] if r["end"] is not None else rec.get("span", {}).get("end", 0)
        c = {**rec, "doc_id": r["doc_id"], "idx": r["idx"], "published": r["published"],
             "outlet": r["outlet"], "duplicate_of": r["duplicate_of"], "rowid": r["rowid"],
             "story": r["story_id"], "start": start, "end": end}
        lo = max(0, start - CONTEXT)
        text = r["context"] if r["start"] is not None and r["end"] is not None else store.execute(
            "SELECT substr(text, ?, ?) FROM documents WHERE id = ?",
            (lo + 1, end + CONTEXT - lo, r["doc_id"])).fetchone()[0]
        text = text or ""
        parts = text[: start - lo], text[start - lo: end - lo], text[end - lo:]
        c["increment"], c["planned"] = is_increment(*parts), is_expected(*parts)
        head = _anaphor(c)
        if head is not None:
            if r["doc_id"] not in mentions:
                mentions[r["doc_id"]] = _institution_mentions(store, r["doc_id"])
            ref = _antecedent(head, start, mentions[r["doc_id"]])
            if ref is not None:
                c["source_ref"] = ref
        out.append(c)
    return out


CONTEXT = 40  # characters read on each side of a claim's span (increments: "another", "more")
_DETERMINERS = ("the", "its", "this", "that")


def _anaphor(c: dict[str, Any]) -> int | None:
    """The institution group of a source given only as a definite description ("the agency",
    "the country's military"), or None (names, bare nouns such as "intelligence")."""
    src = c.get("source") or {}
    if src.get("id"):
        return None
    raw = (src.get("text") or src.get("name") or c.get("source_text") or "").strip()
    if not raw or any(ch.isupper() for ch in raw[1:]):
        return None  # "South Korea's agency" names its institution
    words = re.findall(r"[a-z]+", raw.lower().replace("’", "'").replace("'s", ""))
    if len(words) < 2 or len(words) > 4 or words[0] not in _DETERMINERS:
        return None
    return rules().institutions.get(words[-1])


def _institution_mentions(store: Store, doc_id: str) -> list[tuple[int, int, str, str, str]]:
    """Mentions of actors in a document whose words name an institution: (start, end, group
    words, actor id, actor name), by position."""
    text = store.execute("SELECT text FROM documents WHERE id = ?", (doc_id,)).fetchone()
    if text is None:
        return []
    groups = rules().institutions
    out = []
    for row in store.execute("SELECT actor_id, name, record FROM actors WHERE doc_id = ?", (doc_id,)):
        if not row["actor_id"]:
            continue
        for m in json.loads(row["record"]).get("mentions") or []:
            words = re.findall(r"[a-z]+", text[0][m["start"]:m["end"]].lower())
            found = {groups[w] for w in words if w in groups}
            if found:
                out.append((m["start"], m["end"], ",".join(map(str, sorted(found))), row["actor_id"],
                            row["name"] or row["actor_id"]))
    out.sort()
    return out


def _antecedent(group: int, before: int, mentions: list[tuple[int, int, str, str, str]]
                ) -> dict[str, str] | None:
    """The actor of the nearest mention before ``before`` naming an institution of ``group``."""
    for start, _end, groups, actor_id, name in reversed(mentions):
        if start < before and str(group) in groups.split(","):
            return {"id": actor_id, "name": name}
    return None


def source_words(text: str | None) -> str:
    """A source's words compared across wordings: lower-cased, articles and possessives dropped,
    plurals folded ("The agency" = "agency", "US officials'" = "us official")."""
    words = re.findall(r"[\w-]+", (text or "").lower().replace("’", "'").replace("'s ", " "))
    return " ".join(fold(w) for w in words if w not in ("the", "a", "an", "s"))


def _source_of(c: dict[str, Any], named: dict[str, tuple[str, str]] | None = None) -> tuple[str, str, bool]:
    """(display name, identity key, attributed?) of who gives a claim's figure: the actor id
    when the claim has one (or its description stands for an actor named earlier, or its words
    are those of an actor identified elsewhere), else its words without articles."""
    src = c.get("source") or {}
    name = src.get("name") or src.get("text") or c.get("source_text")
    if src.get("id"):
        return name or src["id"], f"id:{src['id']}".lower(), True
    ref = c.get("source_ref")
    if ref and ref.get("id"):
        return ref.get("name") or ref["id"], f"id:{ref['id']}".lower(), True
    if name:
        key = source_words(name)
        if named and key in named:
            actor_id, actor_name = named[key]
            return actor_name, f"id:{actor_id}".lower(), True
        return name, f"name:{key}", True
    outlet = c.get("outlet") or c["doc_id"]
    return f"{outlet} (own report)", f"outlet:{outlet.lower()}", False


def _named_sources(claims: Iterable[dict[str, Any]]) -> dict[str, tuple[str, str]]:
    """Words of sources that have an actor id (their name and text) -> (id, name): an unresolved
    source with the same words is the same actor."""
    out: dict[str, tuple[str, str]] = {}
    for c in claims:
        src = c.get("source") or {}
        if src.get("id"):
            for words in (src.get("name"), src.get("text")):
                key = source_words(words)
                if key:
                    out.setdefault(key, (src["id"], src.get("name") or src["id"]))
    return out


def group(claims: Iterable[dict[str, Any]]) -> list[Figure]:
    """Group claims about the same thing into figures (largest first)."""
    claims = list(claims)
    # 1. exact keys, then merge keys that name the same thing (few distinct keys per category)
    buckets: dict[tuple[str, str | None, frozenset[str]], list[dict[str, Any]]] = defaultdict(list)
    for c in claims:
        cat = c.get("category") or "other"
        unit = _unit_family(c.get("unit"))
        key = about_key(c.get("about"), cat)
        if key:
            buckets[(cat, unit, key)].append(c)
    keys = sorted(buckets, key=lambda k: (-len(buckets[k]), sorted(k[2])))
    parent = {k: k for k in keys}

    def find(k: Any) -> Any:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for i, a in enumerate(keys):
        for b in keys[i + 1:]:
            if a[0] == b[0] and a[1] == b[1] and same_thing(a[2], b[2]):
                ra, rb = find(a), find(b)
                if ra != rb:
                    parent[rb] = ra
    groups: dict[Any, list[dict[str, Any]]] = defaultdict(list)
    for k in keys:
        groups[find(k)].extend(buckets[k])
    _adopt_generic(groups)
    named = _named_sources(claims)
    figures = [_figure(root, members, named) for root, part in groups.items() if part
               for story_part in (_by_story(part) if _generic(root) else [part])
               for members in _split_magnitudes(story_part)]
    figures.sort(key=lambda f: (-len(f.observations), -f.claims, f.label))
    return figures


def _generic(key: tuple[str, str | None, frozenset[str]]) -> bool:
    """A claim that names only its category ("soldiers", "the dead"): it counts the story's main
    quantity of that kind."""
    cat, _unit, words = key
    return cat != "other" and words == about_key(None, cat)


def _by_story(members: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Claims that name only their category ("people", "soldiers") count something of their own
    story: the dead of a flood and of a strike are two figures."""
    parts: dict[Any, list[dict[str, Any]]] = defaultdict(list)
    for c in members:
        parts[c.get("story")].append(c)
    return list(parts.values())


def _adopt_generic(groups: dict[Any, list[dict[str, Any]]]) -> None:
    """Generic claims join the main specific figure of their category in the same story ("about
    12,000 soldiers" in a story whose figure is "North Korean soldiers"): the one with the most
    claims in that story, when it has at least two and more than any other."""
    specific: dict[tuple[str, str | None, int | None], Counter[Any]] = defaultdict(Counter)
    for root, members in groups.items():
        if not _generic(root):
            for c in members:
                if c.get("story") is not None:
                    specific[(root[0], root[1], c["story"])][root] += 1
    for root, members in list(groups.items()):
        if not _generic(root):
            continue
        keep = []
        for c in members:
            ranked = specific.get((root[0], root[1], c.get("story")), Counter()).most_common(2)
            if c.get("story") is not None and ranked and ranked[0][1] >= 2 and \
                    (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
                groups[ranked[0][0]].append(c)
            else:
                keep.append(c)
        groups[root] = keep


MAGNITUDE = 50  # values this many times smaller or larger than the figure's median count something else


def _split_magnitudes(members: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Keep values of one order of magnitude together: 'two North Korean soldiers' (captured)
    is not an estimate of the 11,000 deployed."""
    def value(c: dict[str, Any]) -> float:
        high = c.get("high")
        return float(high if high is not None else c.get("low") or 0.0)

    vals = sorted(value(c) for c in members)
    if len(vals) < 3:
        return [members]
    median = vals[len(vals) // 2]
    if median <= 0:
        return [members]
    low = [c for c in members if value(c) * MAGNITUDE < median]
    high = [c for c in members if value(c) > median * MAGNITUDE]
    core = [c for c in members if c not in low and c not in high]
    return [part for part in (core, low, high) if part]


def _unit_family(unit: str | None) -> str | None:
    if unit in (None, "", "person", "people", "troop", "soldier"):
        return None
    return unit


def _figure(root: tuple[str, str | None, frozenset[str]], members: list[dict[str, Any]],
            named: dict[str, tuple[str, str]] | None = None) -> Figure:
    members.sort(key=lambda c: (c.get("published") or "", c["rowid"], c["idx"]))
    labels: dict[str, int] = defaultdict(int)
    for c in members:
        if c.get("about"):
            labels[c["about"]] += 1
    label = max(labels, key=lambda a: (labels[a], -len(a))) if labels else root[0]
    by_key: dict[tuple[str, Any, Any, bool, bool], Observation] = {}
    observations: list[Observation] = []
    for c in members:
        name, skey, attributed = _source_of(c, named)
        vkey = (skey, c.get("low"), c.get("high"), bool(c.get("increment")), bool(c.get("planned")))
        first = by_key.get(vkey)
        if first is not None or c.get("duplicate_of"):
            target = first or _find_original(by_key, c)
            if target is not None:
                target.repeats.append({"doc_id": c["doc_id"], "outlet": c.get("outlet"), "date": _day(c)})
                continue
            if c.get("duplicate_of"):
                continue  # a copy whose original said nothing about it: still not a new report
        when = (c.get("when") or {}).get("value")
        o = Observation(doc_id=c["doc_id"], idx=c["idx"], date=_day(c), low=c.get("low"), high=c.get("high"),
                        approx=c.get("approx") or "exact", unit=c.get("unit"), about=c.get("about"),
                        source=name, source_key=skey, attributed=attributed, outlet=c.get("outlet"),
                        stance=c.get("stance"), when=when, start=c["start"], end=c["end"],
                        increment=bool(c.get("increment")), planned=bool(c.get("planned")))
        if o.stance == "denied":
            o.flags.append("denied")
        if o.increment:
            o.flags.append("increment")
        if o.expected:
            o.flags.append("expected")
        by_key[vkey] = o
        observations.append(o)
    conflicts, revisions = _compare(observations)
    return Figure(label=label, key=root[2], category=root[0], unit=root[1] or members[0].get("unit"),
                  observations=observations, conflicts=conflicts, revisions=revisions, claims=len(members))


def _find_original(by_key: dict[tuple[str, Any, Any, bool, bool], Observation], c: dict[str, Any]
                   ) -> Observation | None:
    """For a claim in a duplicate copy: the observation of the same value from its original."""
    for (_skey, low, high, inc, planned), o in by_key.items():
        if o.doc_id == c.get("duplicate_of") and (low, high, inc, planned) == (
                c.get("low"), c.get("high"), bool(c.get("increment")), bool(c.get("planned"))):
            return o
    return None


def _day(c: dict[str, Any]) -> str | None:
    p = c.get("published")
    return p[:10] if p else None


def _compare(observations: list[Observation], days: int = SAME_TIME_DAYS
             ) -> tuple[list[Conflict], list[Revision]]:
    """Conflicts: different sources, values that cannot both hold, for the same time (totals with
    totals, increments with increments; at least one of them named, and within one article both).
    Revisions: a source's value differs from the one it gave
    in an earlier article (values of one article are different parts, not revisions)."""
    live = [o for o in observations if o.stance != "denied"]
    conflicts: list[Conflict] = []
    for i, a in enumerate(live):
        for b in live[i + 1:]:
            if a.source_key == b.source_key or a.increment != b.increment or a.expected != b.expected \
                    or compatible(a, b):
                continue
            if not (a.attributed or b.attributed):
                continue  # two outlets' own numbers: a count told as it grows, or different counts
            if a.doc_id == b.doc_id and not (a.attributed and b.attributed):
                continue  # an article's own numbers and those it cites are parts of one account
            if same_time(a, b, days):
                conflicts.append(Conflict(a, b))
                for o in (a, b):
                    if "conflict" not in o.flags:
                        o.flags.append("conflict")
    revisions: list[Revision] = []
    last: dict[tuple[str, bool, bool], Observation] = {}
    for o in live:
        key = (o.source_key, o.increment, o.expected)
        prev = last.get(key)
        if prev is not None and prev.doc_id != o.doc_id and _point(prev) != _point(o):
            revisions.append(Revision(o.source, prev, o))
            if "revision" not in o.flags:
                o.flags.append("revision")
        if prev is None or prev.doc_id != o.doc_id:
            last[key] = o  # the first value a source gives in an article is what a later one revises
    return conflicts, revisions


# ---------------------------------------------------------------------- finding
def match(query: str, figure: Figure) -> float:
    """How well a figure answers a query (0: not at all)."""
    q = about_key(query)
    if not q:
        return 0.0
    keys = {about_key(o.about, figure.category) for o in figure.observations} | {figure.key}
    best = 0.0
    for k in keys:
        if q <= k:
            best = max(best, 0.5 + 0.5 * len(q) / len(k))
        elif len(q & k) >= max(1, math.ceil(len(q) * 2 / 3)):
            best = max(best, 0.5 * len(q & k) / len(q | k))
    return best


def figures(store: Store, scope: Scope | None = None) -> list[Figure]:
    return group(load_claims(store, scope))


def find(store: Store, query: str, scope: Scope | None = None) -> list[Figure]:
    """Figures matching ``query``, best first."""
    scored = [(match(query, f), f) for f in figures(store, scope)]
    scored = [(s, f) for s, f in scored if s > 0]
    scored.sort(key=lambda sf: (-sf[0], -len(sf[1].observations), -sf[1].claims))
    return [f for _, f in scored]
