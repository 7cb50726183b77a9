"""Tracked figures: grouping claims about the same quantity, one count per original source,
conflicts between sources, revisions by a source."""

from __future__ import annotations

import pytest

from storytrace.stories import track as TR
from storytrace.stories.queries import Scope
from tests.stories import corpus


@pytest.mark.parametrize("about, key", [
    ("North Korean troops", {"north", "korea", "troop"}),
    ("troops from North Korea", {"north", "korea", "troop"}),
    ("DPRK soldiers", {"north", "korea", "troop"}),
    ("an estimated 10,000 North Korean soldiers in Russia", {"north", "korea", "troop", "russia"}),
    ("people killed in the Kharkiv strike", {"killed", "kharkiv", "strike"}),
    ("dead", {"killed"}),
    ("Russian servicemen", {"russia", "troop"}),
])
def test_about_key(about: str, key: set[str]) -> None:
    assert TR.about_key(about) == frozenset(key)


@pytest.mark.parametrize("a, b, same", [
    ({"north", "korea", "troop"}, {"north", "korea", "troop", "russia"}, True),
    ({"killed", "kharkiv", "strike"}, {"killed", "kharkiv"}, True),
    ({"troop"}, {"north", "korea", "troop"}, False),  # too generic to be the same figure
    ({"killed", "kharkiv"}, {"injured", "kharkiv"}, False),
    ({"north", "korea", "troop"}, {"russia", "troop"}, False),
    (set(), {"troop"}, False),
])
def test_same_thing(a: set[str], b: set[str], same: bool) -> None:
    assert TR.same_thing(frozenset(a), frozenset(b)) is same


def _obs(low: float | None, high: float | None = None, approx: str = "exact") -> TR.Observation:
    return TR.Observation(doc_id="d", idx=0, date="2024-11-01", low=low, high=low if high is None else high,
                          approx=approx, unit="person", about="x", source="s", source_key="s", attributed=True,
                          outlet=None, stance="asserted", when=None, start=0, end=1)


@pytest.mark.parametrize("a, b, ok", [
    (_obs(10000), _obs(10000), True),
    (_obs(10000), _obs(10500, approx="about"), True),  # about 10,500 allows 10,000
    (_obs(10000), _obs(11000), False),
    (_obs(None, 10000, "up_to"), _obs(8000), True),
    (_obs(None, 10000, "up_to"), _obs(12000), False),
    (_obs(10000, None, "at_least"), _obs(15000), True),
    (_obs(10000, None, "at_least"), _obs(9000), False),
    (_obs(10000, 12000, "range"), _obs(11000), True),
    (_obs(10000, 12000, "range"), _obs(13000), False),
])
def test_compatible(a: TR.Observation, b: TR.Observation, ok: bool) -> None:
    assert TR.compatible(a, b) is ok
    assert TR.compatible(b, a) is ok


@pytest.mark.parametrize("low, high, approx, text", [
    (10000, 10000, "exact", "10,000"),
    (None, 10000, "up_to", "up to 10,000"),
    (10000, 12000, "range", "10,000–12,000"),
    (1500, 1500, "about", "about 1,500"),
    (425000000, 425000000, "exact", "425 million"),
    (10600000000, 10600000000, "about", "about 10.6 billion"),
    (2.5, 2.5, "more_than", "more than 2.5"),
])
def test_format_value(low: float | None, high: float | None, approx: str, text: str) -> None:
    assert TR.format_value(low, high, approx) == text


@pytest.fixture
def story_store(store):  # type: ignore[no-untyped-def]
    corpus.store_story(store)
    return store


def _troops(store) -> TR.Figure:  # type: ignore[no-untyped-def]
    found = TR.find(store, "North Korean troops")
    assert found, "no figure found"
    return found[0]


def test_figure_groups_wordings_and_counts_each_source_once(story_store) -> None:  # type: ignore[no-untyped-def]
    f = _troops(story_store)
    # every wording ("soldiers", "troops in Russia") lands in one figure
    assert {o.about for o in f.observations} == {"North Korean troops", "North Korean soldiers",
                                                  "North Korean troops in Russia"}
    values = [(o.date, o.source, o.value) for o in f.observations]
    assert values == [
        ("2024-10-18", "National Intelligence Service", "about 1,500"),
        ("2024-10-23", "Pentagon", "about 3,000"),
        ("2024-10-24", "National Intelligence Service", "3,000"),
        ("2024-10-29", "Ukrainian military intelligence", "12,000"),
        ("2024-11-05", "Pentagon", "about 10,000"),
    ]
    assert f.claims == 7  # nk-5 repeats the Pentagon, nk-3b is a copy of nk-3: listed, not counted
    assert sorted(f.sources) == ["National Intelligence Service", "Pentagon", "Ukrainian military intelligence"]
    assert f.range_text() == "1,500–12,000"


