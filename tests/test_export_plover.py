"""``storytrace export --format plover``: PLOVER JSON records from stored events."""

from __future__ import annotations

import io
import json
from pathlib import Path

from typer.testing import CliRunner

from storytrace.cli.app import app
from storytrace.export.plover import write_plover
from storytrace.records import ActorRef, Document, Event, Place, Size, Span, Time
from storytrace.store.db import DocInfo, Store

TEXT = ("Georgian police detained 12 protesters in Tbilisi on Tuesday, officials said. "
        "The EU will send observers to Georgia, the bloc announced.")


def _doc(doc_id: str = "tb-1", published: str = "2024-12-04", events: list[Event] | None = None) -> Document:
    first = TEXT.index("Georgian police detained 12 protesters in Tbilisi on Tuesday")
    second = TEXT.index("The EU will send observers to Georgia")
    default = [
        Event(type="COERCE", mode="arrest", context=["legal"],
              actors=[ActorRef(id="GEO", name="Georgia", text="Georgian police", country="GEO", sector="COP")],
              recipients=[ActorRef(id=None, name=None, text="12 protesters", country=None)],
              when=Time(text="Tuesday", value="2024-12-03", granularity="day",
                        span=Span(start=TEXT.index("Tuesday"), end=TEXT.index("Tuesday") + 7)),
              where=Place(text="Tbilisi", name="Tbilisi", kind="city", country="GEO", lat=41.69, lon=44.83,
                          geonameid=611717, span=Span(start=TEXT.index("Tbilisi"), end=TEXT.index("Tbilisi") + 7)),
              status="reported", reported_by=ActorRef(id=None, name=None, text="officials"),
              size=Size(arrested=12), trigger="detained", span=Span(start=first, end=first + 60)),
        Event(type="AGREE", context=["diplomatic"],
              actors=[ActorRef(id="igo:eu", name="European Union", text="The EU")],
              recipients=[ActorRef(id="GEO", name="Georgia", text="Georgia", country="GEO")],
              when=Time(text="", value="2024-12-04", granularity="day", span=Span(start=second, end=second)),
              status="asserted", trigger="will send", span=Span(start=second, end=second + 37),
              when_inferred=True, announced="AID"),
    ]
    return Document(id=doc_id, published=published, source="Wire", url="https://example.org/tb-1",
                    title="Arrests in Tbilisi", text=TEXT, events=default if events is None else events)


def _records(store: Store, **filters: str) -> list[dict]:  # type: ignore[type-arg]
    out = io.StringIO()
    n = write_plover(store, out, **filters)
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    assert n == len(records)
    return records


def test_records_carry_the_plover_fields(store: Store) -> None:
    store.save(_doc(), DocInfo(content_hash="h1", status="analyzed"))
    coerce, agree = _records(store)
    for rec in (coerce, agree):
        for name in ("id", "date", "actor", "recipient", "event", "mode", "context", "event_text",
                     "event_loc", "size", "text_info", "cite_info"):
            assert name in rec
    assert coerce["id"] == "tb-1-000" and agree["id"] == "tb-1-001"
    assert coerce["event"] == ["COERCE"] and coerce["mode"] == ["arrest"]
    assert coerce["actor"] == [{"code": "GEO", "sector": "COP", "entity_text": "Georgian police",
                                "identifier_id": "GEO", "identifier_text": "Georgia"}]
    assert coerce["recipient"][0]["code"] is None
    assert coerce["size"] == {"dead": None, "injured": None, "arrested": 12}
    assert coerce["event_loc"]["resolved_place"] == "Tbilisi" and coerce["event_loc"]["country_code"] == "GEO"
    assert coerce["event_text"] == ["Georgian police detained 12 protesters in Tbilisi on Tuesday"]
    assert coerce["text_info"]["start"] == 0 and coerce["text_info"]["doc_id"] == "tb-1"
    assert coerce["cite_info"]["url"] == "https://example.org/tb-1"
    assert coerce["cite_info"]["codebook"].startswith("plover")
    assert coerce["quad_code"] == 4 and agree["quad_code"] == 1
    assert coerce["status"] == "reported" and coerce["reported_by"]["entity_text"] == "officials"


def test_dates_statuses_and_organisation_codes(store: Store) -> None:
    store.save(_doc(), DocInfo(content_hash="h1", status="analyzed"))
    coerce, agree = _records(store)
    assert coerce["date"] == "2024-12-03" and coerce["date_source"] == "text"  # the text's own day
    assert agree["date"] == "2024-12-04" and agree["date_source"] == "published"  # inferred: published
    assert agree["actor"][0]["code"] == "EUR"  # PLOVER's code for the European Union
    assert agree["mode"] == []


