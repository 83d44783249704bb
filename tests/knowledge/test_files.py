"""Knowledge files: stamps key the caches, so an edited user file is read again."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from dateline.errors import KnowledgeError
from dateline.knowledge.actors import load_actor_knowledge
from dateline.knowledge.files import (
    LINE,
    data_path,
    file_stamps,
    read_mapping,
    read_word_list,
    read_yaml,
)

PEOPLE = "name,aliases,code,sector,office,start,end,wikidata\n"


def _touch_later(path: Path) -> None:
    """A later modification time, so an edit within the clock's resolution still counts."""
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))


def test_stamps_change_with_an_edit(tmp_path: Path) -> None:
    path = tmp_path / "people.csv"
    path.write_text(PEOPLE)
    before = file_stamps([path])
    assert file_stamps([path]) == before
    path.write_text(PEOPLE + "Zorblax Quint,,CZE,GOV,President,2020-01-01,,\n")
    assert file_stamps([path]) != before
    assert file_stamps([tmp_path / "missing.csv"]) == ((str(tmp_path / "missing.csv"), -1, -1),)


def test_a_folder_is_stamped_with_every_file_in_it(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "people.csv").write_text(PEOPLE)
    before = file_stamps([folder])
    assert [s[0] for s in before] == [str(folder), str(folder / "people.csv")]
    (folder / "people.csv").write_text(PEOPLE + "Zorblax Quint,,CZE,GOV,President,2020-01-01,,\n")
    assert file_stamps([folder]) != before


def test_an_edited_user_table_is_read_again(tmp_path: Path) -> None:
    path = tmp_path / "people.csv"
    path.write_text(PEOPLE + "Zorblax Quint,,CZE,GOV,President,2020-01-01,,\n")
    first = load_actor_knowledge([path])
    assert load_actor_knowledge([path]) is first  # unchanged: the cached tables
    path.write_text(PEOPLE + "Zorblax Prime,,CZE,GOV,President,2020-01-01,,\n")
    _touch_later(path)
    edited = load_actor_knowledge([path])
    assert "zorblax prime" in {a.lower() for a in edited.aliases}
    assert "zorblax quint" not in {a.lower() for a in edited.aliases}


def test_packaged_files_are_found() -> None:
    assert data_path("plover_codebook.yaml").is_file()


def test_word_list_reports_the_file_and_line_of_a_bad_entry(tmp_path: Path) -> None:
    path = tmp_path / "words.txt"
    path.write_text("# a comment\nmay\n\nhunt  # inline comment\nmay\n")
    with pytest.raises(KnowledgeError, match=r"words.txt:5: 'may' repeats line 2"):
        read_word_list(path)
    path.write_text("may\nfirst\tsecond\n")
    with pytest.raises(KnowledgeError, match=r"words.txt:2: stray whitespace"):
        read_word_list(path)
    path.write_text("# only a comment\nmay\nhunt  # inline comment\nthe end\n")
    assert read_word_list(path) == {"may", "hunt", "the end"}


def test_yaml_errors_name_the_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "lexicon.yaml"
    path.write_text("words:\n  - a\n  - b\n bad: [\n")
    with pytest.raises(KnowledgeError, match=r"lexicon.yaml:4: not valid YAML"):
        read_yaml(path)
    path.write_text("- a\n- b\n")
    with pytest.raises(KnowledgeError, match=r"lexicon.yaml: expected a mapping"):
        read_mapping(path)
    path.write_text("a:\n  b: 1\n")
    assert read_yaml(path) == {"a": {"b": 1, LINE: 2}, LINE: 1}
    assert read_mapping(path) == {"a": {"b": 1}}


def test_the_moved_word_lists_are_packaged() -> None:
    from dateline.extract import places
    from dateline.knowledge import actors

    assert "may" in actors.AMBIGUOUS_SURNAMES and len(actors.AMBIGUOUS_SURNAMES) == 236
    assert {"say", "attack"} <= places.ACTION_VERBS and "battle" in places.FALLBACK_STOP
