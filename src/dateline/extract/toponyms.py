"""Toponym recognition: which spans of a story name places.

spaCy's small model finds about half the place names of local news. Beside its
GPE, LOC and FAC entities (and organisation names the gazetteer knows as
landmarks, ``the Kremlin``), we take:

- **demonyms** (``Russian``, ``Sri Lankan``): a NORP entity the gazetteer knows
  as a country's demonym;
- **entities of the wrong type** (``Becker, Clay and Wilkin counties`` as ORG,
  ``Alexandria woman charged`` as PERSON) when the whole name is a place and the
  text says it is one (a context cue, :mod:`dateline.extract.toponym_cues`), or
  the place is a country, a first-level division, a continent or one of our
  regions under its own name or our alias (``EU``; an organisation is never taken
  whole on another spelling, a person only when it is a big capital);
- **places inside names** (``Mansfield`` in ``the Mansfield Police Department``):
  the longest run of capitalised words that the gazetteer knows, when the story
  names that place elsewhere, it is a country, division or region, a named county
  (``Walker County Fair``), a city of at least ``INNER_POPULATION`` people and
  ``INNER_PROMINENCE`` alternate names, or a strong cue marks it; never inside a
  person's name;
- **names spaCy missed** (``arrived in Kyiv``, the dateline ``BEIRUT (AP)``,
  ``Tbilisi says``): the whole run of capitalised words outside every entity,
  when it is a capital or a country, or a cue marks it (at a sentence's start,
  only a strong cue will do).

A name is left out when the story uses it for a person: a word that ends one of
the story's full person names more often than it stands alone as a place
(``Carrie Underwood ... Underwood said``), a name after a title (``coach
Ripley``), or one the next words describe as a person (``Georgia Mills, a
teacher``). Spans lose a leading ``the``/``a`` and a trailing ``'s``. Demonyms
and places inside names are **associative**: they never give an event its
location.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from dateline.extract.toponym_cues import capitalised, has_cue, is_dateline, word_at
from dateline.knowledge.files import word_list
from dateline.knowledge.gazetteer import (
    ALIAS,
    ALTERNATE,
    DEMONYM,
    PRIMARY,
    Gazetteer,
    Match,
    name_key,
)

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
LANDMARK_LABELS = frozenset({"ORG", "FAC", "PERSON"})
# Entity types that may hide a place, wholly or in part.
NAME_LABELS = frozenset({"ORG", "PERSON", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW", "FAC", "NORP"})
NO_INNER_LABELS = frozenset({"PERSON"})
STRONG_FEATURES = frozenset({"country", "admin1", "continent", "region"})
INNER_FEATURES = frozenset({"country", "admin1", "continent", "region"})
INNER_POPULATION = 100_000  # a town inside another name: this big ...
INNER_PROMINENCE = 20  # ... and this well known (alternate names in GeoNames)
PROVINCE_POPULATION = 1_000_000
NOTABLE_POPULATION = 5_000  # a name with only a preposition for a cue: a town this big
NOTABLE_FEATURES = frozenset({"country", "admin1", "continent", "region", "county", "landmark"})
MAX_RUN = 4
DETERMINERS = frozenset({"the", "a", "an"})
POSSESSIVE = frozenset({"'s", "’s", "'", "’"})
MAX_AGE = 120
PERSON_NOUNS = word_list("toponyms_person_nouns.txt")
COUNTY_WORDS = frozenset({"County", "Parish", "Borough"})
# Words before a name that make it a person's (``coach Ripley``).
PERSON_TITLES = word_list("toponyms_person_titles.txt")
GENERIC = word_list("toponyms_generic.txt")


@dataclass(frozen=True, slots=True)
class Toponym:
    """A span of the story taken to name a place."""

    span: Span
    associative: bool = False  # a demonym, or a place inside another name


def find_toponyms(doc: Doc, gazetteer: Gazetteer) -> list[Toponym]:
    """Every toponym of ``doc``, in text order, none overlapping another."""
    ents = doc.ents  # a property that builds its spans anew on each read
    surnames = person_surnames(ents)
    found = [
        Toponym(trim(s))
        for s in ents
        if _is_place_entity(s, gazetteer)
        and not _is_surname(trim(s), surnames, gazetteer)
        and not described_as_person(s)
    ]
    known = {name_key(t.span.text) for t in found}
    taken = _token_set(t.span for t in found)
    extra: list[Toponym] = []
    for ent in ents:
        if ent.label_ in NAME_LABELS and not taken.intersection(range(ent.start, ent.end)):
            extra += _in_name(ent, gazetteer, known, taken)
    taken |= _token_set(t.span for t in extra) | _token_set(ents)
    extra += _missed(doc, gazetteer, known, taken)
    extra = [t for t in extra if not _is_surname(t.span, surnames, gazetteer)]
    return sorted(found + extra, key=lambda t: t.span.start)


def person_surnames(ents: Sequence[Span]) -> set[str]:
    """Last words of the story's full person names (``Carrie Underwood``), unless
    the story uses the word more often as a place entity on its own (``Egypt``
    beside a misread ``Rethinking Egypt``): alone, such a word is the person."""
    people = Counter(e[-1].lower_ for e in ents if e.label_ == "PERSON")
    full = {e[-1].lower_ for e in ents if e.label_ == "PERSON" and len(e) > 1}
    places = Counter(e[0].lower_ for e in ents if e.label_ in PLACE_LABELS and len(e) == 1)
    return {word for word in full if people[word] >= places[word]}


def described_as_person(span: Span) -> bool:
    """``Georgia Mills, a teacher, ...``, ``Jane Roe, 34, of ...``: the words
    after the comma describe a person."""
    doc = span.doc
    if word_at(doc, span.end) != ",":
        return False
    nxt = word_at(doc, span.end + 1)
    if nxt.isdigit() and word_at(doc, span.end + 2) == ",":
        return int(nxt) < MAX_AGE
    return nxt in ("a", "an") and word_at(doc, span.end + 2) in PERSON_NOUNS


def _is_surname(span: Span, surnames: set[str], gazetteer: Gazetteer) -> bool:
    """A one-word name the story uses for a person (``Underwood said``, ``coach Ripley``)."""
    if len(span) != 1:
        return False
    if word_at(span.doc, span.start - 1) in PERSON_TITLES:
        return True
    return span[0].lower_ in surnames and not has_cue(span, gazetteer, True)


def _token_set(spans: Iterator[Span] | Sequence[Span]) -> set[int]:
    return {i for span in spans for i in range(span.start, span.end)}


def _is_place_entity(span: Span, gazetteer: Gazetteer) -> bool:
    if span.label_ in PLACE_LABELS:
        return not _only_respelt(trim(span), gazetteer)
    if span.label_ not in LANDMARK_LABELS:
        return False
    return any(m.entry.feature == "landmark" for m in gazetteer.lookup(trim(span).text))


def _only_respelt(span: Span, gazetteer: Gazetteer) -> bool:
    """A one-word name the gazetteer knows only as another place's alternate
    spelling (``Kristina``: Ristiina), with no cue: most often a person."""
    matches = gazetteer.lookup(span.text)
    return (
        len(span) == 1
        and bool(matches)
        and not any(spelt(m) for m in matches)
        and not has_cue(span, gazetteer)
    )


def trim(span: Span) -> Span:
    """The span without a leading article or a trailing possessive ``'s``."""
    start, end = span.start, span.end
    while start < end - 1 and span.doc[start].lower_ in DETERMINERS:
        start += 1
    while end > start + 1 and span.doc[end - 1].text in POSSESSIVE:
        end -= 1
    if start == span.start and end == span.end:
        return span
    return Span(span.doc, start, end, label=span.label)


