"""Stories, timeline, network and tracked figures: JSON under /api/ and their pages."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response

from storytrace.store import queries
from storytrace.store.db import Store
from storytrace.stories import network as NW
from storytrace.stories import queries as SQ
from storytrace.stories import timeline as TL
from storytrace.stories import track as TR
from storytrace.web.deps import PageDep, StoreDep
from storytrace.web.responses import Format, csv_response, listing
from storytrace.web.routers.api import DateQ
from storytrace.web.routers.pages import page

api = APIRouter(prefix="/api", tags=["stories"])
html = APIRouter(include_in_schema=False)

StoryQ = Annotated[str | None, Query(max_length=40, description="Story id (see /api/stories).")]


def scope_of(store: Store, story: str | None, since: str | None = None, until: str | None = None) -> SQ.Scope:
    sid = None
    if story is not None:
        try:
            sid = SQ.parse_story_id(story)
        except SQ.UnknownStory as exc:
            raise HTTPException(status_code=422, detail=str(exc)) from None
    scope = SQ.Scope(story=sid, since=since, until=until)
    try:
        SQ.check(store, scope)
    except SQ.UnknownStory as exc:
        raise HTTPException(status_code=404, detail=str(exc)) from None
    return scope


def story_ids(store: Store, story: str) -> list[str]:
    scope = scope_of(store, story)
    assert scope.story is not None
    return [d["id"] for d in SQ.story_documents(store, scope.story)]


# ------------------------------------------------------------------ API
@api.get("/stories", summary="Stories, most recent first")
def list_stories(store: StoreDep, page_: PageDep, since: DateQ = None,
                 order: Annotated[str, Query(pattern="^(recent|size)$")] = "recent",
                 min_documents: Annotated[int, Query(ge=1, le=10_000)] = 1,
                 format: Annotated[Format, Query()] = "json") -> Any:
    rows = SQ.list_stories(store, limit=page_.limit + page_.offset, since=since, order=order,
                           min_documents=min_documents)[page_.offset:]
    return listing([s.as_dict() for s in rows], page_, format, "stories")


@api.get("/stories/{story_id}", summary="One story: documents, timeline, tracked figures")
def get_story(store: StoreDep, story_id: str) -> dict[str, Any]:
    scope = scope_of(store, story_id)
    assert scope.story is not None
    info = SQ.get_story(store, scope.story)
    return {**info.as_dict(), "documents_list": SQ.story_documents(store, scope.story),
            "timeline": [e.as_dict() for e in TL.timeline(store, scope)],
            "figures": [f.as_dict() for f in TR.figures(store, scope)]}


@api.get("/timeline", summary="Events in date order (the same event from several outlets once)")
def timeline(store: StoreDep, story: StoryQ = None, since: DateQ = None, until: DateQ = None,
             format: Annotated[Format, Query()] = "json") -> Any:
    rows = [e.as_dict() for e in TL.timeline(store, scope_of(store, story, since, until))]
    if format == "csv":
        return csv_response(rows, "timeline")
    return {"items": rows, "count": len(rows)}


@api.get("/network", summary="Actor-actor network (edges by PLOVER type, weighted)")
def network(store: StoreDep, story: StoryQ = None, since: DateQ = None, until: DateQ = None,
            format: Annotated[str, Query(pattern="^(json|graphml)$")] = "json") -> Any:
    g = NW.network(store, scope_of(store, story, since, until))
    if format == "graphml":
        import io

        import networkx as nx

        buf = io.BytesIO()
        nx.write_graphml(NW.for_graphml(g), buf)
        return Response(buf.getvalue(), media_type="application/graphml+xml",
                        headers={"Content-Disposition": 'attachment; filename="network.graphml"'})
    return NW.to_json(g)


@api.get("/figures", summary="Tracked figures: one quantity's values over time, by source")
def figures(store: StoreDep, page_: PageDep,
            q: Annotated[str | None, Query(max_length=200, description="What is counted.")] = None,
            story: StoryQ = None, since: DateQ = None, until: DateQ = None,
            format: Annotated[Format, Query()] = "json") -> Any:
    scope = scope_of(store, story, since, until)
    found = TR.find(store, q, scope) if q else TR.figures(store, scope)
    rows = [f.as_dict() for f in found][page_.offset:page_.offset + page_.limit]
    if format == "csv":
        flat = [{"figure": f["label"], **o} for f in rows for o in f["observations"]]
        return csv_response(flat, "figures")
    return listing(rows, page_, "json", "figures")


# ------------------------------------------------------------------ pages
@html.get("/stories", response_class=HTMLResponse)
def stories_page(request: Request, store: StoreDep) -> HTMLResponse:
    return page(request, "stories.html", "/api/stories", stories=SQ.list_stories(store, limit=200))


@html.get("/stories/{story_id}", response_class=HTMLResponse)
def story_page(request: Request, store: StoreDep, story_id: str) -> HTMLResponse:
    scope = scope_of(store, story_id)
    assert scope.story is not None
    info = SQ.get_story(store, scope.story)
    docs = SQ.story_documents(store, scope.story)
    quotes = [q for q in queries.quotes(store, page=queries.Page(limit=500))
              if q["doc_id"] in {d["id"] for d in docs}]
    return page(request, "story.html", f"/api/stories/{scope.story}", story=info, documents=docs,
                timeline=TL.timeline(store, scope), figures=TR.figures(store, scope)[:8],
                quotes=[q for q in quotes if q["speaker_id"]][:12])


@html.get("/figures", response_class=HTMLResponse)
def figures_page(request: Request, store: StoreDep,
                 q: Annotated[str, Query(max_length=200)] = "", story: StoryQ = None) -> HTMLResponse:
    scope = scope_of(store, story or None)
    found = TR.find(store, q, scope) if q.strip() else TR.figures(store, scope)
    found = [f for f in found if len(f.observations) >= (1 if q.strip() else 2)][:10]
    return page(request, "figures.html", f"/api/figures?q={q}", q=q, figures=found,
                data=[f.as_dict() for f in found])
