"""The "not about this story" / "more like this" buttons: ask, confirm by button, record.

A press asks the reader to confirm; the confirmation records the judgement through the feedback
service (which decides who may teach a storyline). Buttons of a storyline or an item that is
gone are answered with what happened, and the buttons are taken away.
"""

from __future__ import annotations

from telegram import Update

from bot.services.feedback import confirmation
from bot.storylines.feedback import MORE_LIKE, NOT_ABOUT
from bot.telegram import keyboards as kb
from bot.telegram.context import AttacheContext
from bot.telegram.handlers.common import can_manage_chat, is_bot_admin

STORYLINE_GONE = "That storyline no longer exists."
ARTICLE_GONE = "That item is no longer stored, so it cannot teach the storyline."
VERDICT_OF = {"yn": NOT_ABOUT, "ym": MORE_LIKE}


async def on_feedback_button(
    update: Update, context: AttacheContext, cb: kb.Callback
) -> str | None:
    query, chat, user = update.callback_query, update.effective_chat, update.effective_user
    assert query is not None and chat is not None and user is not None
    step, token, ref = cb.args
    app = context.app
    slug = kb.resolve_slug(token, app.storylines)
    if slug is None:
        await query.edit_message_reply_markup(reply_markup=None)
        return STORYLINE_GONE
    refusal = await app.feedback.refusal(
        slug,
        chat.id,
        bot_admin=is_bot_admin(update, context),
        chat_admin=await can_manage_chat(update, context),
    )
    if refusal:
        return refusal
    if step not in VERDICT_OF:  # ask ("n", "m") or cancel ("cn", "cm"): redraw the buttons
        markup = kb.feedback_keyboard(slug, ref, step, title=app.storylines.title(slug))
        await query.edit_message_reply_markup(reply_markup=markup)
        return None if step.startswith("c") else "Confirm with the button below."
    article_id = await app.feedback.article_id(ref)
    if article_id is None:
        await query.edit_message_reply_markup(reply_markup=None)
        return ARTICLE_GONE
    try:
        example = await app.feedback.confirm(slug, article_id, VERDICT_OF[step], user.id)
    except KeyError:  # deleted between the press and now
        await query.edit_message_reply_markup(reply_markup=None)
        return STORYLINE_GONE
    await query.edit_message_reply_markup(reply_markup=None)
    return confirmation(example.verdict, app.storylines.title(slug))
