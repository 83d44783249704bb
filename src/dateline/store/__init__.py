"""The event database: SQLAlchemy Core over SQLite (WAL, the default) or PostgreSQL.

    with Store.open("sqlite:///dateline.db") as store:
        store.write(extraction)            # "inserted" or "unchanged"
        found = list(store.records())      # output-contract dicts, by article id

Queries over events (filters, flat rows, aggregations) live in :mod:`dateline.query`.

Articles are written many to a transaction (``write_batch``), each one whole or not
at all: a batch's rows go in together (one ``executemany`` per table) in a savepoint,
and when the database refuses one article's data the batch is written again article
by article, each in a savepoint of its own, so that article rolls back alone; a
database-wide failure rolls back the batch. Article ids are content hashes, looked up
for the whole batch in one query, and the one-by-one article insert is ``INSERT ...
ON CONFLICT DO NOTHING``, so writing the same article again (or from two writers at
once) stores it once. Every child-row insert goes through :meth:`Store._insert_rows`,
which tests may monkeypatch; or call ``store.with_fault_after(n)`` to make each write
(each call of ``write``, ``write_many`` or ``write_batch``) fail after its first
``n`` rows.

A near-duplicate of a stored article is recorded as its copy (:mod:`.copies`). Within
one run the copy with the smallest article id is the article whatever the order of the
writes (a Dask run's partitions come in any order): a copy that sorts before an article
stored by its own run takes that article's place in one savepoint (``_swap``): it is
stored in full, the other's rows go, and the other and its copies become its copies.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from functools import partial
from types import TracebackType
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from dateline.clean import clean_text
from dateline.errors import InjectedFault, StoreError, UnstorableError
from dateline.model import Extraction, Reject
from dateline.settings import db_url_from
from dateline.store import neardup, schema
from dateline.store.check import CheckReport, quick_check, run_checks
from dateline.store.copies import Finder, Match, finder_rows, source_row
from dateline.store.engine import (
    create_engine,
    database_errors,
    describe,
    insert_ignoring,
    lock_writers,
    savepoint,
    upsert,
    writing,
)
from dateline.store.migrations import is_current, migrate, utc_now
from dateline.store.neardup import Signature
from dateline.store.rows import (
    Row,
    contract_from_rows,
    extraction_from_rows,
    extraction_rows,
    to_json,
)

__all__ = ["CheckReport", "InjectedFault", "Outcome", "Replaced", "Store"]

_PAGE = 500  # articles read per query in ``extractions``
_RECORD_TABLES = (
    schema.events, schema.actors, schema.times, schema.places, schema.quotes, schema.quantities,
)  # fmt: skip


#: Errors that come from one article's data, not from the database: that article is
#: unstorable, the next one may be fine. (IntegrityError and DataError are DBAPI errors
#: too; they come first so that the database-wide ones are what is left.)
_DOCUMENT_FAULTS = (
    UnicodeError, OverflowError, ValueError, TypeError, sa.exc.IntegrityError, sa.exc.DataError,
)  # fmt: skip


def _one_line(exc: BaseException) -> str:
    """An error as one short line (SQLAlchemy appends the statement and parameters)."""
    orig = getattr(exc, "orig", None)
    text = str(orig if orig is not None else exc)
    return f"{type(orig or exc).__name__}: {text.splitlines()[0] if text else ''}"[:500]


@dataclass(frozen=True, slots=True)
class Replaced:
    """The outcome of a near-duplicate that took the place of the article its own run
    stored before (which is now its copy). It counts as a near-duplicate: the run still
    stored the story once and met one more copy of it. ``events`` and ``warned`` are
    those of the article it replaced, so that a run's counts (the events and warnings of
    the articles it stored) can trade them for its own."""

    events: int
    warned: bool


#: What writing one article did: "inserted", "unchanged", "near_duplicate" (stored as a
#: copy of an article), :class:`Replaced` (stored in place of its copy), or why its own
#: data was refused.
Outcome = str | Replaced | UnstorableError


@dataclass(slots=True)
class _RowBudget:
    """How many more rows one write may insert before the injected fault (None: no limit)."""

    left: int | None

    def take(self, wanted: int) -> int:
        """Spend up to ``wanted`` rows; return how many may be inserted."""
        if self.left is None:
            return wanted
        allowed = min(wanted, self.left)
        self.left -= allowed
        return allowed


class Store:
    """One database. Build it with :meth:`Store.open`; close it (or use ``with``)."""

    def __init__(self, engine: sa.Engine, fail_after_rows: int | None = None) -> None:
        self._engine = engine
        self._fail_after_rows = fail_after_rows

    @classmethod
    def open(cls, url: str) -> Store:
        """Open the database at a URL or SQLite path, creating or migrating it if needed.

        The schema version is read in a read transaction; the write lock is taken only
        when the version says there is something to do, so opening a current database
        never waits for a writer. Every database error is a one-line ``StoreError``.
        """
        engine = create_engine(db_url_from(url))
        try:
            with database_errors(engine, "cannot open the database"):
                _bring_up_to_date(engine)
        except BaseException:
            engine.dispose()
            raise
        return cls(engine)

    def with_fault_after(self, rows: int) -> Store:
        """Test hook: make each later write fail with ``InjectedFault`` after ``rows``
        rows (the write rolls back as on a real failure); returns this store."""
        self._fail_after_rows = rows
        return self

    @property
    def engine(self) -> sa.Engine:
        """The SQLAlchemy engine (for the query layer and tests)."""
        return self._engine

    @property
    def shares_connections(self) -> bool:
        """Whether another thread may write through this store and be seen by this one
        (not so for an in-memory SQLite database: each thread gets a database of its own)."""
        return not isinstance(self._engine.pool, sa.pool.SingletonThreadPool)

    def close(self) -> None:
        """Close every pooled connection."""
        self._engine.dispose()

    def _database_errors(self, what: str) -> AbstractContextManager[None]:
        return database_errors(self._engine, what)

    def ensure_sound(self) -> None:
        """Raise ``StoreError`` unless the database passes SQLite's ``quick_check``
        (other databases: nothing to do). Run before writing, so that a writer never
        adds to a corrupt file; it reads every page once, so it takes longer the larger
        the file."""
        try:
            with self._engine.connect() as conn:
                problems = quick_check(conn)
        except sa.exc.DatabaseError as exc:  # "database disk image is malformed", ...
            problems = [str(exc.orig).strip() or type(exc.orig).__name__]
        if problems:
            raise StoreError(
                f"the database {describe(self._engine)} is corrupt ({problems[0]}); "
                "run `dateline check` and restore it from a backup"
            )

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    # -- writing ------------------------------------------------------------------

    def write(self, extraction: Extraction, run_id: str | None = None) -> str:
        """Store one article and its records atomically: "inserted", "unchanged" or
        "near_duplicate" (also when it took the place of its copy: :class:`Replaced`).

        Raise :class:`UnstorableError` when the article's own data is refused (the
        database is fine: the caller can reject this article and go on), and
        :class:`StoreError` when the database fails (locked, full, corrupt, read-only).
        """
        return _raise_refused(self.write_batch([extraction], run_id))[0]

    def replace(self, extraction: Extraction, run_id: str | None = None) -> None:
        """Store one article in place of its stored version, in one transaction (a
        re-code): its old rows go and the new ones come, or nothing changes; its
        copies (sources) stay. Errors are those of :meth:`write`."""
        article_id = extraction.article.id
        try:
            _check_event_ids(extraction)
            rows = extraction_rows(extraction, utc_now(), run_id)
            with writing(self._engine) as conn:
                copied = _copy_rows(conn, article_id) or _own_copy_rows(rows[0][1][0])
                _delete_rows(conn, article_id, reversed(schema.ARTICLE_TABLES))
                for table, table_rows in [*rows, *copied]:
                    self._insert_rows(conn, table, table_rows)
        except _DOCUMENT_FAULTS as exc:
            raise UnstorableError(f"cannot store article {article_id}: {_one_line(exc)}") from exc
        except sa.exc.DBAPIError as exc:
            raise StoreError(f"cannot write article {article_id}: {exc.orig}") from exc

    def article_ids(self) -> list[str]:
        """Every stored article id, sorted."""
        arts = schema.articles
        with self._database_errors("cannot read articles"), self._engine.connect() as conn:
            return [row[0] for row in conn.execute(sa.select(arts.c.id).order_by(arts.c.id))]

    def write_many(self, extractions: Iterable[Extraction], run_id: str | None = None) -> list[str]:
        """:meth:`write_batch` in one transaction; the outcomes in order. An article
        refused for its own data raises its :class:`UnstorableError` once the others
        are committed."""
        return _raise_refused(self.write_batch(list(extractions), run_id))

    def write_batch(
        self, extractions: Sequence[Extraction], run_id: str | None = None
    ) -> list[Outcome]:
        """Store many articles in one transaction, each one whole or not at all.

        The stored ids among them are looked up in one query (under the write lock).
        The others are inserted together in a savepoint, one ``executemany`` per table
        for the whole batch; when the database refuses one article's data, that
        savepoint is rolled back and the articles are inserted again one by one, each
        in a savepoint of its own, so the refused article rolls back alone. Each
        outcome is "inserted", "unchanged" (stored before, or earlier in this batch),
        "near_duplicate" (a near-duplicate of a stored article, or of an earlier one
        of this batch in id order, recorded as its copy in ``article_sources``; see
        :mod:`.copies`), :class:`Replaced` (a near-duplicate of an article stored by
        the same ``run_id`` whose id sorts after its own: stored in its place, each in
        a savepoint of its own, so within a run the story's smallest id is the article
        whatever the order of the batches) or the :class:`UnstorableError` of a refused
        article. A database-wide failure raises :class:`StoreError` and stores nothing
        of the batch.
        """
        if not extractions:
            return []  # (no write lock taken)
        now = utc_now()
        prepared = [_prepare(extraction, now, run_id) for extraction in extractions]
        budget = _RowBudget(self._fail_after_rows)
        try:
            with writing(self._engine) as conn:
                return self._write_prepared(conn, prepared, budget, run_id)
        except sa.exc.DBAPIError as exc:
            raise StoreError(f"cannot write {_which(extractions)}: {exc.orig}") from exc

    def _write_prepared(
        self,
        conn: Connection,
        prepared: list[_ArticleRows | UnstorableError],
        budget: _RowBudget,
        run_id: str | None,
    ) -> list[Outcome]:
        """Write the articles not stored yet (the first copy of each): all together,
        or, when one of them is refused, one by one; then those that take the place of
        an article of their run, one by one; then the near-duplicates of stored articles
        (or of articles of the batch) as their copies. Outcomes in input order."""
        lock_writers(conn)
        ready = [p for p in prepared if isinstance(p, _ArticleRows)]
        known = _stored_ids(conn, [rows.article_id for rows in ready])
        fresh: dict[str, _ArticleRows] = {}
        for rows in ready:
            if rows.article_id not in known:
                fresh.setdefault(rows.article_id, rows)
        # in id order: concurrent writers (PostgreSQL) then take row locks in one order
        # and cannot deadlock, and which copy of a story is kept does not depend on the
        # order of the batch
        plan = _split_copies(conn, sorted(fresh.values(), key=_by_id), run_id)
        written = self._write_together(conn, plan.originals, budget)
        if written is None:
            written = self._write_each(conn, plan.originals, budget)
        written.update(self._write_swaps(conn, plan.swaps, budget))
        written.update(self._write_copies(conn, plan.copies, written, budget))
        return [
            p if isinstance(p, UnstorableError)
            else written[p.article_id] if fresh.get(p.article_id) is p
            else "unchanged"
            for p in prepared
        ]  # fmt: skip

    def _write_together(
        self, conn: Connection, articles: list[_ArticleRows], budget: _RowBudget
    ) -> dict[str, Outcome] | None:
        """Insert the articles in one savepoint, one ``executemany`` per table; None
        (and nothing written) when one article's data is refused."""
        try:
            with savepoint(conn):
                self._insert_batch(conn, schema.articles, [a.article for a in articles], budget)
                for table, rows in _rows_by_table(articles):
                    self._insert_batch(conn, table, rows, budget)
        except Exception as exc:
            if not _own_fault(exc):
                raise
            return None
        return {a.article_id: "inserted" for a in articles}

    def _write_each(
        self, conn: Connection, articles: list[_ArticleRows], budget: _RowBudget
    ) -> dict[str, Outcome]:
        """Each article in a savepoint of its own: its outcome, or its error when its
        own data is refused (its savepoint is rolled back; database errors propagate)."""
        return {a.article_id: self._write_article(conn, a, budget) for a in articles}

    def _write_copies(
        self,
        conn: Connection,
        copies: list[tuple[_ArticleRows, Match]],
        written: dict[str, Outcome],
        budget: _RowBudget,
    ) -> dict[str, Outcome]:
        """Record each near-duplicate as a copy of its article ("near_duplicate"); one
        whose article of this batch was refused is written as an article itself."""
        done: dict[str, Outcome] = {}
        for rows, match in copies:
            if not isinstance(written.get(match.article_id), UnstorableError):
                done[rows.article_id] = self._write_copy(conn, rows, match, budget)
            else:
                done[rows.article_id] = self._write_article(conn, rows, budget)
        return done

    def _write_copy(
        self, conn: Connection, rows: _ArticleRows, match: Match, budget: _RowBudget
    ) -> Outcome:
        row = source_row(rows.article, match.article_id, match.similarity)

        def insert() -> Outcome:
            self._insert_batch(conn, schema.article_sources, [row], budget)
            return "near_duplicate"

        return _alone(conn, rows.article_id, insert)

    def _write_swaps(
        self, conn: Connection, swaps: list[tuple[_ArticleRows, Match]], budget: _RowBudget
    ) -> dict[str, Outcome]:
        """Store each article in place of the one of its run it matches, each in a
        savepoint of its own: its outcome, or its error when its own data is refused
        (then the other stays as it was)."""
        return {rows.article_id: _alone(conn, rows.article_id,
                                        partial(self._swap, conn, rows, match, budget))
                for rows, match in swaps}

    def _swap(
        self, conn: Connection, rows: _ArticleRows, match: Match, budget: _RowBudget
    ) -> Outcome:
        """Store ``rows`` in full, make the stored article ``match`` and its copies its
        copies, and delete that article's own rows (events, records, signature, buckets)."""
        replaced = _replaced(conn, match.article_id)
        if self._insert_article_rows(conn, rows, budget) == "unchanged":
            return "unchanged"
        _repoint_copies(conn, match, rows.article_id)
        _delete_rows(conn, match.article_id, _OWN_ROWS)
        return replaced

    def _write_article(self, conn: Connection, rows: _ArticleRows, budget: _RowBudget) -> Outcome:
        return _alone(conn, rows.article_id,
                      partial(self._insert_article_rows, conn, rows, budget))

    def _insert_article_rows(self, conn: Connection, rows: _ArticleRows, budget: _RowBudget) -> str:
        if budget.take(1) < 1:
            raise self._fault()
        if not self._insert_article(conn, rows.article):
            return "unchanged"
        for table, table_rows in rows.children:
            self._insert_batch(conn, table, table_rows, budget)
        return "inserted"

    def _insert_article(self, conn: Connection, row: Row) -> bool:
        """Insert the article row unless its id is stored; whether it was inserted.
        (The batch looked its id up under the write lock; on PostgreSQL another writer
        may still have committed it since, and ``ON CONFLICT`` says so here.)"""
        statement = insert_ignoring(conn, schema.articles)
        if statement is None:  # no ON CONFLICT in this dialect: look first
            if self.has_article(row["id"], conn):
                return False
            conn.execute(sa.insert(schema.articles), row)
            return True
        # RETURNING, not rowcount: some drivers (psycopg under SQLAlchemy 2.1) report -1
        return conn.execute(statement.returning(schema.articles.c.id), row).first() is not None

    def _insert_batch(
        self, conn: Connection, table: sa.Table, rows: list[Row], budget: _RowBudget
    ) -> None:
        """Insert rows up to the injected-fault budget, then fail if some were left over."""
        allowed = budget.take(len(rows))
        self._insert_rows(conn, table, rows[:allowed])
        if allowed < len(rows):
            raise self._fault()

    def _fault(self) -> InjectedFault:
        return InjectedFault(f"injected fault after {self._fail_after_rows} row(s) of a write")

    def _insert_rows(self, conn: Connection, table: sa.Table, rows: list[Row]) -> None:
        """Every child-row insert goes through here (monkeypatch it to inject faults)."""
        if rows:
            conn.execute(sa.insert(table), rows)

    def write_reject(self, reject: Reject, run_id: str | None = None) -> None:
        """Record a document that could not be read; the first run that met it is kept.

        Its texts are stored with any lone surrogate as U+FFFD, so a reject can always
        be written."""
        self.write_rejects([reject], run_id)

    def write_rejects(self, rejects: Sequence[Reject], run_id: str | None = None) -> None:
        """:meth:`write_reject` for many, in one transaction (one ``executemany``)."""
        rows = {row["id"]: row for row in (_reject_row(r, run_id) for r in rejects)}
        if not rows:  # (a reject met twice is one row: the later detail, as in two writes)
            return
        with self._database_errors("cannot record a reject"), writing(self._engine) as conn:
            conn.execute(upsert(conn, schema.rejects, ("detail",)), list(rows.values()))

    def start_run(self, command: str, provenance: Mapping[str, object] | None = None) -> str:
        """Record the start of a run (an ingest) and what codes it; returns its id."""
        run_id = uuid.uuid4().hex
        recorded = to_json(dict(provenance)) if provenance is not None else None
        row = {"id": run_id, "started": utc_now(), "command": command, "provenance": recorded}
        with self._database_errors("cannot record the run"), writing(self._engine) as conn:
            conn.execute(sa.insert(schema.runs), row)
        return run_id

    def finish_run(self, run_id: str, counts: Mapping[str, object]) -> None:
        """Record the end of a run and what it did (its summary)."""
        values = {"finished": utc_now(), "counts": to_json(dict(counts))}
        with self._database_errors("cannot record the run"), writing(self._engine) as conn:
            conn.execute(sa.update(schema.runs).where(schema.runs.c.id == run_id).values(values))

    # -- reading ------------------------------------------------------------------

    def has_article(self, article_id: str, conn: Connection | None = None) -> bool:
        """Whether an article with this id is stored."""
        query = sa.select(schema.articles.c.id).where(schema.articles.c.id == article_id)
        if conn is not None:
            return conn.execute(query).first() is not None
        with self._database_errors("cannot read articles"), self._engine.connect() as own:
            return own.execute(query).first() is not None

    def stored_ids(self, article_ids: Sequence[str]) -> set[str]:
        """Those of ``article_ids`` that are stored, as articles or as near-duplicate
        copies of one (one query per 500 ids)."""
        if not article_ids:
            return set()
        with self._database_errors("cannot read articles"), self._engine.connect() as conn:
            return _stored_ids(conn, article_ids)

    def sources(self, article_id: str) -> list[dict[str, Any]]:
        """Every copy of a stored article, the article itself first: ``id`` (the copy's
        own article id), ``source``, ``url``, ``title``, ``origin``, ``published``,
        ``similarity`` (estimated, 1.0 for the article), ``ingested_at``, ``run_id``."""
        cp = schema.article_sources
        query = (
            sa.select(cp)
            .where(cp.c.article_id == article_id)
            .order_by((cp.c.id != article_id), cp.c.ingested_at, cp.c.id)
        )
        with self._database_errors("cannot read sources"), self._engine.connect() as conn:
            return [dict(row) for row in conn.execute(query).mappings()]

    def extractions(self, article_ids: Iterable[str] | None = None) -> Iterator[Extraction]:
        """Stored articles rebuilt exactly as written, ordered by article id."""
        for row, records in self._stored(article_ids):
            yield extraction_from_rows(row, records)

    def records(self, article_ids: Iterable[str] | None = None) -> Iterator[dict[str, Any]]:
        """Stored articles as output-contract dicts (``serialize.extraction_to_dict``), by id.

        Built from the stored JSON without rebuilding records, so it is the fast path
        for exports."""
        for row, records in self._stored(article_ids):
            yield contract_from_rows(row, records)

    def _stored(
        self, article_ids: Iterable[str] | None
    ) -> Iterator[tuple[sa.RowMapping, dict[str, list[str]]]]:
        """Each article row with its tables' ``record`` texts, a page of articles at a time."""
        with self._database_errors("cannot read articles"), self._engine.connect() as conn:
            for page in _article_pages(conn, article_ids):
                ids = [row["id"] for row in page]
                found = {t.name: _records(conn, t, ids) for t in _RECORD_TABLES}
                for row in page:
                    yield row, {name: texts.get(row["id"], []) for name, texts in found.items()}

    def rejects(self) -> list[dict[str, Any]]:
        """Every reject (id, origin, reason, detail, run_id), ordered by origin and reason."""
        rj = schema.rejects
        query = sa.select(rj).order_by(rj.c.origin, rj.c.reason)
        with self._database_errors("cannot read rejects"), self._engine.connect() as conn:
            return [dict(row) for row in conn.execute(query).mappings()]

    def warnings(self) -> list[dict[str, Any]]:
        """Every stored article that carries a warning (id, origin, published,
        date_source, warnings as a list), ordered by origin and id."""
        arts = schema.articles
        columns = (arts.c.id, arts.c.origin, arts.c.published, arts.c.date_source, arts.c.warnings)
        query = (
            sa.select(*columns).where(arts.c.warnings != "[]").order_by(arts.c.origin, arts.c.id)
        )
        with self._database_errors("cannot read warnings"), self._engine.connect() as conn:
            rows = [dict(row) for row in conn.execute(query).mappings()]
        return [{**row, "warnings": json.loads(row["warnings"])} for row in rows]

    def runs(self) -> list[dict[str, Any]]:
        """Every run, oldest first, with its counts and provenance decoded."""
        query = sa.select(schema.runs).order_by(schema.runs.c.started, schema.runs.c.id)
        with self._database_errors("cannot read runs"), self._engine.connect() as conn:
            rows = [dict(row) for row in conn.execute(query).mappings()]
        return [
            {**r, **{k: json.loads(r[k]) if r[k] else None for k in ("counts", "provenance")}}
            for r in rows
        ]

    def counts(self) -> dict[str, int]:
        """How many articles, events and rejects are stored."""
        tables = {"articles": schema.articles, "events": schema.events, "rejects": schema.rejects}
        with self._database_errors("cannot count"), self._engine.connect() as conn:
            return {
                name: int(conn.execute(sa.select(sa.func.count()).select_from(t)).scalar() or 0)
                for name, t in tables.items()
            }

    def check(self) -> CheckReport:
        """Integrity check (SQLite), orphan rows and schema version."""
        with self._database_errors("cannot check the database"):
            return run_checks(self._engine)


