"""Render the HTTP API reference (docs/http-api.md) from the app's OpenAPI schema.

    python -m dateline.webapi.docs > docs/http-api.md

A test fails when the committed file differs from what this prints.
"""

from __future__ import annotations

import sys
from typing import Any

from dateline.settings import Settings

HEADER = """# HTTP API

Generated from the OpenAPI schema by `python -m dateline.webapi.docs > docs/http-api.md`;
do not edit by hand. Start the server with `dateline serve --db dateline.db` and read
the live schema at `/openapi.json` (interactive docs at `/docs`).

Every error has one shape: `{"error": {"status": 400, "message": "..."}}`. Bad
parameters answer 400 (an unknown type, mode, quad or aux, an inverted date range: the
message names the filter), unknown articles 404, oversize bodies 413. The server is
read-only unless started with `--allow-ingest` and a bearer token. The event filters are
those of the CLI and Python, under the same names (`docs/filters.md`); event rows are the
flat layout (`docs/exports.md`). Every GET route also answers HEAD.
"""


def _param_row(param: dict[str, Any]) -> str:
    schema = param.get("schema", {})
    kinds = [s.get("type", "") for s in schema.get("anyOf", [schema])]
    kind = " or ".join(k for k in kinds if k and k != "null") or "string"
    default = schema.get("default")
    shown = "" if default is None else f"`{default}`"
    text = (param.get("description") or schema.get("description") or "").replace("|", "\\|")
    return f"| `{param['name']}` | {param['in']} | {kind} | {shown} | {text} |"


def _operation(path: str, method: str, op: dict[str, Any]) -> list[str]:
    lines = [f"## {method.upper()} `{path}`", "", op.get("summary", ""), ""]
    params = op.get("parameters", [])
    if params:
        lines += ["| parameter | in | type | default | description |", "|---|---|---|---|---|"]
        lines += [_param_row(p) for p in params]
        lines.append("")
    codes = ", ".join(sorted(op.get("responses", {})))
    return [*lines, f"Responses: {codes}.", ""]


def render(schema: dict[str, Any]) -> str:
    """The Markdown reference of every route in ``schema``."""
    lines = [HEADER]
    for path, methods in schema["paths"].items():
        for method, op in methods.items():
            lines += _operation(path, method, op)
    return "\n".join(lines).rstrip() + "\n"


def current() -> str:
    """The reference for the app as built now (no database is opened)."""
    from dateline.webapi import create_app

    return render(create_app(Settings(db_url="sqlite:///:memory:")).openapi())


if __name__ == "__main__":
    sys.stdout.write(current())
