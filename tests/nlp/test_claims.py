"""The claims layer on our own sentences: what is a claim, what it counts, who says so.

Tables pair a sentence with the claims expected from it (value, category, unit, approx,
source); negatives expect no claim at all."""

from __future__ import annotations

from pathlib import Path

import pytest

from storytrace.nlp.claims_lexicon import load_claim_lexicon
from storytrace.nlp.numbers import LexiconError
from storytrace.records import Claim

M = 1_000_000.0


def claims_of(analyze, text: str, published: str = "2024-11-01") -> list[Claim]:  # type: ignore[no-untyped-def]
    return analyze(text, published=published, until="claims").claims


def summary(c: Claim) -> tuple:
    return (c.low, c.high, c.approx, c.category, c.unit)


# sentence -> [(low, high, approx, category, unit), ...] in text order
CLAIMS = [
    # troops, with qualifiers and ranges
    ("Western officials believe up to 8,000 Belarusian troops are massed near the frontier.",
     [(None, 8000, "up_to", "troops", "person")]),
    ("Analysts say between 4,000 and 6,000 soldiers from Chad were flown to the capital.",
     [(4000, 6000, "range", "troops", "person")]),
    ("Some 1,200 marines landed on the island.", [(1200, 1200, "about", "troops", "person")]),
    ("A 5,000-strong force crossed the river at dawn.", [(5000, 5000, "exact", "troops", "person")]),
    ("Thousands of reservists were called up last month.", [(1000, None, "at_least", "troops", "person")]),
    ("The ministry said 2,500-3,000 fighters remain in the city.",
     [(2500, 3000, "range", "troops", "person")]),
    # casualties, split per verb and per noun
    ("Shelling hit a market, killing a shopkeeper and wounding 14 traders and six children, the governor said.",
     [(1, 1, "exact", "killed", "person"), (14, 14, "exact", "injured", "person"),
      (6, 6, "exact", "injured", "person")]),
    ("At least 17 people were killed and 40 injured in the blast.",
     [(17, None, "at_least", "killed", "person"), (40, 40, "exact", "injured", "person")]),
    ("The flood left nine dead.", [(9, 9, "exact", "killed", "person")]),
    ("The shelling left 11 people dead and more than a dozen wounded.",
     [(11, 11, "exact", "killed", "person"), (12, None, "more_than", "injured", "person")]),
    ("Nearly 300 villagers died in the landslide.", [(300, 300, "about", "killed", "person")]),
    ("The death toll climbed to 63 on Tuesday.", [(63, 63, "exact", "killed", "person")]),
    ("Riot police detained more than 120 students.", [(120, None, "more_than", "arrested", "person")]),
    ("Tens of thousands of residents fled the advancing army.",
     [(10_000, None, "at_least", "displaced", "person")]),
    ("The floods have displaced about 80,000 people.", [(80_000, 80_000, "about", "displaced", "person")]),
    ("He was among 12 protesters arrested outside parliament.", [(12, 12, "exact", "arrested", "person")]),
    ("Two of the guards were wounded in the exchange of fire.", [(2, 2, "exact", "injured", "person")]),
    # weapons
    ("Overnight the army fired 35 drones and a dozen cruise missiles at the port.",
     [(35, 35, "exact", "weapons", "drone"), (12, 12, "exact", "weapons", "missile")]),
    ("The allies pledged millions of artillery shells.", [(M, None, "at_least", "weapons", "shell")]),
    ("Air defences downed 41 of 48 drones.",
     [(41, 41, "exact", "weapons", "drone"), (48, 48, "exact", "weapons", "drone")]),
    ("Nearly 40,000 rounds of ammunition were seized.", [(40_000, 40_000, "about", "weapons", "round")]),
    # money, with currency and scale
    ("Tokyo approved a further $250 million in humanitarian aid for Sudan.",
     [(250 * M, 250 * M, "exact", "money", "USD")]),
    ("The club was sold for £1.3bn last year.", [(1.3e9, 1.3e9, "exact", "money", "GBP")]),
    ("Brussels unveiled a €4.5 billion package.", [(4.5e9, 4.5e9, "exact", "money", "EUR")]),
    ("Seoul will spend 2.1 trillion won on the programme.", [(2.1e12, 2.1e12, "exact", "money", "KRW")]),
    ("The fine could reach 300 million rubles.", [(300 * M, 300 * M, "exact", "money", "RUB")]),
    ("Donors raised 250m dollars in a single evening.", [(250 * M, 250 * M, "exact", "money", "USD")]),
    ("The deal is worth $3.2bn ($2.9bn after fees).",
     [(3.2e9, 3.2e9, "exact", "money", "USD"), (2.9e9, 2.9e9, "exact", "money", "USD")]),
    # the same amount restated in another currency is one claim
    ("Parliament approved $61bn (£49bn) for the reconstruction.", [(61e9, 61e9, "exact", "money", "USD")]),
    ("Profits rose to 1.2bn euros ($1.3bn; £1bn) last year.", [(1.2e9, 1.2e9, "exact", "money", "EUR")]),
    ("Britain pledged hundreds of millions of pounds of aid.", [(1e8, None, "at_least", "money", "GBP")]),
    # people and other counts
    ("Roughly 4.5 million people live in the region.", [(4.5 * M, 4.5 * M, "about", "people", "person")]),
    ("The strikes left millions of Ukrainians without heating.", [(M, None, "at_least", "people", "person")]),
    ("More than 6 million Ukrainians have fled abroad.", [(6 * M, None, "more_than", "displaced", "person")]),
    ("Between 70 and 80,000 soldiers were mobilised.", [(70_000, 80_000, "range", "troops", "person")]),
    ("The port handled 60,000 tonnes of grain in May.", [(60_000, 60_000, "exact", "other", "tonne")]),
    ("Unemployment rose to 7.5% in March.", [(7.5, 7.5, "exact", "other", "percent")]),
    ("New duties range from 5 percent to 30 percent.", [(5, 30, "range", "other", "percent")]),
    ("The death toll rose from 12 to 19 after the raid.", [(19, 19, "exact", "killed", "person")]),
    ("The boxer weighs 236 pounds.", [(236, 236, "exact", "other", "lb")]),
    ("Observers counted more than 300 ballot boxes.", [(300, None, "more_than", "other", "box")]),
    # casualties kept from happening are no dead
    ("A lower speed limit would save 65 lives a year.", [(65, 65, "exact", "people", "person")]),
    ("The new barriers prevented 300 deaths.", [(300, 300, "exact", "people", "person")]),
    ("The storm claimed 65 lives.", [(65, 65, "exact", "killed", "person")]),
    # driven from their homes: displaced
    ("About 40,000 villagers were forced out of their villages.", [(40_000, 40_000, "about", "displaced", "person")]),
    ("Over a million people were driven from their homes.", [(M, None, "more_than", "displaced", "person")]),
    ("Some 300 people were driven to the hospital.", [(300, 300, "about", "people", "person")]),
    # vehicles and devices made civilian by the words before them are no weapons
    ("The carrier ordered 10 Airbus freight-carrying jets.", [(10, 10, "exact", "other", "jet")]),
    ("Russia launched 40 attack drones overnight.", [(40, 40, "exact", "weapons", "drone")]),
    ("The army moved 12 tanks to the border.", [(12, 12, "exact", "weapons", "tank")]),
    # deminers are people (often civilians), sappers are troops
    ("The mission will send 800 deminers and 300 sappers.",
     [(800, 800, "exact", "people", "person"), (300, 300, "exact", "troops", "person")]),
    # a currency named by a word after the number is money, whatever the amount buys
    ("The miner launched a 60 mln Australian dlr bond issue on Tuesday.",
     [(60_000_000, 60_000_000, "exact", "money", "AUD")]),
    ("The insurer lost 250 mln francs last year.", [(250_000_000, 250_000_000, "exact", "money", "CHF")]),
    ("Exports to Japan earned 12 billion baht in the quarter.",
     [(12_000_000_000, 12_000_000_000, "exact", "money", "THB")]),
    ("The students scored 40 marks on average.", [(40, 40, "exact", "other", "mark")]),
    # a measure is never a casualty, even when the parser joins it to "life" or "lives"
    ("The pit will yield 30,000 ounces a year for the life of the pit and 45,000 ounces a year at first.",
     [(30_000, 30_000, "exact", "other", "ounce"), (45_000, 45_000, "exact", "other", "ounce")]),
    ("The raid killed 12 soldiers and 30 shopkeepers.", [(12, 12, "exact", "killed", "person"),
                                                          (30, 30, "exact", "killed", "person")]),
]


