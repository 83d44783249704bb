"""Story dates from every source: metadata formats, wire headers with and without a
year, file names, feed entries and the run's ``--date``; each with where it came from."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from dateline.ingest import parse_text_article, read_bytes, read_paths
from dateline.ingest.dates import (
    DateHints,
    StoryDate,
    file_name_date,
    nearest_before,
    parse_date,
)
from dateline.model import Article
from dateline.settings import Settings

BODY = "Gondor sent three hundred troops to Arnor on Monday, officials said."


@pytest.mark.parametrize(
    ("value", "day_first", "expected"),
    [
        ("2023-09-25", False, date(2023, 9, 25)),
        ("2023-09-25T18:30:00Z", False, date(2023, 9, 25)),
        ("25/09/2023", False, date(2023, 9, 25)),  # a part over 12: only one reading
        ("09/25/2023", False, date(2023, 9, 25)),
        ("05/09/2023", False, date(2023, 5, 9)),  # ambiguous: month first by default
        ("05/09/2023", True, date(2023, 9, 5)),  # ... day first when asked
        ("25.09.2023", True, date(2023, 9, 25)),
        ("Mon, 06 Nov 2023 10:00:00 GMT", False, date(2023, 11, 6)),
        ("Nov 6, 2023", False, date(2023, 11, 6)),
        ("November 6th, 2023", False, date(2023, 11, 6)),
        ("6 November 2023", False, date(2023, 11, 6)),
        ("31/02/2023", True, None),
        ("13/13/2023", False, None),
        ("yesterday", False, None),
    ],
)
def test_metadata_date_formats(value: str, day_first: bool, expected: date | None) -> None:
    assert parse_date(value, day_first) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("news/2023-11-06-kyiv.txt", date(2023, 11, 6)),
        ("kyiv_20231106.txt", date(2023, 11, 6)),
        ("2023.11.06 feed.xml#3", date(2023, 11, 6)),
        ("wire-2023-11-06.jsonl:12#abc", date(2023, 11, 6)),
        ("2023-11-31-bad.txt", None),
        ("story-12345678901.txt", None),
        ("2023-11-06/kyiv.txt", None),  # only the file's own name counts
        ("<stdin>", None),
    ],
)
def test_file_name_dates(name: str, expected: date | None) -> None:
    assert file_name_date(name) == expected


@pytest.mark.parametrize(
    ("month", "day", "reference", "expected"),
    [
        (11, 6, date(2023, 11, 10), date(2023, 11, 6)),
        (12, 31, date(2024, 1, 2), date(2023, 12, 31)),  # nearest before: last year
        (11, 7, date(2023, 11, 6), date(2023, 11, 7)),  # a day ahead: time zones
        (11, 9, date(2023, 11, 6), date(2022, 11, 9)),
        (2, 29, date(2023, 3, 1), date(2020, 2, 29)),
        (2, 30, date(2023, 3, 1), None),
    ],
)
def test_year_less_dates_take_the_year_nearest_before(
    month: int, day: int, reference: date, expected: date | None
) -> None:
    assert nearest_before(month, day, reference) == expected


def _hints(day: date, source: str) -> DateHints:
    return DateHints(fallback=StoryDate(day, source))


@pytest.mark.parametrize(
    ("raw", "hints", "published", "source"),
    [
        (f"KYIV, Nov 6, 2023 (Reuters) - {BODY}", DateHints(), date(2023, 11, 6), "header"),
        (f"KYIV, Nov 6 (Reuters) - {BODY}", DateHints(), None, None),
        (
            f"KYIV, Nov 6 (Reuters) - {BODY}",
            _hints(date(2024, 1, 15), "run-date"),
            date(2023, 11, 6),
            "header+run-date",
        ),
        (
            f"KYIV, Dec 30 (Reuters) - {BODY}",
            _hints(date(2024, 1, 2), "file-name"),
            date(2023, 12, 30),
            "header+file-name",
        ),
        (f"KYIV (Reuters) - {BODY}", _hints(date(2024, 1, 2), "file-name"), date(2024, 1, 2),
         "file-name"),
        (f"Date: 25/09/2023\n\n{BODY}", DateHints(), date(2023, 9, 25), "metadata"),
        (f"Date: 2023-09-25\nKYIV, Nov 6 (Reuters) - {BODY}", DateHints(), date(2023, 9, 25),
         "metadata"),
        (f"date 2021-07-26 (Bloomberg) -- {BODY}", DateHints(), date(2021, 7, 26), "header"),
        (BODY, _hints(date(2022, 2, 2), "run-date"), date(2022, 2, 2), "run-date"),
        (BODY, DateHints(), None, None),
    ],
)  # fmt: skip
def test_plain_text_story_dates(
    raw: str, hints: DateHints, published: date | None, source: str | None
) -> None:
    article = parse_text_article(raw, hints=hints)
    assert (article.published, article.date_source, article.text) == (published, source, BODY)


def test_a_file_name_dates_a_year_less_header(tmp_path: Path) -> None:
    path = tmp_path / "2023-11-10-kyiv.txt"
    path.write_text(f"KYIV, Nov 6 (Reuters) - {BODY}\n", encoding="utf-8")
    plain = tmp_path / "undated.txt"
    plain.write_text(f"Gondor and Rohan signed a treaty. {BODY}\n", encoding="utf-8")
    named, undated = read_paths([path, plain], Settings())
    assert isinstance(named, Article) and isinstance(undated, Article)
    assert (named.published, named.date_source) == (date(2023, 11, 6), "header+file-name")
    assert (undated.published, undated.date_source) == (None, None)


def test_the_run_date_dates_files_and_stdin_without_one(tmp_path: Path) -> None:
    settings = Settings(story_date=date(2024, 1, 2))
    (article,) = read_bytes(f"KYIV, Dec 30 (Reuters) - {BODY}".encode(), "<stdin>", settings)
    assert isinstance(article, Article)
    assert (article.published, article.date_source) == (date(2023, 12, 30), "header+run-date")
    (plain,) = read_bytes(BODY.encode(), "<stdin>", settings)
    assert isinstance(plain, Article)
    assert (plain.published, plain.date_source) == (date(2024, 1, 2), "run-date")
    (named,) = read_bytes(BODY.encode(), "2023-05-05-x.txt", settings)  # the file name wins
    assert isinstance(named, Article) and named.published == date(2023, 5, 5)


@pytest.mark.parametrize(
    ("value", "day_first", "expected"),
    [("25/09/2023", False, date(2023, 9, 25)), ("05/09/2023", True, date(2023, 9, 5)),
     ("Nov 6, 2023", False, date(2023, 11, 6)), ("Mon, 06 Nov 2023 10:00:00 +0000", False,
     date(2023, 11, 6))],
)  # fmt: skip
def test_jsonl_and_csv_date_fields(value: str, day_first: bool, expected: date) -> None:
    settings = Settings(day_first=day_first)
    line = json.dumps({"text": f"KYIV, Nov 1 (Reuters) - {BODY}", "date": value})
    (record,) = read_bytes(line.encode(), "a.jsonl", settings)
    assert isinstance(record, Article)
    assert (record.published, record.date_source, record.source) == (expected, "metadata",
                                                                     "Reuters")  # fmt: skip
    rows = f'text,date\n"{BODY}",{value!r}\n'.replace("'", '"')
    (row,) = read_bytes(rows.encode(), "a.csv", settings)
    assert isinstance(row, Article) and (row.published, row.date_source) == (expected, "metadata")


def test_a_jsonl_record_without_a_date_field_uses_its_header() -> None:
    line = json.dumps({"text": f"KYIV, Nov 6, 2023 (Reuters) - {BODY}"})
    (record,) = read_bytes(line.encode(), "a.jsonl", Settings())
    assert isinstance(record, Article)
    assert (record.published, record.date_source, record.text) == (date(2023, 11, 6), "header",
                                                                   BODY)  # fmt: skip


FEED = f"""<?xml version="1.0"?><rss version="2.0"><channel><title>Desk</title>
<lastBuildDate>Wed, 10 Jan 2024 08:00:00 GMT</lastBuildDate>
<item><title>Dated</title><description>KYIV, Nov 6 (Reuters) - {BODY}</description>
<pubDate>Tue, 07 Nov 2023 09:00:00 GMT</pubDate></item>
<item><title>Undated</title><description>KYIV, Dec 30 (Reuters) - {BODY}</description></item>
</channel></rss>""".encode()


def test_feed_entry_dates_and_the_feed_date_for_year_less_headers() -> None:
    dated, undated = read_bytes(FEED, "desk.rss", Settings())
    assert isinstance(dated, Article) and isinstance(undated, Article)
    assert (dated.published, dated.date_source, dated.text) == (date(2023, 11, 7), "feed", BODY)
    assert (undated.published, undated.date_source) == (date(2023, 12, 30), "header+feed")
