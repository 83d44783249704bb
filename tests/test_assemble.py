from __future__ import annotations

from dateline.assemble import unique_events
from dateline.model import Event, event_id


def _event(confidence: float, span: tuple[int, int] = (0, 5), kind: str = "ASSAULT") -> Event:
    return Event(
        id=event_id("sha256:a", span, kind), event=kind, span=span, event_text="x",
        sentence=0, rule=f"r{confidence}", confidence=confidence,
    )


def test_duplicate_event_ids_keep_the_most_confident() -> None:
    low, other, high = _event(0.4), _event(0.9, span=(6, 9)), _event(0.8)
    assert unique_events([low, other, high]) == (other, high)


def test_distinct_events_are_all_kept_in_order() -> None:
    events = [_event(0.5), _event(0.5, kind="COERCE"), _event(0.5, span=(1, 2))]
    assert unique_events(events) == tuple(events)
