"""The actor layer on sentences written for these tests: each resolution rule of
docs/actors.md, the office held on the article's date, user dictionaries, and the phrases
that must not become actors."""

from __future__ import annotations

from datetime import date
from itertools import pairwise
from pathlib import Path

import pytest

from storytrace.errors import DataFileError
from storytrace.nlp import actors
from storytrace.nlp.actor_resolver import spokesperson_role
from storytrace.nlp.context import AnalyzedDoc
from storytrace.nlp.mentions import ActorLayer, Mention
from storytrace.nlp.resources import Resources


def layer_of(analyze, text: str, published: str | None = "2024-11-01") -> ActorLayer:  # type: ignore[no-untyped-def]
    ad = analyze(text, published=published, until="actors")
    assert ad.actors is not None
    return ad.actors


def exported(layer: ActorLayer) -> dict[str, dict]:
    return {a.id: a.model_dump() for a in layer.actors}


def mention(layer: ActorLayer, text: str, nth: int = 0) -> Mention:
    found = [m for m in layer.mentions if m.text == text]
    assert len(found) > nth, f"no mention {text!r} in {[m.text for m in layer.mentions]}"
    return found[nth]


# --------------------------------------------------------------------------- states, metonymy

@pytest.mark.parametrize("text, phrase, actor_id, sector, place, metonym", [
    ("Pyongyang urged Tokyo to drop its sanctions on Tuesday.", "Pyongyang", "PRK", "GOV", False, True),
    ("Pyongyang urged Tokyo to drop its sanctions on Tuesday.", "Tokyo", "JPN", "GOV", False, True),
    ("The delegation arrived in Moscow on Monday evening.", "Moscow", "RUS", None, True, False),
    ("The Kremlin rejected the proposal within hours.", "Kremlin", "RUS", "GOV", False, True),
    ("Officials at the talks said Washington would not lift the measures.", "Washington", "USA", "GOV",
     False, True),
    ("Ten people were hurt in Ukraine when the dam broke.", "Ukraine", "UKR", None, True, False),
    ("Canada condemned the launch in a short statement.", "Canada", "CAN", None, False, False),
    ("The plan was announced in Kyiv and welcomed in Warsaw.", "Kyiv", "UKR", None, True, False),
])
def test_metonymy_and_places(analyze, text, phrase, actor_id, sector, place, metonym) -> None:
    m = mention(layer_of(analyze, text), phrase)
    assert (m.actor_id, m.sector, m.place, m.metonym) == (actor_id, sector, place, metonym)


@pytest.mark.parametrize("text, expected", [
    ("North Korea fired two missiles. The South said the North had violated the accord.", {"PRK", "KOR"}),
    ("The South voted for the senator, and the North stayed home.", set()),
])
def test_the_north_and_the_south_only_in_korean_stories(analyze, text, expected) -> None:
    assert set(exported(layer_of(analyze, text))) == expected


@pytest.mark.parametrize("text", [
    "The North Koreans have fought beside Russian units since the winter.",
    "Seoul stayed quiet. The North Koreans have fought beside Russian units since the winter.",
])
def test_a_longer_name_starting_inside_a_shorter_one_wins(text: str, analyze) -> None:
    # "the North" (a contextual name) must not eat the start of "the North Koreans"
    layer = layer_of(analyze, text)
    (m,) = [m for m in layer.mentions if "Koreans" in m.text]
    assert (m.text, m.actor_id, m.country) == ("North Koreans", "PRK", "PRK")


def test_a_place_only_state_is_not_an_acting_actor(analyze) -> None:
    layer = layer_of(analyze, "The singer gave two concerts in Moscow last spring.")
    assert "RUS" not in exported(layer)
    assert layer.at(mention(layer, "Moscow").tok_start) is None  # places stay out of at() by default
    assert layer.at(mention(layer, "Moscow").tok_start, places=True) is not None


# --------------------------------------------------------------------------- demonyms and sector nouns

@pytest.mark.parametrize("text, phrase, actor_id, sector", [
    ("Thousands of North Korean troops crossed the river at night.", "North Korean troops", "PRK", "MIL"),
    ("US intelligence believes the launch failed.", "US intelligence", "USA", "SPY"),
    ("Ukrainian forces pushed back the assault near the river.", "Ukrainian forces", "UKR", "MIL"),
    ("South Korean authorities detained the ship's captain.", "South Korean authorities", "KOR", "GOV"),
    ("Iranian lawmakers approved the bill on Sunday.", "Iranian lawmakers", "IRN", "LEG"),
    ("Russia's army lost two tanks in the attack.", "Russia's army", "RUS", "MIL"),
    ("Chinese state media praised the agreement.", "Chinese state media", "CHN", "JRN"),
])
def test_demonym_and_sector_noun(analyze, text, phrase, actor_id, sector) -> None:
    m = mention(layer_of(analyze, text), phrase)
    assert (m.actor_id, m.sector) == (actor_id, sector)


def test_domestic_noun_takes_the_state_the_story_is_set_in(analyze) -> None:
    text = ("A drone hit a school in Ukraine's northern Chernihiv region overnight, wounding four "
            "people, regional police said.")
    m = mention(layer_of(analyze, text), "police")
    assert (m.actor_id, m.sector) == ("UKR", "COP")


def test_generic_groups_have_no_id_and_are_not_exported(analyze) -> None:
    layer = layer_of(analyze, "Analysts say the West has been too slow, and officials agree.")
    assert exported(layer) == {}
    for phrase in ("Analysts", "the West", "officials"):
        assert mention(layer, phrase).actor_id is None
    assert mention(layer, "the West").name == "the West"


# --------------------------------------------------------------------------- bodies, organizations

@pytest.mark.parametrize("text, phrase, actor_id, kind, country, sector", [
    ("The State Department said the talks would resume.", "State Department", "USA", "country", "USA", "GOV"),
    ("The Pentagon sent two more destroyers.", "Pentagon", "USA", "country", "USA", "MIL"),
    ("The report was carried by KCNA on Sunday.", "KCNA", "org:kcna", "organization", "PRK", "JRN"),
    ("The United Nations called for a ceasefire.", "United Nations", "igo:un", "igo", None, None),
    ("Russia's Security Council met behind closed doors.", "Russia's Security Council", "RUS", "country", "RUS",
     "GOV"),
    ("The Ministry of Defence of Ukraine said the attack failed.", "Ministry of Defence of Ukraine", "UKR",
     "country", "UKR", "MIL"),
    ("The UN Security Council will vote on the draft.", "UN Security Council", "igo:unsc", "igo", None, None),
    ("The Security Council extended the mission by a year.", "Security Council", "igo:unsc", "igo", None,
     None),
    ("The Russian Defence Ministry said two drones were downed.", "Russian Defence Ministry", "RUS", "country",
     "RUS", "MIL"),
    ("NATO allies pledged more air defences.", "NATO", "igo:nato", "igo", None, "MIL"),
])
def test_bodies_and_organizations(analyze, text, phrase, actor_id, kind, country, sector) -> None:
    m = mention(layer_of(analyze, text), phrase)
    assert (m.actor_id, m.kind, m.country, m.sector) == (actor_id, kind, country, sector)


