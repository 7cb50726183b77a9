"""storytrace stories / track / timeline / network / brief: follow a story across outlets."""

from __future__ import annotations

import json as jsonlib
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from storytrace.cli.common import (
    DbOption,
    JsonOption,
    LimitOption,
    clip,
    console,
    db_path,
    err_console,
    fail,
    print_json_lines,
    table,
)
from storytrace.errors import StorytraceError
from storytrace.store.db import Store
from storytrace.stories.queries import Scope, parse_story_id

StoryOption = Annotated[str | None, typer.Option(
    "--story", "-s", help="A story id (see `storytrace stories`).")]
SinceOption = Annotated[str | None, typer.Option(help="Only documents published on or after DATE (ISO).")]
UntilOption = Annotated[str | None, typer.Option(help="Only documents published on or before DATE (ISO).")]
OutputOption = Annotated[Path | None, typer.Option(
    "--output", "-o", help="Write here instead of standard output.")]


@contextmanager
def _store(db: str | None) -> Iterator[Store]:
    """The store, writable when possible (documents without a story are assigned first)."""
    path = db_path(db)
    if path != ":memory:" and not Path(path).exists():
        fail(f"{path}: no such store (run `storytrace ingest` first)")
    try:
        try:
            store = Store(path)
        except StorytraceError:
            store = Store(path, readonly=True)
    except StorytraceError as exc:
        fail(str(exc))
    try:
        from storytrace.stories.queries import ensure_assigned

        ensure_assigned(store)
        yield store
    except StorytraceError as exc:
        fail(str(exc))
    finally:
        store.close()


def _scope(story: str | None, since: str | None, until: str | None) -> Scope:
    try:
        sid = parse_story_id(story) if story is not None else None
    except StorytraceError as exc:
        raise typer.BadParameter(str(exc), param_hint="--story") from None
    return Scope(story=sid, since=since, until=until)


def _write(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text)
    else:
        output.write_text(text, encoding="utf-8")
        err_console.print(f"wrote {output}")


class Order(str, Enum):
    recent = "recent"
    size = "size"


def stories(
    db: DbOption = None,
    story: StoryOption = None,
    limit: LimitOption = 30,
    min_docs: Annotated[int, typer.Option(
        "--min-docs", min=1, help="Only stories with at least this many documents.")] = 1,
    order: Annotated[Order, typer.Option(help="recent: latest first; size: largest first.")] = Order.recent,
    since: SinceOption = None,
    rebuild: Annotated[bool, typer.Option(
        "--rebuild", help="Forget all stories and group every document again (in ingest order).")] = False,
    json: JsonOption = False,
) -> None:
    """List stories: documents grouped into developing stories as they arrive.

    Each story has an id, a title, its date span, size, outlets and key actors. With --story,
    the documents of one story and how each joined it."""
    from storytrace.stories import queries as Q
    from storytrace.stories.cluster import assign_pending, reset

    with _store(db) as store:
        if rebuild:
            if store.readonly:
                fail("the store is read-only: cannot rebuild stories")
            reset(store)
            n = assign_pending(store)
            err_console.print(f"grouped {n} documents again")
        if story is not None:
            sid = _scope(story, None, None).story
            assert sid is not None
            info = Q.get_story(store, sid)
            docs = Q.story_documents(store, sid)
            if json:
                print_json_lines([{**info.as_dict(), "documents_list": docs}])
                return
            console.print(f"[bold]story {info.id}[/]: {info.title}", highlight=False)
            console.print(f"{info.first or '?'} … {info.last or '?'}; {info.documents} documents from "
                          f"{info.outlets} outlets; key actors: "
                          f"{', '.join(a['name'] for a in info.actors) or '-'}", highlight=False)
            console.print(table(None, ["published", "outlet", "id", "title", "how"],
                                [[d["published"], d["source"], d["id"], clip(d["title"], 70), _how(d, gap)]
                                 for d, gap in zip(docs, _gaps(docs), strict=True)]))
            return
        rows = Q.list_stories(store, limit=limit, min_documents=min_docs, since=since, order=order.value)
    if json:
        print_json_lines([r.as_dict() for r in rows])
        return
    console.print(table("stories", ["id", "dates", "docs", "outlets", "title", "key actors"],
                        [[r.id, _dates(r.first, r.last), r.documents, r.outlets, clip(r.title, 70),
                          ", ".join(a["name"] for a in r.actors[:3])] for r in rows],
                        caption="storytrace stories --story ID lists a story's documents"))


