"""The diverse evaluation set (tests/data/diverse_set): 30 short wire stories of our own on many
regions and event kinds, with gold for all six layers in the scorer's format.

Checks that the set is well formed, carries the writing features it exists to exercise, that every
gold string is found where the scorer looks for it, that gold values have the scorer's shapes
(PLOVER types, ISO3 codes, TIMEX3 values, claim bounds) and agree with the publication dates, and
that no article shares an 8-word run with any text under ../shared."""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from collections import Counter
from datetime import date, timedelta
from itertools import combinations
from pathlib import Path

import pycountry
import pytest

from storytrace.ingest import dedup
from tests.goldsets import EVENT_TYPES, LAYERS, copied_runs, norm, read_jsonl

ROOT = Path(__file__).resolve().parent.parent
SET_DIR = ROOT / "tests" / "data" / "diverse_set"
DOC_FIELDS = ("id", "title", "text", "published", "source", "url")
STATUSES = frozenset({"asserted", "reported", "hedged", "predicted", "negated", "hypothetical"})
QUOTE_KINDS = frozenset({"direct", "indirect", "mixed"})
APPROX = frozenset({"exact", "about", "up_to", "at_least", "more_than", "less_than", "range"})
CATEGORIES = frozenset({"troops", "killed", "injured", "arrested", "displaced", "money", "weapons", "people",
                        "other"})
# Event actors/recipients are ISO3 state codes; international bodies go by their names.
IGO_NAMES = frozenset({"EU", "European Union", "European Commission", "NATO", "UN", "United Nations", "IMF",
                       "International Monetary Fund", "World Bank", "Inter-American Development Bank", "IDB",
                       "ECOWAS", "ICC", "International Criminal Court"})
TIMEX = re.compile(r"^(\d{4}(-\d{2}(-\d{2}(T(MO|AF|EV|NI|\d{2}:\d{2}))?)?|-W\d{2}(-WE)?|-(SP|SU|FA|WI)|-Q[1-4])?"
                   r"|\d{2,3}|PAST_REF|PRESENT_REF|FUTURE_REF)$")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


DOCS = read_jsonl(SET_DIR / "docs.jsonl")
BY_ID = {d["id"]: d for d in DOCS}
GOLD = {g["id"]: g for g in read_jsonl(SET_DIR / "gold.jsonl")}


def as_list(value: object) -> list:
    return value if isinstance(value, list) else [value]


# --------------------------------------------------------------------------- the documents

def test_documents_are_complete_and_ids_unique() -> None:
    assert 24 <= len(DOCS) <= 30
    assert len(BY_ID) == len(DOCS), "duplicate ids"
    for d in DOCS:
        assert set(d) == set(DOC_FIELDS), f"{d.get('id')}: fields {sorted(d)}"
        assert re.fullmatch(r"div-\d{3}", d["id"]), d["id"]
        for name in ("title", "text", "source"):
            assert isinstance(d[name], str) and d[name].strip(), f"{d['id']}: empty {name}"
        assert d["url"] is None, d["id"]
        date.fromisoformat(d["published"])


def test_articles_are_short_wire_stories_in_paragraphs() -> None:
    for d in DOCS:
        words = len(d["text"].split())
        assert 120 <= words <= 350, f"{d['id']}: {words} words"
        paragraphs = d["text"].split("\n\n")
        assert len(paragraphs) >= 4, d["id"]
        assert all(p and p.strip() == p and "\n" not in p for p in paragraphs), d["id"]


def test_many_outlets_and_dates() -> None:
    assert len({d["source"] for d in DOCS}) >= 15
    months = {d["published"][:7] for d in DOCS}
    assert len(months) >= 9, sorted(months)
    assert {m[:4] for m in months} == {"2024", "2025"}


def test_no_two_articles_are_near_duplicates() -> None:
    """Ingest drops near-duplicates: every article of the set must reach the store."""
    sigs = {d["id"]: dedup.signature(d["text"]) for d in DOCS}
    near = [(a, b) for a, b in combinations(sigs, 2) if dedup.similarity(sigs[a], sigs[b]) >= dedup.THRESHOLD]
    assert near == []


