"""The ``dateline`` command: a thin shell over :mod:`dateline.runs`. Only this module exits."""

from __future__ import annotations

import functools
import json
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table

from dateline.cli_filters import with_filters
from dateline.errors import DatelineError
from dateline.settings import DEFAULT_DB, Settings, db_url_from
from dateline.version import __version__

if TYPE_CHECKING:
    from dateline.query.filters import EventQuery

app = typer.Typer(
    help="Turn news stories into a PLOVER event database: who did what to whom, when, where.",
    no_args_is_help=True,
    add_completion=False,
)
out = Console()
err = Console(stderr=True)

DbOption = Annotated[
    str, typer.Option("--db", envvar="DATELINE_DB", help="Database URL or SQLite file path.")
]
ModelOption = Annotated[
    str | None, typer.Option("--model", help="spaCy pipeline to load (default: settings).")
]


class TableFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


class ExportFormat(StrEnum):
    plover = "plover"
    records = "records"
    csv = "csv"
    parquet = "parquet"
    geojson = "geojson"
    polecat = "polecat"
    icews = "icews"
    gdelt = "gdelt"
    gdelt_mentions = "gdelt-mentions"
    acled = "acled"


def _version(value: bool) -> None:
    if value:
        out.print(f"dateline {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """dateline: explainable, offline event coding of news stories."""


def _settings(model: str | None = None, db: str | None = None, **more: Any) -> Settings:
    return Settings.from_env(model=model, db_url=db_url_from(db) if db else None, **more)


def _story_date(value: str | None) -> date | None:
    """``--date``: an ISO 8601 day, or an error naming the option and the value."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise typer.BadParameter(
            f"{value!r} is not a date: give it as YYYY-MM-DD", param_hint="--date"
        ) from None


DateOption = Annotated[
    str | None,
    typer.Option(
        "--date",
        help="Story date (YYYY-MM-DD) of documents without one; also gives a year-less "
        "wire header (KYIV, Nov 6) its year.",
    ),
]
KnowledgeOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--knowledge",
        help="A folder (or file) of user knowledge: actor tables (CSV) and event patterns "
        "or codebook additions (YAML) that extend the shipped ones. Repeatable.",
    ),
]


def _knowledge(paths: list[Path] | None) -> tuple[Path, ...] | None:
    """The user knowledge files under ``--knowledge`` paths; a path that does not exist
    or a folder without CSV or YAML files is an error naming it."""
    if not paths:
        return None
    files: list[Path] = []
    for path in paths:
        found = _knowledge_files(path)
        if not found:
            what = "no such file or folder" if found is None else "no .csv or .yaml files in it"
            raise typer.BadParameter(f"{str(path)!r}: {what}", param_hint="--knowledge")
        files += found
    return tuple(files)


def _knowledge_files(path: Path) -> list[Path] | None:
    """A file itself, a folder's CSV and YAML files (sorted), or ``None`` when missing."""
    if path.is_file():
        return [path]
    if path.is_dir():
        return sorted(p for p in path.iterdir() if p.suffix.lower() in (".csv", ".yaml", ".yml"))
    return None


DayFirstOption = Annotated[
    bool, typer.Option("--day-first", help="Read an ambiguous metadata date 05/09/2023 as 5 Sept.")
]


