"""Build stored documents with hand-made layers for the stories tests (no NLP needed).

Spans are found in our own text by the fragment they cover, so a fixture reads like the
article it describes: ``claim(text, "10,000 North Korean troops", ...)``.
"""

from __future__ import annotations

from typing import Any

from storytrace.records import Actor, ActorRef, Claim, Document, Event, Place, Quote, Span
from storytrace.store.db import DocInfo, Store
from storytrace.stories.cluster import assign_document


def span(text: str, fragment: str, nth: int = 1) -> Span:
    i = -1
    for _ in range(nth):
        i = text.index(fragment, i + 1)
    return Span(start=i, end=i + len(fragment))


def ref(name: str, id: str | None = None, country: str | None = None, text: str | None = None) -> ActorRef:
    return ActorRef(id=id, name=name, text=text or name, country=country)


def claim(text: str, fragment: str, about: str, low: float | None, high: float | None = None, *,
          approx: str = "exact", category: str = "troops", source: ActorRef | None = None,
          source_text: str | None = None, stance: str = "asserted", unit: str = "person") -> Claim:
    return Claim(about=about, category=category, unit=unit, low=low, high=low if high is None else high,
                 approx=approx, source=source, source_text=source_text, stance=stance, span=span(text, fragment))


def quote(text: str, fragment: str, speaker: ActorRef | None, kind: str = "direct", cue: str = "said") -> Quote:
    return Quote(text=fragment, kind=kind, speaker=speaker, cue=cue, span=span(text, fragment))


def event(text: str, sentence: str, type: str, actors: list[ActorRef], recipients: list[ActorRef] = (),  # type: ignore[assignment]
          *, trigger: str | None = None, status: str = "asserted", mode: str | None = None,
          where: Place | None = None, reported_by: ActorRef | None = None, when: Any = None) -> Event:
    return Event(type=type, mode=mode, actors=actors, recipients=list(recipients), trigger=trigger, status=status,
                 where=where, reported_by=reported_by, when=when, span=span(text, sentence))


def actor(text: str, id: str, name: str, kind: str, country: str | None, *mentions: str) -> Actor:
    return Actor(id=id, name=name, kind=kind, country=country, mentions=[span(text, m) for m in mentions])


def place(text: str, fragment: str, name: str, country: str, lat: float, lon: float, kind: str = "city") -> Place:
    return Place(text=fragment, name=name, kind=kind, country=country, lat=lat, lon=lon, span=span(text, fragment))


def save(store: Store, doc: Document, *, duplicate_of: str | None = None, assign: bool = True) -> None:
    """Store a document with its layers as ingest would, then run the story hook."""
    store.save(doc, DocInfo(content_hash=f"hash-{doc.id}", duplicate_of=duplicate_of,
                            similarity=0.9 if duplicate_of else None, status="analyzed",
                            words=len(doc.text.split())))
    if assign:
        assign_document(store, doc)