@pytest.mark.parametrize(("text", "expected"), CLAIMS, ids=[t[:50] for t, _ in CLAIMS])
def test_claims(analyze, text: str, expected: list[tuple]) -> None:  # type: ignore[no-untyped-def]
    assert [summary(c) for c in claims_of(analyze, text)] == expected


# not claims: each sentence must give no claim at all
NOT_CLAIMS = [
    "The treaty was signed in 1994 and renewed in 2019.",  # years
    "Talks resumed on 12 March after a pause.",  # dates
    "A 45-year-old man was questioned by police.",  # ages
    "The suspect, 29, was released on bail.",
    "Protesters gathered at 10:30 on the square.",  # times of day
    "The rally began at 6 p.m. on Sunday.",
    "For information call 0800 555 0199 today.",  # phone numbers
    "The army deployed S-400 batteries and F-16 jets.",  # model names
    "Its Boeing 737 landed safely.",
    "The more than two-year conflict shows no sign of ending.",  # durations
    "They marched for three days without food.",
    "The ceasefire lasted six months.",
    "Article 5 of the treaty was invoked.",  # labels
    "The second-largest city was shelled.",  # ordinals
    "The ministers of the two countries met again.",  # anaphoric definite
    "The missile was one of its newest designs.",  # partitive, not a casualty
    "The bill passed 52-48 in the senate.",  # vote tally
    "The team won 3-1 on Saturday.",  # score
    "The Group of 20 met in Rio.",  # a number inside a name
    "He lives at 10 Downing Street.",  # an address
    "She has three brothers.",  # a small count of nothing in particular
    "The shells were fired by a 152mm howitzer.",  # a calibre
    "The village lies 40 kilometres from the front line.",  # a distance that locates
    "The town lies 19 miles (30km) from the border.",
    "She won bronze in the 63kg category.",  # a size class
    "He said a huge number had been killed.",  # "a number" is not one casualty
    "Three senior officials said the talks had stalled.",  # a small count of people, not a figure
    "Kyiv lost one of its key bodies.",  # a partitive whose noun is not a casualty here
    "The hearing was postponed by two weeks.",  # a duration
    "Sales climbed in the 1990s.",  # a decade
    "A profile written in 2013 fellow doctors disliked was reprinted.",  # a year the parser takes for a count
]


