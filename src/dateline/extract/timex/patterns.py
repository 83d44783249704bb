"""The regular-expression grammar that finds candidate time expressions.

Each rule is a name and a compiled pattern with named groups; the normaliser of
the same name (in :mod:`.normalise`) turns a match into a TimeML value. Spans follow
TimeML: determiners and modifiers (``the``, ``early``, ``at least``) are inside,
prepositions (``in``, ``on``, ``by``) outside.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dateline.extract.timex.lexicon import DECADE_WORDS, NUMBERS, ORDINALS, REFS, WEEKDAYS


def _alt(words: object) -> str:
    """A regex alternation of words, longest first, escaped."""
    items = sorted((str(w) for w in words), key=len, reverse=True)  # type: ignore[attr-defined]
    return "|".join(re.escape(w) for w in items)


MONTH_FULL = (
    "january|february|march|april|may|june|july|august|september|october|november|december"
)
MONTH_ABBR = r"jan\.?|feb\.?|mar\.?|apr\.?|jun\.?|jul\.?|aug\.?|sept\.?|sep\.?|oct\.?|nov\.?|dec\.?"
MONTH_ABBR_DOT = r"jan\.|feb\.|mar\.|apr\.|jun\.|jul\.|aug\.|sept\.|sep\.|oct\.|nov\.|dec\."
MONTH = rf"(?:{MONTH_FULL}|{MONTH_ABBR})"
WEEKDAY = rf"(?:{_alt(WEEKDAYS)})"
SIMPLE_NUM = rf"(?:\d+(?:\.\d+)?|{_alt(k for k in NUMBERS if k not in ('a', 'an'))})"
NUM = (
    rf"(?:{SIMPLE_NUM}(?:[- ](?:one|two|three|four|five|six|seven|eight|nine|hundred|thousand))?"
    r"(?: and a half| 1/2)?|a couple of|couple of|a few|a|an|several|few|some|many|two or three)"
)
UNIT = (
    r"(?:second|minute|hour|day|night|week|weekend|fortnight|month|quarter|year|decade|"
    r"centur(?:y|ie)|millenni(?:um|a))"
)
UNITS = rf"(?:{UNIT}s?)"
ORDINAL = rf"(?:{_alt(ORDINALS)})"
YEAR4 = r"(?:1[6-9]\d\d|20\d\d)"
YEAR_WORDS = (
    r"(?:nineteen|twenty)[- ](?:(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|"
    r"eighteen|nineteen)|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
    r"(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?)"
    r"|(?:the year )?two thousand(?:(?: and)? (?:one|two|three|four|five|six|seven|eight|nine))?"
)
APPROX = (
    r"(?:about|around|almost|nearly|roughly|some|more than|less than|fewer than|over|under|"
    r"at least|at most|up to|only|just|no more than|no less than|approximately|barely|"
    r"close to|well over|the better part of|a little over|a little more than)"
)
MOD = r"(?:early|earlier|late|later|mid|the middle of|the end of|the beginning of|the start of)"
PART_OF_DAY = r"(?:morning|afternoon|evening|night)"
REL = (
    r"(?:this past|this coming|this|last|next|past|coming|previous|following|"
    r"the past|the last|the coming|the next|the previous|the following|the prior|that|"
    r"the same|the current|the latest|the most recent|the present|the first|the second|"
    r"the final|current|recent)"
)
AMPM = r"(?:a\.m\.?|p\.m\.?|am\b|pm\b)"
TZ = r"(?:\s+(?:[ECMP][SD]T|GMT|UTC))?"
REF_WORDS = _alt(REFS)
YEAR_AGO = r"(?:the\s+(?:comparable\s+)?)?(?:year-ago|year-earlier|year earlier|prior-year)"


@dataclass(frozen=True, slots=True)
class Rule:
    """A named pattern; its match is normalised by the normaliser of the same name.
    ``needs``: words one of which every match contains (lower case, as :func:`folded`
    writes the text), so a text with none of them is not scanned; empty: always scanned.
    """

    name: str
    pattern: re.Pattern[str]
    needs: tuple[str, ...] = ()


def _rule(name: str, pattern: str, needs: tuple[str, ...] = ()) -> Rule:
    compiled = re.compile(rf"(?<![\w©$#@/.-]){pattern}(?![\w%$]|-\w|\.\d)", re.IGNORECASE)
    return Rule(name, compiled, needs)


#: The characters other than A-Z that ``re.IGNORECASE`` takes for an ASCII letter, and that
#: ``str.lower`` does not turn into that one letter (Kelvin sign, dotted and dotless i,
#: long s).
_CASE_FIXES = str.maketrans({"\u212a": "k", "\u0130": "i", "\u0131": "i", "\u017f": "s"})


def folded(text: str) -> str:
    """``text`` in lower case, as ``re.IGNORECASE`` compares ASCII letters: a word of a
    rule's ``needs`` is in it wherever the rule's pattern can match."""
    return text.translate(_CASE_FIXES).lower()


def scanned(rule: Rule, text: str) -> bool:
    """Whether ``rule`` can match in the text whose :func:`folded` form is ``text``."""
    return not rule.needs or any(word in text for word in rule.needs)


_MONTHS = tuple(MONTH_FULL.split("|"))
_PARTS_OF_DAY = ("morning", "afternoon", "evening", "night")
_SEASONS = ("spring", "summer", "fall", "autumn", "winter")


RULES: tuple[Rule, ...] = (
    _rule(
        "month_day",
        rf"(?:(?P<wd>{WEEKDAY}),?\s+)?(?:(?P<mod>{MOD})[- ]?)?(?P<month>{MONTH})\s+"
        rf"(?P<day>\d{{1,2}}|{ORDINAL})(?:st|nd|rd|th)?\b(?:,?\s+(?P<year>{YEAR4})\b)?",
    ),
    _rule(
        "day_month",
        rf"(?:(?P<wd>{WEEKDAY}),?\s+)?(?:the\s+)?(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?"
        rf"(?P<month>{MONTH})(?:,?\s+(?P<year>{YEAR4})\b)?",
    ),
    _rule("numeric", r"(?P<m>[01]?\d)/(?P<d>[0-3]?\d)/(?P<y>\d{4}|\d{2})"),
    _rule("iso", r"(?P<y>\d{4})-(?P<m>[01]\d)-(?P<d>[0-3]\d)"),
    _rule(
        "month_year",
        rf"(?:(?P<mod>{MOD})[- ]?)?"
        rf"(?P<month>{MONTH_FULL}|{MONTH_ABBR_DOT}|(?:{MONTH_ABBR})(?=,?\s+\d))"
        rf"(?:,?\s+(?:of\s+)?(?P<year>{YEAR4}|{YEAR_WORDS})"
        r"|\s+(?P<rel>last year|this year|next year))?",
    ),
    _rule("rel_month", rf"(?:(?P<mod>{MOD})\s+)?(?P<rel>last|next|this|this past|this coming)\s+"
                       rf"(?P<month>{MONTH_FULL})",
        needs=_MONTHS),
    _rule(
        "year",
        rf"(?:(?P<mod>{MOD}|the first half of|the second half of|the last half of)[- ]?)?"
        rf"(?:(?P<fiscal>fiscal(?: year)?)\s+)?(?P<year>{YEAR4})(?:\s+or later)?",
    ),
    _rule("year_words", rf"(?P<words>{YEAR_WORDS})",
        needs=("nineteen", "twenty", "thousand")),
    _rule(
        "decade",
        rf"(?:the\s+)?(?:(?P<mod>early|late|mid)[- ]?)?(?:(?P<dec>{YEAR4})'?s|'(?P<short>\d0)'?s|"
        rf"(?P<word>{_alt(DECADE_WORDS)}))",
    ),
    _rule("century", rf"(?:the\s+)?(?P<ord>\d{{1,2}}(?:st|nd|rd|th)|{ORDINAL})[- ]century",
        needs=("century",)),
    _rule("rel_century", r"(?P<rel>this|last|next|the last|the next|the past)\s+century",
        needs=("century",)),
    _rule(
        "weekday",
        rf"(?:(?P<mod>early)\s+)?(?:(?P<rel>last|next|this|this coming|coming|"
        rf"this past|past)\s+)?(?P<wd>{WEEKDAY})(?:\s+(?P<pod>{PART_OF_DAY}))?",
        needs=tuple(WEEKDAYS),
    ),
    _rule(
        "deictic",
        rf"(?:(?P<mod>early|late|earlier|later)\s+)?(?P<word>today|yesterday|tomorrow|tonight|"
        rf"the day before yesterday|the day after tomorrow)"
        rf"(?:\s+(?P<pod>{PART_OF_DAY}))?",
        needs=("today", "yesterday", "tomorrow", "tonight"),
    ),
    _rule("anchored_day", r"(?:(?P<mod>earlier|later)\s+)?(?P<rel>that|the same|the next|the "
                          r"following|the previous|the prior|the preceding)\s+(?P<unit>day|"
                          r"morning|night|evening|afternoon)",
        needs=("day", *_PARTS_OF_DAY)),
    _rule("this_pod", rf"(?:(?P<mod>early|late|later|earlier)\s+)?(?P<rel>this|last|that)\s+"
                      rf"(?P<pod>{PART_OF_DAY})",
        needs=_PARTS_OF_DAY),
    _rule(
        "rel_period",
        rf"(?:(?P<mod>{MOD}|early|late)\s+(?:in\s+)?)?(?P<rel>{REL})\s+(?P<fiscal>fiscal\s+)?"
        rf"(?P<unit>week|weekend|month|quarter|year|decade|summer|winter|spring|fall|autumn|"
        r"fiscal year|half|year's|month's|week's)",
        needs=("week", "month", "quarter", "year", "decade", "half", *_SEASONS),
    ),
    _rule("mod_period", r"(?P<mod>earlier|later|early|late)\s+(?:in\s+)?(?P<rel>the)\s+"
                        r"(?P<unit>week|month|year|day)",
        needs=("earl", "late")),
    _rule("year_end", r"(?P<word>year-end|year end|year's end)",
        needs=("year-end", "year end", "year's end")),
    _rule(
        "end_of",
        r"(?P<mod>the end|the beginning|the start|the middle|the close|the rest)\s+of\s+"
        r"(?P<rel>the|this|next|last|that)\s+(?P<unit>week|month|quarter|year|decade|century)",
        needs=("the end", "the beginning", "the start", "the middle", "the close", "the rest"),
    ),
    _rule(
        "ago",
        rf"(?:(?P<approx>{APPROX})\s+)?(?P<num>{NUM})\s+(?P<unit>{UNITS})(?:\s+or so)?\s+"
        r"(?P<dir>ago|earlier|later|before|after|from now|hence|back)",
        needs=("ago", "earlier", "later", "before", "after", "from now", "hence", "back"),
    ),
    _rule(
        "quarter",
        rf"(?:(?P<det>the|its|a|this year's|last year's|next year's|{YEAR_AGO})\s+)?"
        rf"(?:(?P<year>{YEAR4})\s+)?"
        rf"(?P<fiscal>fiscal[- ])?(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)[- ]"
        rf"(?:fiscal[- ])?(?P<unit>quarter|half)(?:\s+of\s+(?:fiscal\s+)?(?P<year2>{YEAR4}))?",
        needs=("quarter", "half"),
    ),
    _rule("year_ago_adj", r"(?:the\s+(?:comparable\s+)?)?(?P<word>year-earlier|year-ago|"
                          r"year earlier|prior-year)(?:\s+(?P<unit>quarter|period))?",
        needs=("year-earlier", "year-ago", "year earlier", "prior-year")),
    _rule(
        "anchor_period",
        r"(?P<det>the|that|the same|the latest|the most recent|the corresponding|the comparable|"
        r"last year's)\s+(?P<unit>quarter|period)"
        r"(?:\s+(?P<ago>a year ago|a year earlier|last year|of last year))?",
        needs=("quarter", "period"),
    ),
    _rule("the_year_period", rf"the\s+(?P<year>{YEAR4})\s+(?P<unit>period|quarter)",
        needs=("period", "quarter")),
    _rule(
        "season",
        rf"(?:(?P<mod>early|late|mid)[- ]?)?(?:(?P<rel>this|last|next|that|the|this past)\s+)?"
        rf"(?P<season>spring|summer|fall|autumn|winter)(?:\s+of\s+(?P<year>{YEAR4}|{YEAR_WORDS})"
        rf"|\s+(?P<year2>{YEAR4}))?",
        needs=_SEASONS,
    ),
    _rule(
        "holiday",
        r"(?:(?P<rel>last|next|this)\s+)?(?P<name>thanksgiving(?: day)?|christmas(?: day| eve)?|"
        r"new year's(?: day| eve)?|easter(?: sunday| week)?|independence day|election day|"
        r"valentine's day|halloween|veterans day)",
        needs=("thanksgiving", "christmas", "new year's", "easter", "independence day",
               "election day", "valentine's day", "halloween", "veterans day"),
    ),
    _rule(
        "time",
        rf"(?:(?P<approx>about|around|shortly after|shortly before|just after|just before)\s+)?"
        rf"(?P<h>\d{{1,2}})(?:[:.](?P<mi>\d{{2}}))?\s*(?P<ampm>{AMPM}|o'clock|in the morning|"
        rf"in the afternoon|in the evening|at night){TZ}(?:,?\s+(?P<when>{WEEKDAY}|today|"
        rf"yesterday|tomorrow|(?:{MONTH})\s+\d{{1,2}}))?",
    ),
    _rule("noon", rf"(?P<word>noon|midnight|midday)(?:\s+(?P<when>{WEEKDAY}|today|yesterday|"
                  rf"tomorrow))?",
        needs=("noon", "midnight", "midday")),
    _rule("recent_units", rf"(?P<rel>recent|coming|future|the coming)\s+(?P<unit>{UNITS}"
                          r"(?: and (?:weeks|months|years))?)",
        needs=("recent", "coming", "future")),
    _rule(
        "duration",
        rf"(?:(?P<approx>{APPROX})\s+)?(?:(?P<det>the|a|an|another|an additional|each of the)\s+)?"
        rf"(?:(?P<rel>past|last|next|first|coming|previous|final|following|recent|latest|"
        rf"remaining|initial)\s+)?(?:(?P<num>{NUM})[\s-]+)?(?:(?P<more>more|additional|"
        rf"straight|consecutive|full|trading|business|calendar)\s+)?(?P<unit>{UNITS})"
        r"(?P<suffix>-long|-old)?(?P<half>\s+and\s+a\s+half)?",
        needs=("second", "minute", "hour", "day", "night", "week", "fortnight", "month",
               "quarter", "year", "decade", "centur", "millenni"),
    ),
    _rule("set_adverb", r"(?P<word>daily|weekly|monthly|annually|yearly|hourly|quarterly|"
                        r"nightly|biweekly|semiannually)",
        needs=("daily", "weekly", "monthly", "annually", "yearly", "hourly", "quarterly",
               "nightly", "biweekly", "semiannually")),
    _rule("set_every", rf"(?P<q>every|each|per)\s+(?:(?P<num>{NUM})\s+)?(?P<unit>{UNIT}|"
                       rf"{WEEKDAY}|{MONTH_FULL}|morning|evening|night)",
        needs=("every", "each", "per")),
    _rule("ref", rf"(?P<word>{REF_WORDS})"),
)
