"""Every input format ends up as stored, analyzed documents with the right metadata."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from tests.ingest.conftest import ARTICLE_A, ARTICLE_B, ARTICLE_C, FIXTURES, doc_ids, rows


def test_text_markdown_and_defaults(cli, tmp_path: Path, db_path: str) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE_A, encoding="utf-8")
    (tmp_path / "b.md").write_text(f"# Port of Odesa hit\n\n{ARTICLE_B}\n", encoding="utf-8")
    result = cli("ingest", tmp_path / "a.txt", tmp_path / "b.md", "--db", db_path,
                 "--published", "2024-11-04", "--source", "Test Wire")
    assert result.exit_code == 0, result.output
    got = rows(db_path, "SELECT title, published, source, status, text FROM documents ORDER BY rowid")
    assert got[0][:4] == (None, "2024-11-04", "Test Wire", "analyzed")
    assert got[1][0] == "Port of Odesa hit"
    assert got[1][4].startswith("A Russian missile struck")  # the heading became the title


def test_jsonl_fields_and_meta(cli, tmp_path: Path, db_path: str) -> None:
    path = tmp_path / "in.jsonl"
    records = [
        {"id": "k1", "title": "Troops", "text": ARTICLE_A, "published": "2024-11-04",
         "source": "Wire", "url": "https://example.org/k1", "section": "Asia"},
        {"id": "k2", "text": ARTICLE_B, "published": "2024-11-06T07:00:00Z"},
    ]
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    assert cli("ingest", path, "--db", db_path, "--no-analyze").exit_code == 0
    got = rows(db_path, "SELECT id, title, published, source, url, meta, status FROM documents ORDER BY rowid")
    assert got[0][:5] == ("k1", "Troops", "2024-11-04", "Wire", "https://example.org/k1")
    assert json.loads(got[0][5]) == {"section": "Asia"}
    assert got[1][2] == "2024-11-06T07:00:00+00:00"
    assert got[0][6] == "stored"  # --no-analyze


def test_json_list_and_csv_with_extra_fields(cli, tmp_path: Path, db_path: str) -> None:
    (tmp_path / "list.json").write_text(json.dumps([{"id": "j1", "text": ARTICLE_A}]), encoding="utf-8")
    with open(tmp_path / "table.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, ["id", "title", "text", "published", "source", "url", "author"])
        w.writeheader()
        w.writerow({"id": "c1", "title": "Odesa", "text": ARTICLE_B, "published": "2024-11-06",
                    "source": "Port News", "url": "", "author": "A. Writer"})
    assert cli("ingest", tmp_path / "list.json", tmp_path / "table.csv", "--db", db_path,
               "--no-analyze").exit_code == 0
    assert doc_ids(db_path) == ["j1", "c1"]
    meta = rows(db_path, "SELECT meta FROM documents WHERE id = 'c1'")[0][0]
    assert json.loads(meta) == {"author": "A. Writer"}


def test_directory_is_recursive_and_ignores_other_files(cli, tmp_path: Path, db_path: str) -> None:
    (tmp_path / "x" / "y").mkdir(parents=True)
    (tmp_path / "x" / "one.txt").write_text(ARTICLE_A, encoding="utf-8")
    (tmp_path / "x" / "y" / "two.txt").write_text(ARTICLE_B, encoding="utf-8")
    (tmp_path / "x" / "y" / "notes.docx").write_bytes(b"PK\x03\x04 not ours")
    result = cli("ingest", tmp_path / "x", "--db", db_path, "--no-analyze")
    assert result.exit_code == 0, result.output
    assert len(doc_ids(db_path)) == 2


def test_stdin_text_and_jsonl(cli, db_path: str) -> None:
    assert cli("ingest", "-", "--db", db_path, "--no-analyze", input=ARTICLE_C).exit_code == 0
    line = json.dumps({"id": "s2", "text": ARTICLE_A}) + "\n"
    assert cli("ingest", "-", "--db", db_path, "--no-analyze", input=line).exit_code == 0
    ids = doc_ids(db_path)
    assert len(ids) == 2 and ids[1] == "s2"
    assert len(ids[0]) == 16  # no id given: the content hash


def test_html_main_text_without_boilerplate(cli, db_path: str) -> None:
    result = cli("ingest", FIXTURES / "web" / "article.html", "--db", db_path, "--no-analyze")
    assert result.exit_code == 0, result.output
    title, published, source, text = rows(db_path, "SELECT title, published, source, text FROM documents")[0]
    assert title == "Seoul says more troops crossed into Russia"
    assert published.startswith("2025-01-14")
    assert source == "Harbor Daily"
    assert "roughly 1,000 more soldiers" in text and "Kursk region" in text
    for furniture in ("Subscribe", "newsletter", "Copyright", "Follow us", "Home | World"):
        assert furniture not in text


def test_ingest_then_export_carries_every_field(cli, tmp_path: Path, db_path: str) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps({"id": "e1", "text": ARTICLE_A, "published": "2024-11-04"}) + "\n",
                    encoding="utf-8")
    assert cli("ingest", path, "--db", db_path).exit_code == 0
    out = tmp_path / "out.jsonl"
    assert cli("export", "--db", db_path, "-o", out).exit_code == 0
    (record,) = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    for key in ("format", "id", "title", "published", "source", "url", "language", "text",
                "actors", "quotes", "claims", "events", "times", "places"):
        assert key in record
    assert record["format"] == "storytrace/1" and record["language"] == "en"
    for actor in record["actors"]:
        for m in actor["mentions"]:
            assert 0 <= m["start"] < m["end"] <= len(record["text"])
