"""One watch cycle: scan files, fetch feeds, ingest what is new, remember it.

Everything read in a cycle goes through :func:`dateline.runs.ingest_items`, the one
ingest path; articles already stored are skipped before parsing. State is written
only after the ingest, so a watcher killed mid-cycle reads the same files and feeds
again on restart and finds their articles stored (no duplicates).
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from itertools import chain
from pathlib import Path

from spacy.language import Language

from dateline.ingest.formats import read_bytes
from dateline.ingest.sources import read_file
from dateline.model import Article, Reject
from dateline.nlp import current_nlp
from dateline.runs import IngestSummary, ingest_items
from dateline.settings import Settings
from dateline.store import Store
from dateline.watch import files, state
from dateline.watch.fetch import Fetched, FetchError, Limits, fetch

_log = logging.getLogger(__name__)
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$")
MAX_BACKOFF = 3600.0


def parse_duration(text: str) -> float:
    """Seconds in ``90``, ``30s``, ``15m``, ``2h`` or ``1d``; ValueError otherwise."""
    match = _DURATION.match(text)
    if not match:
        raise ValueError(f"expected a duration such as 30s, 15m, 2h or 1d, got {text!r}")
    return float(match.group(1)) * _UNITS[match.group(2) or "s"]


@dataclass(frozen=True, slots=True)
class WatchConfig:
    """What to watch and how: sources, settle time, per-request limits, back-off."""

    sources: tuple[str, ...]
    settle: float = 2.0
    limits: Limits = field(default_factory=Limits)
    retry_after: float = 60.0  # first back-off after a failure; doubles, up to MAX_BACKOFF


@dataclass(slots=True)
class CycleReport:
    """What one cycle did; ``line()`` is the one summary line."""

    number: int
    files: int = 0
    items: int = 0
    not_modified: int = 0
    unsettled: int = 0
    waiting: int = 0
    down: dict[str, str] = field(default_factory=dict)
    ingest: IngestSummary = field(default_factory=IngestSummary)
    alerts: int = 0
    seconds: float = 0.0

    def line(self) -> str:
        s = self.ingest
        down = f" ({', '.join(sorted(self.down))})" if self.down else ""
        return (
            f"cycle {self.number}: files {self.files}, feed items {self.items}, "
            f"not modified {self.not_modified}, unsettled {self.unsettled}, "
            f"down {len(self.down)}{down}, backing off {self.waiting}; "
            f"inserted {s.inserted}, unchanged {s.unchanged}, "
            f"near-duplicates {s.near_duplicates}, rejected {s.rejected}, "
            f"events {s.events}; alerts {self.alerts}; {self.seconds:.2f} s"
        )


@dataclass(slots=True)
class _Pending:
    """What a cycle read and will remember once it is stored."""

    files: dict[str, files.Mark] = field(default_factory=dict)
    feeds: list[state.SourceState] = field(default_factory=list)
    documents: list[Iterable[Article | Reject]] = field(default_factory=list)


class Watcher:
    """Runs cycles over one store; builds the spaCy pipeline on the first new item."""

    def __init__(
        self,
        config: WatchConfig,
        settings: Settings,
        store: Store,
        clock: Callable[[], float] = time.time,
        nlp: Language | None = None,
    ) -> None:
        self.config = config
        self.settings = settings
        self.store = store
        self.clock = clock
        self.cycles = 0
        self._nlp = nlp
        self._checked = False  # the corruption check runs before the first ingest only
        state.create(store.engine)

    def nlp(self) -> Language:
        """The pipeline, built on first use and again when a user knowledge file changed."""
        self._nlp = current_nlp(self._nlp, self.settings)
        return self._nlp

    def cycle(self) -> CycleReport:
        """One cycle: read what is new, ingest it, remember it; never raises for a
        source that is down (it is logged and backed off)."""
        started = time.monotonic()
        self.cycles += 1
        report = CycleReport(self.cycles)
        pending = _Pending()
        self._scan_files(report, pending)
        for url in (s for s in self.config.sources if files.is_url(s)):
            self._fetch_feed(url, report, pending)
        if pending.documents:
            command = "watch " + " ".join(self.config.sources)
            documents = chain.from_iterable(pending.documents)
            report.ingest = ingest_items(documents, self.settings, self.store, command,
                                         nlp=self.nlp(), check=not self._checked)
            self._checked = True
        self._remember(pending)
        report.seconds = time.monotonic() - started
        return report

    # -- files -------------------------------------------------------------------

    def _scan_files(self, report: CycleReport, pending: _Pending) -> None:
        paths = [s for s in self.config.sources if not files.is_url(s)]
        live = [s for s in paths if self._due(s, report)]
        if not live:
            return
        found = files.scan(live, state.file_marks(self.store.engine), self.config.settle)
        for source in live:
            if source in found.down:
                self._failed(source, found.down[source], report)
            else:
                self._recovered(source)
        report.unsettled = len(found.unsettled)
        for path in found.unsettled:
            _log.info("watch: %s is still being written; next cycle", path)
        report.files = len(found.ready)
        pending.files = found.ready
        pending.documents += [read_file_path(path, self.settings) for path in found.ready]

    # -- feeds -------------------------------------------------------------------

    def _fetch_feed(self, url: str, report: CycleReport, pending: _Pending) -> None:
        if not self._due(url, report):
            return
        known = state.source_state(self.store.engine, url)
        try:
            got = fetch(url, known.etag, known.last_modified, self.config.limits)
        except FetchError as exc:
            self._failed(url, str(exc), report)
            return
        done = replace(known, failures=0, retry_at=0.0, last_error=None)
        if got.body is None:
            report.not_modified += 1
            pending.feeds.append(done)
            return
        found = list(_documents(got, url, self.settings))
        report.items += len(found)
        pending.documents.append(found)
        pending.feeds.append(replace(done, etag=got.etag, last_modified=got.last_modified))

    # -- state -------------------------------------------------------------------

    def _due(self, source: str, report: CycleReport) -> bool:
        """Whether a source is out of its back-off (counted as waiting when not)."""
        known = state.source_state(self.store.engine, source)
        if known.retry_at > self.clock():
            report.waiting += 1
            return False
        return True

    def _failed(self, source: str, problem: str, report: CycleReport) -> None:
        """Log a source that is down and back it off: ``retry_after`` doubled per
        consecutive failure, at most ``MAX_BACKOFF``."""
        known = state.source_state(self.store.engine, source)
        failures = known.failures + 1
        delay = min(self.config.retry_after * 2 ** (failures - 1), MAX_BACKOFF)
        now = self.clock()
        _log.warning("watch: %s is down (%s); failure %d, next try in %.0f s",
                     source, problem, failures, delay)  # fmt: skip
        report.down[source] = problem
        failed = replace(known, failures=failures, retry_at=now + delay, last_error=problem)
        state.save_source(self.store.engine, failed, now)

    def _recovered(self, source: str) -> None:
        known = state.source_state(self.store.engine, source)
        if known.failures or known.last_error:
            fresh = replace(known, failures=0, retry_at=0.0, last_error=None)
            state.save_source(self.store.engine, fresh, self.clock())

    def _remember(self, pending: _Pending) -> None:
        now = self.clock()
        state.mark_files(self.store.engine, pending.files, now)
        for feed in pending.feeds:
            state.save_source(self.store.engine, feed, now)


def read_file_path(path: str, settings: Settings) -> Iterator[Article | Reject]:
    """The documents of one file, through the ingest readers."""
    return read_file(Path(path), settings)


def _documents(got: Fetched, url: str, settings: Settings) -> Iterator[Article | Reject]:
    """The documents in a fetched body, through the same readers as files (feeds,
    HTML pages with boilerplate removed, text with headers stripped)."""
    assert got.body is not None
    if _is_feed_type(got.content_type):
        return read_bytes(got.body, url, settings, "feed")
    return read_bytes(got.body, url, settings)


def _is_feed_type(content_type: str | None) -> bool:
    kind = (content_type or "").split(";")[0].strip().lower()
    return kind in {"application/rss+xml", "application/atom+xml", "application/rdf+xml"}