def _bring_up_to_date(engine: sa.Engine) -> None:
    """Check the schema version in a read transaction; migrate (under the write lock,
    where ``migrate`` reads the version again) only when it is behind."""
    with engine.connect() as conn:
        if is_current(conn):
            return
    with writing(engine) as conn:
        migrate(conn)


def _reject_row(reject: Reject, run_id: str | None) -> Row:
    """The ``rejects`` row of a reject, its texts cleaned (lone surrogates as U+FFFD)."""
    clean = Reject(clean_text(reject.origin), reject.reason, clean_text(reject.detail))
    return {"id": clean.id, "origin": clean.origin, "reason": clean.reason,
            "detail": clean.detail, "run_id": run_id}  # fmt: skip


def _stored_ids(conn: Connection, article_ids: Sequence[str]) -> set[str]:
    """Those of ``article_ids`` that are stored, as articles or as copies of one
    (``article_sources`` holds both), ``_PAGE`` ids a query."""
    copies = schema.article_sources
    found: set[str] = set()
    for i in range(0, len(article_ids), _PAGE):
        page = list(article_ids[i : i + _PAGE])
        found.update(conn.execute(sa.select(copies.c.id).where(copies.c.id.in_(page))).scalars())
    return found


@dataclass(frozen=True, slots=True)
class _ArticleRows:
    """One article's rows, ready to insert: the article row, then each child table's."""

    article: Row
    children: list[tuple[sa.Table, list[Row]]]
    minhash: Signature | None = None

    @property
    def article_id(self) -> str:
        return str(self.article["id"])


