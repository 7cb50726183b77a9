"""Acts a sentence mentions without stating that they happen now: the aim of another act, what
someone waits for, a known act said to have to end, an act a relative clause presupposes, a
promise the text sets in the past before the story. None of them is coded; each rule reads the
dependency structure only (no list of sentences or names):

    aim          "joined Russian units in a bid to repel the offensive", "sent troops to curb
                 the incursion"   (a noun event inside a purpose to-infinitive)
    expected     "everyone is waiting for the navy to start attacking ships", "analysts expect
                 Turkey to launch strikes"   (an act with its own subject under waiting/expecting)
    ending       "Iran's arms shipments to the Houthis must stop"   (a noun event said to end)
    presupposed  "revealed the scale of the aid that Iran has provided"   (a restrictive relative
                 clause on a definite noun: it identifies a known fact, it does not report one)
    background   "Russia had promised to return the ships"   (a pluperfect promise: told as the
                 past before the story, not made now); "X, who had been arrested in May, ..."
                 (a comma-set pluperfect relative clause: an aside about a participant's past)
    state        "prisoners held by Israel"   (a participle describing a state of affairs)
    reward       "offered $5 million for information on him"   (a bounty, not a promise to a party)
    awaited      "vowed to march until the president resigned", "will not stop until he quits"
                 (the act an "until" clause waits for under a vow, a future or a present tense)
    ability      "was close to being able to build a nuclear weapon", "is capable of striking"
                 (what a party can do is a capability, not an act)
    in passing   "criticised the decision on EU talks"   (talks named as what a decision, an outcome
                 or a row is about)
    ongoing      "Iran is enriching uranium to 60%"   (a weapons programme's ongoing activity is a
                 state of affairs, not a new mobilization)

An act dated years before the story ("travelling to Moscow in 1949") is still an event (PLOVER's
auxiliary mode *historical*): it is kept, dated, and flagged ``historical`` instead.
"""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING

from storytrace.nlp.events_match import lemma_in
from storytrace.nlp.events_status import anchor_of

if TYPE_CHECKING:
    from spacy.tokens import Token

    from storytrace.nlp.events_frames import Draft
    from storytrace.nlp.events_lexicon import Lexicon
    from storytrace.records import Time

DEFINITE = {"the", "this", "that", "these", "those"}
RELATIVE = {"that", "which", "whom"}
HISTORICAL_YEARS = 2  # an own date this many years before publication is history told in passing
_YEAR = re.compile(r"^(\d{4})")


def not_stated(lex: Lexicon, d: Draft, triggers: set[int]) -> str | None:
    """Why the act of draft ``d`` is only mentioned (a reason for the log), else None."""
    tok = d.token
    if d.cand.pos == "noun":
        if _aim(lex, tok, triggers):
            return "aim"
        if _ending(lex, tok):
            return "ending"
    if _expected(lex, tok, triggers):
        return "expected"
    if d.cand.pos == "verb" and _presupposed(tok):
        return "presupposed"
    if d.cand.pos == "verb" and tok.dep_ in ("acl", "amod") and tok.tag_ == "VBN" \
            and tok.lemma_.lower() in lex.cue("state_verbs"):
        return "state"
    if d.type in ("AGREE", "AID") and _reward(lex, tok, d.cand.objects):
        return "reward"
    if d.cand.pattern.frame == "intent" and tok.lemma_.lower() in lex.cue("promise_verbs") and any(
            c.dep_ == "aux" and c.lower_ == "had" for c in tok.children):
        return "background"
    if d.cand.pos == "verb" and _aside(tok):
        return "background"
    if d.type == "CONSULT" and d.cand.pos == "noun" and tok.dep_ == "pobj" and tok.head.head.pos_ == "NOUN" \
            and tok.head.head.i not in triggers and tok.head.head.lemma_.lower() in lex.cue("topic_heads"):
        return "in passing"
    if _awaited(lex, tok):
        return "awaited"
    if _ability(lex, tok):
        return "ability"
    if d.type == "MOBILIZE" and d.cand.pos == "verb" and tok.lemma_.lower() in lex.cue("programme_verbs") \
            and tok.tag_ == "VBG" and any(c.dep_ == "aux" and c.lemma_ == "be" for c in tok.children):
        return "ongoing"
    return None


UNTIL = {"until", "till", "til"}
FUTURE = {"will", "would", "shall", "'ll", "wo"}


def _awaited(lex: Lexicon, tok: Token) -> bool:
    """An act an "until" clause waits for: "vowed to march until the president resigned",
    "would stay in the streets until he quits". Told in the past under nothing future or
    promised ("fighting went on until the army withdrew") it happened and is kept."""
    verb = anchor_of(tok)
    if verb.dep_ != "advcl" or not any(c.dep_ == "mark" and c.lower_ in UNTIL for c in verb.children):
        return False
    if verb.tag_ in ("VB", "VBZ", "VBP"):
        return True  # a present tense in an "until" clause is a future
    node = verb.head
    promises = lex.cue("promise_verbs") | lex.cue("threat_verbs") | lex.cue("demand_verbs")
    for _ in range(4):
        if any(c.dep_ == "aux" and c.lower_ in FUTURE for c in node.children) \
                or node.lemma_.lower() in promises:
            return True
        if node.dep_ not in ("xcomp", "ccomp", "conj") or node.head.i == node.i:
            return False
        node = node.head
    return False


