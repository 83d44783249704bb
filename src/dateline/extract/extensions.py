"""The ``Doc._`` extensions dateline reads and writes, registered once, prefixed.

- ``dateline_date``: the story date (``datetime.date`` or None), set before parsing;
- ``dateline_article_id``: the article id (for event ids), set before parsing;
- ``dateline_actors_given``: True when the caller names the actors (sentence gold sets);
- ``dateline_focus``: the country the story happens in, written by the actors component
  (unknown people and bodies take it; the event coder reads it);
- ``dateline_times``, ``dateline_places``, ``dateline_actors``, ``dateline_quotes``,
  ``dateline_quantities``, ``dateline_events``: lists of records from
  :mod:`dateline.model`, written by the matching component.
"""

from __future__ import annotations

from spacy.tokens import Doc

COMPONENT_ORDER = (
    "dateline_quantities",
    "dateline_time",
    "dateline_places",
    "dateline_actors",
    "dateline_quotes",
    "dateline_events",
)

_LIST_EXTENSIONS = (
    "dateline_times",
    "dateline_places",
    "dateline_actors",
    "dateline_quotes",
    "dateline_quantities",
    "dateline_events",
)


def register_extensions() -> None:
    """Register the ``Doc._.dateline_*`` attributes; safe to call repeatedly."""
    if not Doc.has_extension("dateline_date"):
        Doc.set_extension("dateline_date", default=None)
    if not Doc.has_extension("dateline_article_id"):
        Doc.set_extension("dateline_article_id", default="")
    if not Doc.has_extension("dateline_focus"):
        Doc.set_extension("dateline_focus", default=None)
    if not Doc.has_extension("dateline_actors_given"):
        # True when the caller names the actors (sentence gold sets hand them): every
        # coded event is kept, even one whose sides the actor extractor does not know
        Doc.set_extension("dateline_actors_given", default=False)
    for name in _LIST_EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


def records(doc: Doc, name: str) -> list:  # type: ignore[type-arg]
    """The records a component wrote, or an empty list if it did not run."""
    value = getattr(doc._, name)
    return list(value) if value else []
