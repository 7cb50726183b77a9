"""What a number counts, read from the dependency parse, and the claim category it gives.

    "up to 8,000 Belarusian troops"      -> troops (the noun the number modifies)
    "thousands of refugees"              -> refugees (the noun after "of")
    "$250 million in humanitarian aid"   -> about "humanitarian aid" (what money is in/for/worth)
    "the death toll rose to 45"          -> about "death toll", killed
    "killing 12", "30 were wounded", "10,000 fled", "12 people killed", "left 12 dead"
                                         -> casualties from the clause around the number
    "deaths passed 1,000"                -> deaths (the subject of a verb of reaching)
    "put the number of refugees at 3,000" -> refugees; "put the total number sent at 10,000"
                                         -> a bare figure noun, resolved by claims_elsewhere
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from storytrace.nlp.claims_lexicon import CASUALTY, ClaimLexicon
from storytrace.nlp.numbers import Quantity

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

NOMINAL = {"NOUN", "PROPN"}
DEFINITE = {"the", "these", "those", "this", "that", "its", "their", "his", "her", "our", "my", "your"}
_MODIFIER_DEPS = ("nummod", "quantmod", "compound", "amod", "nmod", "det", "npadvmod", "advmod")
_ABOUT_PREPS = {"of", "from", "for", "to", "on", "against"}
_MONEY_PREPS = {"in", "of", "for", "worth", "on", "to"}
_LOCATING = {"from", "away", "north", "south", "east", "west", "northeast", "northwest", "southeast",
             "southwest", "outside", "inside", "behind", "beyond", "off", "long", "wide", "deep", "high"}
_TOLLS = {"toll", "number", "tally", "count", "total", "figure"}
_HYPHENS = ("-", "–")
_SIZE_DEPS = ("compound", "nmod", "amod")
# verbs that keep casualties from happening: "would save 65 lives", "prevented 300 deaths"
_SPARING = frozenset({"save", "spare", "prevent", "avert", "avoid", "protect"})
_SCALE_NOUNS = {"dozen", "hundred", "thousand", "million", "billion", "trillion"}  # "a million of them"
_MAX_ABOUT = 10  # tokens


@dataclass
class Counted:
    """What a quantity counts: the counted noun (if any), the token standing for the quantity's
    phrase in the clause (the noun, else the number) and the about phrase as a token range."""

    noun: Token | None
    anchor: Token
    about: tuple[int, int] | None = None
    partitive: bool = False  # "500 of its soldiers"
    toll: bool = False  # about is a bare figure noun ("the total number sent there"), not what is counted
    standin: Token | None = None  # "30 more", "12 others": a word standing for the counted noun


def group_head(doc: Doc, q: Quantity) -> Token:
    """The token linking the quantity into the parse: the last of its tokens whose head lies
    outside it (for "between 10,000 and 12,000 soldiers": 10,000 -> soldiers)."""
    best = doc[q.value_tokens[-1]]
    for i in range(q.start, q.end):
        t = doc[i]
        if not (q.start <= t.head.i < q.end) or t.head.i == t.i:
            best = t
    return best


def counted(doc: Doc, lex: ClaimLexicon, q: Quantity, head: Token) -> Counted | None:
    """What ``q`` counts; None when the number sizes something rather than counting it."""
    n = len(doc)
    # "a 10,000-strong force": the count of the noun "strong" modifies
    if q.end + 1 < n and doc[q.end].text in _HYPHENS and doc[q.end + 1].lower_ == "strong":
        noun = doc[q.end + 1].head
        if noun.pos_ in NOMINAL and noun.i > q.end:
            return Counted(noun, noun, about_range(doc, noun, q.end + 2))
        return None
    if q.currency is not None:
        return _counted_money(doc, lex, q, head)
    after = doc[q.end] if q.end < n else None
    if after is not None and not q.percent and lex.skipped(after) and after.dep_ in _SIZE_DEPS:
        return None  # "155mm shells", "a 152 mm gun": a calibre or size, not a count
    of_obj = _of_object(head)
    # "thousands of troops", "a dozen of", "millions of munitions", "3.5% of the budget"
    if of_obj is not None and (q.vague or q.percent or head.lower_ in _SCALE_NOUNS):
        return Counted(of_obj, head, about_range(doc, of_obj, of_obj.left_edge.i))
    if q.percent:
        subject = _verb_subject(head)
        if subject is not None:  # "exports rose 69%"
            return Counted(None, head, about_range(doc, subject, subject.left_edge.i))
        return Counted(None, head, None)
    modified, in_name = _modified_noun(doc, lex, q, head)
    if in_name:
        return None
    if modified is not None and lex.elsewhere_is("standin", modified):
        return Counted(None, modified, None, standin=modified)  # "wounded 30 others"
    if modified is not None:
        return Counted(modified, modified, about_range(doc, modified, q.end))
    if after is not None and lex.elsewhere_is("standin", after) \
            and (after.head.i == head.i or head.head.i == after.i):
        return Counted(None, head, None, standin=after)  # "about 30 more this week"
    toll = toll_subject(lex, head)
    if toll is not None:
        return _counted_toll(doc, lex, head, toll)
    reached = _reached_subject(lex, head) or valuing_object(lex, head)
    if reached is not None:  # "deaths passed 1,000", "police estimated the crowd at 15,000"
        return Counted(reached, head, about_range(doc, reached, reached.left_edge.i))
    if of_obj is not None and of_obj.pos_ in NOMINAL:  # "two of the soldiers", "one of its missiles"
        return Counted(of_obj, head, about_range(doc, of_obj, of_obj.left_edge.i), partitive=True)
    return Counted(None, head, None)


def _counted_toll(doc: Doc, lex: ClaimLexicon, head: Token, toll: Token) -> Counted:
    """'the death toll rose to 45' (about the toll), 'put the number of refugees at 3,000'
    (refugees are counted), 'put the total number sent there at 10,000' (a bare figure noun:
    what it counts was said before)."""
    obj = _of_object(toll)
    if obj is not None and obj.pos_ != "PRON" and (obj.pos_ in NOMINAL or lex.noun(obj) is not None):
        return Counted(obj, head, about_range(doc, obj, obj.left_edge.i, clause=True))
    bare = toll.lemma_.lower() != "toll" and not any(
        lex.casualty_noun(c) for c in toll.children if c.dep_ in ("compound", "amod", "nmod"))
    return Counted(None, head, about_range(doc, toll, toll.left_edge.i), toll=bare)


def _reached_subject(lex: ClaimLexicon, token: Token) -> Token | None:
    """'deaths passed 1,000', 'casualties rose to 40': the subject of a verb of reaching when it
    is a counted plural noun."""
    verb = token.head
    if token.dep_ == "pobj" and verb.lower_ in ("to", "at", "past", "above", "beyond", "over"):
        verb = verb.head
    elif token.dep_ not in ("dobj", "attr"):
        return None
    if verb.pos_ not in ("VERB", "AUX") or not lex.elsewhere_is("reach", verb):
        return None
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or subject.pos_ not in NOMINAL or lex.noun(subject) is None or lex.skipped(subject):
        return None
    return subject if is_plural(lex, subject) else None


def reaches_level(lex: ClaimLexicon, token: Token) -> bool:
    """The number is the level a verb of reaching reaches ("temperatures hit 40", "he turned 60",
    "the index fell to 98"), not something counted."""
    verb = token.head
    if token.dep_ == "pobj" and verb.pos_ == "ADP":
        verb = verb.head
    elif token.dep_ not in ("dobj", "attr", "npadvmod"):
        return False
    return verb.pos_ in ("VERB", "AUX") and lex.elsewhere_is("reach", verb)


def is_plural(lex: ClaimLexicon, noun: Token) -> bool:
    return noun.tag_ in ("NNS", "NNPS") or lex.elsewhere_is("plural", noun)


def _modified_noun(doc: Doc, lex: ClaimLexicon, q: Quantity, head: Token) -> tuple[Token | None, bool]:
    """(the noun the number modifies, whether it is part of a name): "8,000 Belarusian
    troops" -> troops; "10 Downing Street" -> part of a name."""
    if head.dep_ not in _MODIFIER_DEPS or head.head.i < q.end:
        return None, False
    noun = head.head
    if noun.pos_ not in NOMINAL | {"NUM"} and lex.noun(noun) is None:  # "12 dead" is a noun here
        return None, False
    # climb the modifiers the parser made heads: "8,000 Belarusian troops"
    while noun.dep_ in ("compound", "amod", "nmod") and noun.head.i > noun.i and noun.head.pos_ in NOMINAL \
            and lex.measure(noun) is None and not lex.skipped(noun) \
            and (lex.noun(noun) is None or _noun_modifier(noun)):  # "27 member states", "40 drone attacks"
        noun = noun.head
    if noun.pos_ == "NUM" or (noun.pos_ == "PROPN" and noun.ent_type_ != "NORP" and noun.tag_ != "NNPS"):
        return None, True  # "10 Downing Street", "21 Grams actress" (but "6 million Ukrainians" counts)
    if any(t.is_space or (t.is_punct and t.text not in _HYPHENS) for t in doc[q.end:noun.i]):
        return None, False  # across a line break or a comma: not the noun this number counts
    return noun, False


