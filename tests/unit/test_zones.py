"""Time zone names as typed: real keys only, found by case or city, with close suggestions."""

from __future__ import annotations

import pytest

from bot.briefings.digest import ScheduleError, zone
from bot.briefings.zones import resolve_zone, suggest_zones, zone_keys


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("Europe/Berlin", "Europe/Berlin"),
        ("europe/berlin", "Europe/Berlin"),  # any capitalisation
        ("berlin", "Europe/Berlin"),  # the city alone
        ("New York", "America/New_York"),  # spaces for underscores
        (" utc ", "UTC"),
        ("Cordoba", "America/Argentina/Cordoba"),  # of two links, the current, specific name
        ("São Paulo", "America/Sao_Paulo"),  # accents as people write them
        ("BERLIN", "Europe/Berlin"),
        ("washington", "America/New_York"),  # not in any key: the most populous namesake's zone
        ("Geneva", "Europe/Zurich"),
        ("new delhi", "Asia/Kolkata"),
    ],
)
def test_typed_names_resolve_to_real_keys(typed, key):
    """Each way of writing a zone gives the one key the zone database holds."""
    answer = resolve_zone(typed)
    assert answer.key == key
    assert key in zone_keys()


@pytest.mark.parametrize("typed", ["Europe", "america/argentina"])
def test_an_area_folder_is_refused_with_zones_in_it(typed):
    """A zoneinfo folder is not a zone: refused, marked as an area, zones inside suggested."""
    answer = resolve_zone(typed)
    assert answer.key is None
    assert answer.is_area
    prefix = typed.casefold() + "/"
    assert answer.suggestions
    assert all(s.casefold().startswith(prefix) for s in answer.suggestions)


@pytest.mark.parametrize("typed", ["../../etc/passwd", "/etc/localtime", "localtime", "Mars/Olympus_Mons", ""])
def test_junk_and_paths_are_refused(typed):
    """Paths, system files and invented names never become a zone."""
    answer = resolve_zone(typed)
    assert answer.key is None
    assert not answer.is_area


def test_typos_get_close_suggestions():
    """A misspelt city or key suggests the zone meant."""
    assert resolve_zone("Tokio").suggestions[0] == "Asia/Tokyo"
    assert "Europe/Berlin" in resolve_zone("Europe/Berlinn").suggestions
    assert suggest_zones("qqqqzzzz", zone_keys()) == ()


def test_resolution_works_over_any_given_key_list():
    """The key list is an argument: the rules do not depend on the machine's zone files."""
    keys = {"Europe/Paris", "Asia/Tokyo", "Antarctica/Troll"}
    assert resolve_zone("paris", keys).key == "Europe/Paris"
    assert resolve_zone("Europe/Berlin", keys).key is None


def test_gazetteer_cities_only_give_zones_of_the_key_list():
    """A gazetteer city maps to its zone only when that zone is a known key; invented names stay unknown."""
    cities = {"springfield": "America/Chicago", "atlantis": "Ocean/Atlantis"}
    keys = {"America/Chicago", "Europe/Paris"}
    assert resolve_zone("Springfield", keys, cities).key == "America/Chicago"
    assert resolve_zone("atlantis", keys, cities).key is None
    assert resolve_zone("paris", keys, cities).key == "Europe/Paris"  # a key's own city comes first


def test_zone_refuses_a_folder_with_a_schedule_error():
    """zone() on a folder name raises the clear ScheduleError, never IsADirectoryError."""
    with pytest.raises(ScheduleError):
        zone("Europe")
