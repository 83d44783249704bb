"""From articles to extractions: batched parsing that survives bad documents.

Articles go through ``nlp.pipe`` in batches. A batch in which a component fails
is retried one article at a time, its components run one by one: a dateline
extractor that fails leaves only its own records empty (logged with the article id),
any other failing component makes that article a ``Reject``, and every other article
still comes out. Bodies over ``max_chars``, or with a
stretch longer than ``max_sentence_chars`` without a sentence or line break (run-on
text the parser would turn into one giant sentence), are rejected before parsing.
"""

from __future__ import annotations

import logging
import multiprocessing as mp
import re
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from functools import lru_cache
from multiprocessing.context import BaseContext

from spacy.language import Language
from spacy.tokens import Doc

from dateline.assemble import assemble
from dateline.ingest.screen import screen
from dateline.model import Article, Extraction, Reject
from dateline.nlp import build_nlp, make_doc
from dateline.settings import Settings

_log = logging.getLogger(__name__)
_EXTRACTOR_PREFIX = "doc._.dateline_"

#: What ends a sentence or a line, for the run-on check (``longest_run``).
_BREAKS = re.compile(r"[.!?;\n\r\u2029\u3002\uff01\uff1f\u061f\u0964]")


def batches(
    items: Iterable[Article | Reject], size: int, chars: int
) -> Iterator[list[Article | Reject]]:
    """Batches of at most ``size`` items and ``chars`` characters of article text (an
    article longer than ``chars`` makes a batch of its own). Parsing memory grows with
    the characters in a batch, so the character cap is what bounds it."""
    batch: list[Article | Reject] = []
    held = 0
    for item in items:
        length = len(item.text) if isinstance(item, Article) else 0
        if batch and held + length > chars:
            yield batch
            batch, held = [], 0
        batch.append(item)
        held += length
        if len(batch) >= size:
            yield batch
            batch, held = [], 0
    if batch:
        yield batch


def _over_limits(article: Article, settings: Settings) -> Reject | None:
    """A reject when the body is over ``max_chars``, has a run-on stretch, is too short
    or is in a language dateline does not code (``ingest.screen``)."""
    if len(article.text) > settings.max_chars:
        return Reject(
            article.origin or article.id,
            "too-long",
            f"body has {len(article.text):,} characters; the limit (max_chars) is "
            f"{settings.max_chars:,}",
        )
    return _run_on(article, settings) or screen(article, settings)


def longest_run(text: str) -> int:
    """The length of the longest stretch of ``text`` without a sentence or line break."""
    return max(map(len, _BREAKS.split(text)), default=0)


def _run_on(article: Article, settings: Settings) -> Reject | None:
    """A reject for text with no sentence breaks (``max_sentence_chars``): the parser
    would make one giant sentence and extraction time grows with its square."""
    if len(article.text) <= settings.max_sentence_chars:
        return None
    run = longest_run(article.text)
    if run <= settings.max_sentence_chars:
        return None
    return Reject(
        article.origin or article.id,
        "run-on",
        f"{run:,} characters without a sentence or line break; the limit "
        f"(max_sentence_chars) is {settings.max_sentence_chars:,}",
    )


def _pipe_batch(nlp: Language, articles: list[Article], batch_size: int) -> dict[str, Doc]:
    """Docs by article id; articles missing after a failure are retried singly."""
    pairs = ((make_doc(nlp, a), a.id) for a in articles)
    docs: dict[str, Doc] = {}
    try:
        for doc, aid in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
            docs[aid] = doc
    except Exception:
        pass
    return docs


def _parse_single(nlp: Language, article: Article) -> Extraction | Reject:
    """One article, its components run one by one (after its batch failed)."""
    try:
        return assemble(article, _run_components(nlp, make_doc(nlp, article), article))
    except Exception as exc:
        origin = article.origin or article.id
        return Reject(origin, "pipeline-error", f"{type(exc).__name__}: {exc}")


