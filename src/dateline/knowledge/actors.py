"""Actor knowledge: countries, organisations, armed groups, office holders, sector nouns.

The package ships four CSV tables under ``knowledge/data`` (``actors_*.csv``); users add
rows with files of the same shape, named in ``Settings.user_knowledge``. A table is
recognised by its header line:

- countries:      ``code,name,aliases,demonyms,capitals``
- organisations:  ``name,aliases,code,sector,kind,patron,wikidata``, optionally followed
  by ``start,end``: the period in which the row's code and sector hold (the Taliban are
  AFG REB until 2021-08-15 and AFG GOV from then on); a name with several dated rows is
  coded as of the story or event date, like an office holder
- people:         ``name,aliases,code,sector,office,start,end,wikidata``
- nouns:          ``noun,sector,type,code``

Lists inside a cell are separated by ``|``; lines starting with ``#`` are comments.
Every row is validated; the first bad row stops loading with a :class:`KnowledgeError`
naming its file and line, and nothing is half-loaded (the result is built only after
every file has been read and checked). Codes must be ISO 3166 alpha-3 (from pycountry),
a PLOVER special code, or a code declared in a countries table.

Terms of office are half-open: ``start <= day < end``; on a handover day the successor
holds the office. An empty ``end`` means the term is current. A date known only to the
month is written ``YYYY-MM`` and taken as the first of that month.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path

import pycountry

from dateline.errors import KnowledgeError
from dateline.knowledge.files import FileStamp, file_stamps, word_list
from dateline.model import ActorMention

KNOWLEDGE_VERSION = "2025.1"
SPECIAL_CODES = frozenset({"IGO", "UNO", "EUR", "NGO", "ISM", "IMG", "MNC", "KOS"})
SECTORS = frozenset(
    [
        "COP",
        "GOV",
        "JUD",
        "LEG",
        "MIL",
        "PRM",
        "PTY",
        "REB",
        "SPY",
        "UAF",
        "UNK",
        "AGR",
        "BUS",
        "CRM",
        "CVL",
        "EDU",
        "ELI",
        "JRN",
        "LAB",
        "MED",
        "REF",
        "OPP",
        "PRE",
        "REL",
        "SOC",
    ]
)
ORG_KINDS = frozenset(
    {"igo", "group", "seat", "institution", "ngo", "mnc", "media", "party", "special"}
)
NOUN_TYPES = frozenset({"collective", "person", "title"})
HEADERS: Mapping[str, tuple[str, ...]] = {
    "countries": ("code", "name", "aliases", "demonyms", "capitals"),
    "organisations": ("name", "aliases", "code", "sector", "kind", "patron", "wikidata"),
    "organisations_dated": (
        "name", "aliases", "code", "sector", "kind", "patron", "wikidata", "start", "end"
    ),
    "people": ("name", "aliases", "code", "sector", "office", "start", "end", "wikidata"),
    "nouns": ("noun", "sector", "type", "code"),
}
DEFAULT_FILES = (
    "actors_countries.csv",
    "actors_organisations.csv",
    "actors_organisations_dated.csv",
    "actors_people.csv",
    "actors_nouns.csv",
)
_FOLD = str.maketrans({"‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "’": "'", "‘": "'"})
_HYPHEN_SPACE = re.compile(r"\s*-\s*")
_LEADING = ("the ",)


def fold(text: str) -> str:
    """Strip accents and unify dashes and apostrophes, keeping case."""
    if text.isascii():  # no accent, dash or apostrophe to unify: only the spacing
        return _HYPHEN_SPACE.sub("-", " ".join(text.split()))
    text = unicodedata.normalize("NFKD", text.translate(_FOLD))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return _HYPHEN_SPACE.sub("-", " ".join(text.split()))


@lru_cache(maxsize=1 << 16)
def normalise(text: str) -> str:
    """The lookup key of a name: folded, case-folded, without a leading article or 's
    (kept: the sector-noun lookup asks for it for most words of every story)."""
    key = fold(text).casefold()
    for article in _LEADING:
        key = key.removeprefix(article)
    return key.removesuffix("'s").strip()


def is_cased(alias: str) -> bool:
    """Short all-capital aliases (US, UK, IS, UN) only match in capitals."""
    letters = [ch for ch in alias if ch.isalpha()]
    return alias.isupper() and "." not in alias and len(letters) <= 4


@dataclass(frozen=True, slots=True)
class Term:
    """One term of office."""

    code: str
    sector: str | None
    office: str
    start: date
    end: date | None  # exclusive; None while in office

    def holds(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day < self.end)


@dataclass(frozen=True, slots=True)
class Person:
    """An office holder and the terms they served."""

    name: str
    terms: tuple[Term, ...]
    wikidata: str | None = None


@dataclass(frozen=True, slots=True)
class Entry:
    """A named non-person actor: a country name, demonym, capital, organisation, group."""

    name: str
    code: str
    sector: str | None
    kind: str  # country, demonym, capital, seat, igo, group, institution, ngo, mnc, media, party
    wikidata: str | None = None
    patron: str | None = None
    start: date | None = None  # the period the code and sector hold, half-open
    end: date | None = None

    def holds(self, day: date | None) -> bool:
        if day is None:
            return self.end is None
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


@dataclass(frozen=True, slots=True)
class Noun:
    """A sector noun or title: troops -> MIL, president -> GOV (title)."""

    noun: str
    sector: str | None
    type: str  # collective, person, title
    code: str | None = None  # a default country ("administration" -> USA)


@dataclass(frozen=True, slots=True)
class ActorMatch:
    """What the knowledge says about a name, as of a date."""

    code: str | None
    sector: str | None
    role: str | None
    wikidata: str | None
    kind: str
    name: str
    former: bool = False
    patron: str | None = None


@dataclass(frozen=True, slots=True)
class ActorKnowledge:
    """Lookup tables built from the validated files; immutable once built."""

    names: Mapping[str, tuple[Entry, ...]]
    cased: Mapping[str, frozenset[str]]  # key -> exact spellings when only capitals match
    people: Mapping[str, tuple[Person, ...]]
    surnames: Mapping[str, tuple[Person, ...]]
    nouns: Mapping[str, Noun]
    codes: frozenset[str]
    country_names: Mapping[str, str]
    aliases: tuple[str, ...] = field(default=())  # every surface form, for matchers

    def lookup(self, text: str, on: date | None = None) -> ActorMatch | None:
        """The actor a name, alias, demonym, organisation or person denotes on ``on``."""
        key = normalise(text)
        if key in self.cased and fold(text).removeprefix("the ") not in self.cased[key]:
            return None
        if key in self.people:
            return person_match(self.people[key], on)
        if key in self.names:
            return entry_match(entry_on(self.names[key], on))
        if key in self.surnames and text[:1].isupper():
            return person_match(self.surnames[key], on)
        return None

    def noun(self, word: str) -> Noun | None:
        """The sector noun or title ``word`` (any case), if known."""
        return self.nouns.get(normalise(word))

    def find_person(self, text: str, on: date | None = None) -> ActorMatch | None:
        """The office holder named at the end of ``text`` ("Iraqi Prime Minister X")."""
        words = fold(text).removesuffix("'s").split()
        for start in range(len(words)):
            key = normalise(" ".join(words[start:]))
            people = self.people.get(key) or self.surnames.get(key)
            if people:
                return person_match(people, on)
        return None


def entry_on(entries: Sequence[Entry], on: date | None) -> Entry:
    """The entry whose period holds ``on`` (undated entries always hold), else the first."""
    return next((e for e in entries if e.holds(on)), entries[0])


def entry_match(entry: Entry) -> ActorMatch:
    return ActorMatch(
        entry.code,
        entry.sector,
        None,
        entry.wikidata,
        entry.kind,
        entry.name,
        patron=entry.patron,
    )


def person_match(people: Sequence[Person], on: date | None) -> ActorMatch:
    """Code a person as of ``on``: the term held then, else the last one before."""
    person, term, former = choose_term(people, on)
    if term is None:
        first = person.terms[0]
        return ActorMatch(first.code, None, None, person.wikidata, "person", person.name)
    return ActorMatch(
        term.code, term.sector, term.office, person.wikidata, "person", person.name, former
    )


def choose_term(people: Sequence[Person], on: date | None) -> tuple[Person, Term | None, bool]:
    """The person and term that fit ``on`` best (held > ended latest > not yet begun)."""
    if on is None:
        person = max(people, key=lambda p: p.terms[-1].start)
        current = [t for t in person.terms if t.end is None]
        return person, (current or [person.terms[-1]])[0], not current
    for person in people:
        for term in person.terms:
            if term.holds(on):
                return person, term, False
    ended = [(t.end, p, t) for p in people for t in p.terms if t.end and t.end <= on]
    if ended:
        _, person, term = max(ended, key=lambda item: item[0])
        return person, term, True
    return people[0], None, False


# ---------------------------------------------------------------- public helpers


def code_as_of(mention: ActorMention, when: date, kb: ActorKnowledge) -> ActorMention:
    """Re-code an office holder's mention (and any members) for an event date."""
    members = tuple(code_as_of(m, when, kb) for m in mention.members)
    if mention.kind in ("organisation", "group"):
        named = kb.lookup(mention.text, when)
        if named is not None and named.kind != "person" and named.code:
            return replace(mention, code=named.code, sector=named.sector, members=members)
    if mention.kind != "person":
        return replace(mention, members=members) if members else mention
    match = kb.find_person(mention.text, when)
    if match is None or match.sector is None:
        return replace(mention, members=members)
    return replace(
        mention,
        code=match.code,
        sector=match.sector,
        role=match.role or mention.role,
        former=match.former,
        members=members,
    )


