"""Readers: turn paths, stdin and URLs into raw documents.

Every reader yields :class:`RawDoc` items or :class:`InputError` items (never raises for a
bad document), so one bad line or file never stops the run: the caller stores the good
ones and reports the bad ones with file and line.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from storytrace.errors import InputError
from storytrace.ingest.dates import parse_published

TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSON_SUFFIXES = {".json"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
CSV_SUFFIXES = {".csv", ".tsv"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}
SUPPORTED = TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES | JSONL_SUFFIXES | CSV_SUFFIXES | FEED_SUFFIXES
RECORD_FIELDS = ("id", "title", "text", "published", "source", "url")
DEFAULT_MAX_BYTES = 20_000_000  # one document; JSONL/CSV files are streamed
_SURROGATE = re.compile("[\udc80-\udcff]")


@dataclass
class RawDoc:
    """A document as read, before normalization."""

    text: str
    origin: str  # file[:line] or URL, for messages
    id: str | None = None
    title: str | None = None
    published: str | None = None
    source: str | None = None
    url: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    html: bool = False  # text came out of an HTML page (boilerplate filter applies)
    notes: list[str] = field(default_factory=list)  # warnings, e.g. a guessed encoding


@dataclass
class Defaults:
    """Values given on the command line for documents that lack them."""

    published: str | None = None
    source: str | None = None
    title: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES


Item = RawDoc | InputError


def read_inputs(inputs: Iterable[str], defaults: Defaults | None = None) -> Iterator[Item]:
    """Yield documents (or errors) from paths, directories, ``-`` (stdin) and URLs."""
    defaults = defaults or Defaults()
    for spec in inputs:
        if spec == "-":
            yield from _read_stdin(defaults)
        elif re.match(r"^https?://", spec, re.I):
            from storytrace.ingest.web import read_url

            yield from read_url(spec, defaults)
        else:
            path = Path(spec)
            if path.is_dir():
                yield from read_directory(path, defaults)
            elif path.exists():
                yield from read_file(path, defaults)
            else:
                yield InputError(spec, "no such file or directory")


def iter_files(root: Path) -> Iterator[Path]:
    """Supported files under ``root``, recursively, in a stable order, streamed."""
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if not name.startswith(".") and Path(name).suffix.lower() in SUPPORTED:
                yield Path(dirpath) / name


def read_directory(root: Path, defaults: Defaults) -> Iterator[Item]:
    for path in iter_files(root):
        yield from read_file(path, defaults)


def read_file(path: Path, defaults: Defaults) -> Iterator[Item]:
    suffix = path.suffix.lower()
    where = str(path)
    if suffix in JSONL_SUFFIXES:
        yield from _read_jsonl_stream(path, defaults)
        return
    if suffix in CSV_SUFFIXES:
        yield from _read_csv(path, defaults)
        return
    try:
        size = path.stat().st_size
    except OSError as exc:
        yield InputError(where, f"cannot read file ({exc.strerror})")
        return
    if size == 0:
        yield InputError(where, "empty file")
        return
    if size > defaults.max_bytes:
        yield InputError(where, f"file is {size / 1e6:.1f} MB, over the {defaults.max_bytes / 1e6:.0f} MB "
                                "limit for one document (raise it with --max-size)")
        return
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield InputError(where, f"cannot read file ({exc.strerror})")
        return
    try:
        text, note = decode(data, where)
    except InputError as exc:
        yield exc
        return
    if suffix in JSON_SUFFIXES:
        yield from _read_json(text, where, defaults)
    elif suffix in HTML_SUFFIXES:
        from storytrace.ingest.web import doc_from_html

        yield doc_from_html(text, where, defaults, note=note)
    elif suffix in FEED_SUFFIXES:
        from storytrace.ingest.web import read_feed_text

        yield from read_feed_text(text, where, defaults)
    else:
        yield _text_doc(text, where, defaults, markdown=suffix in {".md", ".markdown"}, note=note)


def decode(data: bytes, where: str) -> tuple[str, str | None]:
    """UTF-8 text, or the detected encoding with a note; binary data is refused."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    sample = data[:65536]
    if b"\x00" in sample or _control_ratio(sample) > 0.1:
        raise InputError(where, "binary file, not text (expected .txt, .html, .json, .jsonl or .csv)")
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        if best is None or best.encoding in (None, "utf_8"):
            raise InputError(where, f"invalid UTF-8 at byte {exc.start} and the encoding could not "
                                    "be detected; convert the file to UTF-8") from None
        return str(best), f"not UTF-8: decoded as {best.encoding}"


def _control_ratio(sample: bytes) -> float:
    if not sample:
        return 0.0
    bad = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return bad / len(sample)


def _text_doc(text: str, where: str, defaults: Defaults, *, markdown: bool = False,
              note: str | None = None) -> Item:
    title = defaults.title
    if markdown:
        m = re.match(r"\s*#\s+(.+)\n", text)
        if m and title is None:
            title = m.group(1).strip()
            text = text[m.end():]
    if not text.strip():
        return InputError(where, "empty file (no text)")
    doc = RawDoc(text=text, origin=where, title=title, published=defaults.published,
                 source=defaults.source)
    if note:
        doc.notes.append(note)
    return doc


def _read_stdin(defaults: Defaults) -> Iterator[Item]:
    data = sys.stdin.buffer.read()
    try:
        text, _ = decode(data, "<stdin>")
    except InputError as exc:
        yield exc
        return
    stripped = text.lstrip()
    if stripped.startswith("{"):
        yield from _read_jsonl_lines(io.StringIO(text), "<stdin>", defaults)
    elif stripped.startswith("<"):
        from storytrace.ingest.web import doc_from_html

        yield doc_from_html(text, "<stdin>", defaults)
    elif not stripped:
        yield InputError("<stdin>", "empty input")
    else:
        yield _text_doc(text, "<stdin>", defaults)


