"""``storytrace export --format csv``: one CSV table per layer, each row with its document id
and span, plus ``documents.csv``. Streamed: rows are written as documents are read."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from storytrace.records import LAYERS
from storytrace.store.db import Store

DOC_COLUMNS = ["id", "title", "published", "source", "url", "language", "duplicate_of", "status", "words"]
COLUMNS: dict[str, list[str]] = {
    "actors": ["doc_id", "actor_id", "name", "kind", "country", "sector", "role", "wikidata",
               "mention_count", "mentions"],
    "quotes": ["doc_id", "start", "end", "kind", "speaker_id", "speaker_name", "speaker_text", "cue",
               "text"],
    "claims": ["doc_id", "start", "end", "category", "low", "high", "approx", "unit", "about",
               "source_id", "source_name", "source_text", "stance", "when"],
    "events": ["doc_id", "start", "end", "type", "mode", "context", "actors", "recipients", "status",
               "reported_by", "when", "where", "dead", "injured", "arrested", "trigger"],
    "times": ["doc_id", "start", "end", "text", "value", "granularity"],
    "places": ["doc_id", "start", "end", "text", "name", "kind", "country", "lat", "lon", "geonameid"],
}


def _ids(refs: list[dict[str, Any]] | None) -> str:
    return ";".join(str(r.get("id") or r.get("name") or r.get("text") or "") for r in refs or [])


def _flat(layer: str, doc_id: str, r: dict[str, Any]) -> dict[str, Any]:
    span = r.get("span") or {}
    row: dict[str, Any] = {"doc_id": doc_id, "start": span.get("start"), "end": span.get("end")}
    if layer == "actors":
        row.update(actor_id=r["id"], name=r["name"], kind=r["kind"], country=r.get("country"),
                   sector=r.get("sector"), role=r.get("role"), wikidata=r.get("wikidata"),
                   mention_count=len(r.get("mentions", [])),
                   mentions=";".join(f"{m['start']}-{m['end']}" for m in r.get("mentions", [])))
    elif layer == "quotes":
        sp = r.get("speaker") or {}
        row.update(kind=r["kind"], speaker_id=sp.get("id"), speaker_name=sp.get("name"),
                   speaker_text=sp.get("text"), cue=r.get("cue"), text=r["text"])
    elif layer == "claims":
        src = r.get("source") or {}
        row.update(category=r["category"], low=r.get("low"), high=r.get("high"), approx=r["approx"],
                   unit=r.get("unit"), about=r.get("about"), source_id=src.get("id"),
                   source_name=src.get("name"), source_text=r.get("source_text"), stance=r.get("stance"),
                   when=(r.get("when") or {}).get("value"))
    elif layer == "events":
        size = r.get("size") or {}
        row.update(type=r["type"], mode=r.get("mode"), context=";".join(r.get("context") or []),
                   actors=_ids(r.get("actors")), recipients=_ids(r.get("recipients")),
                   status=r["status"], reported_by=_ids([r["reported_by"]] if r.get("reported_by") else []),
                   when=(r.get("when") or {}).get("value"), where=(r.get("where") or {}).get("name"),
                   dead=size.get("dead"), injured=size.get("injured"), arrested=size.get("arrested"),
                   trigger=r.get("trigger"))
    elif layer == "times":
        row.update(text=r["text"], value=r.get("value"), granularity=r.get("granularity"))
    elif layer == "places":
        row.update(text=r["text"], name=r["name"], kind=r["kind"], country=r.get("country"),
                   lat=r.get("lat"), lon=r.get("lon"), geonameid=r.get("geonameid"))
    return row


def write_csv(store: Store, directory: Path, *, since: str | None = None, until: str | None = None,
              source: str | None = None, on_doc: Callable[[str], None] | None = None) -> int:
    directory.mkdir(parents=True, exist_ok=True)
    files = {name: open(directory / f"{name}.csv", "w", newline="", encoding="utf-8")
             for name in ("documents", *LAYERS)}
    try:
        writers = {"documents": csv.DictWriter(files["documents"], DOC_COLUMNS, extrasaction="ignore")}
        for layer in LAYERS:
            writers[layer] = csv.DictWriter(files[layer], COLUMNS[layer], extrasaction="ignore")
        for w in writers.values():
            w.writeheader()
        n = 0
        for row in store.documents(since=since, until=until, source=source):
            writers["documents"].writerow({k: row[k] for k in DOC_COLUMNS})
            for layer in LAYERS:
                for rec in store.layer_records(layer, row["id"]):
                    writers[layer].writerow(_flat(layer, row["id"], rec))
            n += 1
            if on_doc:
                on_doc(row["id"])
        return n
    finally:
        for f in files.values():
            f.close()


def dumps_cell(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False) if isinstance(value, (dict, list)) else str(value)