def _noun_modifier(noun: Token) -> bool:
    """A singular noun modifying the plural noun right after it: what is counted is the plural
    ("member states", "tank brigades")."""
    head = noun.head
    return noun.dep_ == "compound" and noun.tag_ == "NN" and head.i == noun.i + 1 \
        and head.tag_ in ("NNS", "NNPS")


def _counted_money(doc: Doc, lex: ClaimLexicon, q: Quantity, head: Token) -> Counted:
    """Money: what it is "in"/"for"/"of" ("$250 million in humanitarian aid"), what it is the worth
    of ("$100 million worth of drones"), the noun it modifies ("a $2bn deal"), else the subject
    it is the worth of ("the deal is worth $2bn")."""
    worth = [t for t in (head.head, *head.children) if t.lower_ == "worth" and t.i >= q.end - 1]
    obj = _of_object(worth[0]) if worth else None
    if obj is not None and obj.pos_ in NOMINAL:
        return Counted(None, head, about_range(doc, obj, obj.left_edge.i))
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in _MONEY_PREPS and child.i >= q.end - 1:
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None and obj.pos_ in NOMINAL and (obj.lower_,) not in lex.numbers.suffix:
                return Counted(None, head, about_range(doc, obj, obj.left_edge.i, verb_prep=True))
    if head.dep_ in ("compound", "nmod", "amod", "nummod", "quantmod") and head.head.i >= q.end \
            and head.head.pos_ in NOMINAL:
        return Counted(None, head, about_range(doc, head.head, q.end))
    if head.head.lower_ == "worth":
        subject = _clause_subject(head.head)
        if subject is not None:
            return Counted(None, head, about_range(doc, subject, subject.left_edge.i))
    valued = _valued_object(lex, head)
    if valued is not None:  # "put the damage at $2bn"
        return Counted(None, head, about_range(doc, valued, valued.left_edge.i))
    return Counted(None, head, None)


