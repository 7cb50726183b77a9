"""Our tokenizer fixes for news text: sentences glued by a lost space are split, nothing else is."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(("text", "sentences"), [
    ("Sales rose 5 percent in 2024.The exchange said trading was halted.",
     ["Sales rose 5 percent in 2024.", "The exchange said trading was halted."]),
    ("It was a fight for survival.“The war is over,” she said.",
     ["It was a fight for survival.", "“The war is over,” she said."]),
])
def test_glued_sentences_are_split(nlp, text: str, sentences: list[str]) -> None:  # type: ignore[no-untyped-def]
    assert [s.text for s in nlp(text).sents] == sentences


@pytest.mark.parametrize(("text", "token"), [
    ("The U.S.A and the U.K. met on Monday.", "U.S.A"),  # abbreviations in capitals
    ("Prices rose 3.5 percent on Friday.", "3.5"),  # decimals
    ("The story ran on bbc.co.uk first.", "bbc.co.uk"),  # domain names
])
def test_other_dots_stay_inside_their_token(nlp, text: str, token: str) -> None:  # type: ignore[no-untyped-def]
    assert token in [t.text for t in nlp(text)]


def test_a_glued_source_in_brackets_is_its_own_token(nlp) -> None:  # type: ignore[no-untyped-def]
    assert [t.text for t in nlp("SEOUL (Yonhap)An analysis showed prices fell.")][:5] == [
        "SEOUL", "(", "Yonhap", ")", "An"]
