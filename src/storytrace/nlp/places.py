"""The places layer: place names used as locations, resolved to a gazetteer entry.

Find, then resolve, then write:

1. **Find** candidate names: curated multiword names (seas, landmarks, regions) by a token
   scan; spaCy GPE/LOC/FAC entities (without "the", "'s" and a trailing "region"); and
   capitalized proper nouns that spaCy missed but that sit in a place frame ("in X",
   "the city of X", "X border region"); unknown facilities ("Moscow's Yaroslavsky railway
   station") take the point of the place that contains them.
2. **Resolve** each name among its gazetteer entries: a prior (countries, then curated names,
   then the population of cities), the states the document mentions (places, actors,
   nationality adjectives), and explicit qualifiers read from the syntax ("Paris, Texas",
   "Ukraine's second-largest city of Kharkiv", "the Ukrainian city of Kharkiv").
3. **Keep** a mention when it is used as a location. States, capitals, seats of government
   ("the Kremlin") and continents often stand for an actor ("Pyongyang urged", "Moscow's
   offensive"), so they need locative evidence ("in Moscow", "Russia's Kursk region",
   "visited North Korea"); other places are kept unless the actor layer marks the mention
   as a metonym or it speaks ("Kherson said"). The scorer and users count distinct places,
   so one locative mention of a state suffices.

Cost: O(tokens) dictionary lookups per document; the gazetteer and cue words load once per
process (``ad.res.cached``).
"""

from __future__ import annotations

import logging
import math
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import numpy
import yaml
from spacy.attrs import ENT_TYPE, IS_TITLE, IS_UPPER, POS
from spacy.parts_of_speech import ADJ as _ADJ
from spacy.parts_of_speech import PROPN as _PROPN

from storytrace.errors import DataFileError
from storytrace.nlp import gazetteer
from storytrace.nlp.context import AnalyzedDoc
from storytrace.nlp.gazetteer import Entry, Gazetteer, Hit
from storytrace.records import Place, Span

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from storytrace.nlp.mentions import Mention

log = logging.getLogger(__name__)
T = TypeVar("T")

CUES_FILE = gazetteer.DATA / "cues.yaml"
_CUE_LISTS = ("region_nouns", "region_modifiers", "place_nouns", "facility_nouns", "locative_preps",
              "not_locative_in", "motion_words", "target_verbs", "located_verbs", "speech_verbs",
              "not_places", "inhabitant_nouns", "target_nouns", "message_nouns", "ordeal_verbs",
              "disaster_nouns", "vessel_nouns", "vessel_prefixes", "team_words_before", "team_words_after",
              "settlement_nouns", "sport_words", "team_nouns", "match_verbs", "result_words")
_ENT_LABELS = {"GPE", "LOC", "FAC"}
_NOT_PLACE_ENTS = {"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL", "LANGUAGE"}
_MAX_RUN = 4  # proper-noun tokens in a name found without NER
_CLEAR = 1.0  # a name whose best reading leads by this much tells which state the text is about
_QUALIFIED = 8.0  # score for a reading that an explicit qualifier confirms ("Paris, Texas")
_NEAR_KM = 300.0  # a city "in" a region qualifier lies within this distance of its point
_PART_KM = 40.0  # a district of a city lies within this distance of its point ("London's Docklands")
_REGION_WINDOW = 12  # tokens between a name and a division that hints at its reading
_TOWN = 1.0  # prior handicap of a town of the gazetteer's lower tier
_CAPITAL = 1.5  # score bonus of a national capital or seat of government
_BIG = 100_000  # a city this large is a likely reading wherever its state is the article's only one

LOC, ACTOR, NEUTRAL = "loc", "actor", "neutral"
PARTY = "party"  # the source or recipient of a message or of help: an actor if the name can be one
_REGION_WORDS = {"region", "oblast", "province", "governorate", "state", "district", "prefecture", "county",
                 "krai"}


@dataclass(frozen=True)
class Cues:
    region_nouns: frozenset[str]
    region_modifiers: frozenset[str]
    place_nouns: frozenset[str]
    facility_nouns: frozenset[str]
    locative_preps: frozenset[str]
    not_locative_in: frozenset[str]
    motion_words: frozenset[str]
    target_verbs: frozenset[str]
    located_verbs: frozenset[str]
    speech_verbs: frozenset[str]
    not_places: frozenset[str]
    inhabitant_nouns: frozenset[str]
    target_nouns: frozenset[str]
    message_nouns: frozenset[str]
    ordeal_verbs: frozenset[str]
    disaster_nouns: frozenset[str]
    vessel_nouns: frozenset[str]
    vessel_prefixes: frozenset[str]
    team_words_before: frozenset[str]
    team_words_after: frozenset[str]
    settlement_nouns: frozenset[str]
    sport_words: frozenset[str]
    team_nouns: frozenset[str]
    match_verbs: frozenset[str]
    result_words: frozenset[str]


def load_cues(path: Path = CUES_FILE) -> Cues:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise DataFileError(str(path), f"cannot read: {exc}") from exc
    if not isinstance(data, dict):
        raise DataFileError(str(path), "expected a mapping of word lists")
    lists: dict[str, frozenset[str]] = {}
    for name in _CUE_LISTS:
        words = data.get(name)
        if not isinstance(words, list) or not all(isinstance(w, str) and w for w in words):
            raise DataFileError(str(path), f"{name!r} must be a list of words")
        lists[name] = frozenset(w.lower() for w in words)
    unknown = set(data) - set(_CUE_LISTS)
    if unknown:
        raise DataFileError(str(path), f"unknown lists {sorted(unknown)} (known: {', '.join(_CUE_LISTS)})")
    return Cues(**lists)


def resources(ad: AnalyzedDoc) -> tuple[Gazetteer, Cues]:
    return ad.res.cached("places.gazetteer", gazetteer.load), ad.res.cached("places.cues", load_cues)


# --------------------------------------------------------------------------- candidates

@dataclass
class Candidate:
    start: int  # tokens [start, end) of the name
    end: int
    hits: list[Hit]
    region: bool = False  # "<name> region", "the region of <name>": a division
    article: bool = False  # written with "the" ("the Dnipro" is the river, not the city)
    facility: bool = False  # an unknown facility placed by its container
    entry: Entry | None = None  # the resolved reading
    use: str = NEUTRAL
    qualifiers: list[Candidate | str] = field(default_factory=list)  # places or ISO3 codes that qualify it
    peers: list[tuple[str, str]] = field(default_factory=list)  # (kind, ISO3) of unambiguous conjuncts
    kind: str | None = None  # the kind a place noun gives it: "the provinces of X and Y", "the town of X"
    town: bool = False  # resolved to a town of the lower tier by context alone (needs a locative frame)


