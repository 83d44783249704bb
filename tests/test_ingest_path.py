"""The one ingest path: known articles are looked up in batches, not one by one."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest
from spacy.language import Language

from dateline import runs, writer
from dateline.settings import Settings
from dateline.store import Store


def test_known_articles_are_looked_up_in_batches(
    tmp_path: Path, nlp: Language, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for n in range(10):
        (corpus / f"{n}.txt").write_text(
            f"Gondor sent {n + 2} riders to Arnor on Monday, officials said.\n", encoding="utf-8"
        )
    monkeypatch.setattr(writer, "KNOWN_LOOKUP", 4)
    calls: list[int] = []
    with Store.open(str(tmp_path / "t.db")) as store:
        first = runs.ingest_paths([corpus], settings, store, nlp, story_date="2024-01-02")
        looked_up = store.stored_ids

        def counting(ids: Sequence[str]) -> set[str]:
            calls.append(len(ids))
            return looked_up(ids)

        monkeypatch.setattr(store, "stored_ids", counting)
        monkeypatch.setattr(store, "has_article", lambda *a, **k: pytest.fail("one by one"))
        again = runs.ingest_paths([corpus], settings, store, nlp, story_date="2024-01-02")
    assert first.inserted == 10 and (again.inserted, again.unchanged) == (0, 10)
    assert calls == [4, 4, 2]


def test_each_run_records_its_provenance_and_each_article_its_run(
    tmp_path: Path, nlp: Language, settings: Settings
) -> None:
    from dataclasses import replace

    from dateline import __version__
    from dateline.provenance import knowledge_files

    story = tmp_path / "2024-01-02-story.txt"
    story.write_text("Gondor sent riders to Arnor on Monday, officials said.\n", encoding="utf-8")
    extra = tmp_path / "mine" / "actors_people.csv"
    extra.parent.mkdir()
    extra.write_text("name,code\nAragorn,GON\n", encoding="utf-8")
    mine = replace(settings, user_knowledge=(extra.parent,))
    with Store.open(str(tmp_path / "t.db")) as store:
        summary = runs.ingest_paths([story], mine, store, nlp)
        extra.write_text("name,code\nAragorn,ARN\n", encoding="utf-8")  # a knowledge edit
        later = runs.ingest_paths([story], mine, store, nlp)
        stored = {run["id"]: run for run in store.runs()}  # two in one second: any order
        first, second = stored[summary.run_id], stored[later.run_id]
        (article,) = store.extractions()
        with store.engine.connect() as conn:
            run_of = conn.exec_driver_sql("SELECT run_id FROM articles").scalar()
    assert run_of == summary.run_id == first["id"] and article.article.date_source == "file-name"
    provenance = first["provenance"]
    assert provenance["dateline"] == __version__ and provenance["pipeline_version"]
    assert provenance["model"] == settings.model
    assert set(provenance["knowledge"]) == {p.name for p in knowledge_files()} != set()
    assert all(h.startswith("sha256:") for h in provenance["knowledge"].values())
    assert list(provenance["user_knowledge"]) == [str(extra)]
    assert second["provenance"]["knowledge"] == provenance["knowledge"]
    assert second["provenance"]["user_knowledge"] != provenance["user_knowledge"]
