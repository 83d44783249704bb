"""Quantities: numbers attached to what they count (stub; see issue 7)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from dateline.extract.extensions import register_extensions
from dateline.model import Quantity


def extract_quantities(doc: Doc) -> list[Quantity]:
    """Find counted quantities in ``doc``."""
    return []


class QuantitiesComponent:
    def __call__(self, doc: Doc) -> Doc:
        doc._.dateline_quantities = extract_quantities(doc)
        return doc


@Language.factory("dateline_quantities", assigns=["doc._.dateline_quantities"])
def make_quantities(nlp: Language, name: str) -> QuantitiesComponent:
    register_extensions()
    return QuantitiesComponent()
