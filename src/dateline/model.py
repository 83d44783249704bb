"""Typed, frozen records that flow between the pipeline stages.

Every record that comes from text keeps its character span ``(start, end)`` into
``Article.text`` (the body, with header and footer removed). Ids are pure
functions of content, so every write is an upsert and every re-run a no-op.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

Span = tuple[int, int]
#: TIMEX3 types of a time expression.
TimexType = Literal["DATE", "TIME", "DURATION", "SET"]
#: What a time expression is to its clause: a point, a deadline (end) or a start.
TimeRole = Literal["point", "end", "start"]
#: How a place is used: as a location, for its government or people (a metonym), or
#: only as part of another phrase (a demonym, a modifier: ``U.S. troops``).
PlaceUse = Literal["location", "metonym", "associative"]


def content_hash(*parts: str) -> str:
    """Return ``sha256:<hex>`` over the parts, joined by a separator."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()
    return f"sha256:{digest}"


def normalise_for_id(text: str) -> str:
    """Collapse whitespace so that re-wrapped copies of a story share an id."""
    return " ".join(text.split())


def article_id(source: str | None, text: str) -> str:
    """The article id: a hash of the normalised source and body text."""
    return content_hash((source or "").strip().lower(), normalise_for_id(text))


def event_id(article: str, span: Span, event_type: str) -> str:
    """The event id: a hash of the article id, the event span and its type."""
    return content_hash(article, f"{span[0]}:{span[1]}", event_type)[:39]


@dataclass(frozen=True, slots=True)
class Article:
    """One story: body text plus metadata. ``published`` is the story date and
    ``date_source`` where it came from (``metadata``, ``feed``, ``header``,
    ``header+file-name``, ``header+run-date``, ``file-name``, ``run-date``; see
    ``dateline.ingest.dates``)."""

    id: str
    text: str
    source: str | None = None
    published: date | None = None
    title: str | None = None
    url: str | None = None
    origin: str | None = None  # file path, line number or URL it was read from
    date_source: str | None = None

    @classmethod
    def create(
        cls,
        text: str,
        source: str | None = None,
        published: date | None = None,
        title: str | None = None,
        url: str | None = None,
        origin: str | None = None,
        date_source: str | None = None,
    ) -> Article:
        """Build an article whose id is derived from its content (a date without a
        source is taken as ``metadata``)."""
        if published is not None and date_source is None:
            date_source = "metadata"
        return cls(
            article_id(source, text), text, source, published, title, url, origin,
            date_source if published is not None else None,
        )  # fmt: skip


@dataclass(frozen=True, slots=True)
class Reject:
    """A document that could not be read, with the reason why."""

    origin: str
    reason: str  # short machine-readable code, e.g. "binary", "empty", "too-large"
    detail: str = ""

    @property
    def id(self) -> str:
        return content_hash(self.origin, self.reason)


@dataclass(frozen=True, slots=True)
class ActorMention:
    """A mention of an actor, resolved to a PLOVER code where possible."""

    text: str
    span: Span
    code: str | None = None  # ISO alpha-3 or PLOVER special code (IGO, IMG, ...)
    sector: str | None = None  # PLOVER sector (GOV, MIL, REB, ...)
    role: str | None = None  # office or title ("President")
    wikidata: str | None = None
    refers_to: Span | None = None  # span of the antecedent for pronouns/descriptions
    kind: str = "entity"  # person, country, organisation, group, metonym, place, pronoun,
    # description, implied, phrase
    patron: str | None = None  # backer's code ("Iran-backed militias" -> IRN)
    former: bool = False
    members: tuple[ActorMention, ...] = ()  # for plural descriptions ("the leaders")


@dataclass(frozen=True, slots=True)
class TimeRef:
    """A time expression normalised against the story date (TimeML-style value)."""

    text: str
    span: Span
    value: str | None  # "2021-07-26", "2021-07", "2011", "P2Y", "XXXX-WXX-1", ...
    precision: str  # day, month, year, decade, century, time, unknown
    type: TimexType = "DATE"
    role: TimeRole = "point"  # end: a deadline ("by the end of the year")
    note: str | None = None  # e.g. "unanchored" when no story date was known


@dataclass(frozen=True, slots=True)
class Place:
    """A toponym resolved to a GeoNames entry."""

    text: str
    span: Span
    name: str | None = None
    geonameid: int | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None  # ISO alpha-3
    feature: str | None = None  # country, admin1, city, landmark, ...
    use: PlaceUse = "location"
    admin1: str | None = None  # name of its first-level division (a town's state, province)


@dataclass(frozen=True, slots=True)
class Quote:
    """An attribution: who said what, through which cue and medium."""

    speaker: ActorMention | None
    cue: str | None
    cue_span: Span | None
    content: str
    span: Span
    direct: bool
    anonymous: bool = False
    medium: str | None = None


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number attached to what it counts."""

    value: float
    text: str
    span: Span
    unit: str | None = None  # the head noun counted ("troops") or currency
    of: str | None = None  # the full counted phrase ("American troops")
    approx: str | None = None  # "at least", "more than", "about", "dozens", ...
    upper: float | None = None  # upper bound of a range


@dataclass(frozen=True, slots=True)
class Mention:
    """One mention of an event in the story: its words, where they are, and the rule."""

    text: str
    span: Span
    sentence: int
    rule: str


@dataclass(frozen=True, slots=True)
class Event:
    """A PLOVER event, every field grounded in the article text."""

    id: str
    event: str
    span: Span
    event_text: str
    sentence: int
    rule: str
    confidence: float
    mode: str | None = None
    context: tuple[str, ...] = ()
    actor: tuple[ActorMention, ...] = ()
    recipient: tuple[ActorMention, ...] = ()
    date: str | None = None
    date_precision: str = "unknown"
    enddate: str | None = None
    date_text: str | None = None
    event_loc: Place | None = None
    aux: tuple[str, ...] = ()
    quad_code: int | None = None
    score: float | None = None
    cameo_root: str | None = None
    source_quote: ActorMention | None = None
    size: dict[str, float] | None = None  # PLOVER size: dead, injured, arrested
    mentions: tuple[Mention, ...] = ()  # every mention of the happening, the main one first


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything extracted from one article: the unit the store writes atomically."""

    article: Article
    events: tuple[Event, ...] = ()
    actors: tuple[ActorMention, ...] = ()
    times: tuple[TimeRef, ...] = ()
    places: tuple[Place, ...] = ()
    quotes: tuple[Quote, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    warnings: tuple[str, ...] = field(default=())
