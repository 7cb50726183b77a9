"""JSON API under /api/ (OpenAPI at /openapi.json, docs at /docs). Every list takes
``limit``/``offset`` and ``format=csv`` for a CSV download."""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from fastapi import APIRouter, HTTPException, Query

from storytrace.records import EVENT_TYPES
from storytrace.store import queries
from storytrace.web.deps import PageDep, StoreDep
from storytrace.web.responses import Format, listing

router = APIRouter(prefix="/api", tags=["api"])

DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"
DateQ = Annotated[str | None, Query(pattern=DATE, description="ISO date (YYYY, YYYY-MM or YYYY-MM-DD).")]
FormatQ = Annotated[Format, Query(description="json (default) or csv.")]
DateSortQ = Annotated[Literal["date", "-date"],
                      Query(description="date: oldest first (default); -date: newest first.")]
ISO3 = Annotated[str | None, Query(pattern=r"^[A-Za-z]{3}$", description="ISO 3166-1 alpha-3 code.")]
CATEGORIES = ("troops", "killed", "injured", "arrested", "displaced", "money", "weapons", "people", "other")
KINDS = ("country", "person", "organization", "group", "igo")


def _not_found(what: str, key: str) -> HTTPException:
    return HTTPException(status_code=404, detail=f"no {what} {key!r}")


@router.get("/stats", summary="Counts per layer")
def stats(store: StoreDep) -> dict[str, Any]:
    return queries.stats(store)


@router.get("/documents", summary="Documents (full-text search and filters)")
def documents(store: StoreDep, page: PageDep,
              q: Annotated[str | None, Query(max_length=500, description="Full-text query.")] = None,
              since: DateQ = None, until: DateQ = None,
              source: Annotated[str | None, Query(max_length=200)] = None,
              story: Annotated[str | None, Query(max_length=40, description="Story id.")] = None,
              sort: Annotated[Literal[tuple(queries.DOC_SORTS)], Query()] = "-published",  # type: ignore[valid-type]
              format: FormatQ = "json") -> Any:
    ids = None
    if story is not None:
        from storytrace.web.routers.stories import story_ids

        ids = story_ids(store, story)
    rows = queries.documents(store, q=q, since=since, until=until, source=source, ids=ids, sort=sort,
                             page=page)
    return listing(rows, page, format, "documents")


@router.get("/documents/{doc_id}", summary="One document with all its layers")
def document(store: StoreDep, doc_id: str) -> dict[str, Any]:
    record = store.get_document(doc_id)
    if record is None:
        raise _not_found("document", doc_id)
    return record


@router.get("/actors", summary="Actors with mention counts")
def actors(store: StoreDep, page: PageDep, country: ISO3 = None,
           kind: Annotated[Literal[KINDS] | None, Query()] = None,  # type: ignore[valid-type]
           name: Annotated[str | None, Query(max_length=200)] = None,
           sort: Annotated[Literal[tuple(queries.ACTOR_SORTS)], Query()] = "-mentions",  # type: ignore[valid-type]
           format: FormatQ = "json") -> Any:
    rows = queries.actors(store, country=country, kind=kind, name=name, sort=sort, page=page)
    return listing(rows, page, format, "actors")


@router.get("/actors/{actor_id}", summary="One actor: quotes, events, neighbours, documents")
def actor(store: StoreDep, actor_id: str) -> dict[str, Any]:
    summary = queries.actor_summary(store, actor_id)
    if summary is None:
        raise _not_found("actor", actor_id)
    page = queries.Page(limit=100)
    return {
        **summary,
        "quotes": queries.actor_quotes(store, actor_id, page),
        "events_as_actor": queries.events(store, actor=actor_id, page=page),
        "events_as_recipient": queries.events(store, recipient=actor_id, page=page),
        "neighbours": queries.neighbours(store, actor_id),
        "recent_documents": queries.actor_documents(store, actor_id, page),
    }


@router.get("/quotes", summary="Quotes with speaker, date and outlet")
def quotes(store: StoreDep, page: PageDep, speaker: Annotated[str | None, Query(max_length=200)] = None,
           since: DateQ = None, until: DateQ = None,
           doc: Annotated[str | None, Query(max_length=200, description="Document id.")] = None,
           sort: DateSortQ = "date", format: FormatQ = "json") -> Any:
    rows = queries.quotes(store, speaker=speaker, since=since, until=until, doc_id=doc, sort=sort, page=page)
    return listing(rows, page, format, "quotes")


@router.get("/claims", summary="Numeric claims with source")
def claims(store: StoreDep, page: PageDep,
           category: Annotated[Literal[CATEGORIES] | None, Query()] = None,  # type: ignore[valid-type]
           about: Annotated[str | None, Query(max_length=200)] = None, since: DateQ = None,
           until: DateQ = None, doc: Annotated[str | None, Query(max_length=200)] = None,
           sort: DateSortQ = "date", format: FormatQ = "json") -> Any:
    rows = queries.claims(store, category=category, about=about, since=since, until=until, doc_id=doc,
                          sort=sort, page=page)
    return listing(rows, page, format, "claims")


@router.get("/events", summary="PLOVER events")
def events(store: StoreDep, page: PageDep,
           type: Annotated[str | None, Query(description="PLOVER type, e.g. ASSAULT.")] = None,
           actor: Annotated[str | None, Query(max_length=200)] = None,
           recipient: Annotated[str | None, Query(max_length=200)] = None,
           since: DateQ = None, until: DateQ = None, doc: Annotated[str | None, Query(max_length=200)] = None,
           sort: DateSortQ = "date", format: FormatQ = "json") -> Any:
    if type is not None and type.upper() not in EVENT_TYPES:
        raise HTTPException(status_code=422, detail=f"unknown event type {type!r}; one of "
                                                    f"{', '.join(EVENT_TYPES)}")
    rows = queries.events(store, type=type, actor=actor, recipient=recipient, since=since, until=until,
                          doc_id=doc, sort=sort, page=page)
    return listing(rows, page, format, "events")


@router.get("/places", summary="Places with counts and coordinates")
def places(store: StoreDep, page: PageDep, country: ISO3 = None, format: FormatQ = "json") -> Any:
    return listing(queries.places(store, country=country, page=page), page, format, "places")


@router.get("/sources", summary="Outlets with document counts")
def sources(store: StoreDep) -> list[dict[str, Any]]:
    return queries.sources(store)


@router.get("/search", summary="Search documents (full text) and actors (by name)")
def search(store: StoreDep, page: PageDep,
           q: Annotated[str, Query(min_length=1, max_length=500)]) -> dict[str, Any]:
    word = re.sub(r"\s+", " ", q).strip()
    return {"documents": queries.search(store, q, page=page),
            "actors": queries.actors(store, name=word, page=queries.Page(limit=10))}
