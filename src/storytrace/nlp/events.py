"""The events layer: who did what to whom, coded in PLOVER (16 types with modes and contexts).

    find triggers (lexicon, by lemma)  ->  actors and recipients (dependency structure,
    resolved by the actor layer)  ->  one event per trigger (frames, light verbs, repeats)
    ->  status, time, place, size, evidence span  ->  Event records

An event is emitted only with a real trigger and at least one resolved participant. A trigger
that fails is skipped with a warning; the others go on (strict mode raises).
"""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING, Any

from storytrace.nlp.context import AnalyzedDoc
from storytrace.nlp.events_background import historical, not_stated
from storytrace.nlp.events_details import (
    clause_tokens,
    contexts_from_words,
    doc_text,
    is_future_time,
    mode_from_words,
    published_time,
    size_of,
    span_of,
    when_of,
    where_of,
)
from storytrace.nlp.events_frames import Draft, absorb, merge, request_mode, threat_mode
from storytrace.nlp.events_lexicon import Lexicon, lexicon
from storytrace.nlp.events_match import Candidate, content, find, subject_words
from storytrace.nlp.events_roles import (
    Roles,
    adjective_roles,
    any_resolved,
    crowd_actor,
    note_parties,
    noun_roles,
    resolved,
    same_party,
    story_state,
    verb_roles,
)
from storytrace.nlp.events_roles import resolve as resolve_refs
from storytrace.nlp.events_status import anchor_of, status_of
from storytrace.records import ActorRef, Event

if TYPE_CHECKING:
    from spacy.tokens import Token

log = logging.getLogger(__name__)

VERBAL = {1, 3}  # quads of speech acts: their time is the time of the statement
THREAT_TYPES = {"ASSAULT", "COERCE"}  # acts of force a speaker can announce as a threat
RETALIATE = {"respond", "retaliate", "react", "answer", "hit", "strike"}  # "would respond with tariffs"
MATERIAL = {2, 4}  # quads of material acts
MUTUAL = {"CONSULT", "AGREE", "SUPPORT", "COOPERATE", "CONCEDE"}  # joint acts are done to each other
MUTUAL_AGREEMENT = {"agree", "consent", "commit", "sign"}  # verbs of agreeing on a ceasefire together


def extract(ad: AnalyzedDoc) -> list[Event]:
    lex = lexicon(ad.res)
    drafts: list[Draft] = []
    for cand in find(ad, lex):
        if _headline(ad, cand.token):
            continue
        draft = _guard(ad, cand, lambda c=cand: _draft(ad, lex, c))
        if draft is not None:
            drafts.append(draft)
    merge(ad, lex, drafts)
    by_token = {d.token.i: d for d in drafts}
    for d in drafts:
        if not (d.absorbed or d.dropped):
            why = _guard(ad, d.cand, lambda d=d: not_stated(lex, d, set(by_token)))
            if why is not None:
                log.debug("%s: %s %r at %d only mentioned (%s)", ad.doc_id, d.type, d.token.text,
                          d.token.idx, why)
                d.dropped = True
                # "ratified the treaty he signed with Putin": the known act names the parties
                # of the act its noun takes part in
                outer = by_token.get(d.token.head.head.i) if why == "presupposed" else None
                if outer is not None and not (outer.absorbed or outer.dropped):
                    absorb(outer, d)
    events: list[Event] = []
    for d in drafts:
        if d.absorbed or d.dropped:
            continue
        made = _guard(ad, d.cand, lambda d=d: _event(ad, lex, d))
        if made is None:
            continue
        event, cue = made
        if not _repeated(ad, d, event, events):
            events.append(event)
            # a state's allegation is read from a clause it states, not from a noun in passing
            claim = None if d.cand.pos == "noun" else _guard(
                ad, d.cand, lambda e=event, c=cue, d=d: _allegation(ad, e, c, d))
            if claim is not None:
                events.append(claim)
    return _dedupe(ad, events)


