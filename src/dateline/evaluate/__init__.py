"""Scoring against gold folders in the ``../shared/eval`` JSONL format.

Each task module exposes ``evaluate(folder, nlp, settings) -> dict[str, float]``
returning the metric names listed in the design (plus extras); some take options as
keyword arguments (``limit``: events, places, quotes, time; ``split``: quotes).
"""

from __future__ import annotations

import importlib
import inspect
from pathlib import Path

from spacy.language import Language

from dateline.errors import EvaluationError
from dateline.settings import Settings

TASKS: dict[str, str] = {
    "events": "dateline.evaluate.events",
    "actors": "dateline.evaluate.actors",
    "entities": "dateline.evaluate.entities",
    "time": "dateline.evaluate.time",
    "places": "dateline.evaluate.places",
    "quotes": "dateline.evaluate.quotes",
    "stories": "dateline.evaluate.stories",
}


def evaluate(
    task: str, folder: Path, nlp: Language, settings: Settings, **options: object
) -> dict[str, float]:
    """Score ``task`` on the gold data in ``folder``; ``options`` (``limit``, ``split``)
    left at None are not passed, and one the task does not take is an error."""
    if task not in TASKS:
        raise EvaluationError(f"unknown task {task!r}; choose one of {', '.join(TASKS)}")
    require_folder(folder)
    try:
        module = importlib.import_module(TASKS[task])
    except ModuleNotFoundError as exc:
        raise EvaluationError(f"task {task!r} is not implemented yet") from exc
    given = {name: value for name, value in options.items() if value is not None}
    accepted = inspect.signature(module.evaluate).parameters
    unknown = sorted(name for name in given if name not in accepted)
    if unknown:
        raise EvaluationError(f"task {task!r} takes no option {', '.join(unknown)}")
    result: dict[str, float] = module.evaluate(folder, nlp, settings, **given)
    return result


def evaluate_stories_verbose(
    folder: Path, nlp: Language, settings: Settings
) -> tuple[dict[str, float], list[str]]:
    """The ``stories`` metrics with the verdict on every event and every missed gold event."""
    from dateline.evaluate import stories

    require_folder(folder)
    records, scores = stories.score_folder(folder, nlp, settings)
    return stories.metrics(records, scores), stories.verbose_lines(records, scores)


def require_folder(folder: Path) -> None:
    """A gold folder that is not there is an error that names it."""
    if not folder.is_dir():
        raise EvaluationError(f"gold folder {folder} does not exist")