@pytest.mark.parametrize("text, phrase, actor_id", [
    ("Russia's Security Council met on Monday. Later the Security Council issued a statement.",
     "Security Council", "RUS"),
    ("Ukraine's foreign ministry summoned the envoy. The foreign ministry said the note was handed over.",
     "foreign ministry", "UKR"),
])
def test_generic_body_named_again_keeps_its_state(analyze, text, phrase, actor_id) -> None:
    layer = layer_of(analyze, text)
    later = [m for m in layer.mentions if m.text == phrase]
    assert later and later[-1].actor_id == actor_id


# --------------------------------------------------------------------------- people

@pytest.mark.parametrize("text, phrase, actor_id, country", [
    ("Ukrainian President Volodymyr Zelensky thanked the volunteers.", "Volodymyr Zelensky",
     "person:volodymyr-zelensky", "UKR"),
    ("North Korea's Choe Son Hui arrived for a three-day visit.", "Choe Son Hui", "person:choe-son-hui", "PRK"),
    ("The Russian president, Vladimir Putin, signed the decree.", "Vladimir Putin", "person:vladimir-putin",
     "RUS"),
    ("Mr Putin spoke for an hour.", "Putin", "person:vladimir-putin", "RUS"),
    ("Kim Jong-un inspected the shipyard.", "Kim Jong-un", "person:kim-jong-un", "PRK"),
])
def test_named_people(analyze, text, phrase, actor_id, country) -> None:
    m = mention(layer_of(analyze, text), phrase)
    assert (m.actor_id, m.country, m.kind) == (actor_id, country, "person")


def test_short_forms_follow_the_full_name(analyze) -> None:
    text = ("Choe Son Hui met Sergei Lavrov on Friday. Choe said the talks were useful, and Lavrov "
            "agreed. Later Kim Jong Un received the delegation. Kim praised the guests.")
    layer = layer_of(analyze, text)
    assert mention(layer, "Choe", 0).actor_id == "person:choe-son-hui"
    assert mention(layer, "Lavrov", 0).actor_id == "person:sergei-lavrov"
    assert mention(layer, "Kim", 0).actor_id == "person:kim-jong-un"


@pytest.mark.parametrize("published, holder", [
    ("2024-06-10", "person:antony-blinken"),
    ("2025-06-10", "person:marco-rubio"),
    ("2019-06-10", "person:mike-pompeo"),
])
def test_office_holder_depends_on_the_article_date(analyze, published, holder) -> None:
    layer = layer_of(analyze, "The US Secretary of State said the sanctions would stay.", published)
    m = mention(layer, "US Secretary of State")
    assert m.actor_id == holder
    assert holder in exported(layer)


@pytest.mark.parametrize("text, published, holder", [
    ("The Kremlin spokesman said the talks were over.", "2024-03-01", "person:dmitry-peskov"),
    ("The White House press secretary took questions.", "2023-06-01", "person:karine-jean-pierre"),
    ("The White House press secretary took questions.", "2025-06-01", "person:karoline-leavitt"),
    ("Russia's defence minister flew to Minsk.", "2023-06-01", "person:sergei-shoigu"),
    ("Russia's defence minister flew to Minsk.", "2024-11-01", "person:andrei-belousov"),
    ("The UN Secretary-General called for calm.", "2024-01-10", "person:antonio-guterres"),
])
def test_office_holders(analyze, text, published, holder) -> None:
    layer = layer_of(analyze, text, published)
    assert holder in exported(layer)


def test_office_holder_by_metonym(analyze) -> None:
    layer = layer_of(analyze, "Pyongyang's foreign minister said the ties were strong.", "2024-11-01")
    m = mention(layer, "Pyongyang's foreign minister")
    assert (m.actor_id, m.role, m.gender) == ("person:choe-son-hui", "foreign minister", "f")


@pytest.mark.parametrize("text, phrase, role", [
    ("Russia's deputy defence minister visited the plant.", "Russia's deputy defence minister",
     "deputy defence minister"),
    ("US Deputy Assistant Defense Secretary Mark Ruiz resigned.", "Mark Ruiz", "deputy assistant defense secretary"),
])
def test_a_deputy_is_not_the_office_holder(analyze, text, phrase, role) -> None:
    layer = layer_of(analyze, text, "2024-11-01")
    m = mention(layer, phrase)
    assert m.role == role
    assert "person:andrei-belousov" not in exported(layer) and "person:lloyd-austin" not in exported(layer)


def test_an_indefinite_title_is_not_the_office_holder(analyze) -> None:
    layer = layer_of(analyze, "A spokesman for the State Department declined to comment.", "2024-11-01")
    m = mention(layer, "spokesman for the State Department")
    assert (m.actor_id, m.role) == ("USA", "foreign ministry spokesperson")
    assert not any(a.kind == "person" for a in layer.actors)


def test_dateline_is_a_place_and_sets_the_story_state(analyze) -> None:
    text = ("TOKYO, March 2 (Kyodo) -- North Korea test-fired a cruise missile, officials said. "
            "A senior official at the prime minister's office said the government was on alert.")
    layer = layer_of(analyze, text)
    assert mention(layer, "TOKYO").place
    assert mention(layer, "government").actor_id == "JPN"


def test_office_without_a_date_stays_unresolved(analyze) -> None:
    layer = layer_of(analyze, "The US Secretary of State said the sanctions would stay.", None)
    assert not any(a.kind == "person" for a in layer.actors)


def test_unknown_person_gets_country_from_the_title(analyze) -> None:
    layer = layer_of(analyze, "US Deputy Secretary of Energy Jeffrey Kupfer visited the plant on Monday.")
    actor = exported(layer)["person:jeffrey-kupfer"]
    assert (actor["kind"], actor["country"], actor["name"]) == ("person", "USA", "Jeffrey Kupfer")


def test_a_later_title_completes_an_unknown_person(analyze) -> None:
    text = "Jeffrey Kupfer toured the plant on Monday. Later, US Deputy Energy Secretary Kupfer said output would rise."
    actor = exported(layer_of(analyze, text, "2024-05-01"))["person:jeffrey-kupfer"]
    assert (actor["country"], actor["role"], len(actor["mentions"])) == ("USA", "deputy energy secretary", 2)


def test_apposition_gives_role_and_country(analyze) -> None:
    layer = layer_of(analyze, "Maria Ortega, a spokeswoman for the Chilean Foreign Ministry, declined "
                              "to comment. Ortega later said the letter was received.")
    actor = exported(layer)["person:maria-ortega"]
    assert actor["role"] == "foreign ministry spokesperson"
    assert mention(layer, "Maria Ortega").gender == "f"
    assert mention(layer, "Ortega", 0).actor_id == "person:maria-ortega"


def test_titled_phrase_is_not_a_person(analyze) -> None:
    layer = layer_of(analyze, "A senior Guyanese police officer was arrested on Thursday.")
    assert not any(a.kind == "person" for a in layer.actors)
    m = mention(layer, "Guyanese police officer")
    assert (m.actor_id, m.sector) == ("GUY", "COP")


def test_definite_title_refers_to_the_person_introduced_with_it(analyze) -> None:
    text = ("Ukrainian President Volodymyr Zelensky spoke to reporters in Kyiv. "
            "\"We need more help,\" the president said.")
    m = mention(layer_of(analyze, text), "president", 0)
    assert m.actor_id == "person:volodymyr-zelensky"


