"""Extractors: pure functions over a parsed ``Doc``, each wrapped by a spaCy factory.

Importing this package (or any module in it) registers, once, the factories
``dateline_quantities``, ``dateline_time``, ``dateline_places``, ``dateline_actors``,
``dateline_quotes`` and ``dateline_events`` and the ``Doc._.dateline_*`` extensions
they read and write. spaCy also finds the factories by name through the
``spacy_factories`` entry points (``pyproject.toml``), so ``nlp.add_pipe("dateline_time")``
works in a user's own pipeline without importing dateline first. Each factory declares
what it ``requires`` and ``assigns``; :func:`dateline.nlp.build_nlp` checks them.
"""

from __future__ import annotations

from dateline.extract import actors, events, places, quantities, quotes, time
from dateline.extract.extensions import COMPONENT_ORDER, register_extensions

register_extensions()

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
