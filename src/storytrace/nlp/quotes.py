"""The quotes layer: who said what, as direct, indirect and mixed quotes.

Find, then write:

1. quoted stretches from the quotation marks alone (:mod:`quotes_marks`);
2. attribution frames from the parse: cue, speaker, content (:mod:`quotes_frames`);
3. each frame is matched with the quoted stretches: content all inside quotation marks is
   a direct quote, content with quoted fragments is a mixed quote, the rest is indirect;
4. a quoted stretch without a frame of its own takes an adjacent cue ("…," he joked), the
   cue before a colon ("She said: …"), or the speaker of the quote run it continues (a
   paragraph that is all quote, between or after quotes by the same speaker); short ones
   that none of this explains are scare quotes or titles, not quotes;
5. speakers are resolved to actors (:mod:`quotes_speakers`).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import TYPE_CHECKING

from storytrace.nlp.quotes_frames import Frame, find_frames, is_word, subject_of
from storytrace.nlp.quotes_lexicon import lexicon
from storytrace.nlp.quotes_marks import Segment, find_segments
from storytrace.nlp.quotes_speakers import SpeakerResolver
from storytrace.records import ActorRef, Quote, Span

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from storytrace.nlp.context import AnalyzedDoc

NOTES_KEY = "quotes.analysis"
MIN_INDIRECT_WORDS = 2
MIN_RUN_WORDS = 4  # a quoted stretch continuing a quote run needs this many words
MAX_CUE_GAP = 7  # tokens between a closing mark and its cue ("…," the foreign minister said)
_TRAILING = ",;:"


@dataclass
class QSeg:
    """A quoted stretch with its tokens and what explains it."""

    seg: Segment
    tok_start: int
    tok_end: int
    frame: Frame | None = None
    absorbed: bool = False  # part of a mixed quote
    inherited: QSeg | None = None  # continues the quote run of this stretch


@dataclass
class Analysis:
    """What the quotes layer found, kept in ``ad.notes`` for :mod:`attribution`."""

    text: str  # the document text (``ad.text`` rebuilds it on every access)
    frames: list[Frame]
    segments: list[QSeg]
    quoted: set[int]


def analysis(ad: AnalyzedDoc) -> Analysis:
    """Frames and quoted stretches of the document (computed once, cached in ``ad.notes``)."""
    found = ad.notes.get(NOTES_KEY)
    if found is None:
        doc, text = ad.doc, ad.text
        segments = [_tokens_of(doc, s) for s in find_segments(text)]
        segments = [s for s in segments if s.tok_end > s.tok_start]
        quoted = {i for s in segments for i in range(s.tok_start, s.tok_end)}
        frames = [f for f in find_frames(doc, lexicon(ad.res)) if f.cue not in quoted]
        found = ad.notes[NOTES_KEY] = Analysis(text, frames, segments, quoted)
    return found  # type: ignore[no-any-return]


def _tokens_of(doc: Doc, seg: Segment) -> QSeg:
    starts = _starts(doc)
    a = bisect.bisect_left(starts, seg.start)
    b = bisect.bisect_left(starts, seg.end)
    return QSeg(seg, a, b)


def _starts(doc: Doc) -> list[int]:
    cached = doc.user_data.get("storytrace.tok_starts")
    if cached is None or len(cached) != len(doc):
        cached = doc.user_data["storytrace.tok_starts"] = [t.idx for t in doc]
    return cached  # type: ignore[no-any-return]


def extract(ad: AnalyzedDoc) -> list[Quote]:
    an = analysis(ad)
    doc = ad.doc
    resolver = SpeakerResolver(ad, an.quoted)
    refs: dict[int, tuple[ActorRef, tuple[int, int]] | None] = {}

    def speaker(frame: Frame) -> tuple[ActorRef, tuple[int, int]] | None:
        if frame.speaker is None:
            return None
        if frame.speaker not in refs:
            refs[frame.speaker] = resolver.ref(frame.speaker)
        return refs[frame.speaker]

    quotes: list[Quote] = []
    for frame in an.frames:
        kind = _link(frame, an, doc)
        if kind is None or frame.speaker is None:
            continue
        start, end = frame.content
        if sum(1 for t in doc[start:end] if is_word(t)) < MIN_INDIRECT_WORDS:
            continue
        quotes.append(_quote(ad, an.text, kind, start, end, frame, speaker(frame)))
    _link_adjacent(ad, an)
    _link_runs(ad, an)
    for qs in an.segments:
        if qs.absorbed:
            continue
        source = qs.frame or (qs.inherited.frame if qs.inherited else None)
        if source is None:
            continue
        quotes.append(_direct(ad, an.text, qs, source, speaker(source)))
    return _dedupe(quotes)


def _link(frame: Frame, an: Analysis, doc: Doc) -> str | None:
    """Match a frame with the quoted stretches: "direct" (its content is quoted; the
    stretches take the frame, no quote of its own), "mixed", "indirect", or None."""
    if frame.colon:
        return None
    a, b = frame.content
    inside = [qs for qs in an.segments if qs.tok_start < b and qs.tok_end > a]
    outside_words = any(is_word(t) and t.i not in an.quoted for t in doc[a:b])
    if inside and not outside_words:
        for qs in inside:
            if qs.frame is None or abs(qs.frame.cue - qs.tok_start) > abs(frame.cue - qs.tok_start):
                qs.frame = frame
        return None
    if frame.quote_only:
        return None
    if inside:
        for qs in inside:
            covered = min(b, qs.tok_end) - max(a, qs.tok_start)
            if covered * 2 >= qs.tok_end - qs.tok_start:
                qs.absorbed = True
        return "mixed"
    return "indirect"


def _link_adjacent(ad: AnalyzedDoc, an: Analysis) -> None:
    """Quoted stretches without a frame: a cue right after the closing mark in the same
    sentence ("…," he joked), or a cue ending in a colon right before the opening mark."""
    doc = ad.doc
    lex = lexicon(ad.res)
    colon_at = {f.content[0]: f for f in an.frames if f.colon}
    for qs in an.segments:
        if qs.frame is not None or qs.absorbed:
            continue
        # "She said: “…”" / "She said:\n\n“…”"
        before = qs.tok_start - 1
        while before >= 0 and (doc[before].is_space or doc[before].text in _QUOTE_OPENERS):
            before -= 1
        if before + 1 in colon_at:
            qs.frame = colon_at[before + 1]
            continue
        # "“…,” he joked." — a cue verb soon after the closing mark, in the same sentence
        sent = ad.sent_of(max(qs.tok_end - 1, qs.tok_start))
        for i in range(qs.tok_end, min(qs.tok_end + MAX_CUE_GAP, sent.end, len(doc))):
            tok = doc[i]
            if i in an.quoted or (tok.is_space and "\n" in tok.text):
                break
            if tok.pos_ in ("VERB", "AUX") and lex.is_cue_lemma(tok.lemma_.lower()):
                subj, passive = subject_of(tok)
                if subj is not None and not passive:
                    cue = lex.verb(tok.lemma_.lower())
                    qs.frame = Frame(tok.i, [tok.i], cue.stance if cue else "reported", subj.i,
                                     (qs.tok_start, qs.tok_end))
                break


_QUOTE_OPENERS = {'"', "\u201c", "\u201e", "\u00ab", "``", "''", "'", "\u2018"}


def _link_runs(ad: AnalyzedDoc, an: Analysis) -> None:
    """A stretch that is a sentence (or paragraph) of its own continues the quote run of the
    nearest attributed stretch before it in the same or the previous paragraph, else of the
    next one in the same paragraph."""
    text = an.text
    segs = [qs for qs in an.segments if not qs.absorbed]
    for n, qs in enumerate(segs):
        if qs.frame is not None or qs.seg.words(text) < MIN_RUN_WORDS or not _starts_sentence(ad, text, qs):
            continue
        prev = next((p for p in reversed(segs[:n]) if p.frame or p.inherited), None)
        if prev is not None and _paragraphs_between(text, prev.seg.end, qs.seg.start) <= 1:
            qs.inherited = prev if prev.frame else prev.inherited
            continue
        nxt = next((p for p in segs[n + 1:] if p.frame), None)
        if nxt is not None and _paragraphs_between(text, qs.seg.end, nxt.seg.start) == 0:
            qs.inherited = nxt


def _starts_sentence(ad: AnalyzedDoc, text: str, qs: QSeg) -> bool:
    """The opening mark begins a sentence or a paragraph."""
    doc = ad.doc
    i = qs.tok_start - 1
    while i >= 0 and (doc[i].text in _QUOTE_OPENERS or doc[i].is_space):
        i -= 1
    if i < 0:
        return True
    prev = text[max(0, qs.seg.open_mark - 2):qs.seg.open_mark]
    return doc[i].text in (".", "!", "?", ":") or "\n" in prev or doc[i].is_sent_end is True


def _paragraphs_between(text: str, a: int, b: int) -> int:
    gap = text[a:b]
    return gap.count("\n\n") + (gap.count("\n") - 2 * gap.count("\n\n"))


def _quote(ad: AnalyzedDoc, text: str, kind: str, start: int, end: int, frame: Frame,
           speaker: tuple[ActorRef, tuple[int, int]] | None) -> Quote:
    doc = ad.doc
    cstart, cend = doc[start].idx, doc[end - 1].idx + len(doc[end - 1])
    cstart, cend = _strip(text, cstart, cend)
    return _record(ad, text[cstart:cend], kind, cstart, cend, frame, speaker)


def _direct(ad: AnalyzedDoc, text: str, qs: QSeg, frame: Frame,
            speaker: tuple[ActorRef, tuple[int, int]] | None) -> Quote:
    start, end = _strip(text, qs.seg.start, qs.seg.end)
    content = " ".join(text[a:b] for a, b in qs.seg.parts) if len(qs.seg.parts) > 1 else text[start:end]
    content = content.rstrip(_TRAILING + " ")
    return _record(ad, content, "direct", start, end, frame, speaker)


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while end > start and (text[end - 1] in _TRAILING or text[end - 1].isspace()):
        end -= 1
    while start < end and text[start].isspace():
        start += 1
    return start, end


def _record(ad: AnalyzedDoc, content: str, kind: str, start: int, end: int, frame: Frame,
            speaker: tuple[ActorRef, tuple[int, int]] | None) -> Quote:
    doc = ad.doc
    cue = " ".join(doc[i].text for i in frame.cue_toks)
    c0, c1 = frame.cue_toks[0], frame.cue_toks[-1]
    if c1 - c0 > len(frame.cue_toks) + 2:  # a cue in pieces: highlight its head word only
        c0 = c1 = frame.cue
    extra: dict[str, Span] = {"cue_span": Span(start=doc[c0].idx, end=doc[c1].idx + len(doc[c1]))}
    ref = None
    if speaker is not None:
        ref, (s0, s1) = speaker
        extra["speaker_span"] = Span(start=doc[s0].idx, end=doc[s1 - 1].idx + len(doc[s1 - 1]))
    return Quote(text=content, kind=kind, speaker=ref, cue=cue,  # type: ignore[arg-type]
                 span=Span(start=start, end=end), **extra)


def _dedupe(quotes: list[Quote]) -> list[Quote]:
    """One quote per span (the direct reading wins), in text order."""
    best: dict[tuple[int, int], Quote] = {}
    rank = {"direct": 0, "mixed": 1, "indirect": 2}
    for q in quotes:
        k = (q.span.start, q.span.end)
        if k not in best or rank[q.kind] < rank[best[k].kind]:
            best[k] = q
    return sorted(best.values(), key=lambda q: (q.span.start, q.span.end))
