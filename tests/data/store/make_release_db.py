"""Write ``release-036ff2f.sql``: a small database made by the first release of the
store (commit 036ff2f, schema version 1), as SQL text, for the upgrade test
(tests/reliability/test_migration_upgrade.py).

Run it with that release's code on the path, never the current one, so the file
holds what the old code really wrote (its records lack fields added since, such as
``Event.size``)::

    git archive 036ff2f src | tar -x -C /tmp/release
    PYTHONPATH=/tmp/release/src python tests/data/store/make_release_db.py

Only model fields that existed in that release are used.
"""

from __future__ import annotations

import sqlite3
import tempfile
from datetime import date
from pathlib import Path

from dateline.model import (
    ActorMention,
    Article,
    Event,
    Extraction,
    Place,
    Quantity,
    Quote,
    Reject,
    TimeRef,
    event_id,
)
from dateline.store import Store

OUT = Path(__file__).with_name("release-036ff2f.sql")
TEXT = (
    "Gondor sent 300 troops to Arnor on Monday, officials in Minas Tirith said. "
    '"We will defend Arnor," the king of Gondor told reporters. The Orcs attacked Arnor.'
)


def _span(needle: str, after: int = 0) -> tuple[int, int]:
    start = TEXT.index(needle, after)
    return (start, start + len(needle))


def story() -> Extraction:
    """One story with every kind of record, all spans real."""
    article = Article.create(TEXT, source="Fictional Wire", published=date(2021, 7, 26),
                             title="Gondor sends troops", origin="release/story.txt")  # fmt: skip
    gon = ActorMention("Gondor", _span("Gondor"), code="GON", sector="GOV", kind="country")
    arn = ActorMention("Arnor", _span("Arnor"), code="ARN", sector="GOV", kind="country")
    orcs = ActorMention("The Orcs", _span("The Orcs"), code="MOR", sector="REB", kind="group")
    minas = Place("Minas Tirith", _span("Minas Tirith"), "Minas Tirith", 1, 44.5, -3.25,
                  "GON", "city")  # fmt: skip
    monday = TimeRef("Monday", _span("Monday"), "2021-07-26", "day")
    aid = article.id
    sent, attacked = _span("sent 300 troops"), _span("attacked")
    events = (
        Event(event_id(aid, sent, "AID"), "AID", sent, "sent 300 troops", 0, "verb:send",
              0.8, actor=(gon,), recipient=(arn,), date="2021-07-26", date_precision="day",
              event_loc=minas, quad_code=2, score=7.0, cameo_root="07"),
        Event(event_id(aid, attacked, "ASSAULT"), "ASSAULT", attacked, "attacked", 2,
              "verb:attack", 0.9, actor=(orcs,), recipient=(arn,), quad_code=4, score=-9.0,
              context=("military",)),
    )  # fmt: skip
    quote = Quote(gon, "told", _span("told"), "We will defend Arnor", _span("We will defend"),
                  True)  # fmt: skip
    quantity = Quantity(300.0, "300", _span("300"), "troops", "troops")
    return Extraction(article, events, (gon, arn, orcs), (monday,), (minas,), (quote,),
                      (quantity,))  # fmt: skip


def build(path: Path) -> None:
    """The database: the story, a bare article, a reject and one finished run."""
    with Store.open(f"sqlite:///{path}") as store:
        run = store.start_run("ingest release/")
        store.write(story(), run)
        store.write(
            Extraction(Article.create("Nothing happened today.", origin="release/quiet.txt")), run
        )
        store.write_reject(Reject("release/image.png", "binary", "not text"), run)
        store.finish_run(run, {"inserted": 2, "unchanged": 0, "rejected": 1, "events": 2})


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "release.db"
        build(path)
        conn = sqlite3.connect(path)
        try:
            lines = list(conn.iterdump())
        finally:
            conn.close()
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({len(lines)} statements)")


if __name__ == "__main__":
    main()