def extract(ad: AnalyzedDoc) -> list[Place]:
    gaz, cues = resources(ad)
    doc = ad.doc
    flags = token_flags(doc)
    found = [c for c in find(doc, gaz, cues, flags) if not _is_time(ad, c)]
    _kind_frames(doc, found, gaz, cues)
    context = _Context.of(ad, found, gaz, flags)
    _link_qualifiers(doc, found, gaz, cues, context)
    _link_conjuncts(doc, found)
    for cand in found:
        if cand.entry is None:
            cand.entry = _per_item(ad, cand, lambda c: _resolve(c, context))
    _place_facilities(doc, found, cues)
    _contained_in(doc, found)
    out: list[Place] = []
    text = doc.text
    sport = bool(found) and _about_sport(doc, cues)
    for cand in found:
        if sport and _per_item(ad, cand, lambda c: _team(doc, c, cues)):
            continue
        place = _per_item(ad, cand, lambda c: _record(ad, c, cues, text))
        if place is not None:
            out.append(place)
    return out


def _record(ad: AnalyzedDoc, cand: Candidate, cues: Cues, text: str) -> Place | None:
    """The Place of a resolved mention used as a location, else None."""
    entry, doc = cand.entry, ad.doc
    if entry is None:
        return None
    cand.use = _use(doc, cand, entry, cues, ad)
    if not _is_place(cand, entry, ad):
        return None
    start, end = doc[cand.start].idx, doc[cand.end - 1].idx + len(doc[cand.end - 1])
    return Place(text=text[start:end], name=entry.name, kind=entry.kind,  # type: ignore[arg-type]
                 country=entry.country, lat=entry.lat, lon=entry.lon, geonameid=entry.geonameid,
                 span=Span(start=start, end=end))


def _per_item(ad: AnalyzedDoc, cand: Candidate, step: Callable[[Candidate], T]) -> T | None:
    """Run one step on one name; a failure loses that name, not the document's places
    (strict mode, in tests, raises)."""
    try:
        return step(cand)
    except Exception as exc:
        if ad.res.strict:
            raise
        log.warning("%s: place %r skipped: %s: %s", ad.doc_id, ad.doc[cand.start:cand.end].text,
                    type(exc).__name__, exc)
        return None


@dataclass
class TokenFlags:
    """Token attributes the scans need, read once per document as arrays (no Token objects)."""

    capitalized: list[int]  # indices of capitalized tokens
    capital_set: set[int]
    propn: list[bool]
    propn_runs: list[int]  # indices of proper nouns not preceded by one
    nationalities: list[int]  # NORP entities and capitalized adjectives ("Ukrainian")


def token_flags(doc: Doc) -> TokenFlags:
    arr = doc.to_array([IS_TITLE, IS_UPPER, POS, ENT_TYPE])
    cap = (arr[:, 0] != 0) | (arr[:, 1] != 0)
    propn = arr[:, 2] == _PROPN
    prev = numpy.concatenate(([False], propn[:-1]))
    norp = arr[:, 3] == doc.vocab.strings["NORP"]
    adj = arr[:, 2] == _ADJ
    capitalized = numpy.flatnonzero(cap).tolist()
    runs = numpy.flatnonzero(propn & ~prev).tolist()
    return TokenFlags(capitalized, set(capitalized), propn.tolist(), runs,
                      numpy.flatnonzero(norp | (adj & cap)).tolist())


def _is_time(ad: AnalyzedDoc, cand: Candidate) -> bool:
    """A name inside a time expression of the times layer ("in March", "on Easter Sunday")."""
    if not ad.times:
        return False
    start, end = ad.doc[cand.start].idx, ad.doc[cand.end - 1].idx + len(ad.doc[cand.end - 1])
    return any(t.span.start < end and start < t.span.end for t in ad.times)


def find(doc: Doc, gaz: Gazetteer, cues: Cues, flags: TokenFlags | None = None) -> list[Candidate]:
    """Candidate place names, in text order, not overlapping."""
    flags = flags or token_flags(doc)
    taken = [False] * len(doc)
    found: list[Candidate] = []

    def add(cand: Candidate) -> None:
        if any(taken[cand.start:cand.end]) or _named_after_place(doc, cand.start, cand.end, cues):
            return
        for i in range(cand.start, cand.end):
            taken[i] = True
        found.append(cand)

    for cand in _curated_phrases(doc, gaz, flags):
        add(cand)
    for ent in doc.ents:
        if ent.label_ in _ENT_LABELS:
            named = _entity(doc, ent.start, ent.end, gaz, cues)
            if named is not None:
                add(named)
    for cand in _framed_names(doc, gaz, cues, taken, flags):
        add(cand)
    return sorted(found, key=lambda c: c.start)


def _named_after_place(doc: Doc, start: int, end: int, cues: Cues) -> bool:
    """A ship, a team or a club named after a place: "the carrier Shandong", "the Shandong
    carrier group", "USS Nimitz", "Real Madrid", "Newcastle United"."""
    if start > 0:
        before = doc[start - 1]
        if before.text.rstrip(".").isupper() and before.lower_.rstrip(".") in cues.vessel_prefixes:
            return True
        if before.is_lower and before.pos_ == "NOUN" and before.lemma_ in cues.vessel_nouns:
            return True
        if before.text[:1].isupper() and before.lower_ in cues.team_words_before and (
                before.ent_iob_ != "O" or before.pos_ == "PROPN"):
            return True
    if end < len(doc):
        after = doc[end]
        if after.text[:1].isupper() and after.lower_ in cues.team_words_after:
            return True
        head = doc[end - 1].head
        if after.is_lower and after.pos_ == "NOUN" and (after.lemma_ in cues.vessel_nouns or (
                doc[end - 1].dep_ in ("compound", "nmod", "amod") and head.i >= end and head.is_lower
                and head.lemma_ in cues.vessel_nouns)):
            return True  # "the Shandong carrier group", "the Moskva cruiser", "the Liaoning aircraft carrier"
    return False


def _curated_phrases(doc: Doc, gaz: Gazetteer, flags: TokenFlags) -> list[Candidate]:
    """Curated names (seas, landmarks, regions; also one-word ones like "Donbas") by a
    scan of capitalized tokens: spaCy misses or splits many of them."""
    out = []
    words: dict[int, str] = {}

    def word(i: int) -> str:  # the lookup key of one token ("" for a hyphen)
        if i not in words:
            tok = doc[i]
            words[i] = tok.lower_.replace(".", "") if tok.text.isascii() and tok.is_alpha else gazetteer.key(
                tok.text)
        return words[i]

    n, done = len(doc), 0
    for i in flags.capitalized:
        if i < done:
            continue
        longest = gaz.is_phrase_start(word(i))
        match = None
        for length in range(min(longest + 3, n - i), 0, -1) if longest else ():  # hyphens are tokens
            last = doc[i + length - 1]
            if last.is_punct or last.is_space:
                continue
            k = " ".join(w for w in (word(j) for j in range(i, i + length)) if w)
            if k not in gaz.curated_keys:
                continue
            hits = [h for h in gaz.lookup(k) if h.entry.curated]
            if hits and (length > 1 or not _modifies_noun(doc[i])) and not _inside_longer_name(
                    doc, i, i + length) and not _longer_place(doc, i, i + length, gaz):
                match = _without_region_word(doc, i, i + length, hits, gaz)
                break
        if match is not None:
            out.append(match)
            done = match.end
    return out


