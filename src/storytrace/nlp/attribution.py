"""Attribution: who asserts the clause a token is in, and how firmly.

Shared by quotes (speaker and cue), claims (source and stance) and events (reported_by and
status), so the three layers agree on "according to whom?". It reads what the quotes layer
found (:func:`quotes.analysis`, computed on first use and cached in ``ad.notes``), in order:

1. a direct quote holding the token: its speaker (a cue inside the quote, "we believe ...",
   only sets the stance);
2. the innermost attribution frame whose content holds the token: a cue verb ("X said /
   warned / believes / estimates / denied that ..."), a cue noun ("his claim that ..."), a cue
   adjective ("X is confident that ..."), a source phrase ("according to X, ..."), or an
   agentless passive ("it is stated that ...");
3. an attributing adverb in the clause ("reportedly", "allegedly"): a stance, no source.

The cue words and their stance live in ``data/quotes/*.tsv`` (see :mod:`quotes_lexicon`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from storytrace.nlp.quotes_lexicon import lexicon, load_lexicon
from storytrace.records import ActorRef

if TYPE_CHECKING:
    from spacy.tokens import Token

    from storytrace.nlp.context import AnalyzedDoc
    from storytrace.nlp.mentions import Mention
    from storytrace.nlp.quotes_frames import Frame

# verb lemma -> stance (reported | estimated | believed | hedged | denied), from the data files
STANCE_OF: dict[str, str] = load_lexicon().stance_of()
_EXPLETIVE_SOURCE = "it"
_ADVERB_DEPTH = 6
_IT = frozenset({"it", "its"})
_SPEAKER_LOOKBACK = 3  # sentences a pronoun source looks back for the speaker it continues
_BODY_LOOKBACK = 400  # tokens a generic "the group" looks back for the organization it stands for


@dataclass
class Attribution:
    source: ActorRef | None  # the resolved source, when the actor layer knows it
    source_text: str | None  # the words that name it: "US intelligence", "the West"
    cue: str | None  # "said", "according to", "believes"
    stance: str  # asserted | reported | estimated | believed | hedged | denied
    cue_token: int | None = None  # token index of the cue


def attribution_for(ad: AnalyzedDoc, token: Token | int) -> Attribution | None:
    """The attribution governing the clause that contains ``token``, if any.

    An agentless passive ("it is stated that ...") has the source ``ActorRef(text="it")`` and
    source_text "it": reported, by nobody named. An attributing adverb ("reportedly") gives an
    attribution with no source at all.
    """
    from storytrace.nlp.quotes import analysis, speaker_ref

    tok = ad.doc[token] if isinstance(token, int) else token
    an = analysis(ad)
    inner = _innermost(an.inner_frames, tok.i)
    for q in ad.quotes:
        if q.kind == "direct" and q.speaker is not None and q.span.start <= tok.idx < q.span.end:
            cue_i = _cue_token(ad, getattr(q, "cue_span", None))
            stance = inner.stance if inner is not None else _verb_stance(ad, cue_i)
            head = an.speaker_heads.get((q.span.start, q.span.end))
            source = q.speaker if head is None else speaker_ref(ad, head, full=False)[0]
            return Attribution(source, source.text, q.cue, stance, cue_i)
    frame = _innermost(an.frames, tok.i)
    if frame is not None:
        return _from_frame(ad, frame)
    return _adverb(ad, tok)


def _innermost(frames: list[Frame], i: int) -> Frame | None:
    """The frame with the smallest content holding token ``i`` (a frame never holds its own cue)."""
    best: Frame | None = None
    for f in frames:
        if f.colon or not f.contains(i) or f.cue == i or (f.hole and f.hole[0] <= i < f.hole[1]):
            continue
        if best is None or f.content[1] - f.content[0] < best.content[1] - best.content[0]:
            best = f
    return best


def _from_frame(ad: AnalyzedDoc, frame: Frame) -> Attribution:
    from storytrace.nlp.quotes import cue_text, speaker_ref

    cue = cue_text(ad, frame)
    if frame.speaker is None:
        if frame.passive and any(c.lower_ == _EXPLETIVE_SOURCE and c.dep_ in ("nsubj", "nsubjpass")
                                 for c in ad.doc[frame.cue].children):
            it = ActorRef(text=_EXPLETIVE_SOURCE)  # "it is stated that ...": reported by nobody named
            return Attribution(it, _EXPLETIVE_SOURCE, cue, frame.stance, frame.cue)
        return Attribution(None, None, cue, frame.stance, frame.cue)
    found = speaker_ref(ad, frame.speaker, full=False)
    ref = found[0] if found is not None else None
    return Attribution(ref, ref.text if ref is not None else None, cue, frame.stance, frame.cue)


def _verb_stance(ad: AnalyzedDoc, cue_i: int | None) -> str:
    if cue_i is None:
        return "reported"
    lex = lexicon(ad.res)
    cue = lex.verb(lex.verb_lemma(ad.doc[cue_i]))
    return cue.stance if cue is not None else "reported"


def _cue_token(ad: AnalyzedDoc, cue_span: object) -> int | None:
    """The token where a quote's cue starts (its ``cue_span`` is a Span, or a dict when read back)."""
    char = cue_span.get("start") if isinstance(cue_span, dict) else getattr(cue_span, "start", None)
    if not isinstance(char, int):
        return None
    span = ad.doc.char_span(char, char + 1, alignment_mode="expand")
    return span.start if span is not None and len(span) else None


