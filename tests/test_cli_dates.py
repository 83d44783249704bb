"""Story dates, warnings and language rejects through the CLI and the Python API."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import pytest
from spacy.language import Language
from typer.testing import CliRunner

from dateline.cli import app
from dateline.errors import InputError
from dateline.ingest.screen import UNDATED
from dateline.runs import extract_text, ingest_paths
from dateline.settings import Settings
from dateline.store import Store

runner = CliRunner()
STORY = "Gondor sent three hundred troops to Arnor on Monday, officials in Minas Tirith said."
SPANISH = (
    "El gobierno anunció el lunes nuevas sanciones contra el país vecino, según "
    "informaron fuentes oficiales en la capital después de una larga reunión."
)


@pytest.fixture(autouse=True)
def _reuse_session_pipeline(monkeypatch: pytest.MonkeyPatch, nlp: Language) -> None:
    monkeypatch.setattr("dateline.runs.build_nlp", lambda settings: nlp)


def _corpus(folder: Path) -> Path:
    folder.mkdir()
    (folder / "kyiv.txt").write_text(f"KYIV, Dec 30 (Reuters) - {STORY}\n", encoding="utf-8")
    (folder / "2023-11-06-minas.txt").write_text(f"MINAS TIRITH (AP) — {STORY} Again.\n",
                                                encoding="utf-8")  # fmt: skip
    (folder / "plain.txt").write_text(f"{STORY} Plainly.\n", encoding="utf-8")
    (folder / "madrid.txt").write_text(f"MADRID (EFE) - {SPANISH}\n", encoding="utf-8")
    return folder


def _summary(output: str) -> dict[str, object]:
    return dict(json.loads(output[output.index("{") :]))


def test_ingest_dates_every_story_and_counts_warnings_and_languages(tmp_path: Path) -> None:
    corpus, db = _corpus(tmp_path / "corpus"), tmp_path / "t.db"
    result = runner.invoke(app, ["ingest", str(corpus), "--db", str(db)])
    assert result.exit_code == 0, result.output
    summary = _summary(result.stdout)
    assert (summary["inserted"], summary["rejected"], summary["warnings"]) == (3, 1, 2)
    assert summary["rejected_by_reason"] == {"language:es": 1}
    listing = runner.invoke(app, ["warnings", "--db", str(db)])
    assert listing.exit_code == 0 and "kyiv.txt" in listing.stdout and "plain.txt" in listing.stdout
    assert "minas" not in listing.stdout and "undated" in listing.stdout
    with Store.open(str(db)) as store:
        dates = {Path(e.article.origin or "").name: (e.article.published, e.article.date_source)
                 for e in store.extractions()}  # fmt: skip
    assert dates["2023-11-06-minas.txt"] == (date(2023, 11, 6), "file-name")
    assert dates["kyiv.txt"] == (None, None)


def test_the_run_date_dates_the_rest(tmp_path: Path) -> None:
    corpus, db = _corpus(tmp_path / "corpus"), tmp_path / "t.db"
    result = runner.invoke(app, ["ingest", str(corpus), "--db", str(db), "--date", "2024-01-02"])
    assert result.exit_code == 0, result.output
    assert _summary(result.stdout)["warnings"] == 0
    with Store.open(str(db)) as store:
        dates = {Path(e.article.origin or "").name: (e.article.published, e.article.date_source)
                 for e in store.extractions()}  # fmt: skip
        assert store.warnings() == []
    assert dates == {
        "kyiv.txt": (date(2023, 12, 30), "header+run-date"),
        "2023-11-06-minas.txt": (date(2023, 11, 6), "file-name"),
        "plain.txt": (date(2024, 1, 2), "run-date"),
    }


@pytest.mark.parametrize("command", ["ingest", "extract"])
def test_a_bad_date_option_is_an_error_naming_it(command: str, tmp_path: Path) -> None:
    args = [command, str(tmp_path), "--date", "06/11/2023"]
    result = runner.invoke(app, args + (["--db", str(tmp_path / "t.db")] if command == "ingest"
                                        else []))  # fmt: skip
    assert result.exit_code == 2
    assert "--date" in result.output and "06/11/2023" in result.output
    assert not (tmp_path / "t.db").exists()


def test_extract_with_a_date_and_day_first(tmp_path: Path) -> None:
    line = json.dumps({"text": f"KYIV, Nov 6 (Reuters) - {STORY}", "date": "05/11/2023"})
    (tmp_path / "a.jsonl").write_text(line + "\n", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(tmp_path / "a.jsonl"), "--day-first"])
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout.splitlines()[0])
    article = record["article"]
    assert (article["date"], article["date_source"]) == ("2023-11-05", "metadata")


@pytest.mark.parametrize(
    "published", [date(2024, 5, 20), datetime(2024, 5, 20, 18, 30), "2024-05-20"]
)
def test_extract_text_takes_a_date_a_datetime_or_an_iso_string(
    published: object, nlp: Language, settings: Settings
) -> None:
    extraction = extract_text(STORY, settings, nlp, published=published)
    assert extraction.article.published == date(2024, 5, 20)
    assert extraction.article.date_source == "metadata" and extraction.warnings == ()
    assert any(t.value == "2024-05-20" for t in extraction.times)  # "Monday" is anchored


@pytest.mark.parametrize("published", ["20/05/2024", "last Monday", 20240520, 3.5])
def test_extract_text_refuses_anything_else_naming_it(
    published: object, nlp: Language, settings: Settings
) -> None:
    with pytest.raises(InputError, match="published"):
        extract_text(STORY, settings, nlp, published=published)


def test_ingest_paths_takes_the_run_date_and_refuses_a_bad_one(
    tmp_path: Path, nlp: Language, settings: Settings
) -> None:
    (tmp_path / "plain.txt").write_text(f"{STORY}\n", encoding="utf-8")
    with Store.open(str(tmp_path / "t.db")) as store:
        with pytest.raises(InputError, match="date"):
            ingest_paths([tmp_path / "plain.txt"], settings, store, nlp, story_date="May 20")
        summary = ingest_paths([tmp_path / "plain.txt"], settings, store, nlp,
                               story_date="2024-05-20")  # fmt: skip
        (stored,) = store.extractions()
    assert summary.inserted == 1 and summary.warnings == 0
    assert (stored.article.published, stored.warnings) == (date(2024, 5, 20), ())
    assert UNDATED.startswith("undated")
