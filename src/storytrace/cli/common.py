"""Shared CLI pieces: the --db option, error mapping, progress bars, tables."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from storytrace.errors import StorytraceError
from storytrace.store.db import Store, default_db_path

# Piped or redirected output gets 120 columns (rich's default of 80 folds figures and names); a
# terminal's own width, or $COLUMNS, wins.
_WIDTH = None if sys.stdout.isatty() or os.environ.get("COLUMNS") else 120
console = Console(width=_WIDTH)
err_console = Console(stderr=True)
_NO_WRAP = {"date", "value", "doc", "id", "published", "type", "event", "category"}

DbOption = Annotated[
    str | None,
    typer.Option("--db", help="SQLite store file (env STORYTRACE_DB, default ./storytrace.db)",
                 show_default=False),
]
LimitOption = Annotated[int, typer.Option("--limit", "-n", min=1, help="Rows to show.")]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON lines instead of a table.")]


def db_path(db: str | None) -> str:
    return db or default_db_path()


@contextmanager
def open_store(db: str | None, *, readonly: bool = False) -> Iterator[Store]:
    try:
        store = Store(db_path(db), readonly=readonly)
    except StorytraceError as exc:
        fail(str(exc))
    try:
        yield store
    finally:
        store.close()


def fail(message: str, code: int = 1) -> typer.Exit:
    err_console.print(f"[bold red]error:[/] {message}", highlight=False, soft_wrap=True)
    raise typer.Exit(code)


@contextmanager
def errors_to_exit() -> Iterator[None]:
    try:
        yield
    except StorytraceError as exc:
        fail(str(exc))


def progress(total: int | None = None, *, transient: bool = False) -> Progress:
    columns: list[Any] = [SpinnerColumn(), TextColumn("[progress.description]{task.description}")]
    if total is not None:
        columns += [BarColumn(), MofNCompleteColumn()]
    else:
        columns += [TextColumn("{task.completed} done")]
    columns.append(TimeElapsedColumn())
    return Progress(*columns, console=err_console, transient=transient,
                    disable=not err_console.is_terminal)


def table(title: str | None, columns: Sequence[str], rows: Sequence[Sequence[Any]],
          *, caption: str | None = None) -> Table:
    t = Table(title=title, caption=caption, show_lines=False, header_style="bold")
    for c in columns:
        t.add_column(c, overflow="fold", no_wrap=c in _NO_WRAP)
    for r in rows:
        t.add_row(*("" if v is None else str(v) for v in r))
    return t


def print_json_lines(rows: Sequence[dict[str, Any]]) -> None:
    import json

    for r in rows:
        sys.stdout.write(json.dumps(r, ensure_ascii=False, default=str) + "\n")


def clip(text: str | None, width: int = 90) -> str:
    if not text:
        return ""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


Callback = Callable[..., None]
