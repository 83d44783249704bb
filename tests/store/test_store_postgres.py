"""The same store on PostgreSQL (skipped unless DATELINE_TEST_PG_URL names a scratch database).

Every test here drops the dateline tables of that database first.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Iterator
from datetime import date

import pytest
import sqlalchemy as sa

from dateline.export import export_csv, export_plover, export_records
from dateline.query import Database
from dateline.store import InjectedFault, Store, schema

from .factories import make_extraction, row_count

STORIES = [make_extraction(i, date(2021, 7, i + 1)) for i in range(4)] + [make_extraction(9, None)]


@pytest.fixture
def pg_store(pg_url: str) -> Iterator[Store]:
    engine = sa.create_engine(pg_url)
    try:
        schema.metadata.drop_all(engine)
    finally:
        engine.dispose()
    with Store.open(pg_url) as store:
        yield store


def test_round_trip_and_idempotency(pg_store: Store) -> None:
    assert pg_store.write_many(STORIES) == ["inserted"] * 5
    assert pg_store.write_many(STORIES) == ["unchanged"] * 5
    assert list(pg_store.extractions()) == sorted(STORIES, key=lambda e: e.article.id)
    assert pg_store.counts() == {"articles": 5, "events": 15, "rejects": 0}
    assert pg_store.check().ok


def test_fault_injection_rolls_back(pg_store: Store, pg_url: str) -> None:
    pg_store.write(STORIES[0])
    for n in range(row_count(STORIES[1])):
        with Store.open(pg_url).with_fault_after(n) as faulty, pytest.raises(InjectedFault):
            faulty.write(STORIES[1])
        assert not pg_store.has_article(STORIES[1].article.id)
    assert pg_store.counts()["articles"] == 1 and pg_store.check().ok


def test_filters_match_sqlite(pg_store: Store, tmp_path: object) -> None:
    pg_store.write_many(STORIES)
    with Store.open("sqlite://") as lite:
        lite.write_many(STORIES)
        for filters in (
            {},
            {"dyad": "GON,MOR"},
            {"date_from": "2021-07-26"},
            {"quad": 1},
        ):
            pg_rows = list(Database(pg_store).rows(**filters))
            assert pg_rows == list(Database(lite).rows(**filters)), filters


def test_exports_are_byte_identical_to_sqlite(pg_store: Store) -> None:
    pg_store.write_many(reversed(STORIES))
    with Store.open("sqlite://") as lite:
        lite.write_many(STORIES)
        for export in (export_plover, export_csv, export_records):
            pg_out, lite_out = io.StringIO(), io.StringIO()
            export(Database(pg_store), pg_out)
            export(Database(lite), lite_out)
            assert pg_out.getvalue() == lite_out.getvalue(), export.__name__


def test_concurrent_writers_store_each_article_once(pg_store: Store, pg_url: str) -> None:
    outcomes: list[list[str]] = []

    def work() -> None:
        with Store.open(pg_url) as store:
            outcomes.append(store.write_many(STORIES))

    threads = [threading.Thread(target=work) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for i in range(len(STORIES)):
        assert sorted(o[i] for o in outcomes) == ["inserted", "unchanged", "unchanged"]
    assert pg_store.counts()["articles"] == len(STORIES)
