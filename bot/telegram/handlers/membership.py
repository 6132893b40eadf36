"""The bot's own membership: added to a group, removed or blocked, and groups that migrate."""

from __future__ import annotations

import logging

from telegram import ChatMemberUpdated, Update
from telegram.constants import ChatMemberStatus

from bot.telegram.context import AttacheContext
from bot.telegram.handlers.common import ensure_chat

log = logging.getLogger(__name__)

GONE = (ChatMemberStatus.BANNED, ChatMemberStatus.LEFT)
PRESENT = (ChatMemberStatus.MEMBER, ChatMemberStatus.ADMINISTRATOR, ChatMemberStatus.OWNER)


def _went(change: ChatMemberUpdated) -> tuple[bool, bool]:
    """(was present, is present) for the bot itself."""
    return change.old_chat_member.status in PRESENT, change.new_chat_member.status in PRESENT


async def on_my_chat_member(update: Update, context: AttacheContext) -> None:
    """Blocked or removed: stop delivering there. Added to a group: say hello, register it
    (a channel is registered without a word)."""
    change = update.my_chat_member
    if change is None:
        return
    was, now_present = _went(change)
    chat = change.chat
    if was and not now_present:
        log.info("bot removed from or blocked in chat %s", chat.id)
        await context.app.chats.removed(chat.id)
        return
    if not was and now_present:
        await ensure_chat(update, context)
        # A channel is told nothing: a hello there would be a post to all its readers.
        if chat.type in ("group", "supergroup"):
            await context.bot.send_message(
                chat.id,
                "<b>Attaché</b> here: diplomatic news briefings.\n"
                "Group admins can pick storylines with /storylines.",
                parse_mode="HTML",
            )


async def on_migrate(update: Update, context: AttacheContext) -> None:
    """A group became a supergroup: its subscriptions and queued messages follow the new id."""
    message = update.effective_message
    if message is None or not message.migrate_to_chat_id:
        return
    old_id, new_id = message.chat.id, message.migrate_to_chat_id
    await context.app.chats.migrate(old_id, new_id)
    log.info("chat %s migrated to %s", old_id, new_id)

