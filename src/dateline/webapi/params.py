"""Query parameters shared by the read routes: event filters and paging."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Query, Request

from dateline.query import EventQuery
from dateline.webapi.errors import ApiError

CODE = r"^[A-Za-z0-9_.]{1,16}$"
_CODE_HELP = "letters, digits, '_' or '.', at most 16"

Code = Annotated[str | None, Query(pattern=CODE, description=f"A code ({_CODE_HELP}).")]
Dyad = Annotated[
    str | None,
    Query(
        pattern=r"^[A-Za-z0-9_.]{1,16}[,-][A-Za-z0-9_.]{1,16}$",
        description="Two codes, 'USA,IRQ': events between them in either direction.",
    ),
]
EventType = Annotated[str | None, Query(pattern=r"^[A-Za-z]{1,32}$", description="PLOVER type.")]
Quad = Annotated[int | None, Query(ge=1, le=4, description="Quad class 1-4.")]
Text64 = Annotated[str | None, Query(max_length=64, description="PLOVER mode.")]
Aux = Annotated[list[str] | None, Query(description="Auxiliary modes the event has (all of).")]
When = Annotated[str | None, Query(max_length=10, description="YYYY, YYYY-MM or YYYY-MM-DD.")]
Basis = Annotated[str, Query(pattern="^(event|story)$", description="Event or story date.")]
Near = Annotated[str | None, Query(max_length=64, description="'lat,lon,km' around the place.")]
Search = Annotated[str | None, Query(max_length=200, description="Full-text search.")]
ArticleId = Annotated[str | None, Query(max_length=80, description="Article id.")]
Source = Annotated[str | None, Query(max_length=200, description="Source name.")]


def _near(value: str | None) -> tuple[float, float, float] | None:
    if value is None:
        return None
    try:
        lat, lon, km = (float(v) for v in value.split(","))
    except ValueError:
        raise ApiError(400, f"near: expected 'lat,lon,km', got {value!r}") from None
    return (lat, lon, km)


def _dyad(value: str | None) -> tuple[str, str] | None:
    if value is None:
        return None
    parts = value.replace("-", ",").split(",")
    if len(parts) != 2 or not all(parts):
        raise ApiError(400, f"dyad: expected two actor codes like 'USA,IRQ', got {value!r}")
    return (parts[0], parts[1])


def event_query(
    actor: Code = None,
    actor_sector: Code = None,
    recipient: Code = None,
    recipient_sector: Code = None,
    party: Code = None,
    dyad: Dyad = None,
    type: EventType = None,
    quad: Quad = None,
    mode: Text64 = None,
    aux: Aux = None,
    date_from: When = None,
    date_to: When = None,
    date_basis: Basis = "event",
    country: Code = None,
    near: Near = None,
    q: Search = None,
    article: ArticleId = None,
    source: Source = None,
) -> EventQuery:
    """The event filters of every read route (one dependency, documented in OpenAPI)."""
    return EventQuery(
        actor=actor, actor_sector=actor_sector, recipient=recipient,
        recipient_sector=recipient_sector, party=party, dyad=_dyad(dyad), event=type, quad=quad,
        mode=mode, aux=tuple(aux or ()), date_from=date_from, date_to=date_to,
        date_basis=date_basis, country=country, near=_near(near), text=q, article_id=article,
        source=source,
    )  # fmt: skip


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
