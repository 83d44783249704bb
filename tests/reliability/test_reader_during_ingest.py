"""A reader keeps answering while an ingest in another process writes to the same
SQLite file (WAL): the query layer and the HTTP app over it (uvicorn) never fail, and what
they see only grows, one whole article at a time."""

from __future__ import annotations

import time
from pathlib import Path

import httpx
import pytest

from dateline.query import open_db
from dateline.settings import Settings
from dateline.store import Store
from reliability.corpus import start_ingest, synthetic_corpus
from reliability.live import served
from shared_paths import CACHE


@pytest.mark.slow
def test_query_layer_and_http_answer_during_an_ingest(tmp_path: Path) -> None:
    corpus = synthetic_corpus(tmp_path / "corpus.jsonl", 80)
    db = tmp_path / "live.db"
    Store.open(str(db)).close()  # the schema exists before the reader opens it
    settings = Settings(db_url=f"sqlite:///{db}", cache_dir=CACHE)
    seen: list[tuple[int, int]] = []  # (articles, events) per round, as the reader saw them
    process = start_ingest(corpus, db)
    try:
        with (
            open_db(str(db)) as reader,
            served(settings) as url,
            httpx.Client(base_url=url, timeout=30) as client,
        ):
            while process.poll() is None:
                stats = client.get("/api/stats")
                assert stats.status_code == 200, stats.text
                page = client.get("/api/events", params={"per_page": 20})
                assert page.status_code == 200, page.text
                assert client.get("/api/articles", params={"q": "ministry"}).status_code == 200
                reader.refresh()
                frame = reader.events(limit=50)
                assert len(frame) <= 50
                seen.append((stats.json()["articles"], reader.count()))
                time.sleep(0.05)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.wait(timeout=60) == 0
    with Store.open(str(db)) as store:
        final = store.counts()
        assert store.check().ok
    assert final["articles"] == 80
    articles = [a for a, _ in seen]
    assert articles == sorted(articles), "the reader saw articles disappear"
    mid_run = [a for a in articles if 0 < a < final["articles"]]
    print(f"\n{len(seen)} reads, {len(mid_run)} of them mid-ingest")
    assert len(mid_run) >= 3, f"too few reads during the ingest: {seen}"
    assert all(events <= final["events"] for _, events in seen)
