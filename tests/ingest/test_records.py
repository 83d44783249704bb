"""JSON Lines, JSON and CSV: one article per record, a reject per bad record."""

from __future__ import annotations

import csv
import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from dateline.ingest import read_bytes, read_paths
from dateline.model import Article, Reject
from dateline.settings import Settings


def _by_origin(results: list[Article | Reject]) -> dict[str, Article | Reject]:
    return {r.origin or "": r for r in results}


def _reason(result: Article | Reject) -> str:
    assert isinstance(result, Reject)
    return result.reason


def test_jsonl_fields_and_bad_lines(tmp_path: Path, settings: Settings) -> None:
    lines = [
        json.dumps(
            {
                "id": "a1",
                "text": "Iraq said.",
                "source": "AP",
                "date": "2021-07-26",
                "title": "T",
                "url": "https://e.x/a",
            }
        ),
        '{"text": "truncated',
        "[1, 2]",
        json.dumps({"title": "no text"}),
        json.dumps({"text": "   "}),
        json.dumps({"text": 42}),
        "",
        json.dumps({"text": "WASHINGTON (Reuters) - Bad date.", "date": "2021-13-45"}),
    ]
    path = tmp_path / "corpus.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    results = _by_origin(list(read_paths([path], settings)))
    first = results[f"{path}:1#a1"]
    assert isinstance(first, Article)
    assert (first.text, first.source, first.published) == ("Iraq said.", "AP", date(2021, 7, 26))
    assert (first.title, first.url) == ("T", "https://e.x/a")
    reasons = {o.rsplit(":", 1)[1]: r.reason for o, r in results.items() if isinstance(r, Reject)}
    assert reasons == {"2": "json", "3": "record", "4": "record", "5": "empty", "6": "record"}
    last = results[f"{path}:8"]
    assert isinstance(last, Article)
    assert (last.text, last.source, last.published) == ("Bad date.", "Reuters", None)


