"""Toponyms resolved to GeoNames entries (stub; see issue 6)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from dateline.extract.extensions import register_extensions
from dateline.model import Place


def extract_places(doc: Doc) -> list[Place]:
    """Find and resolve place names in ``doc``."""
    return []


class PlacesComponent:
    def __call__(self, doc: Doc) -> Doc:
        doc._.dateline_places = extract_places(doc)
        return doc


@Language.factory(
    "dateline_places",
    assigns=["doc._.dateline_places"],
    default_config={"cache_dir": ""},
)
def make_places(nlp: Language, name: str, cache_dir: str) -> PlacesComponent:
    register_extensions()
    return PlacesComponent()
