"""/untrack (a chat deletes a storyline it made with /track), /export (a storyline as a TOML
file) and /share (a bot admin makes a chat's private storyline visible to every chat)."""

from __future__ import annotations

from telegram import InputFile, Update
from telegram.constants import ParseMode
from telegram.error import TelegramError

from bot.redact import error_text
from bot.storylines.export import export_filename, storyline_toml
from bot.telegram.context import AttacheContext
from bot.telegram.handlers.common import (
    GROUP_ADMINS_ONLY,
    can_manage_chat,
    esc,
    is_bot_admin,
    reply,
    required_arg,
    slug_argument,
)

TRACK_SOURCE = "telegram /track"  # Storyline.source of storylines made in a chat


def may_untrack(
    owner: int | None, chat_id: int, bot_admin: bool, from_track: bool, verb: str = "delete"
) -> str:
    """Why this chat may not delete (or `verb`) the storyline, or "" when it may.

    The owner chat deletes or edits its own; a shared storyline made with /track only a bot
    admin may; storylines from files come back at every start, so they are changed there.
    """
    if not from_track:
        return "That storyline comes from the bot's storyline files; an admin changes it there."
    if owner == chat_id or (owner is None and bot_admin):
        return ""
    return f"Only the chat that made this storyline can {verb} it."


async def untrack(update: Update, context: AttacheContext) -> None:
    slug = await slug_argument(update, context, "/untrack <storyline>")
    chat = update.effective_chat
    if slug is None or chat is None:
        return
    app = context.app
    story = app.storylines[slug]
    owner = await app.storylines.owner(slug)
    refusal = may_untrack(
        owner, chat.id, is_bot_admin(update, context), story.source == TRACK_SOURCE
    )
    if refusal:
        await reply(update, esc(refusal))
        return
    if not await can_manage_chat(update, context):
        await reply(update, GROUP_ADMINS_ONLY)
        return
    await app.storylines.remove(slug)
    await reply(
        update,
        f"🗑 Deleted <b>{esc(story.title)}</b> (<code>{esc(slug)}</code>).\n"
        "It is no longer matched, and no chat follows it any more.",
    )


async def export(update: Update, context: AttacheContext) -> None:
    slug = await slug_argument(update, context, "/export <storyline>", "export")
    if slug is not None:
        await send_export(update, context, slug)


async def send_export(update: Update, context: AttacheContext, slug: str) -> None:
    """The storyline's definition as a TOML file (sendDocument), ready to edit and check."""
    message = update.effective_message
    if message is None:
        return
    story = context.app.storylines[slug]
    document = InputFile(storyline_toml(story).encode("utf-8"), filename=export_filename(slug))
    try:
        await message.reply_document(
            document,
            caption=(
                f"<b>{esc(story.title)}</b>\nCheck a changed copy with "
                "<code>attache storylines check FILE</code>."
            ),
            parse_mode=ParseMode.HTML,
        )
    except TelegramError as exc:  # the definition is intact; say why the file did not come
        await reply(update, f"I could not send the file: {esc(error_text(exc))}")


async def share(update: Update, context: AttacheContext) -> None:
    """Admins only: without an argument, list the private storylines; with one, share it."""
    if not is_bot_admin(update, context):
        await reply(update, "This command is for the bot's administrators.")
        return
    app = context.app
    owners = await app.storylines.owners()
    if not context.args:
        if not owners:
            await reply(update, "Every storyline is shared; no chat has a private one.")
            return
        lines = ["<b>Private storylines</b> (share one with /share &lt;storyline&gt;)"]
        for slug, owner in sorted(owners.items())[:50]:
            title = app.storylines.title(slug)
            lines.append(f"• {esc(title)}\n  <code>{esc(slug)}</code> · chat {owner}")
        await reply(update, "\n".join(lines))
        return
    text = await required_arg(update, context, "Usage: <code>/share &lt;storyline&gt;</code>")
    if text is None:
        return
    slug = text.split()[0].lower()
    if slug not in app.storylines:
        await reply(update, f"I don't know a storyline called <code>{esc(slug)}</code>.")
        return
    if slug not in owners:
        await reply(update, f"<code>{esc(slug)}</code> is already shared with every chat.")
        return
    await app.storylines.share(slug)
    await reply(
        update,
        f"🔓 <b>{esc(app.storylines[slug].title)}</b> is now shared: every chat can see and "
        "follow it.",
    )
