"""Small, general fixes to spaCy's English tokenizer for news text."""

from __future__ import annotations

from typing import Any

# Sentences glued by a lost space, common in feeds and scraped pages: "in 2024.The exchange
# said", "(Yonhap)An analysis showed", "survival.“The great ...": the sentence mark (or a
# closing bracket) between a lower-case letter or a digit and a capitalized word is a token of
# its own, so that the parser can end the sentence there. Abbreviations in capitals ("U.S.A"),
# decimals ("3.5") and domain names ("bbc.co.uk") are not split.
_GLUED = (
    r"(?<=[a-z0-9\)\]\"”’])[.!?](?=[\"“‘]?[A-Z][a-z])",
    r"(?<=[a-z0-9][.!?])[\"“‘](?=[A-Z][a-z])",  # the opening mark after it: ".“The"
    r"(?<=[a-z])\)(?=[A-Z][a-z])",
)


def customize(nlp: Any) -> None:
    """Applied once when the pipeline is loaded. Kept minimal: every change here shifts
    what the statistical components see."""
    from spacy.util import compile_infix_regex

    infixes = [*nlp.Defaults.infixes, *_GLUED]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