# --------------------------------------------------------------------------- people's countries

@pytest.mark.parametrize("text, phrase, country", [
    # a state before the title, with words of the title between
    ("Japan's trade minister, Kenji Morita, said the talks would resume in May.", "Kenji Morita", "JPN"),
    ("Kenyan police spokesman Daniel Otieno said three officers were hurt.", "Daniel Otieno", "KEN"),
    ("Sudanese army chief Osman Idris vowed to press on.", "Osman Idris", "SDN"),
    # an apposition or an "of" phrase naming an organization, a capital or a place
    ("Karim Nasser, a senior Hezbollah official, rejected the offer.", "Karim Nasser", "LBN"),
    ("Adam Yahya of the RSF denied the charge on Sunday.", "Adam Yahya", "SDN"),
    ("Park Ji-hoon, a researcher at a Seoul think tank, said the launch was a warning.", "Park Ji-hoon", "KOR"),
    ("Fatima Bello, a trader from Kano, said prices had doubled.", "Fatima Bello", "NGA"),
    ("Rami, a 34-year-old engineer from Gaza, said his house was gone.", "Rami", "PSE"),
    # a domestic title and the state the story is set in
    ("Heavy rain flooded towns across Spain on Tuesday, and soldiers were sent to Spain's east. "
     "Interior Minister Luis Ortega declared a day of mourning.", "Luis Ortega", "ESP"),
    # nothing said: no country
    ("Soviet leader Ivan Petrov met the envoy in 1951.", "Ivan Petrov", None),
    ("The film won best picture, and its star Marco Ferri was named best actor at the Bangkok film festival.",
     "Marco Ferri", None),  # where a prize was given says nothing of the winner
    ("Nora Blake, a two-time winner for such films as Good Morning, Vietnam, arrived late.", "Nora Blake", None),
    ("\"It will win,\" said Mr French. - Anna Kovac, The Weekly: film - Dawn; actor - Tom Reyes.", "Tom Reyes",
     None),
    ("A UN official, Maria Keller, said aid was blocked at the crossing.", "Maria Keller", None),
    ("Heavy rain flooded towns across Spain on Tuesday, and soldiers were sent to Spain's east. "
     "Ambassador Luis Ortega left for Rome.", "Luis Ortega", None),
])
def test_unknown_person_takes_the_country_the_text_gives(analyze, text, phrase, country) -> None:
    m = mention(layer_of(analyze, text), phrase)
    assert (m.kind, m.country) == ("person", country)


def test_every_mention_of_a_person_shares_the_country(analyze) -> None:
    text = ("Talks resumed in Doha. Lina Haddad, a senior Hamas official, said the offer was weak. "
            "Haddad added that the group would answer on Friday.")
    layer = layer_of(analyze, text)
    assert [m.country for m in layer.mentions if m.actor_id == "person:lina-haddad"] == ["PSE", "PSE"]


def test_person_in_apposition_speaks_for_the_title(analyze) -> None:
    ad = analyze("Iran's ambassador to the UN, Amir Saeid Iravani, said the strikes were illegal.", until="actors")
    head = next(t for t in ad.doc if t.text == "ambassador")
    assert [(m.actor_id, m.country) for m in ad.actors.phrase(head)] == [("person:amir-saeid-iravani", "IRN")]


@pytest.mark.parametrize("text, phrase", [
    ("King Mswati III opened the session.", "Mswati III"),
    ("President Bassirou Diomaye Faye spoke on Monday.", "Bassirou Diomaye Faye"),
    ("Myanmar's military leader Min Aung Hlaing met the envoy.", "Min Aung Hlaing"),
    ("Mr. Hartmann declined to comment, and the Hartmann report was shelved.", "Hartmann"),
])
def test_names_spacy_cut_or_mislabelled(analyze, text, phrase) -> None:
    assert mention(layer_of(analyze, text), phrase).kind == "person"


# --------------------------------------------------------------------------- groups and domestic nouns

@pytest.mark.parametrize("text, phrase, actor_id, country", [
    ("The RSF said it had taken the city.", "RSF", "org:rsf", "SDN"),
    ("M23 rebels seized the airport.", "M23 rebels", "org:m23", "COD"),
    ("The Houthis fired a missile at the tanker.", "Houthis", "org:houthis", "YEM"),
    ("Hezbollah denied any role.", "Hezbollah", "org:hezbollah", "LBN"),
])
def test_armed_groups_carry_their_state(analyze, text, phrase, actor_id, country) -> None:
    layer = layer_of(analyze, text)
    m = mention(layer, phrase)
    assert (m.actor_id, m.country) == (actor_id, country)
    assert exported(layer)[actor_id]["country"] == country


@pytest.mark.parametrize("text, phrase, actor_id, sector", [
    ("Kenya's government defended the tax. Riot police fired tear gas at protesters in Nairobi, and Kenyan "
     "security forces detained dozens.", "Riot police", "KEN", "COP"),
    ("Kenya's government defended the tax. Riot police fired tear gas at protesters in Nairobi, and Kenyan "
     "security forces detained dozens.", "protesters in Nairobi", "KEN", "CVL"),
    ("The Pakistani military said its jets were safe. A spokesman for the military said the strike was "
     "repelled near India's border.", "military", "PAK", "MIL"),
    ("Rebels seized the town of Bunia in eastern Congo, and Congo's army said it would retake it. "
     "The rebels denied it.", "rebels", "COD", "REB"),
])
def test_domestic_nouns_belong_to_the_story_state(analyze, text, phrase, actor_id, sector) -> None:
    m = mention(layer_of(analyze, text), phrase, -1 if phrase in ("military", "rebels") else 0)
    assert (m.actor_id, m.sector) == (actor_id, sector)


def test_lawmakers_are_not_named_after_a_place_in_the_sentence(analyze) -> None:
    text = ("Seoul said on Monday that North Korea had sent more troops. About 100 soldiers have been killed "
            "since they entered combat in Russia's Kursk region, South Korea's spy agency told lawmakers.")
    layer = layer_of(analyze, text)
    assert mention(layer, "lawmakers").actor_id == "KOR"
    assert mention(layer, "South Korea's spy agency").actor_id == "KOR"


def test_bodies_of_a_state_stand_for_the_state(analyze) -> None:
    layer = layer_of(analyze, "The State Department said the talks would resume. The Kremlin did not comment.")
    got = exported(layer)
    assert {"USA", "RUS"} <= set(got)
    assert "org:state-department" not in got and "org:kremlin" not in got
    m = mention(layer, "State Department")
    assert (m.actor_id, m.sector) == ("USA", "GOV")


# --------------------------------------------------------------------------- false alarms and wrong ids

