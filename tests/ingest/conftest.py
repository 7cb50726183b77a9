"""Helpers for ingest tests: run the real CLI in-process and look into the store."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from storytrace.cli.app import app

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"

ARTICLE_A = (
    "North Korea has moved several thousand soldiers to Russia's Kursk region, Ukrainian military "
    "intelligence said on Monday, adding that more units were training near Vladivostok. "
    "Officials in Seoul said they were monitoring the deployment closely and would consult "
    "allies on a response."
)
ARTICLE_B = (
    "A Russian missile struck a grain terminal in the port of Odesa overnight, wounding four "
    "workers and destroying a warehouse, the regional governor said on Wednesday. "
    "Ukraine's foreign ministry called the attack a deliberate blow against food exports."
)
ARTICLE_C = (
    "Finance ministers from the Group of Seven agreed on Friday to keep sanctions on Russian "
    "central bank assets in place until the war ends, according to a joint statement released "
    "after two days of talks in the Italian town of Stresa."
)


@pytest.fixture
def cli() -> Callable[..., object]:
    runner = CliRunner()

    def run(*args: str, input: str | bytes | None = None):  # type: ignore[no-untyped-def]
        return runner.invoke(app, [str(a) for a in args], input=input, catch_exceptions=False)

    return run


def rows(db: str, sql: str, params: tuple = ()) -> list[tuple]:  # type: ignore[type-arg]
    with sqlite3.connect(db) as conn:
        return conn.execute(sql, params).fetchall()


def doc_ids(db: str) -> list[str]:
    return [r[0] for r in rows(db, "SELECT id FROM documents ORDER BY rowid")]