def _run_components(nlp: Language, doc: Doc, article: Article) -> Doc:
    """Run the pipeline's components in order. An extractor that fails (a component
    that only assigns ``doc._.dateline_*`` records) is logged with the article id and
    its records are left empty; the rest of the article is kept. A failure of any
    other component (tokeniser, parser, tagger) is the article's."""
    for name, component in nlp.pipeline:
        assigns = _extractor_outputs(nlp, name)
        if not assigns:
            doc = component(doc)
            continue
        try:
            doc = component(doc)
        except Exception:
            _log.warning("extractor %s failed on article %s (%s); its records are empty",
                         name, article.id, article.origin, exc_info=True)  # fmt: skip
            for attribute in assigns:
                setattr(doc._, attribute, None)
    return doc


def _extractor_outputs(nlp: Language, name: str) -> list[str]:
    """The ``doc._`` attributes a dateline extractor writes; empty for other components."""
    assigns = nlp.get_pipe_meta(name).assigns
    if not assigns or not all(a.startswith(_EXTRACTOR_PREFIX) for a in assigns):
        return []
    return [a.removeprefix("doc._.") for a in assigns]


def _process_batch(
    nlp: Language, batch: list[Article | Reject], settings: Settings
) -> Iterator[Extraction | Reject]:
    problems = [_over_limits(item, settings) if isinstance(item, Article) else None
                for item in batch]  # each article screened once (language detection costs)
    ready = [item for item, problem in zip(batch, problems, strict=True)
             if isinstance(item, Article) and problem is None]
    docs = _pipe_batch(nlp, ready, settings.batch_size) if ready else {}
    for item, problem in zip(batch, problems, strict=True):
        if isinstance(item, Reject):
            yield item
        elif problem is not None:
            yield problem
        elif item.id in docs:
            yield assemble(item, docs.pop(item.id))  # the parsed doc is released here
        else:
            yield _parse_single(nlp, item)


def extract_articles(
    nlp: Language, items: Iterable[Article | Reject], settings: Settings
) -> Iterator[Extraction | Reject]:
    """Parse and extract every article; rejects pass through in input order.

    With ``settings.n_process > 1`` the articles go to that many worker processes, each
    with its own pipeline built from settings (``nlp`` is then unused), in tasks of a
    ``2 * n_process``-th of a batch (:func:`task_chars`), so that the workers finish
    together; results still come back in input order and at most four tasks per worker
    (two batches' worth of text in all) are in flight, so memory stays flat however
    long the input is.
    """
    if settings.n_process > 1:
        yield from _extract_parallel(items, settings)
        return
    for batch in batches(items, settings.batch_size, settings.batch_chars):
        yield from _process_batch(nlp, batch, settings)


@lru_cache(maxsize=1)
def _worker_nlp(settings: Settings) -> Language:
    """The pipeline of one worker process, built on its first batch."""
    return build_nlp(settings)


def _work(settings: Settings, batch: list[Article | Reject]) -> list[Extraction | Reject]:
    return list(_process_batch(_worker_nlp(settings), batch, settings))


def _pool_context() -> BaseContext:
    """How worker processes start: ``fork`` while this process runs no other thread, as
    spaCy's own ``n_process`` does, so a worker starts with the modules and knowledge
    tables the parent has loaded (``spawn`` imports and loads them again in each worker,
    about two seconds); ``spawn`` beside another thread (a fork copies the locks that
    thread holds) and where ``fork`` is not offered."""
    if threading.active_count() == 1 and "fork" in mp.get_all_start_methods():
        return mp.get_context("fork")
    return mp.get_context("spawn")


def task_chars(settings: Settings) -> int:
    """Characters of article text in one worker's task, at most: a ``2 * n_process``-th
    of ``batch_chars``. With whole batches as tasks the last one often ran alone while
    the other workers waited (300 stories made 8 batches, 4 for one worker of two and
    3 and a small one for the other); spaCy's output does not depend on how the
    articles are batched."""
    return max(1, settings.batch_chars // (2 * settings.n_process))


def _extract_parallel(
    items: Iterable[Article | Reject], settings: Settings
) -> Iterator[Extraction | Reject]:
    context = _pool_context()
    in_flight: deque[Future[list[Extraction | Reject]]] = deque()
    with ProcessPoolExecutor(settings.n_process, mp_context=context) as pool:
        for task in batches(items, settings.batch_size, task_chars(settings)):
            in_flight.append(pool.submit(_work, settings, task))
            if len(in_flight) >= 4 * settings.n_process:
                yield from in_flight.popleft().result()
        while in_flight:
            yield from in_flight.popleft().result()
