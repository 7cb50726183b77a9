"""``storytrace export --format jsonl``: one EXPORT.md document per line, streamed."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import IO

from storytrace.store.db import Store


def write_jsonl(store: Store, out: IO[str], *, since: str | None = None, until: str | None = None,
                source: str | None = None, on_doc: Callable[[str], None] | None = None) -> int:
    n = 0
    for row in store.documents(since=since, until=until, source=source):
        out.write(json.dumps(store.export_record(row), ensure_ascii=False))
        out.write("\n")
        n += 1
        if on_doc:
            on_doc(row["id"])
    return n
