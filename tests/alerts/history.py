"""A constructed event history: one-event stories on chosen days, written to a store."""

from __future__ import annotations

from datetime import date

from dateline.model import ActorMention, Article, Event, Extraction, Place, event_id
from dateline.store import Store

#: (type, quad, cameo root) of the kinds used here.
KINDS = {"ASSAULT": (4, "18", -9.0), "PROTEST": (4, "14", -5.0), "CONSULT": (1, "04", 2.5)}
PLACES = {
    "IRQ": ("Baghdad", 98182, 33.34, 44.4),
    "UKR": ("Kyiv", 703448, 50.45, 30.52),
    "FRA": ("Paris", 2988507, 48.85, 2.35),
    "DEU": ("Berlin", 2950159, 52.52, 13.41),
}


def story(
    day: str,
    kind: str,
    actor: str,
    recipient: str | None,
    country: str,
    serial: int,
    dead: float | None = None,
) -> Extraction:
    """One story of one event on ``day`` (``serial`` keeps texts, hence ids, distinct)."""
    text = f"Report {serial}: {actor} acted against {recipient or 'crowds'} in {country}."
    article = Article.create(text, source="Fixture", published=date.fromisoformat(day),
                             origin=f"history-{serial}")  # fmt: skip
    span = (0, len(text))
    quad, root, score = KINDS[kind]
    name, geonameid, lat, lon = PLACES[country]
    sides = {
        "actor": (ActorMention(actor, (0, 1), code=actor, kind="country"),),
        "recipient": (ActorMention(recipient, (1, 2), code=recipient, kind="country"),)
        if recipient
        else (),
    }
    event = Event(
        event_id(article.id, span, kind), kind, span, text, 0, "fixture", 0.9,
        date=day, date_precision="day", quad_code=quad, score=score, cameo_root=root,
        event_loc=Place(name, (2, 3), name, geonameid, lat, lon, country, "city"),
        size={"dead": dead} if dead is not None else None, **sides,
    )  # fmt: skip
    return Extraction(article, (event,))


def history() -> list[Extraction]:
    """The history the alert tests expect firings from (see test_alerts.py)."""
    stories = []
    serial = 0

    def add(day: str, *args: object, **kw: object) -> None:
        nonlocal serial
        serial += 1
        stories.append(story(day, *args, serial=serial, **kw))  # type: ignore[arg-type]

    for d in range(1, 10):  # one USA->IRQ assault a day, 1-9 February
        add(f"2024-02-{d:02d}", "ASSAULT", "USA", "IRQ", "IRQ")
    for _ in range(3):  # three on 10 February, one the other way round
        add("2024-02-10", "ASSAULT", "USA", "IRQ", "IRQ")
    stories[-1] = story("2024-02-10", "ASSAULT", "IRQ", "USA", "IRQ", serial=99)
    add("2024-01-01", "PROTEST", "FRA", None, "FRA")
    add("2024-02-10", "PROTEST", "FRA", None, "FRA")
    add("2024-02-12", "PROTEST", "FRA", None, "FRA")
    add("2024-02-10", "PROTEST", "DEU", None, "DEU")
    add("2024-02-03", "ASSAULT", "RUS", "UKR", "UKR", dead=5)
    add("2024-02-05", "ASSAULT", "RUS", "UKR", "UKR", dead=20)
    add("2024-02-06", "CONSULT", "FRA", "DEU", "FRA")
    return stories


def write(store: Store, extractions: list[Extraction]) -> None:
    for extraction in extractions:
        store.write(extraction)
