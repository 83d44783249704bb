"""The growth benchmark's story generator: short, streamed, and every copy its own id."""

from __future__ import annotations

import sys
from pathlib import Path

from dateline.ingest import read_paths
from dateline.model import Article
from dateline.settings import Settings
from shared_paths import REPO

sys.path.insert(0, str(REPO))

from benchmarks.growth import LEAD_CHARS, Timed, lead, story_rows, write_corpus


def test_lead_keeps_whole_sentences_near_the_limit() -> None:
    story = "First sentence here. " * 40 + "\n\nSecond paragraph."
    cut = lead(story)
    assert cut.endswith(".") and len(cut) <= LEAD_CHARS and len(cut) > LEAD_CHARS // 2
    assert lead("Short story.\n\nMore.") == "Short story. More."


def test_copies_are_distinct_articles(tmp_path: Path) -> None:
    rows = story_rows(7, ["Troops crossed the border.", "Ministers met in Paris."])
    assert not isinstance(rows, list)  # a generator: the corpus is never held whole
    path = tmp_path / "stories.jsonl"
    assert write_corpus(path, rows) == 7
    articles = [a for a in read_paths([path], Settings()) if isinstance(a, Article)]
    assert len(articles) == 7 and len({a.id for a in articles}) == 7
    assert articles[0].text == articles[2].text and articles[0].published != articles[2].published


def test_timed_adds_up_the_time_spent_in_next() -> None:
    timed = Timed(iter(range(3)))
    assert list(timed) == [0, 1, 2] and 0 <= timed.seconds < 1