def _rows_by_table(articles: list[_ArticleRows]) -> list[tuple[sa.Table, list[Row]]]:
    """The child rows of many articles, table by table (parents first)."""
    tables: dict[sa.Table, list[Row]] = {}
    for article in articles:
        for table, rows in article.children:
            tables.setdefault(table, []).extend(rows)
    return list(tables.items())


def _prepare(
    extraction: Extraction, now: str, run_id: str | None
) -> _ArticleRows | UnstorableError:
    """The article's rows, or why its own data cannot be stored."""
    try:
        _check_event_ids(extraction)
        (_, (article,)), *children = extraction_rows(extraction, now, run_id)
        minhash = neardup.signature(extraction.article.text)
    except UnstorableError as exc:
        return exc
    except _DOCUMENT_FAULTS as exc:
        return _refused(extraction.article.id, exc)
    own = [(schema.article_sources, [source_row(article, article["id"], 1.0)]),
           *finder_rows(article["id"], minhash)]  # fmt: skip
    return _ArticleRows(article, [*children, *own], minhash)


def _by_id(rows: _ArticleRows) -> str:
    return rows.article_id


@dataclass(slots=True)
class _Plan:
    """What to do with a batch's new articles (each list in id order): store the
    originals; store the swaps in place of the article of their run they match; record
    the copies as copies of what they match."""

    originals: list[_ArticleRows] = field(default_factory=list)
    swaps: list[tuple[_ArticleRows, Match]] = field(default_factory=list)
    copies: list[tuple[_ArticleRows, Match]] = field(default_factory=list)


