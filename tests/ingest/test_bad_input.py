"""Bad input: a clear one-line error naming the file (and line) and the reason, while every
good document of the same run is stored; exit code 1."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.ingest.conftest import ARTICLE_A, ARTICLE_B, doc_ids, rows


def _good(tmp_path: Path) -> Path:
    path = tmp_path / "good.txt"
    path.write_text(ARTICLE_A, encoding="utf-8")
    return path


def _check(result, db_path: str, *fragments: str, good: int = 1) -> None:  # type: ignore[no-untyped-def]
    assert result.exit_code == 1, result.output
    message = " ".join(result.output.split())
    for fragment in fragments:
        assert fragment in message, message
    assert len(doc_ids(db_path)) == good


def test_empty_file(cli, tmp_path: Path, db_path: str) -> None:
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    result = cli("ingest", _good(tmp_path), tmp_path / "empty.txt", "--db", db_path, "--no-analyze")
    _check(result, db_path, "empty.txt: empty file")


def test_binary_file(cli, tmp_path: Path, db_path: str) -> None:
    (tmp_path / "photo.txt").write_bytes(bytes(range(256)) * 40)
    result = cli("ingest", _good(tmp_path), tmp_path / "photo.txt", "--db", db_path, "--no-analyze")
    _check(result, db_path, "photo.txt: binary file")


def test_latin1_is_detected_and_decoded(cli, tmp_path: Path, db_path: str) -> None:
    text = ("Le ministre a déclaré que la réunion à Genève était reportée. " * 3).replace(
        "Le ministre", "The minister") + " The café owner said the délégués would return."
    english = ("The café owner in Zürich said the delegates would return next week, and the "
               "ministry confirmed that talks on the prisoner exchange would resume in Genève.")
    (tmp_path / "latin.txt").write_bytes(english.encode("latin-1"))
    result = cli("ingest", tmp_path / "latin.txt", "--db", db_path, "--no-analyze")
    assert result.exit_code == 0, result.output
    assert "decoded as" in " ".join(result.output.split())
    assert "Zürich" in rows(db_path, "SELECT text FROM documents")[0][0]
    assert text  # (the French-looking variant is only used to build realistic accents)


def test_invalid_utf8_in_jsonl_names_the_line(cli, tmp_path: Path, db_path: str) -> None:
    path = tmp_path / "bad.jsonl"
    good = json.dumps({"id": "g1", "text": ARTICLE_A}).encode()
    path.write_bytes(good + b"\n" + b'{"id": "b2", "text": "caf\xe9 \xff\xfe"}\n')
    result = cli("ingest", path, "--db", db_path, "--no-analyze")
    _check(result, db_path, "bad.jsonl:2", "invalid UTF-8")


def test_malformed_json_line_and_missing_text(cli, tmp_path: Path, db_path: str) -> None:
    path = tmp_path / "mixed.jsonl"
    path.write_text("\n".join([
        json.dumps({"id": "g1", "text": ARTICLE_A}),
        '{"id": "broken", "text": "unterminated',
        json.dumps({"id": "n3", "title": "no text here"}),
        json.dumps({"id": "g4", "text": ARTICLE_B}),
    ]) + "\n", encoding="utf-8")
    result = cli("ingest", path, "--db", db_path, "--no-analyze")
    _check(result, db_path, "mixed.jsonl:2: malformed JSON", "mixed.jsonl:3: no 'text' field", good=2)
    assert doc_ids(db_path) == ["g1", "g4"]


def test_unparsable_date(cli, tmp_path: Path, db_path: str) -> None:
    path = tmp_path / "dates.jsonl"
    path.write_text(json.dumps({"id": "d1", "text": ARTICLE_A, "published": "sometime last week"}) + "\n"
                    + json.dumps({"id": "d2", "text": ARTICLE_B, "published": "2024-11-05"}) + "\n",
                    encoding="utf-8")
    result = cli("ingest", path, "--db", db_path, "--no-analyze")
    _check(result, db_path, "dates.jsonl:1: unparsable published date 'sometime last week'")
    assert doc_ids(db_path) == ["d2"]


def test_bad_published_option_is_a_usage_error(cli, tmp_path: Path, db_path: str) -> None:
    result = cli("ingest", _good(tmp_path), "--db", db_path, "--published", "13/45/2024")
    assert result.exit_code == 2
    assert "unparsable published date" in " ".join(result.output.split())


def test_csv_without_text_column(cli, tmp_path: Path, db_path: str) -> None:
    (tmp_path / "t.csv").write_text("id,title,body_html\n1,a,b\n", encoding="utf-8")
    result = cli("ingest", _good(tmp_path), tmp_path / "t.csv", "--db", db_path, "--no-analyze")
    _check(result, db_path, "t.csv:1: CSV header has no 'text' column")


def test_huge_file_is_refused_not_loaded(cli, tmp_path: Path, db_path: str) -> None:
    big = tmp_path / "huge.txt"
    with open(big, "wb") as fh:
        fh.truncate(50 * 1024 * 1024)  # sparse: no need to write 50 MB
    result = cli("ingest", _good(tmp_path), big, "--db", db_path, "--no-analyze")
    _check(result, db_path, "huge.txt: file is 52.4 MB, over the 20 MB limit")


def test_missing_path(cli, tmp_path: Path, db_path: str) -> None:
    result = cli("ingest", _good(tmp_path), tmp_path / "nope.txt", "--db", db_path, "--no-analyze")
    _check(result, db_path, "nope.txt: no such file or directory")


def test_directory_with_thousands_of_files(cli, tmp_path: Path, db_path: str) -> None:
    root = tmp_path / "many"
    for d in range(20):
        sub = root / f"d{d:02d}"
        sub.mkdir(parents=True)
        for f in range(100):
            n = d * 100 + f
            (sub / f"{f:03d}.txt").write_text(
                f"Report number {n}: the council of district {n} met on Tuesday to discuss "
                f"road repairs, school budget line {n * 7} and a new bus route to stop {n * 3}.",
                encoding="utf-8")
    (root / "d05" / "050.txt").write_text("", encoding="utf-8")
    result = cli("ingest", root, "--db", db_path, "--no-analyze")
    _check(result, db_path, "050.txt: empty file", good=1999)


@pytest.mark.parametrize("payload, reason", [
    ("[1, 2, 3]", "expected a JSON object, got int"),
    ('{"id": "x", "text": 42}', "'text' must be a string"),
    ('{"id": "x", "text": "   "}', "empty 'text'"),
])
def test_json_shapes(cli, tmp_path: Path, db_path: str, payload: str, reason: str) -> None:
    (tmp_path / "odd.json").write_text(payload, encoding="utf-8")
    result = cli("ingest", _good(tmp_path), tmp_path / "odd.json", "--db", db_path, "--no-analyze")
    assert result.exit_code == 1
    assert reason in " ".join(result.output.split())
    assert len(doc_ids(db_path)) == 1
