"""A running server gives cluster ids to events ingested while it serves (issue #16:
the ids were built once, at start-up, and events stored later had none)."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

import httpx

from conftest import copy_db, running  # type: ignore[import-not-found]
from dateline.model import ActorMention, Article, Event, Extraction, event_id
from dateline.settings import Settings
from dateline.store import Store

LATE_TEXT = "Turkish troops shelled Kurdish positions near the border on Tuesday."


def late_story() -> Extraction:
    """One story with one coded event, written after the server started."""
    article = Article.create(LATE_TEXT, source="Late Wire", published=date(2024, 3, 5),
                             title="Shelling at the border", origin="late")  # fmt: skip
    span = (0, LATE_TEXT.index(" near"))
    turkey = ActorMention("Turkish troops", (0, 14), code="TUR", sector="MIL", kind="group")
    kurds = ActorMention("Kurdish positions", (23, 40), code="KUR", sector="REB", kind="group")
    event = Event(event_id(article.id, span, "ASSAULT"), "ASSAULT", span, LATE_TEXT[: span[1]],
                  0, "fixture:assault", 0.9, actor=(turkey,), recipient=(kurds,),
                  date="2024-03-05", date_precision="day")  # fmt: skip
    return Extraction(article, (event,), (turkey, kurds))


def _cluster_of(http: httpx.Client, event: str) -> str | None:
    items = http.get("/api/events", params={"actor": "TUR", "per_page": 50}).json()["items"]
    found = {row["event_id"]: row["cluster_id"] for row in items}
    assert event in found, "the event written while serving is listed"
    return found[event]


def _cluster_soon(http: httpx.Client, event: str, seconds: float = 20.0) -> str | None:
    """The event's cluster id once a page's rebuild (run after the response) is done."""
    deadline = time.monotonic() + seconds
    while (found := _cluster_of(http, event)) is None and time.monotonic() < deadline:
        time.sleep(0.1)
    return found


def test_events_written_while_serving_get_cluster_ids(
    corpus_url: str, settings: Settings, tmp_path: Path
) -> None:
    url = copy_db(corpus_url, tmp_path / "db.sqlite")
    story = late_story()
    with running(url, settings) as live, httpx.Client(base_url=live.url, timeout=30) as http:
        before = http.get("/api/events", params={"per_page": 1}).json()
        assert before["items"] and before["items"][0]["cluster_id"], "ids built at start-up"
        with Store.open(url) as store:  # another writer, as a separate ingest would be
            assert store.write(story) == "inserted"
        cluster = _cluster_soon(http, story.events[0].id)
    assert cluster is not None and cluster.startswith("cl:")


def test_a_page_does_not_wait_for_a_rebuild_in_another_thread(
    corpus_url: str, settings: Settings, tmp_path: Path
) -> None:
    """While a rebuild runs elsewhere, a page is served at once with the ids as they stand."""
    url = copy_db(corpus_url, tmp_path / "db.sqlite")
    with running(url, settings) as live, httpx.Client(base_url=live.url, timeout=30) as http:
        db = live.server.config.app.state.db
        with Store.open(url) as store:
            store.write(late_story())
        with db._building:  # a rebuild under way elsewhere
            assert db.assign_clusters() == 0
            response = http.get("/api/events", params={"actor": "TUR"})
        assert response.status_code == 200
        assert response.json()["items"][0]["cluster_id"] is None  # ids as they stood
        assert _cluster_soon(http, late_story().events[0].id) is not None
