"""Numbers whose counted noun is said elsewhere.

    "Pyongyang has sent 11,000 soldiers. Up to 8,000 could be at the front."  -> soldiers, troops
    "42 were shot down", "about 30 more", "wounded 30 others", "213 of them", "most of the 1,500",
    "the 3,000 that US officials cited", "some 600 who died", "put the total number sent at 10,000"

A number stands alone (``stands_alone``) when it heads its own noun phrase: a subject, an
object (but not the level a verb of reaching reaches: "temperatures hit 40", "he turned 60"),
an apposition or conjunct, "N of them", "most of the N", a number with a relative clause, a
standin ("30 more", "12 others"), or the value of a bare figure noun ("put the total number
sent there at 10,000").

What it counts (``Recent.antecedent``): the most recent claim of the same or the previous
sentence whose category fits (a casualty clause needs people: "At least 300 were wounded"
after "2,000 civilians"), else the most recent counted plural noun there ("troops", "drones",
"civilians"). The number's own clause still decides a casualty category ("some 600 who died"
-> killed). Without an antecedent a bare number is no claim, unless its own clause makes it a
casualty ("40 were detained").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from storytrace.nlp.claims_counted import DEFINITE, NOMINAL, Counted, about_range, is_plural, reaches_level
from storytrace.nlp.claims_lexicon import CASUALTY, ClaimLexicon
from storytrace.nlp.numbers import Quantity

if TYPE_CHECKING:
    from spacy.tokens import Token

    from storytrace.nlp.context import AnalyzedDoc

PERSON_UNITS = {"person", "family", "household"}
_OF_PRONOUNS = {"them", "those", "these", "us", "whom", "which"}
_PLACE_OR_TIME = {"GPE", "LOC", "FAC", "DATE", "TIME"}
Kind = tuple[str, str | None]


@dataclass(frozen=True)
class Antecedent:
    """What an earlier claim counted: its about phrase (token range), category and unit."""

    sent: int
    at: int  # token index of the earlier number
    about: tuple[int, int]
    category: str  # the claim's category ("killed" for "3,000 soldiers were killed")
    unit: str | None
    base: str  # what the noun counts whatever befell it ("troops" for the same soldiers)
    value: float


FIGURE_REACH = 3  # sentences a figure noun ("the number", "the total") looks back for its count


@dataclass
class Recent:
    """The claims of a document so far, nearest last: what a later bare number may count."""

    items: list[Antecedent] = field(default_factory=list)

    def add(self, ad: AnalyzedDoc, q: Quantity, about: tuple[int, int] | None, kind: Kind, base: str) -> None:
        if about is None or kind[0] == "money" or kind[1] == "percent":
            return
        self.items.append(Antecedent(ad.sent_index(q.start), q.start, about, kind[0], kind[1], base, q.value))

    def antecedent(self, sent: int, before: int, victims: float | None = None,
                   same_sentence: bool = False, reach: int = 1) -> Antecedent | None:
        """The most recent claim before token ``before`` in sentence ``sent`` or the ``reach``
        ones before it (only in ``sent`` when ``same_sentence``). ``victims``: the number counts casualties,
        who must be some of more people counted before ("2,000 civilians were trapped; 300 were
        wounded"; but "41,000 have been killed" are not among "11 children" killed)."""
        for a in reversed(self.items):
            if a.at >= before:
                continue
            if a.sent < sent - (0 if same_sentence else reach):
                return None
            if victims is not None and (a.unit not in PERSON_UNITS or a.value <= victims):
                continue
            return a
        return None


def stands_alone(lex: ClaimLexicon, q: Quantity, c: Counted, head: Token) -> str | None:
    """How the number heads its own noun phrase, what it counts being said elsewhere: "part" of
    what was counted before ("213 of them", "most of the 1,500"), "conj" (a conjunct of a
    number: "102 and 21 people"), "subject" (a subject, an apposition, a number with a relative
    clause), "object",
    "standin" ("30 more"), "toll" ("put the total number sent at ..."), "list" ("..., 3,700 in
    Germany": an item given for a place or time, resolved in its own sentence only); None when it
    does not."""
    if c.toll:
        return "toll"
    if c.standin is not None:
        return "standin"
    if q.currency is not None or q.percent:
        return None
    doc = head.doc
    if q.end + 1 < len(doc) and doc[q.end].lower_ == "out" and doc[q.end + 1].lower_ == "of":
        return None  # "eight out of 10", "160 out of 180": a ratio or a rank
    licensed = False  # the number is clearly a noun phrase of its own
    for child in head.children:
        if child.dep_ == "relcl":  # "the 3,000 that officials cited", "some 600 who died"
            licensed = True
        elif child.dep_ == "amod" and lex.elsewhere_is("further", child):
            return "standin"  # "the remaining 200", "a further 500": more of what was counted
        elif (child.dep_ == "amod" and not q.start <= child.i < q.end) \
                or (child.dep_ == "prep" and _qualifies(child)):
            return None  # "the mid-sized 787", "millions in cash", "eight out of 10"
        elif _of_pronoun(child):
            return "part"  # "213 of them"
    dep = head.dep_
    if dep == "pobj":
        prep = head.head
        if prep.lower_ == "including":
            return "part"
        if prep.lower_ == "of" and (lex.elsewhere_is("whole", prep.head) or prep.head.pos_ == "NUM"):
            return "part"  # "most of the 1,500", "213 of the 400"
    if not licensed and any(c.dep_ == "det" and c.lower_ in DEFINITE for c in head.children):
        return None  # "the 787 will seat ...": a definite bare number is a name or a reference back
    if dep in ("nsubj", "nsubjpass") and any(_of_pronoun(c) and c.i < head.i for c in head.head.children):
        return "part"  # "Of these, roughly 300,000 crossed the border"
    if dep == "conj":
        return "conj"  # "killed 102 and 21 people", "3,000 troops in May and 2,000 in June"
    if licensed or dep in ("nsubj", "nsubjpass"):
        return "subject"
    if dep == "appos" and (head.head.pos_ == "NUM" or is_plural(lex, head.head)):
        return "subject"  # "900 victims, some 600 ..." (but "the minister, 58, ..." is an age)
    if dep == "dobj" and not reaches_level(lex, head):
        return "object"
    if any(c.dep_ == "prep" and _places(c) for c in head.children):
        return "list"  # "4,300 jobs in France, 3,700 in Germany, 1,600 in Britain": items of a list
    return None


def _places(prep: Token) -> bool:
    """'in Germany', 'in June', 'from Kharkiv': a place or time the number is given for."""
    if prep.lower_ not in ("in", "at", "from", "for", "on"):
        return False
    return any(o.dep_ == "pobj" and o.ent_type_ in _PLACE_OR_TIME for o in prep.children)


def _of_pronoun(prep: Token) -> bool:
    """'of them', 'of those', 'of which'."""
    return prep.dep_ == "prep" and prep.lower_ == "of" and any(
        o.dep_ == "pobj" and o.lower_ in _OF_PRONOUNS for o in prep.children)


def _qualifies(prep: Token) -> bool:
    """A preposition on the number saying what it is already: "millions in cash", "eight out of
    10", "two in five" (but not a place or time: "3,700 in Germany", "2,000 in June")."""
    word = prep.lower_
    if word == "out":
        return True
    if word not in ("in", "worth", "for"):
        return False
    obj = next((o for o in prep.children if o.dep_ == "pobj"), None)
    return obj is not None and obj.ent_type_ not in _PLACE_OR_TIME | {"ORG", "NORP"}


def resolve(ad: AnalyzedDoc, lex: ClaimLexicon, q: Quantity, how: str, own: Kind,
            recent: Recent) -> tuple[Kind, tuple[int, int], str] | None:
    """(kind, about range, base category) for a number standing alone (``how``: see
    ``stands_alone``), from its antecedent; None without one. ``own`` is what the number's own
    clause says (a casualty category, else "other"): a casualty takes an antecedent only as a
    subject ("At least 300 were wounded") and only from a claim. A part of what was counted, or
    more of it, keeps its category ("213 of them" after "detained 400 protesters" were arrested;
    "3,000 more" after "evacuated 12,000 residents"); another number takes what the noun counts
    ("up to 8,000" after "3,000 soldiers were killed": troops)."""
    casualty = own[0] in CASUALTY
    if casualty and how not in ("subject", "part", "standin", "conj"):
        return None  # "killing 12" after "troops": whom a strike kills is seldom who was named before
    sent = ad.sent_index(q.start)
    # a figure noun ("put the number that reached the border at 6,000") points back explicitly:
    # its count may lie a few sentences back, past a quote about it
    reach = FIGURE_REACH if how == "toll" else 1
    found = recent.antecedent(sent, q.start, q.value if casualty else None, same_sentence=how == "list",
                              reach=reach)
    if found is not None:
        same = how in ("part", "standin", "conj")  # the same kind as the claim, or another number of it
        category = own[0] if casualty else found.category if same else found.base
        return (category, found.unit), found.about, found.base
    if casualty or how == "list":
        return None  # a noun of the text is no safe victim without a claim on it
    noun = _counted_noun_before(ad, lex, q.start, sent)
    if noun is None:
        return None
    known = base_kind(lex, noun)
    return known, about_range(ad.doc, noun, noun.left_edge.i), known[0]


def base_kind(lex: ClaimLexicon, noun: Token) -> Kind:
    """What a counted noun counts, whatever befell it: "soldiers" -> troops, "refugees" ->
    displaced, "Ukrainians" -> people."""
    known = lex.noun(noun)
    if known is not None:
        return known
    if noun.ent_type_ == "NORP" and noun.tag_ in ("NNS", "NNPS"):
        return "people", "person"
    return "other", noun.lemma_.lower()


def _counted_noun_before(ad: AnalyzedDoc, lex: ClaimLexicon, i: int, sent: int) -> Token | None:
    """The nearest counted plural noun before token ``i`` in this or the previous sentence:
    "troops", "drones", "civilians", "Ukrainians"."""
    doc = ad.doc
    first = ad.sents[max(0, sent - 1)].start
    for j in range(i - 1, first - 1, -1):
        t = doc[j]
        if t.pos_ not in NOMINAL or t.dep_ == "compound" or lex.skipped(t):
            continue
        known = lex.noun(t)
        if known is None and t.ent_type_ == "NORP" and t.tag_ == "NNPS":
            known = ("people", "person")
        if known is not None and is_plural(lex, t):
            return t
    return None