def _valued_object(lex: ClaimLexicon, token: Token) -> Token | None:
    """'estimated the losses at $40 billion', 'put the toll at 45', 'the toll was put at 45',
    'put the number that had reached the border at 6,000', 'put the number of vehicles destroyed
    since May at 1,500': the object valued."""
    prep = token.head
    if token.dep_ != "pobj" or prep.lower_ != "at":
        return None
    verb = prep.head
    if verb.dep_ == "dobj" and verb.pos_ in NOMINAL:  # "at" hung on the object
        return verb
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    node = verb  # the parser hung "at" inside the object: climb to the valuing verb
    for _ in range(5):
        if node.dep_ in ("dobj", "nsubjpass") and node.pos_ in NOMINAL \
                and lex.elsewhere_is("valuing", node.head):
            return node
        if node.dep_ not in ("acl", "relcl", "pobj", "prep"):
            break
        node = node.head
    passive = any(c.dep_ == "auxpass" for c in verb.children)
    return next((c for c in verb.children if c.pos_ in NOMINAL
                 and (c.dep_ == "dobj" or (passive and c.dep_ == "nsubjpass"))), None)


def valuing_object(lex: ClaimLexicon, token: Token) -> Token | None:
    """The object a valuing verb gives the number as its value: "police estimated the crowd at
    15,000" -> crowd (None for other verbs: "fired the shells at 10 targets")."""
    valued = _valued_object(lex, token)
    if valued is None:
        return None
    verb = valued.head
    return valued if lex.elsewhere_is("valuing", verb) else None


