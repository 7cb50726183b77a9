"""Versioned schema migrations. Each one is named, runs in its own transaction and is
recorded in ``schema_migrations``; a store written by a newer version is refused.

The schema is documented for users who query the file with plain ``sqlite3`` in
``docs/schema.md``; keep the two in step.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from storytrace.errors import SchemaVersionError


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str | Callable[[sqlite3.Connection], None]


_LAYER_COMMON = """
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    start INTEGER,
    "end" INTEGER,
    record TEXT NOT NULL
"""

INITIAL = f"""
CREATE TABLE documents (
    id TEXT PRIMARY KEY,
    title TEXT,
    published TEXT,
    source TEXT,
    url TEXT,
    language TEXT,
    text TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    duplicate_of TEXT REFERENCES documents(id) ON DELETE SET NULL,
    similarity REAL,
    status TEXT NOT NULL DEFAULT 'stored'
        CHECK (status IN ('stored', 'analyzed', 'skipped', 'failed')),
    status_reason TEXT,
    origin TEXT,
    meta TEXT NOT NULL DEFAULT '{{}}',
    minhash BLOB,
    words INTEGER NOT NULL DEFAULT 0,
    ingested_at TEXT NOT NULL,
    analyzed_at TEXT,
    analyzer TEXT
);
CREATE INDEX documents_published ON documents(published);
CREATE INDEX documents_source ON documents(source);
CREATE INDEX documents_hash ON documents(content_hash);
CREATE INDEX documents_duplicate_of ON documents(duplicate_of);

CREATE TABLE doc_bands (
    band INTEGER NOT NULL,
    hash INTEGER NOT NULL,
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    PRIMARY KEY (band, hash, doc_id)
) WITHOUT ROWID;
CREATE INDEX doc_bands_doc ON doc_bands(doc_id);

CREATE VIRTUAL TABLE documents_fts USING fts5(
    title, text, content='documents', content_rowid='rowid', tokenize='unicode61'
);
CREATE TRIGGER documents_ai AFTER INSERT ON documents BEGIN
    INSERT INTO documents_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
CREATE TRIGGER documents_ad AFTER DELETE ON documents BEGIN
    INSERT INTO documents_fts(documents_fts, rowid, title, text)
        VALUES ('delete', old.rowid, old.title, old.text);
END;
CREATE TRIGGER documents_au AFTER UPDATE OF title, text ON documents BEGIN
    INSERT INTO documents_fts(documents_fts, rowid, title, text)
        VALUES ('delete', old.rowid, old.title, old.text);
    INSERT INTO documents_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;

CREATE TABLE actors ({_LAYER_COMMON},
    actor_id TEXT NOT NULL,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    country TEXT,
    sector TEXT,
    role TEXT,
    mention_count INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (doc_id, idx)
);
CREATE INDEX actors_actor ON actors(actor_id);
CREATE INDEX actors_country ON actors(country);

CREATE TABLE quotes ({_LAYER_COMMON},
    text TEXT NOT NULL,
    kind TEXT NOT NULL,
    speaker_id TEXT,
    speaker_name TEXT,
    speaker_text TEXT,
    cue TEXT,
    PRIMARY KEY (doc_id, idx)
);
CREATE INDEX quotes_speaker ON quotes(speaker_id);

CREATE TABLE claims ({_LAYER_COMMON},
    about TEXT,
    category TEXT NOT NULL,
    unit TEXT,
    low REAL,
    high REAL,
    approx TEXT NOT NULL,
    source_id TEXT,
    source_name TEXT,
    source_text TEXT,
    stance TEXT,
    when_value TEXT,
    PRIMARY KEY (doc_id, idx)
);
CREATE INDEX claims_category ON claims(category);

CREATE TABLE events ({_LAYER_COMMON},
    type TEXT NOT NULL,
    mode TEXT,
    status TEXT NOT NULL,
    when_value TEXT,
    place_name TEXT,
    place_country TEXT,
    trigger TEXT,
    dead INTEGER,
    injured INTEGER,
    arrested INTEGER,
    PRIMARY KEY (doc_id, idx)
);
CREATE INDEX events_type ON events(type);
CREATE INDEX events_when ON events(when_value);

