"""Knowledge files on disk: where the packaged ones are, and the stamp that keys every
cache of what was read from them, so an edited file is read again."""

from __future__ import annotations

from collections.abc import Iterable
from importlib import resources
from pathlib import Path

#: (path, modification time in ns, size): a file edited in place gets a new stamp.
FileStamp = tuple[str, int, int]


def data_path(name: str) -> Path:
    """A packaged knowledge file (``src/dateline/knowledge/data/NAME``)."""
    return Path(str(resources.files("dateline").joinpath("knowledge", "data", name)))


def file_stamps(paths: Iterable[str | Path]) -> tuple[FileStamp, ...]:
    """The stamp of each file, in order; a missing file is stamped (path, -1, -1) and
    its loader reports it."""
    return tuple(_stamp(str(path)) for path in paths)


def _stamp(path: str) -> FileStamp:
    try:
        status = Path(path).stat()
    except OSError:
        return (path, -1, -1)
    return (path, status.st_mtime_ns, status.st_size)
