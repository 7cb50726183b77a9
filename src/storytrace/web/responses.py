"""List responses as JSON (with paging info) or CSV (``?format=csv``)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Sequence
from typing import Any, Literal

from fastapi.responses import JSONResponse, StreamingResponse

from storytrace.store.queries import Page

Format = Literal["json", "csv"]


def listing(rows: Sequence[dict[str, Any]], page: Page, fmt: Format, name: str) -> Any:
    if fmt == "csv":
        return csv_response(rows, name)
    return JSONResponse({"items": list(rows), "limit": page.limit, "offset": page.offset,
                         "count": len(rows),
                         "next_offset": page.offset + page.limit if len(rows) == page.limit else None})


def csv_response(rows: Sequence[dict[str, Any]], name: str) -> StreamingResponse:
    columns: list[str] = []
    for row in rows:
        for k in row:
            if k not in columns:
                columns.append(k)

    def lines() -> Iterator[str]:
        buf = io.StringIO()
        writer = csv.DictWriter(buf, columns, extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: _cell(v) for k, v in row.items()})
            yield buf.getvalue()
            buf.seek(0)
            buf.truncate()
        yield buf.getvalue()

    return StreamingResponse(lines(), media_type="text/csv; charset=utf-8",
                             headers={"Content-Disposition": f'attachment; filename="{name}.csv"'})


def _cell(value: Any) -> Any:
    if isinstance(value, (dict, list)):
        if isinstance(value, list) and all(isinstance(v, dict) for v in value):
            return ";".join(str(v.get("id") or v.get("name") or v.get("text") or "") for v in value)
        return json.dumps(value, ensure_ascii=False)
    return value
