"""A briefing updated as more outlets report its events: the edited text within Telegram's edit
window, a short follow-up after it (pure).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from datetime import datetime, timedelta

from bot.briefings.render import as_messages, render_briefing
from bot.briefings.views import BriefingView, FollowUpView
from bot.events import merge_events
from bot.events.briefed import Told

# Telegram lets a bot edit its message for 48 hours after sending it.
EDIT_WINDOW = timedelta(hours=48)
# An edit is tried only while this much of the window is left, so one that waits for the
# rate limits is not refused at the last minute.
EDIT_MARGIN = timedelta(minutes=10)


def can_edit(sent_at: datetime | None, now: datetime) -> bool:
    """Whether a message sent at `sent_at` is still inside Telegram's edit window at `now`."""
    return sent_at is not None and now - sent_at < EDIT_WINDOW - EDIT_MARGIN


def merged(view: BriefingView, carried: Sequence[Told]) -> BriefingView:
    """The briefing with its events as every report it carries now tells them."""
    events = merge_events((t.meeting, t.source) for t in carried)
    return dataclasses.replace(view, events=tuple(events))


def edited_text(view: BriefingView, carried: Sequence[Told], pieces: int) -> str | None:
    """The new text of a one-message briefing; None when it took, or would take, more than one
    message (an edit would have to move text between messages: a follow-up says it instead).
    """
    if pieces != 1:
        return None
    texts = as_messages(render_briefing(merged(view, carried), "html"))
    return texts[0] if len(texts) == 1 else None


def follow_up_view(
    storyline_title: str, slug: str, carried: Sequence[Told], gained: Sequence[Told]
) -> FollowUpView:
    """The events the gained reports belong to, as merged with everything carried."""
    new = {t.source for t in gained}
    events = tuple(
        e for e in merge_events((t.meeting, t.source) for t in carried) if new & set(e.sources)
    )
    outlets = tuple(dict.fromkeys(t.source for t in gained))
    return FollowUpView(storyline_title, slug, events, outlets)
