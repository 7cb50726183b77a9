"""storytrace: sourced, structured facts from news articles.

    from storytrace import Store, Analyzer, Ingestor
"""

from __future__ import annotations

__version__ = "0.1.0"

from storytrace.ingest.run import Ingestor
from storytrace.records import Document
from storytrace.store.db import Store


def __getattr__(name: str):  # type: ignore[no-untyped-def]
    if name == "Analyzer":  # imports spaCy: only on demand
        from storytrace.nlp.analyze import Analyzer

        return Analyzer
    raise AttributeError(name)


__all__ = ["Analyzer", "Document", "Ingestor", "Store", "__version__"]
