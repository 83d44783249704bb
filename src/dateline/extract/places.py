"""Places: toponyms resolved to GeoNames entries, their use, and event locations.

Mentions come from :mod:`dateline.extract.toponyms` (spaCy's place entities,
landmarks, demonyms, places inside other names, names spaCy missed). Each
mention's candidates come from one indexed lookup in
:mod:`dateline.knowledge.gazetteer`, guarded against a jump abroad on another
spelling (:func:`guard`).

Ranking is **hand-weighted** (not learned); the weights below were set by
inspection of the dev sets (LGL, GeoWebNews) and every term is a plain feature:

- ``log10(population + 1)`` times ``W_POPULATION``;
- prominence: ``log10`` of how many alternate names GeoNames gives a city (in
  any script) times ``W_PROMINENCE``, when the city was found under its primary
  name; famous Venice has far more than its namesakes (mordecai uses the same
  signal);
- a prior per feature class (our regions, seas and rivers > country >
  continent > US state > county > city), and a bonus for national capitals;
- how the name reached the entry: our alias table wins, a GeoNames alternate
  name loses a little against a primary name;
- agreement with the document: the share of the story's other places (first
  pass, context-free) and demonyms in the candidate's country, and in its
  first-level division;
- a containing place named next to it (``Paris, Texas``, ``Alexandria, Va.``,
  ``Halifax, Yorkshire``), and the other way round, a division named right after
  one of its towns (``Tacoma, Washington`` is the state);
- coordination: a name listed with countries or divisions (``Missouri, New York
  and Virginia``) leans to the same kind, ``W_PEER`` times their share;
- actor context (``Washington said``, ``between Washington and Tehran``), which
  favours capitals and countries;
- nearness (mordecai-style distance feature): a town, county or division close
  to the story's other confidently resolved local places wins, ``W_NEAR`` times
  a log-scaled closeness that reaches 0 at ``NEAR_KM`` (the Paris of a story
  set in Tennessee).

A name the gazetteer lacks (``Colchester General Hospital``, ``Dubai World
Cup``) falls back to the longest run of its words that the gazetteer has,
never a run of generic words alone (``University``, ``North``); such a guess
never votes in the story's context.

Weights last tuned 2026-11-24 on the whole of dev/lgl and dev/geowebnews (gold
spans): county and region priors, ``W_NEAR``, ``NEAR_KM``, ``W_PEER`` and
``W_PROMINENCE`` by a grid of a few values each (population, country, admin1,
container and capital weights and ``MIN_MARGIN`` were re-checked the same day
and left as they were).

A place's ``use`` is ``metonym`` when a capital, a country or a government
landmark acts (subject of an action verb, party to a relation, ``Iran-backed``),
``associative`` for a demonym, a place inside another name or a modifier
(``U.S. troops``), ``location`` otherwise. :func:`locate_event` picks an
event's location: the trigger's own locative phrase, else the sentence, else
the lead event's dateline city.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from dateline.extract.syntax import EVENT_PREPS, LOCATIVE_PREPS
from dateline.extract.toponyms import find_toponyms
from dateline.knowledge.files import word_list
from dateline.knowledge.gazetteer import (
    ALIAS,
    ALTERNATE,
    DEMONYM,
    Gazetteer,
    Match,
    load_gazetteer,
    name_key,
)
from dateline.model import Place, PlaceUse

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
W_POPULATION = 0.6
FEATURE_PRIOR = {
    "country": 7.0,
    "continent": 6.5,
    "region": 8.0,
    "landmark": 7.0,
    "admin1": 6.0,
    "county": 1.0,
    "province": 1.0,
    "capital": 1.5,
    "city": 0.0,
}
KIND_BONUS = {ALIAS: 5.0, ALTERNATE: -1.5, DEMONYM: 0.0}
W_COUNTRY = 8.0
W_ADMIN1 = 1.5
W_CONTAINER = 10.0
W_ACTOR = 4.0
W_NEAR = 4.0
W_PEER = 7.0
W_PROMINENCE = 1.0
PEER_KINDS = frozenset({"country", "division"})
FEATURE_KIND = {"admin1": "division", "province": "division", "capital": "town", "city": "town"}
NEAR_KM = 200.0
CONTAINER_FEATURES = frozenset({"country", "admin1", "province", "county", "region"})
TOWN_FEATURES = frozenset({"city", "capital", "county"})
DIVISION_FEATURES = frozenset({"admin1", "province"})
LOCAL_FEATURES = frozenset({"city", "capital", "county", "admin1", "province", "landmark"})
FALLBACK_STOP = word_list("places_fallback_stop.txt")
ACTOR_FEATURES = frozenset({"capital", "country"})
NON_ACTION_VERBS = word_list("places_non_action_verbs.txt")
ACTION_VERBS = word_list("places_action_verbs.txt")
RELATION_NOUNS = word_list("places_relation_nouns.txt")
ACTOR_NOUNS = word_list("places_actor_nouns.txt")
MAX_ATTACH_STEPS = 3
LEAD_SENTENCES = 2
DATELINE_CHARS = 40
# A dash that ends a dateline, before any full stop (``, Ukraine (AP) —``).
DATELINE_DASH = re.compile(r"[^.\n]*?(?:--|—|–)")
APPOSITIVE_NOUNS = frozenset(
    {"village", "town", "city", "district", "suburb", "region", "province"}
)
DIRECTION_WORDS = frozenset(
    {"northern", "southern", "eastern", "western", "central", "north", "south", "east", "west"}
)
MIN_MARGIN = 2.0
ACTOR_ROLES = frozenset(
    {"subject-action", "subject", "relation", "possessive", "patron", "object-action"}
)
ASSOCIATIVE_ROLES = frozenset({"associative", "modifier"})
PATRON_PARTICIPLES = frozenset({"backed", "led", "funded", "sponsored", "supported", "allied"})


@dataclass(frozen=True, slots=True)
class Mention:
    """A toponym in the text: its character span, text and syntactic role."""

    text: str
    start: int
    end: int
    role: str  # location, subject(-action), object-action, relation, possessive, patron, ...
    container: frozenset[str]  # countries and divisions named right after it ("Paris, Texas")
    contents: frozenset[str] = frozenset()  # divisions of the town named right before it
    group: int = -1  # the first conjunct's token when coordinated ("Ohio, New York and Texas")


def extract_places(doc: Doc, gazetteer: Gazetteer | None = None) -> list[Place]:
    """Find and resolve the place names in ``doc`` (empty without a gazetteer)."""
    if gazetteer is None:
        return []
    mentions = find_mentions(doc, gazetteer)
    places = resolve_mentions(doc, mentions, gazetteer)
    return [p for p in places if p is not None]


def find_mentions(doc: Doc, gazetteer: Gazetteer) -> list[Mention]:
    """Every toponym of the story (:mod:`dateline.extract.toponyms`) as a mention."""
    return [
        mention_of(doc, t.span, gazetteer, associative=t.associative)
        for t in find_toponyms(doc, gazetteer)
    ]


def _clean(text: str) -> str:
    """The name without a possessive ending or surrounding quotes."""
    text = text.strip().strip('"“”')
    for ending in ("'s", "’s", "'", "’"):
        if text.endswith(ending):
            return text[: -len(ending)]
    return text


def mention_of(doc: Doc, span: Span, gazetteer: Gazetteer, associative: bool = False) -> Mention:
    """A mention for a span of ``doc``, with its role and named container."""
    text = _clean(span.text)
    return Mention(
        text,
        span.start_char,
        span.start_char + len(text),
        "associative" if associative else syntactic_role(span),
        _container(doc, span, gazetteer),
        _contents(doc, span, gazetteer),
        coordination(span),
    )


def _container(doc: Doc, span: Span, gazetteer: Gazetteer) -> frozenset[str]:
    """Countries and divisions in ``X, Y`` or ``X (Y)``: what follows the comma
    or the bracket after the span."""
    if span.end + 1 >= len(doc) or doc[span.end].text not in (",", "("):
        return frozenset()
    nxt = _appositive_place(doc, span.end + 1) or doc[span.end + 1 : span.end + 4]
    words = [nxt[:2].text, nxt[:1].text, nxt.text]
    found: set[str] = set()
    for word in words:
        for match in gazetteer.lookup(_clean(word)):
            if match.entry.feature in CONTAINER_FEATURES and match.kind != ALTERNATE:
                found.add(match.entry.admin1 or match.entry.country or "")
    return frozenset(found - {""})


def _appositive_place(doc: Doc, start: int) -> Span | None:
    """The words after ``a village in`` (``Banjska, a village in northern Kosovo``),
    or None when the comma opens no such phrase."""
    words = doc[start : start + 4]
    if len(words) < 4 or words[0].lower_ not in ("a", "an", "the"):
        return None
    if words[1].lower_ not in APPOSITIVE_NOUNS or words[2].lower_ not in ("in", "of", "near"):
        return None
    first = start + 3 + (doc[start + 3].lower_ in DIRECTION_WORDS)
    return doc[first : first + 3]


def _contents(doc: Doc, span: Span, gazetteer: Gazetteer) -> frozenset[str]:
    """In ``Tacoma, Washington``: the first-level divisions of the towns and counties
    that the name before the comma may be (they make ``Washington`` the state)."""
    if span.start < 2 or doc[span.start - 1].text != "," or coordination(span) >= 0:
        return frozenset()
    before = [e for e in doc.ents if e.end == span.start - 1 and e.label_ in PLACE_LABELS]
    text = before[0].text if before else doc[span.start - 2].text
    return frozenset(
        m.entry.admin1
        for m in gazetteer.lookup(_clean(text))
        if m.entry.admin1 and m.entry.feature in TOWN_FEATURES
    )


def coordination(span: Span) -> int:
    """The token index of the first conjunct when the span is coordinated with
    others (``Missouri, New York and Virginia``), else -1."""
    root = span.root
    if root.dep_ != "conj" and not any(c.dep_ == "conj" for c in root.children):
        return -1
    while root.dep_ == "conj" and root.head != root:
        root = root.head
    return root.i


def syntactic_role(span: Span) -> str:
    """How the place takes part in its sentence (decides metonymy)."""
    root = span.root
    head, dep = root.head, root.dep_
    while dep == "conj" and head.dep_ in ("pobj", "nsubj", "nsubjpass", "dobj", "conj"):
        dep, head = head.dep_, head.head
    if dep == "pobj":
        return _role_after(head)
    if dep in ("nsubj", "nsubjpass") and head.pos_ in ("VERB", "AUX"):
        return (
            "subject-action"
            if head.lemma_ in ACTION_VERBS
            else ("subject" if head.lemma_ not in NON_ACTION_VERBS else "other")
        )
    if dep == "dobj" and head.lemma_ in ACTION_VERBS:
        return "object-action"
    if dep == "poss":
        return "possessive"
    if dep in ("npadvmod", "compound") and head.lower_ in PATRON_PARTICIPLES:
        return "patron"
    if dep in ("compound", "amod", "nmod") and head.lower_ in ACTOR_NOUNS:
        return "modifier"
    return "other"


def _role_after(prep: Token) -> str:
    word = prep.lower_
    if word == "between" or (word == "with" and _relational(prep.head)):
        return "relation" if _relational(prep.head) else "other"
    if word == "by" and prep.dep_ == "agent":
        return "subject-action"
    return "location" if word in LOCATIVE_PREPS else "other"


def _relational(noun: Token) -> bool:
    words = [noun.lower_] + [c.lower_ for c in noun.children if c.dep_ == "compound"]
    return any(w in RELATION_NOUNS for w in words)


def resolve_mentions(
    doc: Doc, mentions: Sequence[Mention], gazetteer: Gazetteer, strategy: str = "ranked"
) -> list[Place | None]:
    """Resolve each mention in the context of the others (``strategy='population'``
    is the naive baseline: the most populous candidate)."""
    found = [gazetteer.lookup(m.text) for m in mentions]
    if strategy == "population":
        return [_place(m, _most_populous(c)) for m, c in zip(mentions, found, strict=True)]
    # Only names the gazetteer has may vote: a fallback part (``Craven`` of
    # ``Craven Cottage``) is a guess.
    first = [_confident(m, c) for m, c in zip(mentions, found, strict=True)]
    named = story_countries(first)
    found = [
        guard(c, named, m.container) if c else _fallback(m.text, gazetteer)
        for m, c in zip(mentions, found, strict=True)
    ]
    keys = [name_key(m.text) for m in mentions]
    context = Context.of(first, keys, _demonym_countries(doc, gazetteer))
    return [
        _place(
            m,
            _best(
                m,
                c,
                context.without(
                    [f for f, k2 in zip(first, keys, strict=True) if k2 == k], k
                ).with_peers(_peer_kinds(i, mentions, first)),
            ),
        )
        for i, (m, c, k) in enumerate(zip(mentions, found, keys, strict=True))
    ]


def story_countries(picks: Sequence[Match | None]) -> frozenset[str]:
    """The countries the story names (confident country mentions, demonyms too)."""
    return frozenset(
        p.entry.country
        for p in picks
        if p is not None and p.entry.feature == "country" and p.entry.country
    )


def guard(
    candidates: tuple[Match, ...], named: frozenset[str], container: frozenset[str]
) -> tuple[Match, ...]:
    """No jump abroad on another spelling. A candidate reached only through an
    alternate name is dropped when it lies outside the countries the story
    names while another candidate lies inside one, or when the mention names
    its container and the candidate is not in it (``Banjska (Kosovo)`` is not
    Bansko in Bulgaria). Exonyms of places abroad (``Auschwitz``, ``Quebec
    City``) stay when the story gives no better candidate."""
    home = any(c.entry.country in named for c in candidates)
    return tuple(c for c in candidates if _kept(c, named if home else frozenset(), container))


def _kept(match: Match, named: frozenset[str], container: frozenset[str]) -> bool:
    entry = match.entry
    if match.kind != ALTERNATE or (entry.feature == "county" and entry.country == "USA"):
        return True  # ``Avoyelles``: a US county's own short name
    if container and not {entry.country, entry.admin1} & container:
        return False
    return not named or entry.country in named


def _peer_kinds(
    index: int, mentions: Sequence[Mention], picks: Sequence[Match | None]
) -> list[str]:
    """Kinds (country, division, town) of the confident places coordinated with
    mention ``index`` (``California or Washington``: divisions)."""
    group = mentions[index].group
    if group < 0:
        return []
    kinds = [
        FEATURE_KIND.get(pick.entry.feature, pick.entry.feature)
        for j, (m, pick) in enumerate(zip(mentions, picks, strict=True))
        if j != index and m.group == group and pick is not None
    ]
    return [k for k in kinds if k in PEER_KINDS]


def _fallback(text: str, gazetteer: Gazetteer) -> tuple[Match, ...]:
    """For a name the gazetteer lacks (``Colchester General Hospital``, ``Dubai
    World Cup``, ``University of California``): the longest run of its words that
    it has, leaving out runs made only of generic words."""
    words = text.split()
    for size in range(len(words) - 1, 0, -1):
        for start in range(len(words) - size + 1):
            part = words[start : start + size]
            if all(w.casefold().strip(".,") in FALLBACK_STOP for w in part):
                continue
            if not part[0][:1].isupper():
                continue
            found = gazetteer.lookup(" ".join(part))
            if found:
                return found
    return ()


def _confident(mention: Mention, candidates: Sequence[Match]) -> Match | None:
    """The context-free pick when it clearly beats the runner-up (it may vote)."""
    scored = sorted((score(mention, m, Context.empty()), m.entry.id, m) for m in candidates)
    if not scored:
        return None
    if len(scored) == 1 or scored[-1][0] - scored[-2][0] >= MIN_MARGIN:
        return scored[-1][2]
    return None


@dataclass(frozen=True, slots=True)
class Context:
    """What the rest of the story says: votes for countries and divisions."""

    countries: Counter[str]
    admin1: Counter[str]
    points: tuple[tuple[str, float, float], ...] = ()  # confident local places: key, lat, lon
    peers: tuple[str, ...] = ()  # kinds of the confident places coordinated with the mention

    @classmethod
    def empty(cls) -> Context:
        return cls(Counter(), Counter())

    @classmethod
    def of(
        cls, picks: Sequence[Match | None], keys: Sequence[str], demonyms: Iterable[str]
    ) -> Context:
        countries: Counter[str] = Counter(demonyms)
        admin1: Counter[str] = Counter()
        points: list[tuple[str, float, float]] = []
        for pick, key in zip(picks, keys, strict=True):
            if pick is not None:
                countries.update(_country_votes(pick))
                admin1.update(_admin1_votes(pick))
                if pick.entry.feature in LOCAL_FEATURES:
                    points.append((key, pick.entry.lat, pick.entry.lon))
        return cls(countries, admin1, tuple(dict.fromkeys(points)))

    def without(self, picks: Iterable[Match | None], key: str = "") -> Context:
        mine = [p for p in picks if p is not None]
        countries = Counter(c for p in mine for c in _country_votes(p))
        admin1 = Counter(a for p in mine for a in _admin1_votes(p))
        points = tuple(p for p in self.points if p[0] != key)
        return Context(self.countries - countries, self.admin1 - admin1, points)

    def with_peers(self, peers: Iterable[str]) -> Context:
        return Context(self.countries, self.admin1, self.points, tuple(peers))

    def peer_share(self, feature: str) -> float:
        """The share of coordinated places of the same kind, for a country or a
        division (``Ohio, New York and Texas``)."""
        kind = FEATURE_KIND.get(feature, feature)
        if not self.peers or kind not in PEER_KINDS:
            return 0.0
        return sum(1 for p in self.peers if p == kind) / len(self.peers)

    def nearness(self, lat: float, lon: float) -> float:
        """1 for a point on a confident local place of the story, falling to 0 at
        ``NEAR_KM`` and beyond (log scale)."""
        if not self.points:
            return 0.0
        nearest = min(_km(lat, lon, p[1], p[2]) for p in self.points)
        return max(0.0, 1.0 - math.log1p(nearest) / math.log1p(NEAR_KM))

    def share(self, country: str | None, admin1: str | None) -> tuple[float, float]:
        total_c, total_a = self.countries.total(), self.admin1.total()
        c = self.countries[country] / total_c if country and total_c else 0.0
        a = self.admin1[admin1] / total_a if admin1 and total_a else 0.0
        return c, a


def _country_votes(pick: Match) -> list[str]:
    return [pick.entry.country] if pick.entry.country else []


def _admin1_votes(pick: Match) -> list[str]:
    entry = pick.entry
    if entry.admin1 and entry.feature in ("admin1", "county", "city", "capital"):
        return [entry.admin1] * (2 if entry.feature in ("admin1", "county") else 1)
    return []


def _demonym_countries(doc: Doc, gazetteer: Gazetteer) -> list[str]:
    codes: list[str] = []
    for ent in doc.ents:
        if ent.label_ == "NORP":
            codes += [
                m.entry.country
                for m in gazetteer.lookup(ent.text)
                if m.kind == DEMONYM and m.entry.country
            ]
    return codes


def score(mention: Mention, match: Match, context: Context) -> float:
    """The hand-weighted score of one candidate for one mention."""
    entry = match.entry
    value = W_POPULATION * math.log10(entry.population + 1)
    if match.kind != ALTERNATE:
        value += W_PROMINENCE * math.log10(entry.prominence + 1)
    value += FEATURE_PRIOR.get(entry.feature, 0.0) + KIND_BONUS.get(match.kind, 0.0)
    country_share, admin1_share = context.share(entry.country, entry.admin1)
    value += W_COUNTRY * country_share + W_ADMIN1 * admin1_share
    if mention.container and (
        entry.admin1 in mention.container or entry.country in mention.container
    ):
        value += W_CONTAINER
    if entry.feature in DIVISION_FEATURES and entry.admin1 in mention.contents:
        value += W_CONTAINER
    value += W_PEER * context.peer_share(entry.feature)
    if mention.role in ACTOR_ROLES and (entry.feature in ACTOR_FEATURES or entry.metonym):
        value += W_ACTOR
    if W_NEAR and entry.feature in LOCAL_FEATURES:
        value += W_NEAR * context.nearness(entry.lat, entry.lon)
    return value


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Equirectangular distance in km (close enough under a few hundred km)."""
    x = math.radians(lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
    return 6371.0 * math.hypot(x, math.radians(lat2 - lat1))


def _best(mention: Mention, candidates: Sequence[Match], context: Context) -> Match | None:
    if not candidates:
        return None
    return max(candidates, key=lambda m: (score(mention, m, context), -m.entry.id))


def _most_populous(candidates: Sequence[Match]) -> Match | None:
    return max(candidates, key=lambda m: m.entry.population, default=None)


def _place(mention: Mention, match: Match | None) -> Place | None:
    if match is None:
        return None
    entry = match.entry
    return Place(
        text=mention.text,
        span=(mention.start, mention.end),
        name=entry.name,
        geonameid=entry.geonameid,
        lat=entry.lat,
        lon=entry.lon,
        country=entry.country,
        feature=entry.feature,
        use=place_use(mention.role, entry.feature, entry.metonym),
        admin1=entry.admin1_name,
    )


def place_use(role: str, feature: str, metonym_landmark: bool) -> PlaceUse:
    """``metonym`` when a capital, country or government landmark acts;
    ``associative`` for a demonym, a place inside another name or a modifier
    (``U.S. troops``); else ``location``."""
    if role in ASSOCIATIVE_ROLES:
        return "associative"
    if feature == "country":
        acts = ("subject-action", "subject", "relation", "patron")
        return "metonym" if role in acts else "location"
    if feature == "capital" or metonym_landmark:
        acting = ("subject-action", "subject", "relation", "possessive", "patron", "object-action")
        return "metonym" if role in acting else "location"
    return "location"


def locate_event(doc: Doc, trigger: Token, places: Sequence[Place]) -> Place | None:
    """The event's location: the place attached to the trigger's clause by ``in``,
    ``at``, ``near``, ``across`` (...), else a place named in the sentence, else,
    for the story's lead event, its dateline city (``KYIV, Ukraine —``), else none.
    Metonyms and associative places (``Russian``, ``Kosovo police``) never are."""
    sentence = trigger.sent
    dateline = dateline_place(doc, places)
    start = max(sentence.start_char, dateline_end(doc, dateline))
    local = [p for p in places if p.use == "location" and start <= p.span[0] < sentence.end_char]
    if not local:
        return dateline if _is_lead(doc, trigger) else None
    attached = [p for p in local if _attached(doc, trigger, p)]
    pool = attached or local
    return min(pool, key=lambda p: abs(p.span[0] - trigger.idx))


def _is_lead(doc: Doc, trigger: Token) -> bool:
    """The trigger is in the story's first or second sentence (after a dateline)."""
    sentences = doc.sents
    for _ in range(LEAD_SENTENCES):
        sentence = next(sentences, None)
        if sentence is None:
            return False
        if sentence.start <= trigger.i < sentence.end:
            return True
    return False


def dateline_place(doc: Doc, places: Sequence[Place]) -> Place | None:
    """The place that opens the story before a dash (``KYIV, Ukraine —``,
    ``BEIRUT (AP) --``), or None."""
    first = next((t for t in doc if not t.is_space), None)
    if first is None:
        return None
    for place in places:
        if place.span[0] == first.idx and place.use != "associative":
            return place if dateline_end(doc, place) else None
    return None


def dateline_end(doc: Doc, place: Place | None) -> int:
    """Where the dateline that ``place`` opens ends (after its dash), else 0."""
    if place is None:
        return 0
    found = DATELINE_DASH.match(doc.text, place.span[1], place.span[1] + DATELINE_CHARS)
    return found.end() if found else 0


def _attached(doc: Doc, trigger: Token, place: Place) -> bool:
    """True when the place hangs from the trigger through a locative preposition."""
    span = doc.char_span(place.span[0], place.span[1], alignment_mode="expand")
    if span is None:
        return False
    token = span.root
    while token.dep_ == "conj" and token.head != token:
        token = token.head
    prep = token.head
    if token.dep_ != "pobj" or prep.lower_ not in EVENT_PREPS:
        return False
    head = prep.head
    for _ in range(MAX_ATTACH_STEPS):
        if head == trigger:
            return True
        if head.pos_ in ("VERB", "AUX") or head.head == head:
            return False
        head = head.head
    return False


class PlacesComponent:
    """The spaCy component: writes ``doc._.dateline_places``."""

    def __init__(self, cache_dir: str) -> None:
        self.gazetteer = load_gazetteer(cache_dir)

    def __call__(self, doc: Doc) -> Doc:
        doc._.dateline_places = extract_places(doc, self.gazetteer)
        return doc


@Language.factory(
    "dateline_places",
    requires=["doc.ents"],
    assigns=["doc._.dateline_places"],
    default_config={"cache_dir": ""},
)
def make_places(nlp: Language, name: str, cache_dir: str) -> PlacesComponent:
    return PlacesComponent(cache_dir)


def resolve_spans(
    doc: Doc, spans: Sequence[tuple[int, int]], gazetteer: Gazetteer, strategy: str = "ranked"
) -> list[Place | None]:
    """Resolve given character spans of ``doc`` (gold toponyms), each in the context
    of the others; the doc supplies syntax and demonyms."""
    mentions = [_span_mention(doc, start, end, gazetteer) for start, end in spans]
    return resolve_mentions(doc, mentions, gazetteer, strategy)


def _span_mention(doc: Doc, start: int, end: int, gazetteer: Gazetteer) -> Mention:
    text = _clean(doc.text[start:end])
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return Mention(text, start, end, "other", frozenset())
    found = mention_of(doc, span, gazetteer)
    return Mention(
        text, start, start + len(text), found.role, found.container, found.contents, found.group
    )
