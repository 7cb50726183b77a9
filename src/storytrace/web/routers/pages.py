"""Server-rendered pages. Each has a JSON twin under /api/ (linked with rel=alternate)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from storytrace import __version__
from storytrace.records import EVENT_TYPES
from storytrace.store import queries
from storytrace.store.queries import Page
from storytrace.web import highlight
from storytrace.web.deps import StoreDep

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=Path(__file__).resolve().parent.parent / "templates")
templates.env.globals["version"] = __version__
templates.env.globals["event_types"] = EVENT_TYPES


def page(request: Request, template: str, api: str | None = None, **context: Any) -> HTMLResponse:
    return templates.TemplateResponse(request, template, {"api": api, **context})


def error_page(request: Request, status: int, message: str) -> HTMLResponse:
    return templates.TemplateResponse(request, "error.html", {"status": status, "message": message},
                                      status_code=status)


@router.get("/", response_class=HTMLResponse)
def home(request: Request, store: StoreDep) -> HTMLResponse:
    return page(request, "home.html", "/api/stats", stats=queries.stats(store),
                documents=queries.documents(store, page=Page(limit=12), duplicates=False),
                actors=queries.actors(store, page=Page(limit=15)),
                events=queries.events(store, sort="-date", page=Page(limit=10)))


@router.get("/documents", response_class=HTMLResponse)
def documents(request: Request, store: StoreDep,
              q: Annotated[str | None, Query(max_length=500)] = None,
              source: Annotated[str | None, Query(max_length=200)] = None,
              offset: Annotated[int, Query(ge=0)] = 0) -> HTMLResponse:
    rows = queries.documents(store, q=q or None, source=source or None, page=Page(limit=50, offset=offset))
    return page(request, "documents.html", "/api/documents", rows=rows, q=q or "", source=source or "",
                offset=offset)


@router.get("/documents/{doc_id}", response_class=HTMLResponse)
def document(request: Request, store: StoreDep, doc_id: str) -> HTMLResponse:
    record = store.get_document(doc_id)
    if record is None:
        raise HTTPException(status_code=404, detail=f"no document {doc_id!r}")
    marked = highlight.render(record["text"], highlight.annotations(record))
    return page(request, "document.html", f"/api/documents/{doc_id}", doc=record, marked=marked)


@router.get("/actors", response_class=HTMLResponse)
def actors(request: Request, store: StoreDep, name: Annotated[str | None, Query(max_length=200)] = None,
           country: Annotated[str | None, Query(max_length=3)] = None) -> HTMLResponse:
    rows = queries.actors(store, name=name or None, country=country or None, page=Page(limit=200))
    return page(request, "actors.html", "/api/actors", rows=rows, name=name or "")


@router.get("/actors/{actor_id}", response_class=HTMLResponse)
def actor(request: Request, store: StoreDep, actor_id: str) -> HTMLResponse:
    summary = queries.actor_summary(store, actor_id)
    if summary is None:
        raise HTTPException(status_code=404, detail=f"no actor {actor_id!r}")
    many = Page(limit=100)
    return page(request, "actor.html", f"/api/actors/{actor_id}", actor=summary,
                quotes=queries.actor_quotes(store, actor_id, many),
                as_actor=queries.events(store, actor=actor_id, page=many),
                as_recipient=queries.events(store, recipient=actor_id, page=many),
                neighbours=queries.neighbours(store, actor_id),
                documents=queries.actor_documents(store, actor_id, Page(limit=30)))


@router.get("/quotes", response_class=HTMLResponse)
def quotes(request: Request, store: StoreDep,
           speaker: Annotated[str | None, Query(max_length=200)] = None) -> HTMLResponse:
    rows = queries.quotes(store, speaker=speaker or None, page=Page(limit=200))
    return page(request, "quotes.html", "/api/quotes", rows=rows, speaker=speaker or "")


@router.get("/claims", response_class=HTMLResponse)
def claims(request: Request, store: StoreDep,
           about: Annotated[str | None, Query(max_length=200)] = None) -> HTMLResponse:
    rows = queries.claims(store, about=about or None, page=Page(limit=200))
    return page(request, "claims.html", "/api/claims", rows=rows, about=about or "")


@router.get("/events", response_class=HTMLResponse)
def events(request: Request, store: StoreDep, type: Annotated[str | None, Query(max_length=20)] = None,
           actor: Annotated[str | None, Query(max_length=200)] = None) -> HTMLResponse:
    if type and type.upper() not in EVENT_TYPES:
        raise HTTPException(status_code=422, detail=f"unknown event type {type!r}")
    rows = queries.events(store, type=type or None, actor=actor or None, page=Page(limit=200))
    return page(request, "events.html", "/api/events", rows=rows, type=type or "", actor=actor or "")


@router.get("/map", response_class=HTMLResponse)
def map_page(request: Request, store: StoreDep) -> HTMLResponse:
    rows = [r for r in queries.places(store, page=Page(limit=500)) if r["lat"] is not None]
    return page(request, "map.html", "/api/places", places=rows)


@router.get("/search", response_class=HTMLResponse)
def search(request: Request, store: StoreDep,
           q: Annotated[str, Query(max_length=500)] = "") -> HTMLResponse:
    docs = queries.search(store, q, page=Page(limit=50)) if q.strip() else []
    found = queries.actors(store, name=q.strip(), page=Page(limit=20)) if q.strip() else []
    return page(request, "search.html", f"/api/search?q={q}", q=q, documents=docs, actors=found)