@pytest.mark.parametrize("text", NOT_CLAIMS)
def test_not_claims(analyze, text: str) -> None:  # type: ignore[no-untyped-def]
    assert [summary(c) for c in claims_of(analyze, text)] == []


# sentence -> (source text, stance) of its last claim
SOURCES = [
    ("According to Reuters, 3,000 soldiers were moved to the border.", ("Reuters", "reported")),
    ("The ministry estimates that 12,000 soldiers were sent abroad.", ("The ministry", "estimated")),
    ("Western governments believe 9,000 troops are ready to cross.", ("Western governments", "believed")),
    ("About 200 fighters were killed, local officials said.", ("local officials", "reported")),
    ("Kyiv denied that 500 of its soldiers had surrendered.", ("Kyiv", "denied")),
    ("Some 900 troops are believed to have crossed the border.", (None, "believed")),
    ("It is estimated that 2,000 civilians remain in the town.", (None, "estimated")),
    ("An estimated 2,000 civilians remain in the town.", (None, "estimated")),
    ("Reportedly, 300 fighters laid down their arms.", (None, "reported")),
    ("The army may have lost 200 tanks.", (None, "hedged")),
    ("Rebels seized 14 armoured vehicles on Monday.", (None, "asserted")),
    ("Officials put the damage at $2bn.", ("Officials", "estimated")),
    ("The central bank estimated the losses at $40 billion.", ("The central bank", "estimated")),
    ("Kyiv warned of 10,000 troops massing at the border.", ("Kyiv", "reported")),
    ("The monitors have verified 2,300 civilian deaths.", ("The monitors", "reported")),
    ("They cited a UN report which estimates that 3,000 civilians were killed.", ("a UN report", "estimated")),
    ("At least 15 civilians died when a missile struck a market, the regional governor said.",
     ("the regional governor", "reported")),
    ("The toll was put at 45 by the local governor.", ("the local governor", "estimated")),
    ("Officials put the total number that had reached the border at about 6,000.", ("Officials", "estimated")),
    ("The ministry said 40 were detained after the clashes.", ("The ministry", "reported")),
    # the subject of a verb of announcing, approving or committing is the source of its object
    ("Portugal's cabinet on Friday approved a €2.4 billion relief fund for farmers.",
     ("Portugal's cabinet", "reported")),
    ("The European Commission unveiled $3 billion in loans for the region.",
     ("The European Commission", "reported")),
    ("Tokyo set aside 90 billion yen for reconstruction.", ("Tokyo", "reported")),
    ("A $900 million package was approved by the senate on Tuesday.", ("the senate", "reported")),
    ("Canada has earmarked C$500 million for air defence.", ("Canada", "reported")),
    # ... but not of what it does to the counted thing, nor across another verb
    ("Militants killed 14 villagers near the border.", (None, "asserted")),
    ("Belarus sent 4,000 soldiers to the border.", (None, "asserted")),
    ("The council approved the plan after 300 homes were flooded.", (None, "asserted")),
    # a reporter the parser hung on the noun before it (", the minister, X, announced on Monday.")
    ("Kyiv will receive 300 armoured vehicles, the defence minister, Olga Petrenko, announced on Monday.",
     ("the defence minister, Olga Petrenko", "reported")),
    ("The city bought 300 buses from a supplier chosen on Monday.", (None, "asserted")),
    # a participle without a subject on a reporting verb is part of the report
    ("Belarus sent about 2,000 more soldiers to the border, the Polish army said on Friday, adding to roughly "
     "9,000 troops already there.", ("the Polish army", "reported")),
    # a dateline the parser glues to the first subject is no part of the source; line breaks
    # of the wire text and quotation marks are not kept in the source words
    ("OSLO, May 4 - Nordic Shipping Co said it will buy 12 tankers for its fleet.",
     ("Nordic Shipping Co", "reported")),
    ("LIMA (AP) -- The mining ministry said 400 workers joined the strike.", ("The mining ministry", "reported")),
    ("Output fell to 40,000 tonnes in May, the Federal\nBureau of Mines said.", ("the Federal Bureau of Mines", "reported")),
    # a dash after a name later in a story is kept
    ("A month later the union said 300 members had left.", ("the union", "reported")),
]