def _read_json(text: str, where: str, defaults: Defaults) -> Iterator[Item]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        yield InputError(f"{where}:{exc.lineno}", f"malformed JSON ({exc.msg})")
        return
    records = data if isinstance(data, list) else data.get("documents", [data]) \
        if isinstance(data, dict) else None
    if not isinstance(records, list):
        yield InputError(where, "JSON must be an object or a list of objects")
        return
    for i, record in enumerate(records, 1):
        yield record_doc(record, f"{where}[{i}]" if isinstance(data, list) else where, defaults)


def _stream_problem(path: Path, what: str) -> InputError | None:
    """Why a streamed file (JSONL, CSV) cannot be read at all: empty or binary."""
    where = str(path)
    if path.stat().st_size == 0:
        return InputError(where, "empty file")
    with open(path, "rb") as fh:
        if b"\x00" in fh.read(65536):
            return InputError(where, f"binary file, not {what}")
    return None


def _read_jsonl_stream(path: Path, defaults: Defaults) -> Iterator[Item]:
    try:
        problem = _stream_problem(path, "JSON lines")
        if problem:
            yield problem
            return
        with open(path, "rb") as fh:
            yield from _read_jsonl_lines(fh, str(path), defaults)
    except OSError as exc:
        yield InputError(str(path), f"cannot read file ({exc.strerror})")


def _read_jsonl_lines(fh: Iterable[bytes | str], where: str, defaults: Defaults) -> Iterator[Item]:
    """One document per line; a bad line (invalid UTF-8, malformed JSON) fails alone."""
    for n, raw in enumerate(fh, 1):
        if isinstance(raw, bytes):
            if n == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                yield InputError(f"{where}:{n}", f"invalid UTF-8 at byte {exc.start} of the line; "
                                                 "convert the file to UTF-8")
                continue
        else:
            line = raw
        if not line.strip():
            continue
        if len(line) > defaults.max_bytes:
            yield InputError(f"{where}:{n}", f"line is {len(line) / 1e6:.1f} MB, over the "
                                             f"{defaults.max_bytes / 1e6:.0f} MB limit (--max-size)")
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputError(f"{where}:{n}", f"malformed JSON ({exc.msg} at column {exc.colno})")
            continue
        yield record_doc(record, f"{where}:{n}", defaults)


def _read_csv(path: Path, defaults: Defaults) -> Iterator[Item]:
    where = str(path)
    try:
        problem = _stream_problem(path, "CSV")
        if problem:
            yield problem
            return
        csv.field_size_limit(defaults.max_bytes)
        with open(path, encoding="utf-8-sig", errors="surrogateescape", newline="") as fh:
            dialect = csv.excel_tab if path.suffix.lower() == ".tsv" else csv.excel
            reader = csv.DictReader(fh, dialect=dialect)
            if not reader.fieldnames or "text" not in [f.strip().lower() for f in reader.fieldnames]:
                yield InputError(f"{where}:1", "CSV header has no 'text' column "
                                               f"(found: {', '.join(reader.fieldnames or [])})")
                return
            while True:
                try:
                    row = next(reader)
                except StopIteration:
                    return
                except (csv.Error, UnicodeDecodeError) as exc:
                    yield InputError(f"{where}:{reader.line_num}", f"unreadable CSV row ({exc})")
                    return
                record = {(k or "").strip().lower(): v for k, v in row.items() if k is not None}
                if any(isinstance(v, str) and _SURROGATE.search(v) for v in record.values()):
                    yield InputError(f"{where}:{reader.line_num}", "invalid UTF-8 in this row; "
                                                                    "convert the file to UTF-8")
                    continue
                yield record_doc(record, f"{where}:{reader.line_num}", defaults)
    except OSError as exc:
        yield InputError(where, f"cannot read file ({exc.strerror})")


def record_doc(record: Any, where: str, defaults: Defaults) -> Item:
    """A JSON/CSV record (fields id, title, text, published, source, url; others kept as meta)."""
    if not isinstance(record, dict):
        return InputError(where, f"expected a JSON object, got {type(record).__name__}")
    text = record.get("text")
    if text is None:
        text = record.get("body") or record.get("content")
    if text is None:
        return InputError(where, "no 'text' field")
    if not isinstance(text, str):
        return InputError(where, f"'text' must be a string, got {type(text).__name__}")
    if not text.strip():
        return InputError(where, "empty 'text'")
    try:
        published = parse_published(record.get("published") or record.get("date")) or defaults.published
    except ValueError as exc:
        return InputError(where, str(exc))
    doc_id = record.get("id")
    if doc_id is not None and not isinstance(doc_id, (str, int)):
        return InputError(where, f"'id' must be a string, got {type(doc_id).__name__}")
    meta = {k: v for k, v in record.items()
            if k not in RECORD_FIELDS and k not in ("body", "content", "date") and v not in (None, "")}
    if isinstance(meta.get("meta"), dict):
        meta.update(meta.pop("meta"))
    return RawDoc(
        text=text, origin=where, id=str(doc_id).strip() or None if doc_id is not None else None,
        title=_str(record.get("title")) or defaults.title, published=published,
        source=_str(record.get("source")) or defaults.source, url=_str(record.get("url")), meta=meta,
    )


def _str(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None
