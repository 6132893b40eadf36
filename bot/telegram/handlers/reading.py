"""/latest, /timeline, /who and /digest: read what the archive holds, answered directly."""

from __future__ import annotations

import logging
import re
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from telegram import Update
from telegram.constants import ChatAction, ParseMode
from telegram.error import TelegramError

from bot.briefings.nearmiss import near_miss_html
from bot.redact import redact
from bot.services.feedback import article_ref
from bot.telegram import keyboards as kb
from bot.telegram.context import AttacheContext
from bot.telegram.handlers.common import (
    GROUP_ADMINS_ONLY,
    can_manage_chat,
    esc,
    is_bot_admin,
    reply,
    reply_many,
    required_arg,
    slug_argument,
)

if TYPE_CHECKING:  # drawing is imported on first use, not when the bot starts
    from bot.maps.picture import Picture

log = logging.getLogger(__name__)

MAX_REPLY_MESSAGES = 6
NEAR_MISSES = 2  # items a storyline missed, shown under /latest to whoever may teach it
_NAME = re.compile(r"^[\w .'’\-]{2,80}$")


async def _typing(update: Update, context: AttacheContext) -> None:
    chat = update.effective_chat
    if chat is not None:
        try:
            await context.bot.send_chat_action(chat.id, ChatAction.TYPING)
        except Exception:  # only a courtesy: never fail the command over it
            pass


async def reply_capped(update: Update, messages: list[str], rest: str) -> None:
    """At most MAX_REPLY_MESSAGES messages, so one command never floods a chat; when there are
    more, the last one says how many were left out and where `rest` finds them.
    """
    if len(messages) <= MAX_REPLY_MESSAGES:
        await reply_many(update, messages)
        return
    kept = messages[: MAX_REPLY_MESSAGES - 1]
    left = len(messages) - len(kept)
    note = f"… and {left} more messages not shown here. {rest}"  # left >= 2: the note takes a slot
    await reply_many(update, [*kept, note])


async def latest(update: Update, context: AttacheContext) -> None:
    slug = await slug_argument(update, context, "/latest <storyline>", "latest")
    if slug is not None:
        await show_latest(update, context, slug)


async def show_latest(update: Update, context: AttacheContext, slug: str) -> None:
    """The newest briefings of a storyline the chat may see; then, to whoever may teach the
    storyline, the recent items it narrowly missed, each with "More like this"."""
    await _typing(update, context)
    messages = await context.app.reading.latest(slug, limit=3)
    if not messages:
        title = esc(context.app.storylines[slug].title)
        await reply(update, f"Nothing matched <b>{title}</b> yet.\nI will brief subscribers as soon as something does.")
    else:
        await reply_capped(update, messages, f"Every event in order: <code>/timeline {esc(slug)}</code>")
    await _near_misses(update, context, slug)


async def _near_misses(update: Update, context: AttacheContext, slug: str) -> None:
    """Items the storyline missed, offered for "more like this" to its owner or a bot admin
    only (anyone else would be refused the button)."""
    chat = update.effective_chat
    assert chat is not None
    feedback = context.app.feedback
    bot_admin = is_bot_admin(update, context)
    if await feedback.refusal(slug, chat.id, bot_admin=bot_admin, chat_admin=True):
        return  # not this chat's storyline: nobody here may teach it
    # Only now ask Telegram whether a group's reader administers it: a /latest of a shared
    # storyline costs no extra Bot API call.
    if not bot_admin and not await can_manage_chat(update, context):
        return
    title = context.app.storylines.title(slug)
    for miss in await feedback.near_misses(slug, limit=NEAR_MISSES):
        ref = article_ref(miss.article.id)
        instead = [context.app.storylines.title(other) for other in miss.matched_instead]
        text = near_miss_html(title, miss.article, miss.reason, instead)
        await reply(update, text, kb.more_like_keyboard(slug, ref, title))


async def timeline(update: Update, context: AttacheContext) -> None:
    slug = await slug_argument(update, context, "/timeline <storyline>", "timeline")
    if slug is not None:
        await show_timeline(update, context, slug)


async def show_timeline(update: Update, context: AttacheContext, slug: str) -> None:
    """A storyline's itinerary and meetings in order."""
    await _typing(update, context)
    messages = await context.app.reading.timeline(slug)
    await reply_capped(update, messages, f"The newest briefings: <code>/latest {esc(slug)}</code>")
    await _itinerary_map(update, context, slug)


