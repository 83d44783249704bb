"""The HTTP API and the dashboard: ``create_app(settings, config)``.

    uvicorn --factory dateline.webapi:app_from_env     # DATELINE_DB, DATELINE_TOKEN, ...

Read routes live under ``/api`` (paginated, filters as query parameters, one
JSON error shape); the dashboard is ``/`` and its files ``/static/...``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated, Any

from fastapi import APIRouter, BackgroundTasks, Depends, FastAPI, Header, Query, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import StreamingResponse
from starlette.concurrency import run_in_threadpool

from dateline.alerts import store as firings
from dateline.alerts.deliver import payload
from dateline.export.tabular import delimited_lines
from dateline.query import Database, EventQuery, open_db
from dateline.query.flat import FLAT_COLUMNS
from dateline.query.names import FILTERS
from dateline.serialize import extraction_to_dict
from dateline.settings import Settings
from dateline.version import __version__
from dateline.webapi import errors, pages
from dateline.webapi.config import ServeConfig
from dateline.webapi.errors import ApiError
from dateline.webapi.ingest import Ingester, check_token, parse_body
from dateline.webapi.middleware import BodyLimit, HeadAsGet, SecurityHeaders
from dateline.webapi.params import Page, event_query, paging, top_n
from dateline.webapi.records import frame_records, network

Filters = Annotated[EventQuery, Depends(event_query)]
Paging = Annotated[Page, Depends(paging)]
TopN = Annotated[int, Depends(top_n)]
Interval = Annotated[str, Query(pattern="^(day|week|month|year)$", description="Bucket size.")]
Sort = Annotated[str, Query(pattern="^-?(story_date|date)$", description="Order; '-' descends.")]
By = Annotated[str, Query(pattern="^(type|quad)$", description="Series per type or quad.")]
Role = Annotated[str, Query(pattern="^(any|actor|recipient)$", description="Which role counts.")]
Window = Annotated[int, Query(ge=0, le=365, description="Days between reports of one event.")]
MinStories = Annotated[int, Query(ge=1, description="Keep clusters with this many stories.")]
Search = Annotated[str | None, Query(max_length=200, description=FILTERS["text"])]
Auth = Annotated[str | None, Header(description="Bearer token.")]
RuleName = Annotated[
    str | None, Query(pattern="^[A-Za-z0-9_-]{1,64}$", description="Only this rule's firings.")
]


def create_app(settings: Settings, config: ServeConfig | None = None) -> FastAPI:
    """The app over ``settings.db_url``; read-only unless ``config.allow_ingest``."""
    config = config or ServeConfig()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.db = open_db(settings.db_url, create=config.allow_ingest)
        app.state.db.assign_clusters()  # and again on each events page when articles came in
        try:
            yield
        finally:
            app.state.db.close()

    about = "PLOVER events extracted from news stories: query, aggregate, map."
    # /docs and /redoc are served by pages.mount from the package's copy of Swagger UI
    app = FastAPI(title="dateline", version=__version__, lifespan=lifespan, description=about,
                  docs_url=None, redoc_url=None)  # fmt: skip
    app.state.config = config
    app.state.ingester = Ingester(settings)
    errors.install(app)
    app.include_router(_read_routes(), prefix="/api")
    app.include_router(_write_routes(), prefix="/api")
    pages.mount(app)
    _middleware(app, config)
    return app


def app_from_env() -> FastAPI:
    """The app for ``uvicorn --factory``: settings and config from ``DATELINE_*``."""
    return create_app(Settings.from_env(), ServeConfig.from_env())


def _middleware(app: FastAPI, config: ServeConfig) -> None:
    if config.cors_origins:
        app.add_middleware(
            CORSMiddleware, allow_origins=list(config.cors_origins),
            allow_methods=["GET", "POST"], allow_headers=["Authorization", "Content-Type"],
        )  # fmt: skip
    app.add_middleware(BodyLimit, limit=config.max_body_bytes)
    app.add_middleware(HeadAsGet)
    app.add_middleware(SecurityHeaders)


def database(request: Request) -> Database:
    """The app's database, refreshed if other processes wrote to it."""
    db: Database = request.app.state.db
    db.refresh()
    return db


Db = Annotated[Database, Depends(database)]


