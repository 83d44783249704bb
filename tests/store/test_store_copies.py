"""Near-duplicate articles are stored once with all their sources (issue #16), on
SQLite and on PostgreSQL (when DATELINE_TEST_PG_URL names a scratch database)."""

from __future__ import annotations

import io
import threading
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa

from dateline.errors import InjectedFault, UnstorableError
from dateline.export import export_layout
from dateline.model import Article, Extraction
from dateline.query import Database
from dateline.store import Outcome, Replaced, Store, neardup, schema

from .factories import ARN, make_event

STORY = (
    "Flooding along the Kasai River forced thousands of families from their homes this "
    "week, regional officials said on Thursday, as aid groups warned that clean water was "
    "running short in the camps set up outside the provincial capital. The rains began "
    "late on Sunday and did not stop for three days, washing away two bridges and cutting "
    "the main road to the north. A spokeswoman for the provincial government said boats "
    "had been sent to reach villages that could no longer be reached by land, and that "
    "the army would help to move food and medicine. Farmers said the water had destroyed "
    "most of the maize that was due to be harvested next month."
)
OTHER = (
    "The central bank left its main lending rate unchanged on Wednesday, saying that "
    "inflation had eased for a fourth month in a row but that the currency remained under "
    "pressure from falling export prices. The governor told reporters that the bank would "
    "watch food prices closely over the coming weeks and was ready to act if the slowdown "
    "in inflation stalled. Economists had expected the decision, which follows two cuts "
    "earlier in the year, and several said they saw room for another cut before December."
)


def syndicated(text: str) -> str:
    """The light edits of a syndicated copy: a byline, a word changed, the last
    sentence trimmed."""
    body = text.replace("thousands of families", "thousands of households")
    return "By a staff reporter\n\n" + body.rsplit(" Farmers said", 1)[0]


def story(
    text: str, source: str, url: str | None = None, title: str = "Floods on the Kasai"
) -> Extraction:
    """One story with one event, from ``source``."""
    article = Article.create(text, source=source, url=url, published=date(2024, 5, 2),
                             title=title, origin=source)  # fmt: skip
    flood = make_event(article.id, (0, 8), "ASSAULT", actor=(ARN,), date="2024-05-02",
                       date_precision="day")  # fmt: skip
    return Extraction(article, (flood,))


def _fresh_postgres(url: str) -> str:
    """The scratch database emptied: the store's tables and the query layer's side
    tables and views (left by other tests, they would describe articles of theirs)."""
    engine = sa.create_engine(url)
    try:
        with engine.begin() as conn:
            conn.exec_driver_sql("DROP SCHEMA public CASCADE")
            conn.exec_driver_sql("CREATE SCHEMA public")
    finally:
        engine.dispose()
    return url


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request: pytest.FixtureRequest, tmp_path: Path, db_url: str) -> str:
    if request.param == "sqlite":
        return db_url
    found = request.getfixturevalue("pg_url")
    return _fresh_postgres(found)


@pytest.fixture
def store(url: str) -> Iterator[Store]:
    with Store.open(url) as opened:
        yield opened


def test_the_same_body_under_another_source_is_one_article_with_both_sources(
    store: Store,
) -> None:
    first = story(STORY, "Wire A", "https://a.example/floods")
    again = story(STORY, "Paper B", "https://b.example/2024/05/floods", title="Kasai floods")
    assert store.write(first) == "inserted"
    assert store.write(again) == "near_duplicate"
    assert store.counts() == {"articles": 1, "events": 1, "rejects": 0}
    sources = store.sources(first.article.id)
    assert [(s["id"], s["source"], s["url"], s["title"]) for s in sources] == [
        (first.article.id, "Wire A", "https://a.example/floods", "Floods on the Kasai"),
        (again.article.id, "Paper B", "https://b.example/2024/05/floods", "Kasai floods"),
    ]
    assert [s["similarity"] for s in sources] == [1.0, 1.0]
    assert store.write(again) == "unchanged"  # a copy met again is known
    assert store.stored_ids([again.article.id]) == {again.article.id}
    assert store.check().ok


def test_a_lightly_edited_copy_is_a_near_duplicate_and_another_story_is_not(
    store: Store,
) -> None:
    first = story(STORY, "Wire A")
    edited = story(syndicated(STORY), "Paper B")
    other = story(OTHER, "Wire A")
    assert store.write(first) == "inserted"
    assert store.write_many([edited, other]) == ["near_duplicate", "inserted"]
    copy = store.sources(first.article.id)[1]
    assert copy["id"] == edited.article.id and 0.5 <= copy["similarity"] < 1.0
    assert [s["id"] for s in store.sources(other.article.id)] == [other.article.id]


