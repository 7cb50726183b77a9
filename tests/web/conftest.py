"""A small analyzed store built from our own sentences (one with an XSS payload), and an
HTTP client over the web app."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

from storytrace.ingest.run import Ingestor
from storytrace.ingest.sources import RawDoc
from storytrace.store.db import Store
from storytrace.web.app import create_app
from storytrace.web.settings import WebSettings

XSS = "<script>alert('owned')</script>"
DOCS = [
    RawDoc(id="w-001", title="Lavrov hosts Choe in Moscow", published="2024-11-01", source="Harbor Daily",
           origin="test", text=(
               "Russian Foreign Minister Sergei Lavrov met North Korea's foreign minister, Choe Son Hui, "
               "in Moscow on Friday. \"Our friendship is unbreakable,\" Lavrov told reporters after the "
               "talks. Choe said Pyongyang would stand by Moscow until victory.\n\n"
               "US officials estimate that up to 10,000 North Korean troops have moved to Russia's Kursk region.")),
    RawDoc(id="w-002", title="Strike on Kharkiv", published="2024-11-03", source="Eastern Wire",
           origin="test", text=(
               "A Russian missile struck a police station in Kharkiv on Sunday, killing two officers and "
               "wounding 14 people, the regional governor said. Ukraine's president condemned the attack "
               "and urged allies to send more air defence systems.")),
    RawDoc(id="w-xss", title=f"Markup test {XSS}", published="2024-11-04", source=f"Evil {XSS} Outlet",
           origin="test", text=(
               f"The spokesman said {XSS} was found pasted into a press release about talks in Seoul. "
               f"\"We will not accept {XSS} in our systems,\" he added on Monday.")),
]


@pytest.fixture(scope="session")
def web_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("web") / "web.db")
    with Store(path) as store:
        report = Ingestor(store).ingest_raw(DOCS)
    assert report.failed == 0 and report.ingested == len(DOCS)
    return path


@pytest.fixture(scope="session")
def client(web_db: str) -> Iterator[object]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        from fastapi.testclient import TestClient
    app = create_app(WebSettings(db=web_db))
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


@pytest.fixture
def ingest_client(tmp_path: Path) -> Iterator[object]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        from fastapi.testclient import TestClient
    db = str(tmp_path / "ingest.db")
    Store(db).close()
    app = create_app(WebSettings(db=db, allow_ingest=True, token="s3cret-token"))
    with TestClient(app, raise_server_exceptions=False) as c:
        c.db = db  # type: ignore[attr-defined]
        yield c
