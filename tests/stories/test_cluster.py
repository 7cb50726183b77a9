"""Incremental story clustering: documents join stories as they arrive; earlier assignments
never move; an unrelated article starts a new story; duplicates join their original."""

from __future__ import annotations

import io
import json
from collections import defaultdict
from dataclasses import replace

import pytest

from storytrace.export.stories import write_stories
from storytrace.records import Document
from storytrace.stories import features as F
from storytrace.stories import text as T
from storytrace.stories.cluster import Params, StoryClusterer, assign_document, assign_pending, reset
from storytrace.stories.metrics import bcubed
from storytrace.stories.queries import get_story, list_stories
from tests.stories import corpus
from tests.stories.builders import save

FLOODS = [
    ("fl-1", "2024-10-30", "Flash floods kill dozens in Valencia",
     "Flash floods in the Spanish region of Valencia killed at least 51 people after torrential rain swept "
     "through towns overnight, regional officials said. Emergency services rescued residents from rooftops and "
     "cars as rivers burst their banks and water filled streets and garages."),
    ("fl-2", "2024-10-31", "Valencia flood death toll rises to 95",
     "The death toll from the floods in Valencia rose to 95 on Thursday as rescue teams searched submerged cars "
     "and flooded garages. Spain declared three days of national mourning after the torrential rain, and "
     "regional officials said dozens of residents were still missing."),
    ("fl-3", "2024-11-02", "Volunteers join flood clean-up in Valencia",
     "Thousands of volunteers joined the clean-up in Valencia towns devastated by the floods, shovelling mud "
     "from streets and garages, as Spain sent more soldiers and police to help rescue teams search for missing "
     "residents after the torrential rain."),
]
FOOTBALL = [
    ("fb-1", "2024-10-26", "Barcelona thrash Real Madrid 4-0 at the Bernabeu",
     "Barcelona beat Real Madrid 4-0 at the Santiago Bernabeu on Saturday, ending the champions' unbeaten league "
     "run. Robert Lewandowski scored twice in the second half and Lamine Yamal added a third for Hansi Flick's "
     "side, who moved six points clear at the top of La Liga."),
    ("fb-2", "2024-10-27", "Flick hails Barcelona after Clasico rout",
     "Barcelona coach Hansi Flick praised his players after the 4-0 Clasico win over Real Madrid at the "
     "Bernabeu, saying the result showed the team's growing confidence. Lewandowski, who scored twice, and "
     "Lamine Yamal were the stars as Barcelona went six points clear in La Liga."),
]
UNRELATED = ("lib-1", "2024-11-03", "Medieval manuscripts go on show in London",
             "An exhibition of illuminated medieval manuscripts opened at the British Library on Sunday, with "
             "psalters and gospel books lent by monasteries and cathedral archives across Europe. Curators said "
             "several of the books had never before been shown to the public.")


def plain(doc_id: str, published: str, title: str, text: str) -> Document:
    return Document(id=doc_id, title=title, published=published, source="Test Wire", text=text)


def story_of(store, doc_id: str) -> int:  # type: ignore[no-untyped-def]
    return store.execute("SELECT story_id FROM story_docs WHERE doc_id = ?", (doc_id,)).fetchone()[0]


def assignments(store) -> dict[str, int]:  # type: ignore[no-untyped-def]
    return {r[0]: r[1] for r in store.execute("SELECT doc_id, story_id FROM story_docs")}


def arrival() -> list[tuple[Document, str | None]]:
    """Three interleaved stories in publication order, then an unrelated article."""
    nk = {d.id: d for d in (corpus.t1(), corpus.t2(), corpus.t3(), corpus.t4(), corpus.t6())}
    docs = [plain(*FOOTBALL[0]), nk["nk-1"], plain(*FOOTBALL[1]), nk["nk-2"], nk["nk-3"], nk["nk-4"],
            plain(*FLOODS[0]), plain(*FLOODS[1]), plain(*FLOODS[2]), nk["nk-6"], plain(*UNRELATED)]
    return [(d, None) for d in docs]


