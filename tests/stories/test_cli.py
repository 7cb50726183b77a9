"""The verbs: stories, track, timeline, network, brief, export --format stories."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from storytrace.cli.app import app
from storytrace.store.db import Store
from tests.stories import corpus

runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("stories") / "s.db")
    with Store(path) as store:
        corpus.store_story(store)
    return path


def run(*args: str) -> str:
    """Standard output of a successful command (messages on standard error are left out)."""
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def test_stories_lists_and_shows(db: str) -> None:
    rows = [json.loads(line) for line in run("stories", "--db", db, "--json", "--order", "size").splitlines()]
    assert rows[0]["documents"] == 8 and rows[0]["first_published"] == "2024-10-18"
    assert {"id", "title", "key_actors", "keywords", "outlets"} <= set(rows[0])
    shown = run("stories", "--db", db, "--story", str(rows[0]["id"]))
    assert "nk-3b" in shown and "duplicate" in shown
    out = run("stories", "--db", db)
    assert "stories" in out and str(rows[0]["id"]) in out


def test_unknown_story_is_a_clean_error(db: str) -> None:
    result = runner.invoke(app, ["brief", "--db", db, "--story", "999"])
    assert result.exit_code == 1 and "no story 999" in result.output
    result = runner.invoke(app, ["timeline", "--db", db, "--story", "abc"])
    assert result.exit_code == 2


def test_track_table_chart_and_png(db: str, tmp_path: Path) -> None:
    png = tmp_path / "troops.png"
    out = run("track", "North Korean troops", "--db", db, "--png", str(png))
    assert "1,500–12,000 from 4 sources" in out
    assert "revision: Pentagon up from about 3,000 (2024-10-23) to about 10,000 (2024-11-05)" in out
    # a day apart and incompatible: a conflict; Kyiv's 12,000 and the Pentagon's 10,000 a week later are not
    assert "conflict: Ukrainian military intelligence 12,000 (2024-10-29) vs NATO about 5,000 (2024-10-30)" in out
    assert "vs Pentagon about 10,000" not in out
    # piped output is 120 columns wide and never folds a date or a value across lines
    assert any("2024-11-05" in line and "about 10,000" in line and "Pentagon" in line for line in out.splitlines())
    assert "█" in out and "░" in out  # the terminal chart ("about" values have an uncertain part)
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    [fig] = [json.loads(line) for line in run("track", "North Korean troops", "--db", db, "--json").splitlines()]
    assert [o["doc_id"] for o in fig["observations"]] == ["nk-1", "nk-2", "nk-3", "nk-4", "nk-4b", "nk-6"]
    assert all(o["increment"] is False for o in fig["observations"])


def test_track_nothing_found(db: str) -> None:
    result = runner.invoke(app, ["track", "refugees in Poland", "--db", db])
    assert result.exit_code == 1 and "no claims about" in result.output


def test_timeline_and_network(db: str, tmp_path: Path) -> None:
    out = run("timeline", "--db", db)
    assert out.index("2024-10-18") < out.index("2024-11-02") < out.index("2024-11-05")
    lines = [json.loads(line) for line in run("timeline", "--db", db, "--json").splitlines()]
    assert [e["type"] for e in lines] == ["AID", "ASSAULT", "MOBILIZE"]
    target = tmp_path / "net.graphml"
    run("network", "--db", db, "-o", str(target))
    assert "<graphml" in target.read_text(encoding="utf-8")
    data = json.loads(run("network", "--db", db, "--format", "json"))
    assert {(e["source"], e["target"], e["type"]) for e in data["edges"]} == {("PRK", "RUS", "AID"),
                                                                               ("RUS", "UKR", "ASSAULT")}


def test_brief_formats(db: str, tmp_path: Path) -> None:
    md = run("brief", "--db", db)
    assert md.startswith("# All stories") and "## Sources" in md
    page = tmp_path / "brief.html"
    run("brief", "--db", db, "--format", "html", "-o", str(page))
    assert page.read_text(encoding="utf-8").startswith("<!doctype html>")
    data = json.loads(run("brief", "--db", db, "--format", "json", "--since", "2024-11-01"))
    assert data["scope"] == "since 2024-11-01" and data["documents"] == 3


def test_export_stories(db: str) -> None:
    lines = [json.loads(line) for line in run("export", "--db", db, "--format", "stories").splitlines()]
    assert len(lines) == 10 and all(set(r) == {"id", "story"} for r in lines)
    by_id = {r["id"]: r["story"] for r in lines}
    assert by_id["nk-3b"] == by_id["nk-3"] == by_id["nk-1"] and by_id["kh-1"] != by_id["nk-1"]


def test_missing_store(tmp_path: Path) -> None:
    result = runner.invoke(app, ["stories", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1 and "no such store" in result.output
