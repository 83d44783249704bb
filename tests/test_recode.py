"""Re-coding after a knowledge edit changes exactly the articles whose coding changes,
each atomically; a second re-code changes nothing."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from spacy.language import Language
from typer.testing import CliRunner

from dateline.cli import app
from dateline.nlp import build_nlp
from dateline.recode import recode
from dateline.runs import ingest_paths
from dateline.serialize import extraction_to_dict
from dateline.settings import Settings
from dateline.store import Store

PEOPLE = "name,aliases,code,sector,office,start,end,wikidata\n"
NOVAK = "Jan Novak,Novak,CZE,GOV,President,2020-01-01,,\n"


def _corpus(folder: Path) -> Path:
    folder.mkdir()
    (folder / "2024-03-04-prague.txt").write_text(
        "PRAGUE (Test Wire) - Jan Novak met the French foreign minister in Paris on Monday "
        "and signed a trade agreement with France, officials said.\n", encoding="utf-8"
    )  # fmt: skip
    (folder / "2024-03-04-vilnius.txt").write_text(
        "VILNIUS (Test Wire) - Germany sent troops to Lithuania on Monday, officials said.\n",
        encoding="utf-8",
    )
    return folder


@pytest.mark.slow
def test_recode_changes_exactly_the_articles_a_knowledge_edit_changes(
    tmp_path: Path, nlp: Language, settings: Settings
) -> None:
    corpus = _corpus(tmp_path / "corpus")
    knowledge = tmp_path / "people.csv"
    knowledge.write_text(PEOPLE + NOVAK, encoding="utf-8")
    edited = replace(settings, user_knowledge=(knowledge,))
    edited_nlp = build_nlp(edited)
    with Store.open(str(tmp_path / "t.db")) as store:
        ingest_paths([corpus], settings, store, nlp)
        before = {e.article.origin: extraction_to_dict(e) for e in store.extractions()}
        assert recode(store, settings, nlp).changed == 0  # same knowledge: nothing changes
        first = recode(store, edited, edited_nlp)
        after = {e.article.origin: (e, extraction_to_dict(e)) for e in store.extractions()}
        again = recode(store, edited, edited_nlp)
        runs = {run["id"]: run for run in store.runs()}
        with store.engine.connect() as conn:
            run_of = dict(conn.exec_driver_sql("SELECT origin, run_id FROM articles").fetchall())
        assert store.check().ok
    prague = next(o for o in after if o and "prague" in o)
    vilnius = next(o for o in after if o and "vilnius" in o)
    assert (first.articles, first.changed, first.unchanged) == (2, 1, 1)
    assert first.changed_ids == (after[prague][0].article.id,)
    assert after[vilnius][1] == before[vilnius] and after[prague][1] != before[prague]
    assert any(a.code == "CZE" for a in after[prague][0].actors)
    assert (again.changed, again.unchanged) == (0, 2)
    assert run_of[prague] == first.run_id != run_of[vilnius]
    assert list(runs[first.run_id]["provenance"]["user_knowledge"]) == [str(knowledge)]


def test_recode_on_a_missing_database_is_an_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["recode", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 2 and "no database" in result.output


def test_a_knowledge_folder_extends_the_actors(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "people.csv").write_text(PEOPLE + NOVAK, encoding="utf-8")
    story = tmp_path / "2024-03-04-prague.txt"
    story.write_text("PRAGUE (Test Wire) - Jan Novak met the French foreign minister in "
                     "Paris on Monday, officials said.\n", encoding="utf-8")  # fmt: skip
    runner = CliRunner()
    plain = runner.invoke(app, ["extract", str(story)])
    mine = runner.invoke(app, ["extract", str(story), "--knowledge", str(folder)])
    assert plain.exit_code == 0 and mine.exit_code == 0, mine.output
    assert '"CZE"' in mine.stdout and '"CZE"' not in plain.stdout
    for missing in (tmp_path / "none", tmp_path / "empty"):
        if missing.name == "empty":
            missing.mkdir()
        result = runner.invoke(app, ["extract", str(story), "--knowledge", str(missing)])
        assert result.exit_code == 2 and "--knowledge" in result.output
        assert missing.name in result.output
