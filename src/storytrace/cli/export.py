"""storytrace export / schema."""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from storytrace.cli.common import DbOption, err_console, open_store, progress


class ExportFormat(str, Enum):
    jsonl = "jsonl"
    csv = "csv"
    plover = "plover"
    stories = "stories"


def export(
    db: DbOption = None,
    format: Annotated[ExportFormat, typer.Option(
        "--format", "-f", help="Output format.")] = ExportFormat.jsonl,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="Output file (csv: a directory). Default: standard output.")] = None,
    since: Annotated[str | None, typer.Option(help="Only documents published on or after DATE.")] = None,
    until: Annotated[str | None, typer.Option(help="Only documents published on or before DATE.")] = None,
    source: Annotated[str | None, typer.Option(help="Only documents from this outlet.")] = None,
    dyads: Annotated[bool, typer.Option(
        "--dyads", help="plover: one record per actor-recipient pair (as dyadic event data).")] = False,
) -> None:
    """Export the store. jsonl is the storytrace/1 contract (spec/EXPORT.md); csv writes one
    table per layer; plover writes PLOVER event records; stories writes doc -> story lines."""
    if dyads and format is not ExportFormat.plover:
        raise typer.BadParameter("only with --format plover", param_hint="--dyads")
    with open_store(db) as store:
        total = store.count("documents")
        if format is ExportFormat.csv:
            from storytrace.export.csv import write_csv

            directory = output or Path("storytrace-csv")
            with progress(total) as bar:
                task = bar.add_task("exporting", total=total)
                n = write_csv(store, directory, since=since, until=until, source=source,
                              on_doc=lambda _: bar.advance(task))
            err_console.print(f"wrote {n} documents as CSV tables to {directory}/")
            return
        out = open(output, "w", encoding="utf-8") if output else sys.stdout
        try:
            with progress(total) as bar:
                task = bar.add_task("exporting", total=total)
                if format is ExportFormat.jsonl:
                    from storytrace.export.jsonl import write_jsonl

                    n = write_jsonl(store, out, since=since, until=until, source=source,
                                    on_doc=lambda _: bar.advance(task))
                    what = "documents"
                elif format is ExportFormat.plover:
                    from storytrace.export.plover import write_plover

                    n = write_plover(store, out, since=since, until=until, source=source,
                                     on_doc=lambda _: bar.advance(task), dyadic=dyads)
                    what = "events"
                else:
                    from storytrace.export.stories import write_stories

                    n = write_stories(store, out, since=since, until=until, source=source)
                    what = "documents"
        finally:
            if output:
                out.close()
        if output:
            err_console.print(f"wrote {n} {what} to {output}")


def schema(
    layer: Annotated[str | None, typer.Argument(
        help="Only one record type: Document (default), Actor, Quote, Claim, Event, Time, Place.")] = None,
) -> None:
    """Print the JSON Schema of the export records."""
    from storytrace import records

    if layer is None:
        data = records.json_schema()
    else:
        model = getattr(records, layer.capitalize() if layer.islower() else layer, None)
        if not isinstance(model, type) or not issubclass(model, records.Record):
            raise typer.BadParameter(f"unknown record type {layer!r}")
        data = model.model_json_schema()
    sys.stdout.write(json.dumps(data, indent=2) + "\n")
