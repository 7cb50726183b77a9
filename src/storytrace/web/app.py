"""The analyst's web app: a FastAPI app over the SQLite store (read-only by default).

JSON API under /api/, server-rendered pages elsewhere, all assets served locally.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Receive, Scope, Send

from storytrace import __version__
from storytrace.errors import StoreError
from storytrace.web.settings import MAX_BODY_BYTES, WebSettings

log = logging.getLogger(__name__)
HERE = Path(__file__).resolve().parent


class BodyLimit:
    """Refuse request bodies over ``limit`` bytes (413) before reading them."""

    def __init__(self, app: ASGIApp, limit: int = MAX_BODY_BYTES):
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = dict(scope.get("headers") or []).get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.limit):
            response = JSONResponse({"error": {"status": 413, "message":
                                               f"request body over {self.limit} bytes"}}, status_code=413)
            await response(scope, receive, send)
            return
        seen = 0

        async def limited() -> Any:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise _TooLarge()
            return message

        try:
            await self.app(scope, limited, send)
        except _TooLarge:
            response = JSONResponse({"error": {"status": 413, "message":
                                               f"request body over {self.limit} bytes"}}, status_code=413)
            await response(scope, receive, send)


class _TooLarge(Exception):
    pass


def _wants_html(request: Request) -> bool:
    return not request.url.path.startswith("/api/") and "text/html" in request.headers.get("accept", "")


def create_app(settings: WebSettings) -> FastAPI:
    app = FastAPI(title="storytrace", version=__version__,
                  description="Sourced, structured facts from news: documents, actors, quotes, claims, "
                              "events, stories, places. Every record links to its sentence.")
    app.state.settings = settings

    from storytrace.web.routers import api, ingest, pages, stories

    app.include_router(api.router)
    app.include_router(stories.api)
    app.include_router(ingest.router)
    app.include_router(pages.router)
    app.include_router(stories.html)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.add_middleware(BodyLimit)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Any:
        if _wants_html(request):
            return pages.error_page(request, exc.status_code, str(exc.detail))
        return JSONResponse({"error": {"status": exc.status_code, "message": str(exc.detail)}},
                            status_code=exc.status_code, headers=getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Any:
        problems = [{"where": ".".join(str(p) for p in e.get("loc", ())), "message": e.get("msg")}
                    for e in exc.errors()]
        message = "; ".join(f"{p['where']}: {p['message']}" for p in problems)
        if _wants_html(request):
            return pages.error_page(request, 422, message)
        return JSONResponse({"error": {"status": 422, "message": message, "details": problems}},
                            status_code=422)

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError) -> Any:
        log.error("store error: %s", exc)
        return JSONResponse({"error": {"status": 503, "message": "the store is not available"}},
                            status_code=503)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Any:
        log.exception("unhandled error on %s", request.url.path)  # the trace stays in the server log
        if _wants_html(request):
            return HTMLResponse("<h1>Internal error</h1><p>The error was logged.</p>", status_code=500)
        return JSONResponse({"error": {"status": 500, "message": "internal error (logged on the server)"}},
                            status_code=500)

    return app