def _ability(lex: Lexicon, tok: Token) -> bool:
    """An act a party is (close to being) able to do: "able to build a nuclear weapon", "capable
    of striking Europe", "the capacity to enrich uranium": a capability, not an act."""
    node = anchor_of(tok)
    ability = lex.cue("ability_words")
    for _ in range(4):
        if node.dep_ not in ("xcomp", "acl", "pcomp", "prep", "acomp", "ccomp") or node.head.i == node.i:
            return False
        node = node.head
        if node.lemma_.lower() in ability:
            return True
    return False


def _aim(lex: Lexicon, tok: Token, triggers: set[int]) -> bool:
    """A noun event that is what a subjectless purpose infinitive acts on ("in a bid to repel
    the offensive", "to curb the incursion"). A light verb carries its noun ("to launch an
    attack") and a verb that is a trigger itself is judged on its own."""
    verb = anchor_of(tok)
    if verb.i == tok.i or verb.tag_ != "VB" or verb.i in triggers:
        return False
    if verb.lemma_.lower() in lex.cue("light_verbs"):
        return False
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return False
    if verb.dep_ == "xcomp" and verb.head.tag_ == "VB":  # "to help curb the incursion"
        verb = verb.head
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return False
    return verb.dep_ in ("advcl", "acl", "xcomp", "ccomp") or verb.head.lower_ == "order"


def _reward(lex: Lexicon, tok: Token, objects: list[Token]) -> bool:
    """"offered up to $5 million for information on X", "a reward for his capture": a bounty
    promises nothing to a party."""
    rewards = lex.cue("reward_nouns")
    if any(o.lemma_.lower() in rewards for o in objects):
        return True
    for h in (tok, *objects):
        for c in h.children:
            if c.dep_ == "prep" and c.lower_ == "for" and any(
                    p.dep_ == "pobj" and p.lemma_.lower() in rewards for p in c.children):
                return True
    return False


def _ending(lex: Lexicon, tok: Token) -> bool:
    """A noun event that is the subject of a verb of ending ("the deployments must end"); the
    small model sometimes hangs that verb on the noun as a conjunct."""
    ending = lex.cue("ending_verbs")
    if tok.dep_ in ("nsubj", "nsubjpass") and tok.head.lemma_.lower() in ending:
        return True
    return any(c.dep_ == "conj" and c.pos_ == "VERB" and c.lemma_.lower() in ending
               and any(a.dep_ == "aux" for a in c.children) for c in tok.children)


def _expected(lex: Lexicon, tok: Token, triggers: set[int]) -> bool:
    """An act with a subject of its own that somebody else waits for, expects, hopes or fears
    ("waiting for the military to start striking", "analysts expect X to attack"): what others
    foresee is not reported as done, nor promised by the actor."""
    node = anchor_of(tok)
    own_subject = False
    for _ in range(4):
        own_subject = own_subject or any(c.dep_ in ("nsubj", "nsubjpass") for c in node.children)
        if node.dep_ not in ("xcomp", "ccomp", "advcl") or node.head.i == node.i:
            return False
        gov = node.head
        if lemma_in(gov, lex.cue("expectation_verbs")):
            # "is expected to" (passive) is a forecast handled by the status; a governor that
            # is a trigger itself ("wants X to attack") is a frame
            passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in gov.children)
            # ("hopes X will be prosecuted": a finite clause is foreseen even under a trigger)
            finite = not any(c.dep_ == "aux" and c.lower_ == "to" for c in node.children)
            return own_subject and not passive and (gov.i not in triggers or finite)
        node = gov
    return False


def _presupposed(verb: Token) -> bool:
    """"the aid that Iran has provided": a restrictive relative clause on a definite noun whose
    gap is the verb's object identifies a fact already known; a comma-set "which" clause or an
    indefinite noun ("an attack that killed ten") states one."""
    if verb.dep_ != "relcl":
        return False
    head = verb.head
    if not any(c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in DEFINITE) for c in head.children):
        return False
    if head.i + 1 < len(head.doc) and head.doc[head.i + 1].text == ",":
        return False
    if not any(c.dep_ == "nsubj" and c.lower_ not in RELATIVE for c in verb.children):
        return False  # "the gunmen who attacked ...": the noun is the actor, not a known act
    return not any(c.dep_ == "dobj" and c.lower_ not in RELATIVE for c in verb.children)


def _aside(verb: Token) -> bool:
    """"The release of X, who had been arrested 15 months ago, came as ...": a comma-set relative
    clause in the pluperfect tells the past before the story about one of its people, as an aside."""
    if verb.dep_ != "relcl" or not any(c.dep_ == "aux" and c.lower_ == "had" for c in verb.children):
        return False
    head = verb.head
    return head.i + 1 < len(head.doc) and head.doc[head.i + 1].text == "," and verb.i > head.i


def historical(when: Time | None, published: date | None) -> bool:
    """An act the text dates years before its publication ("in 1949"): history in background."""
    if when is None or published is None or not when.value:
        return False
    m = _YEAR.match(when.value)
    return m is not None and int(m.group(1)) <= published.year - HISTORICAL_YEARS
