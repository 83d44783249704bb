"""The CLI end to end, on the bundled examples and the seed story, with the session pipeline."""

from __future__ import annotations

import json
import sqlite3
import threading
from pathlib import Path

import pytest
from spacy.language import Language
from typer.testing import CliRunner

from dateline.cli import app
from dateline.model import Article
from dateline.store import Store
from shared_paths import REPO, SEED

runner = CliRunner()


@pytest.fixture(autouse=True)
def _reuse_session_pipeline(monkeypatch: pytest.MonkeyPatch, nlp: Language) -> None:
    """Commands build their pipeline through dateline.runs; hand them the session one."""
    monkeypatch.setattr("dateline.runs.build_nlp", lambda settings: nlp)


def _bad_corpus(folder: Path) -> Path:
    folder.mkdir()
    (folder / "good.txt").write_text(
        "date 2022-05-02 (Wire) -- Gondor troops attacked Arnor on Sunday.\n", encoding="utf-8"
    )
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    (folder / "latin.txt").write_bytes(b"\xff\xfe\x00caf\xe9 \x00\x81 broken")
    (folder / "rows.jsonl").write_text(
        json.dumps({"text": "Rohan met Gondor in Edoras.", "date": "2022-05-01"}) + "\n"
        + '{"text": "truncated\n',
        encoding="utf-8",
    )
    return folder


def test_extract_prints_one_contract_record_per_article() -> None:
    result = runner.invoke(app, ["extract", str(REPO / "examples")])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert len(records) == 3
    for record in records:
        assert set(record) == {
            "article", "events", "actors", "times", "places", "quotes", "quantities"
        }
        text = record["article"]["text"]
        assert "©" not in text and not text.startswith("date ")
        for event in record["events"]:
            start, end = event["span"]
            assert text[start:end] == event["event_text"]


def test_extract_on_the_seed_story_meets_the_foundation_bar() -> None:
    if not SEED.exists():
        pytest.skip("../shared/examples/seed is absent")
    result = runner.invoke(app, ["extract", str(SEED)])
    assert result.exit_code == 0, result.output
    (record,) = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    article = record["article"]
    assert (article["source"], article["date"]) == ("Bloomberg", "2021-07-26")
    assert article["text"].startswith("President Joe Biden")
    assert len(record["events"]) >= 5
    for event in record["events"]:
        start, end = event["span"]
        assert article["text"][start:end] == event["event_text"]
        assert event["actor"] or event["recipient"]


def test_ingest_bad_corpus_keeps_good_documents_and_is_idempotent(tmp_path: Path) -> None:
    corpus, db = _bad_corpus(tmp_path / "corpus"), tmp_path / "t.db"
    first = runner.invoke(app, ["ingest", str(corpus), "--db", str(db)])
    assert first.exit_code == 0, first.output
    summary = json.loads(first.stdout[first.stdout.index("{") :])
    assert summary["inserted"] == 2 and summary["rejected"] == 4 and summary["unchanged"] == 0
    dump = "\n".join(sqlite3.connect(db).iterdump())
    second = runner.invoke(app, ["ingest", str(corpus), "--db", str(db)])
    again = json.loads(second.stdout[second.stdout.index("{") :])
    assert again["inserted"] == 0 and again["unchanged"] == 2 and again["rejected"] == 4
    rows = sqlite3.connect(db).execute("select count(*) from articles").fetchone()
    assert rows == (2,)
    assert _data_lines(dump) == _data_lines("\n".join(sqlite3.connect(db).iterdump()))
    listing = runner.invoke(app, ["rejects", "--db", str(db)])
    for reason in ("empty", "binary", "json"):
        assert reason in listing.stdout


def _data_lines(dump: str) -> list[str]:
    """Database content without the bookkeeping of runs (timestamps differ per run)."""
    return [line for line in dump.splitlines() if '"runs"' not in line]


