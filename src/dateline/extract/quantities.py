"""Quantities: numbers attached to what they count.

A quantity is a run of number tokens (``2,500``, ``1.2 billion``, ``twelve``,
``dozens``) outside date and time expressions, with the phrase it counts
(``2,500 American troops`` -> of ``American troops``), its approximator
(``at least``) and, for ranges (``10 to 15``), an upper bound.
:func:`casualties` turns the quantities of one event's sentence into PLOVER's
size object (``dead``, ``injured``, ``arrested``) for the events extractor.

The words it reads live in ``knowledge/data/quantities_lexicon.yaml``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from number_parser import parse_number
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from dateline.errors import KnowledgeError
from dateline.extract.syntax import NUMBER_MODIFIER_DEPS
from dateline.knowledge.files import data_path, read_mapping
from dateline.model import Quantity

LEXICON_FILE = "quantities_lexicon.yaml"
SKIP_ENTS = frozenset({"DATE", "TIME", "ORDINAL"})
NOUNS = frozenset({"NOUN", "PROPN"})
CASUALTY_KEYS = ("dead", "injured", "arrested")
MAX_HEAD_STEPS = 3


@dataclass(frozen=True, slots=True)
class QuantityLexicon:
    """The word lists of ``quantities_lexicon.yaml``, ready for set lookups."""

    number_words: frozenset[str]
    scales: Mapping[str, float]
    vague: Mapping[str, float]
    approximators: frozenset[str]
    currencies: Mapping[str, str]
    percent_words: frozenset[str]
    casualty_verbs: Mapping[str, str]  # lemma -> dead/injured/arrested
    casualty_words: Mapping[str, str]  # lower-case word -> dead/injured/arrested


@lru_cache(maxsize=4)
def load_quantity_lexicon(path: Path | None = None) -> QuantityLexicon:
    """Load (once) the quantities lexicon, packaged or from ``path``."""
    data = read_mapping(path or data_path(LEXICON_FILE))
    try:
        verbs, words = _casualty_tables(data["casualties"])
        return QuantityLexicon(
            number_words=frozenset(data["number_words"]),
            scales={k: float(v) for k, v in data["scales"].items()},
            vague={k: float(v) for k, v in data["vague"].items()},
            approximators=frozenset(data["approximators"]),
            currencies=dict(data["currencies"]),
            percent_words=frozenset(data["percent_words"]),
            casualty_verbs=verbs,
            casualty_words=words,
        )
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise KnowledgeError(str(path or LEXICON_FILE), None, f"bad entry: {exc!r}") from exc


def _casualty_tables(section: dict[str, Any]) -> tuple[dict[str, str], dict[str, str]]:
    verbs: dict[str, str] = {}
    words: dict[str, str] = {}
    for key in CASUALTY_KEYS:
        verbs.update(dict.fromkeys(section[key]["verbs"], key))
        words.update(dict.fromkeys(section[key]["words"], key))
    return verbs, words


def extract_quantities(doc: Doc, lexicon: QuantityLexicon | None = None) -> list[Quantity]:
    """Find counted quantities in ``doc``, in text order."""
    lex = lexicon or load_quantity_lexicon()
    found: list[Quantity] = []
    for group in _merge_ranges(doc, _number_groups(doc, lex), lex):
        quantity = _quantity(doc, group, lex)
        if quantity is not None:
            found.append(quantity)
    return found


def _is_number(tok: Token, lex: QuantityLexicon) -> bool:
    low = tok.lower_  # called on every token: the entity type is read for numbers only
    if not (low in lex.number_words or low in lex.vague
            or (tok.like_num and any(ch.isdigit() for ch in low))):
        return False
    return tok.ent_type_ not in SKIP_ENTS


def _is_scale_after(tok: Token, lex: QuantityLexicon) -> bool:
    return tok.lower_ in lex.scales and tok.ent_type_ not in SKIP_ENTS


def _number_groups(doc: Doc, lex: QuantityLexicon) -> list[tuple[int, int]]:
    """Token ranges ``[start, end)`` of consecutive number words and digits."""
    groups: list[tuple[int, int]] = []
    end = 0
    for tok in doc:  # iterating is far cheaper than indexing the doc
        i = tok.i
        if i < end:
            continue  # inside the group before
        starts = _is_number(tok, lex) or (
            tok.lower_ in lex.scales and i > 0 and doc[i - 1].lower_ in ("a", "one")
        )
        if not starts:
            continue
        end = i + 1
        while end < len(doc) and (_is_number(doc[end], lex) or _is_scale_after(doc[end], lex)):
            end += 1
        groups.append((i, end))
    return groups


def _merge_ranges(
    doc: Doc, groups: list[tuple[int, int]], lex: QuantityLexicon
) -> list[tuple[int, int, int | None]]:
    """Join ``10 to 15``, ``10-15`` and ``between 10 and 15``: (start, end, upper_start)."""
    merged: list[tuple[int, int, int | None]] = []
    i = 0
    while i < len(groups):
        start, end = groups[i]
        if i + 1 < len(groups) and _joins(doc, start, end, groups[i + 1][0], lex):
            upper = None if doc[end].lower_ == "of" else groups[i + 1][0]
            merged.append((start, groups[i + 1][1], upper))
            i += 2
            continue
        merged.append((start, end, None))
        i += 1
    return merged


def _joins(doc: Doc, start: int, end: int, next_start: int, lex: QuantityLexicon) -> bool:
    if next_start != end + 1:
        return False
    word = doc[end].lower_
    if word in ("to", "-", "–"):
        return True
    if word == "of":  # "tens of thousands"
        return (
            end - start == 1 and doc[start].lower_ in lex.vague and doc[end + 1].lower_ in lex.vague
        )
    return word == "and" and start > 0 and doc[start - 1].lower_ == "between"


def _quantity(
    doc: Doc, group: tuple[int, int, int | None], lex: QuantityLexicon
) -> Quantity | None:
    start, end, upper_start = group
    low_end = upper_start - 1 if upper_start is not None else end
    value = _value(doc[start:low_end], lex)
    if value is None or _is_year_or_label(doc, start, end):
        return None
    upper = _value(doc[upper_start:end], lex) if upper_start is not None else None
    first = start - 1 if start > 0 and doc[start - 1].text in lex.currencies else start
    unit, of = _unit_and_of(doc, first, end, lex)
    if doc[start:end].text.lower() == "one" and doc[start].dep_ != "nummod":
        return None
    span = doc[first:end]
    return Quantity(
        value=value,
        text=span.text,
        span=(span.start_char, span.end_char),
        unit=unit,
        of=of,
        approx=_approximator(doc, first, lex) or _vague_word(doc[start:end], lex),
        upper=upper,
    )


def _value(tokens: Span, lex: QuantityLexicon) -> float | None:
    """The number a run of tokens spells, scales applied; None when unreadable."""
    digits = [t for t in tokens if any(ch.isdigit() for ch in t.text)]
    scale = 1.0
    for tok in tokens:
        if tok.lower_ in lex.scales and not (tok.lower_ in ("k", "m") and not digits):
            scale *= lex.scales[tok.lower_]
    if digits:
        try:
            return float(digits[0].text.replace(",", "")) * scale
        except ValueError:
            return None
    words = [t.lower_ for t in tokens if t.lower_ not in lex.scales]
    if not words:
        return scale
    base = _words_value(words, lex)
    return base * scale if base is not None else None


def _words_value(words: list[str], lex: QuantityLexicon) -> float | None:
    if len(words) == 1 and words[0] in lex.vague:
        return lex.vague[words[0]]
    if len(words) == 3 and words[1] == "of" and words[2][:-1] in lex.scales:
        return lex.vague.get(words[0], 1.0) * lex.scales[words[2][:-1]]
    return _parsed_number(" ".join(words))


@lru_cache(maxsize=4096)
def _parsed_number(words: str) -> float | None:
    """``number_parser``'s reading of number words: the same few phrases come again and
    again, and each call tries every language it knows (about 3 ms)."""
    parsed = parse_number(words)
    return float(parsed) if isinstance(parsed, int | float) else None


def _is_year_or_label(doc: Doc, start: int, end: int) -> bool:
    """``in 2014`` missed by NER, ``Article 5``, ``G20``: numbers that count nothing."""
    tok = doc[start]
    if end - start == 1 and tok.text.isdigit() and len(tok.text) == 4:
        return 1800 <= int(tok.text) <= 2100 and tok.dep_ != "nummod"
    return tok.dep_ in ("nummod", "appos") and tok.head.i < tok.i and tok.head.pos_ in NOUNS


def _unit_and_of(
    doc: Doc, first: int, end: int, lex: QuantityLexicon
) -> tuple[str | None, str | None]:
    if doc[first].text in lex.currencies:
        return lex.currencies[doc[first].text], _money_purpose(doc[first:end])
    if end < len(doc) and doc[end].lower_ in lex.currencies:
        return lex.currencies[doc[end].lower_], _money_purpose(doc[first : end + 1])
    if end < len(doc) and (doc[end].lower_ in lex.percent_words or doc[end].text == "%"):
        return "percent", None
    noun = counted_noun(doc[first:end])
    if noun is None:
        return None, None
    return noun.lower_, _counted_phrase(doc, end, noun)


def counted_noun(numbers: Span) -> Token | None:
    """The noun a number run counts: ``2,500 [troops]``, ``dozens of [people]``."""
    for tok in (numbers[-1], numbers[0]):
        noun = _counted_by(tok, numbers)
        if noun is not None:
            return noun
    return None


def _counted_by(tok: Token, numbers: Span) -> Token | None:
    pobj = _of_object(tok)
    if pobj is not None:
        return pobj
    while tok.dep_ in NUMBER_MODIFIER_DEPS and tok.head.i != tok.i and tok.head.i < numbers.end:
        tok = tok.head
    head = tok.head
    if tok.dep_ in NUMBER_MODIFIER_DEPS and head.pos_ in NOUNS and head.i >= numbers.end:
        return head
    return None


def _of_object(tok: Token) -> Token | None:
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    return None


def _counted_phrase(doc: Doc, end: int, noun: Token) -> str:
    """The counted phrase from the number to its noun (``American troops``)."""
    start = end if noun.i >= end and noun.left_edge.i <= end else noun.left_edge.i
    if noun.i > end and doc[end].lower_ == "of":
        start = noun.left_edge.i
    while start < noun.i and doc[start].dep_ in ("det", "poss", "case", "punct", "prep"):
        start += 1
    return doc[start : noun.i + 1].text


def _money_purpose(money: Span) -> str | None:
    """``$1.2 billion in aid`` -> ``aid``; None when the sum is bare."""
    for tok in money:
        for child in tok.children:
            if (
                child.dep_ == "prep"
                and child.lower_ in ("in", "for", "of")
                and child.i >= money.end
            ):
                pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
                if pobj is not None:
                    return pobj.text
    return None


def _approximator(doc: Doc, start: int, lex: QuantityLexicon) -> str | None:
    for width in (3, 2, 1):
        if start - width < 0:
            continue
        phrase = doc[start - width : start].text.lower()
        if phrase in lex.approximators:
            return phrase
    return None


def _vague_word(tokens: Span, lex: QuantityLexicon) -> str | None:
    return next((t.lower_ for t in tokens if t.lower_ in lex.vague), None)


def casualties(
    doc: Doc,
    trigger: Token,
    quantities: Sequence[Quantity],
    lexicon: QuantityLexicon | None = None,
) -> dict[str, float]:
    """PLOVER's size object for the event at ``trigger``: dead, injured, arrested.

    Counts are the quantities of the trigger's sentence whose counted noun, or the
    verb above it, names a casualty (``at least 12 people were killed``,
    ``wounding 30``, ``50 protesters were arrested``). Counts of the same kind are
    summed (``killed 12 soldiers and 3 civilians`` -> dead 15); only keys found
    appear.
    """
    lex = lexicon or load_quantity_lexicon()
    sent = trigger.sent
    own = {trigger.i, *(t.i for t in trigger.conjuncts)}
    verb_trigger = trigger.lemma_ in lex.casualty_verbs
    totals: dict[str, float] = {}
    for quantity in quantities:
        if not sent.start_char <= quantity.span[0] < sent.end_char:
            continue
        key, anchor = _casualty_key(doc, quantity, lex)
        if key is None or (verb_trigger and anchor is not None and anchor.i not in own):
            continue
        totals[key] = totals.get(key, 0.0) + quantity.value
    return totals


Casualty = tuple[str | None, Token | None]  # (dead/injured/arrested, the verb that said so)


def _casualty_key(doc: Doc, quantity: Quantity, lex: QuantityLexicon) -> Casualty:
    if quantity.unit == "percent" or quantity.unit in lex.currencies.values():
        return None, None
    numbers = doc.char_span(quantity.span[0], quantity.span[1], alignment_mode="expand")
    if numbers is None:
        return None, None
    noun = counted_noun(numbers) or numbers.root
    if noun.lower_ in lex.casualty_words and noun.i >= numbers.end:
        return lex.casualty_words[noun.lower_], None
    for child in noun.children:
        if child.dep_ in ("amod", "acomp", "oprd") and child.lower_ in lex.casualty_words:
            return lex.casualty_words[child.lower_], None
    return _casualty_above(noun, lex)


def _casualty_above(tok: Token, lex: QuantityLexicon) -> Casualty:
    head = tok
    for _ in range(MAX_HEAD_STEPS):
        if head.head.i == head.i:
            break
        head = head.head
        if head.pos_ in ("VERB", "AUX") and head.lemma_ in lex.casualty_verbs:
            return lex.casualty_verbs[head.lemma_], head
        if head.lower_ in lex.casualty_words and head.pos_ in ("ADJ", "NOUN"):
            return lex.casualty_words[head.lower_], None
    return None, None


class QuantitiesComponent:
    """Writes ``doc._.dateline_quantities``."""

    def __init__(self, lexicon: QuantityLexicon) -> None:
        self.lexicon = lexicon

    def __call__(self, doc: Doc) -> Doc:
        doc._.dateline_quantities = extract_quantities(doc, self.lexicon)
        return doc


@Language.factory(
    "dateline_quantities", requires=["token.dep"], assigns=["doc._.dateline_quantities"]
)
def make_quantities(nlp: Language, name: str) -> QuantitiesComponent:
    return QuantitiesComponent(load_quantity_lexicon())
