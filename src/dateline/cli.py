"""The ``dateline`` command: a thin shell over :mod:`dateline.api`. Only this module exits."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from dateline import __version__
from dateline.errors import DatelineError
from dateline.settings import DEFAULT_DB, Settings, db_url_from

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


@app.command()
def extract(
    paths: Annotated[list[str], typer.Argument(help="Files, folders, globs, or - for stdin.")],
    model: ModelOption = None,
    n_process: Annotated[int, typer.Option(help="Worker processes for parsing.")] = 1,
) -> None:
    """Extract events from stories and print one JSON record per article (no database)."""
    from dateline.api import extract_paths
    from dateline.model import Reject
    from dateline.serialize import extraction_to_dict

    for result in extract_paths(paths, _settings(model, n_process=n_process)):
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
) -> None:
    """Extract stories and store them; re-ingesting the same stories changes nothing."""
    from dateline.api import IngestSummary

    settings = _settings(
        model, db, batch_size=batch_size, batch_chars=batch_chars, n_process=n_process
    )
    use_dask = dask or scheduler is not None
    if parquet is not None and not use_dask:
        raise typer.BadParameter("--parquet needs --dask", param_hint="--parquet")
    columns = (TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn())
    with Progress(*columns, console=err) as bar:
        task = bar.add_task("ingesting", total=None)

        def show(s: IngestSummary) -> None:
            rate = s.total / max(bar.tasks[0].elapsed or 1e-9, 1e-9)
            bar.update(task, description=_progress_text(s, rate))

        if use_dask:
            summary = _ingest_dask(
                paths, settings, scheduler, workers, partition_size, parquet, show
            )
        else:
            summary = _ingest_serial(paths, settings, show)
    out.print_json(json.dumps(summary.as_dict()))
    if summary.rejected and parquet is None:
        err.print(f"{summary.rejected} document(s) rejected: see `dateline rejects --db {db}`")


def _ingest_serial(paths: list[str], settings: Settings, show: Any) -> Any:
    from dateline.api import ingest_paths
    from dateline.store import Store

    with Store.open(settings.db_url) as store:
        return ingest_paths(paths, settings, store, progress=show)


def _ingest_dask(
    paths: list[str],
    settings: Settings,
    scheduler: str | None,
    workers: int | None,
    partition_size: int,
    parquet: Path | None,
    show: Any,
) -> Any:
    from dateline.api import ingest_dask
    from dateline.scale import ParquetSink, SqlSink

    sink = ParquetSink(parquet) if parquet is not None else SqlSink(settings.db_url)
    return ingest_dask(
        paths, settings, sink, scheduler=scheduler, workers=workers,
        partition_size=partition_size, progress=show,
    )  # fmt: skip


def _progress_text(s: Any, rate: float) -> str:
    return (
        f"articles {s.inserted + s.unchanged}  events {s.events}  "
        f"rejects {s.rejected}  {rate:.1f}/s"
    )


@app.command()
def events(
    db: DbOption = DEFAULT_DB,
    actor: Annotated[str | None, typer.Option(help="Actor code, e.g. USA.")] = None,
    recipient: Annotated[str | None, typer.Option(help="Recipient code, e.g. IRQ.")] = None,
    dyad: Annotated[
        bool, typer.Option(help="Match actor/recipient in either direction.")
    ] = False,
    event_type: Annotated[str | None, typer.Option("--type", help="PLOVER type.")] = None,
    quad: Annotated[int | None, typer.Option(help="Quad class 1-4.")] = None,
    date_from: Annotated[str | None, typer.Option("--from", help="Event date >=.")] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="Event date <=.")] = None,
    limit: Annotated[int, typer.Option(help="At most this many rows.")] = 100,
    fmt: Annotated[
        TableFormat, typer.Option("--format", help="Output format.")
    ] = TableFormat.table,
) -> None:
    """List stored events with filters, as a table, CSV or JSON lines."""
    from dateline.store import Store

    filters = dict(
        actor=actor, recipient=recipient, dyad=dyad, event=event_type, quad=quad,
        date_from=date_from, date_to=date_to, limit=limit,
    )
    with Store.open(_settings(db=db).db_url) as store:
        rows = list(store.events(**filters))
    _print_rows(rows, fmt)


def _joined(code: Any, sector: Any) -> str:
    codes, sectors = str(code or "").split(";"), str(sector or "").split(";")
    parts = [f"{c} {s}".strip() for c, s in zip(codes, sectors, strict=False) if c or s]
    return ", ".join(parts)


def _table_row(row: dict[str, Any]) -> tuple[str, ...]:
    text = str(row.get("event_text") or "")
    kind = str(row["event"]) + (f"/{row['mode']}" if row.get("mode") else "")
    return (
        str(row.get("story_date") or ""),
        kind,
        _joined(row.get("actor"), row.get("actor_sector")),
        _joined(row.get("recipient"), row.get("recipient_sector")),
        str(row.get("date") or "?"),
        str(row.get("aux") or ""),
        text if len(text) <= 70 else text[:69] + "…",
    )


def _print_rows(rows: list[dict[str, Any]], fmt: TableFormat) -> None:
    if fmt is TableFormat.json:
        for row in rows:
            sys.stdout.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
    elif fmt is TableFormat.csv:
        import csv

        writer = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]) if rows else [])
        writer.writeheader()
        writer.writerows(rows)
    else:
        table = Table(title=f"{len(rows)} events")
        for column in ("story", "event", "actor", "recipient", "date", "aux"):
            table.add_column(column, no_wrap=True)
        table.add_column("evidence", overflow="fold", min_width=30)
        for row in rows:
            table.add_row(*_table_row(row))
        Console(width=max(out.width, 160)).print(table)


@app.command()
def export(
    db: DbOption = DEFAULT_DB,
    fmt: Annotated[ExportFormat, typer.Option("--format", help="Output format.")] = (
        ExportFormat.plover
    ),
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File to write (stdout if omitted).")
    ] = None,
) -> None:
    """Export stored events: PLOVER JSONL, full records JSONL, CSV or Parquet."""
    from dateline import export as exporters
    from dateline.store import Store

    with Store.open(_settings(db=db).db_url) as store:
        if fmt is ExportFormat.parquet:
            if output is None:
                raise typer.BadParameter("Parquet needs --output FILE", param_hint="--output")
            exporters.export_parquet(store, output)
            return
        writer = {
            ExportFormat.plover: exporters.export_plover,
            ExportFormat.records: exporters.export_records,
            ExportFormat.csv: exporters.export_csv,
        }[fmt]
        if output is None:
            writer(store, sys.stdout)
        else:
            with output.open("w", encoding="utf-8", newline="") as handle:
                writer(store, handle)


@app.command()
def rejects(db: DbOption = DEFAULT_DB) -> None:
    """List the documents that could not be read, with the reason for each."""
    from dateline.store import Store

    with Store.open(_settings(db=db).db_url) as store:
        rows = list(store.rejects())
    table = Table(title=f"{len(rows)} rejected documents")
    for column in ("origin", "reason", "detail"):
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(str(row["origin"]), str(row["reason"]), str(row["detail"]))
    out.print(table)


@app.command()
def evaluate(
    task: Annotated[str, typer.Argument(help="events, actors, entities, time, places, quotes")],
    folder: Annotated[Path, typer.Argument(help="A gold folder in ../shared/eval format.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    model: ModelOption = None,
) -> None:
    """Score one extraction task against a gold folder and print its metrics."""
    from dateline.evaluate import evaluate as run_evaluation
    from dateline.nlp import build_nlp

    settings = _settings(model)
    metrics = run_evaluation(task, folder, build_nlp(settings), settings)
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
def check(db: DbOption = DEFAULT_DB) -> None:
    """Verify a database: integrity, orphan rows, schema version. Exits 1 on problems."""
    from dateline.store import Store

    with Store.open(_settings(db=db).db_url) as store:
        report = store.check()
    for problem in report.problems:
        err.print(f"[red]problem[/] {problem}")
    out.print(f"schema version {report.schema_version}: {'ok' if report.ok else 'NOT OK'}")
    if not report.ok:
        raise typer.Exit(1)


@app.command()
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
) -> None:
    """Serve the HTTP API and the dashboard; read-only unless --allow-ingest."""
    import os

    import uvicorn

    from dateline.webapi import ServeConfig, create_app

    token = os.environ.get(token_env) if allow_ingest else None
    origins = tuple(cors_origin or ())
    config = ServeConfig(allow_ingest=allow_ingest, token=token, cors_origins=origins)
    uvicorn.run(create_app(_settings(db=db), config), host=host, port=port)


def main() -> None:
    """Console entry point: dateline errors become a one-line message and exit code 2."""
    try:
        app()
    except DatelineError as exc:
        err.print(f"[red]error:[/] {exc}", soft_wrap=True)  # one line, however long
        sys.exit(2)


if __name__ == "__main__":
    main()
