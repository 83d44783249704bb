"""Fixtures of the HTTP and dashboard tests: a database built through the real pipeline
from examples/ (and the seed story when ../shared is present), the app, a live server.

The extractors are still being written, so the pipeline may yield few events; one
hand-built, span-grounded story (``GROUNDED``) is always stored beside them so the
dashboard has a dyad, places and every kind of highlight to show.
"""

from __future__ import annotations

import socket
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import httpx
import pytest
import uvicorn
from fastapi import FastAPI

from dateline.model import (
    ActorMention,
    Article,
    Event,
    Extraction,
    Place,
    Quantity,
    Quote,
    TimeRef,
    event_id,
)
from dateline.settings import Settings
from dateline.store import Store
from dateline.webapi import ServeConfig, create_app

REPO = Path(__file__).resolve().parents[2]
SEED = REPO.parent / "shared" / "examples" / "seed" / "bloomberg-2021-07-26-iraq.txt"
TOKEN = "test-token-0123456789abcdef"

GROUNDED_TEXT = (
    "The United States will pull its 2,500 combat troops out of Iraq by the end of the year, "
    "Iraqi Prime Minister Mustafa al-Kadhimi said on Monday after meeting President Joe Biden "
    'in Washington. "There is no need for foreign combat forces," al-Kadhimi told reporters. '
    "Militants fired rockets at a base near Baghdad on Sunday."
)


def _span(text: str, needle: str, after: int = 0) -> tuple[int, int]:
    start = text.index(needle, after)
    return (start, start + len(needle))


def _actor(text: str, needle: str, code: str, sector: str | None, kind: str) -> ActorMention:
    return ActorMention(needle, _span(text, needle), code=code, sector=sector, kind=kind)


def grounded_story() -> Extraction:
    """A story whose records all point at real spans of its text (USA–IRQ dyad)."""
    t = GROUNDED_TEXT
    article = Article.create(
        t,
        source="Fixture Wire",
        published=date(2021, 7, 26),
        title="US to end combat mission in Iraq",
        origin="fixture",
    )
    usa = _actor(t, "The United States", "USA", "GOV", "country")
    irq = _actor(t, "Iraqi Prime Minister Mustafa al-Kadhimi", "IRQ", "GOV", "person")
    biden = _actor(t, "President Joe Biden", "USA", "GOV", "person")
    militants = _actor(t, "Militants", "IMG", "REB", "group")
    iraq = Place("Iraq", _span(t, "Iraq"), "Iraq", 99237, 33.0, 44.0, "IRQ", "country")
    dc = Place(
        "Washington", _span(t, "Washington"), "Washington", 4140963, 38.895, -77.036, "USA", "city"
    )
    baghdad = Place("Baghdad", _span(t, "Baghdad"), "Baghdad", 98182, 33.341, 44.401, "IRQ", "city")
    aid = article.id
    spec = [
        (
            "CONCEDE",
            "The United States will pull its 2,500 combat troops out of Iraq",
            (usa,),
            (irq,),
            "2021-12-31",
            "day",
            iraq,
            ("future",),
            1,
            4.5,
        ),
        (
            "CONSULT",
            "meeting President Joe Biden",
            (irq,),
            (biden,),
            "2021-07-26",
            "day",
            dc,
            (),
            1,
            2.5,
        ),
        (
            "ASSAULT",
            "Militants fired rockets at a base",
            (militants,),
            (usa,),
            "2021-07-25",
            "day",
            baghdad,
            (),
            4,
            -9.0,
        ),
    ]
    events = tuple(
        Event(
            event_id(aid, _span(t, needle), kind),
            kind,
            _span(t, needle),
            needle,
            i,
            f"fixture:{kind.lower()}",
            0.9,
            actor=actor,
            recipient=recipient,
            date=when,
            date_precision=precision,
            event_loc=loc,
            aux=aux,
            quad_code=quad,
            score=score,
        )
        for i, (
            kind,
            needle,
            actor,
            recipient,
            when,
            precision,
            loc,
            aux,
            quad,
            score,
        ) in enumerate(spec)
    )
    quote = Quote(
        irq,
        "told",
        _span(t, "told"),
        "There is no need for foreign combat forces",
        _span(t, "There is no need for foreign combat forces"),
        True,
    )
    times = (
        TimeRef(
            "by the end of the year",
            _span(t, "by the end of the year"),
            "2021-12-31",
            "day",
            role="end",
        ),
        TimeRef("Monday", _span(t, "Monday"), "2021-07-26", "day"),
        TimeRef("Sunday", _span(t, "Sunday"), "2021-07-25", "day"),
    )
    quantity = Quantity(2500, "2,500", _span(t, "2,500"), "troops", "combat troops")
    return Extraction(
        article,
        events,
        (usa, irq, biden, militants),
        times,
        (iraq, dc, baghdad),
        (quote,),
        (quantity,),
    )


