"""The ``storytrace`` command. Verbs are thin: parse options, call one library function,
print a summary. Each verb group lives in its own module."""

from __future__ import annotations

import logging

import typer

from storytrace import __version__
from storytrace.cli import demo, export, ingest, query, serve
from storytrace.cli import stories as stories_cli

app = typer.Typer(
    name="storytrace",
    help="Turn news articles into sourced, structured facts: actors, quotes, claims, "
         "events, times and places, each linked to the sentence it came from.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="markdown",
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"storytrace {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                 help="Show the version and exit."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Only errors on stderr."),
) -> None:
    logging.basicConfig(level=logging.ERROR if quiet else logging.WARNING,
                        format="%(levelname)s: %(message)s")


app.command()(ingest.ingest)
app.command()(ingest.analyze)
app.command()(export.export)
app.command()(export.schema)
app.command()(query.stats)
app.command()(query.actors)
app.command()(query.quotes)
app.command()(query.claims)
app.command()(query.events)
app.command()(query.places)
app.command()(query.search)
app.command()(demo.demo)
app.command()(serve.serve)
app.command()(stories_cli.stories)
app.command()(stories_cli.track)
app.command()(stories_cli.timeline)
app.command()(stories_cli.network)
app.command()(stories_cli.brief)


def run() -> None:
    app()
