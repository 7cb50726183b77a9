"""HTML pages, URLs and RSS/Atom feeds.

The main text of a page comes from trafilatura; lines that are page furniture rather than
article ("Subscribe to our newsletter", "Read more", share buttons) are dropped after it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from storytrace.errors import InputError
from storytrace.ingest.dates import parse_published
from storytrace.ingest.sources import Defaults, Item, RawDoc

USER_AGENT = "storytrace/0.1 (+https://github.com/storytrace/storytrace)"
TIMEOUT = 20.0
MAX_FEED_ENTRIES = 500

_BOILERPLATE = re.compile(
    r"^(?:.{0,40}\b(?:subscribe|sign up|signup)\b.{0,40}\b(?:newsletter|updates|alerts|today)\b.{0,20}"
    r"|(?:stay informed\.?\s*)?subscribe to (?:our|the) newsletter.*"
    r"|(?:read|see) (?:more|also)\b.{0,80}"
    r"|advertisement|sponsored( content)?|share (?:this|on)\b.{0,40}"
    r"|follow us on\b.{0,60}|all rights reserved.{0,60}|copyright\b.{0,80}"
    r"|click here\b.{0,80}|accept (?:all )?cookies.{0,60}|related (?:articles|stories|coverage)"
    r"|(?:image|photo|picture) (?:source|credit|caption)\b.{0,80})\.?$",
    re.I,
)


def strip_boilerplate(text: str) -> str:
    """Drop short lines that are page furniture, not article text."""
    kept = [line for line in text.split("\n")
            if not (len(line) < 140 and _BOILERPLATE.match(line.strip()))]
    return "\n".join(kept)


def doc_from_html(html: str, where: str, defaults: Defaults, *, url: str | None = None,
                  note: str | None = None) -> Item:
    import trafilatura

    try:
        result = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                             include_tables=False, favor_precision=True)
    except Exception as exc:  # trafilatura raises assorted lxml errors on broken markup
        return InputError(where, f"cannot parse HTML ({type(exc).__name__}: {exc})")
    if result is None:
        return InputError(where, "no article text found in the HTML page")
    data: dict[str, Any] = result.as_dict() if hasattr(result, "as_dict") else dict(result)
    text = strip_boilerplate(data.get("text") or "")
    title = data.get("title") or defaults.title
    if title:
        lines = text.split("\n", 1)
        if lines and lines[0].strip() == title.strip() and len(lines) > 1:
            text = lines[1]
    if not text.strip():
        return InputError(where, "no article text found in the HTML page")
    try:
        published = parse_published(data.get("date")) or defaults.published
    except ValueError:
        published = defaults.published
    meta = {k: data[k] for k in ("author", "hostname", "description") if data.get(k)}
    doc = RawDoc(text=text, origin=where, title=title, published=published,
                 source=defaults.source or data.get("sitename") or data.get("hostname"),
                 url=url or data.get("url"), meta=meta, html=True)
    if note:
        doc.notes.append(note)
    return doc


def _client() -> Any:
    import httpx

    return httpx.Client(follow_redirects=True, timeout=TIMEOUT, headers={"User-Agent": USER_AGENT})


def _is_feed(content_type: str, body: str) -> bool:
    if any(t in content_type for t in ("rss", "atom", "/xml", "+xml")):
        return True
    head = body.lstrip()[:500].lower()
    return (head.startswith("<?xml") and ("<rss" in head or "<feed" in head or "<rdf" in head)) \
        or head.startswith("<rss") or head.startswith("<feed")


def read_url(url: str, defaults: Defaults) -> Iterator[Item]:
    """A web page (one document) or a feed (one document per entry)."""
    import httpx

    with _client() as client:
        try:
            response = client.get(url)
            response.raise_for_status()
        except httpx.HTTPStatusError as exc:
            yield InputError(url, f"HTTP {exc.response.status_code} {exc.response.reason_phrase}")
            return
        except httpx.HTTPError as exc:
            yield InputError(url, f"cannot fetch ({type(exc).__name__}: {exc})")
            return
        if len(response.content) > defaults.max_bytes:
            yield InputError(url, f"page is {len(response.content) / 1e6:.1f} MB, over the limit")
            return
        body = response.text
        if _is_feed(response.headers.get("content-type", ""), body):
            yield from read_feed_text(body, url, defaults, client=client)
        else:
            yield doc_from_html(body, url, defaults, url=str(response.url))


def read_feed_text(body: str, where: str, defaults: Defaults, client: Any = None) -> Iterator[Item]:
    """Each feed entry: its linked page when it can be fetched, else the entry's own content."""
    import feedparser
    import httpx

    feed = feedparser.parse(body)
    if not feed.entries:
        reason = f" ({feed.bozo_exception})" if feed.get("bozo") else ""
        yield InputError(where, f"not an RSS/Atom feed, or a feed with no entries{reason}")
        return
    outlet = defaults.source or feed.feed.get("title")
    own = client is None and any(e.get("link", "").startswith("http") for e in feed.entries)
    if own:
        client = _client()
    try:
        for n, entry in enumerate(feed.entries[:MAX_FEED_ENTRIES], 1):
            link = entry.get("link")
            entry_where = f"{where} entry {n}" + (f" ({link})" if link else "")
            published = None
            for key in ("published", "updated"):
                if entry.get(key):
                    try:
                        published = parse_published(entry.get(key))
                        break
                    except ValueError:
                        continue
            page: Item | None = None
            if link and client is not None and link.startswith("http"):
                try:
                    response = client.get(link)
                    response.raise_for_status()
                    page = doc_from_html(response.text, entry_where, defaults, url=str(response.url))
                except httpx.HTTPError as exc:
                    page = InputError(entry_where, f"cannot fetch ({type(exc).__name__})")
            if not isinstance(page, RawDoc):
                content = entry.get("content", [{}])[0].get("value") if entry.get("content") else None
                summary = content or entry.get("summary")
                if not summary:
                    yield page or InputError(entry_where, "entry has no link and no content")
                    continue
                page = doc_from_html(f"<html><body><article><p>{summary}</p></article></body></html>",
                                     entry_where, defaults, url=link)
                if not isinstance(page, RawDoc):
                    yield page
                    continue
            page.title = entry.get("title") or page.title
            page.published = published or page.published or defaults.published
            page.source = outlet or page.source
            page.url = link or page.url
            yield page
    finally:
        if own:
            client.close()
