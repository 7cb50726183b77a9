"""Stories, timeline, network and tracked-figure endpoints."""

from __future__ import annotations

import pytest


def _first_story(client) -> int:  # type: ignore[no-untyped-def]
    stories = client.get("/api/stories").json()["items"]
    assert stories, "ingest assigns every document to a story"
    return int(stories[0]["id"])


def test_stories_list_and_detail(client) -> None:
    stories = client.get("/api/stories").json()["items"]
    assert sum(s["documents"] for s in stories) == 3
    sid = _first_story(client)
    story = client.get(f"/api/stories/{sid}").json()
    for key in ("title", "documents_list", "timeline", "figures", "key_actors", "first_published"):
        assert key in story
    ids = {d["id"] for d in story["documents_list"]}
    filtered = client.get(f"/api/documents?story={sid}").json()["items"]
    assert {d["id"] for d in filtered} == ids


@pytest.mark.parametrize("url, status", [
    ("/api/stories/999999", 404), ("/api/stories/not-a-story", 422), ("/api/documents?story=999999", 404),
    ("/api/timeline?story=abc", 422), ("/api/network?format=png", 422), ("/api/stories?order=random", 422),
])
def test_story_errors(client, url: str, status: int) -> None:
    response = client.get(url)
    assert response.status_code == status, response.text
    assert response.json()["error"]["status"] == status


def test_timeline_is_in_date_order(client) -> None:
    items = client.get("/api/timeline").json()["items"]
    dates = [e["date"] for e in items if e["date"]]
    assert dates == sorted(dates)
    assert client.get("/api/timeline?format=csv").headers["content-type"].startswith("text/csv")


def test_network_json_and_graphml(client) -> None:
    net = client.get("/api/network").json()
    assert set(net) >= {"nodes", "edges"}
    for edge in net["edges"]:
        assert {"source", "target"} <= set(edge)
    graphml = client.get("/api/network?format=graphml")
    assert graphml.status_code == 200 and b"<graphml" in graphml.content


def test_figures(client) -> None:
    found = client.get("/api/figures", params={"q": "North Korean troops"}).json()["items"]
    assert found, "the troop figure of w-001 is tracked"
    top = found[0]
    assert top["observations"][0]["high"] == 10000
    assert client.get("/api/figures?format=csv").status_code == 200


@pytest.mark.parametrize("path", ["/stories", "/figures", "/figures?q=troops"])
def test_story_pages(client, path: str) -> None:
    assert client.get(path).status_code == 200
    sid = _first_story(client)
    assert client.get(f"/stories/{sid}").status_code == 200
    assert client.get("/stories/424242", headers={"accept": "text/html"}).status_code == 404