def test_repeats_and_duplicates_are_folded_into_the_first_report(story_store) -> None:  # type: ignore[no-untyped-def]
    f = _troops(story_store)
    by_doc = {o.doc_id: o for o in f.observations}
    assert [r["doc_id"] for r in by_doc["nk-2"].repeats] == ["nk-5"]  # same source, same value, other outlet
    assert [r["doc_id"] for r in by_doc["nk-3"].repeats] == ["nk-3b"]  # duplicate copy
    assert "nk-5" not in by_doc and "nk-3b" not in by_doc


def test_revisions_are_a_source_changing_its_own_figure(story_store) -> None:  # type: ignore[no-untyped-def]
    f = _troops(story_store)
    revs = [(r.source, r.before.value, r.after.value, r.direction) for r in f.revisions]
    assert revs == [("National Intelligence Service", "about 1,500", "3,000", "up"),
                    ("Pentagon", "about 3,000", "about 10,000", "up")]


def test_conflicts_are_sources_disagreeing_within_a_week(story_store) -> None:  # type: ignore[no-untyped-def]
    f = _troops(story_store)
    pairs = {(c.a.doc_id, c.b.doc_id) for c in f.conflicts}
    assert pairs == {
        ("nk-1", "nk-2"),  # about 1,500 vs about 3,000, five days apart (nk-1 -> nk-3 is NIS revising)
        ("nk-2", "nk-4"),  # 3,000 vs 12,000
        ("nk-3", "nk-4"),
        ("nk-4", "nk-6"),  # 12,000 vs about 10,000 (9,000-11,000), seven days apart
    }
    # the same source never conflicts with itself (that is a revision), and agreeing sources do not
    assert ("nk-2", "nk-3") not in pairs  # Pentagon about 3,000 and NIS 3,000 agree
    assert all(c.a.source_key != c.b.source_key for c in f.conflicts)


def test_reports_far_apart_do_not_conflict() -> None:
    a, b = _obs(1000), _obs(5000)
    a.source_key, b.source_key = "x", "y"
    b.date = "2024-12-01"
    conflicts, _ = TR._compare([a, b])
    assert conflicts == []
    b.date = "2024-11-06"
    conflicts, _ = TR._compare([a, b])
    assert len(conflicts) == 1


def test_denied_figures_are_shown_but_not_compared() -> None:
    a, b = _obs(1000), _obs(5000)
    a.source_key, b.source_key = "x", "y"
    b.stance = "denied"
    conflicts, revisions = TR._compare([a, b])
    assert conflicts == [] and revisions == []


def test_unattributed_figures_belong_to_their_outlet() -> None:
    claims = [
        {"doc_id": "a", "idx": 0, "about": "people killed in the flood", "category": "killed", "low": 40,
         "high": 40, "approx": "exact", "published": "2024-07-01", "outlet": "Daily A", "rowid": 1,
         "start": 0, "end": 2},
        {"doc_id": "b", "idx": 0, "about": "killed in the flood", "category": "killed", "low": 40, "high": 40,
         "approx": "exact", "published": "2024-07-01", "outlet": "Daily B", "rowid": 2, "start": 0, "end": 2},
        {"doc_id": "c", "idx": 0, "about": "killed in the flood", "category": "killed", "low": 40, "high": 40,
         "approx": "exact", "published": "2024-07-02", "outlet": "Daily A", "rowid": 3, "start": 0, "end": 2},
    ]
    [f] = TR.group(claims)
    assert [(o.source, [r["doc_id"] for r in o.repeats]) for o in f.observations] == [
        ("Daily A (own report)", ["c"]), ("Daily B (own report)", [])]
    assert not any(o.attributed for o in f.observations)


def test_find_matches_what_is_counted_not_any_word(story_store) -> None:  # type: ignore[no-untyped-def]
    [kharkiv] = [f for f in TR.find(story_store, "killed in Kharkiv")]
    assert kharkiv.category == "killed"
    assert [o.value for o in kharkiv.observations] == ["3", "5"]
    assert [(r.before.value, r.after.value) for r in kharkiv.revisions] == [("3", "5")]
    assert TR.find(story_store, "North Korean troops")[0].category == "troops"
    assert TR.find(story_store, "refugees in Poland") == []


def test_scope_limits_the_figure_to_a_date_range(story_store) -> None:  # type: ignore[no-untyped-def]
    f = TR.find(story_store, "North Korean troops", Scope(since="2024-10-29"))[0]
    assert [o.doc_id for o in f.observations] == ["nk-4", "nk-5", "nk-6"]
    # nk-5 is now the first Pentagon report of 3,000 in scope
    assert [(r.before.doc_id, r.after.doc_id) for r in f.revisions] == [("nk-5", "nk-6")]
