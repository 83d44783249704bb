"""Store failures: one article the database refuses is that article's reject and the
run goes on; database-wide failures (read-only file, corrupt file) stop with one line."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from dateline.api import record_result
from dateline.store import Store
from store.factories import make_extraction


def test_an_article_the_database_refuses_becomes_its_reject(tmp_path: Path) -> None:
    good, bad = make_extraction(1), make_extraction(2)
    # built through the Python API, so no reader cleaned it: UTF-8 cannot encode the title
    bad = replace(bad, article=replace(bad.article, title="T\udc80", origin="api\udc81"))
    counts = {"inserted": 0, "unchanged": 0, "rejected": 0, "events": 0}
    with Store.open(str(tmp_path / "s.db")) as store:
        outcomes = [record_result(store, e, None, counts) for e in (bad, good)]
        (reject,) = store.rejects()
        stored = [e.article.id for e in store.extractions()]
        assert store.check().ok
    assert outcomes == ["rejected", "inserted"]
    assert counts == {"inserted": 1, "unchanged": 0, "rejected": 1, "events": 3}
    assert stored == [good.article.id]
    assert (reject["origin"], reject["reason"]) == ("api\ufffd", "unstorable")
    assert "UnicodeEncodeError" in reject["detail"] and bad.article.id in reject["detail"]
