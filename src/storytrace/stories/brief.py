"""Situation reports: a deterministic briefing written from the extracted records.

Sections: summary, key developments (events in date order), tracked figures (ranges,
sources, conflicts, revisions), key quotes, actors involved, places (with coordinates).
Every statement carries at least one citation (document, paragraph, character span of the
sentence) whose sentence contains the fact as written (the number, the quote); statements
that cannot be cited are left out. No language model: sentences are filled templates
(``data/stories/phrases.yaml``), so the same store always gives the same briefing.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from storytrace.errors import DataFileError
from storytrace.store.db import Store
from storytrace.stories import queries as Q
from storytrace.stories import track as TR
from storytrace.stories.cite import Citation, Citer
from storytrace.stories.queries import Scope, scope_where
from storytrace.stories.timeline import Entry, ref_name, timeline

MAX_DEVELOPMENTS = 15
MAX_FIGURES = 6
MAX_QUOTES = 8
MAX_ACTORS = 10
MAX_PLACES = 15
_STATUS_RANK = {"asserted": 0, "reported": 1, "hedged": 2, "predicted": 3}
_QUOTE_RANK = {"direct": 0, "mixed": 1, "indirect": 2}
FLAG_WORDS = {"expected": "planned or forecast"}  # flags of observations as a reader should see them
# event types that say something without a recipient ("North Korea mobilized troops"); others
# ("Russia issued a rejection") are left out of developments when nobody is on the other side
SELF_CONTAINED = frozenset({"MOBILIZE", "ASSAULT", "PROTEST", "RETREAT", "COERCE", "AID"})


@dataclass
class Statement:
    text: str
    cites: list[int]  # numbers of the briefing's citations (1-based)
    date: str | None = None
    kind: str = ""
    detail: list[Statement] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"text": self.text, "cites": self.cites, "date": self.date, "kind": self.kind,
                "flags": self.flags, "detail": [d.as_dict() for d in self.detail]}


@dataclass
class Briefing:
    title: str
    scope: str
    story: int | None
    first: str | None
    last: str | None
    documents: int
    outlets: list[str]
    summary: list[Statement] = field(default_factory=list)
    developments: list[Statement] = field(default_factory=list)
    figures: list[Statement] = field(default_factory=list)
    quotes: list[Statement] = field(default_factory=list)
    actors: list[Statement] = field(default_factory=list)
    places: list[Statement] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)

    SECTIONS = ("summary", "developments", "figures", "quotes", "actors", "places")

    def statements(self) -> list[Statement]:
        out = []
        for name in self.SECTIONS:
            for s in getattr(self, name):
                out.append(s)
                out.extend(s.detail)
        return out

    def citation(self, n: int) -> Citation:
        return self.citations[n - 1]

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"title": self.title, "scope": self.scope, "story": self.story,
                               "first_published": self.first, "last_published": self.last,
                               "documents": self.documents, "outlets": self.outlets}
        for name in self.SECTIONS:
            out[name] = [s.as_dict() for s in getattr(self, name)]
        out["citations"] = [{"n": i, **c.as_dict()} for i, c in enumerate(self.citations, 1)]
        return out


# ---------------------------------------------------------------------- phrases
@lru_cache(maxsize=1)
def phrases() -> dict[str, dict[str, str]]:
    name = "data/stories/phrases.yaml"
    try:
        data = yaml.safe_load(resources.files("storytrace.data").joinpath("stories", "phrases.yaml")
                              .read_text("utf-8"))
    except yaml.YAMLError as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", None)
        raise DataFileError(name, f"not valid YAML ({exc})", line + 1 if line is not None else None) from exc
    out: dict[str, dict[str, str]] = {}
    for section in ("types", "modes"):
        for key, forms in (data or {}).get(section, {}).items():
            if not isinstance(forms, dict) or not {"past", "base", "alone", "alone_base"} <= set(forms):
                raise DataFileError(name, f"{section}.{key} needs past, base, alone and alone_base")
            out[str(key)] = {k: str(v) for k, v in forms.items()}
    from storytrace.records import EVENT_TYPES

    missing = [t for t in EVENT_TYPES if t not in out]
    if missing:
        raise DataFileError(name, f"no phrases for event types {', '.join(missing)}")
    return out


def join_names(names: list[str]) -> str:
    names = list(dict.fromkeys(n for n in names if n))
    if len(names) <= 1:
        return names[0] if names else ""
    return ", ".join(names[:-1]) + " and " + names[-1]


def event_sentence(e: Entry) -> str | None:
    """The development an event states, e.g. 'Russia attacked Ukraine in Kharkiv'."""
    subject = join_names([ref_name(a) for a in e.actors])
    if not subject:
        return None
    table = phrases()
    forms = table.get(f"{e.type}/{e.mode}") or table[e.type]
    objects = join_names([ref_name(r) for r in e.recipients])
    predicted = e.status == "predicted"
    if objects:
        verb = (forms["base"] if predicted else forms["past"]).replace("{r}", objects)
    else:
        verb = forms["alone_base"] if predicted else forms["alone"]
    if predicted:
        many = len({ref_name(a) for a in e.actors}) > 1
        text = f"{subject} {'are' if many else 'is'} expected to {verb}"
    elif e.status == "hedged":
        text = f"{subject} reportedly {verb}"
    else:
        text = f"{subject} {verb}"
    place = (e.place or {}).get("name")
    if place and place not in text:
        text += f" in {place}"
    if e.status == "reported":
        by = ref_name(e.reported_by)
        text += f", according to {by}" if by else ", according to reports"
    return text


def clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rsplit(" ", 1)[0] + "…"


# ---------------------------------------------------------------------- building
class _Builder:
    def __init__(self, store: Store, scope: Scope):
        self.store = store
        self.scope = scope
        self.citer = Citer(store)
        self.citations: list[Citation] = []
        self._numbers: dict[tuple[str, int, int, str], int] = {}

    def cite(self, doc_id: str, start: int, end: int, evidence: str | None = None) -> int | None:
        c = self.citer.cite(doc_id, start, end, evidence)
        if c is None and evidence is not None:
            c = self.citer.cite(doc_id, start, end)  # the record's own span as evidence
        if c is None:
            return None
        if c.key not in self._numbers:
            self.citations.append(c)
            self._numbers[c.key] = len(self.citations)
        return self._numbers[c.key]

    @staticmethod
    def statement(text: str, cites: Sequence[int | None], **kw: Any) -> Statement | None:
        numbers = list(dict.fromkeys(n for n in cites if n is not None))
        return Statement(text=text, cites=numbers, **kw) if numbers else None

    # -- developments
    def developments(self, entries: list[Entry]) -> list[tuple[Entry, Statement]]:
        """The most telling events (reported by more outlets, with a recipient and a place,
        asserted rather than hedged), then shown in date order."""
        entries = [e for e in entries if e.recipients or e.type in SELF_CONTAINED]

        def rank(i: int) -> tuple[Any, ...]:
            e = entries[i]
            status = _STATUS_RANK.get(e.status, 9)
            return (-len(e.also), status, not e.recipients, not e.place, e.date or "", i)

        ranked = sorted(range(len(entries)), key=rank)
        chosen: list[tuple[Entry, Statement]] = []
        seen_text: set[tuple[str | None, str]] = set()
        for i in ranked:
            e = entries[i]
            text = event_sentence(e)
            if text is None or (e.date, text) in seen_text:
                continue
            doc = self.citer.doc(e.doc_id)
            trigger = e.trigger if e.trigger and doc and e.trigger in doc["text"][e.start:e.end] else None
            st = self.statement(text, [self.cite(e.doc_id, e.start, e.end, trigger)], date=e.date,
                                kind=f"event:{e.type}", flags=[e.status] if e.status != "asserted" else [])
            if st is None:
                continue
            if e.also:
                st.flags.append(f"{len(e.also) + 1} reports")
            seen_text.add((e.date, text))
            chosen.append((e, st))
            if len(chosen) >= MAX_DEVELOPMENTS:
                break
        chosen.sort(key=lambda es: (es[0].date or "9999", es[0].published or "", es[0].doc_id, es[0].idx))
        return chosen

    # -- figures
    def observation(self, o: TR.Observation) -> Statement | None:
        doc = self.citer.doc(o.doc_id)
        evidence = doc["text"][o.start:o.end] if doc else None
        text = f"{o.value} — {o.source}"
        if o.attributed and o.outlet:
            text += f", reported by {o.outlet}"
        if o.repeats:
            n = len(o.repeats)
            text += f" (repeated in {n} other report{'s' if n > 1 else ''})"
        if o.stance and o.stance not in ("asserted", "reported"):
            text += f" [{o.stance}]"
        return self.statement(text, [self.cite(o.doc_id, o.start, o.end, evidence)], date=o.date,
                              kind="observation", flags=[FLAG_WORDS.get(f, f) for f in o.flags])

    def figure(self, f: TR.Figure) -> Statement | None:
        lines = [s for s in (self.observation(o) for o in f.observations) if s is not None]
        if not lines:
            return None
        ends = f.extremes()
        if ends is None:
            return None
        low, high = ends
        n_sources = len(f.sources)
        label = f.title
        dates = [o.date for o in f.observations if o.date]
        period = f", {min(dates)} to {max(dates)}" if dates and min(dates) != max(dates) else \
            (f", {dates[0]}" if dates else "")
        text = (f"{label}: {f.range_text()} ({n_sources} source{'s' if n_sources != 1 else ''}"
                f"{period})")
        st = self.statement(text, [self.cite_obs(low), self.cite_obs(high)], kind="figure",
                            flags=["conflict"] * bool(f.conflicts) + ["revision"] * bool(f.revisions))
        if st is None:
            return None
        st.detail = lines
        for r in f.revisions:
            how = "" if r.direction == "restated" else f" {r.direction}"
            t = (f"{r.source} revised the figure{how} from {r.before.value} ({r.before.date}) "
                 f"to {r.after.value} ({r.after.date})")
            s = self.statement(t, [self.cite_obs(r.before), self.cite_obs(r.after)], kind="revision",
                               date=r.after.date, flags=["revision"])
            if s:
                st.detail.append(s)
        for c in f.conflicts:
            t = (f"Sources disagree: {c.a.source} gave {c.a.value} ({c.a.date}), "
                 f"{c.b.source} gave {c.b.value} ({c.b.date})")
            s = self.statement(t, [self.cite_obs(c.a), self.cite_obs(c.b)], kind="conflict", date=c.b.date,
                               flags=["conflict"])
            if s:
                st.detail.append(s)
        return st

    def cite_obs(self, o: TR.Observation) -> int | None:
        doc = self.citer.doc(o.doc_id)
        return self.cite(o.doc_id, o.start, o.end, doc["text"][o.start:o.end] if doc else None)

    # -- quotes
    def quotes(self) -> list[Statement]:
        where, params = scope_where(self.scope)
        rows = self.store.execute(
            f"SELECT q.doc_id, q.idx, q.record, q.start, q.\"end\", d.published FROM quotes q "
            f"JOIN documents d ON d.id = q.doc_id WHERE {where} ORDER BY d.published, d.rowid, q.idx", params)
        cands = []
        for r in rows:
            rec = json.loads(r["record"])
            speaker = rec.get("speaker") or {}
            name = speaker.get("name") or speaker.get("text")
            text = " ".join((rec.get("text") or "").split())
            if not name or len(text) < 25:
                continue
            rank = (_QUOTE_RANK.get(rec.get("kind"), 3), 0 if speaker.get("id") else 1, -min(len(text), 300))
            cands.append((*rank, r["published"] or "", r["doc_id"], r["idx"], rec, r, name, text))
        cands.sort(key=lambda c: c[:6])
        per_speaker: dict[str, int] = defaultdict(int)
        seen: list[set[str]] = []
        chosen = []
        for *_, rec, r, name, text in cands:
            words = set(re.findall(r"\w+", text.lower()))
            if any(len(words & s) / max(1, len(words | s)) > 0.6 for s in seen):
                continue
            if per_speaker[name] >= 2:
                continue
            doc = self.citer.doc(r["doc_id"])
            raw = rec.get("text") or ""
            evidence = raw if doc and raw and raw in doc["text"] else None
            st = self.statement(f"{name}: “{clip(text, 300)}”", [self.cite(r["doc_id"], r["start"], r["end"],
                                                                            evidence)],
                                date=(r["published"] or "")[:10] or None, kind=f"quote:{rec.get('kind')}")
            if st is None:
                continue
            per_speaker[name] += 1
            seen.append(words)
            chosen.append(st)
            if len(chosen) >= MAX_QUOTES:
                break
        chosen.sort(key=lambda s: s.date or "")
        return chosen

    # -- actors and places
    def first_mention(self, table: str, column: str, value: Any) -> tuple[str, int, int, str] | None:
        where, params = scope_where(self.scope)
        r = self.store.execute(
            f"SELECT t.doc_id, t.record, t.start, t.\"end\" FROM {table} t "
            f"JOIN documents d ON d.id = t.doc_id "
            f"WHERE {where} AND t.{column} IS ? ORDER BY d.published, d.rowid, t.idx LIMIT 1",
            [*params, value]).fetchone()
        if r is None or r["start"] is None:
            return None
        doc = self.citer.doc(r["doc_id"])
        return r["doc_id"], r["start"], r["end"], doc["text"][r["start"]:r["end"]] if doc else ""

    def actors(self) -> list[Statement]:
        out = []
        for a in Q.key_actors(self.store, self.scope, MAX_ACTORS):
            m = self.first_mention("actors", "actor_id", a["id"])
            if m is None:
                continue
            bits = [b for b in (a.get("kind"), a.get("country")) if b]
            n = a["documents"]
            text = f"{a['name']} ({', '.join(bits)}) — in {n} article{'s' if n != 1 else ''}"
            st = self.statement(text, [self.cite(m[0], m[1], m[2], m[3])], kind="actor")
            if st:
                out.append(st)
        return out

    def places(self) -> list[Statement]:
        where, params = scope_where(self.scope)
        rows = self.store.execute(
            f"SELECT p.name, p.country, p.kind, avg(p.lat) AS lat, avg(p.lon) AS lon, count(*) AS n, "
            f"count(DISTINCT p.doc_id) AS docs FROM places p JOIN documents d ON d.id = p.doc_id "
            f"WHERE {where} "
            f"GROUP BY p.name, p.country ORDER BY n DESC, p.name LIMIT ?", [*params, MAX_PLACES]).fetchall()
        out = []
        for r in rows:
            m = self.first_mention("places", "name", r["name"])
            if m is None:
                continue
            where_ = ", ".join(b for b in (r["kind"], r["country"]) if b)
            has_point = r["lat"] is not None and r["lon"] is not None
            coords = f" at {r['lat']:.2f}, {r['lon']:.2f}" if has_point else ""
            text = f"{r['name']} ({where_}){coords} — {r['n']} mention{'s' if r['n'] != 1 else ''}"
            st = self.statement(text, [self.cite(m[0], m[1], m[2], m[3])], kind="place")
            if st:
                out.append(st)
        return out


def build(store: Store, scope: Scope | None = None) -> Briefing:
    """The briefing for a story, a date range, or the whole store."""
    scope = scope or Scope()
    Q.check(store, scope)
    b = _Builder(store, scope)
    n_docs, first, last = Q.span(store, scope)
    if scope.story is not None:
        title = Q.get_story(store, scope.story).title
    else:
        title = "All stories" if not (scope.since or scope.until) else f"All stories, {scope.describe()}"
    br = Briefing(title=title, scope=scope.describe(), story=scope.story, first=first, last=last,
                  documents=n_docs, outlets=Q.outlets(store, scope))
    entries = timeline(store, scope)
    devs = b.developments(entries)
    br.developments = [s for _, s in devs]
    figs = [f for f in TR.figures(store, scope) if f.observations]
    figs.sort(key=lambda f: (-len(f.sources), -f.claims, f.label))
    for f in figs:
        if len(br.figures) >= MAX_FIGURES:
            break
        st = b.figure(f)
        if st:
            br.figures.append(st)
    br.quotes = b.quotes()
    br.actors = b.actors()
    br.places = b.places()
    br.summary = _summary(b, devs, figs, br)
    br.citations = b.citations
    return br


def _summary(b: _Builder, devs: list[tuple[Entry, Statement]], figs: list[TR.Figure],
             br: Briefing) -> list[Statement]:
    out: list[Statement] = []
    if devs:
        _e, st = devs[-1]
        s = b.statement(f"Latest development ({st.date or 'undated'}): {st.text}.", st.cites, kind="summary")
        if s:
            out.append(s)
        top = max(devs, key=lambda es: (len(es[0].also), -(_STATUS_RANK.get(es[0].status, 9))))
        if top[0].also and top is not devs[-1]:
            s = b.statement(f"Most reported ({len(top[0].also) + 1} reports, {top[1].date}): {top[1].text}.",
                            top[1].cites, kind="summary")
            if s:
                out.append(s)
    for f in figs[:2]:
        latest = f.latest
        if latest is None:
            continue
        label = f.title
        n = len(f.sources)
        text = (f"{label}: {f.range_text()} across {n} source{'s' if n != 1 else ''}; latest {latest.value} "
                f"from {latest.source} ({latest.date or 'undated'})")
        ends = f.extremes()
        if ends is None:
            continue
        lo, hi = ends
        s = b.statement(text + ".", [b.cite_obs(lo), b.cite_obs(hi), b.cite_obs(latest)], kind="summary")
        if s:
            out.append(s)
        if f.conflicts:
            c = f.conflicts[-1]
            s = b.statement(f"Sources disagree on {f.name}: {c.a.source} gave {c.a.value}, "
                            f"{c.b.source} gave {c.b.value}.", [b.cite_obs(c.a), b.cite_obs(c.b)],
                            kind="summary")
            if s:
                out.append(s)
    if br.actors:
        names = [a.text.split(" (")[0] for a in br.actors[:4]]
        cites = [n for a in br.actors[:4] for n in a.cites]
        s = b.statement(f"Main actors: {join_names(names)}.", cites, kind="summary")
        if s:
            out.append(s)
    if br.quotes:
        q = br.quotes[0]
        s = b.statement(f"Key quote — {q.text}", q.cites, kind="summary")
        if s:
            out.append(s)
    return out
