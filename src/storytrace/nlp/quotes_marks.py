"""Quoted stretches of text: pairs of quotation marks, found on the characters alone.

Handles curly and straight double marks, ``''`` and ````...''`` pairs, guillemets, and single
marks (curly or straight) when they are not apostrophes. A paragraph that ends inside a
quote and is followed by a paragraph opening with a quotation mark continues that quote
(the newswire convention for a quote running over several paragraphs). A mark that cannot
be paired is skipped: one stray mark never costs the other quotes of the document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OPEN_DOUBLE = "\u201c\u201e\u00ab"  # “ „ «
CLOSE_DOUBLE = "\u201d\u00bb"  # ” »
STRAIGHT_DOUBLE = '"\u201f'
OPEN_SINGLE = "\u2018"  # ‘
CLOSE_SINGLE = "\u2019"  # ’ (also the curly apostrophe)
# characters after which a straight mark opens a quote
_OPENS_AFTER = set(" \n\t([{\u2014\u2013-/:;")
_MARK = re.compile(r"''|``|[\"\u201c\u201d\u201e\u201f\u00ab\u00bb]")
_SINGLE = re.compile(r"['\u2018\u2019]")
_WORD = re.compile(r"\w")
MAX_PARAGRAPHS = 8  # a quote continued over more paragraphs than this is a pairing error


@dataclass
class Segment:
    """Quoted content: ``start``/``end`` exclude the marks and outer spaces; ``parts`` are the
    pieces per paragraph (one piece unless the quote continues over paragraphs)."""

    start: int
    end: int
    open_mark: int  # offset of the opening mark
    close_mark: int | None  # offset of the closing mark (None: closed by the paragraph end)
    parts: list[tuple[int, int]]
    single: bool = False

    def words(self, text: str) -> int:
        return len(text[self.start:self.end].split())


def _paragraph_bounds(text: str) -> list[tuple[int, int]]:
    """[start, end) of each paragraph (runs of text between blank or single line breaks)."""
    out, pos = [], 0
    for m in re.finditer(r"\n+", text):
        if m.start() > pos:
            out.append((pos, m.start()))
        pos = m.end()
    if pos < len(text):
        out.append((pos, len(text)))
    return out


def _is_opening(text: str, i: int, mark: str) -> bool | None:
    """True / False for a mark that opens / closes; None when the context cannot tell."""
    if mark in OPEN_DOUBLE or mark == "``":
        return True
    if mark in CLOSE_DOUBLE:
        return False
    before = text[i - 1] if i > 0 else "\n"
    after_i = i + len(mark)
    after = text[after_i] if after_i < len(text) else "\n"
    if before in _OPENS_AFTER and not after.isspace():
        return True
    if before in ".!?" and after.isupper():
        return None  # a space lost between sentences: 'growth."With ...' opens, 'no."The ...' closes
    if after.isspace() or after in ",.;:!?)]}\u2014\u2013-" or not before.isspace():
        return False
    return None


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def find_double(text: str) -> list[Segment]:
    """Stretches inside double quotation marks."""
    segments: list[Segment] = []
    open_at: int | None = None  # offset of the pending opening mark
    parts: list[tuple[int, int]] = []  # finished pieces of the open quote (earlier paragraphs)
    piece = 0  # where the current piece of the open quote starts
    for pstart, pend in _paragraph_bounds(text):
        scan_from = pstart
        if open_at is not None:
            first = _MARK.match(text, pstart)
            goes_on = first is not None and _is_opening(text, pstart, first.group()) is not False
            if first is not None and goes_on and len(parts) < MAX_PARAGRAPHS:
                piece = scan_from = first.end()  # the quote goes on in this paragraph
            else:  # no closing mark: the quote ended with its paragraph
                _close(segments, text, open_at, None, parts)
                open_at, parts = None, []
        for m in _MARK.finditer(text, scan_from, pend):
            mark, i = m.group(), m.start()
            opening = _is_opening(text, i, mark)
            if open_at is None:
                if opening is not False:
                    open_at, parts, piece = i, [], m.end()
            elif opening is True and mark in OPEN_DOUBLE + "``":
                open_at, parts, piece = i, [], m.end()  # a new opening mark: the first was stray
            else:
                parts.append((piece, i))
                _close(segments, text, open_at, i, parts)
                open_at, parts = None, []
        if open_at is not None:
            parts.append((piece, pend))
    if open_at is not None:
        _close(segments, text, open_at, None, parts)
    return segments


def _close(segments: list[Segment], text: str, open_at: int, close_mark: int | None,
           parts: list[tuple[int, int]]) -> None:
    pieces = [p for p in (_trim(text, a, b) for a, b in parts) if p[1] > p[0]]
    if pieces:
        segments.append(Segment(pieces[0][0], pieces[-1][1], open_at, close_mark, pieces))


def find_single(text: str, skip: list[Segment]) -> list[Segment]:
    """Stretches inside single marks that are not apostrophes, outside the ``skip`` segments
    (single marks inside double quotes are nested quotes, part of their content)."""
    blocked = [(s.open_mark, s.close_mark if s.close_mark is not None else s.end) for s in skip]
    segments: list[Segment] = []
    paragraphs = _paragraph_bounds(text)
    for pstart, pend in paragraphs:
        i = pstart
        while True:
            m = _SINGLE.search(text, i, pend)
            if m is None:
                break
            i = m.end()
            o = m.start()
            if any(a <= o <= b for a, b in blocked) or not _single_opens(text, o):
                continue
            close = _single_close(text, m.end(), pend)
            if close is None:
                continue
            start, end = _trim(text, m.end(), close)
            if end > start:
                segments.append(Segment(start, end, o, close, [(start, end)], single=True))
            i = close + 1
    return segments


def _single_opens(text: str, i: int) -> bool:
    if text[i] == CLOSE_SINGLE:
        return False
    before = text[i - 1] if i > 0 else "\n"
    after = text[i + 1] if i + 1 < len(text) else "\n"
    opens = before in _OPENS_AFTER or before in "\"\u201c"
    return opens and bool(_WORD.match(after)) and not after.isdigit()


def _single_close(text: str, i: int, pend: int) -> int | None:
    for m in _SINGLE.finditer(text, i, pend):
        c = m.start()
        before = text[c - 1]
        after = text[c + 1] if c + 1 < len(text) else "\n"
        if before.isspace() or _WORD.match(after):
            continue  # an apostrophe inside a word, or another opening
        if before in "sS" and after == " " and c + 2 < len(text) and text[c + 2].islower():
            continue  # a plural possessive: "the two countries' armies"
        return c
    return None


def find_segments(text: str) -> list[Segment]:
    """Every quoted stretch of the text, in order."""
    doubles = find_double(text)
    return sorted(doubles + find_single(text, doubles), key=lambda s: s.start)
