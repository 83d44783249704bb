"""Checks on a story once it is read and before it is parsed: long enough, and in a
language dateline codes; and the warnings an article carries into the store.

Language is detected with py3langid (langid.py's model, shipped inside the package:
nothing is downloaded). A story is a ``language:xx`` reject only when the detector is
sure (probability at least ``SURE``) that it is in a language not in
``Settings.languages``; short or mixed texts it cannot judge are kept.
"""

from __future__ import annotations

from functools import lru_cache

from py3langid.langid import MODEL_FILE, LanguageIdentifier

from dateline.model import Article, Reject
from dateline.settings import Settings

#: How sure the detector must be before a story is refused for its language.
SURE = 0.8
#: Characters of a story the detector reads (the start says enough, and it bounds time).
_SAMPLE = 1_000
UNDATED = (
    "undated: no story date in the metadata, header, file name, feed or --date; "
    "relative times in it are not anchored"
)


@lru_cache(maxsize=1)
def _identifier() -> LanguageIdentifier:
    """The language model, loaded once per process (about a second)."""
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> tuple[str, float]:
    """The ISO 639-1 code of the language ``text`` is most likely in, and how likely."""
    language, probability = _identifier().classify(text[:_SAMPLE])
    return str(language), float(probability)


def screen(article: Article, settings: Settings) -> Reject | None:
    """A ``too-short`` or ``language:xx`` reject, or ``None`` when the story is fit."""
    return _too_short(article, settings) or _foreign(article, settings)


def _too_short(article: Article, settings: Settings) -> Reject | None:
    words = len(article.text.split())
    if words >= settings.min_words:
        return None
    return Reject(
        article.origin or article.id,
        "too-short",
        f"the body has {words} word(s); the minimum (min_words) is {settings.min_words}",
    )


def _foreign(article: Article, settings: Settings) -> Reject | None:
    if not settings.languages:
        return None
    language, probability = detect_language(article.text)
    if language in settings.languages or probability < SURE:
        return None
    return Reject(
        article.origin or article.id,
        f"language:{language}",
        f"the story is in language {language!r} (p={probability:.2f}); dateline codes "
        f"{', '.join(settings.languages)}",
    )


def article_warnings(article: Article) -> tuple[str, ...]:
    """What is wrong with a story that is still coded: no story date."""
    return () if article.published is not None else (UNDATED,)
