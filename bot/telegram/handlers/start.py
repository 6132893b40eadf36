"""/start, /help (generated from the command registry), and answers to unknown input."""

from __future__ import annotations

from telegram import Update

from bot.telegram import keyboards as kb
from bot.telegram.context import AttacheContext
from bot.telegram.handlers.common import (
    ensure_chat,
    esc,
    in_group,
    is_bot_admin,
    reply,
    storyline_titles,
)


async def start(update: Update, context: AttacheContext) -> None:
    state = await ensure_chat(update, context)
    subscribed = {s.slug for s in await context.app.chats.subscriptions(state.chat_id)}
    stories = await storyline_titles(update, context)
    lines = [
        "<b>Attaché — your diplomatic news briefings</b>",
        "",
        "I read news feeds and brief you on the storylines you follow:",
        "who met whom, where, when, and what was said.",
        "",
    ]
    page = 0
    # a shared link t.me/<bot>?start=<slug> opens on that storyline's page
    wanted = (context.args or [""])[0].lower()
    slugs = [slug for slug, _ in stories]
    if wanted in slugs:
        page = slugs.index(wanted) // kb.PAGE_SIZE
        lines.append(f"You came for <b>{esc(context.app.storylines[wanted].title)}</b>.")
    if stories:
        lines.append("Tap a storyline to follow it:")
    else:
        lines.append("No storylines yet. Create one with /track.")
    lines.append("Send /help for everything I can do.")
    markup = kb.storylines_keyboard(stories, subscribed, page) if stories else None
    await reply(update, "\n".join(lines), markup)


async def help_command(update: Update, context: AttacheContext) -> None:
    await reply(update, help_text(context, admin=is_bot_admin(update, context)))


def help_text(context: AttacheContext, *, admin: bool) -> str:
    """The help message, built from the same command list that is sent to setMyCommands."""
    lines = ["<b>What I can do</b>", ""]
    for spec in context.bot_data.commands:
        if not spec.admin:
            lines.append(spec.help_line())
    if admin:
        lines += ["", "<b>Admin</b>"]
        lines += [spec.help_line() for spec in context.bot_data.commands if spec.admin]
    return "\n".join(lines)


async def unknown_command(update: Update, context: AttacheContext) -> None:
    message = update.effective_message
    word = (message.text or "").split()[0] if message and message.text else ""
    word, _, addressee = word.partition("@")
    if in_group(update) and addressee.lower() != (context.bot.username or "").lower():
        return  # in a group, a command not addressed to us may be another bot's
    word = word[:40]
    await reply(update, f"I don't know the command <code>{esc(word)}</code>.\nSend /help to see what I can do.")


async def free_text(update: Update, context: AttacheContext) -> None:
    await reply(
        update,
        "I answer commands rather than messages.\n"
        "Try /storylines to follow a story, /latest &lt;storyline&gt; to read,\n"
        "or /help for the full list.",
    )
