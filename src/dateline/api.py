"""The Python API: the CLI, the HTTP API and the dashboard are thin shells over it."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from spacy.language import Language

from dateline.ingest import read_paths
from dateline.model import Article, Extraction, Reject
from dateline.nlp import build_nlp
from dateline.pipeline import extract_articles
from dateline.settings import Settings
from dateline.writer import record_batch, skip_known, write_results

if TYPE_CHECKING:
    from distributed import Client

    from dateline.scale import Sink
    from dateline.store import Store


@dataclass(frozen=True, slots=True)
class IngestSummary:
    """What one ingest did: ``inserted + unchanged + rejected`` = documents read."""

    inserted: int = 0
    unchanged: int = 0
    rejected: int = 0
    events: int = 0
    run_id: str | None = None

    @property
    def total(self) -> int:
        return self.inserted + self.unchanged + self.rejected

    def as_dict(self) -> dict[str, int]:
        return {
            "inserted": self.inserted,
            "unchanged": self.unchanged,
            "rejected": self.rejected,
            "events": self.events,
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
    """Extract one story given as a string; ``meta`` are ``Article.create`` fields."""
    nlp = nlp or build_nlp(settings)
    article = Article.create(text, **meta)  # type: ignore[arg-type]
    result = next(extract_articles(nlp, [article], settings))
    if isinstance(result, Reject):
        raise ValueError(f"{result.reason}: {result.detail}")
    return result


def ingest_paths(
    paths: Iterable[str | Path],
    settings: Settings,
    store: Store,
    nlp: Language | None = None,
    progress: Progress | None = None,
) -> IngestSummary:
    """Extract every document under ``paths`` and write it to ``store``.

    Articles are written in batches, many to a transaction, each one whole or not at
    all (``dateline.writer``; with ``settings.n_process > 1`` in a writer thread beside
    the parser's workers); articles already stored are counted as unchanged and not
    parsed again, so a killed run resumes cleanly. A corrupt SQLite database is
    refused before anything is read (``StoreError``).
    """
    paths = list(paths)
    store.ensure_sound()
    nlp = nlp or build_nlp(settings)
    run_id = store.start_run("ingest " + " ".join(str(p) for p in paths))
    counts = {"inserted": 0, "unchanged": 0, "rejected": 0, "events": 0}  # the writer's
    known = {"unchanged": 0}  # the reading side's own counter: two threads, two dicts
    items = skip_known(read_paths(paths, settings), store, known)

    def write(batch: list[Extraction | Reject]) -> None:
        record_batch(store, batch, run_id, counts)
        if progress:
            progress(IngestSummary(**_plus(counts, known), run_id=run_id))

    threaded = settings.n_process > 1 and store.shares_connections
    write_results(extract_articles(nlp, items, settings), write, threaded)
    counts = _plus(counts, known)
    store.finish_run(run_id, counts)
    return IngestSummary(**counts, run_id=run_id)


def _plus(counts: Mapping[str, int], more: Mapping[str, int]) -> dict[str, int]:
    """``counts`` with ``more`` added, key by key."""
    return {key: value + more.get(key, 0) for key, value in counts.items()}


def record_result(
    store: Store, result: Extraction | Reject, run_id: str | None, counts: dict[str, int]
) -> str:
    """Write one result and count it: inserted, unchanged (also in-input duplicates),
    rejected; ``events`` counts the events of inserted articles. Returns which.

    An article the database refuses for its own data (``UnstorableError``) becomes
    its reject (``unstorable``); database-wide failures (``StoreError``) propagate.
    """
    return record_batch(store, [result], run_id, counts)[0]


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
            progress(_summary(counts, None))

    target = sink if sink is not None else SqlSink(settings.db_url)
    with connect(scheduler, workers or settings.n_process, processes) as client:
        counts, run_id = ingest_on_cluster(
            paths, settings, target, client, partition_size, retries, report
        )
    return _summary(counts, run_id)


def _summary(counts: Mapping[str, int], run_id: str | None) -> IngestSummary:
    names = ("inserted", "unchanged", "rejected", "events")
    return IngestSummary(**{name: counts[name] for name in names}, run_id=run_id)