def test_events_and_exports_from_an_ingested_database(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    assert runner.invoke(app, ["ingest", str(REPO / "examples"), "--db", str(db)]).exit_code == 0
    table = runner.invoke(app, ["events", "--db", str(db)])
    assert table.exit_code == 0 and "events" in table.stdout
    as_json = runner.invoke(app, ["events", "--db", str(db), "--format", "json"])
    rows = [json.loads(line) for line in as_json.stdout.splitlines()]
    assert rows and all(r["type"] for r in rows)
    plover = runner.invoke(app, ["export", "--db", str(db), "--format", "plover"])
    exported = [json.loads(line) for line in plover.stdout.splitlines()]
    assert sorted(e["id"] for e in exported) == sorted(r["event_id"] for r in rows)
    out = tmp_path / "events.parquet"
    parquet = runner.invoke(app, ["export", "--db", str(db), "--format", "parquet", "-o", str(out)])
    assert parquet.exit_code == 0 and out.stat().st_size > 0
    kind = rows[0]["type"]
    only = runner.invoke(app, ["export", "--db", str(db), "--format", "plover", "--type", kind])
    assert {json.loads(line)["event"] for line in only.stdout.splitlines()} == {kind}
    listing = runner.invoke(app, ["clusters", "--db", str(db), "--format", "json"])
    assert listing.exit_code == 0, listing.output
    clustered = [json.loads(line) for line in listing.stdout.splitlines()]
    assert clustered and all(c["cluster"].startswith("cl:") for c in clustered)
    assert sum(c["events"] for c in clustered) <= len(rows)


@pytest.mark.parametrize("command", ["events", "export", "check", "rejects", "clusters", "serve"])
def test_read_commands_never_create_a_database(command: str, tmp_path: Path) -> None:
    typo = tmp_path / "typo.db"
    result = runner.invoke(app, [command, "--db", str(typo)])
    assert result.exit_code == 2, result.output
    assert "no database at" in result.stderr and str(typo) in result.stderr.replace("\n", "")
    assert not typo.exists()


def test_a_file_that_is_not_a_dateline_database_is_an_error(tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("create table t (x)").connection.commit()
    result = runner.invoke(app, ["events", "--db", str(other)])
    assert result.exit_code == 2 and "not a dateline database" in result.stderr
    assert [r[0] for r in sqlite3.connect(other).execute("select name from sqlite_master")] == ["t"]


@pytest.mark.parametrize(
    ("args", "named"),
    [(["--type", "FOO"], "type"), (["--quad", "7"], "quad"), (["--mode", "sideways"], "mode"),
     (["--aux", "someday"], "aux"), (["--from", "2024", "--to", "2023"], "inverted"),
     (["--date-from", "July"], "date_from"), (["--dyad", "USA"], "dyad")],
)  # fmt: skip
def test_bad_filter_values_exit_2_naming_them(args: list[str], named: str, tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    Store.open(f"sqlite:///{db}").close()
    for command in ("events", "export", "clusters"):
        result = runner.invoke(app, [command, "--db", str(db), *args])
        assert result.exit_code == 2, (command, result.output)
        assert named in result.stderr, (command, result.stderr)


def test_check_reports_a_healthy_database(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    runner.invoke(app, ["ingest", str(REPO / "examples"), "--db", str(db)])
    result = runner.invoke(app, ["check", "--db", str(db)])
    assert result.exit_code == 0 and "ok" in result.stdout


def test_version_and_unknown_task() -> None:
    assert runner.invoke(app, ["--version"]).stdout.startswith("dateline ")
    result = runner.invoke(app, ["evaluate", "nonsense", str(REPO)])
    assert result.exit_code != 0


def test_extract_text_api_keeps_spans(nlp: Language) -> None:
    from dateline.runs import extract_text
    from dateline.settings import Settings

    extraction = extract_text("Gondor troops attacked Arnor on Monday.", Settings(), nlp=nlp)
    assert isinstance(extraction.article, Article)
    for event in extraction.events:
        assert extraction.article.text[slice(*event.span)] == event.event_text


@pytest.mark.parametrize(
    "fmt", ["plover", "records", "csv", "geojson", "polecat", "icews", "gdelt", "gdelt-mentions",
            "acled", "parquet"],
)  # fmt: skip
def test_export_writes_every_format_with_filters(fmt: str, tmp_path: Path) -> None:
    from datetime import date

    from store.factories import make_extraction

    db = tmp_path / "t.db"
    with Store.open(f"sqlite:///{db}") as store:
        store.write_many([make_extraction(i, date(2021, 7, 26)) for i in range(3)])
    out = tmp_path / f"out.{fmt}"
    args = ["export", "--db", str(db), "--format", fmt, "--type", "assault", "-o", str(out)]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert out.stat().st_size > 0
    if fmt in ("csv", "polecat", "icews", "acled"):  # a header line and the three ASSAULTs
        assert len(out.read_text(encoding="utf-8").splitlines()) == 4


def test_ingest_summary_counts_near_duplicates(tmp_path: Path) -> None:
    """The same story from three papers (one with a byline, one trimmed) is one article
    with three sources; the summary says how many documents were near-duplicates."""
    body = (
        "Gondor troops attacked an Arnor border post on Sunday, killing two guards, the "
        "Arnor defence ministry said on Monday. The ministry said the attackers crossed the "
        "river before dawn and withdrew after an hour of fighting. Gondor's government did "
        "not comment. Talks between the two countries on the disputed river crossings "
        "broke down last month, and both sides have moved troops to the border since then. "
        "Villagers near the crossing said they had heard gunfire through the night."
    )
    rows = [
        {"text": body, "source": "Wire A", "date": "2022-05-02"},
        {"text": "By a staff reporter\n\n" + body, "source": "Paper B", "date": "2022-05-02"},
        {"text": body.rsplit(" Villagers", 1)[0], "source": "Paper C", "date": "2022-05-03"},
    ]
    corpus = tmp_path / "copies.jsonl"
    corpus.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    db = tmp_path / "t.db"
    result = runner.invoke(app, ["ingest", str(corpus), "--db", str(db)])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout[result.stdout.index("{") :])
    assert (summary["inserted"], summary["near_duplicates"]) == (1, 2)
    with Store.open(str(db)) as store:
        (article,) = store.article_ids()
        assert {s["source"] for s in store.sources(article)} == {"Wire A", "Paper B", "Paper C"}


class _PoolStarting(Exception):
    """Raised where the ingest would start its worker processes (the test has seen enough)."""


def test_ingest_runs_no_other_thread_when_its_workers_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``--n-process`` workers fork only from a process that runs no other thread
    (``pipeline._pool_context``): the progress bar must not run a refresh thread."""
    from dateline import pipeline

    choose = pipeline._pool_context
    seen: dict[str, object] = {}

    def starting() -> object:
        seen["threads"] = [t for t in threading.enumerate() if t not in before]
        seen["method"] = choose().get_start_method()
        raise _PoolStarting

    monkeypatch.setattr(pipeline, "_pool_context", starting)
    corpus = tmp_path / "one.jsonl"
    corpus.write_text(json.dumps({"text": "Gondor attacked Arnor on Sunday."}) + "\n")
    before = set(threading.enumerate())
    result = runner.invoke(app, ["ingest", str(corpus), "--db", str(tmp_path / "t.db"),
                                 "--n-process", "2"])  # fmt: skip
    assert isinstance(result.exception, _PoolStarting), result.output
    assert seen["threads"] == []
    if before == {threading.main_thread()}:  # (threads left by other tests: spawn)
        assert seen["method"] == "fork"
