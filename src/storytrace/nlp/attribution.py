"""Attribution: who asserts the clause a token is in, and how firmly.

Shared by quotes (speaker and cue), claims (source and stance) and events (reported_by and
status), so the three layers agree on "according to whom?".

Bootstrap version (the quotes layer owns and extends it): reporting verbs governing the
clause, "according to X", and quoted speech already found by the quotes layer.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from storytrace.records import ActorRef

if TYPE_CHECKING:
    from spacy.tokens import Token

    from storytrace.nlp.context import AnalyzedDoc

REPORTING = {
    "say", "tell", "state", "announce", "declare", "add", "report", "claim", "warn", "confirm",
    "insist", "vow", "pledge", "write", "note", "argue", "explain", "reveal", "indicate",
    "suggest", "allege", "assert", "stress", "emphasize", "emphasise", "acknowledge", "admit",
}
ESTIMATING = {"estimate", "calculate", "count", "put", "assess", "project"}
BELIEVING = {"believe", "think", "suspect", "fear", "expect", "assume", "consider"}
DENYING = {"deny", "reject", "dispute", "refute"}
STANCE_OF = {
    **{v: "reported" for v in REPORTING},
    **{v: "estimated" for v in ESTIMATING},
    **{v: "believed" for v in BELIEVING},
    **{v: "denied" for v in DENYING},
}


@dataclass
class Attribution:
    source: ActorRef | None  # the resolved source, when the actor layer knows it
    source_text: str | None  # the words that name it: "US intelligence", "the West"
    cue: str | None  # "said", "according to", "believes"
    stance: str  # asserted | reported | estimated | believed | hedged | denied
    cue_token: int | None = None  # token index of the cue


def attribution_for(ad: AnalyzedDoc, token: Token | int) -> Attribution | None:
    """The attribution governing the clause that contains ``token``, if any."""
    tok = ad.doc[token] if isinstance(token, int) else token
    # quoted speech found by the quotes layer
    for q in ad.quotes:
        if q.span.start <= tok.idx < q.span.end and q.speaker is not None:
            return Attribution(q.speaker, q.speaker.text, q.cue, "reported")
    sent = ad.sent_of(tok)
    # "according to X"
    for t in sent:
        if t.lower_ == "according" and t.i + 1 < len(ad.doc) and ad.doc[t.i + 1].lower_ == "to":
            objs = [c for c in ad.doc[t.i + 1].children if c.dep_ == "pobj"]
            if objs:
                return _from_subject(ad, objs[0], "according to", "reported", t.i)
    # a reporting / believing verb above the token
    node = tok
    while node.head.i != node.i:  # (spaCy tokens are not identity-stable: compare indices)
        child, node = node, node.head
        stance = STANCE_OF.get(node.lemma_.lower())
        if stance and child.dep_ in ("ccomp", "xcomp", "dobj", "advcl", "parataxis", "nsubjpass"):
            subjects = [c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")]
            if subjects and subjects[0].i != child.i:
                return _from_subject(ad, subjects[0], node.text, stance, node.i)
    return None


def _from_subject(ad: AnalyzedDoc, head: Token, cue: str, stance: str, cue_i: int) -> Attribution:
    start = min(t.i for t in head.subtree)
    end = max(t.i for t in head.subtree) + 1
    text = ad.doc[start:end].text
    source = None
    if ad.actors is not None:
        found = ad.actors.phrase(head)
        if found:
            source = found[0].ref(text)
    if source is None:
        source = ActorRef(id=None, name=None, text=text, country=None)
    return Attribution(source, text, cue, stance, cue_i)