def _split_copies(conn: Connection, articles: list[_ArticleRows], run_id: str | None) -> _Plan:
    """Sort the articles (in id order) into originals, swaps (near-duplicates of an
    article run ``run_id`` stored whose id sorts after theirs) and copies (of a stored
    article or of an earlier one of the list)."""
    finder = Finder(conn, [a.minhash for a in articles], run_id)
    plan = _Plan()
    for rows in articles:
        match = finder.match(rows.minhash)
        if match is None:
            plan.originals.append(rows)
            finder.keep(rows.article_id, rows.minhash)
        elif finder.replaceable(match.article_id, by=rows.article_id):
            plan.swaps.append((rows, match))
            finder.replace(match, rows.article_id, rows.minhash)
        else:
            plan.copies.append((rows, match))
    return plan


#: The rows of a stored article but its copies' (``article_sources``), children first.
_OWN_ROWS: tuple[sa.Table, ...] = (
    *reversed(schema.ARTICLE_TABLES[1:]), *reversed(schema.COPY_TABLES[1:]), schema.articles,
)  # fmt: skip


def _delete_rows(conn: Connection, article_id: str, tables: Iterable[sa.Table]) -> None:
    """Delete an article's rows from ``tables``, in their order (children first)."""
    for table in tables:
        key = table.c.id if table is schema.articles else table.c.article_id
        conn.execute(sa.delete(table).where(key == article_id))


