"""The whole bad-input corpus (``bad_corpus.BAD_INPUTS``) ingested as one batch: each
document ends as a clean article or a reject with the expected reason, the batch
completes, the counts add up, and ingesting it again changes nothing."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from spacy.language import Language

from dateline.runs import ingest_paths
from dateline.settings import Settings
from dateline.store import Store
from reliability.bad_corpus import LEGACY, write_bad_corpus

_NUMBERED = re.compile(r"^(?P<file>.+?)(?:[:#](?P<n>\d+))?$")


def _by_file(outcomes: dict[str, str]) -> dict[str, tuple[str, ...]]:
    """Outcomes keyed by origin (``rows.jsonl:3``, ``feed.xml#1``) grouped per file,
    in document order."""
    grouped: dict[str, list[tuple[int, str]]] = {}
    for origin, outcome in outcomes.items():
        match = _NUMBERED.match(Path(origin).name)
        assert match is not None
        grouped.setdefault(match["file"], []).append((int(match["n"] or 0), outcome))
    return {name: tuple(o for _, o in sorted(items)) for name, items in grouped.items()}


def _stored(store: Store) -> tuple[dict[str, str], dict[str, str]]:
    """(outcome by origin, article text by origin file name) of everything stored."""
    outcomes = {r["origin"]: r["reason"] for r in store.rejects()}
    texts = {}
    for extraction in store.extractions():
        origin = extraction.article.origin or ""
        outcomes[origin] = "article"
        texts[Path(origin).name] = extraction.article.text
    return outcomes, texts


def _published(store: Store) -> dict[str, date | None]:
    return {Path(e.article.origin or "").name: e.article.published for e in store.extractions()}


@pytest.mark.slow
def test_the_bad_corpus_as_one_batch(tmp_path: Path, nlp: Language, settings: Settings) -> None:
    expected = write_bad_corpus(tmp_path / "bad")
    # the legacy-encoding texts are French: decoding is what is tested here (language
    # rejects are tested in tests/ingest/test_screen.py)
    settings = replace(settings, languages=("en", "fr"))
    documents = sum(len(outcomes) for outcomes in expected.values())
    articles = sum(outcomes.count("article") for outcomes in expected.values())
    with Store.open(str(tmp_path / "bad.db")) as store:
        first = ingest_paths([str(tmp_path / "bad" / "**")], settings, store, nlp)  # a glob
        outcomes, texts = _stored(store)
        second = ingest_paths([tmp_path / "bad"], settings, store, nlp)  # the folder
        assert _stored(store) == (outcomes, texts)
        assert store.check().ok
        published = _published(store)
    assert _by_file(outcomes) == expected
    assert first.inserted + first.unchanged + first.rejected == documents
    assert (first.inserted, first.rejected) == (articles, documents - articles)
    assert (second.inserted, second.unchanged, second.rejected) == (
        0, articles, documents - articles
    )  # fmt: skip
    for n, name in enumerate(("utf16-bom", "utf16-be-bom", "utf16-no-bom", "utf16-be-no-bom",
                              "utf32-bom"), 1):  # fmt: skip
        assert texts[f"{name}.txt"].startswith(f"Gondor sent {n} troops to Arnor"), name
    assert texts["mixed-encodings.txt"] == "Gondor a été attaqué lundi. Arnor a été reçu mardi."
    assert texts["cp1252.txt"] == LEGACY
    assert published["rows.jsonl:1"] == date(2022, 5, 1)
    assert published["rows.jsonl:4"] is None  # 2021-13-45: the story is kept, undated
    assert published["rows.csv:2"] is None  # 2022-02-30
    assert "\x00" not in "".join(texts.values())
    assert texts["surrogates.jsonl:1"] == "Gondor praised Rohan\ufffd on Friday."
    assert texts["legacy-after-64k.jsonl:71"] == "Le président de Gondor a parlé."
