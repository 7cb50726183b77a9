"""Attribution frames: a cue (verb, noun or "according to"), the speaker it names and the
content it attributes, read off spaCy's dependency parse.

A pure function of the parsed document (find, then write): the quotes layer turns frames into
quotes, :mod:`attribution` uses them to say who asserts a clause.

    "X will happen," Choe declared.        cue declared, speaker Choe, content X will happen
    Seoul has warned that X ...             cue warned, speaker Seoul, content X ...
    X, he said, Y                           cue said (parataxis), content X ... Y
    ... a statement saying X                cue saying, speaker: the subject of the clause above
    Kim expressed his certainty that X      cue certainty (noun), speaker Kim
    According to CNN, X                     cue according to, speaker CNN, content X
    It is believed that X                   cue believed, no speaker (agentless)
"""

from __future__ import annotations

import bisect
import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from storytrace.nlp.quotes_lexicon import CueVerb, Lexicon

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

log = logging.getLogger(__name__)

SUBJECTS = ("nsubj", "nsubjpass", "csubj")
# a cue without a subject of its own takes the subject of the clause it hangs from
_CLIMB = ("conj", "advcl", "xcomp", "acl", "pcomp", "ccomp", "dep")
_RELATIVE = {"who", "which", "that", "whom"}
_EXPLETIVE = {"it", "there"}
_TRIM = set(",;:.-\u2014\u2013") | {"--"}
# (with the doubled marks of the NYT style, two characters in one token)
_QUOTE_CHARS = set("\"'\u201c\u201d\u2018\u2019\u201e\u00ab\u00bb`") | {"''", "``"}
_MEDIA_NOUNS = {"statement", "interview", "speech", "post", "tweet", "message", "letter", "address",
                "briefing", "communique", "communiqué", "video", "op-ed", "editorial", "podcast",
                "conference", "testimony", "memo", "report", "column", "essay", "broadcast"}
_TELL = {"tell", "inform", "assure", "remind", "warn", "promise", "brief"}
MAX_SPEAKER_TOKENS = 50
MAX_BLOCK_TOKENS = 150  # an unquoted statement after "He added:"
MAX_PARENTHETICAL = 6  # tokens: "(R-Ga.)" belongs to a name, "(a view shared by ...)" does not


@dataclass
class Frame:
    cue: int  # token index of the cue head (verb, noun, or "according")
    cue_toks: list[int]  # tokens of the cue text: told + reporters, according + to
    stance: str
    speaker: int | None  # head token of the speaker phrase (None: agentless or unknown)
    content: tuple[int, int]  # token range [start, end) of the attributed content
    # verb (a clause) | infinitive | naming | object | noun | adjective | source | headline
    kind: str = "verb"
    quote_only: bool = False  # a manner-of-speaking cue: only direct quotes ("he joked")
    colon: bool = False  # the cue ends in ":" and its content follows ("She said: ...")
    passive: bool = False
    hole: tuple[int, int] | None = None  # the cue phrase inside the content: "X, he said, Y"
    speaker_span: tuple[int, int] | None = None  # the speaker's words, when not read off the parse
    request: bool = False  # "urged X to Y": what someone else is asked to do (attribution, no quote)

    def contains(self, i: int) -> bool:
        return self.content[0] <= i < self.content[1]


def _is_word(tok: Token) -> bool:
    return not (tok.is_punct or tok.is_space or tok.text in _QUOTE_CHARS)


def _trim(doc: Doc, start: int, end: int, *, complementizer: bool = True) -> tuple[int, int]:
    """Drop outer punctuation, spaces and a leading complementizer "that" from [start, end)
    ("whether" stays: "asked whether X" does not report X)."""
    while start < end and (doc[start].is_space or doc[start].text in _TRIM
                           or (complementizer and doc[start].lower_ == "that" and doc[start].dep_ == "mark")
                           or (doc[start].dep_ == "cc" and doc[start].lower_ in _LEADING_CC)):
        start += 1
    while end > start and (doc[end - 1].is_space or doc[end - 1].text in _TRIM
                           or (doc[end - 1].dep_ == "cc" and doc[end - 1].lower_ in _LEADING_CC)
                           or (doc[end - 1].text in (")", "]") and not any(
                               doc[i].text in ("(", "[") for i in range(start, end - 1)))
                           or doc[end - 1].text in _OPENING_MARKS):
        end -= 1
    return start, end


def _span_of(tokens: list[Token]) -> tuple[int, int]:
    return min(t.i for t in tokens), max(t.i for t in tokens) + 1


def _subtree_without(head: Token, skip: set[int]) -> list[Token]:
    """The subtree of ``head`` without the subtrees rooted at ``skip``."""
    out, stack = [], [head]
    while stack:
        t = stack.pop()
        if t.i in skip:
            continue
        out.append(t)
        stack.extend(t.children)
    return out


_ASIDE_OPENERS = {"with", "amid", "although", "though", "according", "whereas"}
_RELATIVE_OPENERS = {"who", "which", "whose", "whom"}
_WH_GAP = {"which", "what", "that", "who", "whom"}
_OPENING_MARKS = {"\u201c", "``", "\u2018"}  # a content never ends with a quotation opening
_LEADING_CC = {"and", "but", "or", "so", "yet"}  # "And the mayor now leads, according to ..."
_SPEAKER_LEADS = {"also", "but", "and", "so", "yet", "even", "both"}


def _is_aside(t: Token, cues: Lexicon | None = None) -> bool:
    """A phrase the writer adds after a comma: a non-restrictive relative clause (", who
    signed ..."), an apposition (", the alliance that ..."), an absolute or concessive phrase
    (", with Pyongyang suspected of ...", ", although he refused ..."), a source
    (", according to ..."), a second report of the speaker's (", citing ...", ", calling it
    ..."), the writer's comment or timeline (", the first time it has ...", ", two days after
    ...")."""
    doc = t.doc
    left = doc[t.left_edge.i]
    first = left.lower_
    if t.dep_ == "relcl":
        return first in _RELATIVE_OPENERS and t.head.pos_ in ("NOUN", "PROPN")
    if t.dep_ == "appos":
        return t.head.pos_ == "PROPN"  # "NATO, the alliance that ..." (a common noun: a list)
    if t.dep_ == "advcl" and t.tag_ == "VBG" and t.left_edge.i == t.i and (
            t.lemma_ in _ASIDE_PARTICIPLES or (cues is not None and cues.cue_of(t) is not None)):
        return True  # "..., citing the strategic importance of ...", "..., calling it ..."
    if t.dep_ == "npadvmod" and t.lemma_ == "time" and any(c.dep_ == "amod" for c in t.children):
        return True  # "..., the first time it has confirmed ..."
    if t.dep_ == "advcl" and (left.like_num or left.ent_type_ == "DATE") and any(
            c.dep_ == "mark" and c.lower_ in ("after", "before", "since") for c in t.children):
        return True  # "..., two days after Moscow thanked it"
    return t.dep_ in ("prep", "advcl", "npadvmod") and first in _ASIDE_OPENERS


