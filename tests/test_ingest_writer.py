"""The one ingest path writes through the writer (dateline.writer): batches in a thread
beside the parser, with the run's callbacks, stop and reject counting kept."""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa
from spacy.language import Language

from dateline.model import Article, Extraction, Reject
from dateline.runs import IngestSummary, ingest_items
from dateline.settings import Settings
from dateline.store import Outcome, Store, schema

STORIES = 12


def _articles(count: int = STORIES) -> list[Article]:
    return [
        Article.create(f"Gondor sent {n + 2} riders to Arnor on Monday, officials said.",
                       source="Wire", published=date(2024, 1, 2), origin=f"story-{n}")
        for n in range(count)
    ]  # fmt: skip


def _db(tmp_path: Path, where: str) -> str:
    """A fresh database: an SQLite file, in-memory SQLite, or the scratch PostgreSQL one."""
    if where == "memory":
        return "sqlite://"
    if where == "file":
        return str(tmp_path / "t.db")
    url = os.environ.get("DATELINE_TEST_PG_URL")
    if not url:
        pytest.skip("set DATELINE_TEST_PG_URL to a scratch PostgreSQL database to run this")
    engine = sa.create_engine(url)
    try:
        schema.metadata.drop_all(engine)
    finally:
        engine.dispose()
    return url


def test_ingest_writes_batches_in_a_writer_thread_and_reports_each(
    tmp_path: Path, nlp: Language, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    articles = _articles()
    writes: list[tuple[str, int]] = []
    original = Store.write_batch

    def recorded(self: Store, batch: Sequence[Extraction], run_id: str | None) -> list[Outcome]:
        writes.append((threading.current_thread().name, len(batch)))
        return original(self, batch, run_id)

    kept: list[str] = []
    reports: list[IngestSummary] = []
    with Store.open(str(tmp_path / "t.db")) as store:
        store.write_many([_stored(articles[0], nlp, settings)])
        monkeypatch.setattr(Store, "write_batch", recorded)
        items: list[Article | Reject] = [*articles, Reject("bad.bin", "binary", "binary data")]
        summary = ingest_items(items, settings, store, "ingest test", nlp=nlp,
                               kept=kept.append, progress=reports.append)  # fmt: skip
        stored = set(store.article_ids())
        (run,) = [r for r in store.runs() if r["command"] == "ingest test"]
    assert (summary.inserted, summary.unchanged, summary.rejected) == (STORIES - 1, 1, 1)
    assert dict(summary.reasons) == {"binary": 1}
    assert {name for name, _ in writes} == {"dateline-writer"}  # not the parser's thread
    assert len(writes) < STORIES - 1  # many articles to a transaction
    assert sorted(kept) == sorted(stored) and len(kept) == STORIES
    assert reports and reports[-1] == summary
    assert run["counts"]["inserted"] == STORIES - 1 and "interrupted" not in run["counts"]


def _stored(article: Article, nlp: Language, settings: Settings) -> Extraction:
    from dateline.runs import extract_text

    return extract_text(article.text, settings, nlp, source=article.source,
                        published=article.published, origin=article.origin)  # fmt: skip


@pytest.mark.parametrize("where", ["file", "memory", "postgresql"])
def test_stop_writes_what_was_parsed_and_records_an_interrupted_run(
    tmp_path: Path, nlp: Language, settings: Settings, where: str
) -> None:
    asked: list[int] = []

    def stop() -> bool:
        asked.append(1)
        return len(asked) >= 3  # after the third document

    with Store.open(_db(tmp_path, where)) as store:
        with pytest.raises(KeyboardInterrupt):
            ingest_items(_articles(), settings, store, "ingest test", nlp=nlp, stop=stop)
        stored = store.article_ids()
        (run,) = store.runs()
    assert len(stored) == 3  # the article in hand, and those before it, whole
    assert run["counts"]["interrupted"] is True and run["counts"]["inserted"] == 3


@pytest.mark.parametrize("where", ["file", "memory", "postgresql"])
def test_an_article_the_database_refuses_is_a_counted_reject_of_the_run(
    tmp_path: Path, nlp: Language, settings: Settings, where: str
) -> None:
    good, bad = _articles(2)
    # built through the Python API, so no reader cleaned it: UTF-8 cannot encode the title
    bad = replace(bad, title="T\udc80")
    with Store.open(_db(tmp_path, where)) as store:
        summary = ingest_items([bad, good], settings, store, "ingest test", nlp=nlp)
        rejects = [(r["origin"], r["reason"]) for r in store.rejects()]
        stored = store.article_ids()
    assert (summary.inserted, summary.rejected) == (1, 1)
    assert dict(summary.reasons) == {"unstorable": 1}
    assert rejects == [("story-1", "unstorable")] and stored == [good.id]
