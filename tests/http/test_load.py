"""A bounded load test on loopback: the real app under uvicorn over the corpus,
2,000 requests at concurrency 20 across the main routes, no errors; the p50 and p95
latencies are printed and written to ``load.json`` under the test's tmp_path."""

from __future__ import annotations

import json
import statistics
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from conftest import LiveServer  # type: ignore[import-not-found]
from dateline.model import Extraction

REQUESTS = 2_000
CONCURRENCY = 20
#: A loose ceiling, far above what loopback needs; the real figure is printed.
P95_CEILING_S = 5.0


def _routes(grounded: Extraction) -> list[tuple[str, dict[str, str]]]:
    return [
        ("/api/stats", {}),
        ("/api/events", {"per_page": "20"}),
        ("/api/events", {"actor": "USA", "sort": "-date"}),
        ("/api/events", {"dyad": "IRQ,USA", "date_from": "2021-01-01"}),
        ("/api/articles", {}),
        ("/api/articles", {"q": "troops"}),
        (f"/api/articles/{grounded.article.id}", {}),
        ("/api/series", {"interval": "month"}),
        ("/api/net", {}),
        ("/api/actors", {}),
        ("/api/dyads", {}),
        ("/api/network", {}),
        ("/api/locations", {}),
        ("/api/clusters", {}),
        ("/", {}),
    ]


def _timed_get(client: httpx.Client, route: tuple[str, dict[str, str]]) -> tuple[str, int, float]:
    path, params = route
    started = time.perf_counter()
    try:
        status = client.get(path, params=params).status_code
    except httpx.HTTPError as exc:
        return f"{path}: {type(exc).__name__}", 0, time.perf_counter() - started
    return path, status, time.perf_counter() - started


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


@pytest.mark.slow
def test_two_thousand_requests_at_concurrency_20_without_errors(
    live_server: LiveServer, grounded: Extraction, tmp_path: Path
) -> None:
    routes = _routes(grounded)
    plan = [routes[i % len(routes)] for i in range(REQUESTS)]
    limits = httpx.Limits(max_connections=CONCURRENCY, max_keepalive_connections=CONCURRENCY)
    started = time.perf_counter()
    with (
        httpx.Client(base_url=live_server.url, timeout=30, limits=limits) as client,
        ThreadPoolExecutor(CONCURRENCY) as pool,
    ):
        results = list(pool.map(lambda route: _timed_get(client, route), plan))
    elapsed = time.perf_counter() - started
    errors = [(path, status) for path, status, _ in results if status != 200]
    latencies = [seconds for _, _, seconds in results]
    figures = {
        "requests": len(results),
        "concurrency": CONCURRENCY,
        "errors": len(errors),
        "p50_ms": round(1000 * statistics.median(latencies), 1),
        "p95_ms": round(1000 * _percentile(latencies, 0.95), 1),
        "max_ms": round(1000 * max(latencies), 1),
        "requests_per_s": round(len(results) / elapsed, 1),
    }
    (tmp_path / "load.json").write_text(json.dumps(figures), encoding="utf-8")
    print(f"\nload test: {figures}")
    assert not errors, errors[:10]
    assert figures["p95_ms"] / 1000 < P95_CEILING_S


def test_percentile_picks_the_nearest_rank() -> None:
    values = [float(v) for v in range(1, 101)]
    assert _percentile(values, 0.5) == 51.0  # rank round(0.5 * 99) = 50, zero-based
    assert _percentile(values, 0.95) == 95.0
    assert _percentile([3.0], 0.95) == 3.0