async def _itinerary_map(update: Update, context: AttacheContext, slug: str) -> None:
    """The itinerary map after the text, when two stops or more can be placed on it."""
    await _send_picture(
        update, context, lambda: context.app.reading.itinerary(slug),
        what=f"itinerary map for {slug}", filename=f"itinerary-{slug}.png",
        refused="The itinerary map could not be sent ({why}). The timeline above lists every stop.",
    )


async def _send_picture(
    update: Update,
    context: AttacheContext,
    draw: Callable[[], Awaitable[Picture]],
    *,
    what: str,
    filename: str,
    refused: str,
) -> None:
    """A picture after a text answer, when there is one to draw.

    The text is the answer and is already sent: a picture that cannot be drawn is left out (the
    text says everything it shows), and an upload Telegram refuses is said in one line.
    """
    message = update.effective_message
    if message is None:
        return
    try:
        picture = await draw()
    except Exception as exc:  # a drawing bug must not cost the reader the answer they have
        log.warning("%s not drawn: %s", what, redact(repr(exc)))
        return
    if picture.png is None:
        return
    try:
        await message.reply_photo(
            photo=picture.png, caption=picture.caption, parse_mode=ParseMode.HTML, filename=filename
        )
    except TelegramError as exc:
        log.warning("chat %s: %s not sent: %s", message.chat_id, what, redact(exc.message))
        await reply(update, refused.format(why=esc(redact(exc.message))))


async def who(update: Update, context: AttacheContext) -> None:
    name = await required_arg(
        update, context, "Usage: <code>/who &lt;name&gt;</code>, e.g. <code>/who Pompeo</code>"
    )
    if name is None:
        return
    if not _NAME.match(name):
        await reply(update, "Give a person's name: letters, spaces, dots and hyphens, 2 to 80 characters.")
        return
    await _typing(update, context)
    chat = update.effective_chat
    app = context.app
    person = await app.reading.person(name, chat_id=chat.id if chat is not None else 0)
    await reply_capped(update, app.reading.person_page(person), "A fuller name narrows it down.")
    await _send_picture(
        update, context, lambda: app.reading.who_graph(person),
        what=f"meeting graph for {name!r}", filename="who-met-whom.png",
        refused="The meeting graph could not be sent ({why}). The list above names every meeting.",
    )


DIGEST_NOT_MARKED = (
    "ℹ️ Asking for the digest does not move its “new since” mark: the next digest shows these"
    " items again. Mark them as read to start it from now."
)


async def digest(update: Update, context: AttacheContext) -> None:
    """The digest now; it leaves the "since" mark where it is, and offers to move it."""
    chat = update.effective_chat
    assert chat is not None
    subs = await context.app.chats.subscriptions(chat.id)
    if not subs:
        await reply(update, "This chat follows no storylines, so there is no digest yet.\nSee /storylines.")
        return
    await _typing(update, context)
    shown_at = int(context.app.clock().timestamp())  # what is matched later is not marked read
    messages = await context.app.reading.digest_messages(chat.id)
    if not messages:
        await reply(update, "Nothing new in your storylines since your last digest.")
        return
    await reply_capped(update, messages, "Each storyline's newest: <code>/latest &lt;storyline&gt;</code>")
    await reply(update, DIGEST_NOT_MARKED, kb.mark_read_keyboard(shown_at))


async def on_mark_read_button(update: Update, context: AttacheContext, cb: kb.Callback) -> str | None:
    """The "Mark as read" button under a digest: the next one starts from when this was shown."""
    if not await can_manage_chat(update, context):
        return GROUP_ADMINS_ONLY
    query, chat = update.callback_query, update.effective_chat
    assert query is not None and chat is not None
    shown_at = datetime.fromtimestamp(cb.int_arg(0), UTC)
    marked = await context.app.chats.mark_read(chat.id, shown_at)
    if marked is None:
        return "Already read: a later digest moved the mark."
    await query.edit_message_text(
        f"✓ Marked as read. The next digest shows what is new since {marked:%d %b %H:%M} UTC.",
        parse_mode="HTML",
    )
    return "Marked as read"
