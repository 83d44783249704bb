"""Time expressions resolved against the story date (stub; see issue 5)."""

from __future__ import annotations

from datetime import date

from spacy.language import Language
from spacy.tokens import Doc

from dateline.extract.extensions import register_extensions
from dateline.model import TimeRef


def extract_times(doc: Doc, story_date: date | None) -> list[TimeRef]:
    """Find and normalise time expressions in ``doc``."""
    return []


class TimeComponent:
    def __call__(self, doc: Doc) -> Doc:
        doc._.dateline_times = extract_times(doc, doc._.dateline_date)
        return doc


@Language.factory("dateline_time", assigns=["doc._.dateline_times"])
def make_time(nlp: Language, name: str) -> TimeComponent:
    register_extensions()
    return TimeComponent()
