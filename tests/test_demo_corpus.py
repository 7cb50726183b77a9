"""The built-in demo corpus (src/storytrace/demo/articles.jsonl) and its gold set
(tests/data/demo_set/): well-formed, the story line the demo relies on, gold strings that
resolve in their documents, and text of our own (no 8-word run shared with ../shared)."""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import date
from itertools import combinations
from pathlib import Path

import pytest

from storytrace.cli.demo import demo_corpus_path
from storytrace.ingest import dedup
from tests.goldsets import EVENT_TYPES, LAYERS, copied_runs, norm, read_jsonl

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "src" / "storytrace" / "demo" / "articles.jsonl"
DEMO_SET = ROOT / "tests" / "data" / "demo_set"
FIELDS = ("id", "title", "text", "published", "source", "url")
TIMEX = re.compile(r"^(\d{4}(-\d{2}(-\d{2}(T(MO|AF|EV|NI))?)?|-W\d{2}|-(SP|SU|FA|WI)|-Q[1-4])?|\d{2,3}"
                   r"|PAST_REF|PRESENT_REF|FUTURE_REF)$")


ARTICLES = read_jsonl(CORPUS)
BY_ID = {a["id"]: a for a in ARTICLES}
GOLD = {g["id"]: g for g in read_jsonl(DEMO_SET / "gold.jsonl")}


# --------------------------------------------------------------------------- the corpus

def test_the_demo_command_reads_this_file() -> None:
    assert demo_corpus_path().resolve() == CORPUS.resolve()


def test_records_are_complete_and_ids_unique() -> None:
    assert len(ARTICLES) >= 15
    for a in ARTICLES:
        assert set(FIELDS) <= set(a), f"{a.get('id')}: missing {set(FIELDS) - set(a)}"
        for name in ("id", "title", "text", "published", "source"):
            assert isinstance(a[name], str) and a[name].strip(), f"{a['id']}: empty {name}"
        assert a["url"] is None or a["url"].startswith("https://example.org/"), a["id"]
        assert re.fullmatch(r"demo-\d{3}", a["id"]), a["id"]
    assert len(BY_ID) == len(ARTICLES), "duplicate ids"


def test_articles_are_short_news_stories_in_paragraphs() -> None:
    for a in ARTICLES:
        words = len(a["text"].split())
        assert 150 <= words <= 400, f"{a['id']}: {words} words"
        paragraphs = a["text"].split("\n\n")
        assert len(paragraphs) >= 4, a["id"]
        assert all(p.strip() == p and p and "\n" not in p for p in paragraphs), a["id"]


def test_several_outlets_and_dates_from_october_2024_to_june_2025() -> None:
    outlets = Counter(a["source"] for a in ARTICLES)
    assert len(outlets) >= 5
    days = sorted(date.fromisoformat(a["published"]) for a in ARTICLES)
    assert (days[0].year, days[0].month) == (2024, 10)
    assert (days[-1].year, days[-1].month) == (2025, 6)


def test_one_main_story_and_a_second_unrelated_one() -> None:
    korea = [a["id"] for a in ARTICLES if "North Korea" in a["text"]]
    floods = [a["id"] for a in ARTICLES if "Valencia" in a["text"] and "North Korea" not in a["text"]]
    assert len(korea) >= 17
    assert 3 <= len(floods) <= 5
    assert len(korea) + len(floods) == len(ARTICLES)


# Each feature the extractors and the demo rely on, as (name, pattern, at least this many articles).
FEATURES = [
    ("range estimate", r"between 10,000 and 12,000", 1),
    ("up-to estimate", r"\bup to 10,000\b", 1),
    ("approximate estimate", r"\b(about|roughly|some) \d{1,2},\d{3}\b", 8),
    ("lower bound", r"\b(more than|at least) [\d,]+\b", 6),
    ("money", r"(\$|€)\d[\d.]* (million|billion)", 3),
    ("strike casualties", r"killed \d+ people and injured \d+", 1),
    ("straight direct quote", r"\"[A-Z][^\"]{20,}\"", 6),
    ("curly direct quote", r"“[A-Z][^”]{20,}”", 6),
    ("split quote", r"[,:]” he said, “[a-z]", 1),
    ("pronoun speaker", r"[,.][\"”] (he|she) (said|added|wrote|told reporters)", 6),
    ("weekday", r"\bon (Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b", 15),
    ("last autumn", r"\blast autumn\b", 2),
    ("in April", r"\bin April\b", 2),
    ("earlier this year", r"\bearlier this year\b", 1),
    ("this summer", r"\bthis summer\b", 2),
    ("next week", r"\bnext week\b", 1),
    ("Kursk", r"\bKursk\b", 12),
    ("Pyongyang", r"\bPyongyang\b", 8),
]


@pytest.mark.parametrize(("name", "pattern", "least"), FEATURES, ids=[f[0] for f in FEATURES])
def test_the_corpus_carries(name: str, pattern: str, least: int) -> None:
    having = [a["id"] for a in ARTICLES if re.search(pattern, a["text"])]
    assert len(having) >= least, f"{name}: only in {having}"


def test_the_wire_story_pair_is_the_only_near_duplicate() -> None:
    sigs = {a["id"]: dedup.signature(a["text"]) for a in ARTICLES}
    near = [(x, y) for x, y in combinations(sigs, 2) if dedup.similarity(sigs[x], sigs[y]) >= dedup.THRESHOLD]
    assert near == [("demo-003", "demo-004")]
    a, b = BY_ID["demo-003"], BY_ID["demo-004"]
    assert a["text"] != b["text"] and a["title"] != b["title"] and a["source"] != b["source"]


