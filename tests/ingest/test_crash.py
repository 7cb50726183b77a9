"""kill -9 in the middle of an ingest: the store opens, passes integrity checks, holds only
whole documents, and the next ingest finishes the job."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from storytrace.ingest.normalize import content_hash

TOWNS = ["Sumy", "Poltava", "Dnipro", "Zaporizhzhia", "Mykolaiv", "Kherson", "Chernihiv", "Izium"]


def _article(n: int) -> str:
    town = TOWNS[n % len(TOWNS)]
    return (f"Dispatch {n}. Air defence units shot down {n % 9 + 2} drones over {town} on the night of "
            f"report {n}, the regional administration said, adding that debris damaged {n % 5 + 1} "
            f"houses and a school. Officials in {town} said repairs to the power grid would take "
            f"{n % 4 + 2} days. The governor urged residents to stay in shelters during alerts and "
            f"thanked volunteers who cleared streets after attack number {n}.")


def test_sigkill_mid_ingest_leaves_a_consistent_store(tmp_path: Path) -> None:
    n_docs = 120
    src = tmp_path / "many.jsonl"
    src.write_text("\n".join(json.dumps({"id": f"d{n:03d}", "text": _article(n), "published": "2024-12-01"})
                             for n in range(n_docs)) + "\n", encoding="utf-8")
    db = tmp_path / "crash.db"
    cmd = [sys.executable, "-m", "storytrace", "-q", "ingest", str(src), "--db", str(db)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 120
    analyzed = 0
    try:
        while time.time() < deadline and proc.poll() is None:
            time.sleep(0.2)
            if not db.exists():
                continue
            try:
                with sqlite3.connect(db, timeout=1) as conn:
                    analyzed = conn.execute(
                        "SELECT count(*) FROM documents WHERE status = 'analyzed'").fetchone()[0]
            except sqlite3.Error:
                continue
            if analyzed >= 3:
                break
    finally:
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    assert analyzed >= 3, "ingest did not get going"

    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    docs = conn.execute("SELECT id, text, content_hash, status, analyzed_at FROM documents").fetchall()
    assert 0 < len(docs) <= n_docs
    for doc_id, text, digest, status, analyzed_at in docs:
        assert text and digest == content_hash(text), doc_id  # every stored document is whole
        assert status in ("stored", "analyzed")
        assert (status == "analyzed") == (analyzed_at is not None)
        if status == "stored":  # layers are written with the status, never before it
            for layer in ("actors", "quotes", "claims", "events", "times", "places"):
                assert conn.execute(f"SELECT count(*) FROM {layer} WHERE doc_id = ?", (doc_id,)).fetchone()[0] == 0
    fts = conn.execute("SELECT count(*) FROM documents_fts").fetchone()[0]
    assert fts == len(docs)
    conn.close()

    # the next run completes the work without duplicating anything
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*), sum(status = 'analyzed') FROM documents").fetchone() == (n_docs, n_docs)


def test_ctrl_c_says_what_is_stored_and_how_to_finish(tmp_path: Path, monkeypatch, cli) -> None:  # type: ignore[no-untyped-def]
    from storytrace.ingest import run as ingest_run
    from tests.ingest.conftest import ARTICLE_A, ARTICLE_B, rows

    src = tmp_path / "two.jsonl"
    src.write_text(json.dumps({"id": "a", "text": ARTICLE_A}) + "\n" + json.dumps({"id": "b", "text": ARTICLE_B})
                   + "\n", encoding="utf-8")
    real = ingest_run.Ingestor._analyze_and_save

    def interrupted_after_the_first(self, pending):  # type: ignore[no-untyped-def]
        first = next(pending)  # "a" is stored, then "b" is read and stored, and Ctrl-C comes
        next(pending)
        real(self, iter([first]))
        raise KeyboardInterrupt

    monkeypatch.setattr(ingest_run.Ingestor, "_analyze_and_save", interrupted_after_the_first)
    db = str(tmp_path / "s.db")
    result = cli("ingest", src, "--db", db)
    assert result.exit_code == 130
    assert "interrupted: the store holds 2 whole documents (1 analyzed); 1 stored but not analyzed" in result.output
    assert rows(db, "SELECT id, status FROM documents ORDER BY id") == [("a", "analyzed"), ("b", "stored")]
    monkeypatch.undo()
    result = cli("analyze", "--db", db, "--pending")
    assert result.exit_code == 0
    assert rows(db, "SELECT id, status FROM documents ORDER BY id") == [("a", "analyzed"), ("b", "analyzed")]
