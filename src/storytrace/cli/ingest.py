"""storytrace ingest / analyze."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer

from storytrace.cli.common import DbOption, console, err_console, errors_to_exit, open_store, progress, table
from storytrace.ingest.dates import parse_published
from storytrace.ingest.run import Ingestor, IngestReport, analyze_stored
from storytrace.ingest.sources import DEFAULT_MAX_BYTES, Defaults
from storytrace.store.db import Store

ModelOption = Annotated[
    str | None, typer.Option("--model", help="spaCy pipeline: sm (default) or md, or a package/path.")]
ActorsOption = Annotated[
    list[Path] | None, typer.Option("--actors", help="Extra actor dictionary (YAML); repeatable.",
                                    exists=True, dir_okay=False)]
LexiconOption = Annotated[
    list[Path] | None, typer.Option("--lexicon", help="Extra event lexicon (YAML); repeatable.",
                                    exists=True, dir_okay=False)]
WorkersOption = Annotated[
    int, typer.Option("--workers", "-j", min=0, help="Analyze in N worker processes (0: one per core); "
                                                     "the store is written by this process.")]


@contextmanager
def interrupted(store: Store) -> Iterator[None]:
    """Ctrl-C: say what the store holds (every document written so far is whole) and how to
    finish, then exit 130 like any interrupted command."""
    try:
        yield
    except KeyboardInterrupt:
        counts = dict(store.execute("SELECT status, count(*) FROM documents GROUP BY status").fetchall())
        pending = counts.get("stored", 0)
        todo = (f"; {pending} stored but not analyzed: `storytrace analyze --pending` finishes them"
                if pending else "")
        err_console.print(f"[yellow]interrupted:[/] the store holds {sum(counts.values())} whole documents "
                          f"({counts.get('analyzed', 0)} analyzed){todo}", highlight=False, soft_wrap=True)
        raise typer.Exit(130) from None


def make_analyzer(model: str | None, actors: list[Path] | None, lexicon: list[Path] | None,  # type: ignore[no-untyped-def]
                  workers: int = 1):
    from storytrace.nlp.analyze import Analyzer
    from storytrace.nlp.model import DEFAULT_MODEL
    from storytrace.nlp.parallel import resolve_workers
    from storytrace.nlp.resources import default_resources

    res = default_resources(model or DEFAULT_MODEL, tuple(actors or ()), tuple(lexicon or ()))
    with errors_to_exit():
        return Analyzer(res, workers=resolve_workers(workers))


def print_report(report: IngestReport, *, verbose: bool = False) -> None:
    for level, message in report.messages:
        if level == "error":
            err_console.print(f"[red]error:[/] {message}", highlight=False, soft_wrap=True)
        elif level == "warning":
            err_console.print(f"[yellow]warning:[/] {message}", highlight=False, soft_wrap=True)
        elif verbose:
            err_console.print(f"[dim]{message}[/]", highlight=False, soft_wrap=True)
    for doc_id, layer, message in report.analysis_errors:
        err_console.print(f"[yellow]warning:[/] {doc_id}: {layer} layer failed: {message}",
                          highlight=False, soft_wrap=True)
    counts = report.as_dict()
    console.print(table("ingest summary", list(counts), [list(counts.values())]))


def ingest(
    paths: Annotated[list[str], typer.Argument(
        help="Files (.txt .md .html .json .jsonl .csv), directories, '-' for stdin, or http(s) "
             "URLs of pages or RSS/Atom feeds.", show_default=False)],
    db: DbOption = None,
    published: Annotated[str | None, typer.Option(
        help="Publication date for documents that have none (ISO, e.g. 2024-11-01).")] = None,
    source: Annotated[str | None, typer.Option(help="Outlet name for documents that have none.")] = None,
    title: Annotated[str | None, typer.Option(help="Title for documents that have none.")] = None,
    analyze: Annotated[bool, typer.Option(
        "--analyze/--no-analyze", help="Run the extractors (default) or only store.")] = True,
    force: Annotated[bool, typer.Option(
        "--force", help="Re-analyze documents already stored with the same content.")] = False,
    max_size: Annotated[float, typer.Option(
        "--max-size", help="Largest single document, in MB.")] = DEFAULT_MAX_BYTES / 1e6,
    model: ModelOption = None,
    actors: ActorsOption = None,
    lexicon: LexiconOption = None,
    workers: WorkersOption = 1,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Also list duplicates.")] = False,
) -> None:
    """Read articles into the store and analyze them.

    Re-ingesting the same content adds nothing; near-duplicates (the same wire story with
    small edits) are stored and linked to the first copy. Exit code 0 only when every
    document was ingested.
    """
    try:
        default_published = parse_published(published) if published else None
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--published") from None
    defaults = Defaults(published=default_published, source=source, title=title,
                        max_bytes=int(max_size * 1e6))
    with open_store(db) as store, progress() as bar:
        task = bar.add_task("ingesting", total=None)

        def on_event(event: str, detail: str) -> None:
            if event in ("analyzed", "unchanged", "skipped", "failed") or (event == "read" and not analyze):
                bar.advance(task)

        analyzer = make_analyzer(model, actors, lexicon, workers) if analyze else None
        ingestor = Ingestor(store, analyze=analyze, force=force, analyzer=analyzer, progress=on_event)
        with errors_to_exit(), interrupted(store):
            report = ingestor.run(paths, defaults)
    print_report(report, verbose=verbose)
    if not report.ok:
        raise typer.Exit(1)


def analyze(
    db: DbOption = None,
    ids: Annotated[list[str] | None, typer.Option("--id", help="Only these document ids.")] = None,
    pending: Annotated[bool, typer.Option(
        "--pending", help="Only documents stored but not yet analyzed.")] = False,
    model: ModelOption = None,
    actors: ActorsOption = None,
    lexicon: LexiconOption = None,
    workers: WorkersOption = 1,
) -> None:
    """Re-run extraction on stored documents (after an upgrade, or with another model or
    dictionary)."""
    with open_store(db) as store:
        total = store.count("documents", "WHERE status IN ('stored','analyzed','failed')")
        analyzer = make_analyzer(model, actors, lexicon, workers)
        with progress(total) as bar, interrupted(store):
            task = bar.add_task("analyzing", total=total)
            report = analyze_stored(store, ids=ids, only_pending=pending, analyzer=analyzer,
                                    progress=lambda e, d: bar.advance(task))
    print_report(report)
    console.print(f"analyzed {report.ingested} documents")