def test_auxiliary_modes_go_into_context(store: Store) -> None:
    predicted = Event(type="MOBILIZE", mode="troops", actors=[ActorRef(id="RUS", country="RUS")],
                      status="predicted", span=Span(start=0, end=10))
    negated = Event(type="ASSAULT", actors=[ActorRef(id="RUS", country="RUS")], status="negated",
                    span=Span(start=0, end=10))
    store.save(_doc(events=[predicted, negated]), DocInfo(content_hash="h1", status="analyzed"))
    first, second = _records(store)
    assert "future" in first["context"]
    assert "negation" in second["context"]


def test_filters_and_duplicates(store: Store) -> None:
    store.save(_doc("a", "2024-01-02"), DocInfo(content_hash="ha", status="analyzed"))
    store.save(_doc("b", "2024-06-02"), DocInfo(content_hash="hb", status="analyzed"))
    store.save(_doc("c", "2024-06-03"), DocInfo(content_hash="hc", status="analyzed", duplicate_of="b"))
    assert {r["text_info"]["doc_id"] for r in _records(store)} == {"a", "b"}  # the duplicate is skipped
    assert {r["text_info"]["doc_id"] for r in _records(store, since="2024-03-01")} == {"b"}
    assert _records(store, source="Nobody") == []


def test_cli_writes_plover_lines(tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    with Store(db) as s:
        s.save(_doc(), DocInfo(content_hash="h1", status="analyzed"))
    out = tmp_path / "events.jsonl"
    result = CliRunner().invoke(app, ["export", "--db", db, "--format", "plover", "-o", str(out)])
    assert result.exit_code == 0, result.output
    lines = out.read_text(encoding="utf-8").splitlines()
    assert [json.loads(x)["event"] for x in lines] == [["COERCE"], ["AGREE"]]


def test_history_told_in_passing_keeps_its_auxiliary_mode_and_its_own_year(store: Store) -> None:
    text = "A statue honours the Indian leader Nehru travelling to Beijing in 1954."
    start = text.index("Nehru")
    year = text.index("1954")
    event = Event(type="CONSULT", mode="visit", context=["diplomatic", "historical"],
                  actors=[ActorRef(id="person:nehru", name="Nehru", text="Nehru", country="IND")],
                  recipients=[ActorRef(id="CHN", name="China", text="Beijing", country="CHN")],
                  when=Time(text="1954", value="1954", granularity="year", span=Span(start=year, end=year + 4)),
                  status="asserted", trigger="travelling", span=Span(start=start, end=len(text) - 1),
                  historical=True)
    doc = Document(id="h-1", published="2024-11-01", source="Wire", url=None, title="Statue", text=text,
                   events=[event])
    store.save(doc, DocInfo(content_hash="h9", status="analyzed"))
    (rec,) = _records(store)
    assert "historical" in rec["context"] and "future" not in rec["context"]
    assert (rec["date"], rec["date_source"]) == ("1954-01-01", "text-year")  # its own year, not 2024
    stored = store.layer_records("events", "h-1")[0]
    assert stored["when"]["value"] == "1954" and stored["historical"] is True


def test_dyads_give_one_record_per_directed_pair(store: Store) -> None:
    text = "The foreign ministers of Chile, Peru and Bolivia met in Lima on Monday."
    refs = [ActorRef(id=c, name=n, text=n, country=c) for c, n in (("CHL", "Chile"), ("PER", "Peru"),
                                                                   ("BOL", "Bolivia"))]
    meeting = Event(type="CONSULT", mode=None, actors=refs, recipients=refs, status="asserted",
                    trigger="met", span=Span(start=0, end=len(text) - 1))
    alone = Event(type="CONSULT", mode=None, actors=refs[:1], recipients=refs[1:2], status="asserted",
                  trigger="met", span=Span(start=0, end=len(text) - 1))
    doc = Document(id="d-1", published="2024-11-04", source="Wire", url=None, title="Talks", text=text,
                   events=[meeting, alone])
    store.save(doc, DocInfo(content_hash="h7", status="analyzed"))
    whole = _records(store)
    assert [len(r["actor"]) for r in whole] == [3, 1]
    out = io.StringIO()
    n = write_plover(store, out, dyadic=True)
    pairs = [json.loads(line) for line in out.getvalue().splitlines()]
    assert n == len(pairs) == 7  # 3 x 2 directed pairs of the meeting, and the one-to-one event as it is
    got = {(p["actor"][0]["code"], p["recipient"][0]["code"]) for p in pairs[:6]}
    assert got == {(a, b) for a in ("CHL", "PER", "BOL") for b in ("CHL", "PER", "BOL") if a != b}
    assert {p["dyad_of"] for p in pairs[:6]} == {"d-1-000"} and pairs[0]["id"] == "d-1-000-1"
    assert pairs[6]["id"] == "d-1-001" and "dyad_of" not in pairs[6]
    assert all(p["event_text"] == whole[0]["event_text"] for p in pairs[:6])


def test_dyads_only_with_plover(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["export", "--db", str(tmp_path / "x.db"), "--format", "jsonl", "--dyads"])
    assert result.exit_code == 2 and "--dyads" in result.output
