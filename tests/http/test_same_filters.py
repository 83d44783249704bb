"""One filter language: the same filters through the CLI, the HTTP API and
``dateline.open()`` select the same events, and every bad value is the same clear error."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx
import pytest
from typer.testing import CliRunner

import dateline
from dateline.cli import app
from dateline.cli_filters import option_names
from dateline.query import FILTERS
from dateline.query.filters import EventQuery

runner = CliRunner()

FILTER_SETS: list[dict[str, Any]] = [
    {"party": "usa"},
    {"dyad": "irq,usa", "date_from": "2021"},
    {"actor": "USA", "actor_sector": "gov", "quad": "1"},
    {"type": "assault", "date_basis": "story", "date_to": "2022-12"},
    {"aux": ["future"], "country": "irq"},
    {"near": "33.34,44.40,200", "text": "Baghdad"},
    {"mode": "withdraw", "recipient": "irq"},
    {"source": "Bloomberg", "aux": ["historical"]},
]
BAD: list[tuple[dict[str, Any], str]] = [
    ({"type": "FOO"}, "type"), ({"quad": "7"}, "quad"), ({"mode": "sideways"}, "mode"),
    ({"aux": ["someday"]}, "aux"), ({"date_from": "2024", "date_to": "2023"}, "inverted"),
    ({"date_from": "July"}, "date_from"), ({"dyad": "USA"}, "dyad"), ({"near": "1,2"}, "near"),
    ({"actor": "U S A"}, "actor"), ({"date_basis": "wire"}, "date_basis"),
]  # fmt: skip


def _cli_args(filters: dict[str, Any]) -> list[str]:
    args: list[str] = []
    for name, value in filters.items():
        for item in value if isinstance(value, list) else [value]:
            args += [option_names(name)[0], item]
    return args


def _cli_ids(url: str, filters: dict[str, Any]) -> list[str]:
    path = url.removeprefix("sqlite:///")
    args = ["events", "--db", path, "--format", "json", "--limit", "100000"]
    result = runner.invoke(app, [*args, *_cli_args(filters)])
    assert result.exit_code == 0, result.output
    return sorted(json.loads(line)["event_id"] for line in result.stdout.splitlines())


def _http_ids(client: httpx.Client, filters: dict[str, Any]) -> list[str]:
    body = client.get("/api/events", params={**filters, "per_page": 500}).json()
    assert body["total"] == len(body["items"]), body
    return sorted(row["event_id"] for row in body["items"])


def _api_ids(url: str, filters: dict[str, Any]) -> list[str]:
    with dateline.open(url) as db:
        return sorted(db.events(**filters)["event_id"])


def test_every_interface_has_exactly_the_filter_names(client: httpx.Client) -> None:
    names = set(FILTERS)
    assert {f.name for f in EventQuery.__dataclass_fields__.values()} == names
    schema = client.get("/openapi.json").json()
    for route in ("/api/events", "/api/series", "/api/clusters", "/api/dyads"):
        params = {p["name"] for p in schema["paths"][route]["get"]["parameters"]}
        assert names <= params, route
    help_text = runner.invoke(app, ["events", "--help"], env={"COLUMNS": "200"}).stdout
    for name in names:
        assert option_names(name)[0] in help_text, name


@pytest.mark.parametrize("filters", FILTER_SETS, ids=lambda f: ",".join(f))
def test_cli_http_and_python_select_the_same_events(
    filters: dict[str, Any], client: httpx.Client, corpus_url: str
) -> None:
    ids = _api_ids(corpus_url, filters)
    assert _cli_ids(corpus_url, filters) == ids
    assert _http_ids(client, filters) == ids


def test_the_filter_sets_are_not_trivial(corpus_url: str) -> None:
    with dateline.open(corpus_url) as db:
        total = db.count()
        counts = [db.count(**f) for f in FILTER_SETS]
    assert sum(1 for n in counts if 0 < n < total) >= 6, counts


@pytest.mark.parametrize(("filters", "named"), BAD, ids=lambda v: str(v))
def test_bad_values_are_the_same_error_everywhere(
    filters: dict[str, Any], named: str, client: httpx.Client, corpus_url: str, tmp_path: Path
) -> None:
    response = client.get("/api/events", params=filters)
    assert response.status_code == 400 and named in response.json()["error"]["message"]
    path = corpus_url.removeprefix("sqlite:///")
    result = runner.invoke(app, ["events", "--db", path, *_cli_args(filters)])
    assert result.exit_code == 2 and named in result.stderr
    with dateline.open(corpus_url) as db, pytest.raises(dateline.QueryError, match=named):
        db.count(**filters)
