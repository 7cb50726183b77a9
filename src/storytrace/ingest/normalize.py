"""Text normalization: the exported ``text`` that every span indexes into.

Kept deliberately light so the text stays the article as written: Unicode NFC, one kind
of line break, no invisible characters, no trailing spaces, at most one blank line between
paragraphs. Hard-wrapped wire copy (lines broken mid-sentence) is unwrapped.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_SPACES = dict.fromkeys(map(ord, "\u00a0\u2007\u202f\u2009\u200a\t\u3000"), " ")
_WRAPPED = re.compile(r"(?<=[^\n.!?:;\"'”’])\n(?=[ ]*[a-z0-9(“\"])")
_BLANKS = re.compile(r"\n{3,}")
_TRAILING = re.compile(r"[ ]+\n")
_RUNS = re.compile(r"[ ]{2,}")


def normalize_text(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(_INVISIBLE).translate(_SPACES)
    text = _TRAILING.sub("\n", text)
    text = "\n".join(line.strip(" ") for line in text.split("\n"))
    if _looks_hard_wrapped(text):
        text = _WRAPPED.sub(" ", text)
    text = _RUNS.sub(" ", text)
    text = _BLANKS.sub("\n\n", text)
    return text.strip()


def _looks_hard_wrapped(text: str) -> bool:
    """Many lines, most of them of similar width and not ending a sentence."""
    lines = [line for line in text.split("\n") if line]
    if len(lines) < 6:
        return False
    unfinished = sum(1 for line in lines if line[-1] not in ".!?:\"'”’")
    return unfinished / len(lines) > 0.5


def content_hash(text: str) -> str:
    """Stable id of a text: sha256 of the normalized text, case and spacing folded."""
    folded = " ".join(text.casefold().split())
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()


def word_count(text: str) -> int:
    return len(text.split())
