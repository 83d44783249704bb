"""The HTTP API over the corpus: routes, paging, consistency with the query layer."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import httpx

from dateline.model import Extraction
from dateline.query import open_db


def test_stats_and_openapi(client: httpx.Client) -> None:
    stats = client.get("/api/stats").json()
    assert stats["articles"] >= 1 and stats["events"] >= 3
    schema = client.get("/openapi.json").json()
    for path in ("/api/events", "/api/articles/{article_id}", "/api/series", "/api/net",
                 "/api/actors", "/api/dyads", "/api/network", "/api/locations", "/api/clusters",
                 "/api/ingest"):  # fmt: skip
        assert path in schema["paths"], path


def test_events_page_matches_the_query_layer(client: httpx.Client, corpus_url: str) -> None:
    body = client.get("/api/events", params={"dyad": "IRQ,USA", "per_page": 2}).json()
    with open_db(corpus_url) as db:
        expected = db.count(dyad=("USA", "IRQ"))
    assert body["total"] == expected >= 2 and len(body["items"]) == 2
    for row in body["items"]:
        assert {row["actor"], row["recipient"]} & {"USA", "IRQ"}
    page2 = client.get("/api/events", params={"dyad": "IRQ,USA", "per_page": 2, "page": 2}).json()
    assert not {r["event_id"] for r in page2["items"]} & {r["event_id"] for r in body["items"]}


def _ends_on_or_after(day: date) -> Callable[[dict[str, Any]], bool]:
    """Date filters keep events whose interval (date .. enddate) reaches ``day``."""

    def check(row: dict[str, Any]) -> bool:
        return row["date_end"] is not None and date.fromisoformat(row["date_end"]) >= day

    return check


def test_every_filter_returns_only_matching_rows(client: httpx.Client) -> None:
    checks = {
        "actor": ("USA", lambda r: "USA" in r["actor"].split(";")),
        "recipient": ("IRQ", lambda r: "IRQ" in r["recipient"].split(";")),
        "type": ("assault", lambda r: r["type"] == "ASSAULT"),
        "quad": ("1", lambda r: r["quad"] == 1),
        "aux": ("future", lambda r: "future" in (r["aux"] or "").split(";")),
        "country": ("irq", lambda r: r["country"] == "IRQ"),
        "near": ("33.34,44.40,20", lambda r: r["place"] == "Baghdad"),
        "date_from": ("2021-07-26", _ends_on_or_after(date(2021, 7, 26))),
    }
    for name, (value, ok) in checks.items():
        rows = client.get("/api/events", params={name: value, "per_page": 500}).json()["items"]
        assert rows, name
        assert all(ok(r) for r in rows), name


def test_full_text_search(client: httpx.Client, grounded: Extraction) -> None:
    rows = client.get("/api/events", params={"text": "rockets Baghdad"}).json()["items"]
    assert rows and {r["article_id"] for r in rows} == {grounded.article.id}
    assert client.get("/api/articles", params={"text": "al-Kadhimi"}).json()["items"]


def test_article_has_records_with_spans(client: httpx.Client, grounded: Extraction) -> None:
    story = grounded
    body = client.get(f"/api/articles/{story.article.id}").json()
    text = body["article"]["text"]
    assert [e["id"] for e in body["events"]] == [e.id for e in story.events]
    for event in body["events"]:
        start, end = event["span"]
        assert text[start:end] == event["event_text"]
    (own,) = body["sources"]  # stored once, from one source
    assert (own["id"], own["source"], own["similarity"]) == (story.article.id, "Fixture Wire", 1.0)
    missing = client.get("/api/articles/sha256:none")
    assert missing.status_code == 404 and missing.json()["error"]["status"] == 404


def test_aggregations(client: httpx.Client) -> None:
    series = client.get("/api/series", params={"dyad": "USA,IRQ", "interval": "month"}).json()
    assert series["items"] and all(r["period"].endswith("-01") for r in series["items"])
    net = client.get("/api/net", params={"party": "USA"}).json()["items"]
    assert all(abs(r["net"] - (r["cooperation"] + r["conflict"])) < 1e-9 for r in net)
    actors = client.get("/api/actors", params={"n": 5}).json()["items"]
    assert len(actors) <= 5 and actors[0]["events"] >= actors[-1]["events"]
    graph = client.get("/api/network").json()
    ids = {n["id"] for n in graph["nodes"]}
    assert all(e["source"] in ids and e["target"] in ids for e in graph["edges"])
    places = client.get("/api/locations").json()["items"]
    assert {"Baghdad", "Washington"} <= {p["place"] for p in places}
    clusters = client.get("/api/clusters", params={"per_page": 5}).json()
    assert clusters["total"] >= 1 and len(clusters["items"]) <= 5


def test_dashboard_and_static_files(client: httpx.Client) -> None:
    page = client.get("/")
    assert page.status_code == 200 and "dateline" in page.text
    assert "default-src 'self'" in page.headers["content-security-policy"]
    for name in ("app.js", "style.css", "vendor/d3.min.js", "vendor/countries-110m.json"):
        assert client.get(f"/static/{name}").status_code == 200, name
    assert "http://" not in client.get("/static/app.js").text  # nothing fetched from elsewhere


def _get_paths(client: httpx.Client, grounded: Extraction) -> list[str]:
    schema = client.get("/openapi.json").json()
    paths = [p.replace("{article_id}", grounded.article.id)
             for p, ops in schema["paths"].items() if "get" in ops]  # fmt: skip
    return [*paths, "/", "/docs", "/openapi.json", "/static/app.js", "/static/vendor/d3.min.js"]


def test_head_answers_on_every_get_route_without_a_body(
    client: httpx.Client, grounded: Extraction
) -> None:
    for path in _get_paths(client, grounded):
        got, head = client.get(path), client.head(path)
        assert got.status_code == head.status_code == 200, path
        assert head.content == b"", path
        assert head.headers.get("content-length") == got.headers.get("content-length"), path
        assert head.headers["content-type"] == got.headers["content-type"], path
    assert client.head("/api/events", params={"type": "FOO"}).status_code == 400


def test_api_docs_are_served_from_the_package(client: httpx.Client) -> None:
    page = client.get("/docs")
    assert page.status_code == 200 and 'id="swagger-ui"' in page.text
    assert "http" not in page.text.replace('http-equiv', "")  # nothing from elsewhere
    for asset in ("/static/vendor/swagger-ui-bundle.js", "/static/vendor/swagger-ui.css",
                  "/static/docs.js"):  # fmt: skip
        assert asset in page.text and client.get(asset).status_code == 200, asset
    assert "/openapi.json" in client.get("/static/docs.js").text
    redoc = client.get("/redoc", follow_redirects=False)
    assert redoc.status_code in (302, 307) and redoc.headers["location"] == "/docs"


def test_events_csv_is_the_current_view(client: httpx.Client) -> None:
    params = {"dyad": "usa,irq"}
    got = client.get("/api/events.csv", params=params)
    assert got.status_code == 200 and got.headers["content-type"].startswith("text/csv")
    assert "attachment" in got.headers["content-disposition"]
    lines = got.text.splitlines()
    header = lines[0].split(",")
    assert header[:3] == ["event_id", "cluster_id", "article_id"]
    page = client.get("/api/events", params={**params, "per_page": 500}).json()
    ids = {line.split(",")[0] for line in lines[1:]}
    assert ids == {row["event_id"] for row in page["items"]} and len(ids) == page["total"]
    assert client.get("/api/events.csv", params={"quad": "9"}).status_code == 400