_ASIDE_PARTICIPLES = {"cite", "refer", "point", "add", "say", "note", "argue", "explain", "accord"}


@dataclass
class _Marks:
    """Where the commas and the paragraph breaks of a document are (token indices)."""

    commas: list[int]
    breaks: list[int]


def _marks(doc: Doc) -> _Marks:
    found = doc.user_data.get("storytrace.quotes.marks")
    if found is None or found[0] != len(doc):
        import numpy
        from spacy.attrs import IS_SPACE, ORTH
        from spacy.strings import hash_string  # type: ignore[attr-defined]  # (exists at run time, not in the stubs)

        arr = doc.to_array([ORTH, IS_SPACE]) if len(doc) else numpy.zeros((0, 2), dtype="uint64")
        commas = numpy.flatnonzero(arr[:, 0] == hash_string(",")).tolist()
        spaces = numpy.flatnonzero(arr[:, 1]).tolist()
        found = (len(doc), _Marks(commas, [i for i in spaces if "\n" in doc[i].text]))
        doc.user_data["storytrace.quotes.marks"] = found
    return found[1]  # type: ignore[no-any-return]


def paragraph_breaks(doc: Doc) -> list[int]:
    """Indices of the whitespace tokens holding a line break."""
    return _marks(doc).breaks


def _asides_start(head: Token, end: int, cues: Lexicon | None = None) -> int:
    """Where the closing asides of the clause headed by ``head`` start (``end`` if none).
    They are the writer's background, not the speaker's words. An aside follows a comma and
    runs to the end: look at the phrases opening after each comma, from the last one back."""
    doc = head.doc
    commas = _marks(doc).commas
    lo = bisect.bisect_right(commas, head.i)
    hi = bisect.bisect_left(commas, end)
    for k in reversed(commas[lo:hi]):
        if k + 1 >= end:
            continue
        t = doc[k + 1]
        while t.head.i != head.i and t.head.left_edge.i == k + 1 and t.head.i != t.i:
            t = t.head
        if t.left_edge.i == k + 1 and t.right_edge.i + 1 >= end - 1 and _is_aside(t, cues) \
                and head.left_edge.i <= t.i <= head.right_edge.i:
            end = k
    return end


def _paragraph_clip(doc: Doc, start: int, end: int, anchor: int) -> tuple[int, int]:
    """Keep the part of [start, end) in the paragraph of token ``anchor`` (a parse can run
    across a headline and the paragraph under it)."""
    breaks = _marks(doc).breaks
    lo, hi = min(start, anchor), max(end, anchor + 1)
    for i in breaks[bisect.bisect_left(breaks, lo):bisect.bisect_left(breaks, hi)]:
        if i < anchor:
            start = max(start, i + 1)
        else:
            end = min(end, i)
            break
    return start, max(start, end)


def _coordinated_cue(t: Token, cues: Lexicon | None) -> bool:
    """A verb coordinated into the content that shares the speaker's subject: "said it was
    opposed and warned North Korea ..." (the parse hangs "warned" under "was"), "said the
    title had been won and thanked the fans" (a past tense cannot share "had been")."""
    if t.dep_ != "conj" or t.pos_ != "VERB" or any(c.dep_ in SUBJECTS for c in t.children):
        return False
    if cues is not None and cues.cue_of(t) is not None:
        return True
    return t.tag_ == "VBD" and any(c.dep_ == "auxpass" for c in t.head.children) \
        and any(c.dep_ == "dobj" for c in t.children)


def content_of(head: Token, skip: set[int] | None = None, anchor: int | None = None,
               cues: Lexicon | None = None) -> tuple[int, int]:
    """Token range of the clause headed by ``head`` (minus ``skip`` subtrees), trimmed; kept
    within the paragraph of ``anchor`` (the cue) when given."""
    skip = set(skip or ())
    skip.update(t.i for t in head.subtree if t.i != head.i and _coordinated_cue(t, cues))
    tokens = _subtree_without(head, skip)
    if not tokens:
        return head.i, head.i
    start, end = _span_of(tokens)
    if anchor is not None and start < anchor < end and all(
            not _is_word(t) or t.lower_ in _WH_GAP for t in head.doc[start:head.doc[anchor].left_edge.i]):
        start = anchor + 1  # "which he said were ...", "what he says the plan would do": the cue's own gap
    semicolon = next((c.i for c in head.children if c.text == ";" and start < c.i < end), None)
    if semicolon is not None:
        end = semicolon  # "the delay was not deliberate; the papers came on Monday": two statements
    last = max((c for c in head.children if c.i > head.i and not c.is_punct), key=lambda c: c.i, default=None)
    if last is not None and head.doc[last.left_edge.i - 1].text in _QUOTE_CHARS and (
            (last.dep_ == "npadvmod" and last.ent_type_ in ("DATE", "TIME"))
            or (last.dep_ == "prep" and last.lower_ == "on"
                and any(g.ent_type_ in ("DATE", "TIME") for g in last.children))):
        end = min(end, last.left_edge.i)  # 'said "we are broke" last year': the time of saying
    if anchor is not None and anchor < start:  # "told fans this week he would ...": the cue's time
        when = next((c for c in head.children if c.dep_ == "npadvmod" and c.left_edge.i == start
                     and c.ent_type_ in ("DATE", "TIME")), None)
        if when is not None and any(c.dep_ in SUBJECTS and c.left_edge.i == when.right_edge.i + 1
                                    for c in head.children):
            start = when.right_edge.i + 1
    end = _asides_start(head, end, cues)
    if anchor is not None:
        start, end = _paragraph_clip(head.doc, start, end, anchor)
    return _trim(head.doc, start, end)


