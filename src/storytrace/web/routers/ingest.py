"""POST /api/documents: ingest over HTTP, only when the server was started with
``--allow-ingest`` and a token (sent as ``Authorization: Bearer <token>``)."""

from __future__ import annotations

import secrets
import threading
from typing import Annotated, Any

from fastapi import APIRouter, Body, Header, HTTPException

from storytrace.errors import InputError
from storytrace.ingest.run import Ingestor
from storytrace.ingest.sources import Defaults, RawDoc, record_doc
from storytrace.store.db import Store
from storytrace.web.deps import SettingsDep

router = APIRouter(prefix="/api", tags=["ingest"])
_write_lock = threading.Lock()  # one writer at a time: the pipeline writes, serialised
MAX_DOCUMENTS = 100


def _check_token(expected: str | None, authorization: str | None) -> None:
    given = (authorization or "").removeprefix("Bearer ").strip()
    if not expected or not secrets.compare_digest(given.encode(), expected.encode()):
        raise HTTPException(status_code=401, detail="missing or wrong token",
                            headers={"WWW-Authenticate": "Bearer"})


@router.post("/documents", status_code=201, summary="Ingest documents (needs --allow-ingest and a token)")
def post_documents(
    settings: SettingsDep,
    body: Annotated[dict[str, Any] | list[dict[str, Any]], Body(
        description="One record or a list: {id, title, text, published, source, url}.")],
    authorization: Annotated[str | None, Header()] = None,
) -> dict[str, Any]:
    if not settings.allow_ingest:
        raise HTTPException(status_code=403, detail="ingest is disabled (start with --allow-ingest)")
    _check_token(settings.token, authorization)
    records = body if isinstance(body, list) else [body]
    if not records or len(records) > MAX_DOCUMENTS:
        raise HTTPException(status_code=422, detail=f"send 1 to {MAX_DOCUMENTS} documents")
    items: list[RawDoc | InputError] = [record_doc(r, f"document {i}", Defaults())
                                        for i, r in enumerate(records, 1)]
    errors = [str(x) for x in items if isinstance(x, InputError)]
    if errors:
        raise HTTPException(status_code=422, detail="; ".join(errors))
    with _write_lock, Store(settings.db) as store:
        ingestor = Ingestor(store)
        report = ingestor.ingest_raw(items)
    return {"summary": report.as_dict(),
            "messages": [m for level, m in report.messages if level in ("error", "warning")]}
