"""The input stream cut into numbered partitions with stable task keys."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from dateline.model import Article, Reject, content_hash


@dataclass(frozen=True, slots=True)
class Partition:
    """A run of consecutive input documents: articles and the rejects met reading them."""

    index: int
    items: tuple[Article | Reject, ...]

    def key(self, run: str = "") -> str:
        """The Dask task key: a hash of the documents and of ``run`` (what else the task
        depends on: the run and its sink), so a task is pure and a retry reuses its key."""
        digest = content_hash(run, *(item.id for item in self.items)).removeprefix("sha256:")
        return f"dateline-ingest-{self.index:06d}-{digest[:16]}"

    @property
    def article_ids(self) -> list[str]:
        return [item.id for item in self.items if isinstance(item, Article)]


def partitions(items: Iterable[Article | Reject], size: int) -> Iterator[Partition]:
    """Cut a stream of documents into partitions of at most ``size`` (lazily)."""
    if size < 1:
        raise ValueError(f"partition size must be at least 1, got {size}")
    batch: list[Article | Reject] = []
    index = 0
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield Partition(index, tuple(batch))
            batch, index = [], index + 1
    if batch:
        yield Partition(index, tuple(batch))
