from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from spacy.language import Language

from dateline.model import Article, Extraction, Reject
from dateline.pipeline import extract_articles
from dateline.settings import Settings


def test_rejects_pass_through_and_order_is_kept(nlp: Language, settings: Settings) -> None:
    items = [
        Article.create("Gondor sent troops to Arnor on Monday."),
        Reject("bad.bin", "binary", "not text"),
        Article.create("Arnor thanked Gondor."),
    ]
    out = list(extract_articles(nlp, items, settings))
    assert [type(r) for r in out] == [Extraction, Reject, Extraction]
    assert out[0].article.id == items[0].id  # type: ignore[union-attr]


def test_over_long_body_is_a_reject_with_the_limit(nlp: Language, settings: Settings) -> None:
    small = replace(settings, max_chars=50)
    out = list(extract_articles(nlp, [Article.create("word " * 20, origin="long.txt")], small))
    assert isinstance(out[0], Reject)
    assert out[0].reason == "too-long" and "50" in out[0].detail and out[0].origin == "long.txt"


def test_a_failing_component_rejects_only_its_document(settings: Settings) -> None:
    import spacy

    nlp = spacy.blank("en")

    @Language.component("explode_on_boom")
    def explode(doc):  # type: ignore[no-untyped-def]
        if "boom" in doc.text:
            raise RuntimeError("component failed")
        return doc

    nlp.add_pipe("explode_on_boom")
    items = [Article.create(t) for t in ("the fine one", "a boom here", "the fine two")]
    out = list(extract_articles(nlp, items, replace(settings, batch_size=8)))
    assert [type(r).__name__ for r in out] == ["Extraction", "Reject", "Extraction"]
    assert isinstance(out[1], Reject)
    assert out[1].reason == "pipeline-error" and "component failed" in out[1].detail


@pytest.mark.parametrize("batch_size", [1, 2, 64])
def test_batch_size_does_not_change_results(
    nlp: Language, settings: Settings, batch_size: int
) -> None:
    texts = ["Gondor attacked Arnor.", "Rohan met Gondor in Edoras.", "Nothing happened."]
    articles = [Article.create(t) for t in texts]
    reference = list(extract_articles(nlp, articles, replace(settings, batch_size=64)))
    assert list(extract_articles(nlp, articles, replace(settings, batch_size=batch_size))) == (
        reference
    )


@pytest.mark.slow
def test_two_processes_give_the_same_records_as_one(nlp: Language, settings: Settings) -> None:
    texts = [f"Gondor sent {n} soldiers to Arnor on Monday, officials said." for n in range(12)]
    articles = [Article.create(t) for t in texts] + [Reject("x.bin", "binary", "")]
    serial = list(extract_articles(nlp, articles, replace(settings, batch_size=4)))
    parallel = list(
        extract_articles(nlp, articles, replace(settings, batch_size=4, n_process=2))
    )
    assert parallel == serial


def test_a_failing_extractor_empties_only_its_records(
    nlp: Language, settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    """An extractor that fails on one story is logged with the article id; its records
    are empty, the other extractors' records and the other stories are kept."""
    import spacy

    @Language.factory("quotes_exploding_on_boom", assigns=["doc._.dateline_quotes"])
    def make(nlp: Language, name: str):  # type: ignore[no-untyped-def]
        def explode(doc):  # type: ignore[no-untyped-def]
            if "boom" in doc.text:
                doc._.dateline_quotes = ["half-written"]
                raise RuntimeError("quote extractor failed")
            return doc

        return explode

    faulty = spacy.load(settings.model)  # the real pipeline, with a faulty quote extractor
    for name in nlp.pipe_names:
        if name.startswith("dateline_") and name not in faulty.pipe_names:
            faulty.add_pipe(name, source=nlp)
    faulty.replace_pipe("dateline_quotes", "quotes_exploding_on_boom")
    items = [Article.create(t, origin=t[:4]) for t in (
        "Chile sent troops to Peru on Monday, officials said.",
        "boom: Chile sent troops to Peru on Monday, officials said.",
    )]  # fmt: skip  (real countries: a row needs a coded actor)
    with caplog.at_level("WARNING", logger="dateline.pipeline"):
        fine, hit = extract_articles(faulty, items, replace(settings, batch_size=8))
    assert isinstance(fine, Extraction) and isinstance(hit, Extraction)
    assert hit.quotes == () and hit.events and hit.actors and hit.times
    assert [e.event for e in hit.events] == [e.event for e in fine.events]
    (record,) = caplog.records
    assert items[1].id in record.getMessage() and "dateline_quotes" in record.getMessage()


def test_an_article_whose_date_arithmetic_overflows_is_kept(
    nlp: Language, settings: Settings
) -> None:
    stories = [
        ("The temple was built 3000 years ago, officials in Gondor said.", date(2021, 7, 1)),
        ("Gondor will attack Arnor next year, officials said.", date(9999, 12, 31)),
    ]
    items = [Article.create(text, published=day) for text, day in stories]
    for result in extract_articles(nlp, items, settings):
        assert isinstance(result, Extraction), result
        assert result.times and all(t.value is None for t in result.times)
