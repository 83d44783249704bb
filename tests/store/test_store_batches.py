"""Batched writes: many articles per transaction, each one still whole or not at all."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest
import sqlalchemy as sa

from dateline.errors import UnstorableError
from dateline.model import Extraction
from dateline.store import InjectedFault, Store, neardup, schema

from .factories import make_extraction, row_count


def _unstorable(n: int) -> Extraction:
    """Story ``n`` with a title no database can encode (a lone surrogate)."""
    story = make_extraction(n)
    return replace(story, article=replace(story.article, title="T\udc80"))


def _refused_alone(store: Store) -> None:
    good = [make_extraction(i) for i in range(4)]
    bad = _unstorable(9)
    outcomes = store.write_batch([good[0], good[1], bad, good[2], good[3]], "run")
    assert outcomes[:2] + outcomes[3:] == ["inserted"] * 4
    assert isinstance(outcomes[2], UnstorableError)
    assert bad.article.id in str(outcomes[2])
    assert [e.article.id for e in store.extractions()] == sorted(g.article.id for g in good)
    assert store.counts() == {"articles": 4, "events": 12, "rejects": 0}
    assert store.check().ok


def test_a_refused_article_rolls_back_alone_and_the_batch_is_kept(store: Store) -> None:
    _refused_alone(store)


def test_known_ids_and_copies_in_the_batch_are_unchanged(store: Store) -> None:
    first, second = make_extraction(1), make_extraction(2)
    store.write(first)
    assert store.write_batch([first, second, second]) == ["unchanged", "inserted", "unchanged"]
    assert store.counts()["articles"] == 2 and store.check().ok


def test_an_injected_fault_stores_nothing_of_the_batch(db_url: str) -> None:
    kept = make_extraction(0)
    batch = [make_extraction(i) for i in range(1, 4)]
    with Store.open(db_url) as store:
        store.write(kept)
    total = sum(row_count(e) for e in batch)
    for n in (0, 1, row_count(batch[0]), total // 2, total - 1):
        with Store.open(db_url).with_fault_after(n) as faulty, pytest.raises(InjectedFault):
            faulty.write_batch(batch)
        with Store.open(db_url) as store:
            assert [e.article.id for e in store.extractions()] == [kept.article.id], n
            assert store.check().ok
    with Store.open(db_url).with_fault_after(total) as exact:
        assert exact.write_batch(batch) == ["inserted"] * 3


def test_a_batch_is_one_insert_per_table(store: Store) -> None:
    statements: list[str] = []

    def count(conn, cursor, statement, parameters, context, executemany) -> None:  # type: ignore[no-untyped-def]
        statements.append(statement.split()[0].upper())

    sa.event.listen(store.engine, "before_cursor_execute", count)
    stories = [make_extraction(i) for i in range(20)]
    store.write_batch(stories)
    # one id lookup, the savepoint and its release, one insert per table and one of the
    # articles' own source rows (the stories are too short for a near-duplicate search:
    # no signature, bucket or bucket lookup)
    assert all(neardup.signature(s.article.text) is None for s in stories)
    assert statements.count("INSERT") == len(schema.ARTICLE_TABLES) + 1
    assert statements.count("SELECT") == 1


def test_write_many_raises_the_refused_article_after_keeping_the_others(store: Store) -> None:
    good, bad = make_extraction(1), _unstorable(2)
    with pytest.raises(UnstorableError, match=bad.article.id):
        store.write_many([bad, good])
    assert [e.article.id for e in store.extractions()] == [good.article.id]


@pytest.fixture
def pg_store(pg_url: str) -> Iterator[Store]:
    engine = sa.create_engine(pg_url)
    try:
        schema.metadata.drop_all(engine)
    finally:
        engine.dispose()
    with Store.open(pg_url) as opened:
        yield opened


def test_a_refused_article_rolls_back_alone_on_postgresql(pg_store: Store) -> None:
    _refused_alone(pg_store)
