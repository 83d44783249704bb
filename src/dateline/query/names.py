"""The names of the event filters and their one line of help: the CLI options, the
HTTP parameters, :class:`~dateline.query.EventQuery`'s fields and the docs all use
these (a test checks that they agree). Plain data, cheap to import."""

from __future__ import annotations

#: Every event filter, with the one line of help the CLI, the HTTP API and the docs show.
FILTERS: dict[str, str] = {
    "actor": "Actor code (any actor of the event), e.g. USA.",
    "actor_sector": "Actor sector on the same mention, e.g. GOV.",
    "recipient": "Recipient code (any recipient of the event), e.g. IRQ.",
    "recipient_sector": "Recipient sector on the same mention, e.g. MIL.",
    "party": "Code of an actor or a recipient.",
    "dyad": "Two codes, 'USA,IRQ': events between them in either direction.",
    "type": "PLOVER event type, e.g. ASSAULT.",
    "quad": "Quad class: 1 verbal cooperation, 2 material cooperation, "
    "3 verbal conflict, 4 material conflict.",
    "mode": "PLOVER mode, e.g. firearms.",
    "aux": "Auxiliary mode the event has (repeat for all of several): "
    "future, hypothetical, negated, historical, alleged.",
    "date_from": "Events whose dates reach this day or later: YYYY, YYYY-MM or YYYY-MM-DD.",
    "date_to": "Events whose dates reach this day or earlier: YYYY, YYYY-MM or YYYY-MM-DD.",
    "date_basis": "Which date the date filters use: event (default) or story.",
    "country": "Country code of the event location, e.g. IRQ.",
    "near": "'lat,lon,km': events located within km of the point.",
    "text": "Full-text search of the story titles and texts.",
    "article": "Article id (sha256:...).",
    "source": "Source name, exactly as stored.",
    "cluster": "Cluster id: the events reported as one real event.",
}
