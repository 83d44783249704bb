"""Which files a path names: itself, a folder's files (recursive) or a glob's matches.

Links to folders are never followed inside a walk, ``**`` included (a link to ``..``
would make it endless), and a real file reached twice by one path is named once. A
folder that cannot be listed is a ``Reject``, not a silent gap in the counts. Hidden
files and folders (names starting with a dot) are skipped, as ``glob`` does.
"""

from __future__ import annotations

import fnmatch
import glob
import os
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from dateline.clean import path_text
from dateline.model import Reject

Entry = Path | Reject
GLOB_CHARS = frozenset("*?[")


def expand_path(item: str | Path) -> list[Entry]:
    """The files ``item`` names, each real file once, with a reject per unreadable folder."""
    return _once(_expand(item))


def _expand(item: str | Path) -> list[Entry]:
    path = Path(item)
    try:
        is_dir = path.is_dir()
        exists = is_dir or path.exists() or path.is_symlink()
    except OSError as exc:  # e.g. a path longer than PATH_MAX
        return [Reject(path_text(item), "unreadable", f"cannot look it up: {exc.strerror or exc}")]
    if is_dir:
        return walk(path)
    if exists:
        return [path]
    pattern = os.fspath(item)
    if not GLOB_CHARS.intersection(pattern):
        return []
    matches = _recursive_glob(pattern) if "**" in pattern else _plain_glob(pattern)
    return [entry for match in matches for entry in _expand_match(match)]


def _expand_match(match: Entry) -> list[Entry]:
    return [match] if isinstance(match, Reject) else _expand(match)


def _plain_glob(pattern: str) -> list[Entry]:
    """Without ``**`` each component matches one level, so the search always ends."""
    return [Path(match) for match in sorted(glob.glob(pattern))]


def _once(entries: list[Entry]) -> list[Entry]:
    """``entries`` without a second path to a real file already listed, or a second
    reject of the same path (a ``**`` glob meets an unreadable folder twice: as a match,
    and while walking)."""
    seen: set[str] = set()
    kept: list[Entry] = []
    for entry in entries:
        key = os.path.realpath(entry) if isinstance(entry, Path) else f"{entry.id} reject"
        if key not in seen:
            seen.add(key)
            kept.append(entry)
    return kept


def walk(root: Path) -> list[Entry]:
    """Files under ``root``, sorted, hidden names skipped, links to folders not followed;
    a folder that cannot be listed comes out as an ``unreadable`` reject in its place."""
    found: list[Entry] = []
    for folder, _dirs, files in _walk_folders(root, found.append):
        found += [Path(folder, name) for name in files]
    return found


def _walk_folders(
    root: str | Path, report: Callable[[Reject], None]
) -> Iterator[tuple[str, list[str], list[str]]]:
    """``os.walk`` without links to folders or hidden names; errors go to ``report``
    as they happen, so rejects keep their place among the files."""

    def unreadable(exc: OSError) -> None:
        where = path_text(exc.filename if exc.filename is not None else root)
        report(Reject(where, "unreadable", f"cannot list the folder: {exc.strerror or exc}"))

    for folder, dirs, files in os.walk(root, onerror=unreadable):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        yield folder, list(dirs), sorted(f for f in files if not f.startswith("."))


def _recursive_glob(pattern: str) -> list[Entry]:
    """Matches of a ``**`` pattern, found by walking from its fixed leading folders
    without following links to folders; sorted, with unreadable folders as rejects."""
    parts = pattern.split(os.sep)
    fixed = 0
    while fixed < len(parts) - 1 and not GLOB_CHARS.intersection(parts[fixed]):
        fixed += 1
    base = os.sep.join(parts[:fixed]) or (os.sep if pattern.startswith(os.sep) else "")
    wanted = [part for part in parts[fixed:] if part]
    rejects: list[Reject] = []
    matches: list[str] = []
    for folder, dirs, files in _walk_folders(base or os.curdir, rejects.append):
        relative = os.path.relpath(folder, base or os.curdir)
        prefix = [] if relative == os.curdir else relative.split(os.sep)
        real_dirs = [d for d in dirs if not os.path.islink(os.path.join(folder, d))]
        for name in real_dirs + files:
            if matches_parts(wanted, [*prefix, name]):
                matches.append(os.path.join(base, *prefix, name))
    return [*rejects, *(Path(match) for match in sorted(matches))]


def matches_parts(pattern: Sequence[str], parts: Sequence[str]) -> bool:
    """Whether path ``parts`` match glob ``pattern`` parts; ``**`` is any number of folders."""
    if not pattern:
        return not parts
    head, tail = pattern[0], pattern[1:]
    if head == "**":
        return any(matches_parts(tail, parts[i:]) for i in range(len(parts) + 1))
    return bool(parts) and fnmatch.fnmatchcase(parts[0], head) and matches_parts(tail, parts[1:])
