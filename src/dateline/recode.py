"""Re-code stored articles with the current pipeline, after a knowledge or rule update.

Each stored article is read back, parsed and extracted again, and compared with what is
stored (its output-contract record and warnings). An article whose coding changed is
replaced in one transaction (``Store.replace``), recorded under this run; the others
are left as they are. So a re-code is idempotent (a second one changes nothing) and
resumable (a killed one leaves every article either old or new: run it again). An
article the current pipeline would refuse (e.g. now too short) is kept as stored and
counted ``rejected``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

from spacy.language import Language

from dateline.errors import UnstorableError
from dateline.model import Extraction
from dateline.nlp import build_nlp
from dateline.pipeline import extract_articles
from dateline.provenance import run_provenance
from dateline.serialize import extraction_to_dict
from dateline.settings import Settings
from dateline.store import Store


@dataclass(frozen=True, slots=True)
class RecodeSummary:
    """What a re-code did: ``changed + unchanged + rejected`` = articles read."""

    articles: int = 0
    changed: int = 0
    unchanged: int = 0
    rejected: int = 0
    changed_ids: tuple[str, ...] = ()
    run_id: str | None = None

    def as_dict(self) -> dict[str, object]:
        return {"articles": self.articles, "changed": self.changed,
                "unchanged": self.unchanged, "rejected": self.rejected,
                "changed_articles": list(self.changed_ids)}  # fmt: skip


def recode(
    store: Store,
    settings: Settings,
    nlp: Language | None = None,
    article_ids: Iterable[str] | None = None,
    progress: Callable[[RecodeSummary], None] | None = None,
) -> RecodeSummary:
    """Re-code the stored articles (all, or ``article_ids``) with the current pipeline."""
    store.ensure_sound()
    nlp = nlp or build_nlp(settings)
    wanted = sorted(set(article_ids)) if article_ids is not None else store.article_ids()
    run_id = store.start_run("recode", run_provenance(settings, nlp))
    counts = {"articles": 0, "changed": 0, "unchanged": 0, "rejected": 0}
    changed: list[str] = []
    for chunk in _chunks(wanted, max(1, settings.batch_size)):
        old = {e.article.id: e for e in store.extractions(chunk)}
        articles = [old[i].article for i in chunk if i in old]
        for result in extract_articles(nlp, articles, settings):
            counts["articles"] += 1
            outcome = _apply(store, old, result, run_id) if isinstance(result, Extraction) else None
            counts[outcome or "rejected"] += 1
            if outcome == "changed" and isinstance(result, Extraction):
                changed.append(result.article.id)
            if progress:
                progress(RecodeSummary(**counts, changed_ids=tuple(changed), run_id=run_id))
    summary = RecodeSummary(**counts, changed_ids=tuple(changed), run_id=run_id)
    store.finish_run(run_id, summary.as_dict())
    return summary


def _apply(store: Store, old: dict[str, Extraction], new: Extraction, run_id: str) -> str:
    """Replace the stored article when its coding changed: "changed" or "unchanged";
    "rejected" when the database refuses the new coding (the old one stays)."""
    before = old[new.article.id]
    if _coding(before) == _coding(new):
        return "unchanged"
    try:
        store.replace(new, run_id)
    except UnstorableError:
        return "rejected"
    return "changed"


def _coding(extraction: Extraction) -> tuple[dict[str, object], tuple[str, ...]]:
    return extraction_to_dict(extraction), extraction.warnings


def _chunks(ids: Sequence[str], size: int) -> Iterator[list[str]]:
    for start in range(0, len(ids), size):
        yield list(ids[start : start + size])