GOLD = {"fb-1": "football", "fb-2": "football", "fl-1": "floods", "fl-2": "floods", "fl-3": "floods",
        "nk-1": "troops", "nk-2": "troops", "nk-3": "troops", "nk-4": "troops", "nk-6": "troops",
        "lib-1": "library"}


def test_documents_added_one_by_one_give_stable_stories(store) -> None:  # type: ignore[no-untyped-def]
    history: list[dict[str, int]] = []
    for doc, dup in arrival():
        save(store, doc, duplicate_of=dup)
        now = assignments(store)
        for before in history:  # nothing assigned earlier ever moves
            assert {k: now[k] for k in before} == before
        history.append(now)
    final = history[-1]
    assert bcubed(final, GOLD).f1 == 1.0, final
    groups = defaultdict(set)
    for doc_id, sid in final.items():
        groups[sid].add(doc_id)
    assert sorted(map(sorted, groups.values())) == sorted(map(sorted, [
        {"fb-1", "fb-2"}, {"fl-1", "fl-2", "fl-3"}, {"nk-1", "nk-2", "nk-3", "nk-4", "nk-6"}, {"lib-1"}]))


def test_an_unrelated_article_starts_a_new_story(store) -> None:  # type: ignore[no-untyped-def]
    for doc, dup in arrival()[:-1]:
        save(store, doc, duplicate_of=dup)
    before = set(assignments(store).values())
    save(store, plain(*UNRELATED))
    sid = story_of(store, "lib-1")
    assert sid not in before
    row = store.execute("SELECT method, score FROM story_docs WHERE doc_id = 'lib-1'").fetchone()
    assert tuple(row) == ("new", None)


def test_a_duplicate_joins_its_original_story_without_changing_it(store) -> None:  # type: ignore[no-untyped-def]
    save(store, corpus.t1())
    save(store, corpus.t3())
    centroid = store.execute("SELECT centroid, originals FROM stories WHERE id = ?",
                             (story_of(store, "nk-3"),)).fetchone()
    save(store, corpus.t3_copy(), duplicate_of="nk-3")
    assert story_of(store, "nk-3b") == story_of(store, "nk-3")
    row = store.execute("SELECT method FROM story_docs WHERE doc_id = 'nk-3b'").fetchone()
    assert row[0] == "duplicate"
    after = store.execute("SELECT centroid, originals, documents, last_published FROM stories WHERE id = ?",
                          (story_of(store, "nk-3"),)).fetchone()
    assert (after["centroid"], after["originals"]) == tuple(centroid)  # a copy adds no evidence
    assert after["documents"] == 3 and after["last_published"] == "2024-10-25"


def test_assignment_is_idempotent(store) -> None:  # type: ignore[no-untyped-def]
    for doc, dup in arrival():
        save(store, doc, duplicate_of=dup)
    before = assignments(store)
    vocab = store.execute("SELECT value FROM story_state WHERE key = 'documents'").fetchone()[0]
    assert assign_pending(store) == 0
    for doc, _ in arrival()[:3]:
        save(store, doc)  # re-saving (re-analysis) keeps the story
    assert assignments(store) == before
    assert store.execute("SELECT value FROM story_state WHERE key = 'documents'").fetchone()[0] == vocab


def test_the_same_topic_a_year_later_is_a_new_story(store) -> None:  # type: ignore[no-untyped-def]
    save(store, plain(*FLOODS[0]))
    save(store, plain(*FLOODS[1]))
    later = plain("fl-9", "2025-11-01", *FLOODS[1][2:])
    save(store, later)
    assert story_of(store, "fl-9") != story_of(store, "fl-1")
    assert story_of(store, "fl-2") == story_of(store, "fl-1")


