"""Bytes to text: BOMs, UTF-16/32, legacy encodings, binary and empty documents."""

from __future__ import annotations

import codecs
import gzip
import random

import pytest

from dateline.errors import InputError
from dateline.ingest.decode import decode_bytes, stream_encoding

STORY = "BAGHDAD (AP) — Iraq’s prime minister said “no”. Größe, café, Ñandú."


@pytest.mark.parametrize(
    "data",
    [
        STORY.encode("utf-8"),
        codecs.BOM_UTF8 + STORY.encode("utf-8"),
        STORY.encode("utf-16"),  # with BOM
        codecs.BOM_UTF16_BE + STORY.encode("utf-16-be"),
        STORY.encode("utf-16-le"),  # without BOM
        STORY.encode("utf-16-be"),
        STORY.encode("utf-32"),
        STORY.encode("utf-32-le"),
    ],
    ids=["utf8", "utf8-bom", "utf16-bom", "utf16be-bom", "utf16le", "utf16be", "utf32", "utf32le"],
)
def test_unicode_encodings_round_trip(data: bytes) -> None:
    assert decode_bytes(data) == STORY


def test_legacy_encoding_is_guessed() -> None:
    text = "Le président a déclaré que la réunion était très importante pour l'été."
    assert decode_bytes(text.encode("cp1252")) == text


def test_invalid_utf8_is_not_fatal() -> None:
    data = "Officials said the café was closed. ".encode() * 5 + b"\xff\xfe\xfa caf\xe9"
    assert "Officials said" in decode_bytes(data)


def _reason(data: bytes) -> str:
    with pytest.raises(InputError) as caught:
        decode_bytes(data)
    assert caught.value.detail
    return caught.value.reason


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n" + bytes(range(256)),
        gzip.compress(b"some text " * 50),
        b"%PDF-1.7\n...",
        b"text\x00with\x00nul bytes\x00 scattered here and there\x00\x01\x02",
        random.Random(7).randbytes(4096),
        bytes(range(1, 32)) * 10,
    ],
    ids=["png", "gzip", "pdf", "nul", "random", "controls"],
)
def test_binary_is_refused(data: bytes) -> None:
    assert _reason(data) == "binary"


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n", "  \n".encode("utf-16")])
def test_empty_is_refused(data: bytes) -> None:
    assert _reason(data) == "empty"


def test_bom_that_lies_is_an_encoding_error() -> None:
    assert _reason(codecs.BOM_UTF8 + b"caf\xe9 au lait") == "encoding"
    assert _reason(codecs.BOM_UTF16_LE + b"abc") == "encoding"  # odd length


def test_stream_encoding_from_head() -> None:
    assert stream_encoding(b"text,id\n") == "utf-8"
    assert stream_encoding(codecs.BOM_UTF8 + b"text\n") == "utf-8-sig"
    assert stream_encoding("text\n".encode("utf-16")) == "utf-16"
    assert stream_encoding("é".encode()[:1]) == "utf-8"  # a character cut by the head
    with pytest.raises(InputError, match="binary"):
        stream_encoding(b"a\x00b")
