"""Event dating: the time expression attached to an event's clause, or an honest blank.

Rules, in order:

1. a time expression in the trigger's clause (its subtree, or the head chain up to
   the clause root, never across a reporting verb: ``X said on Monday that Y
   happened in 2011`` dates Y as 2011) gives the date;
2. a deadline (``by the end of the year``, role ``end``) gives ``enddate``; the date
   is the story date when the event is present or future;
3. with no attached time, a present, progressive, future or planned event is dated
   to the story date (precision day); a past or perfect one is left undated
   (``date=None``, precision ``unknown``): history is never stamped with the story date.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from spacy.tokens import Doc, Span, Token

from dateline.extract.timex.tense import FUTURE_AUX, PLAN_VERBS
from dateline.extract.timex.values import precision_of, start_of
from dateline.model import TimeRef

REPORTING_VERBS = frozenset(
    {"say", "tell", "report", "announce", "add", "state", "claim", "confirm", "deny",
     "note", "explain", "insist", "warn", "write", "believe", "think", "accuse", "allege",
     "argue", "acknowledge", "indicate", "suggest", "estimate", "predict", "declare"}
)  # fmt: skip
CLAUSE_DEPS = frozenset({"ccomp", "xcomp", "advcl", "relcl", "acl", "conj", "parataxis", "csubj"})
PREPOSITIONS = frozenset(
    {"in", "on", "at", "by", "during", "since", "until", "from", "through", "before", "after",
     "for", "within", "over", "throughout", "of"}
)  # fmt: skip
EVENT_PRECISIONS = {
    "day": "day", "time": "day", "month": "month", "year": "year", "week": "month",
    "quarter": "year", "half": "year", "season": "year",
}  # fmt: skip
PRESENT_TAGS = frozenset({"VBP", "VBZ", "VBG"})


@dataclass(frozen=True, slots=True)
class EventDate:
    """When an event happened, as precise as the text says, with where that came from."""

    date: str | None  # ISO value, as precise as known
    precision: str  # day, month, year, unknown
    enddate: str | None
    date_text: str | None  # the attached expression incl. preposition, e.g. "in 2011"
    historical: bool  # the date lies well before the story date
    time: TimeRef | None  # the attached TimeRef


def date_event(
    doc: Doc, trigger: Token, times: Sequence[TimeRef], story_date: date | None
) -> EventDate:
    """The date of the event whose trigger is ``trigger``."""
    attached = attached_times(doc, trigger, times)
    point = next((t for t in attached if t.role != "end" and _is_calendar(t)), None)
    deadline = next((t for t in attached if t.role == "end" and _is_calendar(t)), None)
    if point is not None:
        return _from_time(doc, point, deadline, story_date)
    if deadline is not None or _is_present_or_future(trigger):
        return _story_dated(doc, deadline, story_date)
    return EventDate(None, "unknown", None, None, False, None)


def attached_times(doc: Doc, trigger: Token, times: Sequence[TimeRef]) -> list[TimeRef]:
    """The time expressions inside the trigger's clause, nearest first."""
    clause = clause_head(trigger)
    own = _clause_tokens(clause)
    found = [t for t in times if _time_root(doc, t) in own]
    return sorted(found, key=lambda t: abs(t.span[0] - trigger.idx))


def clause_head(trigger: Token) -> Token:
    """The head of the clause ``trigger`` belongs to (a noun event climbs to its verb)."""
    current = trigger
    for _ in range(10):
        if current.pos_ in ("VERB", "AUX") or current.dep_ in CLAUSE_DEPS:
            return current
        if current.head is current:
            return current
        current = current.head
    return current


def _clause_tokens(clause: Token) -> set[int]:
    """Token indices of the clause, without embedded clauses of reporting verbs or relatives."""
    keep: set[int] = set()
    stack = [clause]
    while stack:
        token = stack.pop()
        keep.add(token.i)
        for child in token.children:
            if child.dep_ in ("ccomp", "relcl", "parataxis") and token.i != child.i:
                continue
            stack.append(child)
    if clause.lemma_ not in REPORTING_VERBS and clause.dep_ in ("xcomp", "advcl", "conj"):
        keep |= _head_modifiers(clause.head)
    return keep


def _head_modifiers(head: Token) -> set[int]:
    """Time modifiers hanging directly off the verb an infinitive or conjunct depends on."""
    if head.lemma_ in REPORTING_VERBS:
        return set()
    found: set[int] = set()
    for child in head.children:
        if child.dep_ in ("npadvmod", "prep", "tmod", "advmod", "obl"):
            found |= {t.i for t in child.subtree}
    return found


def _time_root(doc: Doc, time: TimeRef) -> int:
    span = doc.char_span(time.span[0], time.span[1], alignment_mode="expand")
    return span.root.i if span is not None else -1


def _is_calendar(time: TimeRef) -> bool:
    return time.type in ("DATE", "TIME") and start_of(time.value) is not None


def _from_time(
    doc: Doc, point: TimeRef, deadline: TimeRef | None, story_date: date | None
) -> EventDate:
    precision = EVENT_PRECISIONS.get(point.precision, "unknown")
    value = _event_value(point.value, point.precision)
    first = start_of(point.value)
    historical = bool(story_date and first and (story_date - first).days > 365)
    enddate = deadline.value if deadline else None
    return EventDate(value, precision, enddate, date_text(doc, point), historical, point)


def _event_value(value: str | None, precision: str) -> str | None:
    """A TimeML value in the day/month/year terms of the event record."""
    if value is None:
        return None
    if precision == "time":
        return value[:10]
    if precision == "week":
        first = start_of(value)
        return first.strftime("%Y-%m") if first else None
    if precision in ("quarter", "half", "season"):
        return value[:4]
    return value


def _story_dated(doc: Doc, deadline: TimeRef | None, story_date: date | None) -> EventDate:
    value = story_date.isoformat() if story_date else None
    precision = "day" if story_date else "unknown"
    enddate = deadline.value if deadline else None
    text = date_text(doc, deadline) if deadline else None
    return EventDate(value, precision, enddate, text, False, deadline)


def _is_present_or_future(trigger: Token) -> bool:
    """True for present, progressive, future and planned events."""
    verb = clause_head(trigger)
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in FUTURE_AUX or a.lemma_ in FUTURE_AUX for a in auxes):
        return True
    if any(a.lower_ == "to" for a in auxes) and verb.head.lemma_ in PLAN_VERBS:
        return verb.head.tag_ != "VBD" and verb.head.tag_ != "VBN"
    if any(a.tag_ in ("VBD",) for a in auxes) or verb.tag_ in ("VBD", "VBN"):
        return False
    return verb.tag_ in PRESENT_TAGS or any(a.tag_ in ("VBP", "VBZ", "MD") for a in auxes)


def date_text(doc: Doc, time: TimeRef) -> str:
    """The expression with the preposition that attaches it (``in 2011``)."""
    span: Span | None = doc.char_span(time.span[0], time.span[1], alignment_mode="expand")
    if span is None or span.start == 0:
        return time.text
    before = doc[span.start - 1]
    if before.lower_ in PREPOSITIONS:
        return doc[span.start - 1 : span.end].text
    return time.text


def event_precision(time: TimeRef) -> str:
    """The day/month/year/unknown precision of an attached time."""
    return EVENT_PRECISIONS.get(precision_of(time.value), "unknown")
