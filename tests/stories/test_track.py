"""Tracked figures: grouping claims about the same quantity, one count per original source,
conflicts between sources (same quantity, same time), evolutions, increments, plans and
revisions by a source."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from storytrace.records import Document
from storytrace.stories import track as TR
from storytrace.stories.queries import Scope
from tests.stories import corpus
from tests.stories.builders import actor, claim, ref, save


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
        ("2024-10-30", "NATO", "about 5,000"),
        ("2024-11-05", "Pentagon", "about 10,000"),
    ]
    assert f.claims == 8  # nk-5 repeats the Pentagon, nk-3b is a copy of nk-3: listed, not counted
    assert sorted(f.sources) == ["NATO", "National Intelligence Service", "Pentagon",
                                 "Ukrainian military intelligence"]
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


def test_conflicts_are_sources_disagreeing_at_the_same_time(story_store) -> None:  # type: ignore[no-untyped-def]
    f = _troops(story_store)
    pairs = {(c.a.doc_id, c.b.doc_id) for c in f.conflicts}
    # Kyiv's 12,000 and NATO's about 5,000 a day later cannot both hold
    assert pairs == {("nk-4", "nk-4b")}
    # a count growing over days or weeks is an evolution: NIS about 1,500 (10-18) vs the Pentagon about
    # 3,000 (10-23), Kyiv 12,000 (10-29) vs the Pentagon about 10,000 (11-05)
    assert ("nk-1", "nk-2") not in pairs and ("nk-4", "nk-6") not in pairs
    assert all(c.a.source_key != c.b.source_key for c in f.conflicts)


# ---------------------------------------------------------------------- the rules, on hand-built claims
def _c(doc: str, day: str, low: float, high: float | None = None, *, approx: str = "exact",
       source: str | None = None, source_id: str | None = None, when: str | None = None,
       increment: bool = False, planned: bool = False, about: str = "North Korean troops",
       category: str = "troops", story: int | None = None) -> dict[str, Any]:
    """A claim row as load_claims gives it (context already read: increment, planned)."""
    src = {"id": source_id, "name": source, "text": source} if source or source_id else None
    return {"doc_id": doc, "idx": 0, "about": about, "category": category, "unit": "person", "low": low,
            "high": low if high is None else high, "approx": approx, "source": src, "stance": "reported",
            "when": {"value": when} if when else None, "published": day, "outlet": f"Outlet of {doc}",
            "rowid": int(doc.strip("abcdefghijklmnopqrstuvwxyz-") or 0), "start": 0, "end": 5,
            "increment": increment, "planned": planned, "story": story}


def _figure(*claims: dict[str, Any]) -> TR.Figure:
    [f] = TR.group(claims)
    return f


def _conflicts(f: TR.Figure) -> set[tuple[str, str]]:
    return {(c.a.doc_id, c.b.doc_id) for c in f.conflicts}


@pytest.mark.parametrize("a, b, conflict", [
    # different sources, values that cannot both hold, same or adjacent days: a conflict
    (_c("d1", "2024-11-04", 11000, source="Kyiv"), _c("d2", "2024-11-04", 8000, source="Washington"), True),
    (_c("d1", "2024-11-04", 11000, source="Kyiv"), _c("d2", "2024-11-05", 8000, source="Washington"), True),
    # two days apart or more: an evolution (counts grow), never a conflict
    (_c("d1", "2024-11-01", 8000, source="Washington"), _c("d2", "2024-11-04", 11000, source="Kyiv"), False),
    # values that can both hold: about 10,000 allows 9,000-11,000
    (_c("d1", "2024-11-04", 11000, source="Kyiv"), _c("d2", "2024-11-04", 10000, approx="about",
                                                      source="Washington"), False),
    # the same source is never in conflict with itself
    (_c("d1", "2024-11-04", 11000, source="Kyiv"), _c("d2", "2024-11-04", 8000, source="Kyiv"), False),
    # the same stated time, reported a week apart: a conflict
    (_c("d1", "2024-10-29", 10000, source="Pentagon", when="2024-10-28"),
     _c("d2", "2024-11-05", 5000, source="NATO", when="2024-10-28"), True),
    (_c("d1", "2025-03-28", 11000, source="Seoul", when="2024-FA"),
     _c("d2", "2025-05-30", 14000, source="monitors", when="2024-FA"), True),
    # reported the same day but for different stated times ("last week" vs today): no conflict
    (_c("d1", "2024-10-23", 1500, source="agency", when="2024-W42"),
     _c("d2", "2024-10-23", 3000, source="Pentagon"), False),
    # an increment is not the total: "3,000 more" vs 11,000 on the same day
    (_c("d1", "2025-03-28", 3000, approx="about", source="JCS", increment=True),
     _c("d2", "2025-03-28", 11000, source="monitors"), False),
    # increments are compared with increments
    (_c("d1", "2025-03-28", 3000, source="JCS", increment=True),
     _c("d2", "2025-03-28", 6000, source="monitors", increment=True), True),
    # a plan is not a count: "decided to send 12,000" vs "1,500 have arrived"
    (_c("d1", "2024-10-18", 12000, approx="about", source="NIS", planned=True),
     _c("d2", "2024-10-18", 1500, source="Kremlin"), False),
    # two outlets' own numbers (nobody named) are not two sources disagreeing
    (_c("d1", "2024-11-04", 95), _c("d2", "2024-11-04", 158), False),
    (_c("d1", "2024-11-04", 95, source="civil defence"), _c("d2", "2024-11-04", 158), True),
    # denied figures are shown, never compared
    ({**_c("d1", "2024-11-04", 11000, source="Kyiv"), "stance": "denied"},
     _c("d2", "2024-11-04", 8000, source="Washington"), False),
])
def test_conflict_means_two_sources_incompatible_at_the_same_time(a: dict[str, Any], b: dict[str, Any],
                                                                   conflict: bool) -> None:
    f = _figure(a, b)
    assert _conflicts(f) == ({("d1", "d2")} if conflict else set())
    assert ("conflict" in f.observations[0].flags) is conflict


@pytest.mark.parametrize("b_source, conflict", [
    ("Washington", True),  # one article setting two named sources against each other
    (None, False),  # the article's own number and a number it cites are parts of one account
])
def test_within_one_article_only_named_sources_conflict(b_source: str | None, conflict: bool) -> None:
    a = _c("d1", "2024-11-04", 11000, source="Kyiv")
    b = {**_c("d1", "2024-11-04", 8000, source=b_source), "idx": 1}
    assert len(_figure(a, b).conflicts) == int(conflict)


def test_a_growing_count_is_an_evolution_and_the_latest_is_the_newest_time() -> None:
    f = _figure(_c("d1", "2024-10-18", 1500, source="NIS"), _c("d2", "2024-10-23", 3000, source="Pentagon"),
                _c("d3", "2024-11-05", 11000, source="Kyiv"),
                _c("d4", "2025-03-28", 10000, approx="about", source="JCS", when="2024-10"))
    assert f.conflicts == [] and f.revisions == []
    # reported last, but for October: the count of 5 November is the latest
    assert f.latest is not None and f.latest.doc_id == "d3"
    assert f.range_text() == "1,500–11,000"


def test_increments_are_marked_and_kept_out_of_the_range() -> None:
    f = _figure(_c("d1", "2024-12-20", 11000, source="NIS"),
                _c("d2", "2025-03-28", 3000, approx="about", source="JCS", increment=True))
    inc = f.observations[1]
    assert inc.increment and "increment" in inc.flags and inc.value == "about 3,000 more"
    assert f.range_text() == "11,000" and f.latest is not None and f.latest.doc_id == "d1"
    assert f.conflicts == [] and f.revisions == []
    only = _figure(_c("d3", "2024-11-02", 5000, source="Madrid", increment=True))
    assert only.range_text() == "5,000"  # a figure of increments only still has a range


def test_an_increment_and_a_total_of_the_same_value_are_two_reports() -> None:
    f = _figure(_c("d1", "2025-03-28", 3000, source="JCS"), _c("d2", "2025-03-29", 3000, source="JCS",
                                                                increment=True))
    assert [(o.doc_id, o.increment, o.repeats) for o in f.observations] == [("d1", False, []),
                                                                             ("d2", True, [])]


@pytest.mark.parametrize("claims, revisions", [
    # a source giving another value in a later article revises its figure (up or down)
    ([_c("d1", "2024-10-18", 1500, source="NIS"), _c("d2", "2024-10-24", 3000, source="NIS")],
     [("NIS", "1,500", "3,000", "up")]),
    ([_c("d1", "2024-11-02", 5, source="governor"), _c("d2", "2024-11-02", 4, source="governor")],
     [("governor", "5", "4", "down")]),
    # two values of one source in one article are parts of a story, not a revision
    ([_c("d1", "2024-10-23", 3000, source="agency"), _c("d1", "2024-10-23", 1500, source="agency")], []),
    # the same value again is a repeat, not a revision
    ([_c("d1", "2024-10-23", 3000, source="Pentagon"), _c("d2", "2024-10-25", 3000, source="Pentagon")], []),
    # a plan is revised by plans only: "decided to send 12,000" then "3,000 have arrived"
    ([_c("d1", "2024-10-18", 12000, source="NIS", planned=True), _c("d2", "2024-10-23", 3000, source="NIS")],
     []),
    # other sources' values never make a revision
    ([_c("d1", "2024-10-18", 1500, source="NIS"), _c("d2", "2024-10-24", 3000, source="Pentagon")], []),
])
def test_revision_is_a_source_changing_its_own_figure(claims: list[dict[str, Any]],
                                                      revisions: list[tuple[str, str, str, str]]) -> None:
    for i, c in enumerate(claims):
        c["idx"] = i
    f = _figure(*claims)
    assert [(r.source, r.before.value, r.after.value, r.direction) for r in f.revisions] == revisions
    assert f.conflicts == []


@pytest.mark.parametrize("a, b, same", [
    ({"name": None, "text": "the agency"}, {"name": "agency", "text": "agency"}, True),
    ({"name": None, "text": "The Agency"}, {"name": None, "text": "agency's"}, True),
    # an unresolved source with the words of an identified one is that actor
    ({"id": "org:nis", "name": "National Intelligence Service", "text": "South Korea's spy agency"},
     {"name": "National Intelligence Service", "text": "the National Intelligence Service"}, True),
    ({"id": "KOR", "name": "South Korea", "text": "Seoul"}, {"id": "KOR", "name": "South Korea",
                                                           "text": "South Korean officials"}, True),
    ({"name": None, "text": "the agency"}, {"name": None, "text": "the ministry"}, False),
    ({"id": "USA", "name": "United States", "text": "the Pentagon"}, {"id": "RUS", "name": "Russia",
                                                                     "text": "Moscow"}, False),
])
def test_sources_are_one_when_their_id_or_words_say_so(a: dict[str, Any], b: dict[str, Any], same: bool) -> None:
    ca, cb = _c("d1", "2024-10-18", 1500), _c("d2", "2024-10-25", 3000)
    ca["source"], cb["source"] = a, b
    f = _figure(ca, cb)
    assert (f.observations[0].source_key == f.observations[1].source_key) is same
    assert len(f.sources) == (1 if same else 2)


def test_figures_that_name_only_their_category_stay_in_their_story() -> None:
    flood = [_c("f1", "2024-10-31", 95, approx="at_least", about="people", category="killed", story=1),
             _c("f2", "2024-11-04", 217, about="people", category="killed", story=1)]
    strike = [_c("k1", "2025-04-25", 12, about="people", category="killed", story=2)]
    figures = TR.group(flood + strike)
    assert sorted((f.title, f.range_text()) for f in figures) == [("People (killed)", "12"),
                                                                  ("People (killed)", "95–217")]


@pytest.mark.parametrize("before, span, after, increment", [
    ("Spain will deploy ", "another 5,000 soldiers", " to the region", True),
    ("The ministry said ", "an additional 2,000 troops", " had arrived", True),
    ("North Korea sent ", "about 3,000 more soldiers", " to Russia in January", True),
    ("in January and ", "about 3,000 more", ".", True),
    ("Officials said ", "a further 1,200 troops", " were on their way", True),
    ("Officials said ", "more than 3,000 troops", " were there", False),  # a bound
    ("Officials said ", "3,000", " more than last year", False),
    ("The Pentagon said ", "about 10,000 North Korean troops", " were in Russia", False),
    ("It has ", "two million more", " doses on order", True),
])
def test_is_increment(before: str, span: str, after: str, increment: bool) -> None:
    assert TR.is_increment(before, span, after) is increment


@pytest.mark.parametrize("before, span, after, expected", [
    ("said on Friday that North Korea has decided to send ", "about 12,000 soldiers", ", including", True),
    ("Spain will deploy ", "5,000 soldiers", " to Valencia", True),
    ("and that ", "up to 10,000", " could be there by December.", True),
    ("Pyongyang plans to send ", "6,000 workers", " to Kursk", True),
    ("NATO said on Wednesday that it could confirm ", "about 5,000 North Korean soldiers", " in Russia", False),
    ("The agency said ", "roughly 1,500 special operations troops", " had already been carried", False),
    ("The toll rose to ", "211", ", officials said.", False),
    ("Officials said they would investigate after ", "12 people", " died", False),
    ("Seoul said. Will Pyongyang send ", "more than 10,000", "?", True),
])
def test_is_expected(before: str, span: str, after: str, expected: bool) -> None:
    assert TR.is_expected(before, span, after) is expected


@pytest.mark.parametrize("value, start, end, kind", [
    ("2024-10-28", date(2024, 10, 28), date(2024, 10, 28), "day"),
    ("2024-10-28T09:00", date(2024, 10, 28), date(2024, 10, 28), "day"),
    ("2024-W42", date(2024, 10, 14), date(2024, 10, 20), "week"),
    ("2024-10", date(2024, 10, 1), date(2024, 10, 31), "month"),
    ("2024-12", date(2024, 12, 1), date(2024, 12, 31), "month"),
    ("2025-Q1", date(2025, 1, 1), date(2025, 3, 31), "quarter"),
    ("2024-FA", date(2024, 9, 1), date(2024, 11, 30), "season"),
    ("2024-WI", date(2024, 12, 1), date(2025, 2, 28), "season"),
    ("2024", date(2024, 1, 1), date(2024, 12, 31), "year"),
])
def test_period(value: str, start: date, end: date, kind: str) -> None:
    assert TR.period(value) == TR.Period(start, end, kind)


@pytest.mark.parametrize("value", ["PRESENT_REF", "PAST_REF", "P3D", None, "", "2024-13", "soon"])
def test_no_period(value: str | None) -> None:
    assert TR.period(value) is None


def test_a_description_stands_for_the_institution_named_before_it(store) -> None:  # type: ignore[no-untyped-def]
    text = ("South Korea's National Intelligence Service said on Friday that about 12,000 soldiers would be "
            "sent. The agency said roughly 1,500 troops had already arrived in Vladivostok.")
    nis = ref("National Intelligence Service", "org:nis", "KOR", "South Korea's National Intelligence Service")
    doc = Document(id="a1", title="Seoul counts troops", published="2024-10-18", source="Seoul Daily",
                   text=text,
                   claims=[claim(text, "about 12,000 soldiers", "North Korean soldiers", 12000, approx="about",
                                 source=nis),
                           claim(text, "roughly 1,500 troops", "North Korean troops", 1500, approx="about",
                                 source=ref("agency", None, None, "The agency"))],
                   actors=[actor(text, "org:nis", "National Intelligence Service", "organization", "KOR",
                                 "National Intelligence Service")])
    save(store, doc)
    rows = TR.load_claims(store)
    assert [c.get("source_ref") for c in rows] == [None, {"id": "org:nis", "name": "National Intelligence Service"}]
    assert [c["planned"] for c in rows] == [True, False]  # "would be sent"
    [f] = TR.group(rows)
    assert {o.source_key for o in f.observations} == {"id:org:nis"}
    assert f.revisions == [] and f.conflicts == []


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
    assert [o.doc_id for o in f.observations] == ["nk-4", "nk-4b", "nk-5", "nk-6"]
    # nk-5 is now the first Pentagon report of 3,000 in scope
    assert [(r.before.doc_id, r.after.doc_id) for r in f.revisions] == [("nk-5", "nk-6")]