def _guard(ad: AnalyzedDoc, cand: Candidate, work):  # type: ignore[no-untyped-def]
    """Degrade per trigger: one bad candidate never loses the document's other events."""
    try:
        return work()
    except Exception as exc:
        if ad.res.strict:
            raise
        log.warning("%s: event trigger %r at %d skipped: %s: %s", ad.doc_id, cand.token.text,
                    cand.token.idx, type(exc).__name__, exc)
        return None


def _draft(ad: AnalyzedDoc, lex: Lexicon, cand: Candidate) -> Draft:
    info = lex.types[cand.type]
    if cand.pos == "verb":
        roles = verb_roles(ad, cand, lex, info)
    elif cand.pos == "noun":
        roles = noun_roles(ad, cand, lex, info)
    else:
        roles = adjective_roles(ad, cand, lex, info)
    if cand.type == "PROTEST":
        crowd_actor(ad, lex, roles, cand.token)
    if cand.pattern.speaker and not any_resolved(roles.actors):
        # "the attack will not go unanswered, the minister said": the speaker threatens
        said = status_of(ad, lex, cand.token, [], "", False).reported_by
        if said is not None and (said.id or said.country):
            roles.actors = [said]
    note_parties(ad, cand.token, roles)
    context = list(dict.fromkeys([*info.context, *cand.pattern.context]))
    return Draft(cand, cand.type, cand.pattern.mode, context, roles, list(cand.words))


