"""The analyzed document every extractor reads.

The analyzer fills the layers in pipeline order (actors, times, places, quotes, claims,
events); an extractor may read the layers before it, never those after.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING, Any

from storytrace.records import Claim, Event, Place, Quote, Span, Time

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

    from storytrace.nlp.mentions import ActorLayer
    from storytrace.nlp.resources import Resources


@dataclass
class AnalyzedDoc:
    doc: Doc
    doc_id: str
    published: date | None
    res: Resources
    title: str | None = None
    source: str | None = None
    actors: ActorLayer | None = None
    times: list[Time] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    notes: dict[str, Any] = field(default_factory=dict)  # scratch space shared between layers

    @cached_property
    def text(self) -> str:
        """The document text (cached: spaCy's ``Doc.text`` joins every token on each call)."""
        return str(self.doc.text)

    @cached_property
    def sents(self) -> list[SpacySpan]:
        return list(self.doc.sents)

    @cached_property
    def _sent_index(self) -> list[int]:
        """Token index -> sentence index."""
        out = [0] * len(self.doc)
        for n, sent in enumerate(self.sents):
            for i in range(sent.start, sent.end):
                out[i] = n
        return out

    def sent_of(self, token: Token | int) -> SpacySpan:
        i = token if isinstance(token, int) else token.i
        return self.sents[self._sent_index[i]]

    def sent_index(self, token: Token | int) -> int:
        i = token if isinstance(token, int) else token.i
        return self._sent_index[i]

    def char_span(self, start: int, end: int) -> Span:
        return Span(start=start, end=end)

    def token_span(self, first: int, last_exclusive: int) -> Span:
        """The character Span of tokens [first, last_exclusive)."""
        doc = self.doc
        return Span(start=doc[first].idx, end=doc[last_exclusive - 1].idx + len(doc[last_exclusive - 1]))

    def snippet(self, span: Span) -> str:
        return self.text[span.start:span.end]

    def times_in(self, start: int, end: int) -> list[Time]:
        """Time expressions whose span lies inside [start, end)."""
        return [t for t in self.times if start <= t.span.start and t.span.end <= end]

    def places_in(self, start: int, end: int) -> list[Place]:
        return [p for p in self.places if start <= p.span.start and p.span.end <= end]

    def claims_in(self, start: int, end: int) -> list[Claim]:
        return [c for c in self.claims if start <= c.span.start and c.span.end <= end]
