"""What an ingest did: writing one result and counting it, and the summary of the counts.

The CLI, the Python API, HTTP ingest and the Dask sinks all count through here, so a
summary always adds up the same way: ``inserted + unchanged + near_duplicates +
rejected`` = documents read, ``near_duplicates`` the articles stored as a copy of
another (the same story under another source, or lightly edited: see
``dateline.store.copies``), ``warnings`` the inserted articles that carry one,
``rejected:REASON`` the rejects by reason.

A near-duplicate that takes the place of the copy its own run stored before (the
store's :class:`~dateline.store.Replaced`) counts as a near-duplicate, and ``events``
and ``warnings`` trade the replaced article's for its own: a run's counts are those of
the articles it leaves stored, so they do not depend on the order of its writes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from dateline.errors import UnstorableError
from dateline.model import Extraction, Reject
from dateline.store import Replaced, Store

#: The outcome (and count key) of an article stored as a copy of another.
NEAR_DUPLICATE = "near_duplicate"
#: The outcome of an article stored in place of its copy (counted as NEAR_DUPLICATE).
REPLACED = "replaced"
#: The prefix of the counts of rejects by reason (``rejected:language:es``).
REASON_PREFIX = "rejected:"


@dataclass(frozen=True, slots=True)
class IngestSummary:
    """What one ingest did: ``inserted + unchanged + near_duplicates + rejected`` =
    documents read; ``warnings`` counts the inserted articles that carry a warning (no story date),
    ``reasons`` the rejects by reason."""

    inserted: int = 0
    unchanged: int = 0
    rejected: int = 0
    events: int = 0
    run_id: str | None = None
    warnings: int = 0
    reasons: tuple[tuple[str, int], ...] = ()
    near_duplicates: int = 0

    @property
    def total(self) -> int:
        return self.inserted + self.unchanged + self.near_duplicates + self.rejected

    def as_dict(self) -> dict[str, object]:
        return {
            "inserted": self.inserted,
            "unchanged": self.unchanged,
            "near_duplicates": self.near_duplicates,
            "rejected": self.rejected,
            "events": self.events,
            "warnings": self.warnings,
            "rejected_by_reason": dict(self.reasons),
        }


def new_counts() -> dict[str, int]:
    """The counts of an ingest before anything is read."""
    return {"inserted": 0, "unchanged": 0, NEAR_DUPLICATE: 0, "rejected": 0, "events": 0,
            "warnings": 0}  # fmt: skip


def record_result(
    store: Store, result: Extraction | Reject, run_id: str | None, counts: dict[str, int]
) -> str:
    """Write one result and count it (:func:`count_written`): inserted, unchanged (also
    in-input duplicates), near_duplicate, replaced, rejected (and ``rejected:REASON``).
    Returns which.

    An article the database refuses for its own data (``UnstorableError``) becomes
    its reject (``unstorable``); database-wide failures (``StoreError``) propagate.
    """
    if isinstance(result, Reject) and result.reason == "duplicate":
        counts["unchanged"] += 1  # the same story again in this input: one article
        return "unchanged"
    if isinstance(result, Extraction):
        (outcome,) = store.write_batch([result], run_id)
        if not isinstance(outcome, UnstorableError):
            return count_written(counts, result, outcome)
        result = Reject(result.article.origin or result.article.id, "unstorable", str(outcome))
    store.write_reject(result, run_id)
    count_reject(counts, result.reason)
    return "rejected"


def count_written(
    counts: dict[str, int], extraction: Extraction, outcome: str | Replaced
) -> str:
    """Count a stored article's outcome; return its name ("replaced" for
    :class:`Replaced`, counted as a near-duplicate). ``events`` counts the events of the
    articles inserted, and ``warnings`` those of them that carry a warning; a replaced
    article's are traded for this one's."""
    name = REPLACED if isinstance(outcome, Replaced) else outcome
    key = NEAR_DUPLICATE if name == REPLACED else name
    counts[key] = counts.get(key, 0) + 1
    if isinstance(outcome, Replaced):
        counts["events"] += len(extraction.events) - outcome.events
        counts["warnings"] = counts.get("warnings", 0) + bool(extraction.warnings) - outcome.warned
    elif outcome == "inserted":
        counts["events"] += len(extraction.events)
        counts["warnings"] = counts.get("warnings", 0) + bool(extraction.warnings)
    return name


def count_reject(counts: dict[str, int], reason: str) -> None:
    """Count one reject, in all and by its reason."""
    counts["rejected"] += 1
    key = REASON_PREFIX + reason
    counts[key] = counts.get(key, 0) + 1


def summary_from_counts(counts: Mapping[str, int], run_id: str | None) -> IngestSummary:
    """The summary of an ingest's counts (``rejected:REASON`` keys become ``reasons``)."""
    names = ("inserted", "unchanged", "rejected", "events", "warnings")
    near = counts.get(NEAR_DUPLICATE, 0)
    reasons = sorted(
        (name.removeprefix(REASON_PREFIX), value)
        for name, value in counts.items()
        if name.startswith(REASON_PREFIX)
    )
    return IngestSummary(
        **{name: counts.get(name, 0) for name in names}, run_id=run_id, reasons=tuple(reasons),
        near_duplicates=near,
    )