def _of_object(token: Token) -> Token | None:
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return obj
    return None


def _verb_subject(token: Token) -> Token | None:
    """The subject of the verb a percentage hangs on ("exports rose 69%", "rose by 69%")."""
    verb = token.head
    if verb.pos_ == "ADP":
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX") or verb.i == token.i:
        return None
    return next((c for c in verb.children
                 if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ != "PRON" and c.i != token.i), None)


def _clause_subject(token: Token) -> Token | None:
    node = token
    for _ in range(6):
        for child in node.children:
            if child.dep_ in ("nsubj", "nsubjpass") and child.i != token.i and child.pos_ != "PRON":
                return child
        if node.head.i == node.i:
            break
        node = node.head
    return None


def toll_subject(lex: ClaimLexicon, token: Token) -> Token | None:
    """'the death toll rose to 45', 'the number of refugees stands at 3,000': the figure's noun."""
    head = token.head
    if token.dep_ == "pobj" and head.lower_ in ("to", "at", "from") and head.head.pos_ in ("VERB", "AUX"):
        raised = next((c for c in head.head.children if c.dep_ == "dobj"), None)
        if head.lower_ == "to" and raised is not None and raised.lemma_.lower() in _TOLLS:
            return raised  # "raising the death toll to 45", "bringing the total to 1,000"
        subject = _clause_subject(head)
        if subject is not None and subject.lemma_.lower() in _TOLLS:
            return subject
    if token.dep_ in ("attr", "dobj") and head.pos_ in ("VERB", "AUX"):  # "the toll is 45", "reached 45"
        subject = next((c for c in head.children if c.dep_ == "nsubj"), None)
        if subject is not None and subject.lemma_.lower() in _TOLLS:
            return subject
    valued = _valued_object(lex, token)  # "officials put the death toll at 45"
    if valued is not None and valued.lemma_.lower() in _TOLLS:
        return valued
    return None


def about_range(doc: Doc, noun: Token, left: int, verb_prep: bool = False,
                clause: bool = False) -> tuple[int, int]:
    """The about phrase: from ``left`` (after the number) to the noun, plus its of/from/to/for
    attachments ("soldiers from Chad"), at most _MAX_ABOUT tokens. ``clause``: also a participle
    clause right after the noun ("the number of people claiming benefits")."""
    skip = DEFINITE | {"a", "an", "of", "more"}
    start = max(min(left, noun.i), noun.left_edge.i)
    close = next((t.i for t in doc[start:noun.i] if t.text in (")", "]")), None)
    if close is not None:
        start = close + 1  # "$61bn (£49bn) support package": after the bracket
    while start < noun.i and (doc[start].is_punct or doc[start].lower_ in skip or doc[start].like_num
                              or doc[start].lower_ in ("and", "or", "to")):
        start += 1  # "30 of 35 drones", "102 and 21 people" are about the noun
    end = noun.i + 1
    for child in noun.children:
        if child.i > noun.i and child.dep_ == "prep" and child.lower_ in _ABOUT_PREPS and child.i == end:
            end = child.right_edge.i + 1
            comma = next((t.i for t in doc[child.i:end] if t.text in (",", ";", "(", "—")), None)
            if comma is not None:
                end = comma  # "organizations from Ukraine, the Czech Republic, ...": the first
        elif clause and child.i == end and child.dep_ == "acl" and child.tag_ in ("VBG", "VBN"):
            end = child.right_edge.i + 1
        elif child.i > noun.i and child.dep_ == "conj":
            break
    while end > noun.i + 1 and (doc[end - 1].is_punct or doc[end - 1].lower_ in ("and", "or")):
        end -= 1
    # "aid to Ukraine": a to/for phrase the parser hung on the verb right after the noun
    if verb_prep and end < len(doc) and doc[end].lower_ in ("to", "for") \
            and doc[end].head.pos_ in ("VERB", "AUX") and doc[end].right_edge.i + 1 - end <= 4 \
            and any(c.dep_ == "pobj" for c in doc[end].children):
        end = doc[end].right_edge.i + 1
    return start, min(end, start + _MAX_ABOUT)