# Writing features the set exists to exercise: (name, pattern, at least this many articles).
FEATURES = [
    ("straight direct quote", r"\"[A-Z][^\"]{15,}[,.?]\"", 8),
    ("curly direct quote", r"\u201c[A-Z][^\u201d]{15,}[,.?]\u201d", 8),
    ("quote continued in a second sentence", r"[,.?][\"\u201d] [^\"\u201c]{0,120}[.] [\"\u201c][A-Z]", 4),
    ("speaker after the quote", r"[,.][\"\u201d] (said|told|wrote) [A-Z]", 3),
    ("pronoun speaker", r"[,.][\"\u201d] (he|she) (said|added|wrote|told)", 5),
    ("speaker before the quote", r"(asked officers|said): [\"\u201c]|^[A-Z][^.]+ said [\"\u201c]", 1),
    ("mixed quote", r"(said|warned|vowed|called)[^.\"\u201c]{0,80}[\"\u201c][a-z]", 5),
    ("according to", r"\baccording to\b", 6),
    ("killed and wounded", r"killed [\d,]+ [a-z]+ and wounded [\d,]+", 2),
    ("at least", r"\b[Aa]t least [\d,.]+", 6),
    ("more than", r"\b[Mm]ore than [\d,.]+", 8),
    ("range", r"\bbetween [\d,]+ and [\d,]+", 3),
    ("up to", r"\bup to [$\u20ac\u00a3]?[\d,.]+", 3),
    ("about", r"\b([Aa]bout|[Ss]ome|[Nn]early) [$\u20ac\u00a3]?[\d,.]+", 8),
    ("money", r"[$\u20ac\u00a3][\d.]+ (million|billion)", 6),
    ("percent", r"\b[\d.]+%", 4),
    ("weekday", r"\bon (Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b", 20),
    ("last month", r"\blast month\b", 2),
    ("next week", r"\bnext week\b", 2),
    ("earlier this year or week", r"\b[Ee]arlier this (year|week)\b", 2),
    ("month name", r"\bin (January|March|April|November|December)\b", 6),
    ("full date", r"\b(January|April|July|October|November|December) \d{1,2}\b", 4),
    ("year", r"\b(in|since) (19|20)\d\d\b", 5),
    ("sea or river", r"\b(Red Sea|Black Sea|South China Sea|Gulf of Aden|Taiwan Strait|Litani River|Irrawaddy)\b", 5),
]


@pytest.mark.parametrize(("name", "pattern", "least"), FEATURES, ids=[f[0] for f in FEATURES])
def test_the_set_carries(name: str, pattern: str, least: int) -> None:
    having = [d["id"] for d in DOCS if re.search(pattern, d["text"], re.M)]
    assert len(having) >= least, f"{name}: only in {having}"


# --------------------------------------------------------------------------- the gold

def test_gold_for_every_document_and_layer() -> None:
    assert list(GOLD) == list(BY_ID)
    for doc_id, g in GOLD.items():
        assert set(g) == {"id", *LAYERS}, f"{doc_id}: {sorted(g)}"
        assert all(isinstance(g[layer], list) and g[layer] for layer in LAYERS), doc_id


def test_the_set_is_large_enough_to_measure() -> None:
    required = Counter(layer for g in GOLD.values() for layer in LAYERS for item in g[layer]
                       if item.get("required", True))
    least = {"actors": 200, "quotes": 150, "claims": 80, "times": 100, "places": 100, "events": 180}
    assert all(required[layer] >= n for layer, n in least.items()), required
    types = {t for g in GOLD.values() for e in g["events"] if e["required"] for t in as_list(e["type"])}
    assert types == EVENT_TYPES, f"no required event of type {sorted(EVENT_TYPES - types)}"


@pytest.mark.parametrize("doc_id", sorted(GOLD))
def test_every_gold_string_is_found_in_its_document(doc_id: str) -> None:
    text, g = norm(BY_ID[doc_id]["text"]), GOLD[doc_id]
    for item in g["quotes"]:
        parts = item.get("parts", [item["text"]])
        assert item["text"] == " ".join(parts), f"{doc_id}: parts do not make the text {item['text']!r}"
        for part in parts:
            assert norm(part) in text, f"{doc_id} quote: {part!r} not found"
    for layer in ("claims", "events"):
        for item in g[layer]:
            assert norm(item["evidence"]) in text, f"{doc_id} {layer}: {item['evidence']!r} not found"
    for layer in ("times", "places"):
        for item in g[layer]:
            assert norm(item["text"]) in text, f"{doc_id} {layer}: {item['text']!r} not found"
            if "evidence" in item:
                evidence = norm(item["evidence"])
                assert text.count(evidence) == 1, f"{doc_id} {layer}: evidence {item['evidence']!r} not unique"
                assert norm(item["text"]) in evidence, f"{doc_id} {layer}: {item['text']!r} not in its evidence"


def _is_state(code: object) -> bool:
    return isinstance(code, str) and (code == "XKX" or pycountry.countries.get(alpha_3=code) is not None)


def _speakers_ok(names: object) -> bool:
    return isinstance(names, list) and bool(names) and all(isinstance(n, str) and n.strip() for n in names) \
        and not {n.casefold() for n in names} & {"he", "she", "it", "they"}


