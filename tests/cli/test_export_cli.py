"""export --format csv, schema, and the query commands on a small analyzed store."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from storytrace.cli.app import app
from storytrace.records import Document, json_schema

runner = CliRunner()

TEXTS = [
    ("n1", "2024-11-01", "Russian Foreign Minister Sergei Lavrov met North Korea's foreign minister, "
     "Choe Son Hui, in Moscow on Friday. The two sides discussed military cooperation, officials said."),
    ("n2", "2024-11-05", "Ukraine's president said up to 11,000 North Korean soldiers were in the Kursk "
     "region. \"We are watching every camp,\" he told reporters in Kyiv on Tuesday."),
]


@pytest.fixture(scope="module")
def analyzed_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    tmp = tmp_path_factory.mktemp("cli")
    src = tmp / "in.jsonl"
    src.write_text("\n".join(json.dumps({"id": i, "text": t, "published": p, "source": "Wire"})
                             for i, p, t in TEXTS) + "\n", encoding="utf-8")
    db = str(tmp / "s.db")
    result = runner.invoke(app, ["ingest", str(src), "--db", db])
    assert result.exit_code == 0, result.output
    return db


def test_export_csv_tables(analyzed_db: str, tmp_path: Path) -> None:
    result = runner.invoke(app, ["export", "--db", analyzed_db, "--format", "csv", "-o", str(tmp_path / "t")])
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in (tmp_path / "t").iterdir())
    assert names == ["actors.csv", "claims.csv", "documents.csv", "events.csv", "places.csv",
                     "quotes.csv", "times.csv"]
    with open(tmp_path / "t" / "documents.csv", encoding="utf-8") as fh:
        assert [r["id"] for r in csv.DictReader(fh)] == ["n1", "n2"]
    with open(tmp_path / "t" / "actors.csv", encoding="utf-8") as fh:
        actors = list(csv.DictReader(fh))
    assert actors and all(r["doc_id"] in ("n1", "n2") and r["mentions"] for r in actors)


def test_export_jsonl_filters(analyzed_db: str, tmp_path: Path) -> None:
    out = tmp_path / "o.jsonl"
    result = runner.invoke(app, ["export", "--db", analyzed_db, "--since", "2024-11-03", "-o", str(out)])
    assert result.exit_code == 0, result.output
    docs = [Document.model_validate(json.loads(x)) for x in out.read_text(encoding="utf-8").splitlines()]
    assert [d.id for d in docs] == ["n2"]


def test_schema_prints_the_document_json_schema() -> None:
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    schema = json.loads(result.output)
    assert schema["properties"].keys() == json_schema()["properties"].keys()
    for layer in ("actors", "quotes", "claims", "events", "times", "places"):
        assert layer in schema["properties"]
    quote = json.loads(runner.invoke(app, ["schema", "Quote"]).output)
    assert set(quote["required"]) >= {"text", "kind", "span"}
    assert runner.invoke(app, ["schema", "Nope"]).exit_code == 2


@pytest.mark.parametrize("verb", ["stats", "actors", "quotes", "claims", "events", "places"])
def test_query_commands_run(analyzed_db: str, verb: str) -> None:
    result = runner.invoke(app, [verb, "--db", analyzed_db])
    assert result.exit_code == 0, result.output
    as_json = runner.invoke(app, [verb, "--db", analyzed_db, "--json"])
    assert as_json.exit_code == 0
    for line in as_json.output.splitlines():
        json.loads(line)


def test_search_finds_words(analyzed_db: str) -> None:
    result = runner.invoke(app, ["search", "Lavrov Moscow", "--db", analyzed_db, "--json"])
    hits = [json.loads(x) for x in result.output.splitlines()]
    assert [h["id"] for h in hits] == ["n1"]
    odd = runner.invoke(app, ["search", 'AND OR "NEAR(', "--db", analyzed_db])
    assert odd.exit_code == 0  # user text is never parsed as FTS syntax


def test_missing_store_is_a_clear_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["stats", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1
    assert "no such store" in result.output


def test_every_command_has_help() -> None:
    top = runner.invoke(app, ["--help"])
    assert top.exit_code == 0
    import typer.main

    group = typer.main.get_command(app)
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        assert command.help, f"{name} has no help text"
        result = runner.invoke(app, [name, "--help"])
        assert result.exit_code == 0, name
