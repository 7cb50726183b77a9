"""Finding event triggers: look up each token's lemma in the lexicon index and keep the most
specific pattern whose conditions (dependent words, object, subject, complements) hold.

Pure functions of the analyzed document: nothing here writes to the Doc.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from storytrace.nlp.events_lexicon import Lexicon, Pattern, Phrase, Terms, lexicon

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from storytrace.nlp.context import AnalyzedDoc

SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj", "expl")
OBJECT_DEPS = ("dobj", "obj", "attr", "oprd")
BACKGROUND = {"since", "after", "before", "until", "while", "upon", "following", "despite"}
RELATIVE_PRONOUNS = {"who", "which", "that", "whom", "whose"}
NAMING_VERBS = {"call", "describe", "term", "label", "dub", "brand", "characterize", "characterise"}
CARRYING = {"carry", "transport", "bring", "contain", "deliver", "haul"}
REPORTING = {"say", "tell", "state", "announce", "add", "claim", "insist", "declare"}
DOCUMENTS = {"resolution", "statement", "declaration", "communique", "letter", "motion", "decree", "order",
             "law", "bill", "note", "memo", "ultimatum", "joint statement"}
SPEECH_ACTS = {"urge", "call", "demand", "ask", "accuse", "condemn", "criticize", "criticise", "reject",
               "deny", "vow", "warn", "threaten", "pledge", "promise", "appeal", "blame", "denounce",
               "welcome", "praise"}


@dataclass
class Candidate:
    """One trigger and the pattern it matched (roles and status are added later)."""

    pattern: Pattern
    token: Token  # the head word of the trigger
    words: list[int]  # token indices of the trigger words
    objects: list[Token] = field(default_factory=list)  # direct objects (content heads)
    pp: dict[str, list[Token]] = field(default_factory=dict)  # complements the pattern named
    passive: bool = False
    predicate: Token | None = None  # what a verb of naming calls its object

    @property
    def pos(self) -> str:
        return self.pattern.pos

    @property
    def type(self) -> str:
        return self.pattern.type


def keys(tok: Token) -> tuple[str, str]:
    return tok.lemma_.lower(), tok.lower_


def neighbours(tok: Token) -> list[Token]:
    """Words close to ``tok`` in the tree or in the text (for multi-word triggers and terms)."""
    out = list(tok.children)
    for child in tok.children:
        out.extend(child.children)
    if tok.head.i != tok.i:
        out.append(tok.head)
    sent = tok.sent
    lo, hi = max(sent.start, tok.i - 3), min(sent.end, tok.i + 4)
    out.extend(tok.doc[lo:hi])
    return out


_NEAR = threading.local()  # the words near each token, for the document a thread works on


def _near_keys(tok: Token) -> set[str]:
    """The lemmas and forms of the words near ``tok`` (computed once per token and document)."""
    if getattr(_NEAR, "doc", None) is not tok.doc:
        _NEAR.doc, _NEAR.keys = tok.doc, {}
    cache: dict[int, set[str]] = _NEAR.keys
    found = cache.get(tok.i)
    if found is None:
        found = cache[tok.i] = {k for t in neighbours(tok) if t.i != tok.i for k in keys(t)}
    return found


def phrase_at(tok: Token, phrase: Phrase) -> bool:
    """``tok`` is one of the phrase's words and the other words are near it."""
    words = (phrase.head, *phrase.deps)
    mine = keys(tok)
    if not any(w in mine for w in words):
        return False
    skipped = False
    for w in words:
        if not skipped and w in mine:
            skipped = True
            continue
        if w not in _near_keys(tok):
            return False
    return True


def is_passive(v: Token) -> bool:
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in v.children):
        return True
    small = v.tag_ == "VBN" and v.dep_ in ("ccomp", "xcomp", "oprd")
    if small and any(c.dep_ == "nsubj" for c in v.children) and not any(c.dep_ == "aux" for c in v.children):
        return True  # a small clause: "we are seeing North Koreans killed", "had them arrested"
    # reduced relative: "the sanctions imposed by the UN", "troops deployed to the border"
    return v.tag_ == "VBN" and v.dep_ in ("acl", "amod") and not any(c.dep_ == "aux" for c in v.children)


