"""Event dating: the one module that says when an event happened, or leaves it blank.

Rules, in order:

1. a time expression attached to the trigger's clause, or to a wrapper above it
   (``announced on Monday that …``), never across a sentence or a reporting verb
   (``X said on Monday that Y happened in 2011`` dates Y as 2011), gives the date;
2. else the time of the speech act that reports the event (``said this month``), or of
   an earlier report by the same speaker up to three sentences back;
3. a deadline (``by the end of the year``, role ``end``) gives ``enddate``;
4. with no attached time, a present, progressive, future or planned event is dated to
   the story date (precision day); a past or perfect one is left undated (``date=None``,
   precision ``unknown``): history is never stamped with the story date.

``historical`` is set when the date's period ends more than :data:`HISTORY_GAP` (180
days) before the story date. Partial ISO values are read by :mod:`dateline.isodates`,
the parser the store and the query layer use too.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from dateline.extract.timex.tense import FUTURE_AUX, PLAN_VERBS
from dateline.extract.timex.values import precision_of, start_of
from dateline.isodates import date_bounds, period_end
from dateline.model import ActorMention, Event, TimeRef

if TYPE_CHECKING:  # the event coder imports this module; no cycle at run time
    from dateline.extract.eventcoding.modality import Modality

HISTORY_GAP = timedelta(days=180)

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
    historical = is_historical(point.value, story_date)
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


# ---------------------------------------------------------------- events of the coder


@dataclass(frozen=True, slots=True)
class Dating:
    """The date fields of an event."""

    date: str | None = None
    precision: str = "unknown"
    enddate: str | None = None
    text: str | None = None
    historical: bool = False


def span_root(doc: Doc, span: tuple[int, int]) -> Token | None:
    found = doc.char_span(span[0], span[1], alignment_mode="expand")
    return found.root if found is not None and len(found) else None


def attached_to(token: Token, heads: frozenset[int]) -> bool:
    """Whether the nearest clause head above ``token`` is one of ``heads``."""
    for anc in (token, *token.ancestors):
        if anc.i in heads:
            return True
        if anc is not token and is_clause_head(anc):
            return False
    return False


def is_clause_head(token: Token) -> bool:
    """A verb heading a clause; a name mistagged as a verb (``Trump`` as VB) in a noun's
    place is none."""
    return token.pos_ in ("VERB", "AUX") and token.dep_ not in NOMINAL_DEPS


def clause_times(doc: Doc, modality: Modality, times: Sequence[TimeRef]) -> list[TimeRef]:
    found: list[tuple[int, TimeRef]] = []
    for time in times:
        root = span_root(doc, time.span)
        if root is None or time.type not in ("DATE", "TIME"):
            continue
        for rank, head in enumerate(modality.chain):
            if attached_to(root, frozenset({head.i})) or just_before(doc, time, head):
                found.append((rank, time))
                break
    return [t for _, t in sorted(found, key=lambda pair: pair[0])]


def just_before(doc: Doc, time: TimeRef, verb: Token) -> bool:
    """``Opposition leader Raila Odinga on Wednesday chastised Matiangi``: a time told
    right before a finite verb dates it, however the parser hung it."""
    span = doc.char_span(*time.span, alignment_mode="expand")
    return (span is not None and span.end == verb.i and verb.pos_ == "VERB"
            and verb.tag_ in ("VBD", "VBZ", "VBP"))


def tense_default(modality: Modality, story: date | None) -> Dating:
    """Story date for present, ongoing and future events; unknown for an undated past."""
    if story is None:
        return Dating()
    if "future" in modality.aux or any(_is_present(t) for t in modality.chain[:3]):
        return Dating(story.isoformat(), "day")
    return Dating()


def _is_present(token: Token) -> bool:
    if token.pos_ not in ("VERB", "AUX"):
        return False
    auxes = [c for c in token.children if c.dep_ in ("aux", "auxpass")]
    if any(a.tag_ in ("VBD", "VBN") or a.lower_ in ("has", "have", "'ve") for a in auxes):
        return False
    if token.tag_ in PRESENT_TAGS:
        return True
    return token.tag_ == "VBG" and any(a.tag_ in PRESENT_TAGS for a in auxes)


def date_of(
    doc: Doc, trigger: Token, modality: Modality, times: Sequence[TimeRef], story: date | None
) -> Dating:
    """The event date: attached time (trigger first), else the time extractor's dater,
    else the tense default."""
    local = [t for t in in_sentence(times, trigger.sent)  # never across a sentence
             if not is_attributive(doc, t)]
    attached = [calendar(t, story) for t in clause_times(doc, modality, local)]
    point = next((t for t in attached if t.role != "end" and t.value), None)
    end = next((t for t in attached if t.role == "end" and t.value), None)
    if point is not None and point.value is not None:
        return Dating(point.value, point.precision, end.value if end else None, point.text,
                      is_historical(point.value, story))
    reported = speech_time(doc, modality, times)
    if reported is not None and reported.value is not None:
        return Dating(reported.value, reported.precision, end.value if end else None,
                      reported.text, is_historical(reported.value, story))
    got = date_event(doc, trigger, local, story)
    if got.date and got.time is not None:
        return Dating(got.date, got.precision, got.enddate, got.date_text, got.historical)
    base = tense_default(modality, story)
    return Dating(base.date, base.precision, end.value if end else None,
                  end.text if end else None)


def is_attributive(doc: Doc, time: TimeRef) -> bool:
    """``the current Majority Whip``, ``the then president``: a one-word present or past
    reference that modifies a noun describes someone; it dates no event."""
    if time.value not in ("PRESENT_REF", "PAST_REF"):
        return False
    span = doc.char_span(*time.span, alignment_mode="expand")
    return span is not None and len(span) == 1 and span[0].dep_ == "amod"


def calendar(time: TimeRef, story: date | None) -> TimeRef:
    """A time as a calendar value an event can carry: ``now``/``currently``
    (``PRESENT_REF``) is the story date; a vague past or future (``PAST_REF``,
    ``FUTURE_REF``) or any other value with no calendar day dates nothing."""
    if time.value == "PRESENT_REF" and story is not None:
        return replace(time, value=story.isoformat(), precision="day")
    if date_bounds(time.value)[0] is None:
        return replace(time, value=None)
    return time


def speech_time(doc: Doc, modality: Modality, times: Sequence[TimeRef]) -> TimeRef | None:
    """The time of the speech act that reports an undated event.

    The reporting verb's own time (``said this month``), else that of an earlier
    reporting verb, up to three sentences back, by a speaker with the same actor code
    (``Al-Kadhimi said … this month. He said Iraq's troops were …``).
    """
    speech = modality.speech
    if speech is None and modality.chain:
        top = modality.chain[-1]
        speech = next((a for a in top.ancestors if a.lemma_.lower() in REPORTING), None)
    if speech is None:
        return None
    dated = [t for t in times if t.type == "DATE" and t.value and t.role == "point"]
    own = _speech_times(doc, speech, dated)
    if own:
        return own[0]
    code = _speaker_code(doc, speech)
    if code is None:
        return None
    for sent in _previous_sentences(doc, speech.sent, 3):
        for token in sent:
            if token.lemma_.lower() in REPORTING and _speaker_code(doc, token) == code:
                found = _speech_times(doc, token, dated)
                if found:
                    return found[0]
    return None


REPORTING = frozenset({"say", "tell", "add", "state", "declare"})


def in_sentence(times: Sequence[TimeRef], sent: Span) -> list[TimeRef]:
    """The times that overlap ``sent``: a cheap filter that keeps per-event work
    proportional to the sentence, not the story."""
    return [t for t in times if t.span[0] < sent.end_char and t.span[1] > sent.start_char]


def _previous_sentences(doc: Doc, sent: Span, count: int) -> list[Span]:
    """Up to ``count`` sentences before ``sent``, nearest first."""
    out: list[Span] = []
    while len(out) < count and sent.start > 0:
        sent = doc[sent.start - 1].sent
        out.append(sent)
    return out


def _speech_times(doc: Doc, speech: Token, dated: Sequence[TimeRef]) -> list[TimeRef]:
    out = []
    for time in in_sentence(dated, speech.sent):
        root = span_root(doc, time.span)
        if root is not None and root.sent == speech.sent and _reporting_clause(root, speech):
            out.append(time)
    return out


def _reporting_clause(token: Token, speech: Token) -> bool:
    """Whether a time belongs to the report rather than to a reported event: it hangs
    on the speech verb, or under it on a copula or a noun (``said there is no need …
    in an interview this month``), not on a reported event verb nor inside the speaker
    (``the current Majority Whip said``)."""
    for anc in (token, *token.ancestors):
        if anc.i == speech.i:
            return True
        if anc is not token and anc.pos_ == "VERB" and anc.lemma_ != "be":
            return False
        if anc.head.i == speech.i and anc.dep_ in ("nsubj", "nsubjpass"):
            return False  # "the current Majority Whip said": a time inside the speaker
    return False


def _speaker_code(doc: Doc, speech: Token) -> str | None:
    heads = [c for c in speech.children if c.dep_ == "nsubj"]
    if not heads:
        return None
    start = doc[heads[0].left_edge.i].idx
    end = heads[0].idx + len(heads[0].text)
    actors: Sequence[ActorMention] = getattr(doc._, "dateline_actors", None) or ()
    codes = [a.code for a in actors if start <= a.span[0] and a.span[1] <= end and a.code]
    return codes[-1] if codes else None


def is_historical(value: str | None, story: date | None) -> bool:
    """History: the date's period ends more than :data:`HISTORY_GAP` before the story."""
    last = period_end(value)
    return bool(story and last and last < story - HISTORY_GAP)


# ---------------------------------------------------------------- dates from the story


NOMINAL_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "appos", "compound", "poss"})
UNDATED_AUX = frozenset({"historical", "future", "hypothetical"})
CARRY_SENTENCES = 2  # how far back a dated neighbour may be
RECENT_DAYS = 7  # only the days of the story's own week are carried
LEAD_SENTENCES = 3  # the lead: where a wire story dates the day it reports
LEAD_DAYS = 2  # a story published a day or two after the day it reports


