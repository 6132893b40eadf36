"""Application plumbing: the per-chat update processor."""

from __future__ import annotations

import asyncio
from types import SimpleNamespace

from bot.telegram.application import PerChatUpdateProcessor


def _update(chat_id: int) -> SimpleNamespace:
    return SimpleNamespace(effective_chat=SimpleNamespace(id=chat_id))


async def test_updates_of_one_chat_run_in_order_and_other_chats_run_alongside():
    """Chat 1's second update waits for its first; chat 2 is not held up; no lock is kept."""
    processor = PerChatUpdateProcessor(8)
    gate = asyncio.Event()
    holding = asyncio.Event()
    order: list[str] = []

    async def job(name: str, wait: bool = False) -> None:
        order.append(f"start {name}")
        if wait:
            holding.set()
            await gate.wait()
        order.append(f"end {name}")

    first = asyncio.create_task(processor.do_process_update(_update(1), job("1a", wait=True)))
    await holding.wait()
    second = asyncio.create_task(processor.do_process_update(_update(1), job("1b")))
    await processor.do_process_update(_update(2), job("2a"))
    assert order == ["start 1a", "start 2a", "end 2a"]
    gate.set()
    await asyncio.gather(first, second)
    assert order[3:] == ["end 1a", "start 1b", "end 1b"]
    assert processor._locks == {}
    assert processor._users == {}


async def test_a_failing_update_releases_its_chat():
    """An exception in one update does not leave the chat locked for the next one."""
    processor = PerChatUpdateProcessor(8)

    async def boom() -> None:
        raise RuntimeError("handler bug")

    async def fine() -> str:
        return "ok"

    try:
        await processor.do_process_update(_update(5), boom())
    except RuntimeError:
        pass
    await asyncio.wait_for(processor.do_process_update(_update(5), fine()), 1)
    assert processor._locks == {}


def test_a_migration_the_sender_found_makes_the_owners_read_afresh():
    """The sender moves a migrated group's private storylines to its new id in storage; at the
    next tick the catalog forgets the owners it holds, once per migration, not every tick."""
    from bot.telegram.application import _notice_migrations
    from bot.telegram.context import BotData

    forgotten: list[int] = []
    data = BotData()
    data.app = SimpleNamespace(storylines=SimpleNamespace(forget_owners=lambda: forgotten.append(1)))
    data.deliverer = SimpleNamespace(totals=SimpleNamespace(migrated=0))
    _notice_migrations(data)
    assert forgotten == []
    data.deliverer.totals.migrated = 1
    _notice_migrations(data)
    _notice_migrations(data)
    assert forgotten == [1]
    data.deliverer = None  # no sender: nothing to notice
    _notice_migrations(data)
    assert forgotten == [1]
