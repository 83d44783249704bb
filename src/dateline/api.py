"""The Python API: the CLI, the HTTP API and the dashboard are thin shells over it."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from spacy.language import Language

from dateline.errors import UnstorableError
from dateline.ingest import read_paths
from dateline.ingest.dates import coerce_story_date
from dateline.model import Article, Extraction, Reject
from dateline.nlp import build_nlp
from dateline.pipeline import extract_articles
from dateline.settings import Settings

if TYPE_CHECKING:
    from distributed import Client

    from dateline.scale import Sink
    from dateline.store import Store


#: The prefix of the counts of rejects by reason (``rejected:language:es``).
REASON_PREFIX = "rejected:"


@dataclass(frozen=True, slots=True)
class IngestSummary:
    """What one ingest did: ``inserted + unchanged + rejected`` = documents read;
    ``warnings`` counts the inserted articles that carry a warning (no story date),
    ``reasons`` the rejects by reason."""

    inserted: int = 0
    unchanged: int = 0
    rejected: int = 0
    events: int = 0
    run_id: str | None = None
    warnings: int = 0
    reasons: tuple[tuple[str, int], ...] = ()

    @property
    def total(self) -> int:
        return self.inserted + self.unchanged + self.rejected

    def as_dict(self) -> dict[str, object]:
        return {
            "inserted": self.inserted,
            "unchanged": self.unchanged,
            "rejected": self.rejected,
            "events": self.events,
            "warnings": self.warnings,
            "rejected_by_reason": dict(self.reasons),
        }


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
) -> IngestSummary:
    """Extract every document under ``paths`` and write it to ``store``.

    ``story_date`` is the run's date (as ``--date``): the story date of documents that
    have none of their own, and the year of year-less wire headers.

    Each article is written in its own transaction; articles already stored are
    counted as unchanged and not parsed again, so a killed run resumes cleanly. A
    corrupt SQLite database is refused before anything is read (``StoreError``). On
    ``KeyboardInterrupt`` (Ctrl-C) the run is recorded as finished with what it did
    and ``"interrupted": true``, and the interrupt goes on to the caller.
    """
    paths = list(paths)
    settings = with_story_date(settings, story_date)
    store.ensure_sound()
    command = "ingest " + " ".join(str(p) for p in paths)
    items = read_paths(paths, settings)
    return ingest_items(items, settings, store, command, nlp=nlp, progress=progress)


def ingest_items(
    items: Iterable[Article | Reject],
    settings: Settings,
    store: Store,
    command: str,
    *,
    nlp: Language | None = None,
    progress: Progress | None = None,
    kept: Kept | None = None,
) -> IngestSummary:
    """Parse, extract and store articles already read (rejects are recorded), as one
    run named ``command``: the one write path of the CLI, the Python API and HTTP.

    ``kept`` is called with the id of every article the store holds afterwards
    (inserted, or stored before). On ``KeyboardInterrupt`` the run is recorded with
    ``"interrupted": true`` and the interrupt goes on."""
    nlp = nlp or build_nlp(settings)
    run_id = store.start_run(command)
    counts = new_counts()
    try:
        for result in extract_articles(nlp, _skip_known(items, store, counts, kept), settings):
            outcome = record_result(store, result, run_id, counts)
            if kept and isinstance(result, Extraction) and outcome != "rejected":
                kept(result.article.id)
            if progress:
                progress(summary_from_counts(counts, run_id))
    except KeyboardInterrupt:
        store.finish_run(run_id, {**summary_from_counts(counts, run_id).as_dict(),
                                  "interrupted": True})  # fmt: skip
        raise
    summary = summary_from_counts(counts, run_id)
    store.finish_run(run_id, summary.as_dict())
    return summary


def new_counts() -> dict[str, int]:
    """The counts of an ingest before anything is read."""
    return {"inserted": 0, "unchanged": 0, "rejected": 0, "events": 0, "warnings": 0}


def record_result(
    store: Store, result: Extraction | Reject, run_id: str | None, counts: dict[str, int]
) -> str:
    """Write one result and count it: inserted, unchanged (also in-input duplicates),
    rejected (and ``rejected:REASON``); ``events`` counts the events of inserted
    articles and ``warnings`` those of them that carry a warning. Returns which.

    An article the database refuses for its own data (``UnstorableError``) becomes
    its reject (``unstorable``); database-wide failures (``StoreError``) propagate.
    """
    if isinstance(result, Reject) and result.reason == "duplicate":
        counts["unchanged"] += 1  # the same story again in this input: one article
        return "unchanged"
    if isinstance(result, Extraction):
        try:
            outcome = store.write(result, run_id)
        except UnstorableError as exc:
            result = Reject(result.article.origin or result.article.id, "unstorable", str(exc))
        else:
            counts[outcome] += 1
            if outcome == "inserted":
                counts["events"] += len(result.events)
                counts["warnings"] = counts.get("warnings", 0) + bool(result.warnings)
            return outcome
    store.write_reject(result, run_id)
    count_reject(counts, result.reason)
    return "rejected"


def count_reject(counts: dict[str, int], reason: str) -> None:
    """Count one reject, in all and by its reason."""
    counts["rejected"] += 1
    key = REASON_PREFIX + reason
    counts[key] = counts.get(key, 0) + 1


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


def summary_from_counts(counts: Mapping[str, int], run_id: str | None) -> IngestSummary:
    """The summary of an ingest's counts (``rejected:REASON`` keys become ``reasons``)."""
    names = ("inserted", "unchanged", "rejected", "events", "warnings")
    reasons = sorted(
        (name.removeprefix(REASON_PREFIX), value)
        for name, value in counts.items()
        if name.startswith(REASON_PREFIX)
    )
    return IngestSummary(
        **{name: counts.get(name, 0) for name in names}, run_id=run_id, reasons=tuple(reasons)
    )
