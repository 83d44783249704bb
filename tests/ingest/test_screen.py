"""Stories refused before parsing: too short, or in a language dateline does not code;
and the warning an undated story carries."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from spacy.language import Language

from dateline.ingest.screen import UNDATED, article_warnings, detect_language, screen
from dateline.model import Article, Extraction, Reject
from dateline.pipeline import extract_articles
from dateline.settings import Settings

FOREIGN = {
    "es": "El gobierno anunció el lunes nuevas sanciones contra el país vecino, según "
    "informaron fuentes oficiales en la capital después de una larga reunión.",
    "fr": "Le gouvernement a annoncé lundi de nouvelles sanctions contre le pays voisin, "
    "selon des sources officielles dans la capitale après une longue réunion.",
    "de": "Die Regierung hat am Montag neue Sanktionen gegen das Nachbarland angekündigt, "
    "wie offizielle Quellen in der Hauptstadt nach einer langen Sitzung mitteilten.",
    "ar": "أعلنت الحكومة يوم الاثنين فرض عقوبات جديدة على البلد المجاور بعد اجتماع طويل في "
    "العاصمة، بحسب مصادر رسمية.",
}
ENGLISH = (
    "The government announced new sanctions against its neighbour on Monday, officials "
    "in the capital said after a long meeting."
)


@pytest.mark.parametrize("language", sorted(FOREIGN))
def test_a_story_in_another_language_is_a_reject_naming_it(language: str) -> None:
    article = Article.create(FOREIGN[language], origin=f"{language}.txt")
    reject = screen(article, Settings())
    assert isinstance(reject, Reject)
    assert (reject.reason, reject.origin) == (f"language:{language}", f"{language}.txt")
    assert screen(article, Settings(languages=("en", language))) is None


def test_english_and_short_fictional_stories_are_kept() -> None:
    assert detect_language(ENGLISH)[0] == "en"
    for text in (ENGLISH, "Rohan met Gondor in Edoras.", "Gondor attacked Arnor."):
        assert screen(Article.create(text), Settings()) is None


def test_too_short_bodies_are_rejects_naming_the_limit() -> None:
    reject = screen(Article.create("Read more", origin="feed#2"), Settings())
    assert isinstance(reject, Reject)
    assert reject.reason == "too-short"
    assert "min_words" in reject.detail and "2 word" in reject.detail
    assert screen(Article.create("Read more"), Settings(min_words=2)) is None


def test_undated_articles_carry_a_warning() -> None:
    assert article_warnings(Article.create(ENGLISH)) == (UNDATED,)
    assert article_warnings(Article.create(ENGLISH, published=date(2023, 11, 6))) == ()


def test_the_pipeline_refuses_foreign_and_short_stories_and_warns_on_undated(
    nlp: Language, settings: Settings
) -> None:
    items = [
        Article.create(FOREIGN["es"], origin="es.txt"),
        Article.create("Read more", origin="teaser.txt"),
        Article.create(ENGLISH, origin="undated.txt"),
        Article.create(ENGLISH, published=date(2023, 11, 6), origin="dated.txt", source="X"),
    ]
    out = list(extract_articles(nlp, items, replace(settings, batch_size=8)))
    assert [r.reason for r in out if isinstance(r, Reject)] == ["language:es", "too-short"]
    undated, dated = (r for r in out if isinstance(r, Extraction))
    assert undated.warnings == (UNDATED,) and dated.warnings == ()