def _event(ad: AnalyzedDoc, lex: Lexicon, d: Draft) -> tuple[Event, int | None] | None:
    """The event of a draft, and the token of the verb that reports it (if any)."""
    roles = d.roles
    _counted_parties(ad, lex, d, roles)
    if d.type == "COERCE" and d.cand.pos == "noun":
        _bounty(ad, lex, d)
    if d.type == "AID" and not any_resolved(roles.actors) and any(o.lemma_.lower() in ASYLUM
                                                                  for o in d.cand.objects):
        _host(ad, lex, d, roles)
    require = d.cand.pattern.require
    p = d.cand.pattern
    if not (any_resolved(roles.actors) or any_resolved(roles.recipients)):
        return None
    if d.type == "AID" and not any_resolved(roles.actors):
        return None  # "thousands of civilians were evacuated": help with no giver is no dyad (PLOVER)
    if roles.from_place and not roles.actors:
        return None  # nobody acts, somewhere: "a laser was fired at a sample in Japan"
    if not any_resolved(roles.actors) and not any(r.country or (r.id and ":" not in r.id)
                                                  for r in roles.recipients):
        return None  # "the release of X" (a person of no known state) with nobody acting: no dyad at all
    if d.type == "CONSULT" and d.cand.pattern.trigger.head in ("visit", "tour", "trip"):
        # a leader touring home is not a consultation
        roles.recipients = [r for r in roles.recipients if not same_party([r], roles.actors)]
    if d.type == "COERCE" and d.mode == "seize":
        # "Russia retook the town in Kursk": a state taking back its own ground takes it from
        # whoever held it, not from itself
        roles.recipients = [r for r in roles.recipients if not same_party([r], roles.actors)]
    if "actor" in require and not any_resolved(roles.actors):
        return None
    if "recipient" in require and not any_resolved(roles.recipients):
        return None
    if (not roles.actors and _subjectless(d)) or _discussed(d):
        return None  # "to invade X", "how to strengthen ties": nobody is said to act
    if d.type in ("CONSULT", "REQUEST") and _to_the_press(ad, lex, d.token):
        return None  # "told the BBC", "speaking to French media": an interview, no dyad
    _drop_self_recipients(roles)
    if not any_resolved(roles.recipients):
        _implied_recipient(ad, lex, d, roles)
    anchor = anchor_of(d.token)
    clause = clause_tokens(anchor)
    if d.token not in clause:
        clause = sorted({*clause, *d.token.subtree}, key=lambda t: t.i)
    own = clause_tokens(anchor, own=True) if d.cand.pattern.frame and anchor.i == d.token.i else clause
    own_time = when_of(ad, own)
    clause_text = " ".join(t.lower_ for t in own)
    st = status_of(ad, lex, d.token, roles.actors, clause_text, is_future_time(ad, own_time))
    type_name, mode = d.type, d.mode
    info = lex.types[type_name]
    extra: dict[str, object] = {}
    status = st.status
    if st.intent and info.future and d.governed is None:
        # PLOVER: announced cooperation is AGREE, an announced retreat is CONCEDE
        extra["announced"] = type_name
        type_name, mode = info.future, None
        status = "reported" if st.reported_by is not None and not same_party([st.reported_by], roles.actors) \
            else "asserted"
    elif (st.intent or (st.tense == "future" and st.status == "hypothetical")) \
            and (type_name in THREAT_TYPES or d.token.lemma_.lower() in RETALIATE) \
            and d.governed is None and st.reported_by is not None \
            and same_party([st.reported_by], roles.actors):
        # PLOVER: force the actor itself says it will use is a threat ("said it would retaliate")
        extra["announced"] = type_name
        mode = threat_mode(d)
        type_name = "THREATEN"
        status = "asserted"
        if not any_resolved(roles.recipients):
            _threatened(ad, lex, anchor, roles)
    elif st.refused and info.refused and (d.governed is None or (
            type_name == "AGREE" and d.cand.pattern.frame == "intent")):
        extra["refused"] = type_name
        mode = request_mode(d.governed if type_name == "AGREE" and d.governed else type_name)
        type_name = info.refused
        status = "reported" if st.reported_by is not None and not same_party([st.reported_by], roles.actors) \
            else "asserted"
    if p.speaker and st.reported_by is not None and (st.reported_by.id or st.reported_by.country) \
            and not same_party([st.reported_by], roles.actors):
        return None  # "Ukrainians have a right to defend themselves, X said": X threatens nobody
    if p.roles == "accused" and (status == "negated" or same_party(roles.recipients, roles.actors)):
        return None  # "Hamas said it was not reneging", "Israel said it bore responsibility": no charge
    if p.speaker and st.reported_by is None and d.token.lemma_.lower() in lex.cue("claimed_right_verbs"):
        return None  # "Israel had every right to respond": a right no one claims in the text is no threat
    in_passing = d.cand.pos == "noun" and d.token.dep_ == "pobj" and anchor.i != d.token.i \
        and anchor.lemma_.lower() not in lex.cue("light_verbs")
    if in_passing and status in ("negated", "predicted", "hypothetical"):
        # "has not appeared since Russia's invasion": a past act named in passing keeps its own status
        status = "reported" if st.reported_by is not None and not same_party([st.reported_by], roles.actors) \
            else "asserted"
    if (p.speaker or p.modal or p.negative) and status in ("predicted", "negated"):
        # the future or the negation is what is said ("would face consequences"), not its status
        status = "reported" if st.reported_by is not None and not same_party([st.reported_by], roles.actors) \
            else "asserted"
    info = lex.types[type_name]
    if mode is not None and mode not in info.modes:
        mode = None
    if mode is None and type_name in lex.mode_words:
        mode = mode_from_words(ad, lex, type_name, _words_for_modes(ad, d, clause))
    context = list(d.context)
    for c in contexts_from_words(ad, lex, clause):  # what the whole clause is about
        if c not in context:
            context.append(c)
    # time: the clause's own; for speech acts the statement's; else the publication date
    when = own_time
    if when is None and st.source_cue is not None and info.quad in VERBAL and st.reported_by is not None \
            and same_party([st.reported_by], roles.actors):
        when = when_of(ad, clause_tokens(ad.doc[st.source_cue]))
    if when is None and status in ("asserted", "reported", "hedged") and st.tense in ("past", "present"):
        when = published_time(ad, d.token.idx)
        if when is not None:
            extra["when_inferred"] = True
    if type_name == "REJECT" and status == "negated":
        return None  # "did not rule out talks": no rejection
    if status == "hypothetical" and info.quad in MATERIAL:
        return None  # "if Beijing invades", "we could strike if ...": a condition, not an act (PLOVER)
    if historical(own_time, ad.published):
        extra["historical"] = True  # "travelling to Moscow in 1949": kept, dated, flagged
        context.append("historical")  # PLOVER's auxiliary mode goes into the context
    if type_name == "CONCEDE" and p.reciprocal and d.token.lemma_.lower() in MUTUAL_AGREEMENT and (
            len({a.country or a.id for a in roles.actors if a.country or a.id}) >= 2
            or any_resolved(roles.recipients)):
        type_name = "AGREE"  # two sides agreeing on a ceasefire commit to each other (one side: CONCEDE)
    if not roles.recipients and (p.reciprocal or (type_name in MUTUAL and not roles.topics)):
        # "India and Pakistan agreed to a ceasefire": each side acts toward the other
        sides: list[ActorRef] = []
        for a in roles.actors:
            if (a.id or a.country) and not any((a.country or a.id) == (s.country or s.id) for s in sides):
                sides.append(a)
        if len(sides) >= 2:
            roles.recipients = list(sides)
    here = ad.sent_index(d.token)
    span = span_of(ad, clause, [*d.words, *[i for i in roles.tokens if ad.sent_index(i) == here]])
    trigger = _trigger_text(ad, d.words)
    event = Event(type=type_name, mode=mode, context=context,  # type: ignore[arg-type]
                  actors=_with_organizations(ad, roles.actors),
                  recipients=_with_organizations(ad, roles.recipients), when=when, where=where_of(ad, own),
                  status=status, reported_by=st.reported_by, size=size_of(ad, anchor),  # type: ignore[arg-type]
                  trigger=trigger, span=span, **extra)
    return event, st.source_cue


