"""A small story written for these tests: North Korean troops in Russia, reported by several
outlets over three weeks, with estimates that are repeated, revised and contradicted; plus
a strike on Kharkiv and an unrelated football story. Facts are invented for the tests."""

from __future__ import annotations

from storytrace.records import Document
from storytrace.store.db import Store
from tests.stories.builders import actor, claim, event, place, quote, ref, save

NIS = ref("National Intelligence Service", "org:nis", "KOR", "South Korea's spy agency")
PENTAGON = ref("Pentagon", "org:pentagon", "USA")
HUR = ref("Ukrainian military intelligence", "org:hur", "UKR")
GOVERNOR = ref("Oleh Syniehubov", "person:oleh-syniehubov", "UKR", "the regional governor")
PRK = ref("North Korea", "PRK", "PRK")
RUS = ref("Russia", "RUS", "RUS")
UKR = ref("Ukraine", "UKR", "UKR")


def t1() -> Document:
    text = ("North Korea has sent about 1,500 special forces troops to Russia's Far East, South Korea's spy "
            "agency said on Friday.\n"
            "The National Intelligence Service said the soldiers were being trained to join Russia's war "
            "against Ukraine, and released satellite images of ships near the port of Vladivostok.\n"
            "It would be the first time North Korea has sent ground troops to fight in a foreign war on this "
            "scale. Pyongyang and Moscow signed a mutual defence pact in June, and Western officials accuse North "
            "Korea of supplying Russia with artillery shells and missiles for its war in Ukraine. The agency said "
            "Russian navy ships had carried the first North Korean soldiers from the port of Chongjin to "
            "Vladivostok, and that more troops would be deployed soon.")
    return Document(id="nk-1", title="Seoul says North Korean troops sent to Russia", published="2024-10-18",
                    source="Seoul Daily", text=text,
                    claims=[claim(text, "about 1,500 special forces troops", "North Korean troops", 1500,
                                  approx="about", source=NIS)],
                    events=[event(text, "North Korea has sent about 1,500 special forces troops to Russia's Far "
                                        "East, South Korea's spy agency said on Friday.",
                                  "AID", [PRK], [RUS], trigger="sent", mode="troops", status="reported",
                                  reported_by=NIS)],
                    actors=[actor(text, "PRK", "North Korea", "country", "PRK", "North Korea"),
                            actor(text, "org:nis", "National Intelligence Service", "organization", "KOR",
                                  "National Intelligence Service")],
                    places=[place(text, "Vladivostok", "Vladivostok", "RUS", 43.11, 131.87)])


def t2() -> Document:
    text = ("The Pentagon said on Wednesday that roughly 3,000 North Korean soldiers were training at bases in "
            "eastern Russia.\n"
            "\"If they are co-belligerents, if their intention is to participate in this war on Russia's behalf, "
            "that is a very, very serious issue,\" Defense Secretary Lloyd Austin told reporters in Rome.\n"
            "Washington had said earlier that North Korean troops had arrived in Russia, where they were expected "
            "to be deployed against Ukraine. North Korea and Russia signed a mutual defence treaty in June. Austin "
            "said it was still unclear whether the North Korean troops would be sent to fight in Ukraine. South "
            "Korea's spy agency said last week that North Korea had sent special forces to Russia's Far East.")
    austin = ref("Lloyd Austin", "person:lloyd-austin", "USA")
    return Document(id="nk-2", title="Pentagon confirms North Korean soldiers in Russia", published="2024-10-23",
                    source="Capital Times", text=text,
                    claims=[claim(text, "roughly 3,000 North Korean soldiers", "North Korean soldiers", 3000,
                                  approx="about", source=PENTAGON)],
                    quotes=[quote(text, "If they are co-belligerents, if their intention is to participate in this "
                                        "war on Russia's behalf, that is a very, very serious issue", austin)],
                    actors=[actor(text, "org:pentagon", "Pentagon", "organization", "USA", "Pentagon"),
                            actor(text, "person:lloyd-austin", "Lloyd Austin", "person", "USA", "Lloyd Austin")],
                    places=[place(text, "Rome", "Rome", "ITA", 41.89, 12.48)])


def t3() -> Document:
    text = ("South Korea's National Intelligence Service now estimates that 3,000 North Korean troops are in "
            "Russia, double the number it gave last week.\n"
            "Lawmakers briefed by the agency said more units were expected to follow by December.\n"
            "The spy agency said the North Korean soldiers had been issued Russian uniforms and identity papers "
            "before being sent towards the front line against Ukraine. Moscow and Pyongyang deny that any troops "
            "were deployed.")
    return Document(id="nk-3", title="Seoul doubles its estimate of North Korean troops in Russia",
                    published="2024-10-24", source="Wire Asia", text=text,
                    claims=[claim(text, "3,000 North Korean troops", "North Korean troops in Russia", 3000,
                                  source=NIS)],
                    actors=[actor(text, "org:nis", "National Intelligence Service", "organization", "KOR",
                                  "National Intelligence Service")])


def t3_copy() -> Document:
    """The same wire story republished by another outlet (a near duplicate of nk-3)."""
    base = t3()
    return base.model_copy(update={"id": "nk-3b", "source": "Asia Wire Review", "published": "2024-10-25"})


