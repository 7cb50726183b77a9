#!/usr/bin/env python3
"""API latency: p50/p95 of the main endpoints on a store holding the whole BBC corpus.

    .venv/bin/python bench/api_latency.py [--limit N] [--db PATH] [--requests 200]

The store is built once (ingest + analysis of ../shared/corpus/bbc_news_2225, cached in
build/bench/) and served by the real app through uvicorn on localhost; requests come from
httpx in this process, one at a time, like a user clicking around.
"""

from __future__ import annotations

import argparse
import random
import socket
import statistics
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "bbc_news_2225" / "articles.jsonl"
TARGET_P95_MS = 100.0


def build(db: Path, limit: int | None) -> None:
    import json
    import tempfile

    from storytrace.ingest.run import Ingestor
    from storytrace.store.db import Store

    src = CORPUS
    if limit:
        tmp = Path(tempfile.mkdtemp()) / "sample.jsonl"
        with open(CORPUS, encoding="utf-8") as fh, open(tmp, "w", encoding="utf-8") as out:
            for i, line in enumerate(fh):
                if i >= limit:
                    break
                out.write(json.dumps(json.loads(line)) + "\n")
        src = tmp
    t0 = time.perf_counter()
    with Store(db) as store:
        report = Ingestor(store).run([str(src)])
    print(f"built {db} in {time.perf_counter() - t0:.0f} s: {report.as_dict()}", flush=True)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, default=None, help="only the first N articles")
    ap.add_argument("--db", type=Path, default=None)
    ap.add_argument("--requests", type=int, default=200, help="requests per endpoint")
    args = ap.parse_args()
    if not CORPUS.exists():
        print(f"skipped: {CORPUS} not found (needs ../shared)")
        return 0
    db = args.db or ROOT / "build" / "bench" / f"bbc-{args.limit or 'all'}.db"
    db.parent.mkdir(parents=True, exist_ok=True)
    if not db.exists():
        build(db, args.limit)

    import httpx
    import uvicorn

    from storytrace.store.db import Store
    from storytrace.web.app import create_app
    from storytrace.web.settings import WebSettings

    with Store(db, readonly=True) as s:
        doc_ids = [r[0] for r in s.execute("SELECT id FROM documents")]
        actor_ids = [r[0] for r in s.execute(
            "SELECT actor_id FROM actors GROUP BY actor_id ORDER BY count(*) DESC LIMIT 200")]
        words = [r[0] for r in s.execute("SELECT title FROM documents WHERE title IS NOT NULL LIMIT 300")]
    rng = random.Random(7)
    terms = [w for t in words for w in t.split() if len(w) > 4] or ["government"]

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(WebSettings(db=str(db))), host="127.0.0.1", port=port,
                                           log_level="error"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)

    endpoints = {
        "GET /api/documents": lambda: "/api/documents",
        "GET /api/documents?q=": lambda: f"/api/documents?q={rng.choice(terms)}",
        "GET /api/documents/{id}": lambda: f"/api/documents/{rng.choice(doc_ids)}",
        "GET /api/actors": lambda: "/api/actors",
        "GET /api/actors/{id}": lambda: f"/api/actors/{rng.choice(actor_ids or ['PRK'])}",
        "GET /api/quotes": lambda: "/api/quotes",
        "GET /api/claims": lambda: "/api/claims",
        "GET /api/events": lambda: "/api/events",
        "GET /api/places": lambda: "/api/places",
        "GET /api/search": lambda: f"/api/search?q={rng.choice(terms)}",
        "GET /documents/{id} (page)": lambda: f"/documents/{rng.choice(doc_ids)}",
    }
    worst = 0.0
    print(f"{len(doc_ids)} documents; {args.requests} requests per endpoint")
    print(f"{'endpoint':<30}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}")
    with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30) as client:
        for name, url in endpoints.items():
            times = []
            for _ in range(args.requests):
                t0 = time.perf_counter()
                r = client.get(url())
                times.append((time.perf_counter() - t0) * 1000)
                if r.status_code >= 400:
                    print(f"  {name}: HTTP {r.status_code} {r.text[:120]}")
                    break
            times.sort()
            p95 = times[int(0.95 * (len(times) - 1))]
            worst = max(worst, p95)
            print(f"{name:<30}{statistics.median(times):>9.1f}{p95:>9.1f}{times[-1]:>9.1f}")
    server.should_exit = True
    thread.join(timeout=5)
    verdict = "ok" if worst <= TARGET_P95_MS else "OVER TARGET"
    print(f"worst p95 {worst:.1f} ms (target {TARGET_P95_MS:.0f} ms): {verdict}")
    return 0 if worst <= TARGET_P95_MS else 1


if __name__ == "__main__":
    sys.exit(main())