def _with_organizations(ad: AnalyzedDoc, refs: list[ActorRef]) -> list[ActorRef]:
    """A person acting in an international office acts for the organization too: "UN chief
    António Guterres called for restraint" has the UN among its actors (as PLOVER and event
    datasets code it), next to the person."""
    from storytrace.nlp.actors import dictionary

    out = list(refs)
    d = dictionary(ad.res)
    for ref in refs:
        if not (ref.id or "").startswith("person:"):
            continue
        record = d.record(ref.id or "")
        office = record.office_on(ad.published) if record is not None else None
        if office is None or not office.where.startswith(("igo:", "org:")):
            continue
        org = d.record(office.where)
        if org is not None and not any(r.id == org.id for r in out):
            out.append(ActorRef(id=org.id, name=org.name, text=ref.text, country=org.country))
    return out


ALLEGED = {"ASSAULT", "COERCE"}
SELF_WORDS = {"it", "us", "we", "our", "its", "itself", "ourselves", "me", "i", "my"}
NOT_A_PARTY = {"COP", "JRN", "MED", "SPY", "CVL", "UNK", "EDU"}  # reporters, not parties


def _allegation(ad: AnalyzedDoc, event: Event, cue: int | None, d: Draft) -> Event | None:
    """"Israel said a shell was fired at it from Gaza": a state (or its official) telling of
    force used against itself by another party accuses that party (PLOVER ACCUSE allege); the
    act itself stays a reported event of its own. Reporting force used against others ("X said
    Russia struck Kyiv") is a report, not an accusation, unless the verb accuses ("claimed")."""
    by = event.reported_by
    if event.type not in ALLEGED or event.status != "reported" or cue is None or by is None:
        return None
    if not by.country or same_party([by], event.actors) or not any_resolved(event.actors):
        return None
    verb = ad.doc[cue]
    lemma = verb.lemma_.lower()
    if lemma not in ("say", "claim", "state", "announce", "tell", "report", "accuse", "charge", "allege"):
        return None
    if lemma not in ("claim", "accuse", "charge", "allege") and not any(
            ad.doc[i].lower_ in SELF_WORDS and ad.doc[i].dep_ in ("pobj", "dobj", "nsubjpass", "poss")
            for i in d.roles.tokens):
        return None  # "X said Y attacked Z" reports; "X said it was attacked by Y" accuses Y
    subj = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    mentions = ad.actors.phrase(subj[0]) if subj and ad.actors is not None else []
    if not mentions or mentions[0].sector in NOT_A_PARTY:
        return None
    clause = clause_tokens(verb)
    span = span_of(ad, clause, [cue])
    when = when_of(ad, clause) or event.when
    extra: dict[str, Any] = {"alleged": event.type}  # the kind of act alleged
    return Event(type="ACCUSE", mode="allege", context=list(event.context), actors=[by],
                 recipients=[a for a in event.actors if a.id or a.country], when=when, where=None,
                 status="asserted", reported_by=None, trigger=verb.text, span=span, **extra)


