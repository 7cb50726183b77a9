"""Briefings: every statement cites a sentence that holds the cited fact; Markdown and HTML
show article strings, never interpret them."""

from __future__ import annotations

import json
import re

import pytest

from storytrace.records import Document
from storytrace.store.db import Store
from storytrace.stories import brief as B
from storytrace.stories import render as R
from storytrace.stories.cite import paragraph_of, sentence_span
from storytrace.stories.queries import Scope
from storytrace.stories.timeline import Entry
from tests.stories import corpus
from tests.stories.builders import claim, quote, ref, save


@pytest.fixture
def story_store(store: Store) -> Store:
    corpus.store_story(store)
    return store


def check_citations(store: Store, b: B.Briefing) -> int:
    """Each statement has a citation; each citation is the stored text at its span and holds its evidence."""
    n = 0
    for s in b.statements():
        assert s.cites, f"uncited statement: {s.text}"
        for k in s.cites:
            c = b.citation(k)
            text = store.execute("SELECT text FROM documents WHERE id = ?", (c.doc_id,)).fetchone()[0]
            assert text[c.start:c.end] == c.text
            assert c.evidence and c.evidence in c.text, (c.evidence, c.text)
            assert c.paragraph == paragraph_of(text, c.start)
            n += 1
    return n


def test_every_statement_cites_a_sentence_holding_its_fact(story_store: Store) -> None:
    b = B.build(story_store)
    assert check_citations(story_store, b) > 10
    assert b.developments and b.figures and b.quotes and b.actors and b.places and b.summary


def test_figures_cite_the_sentences_with_each_number(story_store: Store) -> None:
    b = B.build(story_store)
    troops = next(s for s in b.figures if s.text.startswith("North Korean troops"))
    assert troops.text.startswith("North Korean troops: 1,500–12,000 (4 sources, 2024-10-18 to 2024-11-05)")
    values = [d.text.split(" — ")[0] for d in troops.detail if d.kind == "observation"]
    assert values == ["about 1,500", "about 3,000", "3,000", "12,000", "about 5,000", "about 10,000"]
    for d in troops.detail:
        if d.kind != "observation":
            continue
        [k] = d.cites
        number = d.text.split(" — ")[0].removeprefix("about ")
        assert number in b.citation(k).text  # the number as written is in the cited sentence
    kinds = [d.kind for d in troops.detail]
    assert kinds.count("revision") == 2 and kinds.count("conflict") == 1  # Kyiv vs NATO, a day apart
    [conflict] = [d for d in troops.detail if d.kind == "conflict"]
    assert conflict.text == ("Sources disagree: Ukrainian military intelligence gave 12,000 (2024-10-29), "
                             "NATO gave about 5,000 (2024-10-30)")
    assert [b.citation(k).doc_id for k in conflict.cites] == ["nk-4", "nk-4b"]
    assert "repeated in 1 other report" in next(d.text for d in troops.detail if d.text.startswith("about 3,000"))


def test_quotes_cite_their_words(story_store: Store) -> None:
    b = B.build(story_store)
    [q] = b.quotes
    assert q.text.startswith("Lloyd Austin: “If they are co-belligerents")
    c = b.citation(q.cites[0])
    assert c.evidence.startswith("If they are co-belligerents") and c.evidence in c.text


def test_developments_are_in_date_order_and_readable(story_store: Store) -> None:
    b = B.build(story_store)
    texts = [(s.date, s.text) for s in b.developments]
    assert texts == [
        ("2024-10-18", "North Korea sent troops to Russia, according to National Intelligence Service"),
        ("2024-11-02", "Russia attacked Ukraine in Kharkiv"),
        ("2024-11-05", "North Korea mobilized troops, according to Pentagon"),
    ]
    assert [s.date for s in b.developments] == sorted(s.date for s in b.developments)


def test_summary_states_the_latest_and_the_disagreement(story_store: Store) -> None:
    b = B.build(story_store)
    lines = [s.text for s in b.summary]
    assert lines[0] == "Latest development (2024-11-05): North Korea mobilized troops, according to Pentagon."
    assert any(t.startswith("North Korean troops: 1,500–12,000 across 4 sources; latest about 10,000 from "
                            "Pentagon (2024-11-05)") for t in lines)
    assert "Sources disagree on North Korean troops: Ukrainian military intelligence gave 12,000, NATO gave " \
           "about 5,000." in lines


def test_scope_by_story_and_date(story_store: Store) -> None:
    sid = story_store.execute("SELECT story_id FROM story_docs WHERE doc_id = 'kh-1'").fetchone()[0]
    b = B.build(story_store, Scope(story=sid))
    assert {b.citation(k).doc_id for s in b.statements() for k in s.cites} <= {"kh-1", "kh-2"}
    later = B.build(story_store, Scope(since="2024-11-01"))
    assert all(b.citation(k).published >= "2024-11-01" for b in [later] for s in later.statements()
               for k in s.cites)


