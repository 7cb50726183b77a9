"""``storytrace export --format plover``: one PLOVER event record per line (JSON Lines).

Follows the JSON record of the PLOVER data specification (id, date, actor, recipient, event,
mode, context, event_text, event_loc, size, text_info, cite_info, quad_code), with the
storytrace fields that make each record checkable: the document id and character offsets of
the evidence, the trigger, the status and who reported the event.

* ``actor`` / ``recipient`` are lists of entity objects (``code`` = ISO 3166 alpha-3 country of
  the entity, ``sector``, ``entity_text``, ``identifier_id``, ``identifier_text``); compound and
  reciprocal actors stay one list, as PLOVER asks.
* ``date`` is the event's own date when the text gives a day (``date_source`` ``text``); when
  the text gives only a month or a year that is not the publication's ("in 1949", "last
  March"), its first day, with ``date_source`` ``text-month`` or ``text-year`` saying how
  precise it is (as event datasets carry a time precision); else the publication date
  (``published``).
* The auxiliary modes of PLOVER go into ``context``: a predicted event gets ``future``, a
  hypothetical one ``hypothetical``, a negated one ``negation``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from functools import lru_cache
from typing import IO, Any

from storytrace.store.db import Store

CODEBOOK = "plover-2.0"
AUXILIARY = {"predicted": "future", "hypothetical": "hypothetical", "negated": "negation"}
DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")
COARSE = re.compile(r"^(\d{4})(-\d{2})?$")
ISO3 = re.compile(r"^[A-Z]{3}$")


def write_plover(store: Store, out: IO[str], *, since: str | None = None, until: str | None = None,
                 source: str | None = None, on_doc: Callable[[str], None] | None = None,
                 dyadic: bool = False) -> int:
    """Write the events of the selected documents as PLOVER records; return how many.
    ``dyadic``: one record per actor-recipient pair (see :func:`dyads`)."""
    from storytrace import __version__

    coder = f"storytrace {__version__}"
    n = 0
    for row in store.documents(since=since, until=until, source=source):
        if row["duplicate_of"]:
            continue  # a story is counted once
        doc = {k: row[k] for k in ("id", "title", "published", "source", "url", "language", "text")}
        records = plover_records(doc, store.layer_records("events", row["id"]), coder=coder)
        for record in (r for rec in records for r in dyads(rec)) if dyadic else records:
            out.write(json.dumps(record, ensure_ascii=False))
            out.write("\n")
            n += 1
        if on_doc:
            on_doc(row["id"])
    return n


@lru_cache(maxsize=1)
def quads() -> dict[str, int]:
    """PLOVER quad code per type (1 verbal / 2 material cooperation, 3 verbal / 4 material
    conflict), from the event lexicon's ``types.yaml``."""
    from storytrace.nlp.events_lexicon import load_lexicon

    return {name: info.quad for name, info in load_lexicon().types.items()}


def plover_records(doc: dict[str, Any], events: list[dict[str, Any]], *,
                   coder: str = "storytrace") -> Iterator[dict[str, Any]]:
    """PLOVER records of one document's events (``doc``: id, published, text, ...)."""
    text = doc.get("text") or ""
    quad = quads() if events else {}
    published = (doc.get("published") or "")[:10] or None
    for idx, ev in enumerate(events):
        span = ev.get("span") or {}
        start, end = span.get("start"), span.get("end")
        when = ev.get("when") or {}
        value = when.get("value") or ""
        own_day = bool(DAY.match(value)) and not ev.get("when_inferred")
        date, date_source = (value[:10], "text") if own_day else (published, "published")
        coarse = COARSE.match(value)
        if coarse and not ev.get("when_inferred") and not (published or "").startswith(value):
            date = value + ("-01" if coarse.group(2) else "-01-01")
            date_source = "text-month" if coarse.group(2) else "text-year"
        context = list(ev.get("context") or [])
        aux = AUXILIARY.get(ev.get("status") or "")
        if aux and aux not in context:
            context.append(aux)
        size = ev.get("size") or {}
        yield {
            "id": f"{doc['id']}-{idx:03d}",
            "date": date,
            "date_source": date_source,
            "actor": [_entity(r) for r in ev.get("actors") or []],
            "recipient": [_entity(r) for r in ev.get("recipients") or []],
            "event": [ev["type"]],
            "mode": [ev["mode"]] if ev.get("mode") else [],
            "context": context,
            "quad_code": quad.get(ev["type"]),
            "event_text": [text[start:end]] if isinstance(start, int) and isinstance(end, int) else [],
            "event_loc": _location(ev.get("where")),
            "size": {"dead": size.get("dead"), "injured": size.get("injured"),
                     "arrested": size.get("arrested")},
            "text_info": {"sequence": idx, "start": start, "end": end, "doc_id": doc["id"]},
            "cite_info": {"corpus": "storytrace", "citation": doc["id"], "url": doc.get("url"),
                          "title": doc.get("title"), "language": doc.get("language") or "en",
                          "publication": doc.get("source"), "coder": coder, "codebook": CODEBOOK},
            "trigger": ev.get("trigger"),
            "status": ev.get("status"),
            "reported_by": _entity(ev["reported_by"]) if ev.get("reported_by") else None,
        }


def dyads(record: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """One record per directed actor-recipient pair, as dyadic event data (ICEWS, GDELT,
    PETRARCH) has them: "the US, Russia and Switzerland met" (actors all three, reciprocal)
    gives the six directed pairs; an event with no recipient, one record per actor. Each copy
    keeps the event's evidence, gets the id ``<id>-<n>`` and names its event in ``dyad_of``.
    An event with one actor and at most one recipient is left as it is."""
    actors, recipients = record["actor"] or [{}], record["recipient"]
    if len(actors) <= 1 and len(recipients) <= 1:
        yield record
        return
    pairs = [(a, r) for a in actors for r in recipients or [None]
             if r is None or _key(a) != _key(r)]
    for n, (a, r) in enumerate(pairs, 1):
        yield {**record, "id": f"{record['id']}-{n}", "dyad_of": record["id"],
               "actor": [a] if a else [], "recipient": [r] if r else []}


def _key(entity: dict[str, Any]) -> Any:
    return entity.get("identifier_id") or entity.get("code") or entity.get("entity_text")


IGO_CODES = {"igo:un": "UNO", "igo:united-nations": "UNO", "igo:eu": "EUR", "igo:european-union": "EUR"}


def _entity(ref: dict[str, Any]) -> dict[str, Any]:
    """A PLOVER entity object. ``code`` is the entity's state, or PLOVER's codes for the UN
    (UNO), the EU (EUR), other intergovernmental (IGO) and non-governmental (NGO) bodies."""
    rid = ref.get("id")
    code = ref.get("country") or (rid if isinstance(rid, str) and ISO3.match(rid) else None)
    if code is None and isinstance(rid, str):
        prefix = rid.split(":", 1)[0]
        code = IGO_CODES.get(rid) or {"igo": "IGO", "ngo": "NGO"}.get(prefix)
    return {"code": code, "sector": ref.get("sector"), "entity_text": ref.get("text"),
            "identifier_id": rid, "identifier_text": ref.get("name")}


def _location(place: dict[str, Any] | None) -> dict[str, Any] | None:
    if not place:
        return None
    return {"extracted_place": place.get("text"), "resolved_place": place.get("name"),
            "geonameid": place.get("geonameid"), "lat": place.get("lat"), "lon": place.get("lon"),
            "country_code": place.get("country"), "feature_class": None,
            "kind": place.get("kind")}
