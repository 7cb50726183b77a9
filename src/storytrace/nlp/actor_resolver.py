"""The actor resolver: finds actor mentions in one analyzed document and resolves them in
context (the rules of docs/actors.md, in the order ``Resolver.run`` applies them)."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from storytrace.nlp.actor_dictionary import (
    BLOCK,
    BODY,
    CAPITAL,
    DEMONYM,
    GROUP,
    ORG,
    PEOPLE,
    PERSON,
    SEAT,
    SHORT,
    STATE,
    ActorDictionary,
    ActorRecord,
    Anaphor,
    Entry,
    Title,
    fold,
    norm_token,
    slug,
)
from storytrace.nlp.context import AnalyzedDoc
from storytrace.nlp.mentions import ActorLayer, Mention
from storytrace.records import Actor, Span

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# Words that may stand between a qualifier and the name or title it qualifies.
_SKIP_POS = frozenset({"ADJ", "NOUN", "PROPN", "NUM"})
_STOP_WORDS = frozenset({"the", "a", "an", "of", "'s", "'", "-", "for", "and"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "agent"})
# "Kremlin spokesman", "White House press secretary": the president's spokesperson.
_PRESIDENTIAL = frozenset({"presidency", "presidential office"})


def _span(m: Mention) -> Span:
    """The character span of a mention (offsets of the document itself: no validation needed)."""
    return Span.model_construct(start=m.start, end=m.end)


def spokesperson_role(body_role: str) -> str:
    """The office of a body's spokesperson, as people.yaml names it."""
    return "presidential spokesperson" if body_role in _PRESIDENTIAL else f"{body_role} spokesperson"


_YEARS = frozenset({"year", "years"})
_ORIGIN_PREPS = frozenset({"from", "in", "of"})
_COUNTRY_NOUNS = frozenset({"country", "territory", "nation", "kingdom", "republic", "state"})
_STATE_WORDS = frozenset({"state", "national", "government", "federal", "public", "state-run", "state-owned"})
_ISO3_ID = re.compile(r"^[A-Z]{3}$")
_ROMAN = re.compile(r"^[IVX]{1,5}$")  # regnal numbers ("Charles III")
_INDEFINITE = frozenset({"a", "an", "another", "one", "two", "three", "several", "some", "many", "any", "no"})
_ANAPHOR_SENTENCES = 3  # "the agency" refers to an actor named at most this many sentences before
_COREF_TOKENS = 600  # "the president" looks this far back for the person introduced with the title
_PERSON_KINDS = frozenset({PERSON, SHORT, "ner-person"})
_STRUCK = frozenset({"hit", "strike", "shell", "bomb", "pound", "rock", "flood", "shake", "bombard"})
_MOTION_PREPS = frozenset({"to", "from", "into", "toward", "towards"})
_NOT_THE_HOLDER = ("vice ", "deputy ", "former ", "acting ", "first deputy ")  # not "the president"
_DESCRIPTION_TOKENS = 14  # an apposition longer or farther than this says nothing reliable
_TOKENS_PER_MENTION = 250  # a story naming one state only is set there if it names it this often
_BIG_CITY = 200_000  # a one-word name that is another name of a city this big is the city ("Hama")
_PHRASE_POS = frozenset({"ADJ", "DET", "NUM", "PART", "ADP", "NOUN", "PROPN"})
_PLACE_KINDS = frozenset({"city", "region", "country", "water", "landmark"})  # gazetteer entries
_DASHES = ("-", "--", "\u2014", "\u2013")
_CREDIT_TOKENS = 40  # a byline, a credit or a boilerplate line is no longer than this
_FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})
_LABEL_MARKS = frozenset({":", ",", "/", "-", "\u2014", "\u2013", "by"})


# --------------------------------------------------------------------------- the resolver

@dataclass
class _Cand:
    """A mention under construction."""

    a: int  # token span [a, b)
    b: int
    kind: str  # dictionary kind (STATE, ...), "ner-person", "ner-org" or "noun" (a state's sector phrase)
    target: str | None = None  # actor id
    sector: str | None = None
    role: str | None = None
    place: bool = False
    metonym: bool = False
    descriptive: bool = False
    gender: str | None = None
    country: str | None = None  # for persons and generic groups
    name: str | None = None  # display name (unknown persons, organizations, groups)
    entry: Entry | None = None
    dropped: bool = False
    evidence: int = 0  # support for an unknown person/org (titles, subject use, repeats)
    title: Title | None = None  # the title given to a person ("Prime Minister X")
    title_role: str | None = None  # that title's canonical role ("spokesperson" for "army spokesman")