def test_documents_stored_without_analysis_are_assigned_on_demand(store) -> None:  # type: ignore[no-untyped-def]
    for doc, _ in arrival():
        save(store, doc, assign=False)
    assert assignments(store) == {}
    out = io.StringIO()
    n = write_stories(store, out)  # the export assigns pending documents first
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert n == len(lines) == len(arrival())
    assert all(set(r) == {"id", "story"} and isinstance(r["story"], int) for r in lines)
    assert bcubed({r["id"]: r["story"] for r in lines}, GOLD).f1 == 1.0


def test_rebuild_gives_the_same_grouping(store) -> None:  # type: ignore[no-untyped-def]
    for doc, dup in arrival():
        save(store, doc, duplicate_of=dup)
    first = assignments(store)
    reset(store)
    assert assignments(store) == {}
    assign_pending(store)
    assert bcubed(assignments(store), first).f1 == 1.0
    assert min(assignments(store).values()) == 1  # ids start again from 1


def test_story_records(store) -> None:  # type: ignore[no-untyped-def]
    for doc, dup in arrival():
        save(store, doc, duplicate_of=dup)
    info = get_story(store, story_of(store, "fl-2"))
    assert (info.first, info.last, info.documents, info.originals) == ("2024-10-30", "2024-11-02", 3, 3)
    assert "flood" in info.title.lower()
    assert {"flood", "valencia"} <= set(info.keywords)
    listed = list_stories(store, order="size")
    assert [s.documents for s in listed] == [5, 3, 2, 1]
    assert listed[0].actors and listed[0].actors[0]["id"] in {"org:nis", "PRK", "org:pentagon"}


def test_similarity_prefers_the_right_story(store) -> None:  # type: ignore[no-untyped-def]
    for doc, dup in arrival():
        save(store, doc, duplicate_of=dup)
    c = StoryClusterer(store)
    probe = F.build("probe", "Rescue teams search Valencia garages", "Rescue teams searched flooded garages in "
                    "Valencia for missing residents after the torrential rain and floods.", "2024-11-03")
    floods, troops = story_of(store, "fl-1"), story_of(store, "nk-1")
    assert c.score(probe, floods) > c.params.threshold > c.score(probe, troops)


@pytest.mark.parametrize("word, folded", [
    ("troops", "troop"), ("Ukraine's", "ukraine"), ("casualties", "casualty"), ("news", "news"),
    ("press", "press"), ("status", "status"), ("crisis", "crisis"), ("Kim’s", "kim"),
])
def test_fold(word: str, folded: str) -> None:
    assert T.fold(word) == folded


@pytest.mark.parametrize("text, names", [
    ("Defense Secretary Lloyd Austin told reporters in Rome.", ["defense_secretary_lloyd_austin", "rome"]),
    ("The Pentagon said so.", ["pentagon"]),
    ("However, Kim Bom-suk apologized.", ["kim_bom-suk"]),
    ("it rained all day.", []),
])
def test_names(text: str, names: list[str]) -> None:
    assert T.names(text) == names


# ---------------------------------------------------------------------- developing stories across weeks
NK_ACTORS = [("PRK", "North Korea", "country", "PRK", "North Korea"), ("RUS", "Russia", "country", "RUS", "Russia")]
NIS_ACTOR = ("org:nis", "National Intelligence Service", "organization", "KOR", "National Intelligence Service")
LOSSES = ("nk-20", "2024-12-20", "North Korean troops suffer first losses in Kursk",
          "North Korean soldiers sent to Russia have suffered their first casualties in the Kursk region, South "
          "Korea's National Intelligence Service told lawmakers on Friday. The spy agency said at least 100 of the "
          "troops had been killed and about 1,000 wounded since they joined Russian units in the fighting against "
          "Ukraine. Pyongyang has sent artillery shells and missiles to Russia as well, and the NIS said North "
          "Korea might send more soldiers to replace its losses.")