@pytest.mark.parametrize(("text", "expected"), SOURCES, ids=[t[:50] for t, _ in SOURCES])
def test_sources(analyze, text: str, expected: tuple) -> None:  # type: ignore[no-untyped-def]
    claim = claims_of(analyze, text)[-1]
    assert (claim.source_text, claim.stance) == expected
    if expected[0] is None:
        assert claim.source is None
    else:
        assert claim.source is not None and claim.source.text == expected[0]


# the verb nearest the number names its source: sentence -> (source, stance) of the last claim
NEAREST_SOURCES = [
    ("Organisers said up to 50,000 people marched, while police estimated the crowd at 15,000.",
     ("police", "estimated")),
    ("Officials say 12,000 soldiers went, far more than the 3,000 that US officials cited.",
     ("US officials", "reported")),
]


@pytest.mark.parametrize(("text", "expected"), NEAREST_SOURCES, ids=[t[:50] for t, _ in NEAREST_SOURCES])
def test_nearest_source(analyze, text: str, expected: tuple) -> None:  # type: ignore[no-untyped-def]
    first, last = claims_of(analyze, text)
    assert (last.source_text, last.stance) == expected
    assert first.source_text != expected[0]


def test_source_resolves_to_actor(analyze) -> None:  # type: ignore[no-untyped-def]
    (claim,) = claims_of(analyze, "Germany said it would send 40 tanks to Poland.")
    assert claim.source is not None and claim.source.id == "DEU"


# the possessor of a document or spokesman is the source ("its report" -> what "its" is)
POSSESSED_SOURCES = [
    ("Ukraine's military released new figures on Monday. Its report said 1,200 Russian soldiers were killed.",
     "Its report", "UKR"),
    ("Germany's defence ministry said on Monday that 40 tanks had arrived. Its spokesman said 20 more would follow.",
     "Its spokesman", "DEU"),
]


@pytest.mark.parametrize(("text", "words", "actor"), POSSESSED_SOURCES, ids=[t[:40] for t, _, _ in POSSESSED_SOURCES])
def test_possessor_of_a_document_is_the_source(analyze, text: str, words: str, actor: str) -> None:  # type: ignore[no-untyped-def]
    claim = claims_of(analyze, text)[-1]
    assert claim.source_text == words
    assert claim.source is not None and claim.source.id == actor


# pronouns and generic nouns as sources stand for the organization or state meant, not the
# nearest state: sentence -> (source words, actor id of the last claim's source; None: no actor)
GENERIC_SOURCES = [
    # "it" in a clause on a verb whose subject the parser lost: the actor before it in its sentence
    ("More than 500 Belarusian soldiers have crossed into Lithuania, officials in Vilnius said. The figure is "
     "far higher than the one Poland's border guard gave reporters on Friday, when it said at least 40 "
     "Belarusian soldiers had crossed.", "it", "POL"),
    # "it" continuing the speaker before, who is "the group" standing for the council named earlier
    ("The Arctic Shipping Council was set up in 2019 by Norway and Canada after Russia blocked a UN treaty. "
     "The group said 300 tankers crossed the strait last year. In addition, it said, Russia had sent "
     "40 icebreakers north.", "it", "org:arctic-shipping-council"),
    ("The Arctic Shipping Council was set up in 2019 by Norway and Canada after Russia blocked a UN treaty. "
     "The group said 300 tankers crossed the strait last year.", "The group", "org:arctic-shipping-council"),
    # "the agency" after the phrase that named it
    ("Chile's fisheries agency issued a warning on Monday. The agency said 300 trawlers had fished illegally.",
     "The agency", "CHL"),
    # a subject in its own sentence comes first
    ("Peru's navy seized a ship near Chile on Monday. It said 30 crew members were detained.", "It", "PER"),
    # a titled person with a name keeps the person
    ("Kenya's envoy to the UN, Grace Wanjiru, said 78 people had been killed.",
     "Kenya's envoy to the UN, Grace Wanjiru,", "person:grace-wanjiru"),
    # nothing to stand for: the words stay, without an actor
    ("The agency said 300 trawlers had fished illegally.", "The agency", None),
]


@pytest.mark.parametrize(("text", "words", "actor"), GENERIC_SOURCES, ids=[t[:40] for t, _, _ in GENERIC_SOURCES])
def test_generic_sources_resolve(analyze, text: str, words: str, actor: str | None) -> None:  # type: ignore[no-untyped-def]
    claim = claims_of(analyze, text)[-1]
    assert claim.source_text == words
    assert claim.source is not None and claim.source.id == actor


# sentence -> about
ABOUTS = [
    ("Officials said up to 8,000 Belarusian troops were massed near the frontier.", "Belarusian troops"),
    ("Between 4,000 and 6,000 soldiers from Chad were flown in.", "soldiers from Chad"),
    ("Japan will provide $250 million in humanitarian aid to Sudan.", "humanitarian aid to Sudan"),
    ("Moscow bought $90 million worth of drones.", "drones"),
    ("They signed a $2bn arms deal.", "arms deal"),
    ("Congress passed a $61bn (£49bn) support package.", "support package"),
    ("The ministry put the damage at $2bn.", "damage"),
    ("The bank estimated the losses at $40 billion.", "losses"),
    ("Officials put the death toll at 45.", "death toll"),
    ("Thousands of migrants from Libya reached the coast.", "migrants from Libya"),
    ("The death toll rose to 45.", "death toll"),
]


