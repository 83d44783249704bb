"""Time expressions resolved against the story date (TIMEX3: DATE, TIME, DURATION, SET).

Recognition is a regular-expression grammar over the text (:mod:`.timex.patterns`),
checked against the parse (a ``May`` that is a modal, a ``2011`` that counts
troops); normalisation follows TimeML: relative expressions count from the story
date, anaphoric ones (``that year``, ``two months later``) from the latest explicit
date in the narration. With no story date, relative expressions carry no value
and ``note='unanchored'``.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from spacy.language import Language
from spacy.tokens import Doc, Span

from dateline.extract.timex.calendar import end_of
from dateline.extract.timex.context import Context, Norm
from dateline.extract.timex.recognise import NORMALISERS, Candidate, find_candidates, select
from dateline.extract.timex.tense import span_tense
from dateline.extract.timex.values import precision_of, start_of
from dateline.knowledge.files import word_list
from dateline.model import TimeRef, TimeRole

END_WORDS = frozenset({"by", "until", "till", "before", "through", "to"})
START_WORDS = frozenset({"since", "from", "starting", "beginning", "after"})
COUNT_NOUNS = word_list("time_count_nouns.txt")


def extract_times(doc: Doc, story_date: date | None) -> list[TimeRef]:
    """Find and normalise the time expressions in ``doc``, in text order."""
    ctx = Context(story_date)
    times: list[TimeRef] = []
    for candidate in select(_valid_candidates(doc, ctx)):
        span = doc.char_span(candidate.start, candidate.end, alignment_mode="expand")
        if span is None:
            continue
        norm = _normalise(candidate, span, ctx)
        if norm is None or not _fits_parse(candidate, span, norm):
            continue
        times.append(_time_ref(span, norm, ctx))
        ctx = _advance(replace(ctx, position=candidate.start), norm, candidate.rule)
    return times


# Rules whose normaliser needs the narration so far (``the period``: the quarter named
# before it); they are checked in text order, not against the story date alone.
CONTEXTUAL_RULES = frozenset({"anchor_period"})


def _valid_candidates(doc: Doc, ctx: Context) -> list[Candidate]:
    """Candidates whose normaliser accepts them with the story date alone."""
    return [
        c for c in find_candidates(doc.text)
        if c.rule in CONTEXTUAL_RULES or apply_rule(c, ctx) is not None
    ]  # fmt: skip


#: The norm of an expression whose date arithmetic leaves the calendar (years 1-9999).
OUT_OF_RANGE = Norm(None)


def apply_rule(candidate: Candidate, ctx: Context) -> Norm | None:
    """The candidate's normaliser; an expression whose value would fall outside years
    1-9999 (``3000 years ago``, ``next year`` in a story dated 9999-12-31) is kept
    with no value, instead of failing the whole time extractor."""
    try:
        return NORMALISERS[candidate.rule](candidate.match, ctx)
    except (OverflowError, ValueError):  # datetime's "out of range" errors
        return OUT_OF_RANGE


def _normalise(candidate: Candidate, span: Span, ctx: Context) -> Norm | None:
    lead = span.doc[span.start - 1].lower_ if span.start > 0 else ""
    with_tense = replace(ctx, tense=lambda: span_tense(span), position=candidate.start, lead=lead)
    return apply_rule(candidate, with_tense)


def _fits_parse(candidate: Candidate, span: Span, norm: Norm) -> bool:
    """Reject matches the parse contradicts: verbs, modal ``May``, counted years."""
    if len(span) == 1 and span[0].tag_ in ("MD", "VB", "VBP", "VBZ", "VBD", "VBN"):
        return False
    if candidate.rule == "set_adverb" and span[0].dep_ == "amod" and span[0].lower_ != "daily":
        return False
    if norm.mod == "AMBIGUOUS_MONTH":
        token = span[0]  # "in May", not "Theresa May" (a person's name) nor "May said"
        return token.tag_ == "NNP" and token.i > token.sent.start and token.ent_type_ != "PERSON"
    if candidate.rule == "year" and not candidate.match["mod"] and not candidate.match["fiscal"]:
        return not _counted_number(span)
    return True


def _counted_number(span: Span) -> bool:
    """``2011 troops``: a four-digit number counting people or things."""
    token = span[-1]
    return token.dep_ == "nummod" and token.head.lemma_.lower() in COUNT_NOUNS


def _time_ref(span: Span, norm: Norm, ctx: Context) -> TimeRef:
    """The record for one expression, with its role (deadline, start) and note."""
    role = _role(span)
    value = norm.value
    precision = precision_of(value) if norm.type in ("DATE", "TIME") else "unknown"
    if role == "end" and norm.mod == "END" and precision in ("year", "month", "quarter", "week"):
        last = _last_day(start_of(value), precision)
        if last is not None:
            value, precision = last.isoformat(), "day"
    note = "unanchored" if norm.relative and value is None else None
    return TimeRef(span.text, (span.start_char, span.end_char), value, precision, norm.type,
                   role, note)  # fmt: skip


def _last_day(first: date | None, precision: str) -> date | None:
    """The last day of the period starting on ``first``; None past 9999-12-31."""
    try:
        return end_of(first, precision) if first is not None else None
    except OverflowError:
        return None


def _role(span: Span) -> TimeRole:
    """``end`` after ``by``/``until``, ``start`` after ``since``/``from``, else ``point``."""
    if span.start == 0:
        return "point"
    word = span.doc[span.start - 1].lower_
    if word in END_WORDS:
        return "end"
    return "start" if word in START_WORDS else "point"


QUARTER_RULES = frozenset({"quarter", "rel_period"})
ANCHOR_PRECISIONS = frozenset({"day", "month", "year"})


def _advance(ctx: Context, norm: Norm, rule: str) -> Context:
    """The context after an expression: new narrative anchor, latest quarter named."""
    if norm.type != "DATE" or not norm.value:
        return ctx
    precision = precision_of(norm.value)
    if precision == "quarter" and rule in QUARTER_RULES:
        ctx = replace(ctx, quarter=_topic_quarter(ctx, norm.value), quarter_at=ctx.position)
    anchor = norm.anchor or start_of(norm.value)
    if anchor is not None and precision in ANCHOR_PRECISIONS:
        return replace(ctx, anchor=anchor, anchor_precision=precision)
    return ctx


def _topic_quarter(ctx: Context, named: str) -> str:
    """The quarter a business story reports on: the latest one named that has ended by
    the story date (``a flat second quarter`` in a third-quarter story, or a forecast
    for the fourth, does not change the topic)."""
    if ctx.quarter is None or ctx.story_date is None:
        return named
    last = _last_day(start_of(named), "quarter")
    ended = last is not None and last < ctx.story_date
    return named if ended and named > ctx.quarter else ctx.quarter


class TimeComponent:
    """Writes ``doc._.dateline_times`` from ``doc._.dateline_date``."""

    def __call__(self, doc: Doc) -> Doc:
        doc._.dateline_times = extract_times(doc, doc._.dateline_date)
        return doc


# Reads doc._.dateline_date, which the caller sets (dateline.nlp.make_doc), not a component.
@Language.factory("dateline_time", assigns=["doc._.dateline_times"])
def make_time(nlp: Language, name: str) -> TimeComponent:
    return TimeComponent()