DONETSK = ("ru-1", "2025-02-15", "Russian troops advance near Pokrovsk",
           "Russian troops captured two more villages near Pokrovsk in Ukraine's Donetsk region, the defence "
           "ministry in Moscow said on Sunday. Ukrainian commanders said their soldiers were short of ammunition "
           "and men as Russian forces pressed attacks along the front. Kyiv asked its Western allies to speed up "
           "deliveries of air defence systems and artillery shells.")
BUILDERS = ("nk-30", "2025-06-01", "North Korea to send more soldiers to Kursk",
            "North Korea will send more soldiers and military builders to Russia's Kursk region, South Korea's "
            "National Intelligence Service said, months after Pyongyang's troops fought alongside Russian units "
            "against Ukraine.")


def with_actors(doc_id: str, published: str, title: str, text: str, actors: list[tuple[str, ...]]) -> Document:
    from tests.stories.builders import actor

    return Document(id=doc_id, title=title, published=published, source="Test Wire", text=text,
                    actors=[actor(text, *a) for a in actors])


def sparse_story(store, params: Params | None = None) -> None:  # type: ignore[no-untyped-def]
    """Five reports in three weeks, one six weeks later, an unrelated war report eight weeks after
    that, and the first story again five months after its last report."""
    docs = [corpus.t1(), corpus.t2(), corpus.t3(), corpus.t4(), corpus.t6(),
            with_actors(*LOSSES, [*NK_ACTORS, NIS_ACTOR]),
            with_actors(*DONETSK, [NK_ACTORS[1], ("UKR", "Ukraine", "country", "UKR", "Ukraine")]),
            with_actors(*BUILDERS, NK_ACTORS)]
    clusterer = StoryClusterer(store, params=params) if params else None
    for d in docs:
        save(store, d, assign=clusterer is None)
        if clusterer is not None:
            assign_document(store, d, clusterer)


def test_a_story_reported_every_few_weeks_stays_one_story(store) -> None:  # type: ignore[no-untyped-def]
    sparse_story(store)
    nk = story_of(store, "nk-1")
    # 45 days after the story's last report, with its words and key names: the story continues
    assert story_of(store, "nk-20") == nk
    row = store.execute("SELECT method, score FROM story_docs WHERE doc_id = 'nk-20'").fetchone()
    assert row["method"] == "similar" and row["score"] >= StoryClusterer(store).params.threshold
    # the same war's vocabulary without the story's key names (North Korea, Kursk, the NIS): a new story
    assert story_of(store, "ru-1") != nk
    # silent for five months: the story is over, the same topic starts a new one
    assert story_of(store, "nk-30") not in (nk, story_of(store, "ru-1"))


def test_without_the_continuation_a_sparse_story_splits(store) -> None:  # type: ignore[no-untyped-def]
    sparse_story(store, replace(Params(), continue_days=0))
    assert story_of(store, "nk-20") != story_of(store, "nk-1")


@pytest.mark.parametrize("gap, bar", [(7, 0.34), (14, 0.35), (28, 0.36), (56, 0.37), (112, 0.38)])
def test_the_continuation_bar_grows_with_the_gap(store, gap: int, bar: float) -> None:  # type: ignore[no-untyped-def]
    assert StoryClusterer(store).continuation_bar(gap) == pytest.approx(bar, abs=0.001)


