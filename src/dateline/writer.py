"""The writer of an ingest: results stored in batches, beside the parser.

* :func:`skip_known` drops the articles already stored before they are parsed, with
  one query per group of documents (so a killed run resumes cheaply).
* :func:`record_batch` stores a list of results (many articles in one transaction,
  each whole or not at all: :meth:`Store.write_batch`) and counts them.
* :func:`open_writer` hands results, one at a time, to a write function in batches
  of at most ``WRITE_BATCH``, a batch going out once its first result is
  ``WRITE_SECONDS`` old: in the caller's thread (:class:`BatchWriter`) or, with
  ``threaded``, in a writer thread fed through a bounded queue (:class:`WriterThread`),
  so the parser is never kept waiting for the database, and at most
  ``QUEUE_RESULTS`` results wait: memory stays flat. :func:`write_results` writes an
  iterable of results through one.
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from types import TracebackType
from typing import Protocol

from dateline.errors import UnstorableError
from dateline.model import Article, Extraction, Reject
from dateline.pipeline import batches
from dateline.recording import count_reject, count_written
from dateline.store import Outcome, Store

Result = Extraction | Reject
Write = Callable[[list[Result]], object]
Kept = Callable[[str], None]

WRITE_BATCH = 256  # results per write (one transaction for the articles) at most
WRITE_SECONDS = 0.1  # a batch is written once its first result is this old
QUEUE_RESULTS = 2 * WRITE_BATCH  # results waiting for the writer thread at most
KNOWN_LOOKUP = 256  # documents per known-id query at most
KNOWN_LOOKUP_CHARS = 1_000_000  # characters of article text held per query at most


def skip_known(
    items: Iterable[Article | Reject],
    store: Store,
    counts: dict[str, int],
    kept: Kept | None = None,
) -> Iterator[Article | Reject]:
    """The items, less the articles already stored (counted as unchanged, and their ids
    given to ``kept``); the ids of each group of documents are looked up in one query,
    and the order of the items is kept."""
    for group in batches(items, KNOWN_LOOKUP, KNOWN_LOOKUP_CHARS):
        known = store.stored_ids([item.id for item in group if isinstance(item, Article)])
        for item in group:
            if isinstance(item, Article) and item.id in known:
                counts["unchanged"] += 1
                if kept:
                    kept(item.id)
                continue
            yield item


def record_batch(
    store: Store, results: list[Result], run_id: str | None, counts: dict[str, int]
) -> list[str]:
    """Store results and count them (``recording.count_written``): inserted, unchanged
    (also in-input duplicates), near_duplicate, replaced (a near-duplicate stored in
    place of its run's earlier copy; counted as near_duplicate), rejected. Each
    result's outcome.

    An article the database refuses for its own data becomes its reject
    (``unstorable``); database-wide failures (``StoreError``) propagate."""
    extractions = [r for r in results if isinstance(r, Extraction)]
    written = iter(store.write_batch(extractions, run_id))
    rejects: list[Reject] = []
    outcomes = [
        _settle(result, next(written) if isinstance(result, Extraction) else None, rejects, counts)
        for result in results
    ]
    store.write_rejects(rejects, run_id)
    for reject in rejects:
        count_reject(counts, reject.reason)
    return outcomes


def _settle(
    result: Result, written: Outcome | None, rejects: list[Reject], counts: dict[str, int]
) -> str:
    """One result's outcome, counted unless rejected; the rejects to record are added
    to ``rejects``."""
    if isinstance(result, Reject):
        if result.reason == "duplicate":  # the same story again in this input: one article
            counts["unchanged"] += 1
            return "unchanged"
        rejects.append(result)
        return "rejected"
    if written is None or isinstance(written, UnstorableError):
        article = result.article
        rejects.append(Reject(article.origin or article.id, "unstorable", str(written)))
        return "rejected"
    return count_written(counts, result, written)


class ResultWriter(Protocol):
    """What :func:`open_writer` gives: results put one at a time, written in batches;
    leaving the ``with`` block writes what is left."""

    def __enter__(self) -> ResultWriter: ...

    def put(self, result: Result) -> None: ...

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None: ...


def open_writer(write: Write, threaded: bool = False) -> ResultWriter:
    """A writer of batches through ``write``: in a thread of its own with ``threaded``
    (:class:`WriterThread`), else in the caller's (:class:`BatchWriter`)."""
    return WriterThread(write) if threaded else BatchWriter(write)


def write_results(results: Iterable[Result], write: Write, threaded: bool = False) -> None:
    """Hand every result to ``write``, in batches (see the module docstring)."""
    with open_writer(write, threaded) as writer:
        for result in results:
            writer.put(result)


class BatchWriter:
    """``write`` called in the caller's thread, with batches of at most ``WRITE_BATCH``
    results; a batch goes out when it is full or, as the next result comes, once its
    first result is ``WRITE_SECONDS`` old. Leaving the ``with`` block writes the batch
    in hand, unless a write failed (a failed batch is not written twice)."""

    def __init__(self, write: Write) -> None:
        self._write = write
        self._batch: list[Result] = []
        self._started = 0.0
        self._failed = False

    def __enter__(self) -> BatchWriter:
        return self

    def put(self, result: Result) -> None:
        """Add one result; write the batch when it is full or old enough."""
        if not self._batch:
            self._started = time.monotonic()
        self._batch.append(result)
        full = len(self._batch) >= WRITE_BATCH
        if full or time.monotonic() - self._started >= WRITE_SECONDS:
            self._flush()

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._batch and not self._failed:
            self._flush()

    def _flush(self) -> None:
        batch, self._batch = self._batch, []
        try:
            self._write(batch)
        except BaseException:
            self._failed = True
            raise


class WriterThread:
    """``write`` run in a thread of its own, fed one result at a time through a queue
    of at most ``QUEUE_RESULTS``. A batch goes out when it holds ``WRITE_BATCH``
    results or its first result is ``WRITE_SECONDS`` old, whether or not more come.

    Use it as a context manager: leaving the block writes what is queued and joins
    the thread. The thread starts with the first result, so that worker processes the
    producer starts before it (``pipeline.extract_articles``) are forked from a process
    with one thread. A failed write is raised in the producer (at its next ``put``, or on
    leaving the block); the thread keeps draining the queue meanwhile, so the
    producer never blocks on a dead writer."""

    def __init__(self, write: Write) -> None:
        self._write = write
        self._queue: queue.Queue[Result | None] = queue.Queue(QUEUE_RESULTS)
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="dateline-writer", daemon=True)

    def __enter__(self) -> WriterThread:
        return self

    def put(self, result: Result) -> None:
        """Queue one result (waits while the queue is full); raise a failed write's error."""
        self._raise_failure()
        if self._thread.ident is None:
            self._thread.start()
        self._queue.put(result)

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._thread.ident is None:
            return  # no result came: nothing to write
        self._queue.put(None)  # the end: no more results come
        self._thread.join()
        if exc is None:
            self._raise_failure()

    def _raise_failure(self) -> None:
        if self._error is not None:
            raise self._error

    def _run(self) -> None:
        done = False
        while not done:
            batch, done = self._next_batch()
            if batch and self._error is None:
                try:
                    self._write(batch)
                except BaseException as exc:  # handed to the producer
                    self._error = exc
            del batch  # not held while waiting for the next result (memory stays flat)

    def _next_batch(self) -> tuple[list[Result], bool]:
        """The next batch, and whether the end was met."""
        first = self._queue.get()
        if first is None:
            return [], True
        batch = [first]
        deadline = time.monotonic() + WRITE_SECONDS
        while len(batch) < WRITE_BATCH:
            try:
                result = self._queue.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                break
            if result is None:
                return batch, True
            batch.append(result)
        return batch, False
