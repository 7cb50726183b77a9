"""Analysis in worker processes (``--workers N``): for large collections on several cores.

The store stays in the calling process (SQLite has one writer): documents go out to the
workers in small batches, come back with their layers filled, in input order. Each worker
loads the pipeline and the data files once (``spawn``, so it works the same on Linux and
macOS, and never inherits a lock held by another thread). At most ``2 × workers`` batches are
in flight, so memory stays flat however long the input is, and the input iterator (which
reads and stores documents) is only ever advanced by the calling thread.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING

from storytrace.records import Document

if TYPE_CHECKING:
    from storytrace.nlp.analyze import Analyzer

BATCH_SIZE = 8  # documents per task: small enough for steady progress, large enough for nlp.pipe


@dataclass(frozen=True)
class WorkerConfig:
    """What a worker needs to build the same analyzer as its parent (picklable)."""

    model: str
    actor_files: tuple[Path, ...]
    lexicon_files: tuple[Path, ...]
    strict: bool


_ANALYZER: Analyzer | None = None


def _start(config: WorkerConfig) -> None:
    global _ANALYZER
    import signal

    from storytrace.nlp.analyze import Analyzer

    # Ctrl-C is the calling process's to handle: it stops sending work and the batches under way
    # finish; a worker that died on it would print its own traceback and lose its batch
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    from storytrace.nlp.resources import default_resources

    _ANALYZER = Analyzer(default_resources(config.model, config.actor_files, config.lexicon_files,
                                           config.strict))


def _work(batch: list[Document]) -> tuple[list[Document], list[tuple[str, str, str]]]:
    assert _ANALYZER is not None, "worker not started"
    errors: list[tuple[str, str, str]] = []
    return list(_ANALYZER.analyze(batch, errors=errors)), errors


def resolve_workers(workers: int) -> int:
    """``0`` means one per available core."""
    if workers < 0:
        raise ValueError(f"workers must be 0 (one per core) or more, not {workers}")
    if workers == 0:
        return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return workers


def analyze_in_workers(config: WorkerConfig, docs: Iterable[Document], workers: int,
                       errors: list[tuple[str, str, str]] | None = None,
                       batch_size: int = BATCH_SIZE) -> Iterator[Document]:
    """Yield each document of ``docs`` with its layers filled, in input order."""
    source = iter(docs)
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_start,
                             initargs=(config,)) as pool:
        inflight: deque[Future[tuple[list[Document], list[tuple[str, str, str]]]]] = deque()

        def submit() -> bool:
            batch = list(islice(source, batch_size))
            if batch:
                inflight.append(pool.submit(_work, batch))
            return bool(batch)

        while len(inflight) < 2 * workers and submit():
            pass
        try:
            while inflight:
                done, errs = inflight.popleft().result()
                submit()
                if errors is not None:
                    errors.extend(errs)
                yield from done
        finally:
            for future in inflight:  # stopped early (an error, or the caller gave up): drop the rest
                future.cancel()
