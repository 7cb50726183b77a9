"""The document reader's highlighted text: every layer's spans over the escaped text.

Spans may nest and overlap (an actor inside a quote inside a sentence with a claim), so the
text is cut at every span boundary and each piece is wrapped in one ``<mark>`` listing all
annotations active over it. Article text is always escaped.
"""

import itertools
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape


@dataclass(frozen=True)
class Annotation:
    start: int
    end: int
    kind: str  # actor | quote | claim | time | place | event
    key: str  # the card it opens, e.g. "quote-3"


def annotations(record: dict[str, Any]) -> list[Annotation]:
    out: list[Annotation] = []
    for i, actor in enumerate(record.get("actors", [])):
        for m in actor.get("mentions", []):
            out.append(Annotation(m["start"], m["end"], "actor", f"actor-{i}"))
    for layer, kind in (("quotes", "quote"), ("claims", "claim"), ("times", "time"), ("places", "place")):
        for i, item in enumerate(record.get(layer, [])):
            span = item.get("span") or {}
            if "start" in span:
                out.append(Annotation(span["start"], span["end"], kind, f"{kind}-{i}"))
    text = record.get("text", "")
    for i, ev in enumerate(record.get("events", [])):
        span = ev.get("trigger_span") or _trigger_span(text, ev)
        if span:
            out.append(Annotation(span["start"], span["end"], "event", f"event-{i}"))
    n = len(text)
    return [a for a in out if 0 <= a.start < a.end <= n]


def _trigger_span(text: str, event: dict[str, Any]) -> dict[str, int] | None:
    """The trigger word inside the event's sentence (the record gives the word, not its offset)."""
    span, trigger = event.get("span") or {}, event.get("trigger")
    if not trigger or "start" not in span:
        return None
    at = text.find(trigger, span["start"], span["end"])
    return None if at < 0 else {"start": at, "end": at + len(trigger)}


def render(text: str, notes: list[Annotation]) -> Markup:
    cuts = {0, len(text)}
    for a in notes:
        cuts.add(a.start)
        cuts.add(a.end)
    points = sorted(cuts)
    starts: dict[int, list[Annotation]] = {}
    for a in notes:
        starts.setdefault(a.start, []).append(a)
    active: list[Annotation] = []
    parts: list[str] = []
    for lo, hi in itertools.pairwise(points):
        active = [a for a in active if a.end > lo] + starts.get(lo, [])
        piece = str(escape(text[lo:hi]))
        if not active:
            parts.append(piece)
            continue
        ordered = sorted(active, key=lambda a: (a.end - a.start))  # most specific first
        kinds = " ".join(sorted({f"hl-{a.kind}" for a in ordered}))
        keys = " ".join(a.key for a in ordered)
        parts.append(f'<mark class="{kinds}" data-keys="{keys}">{piece}</mark>')
    return Markup("".join(parts))
