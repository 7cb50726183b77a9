"""Shared fixtures: the spaCy pipeline (loaded once per session), an ``analyze`` helper that
runs the layers on our own sentences, fresh stores, and the ../shared reference folder
(tests that need it skip with a reason when it is absent)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest

from storytrace.nlp.analyze import STEPS
from storytrace.nlp.context import AnalyzedDoc
from storytrace.nlp.resources import Resources
from storytrace.store.db import Store

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--slow", action="store_true", help="also run slow tests")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--slow"):
        return
    skip = pytest.mark.skip(reason="slow: run with --slow")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def shared() -> Path:
    """../shared (reference data); tests using it skip when it is absent."""
    if not (SHARED / "eval" / "score.py").is_file():
        pytest.skip(f"needs the reference folder {SHARED} (absent in this checkout)")
    return SHARED


@pytest.fixture(scope="session")
def nlp():  # type: ignore[no-untyped-def]
    from storytrace.nlp.model import load_nlp

    return load_nlp("sm")


@pytest.fixture(scope="session")
def resources() -> Resources:
    return Resources(model="sm", strict=True)


Analyze = Callable[..., AnalyzedDoc]


@pytest.fixture(scope="session")
def analyze(nlp, resources: Resources) -> Analyze:  # type: ignore[no-untyped-def]
    """analyze(text, published="2024-11-01", until="events") -> AnalyzedDoc with the layers
    up to and including ``until`` filled (strict: an extractor error fails the test)."""

    def run(text: str, published: str | date | None = "2024-11-01", until: str = "events",
            source: str | None = None) -> AnalyzedDoc:
        pub = date.fromisoformat(published) if isinstance(published, str) else published
        ad = AnalyzedDoc(doc=nlp(text), doc_id="test", published=pub, res=resources, source=source)
        for layer, extract in STEPS:
            setattr(ad, layer, extract(ad))
            if layer == until:
                break
        return ad

    return run


@pytest.fixture
def store() -> Iterator[Store]:
    s = Store(":memory:")
    yield s
    s.close()


@pytest.fixture
def db_path(tmp_path: Path) -> str:
    return str(tmp_path / "test.db")
