"""Reading stories: the list, one story's documents, its key actors and outlets.

A *scope* (story id and/or a date range) selects the documents that tracking, timelines,
networks and briefings work on; duplicates (``documents.duplicate_of``) are left out so a
wire story republished by many outlets counts once.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from storytrace.errors import StorytraceError
from storytrace.store.db import Store
from storytrace.stories import text as T
from storytrace.stories.cluster import assign_pending


class UnknownStory(StorytraceError):
    """No story has that id."""


@dataclass
class Scope:
    story: int | None = None
    since: str | None = None
    until: str | None = None

    def describe(self) -> str:
        parts = []
        if self.story is not None:
            parts.append(f"story {self.story}")
        if self.since:
            parts.append(f"since {self.since}")
        if self.until:
            parts.append(f"until {self.until}")
        return ", ".join(parts) or "all documents"


@dataclass
class StoryInfo:
    id: int
    title: str
    first: str | None
    last: str | None
    documents: int
    originals: int
    outlets: int = 0
    actors: list[dict[str, Any]] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, "first_published": self.first,
                "last_published": self.last, "documents": self.documents, "originals": self.originals,
                "outlets": self.outlets, "key_actors": self.actors, "keywords": self.keywords}


def parse_story_id(value: str | int) -> int:
    """Accept 12, "12", "story-12" or "S12"."""
    text = str(value).strip().lower().removeprefix("story-").removeprefix("story").lstrip("s#")
    if not text.isdigit():
        raise UnknownStory(f"{value!r} is not a story id (a number, as listed by `storytrace stories`)")
    return int(text)


def ensure_assigned(store: Store) -> int:
    """Assign documents that have no story yet (never for a read-only store)."""
    return 0 if store.readonly else assign_pending(store)


def check(store: Store, scope: Scope) -> None:
    if scope.story is not None and store.execute(
            "SELECT 1 FROM stories WHERE id = ?", (scope.story,)).fetchone() is None:
        raise UnknownStory(f"no story {scope.story} (see `storytrace stories`)")


def scope_where(scope: Scope, alias: str = "d", *, duplicates: bool = False) -> tuple[str, list[Any]]:
    """SQL conditions (joined with AND, never empty) on documents ``alias`` for a scope."""
    where: list[str] = ["1"]
    params: list[Any] = []
    if scope.story is not None:
        where.append(f"EXISTS (SELECT 1 FROM story_docs sd WHERE sd.doc_id = {alias}.id AND sd.story_id = ?)")
        params.append(scope.story)
    if scope.since:
        where.append(f"{alias}.published >= ?")
        params.append(scope.since)
    if scope.until:
        where.append(f"{alias}.published < ?")
        params.append(scope.until + "\uffff")
    if not duplicates:
        where.append(f"{alias}.duplicate_of IS NULL")
    return " AND ".join(where), params


def key_actors(store: Store, scope: Scope, n: int = 6) -> list[dict[str, Any]]:
    """Actors in the most documents in scope (then by mentions)."""
    where, params = scope_where(scope)
    rows = store.execute(
        f"SELECT a.actor_id AS id, max(a.name) AS name, max(a.kind) AS kind, max(a.country) AS country, "
        f"count(DISTINCT a.doc_id) AS documents, sum(a.mention_count) AS mentions "
        f"FROM actors a JOIN documents d ON d.id = a.doc_id WHERE {where} "
        f"GROUP BY a.actor_id ORDER BY documents DESC, mentions DESC, id LIMIT ?", [*params, n])
    return [dict(r) for r in rows]


def outlets(store: Store, scope: Scope) -> list[str]:
    where, params = scope_where(scope, duplicates=True)
    return [r[0] for r in store.execute(
        f"SELECT DISTINCT d.source FROM documents d WHERE {where} AND d.source IS NOT NULL "
        f"ORDER BY d.source", params)]


def span(store: Store, scope: Scope) -> tuple[int, str | None, str | None]:
    """(documents, first published, last published) in scope, duplicates included."""
    where, params = scope_where(scope, duplicates=True)
    r = store.execute(f"SELECT count(*), min(d.published), max(d.published) FROM documents d WHERE {where}",
                      params).fetchone()
    return int(r[0]), r[1], r[2]


def list_stories(store: Store, *, limit: int = 30, min_documents: int = 1, since: str | None = None,
                 order: str = "recent") -> list[StoryInfo]:
    """Stories, most recent (or ``order="size"``: largest) first."""
    sort = "documents DESC, last_published DESC, id DESC" if order == "size" else \
        "last_published DESC, documents DESC, id DESC"
    where: list[str] = ["documents >= ?"]
    params: list[Any] = [min_documents]
    if since:
        where.append("last_published >= ?")
        params.append(since)
    rows = store.execute(f"SELECT * FROM stories WHERE {' AND '.join(where)} ORDER BY {sort} LIMIT ?",
                         [*params, limit]).fetchall()
    return [_info(store, r) for r in rows]


def get_story(store: Store, story_id: int) -> StoryInfo:
    row = store.execute("SELECT * FROM stories WHERE id = ?", (story_id,)).fetchone()
    if row is None:
        raise UnknownStory(f"no story {story_id} (see `storytrace stories`)")
    return _info(store, row)


def story_documents(store: Store, story_id: int) -> list[dict[str, Any]]:
    rows = store.execute(
        "SELECT d.id, d.title, d.published, d.source, d.duplicate_of, s.method, s.score "
        "FROM story_docs s JOIN documents d ON d.id = s.doc_id WHERE s.story_id = ? "
        "ORDER BY d.published, d.rowid", (story_id,))
    return [dict(r) for r in rows]


def _info(store: Store, row: Any) -> StoryInfo:
    scope = Scope(story=row["id"])
    centroid = json.loads(row["centroid"] or "{}")
    keywords = T.top(centroid.get("heads") or centroid.get("terms") or {}, 6)
    return StoryInfo(id=row["id"], title=row["title"], first=row["first_published"],
                     last=row["last_published"], documents=row["documents"], originals=row["originals"],
                     outlets=len(outlets(store, scope)), actors=key_actors(store, scope, 5),
                     keywords=keywords)
