"""The actors layer: which real-world actor each mention refers to.

Bootstrap version: named entities, with states looked up by name in pycountry. The full
resolver (dictionary, metonymy, demonyms, titles, short forms) replaces it.
"""

from __future__ import annotations

import re
from functools import lru_cache

from storytrace.nlp.context import AnalyzedDoc
from storytrace.nlp.mentions import ActorLayer, Mention
from storytrace.records import Actor, Span

_LOCATIVE = {"in", "to", "from", "at", "near", "across", "into", "inside", "outside", "toward", "towards"}


@lru_cache(maxsize=1)
def _countries() -> dict[str, tuple[str, str]]:
    import pycountry

    table: dict[str, tuple[str, str]] = {}
    for c in pycountry.countries:
        for name in (c.name, getattr(c, "common_name", None), getattr(c, "official_name", None)):
            if name:
                table[name.lower()] = (c.alpha_3, getattr(c, "common_name", None) or c.name)
    return table


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def extract(ad: AnalyzedDoc) -> ActorLayer:
    mentions: list[Mention] = []
    countries = _countries()
    for ent in ad.doc.ents:
        text = ent.text
        if ent.label_ in ("GPE", "NORP", "LOC"):
            hit = countries.get(re.sub(r"^the ", "", text.lower()))
            if hit is None:
                continue
            prev = ad.doc[ent.start - 1].lower_ if ent.start > 0 else ""
            mentions.append(Mention(ent.start_char, ent.end_char, ent.start, ent.end, text, hit[0],
                                    hit[1], "country", hit[0], place=prev in _LOCATIVE))
        elif ent.label_ == "PERSON":
            mentions.append(Mention(ent.start_char, ent.end_char, ent.start, ent.end, text,
                                    f"person:{slug(text)}", text, "person"))
        elif ent.label_ == "ORG":
            mentions.append(Mention(ent.start_char, ent.end_char, ent.start, ent.end, text,
                                    f"org:{slug(text)}", text, "organization"))
    actors: dict[str, Actor] = {}
    for m in mentions:
        assert m.actor_id is not None
        actor = actors.get(m.actor_id)
        if actor is None:
            actor = actors[m.actor_id] = Actor(id=m.actor_id, name=m.name, kind=m.kind,  # type: ignore[arg-type]
                                               country=m.country)
        actor.mentions.append(Span(start=m.start, end=m.end))
    return ActorLayer(list(actors.values()), mentions)
