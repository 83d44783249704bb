from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dateline.model import Article, article_id, event_id


def test_article_id_is_a_pure_function_of_source_and_text() -> None:
    a = Article.create("Troops withdrew.", source="Wire")
    b = Article.create("Troops withdrew.", source="Wire", title="another title")
    assert a.id == b.id
    assert a.id.startswith("sha256:") and len(a.id) == 7 + 64


def test_rewrapped_text_keeps_its_id_but_other_text_does_not() -> None:
    assert article_id("Wire", "Troops  withdrew\nfrom the city.") == article_id(
        "Wire", "Troops withdrew from the city."
    )
    assert article_id("Wire", "Troops withdrew.") != article_id("Wire", "Troops returned.")
    assert article_id("Wire", "Troops withdrew.") != article_id("Other", "Troops withdrew.")


def test_event_id_depends_on_article_span_and_type() -> None:
    base = event_id("sha256:a", (3, 9), "RETREAT")
    assert base == event_id("sha256:a", (3, 9), "RETREAT")
    assert base != event_id("sha256:b", (3, 9), "RETREAT")
    assert base != event_id("sha256:a", (3, 10), "RETREAT")
    assert base != event_id("sha256:a", (3, 9), "ASSAULT")


def test_records_are_frozen() -> None:
    article = Article.create("Text.")
    with pytest.raises(dataclasses.FrozenInstanceError):
        article.text = "changed"  # type: ignore[misc]


@given(st.text(), st.text())
def test_whitespace_never_changes_the_id(source: str, text: str) -> None:
    assert article_id(source, text) == article_id(source, " " + text.replace(" ", "  ") + "\n")
