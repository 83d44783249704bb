"""Extractors: pure functions over a parsed ``Doc``, each wrapped by a spaCy factory.

Importing this package registers the factories ``dateline_quantities``,
``dateline_time``, ``dateline_places``, ``dateline_actors``, ``dateline_quotes``
and ``dateline_events`` and the ``Doc._.dateline_*`` extensions they write.
"""

from __future__ import annotations

from dateline.extract import actors, events, places, quantities, quotes, time
from dateline.extract.extensions import COMPONENT_ORDER, register_extensions

__all__ = [
    "COMPONENT_ORDER",
    "actors",
    "events",
    "places",
    "quantities",
    "quotes",
    "register_extensions",
    "time",
]