def _longer_place(doc: Doc, start: int, end: int, gaz: Gazetteer) -> bool:
    """"Rio Grande" in "Rio Grande do Sul": a longer name of the gazetteer (a state, a city)
    runs on with lower-case particles."""
    for e in range(end + 1, min(end + 3, len(doc)) + 1):
        last = doc[e - 1]
        if last.is_punct or not last.text[:1].isupper():
            continue
        if gaz.lookup(doc[start:e].text):
            return True
    return False


def _inside_longer_name(doc: Doc, start: int, end: int) -> bool:
    """"Black Sea" in "the Black Sea Fleet": a longer proper name (an organization)."""
    if end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper():
        return True
    if start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].text[:1].isupper() and (
            doc[start - 1].head.i >= start):
        return True  # "Asia Pacific"
    ent = doc[start].ent_type_
    if ent in ("ORG", "PERSON", "WORK_OF_ART", "EVENT", "PRODUCT", "LAW"):
        k = end
        while k < len(doc) and doc[k].ent_iob_ == "I":
            k += 1
        return k > end
    return False


def _without_region_word(doc: Doc, start: int, end: int, hits: list[Hit], gaz: Gazetteer) -> Candidate:
    """"Borno state" (a curated alias): the name is "Borno", a division."""
    if end - start > 1 and doc[end - 1].lower_ in _REGION_WORDS:
        shorter = gaz.lookup(doc[start:end - 1].text, region=True)
        if shorter:
            return Candidate(start, end - 1, shorter, region=True)
    return Candidate(start, end, hits)


def _modifies_noun(tok: Token) -> bool:
    """A one-word name used as a modifier ("Arctic Council", "Pacific nations")."""
    return tok.dep_ in ("compound", "amod") and tok.head.i > tok.i and tok.head.pos_ in ("NOUN", "PROPN")


def _entity(doc: Doc, start: int, end: int, gaz: Gazetteer, cues: Cues) -> Candidate | None:
    article = doc[start].lower_ == "the" or (start > 0 and doc[start - 1].lower_ == "the")
    start, end, region = _trim(doc, start, end, cues)
    if start >= end:
        return None
    text = doc[start:end].text
    if gazetteer.key(text) in cues.not_places or text.islower():
        return None  # news capitalizes names: a common noun spaCy tagged ("sheltered in metro stations")
    hits = _lookup(gaz, doc, start, end, region)
    if article and hits and not region:  # "the Dnipro", "the Jordan": a river of that name
        hits = [h for h in gaz.lookup(f"{text} River") if h.entry.kind == "water"] or hits
    if hits:
        return Candidate(start, end, hits, region=region, article=article)
    if doc[end - 1].lemma_.lower() in cues.facility_nouns and end - start > 1:
        return Candidate(start, end, [], facility=True)  # "Huaihai Road", "Vnukovo airport"
    # an entity that runs on past the name ("the Republic of the Congo into Gabon"): its longest
    # head that is a state or a curated name (the rest is found on its own)
    for e in range(end - 1, start + 1, -1):
        if doc[e - 1].is_punct or doc[e - 1].is_stop:
            continue
        head = [h for h in gaz.lookup(doc[start:e].text) if h.entry.kind == "country" or h.entry.curated]
        if head:
            return Candidate(start, e, head, article=article)
    return None


def _lookup(gaz: Gazetteer, doc: Doc, start: int, end: int, region: bool) -> list[Hit]:
    """The readings of a name, towns of the lower tier included when the name looks like one
    (capitalized words, not an acronym, four letters or more)."""
    text = doc[start:end].text
    towns = not text.isupper() and len(text) >= 4 and all(
        t.text[:1].isupper() or not t.is_alpha for t in doc[start:end])
    return gaz.lookup(text, region=region, towns=towns)


def _trim(doc: Doc, start: int, end: int, cues: Cues) -> tuple[int, int, bool]:
    """Drop a leading determiner, a trailing "'s" and a trailing "[border] region"; say
    whether a region noun followed (inside the entity or right after it)."""
    while start < end and (doc[start].lower_ in ("the", "a") or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct):
        end -= 1
    region = False
    j = end
    while j > start + 1 and doc[j - 1].lower_ in cues.region_nouns | cues.region_modifiers:
        if doc[j - 1].lower_ in cues.region_nouns:
            region = True
        j -= 1
    if region:
        end = j
    else:
        region = _region_follows(doc, end, cues) or _region_before(doc, start, cues)
    return start, end, region


def _region_follows(doc: Doc, end: int, cues: Cues) -> bool:
    """"Kursk [border] region": a region noun right after the name (modifiers between)."""
    j = end
    while j < len(doc) and j - end < 3 and doc[j].lower_ in cues.region_modifiers:
        j += 1
    return j < len(doc) and doc[j].lower_ in cues.region_nouns and doc[j].pos_ == "NOUN"


def _region_before(doc: Doc, start: int, cues: Cues) -> bool:
    """"the [border] region of Kursk"."""
    return start >= 2 and doc[start - 1].lower_ == "of" and doc[start - 2].lower_ in cues.region_nouns


def _framed_names(doc: Doc, gaz: Gazetteer, cues: Cues, taken: list[bool],
                  flags: TokenFlags) -> list[Candidate]:
    """Capitalized proper nouns spaCy did not tag as places, in a place frame: "in X",
    "the city/region of X", "X [border] region", "X, Ukraine"."""
    out = []
    propn, n = flags.propn, len(doc)
    placed = {i for i, t in enumerate(taken) if t}  # tokens of place names found so far
    for i in flags.propn_runs:  # first tokens of runs of proper nouns
        if taken[i] or i not in flags.capital_set or doc[i].ent_type_ in _NOT_PLACE_ENTS:
            continue
        j = i
        while j < n and j - i < _MAX_RUN and propn[j] and not taken[j]:
            j += 1
        if j < n and propn[j]:
            continue
        j = _with_particles(doc, i, j, gaz, propn, taken)
        start, end, region = _trim(doc, i, j, cues)
        if start < end and (region or _framed(doc, start, end, cues, placed)):
            hits = [h for h in _lookup(gaz, doc, start, end, region)
                    if h.entry.kind != "country" or region is False]
            if hits and gazetteer.key(doc[start:end].text) not in cues.not_places:
                out.append(Candidate(start, end, hits, region=region))
                placed.update(range(start, end))
            elif region is False and _facility_after(doc, end, cues):
                out.append(_facility(doc, start, end, cues))
        elif start < end and _facility_after(doc, end, cues):
            out.append(_facility(doc, start, end, cues))
    return out


_PARTICLES = {"do", "da", "dos", "das", "de", "del", "della", "di", "du", "des", "la", "le", "el", "al", "y"}


