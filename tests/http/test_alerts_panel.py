"""Alerts over HTTP and in the dashboard: ``/api/alerts`` serves the stored firings with
their events and stories; the alerts panel lists them, filters the events to a firing's
key and window on a click, and links to the stories (the evidence)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from test_http_browser import ARGS, CHROMIUM, _shots  # type: ignore[import-not-found]

from alerts.history import history, write
from conftest import LiveServer, running  # type: ignore[import-not-found]
from dateline.alerts import evaluate_rules, load_rules
from dateline.settings import Settings
from dateline.store import Store

RULES = Path(__file__).resolve().parents[1] / "alerts" / "rules.yaml"


@pytest.fixture(scope="module")
def alerts_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    url = f"sqlite:///{tmp_path_factory.mktemp('alerts') / 'alerts.db'}"
    with Store.open(url) as store:
        write(store, history())
        evaluate_rules(store, load_rules(RULES))
    with running(url, Settings()) as live:
        yield live


def test_api_alerts_pages_and_filters_by_rule(alerts_server: LiveServer) -> None:
    with httpx.Client(base_url=alerts_server.url, timeout=30) as http:
        body = http.get("/api/alerts", params={"per_page": 3}).json()
        assert body["total"] == 7 and len(body["items"]) == 3
        assert body["items"][0]["window_start"] >= body["items"][-1]["window_start"]
        dyad = http.get("/api/alerts", params={"rule": "violent-dyads"}).json()["items"]
        assert [(a["by"], a["key"], a["events"]) for a in dyad] == [("dyad", "IRQ-USA", 3)]
        assert len(dyad[0]["event_ids"]) == 3 and len(dyad[0]["article_ids"]) == 3
        assert http.get("/api/alerts", params={"rule": "no such rule!"}).status_code == 400


def test_api_alerts_without_firings_is_empty(live_server: LiveServer) -> None:
    body = httpx.get(f"{live_server.url}/api/alerts", timeout=30).json()
    assert body["total"] == 0 and body["items"] == []


@pytest.mark.skipif(not CHROMIUM.exists(), reason=f"needs Chromium at {CHROMIUM}")
def test_alerts_panel_filters_and_links_to_evidence(
    alerts_server: LiveServer, tmp_path: Path
) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.set_default_timeout(15_000)
        page.goto(alerts_server.url + "/")
        page.wait_for_selector("body[data-loaded=dashboard]")
        rows = page.locator("#alerts tbody tr")
        assert rows.count() == 7
        assert page.locator("#alerts-total").inner_text() == "7 fired"
        page.locator("#alerts-panel").screenshot(path=str(_shots(tmp_path) / "alerts.png"))

        dyad_row = rows.filter(has_text="violent-dyads")
        dyad_row.locator("td").first.click()
        page.wait_for_selector("body[data-loaded=dashboard]")
        assert page.locator("#filters input[name=dyad]").input_value() == "IRQ,USA"
        assert page.locator("#filters input[name=date_from]").input_value() == "2024-02-10"
        assert page.locator("#events-total").inner_text() == "3 matching"

        dyad_row.locator("a.story").first.click()
        page.wait_for_selector("body[data-loaded=article]")
        assert "Report" in page.locator("#article-text").inner_text()
        browser.close()
