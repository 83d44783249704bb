"""Hand-built extractions (no spaCy) and Hypothesis strategies for store and export tests.

Fictional actors (Arnor, Gondor, Mordor) keep these fixtures independent of the
knowledge files.
"""

from __future__ import annotations

from datetime import date

from hypothesis import strategies as st

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
from dateline.store import neardup

ARN = ActorMention("Arnor", (0, 5), code="ARN", sector="GOV", kind="country")
GON = ActorMention("Gondor", (20, 26), code="GON", sector="MIL", kind="country")
MOR = ActorMention("the Orcs", (40, 48), code="MOR", sector="REB", kind="group", patron="MOR")
LEADERS = ActorMention("the leaders", (60, 71), kind="description", members=(ARN, GON))
PRONOUN = ActorMention("He", (80, 82), code="ARN", sector="GOV", kind="pronoun", refers_to=(0, 5))
MINAS = Place("Minas Tirith", (30, 42), "Minas Tirith", 1, 44.5, -3.25, "GON", "city")


def make_event(aid: str, span: tuple[int, int], kind: str, **fields: object) -> Event:
    """An event with sensible defaults; ``fields`` override any of them."""
    base: dict[str, object] = {
        "event_text": f"event {span[0]}", "sentence": span[0] // 100, "rule": "verb:test",
        "confidence": 0.75, "quad_code": 4, "score": -9.0, "cameo_root": "19",
    }  # fmt: skip
    return Event(event_id(aid, span, kind), kind, span, **{**base, **fields})  # type: ignore[arg-type]


def make_extraction(n: int, published: date | None = date(2021, 7, 26)) -> Extraction:
    """Story number ``n``: three events, every kind of record, unique text."""
    text = f"Story {n}: Arnor and Gondor met; the Orcs attacked Minas Tirith. " * 3
    article = Article.create(text, source="Fictional Wire", published=published, origin=f"f{n}")
    aid = article.id
    events = (
        make_event(aid, (0, 30), "ASSAULT", mode="firearms", actor=(MOR,), recipient=(GON,),
                   date="2021-07", date_precision="month", event_loc=MINAS, aux=("historical",),
                   context=("military", "terrorism"), source_quote=PRONOUN),
        make_event(aid, (31, 60), "CONSULT", actor=(ARN, GON), quad_code=1, score=2.5,
                   date="2021-07-26", date_precision="day", mode="visit", cameo_root="04"),
        make_event(aid, (61, 90), "AID", actor=(LEADERS,), recipient=(ARN,), quad_code=2,
                   score=10.0, date=None, enddate=None, confidence=0.5),
    )  # fmt: skip
    quote = Quote(PRONOUN, "said", (83, 87), "no need for troops", (88, 106), True, False, "Radio")
    return Extraction(
        article=article,
        events=events,
        actors=(ARN, GON, MOR, LEADERS, PRONOUN),
        times=(TimeRef("Monday", (5, 11), "2021-07-26", "day"),
               TimeRef("by the end of the year", (12, 30), "2021-12-31", "day", role="end")),
        places=(MINAS, Place("Arnor", (0, 5), use="metonym")),
        quotes=(quote, Quote(None, None, None, "it is over", (110, 120), False, True)),
        quantities=(Quantity(2500, "2,500", (130, 135), "troops", "Gondorian troops"),
                    Quantity(1.5e6, "1.5 million", (140, 151), upper=2e6, approx="about")),
        warnings=("fictional",),
    )  # fmt: skip


def row_count(extraction: Extraction) -> int:
    """How many table rows writing this extraction inserts (as an article, not a copy)."""
    parties = sum(len(e.actor) + len(e.recipient) for e in extraction.events)
    records = (extraction.actors, extraction.times, extraction.places, extraction.quotes,
               extraction.quantities)  # fmt: skip
    return 1 + len(extraction.events) + parties + sum(len(r) for r in records) + copy_rows(
        extraction
    )


def copy_rows(extraction: Extraction) -> int:
    """Rows of the copy tables: its own source row, and its signature and buckets."""
    found = neardup.signature(extraction.article.text) is not None
    return 1 + (1 + neardup.BANDS if found else 0)