def _in_name(ent: Span, gazetteer: Gazetteer, known: set[str], taken: set[int]) -> list[Toponym]:
    """A place that another entity is, or that it holds (``Mansfield Police``)."""
    whole = trim(ent)
    matches = gazetteer.lookup(whole.text)
    if ent.label_ == "NORP":
        return [Toponym(whole, True)] if _is_demonym(matches) else []
    if matches and _accept_whole(whole, matches, known, gazetteer):
        return [Toponym(whole)]
    if ent.label_ in NO_INNER_LABELS or len(whole) < 2:
        return []
    return [Toponym(s, True) for s in _inner_runs(whole, gazetteer, known, taken)]


def _is_demonym(matches: Sequence[Match]) -> bool:
    return any(m.kind == DEMONYM for m in matches)


def _accept_whole(
    span: Span, matches: Sequence[Match], known: set[str], gazetteer: Gazetteer
) -> bool:
    """An entity of another type that is wholly a place name."""
    if name_key(span.text) in known:
        return True
    if not any(spelt(m) for m in matches):
        return False  # ``Hamas`` is no spelling of Hamm
    if has_cue(span, gazetteer, strong=True):
        return True
    if span.label_ == "PERSON" and word_at(span.doc, span.end) in ("'s", "’s"):
        return False  # ``at Carter's home``
    if span.label_ == "PERSON" and any(_big_capital(m) for m in matches):
        return True  # ``Tbilisi says``
    if has_cue(span, gazetteer) and any(_notable(m) for m in matches):
        return True
    if span.label_ == "ORG":  # ``Turkey`` or ``EU`` tagged ORG, by its name or our alias
        return any(_strong(m) and m.kind in (PRIMARY, ALIAS) for m in matches)
    return span.label_ != "PERSON" and any(_strong(m) for m in matches)


