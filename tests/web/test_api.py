"""Every API endpoint, bad parameters (clear 4xx JSON), CSV downloads, ingest over HTTP, XSS."""

from __future__ import annotations

import csv
import io

import pytest

from storytrace.store.db import Store
from tests.web.conftest import XSS


def _error(response, status: int) -> str:  # type: ignore[no-untyped-def]
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"} and body["error"]["status"] == status
    assert "Traceback" not in response.text
    return str(body["error"]["message"])


def test_stats(client) -> None:
    s = client.get("/api/stats").json()
    assert s["documents_total"] == 3 and s["layers"]["actors"] > 0


def test_documents_list_search_filter_sort_page(client) -> None:
    all_docs = client.get("/api/documents").json()
    assert [d["id"] for d in all_docs["items"]] == ["w-xss", "w-002", "w-001"]  # newest first
    assert client.get("/api/documents?sort=published").json()["items"][0]["id"] == "w-001"
    hits = client.get("/api/documents", params={"q": "Kharkiv police"}).json()["items"]
    assert [d["id"] for d in hits] == ["w-002"]
    assert [d["id"] for d in client.get("/api/documents?source=harbor daily").json()["items"]] == ["w-001"]
    assert [d["id"] for d in client.get("/api/documents?since=2024-11-02&until=2024-11-03").json()["items"]] \
        == ["w-002"]
    page = client.get("/api/documents?limit=2").json()
    assert page["count"] == 2 and page["next_offset"] == 2
    assert client.get("/api/documents?limit=2&offset=2").json()["items"][0]["id"] == "w-001"
    assert client.get("/api/documents?q=" + "%22NEAR(").status_code == 200  # never FTS syntax errors


@pytest.mark.parametrize("url, status, fragment", [
    ("/api/documents?limit=0", 422, "limit"),
    ("/api/documents?limit=100000", 422, "limit"),
    ("/api/documents?offset=-1", 422, "offset"),
    ("/api/documents?since=yesterday", 422, "since"),
    ("/api/documents?sort=DROP%20TABLE", 422, "sort"),
    ("/api/documents?format=xml", 422, "format"),
    ("/api/documents/nope", 404, "no document 'nope'"),
    ("/api/actors?kind=planet", 422, "kind"),
    ("/api/actors?country=NORTHKOREA", 422, "country"),
    ("/api/actors/person:nobody", 404, "no actor"),
    ("/api/events?type=HUG", 422, "unknown event type"),
    ("/api/claims?category=vibes", 422, "category"),
    ("/api/events?sort=type", 422, "sort"),
    ("/api/quotes?sort=-speaker", 422, "sort"),
    ("/api/actors?sort=mentions;DROP", 422, "sort"),
    ("/api/search", 422, "q"),
    ("/api/no-such-endpoint", 404, "Not Found"),
])
def test_bad_parameters_are_clear_json_errors(client, url: str, status: int, fragment: str) -> None:
    assert fragment in _error(client.get(url), status)


def test_document_detail_has_every_layer(client) -> None:
    doc = client.get("/api/documents/w-001").json()
    for key in ("format", "id", "text", "actors", "quotes", "claims", "events", "times", "places"):
        assert key in doc
    assert any(a["id"] == "PRK" for a in doc["actors"])


def test_actor_detail_and_lists(client) -> None:
    actors = client.get("/api/actors").json()["items"]
    assert any(a["id"] == "PRK" for a in actors)
    prk = client.get("/api/actors/PRK").json()
    assert prk["name"] == "North Korea" and prk["documents"] >= 1
    for key in ("quotes", "events_as_actor", "events_as_recipient", "neighbours", "recent_documents"):
        assert isinstance(prk[key], list)
    assert client.get("/api/actors?country=prk").status_code == 200


