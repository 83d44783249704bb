"""The SQLite views for Datasette and pandas users: ``events_flat`` holds exactly the rows
of ``Database.rows()`` (the flat layout), ``clusters`` the counts of the stored clusters."""

from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from dateline.model import Extraction, Quantity
from dateline.query import COLUMNS, Database, open_db
from dateline.store import Store
from store.factories import make_extraction


def _with_casualties(n: int) -> Extraction:
    base = make_extraction(n, date(2021, 7, 27))
    hundreds = Quantity(200, "hundreds", (10, 18), "people", "people", approx="hundreds")
    assault = dataclasses.replace(base.events[0], size={"dead": 200.0, "injured": 3.0})
    return dataclasses.replace(
        base, events=(assault, *base.events[1:]), quantities=(*base.quantities, hundreds)
    )


@pytest.fixture
def path(tmp_path: Path) -> Iterator[Path]:
    file = tmp_path / "v.db"
    with Store.open(f"sqlite:///{file}") as store:
        store.write_many([make_extraction(1, date(2021, 7, 26)), _with_casualties(2),
                          make_extraction(3, None)])  # fmt: skip
    yield file


def test_events_flat_view_equals_the_flat_rows(path: Path) -> None:
    with open_db(f"sqlite:///{path}") as db:
        expected = {r["event_id"]: r for r in db.rows()}
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    rows = [dict(r) for r in conn.execute("SELECT * FROM events_flat")]
    assert rows and list(rows[0]) == list(COLUMNS)
    assert len(rows) == len(expected) == 9
    for row in rows:
        want = expected[row["event_id"]]
        got = {k: (bool(v) if k == "size_approximate" and v is not None else v)
               for k, v in row.items()}  # fmt: skip
        assert got == want, row["event_id"]


def test_clusters_view_counts_the_stored_clusters(path: Path) -> None:
    url = f"sqlite:///{path}"
    with open_db(url) as db:
        counts = db.cluster_counts()
    conn = sqlite3.connect(path)
    query = "SELECT cluster_id, events, articles, sources FROM clusters"
    found = {c: (n, a, s) for c, n, a, s in conn.execute(query)}
    assert found == {c: (v["events"], v["articles"], v["sources"]) for c, v in counts.items()}
    assert any(n > 1 for n, _, _ in found.values())


def test_views_are_created_once(path: Path) -> None:
    url = f"sqlite:///{path}"
    with open_db(url):
        pass
    before = sqlite3.connect(path).execute("PRAGMA schema_version").fetchone()
    with open_db(url) as db:
        assert isinstance(db, Database)
    assert sqlite3.connect(path).execute("PRAGMA schema_version").fetchone() == before
