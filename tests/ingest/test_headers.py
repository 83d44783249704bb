"""Wire headers and bylines of many agencies, removed in every reader: plain text,
JSON Lines, CSV, HTML and feeds. The headers are written for this test in the styles
agencies use; the story is fictional."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from html import escape

import pytest

from dateline.ingest import parse_text_article, read_bytes
from dateline.ingest.dates import DateHints, StoryDate
from dateline.model import Article
from dateline.settings import Settings

BODY = "Gang members attacked a police station in the capital on Monday, officials said."
TITLE = "Police station attacked"
REFERENCE = DateHints(fallback=StoryDate(date(2023, 11, 10), "file-name"))

#: header, the source it names, the story date it gives (with the reference above)
HEADERS: list[tuple[str, str | None, date]] = [
    ("KYIV, Nov 6 (Reuters) - ", "Reuters", date(2023, 11, 6)),
    ("KYIV, Nov 6, 2022 (Reuters) - ", "Reuters", date(2022, 11, 6)),
    ("LONDON, 6 Nov (Reuters) - ", "Reuters", date(2023, 11, 6)),
    ("KABUL, Afghanistan (AP) — ", "AP", date(2023, 11, 10)),
    ("Kyiv (AFP) - ", "AFP", date(2023, 11, 10)),
    ("Berlin (dpa) - ", "dpa", date(2023, 11, 10)),
    ("BEIJING, Nov. 6 (Xinhua) -- ", "Xinhua", date(2023, 11, 6)),
    ("MOSCOW, November 6. /TASS/. ", "TASS", date(2023, 11, 6)),
    ("MOSCOW. Nov 6 (Interfax) - ", "Interfax", date(2023, 11, 6)),
    ("New Delhi [India], November 6 (ANI): ", "ANI", date(2023, 11, 6)),
    ("NEW DELHI, Nov 6 (PTI) ", "PTI", date(2023, 11, 6)),
    ("ABU DHABI, 6th November, 2023 (WAM) -- ", "WAM", date(2023, 11, 6)),
    ("TOKYO, Nov. 7 (Kyodo) -- ", "Kyodo", date(2023, 11, 7)),
    ("SEOUL, Dec 31 (Yonhap) -- ", "Yonhap", date(2022, 12, 31)),
    ("ANKARA (AA) - ", "AA", date(2023, 11, 10)),
    ("PORT-AU-PRINCE (Security Monitor) - ", "Security Monitor", date(2023, 11, 10)),
    ("NAIROBI (World News Today) - ", "World News Today", date(2023, 11, 10)),
    ("(Reuters) - ", "Reuters", date(2023, 11, 10)),
    ("KYIV, Ukraine — ", None, date(2023, 11, 10)),
    ("By Jane Doe and John Roe\nWASHINGTON (Reuters) - ", "Reuters", date(2023, 11, 10)),
    ("By JANE DOE, Associated Press\nWASHINGTON (AP) — ", "AP", date(2023, 11, 10)),
    ("By Maria de la Cruz\n\n", None, date(2023, 11, 10)),
]
IDS = [h.split("(")[-1].split(")")[0][:12] or h[:8] for h, _, _ in HEADERS]


@pytest.mark.parametrize(("header", "source", "day"), HEADERS, ids=IDS)
def test_plain_text_headers(header: str, source: str | None, day: date) -> None:
    article = parse_text_article(header + BODY, hints=REFERENCE)
    assert (article.text, article.source, article.published) == (BODY, source, day)


@pytest.mark.parametrize(
    "raw",
    [
        "By Tuesday, the troops had withdrawn from the town, officials said.",
        "Mr Smith (Labour) - who was there - said no.",
        "Gondor (the kingdom) - and Rohan - agreed.",
        "I (really) - liked it.",
    ],
)
def test_ordinary_openings_stay(raw: str) -> None:
    assert parse_text_article(raw).text == raw


def _html(header: str) -> bytes:
    paragraph = escape(header + BODY).replace("\n", "</p><p>")
    return (
        f"<html><head><title>{TITLE}</title></head><body><article><h1>{TITLE}</h1>"
        f"<p>{paragraph}</p><p>{BODY.replace('Monday', 'Tuesday')}</p></article></body></html>"
    ).encode()


def _feed(header: str) -> bytes:
    summary = escape(f"<p>{TITLE}</p><p>{header}{BODY}</p>".replace("\n", "</p><p>"))
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Desk</title>'
        f"<item><title>{TITLE}</title><description>{summary}</description></item>"
        "</channel></rss>"
    ).encode()


def _csv(header: str) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerows([["title", "text"], [TITLE, f"{TITLE}\n{header}{BODY}"]])
    return out.getvalue().encode()


def _jsonl(header: str) -> bytes:
    return json.dumps({"title": TITLE, "text": header + BODY}).encode()


READERS = {
    "jsonl": ("2023-11-10.jsonl", _jsonl),
    "csv": ("2023-11-10.csv", _csv),
    "html": ("2023-11-10.html", _html),
    "feed": ("2023-11-10.rss", _feed),
    "text": ("2023-11-10.txt", lambda h: (h + BODY).encode()),
}


@pytest.mark.parametrize("reader", sorted(READERS))
@pytest.mark.parametrize(("header", "source", "day"), HEADERS, ids=IDS)
def test_every_reader_removes_headers_and_bylines(
    reader: str, header: str, source: str | None, day: date
) -> None:
    name, make = READERS[reader]
    (article,) = read_bytes(make(header), name, Settings())
    assert isinstance(article, Article), article
    assert article.text.startswith(BODY), article.text[:80]
    assert article.published == day
    if reader not in ("feed", "html") and source:
        assert article.source == source


def test_a_byline_run_into_the_story_is_read_in_linear_time() -> None:
    """Regression: a first line that opens like a byline but has no line end (a lead
    paragraph with its line breaks joined) made the byline pattern backtrack
    exponentially in the capitals (seconds, then minutes, for one story)."""
    import time

    raw = (
        "By JANE DOERING and GIL ROE, Associated Press MINAS TIRITH ARNOR (AP) — "
        "Gondor vowed on Friday to answer Mordor after the Steward proposed new tariffs."
    )
    started = time.process_time()
    article = parse_text_article(raw)
    assert time.process_time() - started < 0.5
    assert article.text == raw  # not a byline (no line end), so nothing is cut