def test_in_one_batch_the_first_copy_in_id_order_is_the_article(store: Store) -> None:
    copies = [story(STORY, "Wire A"), story(syndicated(STORY), "Paper B")]
    kept = min(copies, key=lambda e: e.article.id)
    outcomes = store.write_batch(list(reversed(copies)))
    assert sorted(outcomes) == ["inserted", "near_duplicate"]
    assert store.article_ids() == [kept.article.id]
    assert len(store.sources(kept.article.id)) == 2


def test_short_texts_are_never_merged(store: Store) -> None:
    short = "Rebels attacked a convoy near the border on Monday, officials said."
    assert neardup.signature(short) is None
    outcomes = store.write_many([story(short, "Wire A"), story(short + " Two died.", "Wire B")])
    assert outcomes == ["inserted", "inserted"]


def test_a_recode_keeps_the_copies(store: Store) -> None:
    first, again = story(STORY, "Wire A"), story(STORY, "Paper B")
    store.write(first)
    store.write(again)
    store.replace(first)
    assert [s["id"] for s in store.sources(first.article.id)] == [
        first.article.id, again.article.id,
    ]  # fmt: skip
    assert store.write(story(syndicated(STORY), "Paper C")) == "near_duplicate"


def test_concurrent_writers_store_a_story_once(url: str) -> None:
    """Writers racing with copies of one story (each its own source) keep one article."""
    Store.open(url).close()
    outcomes: list[str] = []

    def work(i: int) -> None:
        with Store.open(url) as mine:
            text = STORY if i % 2 else syndicated(STORY)
            outcomes.extend(mine.write_batch([story(text, f"Wire {i}")]))

    threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["inserted"] + ["near_duplicate"] * 3
    with Store.open(url) as store:
        (article,) = store.article_ids()
        assert len(store.sources(article)) == 4 and store.counts()["events"] == 1


def test_cluster_counts_reflect_every_source(store: Store) -> None:
    store.write_many([story(STORY, "Wire A"), story(STORY, "Paper B"),
                      story(syndicated(STORY), "Paper B")])  # fmt: skip
    db = Database(store)
    (counts,) = db.cluster_counts().values()
    assert counts == {"events": 1, "articles": 3, "sources": 2}
    (row,) = db.clusters().to_dict("records")
    assert (row["events"], row["stories"], row["sources"]) == (1, 3, 2)


def test_gdelt_counts_every_copy_as_an_article_and_its_source(store: Store) -> None:
    store.write_many([story(STORY, "Wire A", "https://a.example/1")])
    store.write_many([story(STORY, "Paper B", "https://b.example/1"),
                      story(syndicated(STORY), "Paper C", "https://c.example/1")])  # fmt: skip
    out = io.StringIO()
    assert export_layout(Database(store), "gdelt", out) == 1
    (row,) = [line.split("\t") for line in out.getvalue().splitlines()]
    numbers = dict(zip(("NumMentions", "NumSources", "NumArticles"), row[31:34], strict=True))
    assert numbers == {"NumMentions": "1", "NumSources": "3", "NumArticles": "3"}


# -- within a run, the smallest id is the article whatever the order of the writes -------

_BOOKKEEPING = {"ingested_at", "run_id"}


def _with_events(extraction: Extraction, count: int, warned: bool) -> Extraction:
    """The story with ``count`` events (and a warning when ``warned``)."""
    aid = extraction.article.id
    events = tuple(make_event(aid, (i * 10, i * 10 + 8), "ASSAULT", actor=(ARN,))
                   for i in range(count))  # fmt: skip
    return Extraction(extraction.article, events, warnings=("no story date",) if warned else ())


def _pair() -> tuple[Extraction, Extraction]:
    """Two near-duplicates, the one with the smaller id first (it has two events and a
    warning, the other one event)."""
    one, other = story(STORY, "Wire A"), story(syndicated(STORY), "Paper B")
    first, second = sorted((one, other), key=lambda e: e.article.id)
    return _with_events(first, 2, warned=True), second