@app.command()
def extract(
    paths: Annotated[list[str], typer.Argument(help="Files, folders, globs, or - for stdin.")],
    model: ModelOption = None,
    n_process: Annotated[int, typer.Option(help="Worker processes for parsing.")] = 1,
    story_date: DateOption = None,
    day_first: DayFirstOption = False,
    knowledge: KnowledgeOption = None,
) -> None:
    """Extract events from stories and print one JSON record per article (no database)."""
    from dateline.model import Reject
    from dateline.runs import extract_paths
    from dateline.serialize import extraction_to_dict

    settings = _settings(
        model, n_process=n_process, story_date=_story_date(story_date), day_first=day_first,
        user_knowledge=_knowledge(knowledge),
    )  # fmt: skip
    for result in extract_paths(paths, settings):
        if isinstance(result, Reject):
            err.print(f"[yellow]rejected[/] {result.origin}: {result.reason} ({result.detail})")
            continue
        sys.stdout.write(json.dumps(extraction_to_dict(result), ensure_ascii=False) + "\n")


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, folders, globs, or - for stdin.")],
    db: DbOption = DEFAULT_DB,
    model: ModelOption = None,
    batch_size: Annotated[int, typer.Option(help="Articles per spaCy batch.")] = 64,
    batch_chars: Annotated[
        int, typer.Option(help="Characters per spaCy batch (bounds memory).")
    ] = 100_000,
    n_process: Annotated[int, typer.Option(help="Worker processes for parsing.")] = 1,
    dask: Annotated[
        bool, typer.Option("--dask", help="Run on Dask (a local cluster unless --scheduler).")
    ] = False,
    scheduler: Annotated[
        str | None,
        typer.Option(
            envvar="DATELINE_DASK_SCHEDULER",
            help="Dask scheduler address, e.g. tcp://host:8786 (implies --dask).",
        ),
    ] = None,
    workers: Annotated[
        int | None, typer.Option(help="Local Dask workers (default: --n-process).")
    ] = None,
    partition_size: Annotated[int, typer.Option(help="Documents per Dask task.")] = 500,
    parquet: Annotated[
        Path | None,
        typer.Option(help="With --dask: write Parquet files under this folder, not to --db."),
    ] = None,
    story_date: DateOption = None,
    day_first: DayFirstOption = False,
    knowledge: KnowledgeOption = None,
) -> None:
    """Extract stories and store them; re-ingesting the same stories changes nothing."""
    from dateline.runs import IngestSummary

    settings = _settings(
        model, db, batch_size=batch_size, batch_chars=batch_chars, n_process=n_process,
        story_date=_story_date(story_date), day_first=day_first,
        user_knowledge=_knowledge(knowledge),
    )  # fmt: skip
    use_dask = dask or scheduler is not None
    if parquet is not None and not use_dask:
        raise typer.BadParameter("--parquet needs --dask", param_hint="--parquet")
    from dateline.ingest.size import estimate_documents

    total = estimate_documents(paths)
    # redrawn on each update, with no refresh thread: --n-process workers then fork
    # (pipeline._pool_context) rather than spawn and build everything again
    with Progress(*_bar_columns(total), console=err, auto_refresh=False) as bar:
        task = bar.add_task("ingesting", total=total)

        def show(s: IngestSummary) -> None:
            rate = s.total / max(bar.tasks[0].elapsed or 1e-9, 1e-9)
            grown = None if total is None else max(total, s.total)  # an estimate: may grow
            bar.update(task, description=_progress_text(s, rate), completed=s.total,
                       total=grown, refresh=True)  # fmt: skip

        try:
            if use_dask:
                summary = _ingest_dask(
                    paths, settings, scheduler, workers, partition_size, parquet, show
                )
            else:
                summary = _ingest_serial(paths, settings, show)
        except KeyboardInterrupt:
            bar.stop()
            _interrupted(bar.tasks[0].completed)
    out.print_json(json.dumps(summary.as_dict()))
    if summary.rejected and parquet is None:
        err.print(f"{summary.rejected} document(s) rejected: see `dateline rejects --db {db}`")
    if summary.warnings and parquet is None:
        err.print(f"{summary.warnings} article(s) warned of: see `dateline warnings --db {db}`")


def _bar_columns(total: int | None) -> tuple[ProgressColumn, ...]:
    """Description and bar; with a known total also count of total and time left."""
    columns: list[ProgressColumn] = [TextColumn("{task.description}"), BarColumn()]
    if total:
        columns += [MofNCompleteColumn(), TimeElapsedColumn(), TimeRemainingColumn()]
    else:
        columns.append(TimeElapsedColumn())
    return tuple(columns)


def _interrupted(done: float) -> None:
    """Ctrl-C: say what was kept and how to resume; exit code 130 (as a shell does)."""
    err.print(
        f"[yellow]interrupted[/] after {int(done)} document(s): every article written so "
        "far is kept and the run is recorded as interrupted. Run the same command again "
        "to resume (stored articles are not parsed again).",
        soft_wrap=True,
    )
    raise typer.Exit(130)


