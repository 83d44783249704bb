"""Context cues: the words around a name that say it names a place.

Cheap and local, read off the tokens next to the span: a locative preposition
right before (``in``, ``near``; not ``according to``), a place noun with ``of``
(``province of X``, ``north of X``, ``Jane Roe of X``), a place word right before
(``the capital Colombo``, an address ``Orchard St., Alexandria``, a party and
district ``D-Braxton``), a place noun or ``-based`` right after (``Clay County``,
``Kyiv-based``, ``Alexandria woman``, ``Roselle police``), a list that ends in a
plural place noun (``Becker, Clay and Wilkin counties``), a division or country
after a comma (``Alexandria, Va.``), or coordination with a place entity. A
**strong** cue is any of them but the preposition alone. A dateline is a name in
capitals before a dash, a bracket or a colon (``BEIRUT (AP) --``).
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from dateline.knowledge.files import word_list
from dateline.knowledge.gazetteer import ALTERNATE, Gazetteer

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
PLACE_NOUNS = word_list("toponyms_place_nouns.txt")
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
# ``according to Taylor``, ``talking to Hamas``: a preposition that is no cue.
NOT_LOCATIVE = frozenset(
    {"according", "talking", "talk", "talked", "speaking", "spoke", "listen", "due", "thanks"}
)
DATELINE_MARKS = frozenset({"--", "---", "—", "–", "-", "(", ":", ","})


def has_cue(span: Span, gazetteer: Gazetteer, strong: bool = False) -> bool:
    """The text says the span is a place (see the module docstring); ``strong``
    leaves out the weakest cue, a locative preposition alone."""
    doc = span.doc
    before = doc[span.start - 1] if span.start > 0 else None
    after = doc[span.end] if span.end < len(doc) else None
    if not strong and before is not None and before.lower_ in CUE_PREPS:
        return word_at(doc, span.start - 2) not in NOT_LOCATIVE
    if _of_place_noun(span) or _after_place_word(span) or _listed_before_place_noun(span):
        return True
    if after is not None and after.lower_ in PLACE_NOUNS:
        return True
    if after is not None and after.text == "-" and word_at(doc, span.end + 1) == "based":
        return True
    if after is not None and after.text == "," and span.end + 1 < len(doc):
        return _is_container(doc[span.end + 1 : span.end + 3], gazetteer)
    return _coordinated_with_place(span)


def _of_place_noun(span: Span) -> bool:
    """``province of X``, ``north of X``, ``Jane Roe of X``, ``Jane Roe, 30, of X``."""
    doc = span.doc
    if word_at(doc, span.start - 1) != "of":
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
    word = word_at(doc, span.start - 1)
    if word == "," and word_at(doc, span.start - 2) in STREET_WORDS:
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
        if not (word.text in (",", "and", "or") or capitalised(word)):
            return False
    return False


def word_at(doc: Doc, i: int) -> str:
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


def is_dateline(run: Span) -> bool:
    """``BEIRUT (AP)``, ``March 30, 2009 MANSFIELD --``: a name in capitals
    before a dash, a bracket or a colon."""
    doc = run.doc
    after = doc[run.end] if run.end < len(doc) else None
    return (
        all(t.is_upper and len(t) > 2 for t in run)
        and after is not None
        and (after.text in DATELINE_MARKS or after.is_space)
    )


def capitalised(token: Token) -> bool:
    """A word with a capital first letter (``Va.`` and ``S.C.`` too)."""
    return token.text[:1].isupper() and token.text.replace(".", "").isalpha()
