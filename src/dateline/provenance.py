"""What coded a run: dateline's version, the spaCy pipeline, and a hash of every
knowledge file in use, so that two databases can be compared and a change of coding
traced to a change of knowledge or rules.

Recorded with each run (``runs.provenance``, JSON); each article keeps the id of the
run that coded it (``articles.run_id``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from importlib import resources
from pathlib import Path

import spacy
from spacy.language import Language

from dateline.settings import Settings
from dateline.version import __version__

_CHUNK = 1 << 20


def file_hash(path: Path) -> str:
    """``sha256:<hex>`` of a file's bytes."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return f"sha256:{digest.hexdigest()}"


def knowledge_files() -> list[Path]:
    """The knowledge files shipped with dateline, sorted by name."""
    data = Path(str(resources.files("dateline.knowledge") / "data"))
    return sorted(p for p in data.iterdir() if p.is_file() and not p.name.startswith("."))


def _user_files(paths: Iterable[Path]) -> list[Path]:
    """User knowledge files; a folder stands for every visible file under it."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.is_file() and p.name[:1] != ".")
        elif path.is_file():
            found.append(path)
    return found


def run_provenance(settings: Settings, nlp: Language) -> dict[str, object]:
    """dateline's version, spaCy's, the pipeline's name and version, and the hash of
    every knowledge file in use (shipped ones by name, user ones by path)."""
    meta = nlp.meta
    return {
        "dateline": __version__,
        "spacy": spacy.__version__,
        "model": settings.model,
        "pipeline": f"{meta.get('lang', '')}_{meta.get('name', '')}",
        "pipeline_version": meta.get("version"),
        "knowledge": {p.name: file_hash(p) for p in knowledge_files()},
        "user_knowledge": {str(p): file_hash(p) for p in _user_files(settings.user_knowledge)},
    }