def t4() -> Document:
    text = ("Ukraine's military intelligence said on Tuesday that 12,000 North Korean troops were already in "
            "Russia, including 500 officers and three generals.\n"
            "Kyiv expects the first units to reach the front in the Kursk region within days.\n"
            "The North Korean soldiers deployed to Russia would be used against Ukrainian forces, the agency said, "
            "citing intercepted communications. Pyongyang has not commented on the deployment, which follows the "
            "mutual defence treaty it signed with Moscow in June.")
    return Document(id="nk-4", title="Kyiv says 12,000 North Korean troops in Russia", published="2024-10-29",
                    source="Kyiv Herald", text=text,
                    claims=[claim(text, "12,000 North Korean troops", "North Korean troops", 12000, source=HUR)],
                    actors=[actor(text, "org:hur", "Ukrainian military intelligence", "organization", "UKR",
                                  "Ukraine's military intelligence")],
                    places=[place(text, "Kursk", "Kursk", "RUS", 51.73, 36.19, "region")])


NATO = ref("NATO", "igo:nato", None, "the alliance")


def t4b() -> Document:
    """A day after Kyiv's 12,000, another source gives a figure that cannot also be true: a conflict."""
    text = ("NATO said on Wednesday that it could confirm about 5,000 North Korean soldiers in Russia, far fewer "
            "than the number Kyiv announced a day earlier.\n"
            "Alliance officials said they had no evidence yet that the troops had crossed into Ukraine, and "
            "urged Pyongyang to withdraw them.")
    return Document(id="nk-4b", title="NATO confirms North Korean troops in Russia", published="2024-10-30",
                    source="Brussels Wire", text=text,
                    claims=[claim(text, "about 5,000 North Korean soldiers", "North Korean soldiers", 5000,
                                  approx="about", source=NATO)],
                    actors=[actor(text, "igo:nato", "NATO", "igo", None, "NATO")])


def t5() -> Document:
    text = ("The Pentagon has said 3,000 North Korean soldiers are in Russia, and officials warned the number "
            "could grow.\n"
            "Analysts said the deployment gives Pyongyang combat experience and badly needed cash.\n"
            "The troops were sent under the mutual defence treaty North Korea and Russia signed in June, they said.")
    return Document(id="nk-5", title="What North Korea gains from sending soldiers", published="2024-10-31",
                    source="Evening Post", text=text,
                    claims=[claim(text, "3,000 North Korean soldiers", "North Korean soldiers", 3000,
                                  source=PENTAGON)])


def t6() -> Document:
    text = ("The Pentagon raised its estimate on Monday, saying about 10,000 North Korean troops were now in "
            "Russia and that some had moved to the Kursk region.\n"
            "Russia's foreign ministry called the reports \"Western propaganda\".\n"
            "Secretary of State Antony Blinken said North Korean soldiers deployed against Ukraine would be "
            "legitimate targets. Pyongyang and Moscow signed a mutual defence pact in June.")
    return Document(id="nk-6", title="Pentagon: 10,000 North Korean troops in Russia", published="2024-11-05",
                    source="Capital Times", text=text,
                    claims=[claim(text, "about 10,000 North Korean troops", "North Korean troops", 10000,
                                  approx="about", source=PENTAGON)],
                    events=[event(text, "The Pentagon raised its estimate on Monday, saying about 10,000 North "
                                        "Korean troops were now in Russia and that some had moved to the Kursk "
                                        "region.", "MOBILIZE", [PRK], [], trigger="moved", mode="troops",
                                  status="reported", reported_by=PENTAGON)],
                    places=[place(text, "Kursk", "Kursk", "RUS", 51.73, 36.19, "region")])


def k1() -> Document:
    text = ("A Russian missile strike on Kharkiv killed three people on Saturday, the regional governor said.\n"
            "The missile hit a police station in the city centre, Oleh Syniehubov wrote on Telegram.")
    return Document(id="kh-1", title="Russian strike on Kharkiv kills three", published="2024-11-02",
                    source="Kyiv Herald", text=text,
                    claims=[claim(text, "three people", "killed in the Kharkiv strike", 3, category="killed",
                                  source=GOVERNOR)],
                    events=[event(text, "A Russian missile strike on Kharkiv killed three people on Saturday, the "
                                        "regional governor said.", "ASSAULT", [RUS], [UKR], trigger="strike",
                                  where=place(text, "Kharkiv", "Kharkiv", "UKR", 49.99, 36.23))],
                    places=[place(text, "Kharkiv", "Kharkiv", "UKR", 49.99, 36.23)])


def k2() -> Document:
    text = ("The death toll from Saturday's strike on Kharkiv rose to 5, the regional governor said on Sunday.\n"
            "Rescue teams were still searching the rubble of the police station.")
    return Document(id="kh-2", title="Kharkiv strike toll rises to five", published="2024-11-03",
                    source="Kyiv Herald", text=text,
                    claims=[claim(text, "rose to 5", "people killed in the Kharkiv strike", 5, category="killed",
                                  source=GOVERNOR)],
                    places=[place(text, "Kharkiv", "Kharkiv", "UKR", 49.99, 36.23)])


def store_story(store: Store) -> None:
    """Save the story in publication order (nk-3b is a near duplicate of nk-3)."""
    for d in (t1(), t2(), t3()):
        save(store, d)
    save(store, t3_copy(), duplicate_of="nk-3")
    for d in (t4(), t4b(), t5(), k1(), k2(), t6()):
        save(store, d)