def _replaced(conn: Connection, article_id: str) -> Replaced:
    """The outcome of a swap that replaces the stored article ``article_id``: its events
    and whether it carries a warning."""
    ev, arts = schema.events, schema.articles
    events = conn.execute(
        sa.select(sa.func.count()).select_from(ev).where(ev.c.article_id == article_id)
    ).scalar()
    warnings = conn.execute(sa.select(arts.c.warnings).where(arts.c.id == article_id)).scalar()
    return Replaced(events=int(events or 0), warned=warnings not in (None, "[]"))


def _repoint_copies(conn: Connection, match: Match, article_id: str) -> None:
    """Make the stored article ``match`` and its copies copies of ``article_id``; the
    replaced article's similarity is to its new article (the others keep theirs: a
    copy's text is not stored, so its similarity to the new article is unknown)."""
    cp = schema.article_sources
    conn.execute(
        sa.update(cp).where(cp.c.article_id == match.article_id).values(article_id=article_id)
    )
    conn.execute(
        sa.update(cp).where(cp.c.id == match.article_id).values(similarity=match.similarity)
    )


def _copy_rows(conn: Connection, article_id: str) -> list[tuple[sa.Table, list[Row]]]:
    """The stored copy-table rows of an article (kept across a re-code)."""
    found = []
    for table in schema.COPY_TABLES:
        query = sa.select(table).where(table.c.article_id == article_id)
        found.append((table, [dict(row) for row in conn.execute(query).mappings()]))
    return found if found[0][1] else []


