"""Timeline (events in date order, one line per event across outlets) and the actor network."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET

import networkx as nx

from storytrace.export.graphml import write_graphml
from storytrace.records import Document, Time
from storytrace.store.db import Store
from storytrace.stories import network as N
from storytrace.stories.queries import Scope
from storytrace.stories.timeline import timeline
from tests.stories import corpus
from tests.stories.builders import event, ref, save, span

RUS, UKR, BLR = corpus.RUS, corpus.UKR, ref("Belarus", "BLR", "BLR")


def doc(doc_id: str, published: str, text: str, events: list) -> Document:  # type: ignore[type-arg]
    return Document(id=doc_id, published=published, source=f"Outlet {doc_id}", text=text, events=events)


def war_docs() -> list[Document]:
    a = ("Russian drones struck Odesa overnight, officials said.\n"
         "Ukraine said on Monday it had shot down most of them. Ukraine and Russia held no talks.")
    b = ("Russian drones struck Odesa overnight, damaging the port.\n"
         "Belarus offered to host peace talks between Russia and Ukraine next month.")
    c = ("Russia and Ukraine agreed to exchange prisoners on Friday, the first swap in months.\n"
         "Russia did not attack Kyiv last night, the mayor said.")
    when_c = Time(text="on Friday", value="2024-10-04", granularity="day", span=span(c, "on Friday"))
    return [
        doc("w-2", "2024-10-08", a, [
            event(a, "Russian drones struck Odesa overnight, officials said.", "ASSAULT", [RUS], [UKR],
                  trigger="struck", mode="drone"),
            event(a, "Ukraine and Russia held no talks.", "CONSULT", [UKR], [RUS], status="negated")]),
        doc("w-3", "2024-10-08", b, [  # the same strike from another outlet: one event, two reports
            event(b, "Russian drones struck Odesa overnight, damaging the port.", "ASSAULT", [RUS], [UKR],
                  trigger="struck"),
            event(b, "Belarus offered to host peace talks between Russia and Ukraine next month.", "CONSULT",
                  [BLR], [RUS, UKR], status="predicted")]),
        doc("w-1", "2024-10-06", c, [
            event(c, "Russia and Ukraine agreed to exchange prisoners on Friday, the first swap in months.",
                  "AGREE", [RUS], [UKR], when=when_c),
            event(c, "Russia did not attack Kyiv last night, the mayor said.", "ASSAULT", [RUS], [UKR],
                  status="negated")]),
    ]


def stored(store: Store) -> Store:
    for d in war_docs():
        save(store, d)
    return store


def test_timeline_orders_by_event_date_and_merges_reports(store: Store) -> None:
    entries = timeline(stored(store))
    got = [(e.date, e.type, e.doc_id, [a["doc_id"] for a in e.also]) for e in entries]
    assert got == [
        ("2024-10-04", "AGREE", "w-1", []),  # dated by its own time ("on Friday"), not by publication
        ("2024-10-08", "ASSAULT", "w-2", ["w-3"]),  # one strike, two outlets
        ("2024-10-08", "CONSULT", "w-3", []),  # predicted: shown
    ]


def test_timeline_leaves_out_negated_unless_asked(store: Store) -> None:
    stored(store)
    every = timeline(store, statuses=("asserted", "reported", "hedged", "predicted", "negated", "hypothetical"))
    assert sorted(e.status for e in every) == ["asserted", "asserted", "negated", "negated", "predicted"]
    assert "negated" not in {e.status for e in timeline(store)}


def test_timeline_scope(store: Store) -> None:
    stored(store)
    assert [e.doc_id for e in timeline(store, Scope(since="2024-10-07"))] == ["w-2", "w-3"]


def test_network_edges_by_type_weighted_by_distinct_events(store: Store) -> None:
    g = N.network(stored(store))
    edges = {(u, v, k): d for u, v, k, d in g.edges(keys=True, data=True)}
    assert set(edges) == {("RUS", "UKR", "ASSAULT"), ("RUS", "UKR", "AGREE")}  # predicted and negated left out
    strike = edges[("RUS", "UKR", "ASSAULT")]
    assert (strike["weight"], strike["reports"]) == (1, 2)  # one strike, reported twice
    assert strike["first"] == strike["last"] == "2024-10-08"
    assert g.nodes["RUS"]["label"] == "Russia" and g.nodes["UKR"]["country"] == "UKR"


def test_network_counts_separate_events(store: Store) -> None:
    text = "Russia shelled Kherson on Monday.\nRussia shelled Kherson again on Tuesday."
    when2 = Time(text="Tuesday", value="2024-10-08", granularity="day", span=span(text, "Tuesday"))
    save(store, doc("s-1", "2024-10-09", text, [
        event(text, "Russia shelled Kherson on Monday.", "ASSAULT", [RUS], [UKR]),
        event(text, "Russia shelled Kherson again on Tuesday.", "ASSAULT", [RUS], [UKR], when=when2)]))
    g = N.network(store)
    assert g.edges["RUS", "UKR", "ASSAULT"]["weight"] == 2


def test_graphml_export_reads_back(store: Store) -> None:
    stored(store)
    out = io.StringIO()
    n = write_graphml(store, out)
    assert n == 2
    ET.fromstring(out.getvalue())  # well-formed XML
    g = nx.read_graphml(io.BytesIO(out.getvalue().encode()), force_multigraph=True)
    types = sorted(d["type"] for _, _, d in g.edges(data=True))
    assert types == ["AGREE", "ASSAULT"]
    assert all(d["evidence"].startswith("w-") for _, _, d in g.edges(data=True))


def test_json_network(store: Store) -> None:
    data = N.to_json(N.network(stored(store)))
    assert data["directed"] and [n["id"] for n in data["nodes"]] == ["RUS", "UKR"]
    assert {(e["source"], e["target"], e["type"]) for e in data["edges"]} == {
        ("RUS", "UKR", "AGREE"), ("RUS", "UKR", "ASSAULT")}
