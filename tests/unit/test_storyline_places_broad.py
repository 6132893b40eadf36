"""Broad "where" terms: agencies' initials and former country names, and world regions, are
countries (or wider), never a site that could anchor a story on its own."""

from __future__ import annotations

import pytest

from bot.storylines.places import is_country, is_site, place_country


@pytest.mark.parametrize(
    ("place", "code"),
    [("DPRK", "KP"), ("Zaire", "CD"), ("Viet Nam", "VN"), ("Africa", "region:africa")],
)
def test_initials_former_names_and_regions_are_broad(place: str, code: str) -> None:
    """Each maps to its country (or region) and is not a site."""
    assert is_country(place)
    assert not is_site(place)
    assert place_country(place) == code


def test_a_real_site_stays_a_site() -> None:
    """A named zone that is no country or city remains a site."""
    assert is_site("Harbour Gate")