def subject_of(verb: Token) -> tuple[Token | None, bool]:
    """The subject naming the source of ``verb``: its own (or its passive agent), else that of
    the clause it hangs from. Returns (token, passive)."""
    node, hops = verb, 0
    if verb.dep_ == "advcl" and verb.tag_ == "VBG" and verb.head.dep_ == "ccomp" and verb.i > verb.head.i:
        node, hops = verb.head.head, 1  # "X said the troops left, citing ...": X cites
    while hops < 4:
        passive = any(c.dep_ == "auxpass" for c in node.children)
        for c in node.children:
            if c.dep_ == "agent":
                objs = [g for g in c.children if g.dep_ == "pobj"]
                if objs:
                    return objs[0], False
        for c in _subjects(node, verb):
            if c.i != verb.i:
                if c.dep_ == "nsubjpass" or (passive and c.lower_ in _EXPLETIVE):
                    return None, True
                if c.lower_ in _EXPLETIVE and c.dep_ == "nsubj" and _expletive(c):
                    return None, True
                return c, False
        if passive:
            return None, True
        stray = _stray_subject(node)
        if stray is not None:
            return stray, False
        if node.dep_ == "relcl":
            return node.head, False  # "the minister, who said ..." (speaker: the noun)
        if node.dep_ == "acl" and node.head.pos_ in ("NOUN", "PROPN") and node.tag_ == "VBG":
            # "a statement saying ...": the noun's governor is the speaker's verb
            node = node.head.head if node.head.dep_ in ("dobj", "pobj", "nsubj") else node.head
            hops += 1
            continue
        if node.dep_ == "pcomp" and node.head.dep_ == "prep" and node.head.lower_ in _MANNER_PREPS \
                and node.head.head.pos_ in ("VERB", "AUX"):
            node = node.head.head  # "responded by saying ...", "after noting ...": the verb's subject
            hops += 1
            continue
        if node.dep_ not in _CLIMB or node.head.i == node.i:
            return None, False
        node = node.head
        hops += 1
    return None, False


# prepositions whose gerund shares the subject of the verb they hang on ("responded by saying",
# not "criticized him for saying": the object said it)
_MANNER_PREPS = {"by", "after", "before", "in", "while", "despite", "since"}


def _subjects(node: Token, verb: Token) -> list[Token]:
    """The subjects of ``node``, the one next to it first; a subject cut off from the verb by a
    colon or a paragraph break is left out ("The Latest: Lopez urges ...", "5:45 p.m.\n\nThe
    doctor is calling ...": the parse took the headline or the time stamp for a subject)."""
    subjects = [c for c in node.children if c.dep_ in SUBJECTS]
    if not subjects:
        return subjects
    kept = [c for c in subjects if not (c.i < node.i and _walled(node.doc, c, node))]
    if len(kept) == 2 and _split_apposition(kept[0], kept[1]):
        return kept[:1]  # "the coach's daughter, Rep. Lena Holm, shouted": one phrase, parsed as two
    return sorted(kept, key=lambda c: abs(c.i - node.i))


def _split_apposition(a: Token, b: Token) -> bool:
    """Two subjects of one verb, the second right after the first and a comma."""
    doc = a.doc
    return a.i < b.i and a.right_edge.i + 2 == b.left_edge.i and doc[a.right_edge.i + 1].text == "," \
        and b.head.i == a.head.i and b.i < b.head.i


def _walled(doc: Doc, subj: Token, verb: Token) -> bool:
    """A colon or a paragraph break between a subject before its verb and the verb."""
    return any(doc[i].text == ":" or (doc[i].is_space and "\n" in doc[i].text)
               for i in range(subj.right_edge.i + 1, verb.i))


def _stray_subject(verb: Token) -> Token | None:
    """A finite verb with no subject right after a name the parse hung elsewhere: "In a meeting
    with the board of the Post Trump said ..." ("Trump" read as the object of "of")."""
    if verb.tag_ not in ("VBD", "VBZ", "VBP") or verb.i == 0 or verb.dep_ not in ("ROOT", "conj", "ccomp"):
        return None
    prev = verb.doc[verb.i - 1]
    if prev.pos_ in ("PROPN", "NOUN") and prev.dep_ == "pobj" and prev.sent.start == verb.sent.start:
        return prev
    return None


def _expletive(tok: Token) -> bool:
    """"it" in "it is said / it appears that" (not a referring pronoun)."""
    verb = tok.head
    return verb.lemma_ in ("be", "appear", "seem") or any(c.dep_ == "auxpass" for c in verb.children)


def _cue_tokens(verb: Token, cue: CueVerb, lex: Lexicon) -> list[int]:
    """The words of the cue: the verb, its particle, the audience of "told", "on X"."""
    toks = [verb.i]
    particle = cue.particle
    for c in verb.children:
        if particle and c.lower_ == particle and c.dep_ in ("prt", "prep"):
            toks.append(c.i)
        elif c.dep_ in ("dobj", "dative") and verb.lemma_ in _TELL and c.i > verb.i:
            span = list(c.subtree)
            if len(span) <= 3 and not any(t.dep_ in ("ccomp", "xcomp") for t in span):
                toks.extend(t.i for t in span)
        elif c.dep_ == "prep" and c.lower_ == "on" and c.i > verb.i:
            objs = [g for g in c.children if g.dep_ == "pobj"]
            if objs and tuple(t.lower_ for t in objs[0].subtree) in lex.platforms:
                toks.append(c.i)
                toks.extend(t.i for t in objs[0].subtree)
        elif c.dep_ == "prep" and c.lower_ == "in":
            objs = [g for g in c.children if g.dep_ == "pobj"]
            if objs and objs[0].lemma_.lower() in _MEDIA_NOUNS and len(list(objs[0].subtree)) <= 4:
                toks.append(c.i)
                toks.extend(t.i for t in objs[0].subtree)
    return sorted(set(toks))


