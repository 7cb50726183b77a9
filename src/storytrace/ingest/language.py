"""Is this text English? (py3langid, a pure-Python port of langid.py with its model bundled).

Only the first few thousand characters are looked at; very short texts are assumed English
because a language guess on a headline-length text is unreliable.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

SAMPLE_CHARS = 3000
MIN_CHARS = 40
MIN_CONFIDENCE = 0.9


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> tuple[str, float]:
    """(ISO 639-1 code, confidence). Texts too short to tell are reported as English."""
    sample = text[:SAMPLE_CHARS]
    if len(sample.strip()) < MIN_CHARS:
        return "en", 0.0
    lang, prob = _identifier().classify(sample)
    return str(lang), float(prob)


def is_english(text: str) -> tuple[bool, str]:
    lang, prob = detect_language(text)
    if lang != "en" and prob >= MIN_CONFIDENCE:
        return False, lang
    return True, "en"
