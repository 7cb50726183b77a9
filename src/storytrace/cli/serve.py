"""storytrace serve: the web app and HTTP API over the store."""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Annotated

import typer

from storytrace.cli.common import DbOption, console, db_path, fail


def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option(help="Interface to bind (localhost by default).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="TCP port.")] = 8000,
    allow_ingest: Annotated[bool, typer.Option(
        "--allow-ingest", help="Accept POST /api/documents (needs a token).")] = False,
    token: Annotated[str | None, typer.Option(
        help="Token for POST /api/documents (env STORYTRACE_TOKEN; generated when absent).")] = None,
) -> None:
    """Start the web app (pages and JSON API at /api/, OpenAPI at /docs). Read-only unless
    --allow-ingest."""
    import uvicorn

    from storytrace.store.db import Store
    from storytrace.web.app import create_app
    from storytrace.web.settings import WebSettings

    path = db_path(db)
    if not Path(path).exists():
        fail(f"{path}: no such store (run `storytrace ingest` or `storytrace demo` first)")
    Store(path).close()  # migrate once with a writer; the app then opens read-only
    if allow_ingest:
        token = token or os.environ.get("STORYTRACE_TOKEN") or secrets.token_urlsafe(24)
        console.print(f"ingest enabled: POST /api/documents with 'Authorization: Bearer {token}'")
    app = create_app(WebSettings(db=path, allow_ingest=allow_ingest, token=token))
    if host not in ("127.0.0.1", "localhost", "::1"):
        console.print(f"[yellow]warning:[/] listening on {host}: the store is visible to your network")
    console.print(f"storytrace on http://{host}:{port}/  (store {path}; Ctrl-C to stop)")
    uvicorn.run(app, host=host, port=port, log_level="warning")
