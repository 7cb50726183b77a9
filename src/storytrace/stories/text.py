"""Words and names of an article as sparse vectors, for story clustering.

Cheap by design (regular expressions over the text, no spaCy): the story hook runs once
per ingested document and must cost a few milliseconds at most.

* ``terms``: content words, lower-cased, stop words dropped, plurals folded; words of the
  title and the lead count double (they say what the story is about).
* ``names``: capitalized word sequences ("Kim Bom-suk", "Cheong Wa Dae") plus the actor ids
  and place names the extractors found; they identify the who and where of a story.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources

from storytrace.errors import DataFileError

Vector = dict[str, float]

LEAD_WORDS = 80  # words of the body that count as the lead
HEAD_WORDS = 40  # content words of the body that, with the title, say what the story is about
MAX_WORDS = 700  # words read per article (long features add noise, not identity)

_TOKEN = re.compile(r"\S+")
_NUMBER = re.compile(r"[(+$€£¥-]?\d[\d,.:/%-]*\)?[.,;]?")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]|[A-Za-z]")
_NAME = re.compile(r"\b[A-Z][A-Za-z'’-]*[a-z][A-Za-z'’-]*(?:[ ](?:[A-Z][A-Za-z'’-]*[a-z][A-Za-z'’-]*))*")


def _data_text(name: str) -> str:
    return resources.files("storytrace.data").joinpath("stories", name).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """The stop list (``data/stories/stopwords.txt``), validated on load."""
    words = set()
    for lineno, raw in enumerate(_data_text("stopwords.txt").splitlines(), 1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if not re.fullmatch(r"[a-z][a-z'-]*", line):
            raise DataFileError("data/stories/stopwords.txt", f"not a lowercase word: {line!r}", lineno)
        words.add(line)
    return frozenset(words)


@lru_cache(maxsize=1)
def folds() -> dict[str, str]:
    """Demonyms and synonyms compared as one word (``data/stories/fold.tsv``), validated on load."""
    out = {}
    for lineno, raw in enumerate(_data_text("fold.tsv").splitlines(), 1):
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        parts = line.split("\t")
        if len(parts) != 2 or not all(re.fullmatch(r"[a-z][a-z'-]*", p) for p in parts):
            raise DataFileError("data/stories/fold.tsv", f"expected 'word<TAB>folded' in lowercase: {raw!r}",
                                lineno)
        out[parts[0]] = parts[1]
    return out


def plural(word: str) -> str:
    """Lower-case and fold simple plurals and possessives: 'troops' -> 'troop'."""
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    w = w.strip("'-")
    if len(w) > 4:
        if w.endswith("ies"):
            w = w[:-3] + "y"
        elif w.endswith("s") and not w.endswith(("ss", "us", "is")):
            w = w[:-1]
    return w


def fold(word: str) -> str:
    """:func:`plural`, then demonyms and synonyms: 'Koreans' -> 'korea', 'soldiers' -> 'troop'."""
    w = plural(word)
    return folds().get(w, w)


def words(text: str, limit: int | None = None) -> list[str]:
    """Content words of ``text`` (folded, stop words and one- or two-letter words dropped)."""
    stop = stopwords()
    limit = limit or MAX_WORDS
    out = []
    for m in _WORD.finditer(text):
        w = fold(m.group())
        if len(w) > 2 and w not in stop:
            out.append(w)
            if len(out) >= limit:
                break
    return out


def names(text: str, limit_chars: int = 6000) -> list[str]:
    """Capitalized word sequences, lower-cased and joined with '_' ("kim_bom-suk")."""
    stop = stopwords()
    out = []
    for m in _NAME.finditer(text[:limit_chars]):
        parts = [fold(p) for p in m.group().split(" ")]
        while parts and parts[0] in stop:  # sentence-initial "The", "However"
            parts.pop(0)
        if parts and (len(parts) > 1 or len(parts[0]) > 2):
            out.append("_".join(parts))
    return out


def term_counts(title: str | None, text: str) -> Counter[str]:
    body = words(text)
    counts: Counter[str] = Counter(body)
    counts.update(body[:LEAD_WORDS])
    if title:
        counts.update(words(title) * 2)
    return counts


def head_counts(title: str | None, text: str) -> Counter[str]:
    """Words of the title and the first HEAD_WORDS words of the body."""
    counts: Counter[str] = Counter(words(text, HEAD_WORDS))
    if title:
        counts.update(words(title))
    return counts


def name_counts(title: str | None, text: str, extra: Iterable[str] = ()) -> Counter[str]:
    counts: Counter[str] = Counter(names(text))
    if title:
        counts.update(names(title))
    counts.update(extra)
    return counts


def weigh(counts: Counter[str], idf: dict[str, float] | None = None) -> Vector:
    """Sublinear term frequency times ``idf`` (when given), scaled to unit length."""
    vec = {t: (1.0 + math.log(c)) * (idf[t] if idf else 1.0) for t, c in counts.items() if c > 0}
    return normalize(vec)


def normalize(vec: Vector) -> Vector:
    norm = math.sqrt(sum(v * v for v in vec.values()))
    if norm == 0:
        return {}
    return {t: v / norm for t, v in vec.items()}


def dot(a: Vector, b: Vector) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(t, 0.0) for t, v in a.items())


def top(vec: Vector, n: int) -> list[str]:
    return [t for t, _ in sorted(vec.items(), key=lambda kv: (-kv[1], kv[0]))[:n]]


def numeric_share(text: str, limit_chars: int = 4000) -> float:
    """The share of whitespace-separated tokens that are numbers ("1,545,160", "25.2", "$700").

    Prose news runs at 1-10%; results tables, dividend notices and price lists at 15-30%: wire
    items written from a template, whose words are the template's and whose subject is a name
    and a few numbers."""
    tokens = _TOKEN.findall(text[:limit_chars])
    if not tokens:
        return 0.0
    return sum(1 for t in tokens if _NUMBER.fullmatch(t)) / len(tokens)


def prose(text: str) -> str:
    """The text without its table rows ("Shr 41 cts vs 33 cts", "Pay April 1") and section labels
    ("Year", "Six mths"): what a results table or a notice says about its subject."""
    keep = []
    for line in text.splitlines():
        tokens = _TOKEN.findall(line)
        numbers = sum(1 for t in tokens if _NUMBER.fullmatch(t))
        n_words = len(tokens) - numbers
        sentence = line.rstrip().endswith((".", "!", "?", '"', "”")) and n_words >= 3
        row = numbers > 0 and n_words <= 2 * numbers + 2  # "Shr 41 cts vs 33 cts", "Pay April 1"
        label = numbers == 0 and 0 < n_words <= 2  # "Year", "Six mths"
        if (row or label) and not sentence:
            continue
        keep.append(line)
    return "\n".join(keep)


def first_sentence(text: str, max_chars: int = 110) -> str:
    """The first sentence of ``text`` (clipped), for titles of untitled articles."""
    flat = " ".join(text.split())
    m = re.search(r"(?<=[.!?])\s+(?=[A-Z\"“])", flat[: max_chars * 3])
    sentence = flat[: m.start()] if m else flat
    if len(sentence) > max_chars:
        cut = sentence[:max_chars].rsplit(" ", 1)[0]
        sentence = cut.rstrip(",;:") + "…"
    return sentence
