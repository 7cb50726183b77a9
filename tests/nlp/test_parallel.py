"""Analysis in worker processes (--workers): the same records as in one process, in input order,
with bounded read-ahead, errors that name their file, and the CLI option."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from storytrace.cli.app import app
from storytrace.errors import DataFileError
from storytrace.nlp.analyze import Analyzer
from storytrace.nlp.parallel import BATCH_SIZE, resolve_workers
from storytrace.nlp.resources import Resources
from storytrace.records import Document

ARTICLES = [
    ("p1", "2024-11-04", "Poland's defence minister said on Monday that 2,000 more soldiers would be sent "
                         "to the eastern border. \"We will not be caught unprepared,\" he told reporters in Warsaw."),
    ("p2", "2024-11-05", "Rebels shelled the town of Goma overnight, killing 12 civilians and wounding about 40, "
                         "local officials said on Tuesday."),
    ("p3", "2024-11-06", "Japan and the Philippines signed a defence pact in Manila, allowing their troops to "
                         "train together. The agreement was welcomed by Washington."),
    ("p4", "2024-11-07", "The European Union imposed sanctions on three Iranian companies it accused of supplying "
                         "drones to Russia, the bloc's foreign policy chief said."),
    ("p5", "2024-11-08", "Kenya pledged $15 million in flood relief for Somalia last week, and its president is "
                         "expected to visit Mogadishu next month."),
]


def documents() -> list[Document]:
    return [Document(id=i, title=None, published=p, source="Test Wire", url=None, language="en", text=t)
            for i, p, t in ARTICLES]


LAYERS = ("actors", "quotes", "claims", "times", "places", "events")


def layers(doc: Document) -> dict[str, object]:
    return {k: [r.model_dump(mode="json") for r in getattr(doc, k)] for k in LAYERS}


@pytest.fixture(scope="module")
def in_one_process() -> list[Document]:
    return list(Analyzer(Resources(strict=True)).analyze(documents()))


def test_workers_give_the_same_records_in_input_order(in_one_process: list[Document]) -> None:
    errors: list[tuple[str, str, str]] = []
    pulled: list[str] = []

    def feed() -> Iterator[Document]:
        for doc in documents() * 16:  # 80 documents: several batches per worker
            pulled.append(doc.id)
            yield doc

    out = Analyzer(Resources(strict=True), workers=2).analyze(feed(), errors=errors)
    first = next(out)
    # read-ahead is bounded: two batches per worker, and the next one sent off as the first came back
    assert len(pulled) <= (2 * 2 + 1) * BATCH_SIZE < 80
    rest = list(out)
    got = [first, *rest]
    assert [d.id for d in got] == [d.id for d in documents()] * 16
    assert errors == []
    expected = {d.id: layers(d) for d in in_one_process}
    assert all(layers(d) == expected[d.id] for d in got)
    assert any(layers(d)["events"] for d in got) and any(layers(d)["quotes"] for d in got)


def test_a_bad_data_file_in_a_worker_names_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "my-lexicon.yaml"
    bad.write_text("patterns:\n  - type: ASSAULT\n    verbz: [maul]\n", encoding="utf-8")
    analyzer = Analyzer(Resources(lexicon_files=(bad,)), workers=2)  # the lexicon loads in the workers
    with pytest.raises(DataFileError) as err:
        list(analyzer.analyze(documents()))
    assert "my-lexicon.yaml:2" in str(err.value) and "unknown keys" in str(err.value)


def test_worker_counts() -> None:
    assert resolve_workers(3) == 3
    assert resolve_workers(0) >= 1
    with pytest.raises(ValueError, match="workers"):
        resolve_workers(-1)


def test_ingest_with_workers(tmp_path: Path) -> None:
    src = tmp_path / "wire.jsonl"
    src.write_text("".join(json.dumps({"id": i, "published": p, "text": t}) + "\n" for i, p, t in ARTICLES),
                   encoding="utf-8")
    db = str(tmp_path / "s.db")
    result = CliRunner().invoke(app, ["ingest", str(src), "--db", db, "--workers", "2"])
    assert result.exit_code == 0, result.output
    exported = tmp_path / "out.jsonl"
    result = CliRunner().invoke(app, ["export", "--db", db, "--format", "jsonl", "-o", str(exported)])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in exported.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in records] == [a[0] for a in ARTICLES]
    assert all(r["status"] == "analyzed" for r in records) and sum(len(r["actors"]) for r in records) >= 8
    result = CliRunner().invoke(app, ["analyze", "--db", db, "-j", "-2"])
    assert result.exit_code == 2 and "--workers" in result.output
