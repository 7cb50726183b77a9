"""Web app settings: one object, created by ``storytrace serve`` or the tests."""

from __future__ import annotations

from dataclasses import dataclass

MAX_BODY_BYTES = 5_000_000  # largest request body accepted (POST /api/documents)
MAX_PAGE = 500  # largest page size of a list endpoint


@dataclass(frozen=True)
class WebSettings:
    db: str
    allow_ingest: bool = False
    token: str | None = None  # required for POST /api/documents when ingest is allowed
    title: str = "storytrace"