# --------------------------------------------------------------------------- category

def category(lex: ClaimLexicon, q: Quantity, c: Counted) -> tuple[str, str | None] | None:
    """(category, unit), or None when what is counted makes it no claim (a duration, a size)."""
    if q.currency is not None:
        return "money", q.currency
    if q.percent:
        return "other", "percent"
    noun = c.noun
    if noun is not None and lex.skipped(noun):
        return None  # "three days", "two times"
    if noun is not None and noun.dep_ in ("dobj", "obj") and noun.head.lemma_.lower() in _SPARING \
            and (lex.noun(noun) or ("", None))[0] in CASUALTY:
        return "people", "person"  # "would save 65 lives a year", "prevented 300 deaths": nobody died
    # a partitive's noun names the whole, not the casualties ("one of its key bodies")
    casualty = casualty_of(lex, c.anchor, None if c.partitive else noun)
    doc = c.anchor.doc
    if casualty is None and noun is None and q.end < len(doc):  # "and more than a dozen wounded"
        casualty = lex.casualty.get((doc[q.end].lower_, "modifier"))
    known = lex.noun(noun) if noun is not None else None
    # a measure is no casualty: "45,000 tonnes" joined by the parser to "for the life of the mine"
    if casualty is not None and (known is None or known[1] in ("person", "family")) \
            and q.measure is None and (noun is None or lex.measure(noun) is None):
        return casualty, "person"
    if c.partitive and known is not None and known[0] in CASUALTY:
        known = ("people", known[1])  # "one of its key bodies" counts no dead
    if known is None and noun is not None and noun.ent_type_ == "NORP" and noun.tag_ in ("NNS", "NNPS"):
        known = ("people", "person")  # "millions of Ukrainians"
    if known is not None:
        if known[0] == "weapons" and noun is not None and lex.civil(noun):
            return "other", noun.lemma_.lower()  # "10 Airbus A380 jets", "three gold mines"
        if known[0] == "weapons" and noun is not None and noun.lemma_.lower() == "round":
            obj = _of_object(noun)
            if obj is not None and lex.noun(obj) is None:
                return "other", "round"  # "three rounds of talks"
        return known
    if noun is None:
        return "other", None
    measure = lex.measure(noun)
    if measure is not None:
        if noun.dep_ in _SIZE_DEPS or (measure[1] == "distance" and _places_something(noun)):
            return None  # "the 85kg category", "40 km from the front line", "5 miles away"
        return "other", measure[0]
    return "other", q.measure or noun.lemma_.lower()


def _places_something(noun: Token) -> bool:
    """A distance that locates ("40 km from X", "10 km away", "from 20 yards", "19 miles (30km)
    from X") rather than reporting how far something went."""
    if noun.dep_ == "pobj" and noun.head.lower_ in ("from", "within", "at", "off"):
        return True
    if any(child.lower_ in _LOCATING for child in noun.children):
        return True
    doc, i = noun.doc, noun.i + 1
    if i < len(doc) and doc[i].text in ("(", "["):  # skip a conversion: "19 miles (30km) from"
        while i < len(doc) and doc[i].text not in (")", "]") and i - noun.i < 8:
            i += 1
        i += 1
    while i < len(doc) and doc[i].text in (")", "]"):
        i += 1
    return i < len(doc) and doc[i].lower_ in _LOCATING


