""""In the Norwegian capital" with no name of its own is the country's capital city, when the text
names that city too (rule national_capital_city). Invented people and scenes; real countries, as the
rule needs the gazetteer's capital."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow

_OFF = frozenset({"national_capital_city"})


@pytest.mark.parametrize(("text", "parties", "city"), [
    ("OSLO, March 3 (AFP)\nTrade Minister Ivo Marek held talks in the Norwegian capital on Monday "
     "with his counterpart Lin Dao.",
     {"Ivo Marek", "Lin Dao"}, "Oslo"),
    ("BERGEN, March 3 (AFP)\nEnvoy Ana Tosk, who flew in from Oslo, met Karl Voss in the Norwegian "
     "capital on Monday, before she left for the coast.",
     {"Ana Tosk", "Karl Voss"}, "Oslo"),
])
def test_the_national_capital_is_the_city(places, text, parties, city) -> None:
    """The capital a nationality word marks is placed at the city; with the rule off, as worded."""
    assert places(text)[frozenset(parties)] == city
    assert places(text, off=_OFF)[frozenset(parties)] == "the Norwegian capital"


def test_a_capital_the_text_never_names_stays_as_worded(places) -> None:
    """No sentence and no dateline names the capital: the words are kept, as the capital may have moved."""
    text = "BERGEN, March 3 (AFP)\nTrade Minister Ivo Marek held talks in the Norwegian capital on Monday with Lin Dao."
    assert places(text)[frozenset({"Ivo Marek", "Lin Dao"})] == "the Norwegian capital"
