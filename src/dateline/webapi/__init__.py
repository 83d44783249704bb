"""The HTTP API and dashboard of dateline (FastAPI): ``create_app(settings, config)``."""

from __future__ import annotations

from dateline.webapi.app import app_from_env, create_app
from dateline.webapi.config import ServeConfig

__all__ = ["ServeConfig", "app_from_env", "create_app"]