def casualty_of(lex: ClaimLexicon, anchor: Token, noun: Token | None = None) -> str | None:
    """killed / injured / arrested / displaced when the clause makes these people casualties:
    the counted noun itself ("deaths") or its modifiers ("people killed"), then the place of
    the quantity's phrase in the clause ("killing 12", "12 were wounded", "thousands fled")."""
    for word in (noun, anchor) if noun is not None and noun.i != anchor.i else (anchor,):
        found = _casualty_word(lex, word)
        if found:
            return found
    node = _phrase_top(lex, anchor)
    if isinstance(node, str):
        return node
    return _casualty_role(lex, node) or _toll_casualty(lex, node)


def _casualty_word(lex: ClaimLexicon, word: Token) -> str | None:
    """'12 deaths', '30 wounded soldiers', '12 people killed', '824 troops dying'."""
    own = lex.casualty_noun(word)
    if own:
        return own
    for child in word.children:
        if child.dep_ == "relcl":
            found = _relative_casualty(lex, child)
            if found:
                return found
        elif child.dep_ in ("amod", "acl", "oprd") or (child.dep_ == "conj" and child.tag_ == "VBN"):
            lemma = child.lemma_.lower()
            found = lex.casualty.get((child.lower_, "modifier"))
            if found is None and child.tag_ == "VBN":
                found = lex.casualty.get((lemma, "object"))
            if found is None and child.tag_ == "VBG":
                found = lex.casualty.get((lemma, "subject"))
            if found:
                return found
    return None


_RELATIVE = {"who", "that", "which", "whom"}


def _relative_casualty(lex: ClaimLexicon, verb: Token) -> str | None:
    """A relative clause making its antecedent casualties: "600 who died", "those who were
    wounded", "the 40 detained", "civilians who fled" (but "gunmen who killed 12" kills others)."""
    lemma = verb.lemma_.lower()
    found = lex.casualty.get((verb.lower_, "modifier"))
    if found:
        return found
    passive = any(c.dep_ == "auxpass" for c in verb.children)
    perfect = any(c.dep_ == "aux" and c.lemma_.lower() == "have" for c in verb.children)
    if passive or (verb.tag_ == "VBN" and not perfect):
        return lex.casualty.get((lemma, "object"))
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is not None and subject.lower_ in _RELATIVE:
        return lex.casualty.get((lemma, "subject")) or _predicate_casualty(lex, verb)
    return None


def _predicate_casualty(lex: ClaimLexicon, verb: Token) -> str | None:
    """What the predicate of a verb says of its subject: "are dead", "were reported dead",
    "were among the dead", "lost their lives", "suffered injuries", "were driven from their
    homes"."""
    for child in verb.children:
        if child.dep_ in ("acomp", "oprd") or (child.dep_ == "attr" and child.pos_ == "ADJ"):
            found = lex.casualty.get((child.lower_, "modifier"))
            if found:
                return found
        elif child.dep_ == "prep" and child.lower_ == "among":
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            found = (lex.casualty_noun(obj) or _casualty_word(lex, obj)) if obj is not None else None
            if found:
                return found
        elif child.dep_ == "dobj":
            found = lex.casualty.get((f"{verb.lemma_.lower()} {child.lemma_.lower()}", "subject"))
            if found:
                return found
        elif child.dep_ in ("prep", "prt") and child.lower_ in ("from", "out"):
            # "were driven from their homes", "were forced out of their villages"
            objs = [g for g in child.children if g.dep_ == "pobj"]
            objs += [o for g in child.children if g.dep_ == "prep" and g.lower_ == "of"
                     for o in g.children if o.dep_ == "pobj"]
            for obj in objs:
                found = lex.casualty.get((f"{verb.lemma_.lower()} {obj.lemma_.lower()}", "subject"))
                if found:
                    return found
    return None


