"""The actor index the event coder uses to find the mentions inside a phrase."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from dateline.extract.eventcoding.arguments import ActorIndex
from dateline.model import ActorMention

spans = st.tuples(st.integers(0, 200), st.integers(0, 40)).map(lambda p: (p[0], p[0] + p[1]))
mentions = st.builds(
    lambda span, code: ActorMention(text="x", span=span, code=code),
    spans,
    st.sampled_from([None, "USA", "IRQ"]),
)


def naive(actors: list[ActorMention], start: int, end: int) -> list[ActorMention]:
    return [a for a in actors if start <= a.span[0] and a.span[1] <= end and a.code]


@given(st.lists(mentions, max_size=30), spans)
def test_inside_equals_a_scan_in_story_order(
    actors: list[ActorMention], window: tuple[int, int]
) -> None:
    assert ActorIndex(actors).inside(*window) == naive(actors, *window)


def test_compounds_without_a_code_count_and_bare_descriptions_do_not() -> None:
    part = ActorMention(text="Arnor", span=(0, 5), code="ARN")
    pair = ActorMention(text="Arnor and Gondor", span=(0, 16), members=(part,))
    loose = ActorMention(text="officials", span=(20, 29))
    assert ActorIndex([pair, loose, part]).inside(0, 30) == [pair, part]
