"""How firmly the text states an event: asserted, reported (attributed to someone else),
hedged (believed, suspected, may), predicted (will, could, "in the coming days"), negated
("has not yet seen", "did not") or hypothetical (if ...). Precedence, strongest first:
hypothetical > negated > predicted > hedged > reported > asserted.

The attribution (who says so) comes from ``nlp/attribution.py``, shared with quotes and claims:
an event the actor announces itself is asserted, with the actor as ``reported_by``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from storytrace.nlp.attribution import STANCE_OF, attribution_for
from storytrace.nlp.events_lexicon import Lexicon
from storytrace.nlp.events_match import is_passive
from storytrace.nlp.events_roles import same_party
from storytrace.records import ActorRef

if TYPE_CHECKING:
    from spacy.tokens import Token

    from storytrace.nlp.context import AnalyzedDoc

PERCEPTION = {"see", "confirm", "find", "observe", "detect", "witness", "verify", "notice", "record"}
ANNOUNCING = {"say", "announce", "pledge", "vow", "promise", "declare", "tell", "state", "add", "insist",
              "confirm", "agree", "decide", "indicate", "signal", "warn"}
DENIAL = {"deny", "fail", "avoid", "refrain", "stop", "cease", "halt"}


@dataclass
class Status:
    status: str = "asserted"
    reported_by: ActorRef | None = None
    source_cue: int | None = None  # token of the reporting verb, when attributed
    intent: bool = False  # stated for the future with will / shall / going to / scheduled to
    refused: bool = False  # will not / would not / won't
    tense: str = "present"  # past | present | future


def anchor_of(tok: Token) -> Token:
    """The verb that carries tense and modality for a trigger (a noun's governing verb)."""
    node = tok
    for _ in range(5):
        if node.pos_ in ("VERB", "AUX") or (node.pos_ == "ADJ" and node.dep_ in ("acomp", "ROOT")):
            return node
        if node.head.i == node.i:
            break
        if node.dep_ in ("pobj", "pcomp"):
            node = node.head.head
            continue
        node = node.head
    return tok


def _claim_subject(verb: Token, lex: Lexicon) -> bool:
    """"X accused Y of ..., a charge Y denied" (misparsed with the accusation under "denied"): a
    denial whose subject is the claim itself denies no clause of its own."""
    claims = lex.classes.get("claim_noun", set())
    return any(c.dep_ in ("nsubj", "nsubjpass") and c.lemma_.lower() in claims for c in verb.children)


def _chain(anchor: Token) -> list[Token]:
    """The anchor and the verbs whose modality it shares: "is expected to visit", "will meet
    and discuss", "believed to be supplying", "suspected of wanting"."""
    out = [anchor]
    node = anchor
    for _ in range(4):
        if node.dep_ == "conj" and node.tag_ in ("VBD", "VBZ", "VBP"):
            break  # a finite verb of its own: "will not give up X and accused Y"
        if node.dep_ in ("xcomp", "conj", "acomp") and node.head.i != node.i:
            node = node.head
        elif node.dep_ == "pcomp" and node.head.dep_ == "prep":
            node = node.head.head
        else:
            break
        out.append(node)
    return out


def _according_to(ad: AnalyzedDoc, tok: Token) -> ActorRef | None:
    sent = tok.sent
    for t in sent:  # "According to X, ..." and "..., according to X" (the whole sentence is X's)
        if t.lower_ == "according" and t.i + 1 < sent.end and ad.doc[t.i + 1].lower_ == "to":
            pobj = next((c for c in ad.doc[t.i + 1].children if c.dep_ == "pobj"), None)
            if pobj is None:
                return None
            found = ad.actors.phrase(pobj) if ad.actors is not None else []
            text = ad.doc[pobj.left_edge.i:pobj.right_edge.i + 1].text
            return found[0].ref(text) if found else ActorRef(text=text)
    return None


def _passive_like(v: Token) -> bool:
    """A passive, or a bare past participle with no "have" ("with both believed to be ...")."""
    return is_passive(v) or (v.tag_ == "VBN" and not any(c.dep_ == "aux" and c.lemma_ == "have"
                                                          for c in v.children))


def _reporting_verb(tok: Token) -> int | None:
    """The reporting verb above a token (when the attribution came from a quote record)."""
    node = tok
    for _ in range(8):
        if node.head.i == node.i:
            return None
        node = node.head
        if node.lemma_.lower() in STANCE_OF:
            return node.i
    return None


def _through_relative(tok: Token, cue: int) -> bool:
    """The path from ``tok`` up to the reporting verb crosses a relative clause."""
    node = tok
    for _ in range(12):
        if node.i == cue or node.head.i == node.i:
            return False
        if node.dep_ == "relcl":
            return True
        node = node.head
    return False


def status_of(ad: AnalyzedDoc, lex: Lexicon, trigger: Token, actors: list[ActorRef],
              clause_text: str = "", future_time: bool = False) -> Status:
    anchor = anchor_of(trigger)
    chain = _chain(anchor)
    out = Status()
    aux = {c.lower_: c for n in chain for c in n.children if c.dep_ in ("aux", "auxpass")}
    lemmas = [n.lemma_.lower() for n in chain]
    future = lex.cue("future")
    has_future = any(a in future for a in aux) or (
        len(chain) > 1 and (any(lm in lex.cue("future_governors") for lm in lemmas[1:])
                            or any(n.lemma_ == "go" and n.tag_ == "VBG" for n in chain[1:])))
    if not has_future and anchor.dep_ == "xcomp" and anchor.head.lemma_ == "be" and anchor.tag_ == "VB" \
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in anchor.children):
        has_future = True  # "Hamas is to release 33 hostages": scheduled, as in a deal
    modal = next((a for a in aux if a in lex.cue("predict_modals")), None)
    clause = anchor
    while clause.dep_ == "conj" and clause.head.i != clause.i:  # "said it regretted X and would respond"
        clause = clause.head
    if modal in ("would", "'d") and clause.dep_ == "ccomp" and clause.head.lemma_.lower() in ANNOUNCING:
        has_future = True  # "announced it would free ...": the future seen from the statement
    hedge_modal = any(a in lex.cue("hedge_modals") for a in aux)
    negated = any(c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ == "never")
                  for n in chain for c in n.children)
    if trigger.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ in ("no", "neither")
                                      for c in trigger.children):
        negated = True
    # tense
    if has_future:
        out.tense = "future"
    elif anchor.tag_ == "VBD" or any(a in ("had", "has", "have", "did") for a in aux) or (
            anchor.tag_ == "VBN" and any(c.dep_ == "auxpass" and c.tag_ == "VBD" for c in anchor.children)):
        out.tense = "past"
    # hypothetical
    conditional = lex.cue("conditional")
    hypothetical = any(c.dep_ == "mark" and c.lower_ in conditional for n in chain for c in n.children)
    if not hypothetical and (modal or has_future):
        hypothetical = any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless")
                                                     for m in c.children) for c in anchor.children)
    # negation by a governing verb: "has not yet seen troops deployed", "failed to reach"
    node = anchor
    for _ in range(3):
        if node.dep_ not in ("ccomp", "xcomp", "acl", "oprd", "dobj", "pcomp") or node.head.i == node.i:
            break
        node = node.head
        lemma = node.lemma_.lower()
        node_neg = any(c.dep_ == "neg" for c in node.children)
        if (lemma in PERCEPTION and node_neg) or (lemma in DENIAL and not _claim_subject(node, lex)):
            negated = True
            break
        if lemma in lex.cue("hedge_governors") and (is_passive(node) or lemma in ("seem", "appear")):
            hedge_modal = True  # "is believed to", "is said to", "appears to"
    hedged = hedge_modal or any(c.dep_ == "advmod" and c.lower_ in lex.cue("hedge_adverbs")
                                for n in chain for c in n.children)
    if len(chain) > 1 and any(lm in lex.cue("hedge_governors") and _passive_like(n)
                              for lm, n in zip(lemmas[1:], chain[1:], strict=True)):
        hedged = True  # "is believed to", "both believed to be supplying"
    if any(lm in ("seem", "appear", "likely") for lm in lemmas[1:]):
        hedged = True
    predicted = has_future or bool(modal) or future_time or any(
        ph in clause_text for ph in lex.cue("future_phrases"))
    out.refused = negated and (has_future or modal in ("would", "'d"))
    # "is expected to reinforce": a forecast by others, not an act the actor announces
    forecast = len(chain) > 1 and any(lm in lex.cue("forecast_governors") for lm in lemmas[1:]) \
        and not any(a in future for a in aux)
    out.intent = has_future and not negated and not hypothetical and not forecast
    # attribution
    att = attribution_for(ad, trigger)
    if att is None and clause is not anchor:  # "said it regretted X and would respond": the first conjunct's
        att = attribution_for(ad, clause)
    if att is not None and att.cue_token is not None and _through_relative(trigger, att.cue_token):
        att = None  # "she said X had no doubt in Putin, who signed ...": the writer's aside
    anonymous = False
    if att is not None and att.cue_token != trigger.i:
        src = att.source
        named = src is not None and bool(src.id or src.country or src.text)
        if not named or (src.text or "").lower() in ("it", "this"):  # type: ignore[union-attr]
            anonymous = True  # "it is stated that ...", "reportedly": reported, by nobody named
        else:
            out.reported_by = src
        out.source_cue = att.cue_token if att.cue_token is not None else _reporting_verb(trigger)
    if att is None:  # "According to CNN, ...": a source phrase heading the sentence
        src = _according_to(ad, trigger)
        if src is not None:
            out.reported_by, anonymous = src, False
    stance = att.stance if att is not None else None
    if stance == "denied" and att is not None and att.cue_token is not None \
            and _claim_subject(ad.doc[att.cue_token], lex):
        stance = None  # "a charge Kigali denied": the accusation itself stands as made
    self_statement = out.reported_by is not None and same_party([out.reported_by], actors)
    if hypothetical:
        out.status = "hypothetical"
    elif negated:
        out.status = "negated"
    elif predicted:
        out.status = "predicted"
    elif hedged or stance in ("believed", "hedged"):
        out.status = "hedged"
    elif stance == "denied" and not self_statement:
        out.status = "negated"
    elif (out.reported_by is not None and not self_statement) or anonymous:
        out.status = "reported"
    return out
