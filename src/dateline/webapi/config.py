"""How the HTTP app runs: one frozen object passed to ``create_app``."""

from __future__ import annotations

import os
from dataclasses import dataclass

from dateline.errors import SettingsError


@dataclass(frozen=True, slots=True)
class ServeConfig:
    """HTTP settings. Read-only unless ``allow_ingest`` (which needs a ``token``)."""

    allow_ingest: bool = False
    token: str | None = None  # bearer token for POST /api/ingest
    cors_origins: tuple[str, ...] = ()  # explicit origins; none by default
    max_body_bytes: int = 2_000_000  # larger request bodies get 413
    max_ingest_articles: int = 200  # more articles in one ingest request get 413
    max_page: int = 500  # largest per_page / n / limit accepted (400 above)
    max_rows: int = 100_000  # largest offset + per_page accepted (400 above)

    def __post_init__(self) -> None:
        if self.allow_ingest and not self.token:
            raise SettingsError("ingest over HTTP needs a bearer token (set one with --token-env)")
        if self.token is not None and len(self.token) < 16:
            raise SettingsError("the ingest token must be at least 16 characters long")

    @classmethod
    def from_env(cls, token_env: str = "DATELINE_TOKEN", **overrides: object) -> ServeConfig:
        """Defaults, then ``DATELINE_ALLOW_INGEST``, the token from ``token_env`` and
        ``DATELINE_CORS_ORIGINS`` (comma-separated), then overrides."""
        values: dict[str, object] = {
            "allow_ingest": os.environ.get("DATELINE_ALLOW_INGEST", "") in ("1", "true", "yes"),
            "token": os.environ.get(token_env) or None,
            "cors_origins": _origins(os.environ.get("DATELINE_CORS_ORIGINS", "")),
        }
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)  # type: ignore[arg-type]


def _origins(text: str) -> tuple[str, ...]:
    return tuple(o.strip() for o in text.split(",") if o.strip())