def actors_in_span(actors: Sequence[ActorMention], start: int, end: int) -> list[ActorMention]:
    """The outermost actor mentions lying inside ``[start, end)``, in text order."""
    inside = [a for a in actors if start <= a.span[0] and a.span[1] <= end]
    outer = [
        a
        for a in inside
        if not any(
            b is not a and b.span[0] <= a.span[0] and a.span[1] <= b.span[1] and b.span != a.span
            for b in inside
        )
    ]
    return sorted(outer, key=lambda a: a.span)


# ---------------------------------------------------------------- loading


@lru_cache(maxsize=8)
def _load_cached(user_files: tuple[str, ...], stamps: tuple[FileStamp, ...]) -> ActorKnowledge:
    """Cached per file list and the files' stamps (an edited user file is read again)."""
    rows = read_tables([*default_paths(), *(Path(p) for p in user_files)])
    return build_knowledge(rows)


def load_actor_knowledge(user_files: Sequence[str | Path] = ()) -> ActorKnowledge:
    """Load the packaged tables plus the user's; raises KnowledgeError on a bad file."""
    files = tuple(str(p) for p in user_files)
    return _load_cached(files, file_stamps(files))


def default_paths() -> list[Path]:
    base = resources.files("dateline") / "knowledge" / "data"
    return [Path(str(base / name)) for name in DEFAULT_FILES]


