"""Hostile requests: SQL injection in every filter, path traversal, oversize bodies,
missing or wrong tokens. Each gets the right status, the one error shape, and the data
stays as it was."""

from __future__ import annotations

import hashlib
import json
import socket
from collections.abc import Iterator
from urllib.parse import urlsplit

import httpx
import pytest

from conftest import TOKEN, LiveServer, copy_db, running  # type: ignore[import-not-found]
from dateline.settings import Settings
from dateline.store import Store

INJECTIONS = ("USA' OR 1=1--", "IRQ\" OR \"1\"=\"1", "'; DROP TABLE events; --", "%' OR '%'='",
              "USA) UNION SELECT text FROM articles--")  # fmt: skip
FILTERS = ("actor", "actor_sector", "recipient", "recipient_sector", "party", "dyad", "type",
           "mode", "aux", "date_from", "date_to", "date_basis", "country", "near", "text",
           "article", "source", "quad")  # fmt: skip
SOME = ("actor", "dyad", "text", "source", "near")  # tried on every route; all on /api/events
ROUTES = ("events", "series", "net", "actors", "dyads", "network", "locations", "clusters")
TRAVERSALS = ("/static/../../etc/passwd", "/static/%2e%2e/%2e%2e/etc/passwd",
              "/static/..%2f..%2f..%2fetc%2fpasswd", "/static/%2e%2e%2f%2e%2e%2fpyproject.toml",
              "/static/vendor/../../../../../pyproject.toml", "/static/..\\..\\pyproject.toml",
              "/static//etc/passwd", "/static/%252e%252e/%252e%252e/etc/passwd",
              "/static/app.js%00.html", "/../../etc/passwd")  # fmt: skip


def fingerprint(url: str) -> str:
    """A hash of every row of every table (changes if any data changes)."""
    digest = hashlib.sha256()
    with Store.open(url) as store, store.engine.connect() as conn:
        for table in ("articles", "events", "event_actors", "actors", "rejects"):
            for row in conn.exec_driver_sql(f"SELECT * FROM {table} ORDER BY 1, 2"):
                digest.update(repr(tuple(row)).encode())
    return digest.hexdigest()


def assert_error(response: httpx.Response, status: int) -> None:
    assert response.status_code == status, response.text
    assert response.json() == {
        "error": {"status": status, "message": response.json()["error"]["message"]}
    }
    assert response.json()["error"]["message"]


@pytest.fixture(scope="module")
def writable_url(tmp_path_factory: pytest.TempPathFactory, corpus_url: str) -> str:
    return copy_db(corpus_url, tmp_path_factory.mktemp("writable") / "db.sqlite")


@pytest.fixture(scope="module")
def ingest_server(writable_url: str, settings: Settings) -> Iterator[LiveServer]:
    config = {
        "allow_ingest": True,
        "token": TOKEN,
        "max_body_bytes": 50_000,
        "max_ingest_articles": 3,
    }
    with running(writable_url, settings, **config) as live:
        yield live


@pytest.fixture
def writer(ingest_server: LiveServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=ingest_server.url, timeout=60) as http:
        yield http


def test_injection_in_every_filter_changes_nothing(client: httpx.Client, corpus_url: str) -> None:
    before = fingerprint(corpus_url)
    pairs = [
        (route, name) for route in ROUTES for name in FILTERS if route == "events" or name in SOME
    ]
    for route, name in pairs:
        for attack in INJECTIONS:
            response = client.get(f"/api/{route}", params={name: attack})
            assert response.status_code in (200, 400), (route, name, response.text)
            if response.status_code == 400:
                assert_error(response, 400)
            elif route == "events":  # free-text filters: accepted, and match nothing
                assert response.json()["items"] == [], (name, attack)
    assert fingerprint(corpus_url) == before


def test_injection_in_the_article_path(client: httpx.Client) -> None:
    for attack in INJECTIONS:
        assert_error(client.get(f"/api/articles/{attack}"), 404)


