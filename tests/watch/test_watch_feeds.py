"""``dateline watch`` against a real HTTP server on loopback: feeds that change between
cycles, 304s, a 500, a malformed feed, a request that times out and a 50 MB body."""

from __future__ import annotations

import time
from pathlib import Path

from spacy.language import Language

from dateline.settings import Settings
from dateline.store import Store
from dateline.watch import WatchConfig, Watcher
from dateline.watch.fetch import Limits
from dateline.watch.state import all_sources
from watch.feedserver import BIG, Route, rss, serving

STORIES = [
    ("Troops", "Gondor sent troops to Arnor on Monday."),
    ("Talks", "Rohan met Gondor in Edoras on Tuesday."),
    ("Threat", "Mordor threatened Gondor on Friday."),
]


def _wait_for(condition: object, seconds: float = 5.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:  # type: ignore[operator]
        time.sleep(0.02)


def test_feeds_across_cycles_with_sources_down(
    tmp_path: Path, settings: Settings, nlp: Language
) -> None:
    with serving() as server:
        server.routes["/news.rss"] = Route(rss("Wire", STORIES[:2]))
        server.routes["/broken"] = Route(status=500)
        server.routes["/slow"] = Route(rss("Slow", STORIES[2:]), delay=3.0)
        server.routes["/big"] = Route(huge=True)
        server.routes["/bad.rss"] = Route(b"<rss><channel><item><title>cut")
        names = ["/news.rss", "/broken", "/slow", "/big", "/bad.rss"]
        urls = {name: server.url(name) for name in names}
        now = [1_000_000.0]
        limits = Limits(max_bytes=1_000_000, timeout=1.0)
        config = WatchConfig(tuple(urls.values()), limits=limits, retry_after=60.0)
        with Store.open(str(tmp_path / "watch.db")) as store:
            watcher = Watcher(config, settings, store, clock=lambda: now[0], nlp=nlp)

            started = time.monotonic()
            first = watcher.cycle()
            assert time.monotonic() - started < 10
            assert (first.items, first.ingest.inserted, first.ingest.rejected) == (3, 2, 1)
            assert set(first.down) == {urls["/broken"], urls["/slow"], urls["/big"]}
            assert "HTTP 500" in first.down[urls["/broken"]]
            assert "within 1 s" in first.down[urls["/slow"]]
            assert "limit of 1,000,000 bytes" in first.down[urls["/big"]]
            _wait_for(lambda: "/big" in server.sent)
            assert server.sent["/big"] < BIG  # the client hung up long before 50 MB
            assert "cycle 1:" in first.line() and "inserted 2" in first.line()

            second = watcher.cycle()  # nothing new: 304s; the failed ones back off
            assert (second.not_modified, second.waiting, second.ingest.inserted) == (2, 3, 0)
            news = [entry for entry in server.log if entry[0] == "/news.rss"]
            assert news[-1][1] is not None and news[-1][2] == 304  # If-None-Match was sent

            server.routes["/news.rss"] = Route(rss("Wire", STORIES))  # one entry more
            server.routes["/broken"] = Route(rss("Mended", [("Aid", "Arnor sent aid to Rohan.")]))
            now[0] += 61  # past the first back-off (60 s)
            third = watcher.cycle()
            assert (third.ingest.inserted, third.ingest.unchanged) == (2, 2)
            assert set(third.down) == {urls["/slow"], urls["/big"]}
            failures = {s.source: s.failures for s in all_sources(store.engine)}
            assert failures[urls["/broken"]] == 0 and failures[urls["/slow"]] == 2
            assert store.counts()["articles"] == 4


def test_a_fetched_page_is_cleaned_like_a_file(
    tmp_path: Path, settings: Settings, nlp: Language
) -> None:
    from ingest.test_html_feeds import PAGE

    with serving() as server:
        server.routes["/troops"] = Route(PAGE.encode(), content_type="text/html; charset=utf-8")
        config = WatchConfig((server.url("/troops"),))
        with Store.open(str(tmp_path / "page.db")) as store:
            report = Watcher(config, settings, store, nlp=nlp).cycle()
            assert (report.items, report.ingest.inserted) == (1, 1)
            (stored,) = list(store.extractions())
    text = stored.article.text
    assert "Iraqi forces moved into the city" in text
    assert "do not read me" not in text and "Home" not in text and "©" not in text
    assert stored.article.title == "Troops move in"
    assert stored.article.origin == server.url("/troops")
