"""The bar on the demo corpus: the real pipeline, then `track` shows the troop estimate with each
distinct source, and every citation of the briefing resolves to text holding the cited figure
or quote."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from storytrace.cli.demo import demo_corpus_path
from storytrace.ingest.run import Ingestor
from storytrace.store.db import Store
from storytrace.stories import brief as B
from storytrace.stories import render as R
from storytrace.stories import track as TR


def lead(number: str) -> str:
    """The first two significant digits ("425 million" and "425,000,000" both give "42")."""
    return number.replace(",", "").replace(".", "").lstrip("0")[:2]


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    store = Store(str(tmp_path_factory.mktemp("demo") / "demo.db"))
    Ingestor(store).run([str(demo_corpus_path())])
    if store.count("documents") < 5:
        pytest.skip("the demo corpus is not written yet")
    return store


def test_every_citation_of_the_demo_briefing_holds_its_fact(demo_store: Store) -> None:
    b = B.build(demo_store)
    statements = b.statements()
    assert statements, "the demo briefing says nothing"
    for s in statements:
        assert s.cites, f"uncited statement: {s.text}"
        for n in s.cites:
            c = b.citation(n)
            text = demo_store.execute("SELECT text FROM documents WHERE id = ?", (c.doc_id,)).fetchone()[0]
            assert text[c.start:c.end] == c.text
            assert c.evidence in c.text
    # figures: the number each observation states is the one written in the cited text
    for fig in b.figures:
        for d in fig.detail:
            if d.kind != "observation":
                continue
            evidence = b.citation(d.cites[0]).evidence
            written = [lead(x) for x in re.findall(r"\d[\d,.]*", evidence)]
            if written:  # else the number is in words ("dozens of people", "two soldiers")
                stated = [lead(x) for x in re.findall(r"\d[\d,.]*", d.text.split(" — ")[0])]
                assert set(stated) & set(written), (d.text, evidence)
    # quotes: the quoted words are in the cited sentence
    for q in b.quotes:
        quoted = q.text.split(": “", 1)[1].rstrip("”").removesuffix("…")
        assert quoted.rstrip("…")[:60] in " ".join(b.citation(q.cites[0]).text.split())


def test_demo_tracks_the_troop_estimate_by_source(demo_store: Store) -> None:
    found = TR.find(demo_store, "North Korean troops")
    assert found, "no troop figure in the demo corpus"
    fig = found[0]
    assert fig.category == "troops"
    assert len(fig.sources) >= 3 and len(fig.observations) >= 3
    keys = [(o.source_key, o.low, o.high, o.increment) for o in fig.observations]
    assert len(keys) == len(set(keys))  # each (source, value) once: repeats are folded
    dates = [o.date for o in fig.observations]
    assert dates == sorted(dates)


def test_demo_briefing_renders(demo_store: Store, tmp_path: Path) -> None:
    b = B.build(demo_store)
    md = R.markdown(b)
    assert md.count("](#c") >= len(b.statements())
    page = R.html(b)
    assert page.count('<li id="c') == len(b.citations)
    summary = R.summary_text(b).splitlines()  # what `storytrace demo` prints
    assert len(summary) == len(b.summary) >= 3
    for line in summary:
        labels = re.findall(r"\[(demo-\d+ ¶\d+)\]", line)
        assert labels and len(labels) == len(set(labels)), line  # each paragraph named once per line


def test_demo_groups_one_developing_story_and_the_floods(demo_store: Store) -> None:
    """The North Korea–Russia story runs from October to June, one article every few weeks after
    December: one story (the Kyiv strike may stand apart); the Valencia floods are another."""
    texts = {r[0]: r[1] for r in demo_store.execute("SELECT id, text FROM documents")}
    story = {r[0]: r[1] for r in demo_store.execute("SELECT doc_id, story_id FROM story_docs")}
    korea = [d for d, t in texts.items() if "North Korea" in t]
    floods = [d for d, t in texts.items() if "Valencia" in t and "North Korea" not in t]
    main = max({story[d] for d in korea}, key=lambda s: sum(1 for d in korea if story[d] == s))
    assert sum(1 for d in korea if story[d] == main) >= len(korea) - 2
    assert len({story[d] for d in floods}) == 1 and story[floods[0]] != main
    first, last = demo_store.execute("SELECT first_published, last_published FROM stories WHERE id = ?",
                                     (main,)).fetchone()
    assert (first[:7], last[:7]) == ("2024-10", "2025-06")