@pytest.mark.parametrize(("text", "expected"), ABOUTS, ids=[t[:50] for t, _ in ABOUTS])
def test_about(analyze, text: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    (claim,) = claims_of(analyze, text)
    assert claim.about == expected


# numbers whose counted noun is said elsewhere: sentence(s) -> every claim as
# (low, high, approx, category, unit, about), in text order
ELSEWHERE = [
    # a bare subject or object takes the most recent claim's noun and category
    ("Pyongyang has sent about 11,000 soldiers to Russia. Up to 8,000 could already be near the front line.",
     [(11_000, 11_000, "about", "troops", "person", "soldiers"),
      (None, 8000, "up_to", "troops", "person", "soldiers")]),
    ("Russia launched 50 drones overnight; 42 were shot down.",
     [(50, 50, "exact", "weapons", "drone", "drones"), (42, 42, "exact", "weapons", "drone", "drones")]),
    ("Hospitals treated 120 patients on Sunday. Some 45 remain in a critical condition.",
     [(120, 120, "exact", "people", "person", "patients"), (45, 45, "about", "people", "person", "patients")]),
    ("The army sent 3,000 troops in May and 2,000 in June.",
     [(3000, 3000, "exact", "troops", "person", "troops"), (2000, 2000, "exact", "troops", "person", "troops")]),
    # "N more", "the remaining N", "N of them", "N of whom"
    ("Police detained 400 protesters. The remaining 200 were released on bail.",
     [(400, 400, "exact", "arrested", "person", "protesters"), (200, 200, "exact", "arrested", "person", "protesters")]),
    ("The US sent 3,000 troops in March. An additional 2,000 will follow.",
     [(3000, 3000, "exact", "troops", "person", "troops"), (2000, 2000, "exact", "troops", "person", "troops")]),
    ("Police held 1,200 people, 300 of whom were children.",
     [(1200, 1200, "exact", "people", "person", "people"), (300, 300, "exact", "people", "person", "people")]),
    ("Kyiv says the army lost 40 tanks last month and about 30 more this week.",
     [(40, 40, "exact", "weapons", "tank", "tanks"), (30, 30, "about", "weapons", "tank", "tanks")]),
    ("The blast killed 14 soldiers and wounded 30 others.",  # other people, not other soldiers
     [(14, 14, "exact", "killed", "person", "soldiers"), (30, 30, "exact", "injured", "person", "others")]),
    ("Police detained 400 protesters overnight; 213 of them were later released.",
     [(400, 400, "exact", "arrested", "person", "protesters"),
      (213, 213, "exact", "arrested", "person", "protesters")]),
    # items of a list given for places or times, conjuncts of a number
    ("The bank employs 2,300 people, 150 fewer than a year ago.",
     [(2300, 2300, "exact", "people", "person", "people"), (150, 150, "exact", "people", "person", "people")]),
    ("The carmaker plans to cut 4,000 jobs in Spain, 2,500 in Italy and 900 in Portugal.",
     [(4000, 4000, "exact", "other", "job", "jobs"), (2500, 2500, "exact", "other", "job", "jobs"),
      (900, 900, "exact", "other", "job", "jobs")]),
    ("The two bombings killed 48 and 17 people respectively.",
     [(48, 48, "exact", "killed", "person", "people"), (17, 17, "exact", "killed", "person", "people")]),
    ("Police estimated the crowd at 15,000.", [(15_000, 15_000, "exact", "people", "person", "crowd")]),
    ("Analysts put the number of armoured vehicles destroyed since May at more than 1,500.",
     [(1500, None, "more_than", "other", "vehicle", "armoured vehicles destroyed since May")]),
    # the clause of the bare number decides a casualty category, the antecedent what is counted
    ("About 2,000 civilians were trapped in the town. At least 300 were wounded.",
     [(2000, 2000, "about", "people", "person", "civilians"),
      (300, None, "at_least", "injured", "person", "civilians")]),
    ("Relief groups counted 900 victims, some 600 who died in the first hours.",
     [(900, 900, "exact", "people", "person", "victims"), (600, 600, "about", "killed", "person", "victims")]),
    ("Some 1,500 residents were cut off by the floods. Most of the 1,500 were evacuated by boat.",
     [(1500, 1500, "about", "people", "person", "residents"),
      (1500, 1500, "exact", "people", "person", "residents")]),
    # another number of what was counted takes what the noun counts, not what befell it
    ("Kyiv said 3,000 North Korean soldiers were killed. Up to 9,000 more are still fighting near Kursk.",
     [(3000, 3000, "exact", "killed", "person", "North Korean soldiers"),
      (None, 9000, "up_to", "killed", "person", "North Korean soldiers")]),
    ("Kyiv said 3,000 North Korean soldiers were killed. Another 9,000 are still fighting near Kursk.",
     [(3000, 3000, "exact", "killed", "person", "North Korean soldiers"),
      (9000, 9000, "exact", "troops", "person", "North Korean soldiers")]),
    ("Ukraine says 12,000 North Korean soldiers are in Russia, far more than the 3,000 that US officials cited.",
     [(12_000, 12_000, "exact", "troops", "person", "North Korean soldiers"),
      (3000, 3000, "exact", "troops", "person", "North Korean soldiers")]),
    # "put the number/total (of X) at N": X, else what was counted before
    ("Seoul says 12,000 troops went to Russia. Officials put the number that had reached the border at about 6,000.",
     [(12_000, 12_000, "exact", "troops", "person", "troops"), (6000, 6000, "about", "troops", "person", "troops")]),
    ("North Korea has sent troops to Russia. The Pentagon puts the total number sent there at about 10,000.",
     [(10_000, 10_000, "about", "troops", "person", "troops")]),
    ("Officials put the number of displaced people at 40,000.",
     [(40_000, 40_000, "exact", "displaced", "person", "displaced people")]),
    ("The number of soldiers killed has risen to 300.",
     [(300, 300, "exact", "killed", "person", "soldiers killed")]),
    ("The toll was put at 45 by the local governor.", [(45, 45, "exact", "killed", "person", "toll")]),
    ("A second blast on Friday killed 12, raising the death toll to 45.",
     [(12, 12, "exact", "killed", "person", None), (45, 45, "exact", "killed", "person", "death toll")]),
    ("Hundreds of refugees arrived on Monday. Another 300 came on Tuesday, bringing the total to more than 1,000.",
     [(100, None, "at_least", "displaced", "person", "refugees"), (300, 300, "exact", "displaced", "person", "refugees"),
      (1000, None, "more_than", "displaced", "person", "refugees")]),
    # the subject of a verb of reaching is what is counted
    ("Deaths from the outbreak passed 1,000 on Friday.",
     [(1000, 1000, "exact", "killed", "person", "Deaths from the outbreak")]),
    ("Casualties rose to 40 after the second blast.", [(40, 40, "exact", "killed", "person", "Casualties")]),
    # the predicate makes the counted people casualties
    ("At least 30 people are dead after the storm.", [(30, None, "at_least", "killed", "person", "people")]),
    ("Officials said 25 people were reported dead.", [(25, 25, "exact", "killed", "person", "people")]),
    ("Twelve people lost their lives in the fire.", [(12, 12, "exact", "killed", "person", "people")]),
    ("Nineteen people were among the dead.", [(19, 19, "exact", "killed", "person", "people")]),
    ("The strike hit a school. Among the dead were 11 children, the ministry said.",
     [(11, 11, "exact", "killed", "person", "children")]),
    ("Aid groups estimate the number of people displaced at 1.9 million.",
     [(1.9 * M, 1.9 * M, "exact", "displaced", "person", "people")]),
    ("Hundreds who fled the fighting are sheltering in schools.", [(100, None, "at_least", "displaced", "person", None)]),
    # casualties are some of the people counted before, never more of them
    ("Strikes killed at least 32 people on Thursday. Among the dead were 11 children. Another 70 were wounded.",
     [(32, None, "at_least", "killed", "person", "people"), (11, 11, "exact", "killed", "person", "children"),
      (70, 70, "exact", "injured", "person", None)]),
    ("The strike killed 14 children. More than 41,000 have been killed since the war began.",
     [(14, 14, "exact", "killed", "person", "children"), (41_000, None, "more_than", "killed", "person", None)]),
    # no antecedent: a casualty clause still makes a claim, without about
    ("Officials said 40 were detained after the clashes.", [(40, 40, "exact", "arrested", "person", None)]),
    # numbers that are no counts stay out, even after a counted noun
    ("Temperatures hit 40 on Friday as 3,000 firefighters battled the blaze.",
     [(3000, 3000, "exact", "people", "person", "firefighters")]),
    ("The brigade has 4,000 soldiers. Its commander turned 60 this year.",
     [(4000, 4000, "exact", "troops", "person", "soldiers")]),
    ("The regiment lost 300 soldiers. The minister, 58, resigned in 2022.",
     [(300, 300, "exact", "troops", "person", "soldiers")]),
    ("About 500 soldiers took part. The parade lasted 90 minutes.",
     [(500, 500, "about", "troops", "person", "soldiers")]),
    ("Some 400 marines landed. Chapter 12 of the report describes the landing.",
     [(400, 400, "about", "troops", "person", "marines")]),
    ("The army has 5,000 tanks. The index fell to 98 on Monday.",
     [(5000, 5000, "exact", "weapons", "tank", "tanks")]),
    ("The drones flew 300 km. Some 40 were intercepted.",
     [(300, 300, "exact", "other", "km", "km"), (40, 40, "about", "weapons", "drone", "drones")]),
    ("The convoy carried 60 tonnes of food. 20 were unloaded in Gaza.",
     [(60, 60, "exact", "other", "tonne", "tonnes of food")]),
    ("Some 300 migrants reached the island. The boat, built in 1985, carried 40.",
     [(300, 300, "about", "people", "person", "migrants"), (40, 40, "exact", "people", "person", "migrants")]),
    ("Turkey hosts 3.6 million Syrians. Germany hosts about 1 million.",
     [(3.6 * M, 3.6 * M, "exact", "people", "person", "Syrians"), (M, M, "about", "people", "person", "Syrians")]),
    ("About 3,000 troops served there in the 1990s.", [(3000, 3000, "about", "troops", "person", "troops")]),
    ("The rebels hold 40 villages. At 15, he joined them.", [(40, 40, "exact", "other", "village", "villages")]),
    ("Doctors treated 70 wounded soldiers. Flight 300 took them home.",
     [(70, 70, "exact", "injured", "person", "wounded soldiers")]),
    ("The rebels seized 12 villages. The army retook 9 of them within a week.",  # 9 is a small count
     [(12, 12, "exact", "other", "village", "villages")]),
    # a figure noun points back further, past a sentence about the count
    ("Lithuania said 9,000 Belarusian soldiers had massed at the border. \"The count rises every day,\" its "
     "minister said. Poland's army put the number that had crossed at about 2,000 on Sunday.",
     [(9000, 9000, "exact", "troops", "person", "Belarusian soldiers"),
      (2000, 2000, "about", "troops", "person", "Belarusian soldiers")]),
    # ... but a bare subject does not
    ("Lithuania said 9,000 Belarusian soldiers had massed at the border. \"The count rises every day,\" its "
     "minister said. Up to 2,000 could cross soon.",
     [(9000, 9000, "exact", "troops", "person", "Belarusian soldiers")]),
]


@pytest.mark.parametrize(("text", "expected"), ELSEWHERE, ids=[t[:50] for t, _ in ELSEWHERE])
def test_counted_noun_elsewhere(analyze, text: str, expected: list[tuple]) -> None:  # type: ignore[no-untyped-def]
    assert [(*summary(c), c.about) for c in claims_of(analyze, text)] == expected


# a bare number with nothing it could count is no claim
NO_ANTECEDENT = [
    "Up to 8,000 could already be near the front line.",
    "One of the 12 ministers resigned.",
    "Two of three judges dissented.",
    "The plan has 20 points. Ministers agreed on 15.",
    "Of the 27 member states, 20 backed the plan.",
    "She was 45 when the war began. About 60 attended her funeral.",
    "Donors pledged millions in cash.",
    "About eight out of 10 said the debate changed nothing.",
]


@pytest.mark.parametrize("text", NO_ANTECEDENT)
def test_bare_number_without_antecedent(analyze, text: str) -> None:  # type: ignore[no-untyped-def]
    assert [summary(c) for c in claims_of(analyze, text)] == []


# after a counted noun, numbers that are no counts of it: sentence -> the claims' words
NOT_COUNTING_IT = [
    ("About 500 soldiers attended the ceremony. The 2024 budget was approved.", ["About 500 soldiers"]),
    ("Some 200 troops arrived. Resolution 2231 was cited.", ["Some 200 troops"]),
    ("About 400 fighters surrendered. 2023 was the deadliest year.", ["About 400 fighters"]),
    ("Rebels fired 30 rockets. One hit a school.", ["30 rockets"]),
    ("About 1,000 police were deployed. He was 12 at the time.", ["About 1,000 police"]),
    ("Russia fired 50 missiles. Number 10 said it would respond.", ["50 missiles"]),
    ("About 90 people attended. The team won 3-1 and scored 15 in the league.", ["About 90 people"]),
    ("The new 787 can seat 330 passengers. The 787 flew for the first time in 2009.", ["330 passengers"]),
    ("The drones flew 300 km. Some 40 were intercepted.", ["300 km", "Some 40"]),  # 40 drones, not km
    ("Some 150 journalists were expelled last year. The country ranks 160 out of 180 in the index.",
     ["Some 150 journalists"]),
    ("The striker has scored 14 goals this season. He scored 3 against Leeds.", []),
]


@pytest.mark.parametrize(("text", "expected"), NOT_COUNTING_IT, ids=[t[:50] for t, _ in NOT_COUNTING_IT])
def test_numbers_not_counting_the_noun_before(analyze, text: str, expected: list[str]) -> None:  # type: ignore[no-untyped-def]
    ad = analyze(text, until="claims")
    assert [ad.snippet(c.span) for c in ad.claims] == expected


def test_bare_number_span_keeps_more(analyze) -> None:  # type: ignore[no-untyped-def]
    ad = analyze("Kyiv says the army lost 40 tanks last month and about 30 more this week.", until="claims")
    assert [ad.snippet(c.span) for c in ad.claims] == ["40 tanks", "about 30 more"]


# a table row or paragraph after a line break and an indent is no part of what a number
# counts; a plain line break (a wire text wrapped at 70 characters) is
# text -> [(value, about, span words)]
BREAKS = [
    ("Profit per share 41 cts vs 36 cts\n    Net income 8,200,000 vs 7,100,000",
     [(0.41, None, "41 cts"), (0.36, None, "36 cts")]),
    ("Profit per share 41 cts vs 36 cts\n\nNet income rose.", [(0.41, None, "41 cts"), (0.36, None, "36 cts")]),
    ("The agency paid 15 mln dlrs in export credits to\nEgypt last year.",
     [(15_000_000, "export credits to Egypt", "15 mln dlrs in export credits to\nEgypt")]),
]


@pytest.mark.parametrize(("text", "expected"), BREAKS, ids=[t[:40] for t, _ in BREAKS])
def test_paragraph_break_ends_what_a_number_counts(analyze, text: str, expected: list[tuple]) -> None:  # type: ignore[no-untyped-def]
    found = [(c.low, c.about, text[c.span.start:c.span.end]) for c in claims_of(analyze, text)]
    assert found == expected


def test_span_covers_number_and_what_it_counts(analyze) -> None:  # type: ignore[no-untyped-def]
    ad = analyze("Officials said up to 8,000 Belarusian troops were massed.", until="claims")
    (claim,) = ad.claims
    assert ad.snippet(claim.span) == "up to 8,000 Belarusian troops"


def test_casualty_word_in_span(analyze) -> None:  # type: ignore[no-untyped-def]
    ad = analyze("Five dead and 30 injured after the blast.", until="claims")
    assert [(ad.snippet(c.span), c.category) for c in ad.claims] == [("Five dead", "killed"), ("30 injured", "injured")]


def test_casualty_article_span(analyze) -> None:  # type: ignore[no-untyped-def]
    ad = analyze("The strike killed a nurse and injured 11 patients.", until="claims")
    assert [(ad.snippet(c.span), c.category, c.low) for c in ad.claims] == [
        ("a nurse", "killed", 1), ("11 patients", "injured", 11)]


def test_a_person_outside_casualties_is_not_a_claim(analyze) -> None:  # type: ignore[no-untyped-def]
    assert claims_of(analyze, "A soldier visited the museum.") == []


WHENS = [
    ("On Friday, a drone strike killed 14 people, officials said.", "Friday"),
    ("Officials said on Monday that 300 soldiers were killed last week.", "last week"),
    ("Russia fired 40 missiles overnight, the air force said on Tuesday.", "Tuesday"),
    ("Russia fired 40 missiles at the city.", None),
]


@pytest.mark.parametrize(("text", "expected"), WHENS, ids=[t[:40] for t, _ in WHENS])
def test_when_links_a_time_of_the_clause(analyze, text: str, expected: str | None) -> None:  # type: ignore[no-untyped-def]
    ad = analyze(text, until="claims")
    (claim,) = ad.claims
    if expected is not None and not any(t.text == expected for t in ad.times):
        pytest.skip(f"the times layer did not find {expected!r} here")
    assert (claim.when.text if claim.when else None) == expected


def test_one_bad_item_does_not_lose_the_document(analyze, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from storytrace.nlp import claims as layer

    ad = analyze("Rebels fired 30 rockets and 12 drones.", until="quotes")
    real = layer._claim_of

    def flaky(ad_, lex, q, *rest):  # type: ignore[no-untyped-def]
        if ad_.doc[q.start].text == "30":
            raise ValueError("boom")
        return real(ad_, lex, q, *rest)

    monkeypatch.setattr(layer, "_claim_of", flaky)
    monkeypatch.setattr(ad.res, "strict", False)
    assert [c.low for c in layer.extract(ad)] == [12]


@pytest.mark.parametrize(("file", "line", "message"), [
    ("nouns.tsv", "tractor\tvehicles\tvehicle", r"nouns\.tsv:\d+: unknown category 'vehicles'"),
    ("civilian.tsv", "tractor\tfarm", r"civilian\.tsv:\d+: unknown kind 'farm'"),
    ("elsewhere.tsv", "fewer\tstand-in", r"elsewhere\.tsv:\d+: unknown kind 'stand-in'"),
])
def test_a_bad_line_in_a_word_list_is_named(tmp_path: Path, file: str, line: str, message: str) -> None:
    src = Path(__file__).resolve().parents[2] / "src" / "storytrace" / "data" / "claims"
    for f in src.glob("*.tsv"):
        (tmp_path / f.name).write_text(f.read_text(encoding="utf-8"), encoding="utf-8")
    with (tmp_path / file).open("a", encoding="utf-8") as f:
        f.write(line + "\n")
    with pytest.raises(LexiconError, match=message):
        load_claim_lexicon(tmp_path)


ODD_TEXTS = [
    "",
    "   \n\n  ",
    "$ £ € 10,000 - - to to between and",
    "1 2 3 4 5 6 7 8 9 10 11 12 13 14 15",
    "Killed killed wounded fled: a, an, the; 99999999999999999999 people.",
    "Up to\n\n10,000\n\ntroops.",
]


@pytest.mark.parametrize("text", ODD_TEXTS)
def test_odd_text_does_not_break_the_layer(analyze, text: str) -> None:  # type: ignore[no-untyped-def]
    for claim in claims_of(analyze, text):
        assert 0 <= claim.span.start < claim.span.end <= len(text)