def test_markdown_lists_sources_with_spans(story_store: Store) -> None:
    b = B.build(story_store)
    md = R.markdown(b)
    assert md.startswith("# All stories\n")
    for heading in ("## Summary", "## Key developments", "## Tracked figures", "## Key quotes",
                    "## Actors involved", "## Places", "## Sources"):
        assert heading in md
    assert re.search(r"\[nk-1 ¶1\]\(#c\d+\)", md)
    assert "Vladivostok (city, RUS) at 43.11, 131.87" in md
    n = len(b.citations)
    assert f'{n}. <a id="c{n}"></a>' in md


HOSTILE = ("The ministry said 40 <script>alert(1)</script> people were hurt.\n"
           "\"Stay *calm* and [read] <b>this</b>,\" the spokesman said.")


def hostile_doc() -> Document:
    speaker = ref("<img src=x onerror=alert(2)>", "person:x")
    return Document(id="evil-1", title="<i>Title</i>", published="2024-11-04", source="Outlet <b>", text=HOSTILE,
                    claims=[claim(HOSTILE, "40 <script>alert(1)</script> people", "people injured in <b>", 40,
                                  category="injured", source=ref("Ministry <u>", "org:ministry"))],
                    quotes=[quote(HOSTILE, "Stay *calm* and [read] <b>this</b>,", speaker)])


def test_html_escapes_every_article_string(store: Store) -> None:
    save(store, hostile_doc())
    b = B.build(store)
    page = R.html(b)
    assert "<script>" not in page and "<img" not in page and "<b>this" not in page and "<i>Title" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(2)&gt;" in page
    assert page.count("<mark>") == len(b.citations)
    assert re.search(r'<li id="c1" data-doc="evil-1" data-start="\d+" data-end="\d+">', page)


def test_markdown_escapes_article_syntax(store: Store) -> None:
    save(store, hostile_doc())
    md = R.markdown(B.build(store))
    assert r"Stay \*calm\* and \[read\] \<b\>this\</b\>" in md
    assert "<script>" not in md


def test_json_is_the_same_briefing(story_store: Store) -> None:
    b = B.build(story_store)
    data = json.loads(R.as_json(b))
    assert data["title"] == "All stories" and len(data["citations"]) == len(b.citations)
    assert [c["n"] for c in data["citations"]] == list(range(1, len(b.citations) + 1))
    assert data["figures"][0]["detail"][0]["cites"]


def test_briefing_is_deterministic(story_store: Store) -> None:
    assert R.markdown(B.build(story_store)) == R.markdown(B.build(story_store))


def test_an_empty_store_gives_an_empty_briefing(store: Store) -> None:
    b = B.build(store)
    assert b.documents == 0 and b.statements() == []
    assert "## Sources" in R.markdown(b)


@pytest.mark.parametrize("text, fragment, sentence", [
    ("First one. Second one here. Third.", "Second", "Second one here."),
    ("Gen. Kim spoke on Dec. 3 about it. Next.", "spoke", "Gen. Kim spoke on Dec. 3 about it."),
    ("\"We will win,\" he said. Then he left.", "We will win", "\"We will win,\" he said."),
    ("Para one.\nPara two starts. It goes on.", "starts", "Para two starts."),
    ("The U.S. said 10,000 troops. Yes.", "10,000", "The U.S. said 10,000 troops."),
])
def test_sentence_span(text: str, fragment: str, sentence: str) -> None:
    i = text.index(fragment)
    s, e = sentence_span(text, i, i + len(fragment))
    assert text[s:e] == sentence


@pytest.mark.parametrize("type_, mode, status, recipients, text", [
    ("ASSAULT", None, "asserted", ["Ukraine"], "Russia attacked Ukraine"),
    ("ASSAULT", "aerial", "hedged", ["Ukraine"], "Russia reportedly carried out air strikes on Ukraine"),
    ("CONSULT", "visit", "predicted", ["China"], "Russia is expected to visit China"),
    ("SANCTION", None, "reported", [], "Russia imposed sanctions, according to reports"),
    ("AID", "unknown-mode", "asserted", ["Belarus", "Iran"], "Russia provided aid to Belarus and Iran"),
])
def test_event_sentence(type_: str, mode: str | None, status: str, recipients: list[str], text: str) -> None:
    e = Entry(date="2024-11-01", type=type_, mode=mode, actors=[{"name": "Russia"}],
              recipients=[{"name": r} for r in recipients], place=None, status=status, reported_by=None,
              trigger=None, doc_id="d", idx=0, start=0, end=1, outlet=None, published=None)
    assert B.event_sentence(e) == text


def test_every_event_type_has_phrases() -> None:
    from storytrace.records import EVENT_TYPES

    table = B.phrases()
    assert all(t in table for t in EVENT_TYPES)
