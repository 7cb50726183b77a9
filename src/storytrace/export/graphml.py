"""The actor-actor event network as GraphML (``storytrace network --format graphml``).

Nodes are actors (``label``, ``country``, ``events``); edges are directed, one per
(actor, recipient, PLOVER type) with ``type``, ``weight`` (distinct events), ``reports``,
``first``/``last`` dates and ``evidence`` (``doc:start-end`` spans, space-separated).
"""

from __future__ import annotations

from typing import IO

import networkx as nx

from storytrace.store.db import Store
from storytrace.stories.network import for_graphml, network
from storytrace.stories.queries import Scope


def write_graphml(store: Store, out: IO[str], *, scope: Scope | None = None) -> int:
    """Write the network in ``scope``; return the number of edges."""
    g = network(store, scope)
    for line in nx.generate_graphml(for_graphml(g), prettyprint=True):
        out.write(line + "\n")
    return g.number_of_edges()
