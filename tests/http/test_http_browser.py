"""The dashboard in a real browser (Playwright driving Debian's Chromium).

Loads the dashboard on the corpus, filters to a dyad present in the data (USA–IRQ when
the extractors yield it), opens an article and checks that the highlighted event spans,
the event list beside the text and the events of the API agree. Screenshots are saved
under the test's tmp_path, or under DATELINE_SCREENSHOTS (``DATELINE_SCREENSHOTS=docs/img``
refreshes the documentation's pictures).
"""

from __future__ import annotations

import os
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
    page.screenshot(path=str(_shots(tmp_path) / "dyad.png"), full_page=True)

    article_id = rows.first.get_attribute("data-article")
    rows.first.click()
    expect(page.locator("body[data-loaded=article]")).to_have_count(1)
    page.screenshot(path=str(_shots(tmp_path) / "article.png"), full_page=True)
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


def _shots(tmp_path: Path) -> Path:
    """Where screenshots go: DATELINE_SCREENSHOTS (e.g. docs/img) or the test's tmp_path."""
    folder = Path(os.environ.get("DATELINE_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _months(first: str, last: str) -> int:
    (y1, m1), (y2, m2) = (map(int, first[:7].split("-")), map(int, last[:7].split("-")))
    return (y2 - y1) * 12 + (m2 - m1) + 1


def test_dashboard_fixes(page: object, live_server: LiveServer, tmp_path: Path) -> None:
    """Filters in the URL, download of the view, clean actor cells, source column,
    zero-filled timeline with a legend, network inside its panel, cluster panel."""
    from playwright.sync_api import Page, expect

    assert isinstance(page, Page)
    base, shots = live_server.url, _shots(tmp_path)
    a, r = pick_dyad(base)
    page.goto(f"{base}/?dyad={a},{r}")
    expect(page.locator("body[data-loaded=dashboard]")).to_have_count(1)
    assert page.input_value("#filters input[name=dyad]") == f"{a},{r}"
    api = httpx.get(f"{base}/api/events", params={"dyad": f"{a},{r}", "per_page": 50}).json()
    expect(page.locator("#events tbody tr")).to_have_count(len(api["items"]))
    cells = page.locator("#events tbody td:nth-child(4)").all_inner_texts()
    assert all(";" not in c for c in cells)
    assert all(len(set(c.split(", "))) == len(c.split(", ")) for c in cells)
    sources = page.locator("#events tbody td:nth-child(2)").all_inner_texts()
    assert sources == [row["source"] or "" for row in api["items"]]
    href = page.get_attribute("#download", "href") or ""
    assert href.startswith("/api/events.csv?") and "dyad=" in href
    csv_ids = {line.split(",")[0] for line in httpx.get(base + href).text.splitlines()[1:]}
    assert len(csv_ids) == api["total"] and {row["event_id"] for row in api["items"]} <= csv_ids

    page.goto(f"{base}/")
    expect(page.locator("body[data-loaded=dashboard]")).to_have_count(1)
    net = httpx.get(f"{base}/api/net", params={"interval": "month"}).json()["items"]
    if net:
        months = _months(net[0]["period"], net[-1]["period"])
        expect(page.locator("#timeline circle.dot.net")).to_have_count(months)
    expect(page.locator("#timeline .legend-item")).to_have_count(3)
    page.wait_for_timeout(1500)  # let the force layout settle
    box = page.locator("#network").bounding_box()
    assert box is not None
    ends = page.evaluate(  # type: ignore[attr-defined]
        """() => {
          const nodes = [...document.querySelectorAll('#network g.node')].map(g => {
            const m = g.getAttribute('transform').match(/translate\\(([-\\d.e]+),([-\\d.e]+)\\)/);
            return [Number(m[1]), Number(m[2])];
          });
          const edges = [...document.querySelectorAll('#network line.edge')].map(l =>
            [Number(l.getAttribute('x1')), Number(l.getAttribute('y1')),
             Number(l.getAttribute('x2')), Number(l.getAttribute('y2'))]);
          return {nodes, edges};
        }"""
    )
    points = {(round(x, 3), round(y, 3)) for x, y in ends["nodes"]}
    for x, y in ends["nodes"]:
        assert 0 <= x <= box["width"] and 0 <= y <= box["height"], (x, y)
    for x1, y1, x2, y2 in ends["edges"]:
        assert (round(x1, 3), round(y1, 3)) in points and (round(x2, 3), round(y2, 3)) in points
    clusters = httpx.get(f"{base}/api/clusters", params={"per_page": 10}).json()
    expect(page.locator("#clusters tbody tr")).to_have_count(len(clusters["items"]))
    page.screenshot(path=str(shots / "dashboard.png"), full_page=True)

    first = clusters["items"][0]
    page.locator("#clusters tbody tr").first.click()
    expect(page.locator("body[data-loaded=dashboard]")).to_have_count(1)
    assert f"cluster={first['cluster'].replace(':', '%3A')}" in page.url
    expect(page.locator("#events tbody tr")).to_have_count(min(first["events"], 50))
    page.screenshot(path=str(shots / "cluster.png"), full_page=True)


def test_api_docs_render_offline(page: object, live_server: LiveServer, tmp_path: Path) -> None:
    from playwright.sync_api import Page, expect

    assert isinstance(page, Page)
    page.goto(f"{live_server.url}/docs")
    expect(page.locator("#swagger-ui .info .title")).to_contain_text("dateline")
    expect(page.locator("#swagger-ui .opblock").first).to_be_visible()
    page.screenshot(path=str(_shots(tmp_path) / "api-docs.png"), full_page=False)