def _notable(match: Match) -> bool:
    """A division, a region, or a town big enough to take on a preposition alone."""
    entry = match.entry
    if not spelt(match):
        return False
    return entry.feature in NOTABLE_FEATURES or entry.population >= NOTABLE_POPULATION


def _strong(match: Match) -> bool:
    """A place safe to take without a cue: a country, a division, a region."""
    return spelt(match) and match.entry.feature in STRONG_FEATURES


def spelt(match: Match) -> bool:
    """The name is the place's own, not a foreign or old spelling of it; a US
    county's name without ``County`` (``Avoyelles``) counts as its own."""
    return match.kind != ALTERNATE or match.entry.feature == "county"


def _inner_runs(
    span: Span, gazetteer: Gazetteer, known: set[str], taken: set[int]
) -> Iterator[Span]:
    """The longest runs of capitalised words inside ``span`` that name a place,
    left to right, none overlapping."""
    start = span.start
    while start < span.end:
        run = _inner_run_at(span, start, gazetteer, known, taken)
        if run is None:
            start += 1
            continue
        yield run
        start = run.end


def _inner_run_at(
    span: Span, start: int, gazetteer: Gazetteer, known: set[str], taken: set[int]
) -> Span | None:
    doc = span.doc
    if not capitalised(doc[start]):
        return None
    for end in range(min(span.end, start + MAX_RUN), start, -1):
        if end - start == len(span) or taken.intersection(range(start, end)):
            continue
        run = doc[start:end]
        words = [t.lower_ for t in run]
        if all(w in GENERIC for w in words) or not capitalised(doc[end - 1]):
            continue
        matches = gazetteer.lookup(run.text)
        if matches and (name_key(run.text) in known or _inner_accepted(run, matches, gazetteer)):
            return run
    return None


def _inner_accepted(run: Span, matches: Sequence[Match], gazetteer: Gazetteer) -> bool:
    """A place inside another name: a big one, or one the text marks as a place
    (``Grant, Mahnomen ... counties``)."""
    if any(_inner_ok(m) for m in matches):
        return True
    if not any(spelt(m) for m in matches):
        return False
    return has_cue(run, gazetteer, strong=True)