def _verb_frames(verb: Token, cue: CueVerb, lex: Lexicon) -> list[Frame]:
    doc = verb.doc
    out: list[Frame] = []
    speaker, passive = subject_of(verb)
    cue_toks = _cue_tokens(verb, cue, lex)
    frames = cue.frames
    clause_ok = "clause" in frames or "quote" in frames
    quote_only = "clause" not in frames and "quote" in frames

    def add(content: tuple[int, int], **kw: object) -> None:
        if content[1] > content[0]:
            out.append(Frame(verb.i, cue_toks, cue.stance, None if speaker is None else speaker.i, content,
                             passive=passive, **kw))  # type: ignore[arg-type]

    children = list(verb.children)
    if clause_ok:
        for c in children:
            misattached = not quote_only and _misattached_content(verb, c)
            if c.dep_ == "ccomp" or (c.dep_ == "dobj" and _quoted_object(c)) or misattached:
                content = content_of(c, anchor=verb.i, cues=lex)
                if misattached:
                    content = (_content_subject_start(c, content[0]), content[1])
                rest = _resumed(verb, speaker, content, lex) if c.i < verb.i else None
                lead = _cut_subject(verb, speaker, c)
                if rest is not None:  # "X, he said, Y": one stretch around the cue
                    add((content[0], rest[1]), quote_only=quote_only, hole=rest[0])
                elif lead is not None:  # "The real problem, he told me, is that ...": the subject cut off
                    add((lead.left_edge.i, content[1]), quote_only=quote_only,
                        hole=(lead.right_edge.i + 1, c.left_edge.i))
                else:  # a manner-of-speaking cue with a that-clause reports speech ("yelled that ...")
                    add(content, quote_only=quote_only and not any(
                        g.dep_ == "mark" and g.lower_ == "that" for g in c.children))
        if not out:  # "tweeted in the early hours that X was ...": a that-clause misread as a relative one
            for clause in _misread_that_clauses(verb):
                start, end = content_of(clause, anchor=verb.i, cues=lex)
                if start < end and doc[start].lower_ == "that":
                    start += 1
                add((start, end))  # (an explicit "that": speech also after "yelled")
        # "X, he said, Y": the cue interrupts the clause it attributes
        if not out and (verb.dep_ == "parataxis" or _parenthetical_relcl(verb)):
            node = _interrupted(verb)
            hole = (verb.left_edge.i, verb.right_edge.i + 1)
            # "X, officials said, and the road was closed": a clause of the writer's after the cue
            after = [c for c in node.children if c.dep_ == "conj" and c.i >= hole[1]
                     and any(g.dep_ in SUBJECTS for g in c.children)
                     and doc[c.left_edge.i].text not in _QUOTE_CHARS]  # (', she said, and "we could not ...')
            skip = {verb.i} | {c.i for c in after} | {
                c.i for c in node.children if c.dep_ == "cc" and after and c.i >= hole[1]}
            start, end = content_of(node, skip=skip, anchor=verb.i, cues=lex)
            leads = [c for c in children if c.dep_ == "advcl" and c.i < verb.i and speaker is not None
                     and c.right_edge.i < speaker.left_edge.i and c.left_edge.i < start]
            if leads:  # "Though X, he said, Y": the parse hung X on the cue
                start = _trim(doc, leads[0].left_edge.i, end)[0]
                hole = (_trim(doc, leads[0].right_edge.i + 1, hole[1])[0], hole[1])
            add((start, end), quote_only=quote_only, hole=hole)
        # "she said: ..." (the content follows in the next sentence or a quote)
        if not out:
            nxt = verb.i + 1
            while nxt < len(doc) and doc[nxt].head.i == verb.i and doc[nxt].dep_ in ("dobj", "dative", "prep",
                                                                                        "npadvmod", "advmod"):
                nxt = doc[nxt].right_edge.i + 1
            if nxt < len(doc) and doc[nxt].text == ":":
                block = _block_after(doc, nxt) if not quote_only else None
                if block is not None:  # "He added:\n\nIt is ...": the paragraph is the content
                    add(block)
                else:
                    out.append(Frame(verb.i, cue_toks, cue.stance, None if speaker is None else speaker.i,
                                     (nxt + 1, nxt + 1), colon=True, quote_only=quote_only, passive=passive))
    # "as X put it, CONTENT", "CONTENT, as the mayor noted": the clause the as-phrase hangs on
    if not out and ("clause" in frames or "as" in frames) and speaker is not None and _as_phrase(verb, cue):
        hole = (verb.left_edge.i, verb.right_edge.i + 1)
        start, end = content_of(verb.head, skip={verb.i}, anchor=verb.i, cues=lex)
        if not any(_is_word(t) for t in doc[hole[1]:end]):  # "X, as the mayor said."
            end = _trim(doc, start, hole[0])[1]
        elif all(not _is_word(t) or t.dep_ in ("advmod", "cc") for t in doc[start:hole[0]]):
            start = _trim(doc, hole[1], end)[0]  # "Yet, as Mr. Ruiz observed, X"
        if start < hole[0] < end:  # "the plan, as Berg noted, is ...": the phrase inside the clause
            add((start, end), hole=hole)
        elif end > start:
            add((start, end))
    # "3,000 are believed to have died", "he is said to be ill", "with both believed to be ...":
    # no speaker (unless a "by" agent), a stance
    reduced = verb.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass") for c in children)
    if ((passive and speaker is None) or reduced) and not out:
        agent = next((g for c in children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
        for c in children:
            if c.dep_ == "xcomp" and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children):
                subj = [o for o in children if o.dep_ in ("nsubjpass", "nsubj") and o.i < c.i]
                lo = subj[0].left_edge.i if subj else c.left_edge.i
                _, hi = content_of(c, anchor=verb.i, cues=lex)
                content = _trim(doc, *_paragraph_clip(doc, lo, hi, verb.i))
                if content[1] > content[0]:
                    source = None if agent is None else agent.i
                    out.append(Frame(verb.i, cue_toks, cue.stance, source, content, kind="infinitive",
                                     passive=True))
    if "infinitive" in frames and not any(not f.colon for f in out):
        for c in children:
            if c.dep_ in ("xcomp", "ccomp") and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children):
                objects = [o for o in children if o.dep_ in ("dobj", "dative") and o.i < c.i]
                lo = min(p.left_edge.i for p in [c, *objects])
                _, hi = content_of(c, anchor=verb.i, cues=lex)
                add(_trim(doc, *_paragraph_clip(doc, lo, hi, verb.i)), kind="infinitive",
                    request=_asks_someone(verb, cue, objects, c))
    if "naming" in frames and not out:
        # (not "what he called X": a free relative, an aside)
        objs = [c for c in children if c.dep_ == "dobj" and c.tag_ not in ("WP", "WDT")]
        comps = [c for c in children if c.dep_ == "oprd" or (c.dep_ == "prep" and (
            c.lower_ == "as" or (c.lower_ in ("to", "with") and verb.lemma_ in ("liken", "compare"))))]
        if objs and not comps:  # 'called the bill "a disgrace"' (the parse reads an apposition)
            comps = [c for c in objs[0].children if c.dep_ == "appos" and c.i > objs[0].i]
        if objs and comps and comps[0].i > objs[0].i:
            hi = max(content_of(c, anchor=verb.i, cues=lex)[1] for c in comps)
            add(_trim(doc, *_paragraph_clip(doc, objs[0].left_edge.i, hi, verb.i)), kind="naming")
    if "object" in frames and not out:
        target = verb
        if cue.particle:
            preps = [c for c in children if c.lower_ == cue.particle and c.dep_ == "prep"]
            target = preps[0] if preps else verb
        for c in target.children:
            if c.dep_ in ("dobj", "pobj") and c.i > verb.i:
                add(content_of(c, anchor=verb.i, cues=lex), kind="object")
    return out


_FINITE_TAGS = {"VBD", "VBZ", "VBP", "MD"}


def _bare_finite(clause: Token) -> bool:
    """A finite clause with a subject of its own and no subordinator but "that": what the
    parse hung as an adverbial clause is the content ("said after the convention he would
    not ...", "tweeted in the early hours that Machado was ...")."""
    children = list(clause.children)
    if not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in children):
        return False
    if any(c.dep_ == "mark" and c.lower_ != "that" for c in children):
        return False
    first = clause.doc[clause.left_edge.i]
    if (first.lower_ in SUBORDINATE_OPENERS and first.dep_ != "prep") \
            or (first.tag_ in ("WRB", "WP", "WDT") and first.lower_ != "that"):
        return False
    return clause.tag_ in _FINITE_TAGS or any(c.dep_ in ("aux", "auxpass") and c.tag_ in _FINITE_TAGS
                                              for c in children)


