"""Read queries over the store, shared by the CLI, the exporters and the web API.

All SQL is parameterized. Aggregates count each story once: documents linked as
duplicates (``duplicate_of``) are left out unless ``duplicates=True``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from storytrace.records import LAYERS
from storytrace.store.db import Store

_NOT_DUP = "d.duplicate_of IS NULL"


@dataclass
class Page:
    limit: int = 50
    offset: int = 0


def stats(store: Store) -> dict[str, Any]:
    out: dict[str, Any] = {}
    rows = store.execute("SELECT status, count(*) n FROM documents GROUP BY status").fetchall()
    out["documents"] = {r["status"]: r["n"] for r in rows}
    out["documents_total"] = sum(out["documents"].values())
    out["duplicates"] = store.count("documents", "WHERE duplicate_of IS NOT NULL")
    out["words"] = int(store.execute("SELECT coalesce(sum(words), 0) FROM documents").fetchone()[0])
    out["layers"] = {layer: store.count(layer) for layer in LAYERS}
    out["distinct_actors"] = int(store.execute("SELECT count(DISTINCT actor_id) FROM actors").fetchone()[0])
    span = store.execute("SELECT min(published), max(published) FROM documents").fetchone()
    out["published"] = {"first": span[0], "last": span[1]}
    out["sources"] = int(store.execute("SELECT count(DISTINCT source) FROM documents").fetchone()[0])
    return out


def _since(clause: list[str], params: list[Any], since: str | None, until: str | None = None,
           col: str = "d.published") -> None:
    if since:
        clause.append(f"{col} >= ?")
        params.append(since)
    if until:
        clause.append(f"{col} < ?")
        params.append(until + "\uffff")


def _where(clause: list[str]) -> str:
    return ("WHERE " + " AND ".join(clause)) if clause else ""


ACTOR_SORTS = {"-mentions": "mentions DESC", "mentions": "mentions", "-documents": "documents DESC",
               "name": "name COLLATE NOCASE", "id": "id"}
DATE_SORTS = ("date", "-date")  # quotes, claims, events: oldest or newest first


def _by_date(sort: str, column: str) -> str:
    if sort not in DATE_SORTS:
        raise ValueError(f"sort must be one of {', '.join(DATE_SORTS)}, not {sort!r}")
    return f"{column} DESC" if sort == "-date" else column


def actors(store: Store, *, country: str | None = None, kind: str | None = None,
           name: str | None = None, sort: str = "-mentions",
           page: Page | None = None) -> list[dict[str, Any]]:
    page = page or Page()
    clause, params = [_NOT_DUP], []
    if country:
        clause.append("a.country = ?")
        params.append(country.upper())
    if kind:
        clause.append("a.kind = ?")
        params.append(kind)
    if name:
        clause.append("(a.name LIKE ? OR a.actor_id LIKE ?)")
        params += [f"%{name}%", f"%{name}%"]
    sql = f"""
        SELECT a.actor_id AS id, max(a.name) AS name, max(a.kind) AS kind, max(a.country) AS country,
               max(a.sector) AS sector, max(a.role) AS role, sum(a.mention_count) AS mentions,
               count(DISTINCT a.doc_id) AS documents
        FROM actors a JOIN documents d ON d.id = a.doc_id {_where(clause)}
        GROUP BY a.actor_id ORDER BY {ACTOR_SORTS[sort]}, id LIMIT ? OFFSET ?"""
    return [dict(r) for r in store.execute(sql, [*params, page.limit, page.offset])]


def quotes(store: Store, *, speaker: str | None = None, since: str | None = None,
           until: str | None = None, doc_id: str | None = None, sort: str = "date",
           page: Page | None = None) -> list[dict[str, Any]]:
    page = page or Page()
    clause, params = [_NOT_DUP], []
    if speaker:
        clause.append("(q.speaker_name LIKE ? OR q.speaker_text LIKE ? OR q.speaker_id = ?)")
        params += [f"%{speaker}%", f"%{speaker}%", speaker]
    if doc_id:
        clause.append("q.doc_id = ?")
        params.append(doc_id)
    _since(clause, params, since, until)
    sql = f"""
        SELECT q.doc_id, q.idx, q.text, q.kind, q.speaker_id, q.speaker_name, q.speaker_text, q.cue,
               q.start, q."end", d.published, d.source, d.title
        FROM quotes q JOIN documents d ON d.id = q.doc_id {_where(clause)}
        ORDER BY {_by_date(sort, "d.published")}, q.doc_id, q.idx LIMIT ? OFFSET ?"""
    return [dict(r) for r in store.execute(sql, [*params, page.limit, page.offset])]


def claims(store: Store, *, category: str | None = None, about: str | None = None,
           since: str | None = None, until: str | None = None, doc_id: str | None = None,
           sort: str = "date", page: Page | None = None) -> list[dict[str, Any]]:
    page = page or Page()
    clause, params = [_NOT_DUP], []
    if category:
        clause.append("c.category = ?")
        params.append(category)
    if about:
        clause.append("c.about LIKE ?")
        params.append(f"%{about}%")
    if doc_id:
        clause.append("c.doc_id = ?")
        params.append(doc_id)
    _since(clause, params, since, until)
    sql = f"""
        SELECT c.doc_id, c.idx, c.about, c.category, c.unit, c.low, c.high, c.approx,
               c.source_id, c.source_name, c.source_text, c.stance, c.when_value, c.start, c."end",
               d.published, d.source, d.title
        FROM claims c JOIN documents d ON d.id = c.doc_id {_where(clause)}
        ORDER BY {_by_date(sort, "d.published")}, c.doc_id, c.idx LIMIT ? OFFSET ?"""
    return [dict(r) for r in store.execute(sql, [*params, page.limit, page.offset])]


def events(store: Store, *, type: str | None = None, actor: str | None = None,
           recipient: str | None = None, since: str | None = None, until: str | None = None,
           doc_id: str | None = None, doc_ids: list[str] | None = None, sort: str = "date",
           page: Page | None = None) -> list[dict[str, Any]]:
    page = page or Page()
    clause, params = [_NOT_DUP], []
    if type:
        clause.append("e.type = ?")
        params.append(type.upper())
    for role, value in (("actor", actor), ("recipient", recipient)):
        if value:
            clause.append(
                "EXISTS (SELECT 1 FROM event_roles r WHERE r.doc_id = e.doc_id AND r.idx = e.idx "
                "AND r.role = ? AND (r.actor_id = ? OR r.country = ? OR r.name LIKE ?))")
            params += [role, value, value.upper(), f"%{value}%"]
    if doc_id:
        clause.append("e.doc_id = ?")
        params.append(doc_id)
    if doc_ids is not None:
        clause.append(f"e.doc_id IN ({', '.join('?' for _ in doc_ids)})")
        params += doc_ids
    _since(clause, params, since, until, col="coalesce(e.when_value, d.published)")
    sql = f"""
        SELECT e.doc_id, e.idx, e.record, e.type, e.mode, e.status, e.when_value, e.place_name,
               e.trigger, e.start, e."end", d.published, d.source, d.title
        FROM events e JOIN documents d ON d.id = e.doc_id {_where(clause)}
        ORDER BY {_by_date(sort, "coalesce(e.when_value, d.published)")}, e.doc_id, e.idx LIMIT ? OFFSET ?"""
    out = []
    for r in store.execute(sql, [*params, page.limit, page.offset]):
        row = dict(r)
        record = json.loads(row.pop("record"))
        row["actors"] = record.get("actors", [])
        row["recipients"] = record.get("recipients", [])
        row["reported_by"] = record.get("reported_by")
        row["size"] = record.get("size")
        row["context"] = record.get("context", [])
        out.append(row)
    return out


def places(store: Store, *, country: str | None = None,
           page: Page | None = None) -> list[dict[str, Any]]:
    page = page or Page()
    clause, params = [_NOT_DUP], []
    if country:
        clause.append("p.country = ?")
        params.append(country.upper())
    sql = f"""
        SELECT p.name, p.kind, p.country, avg(p.lat) AS lat, avg(p.lon) AS lon, p.geonameid,
               count(*) AS mentions, count(DISTINCT p.doc_id) AS documents
        FROM places p JOIN documents d ON d.id = p.doc_id {_where(clause)}
        GROUP BY p.name, p.country, p.geonameid ORDER BY mentions DESC, p.name LIMIT ? OFFSET ?"""
    return [dict(r) for r in store.execute(sql, [*params, page.limit, page.offset])]


def search(store: Store, query: str, *, page: Page | None = None) -> list[dict[str, Any]]:
    """Full-text search (FTS5 syntax; plain words are ANDed)."""
    page = page or Page()
    sql = """
        SELECT d.id, d.title, d.published, d.source, d.duplicate_of,
               snippet(documents_fts, 1, '[', ']', ' … ', 12) AS snippet, bm25(documents_fts) AS rank
        FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid
        WHERE documents_fts MATCH ? ORDER BY rank LIMIT ? OFFSET ?"""
    return [dict(r) for r in store.execute(sql, [fts_query(query), page.limit, page.offset])]


def fts_query(text: str) -> str:
    """Quote each word so user text is never parsed as FTS5 syntax (phrases keep their quotes)."""
    import re

    parts = re.findall(r'"[^"]+"|\S+', text)
    out = []
    for p in parts:
        word = p.strip('"').replace('"', "")
        if word:
            out.append(f'"{word}"')
    return " ".join(out) or '""'


DOC_SORTS = {"published": "d.published", "-published": "d.published DESC", "title": "d.title",
             "source": "d.source", "words": "d.words", "-words": "d.words DESC", "id": "d.id"}


def documents(store: Store, *, q: str | None = None, since: str | None = None, until: str | None = None,
              source: str | None = None, ids: list[str] | None = None, sort: str = "-published",
              duplicates: bool = True, page: Page | None = None) -> list[dict[str, Any]]:
    """Documents with per-layer counts; ``q`` is a full-text query (FTS5, words ANDed)."""
    page = page or Page()
    clause: list[str] = []
    params: list[Any] = []
    join = ""
    if q:
        join = "JOIN documents_fts f ON f.rowid = d.rowid AND documents_fts MATCH ?"
        params.append(fts_query(q))
    _since(clause, params, since, until)
    if source:
        clause.append("d.source = ? COLLATE NOCASE")
        params.append(source)
    if ids is not None:
        clause.append(f"d.id IN ({', '.join('?' for _ in ids)})")
        params += ids
    if not duplicates:
        clause.append(_NOT_DUP)
    order = DOC_SORTS[sort]
    counts = ", ".join(f"(SELECT count(*) FROM {t} x WHERE x.doc_id = d.id) AS n_{t}" for t in LAYERS)
    sql = f"""SELECT d.id, d.title, d.published, d.source, d.url, d.language, d.status, d.duplicate_of,
                     d.words, substr(d.text, 1, 240) AS lead, {counts}
              FROM documents d {join} {_where(clause)} ORDER BY {order}, d.rowid LIMIT ? OFFSET ?"""
    return [dict(r) for r in store.execute(sql, [*params, page.limit, page.offset])]


def actor_summary(store: Store, actor_id: str) -> dict[str, Any] | None:
    row = store.execute(
        """SELECT a.actor_id AS id, max(a.name) AS name, max(a.kind) AS kind, max(a.country) AS country,
                  max(a.sector) AS sector, max(a.role) AS role, sum(a.mention_count) AS mentions,
                  count(DISTINCT a.doc_id) AS documents, min(d.published) AS first_seen,
                  max(d.published) AS last_seen
           FROM actors a JOIN documents d ON d.id = a.doc_id
           WHERE a.actor_id = ? AND d.duplicate_of IS NULL GROUP BY a.actor_id""", (actor_id,)).fetchone()
    if row is None:
        return None
    out = dict(row)
    record = store.execute("SELECT record FROM actors WHERE actor_id = ? LIMIT 1", (actor_id,)).fetchone()
    out["wikidata"] = json.loads(record[0]).get("wikidata") if record else None
    return out


def actor_documents(store: Store, actor_id: str, page: Page | None = None) -> list[dict[str, Any]]:
    page = page or Page()
    sql = """SELECT d.id, d.title, d.published, d.source, a.mention_count AS mentions
             FROM actors a JOIN documents d ON d.id = a.doc_id
             WHERE a.actor_id = ? AND d.duplicate_of IS NULL
             ORDER BY d.published DESC, d.rowid LIMIT ? OFFSET ?"""
    return [dict(r) for r in store.execute(sql, (actor_id, page.limit, page.offset))]


def actor_quotes(store: Store, actor_id: str, page: Page | None = None) -> list[dict[str, Any]]:
    page = page or Page()
    sql = """SELECT q.doc_id, q.idx, q.text, q.kind, q.cue, q.speaker_text, q.start, q."end",
                    d.published, d.source, d.title
             FROM quotes q JOIN documents d ON d.id = q.doc_id
             WHERE q.speaker_id = ? AND d.duplicate_of IS NULL
             ORDER BY d.published DESC, q.doc_id, q.idx LIMIT ? OFFSET ?"""
    return [dict(r) for r in store.execute(sql, (actor_id, page.limit, page.offset))]


def neighbours(store: Store, actor_id: str, limit: int = 25) -> list[dict[str, Any]]:
    """Actors that share events with ``actor_id`` (either role), with the event types."""
    sql = """SELECT o.actor_id AS id, max(o.name) AS name, max(o.country) AS country,
                    count(*) AS events, group_concat(DISTINCT e.type) AS types
             FROM event_roles r
             JOIN event_roles o ON o.doc_id = r.doc_id AND o.idx = r.idx AND o.role != 'reported_by'
                                AND coalesce(o.actor_id, '') != r.actor_id
             JOIN events e ON e.doc_id = r.doc_id AND e.idx = r.idx
             JOIN documents d ON d.id = r.doc_id AND d.duplicate_of IS NULL
             WHERE r.actor_id = ? AND r.role != 'reported_by' AND o.actor_id IS NOT NULL
             GROUP BY o.actor_id ORDER BY events DESC, id LIMIT ?"""
    return [dict(r) for r in store.execute(sql, (actor_id, limit))]


def sources(store: Store) -> list[dict[str, Any]]:
    sql = """SELECT source, count(*) AS documents, min(published) AS first, max(published) AS last
             FROM documents WHERE source IS NOT NULL GROUP BY source ORDER BY documents DESC"""
    return [dict(r) for r in store.execute(sql)]
