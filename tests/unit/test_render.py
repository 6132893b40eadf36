"""Rendering: golden files for briefings, digests and timelines; escaping; only Telegram's tags.

Regenerate the golden files deliberately with UPDATE_GOLDEN=1 and review the diff.
"""

from __future__ import annotations

import os
import re
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from bot.briefings.render import render_briefing, render_digest, render_person, render_timeline
from bot.briefings.views import (
    BriefingView,
    DigestSection,
    DigestView,
    PersonView,
    TimelineEntry,
    TimelineView,
)
from bot.events import cut, merge_events, newest_first
from bot.models import (
    Article,
    Event,
    Evidence,
    Extraction,
    Match,
    Meeting,
    Quote,
    SourceRef,
    Trip,
    TripStop,
)

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "render"
ALLOWED = {"b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "a", "code", "pre", "blockquote", "tg-spoiler"}
T0 = datetime(2018, 10, 6, 9, 30, tzinfo=UTC)


def _article(title: str = "Pompeo lands in Tokyo <b>before</b> Pyongyang & Seoul") -> Article:
    return Article(
        id="a1", feed_url="file:seed.xml", guid="g1", url="https://news.example/pompeo?id=1&x=2",
        title=title, text="body", published=T0, published_missing=False, content_hash="h",
        fetched_at=T0, source_name="Example <News>",
    )


def _match() -> Match:
    return Match("a1", "pompeo-asia-trip-2018", 4.5, (
        Evidence("actor", "Mike Pompeo", "Pompeo", "title", 0),
        Evidence("place", "Tokyo", "Tokyo", "title", 16),
        Evidence("keyword", "denuclearization", "denuclearization", "body", 300),
    ))


def _extraction() -> Extraction:
    return Extraction(
        "a1",
        meetings=(
            Meeting(("Mike Pompeo",), "Tokyo", "happened", "visit", date(2018, 10, 6)),
            Meeting(("Mike Pompeo", "Shinzo Abe"), "Tokyo", "planned", "meeting"),
            Meeting(("Mike Pompeo", "Kim Jong Un"), "Pyongyang", "planned", "meeting", date(2018, 10, 7)),
            Meeting(("Moon Jae-in", "Kim Jong Un"), "Pyongyang", "reported-past", "summit", date(2018, 9, 18)),
        ),
        trips=(Trip("Mike Pompeo", (TripStop("Tokyo", "happened"), TripStop("Pyongyang", "planned"), TripStop("Seoul", "planned"))),),
        quotes=(
            Quote("Mike Pompeo", "I am optimistic <that> we will make progress", "direct", "told", "reporters"),
            Quote("Kang Kyung-wha", "Seoul favours a different approach", "indirect", "told", "a newspaper"),
            Quote(None, "unattributed words", "direct"),
        ),
    )


def _briefing() -> BriefingView:
    return BriefingView("Pompeo's Asia trip, October 2018", "pompeo-asia-trip-2018", _article(), _match(), _extraction())


def _digest() -> DigestView:
    s = [SourceRef(f"Story {n}", f"https://{n}.example/a", n, datetime(2018, 10, 7, h, tzinfo=UTC)) for h, n in enumerate(["wire", "daily", "herald"])]
    plan = SourceRef("Plan", "https://wire.example/plan", "wire", datetime(2018, 10, 3, tzinfo=UTC))
    said = Quote("Mike Pompeo", "We had a <productive> conversation and made real progress today", "direct", "told", "reporters")
    events = merge_events(
        [
            (Meeting(("Pompeo", "Kim"), None, "planned"), plan),
            (Meeting(("Pompeo", "Kim"), "Pyongyang", "happened"), s[0]),
            (Meeting(("Mike Pompeo", "Kim Jong Un"), None, "happened"), s[1]),
            (Meeting(("Pompeo", "Kim Jong Un"), "Pyongyang", "happened"), s[2]),
            (Meeting(("Mike Pompeo", "Moon Jae-in"), "Seoul", "planned"), s[2]),
            (Meeting(("Moon Jae-in", "Kim Jong Un"), "Pyongyang", "reported-past", "summit", date(2018, 9, 18)), s[1]),
            (Meeting(("Mike Pompeo", "Taro Kono"), "Tokyo", "happened", date=date(2018, 10, 6)), s[0]),
            (Meeting(("Donald Trump", "Kim Jong Un"), "Singapore", "reported-past", "summit", date(2018, 6, 12)), s[2]),
        ],
        {s[1]: [said]},
    )
    kept, left_out = cut(newest_first(events), 4)
    section = DigestSection("Pompeo's Asia trip, October 2018", "pompeo-asia-trip-2018", kept, ((_article(), _match()),), left_out)
    return DigestView((section,), datetime(2018, 10, 6, 8, tzinfo=UTC), datetime(2018, 10, 8, 8, tzinfo=UTC))


def _timeline() -> TimelineView:
    src = SourceRef("t", "https://wire.example/a", "wire", T0)
    plan = SourceRef("p", "https://daily.example/p", "daily", datetime(2018, 10, 2, tzinfo=UTC))
    visit = merge_events([
        (Meeting(("Mike Pompeo",), "Tokyo", "planned", "visit"), plan),
        (Meeting(("Mike Pompeo",), "Tokyo", "happened", "visit", date(2018, 10, 6)), src),
    ])[0]
    return TimelineView("Pompeo's Asia trip", "p", (
        TimelineEntry(date(2018, 9, 18), "meeting", "Moon Jae-in held a summit with Kim Jong Un in Pyongyang", "reported-past", (src,),
                      Event(Meeting(("Moon Jae-in", "Kim Jong Un"), "Pyongyang", "reported-past", "summit"), (src,), background=True)),
        TimelineEntry(date(2018, 10, 6), "stop", "Mike Pompeo visited Tokyo", "happened", visit.sources, visit),
        TimelineEntry(date(2018, 10, 7), "meeting", "Mike Pompeo is due to meet Kim Jong Un in Pyongyang", "planned", (src,)),
    ))


CASES = {
    "briefing": lambda fmt: render_briefing(_briefing(), fmt),
    "digest": lambda fmt: render_digest(_digest(), fmt),
    "timeline": lambda fmt: render_timeline(_timeline(), fmt),
    "person": lambda fmt: render_person(PersonView("Mike Pompeo", (("Pompeo trip", _digest().sections[0].events[0]),), ((_extraction().quotes[0], _digest().sections[0].events[0].sources[0]),)), fmt),
}


@pytest.mark.parametrize("fmt", ["html", "txt"])
@pytest.mark.parametrize("name", sorted(CASES))
def test_golden(name: str, fmt: str) -> None:
    """Each template renders exactly its golden file."""
    out = CASES[name](fmt)
    path = GOLDEN / f"{name}.{fmt}"
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(out, encoding="utf-8")
    assert out == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(CASES))
