"""The actors layer: which real-world actor each mention refers to.

Find, then resolve, then export (docs/actors.md has the full story):

1. **Names** from the actor dictionary (states, demonyms, capitals and seats of
   government, government bodies, organizations, people), matched token by token, longest
   first; then the named entities spaCy finds that the dictionary does not know, cleaned of
   the usual errors (possessive "'s" inside the span, "Lavrov and Choe" as one ORG, places
   tagged PERSON).
2. **Resolution in context**: a place name is a place after "in"/"at"/... and a metonym
   otherwise ("Pyongyang urged" -> North Korea, GOV); titles and states before a name give a
   person their role and country ("US Deputy Secretary of Energy Jeffrey Kupfer"); a title
   without a name is looked up among the office holders on the article's date ("Pyongyang's
   foreign minister" -> Choe Son Hui); sector nouns take their state from the phrase
   ("North Korean troops" -> North Korea, MIL) or, for police and authorities, from the
   story's setting; short forms ("Choe", "Mr Putin") resolve to the full names before them.
3. **Export**: one :class:`Actor` per canonical actor with every mention span. Generic
   phrases ("analysts", "the West") stay mentions without an id, for the other layers.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from storytrace.nlp.actor_dictionary import ActorDictionary, load_dictionary, norm_token, slug
from storytrace.nlp.actor_resolver import Resolver
from storytrace.nlp.context import AnalyzedDoc
from storytrace.nlp.mentions import ActorLayer
from storytrace.nlp.resources import Resources

__all__ = ["dictionary", "extract", "gazetteer", "slug"]


def dictionary(res: Resources) -> ActorDictionary:
    """The compiled actor dictionary (built-in data plus ``res.actor_files``), once per process."""
    return res.cached(f"actors.dictionary:{res.model}", lambda: load_dictionary(res.actor_files,
                                                                                tokenize=_tokenizer(res)))


def _tokenizer(res: Resources) -> Callable[[str], tuple[str, ...]]:
    """Names are split into tokens by the pipeline's own tokenizer, so they match the text."""
    from storytrace.nlp.model import load_nlp

    tok = load_nlp(res.model).tokenizer
    return lambda text: tuple(norm_token(t.text) for t in tok(text))


def gazetteer(res: Resources) -> Any:
    """The places layer's gazetteer (shared cache key: loaded once per process for both
    layers); used only to tell places that spaCy tagged as persons or organizations."""
    def load() -> Any:
        try:
            from storytrace.nlp import gazetteer as places_gazetteer

            return places_gazetteer.load()
        except Exception:  # the actor layer works without it
            return None

    return res.cached("places.gazetteer", load)


def extract(ad: AnalyzedDoc) -> ActorLayer:
    """The actor layer of one document (mentions and exported actors)."""
    return Resolver(ad, dictionary(ad.res), gazetteer(ad.res)).run()
