"""One storyline's part of a digest: newest first, background last, cuts that say what they left."""

from __future__ import annotations

from datetime import UTC, date, datetime

from bot.models import Article, Extraction, Match, Meeting
from bot.services.reading import digest_section


def _article(n: int, day: int) -> Article:
    return Article(
        id=f"a{n}", feed_url="file:///feed.xml", guid=f"g{n}", url=f"https://daily.example/{n}",
        title=f"Invented report {n}", text="Invented text.",
        published=datetime(2031, 5, day, 9, tzinfo=UTC), published_missing=False,
        content_hash=f"h{n}", fetched_at=datetime(2031, 5, day, 9, 5, tzinfo=UTC),
        source_name=f"Outlet {n}",
    )


def test_a_section_lists_the_newest_first_and_counts_what_the_cut_leaves_out() -> None:
    """Five meetings reported on five days and two items without a meeting, cut at three: the
    three newest meetings, the earlier meeting told as context after them, and counts of what
    was left."""
    items: list[tuple[Article, Extraction | None]] = []
    for n in range(1, 6):
        meeting = Meeting(("Ana Velk", f"Envoy {n}"), "Lakeport", "happened", date=date(2031, 5, n))
        items.append((_article(n, n), Extraction(f"a{n}", meetings=(meeting,))))
    context = Meeting(("Ana Velk", "Ori Tamm"), None, "reported-past", date=date(2030, 1, 1))
    items.append((_article(6, 6), Extraction("a6", meetings=(context,))))
    items += [(_article(7, 7), Extraction("a7")), (_article(8, 8), None)]
    pairs = [(Match(a.id, "tour", 1.0), a) for a, _ in reversed(items)]
    section = digest_section("Tour", "tour", pairs, items, 3)
    assert [e.meeting.participants[1] for e in section.events] == ["Envoy 5", "Envoy 4", "Envoy 3"]
    assert section.left_out == 3  # Envoy 2, Envoy 1 and the background meeting
    assert [a.id for a, _ in section.other_items] == ["a8", "a7"]
    assert section.others_left_out == 0
    shorter = digest_section("Tour", "tour", pairs, items, 6)
    assert [e.background for e in shorter.events] == [False] * 5 + [True]
    assert shorter.background == shorter.events[-1:]
    assert shorter.left_out == 0
