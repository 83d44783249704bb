"""Upgrading a database made by the previous release.

``tests/data/store/release-036ff2f.sql`` is a small database written by the first
release of the store (schema version 1), kept as SQL text and regenerated only with
that release's code (see ``make_release_db.py`` beside it). Opening it with the
current code must upgrade it in place with every row intact, read its old records,
pass ``dateline check``, and leave it unchanged when opened again. A hypothetical
next migration step is applied to it too, so the upgrade path is exercised before
the schema first changes.
"""

from __future__ import annotations

import io
import sqlite3
from contextlib import closing
from pathlib import Path

import sqlalchemy as sa
from typer.testing import CliRunner

from dateline.cli import app
from dateline.export import export_plover
from dateline.model import Extraction
from dateline.query import Database
from dateline.store import Store, schema
from dateline.store.engine import writing
from dateline.store.migrations import MIGRATIONS, Migration, current_version, migrate

RELEASE_SQL = Path(__file__).parents[1] / "data" / "store" / "release-036ff2f.sql"
RELEASE_VERSION = 1
_CONSTRAINTS = {"PRIMARY", "UNIQUE", "CONSTRAINT", "FOREIGN", "CHECK"}
DATA_TABLES = tuple(t.name for t in (*schema.ARTICLE_TABLES, schema.rejects, schema.runs))


def _restore(path: Path) -> Path:
    with closing(sqlite3.connect(path)) as conn:
        conn.executescript(RELEASE_SQL.read_text(encoding="utf-8"))
    return path


def _rows(path: Path, tables: tuple[str, ...] = DATA_TABLES) -> dict[str, list[tuple[object, ...]]]:
    """Every row of ``tables``, in the columns of the release (later steps add columns)."""
    with closing(sqlite3.connect(path)) as conn:
        return {
            t: sorted(conn.execute(f'SELECT {_release_columns(t)} FROM "{t}"').fetchall(), key=repr)
            for t in tables
        }


def _release_columns(table: str) -> str:
    """The columns ``table`` had in the release: those of its ``CREATE TABLE``."""
    created = RELEASE_SQL.read_text(encoding="utf-8").split(f"CREATE TABLE {table} (", 1)[1]
    lines = created.split(");", 1)[0].splitlines()
    names = [line.split()[0] for line in lines if line.strip()]
    return ", ".join(n for n in names if n not in _CONSTRAINTS)


def _layout(path: Path) -> dict[str, object]:
    """Tables with their columns (name, type, not null, primary key) and index names."""
    with closing(sqlite3.connect(path)) as conn:
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )]  # fmt: skip
        columns = {
            t: sorted((c[1], c[2], c[3], c[5]) for c in conn.execute(f'PRAGMA table_info("{t}")'))
            for t in tables
        }
        indexes = sorted(r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%'"
        ))  # fmt: skip
    return {"columns": columns, "indexes": indexes}


def _versions(path: Path) -> list[tuple[int, str]]:
    with closing(sqlite3.connect(path)) as conn:
        return conn.execute("SELECT version, applied_at FROM schema_version ORDER BY 1").fetchall()


def test_the_fixture_is_a_release_database(tmp_path: Path) -> None:
    old = _restore(tmp_path / "old.db")
    assert [v for v, _ in _versions(old)] == list(range(1, RELEASE_VERSION + 1))
    counts = {t: len(rows) for t, rows in _rows(old).items()}
    assert counts["articles"] == 2 and counts["events"] == 2 and counts["rejects"] == 1


def test_current_code_upgrades_a_release_database_with_data_intact(tmp_path: Path) -> None:
    old = _restore(tmp_path / "old.db")
    before = _rows(old)
    with Store.open(str(old)) as store:
        assert store.check().ok, store.check().problems
        stories = list(store.extractions())
        # version 3: every stored article is its own first copy
        for stored in stories:
            (own,) = store.sources(stored.article.id)
            assert (own["id"], own["similarity"]) == (stored.article.id, 1.0)
        plover = io.StringIO()
        exported = export_plover(Database(store), plover)
    assert _rows(old) == before
    assert [v for v, _ in _versions(old)] == [m.version for m in MIGRATIONS]
    assert sorted(len(e.events) for e in stories) == [0, 2]
    story = next(e for e in stories if e.events)
    assert isinstance(story, Extraction) and story.article.source == "Fictional Wire"
    for event in story.events:
        assert story.article.text[slice(*event.span)] == event.event_text
    assert exported == 2 and plover.getvalue().count("\n") == 2
    result = CliRunner().invoke(app, ["check", "--db", str(old)])
    assert result.exit_code == 0 and "ok" in result.stdout


def test_an_upgraded_database_has_the_layout_of_a_fresh_one(tmp_path: Path) -> None:
    """Fails when ``schema.py`` changes without a migration step for old databases."""
    old, fresh = _restore(tmp_path / "old.db"), tmp_path / "fresh.db"
    Store.open(str(old)).close()
    Store.open(str(fresh)).close()
    assert _layout(old) == _layout(fresh)


def test_opening_an_upgraded_database_again_changes_nothing(tmp_path: Path) -> None:
    old = _restore(tmp_path / "old.db")
    Store.open(str(old)).close()
    rows, layout, versions = _rows(old), _layout(old), _versions(old)
    Store.open(str(old)).close()
    assert (_rows(old), _layout(old), _versions(old)) == (rows, layout, versions)


def _add_note(conn: sa.Connection) -> None:
    conn.exec_driver_sql("ALTER TABLE events ADD COLUMN note TEXT")
    conn.exec_driver_sql("UPDATE events SET note = 'upgraded'")


def test_a_next_step_upgrades_the_release_database_once(tmp_path: Path) -> None:
    old = _restore(tmp_path / "old.db")
    before = _rows(old)
    following = Migration(MIGRATIONS[-1].version + 1, "test: events.note", _add_note)
    steps = (*MIGRATIONS, following)
    store = Store.open(str(old))
    try:
        for _ in range(2):  # the second run must not apply the step again (ALTER would fail)
            with writing(store.engine) as conn:
                assert migrate(conn, steps) == following.version
        with store.engine.connect() as conn:
            assert current_version(conn) == following.version
            notes = conn.exec_driver_sql("SELECT DISTINCT note FROM events").fetchall()
    finally:
        store.close()
    assert notes == [("upgraded",)]
    after = _rows(old, tuple(t for t in DATA_TABLES if t != "events"))
    assert after == {t: rows for t, rows in before.items() if t != "events"}
    assert [v for v, _ in _versions(old)] == [m.version for m in steps]