@pytest.mark.parametrize("doc_id", sorted(GOLD))
def test_gold_values_are_well_formed(doc_id: str) -> None:
    g = GOLD[doc_id]
    for item in g["actors"]:
        assert item["id"] in ("person", "org", "igo") or _is_state(item["id"]), f"{doc_id}: {item}"
        assert item["names"] and all(isinstance(n, str) and n for n in item["names"]), f"{doc_id}: {item}"
        if "country" in item:
            assert all(c is None or _is_state(c) for c in as_list(item["country"])), f"{doc_id}: {item}"
    for item in g["quotes"]:
        assert item["kind"] in QUOTE_KINDS and _speakers_ok(item["speaker"]), f"{doc_id}: {item}"
        assert item["text"] == item["text"].strip() and not item["text"].startswith("that "), f"{doc_id}: {item}"
    for item in g["claims"]:
        low, high, approx = item.get("low"), item.get("high"), item["approx"]
        assert approx in APPROX and set(as_list(item["category"])) <= CATEGORIES, f"{doc_id}: {item}"
        if "low" in item or "high" in item:
            assert low is not None or high is not None, f"{doc_id}: {item}"
            if approx in ("exact", "about"):
                assert low == high, f"{doc_id}: {item}"
            elif approx in ("at_least", "more_than"):
                assert low is not None and high is None, f"{doc_id}: {item}"
            elif approx in ("up_to", "less_than"):
                assert low is None and high is not None, f"{doc_id}: {item}"
            else:
                assert low is not None and high is not None and low < high, f"{doc_id}: {item}"
        if "source" in item:
            assert isinstance(item["source"], list), f"{doc_id}: {item}"
    for item in g["times"]:
        assert all(v is None or TIMEX.match(v) for v in as_list(item["value"])), f"{doc_id}: {item}"
    for item in g["places"]:
        assert all(c is None or _is_state(c) for c in as_list(item["country"])), f"{doc_id}: {item}"
        if "lat" in item:
            assert -90 <= item["lat"] <= 90 and -180 <= item["lon"] <= 180, f"{doc_id}: {item}"
    for item in g["events"]:
        assert set(as_list(item["type"])) <= EVENT_TYPES, f"{doc_id}: {item}"
        assert isinstance(item["required"], bool), f"{doc_id}: {item}"
        assert set(as_list(item.get("status", []))) <= STATUSES, f"{doc_id}: {item}"
        for role in ("actors", "recipients"):
            assert all(_is_state(r) or r in IGO_NAMES for r in item.get(role, [])), f"{doc_id}: {item}"


def _published(doc_id: str) -> date:
    return date.fromisoformat(BY_ID[doc_id]["published"])


def _week(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _dated(doc_id: str) -> list[tuple[str, list[str]]]:
    return [(t["text"], [v for v in as_list(t["value"]) if v]) for t in GOLD[doc_id]["times"]]


@pytest.mark.parametrize("doc_id", sorted(GOLD))
def test_weekdays_resolve_to_that_day_near_publication(doc_id: str) -> None:
    published = _published(doc_id)
    for text, values in _dated(doc_id):
        names = [w for w in WEEKDAYS if w in text]
        for value in values:
            if names and re.fullmatch(r"\d{4}-\d{2}-\d{2}(T.*)?", value):
                day = date.fromisoformat(value[:10])
                assert WEEKDAYS[day.weekday()] == names[0], f"{doc_id}: {text!r} = {value}"
                assert abs((day - published).days) <= 8, f"{doc_id}: {text!r} = {value}, published {published}"


RELATIVE = {
    "last week": lambda p: _week(p - timedelta(days=7)),
    "next week": lambda p: _week(p + timedelta(days=7)),
    "last month": lambda p: f"{(p.replace(day=1) - timedelta(days=1)):%Y-%m}",
    "this month": lambda p: f"{p:%Y-%m}",
    "next month": lambda p: f"{(p.replace(day=28) + timedelta(days=4)):%Y-%m}",
    "earlier this year": lambda p: f"{p:%Y}",
}


@pytest.mark.parametrize("doc_id", sorted(GOLD))
def test_relative_weeks_and_months_resolve_against_publication(doc_id: str) -> None:
    published = _published(doc_id)
    for text, values in _dated(doc_id):
        if text.casefold() in RELATIVE:
            assert values == [RELATIVE[text.casefold()](published)], f"{doc_id}: {text!r} = {values}"


# --------------------------------------------------------------------------- with ../shared

def _scorer(shared: Path):  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("diverse_set_score", shared / "eval" / "score.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_the_scorer_locates_every_gold_item(shared: Path, tmp_path: Path) -> None:
    """Scored against an empty export, the set gives no warning about its own gold, scores every
    layer, and every required item is a miss (nothing matches by accident)."""
    score = _scorer(shared)
    empty = tmp_path / "export.jsonl"
    empty.write_text("".join(json.dumps({"id": d["id"], "text": d["text"]}) + "\n" for d in DOCS), encoding="utf-8")
    result = score.score_set(SET_DIR, empty)
    gold_warnings = {kind: n for kind, n in result.issues.counts.items() if kind.startswith("gold")}
    assert gold_warnings == {}
    assert list(result.layers) == list(LAYERS)
    for layer, scored in result.layers.items():
        counts = next(iter(scored.counts.values()))
        required = sum(item.get("required", True) is True for g in GOLD.values() for item in g[layer])
        assert (counts.tp, counts.fp, counts.fn) == (0, 0, required), layer


@pytest.mark.shared
def test_no_article_shares_an_eight_word_run_with_shared(shared: Path) -> None:
    copied, scanned = copied_runs({d["id"]: f"{d['title']}\n{d['text']}" for d in DOCS}, shared)
    assert scanned > 1_000_000, "expected the corpora, eval sets and seeds under ../shared"
    assert not copied, f"8-word runs shared with ../shared: {copied[:5]}"