# words opening an adverbial clause that is not a content ("said it, as he always does")
SUBORDINATE_OPENERS = {"as", "if", "when", "while", "because", "since", "although", "though", "unless",
                       "until", "before", "after", "once", "whereas", "so", "even", "whether", "lest"}


def _misattached_content(verb: Token, clause: Token) -> bool:
    """An adverbial clause after a cue, with no comma between, that is the cue's content."""
    doc = verb.doc
    if clause.dep_ != "advcl" or clause.left_edge.i <= verb.i or not _bare_finite(clause):
        return False
    return not any(doc[i].text in _CLAUSE_BREAKS or (doc[i].is_space and "\n" in doc[i].text)
                   for i in range(verb.i + 1, clause.left_edge.i))


_CLAUSE_BREAKS = {",", ";", ":", "(", "\u2014", "\u2013", "--", "-"}


def _content_subject_start(clause: Token, start: int) -> int:
    """Where a misattached content starts: at its subject, when only the cue's time or place
    phrases come before it ("said after the convention he would ...")."""
    subj = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass", "expl") and c.i < clause.i),
                None)
    if subj is None:
        return start
    before = [c for c in clause.children if c.i < subj.i]
    if all(c.dep_ in ("prep", "npadvmod", "advmod", "punct", "mark") for c in before):
        return subj.left_edge.i
    return start


def _misread_that_clauses(verb: Token) -> list[Token]:
    """"said on Monday that the port ...", "tweeted in the early hours that X was ...": a
    that-clause after the cue's time or place phrase that the parse hung on the phrase's noun
    as a relative clause ("that" is no argument of it: the clause has a subject of its own)."""
    out = []
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.i < verb.i:
            continue
        for noun in prep.children:
            if noun.dep_ != "pobj":
                continue
            for c in noun.children:
                first = c.doc[c.left_edge.i]
                if c.dep_ == "relcl" and c.i > noun.i and first.lower_ == "that" and any(
                        g.dep_ in SUBJECTS and g.i != first.i for g in c.children):
                    out.append(c)
    return out


def _asks_someone(verb: Token, cue: CueVerb, objects: list[Token], infinitive: Token) -> bool:
    """"urged Congress to act", "called on Moscow to withdraw", "told residents to leave": the
    to-clause is what someone else is asked to do, not what the speaker asserts (a believed
    outcome, "expects prices to rise", is not a request)."""
    if cue.stance != "reported":
        return False
    if objects:
        return True
    return any(c.dep_ in ("prep", "prt") and c.lower_ == cue.particle and c.i < infinitive.i
               and any(g.dep_ == "pobj" for g in c.children) for c in verb.children)


def _block_after(doc: Doc, colon: int) -> tuple[int, int] | None:
    """The unquoted text after a cue's colon, to the end of its paragraph ("He added:\n\nIt's
    typical of ..."); None when a quotation follows (the quoted stretch takes the cue) or
    when the stretch is too long to be one statement."""
    start = colon + 1
    while start < len(doc) and doc[start].is_space:
        start += 1
    if start >= len(doc) or doc[start].text in _QUOTE_CHARS or doc[start].is_punct:
        return None
    breaks = _marks(doc).breaks
    k = bisect.bisect_right(breaks, start)
    end = breaks[k] if k < len(breaks) else len(doc)
    if end - start > MAX_BLOCK_TOKENS or any(doc[i].text in _QUOTE_CHARS for i in (start, end - 1)):
        return None
    start, end = _trim(doc, start, end)
    return (start, end) if end > start else None


def _as_phrase(verb: Token, cue: CueVerb) -> bool:
    """"as X put it", "as Mr. Ruiz observed", "as many analysts have pointed out": an
    as-clause of a cue verb with no content of its own, hung on the clause it attributes."""
    if verb.dep_ != "advcl" or verb.head.i == verb.i or verb.head.pos_ not in ("VERB", "AUX"):
        return False
    children = list(verb.children)
    if not any(c.dep_ == "mark" and c.lower_ == "as" and c.i < verb.i for c in children) \
            or not any(c.dep_ == "nsubj" for c in children):
        return False
    objects = [c for c in children if c.dep_ in ("dobj", "ccomp", "xcomp", "dative")
               or (c.dep_ == "prep" and c.lower_ in _AS_OBJECT_PREPS)]
    if "as" in cue.frames:  # "put it", "phrase it"
        return len(objects) == 1 and objects[0].lower_ == "it"
    return not objects  # (not "as Ukraine pleads for help": a time, not a source)


_AS_OBJECT_PREPS = {"for", "about", "against", "with", "to", "of"}


def _cut_subject(verb: Token, speaker: Token | None, content: Token) -> Token | None:
    """"The real problem, he told me, is that ...": the parse took the subject of the content
    for a loose dependent of the cue and left the content without one."""
    if speaker is None or content.i < verb.i or any(g.dep_ in SUBJECTS for g in content.children):
        return None
    doc = verb.doc
    for c in verb.children:
        if c.dep_ in ("dep", "npadvmod") and c.pos_ in ("NOUN", "PROPN") \
                and c.right_edge.i < speaker.left_edge.i \
                and doc[c.right_edge.i + 1].text == ",":
            return c
    return None


def _parenthetical_relcl(verb: Token) -> bool:
    """"The big difference, she told reporters, is that ...": a cue set off by commas that the
    parse hung on the subject as a relative clause without a relative pronoun."""
    doc = verb.doc
    lo, hi = verb.left_edge.i, verb.right_edge.i
    while lo < verb.i and doc[lo].is_punct:
        lo += 1
    while hi > verb.i and doc[hi].is_punct:
        hi -= 1
    return verb.dep_ == "relcl" and lo > 0 and hi + 1 < len(doc) and doc[lo - 1].text == "," \
        and doc[hi + 1].text == "," and not any(doc[i].lower_ in _WH_GAP for i in range(lo, verb.i)) \
        and any(c.dep_ == "nsubj" for c in verb.children)


def _interrupted(verb: Token) -> Token:
    """The clause a parenthetical cue interrupts ("X, he said, Y"): the parse may hang the cue
    on the subject ("The real problem, he told me, is ...") or on a subordinate clause
    before the main one ("Though the first vote went well, he said, the next one will be harder")."""
    node = verb.head
    for _ in range(3):
        up = node.head
        if up.i == node.i or up.i < verb.i:
            break
        subject = node.pos_ in ("NOUN", "PROPN", "PRON") and node.dep_ in SUBJECTS
        if not (subject or (node.dep_ == "advcl" and node.i < verb.i)):
            break
        node = up
    return node


