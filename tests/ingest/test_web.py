"""http(s) URLs and RSS/Atom feeds, against a local HTTP server started by the test."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.ingest.conftest import FIXTURES, rows


@pytest.fixture
def site(tmp_path: Path) -> Iterator[str]:
    root = tmp_path / "site"
    shutil.copytree(FIXTURES / "web", root)
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    host = f"127.0.0.1:{server.server_address[1]}"
    for feed in ("feed.rss", "feed.atom"):
        path = root / feed
        path.write_text(path.read_text(encoding="utf-8").replace("HOST", host), encoding="utf-8")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://{host}"
    server.shutdown()
    server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".rss": "application/rss+xml", ".atom": "application/atom+xml"}

    def log_message(self, *args: object) -> None:
        pass


def test_page_url(cli, site: str, db_path: str) -> None:
    result = cli("ingest", f"{site}/article.html", "--db", db_path, "--no-analyze")
    assert result.exit_code == 0, result.output
    title, url, text = rows(db_path, "SELECT title, url, text FROM documents")[0]
    assert title == "Seoul says more troops crossed into Russia"
    assert url == f"{site}/article.html"
    assert "Subscribe to our newsletter" not in text and "Kursk region" in text


def test_rss_feed_fetches_each_linked_page(cli, site: str, db_path: str) -> None:
    result = cli("ingest", f"{site}/feed.rss", "--db", db_path, "--no-analyze")
    assert result.exit_code == 0, result.output
    got = rows(db_path, "SELECT title, published, source, url, text FROM documents ORDER BY rowid")
    assert [g[0] for g in got] == ["Seoul says more troops crossed into Russia", "Drone strike hits Kharkiv",
                                   "Talks planned in Geneva"]
    assert got[1][1].startswith("2025-01-15") and got[1][2] == "Eastern Wire"
    assert "killing two people and wounding nine" in got[1][4]
    assert "Read more" not in got[1][4]
    assert got[2][3] is None and "prisoner exchange" in got[2][4]  # no link: the entry's own text


def test_atom_feed(cli, site: str, db_path: str) -> None:
    result = cli("ingest", f"{site}/feed.atom", "--db", db_path, "--no-analyze")
    assert result.exit_code == 0, result.output
    assert rows(db_path, "SELECT title, source FROM documents") == [("Drone strike hits Kharkiv",
                                                                     "Harbor Daily: Asia")]


def test_unreachable_and_missing_pages(cli, site: str, db_path: str) -> None:
    result = cli("ingest", f"{site}/second.html", f"{site}/gone.html", "http://127.0.0.1:9/x.html",
                 "--db", db_path, "--no-analyze")
    assert result.exit_code == 1
    message = " ".join(result.output.split())
    assert f"{site}/gone.html: HTTP 404" in message
    assert "http://127.0.0.1:9/x.html: cannot fetch" in message
    assert rows(db_path, "SELECT count(*) FROM documents")[0][0] == 1
