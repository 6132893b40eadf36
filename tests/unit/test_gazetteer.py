"""The one reading of GeoNames: typed city and country records, and the most populous namesake."""

from bot import gazetteer
from bot.gazetteer import City


def _city(name: str, population: int, code: str = "XX") -> City:
    return City(name=name, country_code=code, population=population, latitude=0.0, longitude=0.0,
                timezone="Etc/UTC", alternates=())


def test_most_populous_keeps_the_biggest_city_under_each_key():
    """Two towns named alike: the key means the bigger one; a town with its own name keeps it."""
    small, big, other = _city("Porto Vell", 20_000, "AA"), _city("Porto Vell", 900_000, "BB"), _city("Lindor", 50_000)
    best = gazetteer.most_populous([small, big, other], lambda c: [c.name.lower()])
    assert best == {"porto vell": big, "lindor": other}


def test_most_populous_keeps_the_first_city_read_on_a_tie():
    """Equal populations: the first one read stays, so a view does not depend on later duplicates."""
    first, second = _city("Marrow", 30_000, "AA"), _city("Marrow", 30_000, "BB")
    assert gazetteer.most_populous([first, second], lambda c: [c.name])["Marrow"] is first


def test_a_city_can_stand_under_several_keys_or_none():
    """A city's other spellings are keys too; a city with no key is left out."""
    big = _city("Vostra", 2_000_000)
    best = gazetteer.most_populous([big, _city("Nowhere", 10)],
                                   lambda c: ["vostra", "wostra"] if c.population > 100 else [])
    assert best == {"vostra": big, "wostra": big}


def test_cities_are_typed_records_of_the_geonames_list():
    """A known capital comes with its country code, zone, point and population."""
    paris = max((c for c in gazetteer.cities() if c.name == "Paris"), key=lambda c: c.population)
    assert (paris.country_code, paris.timezone) == ("FR", "Europe/Paris")
    assert paris.population > 1_000_000
    assert 48 < paris.latitude < 49
    assert 2 < paris.longitude < 3
    assert len(paris.alternates) > 10


def test_the_smaller_towns_list_holds_more_places_than_the_default_one():
    """The 5,000-people list, which the map draws, is a superset in size of the 15,000 one."""
    assert sum(1 for _ in gazetteer.cities(5000)) > sum(1 for _ in gazetteer.cities())


def test_countries_carry_their_code_and_capital():
    """Countries come with their ISO code and capital city; US states are place names too."""
    japan = next(c for c in gazetteer.countries() if c.code == "JP")
    assert (japan.name, japan.capital) == ("Japan", "Tokyo")
    assert "Texas" in gazetteer.us_state_names()
