"""The web app in a real headless Chromium over the demo store: open each page, click from a
highlighted quote to its speaker's page, check the map renders; screenshots go to
build/screenshots/. `.ci/run` installs Debian's chromium when it is missing."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from storytrace.store.db import Store

pytestmark = pytest.mark.browser
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    from storytrace.cli.demo import demo_corpus_path
    from storytrace.ingest.run import Ingestor

    path = str(tmp_path_factory.mktemp("demo") / "demo.db")
    with Store(path) as store:
        report = Ingestor(store).run([str(demo_corpus_path())])
    assert report.failed == 0
    return path


@pytest.fixture(scope="module")
def server(demo_db: str) -> Iterator[str]:
    import uvicorn

    from storytrace.web.app import create_app
    from storytrace.web.settings import WebSettings

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    config = uvicorn.Config(create_app(WebSettings(db=demo_db)), host="127.0.0.1", port=port, log_level="error")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    for _ in range(100):
        if srv.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=5)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        pytest.skip("needs Debian's chromium (/usr/bin/chromium); .ci/run installs it")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, server: str) -> Iterator[object]:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1360, "height": 900})
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.on("requestfailed", lambda r: errors.append(f"request failed: {r.url}"))
    pg.errors = errors
    yield pg
    context.close()


def shot(page, name: str) -> None:  # type: ignore[no-untyped-def]
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=False)


@pytest.mark.parametrize("path, name", [("/", "home"), ("/documents", "documents"), ("/actors", "actors"),
                                        ("/quotes", "quotes"), ("/claims", "claims"), ("/events", "events"),
                                        ("/stories", "stories"), ("/search?q=Kursk", "search")])
def test_pages_open(page, server: str, path: str, name: str) -> None:
    response = page.goto(server + path)
    assert response.status == 200
    assert page.locator("header.top a.brand").inner_text() == "storytrace"
    shot(page, name)
    assert page.errors == []


def test_quote_highlight_leads_to_the_speaker(page, server: str, demo_db: str) -> None:
    with Store(demo_db, readonly=True) as s:
        row = s.execute("SELECT doc_id FROM quotes WHERE speaker_id IS NOT NULL ORDER BY doc_id LIMIT 1").fetchone()
    if row is None:
        pytest.fail("the demo store has no attributed quote")
    page.goto(f"{server}/documents/{row[0]}")
    mark = page.locator("mark[data-keys^='quote-']").first
    mark.click()
    card = page.locator(".card-quote.focus")
    card.wait_for()
    shot(page, "reader")
    link = card.locator("a.actor-link").first
    speaker = link.inner_text()
    link.click()
    page.wait_for_url("**/actors/**")
    assert page.locator("#actor-name").inner_text() == speaker
    shot(page, "actor")
    assert page.errors == []


def test_map_renders_outline_and_markers(page, server: str) -> None:
    page.goto(server + "/map")
    page.wait_for_selector("#map[data-outline='ready']", timeout=10_000)
    assert page.locator("#map path.leaflet-interactive").count() > 0
    markers = int(page.locator("#map").get_attribute("data-markers") or 0)
    assert markers > 0
    shot(page, "map")
    assert page.errors == []


def test_story_page_and_figure_chart(page, server: str) -> None:
    page.goto(server + "/stories")
    page.locator("table.list a").first.click()
    page.wait_for_url("**/stories/*")
    assert page.locator(".timeline .item").count() > 0
    shot(page, "story")
    page.goto(server + "/figures?q=North%20Korean%20troops")
    page.wait_for_selector("canvas.figure-chart[data-rendered='1']", timeout=10_000)
    box = page.locator("canvas.figure-chart").first.bounding_box()
    assert box is not None and box["width"] > 300 and box["height"] > 200
    assert page.locator("table.list tbody tr").count() >= 3  # several sources over time
    shot(page, "figures")
    assert page.errors == []
