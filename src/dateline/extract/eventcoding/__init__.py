"""The event coder behind the ``dateline_events`` component (see :mod:`.coder`)."""

from __future__ import annotations

from dateline.extract.eventcoding.coder import code_events

__all__ = ["code_events"]
