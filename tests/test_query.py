"""The query layer (dateline.query) on hand-built records with fictional actors."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from dateline.model import ActorMention, Article, Event, Extraction, Place, event_id
from dateline.query import Database, EventQuery, QueryError, open_db
from dateline.store import Store

ARN = ActorMention("Arnor", (0, 5), code="ARN", sector="GOV", kind="country")
GON = ActorMention("Gondor", (6, 12), code="GON", sector="MIL", kind="country")
MOR = ActorMention("the Orcs", (13, 21), code="MOR", sector="REB", kind="group")
MINAS = Place("Minas Tirith", (22, 34), "Minas Tirith", 1, 44.5, -3.25, "GON", "city")
EDORAS = Place("Edoras", (22, 28), "Edoras", 2, 50.0, 10.0, "ROH", "city")
SCORES = {"ASSAULT": (4, -9.0), "CONSULT": (1, 2.5), "AID": (2, 10.0), "REJECT": (3, -2.0)}


def _event(aid: str, start: int, kind: str, actor: ActorMention, recipient: ActorMention,
           when: str, **more: object) -> Event:  # fmt: skip
    quad, score = SCORES[kind]
    precision = {4: "year", 7: "month", 10: "day"}[len(when)]
    fields = dict(event_text=f"e{start}", sentence=0, rule=f"verb:{kind.lower()}", confidence=0.8,
                  actor=(actor,), recipient=(recipient,), date=when, date_precision=precision,
                  quad_code=quad, score=score)  # fmt: skip
    return Event(
        event_id(aid, (start, start + 5), kind), kind, (start, start + 5), **{**fields, **more}
    )  # type: ignore[arg-type]


def _story(text: str, source: str, day: date, events: list[tuple]) -> Extraction:  # type: ignore[type-arg]
    article = Article.create(text, source=source, published=day, title=text[:20])
    built = tuple(_event(article.id, i * 10, *spec[:4], **(spec[4] if len(spec) > 4 else {}))
                  for i, spec in enumerate(events))  # fmt: skip
    return Extraction(article=article, events=built, actors=(ARN, GON, MOR))


STORIES = [
    _story("Arnor and Gondor met; the Orcs attacked Minas Tirith.", "Wire A", date(2021, 7, 26), [
        ("ASSAULT", MOR, GON, "2021-07-20",
         {"event_loc": MINAS, "aux": ("historical",), "mode": "firearms"}),
        ("CONSULT", ARN, GON, "2021-07-26"),
        ("AID", ARN, GON, "2021", {"aux": ("future",)}),
    ]),
    _story("Orcs raided Minas Tirith again, Gondor said; Gondor rebuffed Arnor.", "Wire B",
           date(2021, 7, 27), [
        ("ASSAULT", MOR, GON, "2021-07-21", {"event_loc": MINAS}),
        ("REJECT", GON, ARN, "2021-08-02", {"event_loc": EDORAS, "aux": ("negated",)}),
    ]),
    _story("An oliphaunt charge: the Orcs attacked Minas Tirith in late August.", "Wire A",
           date(2021, 9, 1), [("ASSAULT", MOR, GON, "2021-08-30", {"event_loc": MINAS})]),
]  # fmt: skip


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    url = f"sqlite:///{tmp_path / 'q.db'}"
    with Store.open(url) as store:
        store.write_many(STORIES)
    with open_db(url) as database:
        yield database


def _types(frame: object) -> list[str]:
    return sorted(frame["type"])  # type: ignore[index]


def test_events_frame_has_every_event_with_location(db: Database) -> None:
    frame = db.events()
    assert len(frame) == 6 == db.count()
    located = frame[frame["place"] == "Minas Tirith"]
    assert len(located) == 3 and set(located["lat"]) == {44.5}


def test_dyad_matches_either_direction(db: Database) -> None:
    assert _types(db.events(dyad=("GON", "ARN"))) == ["AID", "CONSULT", "REJECT"]
    assert _types(db.events(dyad="ARN-GON")) == ["AID", "CONSULT", "REJECT"]
    assert _types(db.events(actor="GON")) == ["REJECT"]
    assert _types(db.events(party="ARN")) == ["AID", "CONSULT", "REJECT"]


def test_sector_type_quad_mode_and_aux_filters(db: Database) -> None:
    assert _types(db.events(recipient="GON", recipient_sector="MIL", quad=4)) == ["ASSAULT"] * 3
    assert db.count(actor_sector="REB") == 3 and db.count(actor_sector="GOV", actor="GON") == 0
    assert db.count(type="consult") == 1 and db.count(mode="firearms") == 1
    assert _types(db.events(aux=("future",))) == ["AID"]
    assert db.count(aux=("future", "negated")) == 0


def test_date_ranges_by_event_and_story_date(db: Database) -> None:
    july = db.events(date_from="2021-07-01", date_to="2021-07-31")
    assert _types(july) == ["AID", "ASSAULT", "ASSAULT", "CONSULT"]  # AID: "2021" overlaps July
    assert db.count(date_from="2021-08", date_basis="story") == 1
    assert db.count(date_to="2021-07-26", date_basis="story") == 3


def test_country_and_radius(db: Database) -> None:
    assert db.count(country="roh") == 1
    assert db.count(near=(44.6, -3.3, 50)) == 3  # Minas Tirith is ~13 km away
    assert db.count(near=(44.5, -1.0, 50)) == 0  # ~180 km away
    assert db.count(near=(47.0, 3.0, 1000)) == 4


def test_full_text_search_and_operators_are_inert(db: Database) -> None:
    assert _types(db.events(text="oliphaunt")) == ["ASSAULT"]
    assert db.count(text="Orcs attacked") == 4  # stories 1 (3 events) and 3 (1)
    for hostile in ('" OR 1=1 --', "NEAR(a b)", "*", "oliphaunt'); DROP TABLE events;--"):
        db.count(text=hostile)  # no FTS5 syntax error, no SQL
    assert db.stats()["events"] == 6
    assert db.articles(text="oliphaunt")["events"].tolist() == [1]


def test_injection_strings_are_rejected_or_match_nothing(db: Database) -> None:
    for value in ("GON' OR 1=1--", 'GON" OR "1"="1', "'; DELETE FROM events; --"):
        for name in ("actor", "country", "dyad"):
            with pytest.raises(QueryError, match=name):
                db.count(**{name: value})
        assert db.count(source=value) == 0 and db.count(text=value) == 0
    assert db.stats() == {"articles": 3, "events": 6, "rejects": 0}


def test_monthly_series_for_a_dyad(db: Database) -> None:
    frame = db.series(dyad=("MOR", "GON"), interval="month")
    assert frame.to_dict("records") == [
        {"period": "2021-07-01", "type": "ASSAULT", "events": 2, "score": -18.0},
        {"period": "2021-08-01", "type": "ASSAULT", "events": 1, "score": -9.0},
    ]
    weekly = db.series(dyad=("MOR", "GON"), interval="week", by="quad")
    assert weekly["period"].tolist() == ["2021-07-19", "2021-08-30"]  # Mondays
    assert weekly["events"].tolist() == [2, 1]


def test_net_series_respects_date_precision(db: Database) -> None:
    monthly = db.net_series(dyad=("ARN", "GON"), interval="month")
    assert monthly.to_dict("records") == [
        {"period": "2021-07-01", "events": 1, "cooperation": 2.5, "conflict": 0.0, "net": 2.5},
        {"period": "2021-08-01", "events": 1, "cooperation": 0.0, "conflict": -2.0, "net": -2.0},
    ]  # the AID dated only "2021" is not placed in a month
    yearly = db.net_series(dyad=("ARN", "GON"), interval="year")
    assert yearly["net"].tolist() == [10.5]
    by_story = db.net_series(dyad=("ARN", "GON"), interval="month", date_basis="story")
    assert by_story["events"].tolist() == [3]


def test_top_actors_and_dyads(db: Database) -> None:
    actors = db.top_actors()
    assert actors.iloc[0].to_dict() == {"code": "GON", "events": 6, "net": -16.5}
    assert db.top_actors(role="actor", n=1)["code"].tolist() == ["MOR"]
    dyads = db.top_dyads()
    assert dyads.iloc[0][["actor", "recipient", "events", "net"]].tolist() == [
        "MOR",
        "GON",
        3,
        -27.0,
    ]
    assert len(dyads) == 3


def test_clusters_group_stories_of_one_event(db: Database) -> None:
    frame = db.clusters(type="ASSAULT", window_days=3)
    assert frame[["stories", "sources", "events"]].values.tolist() == [[2, 2, 2], [1, 1, 1]]
    first = frame.iloc[0]
    assert first["cluster"].startswith("cl:") and len(first["cluster"]) == 19
    events = db.events(cluster=first["cluster"])
    assert sorted(events["event_id"]) == sorted(first["event_ids"])
    assert set(events["cluster_id"]) == {first["cluster"]}
    assert (
        frame.iloc[0]["first_date"] == "2021-07-20" and frame.iloc[0]["last_date"] == "2021-07-21"
    )
    assert len(db.clusters(type="ASSAULT", window_days=60)) == 1
    assert len(db.clusters(min_stories=2)) == 1


def test_locations(db: Database) -> None:
    frame = db.locations()
    assert frame[["place", "events"]].values.tolist() == [["Minas Tirith", 3], ["Edoras", 1]]


def test_article_and_refresh_after_a_new_write(db: Database) -> None:
    got = db.article(STORIES[0].article.id)
    assert got is not None and got.events == STORIES[0].events
    assert db.article("sha256:nope") is None
    late = _story("The Orcs attacked Minas Tirith at dawn.", "Wire C", date(2021, 7, 22),
                  [("ASSAULT", MOR, GON, "2021-07-22", {"event_loc": MINAS})])  # fmt: skip
    db.store.write(late)
    assert db.refresh() == 1 and db.refresh() == 0
    assert db.clusters(type="ASSAULT").iloc[0]["stories"] == 3
    assert db.count(near=(44.5, -3.25, 1)) == 4


def test_paging_and_sorting(db: Database) -> None:
    newest = db.events(sort="-story_date", limit=2)
    assert newest["story_date"].tolist() == ["2021-09-01", "2021-07-27"]
    assert len(db.events(limit=4, offset=4)) == 2


@pytest.mark.parametrize(
    "filters",
    [{"dyad": ("ARN",)}, {"aux": ("someday",)}, {"quad": 7}, {"quad": "x"},
     {"date_from": "July"}, {"near": (91, 0, 10)}, {"near": "1,2"}, {"date_basis": "wire"},
     {"colour": "red"}, {"type": "FOO"}, {"mode": "sideways"},
     {"mode": "firearms", "type": "CONSULT"}, {"date_from": "2024", "date_to": "2023"},
     {"actor": "U S A"}],
)  # fmt: skip
def test_bad_filters_raise_query_error_naming_the_filter(
    db: Database, filters: dict[str, object]
) -> None:
    name = next(iter(filters))
    with pytest.raises(QueryError, match=name if name != "colour" else "unknown filter"):
        db.count(**filters)


def test_codes_types_and_modes_are_case_insensitive(db: Database) -> None:
    assert db.count(actor="mor", type="assault", mode="FIREARMS") == 1
    assert db.count(dyad="gon-arn", aux="FUTURE") == 1
    assert EventQuery(quad="4", near="44.5,-3.25,10").quad == 4


def test_bad_aggregation_parameters(db: Database) -> None:
    with pytest.raises(QueryError):
        db.series(interval="fortnight")
    with pytest.raises(QueryError):
        db.top_actors(role="victim")
    with pytest.raises(QueryError):
        db.events(sort="random")


def test_event_query_object_and_keywords_combine(db: Database) -> None:
    query = EventQuery(dyad=("MOR", "GON"))
    assert db.count(query) == 3 and db.count(query, date_from="2021-08") == 1


def _pairs_from_rows(db: Database) -> dict[tuple[str, str], int]:
    counts: dict[tuple[str, str], int] = {}
    for row in db.rows():
        actors = {c for c in (row["actor"] or "").split(";") if c}
        recipients = {c for c in (row["recipient"] or "").split(";") if c}
        for pair in {(a, r) for a in actors for r in recipients}:
            counts[pair] = counts.get(pair, 0) + 1
    return counts


def _top(db: Database) -> dict[tuple[str, str], int]:
    frame = db.top_dyads(n=100)
    return {(a, r): int(n) for a, r, n in frame[["actor", "recipient", "events"]].values}


def test_unfiltered_top_dyads_summary_stays_in_step(db: Database) -> None:
    assert _top(db) == _pairs_from_rows(db)
    late = _story("The Orcs attacked Minas Tirith at dawn.", "Wire C", date(2021, 7, 22),
                  [("ASSAULT", MOR, GON, "2021-07-22", {"event_loc": MINAS})])  # fmt: skip
    db.store.write(late)
    db.refresh()
    assert _top(db)[("MOR", "GON")] == 4 and _top(db) == _pairs_from_rows(db)
    with db.store.engine.begin() as conn:
        conn.exec_driver_sql("DELETE FROM articles WHERE id = ?", (STORIES[0].article.id,))
    db.refresh()
    assert _top(db) == _pairs_from_rows(db) and _top(db)[("MOR", "GON")] == 3
