"""A meeting dated two days or more before publication, told after the lead, is background to
the day's news; the dateline still places it as it places the news. Invented sentences."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.extract.entities import build_people_index
from bot.extract.meetings import extract_meetings
from bot.extract.nlp import get_nlp

pytestmark = pytest.mark.slow

PUBLISHED = datetime(2021, 3, 10, 12, tzinfo=UTC)  # a Wednesday
OFF = frozenset({"past_meeting_days_before"})
LEAD = "The Nordic ministers agreed on Wednesday to cut fishing quotas by a tenth next year.\n"


def _meeting(text: str, off: frozenset[str] = frozenset(), lead: str = LEAD) -> tuple[str, str | None] | None:
    doc = get_nlp()("OSLO, March 10 (AFP)\n" + lead + text)
    found = extract_meetings(doc, build_people_index(doc), PUBLISHED, off=off)
    return next(((m.status, m.location) for m in found if m.type == "meeting"), None)


def test_a_meeting_on_saturday_in_a_wednesday_story_is_background():
    """"met X on Saturday", told on Wednesday: an earlier session cited for the news."""
    text = "German Foreign Minister Karl Brenner met Marten Ruud on Saturday."
    assert _meeting(text) == ("reported-past", None)
    assert _meeting(text, OFF) == ("happened", None)


def test_a_meeting_the_day_before_is_news():
    """"met X on Tuesday", told on Wednesday: the news of the day before."""
    assert _meeting("German Foreign Minister Karl Brenner met Marten Ruud on Tuesday.") == ("happened", None)


def test_a_background_meeting_of_the_week_keeps_the_dateline_place():
    """"X, who is here for talks, met Y on Saturday": background, and still here."""
    text = "German Foreign Minister Karl Brenner, who is here for talks, met Marten Ruud on Saturday."
    assert _meeting(text) == ("reported-past", "Oslo")


def test_a_weekday_ahead_stays_planned():
    """"will meet X on Saturday": a plan, not background."""
    assert _meeting("German Foreign Minister Karl Brenner will meet Marten Ruud on Saturday.") == ("planned", None)


def test_a_meeting_days_back_told_in_the_lead_is_the_news():
    """The lead tells the news, however many days back it dates it (a weekly round-up)."""
    text = "German Foreign Minister Karl Brenner met Marten Ruud on Saturday."
    assert _meeting(text, lead="") == ("happened", None)


def test_the_lead_dates_the_news():
    """A lead dated Monday makes Tuesday's talks in a Friday story news of the same days, not background."""
    doc = get_nlp()(
        "BERGEN, May 7 , 2021 (AFP)\n"
        "Trade Minister Ilse Vormann began a three-day visit to Norway on Monday.\n"
        "Vormann held talks with Fisheries Minister Arne Tolle on Tuesday."
    )
    found = extract_meetings(doc, build_people_index(doc), datetime(2021, 5, 7, tzinfo=UTC))
    assert [m.status for m in found if m.type == "talks"] == ["happened"]