def raw_get(base: str, path: str) -> tuple[int, bytes]:
    """GET a path byte for byte (HTTP clients would normalise the dot segments)."""
    host, port = urlsplit(base).hostname, urlsplit(base).port
    assert host and port
    with socket.create_connection((host, port), timeout=10) as sock:
        sock.sendall(f"GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode())
        data = b"".join(iter(lambda: sock.recv(65536), b""))
    status = int(data.split(b" ", 2)[1])
    return status, data


def test_static_path_traversal_is_refused(live_server: LiveServer) -> None:
    for path in TRAVERSALS:
        status, data = raw_get(live_server.url, path)
        assert status in (400, 404), (path, status)
        assert b"root:" not in data and b"[build-system]" not in data, path
    assert raw_get(live_server.url, "/static/app.js")[0] == 200


def test_ingest_is_off_by_default(client: httpx.Client, corpus_url: str) -> None:
    before = fingerprint(corpus_url)
    assert_error(
        client.post("/api/ingest", content="x", headers={"Authorization": f"Bearer {TOKEN}"}), 403
    )
    assert fingerprint(corpus_url) == before


def test_missing_or_wrong_tokens(writer: httpx.Client, writable_url: str) -> None:
    before = fingerprint(writable_url)
    story = "date 2021-07-27 (Test Wire) -- Iraq and Iran signed a trade agreement."
    response = writer.post("/api/ingest", content=story)
    assert_error(response, 401)
    assert response.headers["www-authenticate"] == "Bearer"
    for header in ("Bearer wrong-token", f"Bearer {TOKEN}x", f"Basic {TOKEN}", "Bearer", TOKEN):
        response = writer.post("/api/ingest", content=story, headers={"Authorization": header})
        assert response.status_code in (401, 403), header
        assert_error(response, response.status_code)
    assert fingerprint(writable_url) == before


def test_oversize_and_malformed_bodies(writer: httpx.Client, writable_url: str) -> None:
    before = fingerprint(writable_url)
    auth = {"Authorization": f"Bearer {TOKEN}"}
    assert_error(writer.post("/api/ingest", content=b"x" * 60_000, headers=auth), 413)

    def chunks() -> Iterator[bytes]:  # no Content-Length: the limit holds while streaming
        for _ in range(10):
            yield b"y" * 10_000

    assert_error(writer.post("/api/ingest", content=chunks(), headers=auth), 413)
    assert_error(writer.post("/api/ingest", content=b"x" * 60_000), 413)  # before auth, too
    jsonl = {**auth, "Content-Type": "application/x-ndjson"}
    assert_error(writer.post("/api/ingest", content=" \n\n", headers=jsonl), 400)
    too_many = "\n".join(f'{{"text": "Story {i}."}}' for i in range(4))
    assert_error(writer.post("/api/ingest", content=too_many, headers=jsonl), 413)
    assert_error(
        writer.post("/api/ingest", content="<x/>", headers={**auth, "Content-Type": "text/xml"}),
        415,
    )
    assert_error(writer.post("/api/ingest", content=b"\xff\xfe", headers=auth), 400)
    assert fingerprint(writable_url) == before


def test_ingest_with_the_token_runs_the_pipeline(writer: httpx.Client) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/x-ndjson"}
    story = "Iraq and Iran signed a trade agreement in Baghdad on Monday."
    line = json.dumps({"text": story, "source": "Test Wire", "date": "2021-07-27"})
    body = writer.post("/api/ingest", content=line, headers=auth).json()
    assert body["inserted"] == 1 and len(body["articles"]) == 1
    article = writer.get(f"/api/articles/{body['articles'][0]}").json()
    assert article["article"]["source"] == "Test Wire"
    again = writer.post("/api/ingest", content=line, headers=auth).json()
    assert again["unchanged"] == 1 and again["inserted"] == 0


def test_result_size_limits(client: httpx.Client) -> None:
    assert_error(client.get("/api/events", params={"per_page": 501}), 400)
    assert_error(client.get("/api/events", params={"page": 10_000, "per_page": 500}), 400)
    assert_error(client.get("/api/actors", params={"n": 10_000}), 400)
    assert_error(client.get("/api/events", params={"text": "x" * 201}), 400)


def test_errors_share_one_shape(client: httpx.Client) -> None:
    assert_error(client.get("/api/nothing-here"), 404)
    assert_error(client.post("/api/events"), 405)
    assert_error(client.get("/api/events", params={"quad": "five"}), 400)
    assert_error(client.get("/api/events", params={"near": "1,2"}), 400)
    assert_error(client.get("/api/series", params={"interval": "fortnight"}), 400)


def test_cors_is_closed_by_default_and_explicit_when_set(
    client: httpx.Client, corpus_url: str, settings: Settings
) -> None:
    origin = {"Origin": "https://evil.example"}
    assert "access-control-allow-origin" not in client.get("/api/stats", headers=origin).headers
    with running(corpus_url, settings, cors_origins=("https://ok.example",)) as live:
        ok = httpx.get(f"{live.url}/api/stats", headers={"Origin": "https://ok.example"})
        bad = httpx.get(f"{live.url}/api/stats", headers=origin)
    assert ok.headers["access-control-allow-origin"] == "https://ok.example"
    assert "access-control-allow-origin" not in bad.headers


def test_lone_surrogates_in_ingested_fields_are_stored_not_a_500(
    writer: httpx.Client, writable_url: str
) -> None:
    headers = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/x-ndjson"}
    body = (
        '{"text": "Gondor thanked Arnor\\udc80 on Friday.", "title": "T\\udc80", '
        '"url": "https://e.x/\\udc80", "source": "Wire\\udc80"}\n'
    )
    response = writer.post("/api/ingest", content=body, headers=headers)
    assert response.status_code == 200, response.text
    (article_id,) = response.json()["articles"]
    with Store.open(writable_url) as store:
        (stored,) = store.extractions([article_id])
    assert stored.article.text == "Gondor thanked Arnor\ufffd on Friday."
    assert (stored.article.title, stored.article.url) == ("T\ufffd", "https://e.x/\ufffd")


def test_http_ingest_goes_through_the_readers_and_a_bad_line_is_its_reject(
    writer: httpx.Client, writable_url: str
) -> None:
    headers = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/x-ndjson"}
    story = "Iraq and Iran signed a trade agreement in Baghdad on Monday, officials said."
    body = "\n".join([
        json.dumps({"text": f"BAGHDAD, Jul 26 (Test Wire) - {story}", "date": "27/07/2021"}),
        "{not json",
        json.dumps({"text": "El gobierno anunció el lunes nuevas sanciones contra el país "
                    "vecino, según informaron fuentes oficiales en la capital."}),
    ])  # fmt: skip (three lines: the test server takes at most three stories a request)
    response = writer.post("/api/ingest", content=body, headers=headers)
    assert response.status_code == 200, response.text
    summary = response.json()
    assert (summary["inserted"], summary["rejected"]) == (1, 2)
    assert summary["rejected_by_reason"] == {"json": 1, "language:es": 1}
    (article_id,) = summary["articles"]
    with Store.open(writable_url) as store:
        (stored,) = store.extractions([article_id])
        rejects = {(r["origin"], r["reason"]) for r in store.rejects()}
        runs = [r for r in store.runs() if r["command"] == "ingest http"]
    assert stored.article.text == story and stored.article.source == "Test Wire"
    assert (stored.article.published.isoformat(), stored.article.date_source) == (
        "2021-07-27", "metadata")  # fmt: skip
    assert {("http:2", "json"), ("http:3", "language:es")} <= rejects
    assert any(run["counts"]["rejected_by_reason"] == {"json": 1, "language:es": 1}
               for run in runs)  # fmt: skip


def test_http_plain_text_is_read_as_a_file_is(writer: httpx.Client) -> None:
    headers = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "text/plain"}
    story = "Gondor and Rohan signed a trade agreement in Edoras on Monday, officials said."
    response = writer.post("/api/ingest", content=f"By Jane Roe\nEDORAS (Wire) - {story}",
                           headers=headers)  # fmt: skip
    assert response.status_code == 200, response.text
    article = writer.get(f"/api/articles/{response.json()['articles'][0]}").json()["article"]
    assert (article["text"], article["source"]) == (story, "Wire")
