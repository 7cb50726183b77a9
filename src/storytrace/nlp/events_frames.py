"""Combining triggers into one event each: a verb that only carries a noun event ("launched an
attack"), a participle repeating its verb's act ("struck ..., killing"), and verbs that govern
another act (frames):

    intent   "agreed to lift", "wants to attack"   -> AGREE / CONCEDE / THREATEN (PLOVER: promised
                                                       cooperation is AGREE, a promised retreat is
                                                       CONCEDE, a promised attack is a threat)
    request  "urged Pyongyang to withdraw"         -> REQUEST, mode from the act asked for
    refuse   "refused to meet"                     -> REJECT, mode from the act refused
    threat   "threatened to cut aid", "warned it would strike" -> THREATEN
    allege   "alleged that France helped ..."      -> ACCUSE (allege), the accused as recipient

The governed act is absorbed: it is not stated as having happened.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from storytrace.nlp.attribution import attribution_for
from storytrace.nlp.events_match import Candidate, content, lemma_in, subject_words
from storytrace.nlp.events_roles import Roles, any_resolved, resolve, same_actor, same_party, violence

if TYPE_CHECKING:
    from spacy.tokens import Token

    from storytrace.nlp.context import AnalyzedDoc
    from storytrace.nlp.events_lexicon import Lexicon

COOPERATIVE = {"AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID"}
YIELDING = {"RETREAT", "CONCEDE"}
FORCEFUL = {"ASSAULT", "COERCE", "MOBILIZE", "SANCTION", "PROTEST", "THREATEN"}
CHARGING = {"say", "claim", "allege", "accuse", "charge", "insist", "maintain", "argue", "state", "tell"}
PUNISHING = {"ACCUSE", "REJECT", "COERCE", "SANCTION"}  # "jailed X for helping ...": the reason is alleged
REQUEST_MODES = {"RETREAT": "yield", "CONCEDE": "yield", "CONSULT": "meet", "AID": "assist",
                 "COOPERATE": "assist", "SUPPORT": "assist", "AGREE": "meet"}


@dataclass
class Draft:
    """An event in the making."""

    cand: Candidate
    type: str
    mode: str | None
    context: list[str]
    roles: Roles
    words: list[int]
    absorbed: bool = False
    into: Draft | None = None  # the event this one became part of
    topic: bool = False  # absorbed as what another act is about, not as part of it
    dropped: bool = False
    governed: str | None = None  # the type of the act a frame verb governs
    notes: dict[str, Any] = field(default_factory=dict)

    @property
    def token(self) -> Token:
        return self.cand.token


def threat_mode(d: Draft) -> str:
    if d.type in ("ASSAULT", "MOBILIZE"):
        return "violence"
    if d.type == "COERCE":
        return {"arrest": "arrest", "deport": "expel", "seize": "territory"}.get(d.mode or "", "restrict")
    if d.type == "SANCTION":
        return {"expel": "expel", "withdraw": "relations"}.get(d.mode or "", "restrict")
    if d.type == "REJECT":
        return "relations"
    return "restrict" if d.type == "PROTEST" else "violence"


def request_mode(type_name: str) -> str:
    return REQUEST_MODES.get(type_name, "change")


def absorb(into: Draft, part: Draft, *, roles: bool = True) -> None:
    """``part`` becomes part of ``into``: its words join the trigger, its parties fill gaps."""
    while into.into is not None:
        into = into.into
    part.absorbed = True
    part.into = into
    part.topic = not roles
    into.words = sorted({*into.words, *part.words}) if part.token.i - into.token.i in range(-3, 4) \
        else into.words
    if roles:
        if not any_resolved(into.roles.actors):
            into.roles.add("actor", part.roles.actors)
            into.roles.tokens += part.roles.tokens
        if not any_resolved(into.roles.recipients):
            into.roles.add("recipient", [r for r in part.roles.recipients
                                         if not same_actor([r], into.roles.actors)])
    if into.mode is None and part.type == into.type:
        into.mode = part.mode
    for c in part.context:
        if c not in into.context:
            into.context.append(c)


def merge(ad: AnalyzedDoc, lex: Lexicon, drafts: list[Draft]) -> None:
    """Absorb nominal and participial repeats, then apply the frames (in place)."""
    by_token = {d.token.i: d for d in drafts}
    quantity = lex.cue("quantity_nouns")
    # 0. a word of another trigger is not an act of its own ("went on strike": not an attack)
    for d in drafts:
        for i in d.words:
            n = by_token.get(i)
            if n is not None and n is not d and not n.absorbed and i != d.token.i \
                    and d.token.i not in n.words:
                absorb(d, n, roles=n.type == d.type)
    # an act whose subject is itself an event: "the meeting between X and Y reaffirmed ...";
    # "Israeli strikes on Khartoum killed 20 people" is one act, stated by the noun and the verb
    for d in drafts:
        if d.cand.pos != "verb" or d.absorbed:
            continue
        for s in d.token.children:
            n = by_token.get(s.i)
            if s.dep_ != "nsubj" or n is None or n.absorbed:
                continue
            if n.type == d.type:
                d.roles.actors = [a for a in d.roles.actors if a.id or a.country]
                absorb(d, n)
            elif not any_resolved(d.roles.actors) and any_resolved(n.roles.actors):
                d.roles.actors = [a for a in d.roles.actors if a.id or a.country]
                d.roles.add("actor", n.roles.actors)
    # "the gunmen who attacked the town killed 12 people": one attack, told by both verbs
    for d in drafts:
        if d.cand.pos != "verb" or d.absorbed:
            continue
        for s in d.token.children:
            if s.dep_ not in ("nsubj", "nsubjpass"):
                continue
            for r in s.children:
                n = by_token.get(r.i)
                if r.dep_ in ("relcl", "acl") and n is not None and n is not d and n.type == d.type \
                        and not n.absorbed:  # ("shells fired by X killed ...")
                    absorb(d, n)
    # 1. a verb and the noun events it takes as object or complement: "launched an attack" is one
    #    act; "condemned Russia's attack" is a reaction whose topic is not restated as an event
    for d in drafts:
        if d.cand.pos != "verb":
            continue
        inner = [c for o in d.cand.objects for c in content(o, quantity)]
        inner += [t for toks in d.cand.pp.values() for t in toks]
        # "reaffirmed its commitment to support X": the act the object noun announces
        inner += [a for o in d.cand.objects for a in o.children if a.dep_ in ("acl", "xcomp")
                  and a.tag_ == "VB" and (n := by_token.get(a.i)) is not None and n.type == d.type]
        for child in d.token.children:
            if child.dep_ == "prep" and child.lower_ in ("in", "with", "during", "by", "through"):
                inner += [c for p in child.children if p.dep_ == "pobj" for c in content(p, quantity)
                          if (n := by_token.get(c.i)) is not None and n.type == d.type]
            # "accused X of backing the gunmen", "blamed X for the bombing": the act alleged
            if child.dep_ == "prep" and child.lower_ in ("of", "for", "with") and (
                    d.type in PUNISHING or lex.types[d.type].quad in (1, 3)):
                for t in _inside(child):
                    n = by_token.get(t.i)
                    if n is not None and n is not d and not n.absorbed:
                        absorb(d, n, roles=False)
        # "rejected the accusation he was fighting a proxy war", "denied reports that troops had
        # crossed": what a claim or proposal says is not stated as having happened
        claims = lex.classes.get("claim_noun", set()) | lex.classes.get("proposal", set())
        for o in d.cand.objects:
            if o.lemma_.lower() in claims and lex.types[d.type].quad in (1, 3):
                _absorb_within(d, o, by_token)
        light = d.token.lemma_.lower() in lex.cue("light_verbs")
        for t in inner:
            n = by_token.get(t.i)
            nominal = n is not None and (n.cand.pos == "noun" or n.token.dep_ in ("pobj", "acl"))
            if n is None or n is d or n.absorbed or not nominal:
                continue
            if light or n.type == d.type:
                absorb(d, n)
            else:  # "suspended its partnership", "condemned the attack": the act is the topic
                absorb(d, n, roles=False)
    # an accusation named as a noun: "accusations of the West attempting to destroy Russia"
    for d in drafts:
        if d.cand.pos == "noun" and d.type == "ACCUSE" and not d.absorbed:
            _absorb_within(d, d.token, by_token)
    # 2. the same act stated again by a dependent verb: "struck the station, killing ...",
    #    "could strike if we could strike"
    for d in drafts:
        if d.absorbed or d.cand.pos != "verb" or d.token.dep_ not in ("advcl", "conj", "xcomp"):
            continue
        head = by_token.get(d.token.head.i)
        if head is None or head.type != d.type:
            continue
        if d.token.tag_ in ("VBG", "VBN") or d.token.dep_ in ("xcomp", "advcl"):
            absorb(head, d)
        elif d.token.dep_ == "conj" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in d.token.children) \
                and not any_resolved(d.roles.recipients) and all(o.pos_ == "PRON" for o in d.cand.objects):
            # "broke into parliament and set it on fire": the same crowd's one act told in two
            # verbs; a new target ("struck Kharkiv and shelled Sumy") is an act of its own
            absorb(head, d)
    # 3. frames
    for d in drafts:
        frame = d.cand.pattern.frame
        if frame is None or d.dropped:
            continue
        if d.absorbed:  # a request inside a request: what it asks for is not stated either
            _absorb_governed(d, _complements(d, frame), by_token)
            continue
        _apply_frame(ad, lex, d, frame, by_token)
    # 3b. "demanded that the president resign", "we demand that they return the rifles": what a
    #     demand's that-clause asks for has not happened; its subject is the one asked
    for d in drafts:
        if d.type == "REQUEST" and not (d.absorbed or d.dropped) and d.cand.pos == "verb":
            for c in d.token.children:
                if c.dep_ == "ccomp" and _mandative(c):
                    asked = next((n for t in _inside(c) if (n := by_token.get(t.i)) is not None
                                  and not n.absorbed), None)
                    if asked is not None and d.mode is None:
                        d.mode = request_mode(asked.type)
                    _absorb_governed(d, [c], by_token)
                    if not any_resolved(d.roles.recipients):
                        for s in c.children:
                            if s.dep_ in ("nsubj", "nsubjpass"):
                                d.roles.add("recipient", [r for r in resolve(ad, s, lex)
                                                          if not same_actor([r], d.roles.actors)], s)
    # 4. reactions to an act name no party but the act: "condemned the strikes", "the attack will
    #    not go unanswered" -> those who did it; a denial answers whoever made the accusation
    for d in drafts:
        if d.absorbed or d.dropped or any_resolved(d.roles.recipients):
            continue
        if d.type == "REJECT":
            _accuser(ad, lex, d, drafts)
            if not any_resolved(d.roles.recipients) and d.cand.pattern.frame == "deny":
                _denied_party(lex, d, drafts)
        if not any_resolved(d.roles.recipients) and d.roles.topics and lex.types[d.type].quad in (1, 3):
            _topic_parties(ad, lex, d, drafts, by_token)
        if not any_resolved(d.roles.recipients):
            _addressee(lex, d, by_token)
        if not any_resolved(d.roles.recipients) and d.type == "REQUEST" and (d.governed in YIELDING or any(
                t.lemma_.lower() in lex.cue("release_nouns") for t in _complements(d, "request"))):
            _holder(ad, d, drafts)
        if not any_resolved(d.roles.recipients) and d.type == "THREATEN":
            _answered(ad, lex, d, drafts)


def _answered(ad: AnalyzedDoc, lex: Lexicon, d: Draft, drafts: list[Draft]) -> None:
    """A threat naming nobody ("Beijing vowed resolute countermeasures", "said it would take
    necessary measures") answers the last hostile act done to the one threatening: its author."""
    if not any_resolved(d.roles.actors):
        return
    for e in _earlier(ad, d, drafts, d.token.i, sents=3):
        root = _root(e)
        if root is d or lex.types[root.type].quad not in (3, 4) \
                or not same_party(root.roles.recipients, d.roles.actors):
            continue
        refs = [a for a in root.roles.actors if (a.id or a.country) and not same_party([a], d.roles.actors)]
        if refs:
            d.roles.add("recipient", refs)
            return


def _denied_party(lex: Lexicon, d: Draft, drafts: list[Draft]) -> None:
    """"Israel denied targeting Lebanese soldiers", with no accuser in the text: the denial answers
    the side a denied act of force was done to; a denied help to a rebel group ("denies arming the M23
    rebels") answers the state the group fights, whose country it carries. Help to a state ("denies
    supplying drones to Russia") is denied to a third party the text does not name."""
    for e in drafts:
        if e.into is d and e.topic:
            hostile = lex.types[e.type].quad in (3, 4)
            refs = [r for r in e.roles.recipients
                    if (r.id or r.country) and not same_party([r], d.roles.actors)
                    and (hostile or (r.country and r.id != r.country))]
            if refs:
                d.roles.add("recipient", refs)
                return


def _mandative(c: Token) -> bool:
    """A clause in the mood of a demand: a bare verb with its own subject ("that he resign", "that
    they return"), or "should" / "must" ("that troops should withdraw")."""
    aux = {a.lower_ for a in c.children if a.dep_ in ("aux", "auxpass")}
    if aux & {"should", "must"}:
        return True
    return c.tag_ in ("VB", "VBP") and not aux - {"be"} and any(
        s.dep_ in ("nsubj", "nsubjpass") for s in c.children)


def _addressee(lex: Lexicon, d: Draft, by_token: dict[int, Draft]) -> None:
    """A speech act coordinated with a meeting or call addresses whom the actor met: "spoke to
    President Ruto and urged an immediate truce"."""
    if d.token.dep_ != "conj" or lex.types[d.type].quad not in (1, 3):
        return
    head = by_token.get(d.token.head.i)
    if head is None or head.type != "CONSULT" or not same_actor(head.roles.actors, d.roles.actors):
        return
    d.roles.add("recipient", [r for r in head.roles.recipients if r.id or r.country])


def _holder(ad: AnalyzedDoc, d: Draft, drafts: list[Draft]) -> None:
    """A call for a release no one is named to grant ("called for his release") asks whoever
    holds the person: the last party said to have arrested or detained someone."""
    for e in _earlier(ad, d, drafts, d.token.i):
        root = _root(e)
        if root.type == "COERCE" and root.mode == "arrest":
            refs = [a for a in root.roles.actors
                    if (a.id or a.country) and not same_actor([a], d.roles.actors)]
            if refs:
                d.roles.add("recipient", refs)
                return


def _root(d: Draft) -> Draft:
    """The event a draft became part of (not the reaction it is the topic of)."""
    while d.into is not None and not d.topic:
        d = d.into
    return d


def _earlier(ad: AnalyzedDoc, d: Draft, drafts: list[Draft], before: int, sents: int = 4) -> list[Draft]:
    """Drafts stated before token ``before`` in this or the ``sents`` previous sentences, latest first."""
    here = ad.sent_index(ad.doc[before])
    out = [e for e in drafts if e is not d and e.token.i < before and not e.dropped
           and here - ad.sent_index(e.token) <= sents]
    return sorted(out, key=lambda e: -e.token.i)


def _topic_parties(ad: AnalyzedDoc, lex: Lexicon, d: Draft, drafts: list[Draft],
                   by_token: dict[int, Draft]) -> None:
    """"condemned the strikes" -> whoever struck: the parties of the act the noun names, else of
    the last act of that kind stated before ("the move", "the violence": the last act)."""
    topic_nouns = lex.cue("topic_nouns")
    if not any_resolved(d.roles.actors):
        return  # a reaction by nobody known says nothing about whom it answers
    for i in d.roles.topics:
        tok = ad.doc[i]
        n = by_token.get(i)
        # the act itself, or the act it is part of ("the sanctions imposed by the UN")
        told = None if n is None else n if n.into is None or n.topic or n.into is d else _root(n)
        refs = [a for a in (told.roles.actors if told is not None else []) if a.id or a.country]
        if tok.lower_ in ("it", "this", "that") and tok.pos_ == "PRON":
            # "condemned the strike and called it a violation": what the same speaker just named
            same = next((e for e in _earlier(ad, d, drafts, tok.i, sents=0)
                         if lex.types[e.type].quad in (1, 3) and same_actor(e.roles.actors, d.roles.actors)
                         and any_resolved(e.roles.recipients)), None)
            if same is not None:
                d.roles.add("recipient", [r for r in same.roles.recipients if r.id or r.country])
                return
        definite = tok.dep_ in ("appos", "npadvmod") or any(  # "..., a move that drew condemnation"
            c.dep_ in ("det", "poss") and c.lower_ in ("the", "this", "that", "these", "those", "such", "its",
                                                      "their") for c in tok.children)
        force = violence(tok, lex)  # "condemned excessive force": the last act of force
        if not refs and (definite or force) and (n is not None or tok.lemma_.lower() in topic_nouns or force):
            earlier = _earlier(ad, d, drafts, tok.i)
            lemma = tok.lemma_.lower()
            related = _related_types(lex, tok, n)
            # the same word first ("the tariffs"), then the same kind of act, then a related one
            for rank in range(3):
                for e in earlier:
                    root = _root(e)
                    same_word = any(_same_stem(ad.doc[w].lemma_.lower(), lemma) for w in e.words)
                    ok = same_word if rank == 0 else (n is not None and e.type == n.type) if rank == 1 \
                        else e.type in related
                    if root is d or not ok:
                        continue
                    refs = [a for a in root.roles.actors
                            if (a.id or a.country) and not same_actor([a], d.roles.actors)]
                    if refs:
                        break
                if refs:
                    break
        refs = [r.model_copy(update={"text": r.name}) if (r.text or "").lower() in PRONOUNS and r.name else r
                for r in refs if not same_actor([r], d.roles.actors)]
        if refs:
            d.roles.add("recipient", refs)
            return


def _same_stem(verb: str, noun: str) -> bool:
    """A noun naming the act a verb told ("declared" -> "the declaration", "imposed" -> "the
    imposition", "deployed" -> "the deployment"): the same lemma, or the same first five letters."""
    return verb == noun or (len(verb) >= 5 and len(noun) >= 5 and verb[:5] == noun[:5])


THIRD_PERSON = {"it", "them", "him", "her", "they", "he", "she"}
PRONOUNS = {"it", "its", "they", "them", "their", "he", "him", "his", "she", "her", "we", "us", "our"}


def _related_types(lex: Lexicon, tok: Token, n: Draft | None) -> set[str]:
    """The kinds of act a noun can refer back to: "the raids" -> force, "the deal" -> agreements,
    "the talks" -> meetings, "the move" -> any material act."""
    lemma = tok.lemma_.lower()
    if lemma in lex.classes.get("agreement", ()):
        return {"SUPPORT", "AGREE", "COOPERATE"}
    if lemma in lex.classes.get("proposal", ()):  # "rejected the offer": the offer made before
        return {"AGREE", "CONCEDE", "REQUEST", "SUPPORT"}
    if lemma in lex.classes.get("meeting", ()):
        return {"CONSULT", "AGREE"}
    if lemma in lex.classes.get("commitment", ()):  # "refused to commit to the target": who set it
        return {"AGREE"}  # (the ones who set it, not those who welcomed it afterwards)
    if n is not None:
        quad = lex.types[n.type].quad
        return {name for name, info in lex.types.items() if info.quad == quad}
    return {name for name, info in lex.types.items() if info.quad in (2, 4)}


def _accuser(ad: AnalyzedDoc, lex: Lexicon, d: Draft, drafts: list[Draft]) -> None:
    """Whom a rejection or denial answers: the one who made the claim ("a charge Islamabad
    rejected" after "India accused ..."; "mass arrests, which the government denied" after
    "rights groups reported ..."), else the last party that accused the one denying."""
    for o in d.cand.objects:
        if d.token.dep_ != "relcl" or d.token.head.i != o.i:
            continue
        said = o.head  # the clause the claim comments on ("X accused Y of ..., a charge Z denied")
        for _ in range(4):
            if said.pos_ in ("VERB", "AUX") or said.head.i == said.i:
                break
            said = said.head
        if said.pos_ in ("VERB", "AUX") and o.dep_ in ("npadvmod", "appos", "dobj", "attr", "advcl"):
            for s in subject_words(said):
                refs = [r for r in resolve(ad, s, lex) if not same_actor([r], d.roles.actors)]
                if refs:
                    d.roles.add("recipient", refs, s)
                    return
    if not any_resolved(d.roles.actors):
        return
    if d.cand.pattern.frame == "deny":
        # "Rwanda denies arming the rebels, Congo says": the one who reports another's denial of an
        # act is the side that charges it (a party, not the press or a monitor)
        report = attribution_for(ad, d.token)
        src = report.source if report is not None else None
        if src is not None and (src.id or src.country) and not same_party([src], d.roles.actors) \
                and report is not None and report.cue_token is not None \
                and ad.doc[report.cue_token].lemma_.lower() in CHARGING:
            d.roles.add("recipient", [src])
            return
    for e in _earlier(ad, d, drafts, d.token.i):
        root = _root(e)
        mutual = root.cand.pattern.reciprocal and same_actor(root.roles.actors, d.roles.actors)
        if root.type == "ACCUSE" and mutual:
            # "X and Y traded accusations ... Y dismissed the remarks": the other side
            refs = [a for a in root.roles.actors
                    if (a.id or a.country) and not same_actor([a], d.roles.actors)]
            if refs:
                d.roles.add("recipient", refs)
                return
        if root.type == "ACCUSE" and same_actor(root.roles.recipients, d.roles.actors):
            refs = [a for a in root.roles.actors
                    if (a.id or a.country) and not same_actor([a], d.roles.actors)]
            if refs:
                d.roles.add("recipient", refs)
                return


def _complements(d: Draft, frame: str) -> list[Token]:
    tok = d.token
    deps = ("xcomp",) if frame in ("intent", "request", "refuse") else ("xcomp", "ccomp")
    if frame in ("threat",):
        deps = ("xcomp", "ccomp")
    out = [c for c in tok.children if c.dep_ in deps]
    if frame == "deny":  # "blocked the government from deporting ..."
        out += [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "from"
                for g in c.children if g.dep_ == "pcomp"]
    # "called on Hungary to lift ...": a to-infinitive the parser hung on as an adverbial clause
    out += [c for c in tok.children if c.dep_ == "advcl" and c.tag_ == "VB"
            and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
            and not any(m.dep_ == "mark" for m in c.children)]
    if frame == "request":  # "wants Putin to attack": a to-clause with its own subject
        out += [c for c in tok.children if c.dep_ == "ccomp" and any(
            a.dep_ == "aux" and a.lower_ == "to" for a in c.children)]
    if tok.pos_ == "ADJ":
        out += [c for c in tok.children if c.dep_ in ("xcomp", "ccomp")]
    if frame == "request":
        out += [p for c in tok.children if c.dep_ == "prep" and c.lower_ == "for"
                for p in c.children if p.dep_ == "pobj"]
    return out


def _find_draft(comp: Token, by_token: dict[int, Draft], frame: Draft) -> Draft | None:
    def free(x: Draft | None) -> bool:  # not yet part of another act (or only of this frame)
        return x is not None and (not x.absorbed or x.into is frame)

    d = by_token.get(comp.i)
    if free(d):
        return d
    # a nominal complement: "called for an end to X's cooperation with Y"
    if comp.pos_ in ("NOUN", "PROPN"):
        for t in comp.subtree:
            d = by_token.get(t.i)
            if free(d) and t.i != comp.i:
                return d
    # "warned that attacks would continue": the act is the subject of the complement clause
    if comp.pos_ in ("VERB", "AUX"):
        for s in comp.children:
            d = by_token.get(s.i)
            if s.dep_ in ("nsubj", "nsubjpass") and free(d):
                return d
    return None


def _apply_frame(ad: AnalyzedDoc, lex: Lexicon, d: Draft, frame: str, by_token: dict[int, Draft]) -> None:
    comps = _complements(d, frame)
    if frame == "deny":  # "X accused Y of ..., a charge Y denied": the accusation is not denied content
        comps = [c for c in comps if c.i > d.token.i]
    inner = None
    for comp in comps:
        inner = _find_draft(comp, by_token, d)
        if inner is not None and inner is not d:
            break
        inner = None
    require = d.cand.pattern.require
    if ("complement" in require and not comps) or ("event" in require and inner is None):
        d.dropped = True
        return
    if frame == "intent" and lemma_in(d.token, lex.cue("expectation_verbs")) and any(
            any(c.dep_ in ("nsubj", "nsubjpass") for c in comp.children)
            and not any(c.dep_ == "aux" and c.lower_ == "to" for c in comp.children) for comp in comps):
        # "Kigali hopes French officials will be indicted": what another is hoped to do or undergo
        # is foreseen (see events_background), not promised by the one who hopes
        d.dropped = True
        return
    if frame == "intent":
        if inner is None:
            if d.type == "AGREE" and not any_resolved(d.roles.recipients):
                _first_actor_in(ad, lex, d, comps)  # "agreed to accept deportation flights from the US"
            _absorb_governed(d, comps, by_token)
            return
        t = inner.type
        new = ("AGREE" if t in COOPERATIVE else "CONCEDE" if t in YIELDING
               else "THREATEN" if t in FORCEFUL else t)
        if t in ("MOBILIZE", "SANCTION", "AID") and d.token.lemma_.lower() in lex.cue("decision_verbs"):
            new = t  # "decided to send troops", "plans to impose tariffs": a decision, not a threat
        d.mode = threat_mode(inner) if new == "THREATEN" else (inner.mode if new == t else None)
        d.type = new
    elif frame == "request":
        d.type = "REQUEST"
        d.mode = request_mode(inner.type) if inner is not None else d.mode
        if not any_resolved(d.roles.recipients):
            if inner is not None and any_resolved(inner.roles.actors):
                asked = [r for r in inner.roles.actors if not same_party([r], d.roles.actors)]
                d.roles.add("recipient", asked)
            else:
                _first_actor_in(ad, lex, d, comps)
    elif frame == "refuse":
        if inner is None:
            speech = lex.cue("speaker_verbs") | lex.cue("comment_verbs")
            if any(c.lemma_.lower() in speech for c in comps):
                d.dropped = True  # "declined to comment", "refused to say how many": no act refused
            return
        d.type = "REJECT"
        d.mode = request_mode(inner.type)
    elif frame == "threat":
        if inner is None:
            if not any_resolved(d.roles.recipients) and not d.cand.objects:
                # "threatened to make it pay": the party the threatened clause is about
                _first_actor_in(ad, lex, d, comps, pronouns=True)
                return
            if not any_resolved(d.roles.recipients):
                d.dropped = True  # "the drills threatened regional peace": endangering, no threat made
            return
        via_clause = inner.token.dep_ == "ccomp" or inner.token.head.i != d.token.i
        if inner.type not in FORCEFUL or (via_clause and not _future_same_actor(d, inner)):
            if d.cand.pattern.require:
                d.dropped = True
            return
        d.type = "THREATEN"
        d.mode = threat_mode(inner)
    elif frame == "deny":  # the act denied or prevented is not stated; the denial is a rejection
        d.type = "REJECT"
        d.mode = d.cand.pattern.mode
    elif frame == "allege":
        d.type = "ACCUSE"
        d.mode = "allege"
        if inner is not None:
            d.roles.add("recipient", [r for r in inner.roles.actors if not same_party([r], d.roles.actors)])
        if not any_resolved(d.roles.recipients):
            for comp in comps:
                for s in comp.children:
                    if s.dep_ in ("nsubj", "nsubjpass"):
                        d.roles.add("recipient", resolve(ad, s, lex), s)
    if frame == "request" and not any_resolved(d.roles.recipients):
        for comp in comps:  # the addressee is the subject of the to-clause
            for subj in comp.children:
                if subj.dep_ == "nsubj" and comp.dep_ == "ccomp":
                    d.roles.add("recipient", resolve(ad, subj, lex), subj)
    if inner is not None:
        d.governed = inner.type
        absorb(d, inner, roles=frame in ("intent", "refuse", "threat"))
        if frame == "refuse" and not any_resolved(d.roles.recipients):
            # "refused to commit to the target": what the refused act is about names whom it answers
            d.roles.topics += [i for i in inner.roles.topics if i not in d.roles.topics]
    if frame == "intent" and d.type in ("AGREE", "CONCEDE") and not any_resolved(d.roles.recipients):
        _first_actor_in(ad, lex, d, comps)  # "agreed to accept deportation flights from the US"
    _absorb_governed(d, comps, by_token)


def _inside(tok: Token) -> list[Token]:
    """``tok``'s subtree without the comments hung on it: relative clauses and appositions
    ("accused Kabul of sheltering the fighters, a charge the Taliban denied")."""
    out = [tok]
    stack = [c for c in tok.children if c.dep_ not in ("relcl", "appos")]
    while stack:
        t = stack.pop()
        out.append(t)
        stack.extend(c for c in t.children if c.dep_ not in ("relcl", "appos"))
    return out


def _absorb_within(d: Draft, noun: Token, by_token: dict[int, Draft]) -> None:
    """Acts stated inside a claim noun's complements ("the claim that X attacked", "accusations of
    X attempting ...") are what is claimed."""
    for c in noun.children:
        if c.dep_ in ("acl", "ccomp") or (c.dep_ == "prep" and c.lower_ in ("of", "about", "over", "that")):
            for t in _inside(c):
                other = by_token.get(t.i)
                if other is not None and other is not d and not other.absorbed:
                    absorb(d, other, roles=False)


def _absorb_governed(d: Draft, comps: list[Token], by_token: dict[int, Draft]) -> None:
    """Everything said inside the governed clause is asked for / promised / alleged, not reported."""
    for comp in comps:
        for t in _inside(comp):
            other = by_token.get(t.i)
            if other is not None and other is not d and not other.absorbed:
                absorb(d, other, roles=False)


def _future_same_actor(frame: Draft, inner: Draft) -> bool:
    """"Russia warned it would strike": the warner announces its own future act."""
    modal = {c.lower_ for c in inner.token.children if c.dep_ == "aux"}
    if not modal & {"will", "would", "'ll", "shall", "could", "wo", "might", "may"}:
        return False
    return not inner.roles.actors or same_party(frame.roles.actors, inner.roles.actors) or any(
        s.lower_ in ("it", "we", "they", "he", "she", "i") for s in inner.token.children if s.dep_ == "nsubj")


def _first_actor_in(ad: AnalyzedDoc, lex: Lexicon, d: Draft, comps: list[Token], *,
                    pronouns: bool = False) -> None:
    for comp in comps:
        for t in comp.subtree:
            if pronouns and t.pos_ == "PRON" and t.lower_ in THIRD_PERSON \
                    and t.dep_ in ("nsubj", "dobj", "pobj"):
                refs = [r.model_copy(update={"text": r.name or r.text}) for r in resolve(ad, t, lex)
                        if not same_party([r], d.roles.actors)]
                if refs:
                    d.roles.add("recipient", refs, t)
                    return
            # a state named as where from or to ("flights from the United States") counts too
            places = t.dep_ == "pobj" and t.head.lower_ in ("from", "to", "with")
            if t.pos_ in ("PROPN", "NOUN", "ADJ") and ad.actors is not None \
                    and ad.actors.at(t.i, places=places) is not None:
                refs = [r for r in resolve(ad, t, lex, places=places) if not same_party([r], d.roles.actors)]
                if refs:
                    d.roles.add("recipient", refs, t)
                    return