def carry_dates(
    events: Sequence[Event], story_date: date | None, told: Sequence[Event] = ()
) -> list[Event]:
    """An undated report of a recent act takes the day of the act just before one of its
    mentions (within the previous sentence): news tells one day's events in a run, dating
    the first (``The minister visited X on Thursday. He met ... He urged ...``). History,
    plans and events far from a dated neighbour stay undated. ``told`` adds the story's
    other coded mentions, rows or not, as dating neighbours (``On April 4 police received
    calls. Police arrived and detained the suspect``)."""
    out: list[Event] = []
    lead = lead_day(events, story_date)
    for event in events:
        if (lead is not None and story_date is not None and event.date_text is None
                and event.date == story_date.isoformat()):
            event = replace(event, date=lead.date, rule=f"{event.rule}+date:lead")
            out.append(event)
            continue
        source = recent_neighbour([*out, *events[len(out):], *told], event, story_date)
        if source is not None and event.date is None and not set(event.aux) & UNDATED_AUX:
            event = replace(event, date=source.date, date_precision=source.date_precision,
                            rule=f"{event.rule}+date:carried")
        out.append(event)
    return out


def lead_day(events: Sequence[Event], story_date: date | None) -> Event | None:
    """The story's day when its lead dates it: the first event of the first
    :data:`LEAD_SENTENCES` sentences that the text dates to a day of the days just before
    the story (``met … on April 5th`` in an April 6 story)."""
    if story_date is None:
        return None
    for event in events:
        if event.sentence >= LEAD_SENTENCES:
            return None
        day = date_bounds(event.date)[0] if event.date else None
        if (event.date_text and event.date_precision == "day" and day is not None
                and timedelta(days=1) <= story_date - day <= timedelta(days=LEAD_DAYS)):
            return event
    return None


def recent_neighbour(events: Sequence[Event], event: Event, story_date: date | None) -> (
    Event | None
):
    """The nearest act dated by the text itself to a day of the story's week, told in the
    sentence of one of ``event``'s mentions or in the one just before it."""
    if story_date is None:
        return None
    told = {event.sentence, *(m.sentence for m in event.mentions)}
    near = [o for o in events if o is not event and o.date and is_told_day(o)
            and o.date_precision == "day" and not set(o.aux) & UNDATED_AUX
            and is_recent(o.date, story_date)
            and any(0 <= s - o.sentence <= CARRY_SENTENCES for s in told)]
    return max(near, key=lambda o: o.sentence) if near else None


def is_told_day(event: Event) -> bool:
    """Dated by the text itself, or carried from such a date: a run of acts told one after
    the other (``inaugurated … on Thursday. Speaking to the elders, he … He urged …``)."""
    return bool(event.date_text) or "+date:carried" in event.rule


def is_recent(value: str, story_date: date) -> bool:
    day = date_bounds(value)[0]
    return day is not None and timedelta(0) <= story_date - day <= timedelta(days=RECENT_DAYS)