@contextmanager
def _stop_on_ctrl_c() -> Iterator[threading.Event]:
    """The first Ctrl-C sets the event (the ingest stops after the article in hand, at a
    safe point); a second one interrupts at once."""
    asked = threading.Event()

    def handler(signum: int, frame: object) -> None:
        if asked.is_set():
            raise KeyboardInterrupt
        asked.set()
        err.print("[yellow]stopping[/] after the article in hand (Ctrl-C again to stop now)")

    if threading.current_thread() is not threading.main_thread():
        yield asked  # signals reach only the main thread: nothing to install
        return
    previous = signal.signal(signal.SIGINT, handler)
    try:
        yield asked
    finally:
        signal.signal(signal.SIGINT, previous)


def _ingest_serial(paths: list[str], settings: Settings, show: Any) -> Any:
    from dateline.runs import ingest_paths
    from dateline.store import Store

    with Store.open(settings.db_url) as store, _stop_on_ctrl_c() as asked:
        return ingest_paths(paths, settings, store, progress=show, stop=asked.is_set)


def _ingest_dask(
    paths: list[str],
    settings: Settings,
    scheduler: str | None,
    workers: int | None,
    partition_size: int,
    parquet: Path | None,
    show: Any,
) -> Any:
    from dateline.runs import ingest_dask
    from dateline.scale import ParquetSink, SqlSink

    sink = ParquetSink(parquet) if parquet is not None else SqlSink(settings.db_url)
    return ingest_dask(
        paths, settings, sink, scheduler=scheduler, workers=workers,
        partition_size=partition_size, progress=show,
    )  # fmt: skip


def _progress_text(s: Any, rate: float) -> str:
    return (
        f"articles {s.inserted + s.unchanged}  near-duplicates {s.near_duplicates}  "
        f"events {s.events}  rejects {s.rejected}  {rate:.1f}/s"
    )


def _open_for_reading(db: str) -> Any:
    """The query layer over an existing database (never creates one)."""
    from dateline.query import open_db

    return open_db(_settings(db=db).db_url)


