"""Helpers every handler shares: replying, argument checks, chat registration, permissions."""

from __future__ import annotations

import html
import logging
from collections.abc import Sequence
from datetime import datetime

from telegram import ForceReply, InlineKeyboardMarkup, Update
from telegram.constants import ChatMemberStatus, ChatType, ParseMode
from telegram.error import TelegramError

from bot.models import Storyline
from bot.redact import redact
from bot.services.chats import ChatState
from bot.services.storylines import find_slug
from bot.telegram import keyboards as kb
from bot.telegram.context import AttacheContext
from bot.tgtext.split import split_for_sending
from bot.tgtext.units import MAX_MESSAGE_UTF16, utf16_len

log = logging.getLogger(__name__)

MAX_ARG_CHARS = 200
# Telegram sends this user for messages written by anonymous group admins.
ANONYMOUS_ADMIN_ID = 1087968824

esc = html.escape


class BadArgument(ValueError):
    """An argument the user typed that we cannot use; the message is shown to them."""


def arg_text(context: AttacheContext) -> str:
    """The command's arguments as one string, checked for size and control characters."""
    text = " ".join(context.args or ()).strip()
    if len(text) > MAX_ARG_CHARS:
        raise BadArgument(f"That is too long ({len(text)} characters); keep it under {MAX_ARG_CHARS}.")
    if any(ord(ch) < 32 for ch in text):
        raise BadArgument("That contains control characters I cannot use.")
    return text


async def reply(
    update: Update,
    text: str,
    markup: InlineKeyboardMarkup | ForceReply | None = None,
    *,
    quote: bool = False,
) -> None:
    """Answer in the chat (and forum topic) the update came from, as Telegram HTML.

    Redacted like everything shown: an answer can quote an error or a URL that holds a secret.
    """
    message = update.effective_message
    if message is None:
        return
    text = redact(text)
    pieces = split_for_sending(text) if utf16_len(text) > MAX_MESSAGE_UTF16 else [text]
    for i, piece in enumerate(pieces):
        last = i == len(pieces) - 1
        await message.reply_text(
            piece,
            parse_mode=ParseMode.HTML,
            reply_markup=markup if last else None,  # buttons go under the end of the answer
            do_quote=quote and i == 0,
            disable_web_page_preview=True,
        )


def in_group(update: Update) -> bool:
    chat = update.effective_chat
    return chat is not None and chat.type != ChatType.PRIVATE


async def reply_many(update: Update, messages: Sequence[str]) -> None:
    for text in messages:
        await reply(update, text)


def thread_id(update: Update) -> int | None:
    """The forum topic the update came from, if any."""
    message = update.effective_message
    if message is not None and message.is_topic_message and message.message_thread_id:
        return message.message_thread_id
    return None


async def ensure_chat(update: Update, context: AttacheContext) -> ChatState:
    """The chat's stored state, registering it (with a first digest time) when it is new."""
    chat = update.effective_chat
    assert chat is not None
    title = chat.title or chat.full_name or chat.username or ""
    return await context.app.chats.ensure(chat.id, chat.type, title)


def wake_deliverer(context: AttacheContext) -> None:
    """Something was queued in answer to the user: send it now, not at the next tick."""
    wake = getattr(context.bot_data.deliverer, "wake", None)
    if wake is not None:
        wake()


async def follow(
    update: Update, context: AttacheContext, chat_id: int, slug: str, *, since: datetime | None = None
) -> tuple[bool, int]:
    """Subscribe the chat to `slug`: whether that is new, and how many recent briefings (those
    published since `since`, by default the last few days) then come as one catch-up message."""
    topic = thread_id(update)
    if not await context.app.chats.subscribe(chat_id, slug, topic):
        return False, 0
    caught_up = await context.app.pipeline.welcome.catch_up(chat_id, slug, topic, since=since)
    if caught_up:
        wake_deliverer(context)
    return True, caught_up


def is_bot_admin(update: Update, context: AttacheContext) -> bool:
    """A bot administrator, by Telegram user id in settings.telegram.admins."""
    user = update.effective_user
    return user is not None and user.id in context.app.settings.telegram.admins


async def can_manage_chat(update: Update, context: AttacheContext) -> bool:
    """Anyone in a private chat; in groups and channels only the chat's administrators."""
    chat = update.effective_chat
    user = update.effective_user
    if chat is None:
        return False
    if chat.type == ChatType.PRIVATE:
        return True
    message = update.effective_message
    if message is not None and message.sender_chat is not None and message.sender_chat.id == chat.id:
        return True  # an anonymous admin writing as the group itself
    if user is None or user.id == ANONYMOUS_ADMIN_ID:
        return False
    if is_bot_admin(update, context):
        return True
    try:
        member = await context.bot.get_chat_member(chat.id, user.id)
    except TelegramError as exc:
        log.warning("could not check admin rights in chat %s: %s", chat.id, exc)
        return False
    return member.status in (ChatMemberStatus.OWNER, ChatMemberStatus.ADMINISTRATOR)