def _with_particles(doc: Doc, start: int, end: int, gaz: Gazetteer, propn: list[bool],
                    taken: list[bool]) -> int:
    """A run of proper nouns that goes on past a lower-case particle when the longer name is
    in the gazetteer ("Rio Grande do Sul", "Mato Grosso do Sul")."""
    n = len(doc)
    while end + 1 < n and doc[end].lower_ in _PARTICLES and doc[end].is_lower and propn[end + 1]:
        k = end + 1
        while k < n and k - end <= _MAX_RUN and propn[k] and not taken[k]:
            k += 1
        if not gaz.lookup(doc[start:k].text, region=True):
            break
        end = k
    return end


def _framed(doc: Doc, start: int, end: int, cues: Cues, placed: set[int]) -> bool:
    """A place frame around a name spaCy did not tag as a place: the object of a locative
    preposition ("in X", "fled to X", "the city of X"; not "at X", often a company), the
    object of a verb of attack or movement ("captured X"), a name in apposition to a place noun
    ("the capital, X"), or "X, <place>"."""
    root = doc[start:end].root
    while root.dep_ == "conj" and root.head.i < root.i:  # "hit Kharkiv and Sumy"
        root = root.head
    if _orphan_prep(doc, start, cues):
        return True
    if root.dep_ == "pobj" and _prep_use(root.head, cues) == LOC and (
            root.head.lower_ != "at" or root.head.head.lemma_.lower() in cues.motion_words):
        return True
    if root.dep_ == "dobj" and root.head.lemma_.lower() in cues.target_verbs:
        return True
    if root.dep_ in ("nsubj", "nsubjpass") and _befalls(root, cues):
        return True
    if root.dep_ in ("appos", "compound") and root.head.lower_ in cues.place_nouns and root.head.i < root.i:
        return True  # "in the capital, Bamako", "the port city Odesa"
    if root.dep_ == "pobj" and root.head.lower_ in ("including", "like") and any(
            i in placed for i in range(max(0, start - 10), start)):
        return True  # "south of Valencia, including Paiporta"
    return end + 1 < len(doc) and doc[end].text == "," and doc[end + 1].ent_type_ == "GPE"


def _orphan_prep(doc: Doc, start: int, cues: Cues) -> bool:
    """A locative preposition right before the name that the parser left without an object
    ("farmers in Punjab blocked roads", where Punjab was read as a modifier of "roads")."""
    if start == 0:
        return False
    prep = doc[start - 1]
    if prep.pos_ != "ADP" or prep.lower_ not in cues.locative_preps or prep.lower_ == "at":
        return False
    objects = [c for c in prep.children if c.dep_ == "pobj"]
    return not objects or (doc[start].dep_ == "amod" and doc[start].pos_ == "PROPN" and objects[0].i > start)


def _facility_after(doc: Doc, end: int, cues: Cues) -> bool:
    j = end
    while j < len(doc) and j - end < 2 and doc[j].pos_ in ("NOUN", "ADJ") and doc[j].is_lower and (
            doc[j].lemma_.lower() not in cues.facility_nouns):
        j += 1
    return j < len(doc) and doc[j].lemma_.lower() in cues.facility_nouns and doc[j].is_lower


def _facility(doc: Doc, start: int, end: int, cues: Cues) -> Candidate:
    j = end
    while j < len(doc) and doc[j].lemma_.lower() not in cues.facility_nouns:
        j += 1
    return Candidate(start, j + 1, [], facility=True)


def _kind_frames(doc: Doc, found: list[Candidate], gaz: Gazetteer, cues: Cues) -> None:
    """A place noun gives the kind of the names it governs: "the provinces of Idlib and Hama"
    and "the battleground states of Georgia, Arizona and Nevada" are divisions (as in "Idlib
    province"), "the cities of Kharkiv and Sumy", "the town of Chiva" and "Tawila village"
    are settlements."""
    for cand in found:
        if cand.facility:
            continue
        first = _root(doc, cand)
        while first.dep_ in ("conj", "appos") and first.head.i < first.i and first.head.pos_ == "PROPN":
            first = first.head  # "Georgia, Arizona and Nevada": the first name of the list
        if first.dep_ == "pobj" and first.head.lower_ == "of":
            noun = first.head.head
        elif first.dep_ == "compound" and first.head.i == cand.end:
            noun = first.head  # "Tawila village"
        else:
            continue
        if noun.pos_ != "NOUN":
            continue
        word, lemma = noun.lower_, noun.lemma_.lower()
        if word in cues.region_nouns or lemma in cues.region_nouns:
            if not cand.region:
                cand.region = True
                cand.hits = _lookup(gaz, doc, cand.start, cand.end, True) or cand.hits
            cand.kind = "region"
        elif word in cues.settlement_nouns or lemma in cues.settlement_nouns:
            cand.kind = "city"


# --------------------------------------------------------------------------- context

@dataclass
class _Context:
    doc_states: Counter[str]
    sent_states: dict[int, set[str]]
    sent_regions: dict[int, list[tuple[int, Entry]]]  # divisions named in a sentence, by token
    ad: AnalyzedDoc
    top: int = 0  # mentions of the state the article mentions most

    @classmethod
    def of(cls, ad: AnalyzedDoc, found: list[Candidate], gaz: Gazetteer, flags: TokenFlags) -> _Context:
        """States the document talks about: actors, nationality adjectives, and names with a
        single reading (states by name, unambiguous cities), per document and per sentence."""
        doc_states: Counter[str] = Counter()
        sent_states: dict[int, set[str]] = defaultdict(set)
        sent_regions: dict[int, list[tuple[int, Entry]]] = defaultdict(list)

        def note(iso3: str | None, tok: int, weight: float = 1.0) -> None:
            if iso3:
                doc_states[iso3] += weight  # type: ignore[assignment]
                sent_states[ad.sent_index(tok)].add(iso3)

        names = {i for cand in found for i in range(cand.start, cand.end)}
        if ad.actors is not None:  # actors other than the names being resolved
            for m in ad.actors.mentions:
                if not any(i in names for i in range(m.tok_start, m.tok_end)):
                    # a people's name ("the Americans") evokes its state more weakly than a name
                    word = ad.doc[m.tok_start].text
                    people = m.tok_end - m.tok_start == 1 and (
                        gaz.demonym(word) is not None or gaz.demonym(word.removesuffix("s")) is not None)
                    note(m.country, m.tok_start, 0.5 if people else 1.0)
        for i in flags.nationalities:
            note(gaz.demonym(ad.doc[i].text), i)
        for cand in found:  # names with a clear reading by the prior alone
            hits = [h for h in cand.hits if not h.town]
            ranked = sorted((_prior(h, cand) for h in hits), reverse=True)
            best = max(hits, key=lambda h: _prior(h, cand), default=None)
            clear = len(ranked) == 1 or (len(ranked) > 1 and ranked[0] - ranked[1] >= _CLEAR)
            if best is not None and not best.alternate and clear and not _rival_states(hits):
                note(best.entry.country, cand.start)
            for h in cand.hits:
                if h.entry.kind == "region" and not h.regional and len(cand.hits) == 1:
                    sent_regions[ad.sent_index(cand.start)].append((cand.start, h.entry))
        top = max(doc_states.values(), default=0)
        return cls(doc_states, sent_states, sent_regions, ad, top)