def _exit_on_errors(command: Callable[..., Any]) -> Callable[..., Any]:
    """A dateline error in a read command: a one-line message and exit code 2."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except DatelineError as exc:
            err.print(f"[red]error:[/] {exc}", soft_wrap=True)
            raise typer.Exit(2) from None

    return wrapper


@app.command()
@_exit_on_errors
@with_filters
def events(
    query: EventQuery,
    db: DbOption = DEFAULT_DB,
    limit: Annotated[int, typer.Option(help="At most this many rows.")] = 100,
    offset: Annotated[int, typer.Option(help="Skip this many rows first.")] = 0,
    sort: Annotated[
        str, typer.Option(help="story_date, date, -story_date or -date ('-' descends).")
    ] = "story_date",
    fmt: Annotated[
        TableFormat, typer.Option("--format", help="Output format.")
    ] = TableFormat.table,
) -> None:
    """List stored events matching the filters, as a table, CSV or JSON lines."""
    with _open_for_reading(db) as database:
        rows = list(database.rows(query, limit=limit, offset=offset, sort=sort))
    _print_rows(rows, fmt)


def _side_cell(code: Any, sector: Any) -> str:
    """``USA GOV, IRQ`` from the ``;``-joined codes and sectors (repeats shown once)."""
    codes, sectors = str(code or "").split(";"), str(sector or "").split(";")
    parts = [f"{c} {s}".strip() for c, s in zip(codes, sectors, strict=False) if c or s]
    return ", ".join(dict.fromkeys(parts))


def _table_row(row: dict[str, Any]) -> tuple[str, ...]:
    text = str(row.get("event_text") or "")
    kind = str(row["type"]) + (f"/{row['mode']}" if row.get("mode") else "")
    return (
        str(row.get("story_date") or ""),
        str(row.get("source") or ""),
        kind,
        _side_cell(row.get("actor"), row.get("actor_sector")),
        _side_cell(row.get("recipient"), row.get("recipient_sector")),
        str(row.get("date") or "?"),
        str(row.get("aux") or "").replace(";", ", "),
        text if len(text) <= 70 else text[:69] + "…",
    )


def _print_rows(rows: list[dict[str, Any]], fmt: TableFormat) -> None:
    if fmt is TableFormat.json:
        for row in rows:
            sys.stdout.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
    elif fmt is TableFormat.csv:
        from dateline.export.tabular import write_delimited
        from dateline.query.flat import FLAT_COLUMNS

        write_delimited(rows, sys.stdout, list(rows[0]) if rows else FLAT_COLUMNS)
    else:
        table = Table(title=f"{len(rows)} events")
        for column in ("story", "source", "event", "actor", "recipient", "date", "aux"):
            table.add_column(column, no_wrap=True)
        table.add_column("evidence", overflow="fold", min_width=30)
        for row in rows:
            table.add_row(*_table_row(row))
        Console(width=max(out.width, 160)).print(table)


@app.command()
@_exit_on_errors
@with_filters
def clusters(
    query: EventQuery,
    db: DbOption = DEFAULT_DB,
    window_days: Annotated[int, typer.Option(help="Days between reports of one event.")] = 3,
    min_stories: Annotated[int, typer.Option(help="Keep clusters with this many stories.")] = 1,
    limit: Annotated[int, typer.Option(help="At most this many clusters.")] = 50,
    fmt: Annotated[
        TableFormat, typer.Option("--format", help="Output format.")
    ] = TableFormat.table,
) -> None:
    """List event clusters: one real event reported by several stories, with counts."""
    with _open_for_reading(db) as database:
        frame = database.clusters(query, window_days=window_days, min_stories=min_stories)
    rows = frame.head(limit).to_dict("records")
    if fmt is TableFormat.table:
        _print_clusters(rows, len(frame))
        return
    for row in rows:
        row["event_ids"], row["article_ids"] = (
            ";".join(row["event_ids"]),
            ";".join(row["article_ids"]),
        )
    _print_rows(rows, fmt) if rows else None


def _print_clusters(rows: list[dict[str, Any]], total: int) -> None:
    table = Table(
        title=f"{total} clusters" + (f" (first {len(rows)})" if total > len(rows) else "")
    )
    columns = ("cluster", "event", "actor", "recipient", "place", "first_date", "last_date")
    for column in (*columns, "events", "stories", "sources"):
        table.add_column(column, no_wrap=True)
    for row in rows:
        table.add_row(*(str(row[c] if row[c] is not None else "") for c in columns),
                      str(row["events"]), str(row["stories"]), str(row["sources"]))  # fmt: skip
    Console(width=max(out.width, 160)).print(table)


@app.command()
@_exit_on_errors
@with_filters
def export(
    query: EventQuery,
    db: DbOption = DEFAULT_DB,
    fmt: Annotated[ExportFormat, typer.Option("--format", help="Output format.")] = (
        ExportFormat.plover
    ),
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File to write (stdout if omitted).")
    ] = None,
) -> None:
    """Export the events matching the filters: JSON Lines, CSV, Parquet, GeoJSON or a
    drop-in POLECAT, ICEWS, GDELT or ACLED layout."""
    from dateline import export as exporters

    if fmt is ExportFormat.parquet and output is None:
        raise typer.BadParameter("Parquet needs --output FILE", param_hint="--output")
    with _open_for_reading(db) as database:
        if fmt is ExportFormat.parquet:
            assert output is not None
            exporters.export_parquet(database, output, query)
        elif output is None:
            _export_text(exporters, database, fmt, sys.stdout, query)
        else:
            with output.open("w", encoding="utf-8", newline="") as handle:
                _export_text(exporters, database, fmt, handle, query)


def _export_text(exporters: Any, database: Any, fmt: ExportFormat, out: Any, query: Any) -> int:
    if fmt.value in exporters.LAYOUTS:
        return int(exporters.export_layout(database, fmt.value, out, query))
    writer = {
        ExportFormat.plover: exporters.export_plover,
        ExportFormat.records: exporters.export_records,
        ExportFormat.csv: exporters.export_csv,
        ExportFormat.geojson: exporters.export_geojson,
    }[fmt]
    return int(writer(database, out, query))


@app.command()
@_exit_on_errors
def rejects(db: DbOption = DEFAULT_DB) -> None:
    """List the documents that could not be read, with the reason for each."""
    from dateline.query import existing_url
    from dateline.store import Store

    with Store.open(existing_url(_settings(db=db).db_url)) as store:
        rows = list(store.rejects())
    table = Table(title=f"{len(rows)} rejected documents")
    for column in ("origin", "reason", "detail"):
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(str(row["origin"]), str(row["reason"]), str(row["detail"]))
    out.print(table)


@app.command()
@_exit_on_errors
def recode(
    db: DbOption = DEFAULT_DB,
    model: ModelOption = None,
    article: Annotated[
        list[str] | None, typer.Option(help="Re-code only this article id (repeatable).")
    ] = None,
    knowledge: KnowledgeOption = None,
) -> None:
    """Re-code stored articles with the current pipeline and knowledge; replace those
    whose coding changed (each atomically) and print what changed."""
    from dateline.query import existing_url
    from dateline.recode import recode as run_recode
    from dateline.store import Store

    settings = _settings(model, db, user_knowledge=_knowledge(knowledge))
    with Store.open(existing_url(settings.db_url)) as store:
        try:
            summary = run_recode(store, settings, article_ids=article)
        except KeyboardInterrupt:
            err.print("[yellow]interrupted[/]: every article is either re-coded or as it "
                      "was; run the same command again to finish.", soft_wrap=True)  # fmt: skip
            raise typer.Exit(130) from None
    out.print_json(json.dumps(summary.as_dict()))


@app.command()
@_exit_on_errors
def warnings(db: DbOption = DEFAULT_DB) -> None:
    """List the stored articles that carry a warning (no story date), with each warning."""
    from dateline.query import existing_url
    from dateline.store import Store

    with Store.open(existing_url(_settings(db=db).db_url)) as store:
        rows = store.warnings()
    table = Table(title=f"{len(rows)} articles with warnings")
    for column in ("origin", "article", "warning"):
        table.add_column(column, overflow="fold")
    for row in rows:
        for warning in row["warnings"]:
            table.add_row(str(row["origin"] or ""), str(row["id"]), str(warning))
    out.print(table)


@app.command()
def evaluate(
    task: Annotated[
        str, typer.Argument(help="events, stories, actors, entities, time, places, quotes")
    ],
    folder: Annotated[Path, typer.Argument(help="A gold folder in ../shared/eval format.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    verbose: Annotated[
        bool, typer.Option("--verbose", help="stories: list every event's verdict and each miss.")
    ] = False,
    model: ModelOption = None,
    limit: Annotated[
        int | None,
        typer.Option(help="Score at most N records (events: an evenly spaced sample)."),
    ] = None,
    split: Annotated[
        str | None, typer.Option(help="quotes: the split to score (train, dev, test, all).")
    ] = None,
) -> None:
    """Score one extraction task against a gold folder and print its metrics."""
    from dateline.evaluate import evaluate as run_evaluation
    from dateline.evaluate import evaluate_stories_verbose
    from dateline.nlp import build_nlp

    settings = _settings(model)
    nlp = build_nlp(settings)
    if verbose and task == "stories":
        metrics, lines = evaluate_stories_verbose(folder, nlp, settings)
        console = err if as_json else out
        console.print("\n".join(lines), markup=False, highlight=False, soft_wrap=True)
    else:
        metrics = run_evaluation(task, folder, nlp, settings, limit=limit, split=split)
    if as_json:
        sys.stdout.write(json.dumps(metrics) + "\n")
        return
    table = Table(title=f"{task} on {folder}")
    table.add_column("metric")
    table.add_column("value", justify="right")
    for name, value in metrics.items():
        table.add_row(name, f"{value:.4f}" if isinstance(value, float) else str(value))
    out.print(table)


@app.command()
@_exit_on_errors
def check(db: DbOption = DEFAULT_DB) -> None:
    """Verify a database: integrity, orphan rows, schema version. Exits 1 on problems."""
    from dateline.query import existing_url
    from dateline.store import Store

    with Store.open(existing_url(_settings(db=db).db_url)) as store:
        report = store.check()
    for problem in report.problems:
        err.print(f"[red]problem[/] {problem}")
    out.print(f"schema version {report.schema_version}: {'ok' if report.ok else 'NOT OK'}")
    if not report.ok:
        raise typer.Exit(1)


@app.command()
@_exit_on_errors
def serve(
    db: DbOption = DEFAULT_DB,
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    allow_ingest: Annotated[
        bool, typer.Option(help="Accept POST /api/ingest with a bearer token (see --token-env).")
    ] = False,
    token_env: Annotated[
        str, typer.Option(help="Environment variable holding the ingest bearer token.")
    ] = "DATELINE_TOKEN",
    cors_origin: Annotated[
        list[str] | None, typer.Option(help="Allowed CORS origin (repeatable); none by default.")
    ] = None,
    knowledge: KnowledgeOption = None,
) -> None:
    """Serve the HTTP API and the dashboard; read-only unless --allow-ingest. An edited
    --knowledge file is read again before the next ingest."""
    import os

    import uvicorn

    from dateline.query import existing_url
    from dateline.webapi import ServeConfig, create_app

    settings = _settings(db=db, user_knowledge=_knowledge(knowledge))
    if not allow_ingest:  # read-only: never create a database
        existing_url(settings.db_url)
    token = os.environ.get(token_env) if allow_ingest else None
    origins = tuple(cors_origin or ())
    config = ServeConfig(allow_ingest=allow_ingest, token=token, cors_origins=origins)
    uvicorn.run(create_app(settings, config), host=host, port=port)


@app.command()
@_exit_on_errors
def watch(
    sources: Annotated[list[str], typer.Argument(help="Folders, globs and feed URLs to poll.")],
    db: DbOption = DEFAULT_DB,
    model: ModelOption = None,
    every: Annotated[str, typer.Option(help="Time between cycles: 30s, 15m, 1h.")] = "15m",
    once: Annotated[bool, typer.Option("--once", help="Run one cycle and stop.")] = False,
    settle: Annotated[
        str, typer.Option(help="A file is read once unchanged this long.")
    ] = "2s",
    timeout: Annotated[str, typer.Option(help="Time limit of one HTTP request.")] = "30s",
    max_bytes: Annotated[int, typer.Option(help="Largest body fetched, in bytes.")] = 5_000_000,
    retry_after: Annotated[
        str, typer.Option(help="First back-off for a source that is down (doubles).")
    ] = "60s",
    rules: Annotated[
        Path | None, typer.Option("--alerts", help="Alert rules (YAML) to evaluate each cycle.")
    ] = None,
    notify_command: Annotated[
        str | None, typer.Option(help="Run this command with each new firing as JSON on stdin.")
    ] = None,
    webhook: Annotated[
        str | None, typer.Option(help="POST each new firing as JSON to this URL.")
    ] = None,
    knowledge: KnowledgeOption = None,
) -> None:
    """Poll folders, globs and feeds; ingest what is new; evaluate alert rules. An edited
    --knowledge file is read again before the next cycle's ingest."""
    from dateline.watch.command import WatchOptions, watch_forever

    options = WatchOptions(tuple(sources), every, once, settle, timeout, max_bytes,
                           retry_after, rules, notify_command, webhook)  # fmt: skip
    watch_forever(options, _settings(model, db, user_knowledge=_knowledge(knowledge)),
                  _print_line)  # fmt: skip


