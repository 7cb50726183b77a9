"""Data the extractors load once per process (actor dictionary, gazetteer, lexicons).

Each extractor module owns its data and caches it here under its own key, so modules
never need to edit a shared registry::

    def dictionary(res: Resources) -> ActorDictionary:
        return res.cached("actors.dictionary", lambda: load_dictionary(res.actor_files))
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")


@dataclass
class Resources:
    model: str = "sm"
    actor_files: tuple[Path, ...] = ()  # user actor dictionaries (--actors my.yaml)
    lexicon_files: tuple[Path, ...] = ()  # user event lexicons (--lexicon my.yaml)
    strict: bool = False  # raise instead of degrading when an extractor fails (tests)
    _cache: dict[str, Any] = field(default_factory=dict, repr=False)
    _lock: threading.RLock = field(default_factory=threading.RLock, repr=False)  # loaders may nest

    def cached(self, key: str, load: Callable[[], T]) -> T:
        if key not in self._cache:
            with self._lock:
                if key not in self._cache:
                    self._cache[key] = load()
        return self._cache[key]  # type: ignore[no-any-return]


_DEFAULT: dict[tuple[Any, ...], Resources] = {}


def default_resources(model: str = "sm", actor_files: tuple[Path, ...] = (),
                      lexicon_files: tuple[Path, ...] = (), strict: bool = False) -> Resources:
    """One shared Resources per configuration (so data files load once per process)."""
    key = (model, actor_files, lexicon_files, strict)
    if key not in _DEFAULT:
        _DEFAULT[key] = Resources(model, actor_files, lexicon_files, strict)
    return _DEFAULT[key]
