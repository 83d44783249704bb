"""Query parameters shared by the read routes: event filters and paging."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Query, Request

from dateline.query import EventQuery
from dateline.query.names import FILTERS
from dateline.webapi.errors import ApiError


def _text(name: str, size: int = 64) -> Any:
    return Query(max_length=size, description=FILTERS[name])


Actor = Annotated[str | None, _text("actor")]
ActorSector = Annotated[str | None, _text("actor_sector")]
Recipient = Annotated[str | None, _text("recipient")]
RecipientSector = Annotated[str | None, _text("recipient_sector")]
Party = Annotated[str | None, _text("party")]
Dyad = Annotated[str | None, _text("dyad")]
EventType = Annotated[str | None, _text("type")]
Quad = Annotated[str | None, _text("quad", 8)]
Mode = Annotated[str | None, _text("mode")]
Aux = Annotated[list[str] | None, Query(description=FILTERS["aux"])]
DateFrom = Annotated[str | None, _text("date_from", 10)]
DateTo = Annotated[str | None, _text("date_to", 10)]
Basis = Annotated[str | None, _text("date_basis", 8)]
Country = Annotated[str | None, _text("country")]
Near = Annotated[str | None, _text("near")]
Text = Annotated[str | None, _text("text", 200)]
Article = Annotated[str | None, _text("article", 80)]
Source = Annotated[str | None, _text("source", 200)]
Cluster = Annotated[str | None, _text("cluster", 40)]


def event_query(
    actor: Actor = None,
    actor_sector: ActorSector = None,
    recipient: Recipient = None,
    recipient_sector: RecipientSector = None,
    party: Party = None,
    dyad: Dyad = None,
    type: EventType = None,
    quad: Quad = None,
    mode: Mode = None,
    aux: Aux = None,
    date_from: DateFrom = None,
    date_to: DateTo = None,
    date_basis: Basis = None,
    country: Country = None,
    near: Near = None,
    text: Text = None,
    article: Article = None,
    source: Source = None,
    cluster: Cluster = None,
) -> EventQuery:
    """The event filters of every read route: the names and parsing of
    :class:`~dateline.query.EventQuery` (a bad value answers 400 with its message)."""
    given = dict(locals())
    return EventQuery().merged(**{k: v for k, v in given.items() if v not in (None, [], "")})


@dataclass(frozen=True, slots=True)
class Page:
    """One page of results: ``page`` counts from 1."""

    page: int
    per_page: int

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page


def paging(
    request: Request,
    page: Annotated[int, Query(ge=1, description="Page number, from 1.")] = 1,
    per_page: Annotated[int, Query(ge=1, description="Rows per page (see max_page).")] = 50,
) -> Page:
    """Paging parameters, checked against the app's result-size limits."""
    config = request.app.state.config
    if per_page > config.max_page:
        raise ApiError(400, f"per_page: at most {config.max_page} rows per page")
    if page * per_page > config.max_rows:
        raise ApiError(400, f"page: results are limited to the first {config.max_rows:,} rows")
    return Page(page, per_page)


def top_n(
    request: Request, n: Annotated[int, Query(ge=1, description="How many rows.")] = 20
) -> int:
    """A row count for top-N routes, checked against ``max_page``."""
    if n > request.app.state.config.max_page:
        raise ApiError(400, f"n: at most {request.app.state.config.max_page}")
    return n
