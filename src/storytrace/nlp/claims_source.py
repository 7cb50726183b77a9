"""Who asserts a claim, how firmly, and when: source, stance and time of the claim's clause.

The shared ``attribution.attribution_for`` answers first (quotes found by the quotes layer,
"according to X", a reporting verb governing the clause); this module adds what numbers need:

* the stance of the cue word ("Western officials believe" -> believed, "reports estimate" -> estimated);
* passive stance verbs without a subject ("3,000 are believed to have died", "it is estimated
  that ..."), with the source from a "by" agent, "according to" or a trailing reporter;
* a trailing reporter the parser hung off the sentence root (", local officials said.");
* hedges of an unattributed clause ("reportedly", "allegedly", "may", "could");
* verbs of announcing, approving or committing whose subject is the source of the figure in
  their object ("the cabinet approved a €2bn fund"; ``data/claims/sources.tsv``);
* pronouns and generic nouns as sources ("it said", "the group") resolved to the organization
  or state meant (``attribution.source_actor``).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from storytrace.nlp.attribution import STANCE_OF, Attribution, attribution_for, source_actor
from storytrace.nlp.claims_counted import valuing_object
from storytrace.nlp.claims_lexicon import claim_lexicon
from storytrace.records import ActorRef, Time

if TYPE_CHECKING:
    from spacy.tokens import Token

    from storytrace.nlp.context import AnalyzedDoc
    from storytrace.nlp.mentions import Mention

STANCES = ("asserted", "reported", "estimated", "believed", "hedged", "denied")
_HEDGES = {"may", "might", "could", "possibly", "perhaps", "probably", "likely"}
_ADVERB_STANCE = {"reportedly": "reported", "allegedly": "hedged", "purportedly": "hedged",
                  "reputedly": "hedged", "supposedly": "hedged", "apparently": "hedged"}
_EXPLETIVE = {"it", "there", "this", "that"}
_RELATIVE = {"that", "which", "who", "whom"}
_DASHES = (",", "—", "–", "-")
_ADJUNCTS = ("prep", "npadvmod", "advmod", "advcl", "punct")
# a dateline the parser glued to the subject of the first sentence: "SEOUL, March 3 - ",
# "PARIS (AFP) -- ", "EMERYVILLE, Calif., June 19 - ", "March 9 - " (a place, a date or a credit
# before a dash)
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}"
_DATELINE = re.compile(
    r"^(?:(?:[A-Z][A-Z.'&-]*\s+)*[A-Z][A-Z.'&-]*[A-Z.](?:,\s*[A-Z][a-z]+\.)?,?\s*)?"
    r"(?:" + _MONTH + r"\s*)?(?:\([^()]{1,30}\)\s*)?(?:--?|\u2014|\u2013)\s+(?=\S)")
_QUOTE_MARKS = "\"'\u201c\u201d\u2018\u2019"
_TRAILING_DEPS = ("parataxis", "ccomp", "conj", "advcl", "ROOT")
Source = tuple[ActorRef | None, str | None, str]  # (source, source_text, stance)


def source_of(ad: AnalyzedDoc, token: Token) -> Source:
    """(source, source_text, stance) of the clause holding ``token``; a source the helpers
    left without an actor is looked up again from its head ("Its report" -> what "its" is)."""
    ref, text, stance = _tidy(ad, token, *_source_of(ad, token))
    if not text or ad.actors is None:
        return ref, text, stance
    head = _text_head(ad, token, text)
    if head is None:
        return ref, text, stance
    generic = _generic_actor(ad, head)  # "it said", "its report", "the group said"
    if generic is not None:
        return generic.ref(text), text, stance
    if ref is None or ref.id is None:
        found = _actor_of(ad, head)
        if found is not None:
            ref = found.ref(text)
    return ref, text, stance


def _tidy(ad: AnalyzedDoc, token: Token, ref: ActorRef | None, text: str | None, stance: str) -> Source:
    """The source words as a reader wants them: without a dateline glued before them ("SYDNEY,
    March 3 - Qantas" -> "Qantas"), line breaks or stray quotation marks; a source that was
    only the dateline ("NEW YORK") is none."""
    if not text:
        return ref, text, stance
    tidy = " ".join(text.split()).strip(_QUOTE_MARKS + " ")
    opening = " ".join(ad.doc.text[:400].split())  # a dateline opens the story
    m = _DATELINE.match(tidy)
    if m is not None and m.end() > 2 and opening.startswith(tidy[:m.end()].rstrip()):
        tidy = tidy[m.end():]
    if tidy and tidy.isupper() and opening.startswith(tidy):
        tidy = ""  # the dateline alone
    if not tidy:
        return None, None, _hedge(token)
    if tidy != text and ref is not None:
        ref = ref.model_copy(update={"text": tidy})
    return ref, tidy, stance


def _generic_actor(ad: AnalyzedDoc, head: Token) -> Mention | None:
    """The actor a pronoun or a generic noun for an organization stands for (shared
    ``attribution.source_actor``), also as the possessor of a document ("its report")."""
    lex = claim_lexicon(ad)
    bodies = ad.res.cached("claims.bodies", lambda: frozenset(lex.sources["body"]))
    if lex.elsewhere_is("document", head):
        poss = next((c for c in head.children if c.dep_ == "poss"), None)
        if poss is not None:
            head = poss
    return source_actor(ad, head, bodies)


def _text_head(ad: AnalyzedDoc, token: Token, text: str) -> Token | None:
    """The head token of the source words ``text`` in the sentence of ``token``."""
    sent = ad.sent_of(token)
    k = sent.text.find(text)
    if k < 0:
        return None
    span = ad.doc.char_span(sent.start_char + k, sent.start_char + k + len(text), alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _actor_of(ad: AnalyzedDoc, head: Token) -> Mention | None:
    """The actor a source phrase headed by ``head`` names, asked of the actor layer with the
    right token: the possessor of a document or spokesman ("its report", "the agency's
    figures", "their spokesman"), else the head noun ("the agency", "officials")."""
    if ad.actors is None:
        return None
    if claim_lexicon(ad).elsewhere_is("document", head):
        poss = next((c for c in head.children if c.dep_ == "poss"), None)
        if poss is not None:
            found = [m for m in ad.actors.phrase(poss) if m.actor_id is not None]
            if found:
                return found[0]
    found = ad.actors.phrase(head)
    return found[0] if found else None


def _source_of(ad: AnalyzedDoc, token: Token) -> Source:
    relative = _relative_cue(ad, token) or _valuing_cue(ad, token)
    if relative is not None:
        return relative
    passive = _passive_stance(ad, token)
    if passive is not None and passive[0] is None:
        # "3,000 are believed to have died, according to the ministry": the source is named
        # elsewhere in the sentence, the stance comes from the passive verb
        att = attribution_for(ad, token)
        if att is not None and att.source_text and att.source_text.lower() not in _EXPLETIVE:
            return att.source, att.source_text, passive[2]
        trailing = _trailing_reporter(ad, token)
        return (trailing[0], trailing[1], passive[2]) if trailing is not None else passive
    if passive is not None:
        return passive
    att = attribution_for(ad, token)
    if att is not None and att.source_text and att.source_text.lower() in _RELATIVE:
        att = _antecedent_source(ad, att)
    if att is not None and att.source_text:
        return att.source, att.source_text, _cue_stance(ad, token, att)
    governing = _governing_cue(ad, token)
    if governing is not None:
        return governing
    trailing = _trailing_reporter(ad, token)
    if trailing is not None:
        return trailing
    return None, None, _hedge(token)


def _antecedent_source(ad: AnalyzedDoc, att: Attribution) -> Attribution | None:
    """'the report, which estimates that ...': the source is what the relative pronoun stands
    for, the noun the relative clause hangs on."""
    if att.cue_token is None:
        return None
    verb = ad.doc[att.cue_token]
    if verb.dep_ != "relcl" or verb.head.pos_ not in ("NOUN", "PROPN"):
        return None
    ref, text = _ref(ad, verb.head, whole=False)
    return Attribution(ref, text, att.cue, att.stance, att.cue_token)


def _cue_stance(ad: AnalyzedDoc, token: Token, att: Attribution) -> str:
    """The stance the cue word gives ("believes" -> believed, "estimate" -> estimated); the
    attribution's own stance when it is already specific or the cue is not a known verb."""
    if att.stance not in STANCES:
        return "reported"
    if att.stance != "reported" or not att.cue:
        return att.stance
    if att.cue_token is not None:
        return STANCE_OF.get(ad.doc[att.cue_token].lemma_.lower(), att.stance)
    first = att.cue.split()[0].lower()
    for t in ad.sent_of(token):
        if t.lower_ == first:
            return STANCE_OF.get(t.lemma_.lower(), att.stance)
    return att.stance


def _passive_stance(ad: AnalyzedDoc, token: Token) -> Source | None:
    """'3,000 are believed to have died', 'it is estimated that ...': a believing/estimating/
    denying verb in the passive above the token; its source is the "by" agent when given."""
    node = token
    for _ in range(8):
        child, node = node, node.head
        if node.i == child.i:
            return None
        stance = STANCE_OF.get(node.lemma_.lower())
        if stance is None or stance == "reported" or not any(c.dep_ == "auxpass" for c in node.children):
            continue
        if child.dep_ not in ("nsubjpass", "xcomp", "ccomp", "advcl") and not (
                child.dep_ == "nsubj" and child.lower_ in _EXPLETIVE):
            continue
        for agent in node.children:
            if agent.dep_ != "agent":
                continue
            obj = next((c for c in agent.children if c.dep_ == "pobj"), None)
            if obj is not None:
                ref, text = _ref(ad, obj)
                return ref, text, stance
        return None, None, stance
    return None


def _governing_cue(ad: AnalyzedDoc, token: Token) -> Source | None:
    """A cue verb above the number that the shared helper does not read as attribution:
    "officials put the damage at $2bn", "the bank estimated costs at $4bn", "figures from the
    ministry show 1,200 dead", "Kyiv warned of 10,000 troops"; a verb of announcing or approving
    with the figure in its object ("the cabinet approved a $2bn package"). A participle without
    a subject hung on a reporting verb is part of the report (", the army said, adding to the
    11,000 troops it sent" -> the army)."""
    lex = claim_lexicon(ad)
    node, nominal = token, True  # nominal: no verb between the number and ``node`` yet
    for _ in range(8):
        child, node = node, node.head
        if node.i == child.i:
            return None
        if node.pos_ not in ("VERB", "AUX"):
            continue
        in_object = nominal and child.dep_ in ("dobj", "nsubjpass")
        announce = lex.source_cue("announce", node) if in_object else None
        nominal = False
        lemma = node.lemma_.lower()
        stance = announce or lex.source_cue("data", node) or STANCE_OF.get(lemma)
        if stance is None:
            continue
        subject = next((c for c in node.children if c.dep_ == "nsubj" and c.i != child.i), None) \
            or _agent(node)  # "the toll was put at 45 by the governor"
        if subject is None and _adjunct_participle(node):
            continue  # "..., adding to the 11,000 troops": the verb it hangs on says who
        if child.dep_ == "prep" and child.lower_ not in ("at", "of"):
            return None
        if subject is None or subject.lower_ in _EXPLETIVE:
            return None
        ref, text = _ref(ad, subject)
        return ref, text, stance
    return None


def _adjunct_participle(verb: Token) -> bool:
    """A participle without a subject of its own hung on another verb: ", adding ...", ", citing ..."."""
    return verb.tag_ == "VBG" and verb.dep_ in ("advcl", "conj", "xcomp") \
        and verb.head.pos_ in ("VERB", "AUX")


def _agent(verb: Token) -> Token | None:
    """The "by" agent of a passive verb."""
    if not any(c.dep_ == "auxpass" for c in verb.children):
        return None
    for agent in verb.children:
        if agent.dep_ == "agent":
            return next((c for c in agent.children if c.dep_ == "pobj"), None)
    return None


def _valuing_cue(ad: AnalyzedDoc, token: Token) -> Source | None:
    """'police estimated the crowd at 15,000', 'the toll was put at 45 by the governor': the
    verb giving the number as a value names its source, before any verb further up."""
    valued = valuing_object(claim_lexicon(ad), token)
    if valued is None:
        return None
    verb = valued.head
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None) or _agent(verb)
    if subject is None or subject.lower_ in _EXPLETIVE:
        return None
    ref, text = _ref(ad, subject)
    lex = claim_lexicon(ad)
    return ref, text, lex.source_cue("data", verb) or STANCE_OF.get(verb.lemma_.lower(), "estimated")


def _relative_cue(ad: AnalyzedDoc, token: Token) -> Source | None:
    """'the 3,000 that US officials cited', 'the 40,000 the ministry estimates': a relative
    clause on the number whose verb gives the figure names its source."""
    for verb in token.children:
        if verb.dep_ != "relcl":
            continue
        stance = claim_lexicon(ad).source_cue("data", verb) or STANCE_OF.get(verb.lemma_.lower())
        if stance is None:
            continue
        if any(c.dep_ == "dobj" and c.lower_ not in _RELATIVE for c in verb.children):
            continue  # the verb has an object of its own: not the number it gives
        subject = next((c for c in verb.children if c.dep_ == "nsubj" and c.lower_ not in _RELATIVE), None)
        if subject is not None:
            ref, text = _ref(ad, subject)
            return ref, text, stance
    return None


def _trailing_reporter(ad: AnalyzedDoc, token: Token) -> Source | None:
    """', local officials said.' (or ', the chief told reporters') after the claim, hung off the
    sentence root rather than governing the claim's clause."""
    sent = ad.sent_of(token)
    for verb in sent:
        stance = STANCE_OF.get(verb.lemma_.lower())
        if stance is None or verb.i < token.i or verb.dep_ not in (*_TRAILING_DEPS, "acl"):
            continue
        if any(c.dep_ in ("ccomp", "xcomp") or (c.dep_ == "dobj" and verb.lemma_ != "tell")
               for c in verb.children if c.i > verb.i):
            continue  # the verb has content of its own; "told reporters" only names the audience
        subjects = [c for c in verb.children if c.dep_ == "nsubj"] or _misparsed_reporter(ad, verb)
        if not subjects:
            continue
        before_verb = ad.doc[verb.left_edge.i - 1] if verb.left_edge.i > sent.start else None
        before_subject = ad.doc[subjects[0].left_edge.i - 1] if subjects[0].left_edge.i > sent.start else None
        if before_verb is not None and before_verb.text not in _DASHES \
                and before_subject is not None and before_subject.text not in _DASHES:
            continue  # not set off by a comma or dash: not a trailing attribution
        ref, text = _ref(ad, subjects[0], stop=verb.i if subjects[0].i < verb.i else None)
        return ref, text, stance
    return None


def _misparsed_reporter(ad: AnalyzedDoc, verb: Token) -> list[Token]:
    """', the secretary of state, Antony Blinken, announced on Monday.' parsed as a participle on
    the noun: the noun is the reporter when it names an actor and the verb ends the sentence
    (nothing but adjuncts after it)."""
    if verb.dep_ != "acl" or verb.tag_ not in ("VBN", "VBD"):
        return []
    noun = verb.head
    if noun.i > verb.i or noun.pos_ not in ("NOUN", "PROPN") or ad.actors is None:
        return []
    if any(c.i > verb.i and c.dep_ not in _ADJUNCTS for c in verb.children):
        return []
    if not any(m.actor_id is not None or m.is_person for m in ad.actors.phrase(noun)):
        return []
    return [noun]


def _ref(ad: AnalyzedDoc, head: Token, whole: bool = True, stop: int | None = None) -> tuple[ActorRef, str]:
    """The ActorRef of a source phrase: the actor layer's actor when it knows one. ``whole``:
    the head's whole subtree as text, else only the words up to the head; ``stop``: a token
    the phrase ends before (a reporting verb the parser hung on it)."""
    if head.lower_ in _RELATIVE and head.head.dep_ == "relcl" and head.head.head.pos_ in ("NOUN", "PROPN"):
        head, whole = head.head.head, False  # "a report which estimates": the report
    end = head.right_edge.i + 1 if whole else head.i + 1
    when = next((c.i for c in head.children if c.dep_ == "prep" and c.i > head.i
                 and any(o.dep_ == "pobj" and o.ent_type_ in ("DATE", "TIME") for o in c.children)), None)
    if when is not None and (stop is None or when < stop):
        stop = when  # "Portugal's cabinet on Friday approved ...": the time is the verb's
    if stop is not None and head.i < stop < end:
        end = stop
        while end > head.i + 1 and ad.doc[end - 1].is_punct:
            end -= 1
    text = ad.doc[head.left_edge.i:end].text
    found = _actor_of(ad, head)
    if found is not None:
        return found.ref(text), text
    return ActorRef(id=None, name=None, text=text, country=None), text


def _hedge(token: Token) -> str:
    """Stance of an unattributed clause: reported/hedged by an adverb or a modal, else asserted."""
    node = token
    for _ in range(6):
        for child in node.children:
            word = child.lower_
            if word in _ADVERB_STANCE:
                return _ADVERB_STANCE[word]
            if child.dep_ in ("aux", "advmod") and word in _HEDGES:
                return "hedged"
        if node.head.i == node.i:
            break
        node = node.head
    return "asserted"


def when_of(ad: AnalyzedDoc, token: Token) -> Time | None:
    """A time expression of the claim's clause: attached to the verb above the number or to
    one of the verbs governing it, nearest first."""
    if not ad.times:
        return None
    sent = ad.sent_of(token)
    times = ad.times_in(sent.start_char, sent.end_char)
    if not times:
        return None
    depth: dict[int, int] = {}
    node, d = token, 0
    while node.i not in depth:
        depth[node.i] = d
        node, d = node.head, d + 1
    best: tuple[int, Time] | None = None
    for t in times:
        span = ad.doc.char_span(t.span.start, t.span.end, alignment_mode="expand")
        if span is None:
            continue
        node = span.root  # climb to the verb the time hangs on: "last week", "on Monday", "in 2023"
        for _ in range(3):
            if node.i in depth or node.head.i == node.i:
                break
            node = node.head
        found = depth.get(node.i)
        if found is not None and (best is None or found < best[0]):
            best = (found, t)
    return best[1] if best else None
