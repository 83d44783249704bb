"""Hypothesis: no document, however broken, makes a reader raise."""

from __future__ import annotations

import json
from dataclasses import replace

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dateline.ingest import read_bytes
from dateline.ingest.records import parse_jsonl
from dateline.model import Article, Reject
from dateline.settings import Settings

SMALL = Settings(max_doc_bytes=4_096)
FORMATS = st.sampled_from([None, "text", "jsonl", "json", "csv", "html", "feed"])
PREFIXES = st.sampled_from(
    [
        b"",
        b"\xef\xbb\xbf",
        b"\xff\xfe",
        b"{",
        b"<?xml version='1.0'?><rss><channel><item>",
        b"<html><body><p>",
        b"text,id\n",
        b"date 2021-07-26 (X) -- ",
        b"\x89PNG\r\n\x1a\n",
    ]
)


def _check(results: list[Article | Reject], origin: str) -> None:
    for result in results:
        assert isinstance(result, Article | Reject)
        assert (result.origin or "").startswith(origin)
        if isinstance(result, Article):
            assert result.text and result.text == result.text.strip()
        else:
            assert result.reason and result.detail


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(prefix=PREFIXES, data=st.binary(max_size=600), fmt=FORMATS)
def test_read_bytes_never_raises(prefix: bytes, data: bytes, fmt: str | None) -> None:
    results = list(read_bytes(prefix + data, "doc", SMALL, fmt))  # type: ignore[arg-type]
    assert results
    _check(results, "doc")


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=300), FORMATS)
def test_read_bytes_on_any_text_never_raises(text: str, fmt: str | None) -> None:
    _check(list(read_bytes(text.encode("utf-8", "surrogatepass"), "t", SMALL, fmt)), "t")  # type: ignore[arg-type]


JSON_VALUES = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.text(max_size=20)
    | st.lists(st.integers(), max_size=2)
)
RECORDS = st.fixed_dictionaries(
    {}, optional={key: JSON_VALUES for key in ("text", "id", "date", "source", "title", "url")}
)


@settings(max_examples=50, deadline=None)
@given(st.lists(RECORDS, max_size=5))
def test_any_json_records_give_one_result_each(records: list[dict[str, object]]) -> None:
    lines = [(n, json.dumps(r)) for n, r in enumerate(records, 1)]
    results = list(parse_jsonl(lines, "f"))
    assert [r.origin.split("#")[0] if r.origin else "" for r in results] == [
        f"f:{n}" for n, _ in lines
    ]


@settings(max_examples=30, deadline=None)
@given(st.binary(min_size=1, max_size=64))
def test_cap_is_exact(data: bytes) -> None:
    small = replace(SMALL, max_doc_bytes=len(data) - 1)
    (result,) = read_bytes(data, "capped", small)
    assert isinstance(result, Reject) and result.reason == "too-large"