def test_jsonl_crlf_bom_and_latin1_lines(tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "c.ndjson"
    path.write_bytes(b'\xef\xbb\xbf{"text": "One."}\r\n{"text": "Two."}\r\n')
    texts = [r.text for r in read_paths([path], settings) if isinstance(r, Article)]
    assert texts == ["One.", "Two."]


def test_jsonl_line_over_the_cap_is_rejected_alone(tmp_path: Path, settings: Settings) -> None:
    small = replace(settings, max_doc_bytes=1_000)
    path = tmp_path / "big.jsonl"
    rows = [{"text": "Short one."}, {"text": "x" * 5_000}, {"text": "Short two."}]
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    results = list(read_paths([path], small))
    assert [(r.origin, type(r).__name__) for r in results] == [
        (f"{path}:1", "Article"),
        (f"{path}:2", "Reject"),
        (f"{path}:3", "Article"),
    ]
    assert isinstance(results[1], Reject) and results[1].reason == "too-large"


def test_empty_jsonl_file_is_one_reject(tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "none.jsonl"
    path.write_text("\n\n", encoding="utf-8")
    assert [(r.origin, getattr(r, "reason", None)) for r in read_paths([path], settings)] == [
        (str(path), "empty")
    ]


def test_csv_rows(tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "stories.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "Text", "source", "date"])
        writer.writerow(["1", "Line one.\nLine two, with comma.", "AP", "July 26, 2021"])
        writer.writerow(["2", "", "AP", ""])
        writer.writerow(["3"])
        writer.writerow(["4", "Fourth.", "AFP", "not a date"])
    results = _by_origin(list(read_paths([path], settings)))
    first = results[f"{path}:2#1"]
    assert isinstance(first, Article)
    assert first.text == "Line one.\nLine two, with comma."
    assert (first.source, first.published) == ("AP", date(2021, 7, 26))
    assert _reason(results[f"{path}:4"]) == "empty"
    assert _reason(results[f"{path}:5"]) == "record"
    fourth = results[f"{path}:6#4"]
    assert isinstance(fourth, Article) and fourth.published is None


def test_csv_big_field_within_the_cap(tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "big.csv"
    body = "word " * 60_000  # 300 kB, over csv's default field limit of 128 kB
    path.write_text(f'text\n"{body}"\n', encoding="utf-8")
    (article,) = read_paths([path], settings)
    assert isinstance(article, Article) and article.text == body.strip()


@pytest.mark.parametrize(
    ("content", "reason"),
    [("id,body\n1,hello\n", "csv"), ("", "csv"), ("text\n", "empty")],
)
def test_csv_without_usable_rows(
    content: str, reason: str, tmp_path: Path, settings: Settings
) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(content, encoding="utf-8")
    results = list(read_paths([path], settings))
    assert len(results) == 1 and isinstance(results[0], Reject)
    assert results[0].reason == reason


def test_csv_in_windows_1252(tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "legacy.csv"
    text = "Le président a déclaré que la réunion était très importante."
    path.write_bytes(f"text\n{text}\n".encode("cp1252"))
    (article,) = read_paths([path], settings)
    assert isinstance(article, Article) and article.text == text


def test_json_document_object_and_array(settings: Settings) -> None:
    (one,) = read_bytes(b'{"text": "Alone."}', "one.json", settings)
    assert isinstance(one, Article) and one.origin == "one.json"
    many = list(read_bytes(b'[{"text": "A."}, 3, {"text": "B."}]', "many.json", settings))
    assert [(r.origin, type(r).__name__) for r in many] == [
        ("many.json#1", "Article"),
        ("many.json#2", "Reject"),
        ("many.json#3", "Article"),
    ]
    (broken,) = read_bytes(b'{"text": ', "broken.json", settings)
    assert isinstance(broken, Reject) and broken.reason == "json"


def test_jsonl_in_memory_and_sniffed(settings: Settings) -> None:
    data = b'{"text": "A."}\nnot json\n{"text": "B."}\n'
    results = list(read_bytes(data, "<http>", settings))
    assert [type(r).__name__ for r in results] == ["Article", "Reject", "Article"]
    assert results[1].origin == "<http>:2"


def test_lone_surrogates_in_jsonl_fields_become_replacement_characters(
    tmp_path: Path, settings: Settings
) -> None:
    path = tmp_path / "s.jsonl"
    escaped = "\\udc80"  # a JSON escape that decodes to a lone surrogate
    path.write_text(
        f'{{"text": "Gondor sent troops{escaped}.", "title": "T{escaped}", '
        f'"url": "https://e.x/{escaped}", "id": "a{escaped}", "source": "AP{escaped}"}}\n'
        '{"text": "Rohan met Gondor."}\n',
        encoding="utf-8",
    )
    first, second = read_paths([path], settings)
    assert isinstance(first, Article) and isinstance(second, Article)
    assert first.text == "Gondor sent troops\ufffd."
    assert (first.title, first.url, first.source) == ("T\ufffd", "https://e.x/\ufffd", "AP\ufffd")
    assert first.origin == f"{path}:1#a\ufffd"
    for value in (first.text, first.title, first.url, first.origin, first.id):
        assert value is not None and value.encode("utf-8")


def test_a_huge_integer_rejects_its_line_only(tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "big-int.jsonl"
    lines = ['{"text": "Rohan met Gondor."}', '{"text": "x", "n": ' + "9" * 5000 + "}",
             '{"text": "Harad praised Rhun."}']  # fmt: skip
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    results = {r.origin: r for r in read_paths([path], settings)}
    assert isinstance(results[f"{path}:1"], Article)
    bad = results[f"{path}:2"]
    assert isinstance(bad, Reject) and bad.reason == "json" and "5000 digits" in bad.detail
    assert isinstance(results[f"{path}:3"], Article)


def test_a_legacy_byte_deep_in_jsonl_costs_no_line_and_rejects_name_their_line(
    tmp_path: Path, settings: Settings
) -> None:
    path = tmp_path / "mixed.jsonl"
    good = [json.dumps({"text": f"Gondor sent {n} troops to Arnor, the ministry said."})
            for n in range(2000)]  # fmt: skip  (over 64 KB before the legacy byte)
    legacy = '{"text": "Le pr\xe9sident a parl\xe9."}'.encode("latin-1")
    data = "\n".join(good[:1500]).encode() + b"\n" + legacy + b"\n{broken\n"
    path.write_bytes(data + "\n".join(good[1500:]).encode() + b"\n")
    assert len(data) > 65_536
    results = list(read_paths([path], settings))
    assert len(results) == 2002
    by_origin = {r.origin: r for r in results}
    assert isinstance(by_origin[f"{path}:1501"], Article)
    assert by_origin[f"{path}:1501"].text == "Le président a parlé."
    broken = by_origin[f"{path}:1502"]
    assert isinstance(broken, Reject) and broken.reason == "json"
    assert sum(isinstance(r, Article) for r in results) == 2001


def test_jsonl_with_cr_only_line_ends(tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "cr.jsonl"
    path.write_bytes(b'{"text": "Rohan met Gondor."}\r{oops\r{"text": "Harad met Rhun."}\r')
    results = list(read_paths([path], settings))
    assert [type(r).__name__ for r in results] == ["Article", "Reject", "Article"]
    assert results[1].origin == f"{path}:2"


def test_jsonl_in_memory_with_any_line_end(settings: Settings) -> None:
    separator = "\u2028".encode()  # a line separator inside a JSON string is no line end
    data = b'{"text": "Rohan met Gondor."}\r{oops\r\n{"text": "Harad met Rhun ' + separator
    data += b' today."}\n'
    results = list(read_bytes(data, "<stdin>", settings))
    assert [type(r).__name__ for r in results] == ["Article", "Reject", "Article"]
    assert results[1].origin == "<stdin>:2"