CREATE TABLE event_roles (
    doc_id TEXT NOT NULL,
    idx INTEGER NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('actor', 'recipient', 'reported_by')),
    actor_id TEXT,
    country TEXT,
    name TEXT,
    FOREIGN KEY (doc_id, idx) REFERENCES events(doc_id, idx) ON DELETE CASCADE
);
CREATE INDEX event_roles_event ON event_roles(doc_id, idx);
CREATE INDEX event_roles_actor ON event_roles(actor_id, role);
CREATE INDEX event_roles_country ON event_roles(country, role);

CREATE TABLE times ({_LAYER_COMMON},
    text TEXT NOT NULL,
    value TEXT,
    granularity TEXT,
    PRIMARY KEY (doc_id, idx)
);

CREATE TABLE places ({_LAYER_COMMON},
    text TEXT NOT NULL,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    country TEXT,
    lat REAL,
    lon REAL,
    geonameid INTEGER,
    PRIMARY KEY (doc_id, idx)
);
CREATE INDEX places_name ON places(name);
CREATE INDEX places_country ON places(country);
"""

# Stories (docs/schema.md "stories"): documents grouped incrementally into developing stories.
# A story keeps its centroid (word, headline and name weights, JSON) so that a new document is compared
# with the stories it shares index terms with, never with the whole store.
STORIES = """
CREATE TABLE stories (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    title TEXT NOT NULL,
    first_published TEXT,
    last_published TEXT,
    documents INTEGER NOT NULL DEFAULT 0,
    originals INTEGER NOT NULL DEFAULT 0,
    centroid TEXT NOT NULL DEFAULT '{}',
    norms TEXT NOT NULL DEFAULT '{}',
    embedding BLOB,
    title_doc TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX stories_last ON stories(last_published);

CREATE TABLE story_docs (
    doc_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    story_id INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    score REAL,
    method TEXT NOT NULL CHECK (method IN ('new', 'similar', 'duplicate')),
    assigned_at TEXT NOT NULL
);
CREATE INDEX story_docs_story ON story_docs(story_id);

CREATE TABLE story_terms (
    term TEXT NOT NULL,
    story_id INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    PRIMARY KEY (term, story_id)
) WITHOUT ROWID;
CREATE INDEX story_terms_story ON story_terms(story_id);

CREATE TABLE story_vocab (
    term TEXT PRIMARY KEY,
    df INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE story_state (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
"""

MIGRATIONS: list[Migration] = [
    Migration(1, "initial schema: documents, full-text search, layers", INITIAL),
    Migration(2, "stories: story clustering state and membership", STORIES),
]


def current_version(conn: sqlite3.Connection) -> int:
    conn.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
    )
    row = conn.execute("SELECT max(version) FROM schema_migrations").fetchone()
    return int(row[0] or 0)


def migrate(conn: sqlite3.Connection, path: str = "store") -> list[Migration]:
    """Apply every pending migration, each in one transaction; return those applied."""
    version = current_version(conn)
    latest = MIGRATIONS[-1].version
    if version > latest:
        raise SchemaVersionError(
            f"{path} has schema version {version}, newer than this storytrace ({latest}); "
            "upgrade storytrace to open it"
        )
    applied = []
    for migration in MIGRATIONS:
        if migration.version <= version:
            continue
        conn.execute("BEGIN IMMEDIATE")
        try:
            if callable(migration.sql):
                migration.sql(conn)
            else:
                for statement in _statements(migration.sql):
                    conn.execute(statement)
            conn.execute(
                "INSERT INTO schema_migrations(version, name, applied_at) VALUES (?, ?, ?)",
                (migration.version, migration.name, datetime.now(UTC).isoformat(timespec="seconds")),
            )
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        applied.append(migration)
    return applied


def _statements(script: str) -> list[str]:
    """Split a script into statements (triggers contain ';' inside BEGIN ... END)."""
    out, buf = [], ""
    for line in script.splitlines(keepends=True):
        buf += line
        if sqlite3.complete_statement(buf):
            if buf.strip():
                out.append(buf.strip())
            buf = ""
    if buf.strip():
        out.append(buf.strip())
    return out
