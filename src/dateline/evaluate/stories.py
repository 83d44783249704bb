"""Scoring whole stories: one row per real event, with its actor, recipient and date.

The procedure is the one in ``../shared/eval/dev/stories/README.md``. Each gold record is
a whole article with its story date and every event a careful analyst codes from it,
once per happening; each gold event has a cue (a regular expression over the trigger's
words), one or two accepted PLOVER types, accepted actor and recipient codes and a date
prefix. The record's ``also_ok`` entries are defensible readings that neither count nor
cost.

Per story, our events are taken in output order. An event matches a gold event when its
type is accepted and the cue is found (case-insensitively) in its ``event_text`` or in the
text of any of its mentions. It takes the first gold event it matches that is still free;
if every gold event it matches is taken it is a *duplicate*; if it matches none but fits
an ``also_ok`` entry it is *acceptable*; otherwise a *false positive*. A matched pair is
*fully right* when an actor code, a recipient code (unless the gold has no recipient)
and the date prefix (unless the gold date is null) agree.

Metrics (micro-averaged over stories): ``recall``, ``full_recall``, ``precision``,
``f1``, ``duplicates_per_story``, ``n``, ``gold_events``, ``system_events``, plus the
counts, recall per gold type (``recall_<TYPE>``, by first-listed type) and the breakdown
of matched events whose actor, recipient or date is blank or wrong.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from spacy.language import Language

from dateline.errors import EvaluationError
from dateline.evaluate.gold import read_gold
from dateline.model import Article, Event
from dateline.nlp import make_doc
from dateline.settings import Settings

COUNTS = ("matched", "fully_right", "duplicates", "acceptable", "false_positives")
FIELDS = ("actor", "recipient", "date")


@dataclass(frozen=True, slots=True)
class Verdict:
    """What one of our events was judged to be, and the gold event it took."""

    kind: str  # match, duplicate, also-ok, false-positive
    event: Event
    gold: int | None = None  # index of the gold event matched (match or duplicate)
    problems: tuple[str, ...] = ()  # "actor blank", "date wrong", ... for matches


@dataclass(slots=True)
class StoryScore:
    """The judgement of one story's events."""

    story_id: str
    verdicts: list[Verdict] = field(default_factory=list)
    missed: list[int] = field(default_factory=list)
    counts: Counter[str] = field(default_factory=Counter)


def cue_hits(cue: str, event: Event) -> bool:
    """True when the gold cue is found in the event's text or one of its mentions."""
    texts = [event.event_text, *(m.text for m in event.mentions)]
    return any(re.search(cue, t, re.IGNORECASE) for t in texts)


def codes(mentions: Iterable[Any]) -> set[str]:
    return {m.code for m in mentions if m.code}


def side_problem(name: str, ours: set[str], gold: Sequence[str] | None) -> str | None:
    """"<side> blank" / "<side> wrong" when a side fails the check, else None."""
    if gold is None or ours & set(gold):
        return None
    return f"{name} {'wrong' if ours else 'blank'}"


def date_problem(ours: str | None, gold: str | None) -> str | None:
    if gold is None or (ours or "").startswith(gold):
        return None
    return f"date {'wrong' if ours else 'blank'}"


def problems(gold: dict[str, Any], event: Event) -> tuple[str, ...]:
    """Why a matched pair is not fully right (empty when it is)."""
    found = (
        side_problem("actor", codes(event.actor), gold["actor"]),
        side_problem("recipient", codes(event.recipient), gold.get("recipient")),
        date_problem(event.date, gold.get("date")),
    )
    return tuple(p for p in found if p)


def accepts(entry: dict[str, Any], event: Event) -> bool:
    return event.event in entry["types"] and cue_hits(entry["cue"], event)


def judge(story: dict[str, Any], event: Event, taken: list[bool]) -> Verdict:
    """The verdict on one of our events given the gold events already taken."""
    golds = story["events"]
    hits = [i for i, g in enumerate(golds) if accepts(g, event)]
    free = [i for i in hits if not taken[i]]
    if free:
        taken[free[0]] = True
        return Verdict("match", event, free[0], problems(golds[free[0]], event))
    if hits:
        return Verdict("duplicate", event, hits[0])
    if any(accepts(entry, event) for entry in story.get("also_ok") or ()):
        return Verdict("also-ok", event)
    return Verdict("false-positive", event)


KIND_COUNT = {"match": "matched", "duplicate": "duplicates", "also-ok": "acceptable",
              "false-positive": "false_positives"}


def score_story(story: dict[str, Any], events: Sequence[Event]) -> StoryScore:
    """Judge our events for one story, in output order (see the module docstring)."""
    taken = [False] * len(story["events"])
    result = StoryScore(str(story.get("id")))
    for event in events:
        verdict = judge(story, event, taken)
        result.verdicts.append(verdict)
        result.counts[KIND_COUNT[verdict.kind]] += 1
        if verdict.kind == "match":
            result.counts["fully_right"] += int(not verdict.problems)
            result.counts.update(verdict.problems)
    result.missed = [i for i, t in enumerate(taken) if not t]
    return result


