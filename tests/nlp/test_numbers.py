"""Reading numbers: digits and words, scales, vague plurals, ranges, qualifiers, money.

Phrases are split the way the tokenizer splits them (spaces, and hyphens between words or
between digits); the claims tests run the real tokenizer on whole sentences."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storytrace.nlp.numbers import LexiconError, find_quantities, load_lexicon, parse_quantity

M, B = 1_000_000.0, 1_000_000_000.0

# text -> (low, high, approx, currency)
READS = [
    # digits and words
    ("10,000", (10_000, 10_000, "exact", None)),
    ("3.5", (3.5, 3.5, "exact", None)),
    ("three", (3, 3, "exact", None)),
    ("Seventeen", (17, 17, "exact", None)),
    ("twenty-five", (25, 25, "exact", None)),
    ("ninety nine", (99, 99, "exact", None)),
    ("two hundred and fifty", (250, 250, "exact", None)),
    ("one hundred thousand", (100_000, 100_000, "exact", None)),
    ("a dozen", (12, 12, "exact", None)),
    ("two dozen", (24, 24, "exact", None)),
    ("a million", (M, M, "exact", None)),
    ("half a million", (500_000, 500_000, "exact", None)),
    ("1.5 million", (1.5 * M, 1.5 * M, "exact", None)),
    ("four billion", (4 * B, 4 * B, "exact", None)),
    ("10k", (10_000, 10_000, "exact", None)),
    # vague plurals: at least the order of magnitude
    ("dozens", (12, None, "at_least", None)),
    ("hundreds", (100, None, "at_least", None)),
    ("thousands", (1000, None, "at_least", None)),
    ("tens of thousands", (10_000, None, "at_least", None)),
    ("hundreds of thousands", (100_000, None, "at_least", None)),
    ("millions", (M, None, "at_least", None)),
    ("several thousand", (1000, None, "at_least", None)),
    # qualifiers
    ("up to 10,000", (None, 10_000, "up_to", None)),
    ("as many as 400", (None, 400, "up_to", None)),
    ("at least 12", (12, None, "at_least", None)),
    ("more than 2,000", (2000, None, "more_than", None)),
    ("over 300", (300, None, "more_than", None)),
    ("less than 50", (None, 50, "less_than", None)),
    ("fewer than 20", (None, 20, "less_than", None)),
    ("about 600", (600, 600, "about", None)),
    ("around 70", (70, 70, "about", None)),
    ("approximately 3,000", (3000, 3000, "about", None)),
    ("roughly 45", (45, 45, "about", None)),
    ("some 800", (800, 800, "about", None)),
    ("an estimated 5,000", (5000, 5000, "about", None)),
    ("nearly 40", (40, 40, "about", None)),
    ("almost 1,000", (1000, 1000, "about", None)),
    ("5,000 or more", (5000, None, "at_least", None)),
    ("300 or so", (300, 300, "about", None)),
    ("10,000-plus", (10_000, None, "more_than", None)),
    # ranges
    ("between 10,000 and 12,000", (10_000, 12_000, "range", None)),
    ("10,000-12,000", (10_000, 12_000, "range", None)),
    ("10,000 to 12,000", (10_000, 12_000, "range", None)),
    ("two or three", (2, 3, "range", None)),
    ("1.5 to 2 million", (1.5 * M, 2 * M, "range", None)),
    ("about 40-50", (40, 50, "range", None)),
    # money
    ("$250 million", (250 * M, 250 * M, "exact", "USD")),
    ("$ 250m", (250 * M, 250 * M, "exact", "USD")),
    ("£2bn", (2 * B, 2 * B, "exact", "GBP")),
    ("€ 1.2 billion", (1.2 * B, 1.2 * B, "exact", "EUR")),
    ("1.5 trillion won", (1.5e12, 1.5e12, "exact", "KRW")),
    ("20 million euros", (20 * M, 20 * M, "exact", "EUR")),
    ("5 billion US dollars", (5 * B, 5 * B, "exact", "USD")),
    ("300 million rubles", (300 * M, 300 * M, "exact", "RUB")),
    ("USD 20 million", (20 * M, 20 * M, "exact", "USD")),
    ("US$ 5bn", (5 * B, 5 * B, "exact", "USD")),
    ("HK$10 m", (10 * M, 10 * M, "exact", "HKD")),
    ("billions of dollars", (B, None, "at_least", "USD")),
    ("3.82 billion dlrs", (3.82 * B, 3.82 * B, "exact", "USD")),
    ("18 cts", (0.18, 0.18, "exact", "USD")),
    ("$ 1 - 2 billion", (1 * B, 2 * B, "range", "USD")),
    ("up to $ 50 million", (None, 50 * M, "up_to", "USD")),
    ("between £ 3bn and £ 4bn", (3 * B, 4 * B, "range", "GBP")),
]


@pytest.mark.parametrize(("text", "expected"), READS, ids=[t for t, _ in READS])
def test_reads(text: str, expected: tuple) -> None:
    q = parse_quantity(text)
    assert q is not None, f"no number read in {text!r}"
    low, high, approx, currency = expected
    assert (q.low, q.high, q.approx, q.currency) == (low, high, approx, currency)


def test_quantity_covers_qualifier_and_currency() -> None:
    words = ["they", "sent", "up", "to", "$", "250", "million", "in", "aid"]
    (q,) = find_quantities(words)
    assert words[q.start:q.end] == ["up", "to", "$", "250", "million"]
    assert words[q.num_start:q.num_end] == ["250", "million"]


PERCENTS = ["3.5 %", "12 percent", "4 per cent", "40pc", "2 percentage points"]


@pytest.mark.parametrize("text", PERCENTS)
def test_percentages(text: str) -> None:
    q = parse_quantity(text)
    assert q is not None and q.percent and q.currency is None


# things the reader must not turn into an amount
NOT_AMOUNTS = [
    "S-400", "F-16s", "Hwasong-19", "A320", "2nd", "15th", "5G", "the 1990s", "MH17", "a few",
    "several", "million", "tens",
]


@pytest.mark.parametrize("text", NOT_AMOUNTS)
def test_not_amounts(text: str) -> None:
    assert parse_quantity(text) is None


def test_tallies_are_flagged() -> None:
    for text in ("52-48", "3-1", "1950-53"):
        q = parse_quantity(text)
        assert q is not None and q.tally, text
    q = parse_quantity("10-12")
    assert q is not None and not q.tally


def test_change_keeps_the_new_value() -> None:
    words = ["the", "toll", "rose", "from", "10", "to", "20"]
    (q,) = find_quantities(words)
    assert (q.low, q.high, q.change, q.change_from) == (20, 20, True, 10)


def test_points_and_percent_do_not_make_a_range() -> None:
    words = ["raised", "by", "0.1", "percentage", "points", "to", "4.2", "percent"]
    found = find_quantities(words)
    assert [(q.low, q.high, q.approx) for q in found] == [(0.1, 0.1, "exact"), (4.2, 4.2, "exact")]


def test_weight_in_pounds_is_not_money() -> None:
    q = parse_quantity("500 pounds of explosives")
    assert q is not None and q.currency is None
    q = parse_quantity("weighs 236 pounds")
    assert q is not None and q.currency is None
    for text in ("5 million pounds", "500 pounds sterling", "£ 500"):
        q = parse_quantity(text)
        assert q is not None and q.currency == "GBP", text


# currencies named by a word after the number, including a country's dollar in the wire
# abbreviation and currencies of one country only; text -> ISO code (None: not money)
CURRENCY_WORDS = [
    ("40 mln Australian dlrs", "AUD"),
    ("a 25 mln N.Z. Dlr", "NZD"),
    ("12 mln Canadian dlr", "CAD"),
    ("900 mln Hong Kong dlrs", "HKD"),
    ("400 mln francs", "CHF"),
    ("2 billion French francs", "FRF"),
    ("65 billion baht", "THB"),
    ("718 mln kwacha", "ZMW"),
    ("22 billion pesetas", "ESP"),
    ("7.5 billion markka", "FIM"),
    ("3 billion rupiah", "IDR"),
    ("500 Egyptian pounds", "EGP"),
    ("80 Mexican pesos", "MXN"),
    # negatives: the same words that are not a currency here
    ("scored 40 marks", None),
    ("two drams of whisky", None),
    ("300 pesos", None),  # several countries' peso: not guessed
    ("500 pounds of explosives", None),
]


@pytest.mark.parametrize(("text", "code"), CURRENCY_WORDS, ids=[t for t, _ in CURRENCY_WORDS])
def test_currency_words(text: str, code: str | None) -> None:
    q = parse_quantity(text)
    assert q is not None, text
    assert q.currency == code


def test_metres_are_not_millions() -> None:
    q = parse_quantity("a 400m sprint")
    assert q is not None and q.value == 400 and q.measure == "m"
    q = parse_quantity("25m people")
    assert q is not None and q.value == 25 * M


def test_quantities_do_not_overlap() -> None:
    words = ["killing", "12", "and", "wounding", "30", ",", "with", "4", "missing"]
    found = find_quantities(words)
    assert [q.value for q in found] == [12, 30, 4]
    assert all(a.end <= b.start for a, b in itertools.pairwise(found))


def test_bad_data_file_names_file_and_line(tmp_path: Path) -> None:
    src = Path(__file__).resolve().parents[2] / "src" / "storytrace" / "data" / "claims"
    for name in ("numbers.tsv", "qualifiers.tsv", "currencies.tsv"):
        (tmp_path / name).write_text((src / name).read_text(encoding="utf-8"), encoding="utf-8")
    with (tmp_path / "numbers.tsv").open("a", encoding="utf-8") as f:
        f.write("eleventy\tunit\tlots\n")
    with pytest.raises(LexiconError, match=r"numbers\.tsv:\d+: value 'lots'"):
        load_lexicon(tmp_path)


TRICKY = ["a", "an", "half", "one", "twenty", "-", "five", "hundred", "and", "thousand", "million", "m", "bn",
          "$", "£", "US$", "USD", "10,000", "3.5", "0958", "2bn", "to", "or", "between", "up", "at", "least",
          "more", "than", "tens", "of", "thousands", "dozens", "dozen", "%", "percent", "per", "cent", "won",
          "pounds", "plus", "so", "from", "several", "troops", "", "7", "52", "48"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(TRICKY), max_size=25))
def test_reader_never_fails_and_keeps_its_invariants(words: list[str]) -> None:
    found = find_quantities(words)
    for q in found:
        assert 0 <= q.start <= q.num_start < q.num_end <= q.end <= len(words)
        assert q.low is not None or q.high is not None
        assert q.tally or q.low is None or q.high is None or q.low <= q.high
    assert all(a.end <= b.start for a, b in itertools.pairwise(found))