def _rival_states(hits: list[Hit]) -> bool:
    """A state and a division of another state share the name ("Georgia"): the prior alone
    does not tell which one the article is about."""
    countries = {h.entry.country for h in hits if h.entry.kind == "country"}
    return bool(countries) and any(
        h.entry.kind == "region" and not h.regional and h.entry.country not in countries for h in hits)


def _link_conjuncts(doc: Doc, found: list[Candidate]) -> None:
    """Coordinated names are alike: "Georgia and Arizona" are both US states."""
    by_token = {i: c for c in found for i in range(c.start, c.end)}
    for cand in found:
        root = _root(doc, cand)
        for tok in root.conjuncts:
            peer = by_token.get(tok.i)
            if peer is None or peer is cand or not peer.hits:
                continue
            ranked = sorted((h for h in peer.hits if not h.town), key=lambda h: _prior(h, peer), reverse=True)
            if not ranked:
                continue
            if len(ranked) == 1 or _prior(ranked[0], peer) - _prior(ranked[1], peer) >= _CLEAR:
                kind, iso3 = ranked[0].entry.kind, ranked[0].entry.country
                if iso3 and kind in ("region", "city"):
                    cand.peers.append((kind, iso3))


def _prior(hit: Hit, cand: Candidate) -> float:
    e = hit.entry
    if e.kind == "country":
        score = 9.0 + (0.5 if hit.preferred else 0.0)  # "Congo" is the DRC unless the context says otherwise
    elif e.curated:
        score = 8.0
    elif e.kind == "city":
        score = math.log10(max(e.population, 1000)) - (_TOWN if hit.town else 0.0)
    else:
        score = 5.5 if e.lat is not None else 4.5
    if hit.alternate:
        score -= 1.5
    if cand.region:
        score += 3.0 if e.kind == "region" else -1.0
    elif hit.regional:
        score -= 3.0
    if cand.kind == "city" and e.kind == "city":
        score += 2.0  # "the town of X": a settlement, not the division or the state of that name
    return score


def _score(hit: Hit, cand: Candidate, ctx: _Context) -> float:
    score = _prior(hit, cand)
    e = hit.entry
    if e.kind == "city" and e.actor and not hit.alternate:
        # a capital is the usual reading of its name: Athens in Greece, not in Georgia, even in
        # a story about Americans (not in the prior: a capital does not make its state the
        # story's, and "Tripoli" in a story about Lebanon stays Lebanese)
        score += _CAPITAL
    iso3 = e.country
    if (e.kind, iso3) in cand.peers:
        score += 4.0 if e.kind == "region" else 1.5
    if iso3:
        # the states the article talks about: enough to choose between cities of similar size
        # (Tripoli in Libya or Lebanon), not to prefer a town over a metropolis (Paris)
        mentions = ctx.doc_states[iso3]
        if mentions:
            # the stronger bonuses need the state named (a people's name alone, "beat the
            # Americans", counts half: see _Context.of)
            score += 0.8 + (0.4 if mentions == ctx.top and mentions >= 1 else 0.0)
            if (e.population >= _BIG or e.kind == "region") and mentions >= 1 \
                    and _only_state(cand, iso3, ctx):
                score += 1.0  # "Córdoba" in an article about Spain that never names Argentina
        elif e.kind == "country" and _foreign_division(cand, iso3, ctx):
            score -= 4.0  # "Georgia" in an article about the US that never names the country
        sent = ctx.ad.sent_index(cand.start)
        if iso3 in ctx.sent_states.get(sent, ()):
            score += 0.6
        if not hit.alternate and any(abs(tok - cand.start) <= _REGION_WINDOW and _inside(e, r)
                                     for tok, r in ctx.sent_regions.get(sent, ())):
            score += 3.0  # "Moscow ... in Idaho": a division named nearby
    return score


def _only_state(cand: Candidate, iso3: str, ctx: _Context) -> bool:
    """Of the states the name's readings belong to, the article mentions only this one."""
    return all(h.entry.country == iso3 or not ctx.doc_states[h.entry.country or ""]
               for h in cand.hits if not h.town)


def _foreign_division(cand: Candidate, iso3: str, ctx: _Context) -> bool:
    """Another reading of the name is a division of the article's main state."""
    return any(h.entry.kind == "region" and not h.regional and h.entry.country != iso3
               and ctx.doc_states[h.entry.country or ""] == ctx.top >= 2 for h in cand.hits)


def _resolve(cand: Candidate, ctx: _Context) -> Entry | None:
    hits = [h for h in cand.hits if not _weak(h, cand, ctx)]
    if cand.facility or not hits:
        return None
    best = max(hits, key=lambda h: (_score(h, cand, ctx), h.entry.population, -(h.entry.geonameid or 0)))
    if cand.region and best.entry.kind == "city" and (best.alternate or best.town) and _county(
            ctx.ad.doc, cand):
        return None  # "Loudoun County": not the area around a town with that (alternate) name
    if cand.region and best.entry.kind == "region" and _county(ctx.ad.doc, cand):
        seat = _county_seat(hits, best.entry, cand, ctx)
        if seat is not None:
            return seat
    cand.town = best.town
    return _as_region(best.entry) if cand.region and best.entry.kind == "city" else best.entry


def _county_seat(hits: list[Hit], division: Entry, cand: Candidate, ctx: _Context) -> Entry | None:
    """"Santa Barbara county" in a story about California: a division of a state the article
    names nowhere else (Honduras' Santa Bárbara department: the name itself counts once) loses
    to the county around a city of a state it does name; US and British counties often bear
    the name of their seat."""
    if ctx.doc_states[division.country or ""] > 1:
        return None
    seats = [h for h in hits if h.entry.kind == "city" and not h.alternate and not h.town
             and h.entry.country != division.country and ctx.doc_states[h.entry.country or ""]]
    if not seats:
        return None
    city = max(seats, key=lambda h: (_score(h, cand, ctx), h.entry.population)).entry
    return Entry(f"{city.name} County", "region", city.country, city.lat, city.lon, None, 0, city.admin)


def _county(doc: Doc, cand: Candidate) -> bool:
    """"<name> County", "the county of <name>": counties are rarely named after their seat."""
    after = doc[cand.end].lower_ if cand.end < len(doc) else ""
    before = doc[cand.start - 2].lower_ if cand.start >= 2 and doc[cand.start - 1].lower_ == "of" else ""
    return "county" in (after, before) or "counties" in (after, before)


