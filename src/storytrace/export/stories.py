"""``storytrace export --format stories``: one ``{"id": doc_id, "story": story_id}`` line per
document, in ingest order. Documents not yet in a story (stored with ``--no-analyze``, or
ingested before stories existed) are assigned first, incrementally."""

from __future__ import annotations

import json
from typing import IO

from storytrace.store.db import Store, _doc_filters
from storytrace.stories.cluster import assign_pending


def write_stories(store: Store, out: IO[str], *, since: str | None = None, until: str | None = None,
                  source: str | None = None) -> int:
    if not store.readonly:
        assign_pending(store)
    where, params = _doc_filters(since=since, until=until, source=source)
    sql = ("SELECT d.id, s.story_id FROM documents d LEFT JOIN story_docs s ON s.doc_id = d.id"
           + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY d.rowid")
    n = 0
    for doc_id, story_id in store.execute(sql, params):
        out.write(json.dumps({"id": doc_id, "story": story_id}) + "\n")
        n += 1
    return n
