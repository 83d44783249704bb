"""An article's copies: the rows that record where a story came from (one per copy in
``article_sources``), its MinHash signature and LSH buckets (``article_signatures``,
``article_buckets``), and the search for a stored article a new text nearly equals.

A story met again under another source, or with light edits (a byline, a trimmed
sentence), is stored once: one copy is the article, each other one a row of
``article_sources`` pointing at it (see :mod:`.neardup` for the test). Within one run
the copy with the smallest article id is the article, whatever the order of writing: a
copy that sorts before the article its own run stored takes its place
(:meth:`Finder.replaceable`; the store swaps them). An article stored by an earlier run
stays the article, and later copies point at it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from dateline.store import neardup, schema
from dateline.store.neardup import Signature

Row = dict[str, Any]
_PAGE = 500  # buckets or ids per query


@dataclass(frozen=True, slots=True)
class Match:
    """The stored (or earlier in the batch) article a text nearly equals."""

    article_id: str
    similarity: float


def source_row(article: Row, of: str, similarity: float) -> Row:
    """The ``article_sources`` row of a copy (``article``: its ``articles`` row) of the
    stored article ``of``."""
    keep = ("source", "url", "title", "origin", "published", "ingested_at", "run_id")
    return {"id": article["id"], "article_id": of, "similarity": similarity,
            **{name: article[name] for name in keep}}  # fmt: skip


def finder_rows(article_id: str, sig: Signature | None) -> list[tuple[sa.Table, list[Row]]]:
    """The signature and bucket rows of a stored article (none without a signature)."""
    if sig is None:
        return []
    return [
        (schema.article_signatures, [{"article_id": article_id, "minhash": neardup.to_text(sig)}]),
        (schema.article_buckets,
         [{"bucket": b, "article_id": article_id} for b in neardup.buckets(sig)]),
    ]  # fmt: skip


def stored_candidates(conn: Connection, wanted: Iterable[str]) -> dict[str, dict[str, Signature]]:
    """Per bucket of ``wanted``, the stored articles in it with their signatures (one
    query per ``_PAGE`` buckets)."""
    keys = sorted(set(wanted))
    bk, sg = schema.article_buckets, schema.article_signatures
    found: dict[str, dict[str, Signature]] = {}
    for start in range(0, len(keys), _PAGE):
        query = (
            sa.select(bk.c.bucket, sg.c.article_id, sg.c.minhash)
            .select_from(bk.join(sg, sg.c.article_id == bk.c.article_id))
            .where(bk.c.bucket.in_(keys[start : start + _PAGE]))
        )
        for bucket, article_id, text in conn.execute(query):
            found.setdefault(bucket, {})[article_id] = neardup.from_text(text)
    return found


def best_match(sig: Signature, candidates: dict[str, Signature]) -> Match | None:
    """The most similar candidate at ``neardup.THRESHOLD`` or above (ties: lowest id)."""
    scored = sorted((-neardup.similarity(sig, other), aid) for aid, other in candidates.items())
    if not scored or -scored[0][0] < neardup.THRESHOLD:
        return None
    return Match(scored[0][1], -scored[0][0])


def stored_by_run(conn: Connection, article_ids: Iterable[str], run_id: str | None) -> set[str]:
    """Those of ``article_ids`` stored by run ``run_id`` (none without a run id; one
    query per ``_PAGE`` ids)."""
    if run_id is None:
        return set()
    ids = sorted(set(article_ids))
    arts = schema.articles
    found: set[str] = set()
    for start in range(0, len(ids), _PAGE):
        query = sa.select(arts.c.id).where(
            arts.c.id.in_(ids[start : start + _PAGE]), arts.c.run_id == run_id
        )
        found.update(conn.execute(query).scalars())
    return found


class Finder:
    """Near-duplicate search for one batch: the stored articles sharing a bucket with
    any text of the batch (read once), and the batch's own articles as they are kept.

    Those of the stored ones that run ``run_id`` stored are *replaceable*: a copy of
    one of them that sorts before it takes its place (:meth:`replace`)."""

    def __init__(
        self, conn: Connection, signatures: Sequence[Signature | None], run_id: str | None = None
    ) -> None:
        wanted = (b for sig in signatures if sig is not None for b in neardup.buckets(sig))
        self._buckets = stored_candidates(conn, wanted)
        stored = (aid for found in self._buckets.values() for aid in found)
        self._replaceable = stored_by_run(conn, stored, run_id)

    def match(self, sig: Signature | None) -> Match | None:
        """The article this text nearly equals, if any."""
        if sig is None:
            return None
        candidates: dict[str, Signature] = {}
        for bucket in neardup.buckets(sig):
            candidates.update(self._buckets.get(bucket, {}))
        return best_match(sig, candidates)

    def keep(self, article_id: str, sig: Signature | None) -> None:
        """Let later texts of the batch match this (kept) article."""
        if sig is None:
            return
        for bucket in neardup.buckets(sig):
            self._buckets.setdefault(bucket, {})[article_id] = sig

    def replaceable(self, article_id: str, by: str) -> bool:
        """Whether the copy ``by`` takes the place of the stored article ``article_id``:
        this run stored it, and ``by`` sorts before it."""
        return article_id in self._replaceable and by < article_id

    def replace(self, match: Match, article_id: str, sig: Signature | None) -> None:
        """Let later texts of the batch match ``article_id`` instead of the article it
        replaces (``match``), which is now its copy."""
        self._replaceable.discard(match.article_id)
        for found in self._buckets.values():
            found.pop(match.article_id, None)
        self.keep(article_id, sig)


def backfill(conn: Connection) -> None:
    """Give every stored article its own ``article_sources`` row, signature and buckets
    (the migration to version 3), a page of articles at a time."""
    for page in _article_pages(conn):
        rows: dict[sa.Table, list[Row]] = {schema.article_sources: []}
        for article in page:
            rows[schema.article_sources].append(source_row(article, article["id"], 1.0))
            for table, table_rows in finder_rows(article["id"], neardup.signature(article["text"])):
                rows.setdefault(table, []).extend(table_rows)
        for table, table_rows in rows.items():
            conn.execute(sa.insert(table), table_rows)


def _article_pages(conn: Connection) -> Iterator[list[Row]]:
    arts = schema.articles
    columns = [arts.c[name] for name in ("id", "text", "source", "url", "title", "origin",
                                         "published", "ingested_at", "run_id")]  # fmt: skip
    last: str | None = None
    while True:
        query = sa.select(*columns).order_by(arts.c.id).limit(_PAGE)
        if last is not None:
            query = query.where(arts.c.id > last)
        page = [dict(row) for row in conn.execute(query).mappings()]
        if not page:
            return
        yield page
        last = page[-1]["id"]