def _threatened(ad: AnalyzedDoc, lex: Lexicon, anchor: Token, roles: Roles) -> None:
    """"would strike forcefully if India broke the truce": a conditional threat is aimed at the
    party whose act the condition names."""
    for c in anchor.children:
        if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless", "should")
                                     for m in c.children):
            for s in c.children:
                if s.dep_ in ("nsubj", "nsubjpass"):
                    refs = [r for r in resolve_refs(ad, s, lex) if not same_party([r], roles.actors)]
                    if any_resolved(refs):
                        roles.add("recipient", refs, s)
                        return


def _bounty(ad: AnalyzedDoc, lex: Lexicon, d: Draft) -> None:
    """"raised its reward for information leading to Maduro's arrest": a bounty for someone's
    arrest or capture threatens that party (PLOVER THREATEN arrest) by whoever offers it."""
    bounties = lex.cue("bounty_nouns")
    node, verb = d.token, None
    for _ in range(7):  # up through "for information leading to ..." to the noun or verb of the bounty
        if node.head.i == node.i:
            return
        node = node.head
        if node.pos_ == "NOUN" and node.lemma_.lower() in bounties:
            verb = node.head if node.head.pos_ in ("VERB", "AUX") and node.head.i != node.i else None
            break
        if node.pos_ in ("VERB", "AUX"):
            if any(c.dep_ in ("dobj", "obj") and c.lemma_.lower() in bounties for c in node.children):
                verb = node  # "raised its reward for information ...": the parser hung "for" on the verb
                break
            if node.dep_ != "acl":
                return
    if verb is None:
        return
    offerers = [r for s in subject_words(verb) for r in resolve_refs(ad, s, lex)]
    if not any_resolved(offerers):
        return
    d.type, d.mode = "THREATEN", "arrest"
    d.roles.actors = offerers
    d.roles.recipients = [r for r in d.roles.recipients if not same_party([r], offerers)]


ASYLUM = {"asylum", "refuge", "sanctuary"}


def _host(ad: AnalyzedDoc, lex: Lexicon, d: Draft, roles: Roles) -> None:
    """"he arrived in Moscow and has been granted asylum there": asylum granted by nobody named is
    granted by the state where it is given: the place of the clause, else the last place named
    before it in the sentence."""
    if not ad.places:
        return
    sent = d.token.sent
    lo, hi = sent.start_char, d.token.idx
    before = [p for p in ad.places if lo <= p.span.start < hi and p.country]
    if not before:
        return
    place = before[-1]
    if not any_resolved(roles.recipients) and d.cand.passive:  # "he arrived ... and has been granted asylum"
        for t in subject_words(d.token):
            roles.add("recipient", resolve_refs(ad, t, lex), t)
    refs = [r for r in roles.recipients if r.country == place.country]
    if refs:
        return  # a refugee's own state does not host him
    roles.actors = [ActorRef(id=place.country, name=place.name, text=place.text, country=place.country)]


def _words_for_modes(ad: AnalyzedDoc, d: Draft, clause: list[Token]) -> list[Token]:
    words = [ad.doc[i] for i in d.words]
    return words + [t for t in clause if t.i not in d.words]


def _trigger_text(ad: AnalyzedDoc, words: list[int]) -> str:
    if words[-1] - words[0] + 1 == len(words) or words[-1] - words[0] <= 4:
        return ad.doc[words[0]:words[-1] + 1].text
    return " ... ".join(ad.doc[i].text for i in words)


def _subjectless(d: Draft) -> bool:
    """An infinitive or gerund with no subject anywhere: an act talked about, not reported."""
    tok = d.token
    if d.cand.pos != "verb" or d.cand.passive:
        return False
    return tok.tag_ in ("VB", "VBG") and not any(c.dep_ in ("nsubj", "aux") and c.lower_ not in ("to",)
                                                 for c in tok.children)