def _weak(hit: Hit, cand: Candidate, ctx: _Context) -> bool:
    """Not a reading without more evidence: an alternate name (often foreign-language) of a
    city in a state the article never mentions ("Wiktoria" for Victoria, Seychelles; "Chiva"
    for Khiva); a town of the lower tier outside the article's states, unless a place noun
    frames it ("the village of X"), or named like an English word or a famous place
    ("Hope", "Lebanon": only with an explicit qualifier)."""
    e = hit.entry
    if hit.town:
        return hit.common or not (ctx.doc_states[e.country or ""] or cand.kind == "city")
    return (hit.alternate and e.kind == "city" and e.population < 1_000_000
            and not ctx.doc_states[e.country or ""])


def _as_region(city: Entry) -> Entry:
    """"the Bakhmut region" with no such division in the gazetteer: the area around the city."""
    return Entry(f"{city.name} region", "region", city.country, city.lat, city.lon, None, 0, city.admin)


def _inside(e: Entry, region: Entry) -> bool:
    """A place lies in a division: the same division code (towns of the lower tier), the same
    GeoNames admin1 for US states, else same state and near."""
    if e is region or e.country != region.country or region.kind not in ("region", "country"):
        return False
    if region.kind == "country":
        return True
    if region.admin and e.admin:
        if "-" in e.admin:  # a town's division code ("RU-KRS")
            return e.admin == region.admin
        if region.admin.startswith("US-"):
            return e.admin == "US." + region.admin[3:]
    return _km(e, region) <= _NEAR_KM


def _km(a: Entry, b: Entry) -> float:
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return math.inf
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    dp, dl = p2 - p1, math.radians(b.lon - a.lon)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, h)))


# --------------------------------------------------------------------------- qualifiers

def _link_qualifiers(doc: Doc, found: list[Candidate], gaz: Gazetteer, cues: Cues, ctx: _Context) -> None:
    """Explicit qualifiers fix both readings: "Paris, Texas" (a city and the division or
    state it lies in), "Ukraine's second-largest city of Kharkiv", "the Ukrainian city of
    Kharkiv", "Russia's Kursk region"."""
    by_token = {i: c for c in found for i in range(c.start, c.end)}
    for n, cand in enumerate(found):
        # "X, Q"
        if n + 1 < len(found):
            nxt = found[n + 1]
            if nxt.start == cand.end + 1 and doc[cand.end].text == "," and _qualify(cand, nxt, ctx):
                nxt.use = LOC
                continue
        # "Q's X", "Q's city of X", "the Q-ian city of X", "X in Q"
        for q in _syntactic_qualifiers(doc, cand, by_token, gaz, cues):
            if isinstance(q, str):
                _qualify_state(cand, q, ctx)
            elif q is not cand and _qualify(cand, q, ctx):
                break


def _qualify(cand: Candidate, q: Candidate, ctx: _Context) -> bool:
    """Choose the best pair of readings where ``q`` contains ``cand``."""
    best: tuple[float, Entry, Entry] | None = None
    for h in cand.hits:
        if h.entry.kind not in ("city", "region", "landmark", "water", "other"):
            continue
        for qh in q.hits:
            if qh.entry.kind in ("country", "region") and _inside(h.entry, qh.entry):
                score = _score(h, cand, ctx) + _score(qh, q, ctx)
                if best is None or score > best[0]:
                    best = (score, h.entry, qh.entry)
    if best is None:
        return False
    cand.entry = _as_region(best[1]) if cand.region and best[1].kind == "city" else best[1]
    q.entry = best[2]
    cand.qualifiers.append(q)
    return True


def _qualify_state(cand: Candidate, iso3: str, ctx: _Context) -> None:
    hits = [h for h in cand.hits if h.entry.country == iso3 and h.entry.kind != "country"]
    if hits:
        best = max(hits, key=lambda h: (_score(h, cand, ctx) + _QUALIFIED, h.entry.population))
        cand.entry = _as_region(best.entry) if cand.region and best.entry.kind == "city" else best.entry
        cand.qualifiers.append(iso3)


def _syntactic_qualifiers(doc: Doc, cand: Candidate, by_token: dict[int, Candidate], gaz: Gazetteer,
                          cues: Cues) -> list[Candidate | str]:
    root = _root(doc, cand)
    heads = [root]
    if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lemma_.lower() in cues.place_nouns:
        heads.append(root.head.head)  # "the city of X": the noun carries the qualifier
    elif root.dep_ in ("compound", "nmod") and root.head.lemma_.lower() in cues.place_nouns:
        heads.append(root.head)  # "Russia's Kursk region"
    out: list[Candidate | str] = []
    for head in heads:
        for child in head.children:
            if child.dep_ == "poss" or (child.dep_ in ("compound", "nmod") and child.i < cand.start):
                q = by_token.get(child.i)
                if q is not None:
                    out.append(q)
            elif child.dep_ == "amod" or child.ent_type_ == "NORP":
                iso3 = gaz.demonym(child.text)
                if iso3:
                    out.append(iso3)
            elif child.dep_ == "prep" and child.lower_ == "in":
                for obj in child.children:
                    q = by_token.get(obj.i)
                    if obj.dep_ == "pobj" and q is not None:
                        out.append(q)
    return out


def _root(doc: Doc, cand: Candidate) -> Token:
    span = doc[cand.start:cand.end]
    return span.root


# --------------------------------------------------------------------------- facilities

def _place_facilities(doc: Doc, found: list[Candidate], cues: Cues) -> None:
    """An unknown facility takes the point of its container: "Moscow's Yaroslavsky railway
    station", "a hospital in Khan Younis"."""
    by_token = {i: c for c in found for i in range(c.start, c.end)}
    for cand in found:
        if not cand.facility:
            continue
        head = doc[cand.end - 1]
        container = None
        # "Warsaw's Chopin airport", "the airport in Goma"; else "filled Tahrir Square in Cairo"
        governor = [head.head] if head.dep_ in ("dobj", "pobj", "nsubj", "nsubjpass") else []
        if governor and governor[0].pos_ == "ADP":
            governor = [governor[0].head]
        for child in [*head.children, *(c for g in governor for c in g.children if c.i > head.i)]:
            if child.dep_ in ("poss", "compound", "nmod") and child.i < cand.start:
                container = by_token.get(child.i)
            elif child.dep_ == "prep" and child.lower_ in ("in", "near", "outside", "at"):
                container = next((by_token[o.i] for o in child.children if o.i in by_token), None)
            if container is not None and container.entry is not None and not container.facility:
                break
            container = None
        if container is None or container.entry is None:
            continue
        where = container.entry
        name = doc[cand.start:cand.end].text
        cand.entry = Entry(name, "landmark", where.country, where.lat, where.lon)
        container.use = LOC


