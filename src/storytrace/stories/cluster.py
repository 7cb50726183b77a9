"""Incremental story clustering: each new document joins the most similar recent story or
starts a new one. Nothing is ever recomputed for the whole store.

A document is compared with the stories that share one of its strongest words (an inverted
index, ``story_terms``) and whose dates are near its own. Similarity mixes

* the cosine of TF-IDF word vectors (document vs story centroid),
* the cosine of name vectors (capitalized names, actor ids, place names),
* optionally the cosine of sentence embeddings (``storytrace[embeddings]``),

and decays with the days between the document and the story's date span. Document
frequencies are counted as documents arrive (``story_vocab``); a document is weighted with
the IDF of its arrival time and added to the centroid, so a story is updated in O(its
terms). Assignments are final: adding documents never moves earlier ones, so story ids
are stable. Duplicates (``documents.duplicate_of``) join their original's story without
changing it.
"""

from __future__ import annotations

import json
import logging
import math
import sqlite3
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from storytrace.records import Document
from storytrace.store.db import Store, now
from storytrace.stories import features as F
from storytrace.stories import text as T
from storytrace.stories.features import DocFeatures

log = logging.getLogger(__name__)

NAME_PREFIX = "@"  # names share story_vocab with words, under this prefix
CACHE_STORIES = 1000  # centroids kept in memory (~100 KB each at most)


@dataclass(frozen=True)
class Params:
    """Tuned on tests/data/story_labels.jsonl (see bench/stories.py and docs/stories.md)."""

    w_terms: float = 0.7  # words of the whole article
    w_heads: float = 0.15  # words of the title and lead
    w_names: float = 0.15  # names, actor ids, place names
    w_embed: float = 0.0  # sentence embedding of title and lead (set by with_embeddings())
    threshold: float = 0.30  # join the best story at or above this score
    grace_days: int = 7  # a document this close to a story's dates is not penalized
    tau_days: float = 10.0  # beyond that, similarity decays by 1/e per tau days
    window_days: int = 30  # the near rule looks this far; beyond, only a continuation may join
    # continuation of a dormant story (developing stories reported every few weeks): beyond the grace
    # days a document may still join when its plain similarity clears a bar that grows with the gap
    # and it names the story's key actors or places
    continue_days: int = 120  # a story silent for longer than this is over: never continued
    continue_bar: float = 0.34  # similarity needed to continue a story just after the grace days
    continue_growth: float = 0.01  # added to the bar per doubling of the gap beyond the grace days
    continue_names: int = 2  # of the story's strongest names (actors, places) the document must name
    continue_names_cos: float = 0.5  # and the cosine of its names with the story's names at least this
    key_names: int = 10  # a story's strongest names that count as its key actors and places
    # tables and notices written from a template (results, dividends, price lists) share their template's
    # words whatever their subject: they are compared on their specific words only
    table_share: float = 0.12  # a document with at least this share of number tokens is a table
    specific_docs: int = 3  # a specific word is in at most this many documents ...
    specific_rate: float = 0.01  # ... or this share of them, whichever is more
    query_terms: int = 20  # a document's strongest words used to find candidate stories
    index_terms: int = 40  # a story's strongest words kept in the inverted index
    centroid_terms: int = 400  # entries kept per space in a story centroid
    max_candidates: int = 60
    prior_docs: float = 100.0  # background documents assumed before the first one arrives
    prior_rate: float = 0.02  # share of background documents a word is assumed to occur in

    def with_embeddings(self, weight: float = 1.0, threshold: float = 0.46) -> Params:
        """Embedding cosines of unrelated news run higher than word cosines: a higher bar."""
        return replace(self, w_embed=weight, threshold=threshold)

    def weights(self) -> dict[str, float]:
        return {"terms": self.w_terms, "heads": self.w_heads, "names": self.w_names}


SPACES = ("terms", "heads", "names")
SPECIFIC = "specific"  # marks vectors restricted to specific words (tables)
_PREFIX = {"terms": "", "heads": "", "names": NAME_PREFIX}  # keys in story_vocab


@dataclass
class Assignment:
    doc_id: str
    story_id: int
    method: str  # new | similar | duplicate
    score: float | None = None


@dataclass
class _Story:
    id: int
    first: date | None
    last: date | None
    centroid: dict[str, dict[str, float]]  # space -> key -> summed weight
    norms: dict[str, float]
    embedding: Any  # numpy array (sum of unit vectors) or None
    title: str
    title_doc: str | None
    documents: int
    originals: int