# -- Hypothesis strategies ---------------------------------------------------------

_text = st.text(max_size=12)
_opt = st.none() | _text
_spans = st.tuples(st.integers(0, 10**6), st.integers(0, 10**6))
_floats = st.floats(allow_nan=False, allow_infinity=False)
_codes = st.none() | st.sampled_from(["ARN", "GON", "MOR", "IGO"])

_simple_actors = st.builds(
    ActorMention, text=_text, span=_spans, code=_codes, sector=_opt, role=_opt, wikidata=_opt,
    refers_to=st.none() | _spans, kind=st.sampled_from(["entity", "person", "pronoun"]),
    patron=_codes, former=st.booleans(),
)  # fmt: skip
actors = st.one_of(
    _simple_actors,
    st.builds(
        ActorMention, text=_text, span=_spans,
        members=st.lists(_simple_actors, max_size=2).map(tuple),
    ),
)  # fmt: skip
places = st.builds(
    Place, text=_text, span=_spans, name=_opt, geonameid=st.none() | st.integers(0, 2**40),
    lat=st.none() | _floats, lon=st.none() | _floats, country=_codes, feature=_opt,
    use=st.sampled_from(["location", "metonym"]),
)  # fmt: skip
times = st.builds(
    TimeRef, text=_text, span=_spans, value=_opt, precision=st.sampled_from(["day", "year"]),
    type=st.sampled_from(["DATE", "DURATION"]), role=st.sampled_from(["point", "end"]), note=_opt,
)  # fmt: skip
quotes = st.builds(
    Quote, speaker=st.none() | actors, cue=_opt, cue_span=st.none() | _spans, content=_text,
    span=_spans, direct=st.booleans(), anonymous=st.booleans(), medium=_opt,
)  # fmt: skip
quantities = st.builds(
    Quantity, value=_floats, text=_text, span=_spans, unit=_opt, of=_opt, approx=_opt,
    upper=st.none() | _floats,
)  # fmt: skip
_dates = st.none() | st.sampled_from(["2011", "2021-07", "2021-07-26", "P2Y", "XXXX-WXX-1"])


@st.composite
def _events(draw: st.DrawFn, aid: str) -> Event:
    kind = draw(st.sampled_from(["ASSAULT", "CONSULT", "AID", "RETREAT"]))
    span = draw(_spans)
    return Event(
        event_id(aid, span, kind), kind, span, draw(_text), draw(st.integers(0, 500)),
        draw(_text), draw(_floats), mode=draw(_opt),
        context=tuple(draw(st.lists(_text, max_size=2))),
        actor=tuple(draw(st.lists(actors, max_size=2))),
        recipient=tuple(draw(st.lists(actors, max_size=2))), date=draw(_dates),
        date_precision=draw(st.sampled_from(["day", "unknown"])), enddate=draw(_dates),
        date_text=draw(_opt), event_loc=draw(st.none() | places),
        aux=tuple(draw(st.lists(st.sampled_from(["future", "negated"]), max_size=2))),
        quad_code=draw(st.none() | st.integers(1, 4)), score=draw(st.none() | _floats),
        cameo_root=draw(_opt), source_quote=draw(st.none() | actors),
    )  # fmt: skip


@st.composite
def extractions(draw: st.DrawFn) -> Extraction:
    """Any extraction whose records survive a JSON round trip (no NaN)."""
    article = Article.create(
        draw(st.text(min_size=1, max_size=40)), source=draw(_opt),
        published=draw(st.none() | st.dates()), title=draw(_opt), url=draw(_opt),
        origin=draw(_opt),
    )  # fmt: skip
    events = draw(st.lists(_events(article.id), max_size=3, unique_by=lambda e: e.id))
    return Extraction(
        article, tuple(events), tuple(draw(st.lists(actors, max_size=3))),
        tuple(draw(st.lists(times, max_size=2))), tuple(draw(st.lists(places, max_size=2))),
        tuple(draw(st.lists(quotes, max_size=2))), tuple(draw(st.lists(quantities, max_size=2))),
        tuple(draw(st.lists(_text, max_size=2))),
    )  # fmt: skip