def _contained_in(doc: Doc, found: list[Candidate]) -> None:
    """"Chinatown in Manila": when the syntax puts a name in a place of another state than
    any of its readings, it is a part of that place we do not know (a district, a
    neighbourhood): it takes that place's point and state."""
    by_token = {i: c for c in found for i in range(c.start, c.end)}
    for cand in found:
        e = cand.entry
        if e is None or cand.facility or cand.qualifiers or e.kind not in ("city", "landmark"):
            continue
        root = _root(doc, cand)
        if _city_part(doc, cand, root, by_token):
            continue
        for prep in root.children:
            if prep.dep_ != "prep" or prep.lower_ != "in":
                continue
            q = next((by_token[o.i] for o in prep.children if o.dep_ == "pobj" and o.i in by_token), None)
            where = q.entry if q is not None else None
            if q is None or where is None or where.country is None or where.kind not in (
                    "city", "region", "country"):
                continue
            if all(h.entry.country != where.country for h in cand.hits):
                name = doc[cand.start:cand.end].text
                cand.entry = Entry(name, "landmark", where.country, where.lat, where.lon)
                q.use = LOC
            break


def _city_part(doc: Doc, cand: Candidate, root: Token, by_token: dict[int, Candidate]) -> bool:
    """"London's Docklands", "Kyiv's Podil": a city's possessive makes the name a part of that
    city. The reading near the city wins (a district GeoNames lists as a city); with none, the
    name is a part we do not know and takes the city's point and state, not the namesake in
    another state (Docklands in Melbourne)."""
    owner = next((by_token.get(c.i) for c in root.children if c.dep_ == "poss" and c.i < cand.start), None)
    city = owner.entry if owner is not None else None
    if owner is None or owner is cand or city is None or city.kind != "city" or city.country is None:
        return False
    near = [h.entry for h in cand.hits
            if h.entry.kind in ("city", "landmark") and _km(h.entry, city) <= _PART_KM]
    if near:
        cand.entry = max(near, key=lambda e: e.population)
    elif all(h.entry.country != city.country for h in cand.hits):
        cand.entry = Entry(doc[cand.start:cand.end].text, "landmark", city.country, city.lat, city.lon)
    else:
        return False
    owner.use = LOC
    return True


# --------------------------------------------------------------------------- teams

_SPORT_MIN = 2  # distinct sport words that make a document a report about sport
_TEAM_KINDS = ("country", "region", "city")


def _about_sport(doc: Doc, cues: Cues) -> bool:
    """A report about sport: at least two distinct sport words ("coach", "rugby", "striker")."""
    seen: set[str] = set()
    for tok in doc:
        word = tok.lower_
        if word in cues.sport_words:
            seen.add(word)
            if len(seen) >= _SPORT_MIN:
                return True
    return False


def _team(doc: Doc, cand: Candidate, cues: Cues) -> bool:
    """In a report about sport, a state or a city that stands for a team: the possessor or
    modifier of a team noun ("the England coach", "Wales' squad"), the subject or object of a
    match verb ("Ireland beat France"), the other side after a result word ("victory over
    Scotland", "lost to Wales", "the game against Italy"), or a subject that is a contender.
    "in England", "Wales' capital", "the tour of Australia" stay places."""
    entry = cand.entry
    if entry is None or cand.region or cand.facility or entry.kind not in _TEAM_KINDS:
        return False
    root = _root(doc, cand)
    while root.dep_ == "conj" and root.head.i < root.i:  # "victories over Scotland and France"
        root = root.head
    dep, head = root.dep_, root.head
    lemma = head.lemma_.lower()
    if dep in ("compound", "nmod", "amod", "poss"):
        if head.pos_ not in ("NOUN", "PROPN") or not (
                lemma in cues.team_nouns or head.lower_ in cues.team_nouns):
            return False
        return not any(c.dep_ == "prep" and c.lower_ == "of" for c in head.children)  # "the Gaza side of"
    if head.pos_ == "VERB" and lemma in cues.match_verbs:
        if dep == "nsubj":  # "England lost to Wales"; "Brazil hosted the World Cup" is a place
            return lemma not in ("host", "visit") or _names_a_side(head, "dobj")
        if dep == "dobj":  # "beat England"; "Everton visit Plymouth", not "the minister visited Cardiff"
            return lemma not in ("host", "visit") or _names_a_side(head, "nsubj")
    if dep == "pobj" and head.dep_ in ("prep", "agent"):
        word, governor = head.lower_, head.head
        if word == "against":  # "the game against Wales", "struggled against Ireland"
            return True
        if word in ("over", "to", "by", "with") and governor.lemma_.lower() in cues.result_words:
            return True
    if dep == "nsubj" and head.lemma_ == "be":  # "England, Ireland and Wales are all contenders"
        return any(c.dep_ == "attr" and c.lemma_.lower() in cues.team_nouns for c in head.children)
    return False


def _names_a_side(verb: Token, dep: str) -> bool:
    """The other argument of "host"/"visit" is a name that is not a person ("Everton visit
    Plymouth", "Wales host England")."""
    return any(c.dep_ == dep and c.pos_ == "PROPN" and c.ent_type_ != "PERSON" for c in verb.children)


# --------------------------------------------------------------------------- location or actor?

def _use(doc: Doc, cand: Candidate, entry: Entry, cues: Cues, ad: AnalyzedDoc) -> str:
    """LOC when the syntax says the name is a location, ACTOR when it acts or is acted
    with, NEUTRAL otherwise."""
    if cand.use == LOC or cand.facility:
        return LOC
    root = _root(doc, cand)
    if cand.region or _orphan_prep(doc, cand.start, cues):
        return LOC
    if root.dep_ == "conj":
        first = root
        while first.dep_ == "conj" and first.head.i != first.i:
            first = first.head
        if entry.actor and root.is_upper and len(root) <= 4 and doc[cand.start - 1].lower_ != "the":
            return ACTOR  # "Russian, US and Ukrainian reports": abbreviations are modifiers
        root = first
    if root.dep_ == "appos" and root.head.i in range(len(doc)):
        head = root.head
        if head.lemma_.lower() in cues.place_nouns or head.ent_type_ in _ENT_LABELS:
            return LOC
    dep, head = root.dep_, root.head
    lemma = head.lemma_.lower()
    if dep == "pobj":
        use = _prep_use(head, cues)
        if use == PARTY:  # a state sends or receives; a city is where it goes
            return ACTOR if entry.actor else NEUTRAL
        return use
    if dep == "poss":
        return LOC if _place_noun(head, cues, state=entry.kind == "country") else ACTOR
    if dep in ("compound", "nmod", "amod"):
        state = entry.kind == "country"  # "US embassy", "Austria-Hungary": not a location
        return LOC if _place_noun(head, cues, state=state, names=not state) else (
            ACTOR if entry.actor else NEUTRAL)
    if dep in ("nsubj", "nsubjpass", "csubj") and _befalls(root, cues, state=entry.actor):
        return LOC
    if dep == "nsubjpass":
        return ACTOR
    if dep in ("nsubj", "csubj"):
        if entry.actor or lemma in cues.speech_verbs:
            return ACTOR
        if lemma == "be" and any(c.dep_ == "attr" and _place_noun(c, cues) for c in head.children):
            return LOC  # "Kharkiv is Ukraine's second-largest city"
        # a subject that acts on something ("Chelsea beat Arsenal") is a team or a government
        return ACTOR if any(c.dep_ == "dobj" for c in head.children) else NEUTRAL
    if dep == "dobj":  # "visited Kyiv", "filled Tahrir Square"; not "urged Pyongyang", "beat Scotland"
        if lemma in cues.target_verbs:
            return LOC
        return NEUTRAL if entry.kind in ("landmark", "water", "other") and not entry.actor else ACTOR
    if dep in ("dative", "agent"):
        return ACTOR
    if dep == "attr" and head.lemma_ == "be":
        return NEUTRAL
    return NEUTRAL


