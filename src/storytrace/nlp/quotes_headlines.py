"""Headlines that quote: "Berg: 'We will win this race'", "Poll: Ruiz and Berg tied before
the debate", "Berg on Taxes: 'A Fair Deal at Last'".

A short paragraph (a headline or a subhead) made of a source, a colon and what the source
says. The source is a name the actor layer knows (a person, an organization, a state: not
a place, not an all-capital label such as "UPDATE" or a dateline), optionally followed by
"on <topic>", or a document noun ("poll", "survey", "report") with its modifiers. The parse
of such fragments is unreliable, so they are read off the tokens, not the dependency tree.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from storytrace.nlp.quotes_frames import Frame, paragraph_breaks

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from storytrace.nlp.context import AnalyzedDoc

MAX_HEADLINE_TOKENS = 30
MAX_SOURCE_TOKENS = 6
MIN_CONTENT_WORDS = 3
SOURCE_NOUNS = {"poll", "polls", "survey", "surveys", "study", "report", "analysis", "audit", "census",
                "data", "review", "memo", "probe"}
_NAME_PARTS = {".", "'s", "\u2019s", "-", "&"}
_OPENERS = {"'", '"', "\u2018", "\u201c", "``"}


def headline_frames(ad: AnalyzedDoc) -> list[Frame]:
    """A frame (cue: the colon) for each quoting headline of the document, with the source's
    words as its ``speaker_span``."""
    doc = ad.doc
    out: list[Frame] = []
    start = 0
    for i in [*paragraph_breaks(doc), len(doc)]:
        if 0 < i - start <= MAX_HEADLINE_TOKENS:
            frame = _headline(ad, doc, start, i)
            if frame is not None:
                out.append(frame)
        start = i + 1
    return out


def _headline(ad: AnalyzedDoc, doc: Doc, start: int, end: int) -> Frame | None:
    colon = next((k for k in range(start, min(end, start + MAX_SOURCE_TOKENS + 1)) if doc[k].text == ":"),
                 None)
    if colon is None or colon == start:
        return None
    source = doc[start:colon]
    words = [t for t in source if not t.is_punct]
    if not words or all(t.text.isupper() for t in words):
        return None  # "UPDATE:", "WASHINGTON:"
    head = _source_head(ad, list(source))
    if head is None:
        return None
    c0 = colon + 1
    while c0 < end and (doc[c0].is_space or (doc[c0].is_punct and doc[c0].text not in _OPENERS)):
        c0 += 1
    c1 = end
    while c1 > c0 and (doc[c1 - 1].is_space or doc[c1 - 1].text in (".", ",", ";", ":")):
        c1 -= 1
    if sum(1 for t in doc[c0:c1] if t.is_alpha) < MIN_CONTENT_WORDS:
        return None
    first = next(t.i for t in source if not t.is_punct)
    return Frame(colon, [], "reported", head.i, (c0, c1), kind="headline", speaker_span=(first, head.i + 1))


def _source_head(ad: AnalyzedDoc, source: list[Token]) -> Token | None:
    """The head word of a headline's source: "Berg" (also in "Berg on Taxes"),
    "poll" (in "CNN poll"); None when the words before the colon are no source."""
    name = source
    for k, t in enumerate(source):
        if t.lower_ == "on" and k > 0:  # "Berg on Taxes"
            name = source[:k]
            break
    last = name[-1]
    if last.lower_ in SOURCE_NOUNS and all(t.pos_ in ("PROPN", "NOUN", "ADJ", "DET") or t.text in _NAME_PARTS
                                            for t in name):
        return last
    if not all(t.pos_ == "PROPN" or t.text in _NAME_PARTS for t in name):
        return None
    layer = ad.actors
    mention = layer.at(last.i) if layer is not None else None
    if mention is None or mention.place:
        return None
    return last
