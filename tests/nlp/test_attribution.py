"""attribution_for on our own sentences: who asserts the clause holding a word, and how firmly.

Each row: a sentence, the word asked about, and the expected (source text, cue, stance);
a source of None means nobody is named, a whole row of None means no attribution.
"""

from __future__ import annotations

import pytest

from storytrace.nlp.attribution import STANCE_OF, Attribution, attribution_for

ROWS = [
    # reporting, believing, estimating, denying verbs governing the clause
    ("Officials said 300 people were evacuated.", "300", ("Officials", "said", "reported")),
    ("Regional police said 30 officers were wounded.", "30", ("Regional police", "said", "reported")),
    ("Seoul has warned that Pyongyang could send 2,000 more troops.", "2,000", ("Seoul", "warned", "reported")),
    ("The alliance believes up to 8,000 troops are ready to move.", "8,000", ("The alliance", "believes", "believed")),
    ("Analysts estimate that 5,000 homes were destroyed.", "5,000", ("Analysts", "estimate", "estimated")),
    ("The ministry denied that 40 soldiers had died.", "40", ("The ministry", "denied", "denied")),
    # a request and a state's belief are no quotes, but they still say who asks or believes
    ("The ministry urged 200 families to leave the coast.", "200", ("The ministry", "urged", "reported")),
    ("Seoul fears that 40 new launchers have been built.", "40", ("Seoul", "fears", "believed")),
    # source phrases, nouns and adjectives
    ("According to CNN, 12 ships left the port.", "12", ("CNN", "according to", "reported")),
    ("Kim expressed his certainty that 12 new missiles would be tested.", "12", ("Kim", "certainty", "believed")),
    ("The governor is confident that 200 new beds will arrive.", "200", ("The governor", "confident", "believed")),
    # the source phrase without its aside
    ("The report, which was published on Monday, says 400 villages were damaged.", "400",
     ("The report", "says", "reported")),
    # the short phrase for claims and events (quotes keep the whole one)
    ("Ana Ruiz, a lawyer for the port, who represents the city, said 300 cranes were idle.", "300",
     ("Ana Ruiz, a lawyer for the port,", "said", "reported")),
    ('"We lost 20 tanks," said Tom Berg, a commander who fought in the east.', "20",
     ("Tom Berg, a commander", "said", "reported")),
    # "as X put it"
    ("As the mayor put it, 300 homes are empty.", "300", ("the mayor", "put", "reported")),
    # direct quotes: the speaker; a cue inside the quote sets the stance
    ('"We lost 20 tanks," the commander said.', "20", ("the commander", "said", "reported")),
    ('"We believe 20 tanks were lost," the commander said.', "20", ("the commander", "said", "believed")),
    # nobody named
    ("It is stated that 3,000 soldiers were sent to the front.", "3,000", ("it", "stated", "reported")),
    ("Some 3,000 people are believed to have died.", "3,000", (None, "believed", "believed")),
    ("About 50 people were reportedly arrested.", "50", (None, "reportedly", "reported")),
    ("Five journalists were allegedly detained.", "Five", (None, "allegedly", "hedged")),
    # no attribution: the writer asserts it
    ("Russia struck a police station on Friday.", "struck", None),
    ("The convoy reached the city after 14 hours.", "14", None),
    # a writer's aside inside a report is not attributed to the speaker
    ("She said the talks were useful to Putin, who signed the pact in June.", "signed", None),
]


def _attribution(analyze, text: str, word: str) -> Attribution | None:  # type: ignore[no-untyped-def]
    ad = analyze(text, until="quotes")
    token = next(t for t in ad.doc if t.text == word)
    return attribution_for(ad, token)


@pytest.mark.parametrize(("text", "word", "expected"), ROWS)
def test_attribution(analyze, text: str, word: str,  # type: ignore[no-untyped-def]
                     expected: tuple[str | None, str, str] | None) -> None:
    att = _attribution(analyze, text, word)
    if expected is None:
        assert att is None
        return
    assert att is not None
    assert (att.source_text, att.cue, att.stance) == expected
    if expected[0] is None:
        assert att.source is None
    else:
        assert att.source is not None and att.source.text == expected[0]


def test_quote_keeps_the_whole_phrase_the_claim_source_the_short_one(analyze) -> None:  # type: ignore[no-untyped-def]
    ad = analyze('"We lost 20 tanks," said Tom Berg, a commander who fought in the east.', until="quotes")
    (q,) = ad.quotes
    assert q.speaker is not None and q.speaker.text == "Tom Berg, a commander who fought in the east"
    att = attribution_for(ad, next(t for t in ad.doc if t.text == "20"))
    assert att is not None and att.source is not None and att.source.text == "Tom Berg, a commander"
    assert att.source.name == q.speaker.name


def test_source_resolves_pronouns_through_the_actor_layer(analyze) -> None:  # type: ignore[no-untyped-def]
    att = _attribution(analyze, "Angela Merkel spoke in Berlin. She said 40 schools would reopen.", "40")
    assert att is not None and att.source is not None
    assert att.source.text == "She" and att.source.name == "Angela Merkel"


def test_cue_token_points_at_the_cue(analyze) -> None:  # type: ignore[no-untyped-def]
    ad = analyze("Officials in Kyiv said on Monday that 90 drones were shot down.", until="quotes")
    att = attribution_for(ad, next(t for t in ad.doc if t.text == "90"))
    assert att is not None and att.cue_token is not None and ad.doc[att.cue_token].text == "said"


def test_works_before_the_quotes_layer_ran(analyze) -> None:  # type: ignore[no-untyped-def]
    ad = analyze("Officials said 300 people were evacuated.", until="places")
    att = attribution_for(ad, 2)
    assert att is not None and att.source_text == "Officials" and att.stance == "reported"


def test_stance_table_comes_from_the_data_files() -> None:
    assert STANCE_OF["say"] == "reported" and STANCE_OF["estimate"] == "estimated"
    assert STANCE_OF["believe"] == "believed" and STANCE_OF["deny"] == "denied"
    assert STANCE_OF["put"] == "estimated"  # "officials put the toll at 300"
    assert "call" not in STANCE_OF  # naming ("called it a disgrace") is not a stance on a clause
