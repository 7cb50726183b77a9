"""What story clustering knows about one document: its words, names, date and duplicate link.

Built from a :class:`~storytrace.records.Document` right after analysis (the ingest hook),
or from the store for documents that were never analyzed (``--no-analyze``, not English).
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from dataclasses import dataclass
from datetime import date

from storytrace.ingest.dates import published_date
from storytrace.records import Document
from storytrace.stories import text as T


@dataclass
class DocFeatures:
    doc_id: str
    title: str  # the article title, else its first sentence
    published: date | None
    terms: Counter[str]  # words of the whole article (title and lead counted twice)
    heads: Counter[str]  # words of the title and the first sentences: what the story is about
    names: Counter[str]  # names, actor ids, place names
    duplicate_of: str | None = None
    lead: str = ""  # title and first words, for the optional sentence embedding
    numeric_share: float = 0.0  # share of number tokens: high for tables and notices (text.numeric_share)
    # for a document with table rows: terms, heads and names of its title and prose only (text.prose)
    subject: tuple[Counter[str], Counter[str], Counter[str]] | None = None


parse_day = published_date  # one parser for ISO day strings (ingest/dates.py)
SUBJECT_SHARE = 0.10  # documents with this share of numbers get subject counters (tables: 0.12+)


def build(doc_id: str, title: str | None, text: str, published: str | None,
          actor_ids: list[str] = (), place_names: list[str] = (),  # type: ignore[assignment]
          duplicate_of: str | None = None) -> DocFeatures:
    extra = [f"actor:{a.lower()}" for a in actor_ids if a] + [f"place:{p.lower()}" for p in place_names if p]
    head = title.strip() if title and title.strip() else T.first_sentence(text)
    lead = (f"{title}. " if title else "") + " ".join(text.split()[:120])
    share = T.numeric_share(text)
    subject = None
    if share >= SUBJECT_SHARE:
        body = T.prose(text)
        subject = (T.term_counts(title, body), T.head_counts(title, body), T.name_counts(title, body, extra))
    return DocFeatures(doc_id=doc_id, title=head, published=parse_day(published),
                       terms=T.term_counts(title, text), heads=T.head_counts(title, text),
                       names=T.name_counts(title, text, extra),
                       duplicate_of=duplicate_of, lead=lead, numeric_share=share, subject=subject)


def from_document(doc: Document, duplicate_of: str | None = None) -> DocFeatures:
    actors = [a.id for a in doc.actors]
    places = sorted({p.name for p in doc.places})
    return build(doc.id, doc.title, doc.text, doc.published, actors, places, duplicate_of)


def from_store(conn: sqlite3.Connection, row: sqlite3.Row) -> DocFeatures:
    doc_id = row["id"]
    actors = [r[0] for r in conn.execute("SELECT actor_id FROM actors WHERE doc_id = ? ORDER BY idx",
                                         (doc_id,))]
    places = [r[0] for r in conn.execute("SELECT DISTINCT name FROM places WHERE doc_id = ? ORDER BY name",
                                         (doc_id,))]
    return build(doc_id, row["title"], row["text"], row["published"], actors, places, row["duplicate_of"])
