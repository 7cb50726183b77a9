#!/usr/bin/env python3
"""make bench: run every benchmark in bench/ (each skips with a message when ../shared is absent).

    .venv/bin/python bench/run.py [--quick]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
BENCHES = [
    ("analysis throughput vs bare spaCy", "throughput.py", ["--limit", "500", "--workers", "0"],
     ["--limit", "100"]),
    ("story clustering (B-cubed)", "stories.py", [], []),
    ("API latency on the BBC corpus", "api_latency.py", [], ["--limit", "300"]),
]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="smaller samples")
    args = ap.parse_args()
    failed = 0
    for title, script, full, quick in BENCHES:
        path = HERE / script
        if not path.exists():
            print(f"== {title}: {script} not present, skipped")
            continue
        print(f"== {title} ({script})", flush=True)
        extra = quick if args.quick else full
        rc = subprocess.run([sys.executable, str(path), *extra], check=False).returncode
        failed += rc != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
