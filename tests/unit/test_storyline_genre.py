"""Round-ups and market reports are recognised from headline patterns and never matched."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.models import Actor, Storyline
from bot.storylines.genre import genre_reason, is_market_report, is_roundup
from bot.storylines.matcher import Matcher
from bot.storylines.places import is_country


@pytest.mark.parametrize(
    "title",
    [
        "Floods, Budget Vote, Chess Final: Your Wednesday Briefing",
        "Harbour strike, new mayor, tennis: the morning newsletter",
        "Your Weekend Briefing",
    ],
)
def test_newsletter_titles_are_roundups(title: str) -> None:
    """Lists of topics with a newsletter label are round-ups."""
    assert is_roundup(title, "")


def test_roundup_recognised_by_its_standard_opening() -> None:
    """A text opening with "Here's what you need to know" is a round-up whatever the title."""
    assert is_roundup("Good morning", "Here\u2019s what you need to know.")


@pytest.mark.parametrize(
    "title",
    [
        "Berg briefing on water treaty talks",
        "Berg, Vale and Lund: three ministers who shaped the treaty",
        "Northland signs treaty",
    ],
)
def test_ordinary_headlines_are_not_roundups(title: str) -> None:
    """A headline that merely contains "briefing" or a list of names is not a round-up."""
    assert not is_roundup(title, "The minister spoke on Monday.")


@pytest.mark.parametrize(
    "title",
    [
        "Northland shares slip as exporters weigh on index",
        "Oil climbs as traders eye supply risks",
        "Asian stocks edge higher on treaty hopes",
        "Markets: Gold hits record as border tension lingers",
    ],
)
def test_price_move_headlines_are_market_reports(title: str) -> None:
    """A market noun followed by a price move opens the headline: a market report."""
    assert is_market_report(title)


@pytest.mark.parametrize(
    "title",
    [
        "Oil tanker seized near Lakeside as tensions rise",
        "Berg says markets will rise after treaty",
        "Gold medal for Northland rowers",
    ],
)
def test_other_headlines_are_not_market_reports(title: str) -> None:
    """Compounds ("oil tanker"), someone's claim about markets and other senses are not reports."""
    assert not is_market_report(title)


def test_matcher_returns_nothing_for_roundups_and_market_reports() -> None:
    """Even with the storyline's terms in the headline, such items carry no storyline."""
    story = Storyline(
        slug="lakeside",
        title="Lakeside talks",
        actors=(Actor("Anna Berg", ("Berg",)),),
        places=("Lakeside",),
        keywords=("water treaty",),
    )
    m = Matcher([story])
    when = datetime(2021, 3, 20, tzinfo=UTC)
    assert m.match("ok", "Berg signs water treaty in Lakeside", "", when)
    assert m.match("r", "Lakeside, Berg, Snow: Your Monday Briefing", "water treaty", when) == []
    assert m.match("s", "Lakeside shares jump as Berg signs water treaty", "", when) == []
    assert genre_reason("Lakeside shares jump", "") == "market report"


def test_countries_are_recognised_as_broad_places() -> None:
    """Country names and their common short forms are broad places; cities and sites are not."""
    for name in ("Iran", "North Korea", "United States", "U.S.", "Britain"):
        assert is_country(name), name
    for name in ("Tehran", "Panmunjom", "Green Zone", "Lakeside"):
        assert not is_country(name), name


def test_a_city_counts_for_more_than_a_country() -> None:
    """The same item scores higher when it names the storyline's city than its country."""
    story = Storyline(
        slug="s",
        title="S",
        actors=(Actor("Anna Berg"),),
        places=("Iran", "Tehran"),
    )
    m = Matcher([story], min_score=0.0)
    [country] = m.match("c", "Anna Berg in Iran", "", None)
    [city] = m.match("t", "Anna Berg in Tehran", "", None)
    assert city.score > country.score
