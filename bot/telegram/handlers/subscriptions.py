"""/storylines (paginated toggles edited in place), /subscribe, /unsubscribe, /mysubs."""

from __future__ import annotations

from telegram import Update

from bot.models import Storyline
from bot.telegram import keyboards as kb
from bot.telegram.context import AttacheContext
from bot.telegram.handlers.common import (
    GROUP_ADMINS_ONLY,
    can_manage_chat,
    definition_lines,
    ensure_chat,
    esc,
    follow,
    reply,
    slug_argument,
    storyline_titles,
)


def storylines_text(total: int, page: int) -> str:
    pages = kb.page_count(total)
    suffix = f" (page {page + 1} of {pages})" if pages > 1 else ""
    return f"<b>Storylines</b>{suffix}\nTap to subscribe or unsubscribe this chat; ℹ️ tells what one is about."


async def storylines(update: Update, context: AttacheContext) -> None:
    stories = await storyline_titles(update, context)
    if not stories:
        await reply(update, "There are no storylines yet. Create one with /track.")
        return
    state = await ensure_chat(update, context)
    subscribed = {s.slug for s in await context.app.chats.subscriptions(state.chat_id)}
    await reply(update, storylines_text(len(stories), 0), kb.storylines_keyboard(stories, subscribed, 0))


async def subscribe(update: Update, context: AttacheContext) -> None:
    slug = await slug_argument(update, context, "/subscribe <storyline>", "subscribe")
    if slug is not None:
        await subscribe_to(update, context, slug)


async def subscribe_to(update: Update, context: AttacheContext, slug: str) -> None:
    if not await can_manage_chat(update, context):
        await reply(update, GROUP_ADMINS_ONLY)
        return
    state = await ensure_chat(update, context)
    title = esc(context.app.storylines[slug].title)
    new, caught_up = await follow(update, context, state.chat_id, slug)
    if new:
        recent = f"\nRecent briefings ({caught_up}) follow in one message." if caught_up else ""
        await reply(update, f"✅ Subscribed to <b>{title}</b>.\nBriefings arrive as news comes in, and in your digest.{recent}\nChange that in /settings.")
    else:
        await reply(update, f"This chat already follows <b>{title}</b>.")


async def unsubscribe(update: Update, context: AttacheContext) -> None:
    chat = update.effective_chat
    assert chat is not None
    subs = await context.app.chats.subscriptions(chat.id)
    followed = [(sub.slug, context.app.storylines.title(sub.slug)) for sub in subs]
    slug = await slug_argument(
        update, context, "/unsubscribe <storyline>", "unsubscribe", offer=followed,
        none_to_offer="This chat follows no storylines.\nSee /storylines.",
    )
    if slug is not None:
        await unsubscribe_from(update, context, slug)


async def unsubscribe_from(update: Update, context: AttacheContext, slug: str) -> None:
    if not await can_manage_chat(update, context):
        await reply(update, GROUP_ADMINS_ONLY)
        return
    chat = update.effective_chat
    assert chat is not None
    title = esc(context.app.storylines[slug].title)
    if await context.app.chats.unsubscribe(chat.id, slug):
        await reply(update, f"Unsubscribed from <b>{title}</b>.")
    else:
        await reply(update, f"This chat does not follow <b>{title}</b>.")


async def mysubs(update: Update, context: AttacheContext) -> None:
    chat = update.effective_chat
    assert chat is not None
    subs = await context.app.chats.subscriptions(chat.id)
    if not subs:
        await reply(update, "This chat follows no storylines yet.\nSee /storylines.")
        return
    lines = ["<b>This chat follows</b>"]
    for sub in subs:
        story = context.app.storylines.get(sub.slug)
        title = esc(story.title) if story else esc(sub.slug) + " (no longer tracked)"
        lines.append(f"• {title}\n  <code>{esc(sub.slug)}</code> · {sub.mode}")
    state = await context.app.chats.get(chat.id)
    if state is not None and state.paused:
        lines.append("\n⏸ Deliveries are paused. /resume to restart them.")
    await reply(update, "\n".join(lines))


async def on_storylines_button(update: Update, context: AttacheContext, cb: kb.Callback) -> str | None:
    """Handle pg/sub/uns buttons: change the subscription and redraw the page in place."""
    query = update.callback_query
    assert query is not None
    stories = await storyline_titles(update, context)
    page = cb.int_arg(-1) if cb.action == "pg" else cb.int_arg(1)
    answer: str | None = None
    if cb.action in ("sub", "uns"):
        slug = kb.resolve_slug(cb.args[0], [s for s, _ in stories])  # only what it may see
        if slug is None:
            return "That storyline no longer exists. Send /storylines for the current list."
        if not await can_manage_chat(update, context):
            return GROUP_ADMINS_ONLY
        state = await ensure_chat(update, context)
        chats = context.app.chats
        title = context.app.storylines[slug].title
        if cb.action == "sub":
            await follow(update, context, state.chat_id, slug)
            answer = f"Subscribed to {title}"
        else:
            await chats.unsubscribe(state.chat_id, slug)
            answer = f"Unsubscribed from {title}"
    chat = update.effective_chat
    assert chat is not None
    subscribed = {s.slug for s in await context.app.chats.subscriptions(chat.id)}
    page = kb.clamp_page(page, len(stories))
    markup = kb.storylines_keyboard(stories, subscribed, page)
    if cb.action == "pg":
        await query.edit_message_text(
            storylines_text(len(stories), page), parse_mode="HTML", reply_markup=markup
        )
    else:
        # the text stays (it may be the /start greeting); only the toggles change
        await query.edit_message_reply_markup(reply_markup=markup)
    return answer


async def on_info_button(update: Update, context: AttacheContext, cb: kb.Callback) -> str | None:
    """ℹ️ next to a storyline: what it is about, answered in the chat."""
    stories = await storyline_titles(update, context)
    slug = kb.resolve_slug(cb.args[0], [s for s, _ in stories])  # only what it may see
    if slug is None:
        return "That storyline no longer exists. Send /storylines for the current list."
    await reply(update, storyline_card(context.app.storylines[slug]))
    return None


def storyline_card(story: Storyline) -> str:
    """A storyline's title, description and what it matches, in Telegram HTML."""
    lines = [f"<b>{esc(story.title)}</b>  <code>{esc(story.slug)}</code>"]
    if story.description:
        lines.append(esc(story.description))
    lines += definition_lines(story)
    lines.append(f"/latest {esc(story.slug)} · /timeline {esc(story.slug)}")
    return "\n".join(lines)