def _resumed(verb: Token, speaker: Token | None, content: tuple[int, int], lex: Lexicon
             ) -> tuple[tuple[int, int], int] | None:
    """"The plant was profitable, Ms. Ruiz said, until it went under": the clause goes on
    after a cue set off by commas. Returns (the cue phrase as a hole, the new end) or None."""
    doc = verb.doc
    if speaker is None or not content[0] < content[1] <= speaker.left_edge.i:
        return None
    lo = min(speaker.left_edge.i, verb.i)
    between = [doc[i] for i in range(content[1], lo) if not doc[i].is_space]
    if not any(t.text == "," for t in between) or any(t.text != "," and t.text not in _QUOTE_CHARS
                                                      for t in between):
        return None
    after = [c for c in verb.children if c.i > verb.i and c.dep_ not in ("punct", "nsubj")]
    phrase_end = verb.i + 1
    for c in after:  # "told me on Friday": the cue phrase ends before the comma
        if c.dep_ in ("dobj", "dative", "prep", "npadvmod", "advmod", "prt") and c.i == phrase_end:
            phrase_end = c.right_edge.i + 1
    sent_end = verb.sent.end
    if phrase_end >= sent_end - 1 or doc[phrase_end].text != ",":
        return None
    rest = [c for c in after if c.i > phrase_end]
    if not rest:
        return None
    resumed_at = _trim(doc, phrase_end + 1, sent_end)[0]
    if doc[resumed_at].lower_ in ("and", "but", "or"):
        resumed_at += 1
    quoted_after = doc[resumed_at].text in _QUOTE_CHARS  # '"X," he said, "and Y."': the quotation goes on
    if not quoted_after:
        if any(c.dep_ == "conj" and any(g.dep_ in SUBJECTS for g in c.children) for c in rest):
            return None  # "X, officials said, and the road was closed": a clause of the writer's
        first = next((c for c in rest if c.dep_ != "cc"), rest[0])
        shared_subject = first.dep_ == "conj" and first.pos_ in ("VERB", "AUX") \
            and not any(g.dep_ in SUBJECTS for g in first.children)
        noun_phrase = first.pos_ in ("NOUN", "PROPN", "NUM", "PRON") and first.dep_ not in SUBJECTS
        if first.tag_ == "VBG" or doc[first.left_edge.i].lower_ in _ASIDE_OPENERS or shared_subject \
                or first.dep_ == "prep" or noun_phrase or lex.cue_of(first) is not None:
            return None  # ", adding that ...", ", without giving details", "and declined to say more"
        quoted_before = doc[content[0]].text in _QUOTE_CHARS or (
            content[0] > 0 and doc[content[0] - 1].text in _QUOTE_CHARS)
        if quoted_before:
            return None  # '"X," he said, Y': the quotation ended at the cue
    end = _trim(doc, phrase_end + 1, _paragraph_clip(doc, phrase_end + 1, sent_end, phrase_end + 1)[1])[1]
    return (lo, phrase_end + 1), end


def _quoted_object(tok: Token) -> bool:
    """A direct object that is a quotation as a whole: `he said "no"`."""
    doc = tok.doc
    left, right = tok.left_edge.i, tok.right_edge.i
    opened = doc[left].text in _QUOTE_CHARS or (left > 0 and doc[left - 1].text in _QUOTE_CHARS)
    closed = doc[right].text in _QUOTE_CHARS \
        or (right + 1 < len(doc) and doc[right + 1].text in _QUOTE_CHARS) \
        or (right + 2 < len(doc) and doc[right + 1].is_punct and doc[right + 2].text in _QUOTE_CHARS)
    return opened and closed


def _noun_frames(noun: Token, stance: str, lex: Lexicon) -> list[Frame]:
    """"his claim that X", "the belief that X", "a statement: X"."""
    out = []
    clauses = list(noun.children)
    if noun.dep_ == "dobj":  # "expressed his certainty that X": the clause hangs from the verb
        clauses += [c for c in noun.head.children if c.dep_ == "ccomp" and c.i > noun.i]
    copula = noun.dep_ == "nsubj" and noun.head.lemma_ == "be" and noun.head.i > noun.i
    if copula:  # "Her view is that X", "the senator's argument was that X"
        clauses += [c for c in noun.head.children if c.dep_ in ("ccomp", "attr") and c.i > noun.head.i]
    doc = noun.doc
    for c in clauses:
        that_clause = c.dep_ in ("acl", "ccomp", "appos") and any(
            g.dep_ == "mark" and g.lower_ == "that" for g in c.children)
        # "the report that X had ..." parsed as a relative clause: "that" is not its subject
        misparsed = c.dep_ == "relcl" and doc[c.left_edge.i].lower_ == "that" and any(
            g.dep_ in SUBJECTS and g.lower_ != "that" for g in c.children)
        if that_clause or misparsed:
            speaker = _misread_verb_subject(noun, lex) or noun_speaker(noun)
            if copula and c.head.i == noun.head.i and not any(g.dep_ == "poss" for g in noun.children):
                continue  # "The problem is that ...": nobody's view
            start, end = content_of(c, anchor=noun.i, cues=lex)
            if start < end and doc[start].lower_ == "that":
                start += 1
            out.append(Frame(noun.i, [noun.i], stance, None if speaker is None else speaker.i,
                             (start, end), kind="noun"))
    return out


def _misread_verb_subject(noun: Token, lex: Lexicon) -> Token | None:
    """"Trump charges that X": a cue verb in the present read as a plural noun after a name
    the parse made the root; the name is the speaker."""
    head = noun.head
    if noun.tag_ != "NNS" or head.i != noun.i - 1 or head.dep_ != "ROOT" \
            or head.pos_ not in ("PROPN", "NOUN"):
        return None
    if not noun.lower_.endswith("s") or (lex.verb(noun.lower_[:-1]) is None
                                         and lex.verb(noun.lower_[:-2]) is None):
        return None
    return head


def _adjective_frames(adj: Token, stance: str, lex: Lexicon) -> list[Frame]:
    """"X is confident that Y", "X, afraid that Y, ...": the subject holds the clause; "X made
    it clear (that) Y", "X made clear that Y": the subject of "make" states it. An adjective
    the parse read as a participle ("Protesters were frustrated that Y") has its subject,
    passive or not."""
    out = []
    made = adj.head.lemma_ == "make" and adj.head.i < adj.i \
        and adj.dep_ in ("ccomp", "oprd", "xcomp", "acomp")
    candidates = list(adj.children)
    if made:  # "made clear that X": the clause hangs on "made"
        candidates += [c for c in adj.head.children if c.dep_ == "ccomp" and c.i > adj.i]
    for c in candidates:
        clause = c.dep_ == "ccomp" or (made and c.dep_ == "advcl" and _bare_finite(c))
        if clause and c.i > adj.i:
            own = [g for g in adj.children if g.dep_ in ("nsubj", "nsubjpass") and g.i < adj.i]
            if made:
                speaker, _ = subject_of(adj.head)
            elif adj.pos_ == "VERB" and own:
                speaker = own[0]
            else:
                speaker, _ = subject_of(adj.head if adj.dep_ in ("acomp", "attr") else adj)
            if speaker is not None and speaker.lower_ not in _EXPLETIVE:
                out.append(Frame(adj.i, [adj.i], stance, speaker.i, content_of(c, anchor=adj.i, cues=lex),
                                 kind="adjective"))
    return out


