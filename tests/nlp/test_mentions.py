"""ActorLayer lookups that quotes, claims and events rely on: which actors a phrase stands
for, what a pronoun refers to, and mentions by token position."""

from __future__ import annotations

import pytest

from storytrace.nlp.mentions import ActorLayer


def run(analyze, text: str, published: str = "2024-11-01"):  # type: ignore[no-untyped-def]
    ad = analyze(text, published=published, until="actors")
    assert ad.actors is not None
    return ad.doc, ad.actors


def token(doc, word: str, nth: int = 0):  # type: ignore[no-untyped-def]
    found = [t for t in doc if t.text == word]
    assert len(found) > nth, f"no token {word!r}"
    return found[nth]


@pytest.mark.parametrize("text, head, expected", [
    ("Washington and Seoul urged Pyongyang to stop the tests.", "Washington", ["USA", "KOR"]),
    ("North Korean troops crossed the border on Friday.", "troops", ["PRK"]),
    ("US intelligence said the convoy had left.", "intelligence", ["USA"]),
    ("Russia's foreign minister Sergei Lavrov arrived late.", "Lavrov", ["person:sergei-lavrov"]),
    ("A spokesman for the State Department declined to comment.", "spokesman", ["USA"]),
    ("The Kremlin said the talks were over.", "Kremlin", ["RUS"]),
    ("Mr Putin, who signed the decree, spoke briefly.", "who", ["person:vladimir-putin"]),
    ("NATO and the EU condemned the attack.", "NATO", ["igo:nato", "igo:eu"]),
    ("The rain fell all day.", "rain", []),
])
def test_phrase(analyze, text: str, head: str, expected: list[str]) -> None:
    doc, layer = run(analyze, text)
    assert [m.actor_id for m in layer.phrase(token(doc, head))] == expected


def test_its_troops_belong_to_the_actor_named_before(analyze) -> None:
    text = "Araghchi accused Washington of backing the raids. The Israeli military said its jets struck."
    doc, layer = run(analyze, text, "2025-06-20")
    (m,) = layer.phrase(token(doc, "jets"))
    assert (m.actor_id, m.sector, m.text) == ("ISR", "MIL", "jets")


def test_phrase_keeps_sector_of_the_mention(analyze) -> None:
    doc, layer = run(analyze, "Ukrainian forces retook the village.")
    (m,) = layer.phrase(token(doc, "forces"))
    assert (m.actor_id, m.sector, m.kind) == ("UKR", "MIL", "country")


def test_generic_phrase_has_no_id_but_a_name(analyze) -> None:
    doc, layer = run(analyze, "Analysts said the deal was fragile.")
    (m,) = layer.phrase(token(doc, "Analysts"))
    assert m.actor_id is None and m.name == "Analysts"
    ref = m.ref()
    assert ref.id is None and ref.text == "Analysts"


@pytest.mark.parametrize("text, pronoun, expected", [
    ("Choe Son Hui met Sergei Lavrov in Moscow. She praised the talks.", "She", "person:choe-son-hui"),
    ("Choe Son Hui met Sergei Lavrov in Moscow. He praised the talks.", "He", "person:sergei-lavrov"),
    ("Sergei Lavrov greeted Antony Blinken. Later he left for Minsk.", "he", "person:sergei-lavrov"),
    ("North Korea fired a missile on Sunday. It said the test was a success.", "It", "PRK"),
    ("Analysts doubt the figures. They say the count is too low.", "They", None),
])
def test_antecedent(analyze, text: str, pronoun: str, expected: str | None) -> None:
    doc, layer = run(analyze, text)
    m = layer.antecedent(token(doc, pronoun))
    assert m is not None
    assert m.actor_id == expected


def test_its_skips_analysts_and_places(analyze) -> None:
    text = "Iran tested a rocket near Tehran, analysts said. Its launch was watched closely."
    doc, layer = run(analyze, text)
    assert layer.antecedent(token(doc, "Its")).actor_id == "IRN"


def test_no_antecedent_without_a_person(analyze) -> None:
    doc, layer = run(analyze, "The storm passed. She said nothing.")
    assert layer.antecedent(token(doc, "She")) is None


def test_at_within_and_before(analyze) -> None:
    text = "Pyongyang warned Seoul. The talks in Moscow ended."
    doc, layer = run(analyze, text)
    moscow = token(doc, "Moscow")
    assert layer.at(moscow.i) is None  # a place
    assert layer.at(moscow.i, places=True).actor_id == "RUS"
    assert [m.actor_id for m in layer.within(0, len(doc))] == ["PRK", "KOR"]
    assert [m.actor_id for m in layer.within(0, len(doc), places=True)] == ["PRK", "KOR", "RUS"]
    assert [m.actor_id for m in layer.before(moscow.i, persons=False)] == ["KOR", "PRK"]


def test_empty_layer() -> None:
    layer = ActorLayer([], [])
    assert layer.at(0) is None and layer.within(0, 10) == [] and layer.before(5) == []


@pytest.mark.parametrize("text, pronoun, expected", [
    # in its own sentence the nearest state or body, never a plural noun ("lawmakers")
    ("The figure is higher than the one Seoul's spy agency gave lawmakers last week, when it said 100 had "
     "died.", "it", "KOR"),
    # from a sentence before, the subject of the main clause
    ("The Sanctions Monitoring Institute was set up after Russia vetoed the plan. Its report is due in May.",
     "Its", "org:sanctions-monitoring-institute"),
])
def test_it_prefers_the_actor_the_sentence_is_about(analyze, text: str, pronoun: str, expected: str) -> None:
    doc, layer = run(analyze, text)
    m = layer.antecedent(token(doc, pronoun))
    assert m is not None and m.actor_id == expected
