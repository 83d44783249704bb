"""Writing: exact round trips, idempotent re-writes, all-or-nothing articles."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dateline.errors import StoreError, UnstorableError
from dateline.model import Reject
from dateline.serialize import extraction_to_dict
from dateline.store import InjectedFault, Store
from dateline.store.rows import Row

from .factories import extractions, make_extraction, row_count


def test_round_trip_of_a_full_extraction(store: Store) -> None:
    written = make_extraction(1)
    assert store.write(written, run_id="r1") == "inserted"
    assert list(store.extractions()) == [written]


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(extractions(), min_size=1, max_size=3, unique_by=lambda e: e.article.id))
def test_round_trip_of_any_extractions(written: list) -> None:
    with Store.open("sqlite://") as store:
        assert store.write_many(written) == ["inserted"] * len(written)
        back = list(store.extractions())
    assert back == sorted(written, key=lambda e: e.article.id)


def test_extractions_by_id_and_paging(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("dateline.store._PAGE", 2)
    written = [make_extraction(i) for i in range(5)]
    store.write_many(written)
    by_id = sorted(written, key=lambda e: e.article.id)
    assert list(store.extractions()) == by_id
    wanted = [by_id[4].article.id, by_id[0].article.id, "sha256:absent"]
    assert list(store.extractions(wanted)) == [by_id[0], by_id[4]]


def test_writing_twice_is_unchanged(store: Store) -> None:
    written = [make_extraction(i) for i in range(3)]
    assert store.write_many(written) == ["inserted"] * 3
    before = (store.counts(), list(store.extractions()), list(store.records()))
    assert store.write_many(written) == ["unchanged"] * 3
    assert (store.counts(), list(store.extractions()), list(store.records())) == before
    assert store.counts() == {"articles": 3, "events": 9, "rejects": 0}


def test_has_article(store: Store) -> None:
    written = make_extraction(1)
    assert not store.has_article(written.article.id)
    store.write(written)
    assert store.has_article(written.article.id)


def test_stored_ids_answers_for_a_batch(store: Store) -> None:
    kept, other = make_extraction(1), make_extraction(2)
    store.write(kept)
    assert store.stored_ids([kept.article.id, other.article.id]) == {kept.article.id}
    assert store.stored_ids([]) == set()


def test_fault_after_every_row_leaves_nothing_of_the_article(db_url: str) -> None:
    kept, broken = make_extraction(1), make_extraction(2)
    with Store.open(db_url) as store:
        store.write(kept)
        before = list(store.extractions())
    for n in range(row_count(broken)):
        with Store.open(db_url).with_fault_after(n) as faulty, pytest.raises(InjectedFault):
            faulty.write(broken)
        with Store.open(db_url) as store:
            assert not store.has_article(broken.article.id), n
            assert list(store.extractions()) == before
            assert store.check().ok
    with Store.open(db_url).with_fault_after(row_count(broken)) as exact:
        assert exact.write(broken) == "inserted"


def test_a_database_error_mid_article_rolls_back(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = Store._insert_rows

    def failing(self: Store, conn, table, rows: list[Row]) -> None:  # type: ignore[no-untyped-def]
        if table.name == "quotes":
            rows = [rows[0], rows[0]]  # duplicate primary key: a real IntegrityError
        original(self, conn, table, rows)

    monkeypatch.setattr(Store, "_insert_rows", failing)
    with pytest.raises(UnstorableError, match=r"cannot store article .*IntegrityError"):
        store.write(make_extraction(1))  # the article's own rows clash: only it is refused
    assert store.counts() == {"articles": 0, "events": 0, "rejects": 0}
    assert store.check().ok


def test_duplicate_event_ids_are_refused_before_writing(store: Store) -> None:
    extraction = make_extraction(1)
    doubled = type(extraction)(extraction.article, extraction.events * 2)
    with pytest.raises(StoreError, match="duplicate event ids"):
        store.write(doubled)
    assert not store.has_article(extraction.article.id)


def test_concurrent_writers_store_each_article_once(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'shared.db'}"
    written = [make_extraction(i) for i in range(12)]
    outcomes: list[list[str]] = []
    Store.open(url).close()

    def work() -> None:
        with Store.open(url) as store:
            outcomes.append(store.write_many(written))

    threads = [threading.Thread(target=work) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(outcomes) == 3
    for i in range(len(written)):
        assert sorted(o[i] for o in outcomes) == ["inserted", "unchanged", "unchanged"]
    with Store.open(url) as store:
        assert store.counts()["articles"] == 12 and store.check().ok


def test_rejects_upsert_on_id_and_keep_the_first_run(store: Store) -> None:
    """Regression: re-ingesting a bad document must not rewrite its row's run id."""
    store.write_reject(Reject("b.txt", "binary", "first"), "run1")
    store.write_reject(Reject("a.txt", "empty"), "run1")
    store.write_reject(Reject("b.txt", "binary", "second"), "run2")
    rows = store.rejects()
    assert [(r["origin"], r["detail"], r["run_id"]) for r in rows] == [
        ("a.txt", "", "run1"),
        ("b.txt", "second", "run1"),
    ]
    assert rows[1]["id"] == Reject("b.txt", "binary").id
    assert store.counts()["rejects"] == 2


def test_runs_record_start_finish_and_counts(store: Store) -> None:
    run_id = store.start_run("ingest examples/")
    store.write(make_extraction(1), run_id)
    store.finish_run(run_id, {"inserted": 1, "unchanged": 0})
    (run,) = store.runs()
    assert run["id"] == run_id and run["command"] == "ingest examples/"
    assert run["finished"] and run["counts"] == {"inserted": 1, "unchanged": 0}


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(extractions(), min_size=1, max_size=3, unique_by=lambda e: e.article.id))
def test_records_equal_the_serialised_extractions(written: list) -> None:
    with Store.open("sqlite://") as store:
        store.write_many(written)
        got = [json.dumps(r, ensure_ascii=False) for r in store.records()]
    by_id = sorted(written, key=lambda e: e.article.id)
    assert got == [json.dumps(extraction_to_dict(e), ensure_ascii=False) for e in by_id]
