"""When a chat's digest is due: its own time zone, several times a day, quiet hours, DST."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.briefings.digest import ScheduleError, in_quiet_hours, next_digest_at, parse_hhmm


def test_next_time_today_in_local_zone() -> None:
    """08:00 in Tokyo is 23:00 UTC the day before."""
    after = datetime(2018, 10, 6, 12, 0, tzinfo=UTC)
    assert next_digest_at(["08:00"], "Asia/Tokyo", after) == datetime(2018, 10, 6, 23, 0, tzinfo=UTC)


def test_picks_the_next_of_several_times_and_rolls_over_to_tomorrow() -> None:
    """With 08:00 and 18:00 in Berlin, 17:30 local gives 18:00; 19:00 local gives 08:00 next day."""
    assert next_digest_at(["18:00", "08:00"], "Europe/Berlin", datetime(2018, 10, 6, 15, 30, tzinfo=UTC)) == datetime(2018, 10, 6, 16, 0, tzinfo=UTC)
    assert next_digest_at(["18:00", "08:00"], "Europe/Berlin", datetime(2018, 10, 6, 17, 0, tzinfo=UTC)) == datetime(2018, 10, 7, 6, 0, tzinfo=UTC)


def test_strictly_after() -> None:
    """A digest due exactly now is not due again: the next one is tomorrow."""
    now = datetime(2018, 10, 6, 8, 0, tzinfo=UTC)
    assert next_digest_at(["08:00"], "UTC", now) == datetime(2018, 10, 7, 8, 0, tzinfo=UTC)


def test_dst_change_keeps_wall_clock_time() -> None:
    """Across the end of summer time in Berlin the digest stays at 08:00 local (07:00 UTC after)."""
    assert next_digest_at(["08:00"], "Europe/Berlin", datetime(2018, 10, 28, 0, 0, tzinfo=UTC)) == datetime(2018, 10, 28, 7, 0, tzinfo=UTC)


def test_quiet_hours_skip_times_and_wrap_midnight() -> None:
    """A 23:00 digest inside quiet hours 22:00-07:00 is skipped; the 08:00 one is kept."""
    assert in_quiet_hours(parse_hhmm("23:00"), ("22:00", "07:00"))
    assert not in_quiet_hours(parse_hhmm("08:00"), ("22:00", "07:00"))
    after = datetime(2018, 10, 6, 12, 0, tzinfo=UTC)
    assert next_digest_at(["23:00", "08:00"], "UTC", after, ("22:00", "07:00")) == datetime(2018, 10, 7, 8, 0, tzinfo=UTC)
    assert next_digest_at(["23:00"], "UTC", after, ("22:00", "07:00")) is None


def test_bad_input_is_a_clear_error() -> None:
    """Typos in times or zones raise ScheduleError with the offending text; naive datetimes are refused."""
    with pytest.raises(ScheduleError, match="25:00"):
        next_digest_at(["25:00"], "UTC", datetime(2018, 1, 1, tzinfo=UTC))
    with pytest.raises(ScheduleError, match="Mars/Olympus"):
        next_digest_at(["08:00"], "Mars/Olympus", datetime(2018, 1, 1, tzinfo=UTC))
    with pytest.raises(ValueError, match="timezone-aware"):
        next_digest_at(["08:00"], "UTC", datetime(2018, 1, 1))  # noqa: DTZ001


def test_quiet_hours_end_for_held_briefings() -> None:
    """A briefing at 23:30 in Berlin with quiet hours 22:00-07:00 waits until 07:00 local; outside quiet hours it does not wait."""
    from bot.briefings.digest import quiet_hours_end

    night = datetime(2018, 10, 6, 21, 30, tzinfo=UTC)  # 23:30 in Berlin (summer time)
    assert quiet_hours_end(("22:00", "07:00"), "Europe/Berlin", night) == datetime(2018, 10, 7, 5, 0, tzinfo=UTC)
    early = datetime(2018, 10, 7, 3, 0, tzinfo=UTC)  # 05:00 in Berlin, same quiet spell
    assert quiet_hours_end(("22:00", "07:00"), "Europe/Berlin", early) == datetime(2018, 10, 7, 5, 0, tzinfo=UTC)
    assert quiet_hours_end(("22:00", "07:00"), "Europe/Berlin", datetime(2018, 10, 7, 10, 0, tzinfo=UTC)) is None
    assert quiet_hours_end(None, "UTC", night) is None
    assert quiet_hours_end(("22:00", "07:00"), "Not/AZone", night) is None  # broken settings never hold forever
