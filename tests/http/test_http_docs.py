"""docs/http-api.md is the rendering of the current OpenAPI schema."""

from __future__ import annotations

from pathlib import Path

from dateline.webapi.docs import current

DOC = Path(__file__).resolve().parents[2] / "docs" / "http-api.md"


def test_http_api_doc_is_current() -> None:
    assert DOC.read_text(encoding="utf-8") == current(), (
        "docs/http-api.md is stale: run `python -m dateline.webapi.docs > docs/http-api.md`"
    )
