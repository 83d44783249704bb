"""Folders and globs: only new or changed files are read, a file still being written
waits until its size is stable, and a folder that is missing is logged and retried
while the other sources go on."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from spacy.language import Language

from dateline.settings import Settings
from dateline.store import Store
from dateline.watch import WatchConfig, Watcher
from dateline.watch.state import all_sources

PARTS = ["Gondor sent troops ", "to Arnor on Monday, ", "officials said. ", "Rohan protested."]


def _append_slowly(path: Path, parts: list[str], pause: float) -> None:
    for part in parts:
        with path.open("a", encoding="utf-8") as handle:
            handle.write(part)
        time.sleep(pause)


def test_half_written_file_is_read_once_complete(
    tmp_path: Path, settings: Settings, nlp: Language
) -> None:
    inbox, gone = tmp_path / "inbox", tmp_path / "not-there"
    inbox.mkdir()
    (inbox / "done.txt").write_text("Mordor threatened Gondor on Friday.\n", encoding="utf-8")
    growing = inbox / "growing.txt"
    growing.write_text(PARTS[0], encoding="utf-8")
    now = [1_000_000.0]
    config = WatchConfig((str(inbox), str(gone), str(tmp_path / "*.jsonl")), settle=0.6)
    with Store.open(str(tmp_path / "watch.db")) as store:
        watcher = Watcher(config, settings, store, clock=lambda: now[0], nlp=nlp)
        writer = threading.Thread(target=_append_slowly, args=(growing, PARTS[1:], 0.4))
        writer.start()
        first = watcher.cycle()
        writer.join()
        assert (first.files, first.unsettled, first.ingest.inserted) == (1, 1, 1)
        assert list(first.down) == [str(gone)]  # logged; the inbox went on

        time.sleep(0.7)  # the file has settled
        second = watcher.cycle()
        assert (second.files, second.unsettled, second.ingest.inserted) == (1, 0, 1)
        texts = [e.article.text for e in store.extractions()]
        assert "".join(PARTS).strip() in texts  # the whole story, once
        assert not any(t == PARTS[0].strip() for t in texts)  # never the half

        third = watcher.cycle()  # nothing changed: nothing read (the missing one waits)
        assert (third.files, third.ingest.total, third.waiting) == (0, 0, 1)
        (inbox / "done.txt").write_text("Mordor threatened Arnor on Friday.\n", encoding="utf-8")
        gone.mkdir()
        (gone / "late.txt").write_text("Arnor sent aid to Rohan.\n", encoding="utf-8")
        now[0] += 61
        fourth = watcher.cycle()
        assert (fourth.files, fourth.ingest.inserted, fourth.down) == (2, 2, {})
        assert {s.source: s.failures for s in all_sources(store.engine)}[str(gone)] == 0
        assert store.counts()["articles"] == 4
