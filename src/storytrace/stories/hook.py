"""The ingest hook: after a document's layers are saved, put it into a story.

One clusterer per store (it caches the vocabulary and recent centroids across documents).
A failure is reported as a warning for that document and never stops the ingest; the
document is picked up later by ``assign_pending`` (``storytrace stories``, ``export``).
"""

from __future__ import annotations

import logging
from weakref import WeakKeyDictionary

from storytrace.records import Document
from storytrace.store.db import Store
from storytrace.stories.cluster import Assignment, StoryClusterer, default_embedder

log = logging.getLogger(__name__)

_CLUSTERERS: WeakKeyDictionary[Store, StoryClusterer] = WeakKeyDictionary()


def clusterer_for(store: Store) -> StoryClusterer:
    c = _CLUSTERERS.get(store)
    if c is None:
        c = _CLUSTERERS[store] = StoryClusterer(store, embedder=default_embedder())
    return c


def on_analyzed(store: Store, doc: Document,
                messages: list[tuple[str, str]] | None = None) -> Assignment | None:
    from storytrace.stories.cluster import assign_document

    try:
        return assign_document(store, doc, clusterer_for(store))
    except Exception as exc:
        message = f"{doc.id}: not assigned to a story yet ({type(exc).__name__}: {exc})"
        log.warning(message)
        if messages is not None:
            messages.append(("warning", message))
        return None
