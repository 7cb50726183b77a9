"""The actor-actor network of a story: who did what to whom, by PLOVER event type.

A directed multigraph (networkx): one node per actor (canonical id when known, else its
name), one edge per (actor, recipient, event type) whose ``weight`` is the number of
distinct events (duplicate documents left out; negated and hypothetical events too).
Exported as GraphML (Gephi, Cytoscape, yEd) or JSON (node-link).
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from storytrace.store.db import Store
from storytrace.stories.queries import Scope
from storytrace.stories.timeline import Entry, ref_key, ref_name, timeline


def node_id(ref: dict[str, Any]) -> str:
    if ref.get("id"):
        return str(ref["id"])
    return "name:" + ref_key(ref)


def build(entries: list[Entry]) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    for e in entries:
        n_reports = 1 + len(e.also)
        for a in e.actors:
            for r in e.recipients:
                src, dst = node_id(a), node_id(r)
                if src == dst:
                    continue
                for n, ref in ((src, a), (dst, r)):
                    if n not in g:
                        g.add_node(n, label=ref_name(ref) or n, country=ref.get("country") or "", events=0)
                g.nodes[src]["events"] += 1
                g.nodes[dst]["events"] += 1
                if g.has_edge(src, dst, key=e.type):
                    data = g.edges[src, dst, e.type]
                    data["weight"] += 1
                    data["reports"] += n_reports
                    data["first"] = min(data["first"], e.date or data["first"])
                    data["last"] = max(data["last"], e.date or data["last"])
                    data["evidence"].append(f"{e.doc_id}:{e.start}-{e.end}")
                else:
                    g.add_edge(src, dst, key=e.type, type=e.type, weight=1, reports=n_reports,
                               first=e.date or "", last=e.date or "",
                               evidence=[f"{e.doc_id}:{e.start}-{e.end}"])
    return g


def network(store: Store, scope: Scope | None = None) -> nx.MultiDiGraph:
    return build(timeline(store, scope, statuses=("asserted", "reported", "hedged")))


def to_json(g: nx.MultiDiGraph) -> dict[str, Any]:
    nodes = [{"id": n, **d} for n, d in sorted(g.nodes(data=True))]
    edges = [{"source": u, "target": v, **d} for u, v, _k, d in
             sorted(g.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2]))]
    return {"directed": True, "multigraph": True, "nodes": nodes, "edges": edges}


def for_graphml(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy with GraphML-safe attributes (lists joined with spaces)."""
    h = nx.MultiDiGraph()
    h.add_nodes_from(g.nodes(data=True))
    for u, v, k, d in g.edges(keys=True, data=True):
        h.add_edge(u, v, key=k, **{a: (" ".join(x) if isinstance(x, list) else x) for a, x in d.items()})
    return h