@pytest.mark.parametrize("endpoint", ["quotes", "claims", "events"])
def test_lists_sort_by_date_either_way(client, endpoint: str) -> None:
    oldest = client.get(f"/api/{endpoint}?limit=500").json()["items"]
    newest = client.get(f"/api/{endpoint}?limit=500&sort=-date").json()["items"]
    assert len(oldest) == len(newest) >= 2

    def when(r: dict) -> str:  # an event's own date where it has one, else its document's
        return r.get("when_value") or r["published"]

    dates = [when(r) for r in oldest]
    assert dates == sorted(dates) and dates[0] < dates[-1]  # the fixture spans several days
    assert [when(r) for r in newest] == sorted(dates, reverse=True)


def test_actors_sort(client) -> None:
    names = [a["name"] for a in client.get("/api/actors?sort=name&limit=500").json()["items"]]
    assert names == sorted(names, key=str.casefold)
    counts = [a["mentions"] for a in client.get("/api/actors?limit=500").json()["items"]]
    assert counts == sorted(counts, reverse=True)  # most mentioned first by default


@pytest.mark.parametrize("endpoint", ["quotes", "claims", "events", "places", "actors", "documents"])
def test_lists_download_as_csv(client, endpoint: str) -> None:
    response = client.get(f"/api/{endpoint}?format=csv")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    json_rows = client.get(f"/api/{endpoint}").json()["items"]
    assert len(rows) == len(json_rows)


def test_sources_and_search(client) -> None:
    assert {s["source"] for s in client.get("/api/sources").json()} >= {"Harbor Daily", "Eastern Wire"}
    found = client.get("/api/search?q=Lavrov").json()
    assert [d["id"] for d in found["documents"]] == ["w-001"]


def test_openapi_and_docs(client) -> None:
    spec = client.get("/openapi.json").json()
    for path in ("/api/documents", "/api/documents/{doc_id}", "/api/actors", "/api/actors/{actor_id}",
                 "/api/quotes", "/api/claims", "/api/events", "/api/places", "/api/search"):
        assert path in spec["paths"], path
    assert client.get("/docs").status_code == 200


def test_xss_is_escaped_everywhere(client) -> None:
    for url in ("/documents/w-xss", "/documents", "/search?q=spokesman", "/quotes", "/"):
        html = client.get(url, headers={"accept": "text/html"}).text
        assert XSS not in html, url
    reader = client.get("/documents/w-xss").text
    assert "&lt;script&gt;alert(" in reader
    raw = client.get("/api/documents/w-xss").json()
    assert XSS in raw["text"]  # the API returns the text as written (JSON, not HTML)


def test_ingest_is_off_by_default(client) -> None:
    assert "disabled" in _error(client.post("/api/documents", json={"text": "x"}), 403)


def test_ingest_needs_the_token(ingest_client) -> None:
    doc = {"id": "h1", "text": "Officials in Seoul said on Monday that talks with Washington on "
                               "troop costs would resume next month.", "published": "2025-02-03"}
    assert "token" in _error(ingest_client.post("/api/documents", json=doc), 401)
    wrong = ingest_client.post("/api/documents", json=doc, headers={"Authorization": "Bearer nope"})
    _error(wrong, 401)
    ok = ingest_client.post("/api/documents", json=doc, headers={"Authorization": "Bearer s3cret-token"})
    assert ok.status_code == 201, ok.text
    assert ok.json()["summary"]["ingested"] == 1
    with Store(ingest_client.db, readonly=True) as s:  # type: ignore[attr-defined]
        assert s.document_row("h1")["status"] == "analyzed"
    bad = ingest_client.post("/api/documents", json={"id": "h2"}, headers={"Authorization": "Bearer s3cret-token"})
    assert "no 'text' field" in _error(bad, 422)


def test_request_size_limit(ingest_client) -> None:
    big = {"text": "word " * 1_200_000}
    response = ingest_client.post("/api/documents", json=big, headers={"Authorization": "Bearer s3cret-token"})
    assert "over" in _error(response, 413)