def test_html_uses_only_telegram_tags_and_escapes_text(name: str) -> None:
    """HTML output uses only the tags Telegram allows, and no raw '<' from the data survives."""
    out = CASES[name]("html")
    tags = {t.lower() for t in re.findall(r"</?([a-zA-Z][\w-]*)", out)}
    assert tags <= ALLOWED
    assert "<that>" not in out
    assert "<News>" not in out


def test_briefing_keeps_planned_and_happened_apart_and_explains() -> None:
    """The briefing lists happened and planned meetings under separate headings and says why it matched."""
    out = render_briefing(_briefing(), "txt")
    happened, planned = out.index("Happened:"), out.index("Planned:")
    assert happened < out.index("visited Tokyo") < planned < out.index("is due to meet Kim Jong Un in Pyongyang")
    assert out.index("Background:") < out.index("Moon Jae-in held a summit with Kim Jong Un")
    assert "Why it matched: title: Mike Pompeo, Tokyo · body: denuclearization" in out
    assert "unattributed words" not in out  # quotes without a speaker are left out


def test_digest_lists_one_event_with_all_sources() -> None:
    """Three outlets' reports of one meeting appear as one digest entry naming three sources."""
    out = render_digest(_digest(), "txt")
    assert out.count("met Kim Jong Un") == 1
    assert "sources (3): wire, daily, herald" in out


def test_unknown_format_is_an_error() -> None:
    """Asking for a format that has no template fails clearly."""
    with pytest.raises(ValueError, match="unknown format"):
        render_briefing(_briefing(), "pdf")
