"""Actor mentions resolved to PLOVER codes, with coreference inside the story.

The component finds knowledge names with one ``PhraseMatcher`` (built once per
component), then reads each noun chunk: a person (name, title, country), a sector noun
with its modifiers (``Iraqi leaders`` -> IRQ GOV, ``Iran-backed militias`` -> REB with
patron IRN), a country, capital, organisation or armed group, or a pronoun. Pronouns and
definite descriptions (``he``, ``they``, ``the official``, ``the leaders``, ``the
country``) then take the code of the mention they refer to, and point at it with
``refers_to``. People are coded as of the story date (``doc._.dateline_date``).

Other readings:

- coordinated modifiers give one uncoded mention with a member per country (``U.S. and
  Russian negotiators`` -> members USA GOV, RUS GOV), as ``the leaders`` does;
- a sector noun takes in an ``of`` phrase naming its country or title (``the government
  of Iraq`` -> IRQ GOV, ``Secretary of State``), and a knowledge name the parser cut into
  several chunks is one mention (``the Islamic State of Iraq and the Levant``);
- a leader's name that only modifies a group noun is not a person (``the Assad regime``
  -> SYR GOV); ``civilian``/``military`` set the sector of the noun they modify;
  ``ethnic Albanians`` are civilians of the story's country, not of Albania;
- a name spaCy calls a person is a place where the story uses it as one (``near
  Raqqah``, ``the city of Raqqah``, and the same name elsewhere in the story); the given
  or family name of a full name used alone is that person (``Karim`` after ``Karim
  Hassan``) whatever spaCy's label;
- a group noun that only modifies a non-actor head is an actor (``coalition air
  strikes`` -> coalition MIL).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans
from spacy.vocab import Vocab

from dateline.extract.extensions import records
from dateline.extract.syntax import ACTOR_MODIFIER_DEPS, LOCATED_PREPS, PLACE_PREPS
from dateline.knowledge.actors import MONARCHIES, ActorKnowledge, ActorMatch, load_actor_knowledge
from dateline.knowledge.files import FileStamp, file_stamps
from dateline.model import ActorMention, Place

PERSON_MODIFIERS = frozenset(
    [
        "former",
        "ex",
        "late",
        "then",
        "ousted",
        "acting",
        "deposed",
        "exiled",
        "outgoing",
        "incoming",
        "interim",
        "caretaker",
        "slain",
        "jailed",
    ]
)
FORMER_WORDS = frozenset({"former", "ex", "ousted", "deposed", "exiled", "late"})
PATRON_WORDS = frozenset(
    ["backed", "supported", "sponsored", "funded", "aligned", "allied", "armed"]
)
LED_WORDS = frozenset({"led", "run", "controlled", "dominated"})
DEFINITE = frozenset({"the", "this", "that", "these", "those", "both", "its", "their"})
SINGULAR_PRONOUNS = frozenset({"he", "him", "she", "her"})
THING_PRONOUNS = frozenset({"it"})  # a body or a country: "it condemned the damage"
GROUP_NOUNS = frozenset({"group", "movement", "organisation", "organization", "faction"})
BLOC_NOUNS = frozenset({"bloc", "alliance"})  # "the bloc": the EU, NATO, ASEAN … named before
BODIES_OF_STATES = frozenset({"IGO", "EUR", "UNO"})
PLURAL_PRONOUNS = frozenset({"they", "them"})
FIRST_PRONOUNS = frozenset({"i", "me", "we", "us"})
COUNTRY_NOUNS = frozenset({"country", "nation"})
MONARCHY_NOUNS = frozenset({"kingdom", "emirate", "sultanate"})  # "the kingdom": Saudi Arabia
COUNTRY_NAMING_KINDS = frozenset({"country", "metonym", "place"})  # mentions that name a country
RELATIONAL_NOUNS = frozenset({"ally", "partner"})  # "a US ally" is another state
PAIR_NOUNS = frozenset({"country", "nation", "state", "government", "people", "side",
                        "neighbour", "neighbor"})  # "the two countries"
STATES_NOUNS = frozenset({"country", "nation", "state", "government", "ally", "power",
                          "member", "democracy", "economy", "capital"})
# Nouns whose "of" object is a place: "the city of Raqqah".
PLACE_HEADS = frozenset(
    ["city", "town", "village", "province", "district", "region", "capital", "outskirts",
     "governorate", "suburb", "centre", "center", "north", "south", "east", "west"]
)
# Adjectives that override the sector of the noun they modify ("civilian advisers").
SECTOR_MODIFIERS = {"civilian": "CVL", "military": "MIL"}
ORG_KINDS = frozenset({"igo", "ngo", "mnc", "media", "institution", "party", "special"})


@dataclass(frozen=True, slots=True)
class ActorResources:
    """What the component loads once: the knowledge and a matcher over its names."""

    kb: ActorKnowledge
    matcher: PhraseMatcher


@dataclass(frozen=True, slots=True)
class Found:
    """A knowledge name found in the text."""

    span: Span
    match: ActorMatch


@dataclass(frozen=True, slots=True)
class _Context:
    doc: Doc
    kb: ActorKnowledge
    on: date | None
    found: tuple[Found | None, ...]  # per token: the knowledge name covering it
    places: tuple[Place, ...]


# ---------------------------------------------------------------- resources


def build_resources(vocab: Vocab, kb: ActorKnowledge) -> ActorResources:
    """A case-insensitive matcher over every alias (case rules are checked after); names
    with an apostrophe also match with a typographic one (Da'esh, Da’esh)."""
    from spacy.lang.en import English

    tokenizer = English(vocab=vocab).tokenizer
    matcher = PhraseMatcher(vocab, attr="LOWER")
    forms = dict.fromkeys(kb.aliases)
    forms.update(dict.fromkeys(a.replace("'", "’") for a in kb.aliases if "'" in a))
    matcher.add("ACTOR", [tokenizer(alias) for alias in forms])
    return ActorResources(kb, matcher)


def default_resources(vocab: Vocab, user_files: tuple[str, ...] = ()) -> ActorResources:
    """The resources for the packaged tables plus ``user_files``, cached per vocabulary,
    file list and the files' stamps (an edited user file is read again)."""
    return _cached_resources(vocab, user_files, file_stamps(user_files))


@lru_cache(maxsize=4)
def _cached_resources(
    vocab: Vocab, user_files: tuple[str, ...], stamps: tuple[FileStamp, ...]
) -> ActorResources:
    return build_resources(vocab, load_actor_knowledge(user_files))


# ---------------------------------------------------------------- entry point


def extract_actors(doc: Doc, resources: ActorResources | None = None) -> list[ActorMention]:
    """Find, code and link the actor mentions of ``doc``."""
    resources = resources or default_resources(doc.vocab)
    ctx = _Context(
        doc,
        resources.kb,
        doc._.dateline_date,
        tuple(index_found(doc, find_names(doc, resources))),
        tuple(records(doc, "dateline_places")),
    )
    mentions = person_mentions(ctx)
    mentions += chunk_mentions(ctx, taken(doc, mentions))
    mentions += leftover_mentions(ctx, taken(doc, mentions))
    mentions.sort(key=lambda m: m.span)
    doc._.dateline_focus = focus_country(ctx, mentions)
    return resolve_references(ctx, mentions)


def taken(doc: Doc, mentions: Iterable[ActorMention]) -> set[int]:
    """The token indices the mentions cover."""
    return {i for m in mentions for i in range(*mention_tokens(doc, m))}


def find_names(doc: Doc, resources: ActorResources) -> list[Found]:
    """Knowledge names in the text, longest first, with case rules applied."""
    spans = [doc[s:e] for _, s, e in resources.matcher(doc)]
    found = []
    for span in filter_spans(spans):
        span = span[1:] if len(span) > 1 and span[0].lower_ == "the" else span
        match = resources.kb.lookup(span.text, doc._.dateline_date)
        if match is not None and case_fits(span, match):
            found.append(Found(span, match))
    return found


def case_fits(span: Span, match: ActorMatch) -> bool:
    """Names of places, people and states must be capitalised in the text."""
    first = span.text[:1]
    if not first.islower():
        return True
    return match.kind in ("group", "igo", "ngo") and span[0].lower_ in ("al", "el", "ad")


def index_found(doc: Doc, found: Sequence[Found]) -> list[Found | None]:
    index: list[Found | None] = [None] * len(doc)
    for item in found:
        for i in range(item.span.start, item.span.end):
            index[i] = item
    return index


# ---------------------------------------------------------------- people


def person_mentions(ctx: _Context) -> list[ActorMention]:
    """One mention per named person: knowledge names and spaCy PERSON entities."""
    anchors = [f.span for f in dict.fromkeys(f for f in ctx.found if f) if f.match.kind == "person"]
    place_names = located_names(ctx.doc, ctx.places)
    entities = [
        e for e in ctx.doc.ents
        if e.label_ == "PERSON"
        and not has_other_name(ctx, e)
        and not is_place(ctx, e)
        and not (name_text(e) in place_names and ctx.kb.find_person(e.text, ctx.on) is None)
    ]
    anchors += entities
    anchors += name_repeats(ctx, entities, anchors)
    mentions: list[ActorMention] = []
    used: set[int] = set()
    for anchor in filter_spans(anchors):
        if anchor.start in used or names_a_body(ctx, anchor):
            continue
        mention = person_mention(ctx, anchor)
        used.update(range(mention_tokens(ctx.doc, mention)[0], anchor.end))
        mentions.append(mention)
    return mentions


def located_names(doc: Doc, places: Iterable[Place]) -> set[str]:
    """Names the story uses as places: resolved places, and names spaCy calls persons
    where the syntax makes them places ("near Raqqah"); one sense per story."""
    names = {p.text for p in places if p.use == "location"}
    names.update(name_text(e) for e in doc.ents if e.label_ == "PERSON" and is_located_name(e))
    return names


def name_text(span: Span) -> str:
    """The name without a leading preposition spaCy took in ("Near Palmyra")."""
    return span[1:].text if len(span) > 1 and span[0].lower_ in PLACE_PREPS else span.text


def is_located_name(span: Span) -> bool:
    """A name spaCy calls a person but the syntax makes a place: "near Raqqah", "the city
    of Raqqah"."""
    if len(span) > 1 and span[0].lower_ in PLACE_PREPS:
        return True
    token = span.root
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    if token.dep_ != "pobj":
        return False
    prep = token.head
    if prep.lower_ == "of":  # "the city of Raqqah", "the outskirts of Mosul"
        return prep.head.lemma_.lower() in PLACE_HEADS
    return prep.lower_ in PLACE_PREPS


def name_repeats(ctx: _Context, people: Sequence[Span], anchors: Sequence[Span]) -> list[Span]:
    """Given or family names of a full name ("Karim Hassan") used alone elsewhere in the
    story, where spaCy gave them another label or none ("Karim said")."""
    parts: set[str] = set()
    for person in (*people, *anchors):  # "Theresa May" (``May`` tagged a modal) counts
        words = [t for t in person if t.is_title and t.is_alpha and t.ent_type_ == "PERSON"]
        if len(words) >= 2:
            parts.update(t.text for t in words)
    if not parts:
        return []
    taken_ = {i for a in anchors for i in range(a.start, a.end)}
    return [
        ctx.doc[t.i : t.i + 1]
        for t in ctx.doc
        if t.text in parts
        and t.i not in taken_
        and t.pos_ == "PROPN"
        and ctx.found[t.i] is None
        and (t.ent_type_ not in ("PERSON", "DATE", "TIME") or is_named_subject(t))
        and not (t.i + 1 < len(ctx.doc) and ctx.doc[t.i + 1].pos_ == "PROPN")
        and not (t.i > 0 and ctx.doc[t.i - 1].pos_ == "PROPN")
    ]


def is_named_subject(token: Token) -> bool:
    """``May has received strong backing`` after ``Theresa May``: a name spaCy read as a
    month or a time but the parse makes a doer (a subject or a possessor)."""
    return token.ent_type_ != "PERSON" and token.dep_ in ("nsubj", "nsubjpass", "poss")


def names_a_body(ctx: _Context, anchor: Span) -> bool:
    """A name that only modifies a collective noun: "the Assad regime", "Assad's forces"."""
    root = anchor.root
    if root.dep_ not in ("compound", "poss") or root.head.i < anchor.end:
        return False
    noun = ctx.kb.noun(root.head.text) or ctx.kb.noun(root.head.lemma_)
    return noun is not None and noun.type == "collective" and noun.sector is not None


def is_place(ctx: _Context, span: Span) -> bool:
    """The places extractor read this span as a place."""
    return any(
        p.span[0] < span.end_char and span.start_char < p.span[1] and p.use == "location"
        for p in ctx.places
    )


def has_other_name(ctx: _Context, span: Span) -> bool:
    """A PERSON entity that is really a known non-person ("Hezbollah", "Iraq")."""
    hits = {f for f in ctx.found[span.start : span.end] if f}
    return any(f.match.kind != "person" for f in hits)


def mention_tokens(doc: Doc, mention: ActorMention) -> tuple[int, int]:
    span = doc.char_span(*mention.span, alignment_mode="expand")
    return (span.start, span.end) if span is not None else (0, 0)


def person_mention(ctx: _Context, anchor: Span) -> ActorMention:
    """A person: the name with its titles and country to the left, coded as of the date."""
    start = extend_left(ctx, anchor.start)
    span = ctx.doc[start : anchor.end]
    prefix = ctx.doc[start : anchor.start]
    role = title_in(ctx, prefix)
    former = any(t.lower_ in FORMER_WORDS for t in prefix)
    known = ctx.kb.find_person(anchor.text, ctx.on)
    if known is not None:
        role = role or (title_in(ctx, anchor) if known.sector is None else None)
        return ActorMention(
            span.text,
            (span.start_char, span.end_char),
            known.code,
            known.sector or (noun_sector(ctx, role) if role else None),
            known.role or role,
            known.wikidata,
            kind="person",
            former=former or known.former,
        )
    code = modifier_code(ctx, prefix)[0]
    sector = noun_sector(ctx, role) if role else None
    return ActorMention(
        span.text,
        (span.start_char, span.end_char),
        code,
        sector,
        role,
        kind="person",
        former=former,
    )


def extend_left(ctx: _Context, start: int) -> int:
    """Take in the titles, country names and 'former' that precede a name."""
    sentence_start = ctx.doc[start].sent.start
    while start > sentence_start and is_person_prefix(ctx, ctx.doc[start - 1]):
        start -= 1
    if start > sentence_start and ctx.doc[start - 1].lower_ in ("the", "a", "an"):
        start -= 1
    return start


def is_person_prefix(ctx: _Context, token: Token) -> bool:
    found = ctx.found[token.i]
    if found is not None:
        return found.match.kind != "person"
    if token.lower_ in PERSON_MODIFIERS or token.text in ("-", "."):
        return True
    if ctx.kb.noun(token.text) is not None and token.pos_ in ("NOUN", "PROPN"):
        return True
    return token.pos_ == "PROPN" and token.is_title and token.ent_type_ not in ("DATE", "TIME")


def title_in(ctx: _Context, tokens: Span) -> str | None:
    """The longest title among ``tokens`` ("Prime Minister", "Foreign Secretary")."""
    words = list(tokens)
    for size in range(min(len(words), 4), 0, -1):
        for i in range(len(words) - size + 1):
            text = " ".join(t.text for t in words[i : i + size])
            noun = ctx.kb.noun(text)
            if noun is not None and noun.type in ("title", "person"):
                return text
    return None


def noun_sector(ctx: _Context, text: str) -> str | None:
    noun = ctx.kb.noun(text)
    return noun.sector if noun else None


# ---------------------------------------------------------------- chunks


def chunk_mentions(ctx: _Context, used: set[int]) -> list[ActorMention]:
    """Mentions headed by a sector noun, a known name or a pronoun."""
    mentions = []
    used = set(used)
    for chunk in ctx.doc.noun_chunks:
        if any(t.i in used for t in chunk):
            continue
        mention = chunk_mention(ctx, chunk)
        if mention is not None:
            mentions.append(mention)
            used.update(range(*mention_tokens(ctx.doc, mention)))
    return mentions


def chunk_mention(ctx: _Context, chunk: Span) -> ActorMention | None:
    root = chunk.root
    found = ctx.found[root.i]
    if root.lower_ in SINGULAR_PRONOUNS | PLURAL_PRONOUNS | FIRST_PRONOUNS | THING_PRONOUNS:
        return pronoun_mention(root)
    if found is not None and found.match.kind == "demonym" and is_ethnic(chunk):
        return ActorMention(chunk.text, span_of(chunk), None, "CVL", kind="description")
    if found is not None and found.match.kind != "person":
        return named_mention(ctx, found, whole_name(ctx, chunk, found))
    if (root.lower_ in COUNTRY_NOUNS | MONARCHY_NOUNS and chunk[0].lower_ == "the") or (
            is_pair(chunk)):
        return ActorMention(chunk.text, span_of(chunk), kind="description")
    head_noun = sector_head(ctx, chunk)
    if head_noun is not None:
        return description_mention(ctx, of_phrase(ctx, chunk, head_noun), head_noun)
    if root.ent_type_ == "ORG":
        code = modifier_code(ctx, chunk)[0]
        return ActorMention(chunk.text, span_of(chunk), code, kind="organisation")
    return modifier_actor(ctx, chunk)


def modifier_actor(ctx: _Context, chunk: Span) -> ActorMention | None:
    """A group noun that only modifies the head: "coalition air strikes" -> coalition."""
    for token in chunk[: chunk.root.i - chunk.start]:
        noun = ctx.kb.noun(token.text)
        if (
            token.dep_ == "compound"
            and token.pos_ in ("NOUN", "PROPN")
            and ctx.found[token.i] is None
            and noun is not None
            and noun.type == "collective"
        ):
            span = ctx.doc[token.i : token.i + 1]
            return description_mention(ctx, span, token.text)
    return None


def is_ethnic(chunk: Span) -> bool:
    """'ethnic Albanians': a minority, coded by the country it lives in (the story's)."""
    return chunk.root.tag_ in ("NNS", "NNPS") and any(t.lower_ == "ethnic" for t in chunk)


def whole_name(ctx: _Context, chunk: Span, found: Found) -> Span:
    """The chunk grown to the whole knowledge name when the parser cut it into several
    chunks ("the Islamic State | of Iraq | and the Levant")."""
    start = min(chunk.start, found.span.start)
    end = max(chunk.end, found.span.end)
    if start == chunk.start and end == chunk.end:
        return chunk
    if start > 0 and ctx.doc[start - 1].lower_ == "the" and start == found.span.start:
        start -= 1
    return ctx.doc[start:end]


def of_phrase(ctx: _Context, chunk: Span, head: str) -> Span:
    """'the government of Iraq', 'the people of Syria', 'Secretary of State': a sector
    noun with the country, demonym or organisation (or the title word) after ``of``."""
    root = chunk.root
    end = chunk.end
    if end + 1 >= len(ctx.doc) or ctx.doc[end].lower_ != "of" or ctx.doc[end].head.i != root.i:
        return chunk
    obj = next((c for c in ctx.doc[end].children if c.dep_ == "pobj"), None)
    if obj is None:
        return chunk
    if ctx.kb.noun(f"{head} of {obj.text}") is not None and obj.i == end + 1:
        return ctx.doc[chunk.start : obj.i + 1]
    found = ctx.found[obj.i]
    if found is None or found.match.kind in ("person", "capital") or found.span.end != obj.i + 1:
        return chunk
    if any(t.pos_ in ("VERB", "PUNCT", "ADP") for t in ctx.doc[end + 1 : found.span.start]):
        return chunk
    return ctx.doc[chunk.start : found.span.end]


def span_of(span: Span) -> tuple[int, int]:
    return (span.start_char, span.end_char)


def pronoun_mention(token: Token) -> ActorMention | None:
    if token.lower_ == "her" and token.dep_ == "poss":
        return None
    if token.text == "US":
        return None  # the country in capitals, never the pronoun
    return ActorMention(token.text, (token.idx, token.idx + len(token.text)), kind="pronoun")


def sector_head(ctx: _Context, chunk: Span) -> str | None:
    """The sector noun heading the chunk, trying two-word nouns first."""
    root = chunk.root
    if root.i > chunk.start:
        pair = f"{ctx.doc[root.i - 1].text} {root.text}"
        if ctx.kb.noun(pair) is not None:
            return pair
    for form in (root.text, root.lemma_):
        if ctx.kb.noun(form) is not None:
            return form
    return None


def named_mention(ctx: _Context, found: Found, chunk: Span) -> ActorMention | None:
    """A chunk headed by a country, capital, organisation or armed group."""
    match = found.match
    if match.kind == "capital" and not is_metonym(ctx, found.span):
        return None
    sector = match.sector
    if match.kind == "country":
        sector = None if is_located(found.span.root) else "GOV"
    return known_mention(chunk, match, sector)


def mention_kind(match: ActorMatch) -> str:
    if match.kind in ("capital", "seat"):
        return "metonym"
    if match.kind in ("country", "demonym"):
        return "country"
    return "organisation" if match.kind in ORG_KINDS else match.kind


def is_located(token: Token) -> bool:
    """A name used as a place: object of a locative preposition."""
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    return token.dep_ == "pobj" and token.head.lower_ in LOCATED_PREPS


def is_metonym(ctx: _Context, span: Span) -> bool:
    """A capital standing for its government: the places extractor says so, or the syntax."""
    for place in ctx.places:
        if place.span[0] < span.end_char and span.start_char < place.span[1]:
            return place.use == "metonym"
    return not is_located(span.root) and span.root.dep_ not in ("compound", "amod")


def description_mention(ctx: _Context, chunk: Span, head: str) -> ActorMention:
    """A sector noun with its modifiers: Iraqi leaders, Iran-backed militias."""
    noun = ctx.kb.noun(head)
    assert noun is not None
    members = coordinated_members(ctx, chunk, noun.sector)
    if members:
        role = head if noun.type == "title" else None
        return ActorMention(
            chunk.text, span_of(chunk), None, noun.sector, role, kind="description",
            members=members,
        )
    code, patron, group = modifier_code(ctx, chunk)
    if code is not None and chunk.root.lemma_.lower() in RELATIONAL_NOUNS:
        code, patron = None, code  # "a fellow US ally": allied with the US, not the US
    if code is None:
        code = default_code(ctx, chunk)
    sector = noun.sector
    role = head if noun.type == "title" else None
    if role is None:
        sector = next(
            (SECTOR_MODIFIERS[t.lower_] for t in chunk if t.lower_ in SECTOR_MODIFIERS), sector
        )
    kind = "group" if group else "description"
    return ActorMention(chunk.text, span_of(chunk), code, sector, role, kind=kind, patron=patron)


def coordinated_members(
    ctx: _Context, chunk: Span, sector: str | None
) -> tuple[ActorMention, ...]:
    """'U.S. and Russian negotiators': one member per coordinated country modifier."""
    root = chunk.root
    names: dict[Found, None] = {}
    for token in chunk[: root.i - chunk.start]:
        found = ctx.found[token.i]
        if found is None or found.match.kind not in ("country", "demonym", "capital"):
            continue
        if backs(ctx.doc, found.span):
            continue
        names[found] = None
    if len(names) < 2 or not any(t.dep_ == "cc" for t in chunk):
        return ()
    linked = [
        f for f in names
        if f.span.root.dep_ == "conj" or any(c.dep_ == "conj" for c in f.span.root.children)
    ]
    if len(linked) < 2 or len({f.match.code for f in linked}) < 2:
        return ()
    return tuple(
        ActorMention(
            f.span.text, span_of(f.span), f.match.code, sector, None, f.match.wikidata,
            kind="description",
        )
        for f in linked
    )


def modifier_code(ctx: _Context, tokens: Span) -> tuple[str | None, str | None, bool]:
    """Code, patron and whether an armed group named it, from names inside ``tokens``."""
    code = patron = owner = None
    group = False
    for found in dict.fromkeys(f for f in ctx.found[tokens.start : tokens.end] if f):
        if found.match.kind == "person":
            owner = owner or found.match.code
            continue
        if backs(ctx.doc, found.span):
            patron = found.match.code
        elif code is None:
            code, group = found.match.code, found.match.kind == "group"
    return code or owner, patron, group


def backs(doc: Doc, span: Span) -> bool:
    """'Iran-backed': the name is the patron, not the actor."""
    end = span.end
    if end + 1 < len(doc) and doc[end].text == "-":
        return doc[end + 1].lower_ in PATRON_WORDS
    return False


def default_code(ctx: _Context, chunk: Span) -> str | None:
    """A code some nouns carry by default ("administration" -> USA)."""
    for token in chunk:
        noun = ctx.kb.noun(token.text)
        if noun is not None and noun.code:
            return noun.code
    return None


# ---------------------------------------------------------------- leftovers


def leftover_mentions(ctx: _Context, used: set[int]) -> list[ActorMention]:
    """Known names the chunks did not cover (modifiers, names the parser missed)."""
    mentions = []
    for found in dict.fromkeys(f for f in ctx.found if f):
        if found.match.kind == "person" or any(
            i in used for i in range(found.span.start, found.span.end)
        ):
            continue
        if found.match.kind == "capital" and not is_metonym(ctx, found.span):
            continue
        mentions.append(leftover_mention(ctx, found))
    return mentions


def leftover_mention(ctx: _Context, found: Found) -> ActorMention:
    match, span = found.match, found.span
    sector = match.sector
    if match.kind == "country" and span.root.dep_ not in ACTOR_MODIFIER_DEPS:
        sector = None if is_located(span.root) else "GOV"
    return known_mention(span, match, sector)


def known_mention(span: Span, match: ActorMatch, sector: str | None) -> ActorMention:
    """The mention of a known name (country, capital, organisation, group) over ``span``."""
    return ActorMention(
        span.text,
        span_of(span),
        match.code,
        sector,
        None,
        match.wikidata,
        kind=mention_kind(match),
        patron=match.patron,
    )


# ---------------------------------------------------------------- coreference


def resolve_references(ctx: _Context, mentions: list[ActorMention]) -> list[ActorMention]:
    """Give pronouns and descriptions the code of what they refer to, in text order."""
    focus = ctx.doc._.dateline_focus
    linked = [link_name(m, mentions, focus) for m in mentions]
    resolved: list[ActorMention] = []
    for mention in linked:
        resolved.append(resolve_one(ctx, mention, resolved, focus))
    return [m for m in resolved if not (m.text.lower() in THING_PRONOUNS and m.code is None)]


UNCODED_KINDS = frozenset({"person", "organisation"})


def link_name(
    mention: ActorMention, mentions: Sequence[ActorMention], focus: str | None
) -> ActorMention:
    """A person or body the knowledge does not know: the code of a fuller mention of the
    same name anywhere in the story (``Najib`` after ``Prime Minister Najib Razak``), else
    the country the story happens in (a Kenyan story's ``Cabinet Secretary Fred
    Matiangi``). Left uncoded when the story has no focus country."""
    if mention.kind not in UNCODED_KINDS or mention.code is not None:
        return mention
    fuller = same_name(mention, mentions)
    if fuller is not None:
        return replace(mention, code=fuller.code, sector=mention.sector or fuller.sector,
                       role=mention.role or fuller.role, wikidata=fuller.wikidata,
                       former=mention.former or fuller.former)
    return replace(mention, code=focus) if focus else mention


def name_words(text: str) -> list[str]:
    return [w.strip("’'s.,") for w in text.split() if w[:1].isupper()]


def same_name(mention: ActorMention, mentions: Sequence[ActorMention]) -> ActorMention | None:
    """A coded person mention whose name holds this mention's last name word."""
    words = name_words(mention.text)
    if mention.kind != "person" or not words:
        return None
    last = words[-1]
    for other in mentions:
        if other.kind == "person" and other.code and other is not mention and (
            last in name_words(other.text)
        ):
            return other
    return None


def resolve_one(
    ctx: _Context, mention: ActorMention, before: Sequence[ActorMention], focus: str | None
) -> ActorMention:
    if mention.kind == "pronoun":
        return resolve_pronoun(ctx, mention, before)
    if mention.kind == "description" and mention.code is None and not mention.members:
        return resolve_description(ctx, mention, before, focus)
    if mention.kind == "country" and mention.sector is None and is_plural_people(ctx, mention):
        return inherit_sector(mention, before)
    return mention


def resolve_pronoun(
    ctx: _Context, mention: ActorMention, before: Sequence[ActorMention]
) -> ActorMention:
    word = mention.text.lower()
    if word in FIRST_PRONOUNS:
        return mention
    if word in THING_PRONOUNS:
        return resolve_it(ctx, mention, before)
    want_plural = word in PLURAL_PRONOUNS
    for candidate in reversed(before):
        if candidate.kind == "pronoun" or (candidate.code is None and not candidate.members):
            continue
        if is_plural(ctx, candidate) == want_plural and (want_plural or is_person(ctx, candidate)):
            return point_to(mention, candidate)
    return mention


def resolve_it(
    ctx: _Context, mention: ActorMention, before: Sequence[ActorMention]
) -> ActorMention:
    """``it`` as an actor: the last coded body, country or group in the previous two
    sentences (never a person, never a plural); left alone when there is none, as it
    mostly refers to a thing."""
    span = ctx.doc.char_span(*mention.span, alignment_mode="expand")
    if span is None or span.root.dep_ not in ("nsubj", "nsubjpass"):
        return mention
    if span.root.head.lemma_ == "be" and not any(
        c.dep_ in ("acomp", "attr") and c.pos_ == "VERB" for c in span.root.head.children
    ):
        return mention  # "it is possible", "it is classic populist fare": no actor
    first = max(0, span.sent.start - 1)
    window = ctx.doc[first].sent.start_char
    bodies = []
    for candidate in reversed(before):
        if candidate.span[0] < window:
            break
        if (candidate.code and candidate.kind in BODY_KINDS and not is_person(ctx, candidate)
                and not is_plural(ctx, candidate)):
            bodies.append(candidate)
    text = ctx.doc.text  # "Liverpool said …: "… the staff …," it added": it is Liverpool
    bodies = [c for c in bodies if not quoted_before(text, c.span[1], mention.span[0])]
    subjects = [c for c in bodies if is_subject(ctx, c)]
    found = subjects[0] if subjects else bodies[0] if bodies else None
    return mention if found is None else point_to(mention, found)


def quoted_before(text: str, end: int, start: int) -> bool:
    """Whether a quotation closes between ``end`` and ``start`` (an odd number of quote
    marks): what was named inside it is not what a pronoun after it refers to."""
    return sum(text.count(mark, end, start) for mark in QUOTE_MARKS) % 2 == 1


def is_subject(ctx: _Context, mention: ActorMention) -> bool:
    span = ctx.doc.char_span(*mention.span, alignment_mode="expand")
    return span is not None and span.root.dep_ in ("nsubj", "nsubjpass")


QUOTE_MARKS = ('"', "“", "”")
BODY_KINDS = frozenset({"organisation", "country", "group", "metonym", "description"})


def point_to(mention: ActorMention, antecedent: ActorMention) -> ActorMention:
    """Take the antecedent's code, sector and members, and refer to its span."""
    target = antecedent.refers_to or antecedent.span
    return replace(
        mention,
        code=antecedent.code,
        sector=antecedent.sector,
        role=mention.role or antecedent.role,
        wikidata=antecedent.wikidata,
        refers_to=target,
        members=antecedent.members,
    )


def is_person(ctx: _Context, mention: ActorMention) -> bool:
    if mention.kind == "person":
        return True
    noun = head_noun(ctx, mention)
    return noun is not None and noun.type in ("person", "title")


def head_noun(ctx: _Context, mention: ActorMention):  # type: ignore[no-untyped-def]
    span = ctx.doc.char_span(*mention.span, alignment_mode="expand")
    if span is None:
        return None
    return ctx.kb.noun(span.root.text) or ctx.kb.noun(span.root.lemma_)


def is_plural(ctx: _Context, mention: ActorMention) -> bool:
    if mention.members:
        return True
    span = ctx.doc.char_span(*mention.span, alignment_mode="expand")
    return span is not None and span.root.tag_ in ("NNS", "NNPS")


def is_plural_people(ctx: _Context, mention: ActorMention) -> bool:
    span = ctx.doc.char_span(*mention.span, alignment_mode="expand")
    return (
        span is not None
        and span.root.tag_ in ("NNS", "NNPS")
        and span.root.dep_ not in (ACTOR_MODIFIER_DEPS)
    )


def inherit_sector(mention: ActorMention, before: Sequence[ActorMention]) -> ActorMention:
    """'Americans' after 'U.S. troops': the people of a country meant as its troops."""
    for candidate in reversed(before):
        if (
            candidate.code == mention.code
            and candidate.kind == "description"
            and (candidate.sector not in (None, "GOV"))
        ):
            return replace(mention, sector=candidate.sector)
    return mention


def resolve_description(
    ctx: _Context, mention: ActorMention, before: Sequence[ActorMention], focus: str | None
) -> ActorMention:
    span = ctx.doc.char_span(*mention.span, alignment_mode="expand")
    assert span is not None
    definite = span[0].lower_ in DEFINITE
    if mention.patron and span.root.lemma_.lower() in RELATIONAL_NOUNS:
        return mention  # "a fellow US ally": some other state, named or not
    if is_pair(span):
        return the_two(mention, before)
    if span.root.lower_ in COUNTRY_NOUNS:
        return resolve_country(ctx, mention, before, focus)
    if span.root.lower_ in MONARCHY_NOUNS:
        return resolve_monarchy(mention, before)
    if span.root.tag_ in ("NNS", "NNPS") and span.root.lemma_.lower() in STATES_NOUNS:
        return many_states(ctx, span, mention, before)
    if definite:
        antecedent = find_antecedent(ctx, span, mention, before)
        if antecedent is not None:
            return (
                point_to(mention, antecedent)
                if antecedent.code or antecedent.members
                else (mention)
            )
    elif (same := same_head(ctx, span, before)) is not None:
        return point_to(mention, same)  # "EU foreign ministers … Ministers will meet"
    return replace(mention, code=focus) if focus else mention


def many_states(
    ctx: _Context, span: Span, mention: ActorMention, before: Sequence[ActorMention]
) -> ActorMention:
    """``two dozen Western countries``, ``the governments``: many states are no one
    country; only an earlier coded mention with the same head (``the allies`` after
    ``Britain's allies``) says who they are."""
    for candidate in reversed(before):
        other = ctx.doc.char_span(*candidate.span, alignment_mode="expand")
        if other is not None and candidate.code and other.root.lemma_ == span.root.lemma_ and (
                other.root.tag_ in ("NNS", "NNPS")):  # not "the first country" (Morocco)
            return point_to(mention, candidate)
    return mention


def same_head(ctx: _Context, span: Span, before: Sequence[ActorMention]) -> ActorMention | None:
    """A bare plural that repeats an earlier coded mention's head noun refers to it."""
    root = span.root
    if len(span) != 1 or root.tag_ not in ("NNS", "NNPS"):
        return None
    for candidate in reversed(before):
        other = ctx.doc.char_span(*candidate.span, alignment_mode="expand")
        if other is not None and candidate.code and other.root.lemma_ == root.lemma_:
            return candidate
    return None


def find_antecedent(
    ctx: _Context, span: Span, mention: ActorMention, before: Sequence[ActorMention]
) -> ActorMention | None:
    """Same head noun first, a body of states for ``the bloc``, then a group of people
    for plurals, then the same sector."""
    root = span.root
    if root.lemma_.lower() in BLOC_NOUNS:
        return next((c for c in reversed(before) if c.code in BODIES_OF_STATES), None)
    if root.lemma_.lower() in GROUP_NOUNS:  # "the group" after "the Taliban"
        named = next((c for c in reversed(before) if c.kind in ("group", "organisation")
                      and c.code), None)
        if named is not None:
            return named
    for candidate in reversed(before):
        other = ctx.doc.char_span(*candidate.span, alignment_mode="expand")
        if other is not None and other.root.lemma_ == root.lemma_ and candidate.code:
            return candidate
    titled = titled_person(span, before)
    if titled is not None:
        return titled
    if root.tag_ in ("NNS", "NNPS") and mention.sector == "GOV":
        group = people_group(ctx, before)
        if group is not None:
            return group
    return next(
        (
            c
            for c in reversed(before)
            if c.sector == mention.sector and c.code and c.kind != "pronoun"
        ),
        None,
    )


def titled_person(span: Span, before: Sequence[ActorMention]) -> ActorMention | None:
    """``the crown prince`` after ``Crown Prince Mohammed Bin Salman``: the last coded
    person whose name carries the description's words as a title."""
    words = [t.lower_ for t in span if t.lower_ not in DEFINITE]
    if not words:
        return None
    for candidate in reversed(before):
        if candidate.kind == "person" and candidate.code:
            named = candidate.text.lower().split()
            if all(w in named for w in words):
                return candidate
    return None


def people_group(ctx: _Context, before: Sequence[ActorMention]) -> ActorMention | None:
    """The most recent sentence naming two or more people, as one compound mention."""
    by_sentence: dict[int, list[ActorMention]] = {}
    for person in (m for m in before if m.kind == "person"):
        span = ctx.doc.char_span(*person.span, alignment_mode="expand")
        if span is not None:
            by_sentence.setdefault(span.sent.start, []).append(person)
    groups = [g for _, g in sorted(by_sentence.items()) if len(g) >= 2]
    if not groups:
        return None
    members = tuple(groups[-1])
    codes = {m.code for m in members}
    start, end = members[0].span[0], members[-1].span[1]
    return ActorMention(
        ctx.doc.text[start:end],
        (start, end),
        codes.pop() if len(codes) == 1 else None,
        members[0].sector,
        kind="description",
        members=members,
    )


def resolve_country(
    ctx: _Context, mention: ActorMention, before: Sequence[ActorMention], focus: str | None
) -> ActorMention:
    """'the country': the country the story is about, pointing at its last mention."""
    for candidate in reversed(before):
        if (
            candidate.code == focus
            and candidate.kind == "country"
            and names_country(ctx, candidate)
        ):
            return replace(mention, code=focus, refers_to=candidate.span)
    return replace(mention, code=focus) if focus else mention


def is_pair(span: Span) -> bool:
    """``the two countries``, ``both peoples``, ``the two sides``; ``each country`` in a
    sentence that names ``the other``: a pair of states."""
    root = span.root
    if root.lemma_.lower() not in PAIR_NOUNS:
        return False
    words = {c.lower_ for c in root.children if c.dep_ in ("nummod", "det", "predet")}
    if root.tag_ in ("NNS", "NNPS"):
        return bool(words & {"two", "both"})
    return "each" in words and any(t.lower_ == "other" for t in root.sent)


def the_two(mention: ActorMention, before: Sequence[ActorMention]) -> ActorMention:
    """``the two countries``: the two countries named most often before it (of two
    named as often, the later), as members, each pointing at its last mention; left
    uncoded when fewer than two are named."""
    top = most_named([c for c in before if c.code and c.kind in COUNTRY_NAMING_KINDS])[:2]
    if len(top) < 2:
        return mention
    members = tuple(replace(m, sector=None) for m in reversed(top))  # the states
    return replace(mention, code=None, members=members)


def resolve_monarchy(mention: ActorMention, before: Sequence[ActorMention]) -> ActorMention:
    """'the kingdom', 'the emirate': the monarchy named most often before it (a fact
    list, :data:`~dateline.knowledge.actors.MONARCHIES`; of two named as often, the later),
    pointing at its last mention; else uncoded. A Saudi story that names Qatar once
    still means Saudi Arabia."""
    top = most_named([c for c in before if c.code in MONARCHIES
                      and c.kind in COUNTRY_NAMING_KINDS])
    return replace(mention, code=top[0].code, refers_to=top[0].span) if top else mention


def most_named(named: Sequence[ActorMention]) -> list[ActorMention]:
    """The last mention of each code, the code named most often first (of two named as
    often, the one named later)."""
    counts = Counter(m.code for m in named)
    last = {m.code: (i, m) for i, m in enumerate(named)}
    ranked = sorted(last.values(), key=lambda im: (counts[im[1].code], im[0]), reverse=True)
    return [m for _, m in ranked]


def names_country(ctx: _Context, mention: ActorMention) -> bool:
    """The mention is a country's name ("Iraq"), not a demonym ("Iraqis")."""
    match = ctx.kb.lookup(mention.text, ctx.on)
    return match is not None and match.kind == "country"


def focus_country(ctx: _Context, mentions: Sequence[ActorMention]) -> str | None:
    """The country where the story happens: most named as a place, else most named."""
    located = Counter(p.country for p in ctx.places if p.country and p.use == "location")
    for mention in mentions:
        span = ctx.doc.char_span(*mention.span, alignment_mode="expand")
        if (
            mention.kind == "country"
            and mention.code
            and span is not None
            and is_located(span.root)
        ):
            located[mention.code] += 1
    if located:
        return located.most_common(1)[0][0]
    named = Counter(m.code for m in mentions if m.kind == "country" and m.code)
    return named.most_common(1)[0][0] if named else None


# ---------------------------------------------------------------- component


class ActorsComponent:
    """Writes ``doc._.dateline_actors``; the knowledge and matcher are built once."""

    def __init__(self, resources: ActorResources) -> None:
        self.resources = resources

    def __call__(self, doc: Doc) -> Doc:
        doc._.dateline_actors = extract_actors(doc, self.resources)
        return doc


@Language.factory(
    "dateline_actors",
    requires=["doc.ents", "token.dep", "doc._.dateline_places"],
    assigns=["doc._.dateline_actors", "doc._.dateline_focus"],
    default_config={"user_files": []},
)
def make_actors(nlp: Language, name: str, user_files: list[str]) -> ActorsComponent:
    return ActorsComponent(default_resources(nlp.vocab, tuple(user_files)))
