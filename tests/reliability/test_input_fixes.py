"""Regression tests of the reader fixes the bad-input corpus exposed: UTF-8 text with
pasted-in Windows-1252 bytes is no longer turned into mojibake, and a CSV quote left
open no longer swallows the rows after it into one article."""

from __future__ import annotations

import io

from dateline.ingest.decode import decode_bytes
from dateline.ingest.records import parse_csv
from dateline.model import Article, Reject


def test_utf8_with_stray_cp1252_bytes_decodes_both_parts() -> None:
    data = "Gondor a été attaqué. ".encode() + "Arnor a été reçu.".encode("cp1252")
    assert decode_bytes(data) == "Gondor a été attaqué. Arnor a été reçu."


def test_a_byte_cp1252_leaves_undefined_falls_back_to_latin1() -> None:
    data = "Café crème, thé glacé et crêpes à volonté. ".encode() + b"caf\x81"
    assert decode_bytes(data) == "Café crème, thé glacé et crêpes à volonté. caf\x81"


def test_legacy_text_without_utf8_is_still_guessed_whole() -> None:
    text = "Le président a déclaré que la réunion était très importante pour l'été."
    assert decode_bytes(text.encode("cp1252")) == text


def test_a_few_utf8_lookalikes_in_legacy_text_do_not_make_it_utf8() -> None:
    """One byte pair that happens to be valid UTF-8 (``Ã©``) among many legacy bytes."""
    text = "Ã© président déclaré réunion était très été côté fenêtre"
    decoded = decode_bytes(text.encode("cp1252"))
    assert "président déclaré réunion était" in decoded and not decoded.startswith("é")


def _csv(text: str) -> list[Article | Reject]:
    return list(parse_csv(io.StringIO(text, newline=""), "s.csv", 1_000_000))


def test_an_unterminated_csv_quote_is_a_reject_not_a_merged_article() -> None:
    rows = _csv('text,date\nGondor met Arnor.,2022-01-01\n"open quote,2022-01-02\nlater,x\n')
    assert isinstance(rows[0], Article) and rows[0].text == "Gondor met Arnor."
    assert isinstance(rows[1], Reject) and rows[1].reason == "csv"
    assert rows[1].origin == "s.csv:3" and "unexpected end of data" in rows[1].detail
    assert len(rows) == 2


def test_quotes_inside_an_unquoted_csv_field_are_kept() -> None:
    (row,) = _csv('text\nHe said "no" to Gondor.\n')
    assert isinstance(row, Article) and row.text == 'He said "no" to Gondor.'
