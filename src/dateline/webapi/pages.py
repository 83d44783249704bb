"""The dashboard: ``/`` serves the page, ``/static/...`` its files (no path traversal:
Starlette's ``StaticFiles`` resolves every path inside the static folder or answers 404),
``/docs`` the interactive API docs from the package's own copy of Swagger UI (so they
work offline and under the same-origin Content-Security-Policy); ``/redoc`` leads there."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import FileResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles


def web_dir() -> Path:
    """The folder of the dashboard's files inside the installed package."""
    return Path(str(files("dateline") / "web"))


def mount(app: FastAPI) -> None:
    """Serve the dashboard page and its static files."""
    root = web_dir()
    app.mount(
        "/static", StaticFiles(directory=root / "static", follow_symlink=False), name="static"
    )

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(root / "index.html", media_type="text/html")

    @app.get("/docs", include_in_schema=False)
    def docs() -> FileResponse:
        return FileResponse(root / "docs.html", media_type="text/html")

    @app.get("/redoc", include_in_schema=False)
    def redoc() -> RedirectResponse:
        return RedirectResponse("/docs")
