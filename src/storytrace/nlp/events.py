"""The events layer (not yet implemented: returns no records)."""

from __future__ import annotations

from storytrace.nlp.context import AnalyzedDoc


def extract(ad: AnalyzedDoc) -> list:
    return []
