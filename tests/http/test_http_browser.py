"""The dashboard in a real browser (Playwright driving Debian's Chromium).

Loads the dashboard on the corpus, filters to a dyad present in the data (USA–IRQ when
the extractors yield it), opens an article and checks that the highlighted event spans,
the event list beside the text and the events of the API agree. Screenshots are saved
under the test's tmp_path.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from conftest import LiveServer  # type: ignore[import-not-found]

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update",
        "--disable-sync"]  # fmt: skip

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason=f"browser tests need Chromium at {CHROMIUM} (apt-get install chromium)",
)


@pytest.fixture(scope="module")
def page(live_server: LiveServer) -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        context = browser.new_page(viewport={"width": 1400, "height": 1000})
        context.set_default_timeout(15_000)
        blocked: list[str] = []

        def refuse(route: Any) -> None:
            blocked.append(route.request.url)
            route.abort()

        context.route(lambda url: not url.startswith(live_server.url), refuse)
        yield context
        browser.close()
        assert not blocked, f"the dashboard tried to fetch from elsewhere: {blocked}"


def pick_dyad(base: str) -> tuple[str, str]:
    """USA–IRQ when present, else the dyad with most events."""
    dyads = httpx.get(f"{base}/api/dyads", params={"n": 50}).json()["items"]
    pairs = [(d["actor"], d["recipient"]) for d in dyads]
    for pair in pairs:
        if set(pair) == {"USA", "IRQ"}:
            return pair
    assert pairs, "the corpus has no dyad"
    return pairs[0]


def test_dyad_filter_then_article_view_agree(
    page: object, live_server: LiveServer, tmp_path: Path
) -> None:
    from playwright.sync_api import Page, expect

    assert isinstance(page, Page)
    base = live_server.url
    page.goto(f"{base}/")
    expect(page.locator("body[data-loaded=dashboard]")).to_have_count(1)
    expect(page.locator("#map path.country").first).to_be_attached()
    page.screenshot(path=str(tmp_path / "dashboard.png"), full_page=True)

    a, r = pick_dyad(base)
    page.fill("#filters input[name=dyad]", f"{a},{r}")
    page.click("#apply")
    expect(page.locator("body[data-loaded=dashboard]")).to_have_count(1)
    api = httpx.get(f"{base}/api/events", params={"dyad": f"{a},{r}", "per_page": 50}).json()
    rows = page.locator("#events tbody tr")
    expect(rows).to_have_count(len(api["items"]))
    assert {rows.nth(i).get_attribute("data-event") for i in range(rows.count())} == {
        e["event_id"] for e in api["items"]
    }
    expect(page.locator("#events-total")).to_have_text(f"{api['total']} matching")
    page.screenshot(path=str(tmp_path / "dyad.png"), full_page=True)

    article_id = rows.first.get_attribute("data-article")
    rows.first.click()
    expect(page.locator("body[data-loaded=article]")).to_have_count(1)
    page.screenshot(path=str(tmp_path / "article.png"), full_page=True)
    check_highlights(page, base, str(article_id))
    print(f"screenshots: {tmp_path}")


def check_highlights(page: object, base: str, article_id: str) -> None:
    """Each event's highlighted segments spell its span; list, text and API agree."""
    record = httpx.get(f"{base}/api/articles/{article_id}").json()
    stored = httpx.get(f"{base}/api/events", params={"article": article_id, "per_page": 500}).json()
    text = record["article"]["text"]
    found = page.evaluate(  # type: ignore[attr-defined]
        """() => {
          const pieces = {};
          for (const seg of document.querySelectorAll('#article-text .seg[data-events]')) {
            for (const id of seg.dataset.events.split(' ')) {
              (pieces[id] = pieces[id] || []).push([Number(seg.dataset.start), seg.textContent]);
            }
          }
          const items = document.querySelectorAll('#article-events li');
          const listed = [...items].map(li => li.dataset.eventId);
          return {pieces, listed, full: document.querySelector('#article-text').textContent};
        }"""
    )
    assert found["full"] == text
    assert found["listed"] == [e["id"] for e in record["events"]]
    assert set(found["pieces"]) == set(found["listed"]) == {e["event_id"] for e in stored["items"]}
    for event in record["events"]:
        start, end = event["span"]
        pieces = sorted(found["pieces"][event["id"]])
        assert pieces[0][0] == start and "".join(p for _, p in pieces) == text[start:end]
    kinds = {"actor": record["actors"], "time": record["times"], "place": record["places"],
             "quote": record["quotes"], "quantity": record["quantities"]}  # fmt: skip
    for cls, records in kinds.items():
        shown = page.locator(f"#article-text .seg.{cls}").count()  # type: ignore[attr-defined]
        assert (shown > 0) == bool(records), cls
