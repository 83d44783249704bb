"""The seed story against the analyst's table in ``../shared/examples/seed/expected.md``.

The table is read from ``../shared`` at test time (never copied here). A row is found when
one of our events has one of its accepted types and shares half the row's key words; the story
keeps at least 13 of its 15 rows found, and no row is found twice (one event per happening).
"""

from __future__ import annotations

import re

import pytest
from spacy.language import Language
from tests.shared_paths import SHARED

from dateline.model import Article, Event
from dateline.nlp import make_doc

EXPECTED = SHARED / "examples" / "seed" / "expected.md"
TYPES = re.compile(r"\b[A-Z]{3,}\b")
STOP = frozenset({"the", "of", "a", "an", "to", "and", "in", "from", "that", "have", "has",
                  "was", "were", "is", "be", "by", "for", "with", "who", "its", "it"})


def expected_rows() -> list[tuple[str, set[str]]]:
    """(text, accepted types) for each row of the Events table."""
    if not EXPECTED.exists():
        pytest.skip(f"../shared is absent: {EXPECTED} not found")
    text = EXPECTED.read_text(encoding="utf-8")
    table = text[text.index("## Events"):].split("\n\n")[0]
    rows = []
    for line in table.splitlines():
        cells = [c.strip() for c in line.strip("|").split("|")]
        if len(cells) > 3 and cells[0].isdigit():
            rows.append((cells[1], set(TYPES.findall(cells[2]))))
    return rows


def words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9']+", text.lower()) if w not in STOP}


def finds(event: Event, row: tuple[str, set[str]]) -> bool:
    text, types = row
    key = words(text)
    texts = [event.event_text, *(m.text for m in event.mentions)]
    return event.event in types and any(len(key & words(t)) >= len(key) / 2 for t in texts)


def test_seed_story_keeps_its_rows_once(nlp: Language, seed_article: Article) -> None:
    rows = expected_rows()
    assert len(rows) == 15
    events = list(nlp(make_doc(nlp, seed_article))._.dateline_events)
    found = {i: [e for e in events if finds(e, row)] for i, row in enumerate(rows)}
    assert all(len(hits) <= 1 for hits in found.values()), found  # no happening twice
    used: set[str] = set()  # one event stands for one row
    kept = 0
    for hits in found.values():
        free = [e for e in hits if e.id not in used]
        if free:
            used.add(free[0].id)
            kept += 1
    assert kept >= 13, found
