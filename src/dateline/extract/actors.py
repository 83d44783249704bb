"""Actor mentions resolved to PLOVER codes (stub; see issue 3)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from dateline.extract.extensions import register_extensions
from dateline.model import ActorMention


def extract_actors(doc: Doc) -> list[ActorMention]:
    """Find and code actor mentions in ``doc``."""
    return []


class ActorsComponent:
    def __call__(self, doc: Doc) -> Doc:
        doc._.dateline_actors = extract_actors(doc)
        return doc


@Language.factory(
    "dateline_actors",
    assigns=["doc._.dateline_actors"],
    default_config={"user_files": []},
)
def make_actors(nlp: Language, name: str, user_files: list[str]) -> ActorsComponent:
    register_extensions()
    return ActorsComponent()