@pytest.mark.parametrize("text, present, absent", [
    ("Foreign Minister Ishaq Dar said Pakistan wanted calm.", {"PAK"}, {"GBR"}),
    ("Pakistan's Foreign Office said the strike was unprovoked.", {"PAK"}, {"GBR"}),
    ("The Foreign Office said it was aware of the arrest.", {"GBR"}, set()),
    ("Fighting in Congo displaced thousands, and Congo asked for help.", {"COD"}, {"COG"}),
    ("The Republic of the Congo said it would send aid.", {"COG"}, {"COD"}),
    ("Rebels advanced on Hama, the opposition said.", set(), {"org:hama", "person:hama"}),
    ("Fighting near the Nur Khan air base in Rawalpindi lasted an hour.", set(), {"person:nur-khan"}),
    ("Riot police fired tear gas on Monday.", set(), {"person:riot"}),
    ("A Kremlin spokesman dismissed the report.", {"RUS"}, {"person:dmitry-peskov"}),
    ("The results came out at 11pm in Baghdad on Monday.", set(), {"person:mohammed-shia-al-sudani"}),
    ("He once played with members of King Crimson and Yes.", set(), {"person:crimson"}),
])
def test_no_false_alarms(analyze, text, present, absent) -> None:
    got = set(exported(layer_of(analyze, text)))
    assert present <= got and not absent & got


@pytest.mark.parametrize("text, published, phrase, actor_id, role", [
    ("India's foreign secretary briefed reporters on Monday.", "2024-11-01", "India's foreign secretary",
     "person:vikram-misri", "foreign secretary"),
    ("Bangladesh's foreign secretary briefed reporters on Monday.", "2024-11-01",
     "Bangladesh's foreign secretary", "BGD", "foreign secretary"),
    ("The British foreign secretary arrived in Kyiv on Monday.", "2024-11-01", "British foreign secretary",
     "person:david-lammy", "foreign minister"),
    ("The British foreign secretary arrived in Kyiv on Monday.", "2025-10-01", "British foreign secretary",
     "person:yvette-cooper", "foreign minister"),
])
def test_foreign_secretary_is_the_minister_only_in_britain(analyze, text, published, phrase, actor_id, role) -> None:
    m = mention(layer_of(analyze, text, published), phrase)
    assert (m.actor_id, m.role) == (actor_id, role)


# --------------------------------------------------------------------------- definite anaphors

@pytest.mark.parametrize("text, phrase, actor_id", [
    ("South Korea's National Intelligence Service said 3,000 troops had been sent. The agency said more "
     "would follow.", "agency", "KOR"),
    ("Hamas released two hostages. The group said it would free more.", "group", "org:hamas"),
    ("Russia's Defence Ministry said 30 drones were downed. The ministry said two more fell later.",
     "ministry", "RUS"),
    ("Gazprom cut supplies on Monday. The company blamed a technical fault.", "company", "org:gazprom"),
    ("The International Criminal Court issued a warrant. The court said the suspect had fled.", "court",
     "igo:icc"),
    ("Britain's Trade Minister Jonathan Reed met Japanese officials. The minister said a deal was close.",
     "minister", "person:jonathan-reed"),
    ("Queen Amira of Jordan visited the camp. The queen spoke to families.", "queen", "person:amira"),
    ("Army spokesman Dan Ofer said the raid was over. The spokesman added that two soldiers were hurt.",
     "spokesman", "person:dan-ofer"),
    ("Vice President JD Vance met President Donald Trump on Friday. The president said the talks went well.",
     "president", "person:donald-trump"),
    ("The European Commission proposed new sanctions. The bloc's ministers will discuss them next week.",
     "bloc", "igo:european-commission"),
])
def test_definite_description_refers_to_the_actor_named_before(analyze, text, phrase, actor_id) -> None:
    assert mention(layer_of(analyze, text), phrase).actor_id == actor_id


@pytest.mark.parametrize("text, word", [
    ("The agency said more would follow.", "agency"),  # nothing named before
    ("Hamas released two hostages. Trade talks resumed. Prices fell. Markets rose. Shares fell again. "
     "The group said it would free more.", "group"),  # too far back
    ("Hamas released two hostages. Israel struck Beirut. The Lebanese group vowed to respond.", "group"),
    ("Gazprom cut supplies. The group of experts met on Monday.", "group"),
])
def test_definite_description_without_a_fitting_antecedent(analyze, text, word) -> None:
    layer = layer_of(analyze, text)
    assert not [m for m in layer.mentions if m.text.split()[-1] == word and m.actor_id]


def test_phrase_follows_the_anaphor(analyze) -> None:
    ad = analyze("Hamas released two hostages. The group said it would free more.", until="actors")
    group = next(t for t in ad.doc if t.text == "group")
    assert [m.actor_id for m in ad.actors.phrase(group)] == ["org:hamas"]


# --------------------------------------------------------------------------- gender and spellings

@pytest.mark.parametrize("text, phrase, gender", [
    ("Chairwoman Lena Fischer opened the session.", "Lena Fischer", "f"),
    ("Ms Okonjo said the plan was sound. Okonjo added that the vote would wait.", "Okonjo", "f"),
    ("Amina Yusuf opened the session on Monday.", "Amina Yusuf", "f"),
    ("Tomasz Nowak chaired the meeting on Monday.", "Tomasz Nowak", "m"),
    ("Queen Amira of Jordan visited the camp.", "Amira", "f"),
    ("Jordan Reyes opened the session on Monday.", "Jordan Reyes", None),  # a name of either gender
])
def test_gender_of_people_outside_the_dictionary(analyze, text, phrase, gender) -> None:
    layer = layer_of(analyze, text)
    assert {m.gender for m in layer.mentions if m.text == phrase} == {gender}


@pytest.mark.parametrize("text, actor_id", [
    ("Siergiej Ławrow spotkał się z ministrem.", "person:sergei-lavrov"),
    ("Ławrow met the envoy on Monday.", "person:sergei-lavrov"),
    ("Zełenski met the envoy on Monday.", "person:volodymyr-zelensky"),
    ("Erdogan met the envoy on Monday.", "person:recep-tayyip-erdogan"),
])
def test_transliterations(analyze, text, actor_id) -> None:
    assert actor_id in exported(layer_of(analyze, text))


# --------------------------------------------------------------------------- spaCy's errors, fixed

def test_persons_tagged_as_one_organization_are_split(analyze) -> None:
    text = "Sergei Lavrov met Choe Son Hui in Moscow. Lavrov and Choe unveiled a plaque."
    layer = layer_of(analyze, text)
    assert mention(layer, "Lavrov", 0).actor_id == "person:sergei-lavrov"
    assert mention(layer, "Choe", 0).actor_id == "person:choe-son-hui"
    assert not any(a.kind == "organization" for a in layer.actors)


@pytest.mark.parametrize("text, not_a_person", [
    ("Ukrainian President Volodymyr Zelensky criticised Kyiv's allies for their caution.", "Kyiv"),
    ("The group met at Moscow's Yaroslavsky railway station.", "Yaroslavsky"),
    ("Heavy fighting continued near Chasiv Yar on Sunday.", "Chasiv Yar"),
])
def test_places_tagged_as_persons(analyze, text, not_a_person) -> None:
    layer = layer_of(analyze, text)
    assert not any(a.kind == "person" and not_a_person in a.name for a in layer.actors)


def test_village_tagged_as_organization(analyze) -> None:
    layer = layer_of(analyze, "Russia's defence ministry said its troops had captured the village of Novoselivka.")
    assert [a.id for a in layer.actors] == ["RUS"]


