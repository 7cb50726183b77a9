"""storytrace stats / actors / quotes / claims / events / places / search."""

from __future__ import annotations

from typing import Annotated

import typer

from storytrace.cli.common import (
    DbOption,
    JsonOption,
    LimitOption,
    clip,
    console,
    open_store,
    print_json_lines,
    table,
)
from storytrace.store import queries
from storytrace.store.queries import Page

SinceOption = Annotated[str | None, typer.Option(help="Only on or after this date (ISO).")]


def stats(db: DbOption = None, json: JsonOption = False) -> None:
    """Counts per layer, documents by status, date range."""
    with open_store(db, readonly=True) as store:
        s = queries.stats(store)
    if json:
        print_json_lines([s])
        return
    docs = ", ".join(f"{k} {v}" for k, v in sorted(s["documents"].items())) or "none"
    console.print(f"[bold]{s['documents_total']}[/] documents ({docs}); {s['duplicates']} linked "
                  f"duplicates; {s['words']:,} words; {s['sources']} outlets; published "
                  f"{s['published']['first'] or '?'} … {s['published']['last'] or '?'}")
    console.print(table("layers", ["layer", "records"],
                        [[k, f"{v:,}"] for k, v in s["layers"].items()]
                        + [["distinct actors", f"{s['distinct_actors']:,}"]]))


def actors(db: DbOption = None,
           country: Annotated[str | None, typer.Option(help="ISO3 country, e.g. PRK.")] = None,
           kind: Annotated[str | None, typer.Option(
               help="country | person | organization | group | igo")] = None,
           name: Annotated[str | None, typer.Option(help="Name contains.")] = None,
           limit: LimitOption = 30, json: JsonOption = False) -> None:
    """Actors across the store with mention counts."""
    with open_store(db, readonly=True) as store:
        rows = queries.actors(store, country=country, kind=kind, name=name, page=Page(limit))
    if json:
        print_json_lines(rows)
        return
    console.print(table("actors", ["id", "name", "kind", "country", "sector", "role", "mentions", "docs"],
                        [[r["id"], r["name"], r["kind"], r["country"], r["sector"], r["role"],
                          r["mentions"], r["documents"]] for r in rows]))


def quotes(db: DbOption = None,
           speaker: Annotated[str | None, typer.Option(help="Speaker name or id contains.")] = None,
           since: SinceOption = None, limit: LimitOption = 30, json: JsonOption = False) -> None:
    """Who said what: quotes with speaker, date and outlet."""
    with open_store(db, readonly=True) as store:
        rows = queries.quotes(store, speaker=speaker, since=since, page=Page(limit))
    if json:
        print_json_lines(rows)
        return
    console.print(table("quotes", ["date", "outlet", "speaker", "kind", "quote"],
                        [[r["published"], r["source"], r["speaker_name"] or r["speaker_text"],
                          r["kind"], clip(r["text"], 100)] for r in rows]))


def _value(r: dict) -> str:  # type: ignore[type-arg]
    def fmt(x: float | None) -> str:
        if x is None:
            return "?"
        return f"{x:,.0f}" if float(x).is_integer() else f"{x:,}"
    low, high, approx = r["low"], r["high"], r["approx"]
    if approx == "range":
        text = f"{fmt(low)}–{fmt(high)}"
    elif approx == "up_to":
        text = f"up to {fmt(high)}"
    elif approx in ("at_least", "more_than"):
        text = f"{'≥' if approx == 'at_least' else '>'} {fmt(low)}"
    elif approx == "about":
        text = f"~{fmt(low if low is not None else high)}"
    elif approx == "less_than":
        text = f"< {fmt(high)}"
    else:
        text = fmt(low if low is not None else high)
    unit = r.get("unit")
    return f"{text} {unit}" if unit and unit != "person" else text


def claims(db: DbOption = None,
           category: Annotated[str | None, typer.Option(
               help="troops | killed | injured | arrested | displaced | money | weapons | "
                    "people | other")] = None,
           about: Annotated[str | None, typer.Option(help="What is counted contains TEXT.")] = None,
           since: SinceOption = None, limit: LimitOption = 30, json: JsonOption = False) -> None:
    """Who claims which numbers: value, what it counts, source, date and outlet."""
    with open_store(db, readonly=True) as store:
        rows = queries.claims(store, category=category, about=about, since=since, page=Page(limit))
    if json:
        print_json_lines(rows)
        return
    console.print(table("claims", ["date", "outlet", "category", "value", "about", "source", "stance"],
                        [[r["published"], r["source"], r["category"], _value(r), clip(r["about"], 50),
                          r["source_name"] or r["source_text"], r["stance"]] for r in rows]))


def _refs(refs: list) -> str:  # type: ignore[type-arg]
    return ", ".join(str(x.get("id") or x.get("name") or x.get("text")) for x in refs or [])


def events(db: DbOption = None,
           type: Annotated[str | None, typer.Option("--type", help="PLOVER type, e.g. ASSAULT.")] = None,
           actor: Annotated[str | None, typer.Option(help="Actor id/country, e.g. PRK.")] = None,
           recipient: Annotated[str | None, typer.Option(help="Recipient id/country, e.g. UKR.")] = None,
           since: SinceOption = None, limit: LimitOption = 30, json: JsonOption = False) -> None:
    """Who did what to whom (PLOVER events), in date order."""
    with open_store(db, readonly=True) as store:
        rows = queries.events(store, type=type, actor=actor, recipient=recipient, since=since,
                              page=Page(limit))
    if json:
        print_json_lines(rows)
        return
    console.print(table("events", ["date", "type", "mode", "actors", "recipients", "status", "trigger",
                                   "outlet"],
                        [[r["when_value"] or r["published"], r["type"], r["mode"], _refs(r["actors"]),
                          _refs(r["recipients"]), r["status"], r["trigger"], r["source"]] for r in rows]))


def places(db: DbOption = None,
           country: Annotated[str | None, typer.Option(help="ISO3 country.")] = None,
           limit: LimitOption = 30, json: JsonOption = False) -> None:
    """Places with mention counts and coordinates."""
    with open_store(db, readonly=True) as store:
        rows = queries.places(store, country=country, page=Page(limit))
    if json:
        print_json_lines(rows)
        return
    console.print(table("places", ["name", "kind", "country", "lat", "lon", "mentions", "docs"],
                        [[r["name"], r["kind"], r["country"],
                          None if r["lat"] is None else f"{r['lat']:.2f}",
                          None if r["lon"] is None else f"{r['lon']:.2f}", r["mentions"],
                          r["documents"]] for r in rows]))


def search(query: Annotated[str, typer.Argument(help="Words to find (all must occur).")],
           db: DbOption = None, limit: LimitOption = 20, json: JsonOption = False) -> None:
    """Full-text search over stored documents."""
    with open_store(db, readonly=True) as store:
        rows = queries.search(store, query, page=Page(limit))
    if json:
        print_json_lines(rows)
        return
    console.print(table(f"search: {query}", ["id", "date", "outlet", "title", "snippet"],
                        [[r["id"], r["published"], r["source"], clip(r["title"], 40),
                          clip(r["snippet"], 80)] for r in rows]))
