#!/usr/bin/env python3
"""Score the product on a dev gold set: ingest its docs.jsonl into a fresh store, export,
and run ../shared/eval/score.py.

    .venv/bin/python scripts/evaluate.py seeds [--layers quotes,claims] [--verbose] [--json]
    .venv/bin/python scripts/evaluate.py polnear_dev --layers quotes
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("set", help="seeds | petr2_gsr | meantime_times | polnear_dev | a folder")
    ap.add_argument("--layers", default=None)
    ap.add_argument("--verbose", "-v", action="store_true")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--model", default=None)
    ap.add_argument("--keep", help="write the export here too")
    args = ap.parse_args()
    set_dir = Path(args.set) if Path(args.set).is_dir() else SHARED / "eval" / args.set
    if not (set_dir / "docs.jsonl").is_file():
        print(f"no such set: {set_dir}", file=sys.stderr)
        return 2
    exe = str(ROOT / ".venv" / "bin" / "storytrace")
    with tempfile.TemporaryDirectory() as tmp:
        db, out = f"{tmp}/eval.db", args.keep or f"{tmp}/export.jsonl"
        cmd = [exe, "-q", "ingest", str(set_dir / "docs.jsonl"), "--db", db]
        if args.model:
            cmd += ["--model", args.model]
        subprocess.run(cmd, check=False, stdout=subprocess.DEVNULL)
        subprocess.run([exe, "export", "--db", db, "-o", out], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        score = [sys.executable, str(SHARED / "eval" / "score.py"), "--set", str(set_dir), "--pred", out]
        if args.layers:
            score += ["--layers", args.layers]
        if args.verbose:
            score.append("--verbose")
        if args.json:
            score.append("--json")
        return subprocess.run(score, check=False).returncode


if __name__ == "__main__":
    sys.exit(main())
