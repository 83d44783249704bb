"""The ingest's writer (dateline.writer): batches, the writer thread, the known-id lookup."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from dateline import writer
from dateline.model import Article, Extraction, Reject
from dateline.recording import new_counts, summary_from_counts
from dateline.runs import record_result
from dateline.store import Store
from dateline.writer import (
    QUEUE_RESULTS,
    WRITE_BATCH,
    WriterThread,
    record_batch,
    skip_known,
    write_results,
)
from store.factories import make_extraction

Result = Extraction | Reject


def _unstorable(n: int) -> Extraction:
    story = make_extraction(n)
    return replace(story, article=replace(story.article, title="T\udc80"))


def _mixed(stored: Extraction) -> list[Result]:
    """Every kind of result: new, stored before, a copy, unstorable, rejects."""
    new = make_extraction(1)
    return [new, stored, Reject("x.bin", "binary", "binary data"), new,
            Reject("dup.txt", "duplicate"), _unstorable(3), make_extraction(4)]  # fmt: skip


def _counts() -> dict[str, int]:
    return {"inserted": 0, "unchanged": 0, "rejected": 0, "events": 0}


def test_a_batch_counts_and_stores_what_one_result_at_a_time_does(tmp_path: Path) -> None:
    stored = make_extraction(0)
    runs = []
    for name, write in (("single", None), ("batch", record_batch)):
        with Store.open(str(tmp_path / f"{name}.db")) as store:
            store.write(stored)
            counts = _counts()
            if write is None:
                outcomes = [record_result(store, r, "run", counts) for r in _mixed(stored)]
            else:
                outcomes = write(store, _mixed(stored), "run", counts)
            data = (list(store.records()), [(r["id"], r["reason"]) for r in store.rejects()])
            runs.append((outcomes, counts, data))
    assert runs[0] == runs[1]
    outcomes, counts, (_, rejects) = runs[1]
    assert outcomes == ["inserted", "unchanged", "rejected", "unchanged", "unchanged",
                        "rejected", "inserted"]  # fmt: skip
    assert counts == {"inserted": 2, "unchanged": 3, "rejected": 2, "events": 6,
                      "warnings": 2, "rejected:binary": 1, "rejected:unstorable": 1}
    assert sorted(reason for _, reason in rejects) == ["binary", "unstorable"]


def test_a_run_counts_the_same_whatever_the_order_of_a_story_s_copies(tmp_path: Path) -> None:
    """The smaller id is the article either way (``Store.write_batch``), and the counts
    are those of what the run leaves stored: its events and warning, one copy."""
    first, second = _near_duplicates()
    found = []
    for name, order in (("forward", [first, second]), ("backward", [second, first])):
        with Store.open(str(tmp_path / f"{name}.db")) as store:
            run, counts = store.start_run("ingest test"), new_counts()
            outcomes = [record_batch(store, [order[0]], run, counts),
                        [record_result(store, order[1], run, counts)]]  # fmt: skip
            found.append((counts, store.article_ids()))
        assert outcomes[1] == (["near_duplicate"] if name == "forward" else ["replaced"])
    assert found[0] == found[1]
    counts, ids = found[0]
    assert ids == [first.article.id]
    assert summary_from_counts(counts, None).as_dict() == {
        "inserted": 1, "unchanged": 0, "near_duplicates": 1, "rejected": 0, "events": 3,
        "warnings": 1, "rejected_by_reason": {},
    }  # fmt: skip


def _near_duplicates() -> tuple[Extraction, Extraction]:
    """Two copies of a story of 50 words or more, the smaller id first (three events
    and a warning, the other one none)."""
    text = " ".join(f"word{i}" for i in range(80))
    one, other = (Article.create(text, source=source) for source in ("Wire A", "Paper B"))
    small, large = sorted((one, other), key=lambda a: a.id)
    events = make_extraction(0).events
    return Extraction(small, events, warnings=("no story date",)), Extraction(large)


def test_known_articles_are_looked_up_once_per_group(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stored = [make_extraction(i) for i in range(3)]
    new = [make_extraction(i).article for i in range(3, 600)]
    queries: list[int] = []
    original = Store.stored_ids

    def counted(self: Store, ids: Any) -> set[str]:
        queries.append(len(ids))
        return original(self, ids)

    monkeypatch.setattr(Store, "stored_ids", counted)
    counts = _counts()
    items: list[Article | Reject] = [*(s.article for s in stored), Reject("r", "empty"), *new]
    with Store.open(str(tmp_path / "known.db")) as store:
        store.write_many(stored)
        kept = list(skip_known(items, store, counts))
    assert kept == items[3:]
    assert counts["unchanged"] == 3
    assert len(queries) == 3 and max(queries) <= writer.KNOWN_LOOKUP


def test_the_writer_thread_writes_every_result_in_order_in_bounded_batches() -> None:
    written: list[list[int]] = []
    total = 3 * WRITE_BATCH + 5
    write_results(iter(range(total)), written.append, threaded=True)  # type: ignore[arg-type]
    assert [n for batch in written for n in batch] == list(range(total))
    assert max(len(batch) for batch in written) <= WRITE_BATCH


def test_a_lone_result_is_written_without_waiting_for_more() -> None:
    done = threading.Event()
    with WriterThread(lambda batch: done.set()) as thread:
        thread.put(make_extraction(1))
        assert done.wait(timeout=5 * writer.WRITE_SECONDS + 1)


def test_a_failed_write_reaches_the_producer_which_never_blocks() -> None:
    calls: list[int] = []

    def failing(batch: list[Result]) -> None:
        calls.append(len(batch))
        raise OSError("disk on fire")

    story = make_extraction(1)
    with pytest.raises(OSError, match="disk on fire"):
        write_results((story for _ in range(10 * QUEUE_RESULTS)), failing, threaded=True)
    assert len(calls) == 1  # nothing more is written after the failure


def test_a_failing_producer_still_gets_its_results_written() -> None:
    written: list[Result] = []

    def results() -> Iterator[Result]:
        yield make_extraction(1)
        yield make_extraction(2)
        raise KeyError("parser died")

    with pytest.raises(KeyError, match="parser died"):
        write_results(results(), written.extend, threaded=True)
    assert len(written) == 2


def test_the_queue_is_bounded_while_the_writer_is_slow() -> None:
    started = threading.Event()
    release = threading.Event()
    put = 0

    def slow(batch: list[Result]) -> None:
        started.set()
        release.wait(timeout=30)

    def producer(thread: WriterThread) -> None:
        nonlocal put
        for _ in range(3 * QUEUE_RESULTS):
            thread.put(make_extraction(1))
            put += 1

    with WriterThread(slow) as thread:
        feeding = threading.Thread(target=producer, args=(thread,))
        feeding.start()
        assert started.wait(timeout=10)
        time.sleep(0.5)
        assert put <= QUEUE_RESULTS + WRITE_BATCH  # the queue, and the batch being written
        release.set()
        feeding.join(timeout=30)
    assert put == 3 * QUEUE_RESULTS
