"""The catch-up a chat gets on /resume: the briefings held while it was paused, as one message."""

from __future__ import annotations

from collections.abc import Sequence

from bot.briefings.render import as_messages

DIVIDER = "\n\n➖➖➖\n\n"


def catch_up_messages(held: Sequence[str], dropped: int, limit: int) -> list[str]:
    """One message (split only where Telegram's length demands) carrying every held briefing
    in the order they came, headed by how many there are and how many the hold dropped.

    `held` are the briefings' HTML texts; `limit` is the hold's size, named when some were
    dropped so the reader knows why.
    """
    count = len(held)
    head = f"<b>⏸ While this chat was paused: {count} briefing{'s' if count != 1 else ''}</b>"
    if dropped:
        head += (
            f"\n{dropped} older briefing{'s were' if dropped != 1 else ' was'} dropped: "
            f"a pause keeps the latest {limit}. See /latest for a storyline's news."
        )
    if not held:
        return as_messages(head)
    return as_messages(head + DIVIDER + DIVIDER.join(text.strip() for text in held))
