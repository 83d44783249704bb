"""``Store.check``: is this database sound? Integrity, orphan rows, schema version."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from dateline.store import schema
from dateline.store.migrations import current_version


@dataclass(frozen=True, slots=True)
class CheckReport:
    """What ``Store.check`` found; ``ok`` is true when ``problems`` is empty."""

    ok: bool
    problems: list[str] = field(default_factory=list)
    schema_version: int | None = None


def quick_check(conn: Connection) -> list[str]:
    """SQLite's ``PRAGMA quick_check`` (page structure, no index contents): its problems,
    none when sound or not SQLite."""
    if conn.dialect.name != "sqlite":
        return []
    rows = [str(r[0]) for r in conn.exec_driver_sql("PRAGMA quick_check").fetchall()]
    return [] if rows == ["ok"] else rows


def _integrity(conn: Connection) -> list[str]:
    if conn.dialect.name != "sqlite":
        return []
    rows = [str(r[0]) for r in conn.exec_driver_sql("PRAGMA integrity_check").fetchall()]
    return [] if rows == ["ok"] else [f"integrity: {r}" for r in rows]


def _orphans_of(conn: Connection, child: sa.Table, parent: sa.Table, key: str) -> int:
    missing = ~sa.select(parent.c.id).where(parent.c.id == child.c[key]).exists()
    query = sa.select(sa.func.count()).select_from(child).where(missing)
    return int(conn.execute(query).scalar() or 0)


def _orphans(conn: Connection) -> list[str]:
    tables = (*schema.CHILD_TABLES, *schema.COPY_TABLES)
    pairs = [(t, schema.articles, "article_id") for t in tables]
    pairs.append((schema.event_actors, schema.events, "event_id"))
    problems = []
    for child, parent, key in pairs:
        if count := _orphans_of(conn, child, parent, key):
            problems.append(f"orphans: {count} row(s) of {child.name} whose {key} is missing")
    return problems


def _version(conn: Connection) -> list[str]:
    found = current_version(conn)
    if found == schema.SCHEMA_VERSION:
        return []
    return [f"schema version is {found}, expected {schema.SCHEMA_VERSION}"]


def _guarded(name: str, check: Callable[[Connection], list[str]], conn: Connection) -> list[str]:
    try:
        return check(conn)
    except sa.exc.DBAPIError as exc:
        return [f"{name}: the check itself failed: {exc.orig}"]


def run_checks(engine: sa.Engine) -> CheckReport:
    """Run every check, each in its own connection, so one failure does not hide another."""
    problems: list[str] = []
    checks = (("integrity", _integrity), ("orphans", _orphans), ("schema", _version))
    for name, check in checks:
        with engine.connect() as conn:
            problems += _guarded(name, check, conn)
    version: int | None
    try:
        with engine.connect() as conn:
            version = current_version(conn)
    except sa.exc.DBAPIError:
        version = None
    return CheckReport(ok=not problems, problems=problems, schema_version=version)
