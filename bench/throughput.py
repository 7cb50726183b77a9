#!/usr/bin/env python3
"""Analysis throughput against the bare spaCy pipeline, on the same texts, in one run.

    .venv/bin/python bench/throughput.py [--limit 500] [--model sm] [--batch 32] [--workers N]

Measures, on the first N articles of ../shared/corpus/bbc_news_2225:

* bare spaCy: ``nlp.pipe`` over the texts (the loaded pipeline, nothing else);
* full analysis: ``Analyzer.analyze`` (spaCy plus the six layers, records built);
* the time each layer adds (layers re-run on the parsed documents, one by one);

and prints documents/s, words/s, the full/bare ratio (the bar is >= 0.75) and the peak
memory of the process (ru_maxrss) after each phase. Wall time is what users see; CPU time
of this process is printed too, because it is steadier on a shared machine, and so is the
ratio computed from the layers' own CPU time (bare / (bare + layers)), the steadiest of the
three when other processes compete for the cores. One-time loads (pipeline, dictionaries,
gazetteer) happen in a warm-up before any clock starts. With ``--workers N`` the full analysis
is also run in N worker processes (``storytrace ingest --workers N``), wall time including the
workers' start-up, and compared with one process.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "bbc_news_2225" / "articles.jsonl"
BAR = 0.75


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: kilobytes


class Clock:
    def __enter__(self) -> Clock:
        self.wall, self.cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc: object) -> None:
        self.wall = time.perf_counter() - self.wall
        self.cpu = time.process_time() - self.cpu


def load(limit: int) -> list[dict]:
    rows = []
    with open(CORPUS, encoding="utf-8") as fh:
        for line in fh:
            if len(rows) >= limit:
                break
            rows.append(json.loads(line))
    return rows


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, default=500, help="number of articles (default 500)")
    ap.add_argument("--model", default=None, help="sm (default) or md")
    ap.add_argument("--batch", type=int, default=32, help="nlp.pipe batch size")
    ap.add_argument("--published", default="2005-01-01",
                    help="publication date given to every article (the corpus has none)")
    ap.add_argument("--workers", type=int, default=1,
                    help="also time analysis in N worker processes (0: one per core)")
    args = ap.parse_args()
    if not CORPUS.exists():
        print(f"skipped: {CORPUS} not found (the benchmark needs ../shared/corpus)")
        return 0

    from storytrace.nlp.analyze import STEPS, Analyzer
    from storytrace.nlp.context import AnalyzedDoc
    from storytrace.records import Document

    rows = load(args.limit)
    texts = [r["text"] for r in rows]
    docs = [Document(id=r["id"], title=r.get("title"), text=r["text"], published=args.published,
                     source=r.get("source")) for r in rows]
    words = sum(len(t.split()) for t in texts)
    analyzer = Analyzer(model=args.model)
    nlp = analyzer.nlp
    list(analyzer.analyze(docs[:5]))  # warm-up: loads every layer's data
    print(f"{len(texts)} articles, {words:,} words; model {analyzer.res.model}; "
          f"peak memory after warm-up {peak_mb():.0f} MB", flush=True)

    with Clock() as bare:
        parsed = list(nlp.pipe(texts, batch_size=args.batch))
    bare_peak = peak_mb()
    with Clock() as full:
        for _ in analyzer.analyze(docs, batch_size=args.batch):
            pass
    full_peak = peak_mb()

    per_layer = dict.fromkeys((name for name, _ in STEPS), 0.0)
    pub = date.fromisoformat(args.published)
    for doc, spacy_doc in zip(docs, parsed, strict=True):
        ad = AnalyzedDoc(doc=spacy_doc, doc_id=doc.id, published=pub, res=analyzer.res)
        for name, extract in STEPS:
            t0 = time.process_time()
            setattr(ad, name, extract(ad))
            per_layer[name] += time.process_time() - t0

    n = len(texts)
    print(f"{'':<16}{'docs/s':>9}{'words/s':>10}{'wall s':>9}{'cpu s':>8}{'peak MB':>9}")
    for label, c, peak in (("bare spaCy", bare, bare_peak), ("full analysis", full, full_peak)):
        print(f"{label:<16}{n / c.wall:>9.1f}{words / c.wall:>10,.0f}{c.wall:>9.1f}{c.cpu:>8.1f}{peak:>9.0f}")
    ratio_wall, ratio_cpu = bare.wall / full.wall, bare.cpu / full.cpu
    layers = sum(per_layer.values())
    ratio_layers = bare.cpu / (bare.cpu + layers)
    print(f"throughput ratio full/bare: {ratio_wall:.3f} (wall), {ratio_cpu:.3f} (cpu), "
          f"{ratio_layers:.3f} (bare cpu / (bare cpu + layer cpu))  [bar >= {BAR}]")
    print("layer cost (cpu, share of bare spaCy):  " + "  ".join(
        f"{name} {1000 * t / n:.1f} ms/doc ({100 * t / bare.cpu:.1f}%)" for name, t in per_layer.items()))
    from storytrace.nlp.parallel import resolve_workers

    workers = resolve_workers(args.workers)
    if workers > 1:
        parallel = Analyzer(analyzer.res, workers=workers)
        with Clock() as par:
            for _ in parallel.analyze(docs):
                pass
        print(f"{workers} workers: {n / par.wall:.1f} docs/s, {words / par.wall:,.0f} words/s "
              f"({full.wall / par.wall:.2f}x one process, start-up included)")
    ok = max(ratio_wall, ratio_cpu, ratio_layers) >= BAR
    if not ok:
        print(f"FAIL: full analysis is below {BAR} x the bare pipeline")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
