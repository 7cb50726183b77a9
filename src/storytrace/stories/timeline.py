"""Events of a story (or of a date range) in date order.

The date of an event is its own normalized time when the text gives a day, month or year
(``when.value``), else the publication date of its document. The same event reported by
several outlets (same date, type, actors and recipients) is listed once, with the other
reports under ``also``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from storytrace.store.db import Store
from storytrace.stories.queries import Scope, scope_where

_DATED = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
SHOWN = ("asserted", "reported", "hedged", "predicted")  # not negated or hypothetical


@dataclass
class Entry:
    date: str | None
    type: str
    mode: str | None
    actors: list[dict[str, Any]]
    recipients: list[dict[str, Any]]
    place: dict[str, Any] | None
    status: str
    reported_by: dict[str, Any] | None
    trigger: str | None
    doc_id: str
    idx: int
    start: int
    end: int
    outlet: str | None
    published: str | None
    size: dict[str, Any] = field(default_factory=dict)
    also: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"date": self.date, "type": self.type, "mode": self.mode, "actors": self.actors,
                "recipients": self.recipients, "where": self.place, "status": self.status,
                "reported_by": self.reported_by, "trigger": self.trigger, "doc_id": self.doc_id,
                "idx": self.idx, "span": {"start": self.start, "end": self.end}, "outlet": self.outlet,
                "published": self.published, "size": self.size, "also": self.also}


def ref_name(ref: dict[str, Any] | None) -> str:
    if not ref:
        return ""
    return str(ref.get("name") or ref.get("text") or ref.get("id") or "")


def ref_key(ref: dict[str, Any]) -> str:
    return str(ref.get("id") or ref.get("country") or (ref.get("name") or ref.get("text") or "")).lower()


def event_date(record: dict[str, Any], published: str | None) -> str | None:
    when = (record.get("when") or {}).get("value")
    if isinstance(when, str) and _DATED.match(when):
        return when
    return published[:10] if published else None


def timeline(store: Store, scope: Scope | None = None, *, statuses: tuple[str, ...] = SHOWN,
             merge: bool = True) -> list[Entry]:
    where, params = scope_where(scope or Scope())
    rows = store.execute(
        f"SELECT e.doc_id, e.idx, e.record, e.start, e.\"end\", d.published, d.source "
        f"FROM events e JOIN documents d ON d.id = e.doc_id WHERE {where} ORDER BY d.rowid, e.idx", params)
    entries: list[Entry] = []
    seen: dict[tuple[Any, ...], Entry] = {}
    for r in rows:
        rec = json.loads(r["record"])
        status = rec.get("status") or "asserted"
        if status not in statuses:
            continue
        span = rec.get("span") or {}
        e = Entry(date=event_date(rec, r["published"]), type=rec["type"], mode=rec.get("mode"),
                  actors=rec.get("actors") or [], recipients=rec.get("recipients") or [],
                  place=rec.get("where"), status=status, reported_by=rec.get("reported_by"),
                  trigger=rec.get("trigger"), doc_id=r["doc_id"], idx=r["idx"],
                  start=r["start"] if r["start"] is not None else span.get("start", 0),
                  end=r["end"] if r["end"] is not None else span.get("end", 0),
                  outlet=r["source"], published=r["published"], size=rec.get("size") or {})
        key = (e.date, e.type, tuple(sorted(map(ref_key, e.actors))),
               tuple(sorted(map(ref_key, e.recipients))))
        if merge and key in seen and seen[key].doc_id != e.doc_id:
            seen[key].also.append({"doc_id": e.doc_id, "idx": e.idx, "outlet": e.outlet})
            continue
        seen.setdefault(key, e)
        entries.append(e)
    entries.sort(key=lambda e: (e.date or "9999", e.published or "", e.doc_id, e.idx))
    return entries