def direct_objects(v: Token) -> list[Token]:
    """The direct object(s) of a verb: dobj (and its conjuncts), the passive subject, the noun a
    reduced or relative clause modifies when its object is the relative pronoun."""
    found = [c for c in v.children if c.dep_ in ("dobj", "obj")]
    if is_passive(v):
        found += [c for c in v.children if c.dep_ == "nsubjpass"]
        if not found and not any(c.dep_ == "auxpass" for c in v.children):
            found += [c for c in v.children if c.dep_ == "nsubj"]  # the small clause's subject
        if v.dep_ in ("acl", "amod") and not found:
            found.append(v.head)
        if v.dep_ == "conj" and not found:  # "X, imprisoned for ..., were released by Y"
            found += [c for c in v.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not found:  # "struck what it called terrorist camps": the free relative names the object
        for c in v.children:
            if c.dep_ == "ccomp" and c.lemma_.lower() in NAMING_VERBS and any(
                    w.lower_ == "what" and w.dep_ in ("dobj", "nsubjpass") for w in c.children):
                found += [n for n in c.children if n.dep_ in ("oprd", "attr", "xcomp") and n.pos_ == "NOUN"]
    if v.dep_ == "relcl":
        rel = [c for c in found if c.lower_ in RELATIVE_PRONOUNS]
        if rel:  # "the support that X provided": the pronoun stands for the noun
            found = [c for c in found if c not in rel] + [v.head]
        elif not found:  # "the support X provided"
            subj = [c for c in v.children if c.dep_ == "nsubj"]
            if subj and subj[0].lower_ not in RELATIVE_PRONOUNS:
                found = [v.head]
    out: list[Token] = []
    for o in found:
        for t in (o, *o.conjuncts):
            if t not in out:
                out.append(t)
    return out


def content(tok: Token, quantity: set[str], depth: int = 2) -> list[Token]:
    """What a phrase is about, looking through quantities: "thousands of soldiers" -> soldiers,
    "$425 million in military aid" -> million and aid, "one of its missiles" -> missiles."""
    out = [tok]
    lemma = tok.lemma_.lower()
    if tok.tag_ == "VBG" and depth:  # "give up advancing its programme"
        out += [c for c in tok.children if c.dep_ in ("dobj", "obj")]
    if depth and tok.pos_ in ("NOUN", "PROPN"):  # "planes carrying medical supplies", "trucks of aid"
        for c in tok.children:
            if c.dep_ == "acl" and c.lemma_.lower() in CARRYING:
                out += [o for o in c.children if o.dep_ in ("dobj", "obj")]
    amount = tok.pos_ == "NUM" or tok.ent_type_ in ("MONEY", "CARDINAL", "QUANTITY")
    if depth and (lemma in quantity or amount):
        for child in tok.children:
            if child.dep_ == "prep" and child.lower_ in ("of", "in"):
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        for t in (pobj, *pobj.conjuncts):
                            out.extend(content(t, quantity, depth - 1))
    return out


def term_match(ad: AnalyzedDoc, tok: Token, terms: Terms) -> bool:
    lemma, lower = keys(tok)
    if lemma in terms.words or lower in terms.words:
        return True
    if terms.labels and tok.ent_type_ in terms.labels:
        return True
    for ph in terms.phrases:
        if phrase_at(tok, ph):
            return True
    if "ACTOR" in terms.special and ad.actors is not None:
        m = ad.actors.at(tok.i)
        if m is not None or (tok.pos_ in ("NOUN", "PROPN", "PRON") and ad.actors.phrase(tok)):
            return True
    if "IGO" in terms.special and ad.actors is not None:  # "left ECOWAS", "withdrew from the ICC"
        m = ad.actors.at(tok.i)
        if m is not None and m.kind == "igo":
            return True
    if "EVENT" in terms.special and (event_noun(ad, tok) or nonrestrictive_antecedent(tok)):
        return True
    if "PLACE" in terms.special:  # a place named as a place, not a state acting
        m = ad.actors.at(tok.i, places=True) if ad.actors is not None else None
        if m is not None:
            return m.place
        idx = tok.idx
        if any(p.span.start <= idx < p.span.end for p in ad.places):
            return True
    return False


def event_noun(ad: AnalyzedDoc, tok: Token) -> bool:
    """A noun that names an act the lexicon knows ("the strikes", "the arrest")."""
    if tok.pos_ not in ("NOUN", "PROPN"):
        return False
    nouns = lexicon(ad.res).nouns
    return tok.lemma_.lower() in nouns or tok.lower_ in nouns


def nonrestrictive_antecedent(tok: Token) -> bool:
    """"mass arrests, which the government denied": a noun whose comma-set relative clause
    comments on the whole statement before it."""
    for c in tok.children:
        if c.dep_ == "relcl" and any(w.lower_ == "which" for w in c.children) and tok.i + 1 < len(tok.doc) \
                and tok.doc[tok.i + 1].text == ",":
            return True
    return False


def any_match(ad: AnalyzedDoc, toks: list[Token], terms: Terms, quantity: set[str]) -> list[Token]:
    """The tokens (or what they are about) that match ``terms``."""
    hits = []
    for t in toks:
        for c in content(t, quantity):
            if term_match(ad, c, terms):
                hits.append(c)
                break
    return hits


def subject_words(v: Token) -> list[Token]:
    """Surface subjects of a verb, climbing through control, coordination and participles."""
    node = v
    for _ in range(6):
        subj = [c for c in node.children if c.dep_ in ("nsubj", "csubj")]
        if not subj:  # a parse that hangs the subject on the auxiliary: "it had test-fired"
            subj = [g for c in node.children if c.dep_ == "aux" for g in c.children if g.dep_ == "nsubj"]
        if not subj and node.pos_ in ("NOUN", "PROPN"):  # a verb read as a noun: its "compound" subject
            subj = [c for c in node.children if c.dep_ == "compound" and c.i < node.i
                    and c.ent_type_ in ("GPE", "ORG", "NORP", "PERSON")]
        if subj:
            if node.dep_ == "relcl" and subj[0].lower_ in RELATIVE_PRONOUNS:
                return [node.head]
            return [t for s in subj for t in (s, *s.conjuncts)]
        if node.dep_ == "acl" and node.tag_ == "VBG" and node.head.lemma_.lower() in DOCUMENTS \
                and node.head.head.pos_ in ("VERB", "AUX") and node.head.dep_ in ("dobj", "obj"):
            node = node.head.head  # "adopted a resolution demanding a ceasefire": who adopted it
            continue
        if node.dep_ == "relcl" or (node.dep_ == "acl" and node.tag_ == "VBG"):
            return [node.head]
        if node.dep_ == "xcomp":
            objs = [c for c in node.head.children if c.dep_ in ("dobj", "obj")]
            if objs and node.head.pos_ == "VERB" and not is_passive(node.head):
                return objs  # object control: "urged Pyongyang to withdraw"
            passive_subj = [c for c in node.head.children if c.dep_ == "nsubjpass"]
            if passive_subj:  # "is scheduled to attend", "was forced to leave"
                return [t for s in passive_subj for t in (s, *s.conjuncts)]
        if node.dep_ == "pcomp" and node.head.dep_ == "prep" and node.head.lower_ not in BACKGROUND:
            # "is suspected of sending", "responded by firing" (not "since sending": background)
            node = node.head.head
            passive_subj = [c for c in node.children if c.dep_ == "nsubjpass"]
            if passive_subj:
                return [t for s in passive_subj for t in (s, *s.conjuncts)]
            continue
        if node.dep_ == "conj" and node.head.dep_ == "ccomp" and node.head.head.lemma_.lower() in REPORTING \
                and node.lemma_.lower() in SPEECH_ACTS and not any(c.dep_ == "aux" for c in node.children):
            # (the speech act coordinated with the report, not with what is reported)
            # "X said the boat had intruded and urged Manila to ...": the speaker urges
            node = node.head.head
            continue
        shared_passive = node.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass") for c in node.children)
        if node.dep_ == "conj" and node.head.dep_ == "ccomp" and not is_passive(node) and not shared_passive \
                and any(c.dep_ == "nsubjpass" for c in node.head.children):
            # ("had been killed or wounded": the second participle shares the passive: no climbing)
            # "X said 26 people had been killed and called the strikes ...": a misattached conjunct
            node = node.head.head
            continue
        if node.dep_ in ("xcomp", "conj", "acomp") or (node.dep_ == "advcl" and node.tag_ in ("VBG", "VBN")):
            node = node.head
            continue
        break
    return []


def find(ad: AnalyzedDoc, lex: Lexicon) -> list[Candidate]:
    """All trigger candidates of the document, one per token at most."""
    quantity = lex.cue("quantity_nouns")
    out: list[Candidate] = []
    doc = ad.doc
    for i in _screen(doc, lex):
        tok = doc[i]
        pos = tok.pos_
        lemma, lower = keys(tok)
        tables: list[tuple[str, dict[str, list[Pattern]]]] = []
        if pos == "VERB" or (pos in ("NOUN", "PROPN", "ADJ") and _verb_like(tok)):
            tables.append(("verb", lex.verbs))
        if pos in ("NOUN", "PROPN"):
            tables.append(("noun", lex.nouns))
        if pos == "ADJ":
            tables.append(("adj", lex.adjectives))
        memo: dict[str, object] = {}  # per-token facts shared by the patterns tried
        for kind, table in tables:
            patterns = table.get(lemma) or (table.get(lower) if lower != lemma else None)
            if not patterns and kind == "verb":
                patterns = next((table[v] for v in _base_forms(lower) if v in table), None)
            if not patterns:
                continue
            cand = None
            for p in patterns:
                cand = _check(ad, tok, p, quantity, memo)
                if cand is not None:
                    break
            if cand is not None:
                out.append(cand)
                break
    return out


def _screen(doc: Doc, lex: Lexicon) -> list[int]:
    """Indices of the tokens whose lemma or form is a trigger word (vectorized)."""
    if not len(doc):
        return []
    from spacy.attrs import LEMMA, LOWER, POS

    hashes = lex.trigger_hashes()
    content = _content_pos()
    return [i for i, (lemma, lower, pos) in enumerate(doc.to_array([LEMMA, LOWER, POS]).tolist())
            if pos in content and (lemma in hashes or lower in hashes)]


_CONTENT_POS: set[int] = set()


def _content_pos() -> set[int]:
    """Part-of-speech ids of the words a trigger can be (not "in", "up", "of" ...)."""
    if not _CONTENT_POS:
        from spacy.parts_of_speech import IDS

        _CONTENT_POS.update(IDS[p] for p in ("VERB", "NOUN", "PROPN", "ADJ"))
    return _CONTENT_POS


def lemma_in(tok: Token, words: set[str] | frozenset[str]) -> bool:
    """The token's lemma is one of ``words``, also when the lemmatizer stumbled ("hoped" -> hop)."""
    lemma = tok.lemma_.lower()
    return lemma in words or (lemma != tok.lower_ and any(b in words for b in _base_forms(tok.lower_)))


def _base_forms(word: str) -> list[str]:
    """Base forms to try when the lemmatizer stumbles ("staged" -> stag): staged -> stage."""
    out = []
    if word.endswith("ied"):
        out.append(word[:-3] + "y")
    if word.endswith("ed"):
        out += [word[:-1], word[:-2]]
        if len(word) > 4 and word[-3] == word[-4]:
            out.append(word[:-3])
    elif word.endswith("ing"):
        out += [word[:-3] + "e", word[:-3]]
        if len(word) > 5 and word[-4] == word[-5]:
            out.append(word[:-4])
    elif word.endswith("es"):
        out += [word[:-1], word[:-2]]
    elif word.endswith("s"):
        out.append(word[:-1])
    return out


def _verb_like(tok: Token) -> bool:
    """A word the tagger called a noun/adjective that acts as a verb ("Russia strikes Kyiv")."""
    if tok.dep_ in ("pobj", "dobj", "nsubj", "nsubjpass", "attr", "appos", "compound", "poss"):
        return False  # a nominal use ("killed in Israeli shelling")
    if tok.tag_.startswith("VB"):
        return True
    has_subj = any(c.dep_ == "nsubj" for c in tok.children)
    has_obj = any(c.dep_ in ("dobj", "obj") for c in tok.children)
    if tok.tag_ == "NNS" and has_obj and tok.dep_ in ("ROOT", "ccomp") and any(
            c.dep_ == "compound" and c.i < tok.i and c.ent_type_ in ("GPE", "ORG", "NORP", "PERSON")
            for c in tok.children):
        return True  # "Bangladesh reserves the right ...": a verb read as a plural noun
    return tok.dep_ == "ROOT" and has_subj and has_obj


def _deps_present(tok: Token, phrase: Phrase, pos: str,
                  memo: dict[str, object] | None = None) -> list[int] | None:
    """The token indices of the trigger's other words, or None when one is missing. A verb's
    words must depend on it ("called on X", not "called on Friday"); a noun's may also sit
    next to it ("air strike")."""
    if not phrase.deps:
        return []
    key = "deps:" + pos
    near_keys: list[tuple[int, tuple[str, str]]] | None = (
        memo.get(key) if memo is not None else None)  # type: ignore[assignment]
    if near_keys is None:
        if pos == "verb":
            near = [c for c in tok.children if not _temporal_prep(c)]
            near += [g for c in near if c.dep_ in ("prep", "dobj", "prt", "advmod") for g in c.children]
        else:  # "air strike", "joint exercise", "phone call": modifiers before the noun
            near = [c for c in tok.children
                    if c.i < tok.i and c.dep_ in ("compound", "amod", "nmod", "npadvmod")]
        near_keys = [(t.i, keys(t)) for t in near if t.i != tok.i]
        if memo is not None:
            memo[key] = near_keys
    found: list[int] = []
    for w in phrase.deps:
        hit = next((i for i, k in near_keys if w in k and i not in found), None)
        if hit is None:
            return None
        found.append(hit)
    return found


def _infinitive_clause(v: Token) -> bool:
    """"wants Putin to attack": a to-clause with its own subject."""
    return any(c.dep_ == "ccomp" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
               and any(a.dep_ == "nsubj" for a in c.children) for c in v.children)


def _temporal_prep(c: Token) -> bool:
    return c.dep_ == "prep" and any(p.dep_ == "pobj" and p.ent_type_ in ("DATE", "TIME") for p in c.children)


def _check(ad: AnalyzedDoc, tok: Token, p: Pattern, quantity: set[str],
           memo: dict[str, object] | None = None) -> Candidate | None:
    memo = {} if memo is None else memo
    extra = _deps_present(tok, p.trigger, p.pos, memo)
    if extra is None:
        return None
    if p.pos == "noun":
        if p.plural and tok.tag_ not in ("NNS", "NNPS"):
            return None
        if tok.dep_ == "compound" and tok.head.i > tok.i:
            return None  # a modifier: "riot police", "protest leaders", "attack helicopters"
        if tok.lower_ == "march" and tok.text[0].isupper():
            return None  # the month
        cand = Candidate(p, tok, sorted([tok.i, *extra]))
        return cand if _pp_ok(ad, tok, p, cand, quantity) else None
    # cheap conditions on the verb alone first (most tokens of "say", "take", "have" fail here)
    if p.negative and not negated(tok):
        return None
    if p.modal and not modal(tok):
        return None
    if p.predicate is not None and not any(
            c.dep_ in ("oprd", "ccomp", "xcomp", "acomp", "dobj", "obj", "prep") for c in tok.children):
        return None
    if "passive" not in memo:
        memo["passive"] = is_passive(tok)
        memo["objects"] = direct_objects(tok)
    passive = bool(memo["passive"]) if p.pos == "verb" else False
    if passive and tok.dep_ in ("amod", "acl") and p.type != "ASSAULT" and not any(
            c.dep_ == "agent" for c in tok.children):
        return None  # a participle describing a noun ("donated missiles", "a member jailed in 2020")
    if p.pos == "verb" and tok.tag_ == "VBN" and tok.dep_ == "advcl" and not any(
            c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass") for c in tok.children) and any(
            c.dep_ == "dobj" for c in tok.children):
        return None  # a participle misread as a clause: "fire donated missiles"
    found: list[Token] = memo["objects"]  # type: ignore[assignment]
    objects = [o for o in found if o.i not in extra] if p.pos == "verb" else []
    if p.pos == "verb" and extra and (p.objects is not None or p.not_objects is not None):
        # "withdrew from the treaty", "pulled out of the talks": the phrase's last word takes the object
        last = tok.doc[extra[-1]]
        if last.dep_ == "prep" and last.lower_ == p.trigger.deps[-1]:
            objects += [t for c in last.children if c.dep_ == "pobj" for t in (c, *c.conjuncts)]
    if any(c.dep_ == "det" and c.lower_ == "any" for o in ([tok] if p.pos == "noun" else objects)
           for c in o.children) and (p.pos == "noun" or passive) and not p.speaker:
        return None  # "any support provided ...": no particular act
    if p.frame == "request" and not p.trigger.deps and not objects and not _infinitive_clause(tok):
        return None  # "wants to attack" is an intention; "wants Putin to attack" a request
    if p.no_object and objects:
        return None
    progressive = tok.tag_ == "VBG" and any(c.dep_ == "aux" and c.lemma_ == "be" for c in tok.children)
    if p.progressive and not progressive:
        return None
    if p.episodic and not objects and not _told_as_happening(tok, p, progressive):
        return None  # "must fight for independence", "will fight to the end": a stance, not a clash
    if p.infinitive and not any(v.lemma_.lower() in p.infinitive for v in infinitives(tok, objects)):
        return None
    cand = Candidate(p, tok, sorted([tok.i, *extra]), passive=passive)
    if p.objects is not None:
        hits = any_match(ad, objects, p.objects, quantity)
        if not hits:
            return None
        cand.words = sorted({*cand.words, *(h.i for h in hits)})
    if p.not_objects is not None and any_match(ad, objects, p.not_objects, quantity):
        return None
    if p.predicate is not None:
        preds = predicates(tok, objects)
        said = [t for t in preds if predicate_match(ad, t, p.predicate)]
        if not said:
            return None
        cand.words = sorted({*cand.words, said[0].i})
        cand.predicate = said[0]
        objects = [o for o in objects if o not in preds]
    cand.objects = objects
    if p.subjects is not None or p.not_subjects is not None:
        subj = subject_words(tok) if not passive else [
            pobj for c in tok.children if c.dep_ == "agent" for pobj in c.children if pobj.dep_ == "pobj"]
        if p.subjects is not None and not any_match(ad, subj, p.subjects, quantity):
            return None
        if p.not_subjects is not None and any_match(ad, subj, p.not_subjects, quantity):
            return None
    if not _pp_ok(ad, tok, p, cand, quantity):
        return None
    return cand


ASPECTUAL = {"continue", "keep", "begin", "start", "resume", "go on", "carry on"}


def _told_as_happening(tok: Token, p: Pattern, progressive: bool) -> bool:
    """A fight with no object is an event when an opponent is named ("fought against X") or it is
    told as happening: past ("fought", "have fought"), progressive ("are fighting") or going on
    ("continue to fight"); a base or present form ("must fight", "will fight", "not to fight",
    "we fight for freedom") states a stance or an intention, not a clash."""
    if p.recipients and any(c.dep_ == "prep" and c.lower_ in p.recipients for c in tok.children):
        return True
    if progressive or tok.tag_ in ("VBD", "VBN") or tok.pos_ != "VERB":
        return True
    if tok.tag_ == "VBG" and tok.dep_ not in ("pcomp", "xcomp"):
        return True
    return tok.dep_ == "xcomp" and tok.head.lemma_.lower() in ASPECTUAL


FUTURE_AUX = {"will", "would", "shall", "'ll", "wo", "could", "'d", "must"}
READY = {"ready", "prepared", "determined", "going", "poised"}


def _verb_chain(tok: Token) -> list[Token]:
    """The verb and the verbs it depends on as a complement ("is ready to respond")."""
    out = [tok]
    node = tok
    for _ in range(3):
        if node.dep_ not in ("xcomp", "acomp", "conj") or node.head.i == node.i:
            break
        node = node.head
        out.append(node)
    return out


def negated(tok: Token) -> bool:
    return any(c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ == "never")
               for n in _verb_chain(tok) for c in n.children)


