"""The Python API (extract and ingest runs): the CLI, the HTTP API (`dateline.webapi`) and
the dashboard are thin shells over it."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from datetime import date, datetime
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
    IngestSummary,
    count_reject,
    new_counts,
    record_result,
    summary_from_counts,
)
from dateline.settings import Settings

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


#: Articles looked up in the store at once to skip those already stored.
KNOWN_BATCH = 256
Kept = Callable[[str], None]


def _skip_known(
    items: Iterable[Article | Reject], store: Store, counts: dict[str, int], kept: Kept | None
) -> Iterator[Article | Reject]:
    """Drop articles already in the store before parsing them (resume is cheap); the
    store is asked once per ``KNOWN_BATCH`` items, and their order is kept."""
    for chunk in _chunks(items, KNOWN_BATCH):
        stored = store.stored_ids([i.id for i in chunk if isinstance(i, Article)])
        for item in chunk:
            if isinstance(item, Article) and item.id in stored:
                counts["unchanged"] += 1
                if kept:
                    kept(item.id)
                continue
            yield item


def _chunks(items: Iterable[Article | Reject], size: int) -> Iterator[list[Article | Reject]]:
    chunk: list[Article | Reject] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


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

    Each article is written in its own transaction; articles already stored are
    counted as unchanged and not parsed again, so a killed run resumes cleanly. A
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

    ``kept`` is called with the id of every article the store holds afterwards
    (inserted, or stored before; not a near-duplicate, stored as another's copy). On
    ``KeyboardInterrupt``, or when ``stop()`` answers true after a document, the run is
    recorded with ``"interrupted": true`` and
    ``KeyboardInterrupt`` goes on to the caller. A corrupt SQLite database is refused
    first (``StoreError``); ``check=False`` skips that check (a watcher checks once, on
    its first ingest: it reads every page of the file)."""
    if check:
        store.ensure_sound()
    nlp = nlp or build_nlp(settings)
    run_id = store.start_run(command, run_provenance(settings, nlp))
    counts = new_counts()
    try:
        for result in extract_articles(nlp, _skip_known(items, store, counts, kept), settings):
            outcome = record_result(store, result, run_id, counts)
            if kept and isinstance(result, Extraction) and outcome in ("inserted", "unchanged"):
                kept(result.article.id)
            if progress:
                progress(summary_from_counts(counts, run_id))
            if stop and stop():
                raise KeyboardInterrupt
    except KeyboardInterrupt:
        store.finish_run(run_id, {**summary_from_counts(counts, run_id).as_dict(),
                                  "interrupted": True})  # fmt: skip
        raise
    summary = summary_from_counts(counts, run_id)
    store.finish_run(run_id, summary.as_dict())
    return summary


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