# ---------------------------------------------------------------------- templated wire items
RESULTS = [
    ("q-1", "2024-02-26", "Harbor Mills Inc fourth-quarter results",
     "Harbor Mills Inc, fourth quarter\nShr 41 cts vs 33 cts\nNet 4,120,000 vs 3,310,000\nRevs 61.2 mln vs 55.8 mln"
     "\nYear\nShr 1.52 dlrs vs 1.21 dlrs\nNet 15,300,000 vs 12,140,000\nRevs 240.5 mln vs 221.9 mln"),
    ("q-2", "2024-02-26", "Tessaro Freight fourth-quarter results",
     "Tessaro Freight Corp, fourth quarter\nShr loss 12 cts vs profit 8 cts\nNet loss 910,000 vs profit 605,000\n"
     "Revs 18.4 mln vs 19.9 mln\nYear\nShr 22 cts vs 61 cts\nNet 1,660,000 vs 4,570,000\nRevs 77.1 mln vs 80.3 mln"),
    ("q-3", "2024-02-27", "Quillon Labs fourth-quarter results",
     "Quillon Labs, fourth quarter\nShr 9 cts vs 7 cts\nNet 702,000 vs 548,000\nRevs 9.6 mln vs 8.1 mln\nYear\n"
     "Shr 35 cts vs 30 cts\nNet 2,730,000 vs 2,340,000\nRevs 37.0 mln vs 32.2 mln"),
    ("q-4", "2024-02-27", "Halden Paper fourth-quarter results",
     "Halden Paper Co, fourth quarter\nShr 1.10 dlrs vs 95 cts\nNet 22,400,000 vs 19,300,000\nRevs 410 mln vs 388 "
     "mln\nYear\nShr 4.02 dlrs vs 3.71 dlrs\nNet 81,900,000 vs 75,600,000\nRevs 1.61 billion vs 1.52 billion"),
    ("q-5", "2024-02-28", "Harbor Mills Inc sets quarterly dividend",
     "Harbor Mills Inc, quarterly dividend\nQtly div 12 cts vs 12 cts prior\nPay April 1\nRecord March 15\n"
     "Harbor Mills Inc said its board kept the payout unchanged after fourth-quarter net rose 24 pct."),
]


def test_results_tables_of_different_companies_are_different_stories(store) -> None:  # type: ignore[no-untyped-def]
    for row in RESULTS:
        save(store, plain(*row))
    got = assignments(store)
    assert len({got[i] for i in ("q-1", "q-2", "q-3", "q-4")}) == 4  # the same template, four companies
    assert got["q-5"] == got["q-1"]  # the same company's dividend notice joins its results


def test_without_the_table_rule_the_template_piles_up(store) -> None:  # type: ignore[no-untyped-def]
    clusterer = StoryClusterer(store, params=replace(Params(), table_share=1.0))
    for row in RESULTS:
        doc = plain(*row)
        save(store, doc, assign=False)
        assign_document(store, doc, clusterer)
    got = assignments(store)
    assert len({got[i] for i in ("q-1", "q-2", "q-3", "q-4")}) < 4


@pytest.mark.parametrize("text, low, high", [
    ("Shr 41 cts vs 33 cts\nNet 4,120,000 vs 3,310,000\nRevs 61.2 mln vs 55.8 mln", 0.3, 0.5),
    ("Qtly div 12 cts vs 12 cts prior\nPay April 1\nRecord March 15", 0.2, 0.4),
    ("North Korea has sent about 1,500 special forces troops to Russia's Far East, South Korea's spy agency said "
     "on Friday, and more would follow.", 0.0, 0.05),
    ("", 0.0, 0.0),
])
def test_numeric_share(text: str, low: float, high: float) -> None:
    assert low <= T.numeric_share(text) <= high


@pytest.mark.parametrize("text, kept", [
    ("Harbor Mills Inc, fourth quarter\nShr 41 cts vs 33 cts\nYear\nNet 15,300,000 vs 12,140,000",
     "Harbor Mills Inc, fourth quarter"),
    ("Pay April 1\nRecord March 15\nThe board kept the payout unchanged after net rose 24 pct.",
     "The board kept the payout unchanged after net rose 24 pct."),
    ("Officials said 12 people died.\nRescuers were still searching.", "Officials said 12 people died.\n"
                                                                        "Rescuers were still searching."),
])
def test_prose_drops_table_rows_and_labels(text: str, kept: str) -> None:
    assert T.prose(text) == kept
