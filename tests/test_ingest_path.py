"""The one ingest path: known articles are looked up in batches, not one by one."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest
from spacy.language import Language

from dateline import api
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
    monkeypatch.setattr(api, "KNOWN_BATCH", 4)
    calls: list[int] = []
    with Store.open(str(tmp_path / "t.db")) as store:
        first = api.ingest_paths([corpus], settings, store, nlp, story_date="2024-01-02")
        looked_up = store.stored_ids

        def counting(ids: Sequence[str]) -> set[str]:
            calls.append(len(ids))
            return looked_up(ids)

        monkeypatch.setattr(store, "stored_ids", counting)
        monkeypatch.setattr(store, "has_article", lambda *a, **k: pytest.fail("one by one"))
        again = api.ingest_paths([corpus], settings, store, nlp, story_date="2024-01-02")
    assert first.inserted == 10 and (again.inserted, again.unchanged) == (0, 10)
    assert calls == [4, 4, 2]
