"""Dateline places and "here": where an agency story was filed and what its "here" means."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.extract.entities import build_people_index
from bot.extract.location import dateline_place
from bot.extract.meetings import extract_meetings
from bot.extract.nlp import get_nlp


@pytest.mark.parametrize(("text", "place"), [
    ("OSLO, March 3 , 2021 (AFP)\nThe minister spoke.", "Oslo"),
    ("SAN JOSE, Costa Rica, Nov. 4 , 2020 (Xinhua)\nText.", "San Jose"),
    ("\n  LIMA (Reuters) - The talks began.", "Lima"),
    ("PORT-AU-PRINCE, Dec 5 , 2019\nText.", "Port-Au-Prince"),
])
def test_dateline_city_is_read_from_the_first_line(text, place):
    # Checks the all-caps city before the date or the agency is the dateline place.
    assert dateline_place(text) == place


@pytest.mark.parametrize("text", [
    "",
    "Monday, April 5, the ministers met.",
    "The president met the press (briefly) on Monday.",
    "OSLO\nno date or agency follows the city",
])
def test_text_without_a_dateline_gives_none(text):
    # Checks ordinary first lines, capitalised words and a bare city line are no dateline.
    assert dateline_place(text) is None


@pytest.mark.slow
def test_here_and_visits_to_the_dateline_city_take_its_name():
    # Checks "arrived here" is a visit to the dateline city and "talks here" are held there; a
    # later meeting with no stated place is left unplaced.
    text = (
        "VALLETTA, May 4 , 2021 (AFP)\n"
        "Foreign Minister Ines Halvorsen arrived here on Tuesday.\n"
        "She held talks here with Prime Minister Carl Brandt on Wednesday.\n"
        "Halvorsen also met opposition leader Mark Zerafa on Thursday."
    )
    nlp = get_nlp()
    doc = nlp(text)
    found = extract_meetings(doc, build_people_index(doc), datetime(2021, 5, 7, tzinfo=UTC))
    got = {frozenset(m.participants): m.location for m in found}
    assert got == {
        frozenset({"Ines Halvorsen"}): "Valletta",
        frozenset({"Ines Halvorsen", "Carl Brandt"}): "Valletta",
        frozenset({"Ines Halvorsen", "Mark Zerafa"}): None,
    }


