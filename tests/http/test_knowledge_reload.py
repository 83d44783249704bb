"""A long-running ``serve`` sees an edited user dictionary: the ingest endpoint builds
its pipeline again when a ``--knowledge`` file changes (regression: the knowledge was
cached for the life of the process)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import httpx
import pytest

from conftest import TOKEN, serve  # type: ignore[import-not-found]
from dateline.settings import Settings
from dateline.store import Store
from dateline.webapi import ServeConfig, create_app

PEOPLE = "name,aliases,code,sector,office,start,end,wikidata\n"


def _codes(http: httpx.Client, story: str) -> set[str]:
    auth = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/x-ndjson"}
    line = json.dumps({"text": story, "source": "Test Wire", "date": "2024-03-04"})
    body = http.post("/api/ingest", content=line, headers=auth).json()
    assert body["inserted"] == 1, body
    record = http.get(f"/api/articles/{body['articles'][0]}").json()
    return {a["code"] for a in record["actors"] if a["text"] == "Jan Novak" and a["code"]}


@pytest.mark.slow
def test_serve_reads_an_edited_dictionary_again(tmp_path: Path, settings: Settings) -> None:
    people = tmp_path / "people.csv"
    people.write_text(PEOPLE + "Jan Novak,Novak,CZE,GOV,President,2020-01-01,,\n")
    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    Store.open(url).close()
    app_settings = Settings(db_url=url, cache_dir=settings.cache_dir, user_knowledge=(people,))
    live = serve(create_app(app_settings, ServeConfig(allow_ingest=True, token=TOKEN)))
    try:
        with httpx.Client(base_url=live.url, timeout=300) as http:
            before = _codes(http, "Jan Novak met the French foreign minister in Paris on Monday.")
            people.write_text(PEOPLE + "Jan Novak,Novak,SVK,GOV,President,2020-01-01,,\n")
            stat = people.stat()  # the same second and size must still count as an edit
            os.utime(people, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
            after = _codes(http, "Jan Novak met the German foreign minister in Berlin on Monday.")
    finally:
        live.server.should_exit = True
        live.thread.join(timeout=10)
    assert (before, after) == ({"CZE"}, {"SVK"})
