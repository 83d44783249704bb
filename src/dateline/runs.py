"""The Python API (extract and ingest runs): the CLI, the HTTP API (`dateline.webapi`) and
the dashboard are thin shells over it."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from spacy.language import Language

from dateline.ingest import read_paths
from dateline.ingest.dates import coerce_story_date
from dateline.model import Article, Extraction, Reject
from dateline.nlp import build_nlp
from dateline.pipeline import extract_articles
from dateline.provenance import run_provenance
from dateline.recording import (
    REASON_PREFIX,
    REPLACED,
    IngestSummary,
    count_reject,
    new_counts,
    record_result,
    summary_from_counts,
)
from dateline.settings import Settings
from dateline.writer import open_writer, record_batch, skip_known

__all__ = [
    "REASON_PREFIX", "IngestSummary", "count_reject", "extract_paths", "extract_text",
    "ingest_dask", "ingest_items", "ingest_paths", "new_counts", "record_result",
    "summary_from_counts", "with_story_date",
]  # fmt: skip

if TYPE_CHECKING:
    from distributed import Client

    from dateline.scale import Sink
    from dateline.store import Store


Progress = Callable[[IngestSummary], None]


def extract_paths(
    paths: Iterable[str | Path], settings: Settings, nlp: Language | None = None
) -> Iterator[Extraction | Reject]:
    """Read, parse and extract every document under ``paths`` (no database)."""
    nlp = nlp or build_nlp(settings)
    yield from extract_articles(nlp, read_paths(paths, settings), settings)


def extract_text(
    text: str, settings: Settings, nlp: Language | None = None, **meta: object
) -> Extraction:
    """Extract one story given as a string; ``meta`` are ``Article.create`` fields.

    ``published`` (the story date) may be a ``date``, a ``datetime`` or an ISO 8601
    string; anything else raises ``InputError`` naming it."""
    nlp = nlp or build_nlp(settings)
    if "published" in meta:
        meta["published"] = coerce_story_date(meta["published"], "published")
    article = Article.create(text, **meta)  # type: ignore[arg-type]
    result = next(extract_articles(nlp, [article], settings))
    if isinstance(result, Reject):
        raise ValueError(f"{result.reason}: {result.detail}")
    return result


Kept = Callable[[str], None]


def with_story_date(settings: Settings, story_date: date | datetime | str | None) -> Settings:
    """``settings`` with the run's story date (``--date``): a ``date``, ``datetime`` or
    ISO 8601 string; anything else raises ``InputError``. ``None`` keeps the settings'."""
    if story_date is None:
        return settings
    return replace(settings, story_date=coerce_story_date(story_date, "date"))


def ingest_paths(
    paths: Iterable[str | Path],
    settings: Settings,
    store: Store,
    nlp: Language | None = None,
    progress: Progress | None = None,
    story_date: date | datetime | str | None = None,
    stop: Callable[[], bool] | None = None,
) -> IngestSummary:
    """Extract every document under ``paths`` and write it to ``store``.

    ``story_date`` is the run's date (as ``--date``): the story date of documents that
    have none of their own, and the year of year-less wire headers. ``stop`` is asked
    after each document; when it answers true the run ends as an interrupted one (the
    CLI's Ctrl-C: the article in hand is written whole first).

    Articles are written in batches, each one whole or not at all (see
    :func:`ingest_items`); articles already stored are counted as unchanged and not
    parsed again, so a killed run resumes cleanly. A
    corrupt SQLite database is refused before anything is read (``StoreError``). On
    ``KeyboardInterrupt`` (Ctrl-C) the run is recorded as finished with what it did
    and ``"interrupted": true``, and the interrupt goes on to the caller.
    """
    paths = list(paths)
    settings = with_story_date(settings, story_date)
    command = "ingest " + " ".join(str(p) for p in paths)
    items = read_paths(paths, settings)
    return ingest_items(items, settings, store, command, nlp=nlp, progress=progress, stop=stop)