def _implied_recipient(ad: AnalyzedDoc, lex: Lexicon, d: Draft, roles: Roles) -> None:
    """Recipients the text leaves to the context: aid with no recipient goes to the state the
    story is set in ("Greece sent rescue teams" in a story about an earthquake in Turkey); an
    unnamed person a state arrests is one of its own ("authorities detained the former premier")."""
    quantity = lex.cue("quantity_nouns")
    given = [c for o in d.cand.objects for c in content(o, quantity)]  # "pledged 400 million euros in aid"
    aid = d.type == "AID" or (d.type == "AGREE" and (d.governed == "AID" or any(
        c.lemma_.lower() in lex.classes.get("aid", ()) for c in given)))
    calm = d.type == "REQUEST" and any(c.lemma_.lower() in lex.cue("calm_nouns")
                                       for c in [*given, *d.cand.objects])
    if aid or calm:
        # "the US called for restraint" in a story about protests in Kenya asks the story's state
        home = story_state(ad)
        if home and not any(a.country == home for a in roles.actors) and any_resolved(roles.actors):
            m = next((m for m in ad.actors.before(d.token.i, persons=False, limit_tokens=2000)
                      if m.country == home), None) if ad.actors is not None else None
            roles.recipients.append(ActorRef(id=home, name=m.name if m else home, text=m.text if m else None,
                                             country=home))
    elif d.type == "COERCE":
        state = next((a.country for a in roles.actors if a.country), None)
        if state:
            roles.recipients = [r.model_copy(update={"country": state}) if not resolved(r) and r.text else r
                                for r in roles.recipients]


COUNT = re.compile(r"^(?:(?:about|around|at least|more than|nearly|almost|some|over|up to|roughly|another|"
                   r"the|at most|fewer than|less than)\s+)*(?:\d[\d,.]*|dozens|hundreds|thousands|scores|"
                   r"tens|millions|several|a dozen|a hundred|two|three|four|five|six|seven|eight|nine|ten)\b")
VICTIM_TYPES = {"ASSAULT", "COERCE"}


def _counted(ref: ActorRef, lex: Lexicon) -> bool:
    """An unnamed party told by its number ("33 hostages", "about 200 people", "dozens"): a count
    of people or captives, no actor of its own."""
    if ref.id or not ref.text:
        return False
    text = ref.text.lower()
    if not COUNT.match(text):
        return False
    last = text.split()[-1]
    words = lex.classes.get("people", set()) | lex.classes.get("captive", set())
    return last in words or last.rstrip("s") in words or last in ("dozens", "hundreds", "thousands", "scores")


def _counted_parties(ad: AnalyzedDoc, lex: Lexicon, d: Draft, roles: Roles) -> None:
    """"200 people are estimated to have been killed", "with 3,408 people injured": a count of
    people is whom force is used on, never who uses it. A counted recipient with no state ("Hamas
    is to release 33 hostages") takes the state the story gives its kind ("Israeli hostages"),
    else it is no recipient."""
    if d.type in VICTIM_TYPES and any(_counted(a, lex) for a in roles.actors):
        roles.actors = [a for a in roles.actors if not _counted(a, lex)]
    counted = [r for r in roles.recipients if _counted(r, lex) and not r.country]
    if not counted:
        return
    keep = [r for r in roles.recipients if r not in counted]
    for r in counted:
        state = _state_of_kind(ad, (r.text or "").lower().split()[-1])
        if state and not any(x.country == state for x in keep):
            keep.append(r.model_copy(update={"country": state}))
    roles.recipients = keep


def _state_of_kind(ad: AnalyzedDoc, word: str) -> str | None:
    """The state the text gives people of this kind: "Israeli hostages", "hostages from Thailand"."""
    if ad.actors is None:
        return None
    for t in ad.doc:
        if t.lower_ != word:
            continue
        for c in t.children:
            if c.dep_ in ("amod", "compound", "nmod") and c.i < t.i:
                m = ad.actors.at(c.i, places=True)
                if m is not None and m.kind == "country" and m.country:
                    return m.country
    return None


