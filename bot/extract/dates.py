"""Dates as news prose states them ("on Saturday", "last month", "April 5-6"), resolved to days.

Pure: the article's published date is passed in. Coarse expressions resolve to the first day of
the period they name ("last month" → the first of last month); "this week/month/year" names no day.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime, timedelta

from bot.extract.meeting_rules import rule_on

WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9

_MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))
_DAY_MONTH = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({_MONTH_RE})\.?(?:,?\s+(\d{{4}}))?\b", re.I)
_MONTH_DAY = re.compile(rf"\b({_MONTH_RE})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(\d{{4}}))?", re.I)
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_WEEKDAY = re.compile(r"\b(?:(last|next|this|on)\s+)?(" + "|".join(WEEKDAYS) + r")\b", re.I)
_RELATIVE = re.compile(
    r"\b(today|tonight|this (?:morning|afternoon|evening)|yesterday|tomorrow|"
    r"(?:last|next|this) (?:week|month|year)|(\d+|a|two|three|four|five|six) (days?|weeks?|months?|years?) ago)\b",
    re.I,
)
_MONTH_ONLY = re.compile(rf"\b(?:in|since|by|until|during|early|late|mid-?)\s+({_MONTH_RE})\b(?:,?\s+(\d{{4}}))?", re.I)
# "mid-July", "early-May": the part of the month joined by a hyphen, as agency copy writes it
_MONTH_PART_HYPHEN = re.compile(rf"\b(?:early|late|mid)-({_MONTH_RE})\b(?:,?\s+(\d{{4}}))?", re.I)
_SMALL_NUMBERS = {"a": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}


def _shift_month(day: date, months: int) -> date:
    index = day.year * 12 + (day.month - 1) + months
    return date(index // 12, index % 12 + 1, 1)


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def resolve_date(text: str, published: datetime | date | None, *, future: bool = False) -> date | None:
    """The first date `text` states, resolved against `published`; None when none or unresolvable.

    `future` says the event is planned: a bare weekday then means the next one, not the last one.
    """
    if not text:
        return None
    base: date | None
    if isinstance(published, datetime):
        base = published.date()
    else:
        base = published
    found: list[tuple[int, date]] = []

    for m in _ISO.finditer(text):
        d = _safe_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if d:
            found.append((m.start(), d))
    for m in _DAY_MONTH.finditer(text):
        d = _absolute(m.group(3), MONTHS[m.group(2).lower()], int(m.group(1)), base, future)
        if d:
            found.append((m.start(), d))
    for m in _MONTH_DAY.finditer(text):
        d = _absolute(m.group(3), MONTHS[m.group(1).lower()], int(m.group(2)), base, future)
        if d:
            found.append((m.start(), d))
    if base is not None:
        for m in _WEEKDAY.finditer(text):
            found.append((m.start(), _weekday(base, WEEKDAYS[m.group(2).lower()], m.group(1), future)))
        for m in _RELATIVE.finditer(text):
            d = _relative(m.group(0).lower(), base)
            if d:
                found.append((m.start(), d))
    for m in _month_only_matches(text):
        year = int(m.group(2)) if m.group(2) else None
        month = MONTHS[m.group(1).lower()]
        if year is None:
            if base is None:
                continue
            year = base.year
            if future and month < base.month:
                year += 1
            elif not future and month > base.month:
                year -= 1
        found.append((m.start(), date(year, month, 1)))
    if not found:
        return None
    return min(found, key=lambda pair: pair[0])[1]


def _month_only_matches(text: str) -> list[re.Match[str]]:
    """Months named without a day: "in July", "since May 2004", "early June", and when the rule is on
    the hyphenated part of a month ("mid-July"), which the spaced pattern cannot see.
    """
    found = list(_MONTH_ONLY.finditer(text))
    if rule_on("date_month_part_hyphen"):
        found += _MONTH_PART_HYPHEN.finditer(text)
    return found


def _absolute(year_text: str | None, month: int, day: int, base: date | None, future: bool) -> date | None:
    if year_text:
        return _safe_date(int(year_text), month, day)
    if base is None:
        return None
    d = _safe_date(base.year, month, day)
    if d is None:
        return None
    # A date without a year is the nearest one in the direction the event lies.
    if future and d < base - timedelta(days=7):
        return _safe_date(base.year + 1, month, day)
    if not future and d > base + timedelta(days=7):
        return _safe_date(base.year - 1, month, day)
    return d


def _weekday(base: date, weekday: int, qualifier: str | None, future: bool) -> date:
    q = (qualifier or "").lower()
    if q == "next" or (future and q != "last"):
        delta = (weekday - base.weekday()) % 7
        if q == "next" and delta == 0:
            delta = 7
        return base + timedelta(days=delta)
    delta = (base.weekday() - weekday) % 7
    if q == "last" and delta == 0:
        delta = 7
    return base - timedelta(days=delta)


def _relative(phrase: str, base: date) -> date | None:
    if phrase in ("today", "tonight") or phrase.startswith("this ") and phrase.split()[1] in (
        "morning", "afternoon", "evening"
    ):
        return base
    if phrase == "yesterday":
        return base - timedelta(days=1)
    if phrase == "tomorrow":
        return base + timedelta(days=1)
    words = phrase.split()
    if words[0] == "this":
        # "this year", "this week": the period the news itself is in, no day of it; its first
        # day would date a current event months back ("his fourth visit this year")
        return None
    if words[0] in ("last", "next"):
        step = {"last": -1, "next": 1}[words[0]]
        if words[1] == "week":
            monday = base - timedelta(days=base.weekday())
            return monday + timedelta(weeks=step)
        if words[1] == "month":
            return _shift_month(base, step)
        return date(base.year + step, 1, 1)
    if words[-1] == "ago":
        n = int(words[0]) if words[0].isdigit() else _SMALL_NUMBERS.get(words[0], 1)
        unit = words[1].rstrip("s")
        if unit == "day":
            return base - timedelta(days=n)
        if unit == "week":
            return base - timedelta(weeks=n)
        if unit == "month":
            return _shift_month(base, -n)
        return _safe_date(base.year - n, 1, 1)
    return None

