"""Attributed speech: speaker, cue, content, medium (stub; see issue 7)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from dateline.extract.extensions import register_extensions
from dateline.model import Quote


def extract_quotes(doc: Doc) -> list[Quote]:
    """Find attributions in ``doc``."""
    return []


class QuotesComponent:
    def __call__(self, doc: Doc) -> Doc:
        doc._.dateline_quotes = extract_quotes(doc)
        return doc


@Language.factory("dateline_quotes", assigns=["doc._.dateline_quotes"])
def make_quotes(nlp: Language, name: str) -> QuotesComponent:
    register_extensions()
    return QuotesComponent()