def _how(d: dict, gap: int | None = None) -> str:  # type: ignore[type-arg]
    """How a document joined its story: new, similar (with its score; "continued" when it came
    weeks after the story's previous article) or duplicate."""
    if d["method"] == "similar" and d["score"] is not None:
        if gap is not None and gap > 7:
            return f"continued {d['score']:.2f} after {gap} days"
        return f"similar {d['score']:.2f}"
    return str(d["method"])


def _gaps(docs: list[dict]) -> list[int | None]:  # type: ignore[type-arg]
    """Days from the latest earlier-published member of the story (None for the first, or undated)."""
    from storytrace.ingest.dates import published_date

    out: list[int | None] = []
    last = None
    for d in docs:
        day = published_date(d["published"])
        out.append((day - last).days if day and last else None)
        if day and (last is None or day > last):
            last = day
    return out


def _dates(first: str | None, last: str | None) -> str:
    if not first:
        return "?"
    return first[:10] if not last or last[:10] == first[:10] else f"{first[:10]} … {last[:10]}"


def track(
    query: Annotated[str, typer.Argument(help='What is counted, e.g. "North Korean troops".')],
    db: DbOption = None,
    story: StoryOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    png: Annotated[Path | None, typer.Option("--png", help="Also draw the chart to this PNG file.")] = None,
    chart: Annotated[bool, typer.Option("--chart/--no-chart", help="Print a terminal chart.")] = True,
    all_: Annotated[bool, typer.Option(
        "--all", help="Show every matching figure, not only the best.")] = False,
    json: JsonOption = False,
) -> None:
    """Track a figure across sources, e.g. storytrace track "North Korean troops".

    Prints its values over time with source, outlet and date, as a table and a chart.
    Conflicts (two sources give values that cannot both hold for the same time: the same day,
    give or take one, or the same stated period), revisions (a source updates its own figure),
    increments ("3,000 more") and plans or forecasts are flagged; a figure repeated by other
    outlets counts once per original source."""
    from storytrace.stories import chart as C
    from storytrace.stories import track as TR

    with _store(db) as store:
        found = TR.find(store, query, _scope(story, since, until))
    if not found:
        fail(f"no claims about {query!r} (try fewer words, or `storytrace claims` to see what was found)")
    shown = found if all_ else found[:1]
    if json:
        print_json_lines([f.as_dict() for f in shown])
        return
    for f in shown:
        print_figure(f, chart=chart)
    if not all_ and len(found) > 1:
        others = "; ".join(f"{g.label} ({g.category})" for g in found[1:4])
        err_console.print(f"[dim]{len(found) - 1} other matching figure(s): {others} (--all shows them)[/]",
                          highlight=False)
    if png is not None:
        C.png(shown[0], png)
        err_console.print(f"wrote {png}")


def print_figure(f, chart: bool = True) -> None:  # type: ignore[no-untyped-def]
    from storytrace.stories import chart as C

    n = len(f.sources)
    k = len(f.observations)
    console.print(f"[bold]{f.label}[/] ({f.category}): {f.range_text()} from {n} source{_s(n)}, "
                  f"{k} distinct report{_s(k)} of {f.claims} claim{_s(f.claims)}", highlight=False)
    console.print(table(None, ["date", "value", "source", "outlet", "doc", "notes"],
                        [[o.date, o.value, o.source, o.outlet, o.doc_id, _notes(o)] for o in f.observations]))
    for r in f.revisions:
        console.print(f"  revision: {r.source} {r.direction} from {r.before.value} ({r.before.date}) to "
                      f"{r.after.value} ({r.after.date})", highlight=False, markup=False, soft_wrap=True)
    for c in f.conflicts:
        console.print(f"  conflict: {c.a.source} {c.a.value} ({c.a.date}) vs {c.b.source} {c.b.value} "
                      f"({c.b.date})", highlight=False, markup=False, soft_wrap=True)
    if chart:
        console.print(C.terminal(f), highlight=False, markup=False, soft_wrap=True)


def _s(n: int) -> str:
    return "" if n == 1 else "s"