class StoryClusterer:
    """Assigns documents of one store to stories. Keep one per process (it caches the
    vocabulary and recently used centroids); every write is its own transaction."""

    def __init__(self, store: Store, params: Params | None = None, embedder: Any = None):
        self.store = store
        self.embedder = embedder
        if params is None:
            params = Params().with_embeddings() if embedder is not None else Params()
        self.params = params
        self._df: dict[str, int] | None = None
        self._n = 0
        self._cache: dict[int, _Story] = {}

    # ------------------------------------------------------------------ vocabulary
    def _load_vocab(self, c: sqlite3.Connection) -> None:
        if self._df is None:
            self._df = {r[0]: r[1] for r in c.execute("SELECT term, df FROM story_vocab")}
        row = c.execute("SELECT value FROM story_state WHERE key = 'documents'").fetchone()
        self._n = int(row[0]) if row else 0

    def _count(self, c: sqlite3.Connection, keys: set[str]) -> None:
        assert self._df is not None
        for k in keys:
            self._df[k] = self._df.get(k, 0) + 1
        c.executemany("INSERT INTO story_vocab(term, df) VALUES (?, 1) "
                      "ON CONFLICT(term) DO UPDATE SET df = df + 1", [(k,) for k in keys])
        self._n += 1
        c.execute("INSERT INTO story_state(key, value) VALUES ('documents', ?) "
                  "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (str(self._n),))

    def _idf(self, key: str) -> float:
        """Smoothed IDF: a background of ``prior_docs`` documents in which any word occurs at
        rate ``prior_rate`` keeps weights sensible while few documents have arrived."""
        assert self._df is not None
        p = self.params
        df = self._df.get(key, 0)
        return math.log((1 + self._n + p.prior_docs) / (1 + df + p.prior_docs * p.prior_rate)) + 1.0

    def _vectors(self, f: DocFeatures) -> dict[str, T.Vector]:
        out = {}
        for space in SPACES:
            counts = getattr(f, space)
            prefix = _PREFIX[space]
            out[space] = T.weigh(counts, {k: self._idf(prefix + k) for k in counts})
        return out

    # ------------------------------------------------------------------ public
    def assign(self, f: DocFeatures) -> Assignment:
        try:
            return self._assign(f)
        except BaseException:
            self._cache.clear()  # the transaction rolled back: cached centroids may be ahead of it
            self._df = None
            raise

    def _assign(self, f: DocFeatures) -> Assignment:
        with self.store.atomic() as c:
            row = c.execute("SELECT story_id, method, score FROM story_docs WHERE doc_id = ?",
                            (f.doc_id,)).fetchone()
            if row is not None:
                return Assignment(f.doc_id, row[0], row[1], row[2])
            if f.duplicate_of:
                orig = c.execute("SELECT story_id FROM story_docs WHERE doc_id = ?",
                                 (f.duplicate_of,)).fetchone()
                if orig is not None:
                    self._join_duplicate(c, orig[0], f)
                    return Assignment(f.doc_id, orig[0], "duplicate", 1.0)
            self._load_vocab(c)
            self._count(c, set(f.terms) | set(f.heads) | {NAME_PREFIX + n for n in f.names})
            vecs = self._vectors(f)
            emb = self._embed(f)
            best, score = self._best(c, f, self._compared(f, vecs), emb)
            if best is not None and score >= self.params.threshold:
                self._join(c, best, f, vecs, emb, score)
                return Assignment(f.doc_id, best.id, "similar", round(score, 4))
            story_id = self._create(c, f, vecs, emb)
            return Assignment(f.doc_id, story_id, "new", None)

    def score(self, f: DocFeatures, story_id: int) -> float:
        """How well a document fits one story, on the scale of ``threshold`` (it joins the best
        story scoring at least that): for inspection and tests."""
        with self.store.atomic() as c:
            self._load_vocab(c)
            story = self._story(c, story_id)
            vecs = self._compared(f, self._vectors(f))
            return self._fit(f, vecs, self._similarity(vecs, self._embed(f), story), story)

    # ------------------------------------------------------------------ scoring
    def _embed(self, f: DocFeatures) -> Any:
        if self.embedder is None or self.params.w_embed <= 0:
            return None
        try:
            return self.embedder.encode(f.lead)
        except Exception as exc:  # degrade to words and names
            log.warning("%s: sentence embedding failed: %s", f.doc_id, exc)
            return None

    def _best(self, c: sqlite3.Connection, f: DocFeatures, vecs: dict[str, T.Vector],
              emb: Any) -> tuple[_Story | None, float]:
        p = self.params
        query = T.top(vecs["terms"], p.query_terms)
        if not query:
            return None, 0.0
        marks = ", ".join("?" for _ in query)
        sql = (f"SELECT t.story_id, count(*) AS hits FROM story_terms t JOIN stories s ON s.id = t.story_id "
               f"WHERE t.term IN ({marks})")
        params: list[Any] = list(query)
        if f.published is not None:
            reach = max(p.window_days, p.continue_days)
            lo = (f.published - timedelta(days=reach)).isoformat()
            hi = (f.published + timedelta(days=reach)).isoformat() + "\uffff"
            sql += (" AND (s.last_published IS NULL OR s.last_published >= ?)"
                    " AND (s.first_published IS NULL OR s.first_published <= ?)")
            params += [lo, hi]
        sql += " GROUP BY t.story_id ORDER BY hits DESC, s.last_published DESC, t.story_id DESC LIMIT ?"
        params.append(p.max_candidates)
        best: _Story | None = None
        best_score = 0.0
        for story_id, _hits in c.execute(sql, params).fetchall():
            story = self._story(c, story_id)
            s = self._fit(f, vecs, self._similarity(vecs, emb, story), story)
            if s > best_score:
                best, best_score = story, s
        return best, best_score

    def _compared(self, f: DocFeatures, vecs: dict[str, T.Vector]) -> dict[str, T.Vector]:
        """What a document is compared on: all its words, or for a table the specific words of its
        title and prose (its rows and labels are its template's)."""
        if f.numeric_share < self.params.table_share:
            return vecs
        if f.subject is not None:
            vecs = {space: T.weigh(counts, {k: self._idf(_PREFIX[space] + k) for k in counts})
                    for space, counts in zip(SPACES, f.subject, strict=True)}
        out = {space: T.normalize({k: v for k, v in vec.items() if self._specific(_PREFIX[space], k)})
               for space, vec in vecs.items()}
        out[SPECIFIC] = {}
        return out

    def _specific(self, prefix: str, key: str) -> bool:
        """A word or name in few documents: a template's words are in many."""
        assert self._df is not None
        p = self.params
        return self._df.get(prefix + key, 0) <= max(p.specific_docs, p.specific_rate * self._n)

    def _similarity(self, vecs: dict[str, T.Vector], emb: Any, story: _Story) -> float:
        """Weighted cosines of a document and a story, whatever their dates."""
        parts = []
        for space, weight in self.params.weights().items():
            if weight > 0:
                parts.append((weight, self._cosine(vecs, story, space)))
        if emb is not None and story.embedding is not None and self.params.w_embed > 0:
            import numpy as np

            norm = float(np.linalg.norm(story.embedding))
            parts.append((self.params.w_embed, float(emb @ story.embedding) / norm if norm else 0.0))
        total = sum(w for w, _ in parts)
        return sum(w * s for w, s in parts) / total if total else 0.0

    def _cosine(self, vecs: dict[str, T.Vector], story: _Story, space: str) -> float:
        centroid = story.centroid.get(space, {})
        if SPECIFIC in vecs:  # a table: the story's specific words only
            assert self._df is not None
            df, prefix = self._df, _PREFIX[space]
            most = max(self.params.specific_docs, self.params.specific_rate * self._n)
            norm = math.sqrt(sum(v * v for k, v in centroid.items() if df.get(prefix + k, 0) <= most))
        else:
            norm = story.norms.get(space, 0.0)
        return T.dot(vecs[space], centroid) / norm if norm else 0.0

    def _fit(self, f: DocFeatures, vecs: dict[str, T.Vector], sim: float, story: _Story) -> float:
        """The score a document joins a story with (compared with ``threshold``): the similarity
        decayed by the days between them (the near rule) or, for a story silent for weeks, the
        similarity measured against the continuation bar of that gap, whichever is higher."""
        p = self.params
        gap = _gap(f.published, story)
        if gap is None:
            return sim
        near = 0.0
        if gap <= p.window_days:
            late = gap - p.grace_days
            near = sim * math.exp(-late / p.tau_days) if late > 0 else sim
        if gap <= p.grace_days or gap > p.continue_days or sim < p.continue_bar:
            return near
        bar = self.continuation_bar(gap)
        if sim < bar or not self._shares_key_names(vecs, story):
            return near
        return max(near, p.threshold * sim / bar)

    def continuation_bar(self, gap: int) -> float:
        """The similarity a document needs to continue a story ``gap`` days after its dates:
        ``continue_bar`` after the grace days, plus ``continue_growth`` per doubling of the gap."""
        p = self.params
        return p.continue_bar + p.continue_growth * math.log2(max(gap, p.grace_days) / max(p.grace_days, 1))

    def _shares_key_names(self, vecs: dict[str, T.Vector], story: _Story) -> bool:
        """The document names the story's key actors and places: at least ``continue_names`` of
        its strongest names, and names as a whole close to the story's (``continue_names_cos``)."""
        p = self.params
        if self._cosine(vecs, story, "names") < p.continue_names_cos:
            return False
        names = vecs.get("names", {})
        key = T.top(story.centroid.get("names", {}), p.key_names)
        return sum(1 for n in key if n in names) >= min(p.continue_names, len(key) or 1)

    # ------------------------------------------------------------------ storage
    def _story(self, c: sqlite3.Connection, story_id: int) -> _Story:
        cached = self._cache.get(story_id)
        if cached is not None:
            return cached
        r = c.execute("SELECT * FROM stories WHERE id = ?", (story_id,)).fetchone()
        emb = None
        if r["embedding"] is not None:
            import numpy as np

            emb = np.frombuffer(r["embedding"], dtype=np.float32).copy()
        story = _Story(id=r["id"], first=F.parse_day(r["first_published"]),
                       last=F.parse_day(r["last_published"]), centroid=json.loads(r["centroid"]),
                       norms=json.loads(r["norms"]), embedding=emb, title=r["title"],
                       title_doc=r["title_doc"], documents=r["documents"], originals=r["originals"])
        self._remember(story)
        return story

    def _remember(self, story: _Story) -> None:
        if len(self._cache) >= CACHE_STORIES:  # forget the least recently loaded fifth
            for old in list(self._cache)[: CACHE_STORIES // 5]:
                del self._cache[old]
        self._cache[story.id] = story

    def _create(self, c: sqlite3.Connection, f: DocFeatures, vecs: dict[str, T.Vector], emb: Any) -> int:
        day = f.published.isoformat() if f.published else None
        stamp = now()
        story = _Story(id=0, first=f.published, last=f.published,
                       centroid={k: dict(v) for k, v in vecs.items()}, norms={}, embedding=emb,
                       title=f.title, title_doc=f.doc_id, documents=1, originals=1)
        self._trim(story)
        cur = c.execute(
            "INSERT INTO stories(title, first_published, last_published, documents, originals, centroid, "
            "norms, embedding, title_doc, created_at, updated_at) VALUES (?, ?, ?, 1, 1, ?, ?, ?, ?, ?, ?)",
            (story.title, day, day, json.dumps(story.centroid), json.dumps(story.norms), _blob(emb),
             f.doc_id, stamp, stamp))
        story.id = int(cur.lastrowid or 0)
        self._index(c, story)
        self._member(c, f.doc_id, story.id, None, "new")
        self._remember(story)
        return story.id

    def _join(self, c: sqlite3.Connection, story: _Story, f: DocFeatures, vecs: dict[str, T.Vector],
              emb: Any, score: float) -> None:
        for space, vec in vecs.items():
            target = story.centroid.setdefault(space, {})
            for k, v in vec.items():
                target[k] = target.get(k, 0.0) + v
        if emb is not None and story.embedding is not None:
            story.embedding = story.embedding + emb
        self._trim(story)
        self._widen(story, f.published)
        story.documents += 1
        story.originals += 1
        if _centrality(f.title, story) > _centrality(story.title, story) + 0.02:
            story.title, story.title_doc = f.title, f.doc_id
        c.execute("UPDATE stories SET title = ?, title_doc = ?, first_published = ?, last_published = ?, "
                  "documents = ?, originals = ?, centroid = ?, norms = ?, embedding = ?, updated_at = ? "
                  "WHERE id = ?",
                  (story.title, story.title_doc, _iso(story.first), _iso(story.last), story.documents,
                   story.originals, json.dumps(story.centroid), json.dumps(story.norms),
                   _blob(story.embedding), now(), story.id))
        self._index(c, story)
        self._member(c, f.doc_id, story.id, score, "similar")

    def _join_duplicate(self, c: sqlite3.Connection, story_id: int, f: DocFeatures) -> None:
        story = self._story(c, story_id)
        self._widen(story, f.published)
        story.documents += 1
        c.execute("UPDATE stories SET documents = ?, first_published = ?, last_published = ?, updated_at = ? "
                  "WHERE id = ?", (story.documents, _iso(story.first), _iso(story.last), now(), story_id))
        self._member(c, f.doc_id, story_id, 1.0, "duplicate")

    @staticmethod
    def _widen(story: _Story, day: date | None) -> None:
        if day is None:
            return
        story.first = day if story.first is None or day < story.first else story.first
        story.last = day if story.last is None or day > story.last else story.last

    def _trim(self, story: _Story) -> None:
        """Keep each centroid space to its strongest entries (trimmed in batches) and its norm."""
        n = self.params.centroid_terms
        for space, vec in story.centroid.items():
            if len(vec) > n * 1.25:
                vec = {k: round(vec[k], 5) for k in T.top(vec, n)}
                story.centroid[space] = vec
            story.norms[space] = round(math.sqrt(sum(v * v for v in vec.values())), 6)

    def _index(self, c: sqlite3.Connection, story: _Story) -> None:
        c.execute("DELETE FROM story_terms WHERE story_id = ?", (story.id,))
        c.executemany("INSERT INTO story_terms(term, story_id) VALUES (?, ?)",
                      [(t, story.id) for t in T.top(story.centroid.get("terms", {}),
                                                    self.params.index_terms)])

    @staticmethod
    def _member(c: sqlite3.Connection, doc_id: str, story_id: int, score: float | None, method: str) -> None:
        c.execute("INSERT INTO story_docs(doc_id, story_id, score, method, assigned_at) "
                  "VALUES (?, ?, ?, ?, ?)", (doc_id, story_id, score, method, now()))


def _centrality(title: str, story: _Story) -> float:
    ws = set(T.words(title))
    heads = story.centroid.get("heads", {})
    norm = story.norms.get("heads", 0.0)
    if not ws or not norm:
        return 0.0
    return sum(heads.get(w, 0.0) for w in ws) / (norm * math.sqrt(len(ws) + 2))


def _gap(day: date | None, story: _Story) -> int | None:
    """Days between a date and a story's date span (0 within it); None when either is unknown."""
    if day is None or story.first is None or story.last is None:
        return None
    return (story.first - day).days if day < story.first else max(0, (day - story.last).days)


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _blob(emb: Any) -> bytes | None:
    if emb is None:
        return None
    import numpy as np

    return np.asarray(emb, dtype=np.float32).tobytes()


# ---------------------------------------------------------------------- entry points
def assign_document(store: Store, doc: Document, clusterer: StoryClusterer | None = None) -> Assignment:
    """The ingest hook: put a freshly analyzed document into a story."""
    clusterer = clusterer or StoryClusterer(store)
    row = store.execute("SELECT duplicate_of FROM documents WHERE id = ?", (doc.id,)).fetchone()
    return clusterer.assign(F.from_document(doc, row[0] if row else None))


def assign_pending(store: Store, clusterer: StoryClusterer | None = None) -> int:
    """Assign every stored document that has no story yet (in arrival order); return how many."""
    rows = store.execute(
        "SELECT d.id, d.title, d.text, d.published, d.duplicate_of FROM documents d "
        "LEFT JOIN story_docs s ON s.doc_id = d.id WHERE s.doc_id IS NULL ORDER BY d.rowid").fetchall()
    if not rows:
        return 0
    clusterer = clusterer or StoryClusterer(store, embedder=default_embedder())
    for row in rows:
        clusterer.assign(F.from_store(store.conn, row))
    return len(rows)


def reset(store: Store) -> None:
    """Forget every story (``storytrace stories --rebuild`` then assigns all documents again)."""
    with store.atomic() as c:
        for table in ("story_docs", "story_terms", "stories", "story_vocab", "story_state"):
            c.execute(f"DELETE FROM {table}")
        c.execute("DELETE FROM sqlite_sequence WHERE name = 'stories'")


def default_embedder() -> Any:
    """The sentence embedder when the optional extra is installed and enabled, else None."""
    from storytrace.stories import embed

    return embed.default()
