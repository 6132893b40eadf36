"""Dates in news prose resolved against the published date (pure, no model)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from bot.clock import parse_published
from bot.extract.dates import resolve_date

# A Wednesday.
PUBLISHED = datetime(2021, 3, 10, 15, 30, tzinfo=UTC)


def test_bare_weekday_of_a_past_event_is_the_latest_such_day():
    """"on Monday" in a past-tense sentence is the latest Monday before publication."""
    assert resolve_date("They met on Monday.", PUBLISHED) == date(2021, 3, 8)


def test_bare_weekday_of_a_planned_event_is_the_next_such_day():
    """"on Friday" of a planned event is the first Friday after publication."""
    assert resolve_date("They will meet on Friday.", PUBLISHED, future=True) == date(2021, 3, 12)


def test_same_weekday_as_published_is_that_day():
    """A weekday that is the publication day's own weekday is the publication date."""
    assert resolve_date("talks on Wednesday", PUBLISHED) == date(2021, 3, 10)


def test_last_and_next_weekday_move_a_full_week_when_needed():
    """"last Wednesday" and "next Wednesday" said on a Wednesday are a week before and after."""
    assert resolve_date("last Wednesday", PUBLISHED) == date(2021, 3, 3)
    assert resolve_date("next Wednesday", PUBLISHED) == date(2021, 3, 17)


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("today", date(2021, 3, 10)),
        ("this afternoon", date(2021, 3, 10)),
        ("yesterday", date(2021, 3, 9)),
        ("tomorrow", date(2021, 3, 11)),
        ("last month", date(2021, 2, 1)),
        ("next month", date(2021, 4, 1)),
        ("last year", date(2020, 1, 1)),
        ("last week", date(2021, 3, 1)),
        ("three days ago", date(2021, 3, 7)),
    ],
)
def test_relative_expressions(phrase, expected):
    """Relative phrases (today, yesterday, last month, three days ago) count from publication."""
    assert resolve_date(f"The summit {phrase} was short.", PUBLISHED) == expected


def test_explicit_dates_with_and_without_year():
    """Full dates resolve as written; a yearless "June 5-6" is June 5 of the publication year."""
    assert resolve_date("on 5 November 2019", PUBLISHED) == date(2019, 11, 5)
    assert resolve_date("on November 5, 2019", PUBLISHED) == date(2019, 11, 5)
    assert resolve_date("a June 5-6 conference", PUBLISHED, future=True) == date(2021, 6, 5)


def test_a_yearless_past_date_after_publication_belongs_to_last_year():
    """A yearless past date later in the year than publication falls in the year before."""
    assert resolve_date("They met on December 20.", PUBLISHED) == date(2020, 12, 20)


def test_the_first_date_in_the_text_wins():
    """Of two dates in a text, the first one ("On Monday") is the date given."""
    assert resolve_date("On Monday, a week after talks on 1 March,", PUBLISHED) == date(2021, 3, 8)


def test_relative_dates_need_a_published_date_but_absolute_ones_do_not():
    """Without a publication date a weekday gives no date, while a full date still resolves."""
    assert resolve_date("on Saturday", None) is None
    assert resolve_date("on 2 May 2018", None) == date(2018, 5, 2)


def test_no_date_and_impossible_dates_give_none():
    """A text with no date, an empty text and an impossible date ("31 February") give None."""
    assert resolve_date("The ministers met.", PUBLISHED) is None
    assert resolve_date("", PUBLISHED) is None
    assert resolve_date("on 31 February", PUBLISHED) is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Tue, 14 Feb 2017 21:05:09 -0500", datetime(2017, 2, 15, 2, 5, 9, tzinfo=UTC)),
        ("2015-07-03 00:00:00", datetime(2015, 7, 3, tzinfo=UTC)),
        ("2018-01-01T01:14:43Z", datetime(2018, 1, 1, 1, 14, 43, tzinfo=UTC)),
    ],
)
def test_parse_published_reads_rss_and_iso_dates_as_utc(value, expected):
    """RFC 822 dates with an offset and ISO dates parse to aware datetimes in UTC."""
    assert parse_published(value) == expected


@pytest.mark.parametrize("value", [None, "", "not a date", "32/13/2020"])
def test_parse_published_gives_none_for_missing_or_unreadable(value):
    """None, an empty string and unreadable or impossible dates parse to None, never raise."""
    assert parse_published(value) is None


@pytest.mark.parametrize("phrase", ["this year", "this month", "this week"])
def test_the_current_period_names_no_day(phrase):
    """"this year" is not dated to its first day: that would make a current event old."""
    assert resolve_date(f"his third visit to the region {phrase}", PUBLISHED) is None
    # a day stated beside it still counts
    assert resolve_date(f"on Monday, his third visit {phrase}", PUBLISHED) == date(2021, 3, 8)
