"""The analysis pipeline: spaCy, then our layers in order, one document at a time.

    nlp -> actors -> times -> places -> quotes -> claims -> events

Each layer is a module with one entry point ``extract(ad: AnalyzedDoc)`` that reads the
analyzed document (and the layers before it) and returns its records.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from storytrace.errors import DataFileError
from storytrace.ingest.dates import published_date
from storytrace.nlp import actors, claims, events, places, quotes, times
from storytrace.nlp.context import AnalyzedDoc
from storytrace.nlp.mentions import ActorLayer
from storytrace.nlp.model import DEFAULT_MODEL, load_nlp
from storytrace.nlp.resources import Resources, default_resources
from storytrace.records import Document

log = logging.getLogger(__name__)

ANALYZER_VERSION = "storytrace-0.1"
BATCH_SIZE = 32

# (layer, extract function); order matters: later layers read earlier ones.
STEPS: list[tuple[str, Callable[[AnalyzedDoc], Any]]] = [
    ("actors", actors.extract),
    ("times", times.extract),
    ("places", places.extract),
    ("quotes", quotes.extract),
    ("claims", claims.extract),
    ("events", events.extract),
]


class Analyzer:
    """Loads the pipeline once; ``analyze`` streams documents through it."""

    def __init__(self, resources: Resources | None = None, *, model: str | None = None, workers: int = 1):
        self.res = resources or default_resources(model or DEFAULT_MODEL)
        self.workers = workers  # > 1: analysis in that many worker processes (nlp/parallel.py)
        self.nlp = load_nlp(self.res.model)
        actors.dictionary(self.res)  # load (and validate) the actor data now: a bad --actors file stops here
        self.name = f"{ANALYZER_VERSION}+{self.res.model}"

    def analyze(self, docs: Iterable[Document], batch_size: int = BATCH_SIZE,
                errors: list[tuple[str, str, str]] | None = None) -> Iterator[Document]:
        """Yield each document with its layers filled (input order kept).

        A layer that fails on one document is left empty for it (and recorded in ``errors``
        as (doc id, layer, message)); the other layers and documents go on.
        """
        if self.workers > 1:
            from storytrace.nlp.parallel import WorkerConfig, analyze_in_workers

            res = self.res
            config = WorkerConfig(res.model, res.actor_files, res.lexicon_files, res.strict)
            yield from analyze_in_workers(config, docs, self.workers, errors)
            return
        pairs = ((d.text, d) for d in docs)
        for spacy_doc, doc in self.nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
            yield self.layers(spacy_doc, doc, errors)

    def analyze_one(self, doc: Document) -> Document:
        return next(self.analyze([doc]))

    def layers(self, spacy_doc: Any, doc: Document,
               errors: list[tuple[str, str, str]] | None = None) -> Document:
        ad = AnalyzedDoc(doc=spacy_doc, doc_id=doc.id, published=published_date(doc.published),
                         res=self.res, title=doc.title, source=doc.source)
        run_layers(ad, errors)
        assert ad.actors is not None
        return doc.model_copy(update={
            "actors": ad.actors.actors, "times": ad.times, "places": ad.places,
            "quotes": ad.quotes, "claims": ad.claims, "events": ad.events,
        })


def run_layers(ad: AnalyzedDoc, errors: list[tuple[str, str, str]] | None = None) -> AnalyzedDoc:
    for layer, extract in STEPS:
        try:
            result = extract(ad)
        except DataFileError:
            raise  # a broken lexicon or dictionary is a setup error: stop, don't degrade per document
        except Exception as exc:
            if ad.res.strict:
                raise
            log.warning("%s: %s layer failed: %s: %s", ad.doc_id, layer, type(exc).__name__, exc)
            if errors is not None:
                errors.append((ad.doc_id, layer, f"{type(exc).__name__}: {exc}"))
            result = ActorLayer([], []) if layer == "actors" else []
        setattr(ad, layer, result)
    return ad
