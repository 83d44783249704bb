"""Store fixtures: a fresh SQLite file per test, or PostgreSQL when DATELINE_TEST_PG_URL is set."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from dateline.store import Store


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'test.db'}"


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    with Store.open(db_url) as opened:
        yield opened


@pytest.fixture
def pg_url() -> str:
    url = os.environ.get("DATELINE_TEST_PG_URL")
    if not url:
        pytest.skip("set DATELINE_TEST_PG_URL to a scratch PostgreSQL database to run this")
    return url
