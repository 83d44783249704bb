"""The database schema, in SQLAlchemy Core; the same tables on SQLite and PostgreSQL.

Every article-derived table has ``article_id`` with ``ON DELETE CASCADE``, an
``ordinal`` (the record's position in its ``Extraction`` tuple), span columns,
a few key columns for queries, and ``record``: the record's contract dict as
JSON text, from which the record is rebuilt exactly. ``ingested_at`` and
``run_id`` are bookkeeping and never exported (exports stay byte-identical).
Strings have no length limit (PostgreSQL would enforce one; SQLite never does).
"""

from __future__ import annotations

import sqlalchemy as sa

SCHEMA_VERSION = 3

metadata = sa.MetaData()


def _article_fk() -> sa.Column[str]:
    return sa.Column(
        "article_id",
        sa.String(),
        sa.ForeignKey("articles.id", ondelete="CASCADE"),
        nullable=False,
    )


def _span_columns() -> list[sa.Column[int]]:
    return [
        sa.Column("span_start", sa.Integer, nullable=False),
        sa.Column("span_end", sa.Integer, nullable=False),
    ]


articles = sa.Table(
    "articles",
    metadata,
    sa.Column("id", sa.String(), primary_key=True),
    sa.Column("source", sa.Text),
    sa.Column("published", sa.Date),
    sa.Column("title", sa.Text),
    sa.Column("url", sa.Text),
    sa.Column("origin", sa.Text),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("warnings", sa.Text, nullable=False),  # JSON list of strings
    sa.Column("ingested_at", sa.String(), nullable=False),
    sa.Column("run_id", sa.String()),
    sa.Column("date_source", sa.String()),  # where `published` came from (version 2)
)
sa.Index("ix_articles_published", articles.c.published)

events = sa.Table(
    "events",
    metadata,
    sa.Column("id", sa.String(), primary_key=True),
    _article_fk(),
    sa.Column("ordinal", sa.Integer, nullable=False),
    sa.Column("event", sa.String(), nullable=False),
    sa.Column("mode", sa.String()),
    sa.Column("quad_code", sa.Integer),
    sa.Column("score", sa.Float),
    sa.Column("date", sa.String()),
    sa.Column("date_precision", sa.String(), nullable=False),
    sa.Column("enddate", sa.String()),
    sa.Column("date_lo", sa.Date),  # first day of the interval `date`..`enddate` covers
    sa.Column("date_hi", sa.Date),  # last day of that interval
    sa.Column("cameo_root", sa.String()),
    sa.Column("sentence", sa.Integer, nullable=False),
    *_span_columns(),
    sa.Column("confidence", sa.Float, nullable=False),
    sa.Column("rule", sa.Text, nullable=False),
    sa.Column("actor_code", sa.String()),
    sa.Column("actor_sector", sa.String()),
    sa.Column("recipient_code", sa.String()),
    sa.Column("recipient_sector", sa.String()),
    sa.Column("record", sa.Text, nullable=False),
    sa.UniqueConstraint("article_id", "ordinal", name="uq_events_article_ordinal"),
)
sa.Index("ix_events_date", events.c.date)
sa.Index("ix_events_date_lo", events.c.date_lo)
sa.Index("ix_events_dyad", events.c.actor_code, events.c.recipient_code)
sa.Index("ix_events_event", events.c.event)
sa.Index("ix_events_article", events.c.article_id)

event_actors = sa.Table(
    "event_actors",
    metadata,
    sa.Column(
        "event_id", sa.String(), sa.ForeignKey("events.id", ondelete="CASCADE"), primary_key=True
    ),
    sa.Column("role", sa.String(), primary_key=True),  # actor or recipient
    sa.Column("ordinal", sa.Integer, primary_key=True),
    _article_fk(),
    sa.Column("code", sa.String()),
    sa.Column("sector", sa.String()),
)
sa.Index("ix_event_actors_code", event_actors.c.code, event_actors.c.role)
sa.Index("ix_event_actors_article", event_actors.c.article_id)


