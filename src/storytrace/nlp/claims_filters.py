"""Numbers that are not claims.

Before looking at what a number counts (``not_a_number``): years and dates, times of day,
ages ("a 45-year-old", "aged 45", "Smith, 45,"), phone numbers, labels ("Article 5", "page 3",
"top 10"), numbers inside names ("Group of 20", "Boeing 737") and hyphenated attributes
("a two-year conflict", "a 10-point plan"). Model names such as "S-400" or "F-16" are never
read as numbers in the first place.

After (``worth_reporting``): partitives ("one of its newest missiles"), anaphoric definites
("the two countries"), "one" outside a casualty clause and small counts of ordinary things
("three brothers"). Score and vote tallies ("52-48") are flagged by the number reader, and
money restated in another currency ("$61bn (£49bn)") by ``is_conversion``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from storytrace.nlp.claims_counted import DEFINITE, Counted, group_head
from storytrace.nlp.claims_lexicon import CASUALTY, ClaimLexicon
from storytrace.nlp.numbers import Quantity

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from storytrace.nlp.context import AnalyzedDoc

# spaCy entity labels of names: a number inside one is part of the name ("Group of 20")
_NAME_ENTS = {"PERSON", "ORG", "PRODUCT", "WORK_OF_ART", "LAW", "EVENT", "FAC", "GPE", "LOC", "NORP",
              "LANGUAGE"}
_PHONE_TEXT = re.compile(r"\+\d{1,3}[\s.-]?\(?\d|\(\d{2,5}\)\s?\d{3}|\b\d{3}[-.]\d{3}[-.]\d{4}\b")
_CLOCK_TOKEN = re.compile(r"^\d{1,2}[:.]\d{2}$")
_CONVERSION_GAP = {"(", "[", ";", ",", "/", "or", "about", "around", "roughly", "approximately", "approx.",
                   "some", "c.", "~", "nearly", "almost", "us"}
_YEAR_PREPS = {"in", "since", "by", "until", "till", "before", "after", "during", "of", "from", "through"}
_RANGE_WORDS = {"to", "and", "or", "between", "from", "some", "about", "around", "up", "nearly", "almost",
                "over", "more", "than", "less", "fewer", "at", "least"}
SMALL = 10  # a count below this of an ordinary noun is not reported as a claim


def not_a_number(ad: AnalyzedDoc, lex: ClaimLexicon, q: Quantity) -> bool:
    """Years, dates, times of day, ages, phone numbers, labels, names, hyphenated attributes."""
    doc = ad.doc
    values = [doc[i] for i in q.value_tokens]
    plain = q.currency is None and not q.percent
    if plain and _is_date(doc, lex, q, values):
        return True
    if any(_CLOCK_TOKEN.match(t.text) for t in values) or _is_clock(doc, lex, q):
        return True
    before = doc[q.start - 1] if q.start > 0 else None
    if before is not None and (lex.is_("age", before.lower_) or lex.is_("label", before.lower_)):
        return True  # "aged 45", "Article 5", "top 10"
    if _is_phone(ad, lex, q):
        return True
    return plain and (_is_attribute(doc, lex, q) or _in_name(doc, q, values, before)
                      or _is_age(doc, lex, q, before))


def _is_date(doc: Doc, lex: ClaimLexicon, q: Quantity, values: list[Token]) -> bool:
    """'in 1949', '5 May', 'the past 24 hours', '2022-2023' (but "2000 soldiers" is a count)."""
    years = any(_is_year(t.text) for t in values)
    if years and q.start > 0 and doc[q.start - 1].lower_ in _YEAR_PREPS:
        return True  # "in 2013 fellow doctors ...": a year, whatever the parser hung on it
    dated = years or any(t.ent_type_ in ("DATE", "TIME") and _dated_entity(doc, t) for t in values)
    return dated and not _counts_plural(doc, lex, q)


def _dated_entity(doc: Doc, token: Token) -> bool:
    """The DATE/TIME entity around ``token`` has a word of time in it ("5 May", "45-year-old",
    "the past 24 hours"); the model also tags bare ranges ("12 to 19") as dates."""
    start = token.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = token.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return any(t.is_alpha and t.lower_ not in _RANGE_WORDS for t in doc[start:end])


def _is_year(text: str) -> bool:
    return len(text) == 4 and text.isdigit() and 1800 <= int(text) <= 2100


def _counts_plural(doc: Doc, lex: ClaimLexicon, q: Quantity) -> bool:
    """A count of a known plural thing right after the number ("2000 soldiers", "1,500 dead")."""
    head = group_head(doc, q)
    if head.dep_ not in ("nummod", "quantmod", "compound"):
        return False
    noun = head.head
    if noun.i < q.end or any(t.is_space or t.is_punct for t in doc[q.end:noun.i]):
        return False
    return noun.tag_ in ("NNS", "NNPS") and not lex.skipped(noun) and lex.noun(noun) is not None


def _is_clock(doc: Doc, lex: ClaimLexicon, q: Quantity) -> bool:
    """'6 p.m.', '0600 GMT', '9 local time'."""
    if q.end >= len(doc):
        return False
    after = doc[q.end].lower_
    return lex.is_("clock", after) or (after == "local" and q.end + 1 < len(doc)
                                       and doc[q.end + 1].lower_ == "time")


def _is_phone(ad: AnalyzedDoc, lex: ClaimLexicon, q: Quantity) -> bool:
    doc = ad.doc
    if any(lex.is_("phone", doc[i].lower_) for i in range(max(0, q.start - 3), q.start)):
        return True  # "call 0800 ...", "hotline 112"
    if _PHONE_TEXT.search(doc[max(0, q.start - 2):min(len(doc), q.end + 2)].text):
        return True
    run, i = 0, q.start  # three or more groups of digits in a row: "020 7946 0958"
    while i < len(doc) and (doc[i].is_digit or doc[i].text in ("-", ".")):
        run += doc[i].is_digit
        i += 1
    return run >= 3


def _is_attribute(doc: Doc, lex: ClaimLexicon, q: Quantity) -> bool:
    """'a two-year conflict', 'a 10-point plan', 'a 45-year-old', 'a 45 year old man'
    ("a 10,000-strong force" is a count)."""
    n = len(doc)
    if q.end + 1 >= n:
        return False
    after, word = doc[q.end], doc[q.end + 1]
    if after.text in ("-", "–") and word.is_alpha and word.lower_ != "strong":
        return True
    return lex.is_("duration", after.lower_) and word.lower_ in ("old", "-old")


def _in_name(doc: Doc, q: Quantity, values: list[Token], before: Token | None) -> bool:
    """A number inside a name ("Group of 20", "Apollo 11") or labelled by a proper noun
    ("Boeing 737", "Hwasong 19")."""
    if any(t.ent_type_ in _NAME_ENTS and t.ent_iob_ == "I" for t in values):
        return True
    if before is None or before.pos_ != "PROPN" or not before.text[:1].isupper() \
            or before.ent_type_ in ("DATE", "TIME", "GPE", "NORP"):
        return False
    head = values[-1]
    if head.head.i == before.i or before.head.i == head.i:
        return True
    return q.end < len(doc) and not doc[q.end].is_alpha


def _is_age(doc: Doc, lex: ClaimLexicon, q: Quantity, before: Token | None) -> bool:
    """An age in apposition: "John Smith, 45, was arrested", "the minister, 58, resigned"."""
    if before is None or before.text != "," or q.words or q.start < 2:
        return False
    if q.end >= len(doc) or doc[q.end].text != ",":
        return False
    name = doc[q.start - 2]
    if name.ent_type_ == "PERSON" or name.pos_ == "PROPN":
        return True
    known = lex.noun(name)  # one person: "the minister", "a farmer"
    return name.tag_ == "NN" and known is not None and known[1] == "person"


def worth_reporting(doc: Doc, q: Quantity, c: Counted, category: str) -> bool:
    """Drop partitives, anaphoric definites and small bare counts of ordinary things."""
    casualty = category in CASUALTY
    if q.percent or category == "money":
        return True
    if c.partitive and not casualty and q.value < SMALL:
        return False  # "one of its newest missiles" (but "two of the soldiers were killed")
    if c.noun is not None and c.noun.i > q.start and q.qualifier is None and not c.partitive and any(
            child.i < q.start and (child.dep_ == "poss" or (child.dep_ == "det" and child.lower_ in DEFINITE))
            for child in c.noun.children):
        return False  # "the two countries", "its 12 members": a reference back, not a figure
    if c.noun is None and not casualty:
        return c.about is not None and (q.value >= SMALL or q.qualifier is not None)
    if q.value < 2 and not casualty and q.words:
        return False  # "one day", "one country"
    # "at least two walls", "three rounds of talks", "three US officials said"
    return not (category in ("other", "people", "troops") and q.value < SMALL)


def is_conversion(doc: Doc, money_end: int, q: Quantity, converting: bool) -> bool:
    """A money amount in brackets right after another one restates it in another currency
    ("$61bn (£49bn)", "1.16bn euros ($1.5bn; £800m)")."""
    if money_end < 0 or q.start <= money_end or q.start - money_end > 3:
        return False
    gap = [t.lower_ for t in doc[money_end:q.start]]
    if not all(w in _CONVERSION_GAP for w in gap):
        return False
    return "(" in gap or "[" in gap or converting
