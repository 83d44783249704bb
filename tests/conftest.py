"""Shared fixtures: settings, the spaCy pipeline (built once), the seed story."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from dateline.ingest import parse_text_article
from dateline.model import Article
from dateline.nlp import build_nlp
from dateline.settings import Settings

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEED = SHARED / "examples" / "seed" / "bloomberg-2021-07-26-iraq.txt"
EVAL_DEV = SHARED / "eval" / "dev"


CACHE = REPO / ".pytest_cache" / "dateline-cache"  # gazetteer index, kept between runs


@pytest.fixture(scope="session")
def settings() -> Settings:
    CACHE.mkdir(parents=True, exist_ok=True)
    return Settings(cache_dir=CACHE)


@pytest.fixture(scope="session")
def nlp(settings: Settings) -> Language:
    """The full dateline pipeline, built once per test session."""
    return build_nlp(settings)


@pytest.fixture(scope="session")
def seed_article() -> Article:
    """The seed wire story from ../shared, read through our own reader."""
    if not SEED.exists():
        pytest.skip(f"../shared is absent: {SEED} not found")
    return parse_text_article(SEED.read_text(encoding="utf-8"), origin=str(SEED))


def eval_dir(name: str) -> Path:
    """A dev gold folder, or skip the test with a clear message."""
    folder = EVAL_DEV / name
    if not folder.is_dir():
        pytest.skip(f"../shared/eval/dev/{name} is absent")
    return folder
