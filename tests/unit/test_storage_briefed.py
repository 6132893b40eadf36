"""Briefing messages and the events they carry: recorded once, found by chat, gaining reports once."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from bot.events.briefed import Briefed, Told
from bot.models import Meeting, SourceRef
from bot.storage import Storage

T0 = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
TALKS = Meeting(("Mara Kessel", "Ivo Brand"), "Tallinn", "happened", "talks", date(2026, 3, 4), "Estonia", "met")


def _told(outlet: str) -> Told:
    return Told(f"{outlet}-1", TALKS, SourceRef("Talks", f"https://{outlet}.example/1", outlet, T0))


def _message(chat_id: int, outlet: str = "wire") -> Briefed:
    return Briefed(0, chat_id, "envoy", f"{outlet}-1", f"briefing:{outlet}-1:envoy:0", 1, (_told(outlet),))


async def test_recorded_messages_are_found_by_chat_and_recorded_once(storage: Storage) -> None:
    """Two chats' briefings come back per chat with their reports intact; recording the same
    (chat, outbox key) again keeps one; a message older than `since` is not returned."""
    await storage.briefed.add_many([_message(1), _message(2)], T0)
    await storage.briefed.add_many([_message(1)], T0 + timedelta(hours=1))
    found = await storage.briefed.recent("envoy", [1, 2, 3], T0)
    assert sorted(found) == [1, 2]
    [first] = found[1]
    assert first.id > 0
    assert first.reports == (_told("wire"),)
    assert first.reports[0].meeting.date == date(2026, 3, 4)
    assert await storage.briefed.recent("envoy", [1], T0 + timedelta(minutes=1)) == {}
    assert await storage.briefed.recent("other-story", [1], T0) == {}


async def test_a_message_gains_an_articles_reports_once(storage: Storage) -> None:
    """Carrying another outlet's report adds it; carrying it again (a restart) adds nothing;
    an unknown message is None."""
    await storage.briefed.add_many([_message(1)], T0)
    [message] = (await storage.briefed.recent("envoy", [1], T0))[1]
    once = await storage.briefed.carry(message.id, [_told("herald")], T0)
    twice = await storage.briefed.carry(message.id, [_told("herald")], T0)
    assert once is not None
    assert twice is not None
    assert [r.source.source_name for r in twice.reports] == ["wire", "herald"]
    assert twice.articles == {"wire-1", "herald-1"}
    [stored] = (await storage.briefed.recent("envoy", [1], T0))[1]
    assert stored == twice
    assert await storage.briefed.carry(99_999, [_told("herald")], T0) is None


@pytest.mark.parametrize("kind", ["edit", "briefing"])
async def test_an_edit_row_and_only_an_edit_row_names_its_target(storage: Storage, kind: str) -> None:
    """An edit must name the message it updates and carry its follow-up; nothing else may."""
    with pytest.raises(ValueError, match="edit"):
        await storage.outbox.enqueue(
            1, "text", f"{kind}:x", kind, now=T0,
            **({} if kind == "edit" else {"edit_of": "briefing:a:envoy:0", "follow_up": "more"}),
        )
    assert await storage.outbox.for_chat(1) == []


async def test_records_too_old_to_update_are_forgotten_and_a_removed_storyline_takes_its_own(
    storage: Storage,
) -> None:
    """Recording a briefing forgets its storyline's records from before `forget_before` (no report
    can update them any more); removing a storyline removes its records, so a slug used again
    starts clean."""
    from bot.models import Actor, Storyline

    await storage.storylines.add(Storyline(slug="envoy", title="Envoy", actors=(Actor("Mara Kessel"),)))
    await storage.briefed.add_many([_message(1, "wire")], T0)
    await storage.briefed.add_many([_message(2, "herald")], T0 + timedelta(days=60), forget_before=T0 + timedelta(days=1))
    found = await storage.briefed.recent("envoy", [1, 2], T0)
    assert sorted(found) == [2]
    assert await storage.storylines.remove("envoy")
    assert await storage.briefed.recent("envoy", [1, 2], T0) == {}
