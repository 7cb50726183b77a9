"""Numbers in news text: digits and words, scales, vague plurals, ranges, qualifiers, money.

``find_quantities(words, lexicon)`` reads a tokenized text (the token strings of a spaCy
``Doc``) once, left to right, and returns every quantity it finds, without deciding whether it
is a claim (that is ``claims.py``'s job: years, ages, model names ... are filtered there):

    "up to 10,000"             -> low None, high 10000, approx up_to
    "between 10,000 and 12,000"-> 10000 .. 12000, range
    "tens of thousands"        -> low 10000, at_least (vague)
    "$250 million", "£2bn"     -> 250e6 USD, 2e9 GBP
    "1.5 trillion won"         -> 1.5e12 KRW
    "a dozen", "half a million", "twenty-five", "3.5%"

The word lists live in ``data/claims/`` (numbers.tsv, qualifiers.tsv, currencies.tsv) and are
validated on load. Everything here is a pure function of the token strings.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from storytrace.errors import StorytraceError

DATA = Path(__file__).resolve().parent.parent / "data" / "claims"

APPROX = ("exact", "about", "up_to", "at_least", "more_than", "less_than", "range")
NUMBER_KINDS = ("unit", "ten", "scale", "abbrev", "vague", "fixed", "fuzzy")

# digits with an optional currency glued before and a scale or percent sign glued after:
# "10,000", "1.5", "2bn", "$5", "HK$10", "Rs500", "40pc", "3.5%"
_DIGITS = re.compile(
    r"^(?P<cur>[A-Za-z.]{0,4}[$€£¥₩₽₴₹₪₺]|Rs\.?)?"
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)"
    r"(?P<suf>[A-Za-z%]{1,3})?$"
)
_PERCENT_SUFFIX = {"%", "pc", "pct"}
_PERCENT_WORDS = {"%": 1, "percent": 1, "pct": 1, "per": 2}  # "per cent"
_HAS_DIGIT = re.compile(r"\d")
_GLUED_SCALE = re.compile(r"^(hundred|thousand|million|billion|trillion|bn|mn|tn)(?=[^\w\s])")
_DASHES = {"-", "–", "—", "‒", "−"}
_RANGE_WORDS = {"to", "or"}
_CENTS = {"cent", "cents", "ct", "cts"}
_AMBIGUOUS_CURRENCY = {"pound", "pounds"}  # "500 pounds of explosives" is a weight


class LexiconError(StorytraceError):
    """A data file of the claims layer is malformed."""


def read_table(path: Path, columns: int) -> Iterator[tuple[int, list[str]]]:
    """(line number, fields) of a tab-separated data file; '#' comments and blank lines are
    skipped. A line with the wrong number of columns raises a LexiconError naming it."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise LexiconError(f"cannot read {path}: {exc}") from exc
    for n, line in enumerate(lines, 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = [f.strip() for f in line.split("\t")]
        if len(fields) != columns or not all(fields):
            raise LexiconError(f"{path}:{n}: expected {columns} tab-separated fields, got {line!r}")
        yield n, fields


@dataclass(frozen=True)
class NumberLexicon:
    """The word lists of numbers.tsv, qualifiers.tsv and currencies.tsv."""

    words: dict[str, tuple[str, float]]  # word -> (kind, value)
    before: dict[tuple[str, ...], str]  # qualifier words before a number -> approx
    after: dict[tuple[str, ...], str]  # qualifier words after a number -> approx
    prefix: dict[str, str]  # currency written before the number -> ISO code
    suffix: dict[tuple[str, ...], str]  # currency words after the number -> ISO code
    iso: frozenset[str] = field(default_factory=frozenset)  # every ISO 4217 code
    starters: frozenset[str] = field(default_factory=frozenset)  # lower-case words a number may start with

    def __post_init__(self) -> None:
        words = {*self.words, "a", "an", "half", *(w.lower() for w in self.prefix),
                 *(code.lower() for code in self.iso)}
        object.__setattr__(self, "starters", frozenset(words))

    def kind(self, word: str) -> tuple[str, float] | None:
        return self.words.get(word.lower())


def load_lexicon(folder: Path = DATA) -> NumberLexicon:
    words: dict[str, tuple[str, float]] = {}
    path = folder / "numbers.tsv"
    for n, (word, kind, value) in read_table(path, 3):
        if kind not in NUMBER_KINDS:
            raise LexiconError(f"{path}:{n}: unknown kind {kind!r} (expected one of {NUMBER_KINDS})")
        try:
            words[word.lower()] = (kind, float(value))
        except ValueError:
            raise LexiconError(f"{path}:{n}: value {value!r} is not a number") from None
    before: dict[tuple[str, ...], str] = {}
    after: dict[tuple[str, ...], str] = {}
    path = folder / "qualifiers.tsv"
    for n, (phrase, position, approx) in read_table(path, 3):
        if approx not in APPROX or position not in ("before", "after"):
            raise LexiconError(f"{path}:{n}: bad position {position!r} or approx {approx!r}")
        (before if position == "before" else after)[tuple(phrase.lower().split())] = approx
    prefix: dict[str, str] = {}
    suffix: dict[tuple[str, ...], str] = {}
    path = folder / "currencies.tsv"
    for n, (form, position, code) in read_table(path, 3):
        if position not in ("prefix", "suffix", "both") or not re.fullmatch(r"[A-Z]{3}", code):
            raise LexiconError(f"{path}:{n}: bad position {position!r} or ISO code {code!r}")
        if position in ("prefix", "both"):
            prefix[form] = code
        if position in ("suffix", "both"):
            suffix[tuple(form.split())] = code
            suffix.setdefault(tuple(form.lower().split()), code)  # "N.Z. Dlr", "AUSTRALIAN DLRS"
    return NumberLexicon(words, before, after, prefix, suffix, _iso_codes())


def _iso_codes() -> frozenset[str]:
    try:
        import pycountry
    except ImportError:  # pragma: no cover - a dependency; the table above still works
        return frozenset()
    return frozenset(c.alpha_3 for c in pycountry.currencies)


@lru_cache(maxsize=1)
def default_lexicon() -> NumberLexicon:
    return load_lexicon()


@dataclass
class Quantity:
    """A number found in the text, with its qualifier, range partner and currency.

    Token offsets are [start, end); ``num_start``/``num_end`` cover the number words only
    (without qualifier, currency or percent sign)."""

    start: int
    end: int
    num_start: int
    num_end: int
    low: float | None
    high: float | None
    approx: str = "exact"
    currency: str | None = None
    percent: bool = False
    vague: bool = False  # "thousands", "dozens": an order of magnitude, not a count
    words: bool = False  # written in words ("three"), not digits
    measure: str | None = None  # a glued unit that is not a scale ("400m" in metres)
    qualifier: str | None = None  # "up to", "between"
    tally: bool = False  # "52-48", "3-1": a score or vote tally, not an amount
    change: bool = False  # "from 10 to 20": the second value of a change
    change_from: float | None = None  # the first value of a change (10)
    value_tokens: tuple[int, ...] = ()  # the tokens carrying the value(s)

    @property
    def value(self) -> float:
        return self.high if self.low is None else self.low  # type: ignore[return-value]


@dataclass
class _Read:
    """One number read from the tokens (before qualifiers and ranges)."""

    start: int
    end: int  # exclusive, includes currency/percent words after the number
    num_end: int  # exclusive end of the number words themselves
    value: float
    scaled: bool = False  # carried an explicit scale ("million", "bn")
    scale: float = 1.0
    currency: str | None = None
    percent: bool = False
    vague: bool = False
    words: bool = False
    measure: str | None = None
    points: bool = False  # "percentage points", not "percent"
    head: int = 0  # last token of the number words
    num_start: int = -1  # first token of the number words (after a currency symbol)


def find_quantities(words: Sequence[str], lex: NumberLexicon | None = None) -> list[Quantity]:
    """Every quantity in the token strings ``words``, left to right, not overlapping."""
    lex = lex or default_lexicon()
    lower = [w.lower() for w in words]
    starters = lex.starters
    out: list[Quantity] = []
    i, n = 0, len(words)
    while i < n:
        if lower[i] not in starters and not _HAS_DIGIT.search(lower[i]):
            i += 1  # most words cannot start a number: skip them cheaply
            continue
        first = _read(words, lower, i, lex)
        if first is None:
            i += 1
            continue
        q = _qualify(words, lower, first, lex, out[-1].end if out else 0)
        out.append(q)
        i = max(q.end, i + 1)
    return out


def parse_quantity(text: str, lex: NumberLexicon | None = None) -> Quantity | None:
    """The first quantity in a short phrase ("up to 10,000", "$1.5bn"), split on spaces and
    hyphens the way the tokenizer does. For tests and quick checks."""
    words = [w for w in re.split(r"\s+|(?<=[A-Za-z0-9])(-)(?=[A-Za-z])|(?<=\d)(-)(?=\d)", text) if w]
    found = find_quantities(words, lex)
    return found[0] if found else None


# --------------------------------------------------------------------------- reading

def _read(words: Sequence[str], lower: Sequence[str], i: int, lex: NumberLexicon) -> _Read | None:
    """A number starting at token i (a currency symbol may come first)."""
    currency = None
    start = i
    if words[i] in lex.prefix and i + 1 < len(words):
        currency, i = lex.prefix[words[i]], i + 1
    elif words[i] in lex.iso and i + 1 < len(words) and _DIGITS.match(words[i + 1]):
        currency, i = words[i], i + 1
    r = _read_digits(words, lower, i, lex, currency) or _read_words(words, lower, i, lex)
    if r is None:
        return None
    r.num_start = i
    r.start = start
    if currency and not r.currency:
        r.currency = currency
    _read_suffix(words, lower, r, lex)
    return r


def _read_digits(words: Sequence[str], lower: Sequence[str], i: int, lex: NumberLexicon,
                 currency: str | None = None) -> _Read | None:
    m = _DIGITS.match(words[i])
    if m is None:
        return None
    value = float(m["num"].replace(",", ""))
    r = _Read(i, i + 1, i + 1, value, head=i, currency=currency)
    cur, suf = m["cur"], m["suf"]
    if cur:
        if cur not in lex.prefix:
            return None  # "F16", "A320": a letter code, not a currency
        r.currency = lex.prefix[cur]
    if suf:
        kind = lex.kind(suf)
        if suf.lower() in _PERCENT_SUFFIX:
            r.percent = True
        elif kind and kind[0] == "abbrev":
            if suf.lower() == "m" and not r.currency and not _million_context(lower, i + 1):
                r.measure = "m"
            else:
                r.value, r.scaled, r.scale = value * kind[1], True, kind[1]
        else:
            return None  # "2nd", "15th", "5G", "20s": not an amount
    elif "," not in m["num"] and len(m["num"]) > 1 and m["num"].startswith("0") and "." not in m["num"]:
        return None  # "007", "0958": codes and phone parts
    j = i + 1
    if not r.scaled and not r.percent and not r.measure and j < len(words):
        glued = _GLUED_SCALE.match(lower[j])  # "billion)." when the tokenizer kept the punctuation
        kind = lex.kind(glued[1] if glued else lower[j])
        million = lower[j] != "m" or bool(r.currency) or _million_context(lower, j + 1)
        if kind and (kind[0] == "scale" or (kind[0] == "abbrev" and million)):  # "1.5 million", "250 m"
            r.value, r.scaled, r.scale = value * kind[1], True, kind[1]
            j += 1
    r.end = r.num_end = j
    r.head = j - 1
    return r


def _million_context(lower: Sequence[str], j: int) -> bool:
    """'m' after digits means million (not metres) before these words: "25m people", "250m in aid"."""
    if j >= len(lower):
        return False
    word = lower[j]
    return word in ("in", "of", "worth", "people", "users", "doses", "voters", "residents", "viewers") or (
        word.endswith("s") and word.isalpha() and word not in ("seconds", "metres", "meters")
    )


def _read_words(words: Sequence[str], lower: Sequence[str], i: int, lex: NumberLexicon) -> _Read | None:
    n = len(words)
    w = lower[i]
    kind = lex.kind(w)
    # "a dozen", "a million", "an estimated"(no), "one hundred", "half a million"
    if w in ("a", "an") and i + 1 < n:
        nxt = lex.kind(lower[i + 1])
        if nxt and nxt[0] in ("scale", "fixed") and lower[i + 1] != "m":
            r = _read_words(words, lower, i + 1, lex)
            if r is not None:
                r.start = i
                return r
        return None
    if w == "half" and i + 2 < n and lower[i + 1] in ("a", "an"):
        nxt = lex.kind(lower[i + 2])
        if nxt and nxt[0] == "scale" and nxt[1] >= 1000:  # "half a million"
            return _Read(i, i + 3, i + 3, 0.5 * nxt[1], scaled=True, scale=nxt[1], words=True, head=i + 2)
        if nxt and nxt[0] == "fixed":  # "half a dozen"
            return _Read(i, i + 3, i + 3, 0.5 * nxt[1], words=True, head=i + 2)
        return None
    if kind is None:
        return None
    if kind[0] == "vague":
        return _read_vague(lower, i, lex)
    if kind[0] == "fuzzy":  # "several thousand", "a few hundred"
        if i + 1 < n:
            nxt = lex.kind(lower[i + 1])
            if nxt and nxt[0] == "scale" and nxt[1] >= 100:
                return _Read(i, i + 2, i + 2, nxt[1], scaled=True, scale=nxt[1], vague=True, words=True,
                             head=i + 1)
        return None
    if kind[0] == "fixed":  # "dozen" (after "a"), "two dozen"
        return _Read(i, i + 1, i + 1, kind[1], words=True, head=i)
    if kind[0] not in ("unit", "ten", "scale"):
        return None
    if kind[0] == "scale" and (i == 0 or lower[i - 1] not in ("a", "an", "one")):
        return None  # a bare "million" is not a number ("a million" is)
    total, current, j, last = 0.0, 0.0, i, i
    scaled, top_scale = False, 1.0
    while j < n:
        k = lex.kind(lower[j])
        word = lower[j]
        if k and k[0] in ("unit", "ten"):
            if current % 100 and k[0] == "ten":
                break  # "twenty thirty": two numbers
            if current % 10 and k[0] == "unit":
                break
            current += k[1]
        elif k and k[0] == "scale":
            scaled, top_scale = True, max(top_scale, k[1])
            if k[1] == 100:
                current = (current or 1) * 100
            else:
                total += (current or 1) * k[1]
                current = 0.0
        elif k and k[0] == "fixed" and j > i:  # "two dozen"
            current = (current or 1) * k[1]
            last = j
            j += 1
            break
        elif word in _DASHES and j > i and _kind_of(lex, lower, j - 1) == "ten" \
                and _kind_of(lex, lower, j + 1) == "unit":
            j += 1  # "twenty-five"
            continue
        elif word == "and" and j > i and current and current % 100 == 0 \
                and _kind_of(lex, lower, j + 1) in ("unit", "ten"):
            j += 1  # "two hundred and fifty"
            continue
        else:
            break
        last = j
        j += 1
    if last < i:
        return None
    value = total + current
    return _Read(i, last + 1, last + 1, value, scaled=scaled, scale=top_scale, words=True, head=last)


def _kind_of(lex: NumberLexicon, lower: Sequence[str], j: int) -> str | None:
    if j >= len(lower):
        return None
    k = lex.kind(lower[j])
    return k[0] if k else None


def _read_vague(lower: Sequence[str], i: int, lex: NumberLexicon) -> _Read | None:
    """"thousands", "tens of thousands", "hundreds of millions", "dozens"."""
    value = lex.words[lower[i]][1]
    j = i + 1
    # "tens of thousands", "hundreds of thousands"
    if lower[i] in ("tens", "hundreds") and j + 1 < len(lower) and lower[j] == "of":
        nxt = lex.kind(lower[j + 1])
        if nxt and nxt[0] == "vague" and nxt[1] >= 1000:
            value = (10 if lower[i] == "tens" else 100) * nxt[1]
            j += 2
    elif lower[i] == "tens":
        return None  # "tens" alone is too vague ("tens of people" is rare; skip)
    return _Read(i, j, j, value, vague=True, words=True, head=j - 1)


def _read_suffix(words: Sequence[str], lower: Sequence[str], r: _Read, lex: NumberLexicon) -> None:
    """Currency words and percent signs after the number: "10 million euros", "5 percent"."""
    j, n = r.end, len(words)
    if j >= n or r.percent:
        return
    if lower[j] in _PERCENT_WORDS:
        if lower[j] == "per":
            if j + 1 < n and lower[j + 1] == "cent":
                r.percent, r.end = True, j + 2
        else:
            r.percent, r.end = True, j + 1
        return
    if lower[j] == "percentage" and j + 1 < n and lower[j + 1] in ("point", "points"):
        r.percent, r.points, r.end = True, True, j + 2
        return
    if r.currency:
        return
    if lower[j] in _CENTS and not r.scaled:  # "18 cts a share", "50 cents"
        r.value, r.currency, r.end = r.value / 100, "USD", j + 1
        return
    if r.vague and lower[j] == "of" and j + 1 < n:
        j += 1  # "billions of dollars", "thousands of pounds"
    for size in (3, 2, 1):
        form = tuple(words[j:j + size])
        code = lex.suffix.get(form) or lex.suffix.get(tuple(w.lower() for w in form))
        if code and len(form) == size:
            if size == 1 and form[-1].lower() in _AMBIGUOUS_CURRENCY and r.value < 1e6:
                return  # "weighs 236 pounds", "500 pounds of explosives" ("£500", "5m pounds" are money)
            r.currency, r.end = code, j + size
            return
    if words[j] in lex.iso and words[j].isupper():
        r.currency, r.end = words[j], j + 1


# --------------------------------------------------------------------------- qualifying

def _qualify(words: Sequence[str], lower: Sequence[str], first: _Read, lex: NumberLexicon,
             floor: int) -> Quantity:
    """Ranges, qualifiers before and after, and the Quantity itself."""
    n = len(words)
    start = first.start
    second: _Read | None = None
    between = start > floor and lower[start - 1] == "between"
    change = start > floor and lower[start - 1] == "from"
    j = first.end
    if j + 1 < n and (lower[j] in _DASHES or lower[j] in _RANGE_WORDS or (between and lower[j] == "and")):
        cand = _read(words, lower, j + 1, lex)
        if cand is not None and (cand.percent or not first.percent) and cand.points == first.points:
            second = cand  # ("by 0.1 percentage points to 4.2 percent" is no range)
    q: Quantity
    if second is not None:
        low, high = first.value, second.value
        if second.scaled and not first.scaled and first.value * second.scale <= high:
            low = first.value * second.scale  # "1.5 to 2 million", "$1-2bn"
        elif not second.scaled and not first.words and high >= 1000 and high % 1000 == 0 \
                and first.value < 1000 and high / 10 <= first.value * 1000 < high:
            low = first.value * 1000  # "70 to 80,000": seventy thousand to eighty thousand
        currency = first.currency or second.currency
        tally = low >= high and lower[j] in _DASHES | {"to"}
        q = Quantity(start, second.end, first.num_start, second.num_end, low, high, "range", currency,
                     first.percent or second.percent, first.vague or second.vague,
                     first.words and second.words, first.measure or second.measure, None, tally=tally,
                     value_tokens=(first.head, second.head))
        if between:
            q.start, q.qualifier = start - 1, "between"
        elif lower[j] == "or" and low >= high:
            # "one or two" is a range; "5 or 3" is not: keep the first alone
            q = _single(first)
        elif change and lower[j] == "to":
            q.low = q.high = high
            q.approx, q.change, q.change_from = "exact", True, low
        elif low >= high and not tally:
            q = _single(first)
    else:
        q = _single(first)
        if first.vague:
            q.low, q.high, q.approx = first.value, None, "at_least"
    if q.approx != "range" or q.qualifier is None:
        _qualifier_before(lower, q, lex, floor)
    _qualifier_after(lower, q, lex)
    return q


def _single(r: _Read) -> Quantity:
    q = Quantity(r.start, r.end, r.num_start, r.num_end, r.value, r.value, "exact", r.currency, r.percent,
                 r.vague, r.words, r.measure, value_tokens=(r.head,))
    if r.vague:
        q.high, q.approx = None, "at_least"
    return q


def _qualifier_before(lower: Sequence[str], q: Quantity, lex: NumberLexicon, floor: int) -> None:
    for size in (3, 2, 1):
        a = q.start - size
        if a < floor:
            continue
        phrase = tuple(lower[a:q.start])
        approx = lex.before.get(phrase)
        if approx is None:
            continue
        q.start, q.qualifier = a, " ".join(phrase)
        if q.approx == "range":
            return  # "about 10-12": still a range
        if q.vague and approx in ("about", "exact"):
            return  # "some thousands" stays at least
        _apply(q, approx)
        return


def _qualifier_after(lower: Sequence[str], q: Quantity, lex: NumberLexicon) -> None:
    for size in (2, 1):
        phrase = tuple(lower[q.end:q.end + size])
        approx = lex.after.get(phrase)
        if approx is None or len(phrase) < size:
            continue
        if q.approx == "exact" or (q.approx == "about" and approx == "about"):
            _apply(q, approx)
            q.end += size
            q.qualifier = " ".join(phrase) if q.qualifier is None else q.qualifier
        return


def _apply(q: Quantity, approx: str) -> None:
    v = q.value
    q.approx = approx
    if approx in ("up_to", "less_than"):
        q.low, q.high = None, v
    elif approx in ("at_least", "more_than"):
        q.low, q.high = v, None
    else:
        q.low = q.high = v
