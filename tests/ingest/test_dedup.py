"""Idempotent ingest, exact and near duplicates, non-English text."""

from __future__ import annotations

import json
from pathlib import Path

from tests.ingest.conftest import ARTICLE_A, ARTICLE_B, ARTICLE_C, doc_ids, rows

WIRE = (
    "Ukraine's military intelligence agency said on Thursday that North Korean artillery crews "
    "had been seen operating alongside Russian units near the town of Sudzha in the Kursk region. "
    "The agency said the crews were using self-propelled guns shipped by rail from the Far East "
    "over the past month. Russia's defence ministry did not respond to a request for comment, "
    "and officials in Pyongyang have not acknowledged any deployment. South Korea's spy agency "
    "told lawmakers earlier this week that it was tracking several shipments of shells and "
    "rockets to Russian ports, and that more weapons were likely to follow in the coming weeks."
)


def _jsonl(path: Path, records: list[dict]) -> Path:  # type: ignore[type-arg]
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    return path


def test_reingest_adds_nothing_and_force_reanalyzes(cli, tmp_path: Path, db_path: str) -> None:
    src = _jsonl(tmp_path / "in.jsonl", [{"id": "a", "text": ARTICLE_A}, {"id": "b", "text": ARTICLE_B}])
    assert cli("ingest", src, "--db", db_path).exit_code == 0
    first = rows(db_path, "SELECT id, analyzed_at FROM documents ORDER BY rowid")
    again = cli("ingest", src, "--db", db_path)
    assert again.exit_code == 0
    assert "unchanged" in again.output
    assert rows(db_path, "SELECT count(*) FROM documents")[0][0] == 2
    assert rows(db_path, "SELECT id, analyzed_at FROM documents ORDER BY rowid") == first
    forced = cli("ingest", src, "--db", db_path, "--force")
    assert forced.exit_code == 0
    assert rows(db_path, "SELECT count(*) FROM documents")[0][0] == 2
    assert rows(db_path, "SELECT count(*) FROM documents WHERE status = 'analyzed'")[0][0] == 2


def test_same_id_new_text_replaces_the_document(cli, tmp_path: Path, db_path: str) -> None:
    assert cli("ingest", _jsonl(tmp_path / "v1.jsonl", [{"id": "a", "text": ARTICLE_A}]),
               "--db", db_path, "--no-analyze").exit_code == 0
    assert cli("ingest", _jsonl(tmp_path / "v2.jsonl", [{"id": "a", "text": ARTICLE_B}]),
               "--db", db_path, "--no-analyze").exit_code == 0
    assert rows(db_path, "SELECT id, substr(text, 1, 20) FROM documents") == [("a", ARTICLE_B[:20])]
    hits = rows(db_path, "SELECT count(*) FROM documents_fts WHERE documents_fts MATCH 'Odesa'")
    assert hits[0][0] == 1  # the full-text index follows the update
    assert rows(db_path, "SELECT count(*) FROM documents_fts WHERE documents_fts MATCH 'Vladivostok'")[0][0] == 0


def test_exact_and_near_duplicates_are_linked(cli, tmp_path: Path, db_path: str) -> None:
    edited = WIRE.replace("on Thursday", "on Thursday evening").replace(
        " and that more weapons were likely to follow in the coming weeks.", ".")
    src = _jsonl(tmp_path / "wire.jsonl", [
        {"id": "w1", "text": WIRE, "source": "Outlet One"},
        {"id": "w2", "text": WIRE, "source": "Outlet Two"},
        {"id": "w3", "text": edited, "source": "Outlet Three"},
        {"id": "other", "text": ARTICLE_C},
    ])
    result = cli("ingest", src, "--db", db_path, "--no-analyze")
    assert result.exit_code == 0, result.output
    links = dict(rows(db_path, "SELECT id, duplicate_of FROM documents"))
    assert links == {"w1": None, "w2": "w1", "w3": "w1", "other": None}
    assert "duplicates" in result.output
    sim = rows(db_path, "SELECT similarity FROM documents WHERE id = 'w3'")[0][0]
    assert 0.7 <= sim < 1.0


def test_different_stories_are_not_duplicates(cli, tmp_path: Path, db_path: str) -> None:
    src = _jsonl(tmp_path / "in.jsonl", [{"id": "a", "text": ARTICLE_A}, {"id": "b", "text": ARTICLE_B},
                                         {"id": "c", "text": ARTICLE_C}])
    assert cli("ingest", src, "--db", db_path, "--no-analyze").exit_code == 0
    assert rows(db_path, "SELECT count(*) FROM documents WHERE duplicate_of IS NOT NULL")[0][0] == 0


def test_non_english_is_stored_flagged_and_skipped(cli, tmp_path: Path, db_path: str) -> None:
    german = ("Nordkorea hat nach Angaben des ukrainischen Militärgeheimdienstes mehrere tausend "
              "Soldaten in die russische Region Kursk verlegt. Die Regierung in Seoul erklärte, "
              "sie beobachte die Lage genau und werde sich mit ihren Verbündeten abstimmen.")
    src = _jsonl(tmp_path / "in.jsonl", [{"id": "de", "text": german}, {"id": "en", "text": ARTICLE_A}])
    result = cli("ingest", src, "--db", db_path)
    assert result.exit_code == 1  # not everything was ingested
    message = " ".join(result.output.split())
    assert "in.jsonl:1: stored but not analyzed: text looks like 'de', not English" in message
    got = dict((r[0], r[1:]) for r in rows(db_path, "SELECT id, status, language, status_reason FROM documents"))
    assert got["de"][:2] == ("skipped", "de")
    assert got["en"][:2] == ("analyzed", "en")
    assert rows(db_path, "SELECT count(*) FROM actors WHERE doc_id = 'de'")[0][0] == 0


def test_stats_counts_layers(cli, tmp_path: Path, db_path: str) -> None:
    src = _jsonl(tmp_path / "in.jsonl", [{"id": "a", "text": ARTICLE_A, "published": "2024-11-04"}])
    assert cli("ingest", src, "--db", db_path).exit_code == 0
    out = cli("stats", "--db", db_path, "--json")
    stats = json.loads(out.output)
    assert stats["documents_total"] == 1
    assert stats["layers"]["actors"] == rows(db_path, "SELECT count(*) FROM actors")[0][0] > 0
    assert doc_ids(db_path) == ["a"]