def modal(tok: Token) -> bool:
    """Said of the future: "will / would / could respond", "is ready to respond"."""
    chain = _verb_chain(tok)
    if any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for n in chain for c in n.children):
        return True
    return any(n.lower_ in READY for n in chain[1:])


def infinitives(tok: Token, objects: list[Token]) -> list[Token]:
    """To-infinitives hanging on the verb or on its object: "reserves the right to respond"."""
    return [c for h in (tok, *objects) for c in h.children
            if c.dep_ in ("acl", "xcomp", "advcl", "relcl") and c.pos_ in ("VERB", "AUX")
            and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)]


def predicates(tok: Token, objects: list[Token]) -> list[Token]:
    """What a verb of naming says its object is: "called the strikes [an act of war]", "branded
    X [a separatist]", "described Russia as [a threat]", "condemned the drills as [provocative]"."""
    out = [c for c in tok.children if c.dep_ in ("oprd", "ccomp", "xcomp", "acomp")]
    out += [c for c in tok.children if c.dep_ in ("dobj", "obj") and c not in objects[:1] and objects]
    out += [c for o in objects for c in o.children if c.dep_ == "appos"]
    # an adjective after its noun is said of it: "held Belarus responsible", "declared the vote illegal"
    out += [c for o in objects for c in o.children if c.dep_ == "amod" and c.i > o.i]
    for prep in [c for h in (tok, *objects) for c in h.children if c.lower_ == "as" and c.dep_ == "prep"]:
        out += [c for c in prep.children if c.dep_ in ("pobj", "amod", "acomp", "advmod", "pcomp")]
    return out