def _own_copy_rows(article: Row) -> list[tuple[sa.Table, list[Row]]]:
    """The copy-table rows of an article met for the first time."""
    own = source_row(article, article["id"], 1.0)
    return [(schema.article_sources, [own]),
            *finder_rows(article["id"], neardup.signature(article["text"]))]  # fmt: skip


def _own_fault(exc: BaseException) -> bool:
    """Whether an error comes from one article's data (``_DOCUMENT_FAULTS``, or a
    value no column type accepts), not from the database."""
    if isinstance(exc, _DOCUMENT_FAULTS):
        return True
    return isinstance(exc, sa.exc.StatementError) and not isinstance(exc, sa.exc.DBAPIError)


def _refused(article_id: str, exc: BaseException) -> UnstorableError:
    """The error of an article whose own data is refused (``exc`` as its cause)."""
    error = UnstorableError(f"cannot store article {article_id}: {_one_line(exc)}")
    error.__cause__ = exc
    return error


def _alone(conn: Connection, article_id: str, write: Callable[[], Outcome]) -> Outcome:
    """``write`` in a savepoint of its own: its outcome, or, when the database refuses
    the article's own data, that article's error (the savepoint rolled back, the rest
    of the transaction kept). Database-wide errors propagate."""
    try:
        with savepoint(conn):
            return write()
    except Exception as exc:
        if not _own_fault(exc):
            raise
        return _refused(article_id, exc)