def _discussed(d: Draft) -> bool:
    """"discussed how to strengthen ties", "whether to attack": an act talked about."""
    tok = d.token
    if d.cand.pos != "verb" or tok.tag_ != "VB":
        return False
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
        return False
    return any(c.lower_ in ("how", "whether", "when", "where", "what") and c.i < tok.i for c in tok.children)


def _repeated(ad: AnalyzedDoc, d: Draft, event: Event, earlier: list[Event]) -> bool:
    """"their talks", "Pyongyang's deployment": a bare noun event with a determiner or possessor
    that an earlier event of the same type and party already stated. A noun with its own
    details ("the additional deployment of 3,000 soldiers") is a new statement."""
    if d.cand.pos != "noun":
        return False
    tok = d.token
    if any(c.dep_ in ("prep", "amod", "nummod", "acl", "relcl") for c in tok.children):
        return False
    if not any(c.dep_ in ("det", "poss") for c in tok.children):
        return False
    parties = [*event.actors, *event.recipients]
    return any(e.type == event.type and same_party([*e.actors, *e.recipients], parties) for e in earlier)


SPEECH_TO = {"speak", "talk", "tell", "say", "chat", "brief", "address", "interview", "explain"}


def _to_the_press(ad: AnalyzedDoc, lex: Lexicon, tok: Token) -> bool:
    """"told the BBC that ...", "speaking to French media", "told reporters": the one addressed
    (object or to/with-complement of a speech verb) is the press, not a party to an event."""
    if tok.lemma_.lower() not in SPEECH_TO:
        return False
    heard = [c for c in tok.children if c.dep_ in ("dobj", "dative", "obj")]
    heard += [p for c in tok.children if c.dep_ in ("prep", "dative") and c.lower_ in ("to", "with")
              for p in c.children if p.dep_ == "pobj"]
    if not heard:
        return False
    press = lex.cue("press_nouns")
    for h in heard:
        words = {h.lemma_.lower(), h.lower_, *(c.lower_ for c in h.children if c.dep_ == "compound")}
        m = ad.actors.at(h.i) if ad.actors is not None else None
        if not (words & press or (m is not None and m.sector in ("JRN", "MED"))):
            return False
    return True


def _drop_self_recipients(roles: Roles) -> None:
    """A recipient that is the actor itself (the same mention) says nothing."""
    roles.recipients = [r for r in roles.recipients if not any(  # (a person: "I spoke to him")
        r.id and r.id == a.id and (r.text == a.text or ":" in r.id) for a in roles.actors)]


def _headline(ad: AnalyzedDoc, tok: Token) -> bool:
    """Sub-headlines inside an article body ("Zelensky slams Western inaction") repeat the text."""
    text = doc_text(ad)
    start = text.rfind("\n", 0, tok.idx) + 1
    end = text.find("\n", tok.idx)
    if start == 0 and end == -1:
        return False  # a one-line document is a sentence, not a headline
    line = text[start:end if end != -1 else len(text)].strip()
    return len(line.split()) <= 10 and not line.endswith((".", "!", "?", '"', "'", "\u201d", "\u2019", ":"))


def _dedupe(ad: AnalyzedDoc, events: list[Event]) -> list[Event]:
    """One event per act: the same type and parties stated twice in a clause keeps the first;
    an act of the same type and actor nested in another's evidence ("accused X of making
    accusations by alleging ...") is part of it."""
    out: list[Event] = []
    seen: set[tuple[object, ...]] = set()
    for e in events:
        key = (e.type, e.span.start, e.span.end, tuple(sorted(a.id or a.text or "" for a in e.actors)),
               tuple(sorted(r.id or r.text or "" for r in e.recipients)))
        if key in seen:
            continue
        if any(o.type == e.type and same_party(o.actors, e.actors) and o.span.start <= e.span.start
               and e.span.end <= o.span.end and (o.span.start, o.span.end) != (e.span.start, e.span.end)
               and (not any_resolved(e.recipients) or same_party(e.recipients, o.recipients))
               for o in out):
            continue  # (an act toward someone new is an act of its own: "called for X and urged Y to ...")
        seen.add(key)
        out.append(e)
    return out
