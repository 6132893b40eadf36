"""Admin commands: /feeds, /addfeed, /removefeed (buttons), /status. Admins are user ids in config."""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable
from urllib.parse import urlsplit

from telegram import Update

from bot.ops.status import ago
from bot.telegram import keyboards as kb
from bot.telegram.context import AttacheContext
from bot.telegram.handlers.common import BadArgument, arg_text, esc, is_bot_admin, reply

MAX_URL_CHARS = 2048
NOT_ADMIN = "This command is for the bot's administrators."

Handler = Callable[[Update, AttacheContext], Awaitable[None]]


def admin_only(func: Handler) -> Handler:
    @functools.wraps(func)
    async def wrapper(update: Update, context: AttacheContext) -> None:
        if not is_bot_admin(update, context):
            await reply(update, NOT_ADMIN)
            return
        await func(update, context)

    return wrapper


def check_feed_url(text: str) -> str:
    """A feed URL an admin may add from a chat: http(s) with a host, nothing else."""
    url = text.strip()
    if not url:
        raise BadArgument("Usage: /addfeed <url>, e.g. /addfeed https://example.org/rss.xml")
    if len(url) > MAX_URL_CHARS or any(ch.isspace() for ch in url):
        raise BadArgument("That does not look like one URL.")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        # file: URLs would let a chat read the server's disk; they belong in the config file
        raise BadArgument("Feeds added from a chat must be http:// or https:// URLs.")
    return url


@admin_only
async def feeds(update: Update, context: AttacheContext) -> None:
    states = await context.app.feeds.list()
    if not states:
        await reply(update, "No feeds yet. Add one with /addfeed &lt;url&gt;.")
        return
    now = context.now
    icon = {"active": "🟢", "backoff": "🟠", "disabled": "🔴"}
    lines = [f"<b>Feeds</b> ({len(states)})"]
    for f in states[:30]:
        name = esc(f.title or f.url)
        line = f"{icon.get(f.state, '•')} {name}\n   polled {ago(f.last_polled_at, now)}, next {ago(f.next_poll_at, now)}"
        if f.error_count:
            line += f", {f.error_count} errors"
        if f.last_error and f.state != "active":
            line += f"\n   <i>{esc(f.last_error[:120])}</i>"
        lines.append(line)
    if len(states) > 30:
        lines.append(f"… and {len(states) - 30} more")
    await reply(update, "\n".join(lines))


@admin_only
async def addfeed(update: Update, context: AttacheContext) -> None:
    from bot.feeds.urlpolicy import UrlRefused, check_resolved

    try:
        url = check_feed_url(arg_text(context) if context.args else "")
        # Internal addresses (after DNS) are refused here too; each fetch checks again.
        await check_resolved(url, context.app.settings.feeds.allow_private)
    except (BadArgument, UrlRefused) as exc:
        await reply(update, esc(str(exc)))
        return
    known = await context.app.feeds.get(url)
    if known is not None:
        await reply(update, f"I already read <code>{esc(url)}</code> ({known.state}).")
        return
    await context.app.feeds.add(url)
    await reply(update, f"➕ Added <code>{esc(url)}</code>.\nIt will be read on the next poll.")


@admin_only
async def removefeed(update: Update, context: AttacheContext) -> None:
    states = await context.app.feeds.list()
    if not states:
        await reply(update, "There are no feeds to remove.")
        return
    await reply(
        update,
        "<b>Remove which feed?</b>",
        kb.remove_feeds_keyboard([(f.url, f.title) for f in states[:40]]),
    )


async def on_remove_feed_button(update: Update, context: AttacheContext, cb: kb.Callback) -> str | None:
    if not is_bot_admin(update, context):
        return NOT_ADMIN
    query = update.callback_query
    assert query is not None
    states = await context.app.feeds.list()
    url = next((f.url for f in states if kb.short_hash(f.url) == cb.args[0]), None)
    if url is None:
        return "That feed is already gone."
    await context.app.feeds.remove(url)
    rest = [(f.url, f.title) for f in states if f.url != url][:40]
    text = f"Removed <code>{esc(url)}</code>."
    await query.edit_message_text(
        text + ("\n<b>Remove another?</b>" if rest else ""),
        parse_mode="HTML",
        reply_markup=kb.remove_feeds_keyboard(rest) if rest else None,
    )
    return "Feed removed"


async def _coordination_lines(context: AttacheContext) -> list[str]:
    """Which send budget is in force and, with several instances, what this one does."""
    describe = getattr(context.bot.rate_limiter, "describe", None)
    budget = describe() if describe is not None else "this instance's own (no telegram.redis_url)"
    lines = [f"Send budget: {esc(budget)}"]
    running = await context.app.status.instances_running()
    if running is not None:
        updater = context.application.updater
        role = "receives the updates" if updater is not None and updater.running else "stands by"
        lines.append(f"Instances: {len(running)} running; this one {role}")
    return lines


@admin_only
async def status(update: Update, context: AttacheContext) -> None:
    """What `attache status` prints (read from the database), then what only this process
    knows: a poll running now, its send budget and role, and the errors it survived."""
    data = context.bot_data
    now = context.now
    lines = [await context.app.status.render("html")]
    if data.tick_task is not None and not data.tick_task.done():
        lines.append("(a poll is running now)")
    lines.extend(await _coordination_lines(context))
    if data.errors:
        lines.append("<b>Recent errors</b>")
        for note in list(data.errors)[-5:]:
            lines.append(f"• {ago(note.at, now)} in {esc(note.where)}: {esc(note.message[:120])}")
    else:
        lines.append("No errors since this process started.")
    await reply(update, "\n".join(lines))
