"""The installed package's version, in a module of its own so that any layer can read
it without importing the package's public surface (``dateline/__init__.py``)."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("dateline")
except PackageNotFoundError:  # running from a source tree without installation
    __version__ = "0.0.0"
