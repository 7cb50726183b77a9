"""Shared by the tests of our own gold sets (the demo corpus and the diverse set): reading them,
comparing strings as the scorer does, and checking that no text of ours copies ../shared."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

LAYERS = ("actors", "quotes", "claims", "times", "places", "events")
EVENT_TYPES = frozenset({
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
    "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"})


def read_jsonl(path: Path) -> list[dict]:
    records = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                records.append(json.loads(line))
            except json.JSONDecodeError as exc:  # pragma: no cover - the message is the point
                pytest.fail(f"{path.name} line {n}: {exc}")
    return records


_CHARS = {**dict.fromkeys("\u2018\u2019\u201a\u201b", "'"), **dict.fromkeys("\u201c\u201d\u201e\u201f", '"'),
          **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-")}


def norm(text: str) -> str:
    """As the scorer compares texts: quotes, dashes and whitespace normalized, case folded."""
    return " ".join("".join(_CHARS.get(c, c) for c in text).split()).casefold()


# --------------------------------------------------------------------------- our own words

_WORD = re.compile(r"[a-z0-9]+")
RUN = 8  # words in a row that count as copied


def _words(text: str) -> list[str]:
    return _WORD.findall(text.casefold().replace("\u2019", "").replace("'", ""))


def _grams(words: list[str]) -> set[tuple[str, ...]]:
    return {tuple(words[i:i + RUN]) for i in range(len(words) - RUN + 1)}


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def _shared_texts(shared: Path) -> Iterator[tuple[str, str]]:
    """Every text under ../shared: each string of each JSON line, other files whole."""
    for path in sorted(p for p in shared.rglob("*") if p.is_file()):
        raw = path.read_text(encoding="utf-8", errors="replace")
        if path.suffix == ".jsonl":
            for n, line in enumerate(raw.splitlines(), 1):
                try:
                    record = json.loads(line)
                except json.JSONDecodeError:
                    yield f"{path}:{n}", line
                    continue
                for s in _strings(record):
                    yield f"{path}:{n}", s
        else:
            yield str(path), raw


def copied_runs(ours: dict[str, str], shared: Path) -> tuple[list[tuple[str, str, str]], int]:
    """(our id, where under ../shared, the run) for every 8-word run one of ``ours`` shares with
    any text under ``shared``, and how many words were scanned there."""
    grams = {key: _grams(_words(text)) for key, text in ours.items()}
    every = set().union(*grams.values())
    starts = {g[:2] for g in every}
    copied, scanned = [], 0
    for where, text in _shared_texts(shared):
        words = _words(text)
        scanned += len(words)
        for i in range(len(words) - RUN + 1):
            if (words[i], words[i + 1]) in starts and (gram := tuple(words[i:i + RUN])) in every:
                copied += [(key, where, " ".join(gram)) for key, g in grams.items() if gram in g]
    return copied, scanned
