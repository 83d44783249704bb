"""Plain-text stories: dateline and wire headers, footers, byte-exact bodies."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dateline.ingest import parse_text_article
from dateline.model import Article


def test_seed_story_header_and_footer(seed_article: Article) -> None:
    assert seed_article.source == "Bloomberg"
    assert seed_article.published == date(2021, 7, 26)
    assert seed_article.text.startswith("President Joe Biden")
    assert "©" not in seed_article.text
    assert seed_article.text.endswith("Iran nuclear deal.")


def test_dateline_header_with_invalid_date_keeps_source() -> None:
    article = parse_text_article("date 2021-13-45 (Foo) -- The body.")
    assert (article.source, article.published, article.text) == ("Foo", None, "The body.")


@pytest.mark.parametrize(
    ("raw", "source", "published", "body"),
    [
        ("WASHINGTON (Reuters) - The U.S. said.", "Reuters", None, "The U.S. said."),
        ("BAGHDAD, July 26 (AP) — Iraq said.", "AP", None, "Iraq said."),
        ("LONDON, Jan. 3 (Reuters) -Britain said.", "Reuters", None, "Britain said."),
        ("LONDON, Jan. 3, 2021 (Reuters) - UK said.", "Reuters", date(2021, 1, 3), "UK said."),
        ("NEW YORK, Sept. 31, 2021 (Reuters) - No day.", "Reuters", None, "No day."),
        ("KABUL, Afghanistan (AP) — Taliban said.", "AP", None, "Taliban said."),
        ("ST. LOUIS (AFP) -- It rained.", "AFP", None, "It rained."),
        ("NEW YORK (The Washington Post) — Talks.", "The Washington Post", None, "Talks."),
    ],
)
def test_wire_headers(raw: str, source: str, published: date | None, body: str) -> None:
    article = parse_text_article(raw)
    assert (article.source, article.published, article.text) == (source, published, body)


@pytest.mark.parametrize(
    "raw",
    [
        "I (really) - liked it.",
        "Officials in Washington (D.C.) - and elsewhere - agreed.",
        "The date 2021 was (not) -- important.",
        "NATO (North Atlantic Treaty Organization) - the alliance - met.",
    ],
)
def test_ordinary_openings_are_not_headers(raw: str) -> None:
    article = parse_text_article(raw)
    assert (article.text, article.source) == (raw, None)


def test_metadata_block() -> None:
    raw = "Date: 2021-07-26\nSource: Example Wire\nTitle: Troops leave\nURL: https://e.x/1\n\nBody."
    article = parse_text_article(raw)
    assert article.source == "Example Wire"
    assert article.published == date(2021, 7, 26)
    assert (article.title, article.url, article.text) == ("Troops leave", "https://e.x/1", "Body.")


def test_metadata_block_wins_over_header() -> None:
    article = parse_text_article("Date: July 27, 2021\nWASHINGTON, July 26 (AP) - Body.")
    assert (article.published, article.source, article.text) == (date(2021, 7, 27), "AP", "Body.")


@pytest.mark.parametrize(
    "footer",
    [
        "© 2021 Bloomberg L.P.",
        "(c) Copyright Thomson Reuters 2021",
        "Copyright 2021 The Associated Press. All rights reserved.",
        "This material may not be published, broadcast, rewritten or redistributed.",
        "(Reporting by Jane Doe in Baghdad; Editing by John Roe)",
        "Reporting by Jane Doe; Additional reporting by Max Mustermann; Editing by J. Roe",
        "To contact the reporter on this story: Jane Doe in Washington",
        "--With assistance from Jane Doe.",
    ],
)
def test_footer_lines_are_removed(footer: str) -> None:
    article = parse_text_article(f"The army left.\n\nIt was quiet.\n\n{footer}\n")
    assert article.text == "The army left.\n\nIt was quiet."


def test_stacked_footers_and_crlf() -> None:
    raw = "Body one.\r\n\r\n(Reporting by A; Editing by B)\r\n© 2021 Reuters\r\n\r\n"
    assert parse_text_article(raw).text == "Body one."


def test_footer_words_inside_the_body_stay() -> None:
    raw = "Copyright law was debated.\nThe court ruled. All rights reserved, he said.\nEnd."
    assert parse_text_article(raw).text == raw


def test_body_is_byte_exact_slice() -> None:
    body = "Line  one,\twith   odd spacing.\n\n\n  Indented “quotes” — dashes\u00a0here.\r\nLast."
    raw = f"date 2021-07-26 (Wire) -- {body}\n\n© 2021 Wire"
    article = parse_text_article(raw, origin="x.txt")
    assert article.text == body
    assert raw.index(article.text) == len("date 2021-07-26 (Wire) -- ")
    assert article.origin == "x.txt"


def test_id_depends_on_text_and_source() -> None:
    first = parse_text_article("date 2021-07-26 (A) -- Same body.")
    assert first.id == parse_text_article("date 2021-07-27 (A) -- Same body.").id
    assert first.id != parse_text_article("date 2021-07-26 (B) -- Same body.").id


@given(st.text())
def test_any_text_gives_a_slice_of_itself(raw: str) -> None:
    article = parse_text_article(raw)
    assert isinstance(article, Article)
    assert article.text in raw
    assert article.text == article.text.strip()


@given(
    st.sampled_from(["WASHINGTON (Reuters) - ", "date 2021-07-26 (X) -- ", "Source: Y\n", ""]),
    st.text(),
    st.sampled_from(["", "\n© 2021 X", "\n(Reporting by A; Editing by B)"]),
)
def test_headed_text_gives_a_slice_of_itself(header: str, body: str, footer: str) -> None:
    raw = header + body + footer
    assert parse_text_article(raw).text in raw


@pytest.mark.parametrize("end", ["\n", "\r\n", "\r"])
def test_metadata_block_and_footer_with_any_line_end(end: str) -> None:
    raw = end.join(["Date: 2021-07-26", "Source: AP", "Title: Hello", "",
                    "Gondor sent troops.", "More text.", "© 2021 AP", ""])  # fmt: skip
    article = parse_text_article(raw)
    assert (article.published, article.source, article.title) == (date(2021, 7, 26), "AP", "Hello")
    assert article.text == f"Gondor sent troops.{end}More text."