# --------------------------------------------------------------------------- the gold set

def test_the_scorer_set_holds_the_corpus_and_gold_for_every_article() -> None:
    assert (DEMO_SET / "docs.jsonl").read_bytes() == CORPUS.read_bytes()
    assert list(GOLD) == list(BY_ID)
    for doc_id, g in GOLD.items():
        assert set(LAYERS) <= set(g), f"{doc_id}: layers {set(LAYERS) - set(g)} not annotated"


def _gold_strings(g: dict) -> list[tuple[str, str, str | None]]:
    """(layer, string, the evidence it must lie in) for every string the scorer locates."""
    out: list[tuple[str, str, str | None]] = []
    for item in g["quotes"]:
        out += [("quotes", part, None) for part in item.get("parts", [item["text"]])]
    out += [(layer, item["evidence"], None) for layer in ("claims", "events") for item in g[layer]]
    for layer in ("times", "places"):
        for item in g[layer]:
            out.append((layer, item["text"], item.get("evidence")))
            if "evidence" in item:
                out.append((layer, item["evidence"], None))
    return out


@pytest.mark.parametrize("doc_id", sorted(GOLD))
def test_every_gold_string_is_found_in_its_document(doc_id: str) -> None:
    text = norm(BY_ID[doc_id]["text"])
    for layer, needle, evidence in _gold_strings(GOLD[doc_id]):
        where = norm(evidence) if evidence else text
        assert norm(needle) in where, f"{doc_id} {layer}: {needle!r} not found"
    for item in GOLD[doc_id]["quotes"]:
        if "parts" in item:
            assert item["text"] == " ".join(item["parts"])


@pytest.mark.parametrize("doc_id", sorted(GOLD))
def test_gold_values_are_well_formed(doc_id: str) -> None:
    g = GOLD[doc_id]
    for item in g["events"]:
        types = item["type"] if isinstance(item["type"], list) else [item["type"]]
        assert set(types) <= EVENT_TYPES, f"{doc_id}: {types}"
        assert isinstance(item["required"], bool)
    for item in g["times"]:
        values = item["value"] if isinstance(item["value"], list) else [item["value"]]
        assert all(v is None or TIMEX.match(v) for v in values), f"{doc_id}: {item}"
    for item in g["claims"]:
        low, high = item.get("low"), item.get("high")
        assert low is None or high is None or low <= high, f"{doc_id}: {item}"
        assert item["approx"] != "range" or (low is not None and high is not None and low < high)
        assert item["approx"] != "up_to" or (low is None and high is not None)
    for item in g["places"]:
        if "lat" in item:
            assert -90 <= item["lat"] <= 90 and -180 <= item["lon"] <= 180
    for item in g["actors"]:
        assert item["names"] and (item["id"] in ("person", "org") or re.fullmatch(r"[A-Z]{3}", item["id"]))


def _troop_claims() -> list[tuple[str, date, str, dict]]:
    """(doc id, published, outlet, claim) for the gold troop estimates."""
    return [(d, date.fromisoformat(BY_ID[d]["published"]), BY_ID[d]["source"], c)
            for d, g in GOLD.items() for c in g["claims"] if c["category"] == "troops"]


def _from(claim: dict, name: str) -> bool:
    return name in claim.get("source", [])


def test_a_source_revises_its_own_troop_figure() -> None:
    nis = {(when, c["low"], c["high"]) for _, when, _, c in _troop_claims()
           if _from(c, "National Intelligence Service") and c.get("required", True)}
    assert len({when for when, *_ in nis}) >= 2
    assert len({(low, high) for _, low, high in nis}) >= 2


def test_two_sources_disagree_in_the_same_week() -> None:
    blinken = [(w, c["high"]) for _, w, _, c in _troop_claims() if _from(c, "Antony Blinken")]
    zelensky = [(w, c["high"]) for _, w, _, c in _troop_claims() if _from(c, "Volodymyr Zelensky")]
    assert any(abs((wb - wz).days) <= 7 and vb != vz for wb, vb in blinken for wz, vz in zelensky)


def test_one_figure_is_repeated_by_several_outlets_from_one_source() -> None:
    repeats = {outlet for _, _, outlet, c in _troop_claims() if _from(c, "Pentagon") and c["low"] == 10000}
    assert len(repeats) >= 3


# --------------------------------------------------------------------------- our own words

@pytest.mark.shared
def test_no_article_shares_an_eight_word_run_with_shared(shared: Path) -> None:
    copied, scanned = copied_runs({a["id"]: f"{a['title']}\n{a['text']}" for a in ARTICLES}, shared)
    assert scanned > 1_000_000, "expected the corpora, eval sets and seeds under ../shared"
    assert not copied, f"8-word runs shared with ../shared: {copied[:5]}"


def test_the_copy_check_finds_a_copied_run(tmp_path: Path) -> None:
    (tmp_path / "docs.jsonl").write_text(json.dumps(
        {"text": "Officials said the long convoy of trucks crossed the river before dawn on Sunday."}) + "\n")
    ours = {"a": "Witnesses say the long convoy of trucks crossed the river before noon.", "b": "Nothing alike."}
    copied, scanned = copied_runs(ours, tmp_path)
    assert scanned == 14
    where = f"{tmp_path / 'docs.jsonl'}:1"
    assert copied == [("a", where, "the long convoy of trucks crossed the river"),
                      ("a", where, "long convoy of trucks crossed the river before")]