def _dump(url: str) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every store table but the runs, bookkeeping columns left out, sorted."""
    engine = sa.create_engine(url)
    skipped = {"runs", "schema_version"}
    try:
        with engine.connect() as conn:
            return {
                table.name: sorted(
                    (tuple(row) for row in conn.execute(sa.select(*[
                        c for c in table.columns if c.name not in _BOOKKEEPING]))),
                    key=repr,
                )
                for table in schema.metadata.sorted_tables
                if table.name not in skipped
            }  # fmt: skip
    finally:
        engine.dispose()


def _empty(url: str, name: str) -> str:
    """A new empty database: a SQLite file ``name`` beside ``url``'s, or the PostgreSQL
    scratch database emptied."""
    parsed = sa.engine.make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return _fresh_postgres(url)
    return f"sqlite:///{Path(str(parsed.database)).with_name(name + '.db')}"


def _in_one_run(url: str, batches: list[list[Extraction]]) -> list[list[Outcome]]:
    with Store.open(url) as store:
        run = store.start_run("ingest test")
        return [store.write_batch(batch, run) for batch in batches]


def test_in_one_run_the_smallest_id_is_the_article_whatever_the_order(url: str) -> None:
    first, second = _pair()
    dumps, outcomes = [], []
    for name, order in (("forward", [first, second]), ("backward", [second, first])):
        where = _empty(url, name)
        outcomes.append(_in_one_run(where, [[order[0]], [order[1]]]))
        dumps.append(_dump(where))
        with Store.open(where) as store:
            assert store.article_ids() == [first.article.id]
            assert [s["id"] for s in store.sources(first.article.id)] == [
                first.article.id, second.article.id,
            ]  # fmt: skip
            assert store.counts()["events"] == 2 and store.check().ok
    assert dumps[0] == dumps[1]
    assert outcomes[0] == [["inserted"], ["near_duplicate"]]
    assert outcomes[1] == [["inserted"], [Replaced(events=1, warned=False)]]


def test_an_article_of_an_earlier_run_stays_the_article(store: Store) -> None:
    first, second = _pair()
    store.write_batch([second], store.start_run("ingest one"))
    assert store.write_batch([first], store.start_run("ingest two")) == ["near_duplicate"]
    assert store.article_ids() == [second.article.id]
    assert store.write(story(STORY, "Wire C")) in ("near_duplicate", "unchanged")
    assert store.article_ids() == [second.article.id]  # (no run id: never a swap)


def test_a_swap_makes_the_copies_of_the_replaced_article_its_own(store: Store) -> None:
    copies = sorted((story(STORY, "Wire A"), story(syndicated(STORY), "Paper B"),
                     story(STORY, "Paper C")), key=lambda e: e.article.id)  # fmt: skip
    smallest, middle, largest = copies
    run = store.start_run("ingest test")
    assert store.write_batch([largest], run) == ["inserted"]
    assert store.write_batch([middle], run) == [Replaced(events=1, warned=False)]
    assert store.write_batch([smallest], run) == [Replaced(events=1, warned=False)]
    assert store.article_ids() == [smallest.article.id]
    sources = {s["id"]: s for s in store.sources(smallest.article.id)}
    assert set(sources) == {e.article.id for e in copies}
    assert sources[smallest.article.id]["similarity"] == 1.0
    with store.engine.connect() as conn:
        owners = {
            table.name: set(conn.execute(sa.select(table.c.article_id)).scalars())
            for table in (schema.events, schema.event_actors, schema.article_signatures,
                          schema.article_buckets)
        }  # fmt: skip
    assert owners == {name: {smallest.article.id} for name in owners}
    assert store.check().ok


def test_an_article_refused_during_a_swap_rolls_back_alone(store: Store) -> None:
    first, second = _pair()
    refused = Extraction(replace(first.article, title="T\udc80"), first.events)
    run = store.start_run("ingest test")
    store.write_batch([second], run)
    before = store.sources(second.article.id)
    other = story(OTHER, "Wire A")
    outcomes = store.write_batch([refused, other], run)
    assert isinstance(outcomes[0], UnstorableError) and outcomes[1] == "inserted"
    assert store.article_ids() == sorted([second.article.id, other.article.id])
    assert store.sources(second.article.id) == before
    assert store.counts()["events"] == 2 and store.check().ok


def test_a_fault_during_a_swap_leaves_the_stored_article(store: Store) -> None:
    first, second = _pair()
    run = store.start_run("ingest test")
    store.write_batch([second], run)
    before = _dump_store(store)
    with pytest.raises(InjectedFault):
        store.with_fault_after(3).write_batch([first], run)
    assert _dump_store(store) == before


def _dump_store(store: Store) -> dict[str, list[tuple[object, ...]]]:
    return _dump(store.engine.url.render_as_string(hide_password=False))