def _adverb(ad: AnalyzedDoc, tok: Token) -> Attribution | None:
    """"reportedly", "allegedly" modifying the token's clause (or a clause above it)."""
    adverbs = lexicon(ad.res).adverbs
    node = tok
    for _ in range(_ADVERB_DEPTH):
        for child in node.children:
            stance = adverbs.get(child.lower_)
            if stance is not None and child.dep_ == "advmod":
                return Attribution(None, None, child.lower_, stance, child.i)
        if node.head.i == node.i:
            break
        node = node.head
    return None


def source_actor(ad: AnalyzedDoc, head: Token, bodies: frozenset[str] = frozenset()) -> Mention | None:
    """The actor a source phrase headed by ``head`` stands for, when it is a pronoun or a
    generic noun for an organization (``bodies``: "group", "agency"); None for other phrases.

    "it"/"its" as a source is, in order: an organization or state earlier in its own sentence,
    subjects first ("the one the agency gave lawmakers, when it said ..."); else the speaker of
    the nearest earlier report within a few sentences ("The group said ... In return, it said
    ..."), a speaker that is itself a generic noun standing for the organization named before it.
    A generic noun with "the" ("the group said") is an actor named before it whose name or role
    has that noun ("the agency" after "South Korea's intelligence agency"), else the nearest
    organization named before it (see :func:`_body`)."""
    if ad.actors is None:
        return None
    word = head.lower_
    if word in _IT:
        return _it_source(ad, head, bodies)
    if head.lemma_.lower() in bodies and any(c.lower_ == "the" for c in head.children):
        m = ad.actors.at(head.i)
        return m if m is not None and m.actor_id is not None else _body(ad, head)
    return None


def _agentive(m: Mention) -> bool:
    return m.actor_id is not None and not m.is_person and not m.place and not m.descriptive


def _it_source(ad: AnalyzedDoc, pron: Token, bodies: frozenset[str]) -> Mention | None:
    from storytrace.nlp.quotes import analysis

    layer = ad.actors
    assert layer is not None
    sent = ad.sent_of(pron)
    here = [m for m in layer.before(pron.i, persons=False) if m.tok_start >= sent.start and _agentive(m)
            and ad.doc[m.tok_end - 1].tag_ != "NNS"]
    subject = next((m for m in here if ad.doc[m.tok_end - 1].dep_ in ("nsubj", "nsubjpass")), None)
    if subject is not None or here:
        return subject or here[0]
    first = ad.sents[max(0, ad.sent_index(pron) - _SPEAKER_LOOKBACK)].start
    speakers = sorted((f.speaker for f in analysis(ad).frames if f.speaker is not None
                       and first <= f.speaker < sent.start), reverse=True)
    for i in speakers:
        tok = ad.doc[i]
        if tok.lower_ in _IT or tok.pos_ == "PRON":
            continue
        found = layer.phrase(tok)
        m = found[0] if found else None
        if m is not None and m.is_person:
            continue
        if (m is None or m.actor_id is None) and tok.lemma_.lower() in bodies:
            m = _body(ad, tok)
        if m is not None and _agentive(m):
            return m
    # "The IAEA published its findings on Friday. Its report said ...": the organization or state
    # that was the subject of the sentence before
    index = ad.sent_index(pron)
    if index > 0:
        prev = ad.sents[index - 1]
        return next((m for m in layer.before(sent.start, persons=False) if prev.start <= m.tok_start
                     and _agentive(m) and ad.doc[m.tok_end - 1].dep_ in ("nsubj", "nsubjpass")), None)
    return None


def _body(ad: AnalyzedDoc, head: Token) -> Mention | None:
    """The organization a generic noun ("the group") stands for: the nearest one named before
    it whose name or role has the noun or that names one with it ("Chile's fisheries agency"),
    else the nearest organization or international body
    named as a subject, else the nearest one."""
    assert ad.actors is not None
    noun = head.lemma_.lower()
    before = ad.actors.before(head.i, persons=False, limit_tokens=_BODY_LOOKBACK)
    candidates = [m for m in before if _agentive(m)]
    named = next((m for m in candidates if noun in m.text.lower().split()
                  or noun in (m.role or "").lower().split() or _modifies(ad, m, noun)), None)
    if named is not None:
        return named
    bodies = [m for m in candidates if m.kind in ("organization", "igo")]
    # the organization the story is about is a subject, not a modifier ("a UN panel")
    subject = next((m for m in bodies if ad.doc[m.tok_end - 1].dep_ in ("nsubj", "nsubjpass")), None)
    return subject or (bodies[0] if bodies else None)


def _modifies(ad: AnalyzedDoc, m: Mention, noun: str) -> bool:
    """The mention modifies a phrase headed by ``noun``: "Chile's fisheries agency"."""
    last = ad.doc[m.tok_end - 1]
    return last.dep_ in ("poss", "compound", "amod") and last.head.lemma_.lower() == noun
