"""The writer of an ingest: results stored in batches, beside the parser.

* :func:`skip_known` drops the articles already stored before they are parsed, with
  one query per group of documents (so a killed run resumes cheaply).
* :func:`record_batch` stores a list of results (many articles in one transaction,
  each whole or not at all: :meth:`Store.write_batch`) and counts them.
* :func:`write_results` hands the results to a write function in batches of at most
  ``WRITE_BATCH``, a batch going out once its first result is ``WRITE_SECONDS`` old.
  With ``threaded`` the writes run in a writer thread fed through a bounded queue,
  so the parser's worker processes are never kept waiting for the database, and at
  most ``QUEUE_RESULTS`` results wait: memory stays flat.
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from types import TracebackType

from dateline.errors import UnstorableError
from dateline.model import Article, Extraction, Reject
from dateline.pipeline import batches
from dateline.recording import count_reject
from dateline.store import Outcome, Store

Result = Extraction | Reject
Write = Callable[[list[Result]], object]

WRITE_BATCH = 256  # results per write (one transaction for the articles) at most
WRITE_SECONDS = 0.1  # a batch is written once its first result is this old
QUEUE_RESULTS = 2 * WRITE_BATCH  # results waiting for the writer thread at most
KNOWN_LOOKUP = 256  # documents per known-id query at most
KNOWN_LOOKUP_CHARS = 1_000_000  # characters of article text held per query at most


def skip_known(
    items: Iterable[Article | Reject], store: Store, counts: dict[str, int]
) -> Iterator[Article | Reject]:
    """The items, less the articles already stored (counted as unchanged); the ids of
    each group of documents are looked up in one query."""
    for group in batches(items, KNOWN_LOOKUP, KNOWN_LOOKUP_CHARS):
        known = store.stored_ids([item.id for item in group if isinstance(item, Article)])
        for item in group:
            if isinstance(item, Article) and item.id in known:
                counts["unchanged"] += 1
                continue
            yield item


def record_batch(
    store: Store, results: list[Result], run_id: str | None, counts: dict[str, int]
) -> list[str]:
    """Store results and count them: inserted, unchanged (also in-input duplicates),
    near_duplicate, rejected; ``events`` counts the events of inserted articles. Each
    result's outcome.

    An article the database refuses for its own data becomes its reject
    (``unstorable``); database-wide failures (``StoreError``) propagate."""
    extractions = [r for r in results if isinstance(r, Extraction)]
    written = iter(store.write_batch(extractions, run_id))
    rejects: list[Reject] = []
    outcomes = [
        _settle(result, next(written) if isinstance(result, Extraction) else None, rejects)
        for result in results
    ]
    store.write_rejects(rejects, run_id)
    for reject in rejects:
        count_reject(counts, reject.reason)
    for result, outcome in zip(results, outcomes, strict=True):
        if outcome == "rejected":
            continue
        counts[outcome] = counts.get(outcome, 0) + 1
        if outcome == "inserted" and isinstance(result, Extraction):
            counts["events"] += len(result.events)
            counts["warnings"] = counts.get("warnings", 0) + bool(result.warnings)
    return outcomes


def _settle(result: Result, written: Outcome | None, rejects: list[Reject]) -> str:
    """One result's outcome; the rejects to record are added to ``rejects``."""
    if isinstance(result, Reject):
        if result.reason == "duplicate":  # the same story again in this input: one article
            return "unchanged"
        rejects.append(result)
        return "rejected"
    if isinstance(written, UnstorableError):
        article = result.article
        rejects.append(Reject(article.origin or article.id, "unstorable", str(written)))
        return "rejected"
    return str(written)


def write_results(results: Iterable[Result], write: Write, threaded: bool = False) -> None:
    """Hand every result to ``write``, in batches (see the module docstring)."""
    if not threaded:
        for batch in _batches(results, WRITE_BATCH, WRITE_SECONDS):
            write(batch)
        return
    with WriterThread(write) as writer:
        for result in results:
            writer.put(result)


def _batches(results: Iterable[Result], size: int, seconds: float) -> Iterator[list[Result]]:
    """Batches of at most ``size`` results; one is cut when it is full or, as the next
    result comes, once its first result is ``seconds`` old."""
    batch: list[Result] = []
    started = 0.0
    for result in results:
        if not batch:
            started = time.monotonic()
        batch.append(result)
        if len(batch) >= size or time.monotonic() - started >= seconds:
            yield batch
            batch = []
    if batch:
        yield batch


class WriterThread:
    """``write`` run in a thread of its own, fed one result at a time through a queue
    of at most ``QUEUE_RESULTS``. A batch goes out when it holds ``WRITE_BATCH``
    results or its first result is ``WRITE_SECONDS`` old, whether or not more come.

    Use it as a context manager: leaving the block writes what is queued and joins
    the thread. A failed write is raised in the producer (at its next ``put``, or on
    leaving the block); the thread keeps draining the queue meanwhile, so the
    producer never blocks on a dead writer."""

    def __init__(self, write: Write) -> None:
        self._write = write
        self._queue: queue.Queue[Result | None] = queue.Queue(QUEUE_RESULTS)
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="dateline-writer", daemon=True)

    def __enter__(self) -> WriterThread:
        self._thread.start()
        return self

    def put(self, result: Result) -> None:
        """Queue one result (waits while the queue is full); raise a failed write's error."""
        self._raise_failure()
        self._queue.put(result)

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
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