def test_british_foreign_office_is_one_name(analyze) -> None:
    layer = layer_of(analyze, "Ukrainian Foreign Minister Andrii Sybiha met officials at the Foreign, "
                              "Commonwealth and Development Office.")
    assert {a.id for a in layer.actors} == {"UKR", "person:andrii-sybiha", "GBR"}
    assert mention(layer, "Foreign, Commonwealth and Development Office").actor_id == "GBR"


def test_possessive_is_not_part_of_the_name(analyze) -> None:
    layer = layer_of(analyze, "The envoy praised Vladimir Putin's leadership.")
    assert mention(layer, "Vladimir Putin").actor_id == "person:vladimir-putin"
    assert "Vladimir Putin's" not in {a.name for a in layer.actors}


def test_acronym_in_brackets_names_the_actor_before_it(analyze) -> None:
    text = ("The Citizens Reform Alliance (CRA) won the vote. The CRA promised new elections.")
    layer = layer_of(analyze, text)
    ids = {m.actor_id for m in layer.mentions if m.text in ("Citizens Reform Alliance", "CRA")}
    assert ids == {"org:citizens-reform-alliance"}


@pytest.mark.parametrize("text, exported_ids", [
    ("Greenpeace said the spill was worse than reported. Greenpeace wants a ban.", {"org:greenpeace"}),
    ("Sophie said the spill was worse than reported.", set()),
    ("The Ocean Watch Institute said the spill was worse than reported.", {"org:ocean-watch-institute"}),
    ("The dispute was mentioned in a Greenpeace leaflet.", set()),
])
def test_unknown_organization_that_acts_is_exported(analyze, text, exported_ids) -> None:
    assert set(exported(layer_of(analyze, text))) == exported_ids


# --------------------------------------------------------------------------- not actors

@pytest.mark.parametrize("text", [
    "Tensions rose on the Korean Peninsula after the Korean War anniversary.",
    "The company sells Japanese cars and Swiss watches.",
    "Analysts expect the dollar to weaken.",
    "Storms hit Latin America and the South China Sea.",
    "Aid trucks entered the Gaza Strip as the Gaza ceasefire held.",
])
def test_not_actors(analyze, text) -> None:
    assert exported(layer_of(analyze, text)) == {}


@pytest.mark.parametrize("text, actor_id", [
    ("Russian attacks on the port continued overnight.", "RUS"),
    ("US support for the plan is uncertain.", "USA"),
    ("North Korean involvement in the war is no longer denied.", "PRK"),
])
def test_a_state_modifying_an_action_is_an_actor(analyze, text, actor_id) -> None:
    assert actor_id in exported(layer_of(analyze, text))


# --------------------------------------------------------------------------- export

def test_export_lists_each_actor_once_with_every_mention(analyze) -> None:
    text = ("North Korea fired a missile. Pyongyang said the test was a success, and North Korean "
            "media showed the launch.")
    layer = layer_of(analyze, text)
    prk = exported(layer)["PRK"]
    assert prk["kind"] == "country" and prk["name"] == "North Korea" and prk["wikidata"] == "Q423"
    assert len(prk["mentions"]) == 3
    starts = [m["start"] for m in prk["mentions"]]
    assert starts == sorted(starts)


def test_person_record_fields(analyze) -> None:
    layer = layer_of(analyze, "Sergei Shoigu flew to Pyongyang.", "2025-06-05")
    shoigu = exported(layer)["person:sergei-shoigu"]
    assert (shoigu["country"], shoigu["role"], shoigu["sector"]) == (
        "RUS", "secretary of the security council", "GOV")


# --------------------------------------------------------------------------- gender and pronouns

def test_pronoun_resolves_by_gender(analyze) -> None:
    text = ("Choe Son Hui held talks with Sergei Lavrov. She said the alliance would last. "
            "He added that ties were close.")
    ad = analyze(text, until="actors")
    she = next(t for t in ad.doc if t.text == "She")
    he = next(t for t in ad.doc if t.text == "He")
    assert ad.actors.antecedent(she).actor_id == "person:choe-son-hui"
    assert ad.actors.antecedent(he).actor_id == "person:sergei-lavrov"


def test_gender_learned_from_a_following_pronoun(analyze) -> None:
    text = "Jana Novakova chairs the commission. She said the report was late."
    layer = layer_of(analyze, text)
    assert mention(layer, "Jana Novakova").gender == "f"


# --------------------------------------------------------------------------- user dictionaries

USER_YAML = """\
people:
  - name: Amara Okafor
    gender: f
    country: NGA
    short: [Okafor]
    offices: [[police chief, 2023-01-01, null]]
orgs:
  - {id: org:delta-watch, name: Delta Watch, kind: organization, country: NGA, sector: SOC, aliases: [DW Nigeria]}
bodies:
  - {names: [Rivers State Police Command], country: NGA, sector: COP, role: police}
"""


def analyze_with(nlp, text: str, files: tuple[Path, ...], published: date | None = date(2024, 5, 1)):  # type: ignore[no-untyped-def]
    res = Resources(model="sm", actor_files=files, strict=True)
    ad = AnalyzedDoc(doc=nlp(text), doc_id="t", published=published, res=res)
    return actors.extract(ad)


def test_user_actor_file(nlp, tmp_path: Path) -> None:
    path = tmp_path / "my.yaml"
    path.write_text(USER_YAML, encoding="utf-8")
    layer = analyze_with(nlp, "Okafor told Delta Watch that the Rivers State Police Command had "
                              "opened an inquiry.", (path,))
    got = {a.id: (a.kind, a.country) for a in layer.actors}
    assert got == {"person:amara-okafor": ("person", "NGA"), "org:delta-watch": ("organization", "NGA"),
                   "NGA": ("country", "NGA")}  # the police command is a body of the state: it stands for NGA