def predicate_match(ad: AnalyzedDoc, tok: Token, terms: Terms) -> bool:
    """The predicate or a word qualifying it ("a [cowardly] act", "an act [of aggression]"). A verb
    that reports an act ("said Russia had attacked the grid") names nothing."""
    if tok.pos_ == "VERB" and tok.dep_ == "ccomp":
        return any(c.dep_ in ("acomp", "attr", "oprd") and predicate_match(ad, c, terms)
                   for c in tok.children)
    if term_match(ad, tok, terms):
        return True
    for c in tok.children:
        if c.dep_ in ("amod", "compound", "advmod", "acomp", "attr", "conj") and term_match(ad, c, terms):
            return True
        if c.dep_ == "prep" and c.lower_ == "of" and any(
                term_match(ad, g, terms) for g in c.children if g.dep_ == "pobj"):
            return True
    return False


def carriers(objects: list[Token]) -> list[Token]:
    """"sent planes carrying supplies to Port Sudan": the participle that took the destination."""
    return [c for o in objects for c in o.children if c.dep_ == "acl" and c.lemma_.lower() in CARRYING]


def _pp_ok(ad: AnalyzedDoc, tok: Token, p: Pattern, cand: Candidate, quantity: set[str]) -> bool:
    """One of the complements the pattern names is there ("supply X with weapons", "talks by
    phone"; several listed are alternatives: "fire at / on / into X")."""
    if not p.pp:
        return True
    heads = [tok, *cand.objects, *carriers(cand.objects)]
    if p.pos == "noun" and tok.dep_ in ("dobj", "obj"):
        heads.append(tok.head)  # "drew condemnation from Europe": the verb took the complement
    found_any = False
    for prep, terms in p.pp:
        objs = [pobj for h in heads for c in h.children
                if c.dep_ in ("prep", "dative", "agent") and c.lower_ == prep
                for pobj in c.children if pobj.dep_ == "pobj" or (pobj.dep_ == "pcomp" and not terms)]
        if not terms and not objs:  # "moved its fighters out (of the area)": a particle or a
            objs = [c for h in heads for c in h.children  # complex preposition is enough
                    if c.dep_ in ("prt", "prep", "advmod") and c.lower_ == prep and c.i > tok.i]
        objs = [t for o in objs for t in (o, *o.conjuncts)]
        hits = objs if not terms else any_match(ad, objs, terms, quantity)
        if hits:
            cand.pp[prep] = hits
            found_any = True
    return found_any