def _raise_refused(outcomes: list[Outcome]) -> list[str]:
    """The outcomes as strings (:class:`Replaced` as "near_duplicate"); else raise the
    first refused article's error."""
    done: list[str] = []
    for outcome in outcomes:
        if isinstance(outcome, UnstorableError):
            raise outcome
        done.append("near_duplicate" if isinstance(outcome, Replaced) else outcome)
    return done


def _which(extractions: Sequence[Extraction]) -> str:
    """``article <id>`` for one, ``<n> articles from <first id>`` for many (messages)."""
    if len(extractions) == 1:
        return f"article {extractions[0].article.id}"
    first = extractions[0].article.id if extractions else "-"
    return f"{len(extractions)} articles from {first}"


def _check_event_ids(extraction: Extraction) -> None:
    ids = [e.id for e in extraction.events]
    if len(set(ids)) != len(ids):
        twice = sorted({i for i in ids if ids.count(i) > 1})
        raise UnstorableError(
            f"article {extraction.article.id} has duplicate event ids {twice}: "
            "two events with the same span and type"
        )


def _article_pages(
    conn: Connection, article_ids: Iterable[str] | None
) -> Iterator[list[sa.RowMapping]]:
    """Article rows by id order, a page at a time (keyset pages, or pages of given ids)."""
    arts = schema.articles
    if article_ids is not None:
        wanted = sorted(set(article_ids))
        for i in range(0, len(wanted), _PAGE):
            query = sa.select(arts).where(arts.c.id.in_(wanted[i : i + _PAGE])).order_by(arts.c.id)
            yield list(conn.execute(query).mappings())
        return
    last: str | None = None
    while True:
        query = sa.select(arts).order_by(arts.c.id).limit(_PAGE)
        page = list(
            conn.execute(query if last is None else query.where(arts.c.id > last)).mappings()
        )
        if not page:
            return
        yield page
        last = page[-1]["id"]


def _records(conn: Connection, table: sa.Table, ids: Sequence[str]) -> dict[str, list[str]]:
    """``record`` texts of one table for some articles, by article id, in ordinal order."""
    query = (
        sa.select(table.c.article_id, table.c.record)
        .where(table.c.article_id.in_(ids))
        .order_by(table.c.article_id, table.c.ordinal)
    )
    found: dict[str, list[str]] = {}
    for article, record in conn.execute(query):
        found.setdefault(article, []).append(record)
    return found