def ingest_items(
    items: Iterable[Article | Reject],
    settings: Settings,
    store: Store,
    command: str,
    *,
    nlp: Language | None = None,
    progress: Progress | None = None,
    kept: Kept | None = None,
    stop: Callable[[], bool] | None = None,
    check: bool = True,
) -> IngestSummary:
    """Parse, extract and store articles already read (rejects are recorded), as one
    run named ``command``: the one write path of the CLI, the Python API and HTTP.

    Results are written in batches, many articles to a transaction, each one whole or
    not at all (``dateline.writer``), by a writer thread beside the parser (in this
    thread for an in-memory SQLite database), so parsing does not wait for the store;
    an article the database refuses is its ``unstorable`` reject. ``progress`` is
    called after each batch written (from the writer thread). ``kept`` is called with
    the id of every article the store holds afterwards (inserted, stored before, or
    stored in place of a copy this run stored before, which then is no longer an
    article; not a near-duplicate, stored as another's copy): from the writer thread
    for those it wrote, from this one for those stored before (so it must be
    thread-safe, as ``list.append`` is).
    On ``KeyboardInterrupt``, or when ``stop()`` answers true after a document, the
    results already parsed are written, the run is recorded with ``"interrupted":
    true`` and ``KeyboardInterrupt`` goes on to the caller. A corrupt SQLite database
    is refused first (``StoreError``); ``check=False`` skips that check (a watcher
    checks once, on its first ingest: it reads every page of the file)."""
    if check:
        store.ensure_sound()
    nlp = nlp or build_nlp(settings)
    run = _RunCounts(store.start_run(command, run_provenance(settings, nlp)))
    reading = skip_known(items, store, run.known, kept)
    write = partial(_write_batch, store, run, kept, progress)
    try:
        with open_writer(write, threaded=store.shares_connections) as writer:
            for result in extract_articles(nlp, reading, settings):
                writer.put(result)
                if stop and stop():
                    raise KeyboardInterrupt
    except KeyboardInterrupt:
        store.finish_run(run.run_id, {**run.summary().as_dict(), "interrupted": True})
        raise
    summary = run.summary()
    store.finish_run(run.run_id, summary.as_dict())
    return summary


@dataclass(frozen=True, slots=True)
class _RunCounts:
    """The counts of one ingest run, kept by two threads: ``known`` by the reading side
    (articles stored before, not parsed again), ``written`` by the writer, each dict
    changed by one thread only."""

    run_id: str
    known: dict[str, int] = field(default_factory=new_counts)
    written: dict[str, int] = field(default_factory=new_counts)

    def summary(self) -> IngestSummary:
        both = dict(self.written)
        for name, value in list(self.known.items()):
            both[name] = both.get(name, 0) + value
        return summary_from_counts(both, self.run_id)


def _write_batch(
    store: Store,
    run: _RunCounts,
    kept: Kept | None,
    progress: Progress | None,
    batch: list[Extraction | Reject],
) -> None:
    """Store and count one batch; tell ``kept`` the articles stored, then ``progress``."""
    outcomes = record_batch(store, batch, run.run_id, run.written)
    if kept:
        for result, outcome in zip(batch, outcomes, strict=True):
            if isinstance(result, Extraction) and outcome in ("inserted", "unchanged", REPLACED):
                kept(result.article.id)
    if progress:
        progress(run.summary())


def ingest_dask(
    paths: Iterable[str | Path],
    settings: Settings,
    sink: Sink | None = None,
    *,
    scheduler: str | Client | None = None,
    workers: int | None = None,
    partition_size: int = 500,
    retries: int = 2,
    processes: bool = True,
    progress: Progress | None = None,
) -> IngestSummary:
    """Ingest ``paths`` on a Dask cluster into ``sink`` (default: the store at
    ``settings.db_url``).

    ``scheduler`` is a scheduler address (``tcp://host:8786``) or a ``Client``;
    when None a ``LocalCluster`` of ``workers`` (default ``settings.n_process``)
    single-threaded workers is started (``processes=False``: threads in this
    process) and closed afterwards. The input is read here, cut into partitions of
    ``partition_size`` documents, and each partition is one task, retried up to
    ``retries`` times; sinks are idempotent, so the data equal a serial ingest.
    See ``docs/scale.md``.
    """
    from dateline.scale import SqlSink, connect, ingest_on_cluster

    def report(counts: dict[str, int]) -> None:
        if progress:
            progress(summary_from_counts(counts, None))

    target = sink if sink is not None else SqlSink(settings.db_url)
    with connect(scheduler, workers or settings.n_process, processes) as client:
        counts, run_id = ingest_on_cluster(
            paths, settings, target, client, partition_size, retries, report
        )
    return summary_from_counts(counts, run_id)
