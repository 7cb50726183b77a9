"""Citations: every statement of a briefing points at the sentence it rests on.

A :class:`Citation` names a document, the character span of the sentence(s) holding the
fact (a superset of the fact's own span, never crossing a paragraph), the paragraph number
(¶, counted over non-empty lines) and ``evidence``: the exact text of the fact (a number as
written, a quote) that the cited sentence contains.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from storytrace.store.db import Store

_END = re.compile(r"([.!?][\"”’')\]]*)\s+")
_ABBREV = frozenset((  # a period after these does not end a sentence
    "mr", "mrs", "ms", "dr", "st", "jr", "sr", "gen", "lt", "col", "maj", "capt", "sgt", "sen", "rep",
    "gov", "prof", "rev", "no", "nos", "vs", "etc", "inc", "corp", "co", "ltd", "jan", "feb", "mar",
    "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue", "wed", "thu", "fri",
    "sat", "sun", "u.s", "u.n", "u.k", "e.u"))


@dataclass(frozen=True)
class Citation:
    doc_id: str
    start: int
    end: int
    paragraph: int
    text: str  # the cited sentence(s)
    evidence: str  # the fact as written in the text; always inside ``text``
    outlet: str | None = None
    published: str | None = None
    title: str | None = None

    @property
    def label(self) -> str:
        return f"{self.doc_id} ¶{self.paragraph}"

    @property
    def key(self) -> tuple[str, int, int, str]:
        """One citation per fact: two figures of one sentence are two citations of it."""
        return (self.doc_id, self.start, self.end, self.evidence)

    def as_dict(self) -> dict[str, Any]:
        return {"doc_id": self.doc_id, "start": self.start, "end": self.end, "paragraph": self.paragraph,
                "label": self.label, "text": self.text, "evidence": self.evidence, "outlet": self.outlet,
                "published": self.published, "title": self.title}


def _is_boundary(text: str, m: re.Match[str]) -> bool:
    before = text[max(0, m.start() - 12):m.start()].split()
    word = before[-1].lower().lstrip("(\"“") if before else ""
    if m.group(1)[0] == "." and (word in _ABBREV or (len(word) == 1 and word.isalpha())):
        return False
    nxt = text[m.end():m.end() + 1]
    return not (nxt and nxt.islower())


def sentence_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence(s) around ``[start, end)``, within the paragraph (line) of ``start``."""
    start = max(0, min(start, len(text)))
    end = max(start, min(end, len(text)))
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", max(end - 1, start))
    if line_end == -1:
        line_end = len(text)
    s = line_start
    for m in _END.finditer(text, line_start, start):
        if m.end() <= start and _is_boundary(text, m):
            s = m.end()
    e = line_end
    pos = max(end - 1, s)
    for m in _END.finditer(text, pos, line_end):
        if m.end(1) >= end and _is_boundary(text, m):
            e = m.end(1)
            break
    return s, max(e, end)


def paragraph_of(text: str, offset: int) -> int:
    """1-based number of the paragraph (non-empty line) holding ``offset``."""
    return sum(1 for line in text[:offset].split("\n")[:-1] if line.strip()) + 1


class Citer:
    """Makes citations for facts of stored documents (caching each document's text)."""

    def __init__(self, store: Store):
        self.store = store
        self._docs: dict[str, Any] = {}

    def doc(self, doc_id: str) -> Any:
        if doc_id not in self._docs:
            self._docs[doc_id] = self.store.execute(
                "SELECT id, text, source, published, title FROM documents WHERE id = ?", (doc_id,)).fetchone()
        return self._docs[doc_id]

    def cite(self, doc_id: str, start: int, end: int, evidence: str | None = None) -> Citation | None:
        """The sentence holding ``[start, end)`` of a document; ``evidence`` defaults to that span's
        text. None when the span does not hold the evidence (a record out of step with its text)."""
        row = self.doc(doc_id)
        if row is None:
            return None
        text: str = row["text"]
        if not (0 <= start <= end <= len(text)):
            return None
        s, e = sentence_span(text, start, end)
        ev = evidence if evidence is not None else text[start:end]
        cited = text[s:e]
        if not ev or ev not in cited:
            return None
        return Citation(doc_id=doc_id, start=s, end=e, paragraph=paragraph_of(text, s), text=cited,
                        evidence=ev, outlet=row["source"], published=row["published"], title=row["title"])