def _child_table(name: str, *columns: sa.Column[object]) -> sa.Table:
    table = sa.Table(
        name,
        metadata,
        _article_fk(),
        sa.Column("ordinal", sa.Integer, nullable=False),
        *_span_columns(),
        *columns,
        sa.Column("record", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("article_id", "ordinal", name=f"pk_{name}"),
    )
    return table


actors = _child_table(
    "actors",
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("code", sa.String()),
    sa.Column("sector", sa.String()),
    sa.Column("kind", sa.String(), nullable=False),
)
sa.Index("ix_actors_code", actors.c.code)

times = _child_table(
    "times",
    sa.Column("value", sa.String()),
    sa.Column("precision", sa.String(), nullable=False),
    sa.Column("type", sa.String(), nullable=False),
)

places = _child_table(
    "places",
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("geonameid", sa.BigInteger),
    sa.Column("country", sa.String()),
    sa.Column("use", sa.String(), nullable=False),
)
sa.Index("ix_places_geonameid", places.c.geonameid)

quotes = _child_table(
    "quotes",
    sa.Column("speaker_code", sa.String()),
    sa.Column("cue", sa.Text),
    sa.Column("direct", sa.Boolean, nullable=False),
)

quantities = _child_table(
    "quantities",
    sa.Column("value", sa.Float, nullable=False),
    sa.Column("unit", sa.Text),
)

rejects = sa.Table(
    "rejects",
    metadata,
    sa.Column("id", sa.String(), primary_key=True),
    sa.Column("origin", sa.Text, nullable=False),
    sa.Column("reason", sa.String(), nullable=False),
    sa.Column("detail", sa.Text, nullable=False),
    sa.Column("run_id", sa.String()),
)

runs = sa.Table(
    "runs",
    metadata,
    sa.Column("id", sa.String(), primary_key=True),
    sa.Column("started", sa.String(), nullable=False),
    sa.Column("finished", sa.String()),
    sa.Column("command", sa.Text, nullable=False),
    sa.Column("counts", sa.Text),  # JSON object
    sa.Column("provenance", sa.Text),  # JSON object: versions and knowledge hashes (v2)
)

schema_version = sa.Table(
    "schema_version",
    metadata,
    sa.Column("version", sa.Integer, primary_key=True),
    sa.Column("description", sa.Text, nullable=False),
    sa.Column("applied_at", sa.String(), nullable=False),
)

# -- copies (version 3): an article's sources, and what finds its near-duplicates ----

article_sources = sa.Table(
    "article_sources",
    metadata,
    sa.Column("id", sa.String(), primary_key=True),  # the copy's own article id
    sa.Column(
        "article_id",
        sa.String(),
        sa.ForeignKey("articles.id", ondelete="CASCADE"),
        nullable=False,
    ),  # the stored article it is a copy of (its own id for the first copy)
    sa.Column("source", sa.Text),
    sa.Column("url", sa.Text),
    sa.Column("title", sa.Text),
    sa.Column("origin", sa.Text),
    sa.Column("published", sa.Date),
    sa.Column("similarity", sa.Float, nullable=False),  # estimated Jaccard; 1.0: itself
    sa.Column("ingested_at", sa.String(), nullable=False),
    sa.Column("run_id", sa.String()),
)
sa.Index("ix_article_sources_article", article_sources.c.article_id)

article_signatures = sa.Table(
    "article_signatures",
    metadata,
    sa.Column(
        "article_id",
        sa.String(),
        sa.ForeignKey("articles.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    sa.Column("minhash", sa.Text, nullable=False),  # store.neardup.to_text
)

article_buckets = sa.Table(
    "article_buckets",
    metadata,
    sa.Column("bucket", sa.String(), primary_key=True),  # store.neardup.buckets
    sa.Column(
        "article_id",
        sa.String(),
        sa.ForeignKey("articles.id", ondelete="CASCADE"),
        primary_key=True,
    ),
)
sa.Index("ix_article_buckets_article", article_buckets.c.article_id)

#: The tables of an article's copies (version 3), parents first; kept by a re-code.
COPY_TABLES: tuple[sa.Table, ...] = (article_sources, article_signatures, article_buckets)

#: Tables whose rows belong to one article, in insertion order (parents first).
ARTICLE_TABLES: tuple[sa.Table, ...] = (
    articles,
    events,
    event_actors,
    actors,
    times,
    places,
    quotes,
    quantities,
)
#: Tables with an ``article_id`` column (every article table but ``articles``).
CHILD_TABLES: tuple[sa.Table, ...] = ARTICLE_TABLES[1:]