def _print_line(line: str) -> None:
    err.print(line, markup=False, highlight=False, soft_wrap=True)


@app.command()
@_exit_on_errors
def alerts(
    db: DbOption = DEFAULT_DB,
    rules: Annotated[
        Path | None, typer.Option("--rules", help="Evaluate these YAML rules first.")
    ] = None,
    rule: Annotated[str | None, typer.Option(help="Only this rule's firings.")] = None,
    limit: Annotated[int, typer.Option(help="At most this many firings.")] = 50,
    fmt: Annotated[
        TableFormat, typer.Option("--format", help="Output format.")
    ] = TableFormat.table,
) -> None:
    """List stored alert firings, newest window first (with --rules: evaluate first)."""
    from dateline.alerts.command import list_alerts

    rows = list_alerts(_settings(db=db).db_url, rules, rule, limit)
    if fmt is TableFormat.table:
        _print_alerts(rows)
    else:
        _print_rows(rows, fmt)


def _print_alerts(rows: list[dict[str, Any]]) -> None:
    table = Table(title=f"{len(rows)} alerts")
    for column in ("rule", "key", "window", "value", "events", "detail"):
        table.add_column(column, overflow="fold")
    for row in rows:
        window = f"{row['window_start']}..{row['window_end']}"
        table.add_row(row["rule"], row["key"], window, f"{row['value']:g}",
                      str(row["events"]), row["detail"])  # fmt: skip
    Console(width=max(out.width, 140)).print(table)


def main() -> None:
    """Console entry point: dateline errors become a one-line message and exit code 2."""
    try:
        app()
    except DatelineError as exc:
        err.print(f"[red]error:[/] {exc}", soft_wrap=True)  # one line, however long
        sys.exit(2)


if __name__ == "__main__":
    main()
