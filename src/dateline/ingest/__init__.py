"""Readers that turn files, feeds and streams into ``Article``s or ``Reject``s."""

from __future__ import annotations

from dateline.ingest.text import parse_text_article

__all__ = ["parse_text_article"]
