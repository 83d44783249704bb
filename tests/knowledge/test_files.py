"""Knowledge files: stamps key the caches, so an edited user file is read again."""

from __future__ import annotations

import os
from pathlib import Path

from dateline.knowledge.actors import load_actor_knowledge
from dateline.knowledge.files import data_path, file_stamps

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
