"""When a chat's next digest is due, in its own time zone, outside its quiet hours (pure)."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


class ScheduleError(ValueError):
    """A digest time or time zone a person typed that we cannot use."""


def parse_hhmm(text: str) -> time:
    """A local time typed as "HH:MM"; ScheduleError when it is not one."""
    try:
        hours, minutes = text.strip().split(":")
        return time(int(hours), int(minutes))
    except ValueError:
        raise ScheduleError(f"{text!r} is not a time of day like 08:00") from None


def zone(name: str) -> ZoneInfo:
    """The IANA time zone of that name; ScheduleError when there is none."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: a folder such as "Europe"
        raise ScheduleError(f"{name!r} is not a time zone (try Europe/Berlin or Asia/Tokyo)") from None


def in_quiet_hours(local: time, quiet: tuple[str, str] | None) -> bool:
    """Quiet hours may wrap midnight: ('22:00', '07:00')."""
    if not quiet:
        return False
    start, end = parse_hhmm(quiet[0]), parse_hhmm(quiet[1])
    if start <= end:
        return start <= local < end
    return local >= start or local < end


def next_digest_at(
    times: list[str] | tuple[str, ...],
    tz: str,
    after: datetime,
    quiet: tuple[str, str] | None = None,
) -> datetime | None:
    """The first digest time strictly after `after` (UTC), skipping quiet hours; None if none."""
    if after.tzinfo is None:
        raise ValueError("after must be timezone-aware")
    zinfo = zone(tz)
    slots = sorted({parse_hhmm(t) for t in times})
    slots = [s for s in slots if not in_quiet_hours(s, quiet)]
    if not slots:
        return None
    local_after = after.astimezone(zinfo)
    for day in range(0, 3):
        d = local_after.date() + timedelta(days=day)
        for slot in slots:
            # Build the wall-clock time in the zone; fold=0 picks the first of a repeated hour.
            candidate = datetime.combine(d, slot, tzinfo=zinfo)
            if candidate.astimezone(UTC) > after.astimezone(UTC):
                return candidate.astimezone(UTC)
    return None  # unreachable with at least one slot; kept for the type checker


def quiet_hours_end(
    quiet: tuple[str, str] | None, tz: str, now: datetime
) -> datetime | None:
    """When the quiet hours that `now` falls in end (UTC), or None when `now` is not quiet."""
    if not quiet:
        return None
    try:
        zinfo = zone(tz)
        end = parse_hhmm(quiet[1])
        local = now.astimezone(zinfo)
        if not in_quiet_hours(local.time(), quiet):
            return None
    except ScheduleError:
        return None  # a broken setting must not hold briefings back forever
    candidate = datetime.combine(local.date(), end, tzinfo=zinfo)
    if candidate <= local:
        candidate = datetime.combine(local.date() + timedelta(days=1), end, tzinfo=zinfo)
    return candidate.astimezone(UTC)
