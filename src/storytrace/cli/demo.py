"""storytrace demo: ingest the built-in demo corpus and show what was found."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Annotated

import typer

from storytrace.cli.common import console, open_store
from storytrace.cli.ingest import make_analyzer, print_report
from storytrace.ingest.run import Ingestor

DEMO_DB = "demo.db"


def demo_corpus_path() -> Path:
    return Path(str(resources.files("storytrace.demo").joinpath("articles.jsonl")))


def demo(
    db: Annotated[str, typer.Option("--db", help="Store to create or update.")] = DEMO_DB,
    model: Annotated[str | None, typer.Option("--model", help="spaCy pipeline: sm or md.")] = None,
) -> None:
    """Ingest the built-in demo corpus (articles written by the project on North Korea's
    military support to Russia, Oct 2024 - Jun 2025) and print what was found."""
    path = demo_corpus_path()
    console.rule("[bold]storytrace demo")
    console.print(f"corpus: {path}\nstore:  {db}")
    with open_store(db) as store:
        ingestor = Ingestor(store, analyzer=make_analyzer(model, None, None))
        report = ingestor.run([str(path)])
        print_report(report)
        from storytrace.cli.query import actors, claims, events, quotes, stats

    stats(db=db)
    actors(db=db, limit=12)
    quotes(db=db, limit=8)
    claims(db=db, limit=10)
    events(db=db, limit=12)
    from storytrace.cli.stories import demo_epilogue

    demo_epilogue(db)  # the briefing summary and the tracked troop figure
    if not report.ok:
        raise typer.Exit(1)
