"""Ingest: read inputs, normalize, detect language and duplicates, store, analyze.

Each document is stored in its own transaction as soon as it is read (status ``stored``),
then its layers are written in a second transaction once analyzed (status ``analyzed``).
A crash in between leaves a whole, not-yet-analyzed document that the next ``ingest`` or
``analyze`` picks up. Bad inputs are reported with file and line; they never stop the run.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from storytrace.errors import InputError
from storytrace.ingest import dedup
from storytrace.ingest.language import is_english
from storytrace.ingest.normalize import content_hash, normalize_text, word_count
from storytrace.ingest.sources import Defaults, RawDoc, read_inputs
from storytrace.ingest.web import strip_boilerplate
from storytrace.records import Document
from storytrace.store.db import DocInfo, Store
from storytrace.stories.hook import on_analyzed

OUTCOMES = ("ingested", "duplicates", "unchanged", "skipped", "failed")


@dataclass
class IngestReport:
    ingested: int = 0  # new or changed documents stored (and analyzed unless --no-analyze)
    duplicates: int = 0  # stored, linked to an earlier copy (duplicate_of)
    unchanged: int = 0  # already in the store with the same content
    skipped: int = 0  # stored but not analyzed (not English)
    failed: int = 0  # could not be read or stored
    messages: list[tuple[str, str]] = field(default_factory=list)  # (level, message)
    analysis_errors: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.failed == 0 and self.skipped == 0

    def as_dict(self) -> dict[str, int]:
        return {k: getattr(self, k) for k in OUTCOMES}


Progress = Callable[[str, str], None]  # (event, detail): "read", "analyzed", ...


@dataclass
class Prepared:
    doc: Document
    info: DocInfo
    analyze: bool


class Ingestor:
    def __init__(self, store: Store, *, analyze: bool = True, force: bool = False,
                 analyzer: object | None = None, model: str | None = None,
                 progress: Progress | None = None):
        self.store = store
        self.analyze = analyze
        self.force = force
        self._analyzer = analyzer
        self.model = model
        self.progress = progress or (lambda event, detail: None)
        self.report = IngestReport()

    @property
    def analyzer(self):  # type: ignore[no-untyped-def]
        if self._analyzer is None:
            from storytrace.nlp.analyze import Analyzer

            self._analyzer = Analyzer(model=self.model)
        return self._analyzer

    # ------------------------------------------------------------------ public
    def run(self, inputs: Iterable[str], defaults: Defaults | None = None) -> IngestReport:
        """Ingest paths, directories, '-' and URLs."""
        return self.ingest_raw(read_inputs(inputs, defaults))

    def ingest_raw(self, raws: Iterable[RawDoc | InputError]) -> IngestReport:
        """Ingest documents already read (or the errors met reading them)."""
        pending = (p for p in (self.prepare(item) for item in raws) if p is not None)
        if self.analyze:
            self._analyze_and_save(pending)
        else:
            for _ in pending:
                pass
        return self.report

    # ------------------------------------------------------------------ steps
    def fail(self, message: str) -> None:
        self.report.failed += 1
        self.report.messages.append(("error", message))
        self.progress("failed", message)

    def prepare(self, item: RawDoc | InputError) -> Prepared | None:
        """Normalize and store one document; return it when it still needs analysis."""
        if isinstance(item, InputError):
            self.fail(str(item))
            return None
        raw = item
        for note in raw.notes:
            self.report.messages.append(("warning", f"{raw.origin}: {note}"))
        text = strip_boilerplate(raw.text) if raw.html else raw.text
        text = normalize_text(text)
        if not text:
            self.fail(f"{raw.origin}: no text left after normalization")
            return None
        digest = content_hash(text)
        doc_id = raw.id or digest[:16]
        existing = self.store.document_row(doc_id)
        if existing is not None and existing["content_hash"] == digest and not self.force:
            if existing["status"] == "stored" and self.analyze:
                # stored earlier but never analyzed (--no-analyze, or a crash): analyze now
                doc = _document(existing)
                info = _info_of(existing)
                self.progress("read", raw.origin)
                self.report.ingested += 1
                return Prepared(doc, info, True)
            self.report.unchanged += 1
            self.progress("unchanged", raw.origin)
            return None
        language_ok, language = is_english(text)
        doc = Document(id=doc_id, title=raw.title, published=raw.published, source=raw.source,
                       url=raw.url, language=language, text=text)
        sig = dedup.signature(text)
        info = DocInfo(content_hash=digest, origin=raw.origin, meta=raw.meta,
                       minhash=dedup.to_bytes(sig), bands=dedup.band_hashes(sig),
                       words=word_count(text))
        same = self.store.document_by_hash(digest)
        if same is not None and same["id"] != doc_id:
            info.duplicate_of = same["duplicate_of"] or same["id"]
            info.similarity = 1.0
        else:
            near = self._near_duplicate(sig, info.bands, doc_id)
            if near is not None:
                info.duplicate_of, info.similarity = near
        if not language_ok:
            info.status, info.status_reason = "skipped", f"language '{language}' is not English"
            self.store.save(doc, info)
            self.report.skipped += 1
            self.report.messages.append(
                ("warning", f"{raw.origin}: stored but not analyzed: text looks like '{language}', "
                            "not English"))
            self.progress("skipped", raw.origin)
            return None
        try:
            self.store.save(doc, info)  # whole document first; layers follow once analyzed
        except Exception as exc:
            self.fail(f"{raw.origin}: cannot store ({type(exc).__name__}: {exc})")
            return None
        if info.duplicate_of:
            self.report.duplicates += 1
            self.report.messages.append(
                ("info", f"{raw.origin}: duplicate of {info.duplicate_of} "
                         f"(similarity {info.similarity:.2f}); linked, not double-counted"))
        else:
            self.report.ingested += 1
        self.progress("read", raw.origin)
        return Prepared(doc, info, self.analyze)

    def _near_duplicate(self, sig: object, bands: Sequence[int], doc_id: str) -> tuple[str, float] | None:
        best: tuple[str, float] | None = None
        for row in self.store.candidates_by_bands(bands, exclude=doc_id):
            if row["minhash"] is None:
                continue
            score = dedup.similarity(sig, dedup.from_bytes(row["minhash"]))  # type: ignore[arg-type]
            if score >= dedup.THRESHOLD and (best is None or score > best[1]):
                best = (row["duplicate_of"] or row["id"], score)
        return best

    def _analyze_and_save(self, pending: Iterator[Prepared]) -> None:
        analyzer = self.analyzer

        def docs() -> Iterator[Document]:
            for p in pending:
                yield p.doc

        for doc in analyzer.analyze(docs(), errors=self.report.analysis_errors):
            self.store.save_layers(doc, analyzer=analyzer.name)
            on_analyzed(self.store, doc, self.report.messages)  # incremental story clustering
            self.progress("analyzed", doc.id)


def _document(row: object) -> Document:
    r = row  # sqlite3.Row
    return Document(id=r["id"], title=r["title"], published=r["published"], source=r["source"],  # type: ignore[index]
                    url=r["url"], language=r["language"], text=r["text"])  # type: ignore[index]


def _info_of(row: object) -> DocInfo:
    import json

    r = row
    return DocInfo(content_hash=r["content_hash"], origin=r["origin"], meta=json.loads(r["meta"] or "{}"),  # type: ignore[index]
                   duplicate_of=r["duplicate_of"], similarity=r["similarity"], status=r["status"],  # type: ignore[index]
                   words=r["words"])  # type: ignore[index]


def analyze_stored(store: Store, *, ids: Iterable[str] | None = None, only_pending: bool = False,
                   model: str | None = None, analyzer: object | None = None,
                   progress: Progress | None = None) -> IngestReport:
    """Re-run extraction on stored documents (``storytrace analyze``)."""
    from storytrace.nlp.analyze import Analyzer

    an = analyzer or Analyzer(model=model)
    report = IngestReport()
    progress = progress or (lambda e, d: None)
    status = ("stored",) if only_pending else ("stored", "analyzed", "failed")
    wanted = [r["id"] for r in store.execute(
        f"SELECT id FROM documents WHERE status IN ({', '.join('?' for _ in status)}) ORDER BY rowid",
        status)]
    if ids is not None:
        keep = set(ids)
        wanted = [i for i in wanted if i in keep]
    docs = (_document(store.document_row(i)) for i in wanted)
    for doc in an.analyze(docs, errors=report.analysis_errors):  # type: ignore[attr-defined]
        store.save_layers(doc, analyzer=an.name)  # type: ignore[attr-defined]
        report.ingested += 1
        progress("analyzed", doc.id)
    return report
