"""Bytes to text: byte-order marks, strict UTF-8, UTF-8 with stray Windows-1252 bytes,
then charset-normalizer's best guess.

Every failure is an ``InputError`` whose ``reason`` becomes the reject reason:
``binary`` (magic numbers, NUL bytes that are not UTF-16/32, control characters),
``encoding`` (no codec fits, or the bytes contradict their BOM) and ``empty``.
"""

from __future__ import annotations

import codecs
import re

import charset_normalizer

from dateline.errors import InputError

# Longest first: the UTF-32-LE BOM starts with the UTF-16-LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"\x1f\x8b", "gzip archive"),
    (b"PK\x03\x04", "zip archive"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "7z archive"),
    (b"\x28\xb5\x2f\xfd", "zstd archive"),
    (b"%PDF-", "PDF document"),
    (b"\x7fELF", "ELF executable"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "OLE document"),
    (b"SQLite format 3\x00", "SQLite database"),
)
_UNUSUAL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufffd\ud800-\udfff]")
_SAMPLE_CHARS = 65_536
_PREFERRED = "cp1252"
_STRAY = re.compile(r"[\udc80-\udcff]")  # bytes that ``surrogateescape`` could not decode
_MAX_UNUSUAL = 0.05  # share of control characters above which text is taken as binary


def decode_bytes(data: bytes) -> str:
    """Decode one document; raise ``InputError`` when it is binary, undecodable or empty."""
    if not data.strip():
        raise InputError("empty", "the document has no content")
    _refuse_magic(data)
    text = _decode_by_bom(data)
    if text is None:
        text = _decode_with_nul(data) if b"\x00" in data else _decode_plain(data)
    _refuse_control_characters(text)
    if not text.strip():
        raise InputError("empty", "the document holds only whitespace")
    return text


def strip_bom(head: bytes) -> bytes:
    """``head`` without a leading UTF-8 byte-order mark."""
    return head[len(codecs.BOM_UTF8) :] if head.startswith(codecs.BOM_UTF8) else head


def _refuse_magic(data: bytes) -> None:
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            raise InputError("binary", f"looks like a {kind}, not text")


def _decode_by_bom(data: bytes) -> str | None:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(codec)
            except UnicodeDecodeError as exc:
                raise InputError(
                    "encoding", f"starts with a {codec} byte-order mark but is not {codec}: {exc}"
                ) from exc
    return None


def _decode_with_nul(data: bytes) -> str:
    """NUL bytes mean binary unless the text is BOM-less UTF-16 or UTF-32."""
    for codec in _wide_codecs(data):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if _unusual_share(text) <= _MAX_UNUSUAL:
            return text
    raise InputError("binary", "contains NUL bytes and is not UTF-16 or UTF-32 text")


def _wide_codecs(data: bytes) -> list[str]:
    """The wide codecs whose NUL pattern ``data`` fits (ASCII-heavy text has one)."""
    sample = data[:4096]
    codecs_: list[str] = []
    if len(data) % 4 == 0:
        codecs_ += ["utf-32-le", "utf-32-be"]
    if len(data) % 2 == 0:
        codecs_ += _utf16_by_nul_pattern(sample)
    return codecs_


def _utf16_by_nul_pattern(sample: bytes) -> list[str]:
    """BOM-less UTF-16 of mostly-Latin text: NULs in every other byte, on one side only."""
    units = max(len(sample) // 2, 1)
    odd, even = sample[1::2].count(0), sample[0::2].count(0)
    if odd >= units * 0.25 and even <= units * 0.01:
        return ["utf-16-le"]
    if even >= units * 0.25 and odd <= units * 0.01:
        return ["utf-16-be"]
    return []


def _decode_plain(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    mixed = _mostly_utf8(data)
    if mixed is not None:
        return mixed
    best = _best_match(data)
    if best is None:
        raise InputError("encoding", "not UTF-8, and no other encoding fits the bytes")
    return str(best)


def _mostly_utf8(data: bytes) -> str | None:
    """UTF-8 text with some stray legacy bytes (pasted-in Windows-1252), decoded as
    such: every valid UTF-8 sequence as UTF-8, each other byte as Windows-1252.

    Only when valid multi-byte UTF-8 characters outnumber the stray bytes; otherwise
    ``None`` (a legacy encoding throughout, for charset-normalizer to name). Decoding
    the whole text as Windows-1252 would turn its UTF-8 part into mojibake (``Ã©``).
    """
    text = data.decode("utf-8", "surrogateescape")
    stray = len(_STRAY.findall(text))
    wide = len(text) - len(text.encode("ascii", "ignore")) - stray
    if wide < max(stray, 1):
        return None
    return _STRAY.sub(_legacy_char, text)


def decode_line(raw: bytes, codec: str) -> str:
    """One line of a stream whose head is in ``codec`` (ASCII-compatible); never fails.

    Strict UTF-8 first (a legacy head says little about a line far below it), then
    ``codec``, then UTF-8 with each stray byte read as Windows-1252 (else Latin-1).
    """
    for name in dict.fromkeys(("utf-8", codec)):
        try:
            return raw.decode(name)
        except (UnicodeDecodeError, LookupError):
            continue
    return _STRAY.sub(_legacy_char, raw.decode("utf-8", "surrogateescape"))


def _legacy_char(match: re.Match[str]) -> str:
    """The Windows-1252 (else Latin-1) character of one byte kept as a surrogate escape."""
    raw = bytes([ord(match.group()) - 0xDC00])
    try:
        return raw.decode(_PREFERRED)
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def _best_match(data: bytes) -> charset_normalizer.CharsetMatch | None:
    """charset-normalizer's best guess; on a tie, the one Windows-1252 also explains.

    Short Western European texts often fit cp1250 and cp1252 equally well; news on
    the web is far more often cp1252, so the tie goes to it.
    """
    matches = list(charset_normalizer.from_bytes(data))
    if not matches:
        return None
    first = matches[0]
    tied = [m for m in matches if (m.chaos, m.coherence) == (first.chaos, first.coherence)]
    western = [m for m in tied if _PREFERRED in m.could_be_from_charset]
    return western[0] if western else first


def _unusual_share(text: str) -> float:
    sample = text[:_SAMPLE_CHARS]
    return len(_UNUSUAL.findall(sample)) / max(len(sample), 1)


def _refuse_control_characters(text: str) -> None:
    share = _unusual_share(text)
    if share > _MAX_UNUSUAL:
        raise InputError("binary", f"{share:.0%} of the characters are control characters")


def stream_encoding(head: bytes) -> str:
    """The codec for reading a large file as a stream, judged from its first bytes.

    Raise ``InputError`` (``binary`` or ``encoding``) when the head shows it is not text.
    """
    _refuse_magic(head)
    for bom, codec in _BOMS:
        if head.startswith(bom):
            return (
                "utf-8-sig" if codec == "utf-8" else codec.removesuffix("-le").removesuffix("-be")
            )
    if b"\x00" in head:
        raise InputError("binary", "contains NUL bytes")
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
        return "utf-8"
    except UnicodeDecodeError:
        pass
    best = _best_match(head)
    if best is None:
        raise InputError("encoding", "not UTF-8, and no other encoding fits the bytes")
    return best.encoding