@pytest.mark.parametrize("body, message", [
    ("people:\n  - name: A B\n    sector: XYZ\n", "unknown PLOVER sector 'XYZ'"),
    ("orgs:\n  - {id: bad id, name: X, kind: organization}\n", "id must look like"),
    ("people:\n  - name: A B\n    offices: [[president, 2020-01-01, 2019-01-01]]\n", "ends before it starts"),
    ("states:\n  ZZZ: {aliases: [Zed]}\n", "not an ISO 3166-1 code"),
    ("persons:\n  - name: A B\n", "unknown section"),
    ("people: [\n", "not valid YAML"),
])
def test_user_file_errors_name_file_and_line(nlp, tmp_path: Path, body: str, message: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(DataFileError) as err:
        analyze_with(nlp, "Nothing here.", (path,))
    assert message in str(err.value)
    assert str(path) in str(err.value)


def test_documented_example_file_works(nlp, tmp_path: Path) -> None:
    """The `--actors` example of docs/actors.md loads and does what the page says."""
    page = (Path(__file__).resolve().parents[2] / "docs" / "actors.md").read_text(encoding="utf-8")
    example = page.split("```yaml\n", 1)[1].split("```", 1)[0]
    path = tmp_path / "my.yaml"
    path.write_text(example, encoding="utf-8")
    layer = analyze_with(nlp, "Nigeria's police chief said the inquiry would take weeks.", (path,),
                         published=date(2024, 3, 1))
    m = next(m for m in layer.mentions if m.text == "Nigeria's police chief")
    assert (m.actor_id, m.role, m.gender) == ("person:amara-okafor", "police chief", "f")


# --------------------------------------------------------------------------- the data itself

SINGLE_HOLDER = {"president", "prime minister", "chancellor", "foreign minister", "defence minister", "leader",
                 "king", "queen", "secretary-general", "commission president", "council president"}


@pytest.fixture(scope="module")
def data(nlp):  # type: ignore[no-untyped-def]
    return actors.dictionary(Resources(model="sm"))


def test_office_roles_are_titles_the_text_can_name(data) -> None:
    """A role no title produces could never be looked up ("the foreign minister" -> holder)."""
    titles = {t.role for cands in data.titles.values() for _toks, t in cands}
    bodies = {e.role for cands in data.names.values() for _toks, e in cands if e.kind == "body" and e.role}
    composed = {spokesperson_role(r) for r in bodies | {"presidency"}} | {
        "military spokesperson", "acting president", "special envoy"}
    roles = {o.role for rec in data.records.values() for o in rec.offices}
    assert roles - titles - composed == set()


def test_no_two_holders_of_one_office_at_once(data) -> None:
    by_office: dict[tuple[str, str], list[tuple[date, date, str]]] = {}
    for rec in data.records.values():
        for o in rec.offices:
            if o.role in SINGLE_HOLDER:
                by_office.setdefault((o.where, o.role), []).append(
                    (o.start or date.min, o.end or date.max, rec.id))
    clashes = []
    for office, spans in by_office.items():
        spans.sort()
        for (_s1, e1, p1), (s2, _e2, p2) in pairwise(spans):
            if s2 < e1 and p1 != p2:
                clashes.append((office, p1, p2))
    assert clashes == []


def test_every_name_is_a_real_name(data) -> None:
    """Names split by accident (a comma inside a YAML list) show up as lone common words."""
    suspicious = {"Foreign", "Commonwealth", "Development", "Office", "Ministry", "Department", "Republic"}
    singles = {toks[0] for cands in data.names.values() for toks, _e in cands if len(toks) == 1}
    assert singles & suspicious == set()


def test_our_files_share_no_eight_word_run_with_the_reference_texts(shared: Path) -> None:
    """Sentences of tests, data and docs of the actor layer are our own."""
    import json
    import re

    def grams(text: str) -> set[tuple[str, ...]]:
        words = re.findall(r"\w+", text.lower())
        return {tuple(words[i:i + 8]) for i in range(len(words) - 7)}

    theirs: set[tuple[str, ...]] = set()
    for path in [*shared.glob("eval/*/docs.jsonl")]:
        for line in path.read_text(encoding="utf-8").splitlines():
            theirs |= grams(json.loads(line)["text"])
    for path in shared.glob("seeds/*.txt"):
        theirs |= grams(path.read_text(encoding="utf-8"))
    root = Path(__file__).resolve().parents[2]
    ours = [root / "tests/nlp/test_actors.py", root / "tests/nlp/test_mentions.py", root / "docs/actors.md",
            root / "docs/models.md", *sorted((root / "src/storytrace/data/actors").glob("*.yaml")),
            *sorted((root / "src/storytrace/nlp").glob("actor*.py")), root / "src/storytrace/nlp/mentions.py"]
    copied = {p.name: sorted(grams(p.read_text(encoding="utf-8")) & theirs)[:1] for p in ours}
    assert {k: v for k, v in copied.items() if v} == {}


# --------------------------------------------------------------------------- round 3: countries of unknown
# organizations and people, and false alarms

def org_country(layer: ActorLayer, name: str) -> str | None:
    (actor,) = [a for a in layer.actors if a.name == name]
    return actor.country


@pytest.mark.parametrize("text, name, country", [
    # a state (possessive or demonym) before the organization, descriptive words between
    ("Brazil's Workers' Party said on Monday it would back the reform.", "Workers' Party", "BRA"),
    ("Turkey's main opposition Republican People's Party (CHP) called a rally for Sunday.",
     "Republican People's Party", "TUR"),
    ("Members of the Chilean Socialist Party walked out of the debate.", "Chilean Socialist Party", "CHL"),
    ("Japan's Meteorological Agency warned of heavy snow.", "Meteorological Agency", "JPN"),
    ("Leaders of Kenya's ruling United Democratic Alliance met on Monday.", "United Democratic Alliance", "KEN"),
    ("Pakistan's ruling Pakistan Muslim League-Nawaz said the vote was fair.", "Pakistan Muslim League-Nawaz",
     "PAK"),
    ("The Turkish-Austrian consortium TAV Holdings was chosen to run the airport.", "TAV Holdings", None),
    # a state inside the name
    ("The US Geological Survey said the quake had a magnitude of 5.8.", "US Geological Survey", "USA"),
    # "of" a state after it
    ("The Liberal Party of Kenya said it would back the bill.", "Liberal Party", "KEN"),
    # a party named again later, without the state: the state given first
    ("Peru's Popular Force said the vote was rigged. The count took two days. "
     "Later the Popular Force filed a complaint.", "Popular Force", "PER"),
    # a party, a union or a court without a state: the story's state
    ("South Korea's parliament met on Monday. Seoul said the session would be short. Police in Seoul were "
     "on alert, and South Korea's president stayed home. The Korean Confederation of Trade Unions called a "
     "strike.", "Korean Confederation of Trade Unions", "KOR"),
    # nothing said: no country
    ("The Ocean Watch Institute said the spill was worse than reported.", "Ocean Watch Institute", None),
    ("Ukraine and Russia traded accusations. The Inter-Parliamentary Union urged talks, and the "
     "Inter-Parliamentary Union will meet in Geneva.", "Inter-Parliamentary Union", None),
])
def test_unknown_organization_takes_the_state_the_text_gives(analyze, text, name, country) -> None:
    assert org_country(layer_of(analyze, text), name) == country


def test_acronym_of_an_organization_shares_its_state(analyze) -> None:
    layer = layer_of(analyze, "Turkey's main opposition Republican People's Party (CHP) called a rally. "
                              "The CHP said a million people would come.")
    countries = {m.country for m in layer.mentions if m.text in ("Republican People's Party", "CHP")}
    assert countries == {"TUR"}


@pytest.mark.parametrize("text, phrase, country", [
    # a title qualified by a place of the gazetteer (a given name that is a known surname elsewhere:
    # "Petro" is not Gustavo Petro here)
    ("Istanbul mayor Kemal Aslan was detained on Wednesday.", "Kemal Aslan", "TUR"),
    ("Kharkiv regional governor Petro Bondar said two people were hurt.", "Petro Bondar", "UKR"),
    ("Police held Kemal Aslan, the Istanbul mayor, for questioning.", "Kemal Aslan", "TUR"),
    ("Texas Governor Dale Pruitt signed the bill on Friday.", "Dale Pruitt", "USA"),
    # a word the parse does not take for a name, or no place at all: nothing
    ("Police chief Marta Kowal said the roads were closed.", "Marta Kowal", None),
    ("Harvard professor Ruth Weller said the plan would fail.", "Ruth Weller", None),
])
def test_a_title_qualified_by_a_place(analyze, text, phrase, country) -> None:
    m = mention(layer_of(analyze, text), phrase)
    assert (m.kind, m.country) == ("person", country)


@pytest.mark.parametrize("text, phrase, country", [
    # a state office in a story set in one state
    ("SEOUL, April 4 - South Korea's Constitutional Court ruled on Friday. Acting Chief Justice Han Min-seo "
     "read the ruling aloud. South Korea will vote in June, officials in Seoul said.", "Han Min-seo", "KOR"),
    ("Iran said it would answer any attack. Armed forces chief of staff Reza Karimi said Iranian forces "
     "were ready, and Tehran warned its neighbours.", "Reza Karimi", "IRN"),
    # a crown the dictionary gives to someone else on the date
    ("The Netherlands marked the day on Sunday. King Johan-Frederik laid a wreath, and the Dutch "
     "government thanked veterans.", "Johan-Frederik", None),
    # a foreign visitor with a plain title is not of the story's state ...
    ("Teresa Quintero, the foreign minister, arrived in Washington on Monday for talks with US officials. "
     "The White House said the United States was ready. Washington wants a deal, US officials said.",
     "Teresa Quintero", None),
    ("Foreign Minister Teresa Quintero, visiting Washington, said her country would accept the flights. "
     "The White House said the United States had won. Washington imposed tariffs last week.",
     "Teresa Quintero", None),
    # ... nor is the holder of an office the dictionary gives to someone else on the date
    ("Heavy rain flooded towns across Spain on Tuesday, and soldiers were sent to Spain's east. "
     "Prime Minister Luis Ortega declared a day of mourning.", "Luis Ortega", None),
    # a state named with the title always wins over the place of the visit
    ("WASHINGTON, May 2 - Colombia's foreign minister Teresa Quintero, visiting Washington, said the talks "
     "went well. The State Department said the United States welcomed the visit.", "Teresa Quintero", "COL"),
])
def test_a_state_office_in_a_story_set_in_one_state(analyze, text, phrase, country) -> None:
    m = mention(layer_of(analyze, text), phrase)
    assert (m.kind, m.country) == ("person", country)


@pytest.mark.parametrize("text, actor_id, country", [
    ("King Willem-Alexander laid a wreath on Sunday.", "person:willem-alexander", "NLD"),
    ("King Frederik opened the session on Monday.", "person:frederik-x", "DNK"),
    ("Sultan Haitham bin Tariq received the envoy.", "person:haitham-bin-tariq", "OMN"),
])
def test_reigning_monarchs_are_known(analyze, text, actor_id, country) -> None:
    assert exported(layer_of(analyze, text))[actor_id]["country"] == country


@pytest.mark.parametrize("text, present, absent", [
    # places that are part of a facility
    ("Indian jets struck Nur Khan, Murid and Rafiqui airbases, the army said.", {"IND"},
     {"person:nur-khan", "org:rafiqui"}),
    ("Officials said the strike at Nur Khan Airbase caused little damage.", set(), {"org:nur-khan-airbase"}),
    # stock indexes, not the newspaper of the same name
    ("The Nikkei fell 2% on Monday while the FTSE 100 closed flat and the Dow gained 0.4%.", set(),
     {"org:nikkei", "org:ftse", "org:dow"}),
    ("Shares in Tokyo slid as the Nikkei 225 index lost 1.5%, and the Kospi dropped 2%.", set(),
     {"org:nikkei", "person:kospi"}),
    ("The Nikkei newspaper reported that the cabinet would resign.", {"org:nikkei"}, set()),
    # a city-state or a special region opening the story as its dateline is a place
    ("HONG KONG, March 3 (Reuters) - Shares fell on Monday as investors sold property stocks.", set(),
     {"HKG", "org:reuters"}),
    ("SINGAPORE, June 2 - Rain flooded streets in the east of the island on Monday.", set(), {"SGP"}),
    ("Thousands joined protests in Hong Kong on Sunday.", set(), {"HKG"}),
    ("PARIS (AFP) - Farmers blocked roads around the capital on Monday.", set(), {"FRA", "org:afp"}),
    # a credit line is no actor; an agency that reports is one
    ("The ministry said it would respond within a week. (AFP)", set(), {"org:afp"}),
    ("The ministry said it would respond within a week.\n— Reuters", set(), {"org:reuters"}),
    ("Rescue teams searched the rubble, Agence France-Presse reported.", {"org:afp"}, set()),
    ("The Korean Central News Agency (KCNA) said the test was a success.", {"org:kcna"}, set()),
])
def test_no_false_alarms_round_three(analyze, text, present, absent) -> None:
    got = set(exported(layer_of(analyze, text)))
    assert present <= got and not absent & got


@pytest.mark.parametrize("source", [None, "AFP", "Reuters"])
def test_the_outlet_s_home_never_outvotes_the_text(analyze, source) -> None:  # type: ignore[no-untyped-def]
    # a wire from a French or British agency about Lebanon is set in Lebanon
    ad = analyze("President Nabil Haddad called for calm in Beirut after clashes in the north of Lebanon.",
                 until="actors", source=source)
    assert ad.actors is not None
    (m,) = [m for m in ad.actors.mentions if m.kind == "person"]
    assert (m.name, m.country) == ("Nabil Haddad", "LBN")


def test_the_outlet_s_home_stands_in_when_the_text_names_no_state(analyze) -> None:  # type: ignore[no-untyped-def]
    ad = analyze("Regional police said three fans were arrested after the match.", until="actors", source="BBC")
    assert ad.actors is not None
    assert mention(ad.actors, "police").country == "GBR"


@pytest.mark.parametrize("text", [
    "The former Philippine president was detained at the airport on Tuesday.",
    "The ex-president of France testified before the court.",
    "The former president of South Korea was sentenced on Friday.",
])
def test_a_former_office_holder_is_not_the_one_in_office(analyze, text) -> None:  # type: ignore[no-untyped-def]
    layer = layer_of(analyze, text, published="2025-03-20")
    assert not [m for m in layer.mentions if m.kind == "person"], [m.name for m in layer.mentions]


def test_the_former_president_is_the_former_one_named_before(analyze) -> None:  # type: ignore[no-untyped-def]
    layer = layer_of(analyze, "Former President Rodrigo Duterte was detained in Manila. The former president "
                              "denied the charges. The president of France testified. The former president "
                              "stayed home.", published="2025-03-20")
    names = [m.name for m in layer.mentions if m.kind == "person"]
    # the sitting president of France is never "the former president"; the former one named is
    assert names == ["Rodrigo Duterte", "Rodrigo Duterte", "Emmanuel Macron", "Rodrigo Duterte"]


def test_police_are_not_from_where_someone_travelled(analyze) -> None:  # type: ignore[no-untyped-def]
    layer = layer_of(analyze, "Rodrigo Duterte was arrested in Manila on Tuesday. Police detained him at the "
                              "airport as he returned from a trip to Hong Kong.")
    assert mention(layer, "Police").country == "PHL"


@pytest.mark.parametrize(("text", "expected"), [
    ("Korea's exports rose 5 percent in May, the trade ministry said.", {"KOR"}),
    ("Korean diplomats met their Japanese counterparts in Tokyo.", {"KOR", "JPN"}),
    ("North Korea fired two missiles. Korean officials in Seoul condemned the launch.", {"PRK", "KOR"}),
    ("The Korean War ended in an armistice in 1953.", set()),
])
def test_korea_alone_is_south_korea(analyze, text, expected) -> None:  # type: ignore[no-untyped-def]
    assert set(exported(layer_of(analyze, text))) == expected


def test_a_company_taken_for_a_person_is_an_organization(analyze) -> None:  # type: ignore[no-untyped-def]
    layer = layer_of(analyze, "Jeju Air said the plane had been inspected a week before the crash.")
    assert [(m.text, m.kind) for m in layer.mentions if "Jeju" in m.text] == [("Jeju Air", "organization")]


def test_its_ministry_does_not_swallow_the_state_it_points_back_to(analyze) -> None:  # type: ignore[no-untyped-def]
    layer = layer_of(analyze, "India sent aid to Myanmar, its foreign ministry said.")
    assert [(m.text, m.actor_id) for m in layer.mentions] == [
        ("India", "IND"), ("Myanmar", "MMR"), ("foreign ministry", "IND")]


@pytest.mark.parametrize("text, present, absent", [
    # an event named after its noun is no person
    ("About 5,000 soldiers joined the Nato exercise Steadfast Defender in Poland.", {"igo:nato"},
     {"person:steadfast-defender"}),
    ("Soldiers from six countries joined the exercise Iron Wolf near the border.", set(),
     {"person:iron-wolf"}),
    ("Some 3,000 troops took part in the drill Saber Strike last month.", set(), {"person:saber-strike"}),
    # a title opening with an article is a newspaper, not a person
    ("A German official denied it, though Die Welt reported earlier that a deal was close.", set(),
     {"person:die-welt"}),
    ("Der Spiegel said the minister had known about the plan for weeks.", set(), {"person:der-spiegel"}),
    # a phrase ending in a state's name is no person ...
    ("Tiny Moldova, where Russia keeps soldiers, worries the diplomats, analysts said.", {"RUS"},
     {"person:tiny-moldova"}),
    # ... nor is one opening or ending with a demonym
    ("Exiled Moldovan opposition leader Ana Rusu warned of new arrests.", set(),
     {"person:exiled-moldovan"}),
    ("Lithuanian Border guards said the fence would be finished by May.", set(),
     {"person:lithuanian-border"}),
    # ... but given names that are also states' names stay people, and so do name particles
    ("Israel Katz said the strikes would go on.", {"person:israel-katz"}, set()),
    ("Le Pen told reporters that France should keep out of the war.", {"person:marine-le-pen"}, set()),
    ("Aid worker Hana Petrov, 41, said the convoy reached Kherson on Monday.", {"person:hana-petrov"}, set()),
])
def test_names_spacy_takes_for_people_that_are_not(analyze, text, present, absent) -> None:  # type: ignore[no-untyped-def]
    got = set(exported(layer_of(analyze, text)))
    assert present <= got and not absent & got


@pytest.mark.parametrize("text, phrase, country", [
    # troops and envoys "in" a state serve there: they are not that state's
    ("Germany increased the number of troops in Estonia last year.", "troops", None),
    ("Officials said the soldiers in Latvia would stay until spring.", "soldiers", None),
    ("Britain's ambassador in Kyiv met the mayor on Friday.", "ambassador", "GBR"),
    # "from" still says whose they are, and so does "in" for the police and the authorities
    ("Troops from Canada arrived in Latvia on Monday.", "Troops", "CAN"),
    ("Police in Kenya arrested two men on Sunday.", "Police", "KEN"),
    ("Authorities in Kyiv ordered the evacuation.", "Authorities", "UKR"),
])
def test_troops_and_envoys_in_a_state_are_not_its_own(analyze, text, phrase, country) -> None:  # type: ignore[no-untyped-def]
    layer = layer_of(analyze, text)
    found = [m for m in layer.mentions if m.tok_start <= _tok(layer, text, phrase) < m.tok_end]
    got = found[0].country if found else None
    assert got == country, [(m.text, m.country) for m in layer.mentions]


def _tok(layer: ActorLayer, text: str, phrase: str) -> int:
    """Token index of the first mention starting at ``phrase`` (-1 when no mention covers it)."""
    start = text.index(phrase)
    for m in layer.mentions:
        if m.start <= start < m.end:
            return m.tok_start
    return -1


# Bylines, photo credits and boilerplate lines name no actor of the story (cues.yaml, credit_*);
# a story sentence that opens like a byline, or names an agency it quotes, keeps its actors.
@pytest.mark.parametrize("text,present,absent", [
    # positives: bylines and credits
    ("By Marta Kowalczyk and Daniel Okafor\nRussian forces shelled Kupiansk overnight, the governor said.",
     {"RUS"}, {"person:marta-kowalczyk", "person:daniel-okafor"}),
    ("Reporting by Ivan Petrenko; Editing by Laura Mendes", set(),
     {"person:ivan-petrenko", "person:laura-mendes"}),
    ("Authors: Grace Hollis, Tomasz Wierzbicki and Frederick Ames", set(),
     {"person:grace-hollis", "person:tomasz-wierzbicki", "person:frederick-ames"}),
    ("Photo: EPA-EFE\nVolodymyr Zelensky met Olaf Scholz in Berlin on Friday.",
     {"person:volodymyr-zelensky", "person:olaf-scholz"}, {"org:efe"}),
    ("Soldiers rest near the front line in Donetsk. Oleksii Hrytsenko/AFP via Getty Images", set(),
     {"org:afp", "person:oleksii-hrytsenko"}),
    ("A firefighter works at the scene of the strike in Odesa (AP Photo/Tomas Varga)", set(), {"org:ap"}),
    ("Emmanuel Macron greets Volodymyr Zelensky at the Elysee Palace (Ludovic Marin/Pool via Reuters)",
     {"person:emmanuel-macron", "person:volodymyr-zelensky"}, {"org:reuters", "person:ludovic-marin"}),
    # boilerplate
    ("This site is protected by reCAPTCHA and the Google Privacy Policy and Terms of Service apply.", set(),
     {"org:google-privacy-policy-and-terms-of-service"}),
    ("Fox News' Helen Brandt contributed to this report.", set(), {"org:fox-news", "person:helen-brandt"}),
    ("Sign up for our daily briefing from Kyiv.\nFollow us on Twitter and Facebook.", set(), {"UKR"}),
    # negatives: story sentences keep their actors
    ("By Monday, Reuters had confirmed the strike on the depot.", {"org:reuters"}, set()),
    ("The photo showed Vladimir Putin shaking hands with Kim Jong Un.",
     {"person:vladimir-putin", "person:kim-jong-un"}, set()),
    ("Critics said reporting by the BBC had been one-sided for weeks.", {"org:bbc"}, set()),
    ("Zelensky told Reuters the talks had stalled.", {"org:reuters", "person:volodymyr-zelensky"}, set()),
    ("Photo exhibitions by Ukrainian artists opened in Warsaw, Poland's culture minister said.", {"POL"}, set()),
])
def test_bylines_credits_and_boilerplate_name_no_actors(analyze, text, present, absent) -> None:
    got = set(exported(layer_of(analyze, text)))
    assert present <= got and not absent & got, got