def _notes(o) -> str:  # type: ignore[no-untyped-def]
    notes = list(o.flags)
    if o.repeats:
        notes.append(f"repeated ×{len(o.repeats)}")
    if o.stance and o.stance not in ("asserted", "reported"):
        notes.append(o.stance)
    return ", ".join(dict.fromkeys(notes))


def timeline(
    db: DbOption = None,
    story: StoryOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    limit: LimitOption = 100,
    all_: Annotated[bool, typer.Option("--all", help="Also negated and hypothetical events.")] = False,
    json: JsonOption = False,
) -> None:
    """List events in date order (the same event from several outlets listed once)."""
    from storytrace.stories import timeline as TL

    statuses = (*TL.SHOWN, "negated", "hypothetical") if all_ else TL.SHOWN
    with _store(db) as store:
        entries = TL.timeline(store, _scope(story, since, until), statuses=statuses)[:limit]
    if json:
        print_json_lines([e.as_dict() for e in entries])
        return
    t = table("timeline", ["date", "event", "who", "whom", "where", "status", "doc", "reports"],
              [[e.date, e.type + (f"/{e.mode}" if e.mode else ""),
                ", ".join(TL.ref_name(a) for a in e.actors), ", ".join(TL.ref_name(r) for r in e.recipients),
                (e.place or {}).get("name"), e.status, e.doc_id, 1 + len(e.also)] for e in entries])
    t.columns[0].no_wrap = True
    console.print(t)


class NetworkFormat(str, Enum):
    graphml = "graphml"
    json = "json"


def network(
    db: DbOption = None,
    story: StoryOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    format: Annotated[NetworkFormat, typer.Option(
        "--format", "-f", help="graphml or json.")] = NetworkFormat.graphml,
    output: OutputOption = None,
) -> None:
    """Export the actor-actor network (GraphML or JSON).

    Directed edges per PLOVER event type, weighted by the number of distinct events; open the
    GraphML in Gephi, Cytoscape or yEd."""
    from storytrace.stories import network as N

    with _store(db) as store:
        scope = _scope(story, since, until)
        if format is NetworkFormat.graphml:
            import io

            from storytrace.export.graphml import write_graphml

            buf = io.StringIO()
            n = write_graphml(store, buf, scope=scope)
            text = buf.getvalue()
        else:
            g = N.network(store, scope)
            n = g.number_of_edges()
            text = jsonlib.dumps(N.to_json(g), ensure_ascii=False, indent=2) + "\n"
    _write(text, output)
    err_console.print(f"{n} edges", highlight=False)


class BriefFormat(str, Enum):
    md = "md"
    html = "html"
    json = "json"


def brief(
    db: DbOption = None,
    story: StoryOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    format: Annotated[BriefFormat, typer.Option("--format", "-f", help="md, html or json.")] = BriefFormat.md,
    output: OutputOption = None,
) -> None:
    """Write a situation report (Markdown, HTML or JSON) with a citation on every line.

    Key developments in date order, tracked figures with their ranges and sources, key
    quotes, actors and places; each line cites the document, paragraph and sentence it
    rests on."""
    from storytrace.stories import brief as B
    from storytrace.stories import render as R

    with _store(db) as store:
        b = B.build(store, _scope(story, since, until))
    text = {BriefFormat.md: R.markdown, BriefFormat.html: R.html, BriefFormat.json: R.as_json}[format](b)
    _write(text, output)


def demo_epilogue(db: str | None, figure: str = "North Korean troops") -> None:
    """The end of `storytrace demo`: the briefing summary and the tracked troop figure."""
    from storytrace.stories import brief as B
    from storytrace.stories import render as R
    from storytrace.stories import track as TR

    with _store(db) as store:
        b = B.build(store)
        found = TR.find(store, figure)
    console.rule("[bold]briefing summary")
    console.print(R.summary_text(b) or "(nothing to summarize yet)", highlight=False, markup=False,
                  soft_wrap=True)
    console.print(f"[dim]full briefing: storytrace brief --db {db} --format html -o brief.html[/]",
                  highlight=False)
    console.rule(f"[bold]tracked figure: {figure}")
    if found:
        print_figure(found[0])
    else:
        console.print(f"no claims about {figure} were found", highlight=False)