@dataclass
class Resolver:
    """Resolves the actor mentions of one document (``run`` returns its ActorLayer)."""

    ad: AnalyzedDoc
    d: ActorDictionary
    gazetteer: Any = None  # the places layer's gazetteer, when available
    cands: list[_Cand] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.doc: Doc = self.ad.doc
        cue = self.d.cues  # word lists of cues.yaml
        self.locative_preps, self.motion_words = cue["locative_preps"], cue["motion_words"]
        self.place_nouns, self.topic_nouns = cue["place_nouns"], cue["topic_nouns"]
        self.name_particles, self.facility_words = cue["name_particles"], cue["facility_words"]
        self.company_words, self.org_words = cue["company_words"], cue["org_words"]
        self.ranks, self.former = cue["ranks"], cue["former"]
        self.person_nouns = cue["person_nouns"]
        self.domestic_orgs, self.international_words = cue["domestic_orgs"], cue["international_words"]
        self.market_names, self.market_words = cue["market_names"], cue["market_words"]
        self.visit_words = cue["visit_words"]
        self.event_nouns, self.name_articles = cue["event_nouns"], cue["name_articles"]
        self.posted_nouns = cue["posted_nouns"]
        self.credit_openers, self.credit_labels = cue["credit_openers"], cue["credit_labels"]
        self.credit_phrases, self.credit_agencies = cue["credit_phrases"], cue["credit_agencies"]
        self.credit_only = cue["credit_only"]
        self.credit_heads = frozenset(p.split()[0] for p in self.credit_phrases)
        self.toks: list[Token] = list(self.doc)
        self.n = len(self.toks)
        self.texts = [norm_token(t.text) for t in self.toks]
        self.lower = [t.lower() for t in self.texts]  # (one pass; Token.lower_ costs a lookup each time)
        self.text: str = self.ad.text  # Doc.text joins every token on each call: the cached copy
        self.on: date | None = self.ad.published
        self.by_token: list[_Cand | None] = [None] * self.n  # name-level candidates
        self.title_end: dict[int, tuple[int, Title]] = {}  # end token -> (start, title)
        self.used_titles: set[int] = set()  # start tokens of titles given to a person
        self.title_ext: dict[int, int] = {}  # title start -> end of its "of ..." ("Secretary of Energy")
        self.in_title: set[int] = set()  # tokens inside titles
        self.consumed: set[int] = set()  # tokens of a person's title phrase ("North Korean leader ...")
        self.blocked: set[int] = set()  # tokens of names that are no actor ("Korean Peninsula", "LEAD")
        self.place_names: set[str] = set()  # "persons" the text shows to be places
        self.dateline: str | None = None  # the state of the dateline city ("SEOUL, Dec. 3 --")
        self.home: str | None = ""  # the state the story is set in ("" until worked out)

    # ------------------------------------------------------------ pipeline
    def run(self) -> ActorLayer:
        self.find_names()
        self.find_titles()
        self.find_entities()
        self.find_titled_names()
        if self.place_names:
            for c in self.cands:
                if c.kind == "ner-person" and c.name in self.place_names:
                    c.dropped = True
        self.link_acronyms()
        self.drop_credits_and_markets()
        self.classify_places()
        self.home_country()  # the story's state, from the names alone (before phrases absorb them)
        self.resolve_bodies()
        self.resolve_short_forms()
        self.link_people()
        self.weigh_organizations()
        self.org_countries()
        self.resolve_titles()
        self.resolve_nouns()
        self.complete_people()
        self.infer_gender()
        return self.export()

    # ------------------------------------------------------------ helpers
    def add(self, c: _Cand) -> _Cand:
        self.cands.append(c)
        for i in range(c.a, c.b):
            if self.by_token[i] is None:
                self.by_token[i] = c
        return c

    def at(self, i: int) -> _Cand | None:
        c = self.by_token[i] if 0 <= i < self.n else None
        return None if c is None or c.dropped else c

    def ending_at(self, b: int) -> _Cand | None:
        """The name-level candidate whose last token is ``b - 1``."""
        c = self.at(b - 1)
        return c if c is not None and c.b == b else None

    def record(self, actor_id: str | None) -> ActorRecord | None:
        return self.d.record(actor_id) if actor_id else None

    def country_of(self, c: _Cand) -> str | None:
        """The state a candidate belongs to."""
        if c.kind in (STATE, DEMONYM, PEOPLE, CAPITAL, SEAT, BODY) or c.kind == "noun":
            rec = self.record(c.target)
            return rec.country if rec else None
        if c.country:
            return c.country
        rec = self.record(c.target)
        return rec.country if rec else None

    def sent_bounds(self, i: int) -> tuple[int, int]:
        sent = self.ad.sent_of(i)
        return sent.start, sent.end

    # ------------------------------------------------------------ 1. dictionary names
    def find_names(self) -> None:
        d, texts, n = self.d, self.texts, self.n
        caps: list[str] | None = None
        folded: list[str] | None = None
        i = 0
        while i < n:
            hit = d.match(d.names, texts, i)
            if hit is None and len(texts[i]) > 3 and texts[i].isupper() and texts[i].isalpha():
                # headlines and datelines in capitals: "MINSK", "KREMLIN SAYS"
                if caps is None:
                    caps = [t.title() if len(t) > 3 and t.isupper() and t.isalpha() else t for t in texts]
                hit = d.match(d.names, caps, i)
            if hit is None and not texts[i].isascii():
                # spellings with letters the dictionary lists without their marks ("Ławrow", "Erdoğan")
                if folded is None:
                    folded = [t if t.isascii() else fold(t) for t in texts]
                hit = d.match(d.names, folded, i)
            if hit is None:
                i += 1
                continue
            end, entry = hit
            if any((inner := d.match(d.names, texts, j)) is not None and inner[0] > end
                   for j in range(i + 1, end)):
                i += 1  # a longer name starts inside this one: "the North Koreans", not "the North"
                continue
            if entry.kind == BLOCK:
                self.blocked.update(range(i, end))
            elif self._plausible(i, end, entry):
                self.add(_Cand(i, end, entry.kind, entry.target, entry.sector, entry.role, entry=entry,
                               name=entry.name))
            i = end
        # "the North": only where the story names one of the states it needs
        named = {c.target for c in self.cands if c.entry is not None and not c.entry.needs}
        for c in self.cands:
            if c.entry is not None and c.entry.needs and not named.intersection(c.entry.needs):
                c.dropped = True

    def _plausible(self, a: int, b: int, entry: Entry) -> bool:
        """Reject a dictionary name that is part of a longer person's name ("George Washington",
        "Chad Smith", "Philip French", "Mr French") or written in a headline's capitals by accident."""
        if entry.kind == SHORT and b - a == 1 and b < self.n and self.toks[a].ent_type_ == "PERSON":
            after = self.toks[b]
            if after.ent_iob_ == "I" and after.ent_type_ == "PERSON" and after.is_alpha and after.is_title:
                return False  # "Petro Bondar", "Xi Mingze": another person's given or family name
        if entry.kind in (STATE, CAPITAL, SEAT, DEMONYM) and b - a == 1:
            if a > 0 and self.texts[a - 1] in self.d.honorifics:
                return False
            tok = self.toks[a]
            if tok.ent_type_ == "PERSON" and entry.kind != SHORT:
                ent = tok.ent_iob_
                nxt = self.toks[b] if b < self.n else None
                prv = self.toks[a - 1] if a > 0 else None
                inside = (nxt is not None and nxt.ent_type_ == "PERSON" and nxt.ent_iob_ == "I"
                          and nxt.tag_ != "POS") or (ent == "I" and prv is not None and prv.tag_ != "POS")
                if inside:
                    return False
        return True

    # ------------------------------------------------------------ 2. named entities
    def find_entities(self) -> None:
        for ent in self.doc.ents:
            label = ent.label_
            if label not in ("PERSON", "ORG", "NORP", "GPE", "LOC", "FAC"):
                continue
            for a, b in self._chunks(ent.start, ent.end, label):
                if label == "ORG" and a in self.in_title and self._titled_name(a, b):
                    self._person_entity(a, b)  # "King Felipe VI" tagged as an organization
                    continue
                if any(i in self.blocked for i in range(a, b)) or (
                        label == "ORG" and any(i in self.in_title for i in range(a, b))):
                    continue
                if any(self.at(i) is not None for i in range(a, b)):
                    if label == "ORG":
                        self._org_with_names(a, b)
                    continue
                if label == "PERSON":
                    self._person_entity(a, b)
                elif label in ("ORG", "GPE", "NORP") and self._described_as_person(a, b):
                    self._person_entity(a, b, described=True)  # "Rami, a 34-year-old engineer from Gaza"
                elif label == "ORG" and self._ministry(a, b):
                    self.add(_Cand(a, b, BODY, None, "GOV", "ministry",
                                   entry=Entry(BODY, None, "GOV", "ministry")))
                elif label == "ORG" and self._looks_like_org(a, b) and not self._in_place_position(a, b) \
                        and not self._names_facility(b):
                    self.add(_Cand(a, b, "ner-org", name=self._name_text(a, b)))
                elif label == "NORP" and self.toks[b - 1].tag_ in ("NNPS", "NNS"):
                    self.add(_Cand(a, b, GROUP, name=self._name_text(a, b)))

    def find_titled_names(self) -> None:
        """Capitalized names spaCy missed right after a title: "King Mswati III", "President
        Tinubu" (the title's last word modifies the name)."""
        toks = self.toks
        for end, (_start, _t) in sorted(self.title_end.items()):
            k = end
            while k < self.n and k - end < 4 and toks[k].is_alpha and toks[k].text[0].isupper() \
                    and (toks[k].pos_ == "PROPN" or (k > end and _ROMAN.match(toks[k].text))) \
                    and self.by_token[k] is None and toks[k].ent_type_ in ("", "PERSON", "ORG"):
                k += 1
            # (two words at least: "King Crimson" is a band)
            if k - end >= 2 and end <= toks[end - 1].head.i < k and not toks[k - 1].ent_type_ \
                    and not any(toks[i].ent_type_ == "PERSON" for i in range(end, k)):
                self._person_entity(end, k, described=True)

    def _titled_name(self, a: int, b: int) -> bool:
        """Tokens [a, b) are a personal title and a name after it ("King Felipe VI")."""
        for end, (start, t) in self.title_end.items():
            if start == a and end <= b - 2 and t.person:
                return all(tok.pos_ == "PROPN" and tok.is_alpha and tok.text[0].isupper()
                           for tok in self.toks[end:b])
        return False

    def _described_as_person(self, a: int, b: int) -> bool:
        """A name (one or two capitalized words) in apposition with a noun for a person or an
        age: "Rami, a 34-year-old engineer", "a mother of three, Huda,"."""
        if b - a > 2 or not all(t.is_title and t.is_alpha for t in self.toks[a:b]):
            return False
        head = self.toks[b - 1]
        nouns = [c for c in head.children if c.dep_ == "appos" and c.i >= b]
        if head.dep_ == "appos" and head.head.i < a:
            nouns.append(head.head)
        for noun in nouns:
            if noun.lower_ in self.person_nouns and noun.pos_ == "NOUN":
                return True
            if noun.pos_ == "NOUN" and any(
                    t.lower_ == "old" and t.i > 1
                    and bool(_YEARS & {self.toks[t.i - 1].lower_, self.toks[t.i - 2].lower_})
                    for t in self.doc[noun.left_edge.i:noun.i]):
                return True  # "a 34-year-old", "a man, 52 years old"
        return False

    def _single_after(self, i: int, b: int) -> bool:
        """"Lavrov and Choe" tagged as one organization: one word on each side of "and"."""
        return i + 2 == b or (i + 2 < b and self.toks[i + 2].lower_ in ("and", ",", "with"))

    def _ministry(self, a: int, b: int) -> bool:
        """"Ministry of Science and ICT", "the Gender Equality Ministry": a ministry of some state."""
        first, last = self.toks[a].lower_, self.toks[b - 1].lower_
        return b - a > 1 and (last == "ministry" or (first == "ministry" and self.toks[a + 1].lower_ == "of"))

    def link_acronyms(self) -> None:
        """"People Power Party (PPP)": the acronym in brackets names the actor before it, here
        and wherever else the document uses it."""
        known: dict[str, _Cand] = {}
        toks, n = self.toks, self.n
        for i in range(n - 2):
            if toks[i].text != "(" or toks[i + 2].text != ")":
                continue
            word = toks[i + 1].text
            if not (2 <= len(word) <= 8 and word.isupper() and word.isalpha()):
                continue
            prev = self.ending_at(i)
            if prev is None or prev.kind in (PERSON, SHORT, "ner-person", GROUP):
                continue
            known[word] = prev
        if not known:
            return
        for c in self.cands:
            if c.dropped or c.b - c.a != 1 or c.kind not in ("ner-org", "ner-person"):
                continue
            prev = known.get(self.texts[c.a])
            if prev is not None:
                c.kind, c.target, c.name, c.country = prev.kind, prev.target, prev.name, prev.country
                c.sector, c.role, c.entry = prev.sector, prev.role, prev.entry
        for i, t in enumerate(toks):
            if self.by_token[i] is None and t.text in known and t.pos_ == "PROPN":
                prev = known[t.text]
                self.add(_Cand(i, i + 1, prev.kind, prev.target, prev.sector, prev.role, name=prev.name,
                               country=prev.country, entry=prev.entry))

    def _chunks(self, a: int, b: int, label: str) -> list[tuple[int, int]]:
        """Split an entity at possessives and coordination, trim determiners and punctuation."""
        out: list[tuple[int, int]] = []
        start = a
        for i in range(a, b + 1):
            cut = i == b
            if not cut:
                t = self.toks[i]
                word = t.lower_
                possessive = (t.tag_ == "POS" or t.text in ("'s", "'")) and not (
                    i > a and self.toks[i - 1].lower_ in ("people", "workers", "peoples"))
                cut = possessive or t.text in ("(", ")", "[", "]") or (label in ("PERSON", "ORG") and (
                    word in ("with", "from", "via") or (word in ("and", ",", "/", "&") and (
                        label == "PERSON" or (i - start == 1 and self._single_after(i, b))))))
            if cut:
                s, e = start, i
                while s < e and (self.toks[s].lower_ in ("the", "a", "an") or self.toks[s].is_punct):
                    s += 1
                while e > s and (self.toks[e - 1].is_punct or self.toks[e - 1].tag_ == "POS"):
                    e -= 1
                if e > s:
                    out.append((s, e))
                start = i + 1
        return out

    def _person_entity(self, a: int, b: int, described: bool = False) -> None:
        """A PERSON entity (or a name an apposition describes as a person: ``described``)."""
        toks = self.toks
        gender = None
        titled = described
        if a > 0 and self.texts[a - 1] in self.d.honorifics:  # "Mr. Hartmann": a person, whatever else
            gender, titled = self.d.honorifics[self.texts[a - 1]], True
        # honorifics and titles inside the entity ("Mr Putin", "Gen Milley", "President Xi")
        while a < b - 1:
            word = toks[a].text
            if word in self.d.honorifics:
                gender = gender or self.d.honorifics[word]
                titled = True
                a += 1
                continue
            hit = self.d.match(self.d.titles, [t.lower() for t in self.texts[a:b]], 0)
            if hit is not None and hit[0] < b - a:
                a += hit[0]
                titled = True
                continue
            break
        # "Kang Sun-woo": spaCy often stops the name at the hyphen of a Korean given name
        while b + 1 < self.n and toks[b].text == "-" and not toks[b].whitespace_ \
                and not toks[b - 1].whitespace_ and toks[b + 1].is_alpha and toks[b + 1].is_lower:
            b += 2
        # "[Tomasz] Nowak": a given name spaCy left out of the entity
        while a > 0 and toks[a - 1].pos_ == "PROPN" and toks[a - 1].ent_type_ == "" \
                and toks[a - 1].dep_ == "compound" and a <= toks[a - 1].head.i < b \
                and self.by_token[a - 1] is None and self.texts[a - 1] in self.d.first_names:
            a -= 1
        # "Min Aung [Hlaing]": a last name spaCy left out of the entity, the head of the name
        while b < self.n and toks[b - 1].dep_ == "compound" and toks[b - 1].head.i == b \
                and toks[b].pos_ == "PROPN" and toks[b].is_title and toks[b].ent_type_ in ("", "PERSON") \
                and self.by_token[b] is None:
            b += 1
        # "Kim SEOUL": a dateline in capitals glued to the name
        while b - a > 1 and toks[b - 1].is_upper and len(toks[b - 1]) > 2 and not toks[a].is_upper \
                and not _ROMAN.match(toks[b - 1].text):
            b -= 1
        if self._common_phrase(a, b):
            return  # "Riot police", "Security forces" at the start of a sentence
        if not self._looks_like_name(a, b, titled):
            last = toks[b - 1].lower_
            if b - a > 1 and (last in self.org_words or last in self.company_words) \
                    and not self._in_place_position(a, b) and not self._names_facility(b):
                self.add(_Cand(a, b, "ner-org", name=self._name_text(a, b)))  # "Jeju Air": a company
            return
        if not titled and (self._in_place_position(a, b) or self._names_facility(b)
                           or (a > 0 and toks[a - 1].lower_ in ("operation", "operations"))):
            # "fighting near Chasiv Yar", "the city of Chasiv Yar": a place spaCy took for a person
            self.place_names.add(self._name_text(a, b))
            return
        if not titled and self._not_a_person(a, b):
            return
        head = toks[b - 1]
        if head.dep_ in ("compound", "amod") and head.head.i >= b and head.head.pos_ == "NOUN" \
                and head.head.lower_ not in self.d.noun_heads and not self._is_title_word(head.head):
            return  # "Yaroslavsky railway station", "the Trump administration" is handled as a noun
        self.add(_Cand(a, b, "ner-person", name=self._name_text(a, b), gender=gender, evidence=2 * titled))

    def _not_a_person(self, a: int, b: int) -> bool:
        """A "person" that names something else: an event after its noun ("the Nato exercise
        Steadfast Defender"), a title opening with an article ("Die Welt reported"), or a phrase
        ending in a state's name or a demonym or opening with a demonym ("Restless Kazakhstan",
        "Exiled Belarusian", "Belarusian Border"), unless the first word is a given name."""
        if a > 0 and self.lower[a - 1] in self.event_nouns:
            return True
        if b - a > 1 and self.lower[a] in self.name_articles:
            return True
        if b - a < 2 or self.texts[a] in self.d.first_names:
            return False
        first, last = self.texts[a], self.texts[b - 1]
        names, kinds = self.d.names, (STATE, DEMONYM)
        return any(toks == (last,) and entry.kind in kinds for toks, entry in names.get(last, ())) \
            or any(toks == (first,) and entry.kind == DEMONYM for toks, entry in names.get(first, ()))

    def _common_phrase(self, a: int, b: int) -> bool:
        """A capitalized common noun phrase spaCy took for a name: its words, in lower case,
        begin a sector noun phrase or a title ("Riot police", "Border guards")."""
        if b - a > 2 or not self.toks[a].is_title:
            return False
        words = [t.lower_ for t in self.toks[a:min(self.n, a + self.d.max_noun_len)]]
        return any(tuple(words[:k]) in self.d.nouns for k in range(b - a + 1, len(words) + 1)) or (
            self.d.match(self.d.titles, words, 0) is not None and b - a == 1)

    def _looks_like_name(self, a: int, b: int, titled: bool = False) -> bool:
        words = [self.toks[i] for i in range(a, b)]
        if words[-1].lower_ in self.org_words or words[-1].lower_ in self.company_words \
                or words[-1].lower_ in self.facility_words:
            return False  # "Sambu Construction": a company spaCy took for a person
        capital = 0
        for k, t in enumerate(words):
            if t.lower_ in self.name_particles or t.text in (".", "-") or (k and words[k - 1].text == "-"):
                continue
            if not t.is_alpha and not (t.text.endswith(".") and t.text[:-1].isalpha()) and "'" not in t.text:
                return False
            if t.text[0].isupper():
                capital += 1
            else:
                return False
        if capital == 0:
            return False
        # a name that is a place (spaCy tags it so elsewhere, or the gazetteer knows it)
        return titled or not self._known_place(self._span_text(a, b))

    def _in_place_position(self, a: int, b: int) -> bool:
        """A name after "in"/"near"/"the village of": a place spaCy took for a person or an
        organization ("fighting near Chasiv Yar", "the village of Novoselivka")."""
        head = self.toks[b - 1]
        prep = head.head if head.dep_ == "pobj" else None
        return prep is not None and (
            (prep.lower_ in self.locative_preps and prep.lower_ not in ("at", "over", "across", "through"))
            or (prep.lower_ == "of" and prep.head.lower_ in self.place_nouns))

    def _names_facility(self, b: int) -> bool:
        """The name ending at token ``b`` names a facility with the names coordinated with it:
        "the Nur Khan airbase", "Nur Khan, Murid and Rafiqui airbases" (whatever the parse)."""
        k, toks = b, self.toks
        while k < self.n and k - b < 10 and (self.texts[k] in (",", "&", "and", "or") or (
                toks[k].pos_ == "PROPN" and toks[k].text[:1].isupper())):
            k += 1
        return k < self.n and self.lower[k] in self.facility_words

    def _looks_like_org(self, a: int, b: int) -> bool:
        words = [self.toks[i] for i in range(a, b)]
        if any(any(ch.isdigit() for ch in t.text) for t in words):
            return False  # "MQ-9", "S-400": weapons and models
        if b - a > 1 and all(t.is_upper or not t.is_alpha for t in words):
            return False  # a headline in capitals
        if not any(t.text[:1].isupper() for t in words) or words[-1].lower_ in self.place_nouns \
                or words[-1].lower_ in self.facility_words:
            return False  # "the Indo-Pacific region", "Mansudae Assembly Hall"
        if all(t.lower_ in self.d.noun_heads or self._is_title_word(t) for t in words):
            return False  # "Cabinet", "Defense": a noun the sector rules read
        return not self._known_place(self._span_text(a, b))

    def _known_place(self, text: str) -> bool:
        """A name spaCy tags as a place elsewhere in the document, or a place of the gazetteer."""
        places = self.ad.notes.get("actors.gpe")
        if places is None:
            places = {e.text for e in self.doc.ents if e.label_ in ("GPE", "LOC", "FAC")}
            self.ad.notes["actors.gpe"] = places
        if text in places:
            return True
        gaz = self.gazetteer
        one_word = " " not in text
        return gaz is not None and any(h.entry.kind in _PLACE_KINDS and (
            not h.alternate or (one_word and h.entry.kind == "city" and h.entry.population >= _BIG_CITY))
            for h in gaz.lookup(text))

    def _org_with_names(self, a: int, b: int) -> None:
        """An ORG entity with a state in it and other capitalized words ("Moscow State
        University"): an organization of that state; the state inside is only descriptive."""
        inner = [c for c in {id(self.at(i)): self.at(i) for i in range(a, b) if self.at(i)}.values()
                 if c is not None]
        if any(c.kind not in (STATE, DEMONYM, CAPITAL) for c in inner):
            return
        rest = [i for i in range(a, b) if self.at(i) is None and self.toks[i].is_alpha
                and self.toks[i].text[0].isupper() and self.toks[i].lower_ not in ("of", "the", "and")]
        if not any(self.toks[i].lower_ in self.org_words for i in rest):
            return  # "Nazi Germany", "Budapest Memorandum", "Russia Dmitry Krutoi": no organization
        country = None
        for c in inner:
            c.descriptive = True
            country = country or self.country_of(c)
        org = _Cand(a, b, "ner-org", name=self._name_text(a, b), country=country)
        self.cands.append(org)

    def _span_text(self, a: int, b: int) -> str:
        toks = self.toks
        return self.text[toks[a].idx:toks[b - 1].idx + len(toks[b - 1])]

    def _name_text(self, a: int, b: int) -> str:
        """A span's text with line breaks and runs of spaces made single spaces (for names)."""
        return " ".join(self._span_text(a, b).split())

    def _rank_start(self, start: int) -> int:
        """The first of the words before a title that belong to it: ranks ("deputy assistant
        [secretary]") and lower-case nouns modifying it ("trade [minister]", "police [spokesman]")."""
        k = start
        while k > 0:
            tok = self.toks[k - 1]
            if tok.lower_ in self.ranks or (
                    tok.pos_ == "NOUN" and tok.dep_ == "compound" and tok.is_lower
                    and start <= tok.head.i < start + 4 and self.by_token[k - 1] is None
                    and k - 1 not in self.in_title):
                k -= 1
                continue
            break
        return k

    # ------------------------------------------------------------ 3. place or actor
    def classify_places(self) -> None:
        for c in self.cands:
            if c.dropped:
                continue
            if c.kind in (STATE, CAPITAL, SEAT, BODY):
                head = self.toks[c.b - 1]
                c.place = self._locative(head)
                if c.place and c.kind == BODY and head.head.head.pos_ not in ("VERB", "AUX"):
                    c.place = False  # "a senior official at the presidential office": its people
                if c.kind in (CAPITAL, STATE) and self._dateline(c):
                    c.place = True  # the dateline: "SEOUL, Dec. 3 (Yonhap) --", "HONG KONG (Reuters) -"
                    c.descriptive = False
                    self.dateline = self.country_of(c)
                if not c.place and c.kind in (CAPITAL, SEAT):
                    c.metonym = True
                if not c.place and c.kind in (STATE, CAPITAL) and head.dep_ in ("compound", "nmod", "amod") \
                        and head.head.i > head.i:
                    noun = head.head
                    if noun.lower_ in self.place_nouns:
                        c.place, c.metonym = True, False
                    elif not self._agent_noun(noun):
                        c.descriptive, c.metonym = True, False  # "the Ukraine war", "Moscow time"
            elif c.kind == DEMONYM:
                head = self.toks[c.b - 1]
                if head.dep_ not in ("amod", "compound", "nmod", "conj", "appos") and head.pos_ != "ADJ":
                    continue  # "the Chinese said": the people, an actor
                modified = head.head if head.head.i > head.i else None
                if modified is not None and modified.lower_ in self.place_nouns:
                    c.place = True
                elif modified is None or not self._agent_noun(modified):
                    c.descriptive = True

    def _dateline(self, c: _Cand) -> bool:
        """A city or a city-state opening the story as its dateline: "SEOUL, Dec. 3 (Yonhap) --",
        "HONG KONG (Reuters) -", "Singapore, June 2 -": in capitals before a comma, a dash or
        an outlet in brackets, or in any case before a date and a dash."""
        if c.a >= 3 or any(not self.toks[k].is_space and not self.toks[k].is_punct for k in range(c.a)) \
                or c.b >= self.n:
            return False
        nxt = self.texts[c.b]
        if all(self.texts[k].isupper() for k in range(c.a, c.b)) and nxt in (",", "(", *_DASHES):
            return True
        if nxt not in (",", "("):
            return False
        for k in range(c.b + 1, min(self.n, c.b + 9)):  # "Hong Kong, March 3 -"
            if self.texts[k] in _DASHES:
                return True
            if self.toks[k].is_sent_start:
                break
        return False

    def drop_credits_and_markets(self) -> None:
        """Neither a news agency credited in a dateline or a credit line ("HONG KONG (Reuters)
        -", "... (AFP)", a last line "— Reuters") nor a stock index ("the Nikkei fell 2%", "the
        FTSE 100", "the Dow") is an actor; an agency that reports something stays one ("...,
        Agence France-Presse reported")."""
        credits = self.credit_tokens()
        for c in self.cands:
            if c.dropped:
                continue
            if c.a in credits:
                c.dropped = True  # a byline, a photo credit or boilerplate: no actor of the story
                continue
            if c.kind not in (ORG, "ner-org", "ner-person", GROUP):
                continue
            if self._market(c) or (c.kind == ORG and self._credit(c)):
                c.dropped = True

    # ------------------------------------------------------------ bylines, credits, boilerplate
    def segments(self) -> list[tuple[int, int]]:
        """The document cut at sentence starts and line breaks: [a, b) token ranges without spaces."""
        out: list[tuple[int, int]] = []
        a = None
        for i, tok in enumerate(self.toks):
            if tok.is_space:
                if a is not None and "\n" in tok.text:
                    out.append((a, i))
                    a = None
                continue
            if a is not None and tok.is_sent_start:
                out.append((a, i))
                a = None
            if a is None:
                a = i
            if "\n" in tok.whitespace_:
                out.append((a, i + 1))
                a = None
        if a is not None:
            out.append((a, self.n))
        return out

    def credit_tokens(self) -> set[int]:
        """Tokens of bylines, photo credits and boilerplate lines (cue lists ``credit_*`` of cues.yaml):
        "By Jane Roe and John Doe", "Photo: EPA-EFE", "(AP Photo/John Doe)", "... Jane Roe/AFP via
        Getty Images", "X contributed to this report". One pass over the tokens."""
        out: set[int] = set()
        for a, b in self.segments():
            if b - a <= _CREDIT_TOKENS and (self._credit_opening(a, b) or self._credit_phrase(a, b)):
                out.update(range(a, b))
                continue
            out.update(self._credit_tail(a, b))
        return out

    def _phrase_at(self, i: int, b: int, words: frozenset[str]) -> int:
        """The end of the longest phrase of ``words`` starting at token ``i`` (``i`` if none)."""
        best, k, text = i, i, ""
        while k < b and k - i < 5:
            text = f"{text} {self.lower[k]}" if text else self.lower[k]
            k += 1
            if text in words:
                best = k
        return best

    def _finite_after(self, k: int, b: int) -> bool:
        return any(self.toks[j].tag_ in _FINITE and self.toks[j].pos_ in ("VERB", "AUX") for j in range(k, b))

    def _credit_opening(self, a: int, b: int) -> bool:
        """A byline or a credit label opening the segment, with no finite verb after it."""
        k = self._phrase_at(a, b, self.credit_openers)
        if k > a and not (self.lower[a] == "by" and k == a + 1 and (
                k >= b or not self.texts[k][:1].isupper())):
            return not self._finite_after(k, b)
        k = self._phrase_at(a, b, self.credit_labels)
        if k > a and k < b and self.texts[k] in _LABEL_MARKS:
            return not self._finite_after(k, b)
        return False

    def _credit_phrase(self, a: int, b: int) -> bool:
        return any(self._phrase_at(i, b, self.credit_phrases) > i for i in range(a, b)
                   if self.lower[i] in self.credit_heads)

    def _credit_tail(self, a: int, b: int) -> range:
        """A credit closing the segment: a bracketed "(Jane Roe/AP)", a chain of names joined by
        "/" or "via" with a photo agency ("Jane Roe/AFP via Getty Images"), a lone agency that
        only credits ("... Shutterstock"), or a label after a dash ("- Source: CNN")."""
        texts = self.texts
        e = b
        while e > a and texts[e - 1] in (".", ";"):
            e -= 1
        if e - a >= 3 and texts[e - 1] == ")":  # "(AP Photo/John Doe)", "(Clodagh Kilcoyne/PA)"
            o = e - 2
            while o > a and e - o < 14 and texts[o] not in ("(", ")"):
                o -= 1
            if texts[o] == "(" and self._credit_chain(o + 1, e - 1, bracket=True) == o + 1:
                return range(o, e)
            return range(0)
        start = self._credit_chain(a, e)
        if start < e:
            return range(start, e)
        for i in range(max(a + 1, e - 8), e - 1):  # "... 01:33 - Source: CNN"
            if texts[i - 1] in _DASHES and (k := self._phrase_at(i, e, self.credit_labels)) > i \
                    and k < e and texts[k] == ":" and not self._finite_after(k, e):
                return range(i, e)
        return range(0)

    def _credit_chain(self, a: int, e: int, bracket: bool = False) -> int:
        """The first token of a credit chain ending at ``e`` (``e`` if there is none): parts of one
        to three capitalized words joined by "/", "via" or "|", one of them a photo agency (the
        last one, unless the chain is in brackets: "(AP Photo/John Doe)")."""
        texts, lower = self.texts, self.lower
        j, parts, agency, joined = e, 0, False, False
        while j > a:
            k = j
            while k > a and j - k < 4 and (texts[k - 1][:1].isupper() or texts[k - 1] in ("-", "&")):
                k -= 1
            if k == j:
                break
            part = " ".join(lower[k:j])
            tail2 = " ".join(lower[max(k, j - 2):j])
            agencies = self.credit_agencies
            if part in agencies or tail2 in agencies or lower[j - 1] in agencies:
                agency = True
                if parts == 0 and (part in self.credit_only or tail2 in self.credit_only):
                    joined = True
            elif parts == 0 and not bracket:
                return e  # the last part must be an agency ("Jane Roe/AFP", "AP Photo/Jane Roe" in brackets)
            parts += 1
            j = k
            if j > a and (texts[j - 1] in ("/", "|") or lower[j - 1] == "via"):
                joined = True
                j -= 1
                continue
            break
        if not (agency and joined):
            return e
        return j

    def _credit(self, c: _Cand) -> bool:
        rec = self.record(c.target)
        if rec is None or rec.sector != "JRN":
            return False
        texts, n = self.texts, self.n
        prev = c.a - 1
        while prev >= 0 and self.toks[prev].is_space:
            prev -= 1
        nxt = c.b
        while nxt < n and self.toks[nxt].is_space:
            nxt += 1
        if prev >= 0 and texts[prev] == "(" and nxt < n and texts[nxt] == ")":
            # "(AFP)", not the acronym of the name just before it ("Korean Central News Agency (KCNA)")
            before = self.ending_at(prev)
            return before is None or before.target != c.target or before.kind != c.kind
        if prev >= 0 and texts[prev] in _DASHES:  # "— Reuters" closing the text or a line
            return nxt >= n or "\n" in self.toks[nxt - 1].whitespace_ or self.toks[nxt].is_space \
                or "\n" in self.toks[c.b - 1].whitespace_
        return False

    def _market(self, c: _Cand) -> bool:
        """A stock index: an unknown name that is one, or a known name (the Nikkei is also a
        newspaper) followed by a figure or an index word, or moving like a market."""
        words = self.lower[c.a:c.b]
        markets = self.market_names
        if words[0] not in markets and " ".join(words[:2]) not in markets and " ".join(words) not in markets:
            return False
        if c.kind != ORG:
            return True
        if c.b < self.n and (self.toks[c.b].like_num or self.lower[c.b] in self.market_words):
            return True
        head = self.toks[c.b - 1]
        return head.dep_ in ("nsubj", "compound", "conj") and head.head.lemma_.lower() in self.market_words

    def resolve_bodies(self) -> None:
        """A generic body takes the state written with it: "Russia's Security Council", "the
        Russian Defence Ministry", "the Ministry of Defence of Ukraine" (one mention each)."""
        unresolved = []
        for c in sorted(self.cands, key=lambda x: x.a):
            if c.dropped or c.kind != BODY or c.target is not None:
                continue
            qual = self._qualifier(c.a, c.b, right=("of",))
            if qual is None or qual.kind not in (STATE, DEMONYM, CAPITAL, SEAT, PEOPLE):
                unresolved.append(c)
                continue
            c.target = self.country_of(qual)
            adjacent = (qual.b <= c.a and self._in_phrase(qual.b, c.a)) or (
                qual.a >= c.b and self._in_phrase(c.b, qual.a))
            if not adjacent:
                continue  # "India sent aid, its foreign ministry said": India stays a mention of its own
            c.metonym = qual.kind in (CAPITAL, SEAT)
            qual.dropped = True
            c.a, c.b = min(c.a, qual.a), max(c.b, qual.b)
            for i in range(c.a, c.b):
                self.by_token[i] = c
        for c in unresolved:  # "the presidential office" alone: the one named before, or the story's
            c.target = self._body_country(c)

    def _agent_noun(self, noun: Token) -> bool:
        """A noun whose state modifier is an actor: a sector noun ("troops"), a title
        ("president"), a person's name, or a noun of action ("support", "attacks")."""
        word = noun.lower_
        return (word in self.d.noun_heads or word in self.d.agentive or self._is_title_word(noun)
                or noun.ent_type_ == "PERSON")

    def _is_title_word(self, tok: Token) -> bool:
        return any(tok.lower_ in toks for toks, _t in self.d.titles.get(tok.lower_, ()))

    def _locative(self, head: Token) -> bool:
        t = head
        while t.dep_ == "conj" and t.head.i < t.i:
            t = t.head
        dep = t.dep_
        if dep == "pobj":
            prep = t.head
            word = prep.lower_
            if word in self.locative_preps:
                return not (word == "over" and prep.head.lemma_ in self.topic_nouns)
            if word in ("to", "from"):
                gov = prep.head
                return gov.lemma_.lower() in self.motion_words or gov.lower_ in self.motion_words
            if word == "of":
                return prep.head.lower_ in self.place_nouns
            return False
        if dep in ("poss", "compound", "nmod") and t.head.i > t.i:
            return t.head.lower_ in self.place_nouns
        if dep == "appos" and t.head.ent_type_ in ("GPE", "LOC", "FAC") and t.head.i < t.i:
            return True
        if dep in ("appos", "compound") and t.head.lower_ in self.place_nouns and t.head.dep_ != "appos" \
                and self._locative(t.head):
            return True  # "a base in the capital, Bamako", "in the capital Sanaa": where, like the capital
        if dep == "nsubjpass" and t.head.lemma_.lower() in _STRUCK:
            return True  # "Sanaa was hit by airstrikes": where the blow fell, not who acted
        return dep == "npadvmod" and t.head.ent_type_ in ("GPE", "LOC", "FAC")

    # ------------------------------------------------------------ 4. titles
    def find_titles(self) -> None:
        d, toks, lower = self.d, self.toks, self.lower
        i = 0
        while i < self.n:
            if lower[i] not in d.titles:
                i += 1
                continue
            hit = d.match(d.titles, lower, i)
            if hit is None:
                i += 1
                continue
            end, title = hit
            last = toks[end - 1]
            if i > 0 and toks[i - 1].like_num:  # "11pm", "3 general"
                i = end
                continue
            inside = self.at(i)
            if last.pos_ in ("NOUN", "PROPN") and (inside is None or inside.kind in (BODY, SEAT)):
                self.title_end[end] = (i, title)
                self.in_title.update(range(i, end))
            i = end

    # ------------------------------------------------------------ 5. short forms
    def resolve_short_forms(self) -> None:
        """Surnames and family names of people named in full elsewhere in the document."""
        parts: dict[str, list[tuple[int, _Cand]]] = {}
        for c in self.cands:
            if c.dropped or c.kind not in (PERSON, "ner-person") or (c.b - c.a < 2 and c.evidence < 2):
                continue  # full names, and single names a title or an honorific gave ("Mr. Hartmann")
            words = [self.texts[i] for i in range(c.a, c.b) if self.texts[i] != "-"]
            keys = {words[0], words[-1]}
            if c.b - c.a >= 3 and self.texts[c.b - 2] == "-":  # "Thomas-Greenfield", "Jean-Pierre"
                keys.add("".join(self.texts[c.b - 3:c.b]))
            for k in keys:
                if len(k) > 1 and k[0].isupper():
                    parts.setdefault(k, []).append((c.a, c))
        if not parts:
            return
        # unknown one-word persons and organizations that are a known person's name part
        for c in self.cands:
            if c.dropped or c.kind not in ("ner-person", "ner-org") or c.b - c.a > 3:
                continue
            text = "".join(self.texts[c.a:c.b]) if c.b - c.a > 1 else self.texts[c.a]
            owner = self._owner(parts, text, c.a)
            if owner is not None and owner is not c:
                c.kind, c.target, c.country, c.name = owner.kind, owner.target, owner.country, owner.name
                c.gender = c.gender or owner.gender
                c.entry = owner.entry
        # bare proper nouns spaCy did not tag ("Choe declared")
        for i, word in enumerate(self.texts):
            if word not in parts or self.by_token[i] is not None or self.toks[i].pos_ != "PROPN":
                continue
            owner = self._owner(parts, self.texts[i], i)
            if owner is not None:
                self.add(_Cand(i, i + 1, owner.kind, owner.target, country=owner.country, name=owner.name,
                               entry=owner.entry, gender=owner.gender))

    @staticmethod
    def _owner(parts: dict[str, list[tuple[int, _Cand]]], text: str, i: int) -> _Cand | None:
        found = parts.get(text)
        if not found:
            return None
        before = [c for a, c in found if a < i]
        pick = before[-1] if before else found[0][1]
        return pick

    # ------------------------------------------------------------ 6. people: titles, qualifiers
    def link_people(self) -> None:
        for c in self.cands:
            if c.dropped or c.kind not in (PERSON, SHORT, "ner-person"):
                continue
            title, qual, gender = self._prefix(c.a)
            if title is None:
                title, qual2 = self._appositive(c)
                qual = qual or qual2
            if gender:
                c.gender = c.gender or gender
            if gender is not None or (c.a > 0 and self.texts[c.a - 1] in self.d.honorifics):
                c.evidence += 2
            if title is not None:
                start, t = title
                self.used_titles.add(start)
                lo = start if qual is None or qual.a > start else qual.b
                self.consumed.update(range(lo, c.a))
                first = self._rank_start(start)
                former = first > 0 and self.toks[first - 1].lower_ in self.former
                sector = self._title_sector(first, start, t)
                role = self._compose_role(t, qual)
                if role == t.role and qual is not None:
                    role = t.role_in(self.country_of(qual))
                if not t.person and role == t.role and qual is not None and qual.b < first \
                        and qual.kind in (STATE, DEMONYM, CAPITAL) and self._in_phrase(qual.b, first):
                    first = qual.b  # "US [Deputy Energy] Secretary": the words between state and title
                    while first < start and (self.toks[first].tag_ == "POS" or self.texts[first] == "'s"):
                        first += 1
                if first < start or (not t.person and role == t.role):
                    # "deputy assistant defense secretary": keep the title's own words
                    role = self._name_text(first, self.title_ext.get(start, self._title_stop(start))).lower()
                c.role = c.role or (f"former {role}" if former else role)
                if qual is not None and qual.kind == "ner-org":
                    c.sector = c.sector or None  # "president of Doctrine & Strategy Consulting"
                else:
                    c.sector = c.sector or ("ELI" if former else sector)
                c.gender = c.gender or t.gender
                c.title_role = c.title_role or t.role
                lo = max(self.sent_bounds(start)[0], first - 3)
                igo = qual is not None and qual.kind == ORG and (qual.target or "").startswith("igo:")
                # "Soviet leader X": a state we do not know ("a UN official" is of no state either)
                if not igo and not any(self.toks[k].ent_type_ in ("NORP", "GPE", "ORG") and self.at(k) is None
                                       for k in range(lo, first)):
                    c.title = c.title or t
                c.evidence += 2
                if qual is None and c.kind == "ner-person" and c.country is None:
                    c.country = self._place_before_title(first)  # "Istanbul mayor X", "Kharkiv governor Y"
            if qual is not None and c.kind == "ner-person" and c.country is None:
                c.country = self.country_of(qual) if qual.kind != ORG else (self.record(qual.target) or
                                                                             ActorRecord("", "", "")).country
                c.evidence += 1
            head = self.toks[c.b - 1]
            if head.dep_ in _SUBJECT_DEPS:
                c.evidence += 1

    def _place_before_title(self, first: int) -> str | None:
        """The country of a place named right before a title ("Istanbul mayor", "Kharkiv
        regional governor", "Texas's governor"), from the places layer's gazetteer."""
        if self.gazetteer is None:
            return None
        lo = self.sent_bounds(first)[0]
        k = first - 1
        while k >= lo and (self.texts[k] == "'s" or self.toks[k].tag_ == "POS"):
            k -= 1
        end = k + 1
        toks = self.toks
        while k >= lo and end - k <= 3 and toks[k].is_alpha and toks[k].text[0].isupper() \
                and not toks[k].is_stop and self.by_token[k] is None \
                and toks[k].ent_type_ in ("", "GPE", "LOC"):
            k -= 1
        if k + 1 == end:
            return None
        # a name spaCy did not tag as a place ("Kharkiv" opening a sentence) must be a big city's
        tagged = all(t.ent_type_ in ("GPE", "LOC") for t in toks[k + 1:end])
        return self._place_country(self._span_text(k + 1, end), alternate=True,
                                   least=0 if tagged else _BIG_CITY)

    def weigh_organizations(self) -> None:
        """An unknown organization that speaks or acts ("Greenpeace said", "according to
        Memorial") is worth exporting even when it is named once."""
        for c in self.cands:
            if c.dropped or c.kind != "ner-org":
                continue
            head = self.toks[c.b - 1]
            according = head.dep_ == "pobj" and head.head.lower_ == "to" and head.head.i > 0 \
                and self.toks[head.head.i - 1].lower_ == "according"
            if head.dep_ in _SUBJECT_DEPS or according:
                c.evidence += 1
            for noun in self._appositions(c):  # "the state weather agency, Aemet"
                if noun.lower_ in self.org_words and noun.pos_ == "NOUN":
                    c.evidence += 2
                    if c.country is None:
                        found = self._first_country(noun.left_edge.i, noun.right_edge.i + 1, c)
                        state = any(t.lower_ in _STATE_WORDS for t in noun.lefts)
                        c.country = found or (self.home_country() if state and found is None else None)
                    break

    def org_countries(self) -> None:
        """Organizations outside the dictionary take the state the text gives them: a state
        inside the name ("the Colombian Democratic Centre party", done when found) or before it
        ("South Korea's Democratic Party", "Turkey's main opposition Republican People's Party")
        or "of" one after it ("the Supreme Court of Brazil"); the same name (or its acronym)
        later in the document keeps it ("the Democratic Party" three paragraphs down); else a
        party, a union or a court takes the state the story is set in."""
        orgs = [c for c in self.cands if not c.dropped and c.kind == "ner-org"]
        if not orgs:
            return
        known: dict[str, str] = {}
        for c in orgs:
            if c.country is None:
                c.country = self._state_around_org(c)
            if c.country:
                known.setdefault(slug(c.name or ""), c.country)
        for c in orgs:
            if c.country is not None:
                continue
            c.country = known.get(slug(c.name or ""))
            if c.country is None and self._domestic_org(c):
                home = self.home_country()
                words = self.d.state_words
                named = [words[w] for w in (c.name or "").split() if w in words]
                # "the Korean Confederation of Trade Unions" is Korean, whatever the story's state
                if home is not None and all(home in states for states in named):
                    c.country = home

    def _state_around_org(self, c: _Cand) -> str | None:
        lo = self.sent_bounds(c.a)[0]
        j = c.a - 1
        while j >= lo and c.a - j <= 6:  # "Turkey's main opposition [Republican People's Party]"
            q = self.at(j)
            if q is not None:
                if q.a > 0 and self.texts[q.a - 1] in ("-", "/"):
                    break  # "Turkish-Austrian consortium TAV": of two states
                if q.kind in (STATE, DEMONYM) or (q.kind in (CAPITAL, SEAT) and not q.place):
                    return self.country_of(q)
                break
            tok = self.toks[j]
            # "Kenya's ruling ...", "Iran's outlawed ...", "Turkey's main opposition ..."
            if self.lower[j] in ("'s", "'", "the", "-") or tok.tag_ in ("POS", "VBG", "VBN") \
                    or tok.pos_ == "ADJ" or (tok.pos_ == "NOUN" and tok.is_lower):
                j -= 1
                continue
            break
        k = c.b
        if k + 1 < self.n and self.lower[k] == "of":  # "the Supreme Court of Brazil"
            k += 2 if self.lower[k + 1] == "the" else 1
            q = self.at(k)
            if q is not None and q.a == k and q.kind == STATE:
                return self.country_of(q)
        return None

    def _domestic_org(self, c: _Cand) -> bool:
        """A party, a union, a court ... of no international body ("the Democratic Party", not
        "the Inter-Parliamentary Union")."""
        words = (c.name or "").lower().replace("-", " ").split()
        return len(words) > 1 and any(w in self.domestic_orgs for w in words) \
            and not any(w in self.international_words for w in words)

    def _appositions(self, c: _Cand) -> list[Token]:
        """The nouns in apposition with the name at ``c`` (after it, or the one it follows)."""
        head = self.toks[c.b - 1]
        nouns = [ch for ch in head.children if ch.dep_ == "appos" and ch.i >= c.b]
        if head.dep_ == "appos" and head.head.i < c.a:
            nouns.append(head.head)
        return nouns

    def _prefix(self, s: int) -> tuple[tuple[int, Title] | None, _Cand | None, str | None]:
        """Title, state/organization and honorific written before a name at token ``s``."""
        lo = self.sent_bounds(s)[0]
        title: tuple[int, Title] | None = None
        qual: _Cand | None = None
        gender: str | None = None
        j, steps = s - 1, 0
        while j >= lo and steps < 12:
            steps += 1
            word = self.texts[j]
            if word in self.d.honorifics and title is None and qual is None:
                gender = self.d.honorifics[word]
                j -= 1
                continue
            if (j + 1) in self.title_end and title is None:
                start, t = self.title_end[j + 1]
                title = (start, t)
                j = start - 1
                body = self.at(start)
                if body is not None and body.kind in (BODY, SEAT) and body.a < start and body.target:
                    qual = body  # "Sudanese army chief": the body took the state before the title
                    break
                continue
            c = self.ending_at(j + 1)
            if c is not None:
                if c.kind == "ner-org" and title is not None and qual is None and c.b - c.a == 1:
                    # "US Deputy Energy Secretary Kupfer": a word of the title spaCy took for an
                    # organization; the state may come before it
                    qual = c
                    j = c.a - 1
                    continue
                if c.kind in (STATE, DEMONYM, CAPITAL, SEAT, BODY, ORG, "ner-org"):
                    qual = c
                break
            tok = self.toks[j]
            if word.lower() in _STOP_WORDS or tok.tag_ == "POS" or tok.pos_ in _SKIP_POS:
                if tok.pos_ == "PROPN" and word[0].isupper() and title is None and qual is None:
                    # "Secretary of Energy Jeffrey Kupfer": a title's "of ..." before the name
                    k = j
                    while k > lo and self.toks[k].pos_ == "PROPN" and k > j - 3:
                        k -= 1
                    if self.texts[k] == "of" and k in self.title_end:
                        start, t = self.title_end[k]
                        title = (start, t)
                        self.title_ext[start] = j + 1
                        j = start - 1
                        continue
                    break  # another name
                j -= 1
                continue
            break
        return title, qual, gender

    def _title_stop(self, start: int) -> int:
        for end, (s, _t) in self.title_end.items():
            if s == start:
                return end
        return start + 1

    def _appositive(self, c: _Cand) -> tuple[tuple[int, Title] | None, _Cand | None]:
        """"Maria Zakharova, spokeswoman of Russia's Foreign Ministry" / "the Russian president,
        Vladimir Putin": the title (the apposition's head noun) and the state qualifying it."""
        head = self.toks[c.b - 1]
        heads: list[Token] = [ch for ch in head.children if ch.dep_ == "appos" and ch.i >= c.b]
        if head.dep_ == "appos" and head.head.i < c.a:
            heads.append(head.head)
        for h in heads:
            found = self.title_end.get(h.i + 1)
            if found is not None and found[0] <= h.i:
                start, t = found
                qual = self._qualifier(self._rank_start(start), h.i + 1, limit=h.left_edge.i,
                                       right_limit=h.right_edge.i + 1, right=("of", "for", "at"))
                return (start, t), qual
        return None, None

    def _qualifier(self, a: int, b: int, *, limit: int | None = None, right_limit: int | None = None,
                   right: tuple[str, ...] = ("of",)) -> _Cand | None:
        """The state or organization qualifying the phrase at tokens [a, b): written before it
        ("Pyongyang's foreign minister", "US intelligence") or after it ("of Ukraine")."""
        lo = self.sent_bounds(a)[0] if limit is None else limit
        j = a - 1
        while j >= lo:
            c = self.ending_at(j + 1)
            if c is not None:
                return c if c.kind in (STATE, DEMONYM, CAPITAL, SEAT, BODY, ORG, PEOPLE, "ner-org", PERSON,
                                       SHORT, "ner-person") else None
            tok = self.toks[j]
            word = tok.lower_
            if word in ("its", "their") and tok.tag_ == "PRP$":
                return self._possessor(j)
            if word in _COUNTRY_NOUNS and j + 1 < a and self.texts[j + 1] == "'s" \
                    and any(ch.lower_ == "the" for ch in tok.children):
                return self._state_before(j)  # "the country's president", "the territory's health ministry"
            if word in ("'s", "'") or tok.tag_ == "POS" or (tok.pos_ == "ADJ" and word not in self.d.titles):
                j -= 1
                continue
            if tok.pos_ in ("NOUN",) and j == a - 1 and self.toks[a].dep_ == "compound":
                j -= 1
                continue
            break
        hi = self.sent_bounds(a)[1] if right_limit is None else right_limit
        if b < hi and self.toks[b].lower_ in right:
            k = b + 1
            while k < hi and (self.toks[k].lower_ in ("the", "'s") or self.toks[k].tag_ == "POS"):
                k += 1
            c = self.at(k)
            if c is not None and c.kind in (STATE, CAPITAL, SEAT, BODY, ORG, "ner-org"):
                # "of Russia's Security Council": the body wins over the state before it
                if c.kind in (STATE, CAPITAL) and c.b < hi:
                    k2 = c.b
                    while k2 < hi and (self.toks[k2].tag_ == "POS" or self.toks[k2].lower_ == "'s"):
                        k2 += 1
                    c2 = self.at(k2)
                    if c2 is not None and c2.kind == BODY and c2.target is None:
                        c2.target = self.country_of(c)
                        return c2
                return c
        return None

    def _state_before(self, j: int) -> _Cand | None:
        """The state named last before token ``j`` (as a place too), in its sentence or the
        two before: what "the country" refers to."""
        lo = self.sent_bounds(j)[0]
        for _ in range(2):
            if lo > 0:
                lo = self.sent_bounds(lo - 1)[0]
        best: _Cand | None = None
        for c in self.cands:
            if lo <= c.a and c.b <= j and not c.dropped and c.kind in (STATE, CAPITAL, DEMONYM) \
                    and (best is None or c.a > best.a):
                best = c
        country = self.country_of(best) if best is not None else None
        if country is None:
            return None
        a = j - 1 if j > 0 and self.toks[j - 1].lower_ == "the" else j
        return _Cand(a, j + 2, STATE, country)  # stands for the state where the words are

    def _possessor(self, j: int) -> _Cand | None:
        """"its troops": the state or organization named last before the pronoun."""
        lo = self.sent_bounds(self.sent_bounds(j)[0] - 1)[0] if self.sent_bounds(j)[0] > 0 else 0
        for k in range(j - 1, lo - 1, -1):
            c = self.at(k)
            if c is None:
                continue
            if c.kind in (PERSON, SHORT, "ner-person"):
                return None
            if c.kind in (STATE, CAPITAL, SEAT, BODY, ORG, "noun") and c.target and not c.place \
                    and not c.descriptive:
                return c
        return None

    def _in_phrase(self, a: int, b: int) -> bool:
        """Tokens [a, b) can sit inside one noun phrase between a qualifier and its noun
        ("Russia's new", "of the")."""
        toks, texts = self.toks, self.texts
        return b - a <= 4 and all(toks[k].pos_ in _PHRASE_POS or texts[k] == "'s" for k in range(a, b))

    def _compose_role(self, t: Title, qual: _Cand | None) -> str:
        """"State Department" + "spokesperson" -> "foreign ministry spokesperson";
        "secretary of" + "Security Council" -> "secretary of the security council"."""
        if qual is not None and qual.kind in (BODY, SEAT) and qual.role:
            if t.role == "spokesperson":
                return spokesperson_role(qual.role)
            if t.role == "minister" and qual.role == "security council":
                return "secretary of the security council"
        return t.role

    # ------------------------------------------------------------ 7. titles without a name
    def _former_before(self, i: int) -> bool:
        """A word making the title's holder a former one right before token ``i`` ("former",
        "ex-", "then", "late"), past a determiner or a state in between ("the former US ...")."""
        for k in range(i - 1, max(-1, i - 4), -1):
            word = self.toks[k].lower_
            if word in self.former:
                return True
            at = self.at(k)
            if word not in ("-", "the", "a") and not (at is not None and at.kind in (STATE, DEMONYM)):
                return False
        return False

    def resolve_titles(self) -> None:
        for end, (start, t) in sorted(self.title_end.items()):
            if start in self.used_titles or any((at := self.at(i)) is not None and at.kind not in (BODY, SEAT)
                                                for i in range(start, end)):
                continue
            first = self._rank_start(start)  # "deputy" in "Russia's deputy defence minister"
            qual = self._qualifier(first, end, right=("of", "for", "at", "from"))
            a = qual.a if qual is not None and qual.b <= first else first
            b = qual.b if qual is not None and qual.a >= end else end
            role = self._compose_role(t, qual)
            sector = self._title_sector(first, start, t)
            if first < start:  # a deputy is not the minister: no office holder, the title's words
                role = self._name_text(first, end).lower()
            where = None
            if qual is not None:
                where = qual.target if qual.kind in (ORG,) and (qual.target or "").startswith("igo:") \
                    else self.country_of(qual)
                if qual.kind in (BODY, SEAT) and qual.target is None:
                    where = None
            if role == t.role:
                role = t.role_in(where)  # "India's foreign secretary" is not its foreign minister
            definite = self._definite(a)
            # "the former Philippine president", "the ex-president of France": not the holder on
            # the article's date (only a former president named before can be meant)
            former = self._former_before(min(a, first))
            if former:
                role = f"former {role}"
            holder = self.d.holder(where, role, self.on) if where and t.person and definite and not former \
                else None
            if holder is None and where is None and definite:
                ante = self._coreferent_person(start, role)
                if ante is not None:  # "the president", "the minister": the person introduced so
                    c = _Cand(a, b, ante.kind, ante.target, ante.sector or sector, ante.role or role,
                              gender=ante.gender, country=ante.country, name=ante.name, entry=ante.entry)
                    self.add_over(c, qual)
                    continue
                if t.person and not t.foreign and first == start and self._the_before(first) and not former:
                    # "the foreign minister": the story's state
                    where = self.home_country()
                    role = t.role_in(where)
                    holder = self.d.holder(where, role, self.on) if where else None
                    if holder is None:
                        where = None
            if holder is not None:
                c = _Cand(a, b, PERSON, holder.id, role=role, sector=sector, gender=holder.gender,
                          name=holder.name)
                self.add_over(c, qual)
            elif where is not None and qual is not None:
                kind = "igo" if where.startswith("igo:") else "noun"
                c = _Cand(a, b, kind if kind == "noun" else ORG, where, sector, role,
                          metonym=qual.kind in (CAPITAL, SEAT))
                self.add_over(c, qual, absorb=qual.kind in (STATE, DEMONYM, CAPITAL, SEAT))
            else:
                c = _Cand(first, end, GROUP, None, sector, role, name=self._name_text(first, end))
                self.add(c)

    def _the_before(self, a: int) -> bool:
        """"the" (adjectives aside) right before token ``a``."""
        k = a - 1
        while k >= 0 and self.toks[k].pos_ == "ADJ":
            k -= 1
        return k >= 0 and self.lower[k] == "the"

    def _definite(self, a: int) -> bool:
        """A phrase starting at token ``a`` is definite: "the (new) minister", "Russia's minister",
        not "a spokesman for the State Department"."""
        k = a - 1
        while k >= 0 and self.toks[k].pos_ == "ADJ" and self.at(k) is None:
            k -= 1
        return k < 0 or self.texts[k].lower() not in _INDEFINITE

    def _title_sector(self, first: int, start: int, t: Title) -> str | None:
        """A title's sector, or that of a sector noun among the words before it ("police spokesman")."""
        for k in range(first, start):
            sense = self.d.nouns.get((self.toks[k].lower_,))
            if sense is not None and sense.sector:
                return sense.sector
        return t.sector

    def _coreferent_person(self, i: int, role: str) -> _Cand | None:
        """"the president" -> the nearest person before it whose role it is, or whose role ends
        in the same word ("the minister" after "Trade Minister X", "the spokesman" after "air
        force spokesman Y"), deputies and former office holders aside."""
        word = role.split()[-1]
        former = role.startswith("former ")  # "the former president": only a former one
        best: _Cand | None = None
        for c in self.cands:
            if c.a >= i or c.dropped or i - c.a >= _COREF_TOKENS or c.kind not in _PERSON_KINDS:
                continue
            if best is not None and c.a <= best.a:
                continue
            if c.kind == "ner-person":
                roles = [r for r in (c.role, c.title_role) if r]
            else:
                rec = self.record(c.target)
                if rec is None:
                    continue
                office = rec.office_on(self.on)
                roles = [r for r in (c.role, c.title_role, office.role if office else None, rec.role) if r]
            if any(r == role or (r.lower().split()[-1] == word and (
                    r.lower().startswith("former ") if former else not r.lower().startswith(_NOT_THE_HOLDER)))
                   for r in roles):
                best = c
        if best is None:
            return None
        if best.kind in (PERSON, SHORT):
            rec = self.record(best.target)
            assert rec is not None
            return _Cand(best.a, best.b, PERSON, rec.id, rec.sector, best.role,
                         gender=best.gender or rec.gender, name=rec.name)
        return best

    def add_over(self, c: _Cand, qual: _Cand | None, absorb: bool = False) -> None:
        """Add a phrase candidate over free tokens; with ``absorb`` the qualifier inside it
        ("North Korean" in "North Korean troops") becomes part of it instead of a mention."""
        if absorb and qual is not None:
            qual.dropped = True
        for i in range(c.a, c.b):
            if self.by_token[i] is None or (absorb and self.by_token[i] is qual):
                self.by_token[i] = c
        self.cands.append(c)

    # ------------------------------------------------------------ 8. sector nouns
    def resolve_nouns(self) -> None:
        heads, anaphors = self.d.noun_heads, self.d.anaphors
        anaphoric = []
        for i, word in enumerate(self.lower):
            if word in anaphors and self._anaphoric(self.toks[i]):
                anaphoric.append(i)  # "the court", "the ministry": an actor named before, if any
            elif word in heads:
                self._noun_at(i)
        for i in anaphoric:
            if not self._resolve_anaphor(i):
                self._noun_at(i)

    def _noun_at(self, i: int) -> None:
        """A sector noun phrase headed by token ``i`` ("North Korean troops", "police")."""
        d, tok = self.d, self.toks[i]
        heads = d.noun_heads
        if self.lower[i] not in heads or tok.pos_ not in ("NOUN", "PROPN"):
            return
        if self.at(i) is not None or i in self.consumed:
            return
        org = self.at(tok.head.i) if tok.head.i > i and tok.dep_ in ("compound", "amod", "nmod") else None
        if org is not None and org.kind == "ner-org" and org.a <= tok.head.i < org.b:
            # "the main opposition Republican People's Party": the noun describes the party
            sense = d.nouns.get((self.lower[i],))
            org.sector = org.sector or (sense.sector if sense is not None else None)
            return
        if i + 1 < self.n and tok.dep_ == "compound" and tok.head.i == i + 1 \
                and self.lower[i + 1] in heads:
            return  # "police officers", "intelligence agency": the last noun is the head
        sense, a = None, i
        for k in range(min(d.max_noun_len, i + 1), 0, -1):
            key = tuple(self.lower[i - k + 1:i + 1])
            if key in d.nouns and all(self.at(j) is None for j in range(i - k + 1, i + 1)):
                sense, a = d.nouns[key], i - k + 1
                break
        if sense is None:
            return
        right: tuple[str, ...] = ("of", "from", "for", "at", "in") if sense.sector else ()
        if self.lower[i] in self.posted_nouns:  # "troops in Lithuania": where they serve, not whose
            right = tuple(p for p in right if p not in ("in", "at"))
        qual = self._qualifier(a, i + 1, right=right)
        if qual is not None and qual.kind in (PERSON, SHORT, "ner-person") and sense.sector is None:
            qual = None
        if qual is not None and qual.kind == "ner-org":
            qual = None
        self._noun_mention(a, i + 1, sense.sector, sense.domestic, qual)

    # ------------------------------------------------------------ 8b. "the agency", "the group"
    def _anaphoric(self, tok: Token) -> bool:
        """A definite description that may refer back: "the agency", "this group", with no name
        or "of ..." of its own ("the group of experts", "the UN agency")."""
        if tok.pos_ != "NOUN" or self.at(tok.i) is not None or tok.i in self.consumed \
                or tok.i in self.in_title:
            return False
        det = False
        for c in tok.children:
            if c.dep_ == "det" and c.lower_ in ("the", "this", "that"):
                det = True
            elif (c.dep_ == "prep" and c.lower_ == "of" and c.i > tok.i) or (
                    c.i < tok.i and c.dep_ in ("compound", "nmod", "poss")
                    and (at := self.at(c.i)) is not None and at.kind != DEMONYM):
                return False
        return det

    def _resolve_anaphor(self, i: int) -> bool:
        """"the agency" after "South Korea's National Intelligence Service": the nearest earlier
        actor, a few sentences back at most, that the noun can describe (anaphors in nouns.yaml);
        a demonym before the noun must agree ("the Lebanese group")."""
        tok = self.toks[i]
        spec = self.d.anaphors[tok.lower_]
        need = None
        for child in tok.children:
            q = self.at(child.i) if child.i < i else None
            if q is not None and q.kind == DEMONYM:
                need = self.country_of(q)
        sent_of = self.ad.sent_index
        here = sent_of(i)
        best: _Cand | None = None
        for c in self.cands:
            if c.b > i or c.dropped or c.place or c.descriptive or (best is not None and c.a <= best.a):
                continue
            if c.kind in (GROUP, PERSON, SHORT, "ner-person", STATE, CAPITAL, DEMONYM, PEOPLE, SEAT, BLOCK):
                continue
            if here - sent_of(c.a) > _ANAPHOR_SENTENCES or not self._fits(c, spec):
                continue
            if need is not None and self.country_of(c) != need:
                continue
            best = c
        if best is None:
            return False
        a = i
        while a > 0 and self.toks[a - 1].head.i == i and self.toks[a - 1].dep_ in ("amod", "compound") \
                and self.at(a - 1) is None:
            a -= 1  # "the militant group"
        target = best.target
        if best.kind == "ner-org":
            target = f"org:{slug(best.name or self._span_text(best.a, best.b))}"
        self.add(_Cand(a, i + 1, best.kind, target, best.sector, best.role, country=best.country,
                       name=best.name, entry=best.entry))
        return True

    def _fits(self, c: _Cand, spec: Anaphor) -> bool:
        """Whether an anaphor's noun can describe candidate ``c`` (its words, kind, sector, id)."""
        rec = self.record(c.target) if c.kind in (ORG,) else None
        actor_id = c.target if c.kind != "ner-org" else None
        if actor_id is not None and actor_id in spec.ids:
            return True
        kind = rec.kind if rec is not None else ("organization" if c.kind == "ner-org" else "country")
        sector = c.sector or (rec.sector if rec is not None else None)
        if kind in spec.kinds or (sector is not None and sector in spec.sectors):
            return True
        text = " ".join(x for x in (self._span_text(c.a, c.b), c.name, c.role,
                                    rec.name if rec else None, rec.role if rec else None) if x)
        return any(w in spec.words for w in text.lower().replace("-", " ").split())

    def _noun_mention(self, a: int, b: int, sector: str | None, domestic: bool, qual: _Cand | None) -> None:
        text = self._name_text(a, b)
        if qual is not None:
            country = self.country_of(qual) if qual.kind not in (ORG,) else None
            target = qual.target if qual.kind == ORG else country
            if qual.kind in (PERSON, SHORT, "ner-person"):
                target = country
            if sector is None:  # "South Korean analysts": a generic group from that country
                self.add(_Cand(a, b, GROUP, None, None, country=country, name=text))
                return
            if target is None:
                self.add(_Cand(a, b, GROUP, None, sector, country=country, name=text))
                return
            left = qual.b <= a and self._in_phrase(qual.b, a)
            right = qual.a >= b and self._in_phrase(b, qual.a)
            absorb = left and qual.kind in (STATE, DEMONYM, CAPITAL, SEAT, PEOPLE, BODY)
            start = qual.a if left else a
            end = qual.b if right else b
            kind = ORG if target.startswith(("igo:", "org:")) else "noun"
            c = _Cand(start, end, kind, target, sector,
                      role=qual.role if qual.kind == BODY and (left or right) else None,
                      metonym=qual.kind in (CAPITAL, SEAT) and (left or right))
            spy = sector == "SPY" and kind == "noun" and self.toks[b - 1].lower_ in ("agency", "service")
            body = self.d.body_of(target, sector, "intelligence agency") if spy else None
            if body is not None:  # "South Korea's spy agency": its one intelligence agency
                c.kind, c.entry, c.role = BODY, body, body.role
            self.add_over(c, qual, absorb=absorb)
            return
        if domestic and sector is not None:
            country = self._named_before(a, b, sector) or self.context_country(a, sector)
            if country is not None:
                self.add(_Cand(a, b, "noun", country, sector))
                return
        self.add(_Cand(a, b, GROUP, None, sector, name=text))

    def _named_before(self, a: int, b: int, sector: str) -> str | None:
        """"the military" after "the Pakistani military" (the same noun named with its state a
        few sentences before) or after "South Korea's Joint Chiefs of Staff" (a body of that
        sector, when "the" points back to it)."""
        head = self.toks[b - 1].lemma_.lower()
        definite = a > 0 and self.toks[a - 1].lower_ == "the"
        here = self.ad.sent_index(a)
        best: _Cand | None = None
        for c in self.cands:
            if c.b > a or c.dropped or c.kind not in ("noun", BODY) or not c.target or c.place \
                    or here - self.ad.sent_index(c.a) > 3 or (best is not None and c.a <= best.a):
                continue
            same = self.toks[c.b - 1].lemma_.lower() == head
            if same or (definite and c.kind == BODY and c.sector == sector
                        and here - self.ad.sent_index(c.a) <= 1):
                best = c
        return best.target if best is not None else None

    def context_country(self, i: int, sector: str | None = None) -> str | None:
        """The state a domestic noun ("police", "the authorities") belongs to. Police are local:
        a state named as a place in the same sentence ("in Ukraine's Kharkiv region, regional
        police said"), else the state the story is mostly set in. Others ("lawmakers", "the
        government", "the military") belong to the story's state first: the place a sentence
        names is often elsewhere ("troops in Russia's Kursk region, the agency told lawmakers")."""
        if sector != "COP":
            home = self.home_country()
            if home is not None:
                return home
            if sector == "LEG":  # "the agency told lawmakers": the state that speaks to them
                near = self._acting_state_before(i)
                if near is not None:
                    return near
        lo, hi = self.sent_bounds(i)
        best, dist = None, None
        for c in self.cands:
            if c.dropped or c.kind not in (STATE, CAPITAL) or not (lo <= c.a < hi) or not c.place:
                continue
            head = self.toks[c.b - 1]
            if head.dep_ == "pobj" and head.head.lower_ in _MOTION_PREPS:
                continue  # "returned from a trip to Hong Kong": where someone went, not where police act
            gap = abs(c.a - i) + (0 if c.a < i else 1000)
            if dist is None or gap < dist:
                best, dist = self.country_of(c), gap
        if best is not None:
            return best
        return self.home_country()

    def _acting_state_before(self, i: int) -> str | None:
        """The state of the nearest acting state or government body before token ``i`` in its
        sentence or the one before."""
        lo = self.sent_bounds(i)[0]
        if lo > 0:
            lo = self.sent_bounds(lo - 1)[0]
        best: _Cand | None = None
        for c in self.cands:
            if lo <= c.a and c.b <= i and not c.dropped and not c.place and not c.descriptive \
                    and c.kind in (STATE, CAPITAL, SEAT, BODY, "noun") and (best is None or c.a > best.a):
                best = c
        return self.country_of(best) if best is not None else None

    def home_country(self) -> str | None:
        """The state the story is set in: the one its names point to most (places count
        double, a dateline and the outlet more), when it clearly leads."""
        if self.home != "":
            return self.home
        counts: dict[str, float] = {}
        for c in self.cands:
            if c.dropped:
                continue
            country = None
            if c.kind in (STATE, CAPITAL, DEMONYM, SEAT, BODY, "noun", PERSON, SHORT):
                country = self.country_of(c)
            elif c.kind == ORG:
                rec = self.record(c.target)
                country = rec.country if rec is not None and rec.kind == "group" else None
            if country:  # places count double
                counts[country] = counts.get(country, 0) + (2 if c.place else 1)
        if self.dateline:  # a story filed from Seoul is set in South Korea
            counts[self.dateline] = counts.get(self.dateline, 0) + 6
        outlet = self._outlet_country()
        if outlet and (not counts or outlet in counts):
            # the outlet's home backs a state the text names (a BBC story about "regional
            # police" in London), or stands in when the text names none; it never outvotes the
            # text (an AFP wire about Beirut is set in Lebanon, not in France)
            counts[outlet] = counts.get(outlet, 0) + 3
        top = sorted(counts.items(), key=lambda kv: -kv[1])[:2]
        result = None
        lone = len(top) == 1 and top[0][1] >= max(2, self.n / _TOKENS_PER_MENTION)  # named often enough
        if top and (top[0][1] >= 3 or lone) and (len(top) == 1 or top[0][1] >= 1.5 * top[1][1]):
            result = top[0][0]
        self.home = result
        if result is not None:  # other layers read it (and work it out their own way when we could not)
            self.ad.notes["actors.home"] = result
        return result

    def _outlet_country(self) -> str | None:
        """The country of the outlet that published the story (``source``), if we know it."""
        source = self.ad.source
        if not source:
            return None
        words = [norm_token(w) for w in source.replace("(", " ").replace(")", " ").split()]
        for i in range(len(words)):
            hit = self.d.match(self.d.names, words, i)
            if hit is not None and hit[1].kind == ORG:
                rec = self.record(hit[1].target)
                return rec.country if rec else None
        return None

    # ------------------------------------------------------------ 8c. people's countries
    def complete_people(self) -> None:
        """People outside the dictionary take the country the text gives them: an apposition
        or an "of"/"from" phrase naming a state, an organization or a place ("X, a senior Hamas
        official", "X of the RSF", "Rami, an engineer from Gaza", "X, a member of parliament's
        committee" -> the story's state); else, for a domestic title ("Prime Minister X"), the
        state the story is set in. All mentions of one person share what one of them says."""
        people = [c for c in self.cands if not c.dropped and c.kind == "ner-person"]
        if not people:
            return
        known: dict[str, str] = {}
        for c in people:
            if c.country is None:
                c.country = self._stated_country(c)
            if c.country:
                known.setdefault(self._person_key(c), c.country)
        home = None
        visitors: set[str] = set()
        for c in people:
            key = self._person_key(c)
            if c.country is None and key not in known and c.title is not None and not c.title.foreign:
                home = home or self.home_country()
                if home is not None and (key in visitors or self._not_of(c, home)):
                    visitors.add(key)
                    continue
                if home is not None:
                    known[key] = home
        for key in visitors:
            if known.get(key) == home:
                del known[key]
        for c in people:
            c.country = c.country or known.get(self._person_key(c))

    def _not_of(self, c: _Cand, home: str) -> bool:
        """A titled person is not of the story's state when the dictionary knows someone else
        holds the title there on the date ("Foreign Minister X" in a story set in the United
        States), or when the person comes to it ("X, visiting Washington", "sent X to
        Washington", "X arrived in Washington")."""
        t = c.title
        assert t is not None
        role = t.role_in(home)
        if t.one_holder and c.role in (t.role, role):
            holder = self.d.holder(home, role, self.on)
            if holder is not None and holder.id != c.target:
                return True
        lo, hi = self.sent_bounds(c.a)
        head = self.toks[c.b - 1]
        anchors = {head.i, head.head.i}
        for q in self.cands:
            if q.dropped or not (lo <= q.a < hi) or q.kind not in (STATE, CAPITAL, SEAT) \
                    or self.country_of(q) != home:
                continue
            tok = self.toks[q.b - 1]
            verb = tok.head
            if tok.dep_ == "pobj" and verb.lower_ in ("to", "in", "into"):
                verb = verb.head
            elif tok.dep_ != "dobj":
                continue
            if verb.lemma_.lower() in self.visit_words and (verb.i in anchors or verb.head.i in anchors):
                return True
        return False

    def _person_key(self, c: _Cand) -> str:
        return c.target or slug(c.name or self._span_text(c.a, c.b))

    def _stated_country(self, c: _Cand) -> str | None:
        head = self.toks[c.b - 1]
        spans: list[tuple[int, int]] = []
        for ch in head.children:
            if ch.dep_ == "appos" and ch.i >= c.b:  # "X, a senior Hamas official"
                spans.extend(self._description(ch, c.b))
            elif ch.dep_ == "prep" and ch.i >= c.b and ch.lower_ in ("of", "from"):  # "X of the RSF"
                spans.extend(self._prep_object(ch))
        if head.dep_ == "appos" and head.head.i < c.a:  # "a senior Hamas official, X,"
            spans.extend((lo, min(hi, c.a)) for lo, hi in self._description(head.head, 0))
        for lo, hi in spans:
            found = self._first_country(lo, hi, c)
            if found is not None:
                return found or None
        return None

    def _description(self, noun: Token, lo: int) -> list[tuple[int, int]]:
        """The parts of an apposition that say where a person belongs: the words before its
        noun ("a senior Hamas official", "Japan's trade minister") and the objects of "of",
        "from", "for" ("a trader from Kano", "a spokesman for the RSF") or of "at" an
        institution ("a researcher at a Seoul think tank", not "best actor at a festival")."""
        out = [(max(lo, noun.left_edge.i), noun.i + 1)]
        for prep in noun.children:
            if prep.dep_ != "prep" or prep.i < noun.i:
                continue
            institution = any(o.dep_ == "pobj" and (o.lower_ in self.org_words or o.lower_ == "tank")
                              for o in prep.children)
            if prep.lower_ in ("of", "from", "for") or (prep.lower_ in ("at", "with") and institution):
                out.extend(self._prep_object(prep))
        return out

    @staticmethod
    def _prep_object(prep: Token) -> list[tuple[int, int]]:
        """The object of a preposition with the words before it ("of [parliament's committee]")."""
        return [(o.left_edge.i, o.i + 1) for o in prep.children if o.dep_ == "pobj"]

    def _first_country(self, lo: int, hi: int, person: _Cand) -> str | None:
        """The country of the first actor or place in tokens [lo, hi) ("" when the first is an
        international body: "a UN envoy for Sudan" says nothing of the envoy's country). Only
        a short description counts: a long one, or one broken by ";" or ":", is a misparse
        (lists such as "actor - X; actress - Y")."""
        if hi - lo > _DESCRIPTION_TOKENS or abs(lo - person.b) > _DESCRIPTION_TOKENS \
                or any(self.texts[k] in (";", ":", "\n") or "\n" in self.texts[k] for k in range(lo, hi)):
            return None
        i = lo
        while i < hi:
            c = self.at(i)
            if c is None or c is person:
                tok = self.toks[i]
                placeish = tok.ent_type_ in ("GPE", "LOC") or (  # "a trader from Kano" (tagged ORG)
                    tok.pos_ == "PROPN" and tok.head.dep_ == "prep" and tok.head.lower_ in _ORIGIN_PREPS)
                if c is None and placeish and tok.ent_iob_ != "I" and self.gazetteer:
                    end = i + 1
                    while end < hi and self.toks[end].ent_iob_ == "I":
                        end += 1
                    country = self._place_country(self._span_text(i, end))
                    if country:
                        return country
                    i = end
                    continue
                i += 1
                continue
            i = max(i + 1, c.b)
            if c.kind in (PERSON, SHORT, "ner-person", BLOCK) or (c.kind == GROUP and not c.country):
                continue
            prep = self.toks[c.b - 1].head
            if self.toks[c.b - 1].dep_ == "pobj" and prep.lower_ in ("to", "against", "with", "on", "about"):
                continue  # "ambassador to Russia", "talks with Iran": the other side
            if c.kind == ORG and (c.target or "").startswith("igo:"):
                return ""
            country = self.country_of(c)
            if country is None and c.kind == ORG:
                rec = self.record(c.target)
                country = rec.country if rec is not None else None
            if country:
                return country
        return None

    def _place_country(self, text: str, alternate: bool = False, least: int = 0) -> str | None:
        """The country of a place name: the one all its cities and regions are in, or that of
        one much larger than the others ("Kano" is Nigeria's, not the Japanese town's). Other
        names of a place count with ``alternate`` when the place is a big city ("Mykolaiv");
        ``least``: the population the largest one must have."""
        hits = sorted((h.entry for h in self.gazetteer.lookup(text) if (
            not h.alternate or (alternate and h.entry.kind == "city" and h.entry.population >= _BIG_CITY))
            and h.entry.kind in ("city", "region", "country") and h.entry.country),
                      key=lambda e: -e.population)
        if hits and hits[0].population < least:
            return None
        if not hits:
            return None
        others = [e for e in hits if e.country != hits[0].country]
        if not others or hits[0].population >= 10 * max(others[0].population, 1):
            return hits[0].country
        return None

    # ------------------------------------------------------------ 9. gender
    def infer_gender(self) -> None:
        people = [c for c in self.cands if not c.dropped and c.kind in (PERSON, SHORT, "ner-person")]
        if not people:
            return
        for c in people:
            if c.gender is None and c.target:
                rec = self.record(c.target)
                if rec is not None and rec.gender:
                    c.gender = rec.gender
        known: dict[str, str] = {}
        for c in people:
            key = c.target or c.name or ""
            if c.gender:
                known.setdefault(key, c.gender)
        for c in people:  # a given name of one gender ("Amina Yusuf")
            key = c.target or c.name or ""
            if key not in known and c.kind == "ner-person" and c.name:
                first = c.name.split()[0]
                gender = self.d.first_names.get(first) or self.d.first_names.get(fold(first))
                if gender:
                    known[key] = gender
        # a he/she right after the only person of unknown gender in the previous sentences
        sent_of = self.ad.sent_index
        for i, word in enumerate(self.lower):
            if word not in ("he", "she"):
                continue
            tok = self.toks[i]
            if tok.dep_ not in _SUBJECT_DEPS:
                continue
            s = sent_of(tok.i)
            near = [c for c in people if c.a < tok.i and s - 1 <= sent_of(c.a) <= s]
            keys = {c.target or c.name or "" for c in near}
            if len(keys) != 1:
                continue
            key = keys.pop()
            if key and key not in known:
                known[key] = "f" if tok.lower_ == "she" else "m"
        for c in people:
            c.gender = c.gender or known.get(c.target or c.name or "")

    # ------------------------------------------------------------ 10. export
    def export(self) -> ActorLayer:
        mentions: list[Mention] = []
        actors: dict[str, Actor] = {}
        strong: set[str] = set()
        support: Counter[str] = Counter()
        titled: set[str] = set()
        roles: dict[str, str] = {}
        for c in sorted((c for c in self.cands if not c.dropped), key=lambda c: (c.a, -c.b)):
            m = self._mention(c)
            if m is None:
                continue
            mentions.append(m)
            if m.actor_id is None:
                continue
            support[m.actor_id] += c.evidence + 1
            if c.evidence >= 2:
                titled.add(m.actor_id)
            if not m.place and not m.descriptive:
                strong.add(m.actor_id)
            if c.role and m.actor_id not in roles:
                roles[m.actor_id] = c.role
            actor = actors.get(m.actor_id)
            if actor is None:
                actor = actors[m.actor_id] = self._actor(m, c)
            elif actor.kind in ("person", "organization"):  # a later mention may say more
                actor.country = actor.country or m.country
                actor.sector = actor.sector or m.sector
            if c.kind in (CAPITAL, SEAT) and m.place:
                continue  # "in Moscow" names the city, not the state
            actor.mentions.append(_span(m))
        exported = []
        for actor_id, actor in actors.items():
            if actor_id not in strong or not actor.mentions:
                continue
            if actor_id.startswith("person:") and self.record(actor_id) is None and " " not in actor.name \
                    and actor_id not in titled:
                continue  # a lone surname with no title: too weak to name a person
            weak = support[actor_id] < 2 or (len(actor.mentions) < 2 and self._lone_word(actor.name)
                                             and actor_id not in titled)
            if actor_id.startswith("org:") and self.record(actor_id) is None and weak \
                    and not self._orgish(actor.name):
                continue  # one capitalized word said once may be anything ("Sophie", "Normandy")
            if actor.kind == "person" and actor.role is None and actor_id in roles:
                actor.role = roles[actor_id]
            exported.append(actor)
        return ActorLayer(exported, mentions)

    @staticmethod
    def _lone_word(name: str) -> bool:
        """One word in title case: a first name, a place or a product as often as an organization."""
        return " " not in name and not name.isupper()

    def _orgish(self, name: str) -> bool:
        """A name that says it is an organization ("... Institute", "... Party"), not one word."""
        words = name.lower().split()
        return len(words) > 1 and any(w in self.org_words for w in words)

    def _mention(self, c: _Cand) -> Mention | None:
        toks = self.toks
        start, end = toks[c.a].idx, toks[c.b - 1].idx + len(toks[c.b - 1])
        text = self.text[start:end]
        kw: dict[str, Any] = {"start": start, "end": end, "tok_start": c.a, "tok_end": c.b, "text": text}
        if c.kind in (STATE, DEMONYM, PEOPLE, CAPITAL, SEAT, BODY, "noun") or (
                c.kind == ORG and c.target and not c.target.startswith(("igo:", "org:"))):
            target = c.target
            if c.kind == BODY and target is None:
                target = self._body_country(c)
            rec = self.record(target)
            if rec is None:
                if c.kind == BODY and c.entry is not None and c.entry.default:
                    drec = self.record(c.entry.default)
                    if drec is not None:
                        return Mention(**kw, actor_id=drec.id, name=drec.name, kind=drec.kind,
                                       country=drec.country, role=c.role,
                                       sector=c.sector if drec.kind == "country" else drec.sector)
                return Mention(**kw, actor_id=None, name=text, kind="group", sector=c.sector, role=c.role)
            m = Mention(**kw, actor_id=rec.id, name=rec.name, kind="country", country=rec.country,
                        sector=None if c.place or c.descriptive else c.sector, role=c.role, place=c.place,
                        metonym=c.metonym and not c.place)
            m.descriptive = c.descriptive
            return m
        if c.kind in (PERSON, SHORT):
            rec = self.record(c.target)
            if rec is None:
                return None
            office = rec.office_on(self.on)
            country = rec.country
            if country is None and office is not None and not office.where.startswith(("igo:", "org:")):
                country = office.where
            return Mention(**kw, actor_id=rec.id, name=rec.name, kind="person", country=country,
                           sector=rec.sector, role=(office.role if office else None) or c.role or rec.role,
                           gender=c.gender or rec.gender)
        if c.kind == "ner-person":
            name = c.name or text
            key = slug(name)
            if not key:
                return None
            pid = c.target or f"person:{key}"
            return Mention(**kw, actor_id=pid, name=name, kind="person", country=c.country,
                           sector=c.sector, role=c.role, gender=c.gender)
        if c.kind == ORG:
            rec = self.record(c.target)
            if rec is None:
                return None
            return Mention(**kw, actor_id=rec.id, name=rec.name, kind=rec.kind, country=rec.country,
                           sector=c.sector or rec.sector, role=c.role or rec.role)
        if c.kind == "ner-org":
            name = c.name or text
            key = slug(name)
            if not key:
                return None
            rec = self.record(f"org:{key}")
            if rec is not None:  # a dictionary organization spelled as its id says
                return Mention(**kw, actor_id=rec.id, name=rec.name, kind=rec.kind, country=rec.country,
                               sector=rec.sector, role=rec.role)
            return Mention(**kw, actor_id=f"org:{key}", name=name, kind="organization", country=c.country,
                           sector=c.sector)
        if c.kind == GROUP:
            return Mention(**kw, actor_id=None, name=c.name or text, kind="group", country=c.country,
                           sector=c.sector, role=c.role)
        return None

    def _body_country(self, c: _Cand) -> str | None:
        """The state of a generic body named without one (those written with their state were
        resolved by ``resolve_bodies``): the same body named with its state earlier, else none
        when the body has a default actor ("Security Council": the UN's), else the story's state."""
        for other in sorted(self.cands, key=lambda x: -x.a):
            if other.a < c.a and not other.dropped and other.kind == BODY and other.role == c.role \
                    and other.target:
                return other.target
        if c.entry is not None and c.entry.default:
            # a default state gives way to the story's ("Pakistan's Foreign Office"); an IGO does not
            return self.home_country() if _ISO3_ID.match(c.entry.default) else None
        home = self.home_country()
        if home is None and c.sector == "LEG":  # "a member of parliament's committee"
            return self._acting_state_before(c.a)
        return home

    def _actor(self, m: Mention, c: _Cand) -> Actor:
        rec = self.record(m.actor_id)
        if rec is not None:
            office = rec.office_on(self.on)
            sector = rec.sector if rec.kind != "country" else None
            role = (office.role if office else None) or rec.role
            country = rec.country
            if rec.kind == "person" and country is None and office is not None \
                    and not office.where.startswith(("igo:", "org:")):
                country = office.where
            return Actor(id=rec.id, name=rec.name, kind=rec.kind, country=country,  # type: ignore[arg-type]
                         sector=sector, role=role, wikidata=rec.wikidata)
        return Actor(id=m.actor_id or "", name=m.name, kind=m.kind, country=m.country,  # type: ignore[arg-type]
                     sector=m.sector, role=m.role)
