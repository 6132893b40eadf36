"""Catch-ups: several briefings as one message — those held while a chat was paused (/resume),
and a storyline's recent ones for a chat that has just started following it.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from bot.briefings.render import as_messages

DIVIDER = "\n\n➖➖➖\n\n"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' if count != 1 else ''}"


def bundle(head: str, texts: Sequence[str]) -> list[str]:
    """One message (split only where Telegram's length demands): `head`, then each text in turn."""
    if not texts:
        return as_messages(head)
    return as_messages(head + DIVIDER + DIVIDER.join(text.strip() for text in texts))


def catch_up_messages(held: Sequence[str], dropped: int, limit: int) -> list[str]:
    """One message (split only where Telegram's length demands) carrying every held briefing
    in the order they came, headed by how many there are and how many the hold dropped.

    `held` are the briefings' HTML texts; `limit` is the hold's size, named when some were
    dropped so the reader knows why.
    """
    head = f"<b>⏸ While this chat was paused: {_plural(len(held), 'briefing')}</b>"
    if dropped:
        head += (
            f"\n{dropped} older briefing{'s were' if dropped != 1 else ' was'} dropped: "
            f"a pause keeps the latest {limit}. See /latest for a storyline's news."
        )
    return bundle(head, held)


def welcome_messages(title: str, slug: str, briefings: Sequence[str], more: bool) -> list[str]:
    """A new follower's catch-up: the storyline's recent briefings, oldest first, as one message;
    `more` when older ones were left out (the timeline has them).
    """
    head = f"<b>📚 Catching up on {html.escape(title, quote=False)}: {_plural(len(briefings), 'recent briefing')}</b>"
    if more:
        head += f"\nOlder news: /timeline {html.escape(slug, quote=False)}"
    return bundle(head, briefings)
