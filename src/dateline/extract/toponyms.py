"""Toponym recognition: which spans of a story name places.

spaCy's small model finds about half the place names of local news. Beside its
GPE, LOC and FAC entities (and organisation names the gazetteer knows as
landmarks, ``the Kremlin``), we take:

- **demonyms and adjectives** (``Russian``, ``Sri Lankan``): a NORP entity the
  gazetteer knows as a country's demonym, or as one of our aliases (``Kurdish``);
- **entities of the wrong type** (``Becker, Clay and Wilkin counties`` as ORG,
  ``Alexandria woman charged`` as PERSON) when the whole name is a place and the
  text says it is one (a context cue, below), or the place is a country, a
  first-level division, a continent or one of our regions;
- **places inside names** (``Mansfield`` in ``the Mansfield Police Department``,
  ``Minnesota`` in ``Education Minnesota``): the longest run of capitalised words
  that the gazetteer knows, when the story names that place elsewhere, or it is
  a country, division, region or a city of at least ``INNER_POPULATION``; never
  inside a person's name;
- **names spaCy missed** (``arrived in Kyiv``, the dateline ``BEIRUT (AP)``): a
  run of capitalised proper nouns outside every entity, with a context cue.

Context cues are cheap and local: a locative preposition or a place noun with
``of`` right before (``in``, ``near``, ``province of``), a place noun or
``-based`` right after (``Clay County``, ``Kyiv-based``, ``Alexandria woman``),
a division or country right after a comma (``Alexandria, Va.``), a dateline
(an all-capitals name at the start of a line before ``--`` or ``(``), or
coordination with a place already found (``in Becker, Clay and Douglas``).

Spans lose a leading ``the``/``a`` and a trailing ``'s``. Demonyms and places
inside names are **associative**: they never give an event its location.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

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
CUE_PREPS = frozenset(
    {
        "in",
        "at",
        "near",
        "from",
        "to",
        "into",
        "across",
        "inside",
        "outside",
        "around",
        "throughout",
        "within",
        "via",
        "through",
        "toward",
        "towards",
        "outskirts",
        "visit",
        "visited",
        "visiting",
        "arrived",
        "entered",
    }
)
PLACE_NOUNS = frozenset(
    {
        "city",
        "town",
        "village",
        "county",
        "counties",
        "parish",
        "parishes",
        "province",
        "provinces",
        "state",
        "states",
        "region",
        "regions",
        "district",
        "districts",
        "capital",
        "area",
        "border",
        "borough",
        "township",
        "suburb",
        "outskirts",
        "residents",
        "resident",
        "native",
        "natives",
        "woman",
        "man",
        "men",
        "women",
        "girl",
        "boy",
        "teen",
        "couple",
        "family",
        "families",
        "mayor",
        "area's",
        "police",
        "governor",
        "prosecutor",
        "townships",
        "officers",
        "firefighters",
        "sheriff",
        "parents",
        "countryside",
        "coast",
        "side",
    }
)
DIRECTIONS = frozenset(
    {
        "north",
        "south",
        "east",
        "west",
        "northeast",
        "northwest",
        "southeast",
        "southwest",
        "outskirts",
        "suburbs",
        "miles",
    }
)
# ``province of X``: lower case only (``Chamber of Commerce`` is no cue).
OF_NOUNS = frozenset(
    {
        "city",
        "town",
        "village",
        "county",
        "province",
        "state",
        "region",
        "district",
        "capital",
        "parish",
        "borough",
        "township",
        "area",
        "island",
        "republic",
    }
)
# A word right before a name that makes it a place (``the capital Colombo``).
PLACE_TITLES = frozenset(
    {"capital", "city", "town", "village", "province", "port", "suburb", "downtown"}
)
STREET_WORDS = frozenset(
    {
        "st.",
        "st",
        "street",
        "ave.",
        "ave",
        "avenue",
        "road",
        "rd.",
        "drive",
        "dr.",
        "lane",
        "blvd.",
        "way",
    }
)
PARTIES = frozenset({"D", "R", "I", "DFL"})  # ``Sen. Jane Roe, D-Braxton``
PLURAL_PLACE_NOUNS = frozenset({"counties", "parishes", "provinces", "states", "cities", "towns"})
MAX_LIST = 16
MAX_AGE = 120
PERSON_NOUNS = frozenset(
    {
        "teacher",
        "student",
        "lawyer",
        "doctor",
        "nurse",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "resident",
        "mother",
        "father",
        "son",
        "daughter",
        "officer",
        "farmer",
        "worker",
        "veteran",
        "member",
        "professor",
        "senator",
        "official",
        "analyst",
        "researcher",
        "journalist",
        "reporter",
        "woman",
        "man",
        "girl",
        "boy",
        "former",
        "retired",
    }
)
COUNTY_WORDS = frozenset({"County", "Parish", "Borough"})
# Words before a name that make it a person's (``coach Ripley``).
PERSON_TITLES = frozenset(
    {
        "coach",
        "mr.",
        "mrs.",
        "ms.",
        "miss",
        "dr.",
        "sen.",
        "rep.",
        "gov.",
        "judge",
        "officer",
        "sgt.",
        "lt.",
        "capt.",
        "det.",
        "deputy",
        "pastor",
        "rev.",
        "sheriff",
        "chief",
        "prof.",
        "professor",
        "coordinator",
        "spokesman",
        "spokeswoman",
    }
)
# ``according to Taylor``, ``talking to Hamas``: a preposition that is no cue.
NOT_LOCATIVE = frozenset(
    {"according", "talking", "talk", "talked", "speaking", "spoke", "listen", "due", "thanks"}
)
DATELINE_MARKS = frozenset({"--", "---", "—", "–", "-", "(", ":", ","})
GENERIC = frozenset(
    {
        "of",
        "the",
        "and",
        "for",
        "new",
        "north",
        "south",
        "east",
        "west",
        "central",
        "city",
        "county",
        "state",
        "university",
        "college",
        "school",
        "national",
        "international",
        "united",
        "union",
        "republic",
        "st",
        "saint",
        "st.",
        "mount",
        "lake",
        "river",
        "park",
        "centre",
        "center",
        "church",
        "hall",
        "bank",
        "grand",
        "royal",
        "first",
        "victoria",
        "washington",
        "council",
        "police",
        "commerce",
        "force",
        "federal",
        "date",
    }
)


@dataclass(frozen=True, slots=True)
class Toponym:
    """A span of the story taken to name a place."""

    span: Span
    associative: bool = False  # a demonym, or a place inside another name


def find_toponyms(doc: Doc, gazetteer: Gazetteer) -> list[Toponym]:
    """Every toponym of ``doc``, in text order, none overlapping another."""
    surnames = person_surnames(doc)
    found = [
        Toponym(trim(s))
        for s in doc.ents
        if _is_place_entity(s, gazetteer)
        and not _is_surname(trim(s), surnames, gazetteer)
        and not described_as_person(s)
    ]
    known = {name_key(t.span.text) for t in found}
    taken = _token_set(t.span for t in found)
    extra: list[Toponym] = []
    for ent in doc.ents:
        if ent.label_ in NAME_LABELS and not taken.intersection(range(ent.start, ent.end)):
            extra += _in_name(ent, gazetteer, known, taken)
    taken |= _token_set(t.span for t in extra)
    extra += _missed(doc, gazetteer, known, taken)
    extra = [t for t in extra if not _is_surname(t.span, surnames, gazetteer)]
    return sorted(found + extra, key=lambda t: t.span.start)


def person_surnames(doc: Doc) -> set[str]:
    """Last words of the story's full person names (``Carrie Underwood``), unless
    the story uses the word more often as a place entity on its own (``Egypt``
    beside a misread ``Rethinking Egypt``): alone, such a word is the person."""
    people = Counter(e[-1].lower_ for e in doc.ents if e.label_ == "PERSON")
    full = {e[-1].lower_ for e in doc.ents if e.label_ == "PERSON" and len(e) > 1}
    places = Counter(e[0].lower_ for e in doc.ents if e.label_ in PLACE_LABELS and len(e) == 1)
    return {word for word in full if people[word] >= places[word]}


def described_as_person(span: Span) -> bool:
    """``Georgia Mills, a teacher, ...``, ``Jane Roe, 34, of ...``: the words
    after the comma describe a person."""
    doc = span.doc
    if _word_at(doc, span.end) != ",":
        return False
    nxt = _word_at(doc, span.end + 1)
    if nxt.isdigit() and _word_at(doc, span.end + 2) == ",":
        return int(nxt) < MAX_AGE
    return nxt in ("a", "an") and _word_at(doc, span.end + 2) in PERSON_NOUNS


def _is_surname(span: Span, surnames: set[str], gazetteer: Gazetteer) -> bool:
    """A one-word name the story uses for a person (``Underwood said``, ``coach Ripley``)."""
    if len(span) != 1:
        return False
    if _word_at(span.doc, span.start - 1) in PERSON_TITLES:
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
    if span.label_ == "PERSON" and _word_at(span.doc, span.end) in ("'s", "’s"):
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
    if not _capitalised(doc[start]):
        return None
    for end in range(min(span.end, start + MAX_RUN), start, -1):
        if end - start == len(span) or taken.intersection(range(start, end)):
            continue
        run = doc[start:end]
        words = [t.lower_ for t in run]
        if all(w in GENERIC for w in words) or not _capitalised(doc[end - 1]):
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


def _capitalised(token: Token) -> bool:
    """A word with a capital first letter (``Va.`` and ``S.C.`` too)."""
    return token.text[:1].isupper() and token.text.replace(".", "").isalpha()


def _missed(doc: Doc, gazetteer: Gazetteer, known: set[str], taken: set[int]) -> list[Toponym]:
    """Runs of capitalised proper nouns outside every entity that name a place,
    with a cue."""
    in_ents = _token_set(doc.ents) | taken
    found: list[Toponym] = []
    i = 0
    while i < len(doc):
        run = _missed_at(doc, i, gazetteer, known, in_ents)
        if run is None:
            i += 1
            continue
        found.append(Toponym(run, _demonym_run(run, gazetteer)))
        i = run.end
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
    if name_key(run.text) in known or _dateline(run) or has_cue(run, gazetteer, strong=True):
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
        _word_at(doc, run.start - 1) in DETERMINERS
        and run.end < len(doc)
        and doc[run.end].is_lower
        and doc[run.end].pos_ == "NOUN"
    )


def _candidate_word(token: Token) -> bool:
    """A capitalised proper noun or adjective (any word written in capitals, and
    any capitalised first word of a sentence: only a strong cue will take it)."""
    if not _capitalised(token) or token.is_stop:
        return False
    return token.pos_ in ("PROPN", "ADJ") or token.is_upper or bool(token.is_sent_start)


def _demonym_run(run: Span, gazetteer: Gazetteer) -> bool:
    return len(run) == 1 and _is_demonym(gazetteer.lookup(run.text))


def _dateline(run: Span) -> bool:
    """``BEIRUT (AP)``, ``March 30, 2009 MANSFIELD --``: a name in capitals
    before a dash, a bracket or a colon."""
    doc = run.doc
    after = doc[run.end] if run.end < len(doc) else None
    return (
        all(t.is_upper and len(t) > 2 for t in run)
        and after is not None
        and (after.text in DATELINE_MARKS or after.is_space)
    )


def has_cue(span: Span, gazetteer: Gazetteer, strong: bool = False) -> bool:
    """The text says the span is a place (see the module docstring); ``strong``
    leaves out the weakest cue, a locative preposition alone."""
    doc = span.doc
    before = doc[span.start - 1] if span.start > 0 else None
    after = doc[span.end] if span.end < len(doc) else None
    if not strong and before is not None and before.lower_ in CUE_PREPS:
        return _word_at(doc, span.start - 2) not in NOT_LOCATIVE
    if _of_place_noun(span) or _after_place_word(span) or _listed_before_place_noun(span):
        return True
    if after is not None and after.lower_ in PLACE_NOUNS:
        return True
    if after is not None and after.text == "-" and _word_at(doc, span.end + 1) == "based":
        return True
    if after is not None and after.text == "," and span.end + 1 < len(doc):
        return _is_container(doc[span.end + 1 : span.end + 3], gazetteer)
    return _coordinated_with_place(span)


def _of_place_noun(span: Span) -> bool:
    """``province of X``, ``north of X``, ``Jane Roe of X``, ``Jane Roe, 30, of X``."""
    doc = span.doc
    if _word_at(doc, span.start - 1) != "of":
        return False
    word = doc[span.start - 2].text if span.start > 1 else ""
    if word in OF_NOUNS or word in DIRECTIONS:
        return True
    if span.start < 2:
        return False
    return word == "," or doc[span.start - 2].ent_type_ == "PERSON" or doc[span.start - 2].like_num


def _after_place_word(span: Span) -> bool:
    """``the capital Colombo``, an address (``Orchard St., Alexandria``), or a
    party and district (``D-Braxton``, ``R-Elbow Lake``)."""
    doc = span.doc
    if span.start > 0 and doc[span.start - 1].text in PLACE_TITLES:  # lower case only
        return True
    word = _word_at(doc, span.start - 1)
    if word == "," and _word_at(doc, span.start - 2) in STREET_WORDS:
        return True
    return word == "-" and span.start > 1 and doc[span.start - 2].text in PARTIES


def _listed_before_place_noun(span: Span) -> bool:
    """In a list of names that ends in a plural place noun (``Becker, Clay and
    Wilkin counties``)."""
    doc = span.doc
    for i in range(span.end, min(len(doc), span.end + MAX_LIST)):
        word = doc[i]
        if word.lower_ in PLURAL_PLACE_NOUNS:
            return True
        if not (word.text in (",", "and", "or") or _capitalised(word)):
            return False
    return False


def _word_at(doc: Doc, i: int) -> str:
    return doc[i].lower_ if 0 <= i < len(doc) else ""


def _is_container(words: Span, gazetteer: Gazetteer) -> bool:
    for size in (len(words), 1):
        text = words[:size].text
        if text[:1].isupper() and any(
            m.entry.feature in ("country", "admin1") and m.kind != ALTERNATE
            for m in gazetteer.lookup(text)
        ):
            return True
    return False


def _coordinated_with_place(span: Span) -> bool:
    """Listed with a place entity (``Becker, Clay and Douglas``)."""
    root = span.root
    neighbours = [root.head] if root.dep_ == "conj" else []
    neighbours += [c for c in root.children if c.dep_ == "conj"]
    return any(t.ent_type_ in ("GPE", "LOC") for t in neighbours)