def noun_speaker(noun: Token) -> Token | None:
    """The owner of a cue noun: "Trump's claim", or the subject of "Kim expressed his certainty"."""
    poss = [c for c in noun.children if c.dep_ == "poss"]
    if poss and poss[0].pos_ != "PRON":
        return poss[0]
    named = [c for c in noun.children
             if c.dep_ in ("compound", "nmod") and c.pos_ == "PROPN" and c.i < noun.i]
    if named:
        return named[-1]  # "a Reuters report that ..."
    by = [g for c in noun.children if c.dep_ == "prep" and c.lower_ in ("by", "from") and c.i > noun.i
          for g in c.children if g.dep_ == "pobj"]
    if by:
        return by[0]  # "the assertion by the ministry that ...", "a warning from the army that ..."
    gov = noun.head
    if noun.dep_ in ("dobj", "pobj", "attr") and gov.pos_ in ("VERB", "AUX", "ADP"):
        verb = gov.head if gov.pos_ == "ADP" else gov
        subj, _ = subject_of(verb)
        if subj is not None:
            return subj
    if noun.dep_ == "pobj" and noun.head.head.pos_ in ("VERB", "AUX"):
        subj, _ = subject_of(noun.head.head)
        if subj is not None:
            return subj
    return poss[0] if poss else None


def _source_frames(doc: Doc, i: int, lex: Lexicon) -> list[Frame]:
    """"according to X, CONTENT" (and the other source phrases of the lexicon)."""
    for words, stance in lex.sources.items():
        n = len(words)
        if tuple(t.lower_ for t in doc[i:i + n]) != words:
            continue
        last = doc[i + n - 1]
        objs = [c for c in last.children if c.dep_ == "pobj"] or [
            t for t in doc[i + n:i + n + 6] if t.dep_ == "pobj" and t.head.i in range(i, i + n)]
        if not objs:
            return []
        phrase_head = doc[i]
        while phrase_head.head.i in range(i, i + n) and phrase_head.head.i != phrase_head.i:
            phrase_head = phrase_head.head
        clause = phrase_head.head
        for _ in range(4):  # "... in front of the town hall, according to X": the phrase hangs on a noun
            if clause.pos_ in ("VERB", "AUX") or clause.head.i == clause.i:
                break
            clause = clause.head
        if clause.i == phrase_head.i:  # "according to X" parsed as the root: the rest of the sentence
            sent = doc[i].sent
            clause_toks = [t for t in sent if not (i <= t.i <= objs[0].right_edge.i)]
            if not clause_toks:
                return []
            start, end = _trim(doc, *_span_of(clause_toks))
        else:
            skip = {phrase_head.i}
            start, end = content_of(clause, skip, cues=lex)
            if start >= i and start <= objs[0].right_edge.i:
                start, end = _trim(doc, objs[0].right_edge.i + 1, end)
        phrase_end = max(objs[0].right_edge.i, i + n - 1) + 1
        if start < i < end and not any(_is_word(t) for t in doc[phrase_end:end]):
            start, end = _trim(doc, start, i)  # "CONTENT, according to X."
        elif start < i and end > phrase_end:  # the phrase interrupts the clause: keep the side of its head
            start, end = _trim(doc, start, i) if clause.i < i else _trim(doc, phrase_end, end)
        if end <= start:
            return []
        return [Frame(i, list(range(i, i + n)), stance, objs[0].i, (start, end), kind="source")]
    return []


def _candidates(doc: Doc, lex: Lexicon) -> tuple[list[int], list[int]]:
    """Indices of the tokens whose lemma or form is a cue word, and of those that start a
    source phrase (one vectorized pass: creating a Token object per word would cost more
    than everything else here)."""
    import numpy
    from spacy.attrs import LEMMA, LOWER

    if not len(doc):
        return [], []
    arr = doc.to_array([LEMMA, LOWER])
    hit = numpy.isin(arr[:, 0], lex.trigger_hashes) | numpy.isin(arr[:, 1], lex.trigger_hashes)
    lower = arr[:, 1]
    sources = []
    for phrase in lex.source_hashes:
        n = len(phrase)
        for i in numpy.flatnonzero(lower == phrase[0]).tolist():
            if tuple(lower[i:i + n].tolist()) == phrase:
                sources.append(i)
    return [int(i) for i in numpy.flatnonzero(hit)], sorted(sources)


def find_frames(doc: Doc, lex: Lexicon, strict: bool = False) -> list[Frame]:
    """Every attribution frame of the document, in text order of the cue."""
    frames: list[Frame] = []
    words, sources = _candidates(doc, lex)
    for i in words:
        try:
            frames.extend(_frames_at(doc[i], lex))
        except Exception as exc:  # degrade per cue: one odd parse never costs the document
            if strict:
                raise
            log.warning("quotes: cue %r at token %d skipped: %s: %s", doc[i].text, i,
                        type(exc).__name__, exc)
    for i in sources:
        try:
            frames.extend(_source_frames(doc, i, lex))
        except Exception as exc:  # degrade per phrase, as for cue words
            if strict:
                raise
            log.warning("quotes: source phrase at token %d skipped: %s: %s", i, type(exc).__name__, exc)
    frames.sort(key=lambda f: f.cue)
    return _drop_relayed(doc, frames)


def _frames_at(tok: Token, lex: Lexicon) -> list[Frame]:
    """The frames whose cue is ``tok``."""
    frames: list[Frame] = []
    lemma = tok.lemma_.lower()
    if tok.pos_ in ("VERB", "AUX") or (tok.tag_.startswith("VB") and tok.pos_ != "NOUN"):
        lemma = lex.verb_lemma(tok)
        cue = None
        if lemma in lex.phrasal:
            for c in tok.children:
                if c.dep_ in ("prt", "prep"):
                    cue = lex.phrasal_verb(lemma, c.lower_) or cue
        cue = cue or lex.verb(lemma)
        if cue is not None:
            frames.extend(_verb_frames(tok, cue, lex))
        elif tok.lower_ in lex.adjectives and tok.tag_ in ("VBN", "VBD"):
            # "Protesters were frustrated that ...", "came away convinced that ...": the
            # adjective read as a participle
            frames.extend(_adjective_frames(tok, lex.adjectives[tok.lower_], lex))
    elif tok.pos_ == "NOUN" and lemma in lex.nouns:
        frames.extend(_noun_frames(tok, lex.nouns[lemma], lex))
    elif tok.pos_ == "ADJ" and lemma in lex.adjectives:
        frames.extend(_adjective_frames(tok, lex.adjectives[lemma], lex))
    return frames