def _befalls(subject: Token, cues: Cues, *, state: bool = False) -> bool:
    """The subject is where something happens: "Kharkiv came under fire", "Bakhmut fell",
    "Gaza was bombed". A state or a capital (``state``) goes through an attack or a
    disaster as a place ("Ukraine faced a wave of drone attacks"), anything else as an
    actor ("Japan faces 24% tariffs", "Russia lost the vote")."""
    verb = subject.head
    lemma = verb.lemma_.lower()
    if subject.dep_ == "nsubjpass":
        return lemma in cues.target_verbs
    if lemma in cues.located_verbs or (lemma == "come" and any(c.lower_ == "under" for c in verb.children)):
        return True
    if lemma in cues.ordeal_verbs:
        # "Kharkiv woke to explosions"; not "the Donald has woken communities" (acts on something)
        acts = any(c.dep_ == "dobj" for c in verb.children)
        return _harm(verb, cues) if state or acts else True
    return False


def _harm(verb: Token, cues: Cues) -> bool:
    """What the verb's subject goes through is an attack or a disaster ("faced drone attacks",
    "reeled from the floods", "saw heavy fighting", "braced for a wave of strikes")."""
    harm = cues.target_nouns | cues.disaster_nouns
    for child in verb.children:
        if child.dep_ in ("dobj", "attr", "oprd"):
            objects = [child]
        elif child.dep_ == "prep":
            objects = [o for o in child.children if o.dep_ == "pobj"]
        else:
            continue
        for obj in objects:
            words = [obj, *(c for c in obj.children if c.dep_ in ("compound", "amod", "nmod"))]
            words += [o for p in obj.children if p.dep_ == "prep" and p.lower_ == "of"
                      for o in p.children if o.dep_ == "pobj"]  # "a wave of strikes"
            if any(w.lemma_.lower() in harm or w.lower_ in harm for w in words):
                return True
    return False


def _place_noun(tok: Token, cues: Cues, *, state: bool = False, names: bool = True) -> bool:
    """A noun of place ("the outskirts of Kyiv", "Russia's Kursk region") or a place name
    ("Moscow's Red Square"); for names other than states also a facility ("Moscow's
    Yaroslavsky station") or its people ("residents of Mexico City"): "the US embassy" and
    "US citizens" say whose, not where."""
    lemma = tok.lemma_.lower()
    if lemma in cues.place_nouns or tok.lower_ in cues.place_nouns:
        return True
    if names and tok.ent_type_ in _ENT_LABELS and tok.pos_ == "PROPN":
        return True
    return not state and (lemma in cues.facility_nouns or lemma in cues.inhabitant_nouns)


def _prep_use(prep: Token, cues: Cues) -> str:
    word = prep.lower_
    governor = prep.head
    glemma = governor.lemma_.lower()
    if word == "in":  # "fighting in Kharkiv", not "interest in China"
        return ACTOR if glemma in cues.not_locative_in and governor.pos_ == "NOUN" else LOC
    if word in cues.locative_preps:
        return LOC
    if word == "of" and glemma == "part" and governor.head.lower_ == "on":
        return ACTOR  # "on the part of Russia"
    if word == "of" and governor.lower_ in ("out", "outside", "ahead"):
        return LOC  # "walked out of Valencia"
    if word == "of":  # "the outskirts of Kyiv", "the siege of Mariupol"; not "the president of Russia"
        return LOC if _place_noun(governor, cues) or glemma in cues.target_nouns else ACTOR
    if word in ("on", "upon") and (glemma in cues.target_nouns or glemma in cues.target_verbs
                                   or glemma in cues.motion_words):
        return LOC  # "strikes on Rafah", "advanced on Bukavu"
    if word == "at" and (glemma in cues.motion_words or glemma in cues.target_verbs):
        return LOC  # "fired rockets at Kiryat Shmona"
    if word in ("to", "from"):
        if _message_moves(governor, cues):
            return PARTY  # "reports coming from Kyiv", "aid sent to Ukraine": a government
        if glemma in cues.motion_words or governor.lower_ in cues.motion_words:
            return LOC  # "sent to Russia", "withdraw from Kherson"
        if prep.dep_ == "dative":
            return ACTOR  # "supplying weapons to Russia"
        if governor.pos_ == "ADV" and governor.head.lemma_.lower() in cues.motion_words:
            return LOC  # "flew back to Jordan"
        # "50 km from Kharkiv": a distance just before
        if word == "from" and any(t.lemma_.lower() in cues.motion_words and t.pos_ in ("NOUN", "ADV")
                                  for t in prep.doc[max(0, prep.i - 3):prep.i]):
            return LOC
        return NEUTRAL  # "support to Moscow" (a state: no), "the road to Vladivostok" (a city: yes)
    if word == "for" and glemma in cues.motion_words and governor.pos_ == "VERB" and not _message_moves(
            governor, cues):
        return LOC  # "fled for Tawila", "left for Doha"
    if word in ("with", "by", "against", "for"):
        return ACTOR
    return NEUTRAL


def _message_moves(governor: Token, cues: Cues) -> bool:
    """The thing that moves is a message or help, not people or goods."""
    if governor.pos_ in ("NOUN", "PROPN"):
        return governor.lemma_.lower() in cues.message_nouns
    mover = [c for c in governor.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")]
    if governor.dep_ == "acl":  # "reports coming from Seoul", "aid sent to Kyiv"
        mover.append(governor.head)
    return any(m.lemma_.lower() in cues.message_nouns for m in mover)


def _actor_flags(ad: AnalyzedDoc, cand: Candidate) -> Mention | None:
    if ad.actors is None:
        return None
    for i in range(cand.start, cand.end):
        m = ad.actors.at(i, places=True)
        if m is not None:
            return m
    return None


def _is_place(cand: Candidate, entry: Entry, ad: AnalyzedDoc) -> bool:
    if cand.town and (cand.use != LOC or _root(ad.doc, cand).dep_ in ("compound", "amod", "nmod", "poss")):
        return False  # a small town needs a locative frame ("in X", "shelled X", "the village of X")
    if cand.use == LOC:
        return True
    if cand.use == ACTOR:
        return False
    mention = _actor_flags(ad, cand)
    if mention is not None and mention.metonym:
        return False
    if mention is not None and mention.place:
        return True
    return not entry.actor