GROUP_ADMINS_ONLY = "Only this group's administrators can change what it follows."


def _chat_id(update: Update) -> int:
    chat = update.effective_chat
    return chat.id if chat is not None else 0


def definition_lines(story: Storyline) -> list[str]:
    """What a storyline matches on (who, where, keywords, when), as Telegram HTML lines."""
    lines = []
    if story.actors:
        lines.append("Who: " + esc(", ".join(a.name for a in story.actors)))
    if story.places:
        lines.append("Where: " + esc(", ".join(story.places)))
    if story.keywords:
        lines.append("Keywords: " + esc(", ".join(story.keywords)))
    if story.window_start or story.window_end:
        lines.append(f"When: {story.window_start or '…'} to {story.window_end or '…'}")
    return lines


async def visible_storylines(update: Update, context: AttacheContext) -> dict[str, Storyline]:
    """The storylines this chat may see: shared ones and its own /track ones."""
    return await context.app.storylines.visible(_chat_id(update))


async def storyline_titles(update: Update, context: AttacheContext) -> list[tuple[str, str]]:
    """(slug, title) of every storyline the chat may see, in a stable order for pagination."""
    return sorted(
        ((slug, s.title) for slug, s in (await visible_storylines(update, context)).items()),
        key=lambda pair: (pair[1].lower(), pair[0]),
    )


async def unknown_slug_text(update: Update, context: AttacheContext, slug: str) -> str:
    titles = await storyline_titles(update, context)
    known = ", ".join(f"<code>{esc(s)}</code>" for s, _ in titles[:8])
    hint = f"\nKnown storylines: {known}" if known else ""
    return f"I don't know a storyline called <code>{esc(slug)}</code>.{hint}\nSee /storylines."


async def required_arg(update: Update, context: AttacheContext, usage_html: str) -> str | None:
    """The command's argument text, or None after replying with the problem or `usage_html`."""
    try:
        text = arg_text(context)
    except BadArgument as exc:
        await reply(update, esc(str(exc)))
        return None
    if not text:
        await reply(update, usage_html)
        return None
    return text


async def slug_argument(
    update: Update,
    context: AttacheContext,
    usage: str,
    command: str | None = None,
    offer: Sequence[tuple[str, str]] | None = None,
    none_to_offer: str = "There are no storylines yet. Create one with /track.",
) -> str | None:
    """The storyline named by the command's first argument (exactly, by a unique prefix), or
    None after a helpful reply. With `command` (one of the picks in bot.telegram.handlers.picks),
    a bare command offers the storylines in `offer` (default: all the chat sees) as buttons,
    and a misspelt name offers the close ones ("did you mean")."""
    try:
        text = arg_text(context)
    except BadArgument as exc:
        await reply(update, esc(str(exc)))
        return None
    visible = await storyline_titles(update, context)
    if not text:
        choices = visible if offer is None else list(offer)
        if command is None:
            await reply(update, f"Usage: <code>{esc(usage)}</code>\nSee /storylines for the names.")
        elif not choices:
            await reply(update, none_to_offer)
        else:
            more = f" ({len(choices)}; the first {kb.MAX_PICKS} here)" if len(choices) > kb.MAX_PICKS else ""
            await reply(
                update,
                f"Which storyline{more}? Tap one, or send <code>{esc(usage)}</code>.",
                kb.pick_keyboard(command, choices),
            )
        return None
    typed = text.split()[0]
    # another chat's private storyline is answered exactly like one that does not exist
    lookup = find_slug(typed, [slug for slug, _ in visible])
    if lookup.slug is not None:
        return lookup.slug
    if lookup.suggestions and command is not None:
        titles = dict(visible)
        await reply(
            update,
            f"I don't know a storyline called <code>{esc(typed)}</code>. Did you mean:",
            kb.pick_keyboard(command, [(slug, titles[slug]) for slug in lookup.suggestions]),
        )
    elif lookup.suggestions:
        options = "\n".join(f"<code>{esc(slug)}</code>" for slug in lookup.suggestions)
        await reply(update, f"I don't know a storyline called <code>{esc(typed)}</code>. Did you mean:\n{options}")
    else:
        await reply(update, await unknown_slug_text(update, context, typed))
    return None
