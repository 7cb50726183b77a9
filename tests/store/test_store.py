"""The store: migrations, WAL, one transaction per document, read-only opening, export."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from pydantic_core import PydanticSerializationError

from storytrace.errors import SchemaVersionError, StoreError
from storytrace.records import Actor, ActorRef, Claim, Document, Event, Span, Time
from storytrace.store.db import DocInfo, Store
from storytrace.store.migrations import MIGRATIONS

TEXT = "Seoul said on Friday that about 3,000 more North Korean soldiers had reached Russia."


def _doc(doc_id: str = "d1") -> Document:
    return Document(
        id=doc_id, published="2025-01-10", source="Wire", text=TEXT,
        actors=[Actor(id="KOR", name="South Korea", kind="country", country="KOR", sector="GOV",
                      mentions=[Span(start=0, end=5)])],
        times=[Time(text="Friday", value="2025-01-10", granularity="day", span=Span(start=14, end=20))],
        claims=[Claim(about="North Korean soldiers", category="troops", unit="person", low=3000, high=3000,
                      approx="about", source=ActorRef(id="KOR", name="South Korea", text="Seoul"),
                      source_text="Seoul", stance="reported", span=Span(start=26, end=62))],
        events=[Event(type="MOBILIZE", mode="troops", actors=[ActorRef(id="PRK", country="PRK")],
                      status="reported", reported_by=ActorRef(id="KOR", text="Seoul"),
                      trigger="reached", span=Span(start=0, end=len(TEXT)))],
    )


def test_migrations_are_recorded_and_wal_is_on(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    Store(path).close()
    with sqlite3.connect(path) as conn:
        versions = [r[0] for r in conn.execute("SELECT version FROM schema_migrations ORDER BY version")]
        assert versions == [m.version for m in MIGRATIONS]
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    Store(path).close()  # reopening applies nothing twice


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    Store(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("INSERT INTO schema_migrations VALUES (999, 'from the future', 'now')")
    with pytest.raises(SchemaVersionError, match="newer than this storytrace"):
        Store(path)


def test_not_a_store(tmp_path: Path) -> None:
    path = tmp_path / "junk.db"
    path.write_bytes(b"this is not an sqlite file at all" * 100)
    with pytest.raises(StoreError, match=r"junk\.db"):
        Store(path)


def test_save_round_trips_the_export_record(store: Store) -> None:
    doc = _doc()
    store.save(doc, DocInfo(content_hash="h", status="analyzed"))
    record = store.get_document("d1")
    assert record is not None
    expected = doc.model_dump(mode="json")
    for key, value in expected.items():
        assert record[key] == value, key
    roles = {tuple(r) for r in store.execute("SELECT role, actor_id FROM event_roles")}
    assert roles == {("actor", "PRK"), ("reported_by", "KOR")}


def test_a_failed_write_leaves_nothing_half_written(store: Store) -> None:
    store.save(_doc(), DocInfo(content_hash="h", status="analyzed"))
    broken = _doc().model_copy(update={"times": [Time(text="x", span=Span(start=0, end=1))]})
    object.__setattr__(broken.times[0], "value", object())  # not JSON-serializable: fails mid-write
    with pytest.raises(PydanticSerializationError):
        store.save(broken, DocInfo(content_hash="h2", status="analyzed"))
    record = store.get_document("d1")
    assert record is not None and record["times"][0]["value"] == "2025-01-10"  # old version intact
    assert store.execute("SELECT content_hash FROM documents").fetchone()[0] == "h"


def test_readonly_store_refuses_writes(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    with Store(path) as s:
        s.save(_doc(), DocInfo(content_hash="h"))
    ro = Store(path, readonly=True)
    with pytest.raises(StoreError, match="read-only"):
        ro.save(_doc("d2"), DocInfo(content_hash="h2"))
    with pytest.raises(sqlite3.OperationalError):
        ro.execute("DELETE FROM documents")
    assert ro.count("documents") == 1
    ro.close()
    with pytest.raises(StoreError, match="no such store"):
        Store(tmp_path / "absent.db", readonly=True)


def test_deleting_a_document_removes_its_layers(store: Store) -> None:
    store.save(_doc(), DocInfo(content_hash="h", status="analyzed"))
    store.delete_document("d1")
    for table in ("actors", "claims", "events", "event_roles", "times", "doc_bands"):
        assert store.count(table) == 0, table


def test_export_jsonl_streams_every_document(tmp_path: Path) -> None:
    from storytrace.export.jsonl import write_jsonl

    with Store(tmp_path / "s.db") as s:
        for n in range(5):
            s.save(_doc(f"d{n}"), DocInfo(content_hash=f"h{n}", status="analyzed"))
        out = tmp_path / "out.jsonl"
        with open(out, "w", encoding="utf-8") as fh:
            assert write_jsonl(s, fh) == 5
    lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert [x["id"] for x in lines] == [f"d{n}" for n in range(5)]
    assert all(Document.model_validate(x).claims[0].low == 3000 for x in lines)
