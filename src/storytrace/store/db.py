"""The one object that owns the SQLite file.

* WAL mode, foreign keys on, versioned migrations (``migrations.py``).
* One transaction per document: a document row and all its layers are written (or
  replaced) together, so a crash or ``kill -9`` never leaves a half-written document.
* Readers (the web app) open the file read-only with ``Store(path, readonly=True)``.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from storytrace.errors import StoreError
from storytrace.records import LAYERS, Document, Record
from storytrace.store.migrations import migrate

DEFAULT_DB = "storytrace.db"


def default_db_path() -> str:
    return os.environ.get("STORYTRACE_DB") or DEFAULT_DB


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass
class DocInfo:
    """What the store keeps about a document besides its export record."""

    content_hash: str
    origin: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    duplicate_of: str | None = None
    similarity: float | None = None
    status: str = "stored"  # stored | analyzed | skipped | failed
    status_reason: str | None = None
    minhash: bytes | None = None
    bands: Sequence[int] = ()
    words: int = 0
    analyzer: str | None = None


class Store:
    """A storytrace store: ``Store(path)``, ``Store(":memory:")`` or ``Store(path, readonly=True)``."""

    def __init__(self, path: str | os.PathLike[str] | None = None, *, readonly: bool = False):
        self.path = str(path if path is not None else default_db_path())
        self.readonly = readonly
        self._local = threading.local()
        try:
            if readonly:
                if self.path != ":memory:" and not Path(self.path).exists():
                    raise StoreError(f"{self.path}: no such store (run `storytrace ingest` first)")
                uri = f"{Path(self.path).resolve().as_uri()}?mode=ro"
                self.conn = sqlite3.connect(uri, uri=True, isolation_level=None,
                                            check_same_thread=False)
            else:
                if self.path != ":memory:":
                    Path(self.path).parent.mkdir(parents=True, exist_ok=True)
                self.conn = sqlite3.connect(self.path, isolation_level=None, timeout=30)
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: cannot open store ({exc})") from exc
        self.conn.row_factory = sqlite3.Row
        self.conn.execute("PRAGMA foreign_keys = ON")
        self.conn.execute("PRAGMA busy_timeout = 30000")
        if not readonly:
            try:
                if self.path != ":memory:":
                    self.conn.execute("PRAGMA journal_mode = WAL")
                self.conn.execute("PRAGMA synchronous = NORMAL")
                migrate(self.conn, self.path)
            except sqlite3.DatabaseError as exc:
                raise StoreError(f"{self.path}: not a storytrace store ({exc})") from exc

    # ------------------------------------------------------------------ lifecycle
    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def atomic(self) -> Iterator[sqlite3.Connection]:
        """A transaction; nested calls join the outer one."""
        depth = getattr(self._local, "depth", 0)
        if depth:
            self._local.depth = depth + 1
            try:
                yield self.conn
            finally:
                self._local.depth = depth
            return
        self.conn.execute("BEGIN IMMEDIATE")
        self._local.depth = 1
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        else:
            self.conn.execute("COMMIT")
        finally:
            self._local.depth = 0

    def execute(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> sqlite3.Cursor:
        return self.conn.execute(sql, params)

    # ------------------------------------------------------------------ documents
    def document_by_hash(self, content_hash: str) -> sqlite3.Row | None:
        return self.conn.execute(
            "SELECT id, status, duplicate_of FROM documents WHERE content_hash = ? "
            "ORDER BY rowid LIMIT 1", (content_hash,)).fetchone()

    def document_row(self, doc_id: str) -> sqlite3.Row | None:
        return self.conn.execute("SELECT * FROM documents WHERE id = ?", (doc_id,)).fetchone()

    def has_document(self, doc_id: str) -> bool:
        return self.conn.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone() is not None

    def candidates_by_bands(self, bands: Sequence[int], exclude: str | None = None) -> list[sqlite3.Row]:
        """Documents sharing at least one LSH band with ``bands`` (near-duplicate candidates)."""
        if not bands:
            return []
        clauses = " OR ".join("(band = ? AND hash = ?)" for _ in bands)
        params: list[Any] = []
        for i, h in enumerate(bands):
            params += [i, h]
        rows = self.conn.execute(
            f"SELECT DISTINCT d.id, d.minhash, d.duplicate_of FROM doc_bands b "
            f"JOIN documents d ON d.id = b.doc_id WHERE {clauses}", params).fetchall()
        return [r for r in rows if r["id"] != exclude]

    def save(self, doc: Document, info: DocInfo, *, layers: bool = True) -> None:
        """Write a document and (when ``layers``) all its layers in one transaction,
        replacing what the store held for that id."""
        if self.readonly:
            raise StoreError(f"{self.path}: opened read-only")
        with self.atomic() as c:
            exists = c.execute("SELECT 1 FROM documents WHERE id = ?", (doc.id,)).fetchone()
            values = {
                "id": doc.id, "title": doc.title, "published": doc.published, "source": doc.source,
                "url": doc.url, "language": doc.language, "text": doc.text,
                "content_hash": info.content_hash, "duplicate_of": info.duplicate_of,
                "similarity": info.similarity, "status": info.status,
                "status_reason": info.status_reason, "origin": info.origin,
                "meta": json.dumps(info.meta, ensure_ascii=False, default=str),
                "minhash": info.minhash, "words": info.words,
                "analyzed_at": now() if info.status == "analyzed" else None,
                "analyzer": info.analyzer,
            }
            if exists:
                sets = ", ".join(f'"{k}" = :{k}' for k in values if k != "id")
                c.execute(f"UPDATE documents SET {sets} WHERE id = :id", values)
                c.execute("DELETE FROM doc_bands WHERE doc_id = ?", (doc.id,))
            else:
                values["ingested_at"] = now()
                cols = ", ".join(f'"{k}"' for k in values)
                marks = ", ".join(f":{k}" for k in values)
                c.execute(f"INSERT INTO documents ({cols}) VALUES ({marks})", values)
            c.executemany("INSERT OR IGNORE INTO doc_bands(band, hash, doc_id) VALUES (?, ?, ?)",
                          [(i, h, doc.id) for i, h in enumerate(info.bands)])
            if layers:
                self._write_layers(c, doc)

    def save_layers(self, doc: Document, *, status: str = "analyzed", analyzer: str | None = None,
                    reason: str | None = None) -> None:
        """Replace the layers of a stored document (``storytrace analyze``)."""
        with self.atomic() as c:
            self._write_layers(c, doc)
            c.execute("UPDATE documents SET status = ?, status_reason = ?, analyzed_at = ?, "
                      "analyzer = ? WHERE id = ?", (status, reason, now(), analyzer, doc.id))

    def set_status(self, doc_id: str, status: str, reason: str | None = None) -> None:
        with self.atomic() as c:
            c.execute("UPDATE documents SET status = ?, status_reason = ? WHERE id = ?",
                      (status, reason, doc_id))

    def _write_layers(self, c: sqlite3.Connection, doc: Document) -> None:
        for layer in LAYERS:
            c.execute(f"DELETE FROM {layer} WHERE doc_id = ?", (doc.id,))
        c.execute("DELETE FROM event_roles WHERE doc_id = ?", (doc.id,))
        for layer in LAYERS:
            items = getattr(doc, layer)
            if not items:
                continue
            rows = [_layer_row(layer, doc.id, i, item) for i, item in enumerate(items)]
            cols = list(rows[0])
            quoted = ", ".join(f'"{k}"' for k in cols)
            marks = ", ".join("?" for _ in cols)
            c.executemany(f"INSERT INTO {layer} ({quoted}) VALUES ({marks})",
                          [tuple(r[k] for k in cols) for r in rows])
        roles = []
        for i, ev in enumerate(doc.events):
            for role, refs in (("actor", ev.actors), ("recipient", ev.recipients),
                               ("reported_by", [ev.reported_by] if ev.reported_by else [])):
                for ref in refs:
                    roles.append((doc.id, i, role, ref.id, ref.country, ref.name or ref.text))
        if roles:
            c.executemany("INSERT INTO event_roles(doc_id, idx, role, actor_id, country, name) "
                          "VALUES (?, ?, ?, ?, ?, ?)", roles)

    def delete_document(self, doc_id: str) -> None:
        with self.atomic() as c:
            c.execute("DELETE FROM documents WHERE id = ?", (doc_id,))

    # ------------------------------------------------------------------ reading
    def count(self, table: str, where: str = "", params: Sequence[Any] = ()) -> int:
        return int(self.conn.execute(f"SELECT count(*) FROM {table} {where}", params).fetchone()[0])

    def documents(self, *, since: str | None = None, until: str | None = None,
                  source: str | None = None, ids: Iterable[str] | None = None,
                  status: Sequence[str] | None = None) -> Iterator[sqlite3.Row]:
        """Stream document rows in ingest order (never loads them all)."""
        where, params = _doc_filters(since=since, until=until, source=source, status=status)
        if ids is not None:
            id_list = list(ids)
            where.append(f"id IN ({', '.join('?' for _ in id_list)})")
            params += id_list
        sql = "SELECT * FROM documents"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY rowid"
        # a separate cursor, read in chunks: other queries may run while iterating
        cur = self.conn.cursor()
        cur.execute(sql, params)
        while True:
            rows = cur.fetchmany(256)
            if not rows:
                return
            yield from rows

    def layer_records(self, layer: str, doc_id: str) -> list[dict[str, Any]]:
        rows = self.conn.execute(f"SELECT record FROM {layer} WHERE doc_id = ? ORDER BY idx",
                                 (doc_id,)).fetchall()
        return [json.loads(r[0]) for r in rows]

    def export_record(self, row: sqlite3.Row) -> dict[str, Any]:
        """The EXPORT.md record of a stored document (plus `duplicate_of`, `status`)."""
        out: dict[str, Any] = {
            "format": "storytrace/1", "id": row["id"], "title": row["title"],
            "published": row["published"], "source": row["source"], "url": row["url"],
            "language": row["language"], "text": row["text"],
        }
        for layer in LAYERS:
            out[layer] = self.layer_records(layer, row["id"])
        out["duplicate_of"] = row["duplicate_of"]
        out["status"] = row["status"]
        return out

    def get_document(self, doc_id: str) -> dict[str, Any] | None:
        row = self.document_row(doc_id)
        return None if row is None else self.export_record(row)


def _doc_filters(*, since: str | None = None, until: str | None = None, source: str | None = None,
                 status: Sequence[str] | None = None) -> tuple[list[str], list[Any]]:
    where: list[str] = []
    params: list[Any] = []
    if since:
        where.append("published >= ?")
        params.append(since)
    if until:
        where.append("published < ?")
        params.append(until + "\uffff")
    if source:
        where.append("source = ? COLLATE NOCASE")
        params.append(source)
    if status:
        where.append(f"status IN ({', '.join('?' for _ in status)})")
        params += list(status)
    return where, params


def _layer_row(layer: str, doc_id: str, idx: int, item: Record) -> dict[str, Any]:
    record = item.model_dump(mode="json")
    span = record.get("span") or {}
    row: dict[str, Any] = {"doc_id": doc_id, "idx": idx, "start": span.get("start"),
                           "end": span.get("end"),
                           "record": json.dumps(record, ensure_ascii=False)}
    r = record
    if layer == "actors":
        first = r["mentions"][0] if r["mentions"] else {}
        row.update(start=first.get("start"), end=first.get("end"), actor_id=r["id"], name=r["name"],
                   kind=r["kind"], country=r["country"], sector=r["sector"], role=r["role"],
                   mention_count=len(r["mentions"]))
    elif layer == "quotes":
        sp = r.get("speaker") or {}
        row.update(text=r["text"], kind=r["kind"], speaker_id=sp.get("id"),
                   speaker_name=sp.get("name"), speaker_text=sp.get("text"), cue=r.get("cue"))
    elif layer == "claims":
        src = r.get("source") or {}
        when = r.get("when") or {}
        row.update(about=r.get("about"), category=r["category"], unit=r.get("unit"), low=r.get("low"),
                   high=r.get("high"), approx=r["approx"], source_id=src.get("id"),
                   source_name=src.get("name") or src.get("text"), source_text=r.get("source_text"),
                   stance=r.get("stance"), when_value=when.get("value"))
    elif layer == "events":
        when = r.get("when") or {}
        where = r.get("where") or {}
        size = r.get("size") or {}
        row.update(type=r["type"], mode=r.get("mode"), status=r["status"],
                   when_value=when.get("value"), place_name=where.get("name"),
                   place_country=where.get("country"), trigger=r.get("trigger"),
                   dead=size.get("dead"), injured=size.get("injured"), arrested=size.get("arrested"))
    elif layer == "times":
        row.update(text=r["text"], value=r.get("value"), granularity=r.get("granularity"))
    elif layer == "places":
        row.update(text=r["text"], name=r["name"], kind=r["kind"], country=r.get("country"),
                   lat=r.get("lat"), lon=r.get("lon"), geonameid=r.get("geonameid"))
    return row
