"""Secrets and canaries: count where they turn up in stored rows and in messages sent to chats."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import MetaData, select
from sqlalchemy.ext.asyncio import create_async_engine


def count_in(texts: Iterable[Any], needles: tuple[str, ...]) -> int:
    """How many of `texts` hold any needle."""
    return sum(1 for t in texts if t is not None and any(n in str(t) for n in needles))


async def rows_holding(url: str, needles: tuple[str, ...]) -> dict[str, int]:
    """Per table, how many rows hold a needle in any column (every table, every column)."""
    engine = create_async_engine(url)
    found: dict[str, int] = {}
    try:
        async with engine.connect() as conn:
            meta = MetaData()
            await conn.run_sync(meta.reflect)
            for table in meta.sorted_tables:
                rows = (await conn.execute(select(table))).all()
                hits = sum(1 for row in rows if count_in(row, needles))
                if hits:
                    found[table.name] = hits
    finally:
        await engine.dispose()
    return found


def message_texts(api: Any) -> list[str]:
    """Everything the fake Bot API showed users: messages (raw and parsed) and callback answers."""
    texts = [m.raw_text for m in api.all_messages()] + [m.text for m in api.all_messages()]
    texts += [str(a.get("text") or "") for a in api.callback_answers]
    return texts