def _phrase_top(lex: ClaimLexicon, anchor: Token) -> Token | str:
    """Climb conjunctions and inclusions to the phrase that takes a place in the clause
    ("wounding 30 police and 10 civilians", "including three children"); a casualty category
    instead when a noun on the way names one."""
    node = anchor
    for _ in range(4):
        head = node.head
        if node.dep_ == "conj" and head.pos_ in NOMINAL | {"NUM"}:
            node = head
        elif node.dep_ == "pobj" and head.lower_ in ("including", "among") \
                and head.head.pos_ in NOMINAL | {"NUM"}:
            node = head.head
        elif node.dep_ == "appos":
            node = head
        else:
            break
        own = lex.casualty_noun(node)
        if own:
            return own
    return node


def _casualty_role(lex: ClaimLexicon, node: Token) -> str | None:
    verb = node.head
    lemma = verb.lemma_.lower()
    if node.dep_ in ("dobj", "nsubjpass", "oprd", "attr"):  # "killed 12", "12 were killed"
        found = lex.casualty.get((lemma, "object"))
        if found:
            return found
    if node.dep_ in ("nsubj", "nsubjpass"):  # "3,000 are believed to have died"
        for xcomp in verb.children:
            if xcomp.dep_ != "xcomp":
                continue
            x = xcomp.lemma_.lower()
            found = lex.casualty.get((x, "subject"))
            if found is None and any(c.dep_ == "auxpass" for c in xcomp.children):
                found = lex.casualty.get((x, "object"))
            if found:
                return found
    if node.dep_ == "nsubj":  # "12 died", "12 killed"
        found = lex.casualty.get((lemma, "subject"))
        if found is None and verb.tag_ == "VBN":
            found = lex.casualty.get((lemma, "object"))
        if found:
            return found
    if node.dep_ in ("nsubj", "nsubjpass") or (node.dep_ == "attr" and lemma == "be"):
        found = _predicate_casualty(lex, verb)  # "12 are dead", "lost their lives", "among the dead were 12"
        if found:
            return found
    if node.dep_ == "dobj" and lemma == "leave":  # "left 12 dead"
        for child in [*node.children, *verb.children]:
            found = lex.casualty.get((child.lower_, "modifier"))
            if found:
                return found
    return None


def _toll_casualty(lex: ClaimLexicon, node: Token) -> str | None:
    """'the death toll rose to 45', 'the number of refugees reached 3,000', 'the number killed
    rose to 300', 'the toll was put at 45' (a toll alone counts the dead)."""
    subject = toll_subject(lex, node)
    if subject is None:
        return None
    for child in subject.children:
        own = lex.casualty_noun(child)
        if own:
            return own
    own = _casualty_word(lex, subject)
    if own:
        return own
    verb = subject.head  # "the number of people displaced at 1.9 million", parsed as a clause
    if subject.dep_ == "nsubj" and verb.tag_ == "VBN" and not any(c.dep_ == "aux" for c in verb.children):
        own = lex.casualty.get((verb.lemma_.lower(), "object"))
        if own:
            return own
    obj = _of_object(subject)
    if obj is not None:
        return casualty_of(lex, obj)
    return "killed" if subject.lemma_.lower() == "toll" else None


def may_be_person(lex: ClaimLexicon, noun: Token) -> bool:
    """A known person noun ("officer"), or any common noun that is not a known thing: what
    "killing a shopkeeper" kills is a person."""
    if lex.is_("collective", noun.lemma_):
        return False  # "a crowd", "a group"
    known = lex.noun(noun)
    if known is not None:
        return known[1] == "person"
    if any(c.dep_ == "prep" and c.lower_ == "of" for c in noun.children):
        return False  # "a huge number of ...", "a group of ..."
    return noun.pos_ == "NOUN" and lex.measure(noun) is None and not lex.skipped(noun)