def _read_routes() -> APIRouter:
    router = APIRouter(tags=["read"])

    @router.get("/stats", summary="How many articles, events and rejects are stored")
    def stats(db: Db) -> dict[str, Any]:
        return {**db.stats(), "version": __version__}

    @router.get("/events", summary="Events matching the filters, a page at a time")
    def events(
        db: Db, f: Filters, p: Paging, background: BackgroundTasks, sort: Sort = "-story_date"
    ) -> dict[str, Any]:
        # Cluster ids are rebuilt after the response when articles came in (a pass over
        # every event): this page reads them as they stand, the next ones get the new ids.
        background.add_task(db.assign_clusters)
        frame = db.events(f, limit=p.per_page, offset=p.offset, sort=sort, fresh_clusters=False)
        return {
            "total": db.count(f),
            "page": p.page,
            "per_page": p.per_page,
            "items": frame_records(frame),
        }

    @router.get("/events.csv", summary="The matching events as CSV (flat layout, up to max_rows)",
                response_class=StreamingResponse)  # fmt: skip
    def events_csv(request: Request, db: Db, f: Filters) -> StreamingResponse:
        limit = request.app.state.config.max_rows
        lines = delimited_lines(db.rows(f, limit=limit, sort="-story_date"), FLAT_COLUMNS)
        disposition = {"Content-Disposition": 'attachment; filename="dateline-events.csv"'}
        return StreamingResponse(lines, media_type="text/csv; charset=utf-8", headers=disposition)

    @router.get("/articles", summary="Stored articles, newest first, with full-text search")
    def articles(db: Db, p: Paging, text: Search = None) -> dict[str, Any]:
        frame = db.articles(text, limit=p.per_page, offset=p.offset)
        return {"page": p.page, "per_page": p.per_page, "items": frame_records(frame)}

    @router.get("/articles/{article_id}",
                summary="One article with every record and its spans, and every copy's source")
    def article(db: Db, article_id: str) -> dict[str, Any]:
        found = db.article(article_id)
        if found is None:
            raise ApiError(404, f"no article with id {article_id!r}")
        return {**extraction_to_dict(found), "sources": db.sources(article_id)}

    _aggregate_routes(router)
    _alert_routes(router)
    return router


def _aggregate_routes(router: APIRouter) -> None:
    @router.get("/series", summary="Event counts and score sums per period and type or quad")
    def series(db: Db, f: Filters, interval: Interval = "month", by: By = "type") -> dict[str, Any]:
        return {"items": frame_records(db.series(f, interval=interval, by=by))}

    @router.get("/net", summary="Cooperation, conflict and net score per period")
    def net(db: Db, f: Filters, interval: Interval = "month") -> dict[str, Any]:
        return {"items": frame_records(db.net_series(f, interval=interval))}

    @router.get("/actors", summary="The actors in most matching events")
    def actors(db: Db, f: Filters, n: TopN, role: Role = "any") -> dict[str, Any]:
        return {"items": frame_records(db.top_actors(f, n=n, role=role))}

    @router.get("/dyads", summary="The (actor, recipient) pairs in most matching events")
    def dyads(db: Db, f: Filters, n: TopN) -> dict[str, Any]:
        return {"items": frame_records(db.top_dyads(f, n=n))}

    @router.get("/network", summary="Actor network: nodes and dyad edges with net scores")
    def actor_network(db: Db, f: Filters, n: TopN) -> dict[str, Any]:
        return network(frame_records(db.top_dyads(f, n=n)))

    @router.get("/locations", summary="Event locations with counts and net scores")
    def locations(db: Db, f: Filters, n: TopN) -> dict[str, Any]:
        return {"items": frame_records(db.locations(f, limit=n))}

    @router.get("/clusters", summary="Events reported by several stories, grouped")
    def clusters(
        db: Db, f: Filters, p: Paging, window_days: Window = 3, min_stories: MinStories = 1
    ) -> dict[str, Any]:
        frame = db.clusters(f, window_days=window_days, min_stories=min_stories)
        rows = frame_records(frame.iloc[p.offset : p.offset + p.per_page])
        return {"total": len(frame), "page": p.page, "per_page": p.per_page, "items": rows}


def _alert_routes(router: APIRouter) -> None:
    @router.get("/alerts", summary="Stored alert firings, newest window first, with their events")
    def alerts(db: Db, p: Paging, rule: RuleName = None) -> dict[str, Any]:
        engine = db.store.engine
        if not firings.exists(engine):
            return {"total": 0, "page": p.page, "per_page": p.per_page, "items": []}
        rows = firings.listed(engine, rule, limit=p.per_page, offset=p.offset)
        return {"total": firings.total(engine, rule), "page": p.page, "per_page": p.per_page,
                "items": [payload(row) for row in rows]}  # fmt: skip


def _write_routes() -> APIRouter:
    router = APIRouter(tags=["write"])

    @router.post("/ingest", summary="Extract and store stories (only when enabled, with a token)",
                 responses={401: {}, 403: {}, 413: {}, 415: {}})  # fmt: skip
    async def ingest(request: Request, authorization: Auth = None) -> dict[str, Any]:
        config: ServeConfig = request.app.state.config
        check_token(config, authorization)
        body = await request.body()
        ingester: Ingester = request.app.state.ingester
        content_type = request.headers.get("content-type", "")
        items = parse_body(body, content_type, config, ingester.settings)
        return await run_in_threadpool(ingester.run, request.app.state.db, items)

    return router
