"""A place a named place owns ("northern Norway's Finnmark County") is the place told, not its owner."""

from __future__ import annotations

import pytest

_OFF = frozenset({"location_possessed_place"})


@pytest.mark.slow
def test_a_province_a_country_owns_is_the_place_visited(places):
    """"visited northern Norway's Finnmark County": the county, not the country."""
    text = "Trade Minister Ilse Varnik on Tuesday visited northern Norway's Finnmark County."
    assert places(text) == {frozenset({"Ilse Varnik"}): "Finnmark County"}
    assert places(text, off=_OFF) == {frozenset({"Ilse Varnik"}): "Norway"}


@pytest.mark.slow
def test_a_region_owned_by_a_country_places_a_visit(places):
    """"during a visit to Chile's Maule region": the region with its name, not nothing."""
    text = "Envoy Karl Voss told reporters during a visit to Chile's Maule region that talks would resume."
    assert places(text) == {frozenset({"Karl Voss"}): "Maule region"}
    assert places(text, off=_OFF) == {frozenset({"Karl Voss"}): None}


@pytest.mark.slow
def test_a_meeting_in_an_owned_province_leaves_the_owner_and_its_compass_word(places):
    """"in southern Sweden's Skane province": the province without "southern Sweden's"."""
    text = "Foreign Minister Ana Tosk met Erik Dahl in southern Sweden's Skane province on Monday."
    assert places(text) == {frozenset({"Ana Tosk", "Erik Dahl"}): "Skane province"}
    assert places(text, off=_OFF)[frozenset({"Ana Tosk", "Erik Dahl"})] is None