def _drop_relayed(doc: Doc, frames: list[Frame]) -> list[Frame]:
    """"According to KCNA, Kim said X": the cue inside names who said X; the source phrase only
    relays it, so its own frame (content "Kim said X") is dropped."""
    sources = [f for f in frames if f.kind == "source"]
    if not sources:
        return frames
    drop = set()
    for s in sources:
        root = doc[s.content[0]:s.content[1]].root
        for f in frames:
            if f.kind != "source" and s.contains(f.cue) and (f.cue == root.i or doc[f.cue].head.i == root.i):
                drop.add(id(s))
    return [f for f in frames if id(f) not in drop]


def speaker_span(doc: Doc, head: Token, full: bool = True) -> tuple[int, int]:
    """Token range of the phrase naming the speaker, as written: a personal pronoun alone, else
    the whole noun phrase with its titles, appositions, short parentheticals and relative
    clauses ("Ana Ruiz, a lawyer at Dale & Poe, who represents the port", "Sen.
    David Perdue (R-Ga.)", "a poll released last week", "Those close to him"), without the
    writer's remarks in it (:func:`_cut_remarks`) or anything past a paragraph break. A phrase
    with a comma or a dash inside keeps the one that closes it ("Phil Lovas, the state campaign
    chairman,"). A phrase longer than MAX_SPEAKER_TOKENS falls back to the noun with its
    modifiers and appositions, and so does a phrase wanted short (``full`` False: the name of a
    source for claims and events)."""
    if head.lower_ in _PERSONAL or head.lower_ in _RELATIVE:
        return head.i, head.i + 1
    start, end = _paragraph_clip(doc, head.left_edge.i, head.right_edge.i + 1, head.i)
    end = min(end, _cut_remarks(doc, head, full=full))
    twin = next((c for c in head.head.children if c.dep_ in SUBJECTS and _split_apposition(head, c)), None)
    if twin is not None and full and end == head.right_edge.i + 1:
        end = _cut_remarks(doc, twin, full=True)
    if end - start > MAX_SPEAKER_TOKENS:
        start, end = head.left_edge.i, min(end, _cut_remarks(doc, head, full=False))
        if end - start > MAX_SPEAKER_TOKENS:
            start, end = head.left_edge.i, head.i + 1
    leads = _SPEAKER_LEADS if full else _SPEAKER_LEADS | _SHORT_LEADS
    while start < end and (doc[start].is_punct or doc[start].is_space or doc[start].dep_ == "preconj"
                           or doc[start].lower_ in leads):
        start += 1
    for k in range(start, min(end, head.i)):
        # a dateline or a headline before the speaker: "BRUSSELS - European leaders", "... - Ana Ruiz"
        if doc[k].text in _DASH_TOKENS and (doc[start:k].text.isupper() or _spaced(doc[k])):
            start = k + 1
    opened = {doc[i].text for i in range(start, end)}
    while end > start and (doc[end - 1].is_space or (doc[end - 1].is_punct and not (
            (doc[end - 1].text == ")" and "(" in opened) or (doc[end - 1].text == "]" and "[" in opened)))):
        end -= 1
    if end < len(doc) and doc[end].text in (",", *_DASH_TOKENS) \
            and any(doc[i].text == doc[end].text for i in range(head.i, end)):
        end += 1  # the comma (or dash) closing an apposition or a relative clause
    return (start, end) if end > start else (head.i, head.i + 1)


_PERSONAL = {"he", "she", "it", "they", "we", "i", "you", "him", "her", "them", "us", "me", "his", "its",
             "their", "our", "my", "your"}
_SHORT_LEADS = {"only"}
_DASH_TOKENS = ("-", "--", "\u2014", "\u2013")
# prepositions of a phrase set off by commas that is about the clause, not the speaker
_REMARK_PREPS = {"like", "unlike", "despite", "amid"}


def _spaced(tok: Token) -> bool:
    return tok.i > 0 and bool(tok.doc[tok.i - 1].whitespace_) and bool(tok.whitespace_)


def _cut_remarks(doc: Doc, head: Token, *, full: bool) -> int:
    """Where the speaker phrase headed by ``head`` ends before the writer's remarks in it: a
    participle set off by a comma (", speaking on condition of anonymity"), a parenthetical
    with a verb ("(a view shared by ...)"), a relative clause that reports something itself
    (", who emphasized that ..."), a phrase about the clause (", like her predecessor,", "in 2001"), a
    second apposition describing the place named in the first ("..., the governor of Ohio, a
    state that sued the agency, ..."); unless ``full``, any relative clause or participle."""
    end = head.right_edge.i + 1
    appos_seen: Token | None = None
    for t in head.subtree:
        if t.i <= head.i or t.left_edge.i <= head.i:
            continue
        first = doc[t.left_edge.i]
        before = doc[t.left_edge.i - 1]
        paren = (first.text == "(" or before.text == "(") and (
            any(g.pos_ in ("VERB", "AUX") for g in t.subtree)
            or t.right_edge.i - t.left_edge.i > MAX_PARENTHETICAL)
        participle = t.dep_ == "acl" and t.tag_ in ("VBN", "VBG") and (before.text == "," or not full)
        relative = t.dep_ == "relcl" and first.lower_ in _RELATIVE_OPENERS and (
            not full or any(c.dep_ == "ccomp" for c in t.children))
        remark = t.dep_ == "prep" and t.head.i == head.i and (
            (before.text == "," and t.lower_ in _REMARK_PREPS)
            or any(c.dep_ == "pobj" and c.ent_type_ in ("DATE", "TIME") for c in t.children))
        second = False
        if t.dep_ == "appos" and t.head.i == head.i:
            last = doc[appos_seen.right_edge.i] if appos_seen is not None else None
            second = last is not None and last.pos_ == "PROPN" and last.dep_ == "pobj" and t.i > last.i
            if appos_seen is None and doc[t.left_edge.i - 1].text == ",":
                appos_seen = t
        if paren or participle or relative or remark or second:
            cut = t.left_edge.i
            while cut > head.i + 1 and doc[cut - 1].text in (",", "(", *_DASH_TOKENS):
                cut -= 1
            end = min(end, cut)
    return end


def is_word(tok: Token) -> bool:
    return _is_word(tok)
