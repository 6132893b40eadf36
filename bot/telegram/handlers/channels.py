"""/publish and /unpublish (bot admins): a storyline's briefings posted to a channel.

Before publishing, Telegram is asked about the channel (getChat) and about the bot's own standing
there (getChatMember): only a channel the bot administers with the right to post is accepted.
What a channel then gets is the publishing service's to decide.
"""

from __future__ import annotations

import logging

from telegram import Chat, ChatFullInfo, InlineKeyboardMarkup, Update
from telegram.error import BadRequest, TelegramError

from bot.redact import error_text
from bot.services.channels import BAD_CHANNEL, Publication, channel_ref, posting_refusal
from bot.services.storylines import find_slug
from bot.telegram import keyboards as kb
from bot.telegram.context import AttacheContext
from bot.telegram.handlers.admin import NOT_ADMIN, admin_only
from bot.telegram.handlers.common import BadArgument, arg_text, esc, is_bot_admin, reply

log = logging.getLogger(__name__)

PUBLISH_USAGE = (
    "Usage: <code>/publish @channel storyline</code>, e.g. "
    "<code>/publish @diplomacy_news gulf-tour-2025</code>.\n"
    "I must be an administrator of the channel, allowed to post messages."
)
UNPUBLISH_USAGE = (
    "Usage: <code>/unpublish @channel storyline</code>. /publish lists the publications, "
    "with a button to stop each."
)
MAX_LISTED = 40


def _name(chat: ChatFullInfo) -> str:
    return f"@{chat.username}" if chat.username else (chat.title or str(chat.id))


async def _arguments(update: Update, context: AttacheContext, usage: str) -> list[str] | None:
    """The command's words, checked for size; None after replying (an empty list: no words)."""
    try:
        text = arg_text(context)
    except BadArgument as exc:
        await reply(update, esc(str(exc)))
        return None
    words = text.split()
    if words and len(words) != 2:
        await reply(update, usage)
        return None
    return words


async def _storyline(update: Update, context: AttacheContext, typed: str) -> str | None:
    """The storyline `typed` names (exactly or by a unique prefix), or None after replying."""
    lookup = find_slug(typed, list(context.app.storylines))
    if lookup.slug is not None:
        return lookup.slug
    hint = ""
    if lookup.suggestions:
        hint = " Did you mean " + ", ".join(f"<code>{esc(s)}</code>" for s in lookup.suggestions) + "?"
    await reply(update, f"I don't know a storyline called <code>{esc(typed)}</code>.{hint}\nSee /storylines.")
    return None


async def _find_channel(update: Update, context: AttacheContext, typed: str) -> ChatFullInfo | None:
    """The chat Telegram knows by `typed` (@username or id), or None after replying."""
    ref = channel_ref(typed)
    if ref is None:
        await reply(update, esc(BAD_CHANNEL))
        return None
    try:
        return await context.bot.get_chat(ref)
    except BadRequest as exc:
        log.info("channel %s not found: %s", typed, exc.message)
        await reply(
            update,
            f"Telegram knows no channel {esc(typed)} that I can see. Check the name; a private "
            "channel must first add me as an administrator.",
        )
    except TelegramError as exc:
        await reply(update, f"Telegram did not answer about {esc(typed)} ({esc(error_text(exc))}). "
                            "Try again in a moment.")
    return None


async def _may_post(update: Update, context: AttacheContext, chat: ChatFullInfo) -> bool:
    """Whether the bot may post to `chat`, asking Telegram; replies with the reason when not."""
    status, can_post = "", None
    if chat.type == Chat.CHANNEL:
        try:
            member = await context.bot.get_chat_member(chat.id, context.bot.id)
        except TelegramError as exc:  # not there: Telegram lets it see no members
            log.info("bot's standing in %s unknown: %s", chat.id, error_text(exc))
            status = "left"
        else:
            status, can_post = member.status, getattr(member, "can_post_messages", None)
    refusal = posting_refusal(_name(chat), chat.type, status, can_post)
    if refusal:
        await reply(update, esc(refusal))
    return not refusal


