"""Files, folders, globs and stdin; caps, duplicates and counts that add up."""

from __future__ import annotations

import gzip
import io
import json
import os
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest

import dateline.ingest
from dateline.ingest import read_paths
from dateline.model import Article, Reject
from dateline.settings import Settings


def _write(folder: Path, name: str, data: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return path


def test_public_api_is_pinned() -> None:
    assert sorted(dateline.ingest.__all__) == [
        "parse_text_article",
        "read_bytes",
        "read_paths",
        "read_stream",
    ]


def test_folder_is_recursive_sorted_and_skips_hidden(tmp_path: Path, settings: Settings) -> None:
    for name in ["b.txt", "a.txt", "sub/c.txt", "sub/deeper/d", ".hidden.txt", ".git/e.txt"]:
        _write(tmp_path, name, f"Story {name}.")
    origins = [r.origin for r in read_paths([tmp_path], settings)]
    expected = ["a.txt", "b.txt", "sub/c.txt", "sub/deeper/d"]
    assert origins == [str(tmp_path / name) for name in expected]


def test_glob_and_missing(tmp_path: Path, settings: Settings) -> None:
    _write(tmp_path, "x1.txt", "One.")
    _write(tmp_path, "x2.txt", "Two.")
    _write(tmp_path, "y.txt", "Three.")
    results = list(read_paths([str(tmp_path / "x*.txt"), tmp_path / "nope.txt"], settings))
    assert [r.origin for r in results] == [
        str(tmp_path / "x1.txt"),
        str(tmp_path / "x2.txt"),
        str(tmp_path / "nope.txt"),
    ]
    assert isinstance(results[2], Reject) and results[2].reason == "not-found"


def test_stdin_is_injectable(settings: Settings) -> None:
    stdin = io.BytesIO(b"WASHINGTON (Reuters) - From stdin.")
    (article,) = read_paths(["-"], settings, stdin=stdin)
    assert isinstance(article, Article)
    assert (article.text, article.source, article.origin) == ("From stdin.", "Reuters", "<stdin>")


def test_stdin_over_the_cap_is_too_large(settings: Settings) -> None:
    small = replace(settings, max_doc_bytes=1_000)
    (result,) = read_paths(["-"], small, stdin=io.BytesIO(b"word " * 10_000))
    assert isinstance(result, Reject) and result.reason == "too-large"


def test_stdin_jsonl_over_the_cap_is_streamed(settings: Settings) -> None:
    small = replace(settings, max_doc_bytes=1_000)
    lines = [json.dumps({"text": f"Story number {n}."}) for n in range(200)]
    stdin = io.BytesIO("\n".join(lines).encode())
    results = list(read_paths(["-"], small, stdin=stdin))
    assert len(results) == 200 and all(isinstance(r, Article) for r in results)
    assert results[-1].origin == "<stdin>:200"


def test_20_mb_file_is_too_large_and_not_read(
    tmp_path: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _write(tmp_path, "huge.txt", b"All work and no play. " * 1_000_000)
    assert path.stat().st_size > 20_000_000

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the file was opened")

    monkeypatch.setattr(Path, "open", refuse)
    (result,) = read_paths([path], settings)
    assert isinstance(result, Reject) and result.reason == "too-large"
    assert "max_doc_bytes" in result.detail


def test_duplicates_are_reported_once_seen(tmp_path: Path, settings: Settings) -> None:
    _write(tmp_path, "a.txt", "date 2021-07-26 (AP) -- Same   story.")
    _write(tmp_path, "b.txt", "date 2021-07-27 (AP) -- Same story.\n\n© AP")
    _write(tmp_path, "c.txt", "date 2021-07-26 (AFP) -- Same story.")
    results = list(read_paths([tmp_path, tmp_path / "a.txt"], settings))
    kinds = [(Path(r.origin or "").name, getattr(r, "reason", "article")) for r in results]
    assert kinds == [
        ("a.txt", "article"),
        ("b.txt", "duplicate"),
        ("c.txt", "article"),
        ("a.txt", "duplicate"),
    ]
    assert isinstance(results[1], Reject)
    assert str(tmp_path / "a.txt") in results[1].detail


def test_unreadable_entries(tmp_path: Path, settings: Settings) -> None:
    os.symlink(tmp_path / "missing-target", tmp_path / "broken-link")
    (result,) = read_paths([tmp_path / "broken-link"], settings)
    assert isinstance(result, Reject) and result.reason == "unreadable"


def test_mixed_folder_counts_add_up(tmp_path: Path, settings: Settings) -> None:
    documents: dict[str, tuple[str | bytes, int]] = {
        "story.txt": ("WASHINGTON (Reuters) - One.", 1),
        "utf16.txt": ("BAGHDAD (AP) — Two.".encode("utf-16"), 1),
        "records.jsonl": ('{"text": "Three."}\n{broken\n{"text": "Four."}\n', 3),
        "rows.csv": ("text,source\nFive.,AP\n,AP\n", 2),
        "image.png": (b"\x89PNG\r\n\x1a\n" + bytes(100), 1),
        "archive.gz": (gzip.compress(b"hidden story"), 1),
        "blank.txt": ("  \n\n ", 1),
        "nul.txt": (b"abc\x00\x01\x02\x03def\x00", 1),
        "page.html": ("<html><body><script>x()</script></body></html>", 1),
        "feed.xml": (
            "<rss><channel><item><title>T</title>"
            "<description>Six.</description></item></channel></rss>",
            1,
        ),
        "broken.rss": ("<rss><chan", 1),
        "copy.txt": ("WASHINGTON (Reuters) - One.\n\n© Reuters", 1),
    }
    for name, (data, _) in documents.items():
        _write(tmp_path, name, data)
    results = list(read_paths([tmp_path], settings))
    assert len(results) == sum(count for _, count in documents.values())
    reasons = Counter(getattr(r, "reason", "article") for r in results)
    assert reasons == {
        "article": 6,
        "json": 1,
        "empty": 3,
        "binary": 3,
        "feed": 1,
        "duplicate": 1,
    }


def test_a_file_name_that_is_not_utf8_is_read_under_a_storable_origin(
    tmp_path: Path, settings: Settings
) -> None:
    name = os.fsdecode(b"b_\xff.txt")  # the bad byte comes back as a surrogate escape
    _write(tmp_path, name, "Gondor sent troops to Arnor.")
    _write(tmp_path, os.fsdecode(b"c_\xfe.txt"), b"")
    article, reject = read_paths([tmp_path], settings)
    assert article.origin == str(tmp_path / "b_\\xff.txt")
    assert reject.origin == str(tmp_path / "c_\\xfe.txt")
    assert (article.origin + reject.origin).encode("utf-8")  # no surrogate left


def _nest_beyond_path_max(root: Path) -> None:
    """Folders nested deeper than PATH_MAX (built relative to each other); a story in
    the deepest one. Listing it by its full path fails even for root (ENAMETOOLONG)."""
    fd = os.open(root, os.O_RDONLY)
    try:
        for level in range(20):  # 20 x 202 bytes > PATH_MAX (4,096)
            name = f"{level:02d}" + "d" * 200
            os.mkdir(name, dir_fd=fd)
            inner = os.open(name, os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = inner
        story = os.open("story.txt", os.O_WRONLY | os.O_CREAT, dir_fd=fd)
        os.write(story, b"Gondor sent troops to Arnor.")
        os.close(story)
    finally:
        os.close(fd)


def test_a_folder_that_cannot_be_listed_is_a_reject(tmp_path: Path, settings: Settings) -> None:
    _write(tmp_path, "a.txt", "Rohan met Gondor.")
    (tmp_path / "deep").mkdir()
    _nest_beyond_path_max(tmp_path / "deep")
    results = list(read_paths([tmp_path], settings))
    assert isinstance(results[0], Article)
    rejects = [r for r in results if isinstance(r, Reject)]
    assert [r.reason for r in rejects] == ["unreadable"]
    assert "cannot list the folder" in rejects[0].detail
    assert rejects[0].origin.startswith(str(tmp_path / "deep"))


@pytest.mark.skipif(os.geteuid() == 0, reason="root lists folders whatever their mode")
def test_a_folder_without_permission_is_a_reject(tmp_path: Path, settings: Settings) -> None:
    _write(tmp_path, "locked/story.txt", "Gondor sent troops to Arnor.")
    (tmp_path / "locked").chmod(0)
    try:
        (result,) = read_paths([tmp_path], settings)
    finally:
        (tmp_path / "locked").chmod(0o755)
    assert isinstance(result, Reject) and result.reason == "unreadable"
    assert result.origin == str(tmp_path / "locked")


def test_an_empty_folder_is_empty_not_missing(tmp_path: Path, settings: Settings) -> None:
    (tmp_path / "nothing").mkdir()
    (result,) = read_paths([tmp_path / "nothing"], settings)
    assert isinstance(result, Reject) and result.reason == "empty"


def test_globs_never_follow_folder_links_and_read_each_file_once(
    tmp_path: Path, settings: Settings
) -> None:
    _write(tmp_path, "corpus/a.txt", "Rohan met Gondor.")
    _write(tmp_path, "corpus/sub/b.txt", "Harad praised Rhun.")
    os.symlink("..", tmp_path / "corpus" / "up")  # two links to parents: an endless tree
    os.symlink("../..", tmp_path / "corpus" / "sub" / "top")
    os.symlink("a.txt", tmp_path / "corpus" / "same-as-a.txt")
    for pattern in ("corpus/**", "corpus/**/*.txt", "**/*.txt", "corpus/**/sub"):
        results = list(read_paths([str(tmp_path / pattern)], settings))
        origins = sorted(Path(r.origin or "").name for r in results)
        expected = ["b.txt"] if pattern.endswith("sub") else ["a.txt", "b.txt"]
        assert origins == expected, pattern
    folder = list(read_paths([tmp_path / "corpus"], settings))
    assert sorted(Path(r.origin or "").name for r in folder) == ["a.txt", "b.txt"]


def test_two_stdin_documents_rejected_for_one_reason_stay_two(settings: Settings) -> None:
    (first,) = read_paths(["-"], settings, stdin=io.BytesIO(b"\x89PNG\r\n\x1a\nA"))
    (second,) = read_paths(["-"], settings, stdin=io.BytesIO(b"\x89PNG\r\n\x1a\nB"))
    assert isinstance(first, Reject) and isinstance(second, Reject)
    assert first.reason == second.reason == "binary"
    assert first.origin.startswith("<stdin sha256:") and first.origin.endswith(">")
    assert first.id != second.id
    jsonl = io.BytesIO(b'{"text": "Rohan met Gondor."}\n{bad\n')
    _, line = read_paths(["-"], settings, stdin=jsonl)
    assert isinstance(line, Reject) and line.origin.endswith(">:2")


def test_paths_past_path_max_are_rejects_by_glob_and_by_name(
    tmp_path: Path, settings: Settings
) -> None:
    (tmp_path / "deep").mkdir()
    _nest_beyond_path_max(tmp_path / "deep")
    by_glob = list(read_paths([str(tmp_path / "deep" / "**")], settings))
    assert [r.reason for r in by_glob if isinstance(r, Reject)] == ["unreadable"]
    too_long = str(tmp_path / "deep" / ("x" * 250)) * 20
    (by_name,) = read_paths([too_long], settings)
    assert isinstance(by_name, Reject) and by_name.reason == "unreadable"
