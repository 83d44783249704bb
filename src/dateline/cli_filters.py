"""The event filters as command-line options, built from :data:`dateline.query.filters.FILTERS`
so the CLI has exactly the filter names of the query layer and the HTTP API.

:func:`with_filters` adds one ``--name`` option per filter (``_`` becomes ``-``;
``--date-from``/``--date-to`` also answer to ``--from``/``--to``; ``--aux`` repeats)
to a command and hands the command one :class:`~dateline.query.EventQuery` as ``query``.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Annotated, Any

import typer

from dateline.query.names import FILTERS

_ALIASES = {"date_from": ("--from",), "date_to": ("--to",)}


def option_names(name: str) -> tuple[str, ...]:
    """The command-line spellings of one filter."""
    return ("--" + name.replace("_", "-"), *_ALIASES.get(name, ()))


def _parameter(name: str) -> inspect.Parameter:
    kind: Any = list[str] | None if name == "aux" else str | None
    option = typer.Option(*option_names(name), help=FILTERS[name], show_default=False)
    return inspect.Parameter(
        f"filter_{name}", inspect.Parameter.KEYWORD_ONLY, default=None,
        annotation=Annotated[kind, option],
    )  # fmt: skip


def with_filters(command: Callable[..., Any]) -> Callable[..., Any]:
    """Give ``command`` (which takes ``query: EventQuery``) one option per filter."""
    signature = inspect.signature(command)
    own = [_evaluated(p, command) for p in signature.parameters.values() if p.name != "query"]
    added = [_parameter(name) for name in FILTERS]

    @functools.wraps(command)
    def wrapper(**kwargs: Any) -> Any:
        given = {n: kwargs.pop(f"filter_{n}") for n in FILTERS}
        from dateline.query.filters import EventQuery

        query = EventQuery().merged(**{n: v for n, v in given.items() if v not in (None, [])})
        return command(query=query, **kwargs)

    wrapper.__signature__ = signature.replace(parameters=[*own, *added])  # type: ignore[attr-defined]
    wrapper.__annotations__ = {p.name: p.annotation for p in (*own, *added)}
    return wrapper


def _evaluated(param: inspect.Parameter, command: Callable[..., Any]) -> inspect.Parameter:
    """The parameter with its annotation evaluated in the command's module (the
    annotation of ``query`` is left alone: it may be imported for type checking only)."""
    if not isinstance(param.annotation, str):
        return param
    return param.replace(annotation=eval(param.annotation, command.__globals__))