@admin_only
async def publish(update: Update, context: AttacheContext) -> None:
    """/publish @channel storyline; bare, the list of publications with buttons to stop each."""
    words = await _arguments(update, context, PUBLISH_USAGE)
    if words is None:
        return
    if not words:
        await _list(update, context)
        return
    if channel_ref(words[0]) is None:
        await reply(update, esc(BAD_CHANNEL))
        return
    slug = await _storyline(update, context, words[1])
    if slug is None:
        return
    publishing = context.app.publishing
    refusal = await publishing.refusal(slug)
    if refusal:
        await reply(update, esc(refusal))
        return
    chat = await _find_channel(update, context, words[0])
    if chat is None or not await _may_post(update, context, chat):
        return
    title = esc(context.app.storylines.title(slug))
    name = esc(_name(chat))
    if not await publishing.publish(chat.id, chat.title or _name(chat), slug):
        await reply(update, f"{name} already publishes <b>{title}</b>.")
        return
    await reply(
        update,
        f"📣 <b>{title}</b> is published to {name}: each new briefing is posted there (at most "
        f"20 posts a minute, without the “Why” line or buttons).\n"
        f"Stop with <code>/unpublish {name} {esc(slug)}</code>.",
    )


@admin_only
async def unpublish(update: Update, context: AttacheContext) -> None:
    """/unpublish @channel storyline."""
    words = await _arguments(update, context, UNPUBLISH_USAGE)
    if not words:
        if words is not None:
            await reply(update, UNPUBLISH_USAGE)
        return
    chat = await _find_channel(update, context, words[0])
    if chat is None:
        return
    published = [p.slug for p in await context.app.publishing.publications() if p.chat_id == chat.id]
    lookup = find_slug(words[1], published)
    name = esc(_name(chat))
    if lookup.slug is None or not await context.app.publishing.unpublish(chat.id, lookup.slug):
        shown = ", ".join(f"<code>{esc(s)}</code>" for s in published) or "nothing"
        await reply(update, f"{name} does not publish <code>{esc(words[1])}</code>. It publishes: {shown}.")
        return
    title = esc(context.app.storylines.title(lookup.slug))
    await reply(update, f"Stopped publishing <b>{title}</b> to {name}.")


def _listing(pubs: list[Publication]) -> str:
    lines = [f"<b>Published to channels</b> ({len(pubs)})"]
    for p in pubs[:MAX_LISTED]:
        lines.append(f"📣 {esc(p.title)} → {esc(p.channel_title)} (<code>{p.chat_id}</code>)")
    if len(pubs) > MAX_LISTED:
        lines.append(f"… and {len(pubs) - MAX_LISTED} more")
    return "\n".join(lines)


def _keyboard(pubs: list[Publication]) -> InlineKeyboardMarkup:
    return kb.publications_keyboard([(p.chat_id, p.slug, p.title, p.channel_title) for p in pubs[:MAX_LISTED]])


async def _list(update: Update, context: AttacheContext) -> None:
    pubs = await context.app.publishing.publications()
    if not pubs:
        await reply(update, "No storyline is published to a channel yet.\n" + PUBLISH_USAGE)
        return
    await reply(update, _listing(pubs), _keyboard(pubs))


async def on_unpublish_button(update: Update, context: AttacheContext, cb: kb.Callback) -> str | None:
    """A "Stop" button under the /publish list: unpublish, then redraw the list."""
    if not is_bot_admin(update, context):
        return NOT_ADMIN
    query = update.callback_query
    assert query is not None
    chat_id, token = int(cb.args[0]), cb.args[1]
    pubs = await context.app.publishing.publications()
    found = next((p for p in pubs if p.chat_id == chat_id and kb.slug_token(p.slug) == token), None)
    if found is None or not await context.app.publishing.unpublish(chat_id, found.slug):
        return "That publication has already stopped."
    rest = [p for p in pubs if p is not found]
    if rest:
        await query.edit_message_text(_listing(rest), parse_mode="HTML", reply_markup=_keyboard(rest))
    else:
        await query.edit_message_text("No storyline is published to a channel any more.")
    return f"Stopped publishing {found.title[:80]} to {found.channel_title[:80]}"
