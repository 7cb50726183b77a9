"""FastAPI dependencies: the store (read-only per request) and the settings."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Query, Request

from storytrace.store.db import Store
from storytrace.store.queries import Page
from storytrace.web.settings import MAX_PAGE, WebSettings


def get_settings(request: Request) -> WebSettings:
    return request.app.state.settings  # type: ignore[no-any-return]


def get_store(settings: Annotated[WebSettings, Depends(get_settings)]) -> Iterator[Store]:
    """A read-only connection per request: the web reads, the pipeline writes."""
    store = Store(settings.db, readonly=True)
    try:
        yield store
    finally:
        store.close()


def get_page(limit: Annotated[int, Query(ge=1, le=MAX_PAGE, description="Page size.")] = 50,
             offset: Annotated[int, Query(ge=0, le=10_000_000, description="Rows to skip.")] = 0) -> Page:
    return Page(limit=limit, offset=offset)


StoreDep = Annotated[Store, Depends(get_store)]
PageDep = Annotated[Page, Depends(get_page)]
SettingsDep = Annotated[WebSettings, Depends(get_settings)]
