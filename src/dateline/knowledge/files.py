"""Knowledge files on disk, and the one loader for them: where the packaged files are,
YAML (:func:`read_yaml`, :func:`read_mapping`) and word lists (:func:`read_word_list`),
every error a ``KnowledgeError`` naming the file and line; and the stamp that keys every
cache of what was read, so an edited file is read again."""

from __future__ import annotations

from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from dateline.errors import KnowledgeError

#: The key under which :func:`read_yaml` records each mapping's 1-based line.
LINE = "__line__"

#: (path, modification time in ns, size): a file edited in place gets a new stamp.
FileStamp = tuple[str, int, int]


def data_path(name: str) -> Path:
    """A packaged knowledge file (``src/dateline/knowledge/data/NAME``)."""
    return Path(str(resources.files("dateline").joinpath("knowledge", "data", name)))


def file_stamps(paths: Iterable[str | Path]) -> tuple[FileStamp, ...]:
    """The stamp of each file, in order (a folder: of itself and every file under it); a
    missing file is stamped (path, -1, -1) and its loader reports it."""
    return tuple(stamp for path in paths for stamp in _stamps(Path(path)))


def _stamps(path: Path) -> list[FileStamp]:
    if not path.is_dir():
        return [_stamp(str(path))]
    inside = sorted(p for p in path.rglob("*") if p.is_file())
    return [_stamp(str(path)), *(_stamp(str(p)) for p in inside)]


def _stamp(path: str) -> FileStamp:
    try:
        status = Path(path).stat()
    except OSError:
        return (path, -1, -1)
    return (path, status.st_mtime_ns, status.st_size)


def word_list(name: str) -> frozenset[str]:
    """A packaged word list, ``knowledge/data/NAME`` (see :func:`read_word_list`)."""
    return read_word_list(data_path(name))


def read_word_list(path: Path) -> frozenset[str]:
    """One entry per line (a word or a phrase, as written); ``#`` starts a comment.
    A repeated entry or one with a tab or doubled space is a ``KnowledgeError`` naming
    the file and line."""
    seen: dict[str, int] = {}
    for number, line in enumerate(_text(path).splitlines(), start=1):
        entry = line.split("#", 1)[0].strip()
        if not entry:
            continue
        if "\t" in entry or "  " in entry:
            raise KnowledgeError(str(path), number, f"stray whitespace in {entry!r}")
        if entry in seen:
            raise KnowledgeError(str(path), number, f"{entry!r} repeats line {seen[entry]}")
        seen[entry] = number
    return frozenset(seen)


def _text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise KnowledgeError(str(path), None, f"cannot read: {exc}") from exc


class _LineLoader(yaml.SafeLoader):
    """A safe YAML loader that records the 1-based line of every mapping under ``LINE``."""


def _construct_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    mapping = loader.construct_mapping(node, deep=True)
    mapping[LINE] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
    _construct_mapping,  # type: ignore[arg-type]
)


def read_yaml(path: Path, *, lines: bool = True) -> Any:
    """Parse a YAML file (safely); with ``lines``, every mapping records its line under
    ``LINE`` so a later check can name it. A syntax error names the file and line."""
    text = _text(path)
    try:
        return yaml.load(text, Loader=_LineLoader if lines else yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else None
        raise KnowledgeError(str(path), line, f"not valid YAML: {exc}") from exc


def read_mapping(path: Path) -> dict[str, Any]:
    """A YAML file whose top level is a mapping (no line keys), else a ``KnowledgeError``."""
    data = read_yaml(path, lines=False)
    if not isinstance(data, dict):
        raise KnowledgeError(str(path), None, "expected a mapping at the top level")
    return data