def metrics(stories: Sequence[dict[str, Any]], scores: Sequence[StoryScore]) -> dict[str, float]:
    """The README's metrics, micro-averaged, with counts and per-type recall."""
    total: Counter[str] = Counter()
    for s in scores:
        total.update(s.counts)
    gold = sum(len(s["events"]) for s in stories)
    system = sum(len(s.verdicts) for s in scores)
    recall = total["matched"] / gold if gold else 0.0
    precision = (total["matched"] + total["acceptable"]) / system if system else 0.0
    result = {
        "recall": recall,
        "full_recall": total["fully_right"] / gold if gold else 0.0,
        "precision": precision,
        "f1": 2 * precision * recall / (precision + recall) if precision + recall else 0.0,
        "duplicates_per_story": total["duplicates"] / len(stories) if stories else 0.0,
        "n": float(len(stories)),
        "gold_events": float(gold),
        "system_events": float(system),
    }
    result.update({name: float(total[name]) for name in COUNTS})
    result.update(breakdown(total))
    result.update(recall_by_type(stories, scores))
    return result


def breakdown(total: Counter[str]) -> dict[str, float]:
    """Matched events whose actor, recipient or date is blank or wrong."""
    return {f"{f}_{how}": float(total[f"{f} {how}"]) for f in FIELDS for how in ("blank", "wrong")}


def recall_by_type(
    stories: Sequence[dict[str, Any]], scores: Sequence[StoryScore]
) -> dict[str, float]:
    found: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    for story, s in zip(stories, scores, strict=True):
        missed = set(s.missed)
        for i, g in enumerate(story["events"]):
            seen[g["types"][0]] += 1
            found[g["types"][0]] += int(i not in missed)
    return {f"recall_{t}": found[t] / seen[t] for t in sorted(seen)}


def validate(record: dict[str, Any], where: str) -> dict[str, Any]:
    """Check the fields the scorer reads, with an error that names the record."""
    for name in ("id", "text", "events"):
        if name not in record:
            raise EvaluationError(f"{where}: story record without {name!r}")
    for g in (*record["events"], *(record.get("also_ok") or ())):
        try:
            re.compile(g["cue"])
        except (KeyError, TypeError, re.error) as exc:
            raise EvaluationError(f"{where} ({record['id']}): bad cue {g.get('cue')!r}") from exc
    return record


def story_article(record: dict[str, Any]) -> Article:
    """The article to code: the text with the story date, source and title as metadata."""
    try:
        published = date.fromisoformat(record["date"]) if record.get("date") else None
    except ValueError as exc:
        raise EvaluationError(f"story {record['id']}: bad date {record['date']!r}") from exc
    return Article.create(record["text"], source=record.get("source"), published=published,
                          title=record.get("title"), origin=str(record["id"]))


def code_stories(records: Sequence[dict[str, Any]], nlp: Language) -> list[list[Event]]:
    """Run the pipeline over the stories, each dated by its story date."""
    docs = nlp.pipe(make_doc(nlp, story_article(r)) for r in records)
    return [list(doc._.dateline_events or []) for doc in docs]


def load_stories(folder: Path) -> list[dict[str, Any]]:
    return [validate(r, str(folder)) for r in read_gold(folder)]


def score_folder(
    folder: Path, nlp: Language, settings: Settings
) -> tuple[list[dict[str, Any]], list[StoryScore]]:
    """Code and judge every story in ``folder``."""
    stories = load_stories(folder)
    coded = code_stories(stories, nlp)
    return stories, [score_story(s, e) for s, e in zip(stories, coded, strict=True)]


def evaluate(folder: Path, nlp: Language, settings: Settings) -> dict[str, float]:
    """Score the whole-story event table on a gold folder; see the module docstring."""
    stories, scores = score_folder(folder, nlp, settings)
    return metrics(stories, scores)


def describe(event: Event) -> str:
    """One line for the verbose listing: type, actor → recipient, date, text."""
    actor = "+".join(sorted(codes(event.actor))) or "-"
    recipient = "+".join(sorted(codes(event.recipient))) or "-"
    extra = f" (+{len(event.mentions) - 1} mentions)" if len(event.mentions) > 1 else ""
    return (f"{event.event} {actor} -> {recipient} {event.date or 'undated'} "
            f"[{event.rule}] {event.event_text!r}{extra}")


def describe_gold(g: dict[str, Any]) -> str:
    recipient = "+".join(g["recipient"]) if g.get("recipient") is not None else "none"
    return (f"{'/'.join(g['types'])} {'+'.join(g['actor'])} -> {recipient} "
            f"{g.get('date') or 'undated'} cue={g['cue']!r}")


def verbose_lines(stories: Sequence[dict[str, Any]], scores: Sequence[StoryScore]) -> list[str]:
    """Every event as match / duplicate / also-ok / false positive, and every miss."""
    lines: list[str] = []
    for story, s in zip(stories, scores, strict=True):
        lines.append(f"== {s.story_id} ({story.get('date')})")
        for v in s.verdicts:
            note = f" #{v.gold}" if v.gold is not None else ""
            note += f" ({', '.join(v.problems)})" if v.problems else ""
            lines.append(f"  {v.kind}{note}: {describe(v.event)}")
        lines.extend(f"  missed #{i}: {describe_gold(story['events'][i])}" for i in s.missed)
    return lines