def _inner_ok(match: Match) -> bool:
    entry = match.entry
    if match.kind == ALTERNATE:
        return False
    if entry.feature in INNER_FEATURES or match.kind == DEMONYM:
        return True
    if entry.feature == "province":
        return entry.population >= PROVINCE_POPULATION
    if entry.feature == "county":  # ``Walker County Fair``, not ``Walker``
        return match.kind == PRIMARY and entry.name.rsplit(" ", 1)[-1] in COUNTY_WORDS
    return entry.population >= INNER_POPULATION and entry.prominence >= INNER_PROMINENCE


def _missed(doc: Doc, gazetteer: Gazetteer, known: set[str], taken: set[int]) -> list[Toponym]:
    """Runs of capitalised proper nouns outside every entity (``taken``) that name
    a place, with a cue."""
    found: list[Toponym] = []
    end = 0
    for token in doc:  # iterating is far cheaper than indexing the doc
        if token.i < end or not token.text[:1].isupper() or token.i in taken:
            continue
        run = _missed_at(doc, token.i, gazetteer, known, taken)
        if run is not None:
            found.append(Toponym(run, _demonym_run(run, gazetteer)))
            end = run.end
    return found


def _missed_at(
    doc: Doc, start: int, gazetteer: Gazetteer, known: set[str], in_ents: set[int]
) -> Span | None:
    if start in in_ents or not _candidate_word(doc[start]):
        return None
    end = start + 1
    while end < len(doc) and end - start < MAX_RUN and end not in in_ents:
        if not _candidate_word(doc[end]):
            break
        end += 1
    run = doc[start:end]  # the whole run of capitalised words, never a part of it
    if all(t.lower_ in GENERIC for t in run):
        return None
    matches = [m for m in gazetteer.lookup(run.text) if spelt(m)]
    if not matches:
        return None
    if name_key(run.text) in known or is_dateline(run) or has_cue(run, gazetteer, strong=True):
        return run
    if all(t.pos_ == "PROPN" for t in run) and any(_capital_or_country(m) for m in matches):
        return run  # ``Tbilisi says``: a capital or a country needs no cue
    if doc[start].is_sent_start:  # ``Fargo raised its goal``: only a strong cue will do
        return None
    if _modifies_a_noun(run) and any(_notable(m) and m.kind == PRIMARY for m in matches):
        return run
    if has_cue(run, gazetteer) and any(_notable(m) for m in matches):
        return run
    return run if _demonym_run(run, gazetteer) else None


def _big_capital(match: Match) -> bool:
    """A national capital of at least ``INNER_POPULATION`` people, under its own name."""
    entry = match.entry
    return (
        match.kind in (PRIMARY, ALIAS)
        and entry.feature == "capital"
        and entry.population >= INNER_POPULATION
    )


def _capital_or_country(match: Match) -> bool:
    return match.kind in (PRIMARY, ALIAS) and match.entry.feature in ("capital", "country")


def _modifies_a_noun(run: Span) -> bool:
    """``a Gainesville restaurant``, ``the Gainesville sewer system``: an article,
    the name, then a word in lower case."""
    doc = run.doc
    return (
        word_at(doc, run.start - 1) in DETERMINERS
        and run.end < len(doc)
        and doc[run.end].is_lower
        and doc[run.end].pos_ == "NOUN"
    )


def _candidate_word(token: Token) -> bool:
    """A capitalised proper noun or adjective (any word written in capitals, and
    any capitalised first word of a sentence: only a strong cue will take it)."""
    if not capitalised(token) or token.is_stop:
        return False
    return token.pos_ in ("PROPN", "ADJ") or token.is_upper or bool(token.is_sent_start)


def _demonym_run(run: Span, gazetteer: Gazetteer) -> bool:
    return len(run) == 1 and _is_demonym(gazetteer.lookup(run.text))
