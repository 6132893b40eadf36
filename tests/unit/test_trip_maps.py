"""Which articles and chats get a trip map after their briefing (pure decisions), and the outbox
query that keeps a chat to one map of a storyline per window."""

from __future__ import annotations

from datetime import date, timedelta

from bot.briefings.tripmaps import (
    MapCandidate,
    map_chats,
    map_key,
    map_key_prefix,
    map_window,
    reports_travel,
    wants_map,
)
from bot.models import Extraction, Meeting, Trip, TripStop

TOUR = Trip("Lena Hartmann", (TripStop("Doha", "happened", "Qatar", date(2025, 5, 12)),))


def test_only_an_article_that_itself_reports_a_stop_calls_for_a_map() -> None:
    """A trip with a named stop: yes; no extraction, a meeting only, or a trip without stops: no."""
    assert reports_travel(Extraction("a1", trips=(TOUR,)))
    assert not reports_travel(None)
    assert not reports_travel(Extraction("a2", meetings=(Meeting(("Lena Hartmann", "Salim Al-Harthy"), "Muscat", "happened"),)))
    assert not reports_travel(Extraction("a3", trips=(Trip("Lena Hartmann", ()),)))


def test_the_window_is_hours_and_zero_turns_maps_off() -> None:
    """6 → six hours between two maps of a storyline to a chat; 0 → no trip maps at all."""
    assert map_window(6) == timedelta(hours=6)
    assert map_window(0.5) == timedelta(minutes=30)
    assert map_window(0) is None


def test_map_keys_are_one_per_article_and_a_slug_prefix_names_only_its_storyline() -> None:
    """Two articles: two keys under one prefix; a storyline whose slug starts the same as
    another's does not share its prefix."""
    one, two = map_key("gulf-tour", "a1"), map_key("gulf-tour", "a2")
    assert one != two
    assert one.startswith(map_key_prefix("gulf-tour"))
    assert two.startswith(map_key_prefix("gulf-tour"))
    assert not map_key("gulf-tour-2025", "a1").startswith(map_key_prefix("gulf-tour"))


def test_a_chat_gets_the_map_after_its_briefing_unless_paused_or_opted_out() -> None:
    """Briefed now: yes. Sent an update instead, paused, or maps turned off: no."""
    assert wants_map(MapCandidate(1, briefed=True, held=False))
    assert not wants_map(MapCandidate(2, briefed=False, held=False))
    assert not wants_map(MapCandidate(3, briefed=True, held=True))
    assert not wants_map(MapCandidate(4, briefed=True, held=False, wants_maps=False))


def test_chats_mapped_within_the_window_are_left_out_in_their_order() -> None:
    """Of the chats that want the map, those that had one of the storyline lately get none."""
    candidates = [
        MapCandidate(30, True, False),
        MapCandidate(10, True, False),
        MapCandidate(20, True, False),
        MapCandidate(40, False, False),
    ]
    assert map_chats(candidates, mapped_lately={10}) == [30, 20]
    assert map_chats(candidates, mapped_lately=set()) == [30, 10, 20]
    assert map_chats([], mapped_lately={1}) == []


async def test_the_outbox_tells_which_chats_had_a_map_of_a_storyline_lately(storage, storage_clock) -> None:
    """Rows under the storyline's map prefix since the cutoff count, whatever their status;
    older rows, another storyline's (even one whose slug extends this one's) and other kinds do
    not; chats not asked about are not answered."""
    outbox = storage.outbox
    start = storage_clock()
    await outbox.enqueue(1, "gulf-tour", map_key("gulf-tour", "a1"), "map", now=start)
    storage_clock.advance(hours=7)
    now = storage_clock()
    await outbox.enqueue(2, "gulf-tour", map_key("gulf-tour", "a2"), "map", now=now)
    await outbox.enqueue(3, "gulf-tour-2025", map_key("gulf-tour-2025", "a2"), "map", now=now)
    await outbox.enqueue(4, "<b>Briefing</b>", "briefing:a2:gulf-tour:0", "briefing", now=now)
    await outbox.enqueue(5, "gulf-tour", map_key("gulf-tour", "a2"), "map", now=now)
    [row] = await outbox.for_chat(5)
    await outbox.drop(row.id, "chat inactive")
    since = now - timedelta(hours=6)
    asked = [1, 2, 3, 4, 5]
    assert await outbox.chats_keyed_since(map_key_prefix("gulf-tour"), since, asked) == {2, 5}
    assert await outbox.chats_keyed_since(map_key_prefix("gulf-tour"), start, asked) == {1, 2, 5}
    assert await outbox.chats_keyed_since(map_key_prefix("gulf-tour"), start, [1]) == {1}
    assert await outbox.chats_keyed_since(map_key_prefix("gulf-tour"), start, []) == set()


async def test_the_query_answers_a_thousand_chats_in_chunks(storage, storage_clock) -> None:
    """More chats than one IN (...) list holds: every one of them is answered."""
    now = storage_clock()
    for chat in range(1, 1201, 3):
        await storage.outbox.enqueue(chat, "tour", map_key("tour", "a1"), "map", now=now)
    found = await storage.outbox.chats_keyed_since(map_key_prefix("tour"), now, range(1, 1201))
    assert found == set(range(1, 1201, 3))
