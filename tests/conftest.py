"""Shared fixtures: settings, the spaCy pipeline (built once), the seed story."""

from __future__ import annotations

import pytest
from spacy.language import Language

from dateline.ingest import parse_text_article
from dateline.model import Article
from dateline.nlp import build_nlp
from dateline.settings import Settings
from shared_paths import CACHE, EVAL_DEV, REPO, SEED, SHARED, eval_dir

__all__ = ["CACHE", "EVAL_DEV", "REPO", "SEED", "SHARED", "eval_dir"]


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