def _pipeline_sources() -> list[Path]:
    sources = [REPO / "examples"]
    return [*sources, SEED] if SEED.exists() else sources


def _ingest(store: Store, settings: Settings) -> None:
    """The real pipeline: ``dateline.runs.ingest_paths`` (or, while the readers are being
    written, the text reader and ``extract_articles`` on the .txt stories)."""
    try:
        from dateline.runs import ingest_paths
    except ImportError:
        pass
    else:
        ingest_paths(_pipeline_sources(), settings, store)
        return
    from dateline.ingest import parse_text_article
    from dateline.nlp import build_nlp
    from dateline.pipeline import extract_articles

    files = [
        p
        for src in _pipeline_sources()
        for p in (sorted(src.glob("*.txt")) if src.is_dir() else [src])
    ]
    articles = [parse_text_article(p.read_text(encoding="utf-8"), origin=str(p)) for p in files]
    for result in extract_articles(build_nlp(settings), articles, settings):
        if isinstance(result, Extraction):
            store.write(result)


@pytest.fixture(scope="session")
def corpus_url(tmp_path_factory: pytest.TempPathFactory, settings: Settings) -> str:
    """A SQLite database of the examples (+ seed) and the grounded story; built once."""
    url = f"sqlite:///{tmp_path_factory.mktemp('corpus') / 'corpus.db'}"
    with Store.open(url) as store:
        _ingest(store, settings)
        store.write(grounded_story())
    return url


def copy_db(url: str, target: Path) -> str:
    """Copy a SQLite database (tests that write must not touch the shared corpus)."""
    with closing(sqlite3.connect(url.removeprefix("sqlite:///"))) as conn:
        conn.execute("VACUUM INTO ?", (str(target),))
    return f"sqlite:///{target}"


@dataclass
class LiveServer:
    url: str
    server: uvicorn.Server
    thread: threading.Thread


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def serve(app: FastAPI) -> LiveServer:
    """Run ``app`` under uvicorn on 127.0.0.1 (a free port) in a thread."""
    port = _free_port()
    config = uvicorn.Config(
        app, host="127.0.0.1", port=port, log_level="warning", ws="none", lifespan="on"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    return LiveServer(f"http://127.0.0.1:{port}", server, thread)


@contextmanager
def running(url: str, settings: Settings, **config: object) -> Iterator[LiveServer]:
    """The app over the database at ``url`` served by uvicorn until the block ends."""
    app_settings = Settings(db_url=url, cache_dir=settings.cache_dir)
    live = serve(create_app(app_settings, ServeConfig(**config)))  # type: ignore[arg-type]
    try:
        yield live
    finally:
        live.server.should_exit = True
        live.thread.join(timeout=10)


@pytest.fixture(scope="session")
def live_server(corpus_url: str, settings: Settings) -> Iterator[LiveServer]:
    """The read-only app over the shared corpus, served for the whole session."""
    with running(corpus_url, settings) as live:
        yield live


@pytest.fixture
def client(live_server: LiveServer) -> Iterator[httpx.Client]:
    """An HTTP client of the live read-only server."""
    with httpx.Client(base_url=live_server.url, timeout=30) as http:
        yield http


@pytest.fixture(scope="session")
def grounded() -> Extraction:
    """The hand-built story stored in the corpus."""
    return grounded_story()