@dataclass(frozen=True, slots=True)
class Row:
    """One data row with where it came from."""

    table: str
    values: Mapping[str, str]
    path: str
    line: int

    def fail(self, message: str) -> KnowledgeError:
        return KnowledgeError(self.path, self.line, message)


def read_tables(paths: Iterable[Path]) -> list[Row]:
    """Read every actor table among ``paths``; other extractors' files are skipped."""
    rows: list[Row] = []
    for path in paths:
        rows.extend(read_table(path))
    return rows


def read_table(path: Path) -> list[Row]:
    """The rows of one CSV table, its kind told by its header line."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise KnowledgeError(str(path), None, f"cannot read: {exc}") from exc
    lines = [
        (n, line)
        for n, line in enumerate(text.splitlines(), 1)
        if line.strip() and not line.lstrip().startswith("#")
    ]
    if not lines:
        return []
    header_line, header = lines[0]
    table = table_of(header, path, header_line)
    if table is None:
        return []
    return list(parse_rows(table, lines[1:], path))


def table_of(header: str, path: Path, line: int) -> str | None:
    """The table a header names; None for non-actor files, an error for bad actor files."""
    names = tuple(cell.strip() for cell in next(csv.reader([header])))
    for table, expected in HEADERS.items():
        if names == expected:
            return table
    if path.suffix == ".csv" and path.name.startswith("actors"):
        raise KnowledgeError(str(path), line, f"unknown header {','.join(names)!r}")
    return None


def parse_rows(table: str, lines: Sequence[tuple[int, str]], path: Path) -> Iterator[Row]:
    columns = HEADERS[table]
    for number, line in lines:
        try:
            cells = next(csv.reader([line], strict=True))
        except csv.Error as exc:
            raise KnowledgeError(str(path), number, f"bad CSV: {exc}") from exc
        if len(cells) != len(columns):
            raise KnowledgeError(
                str(path), number, f"expected {len(columns)} columns, found {len(cells)}"
            )
        yield Row(
            table, dict(zip(columns, (c.strip() for c in cells), strict=True)), str(path), number
        )


def split_list(cell: str) -> list[str]:
    return [item.strip() for item in cell.split("|") if item.strip()]


def parse_day(row: Row, column: str) -> date | None:
    """A ``YYYY-MM-DD`` day, or a ``YYYY-MM`` month taken as its first day."""
    value = row.values.get(column, "")
    if not value:
        return None
    try:
        if re.fullmatch(r"\d{4}-\d{2}", value):
            return date.fromisoformat(value + "-01")
        return date.fromisoformat(value)
    except ValueError as exc:
        raise row.fail(f"{column} {value!r} is not a YYYY-MM-DD day or YYYY-MM month") from exc


# ---------------------------------------------------------------- building


@dataclass
class _Builder:
    """Accumulates validated rows; turned into an immutable ActorKnowledge at the end."""

    codes: set[str]
    country_names: dict[str, str] = field(default_factory=dict)
    names: dict[str, list[Entry]] = field(default_factory=dict)
    cased: dict[str, set[str]] = field(default_factory=dict)
    people: dict[str, list[Person]] = field(default_factory=dict)
    surnames: dict[str, list[Person]] = field(default_factory=dict)
    nouns: dict[str, Noun] = field(default_factory=dict)
    aliases: dict[str, None] = field(default_factory=dict)

    def add_name(self, alias: str, entry: Entry, front: bool = False) -> None:
        key = normalise(alias)
        if not key:
            return
        entries = self.names.setdefault(key, [])
        if entry not in entries:
            entries.insert(0, entry) if front else entries.append(entry)
        self.note_alias(alias, key)

    def note_alias(self, alias: str, key: str) -> None:
        self.aliases[alias] = None
        self.aliases[fold(alias)] = None
        if is_cased(alias):
            self.cased.setdefault(key, set()).add(fold(alias))
        elif key in self.cased:
            del self.cased[key]

    def add_person(self, person: Person, aliases: Iterable[str]) -> None:
        for alias in (person.name, *aliases):
            key = normalise(alias)
            self.people.setdefault(key, []).append(person)
            self.aliases[alias] = self.aliases[fold(alias)] = None
        for surname in surnames_of(person.name):
            self.surnames.setdefault(normalise(surname), []).append(person)
            self.aliases[surname] = self.aliases[fold(surname)] = None

    def freeze(self) -> ActorKnowledge:
        return ActorKnowledge(
            names={k: tuple(v) for k, v in self.names.items()},
            cased={k: frozenset(v) for k, v in self.cased.items()},
            people={k: tuple(v) for k, v in self.people.items()},
            surnames={k: tuple(v) for k, v in self.surnames.items() if k not in self.names},
            nouns=dict(self.nouns),
            codes=frozenset(self.codes),
            country_names=dict(self.country_names),
            aliases=tuple(self.aliases),
        )


# Surnames that are also common capitalised words or very common names: never matched alone.
AMBIGUOUS_SURNAMES = word_list("actors_ambiguous_surnames.txt")
# Countries a story may call "the kingdom", "the emirate" (ISO 3166-1 alpha-3 codes).
MONARCHIES = word_list("actors_monarchies.txt")
_PARTICLES = frozenset({"al", "el", "bin", "ibn", "abu", "de", "van", "von", "da", "di", "le"})


def surnames_of(name: str) -> list[str]:
    """Short forms of a full name: "Mustafa al-Kadhimi" -> al-Kadhimi, Kadhimi."""
    words = name.split()
    if len(words) < 2:
        return []
    last = words[-1]
    forms = [last]
    if len(words) >= 3 and words[-2].lower() in _PARTICLES:
        forms.append(" ".join(words[-2:]))
    prefix, dash, rest = last.partition("-")
    if dash and prefix.lower() in _PARTICLES and rest:
        forms.append(rest)
    return [form for form in forms if form.lower() not in AMBIGUOUS_SURNAMES]


def build_knowledge(rows: Sequence[Row]) -> ActorKnowledge:
    """Validate every row and build the lookup tables (countries first: they declare codes)."""
    builder = _Builder(codes=set(SPECIAL_CODES))
    add_pycountry(builder)
    for table in ("countries", "nouns", "organisations", "organisations_dated"):
        for row in rows:
            if row.table == table:
                ADDERS[table](builder, row)
    add_people(builder, [row for row in rows if row.table == "people"])
    return builder.freeze()


def add_pycountry(builder: _Builder) -> None:
    for country in pycountry.countries:
        code = country.alpha_3
        builder.codes.add(code)
        builder.country_names[code] = getattr(country, "common_name", country.name)
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value:
                builder.add_name(value, Entry(value, code, None, "country"))


def check_code(row: Row, code: str, builder: _Builder, column: str = "code") -> str:
    if code not in builder.codes:
        raise row.fail(f"unknown {column} {code!r}: not ISO 3166 alpha-3 nor a PLOVER code")
    return code


def check_sector(row: Row, sector: str) -> str | None:
    if not sector:
        return None
    if sector not in SECTORS:
        raise row.fail(f"unknown sector {sector!r}")
    return sector


def add_country(builder: _Builder, row: Row) -> None:
    code = row.values["code"]
    if not re.fullmatch(r"[A-Z]{3}", code):
        raise row.fail(f"country code {code!r} is not three capital letters")
    if code not in builder.codes and not row.values["name"]:
        raise row.fail(f"unknown code {code!r}: a new country needs a name")
    builder.codes.add(code)
    name = row.values["name"] or builder.country_names[code]
    builder.country_names[code] = name
    for alias in [name, *split_list(row.values["aliases"])]:
        builder.add_name(alias, Entry(name, code, None, "country"), front=True)
    for demonym in split_list(row.values["demonyms"]):
        for form in demonym_forms(demonym):
            builder.add_name(form, Entry(name, code, None, "demonym"))
    for capital in split_list(row.values["capitals"]):
        builder.add_name(capital, Entry(capital, code, "GOV", "capital"))


def demonym_forms(demonym: str) -> list[str]:
    """A demonym and its plural (Iraqi, Iraqis); -ese, -sh, -ch and -ss have none."""
    if demonym.endswith(("ese", "sh", "ch", "ss", "s", "i'")) or " " in demonym:
        return [demonym]
    return [demonym, demonym + "s"]


def add_organisation(builder: _Builder, row: Row) -> None:
    values = row.values
    if not values["name"]:
        raise row.fail("name is empty")
    if values["kind"] not in ORG_KINDS:
        raise row.fail(f"unknown kind {values['kind']!r}; one of {', '.join(sorted(ORG_KINDS))}")
    code = check_code(row, values["code"], builder)
    patron = check_code(row, values["patron"], builder, "patron") if values["patron"] else None
    start, end = parse_day(row, "start"), parse_day(row, "end")
    if start is not None and end is not None and end <= start:
        raise row.fail(f"period ends ({end}) before it starts ({start})")
    entry = Entry(
        values["name"],
        code,
        check_sector(row, values["sector"]),
        values["kind"],
        check_wikidata(row),
        patron,
        start,
        end,
    )
    for alias in [values["name"], *split_list(values["aliases"])]:
        builder.add_name(alias, entry, front=True)


def check_wikidata(row: Row) -> str | None:
    value = row.values["wikidata"]
    if value and not re.fullmatch(r"Q\d+", value):
        raise row.fail(f"wikidata {value!r} is not a Q-id")
    return value or None


def add_people(builder: _Builder, rows: Sequence[Row]) -> None:
    """Group term rows by name (a person may hold several offices) and add each person."""
    grouped: dict[str, list[Row]] = {}
    for row in rows:
        if not row.values["name"] or not row.values["office"]:
            raise row.fail("name and office are required")
        grouped.setdefault(row.values["name"], []).append(row)
    for name, person_rows in grouped.items():
        terms = sorted((parse_term(builder, row) for row in person_rows), key=lambda t: t.start)
        wikidata = next((w for w in map(check_wikidata, person_rows) if w), None)
        aliases = [a for row in person_rows for a in split_list(row.values["aliases"])]
        builder.add_person(Person(name, tuple(terms), wikidata), dict.fromkeys(aliases))


def parse_term(builder: _Builder, row: Row) -> Term:
    start, end = parse_day(row, "start"), parse_day(row, "end")
    if start is None:
        raise row.fail("start date is required")
    if end is not None and end <= start:
        raise row.fail(f"term ends ({end}) before it starts ({start})")
    code = check_code(row, row.values["code"], builder)
    return Term(code, check_sector(row, row.values["sector"]), row.values["office"], start, end)


def add_noun(builder: _Builder, row: Row) -> None:
    values = row.values
    if not values["noun"]:
        raise row.fail("noun is empty")
    if values["type"] not in NOUN_TYPES:
        raise row.fail(f"unknown type {values['type']!r}; one of {', '.join(sorted(NOUN_TYPES))}")
    code = check_code(row, values["code"], builder) if values["code"] else None
    noun = Noun(values["noun"], check_sector(row, values["sector"]), values["type"], code)
    builder.nouns[normalise(values["noun"])] = noun


ADDERS = {
    "countries": add_country,
    "organisations": add_organisation,
    "organisations_dated": add_organisation,
    "nouns": add_noun,
}
