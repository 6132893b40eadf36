"""/track: a guided conversation that creates a storyline and previews what it would have matched."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Container
from dataclasses import dataclass
from datetime import date

from telegram import ForceReply, Update
from telegram.constants import ParseMode
from telegram.ext import CommandHandler, ConversationHandler, MessageHandler, filters

from bot.models import Actor, Storyline
from bot.services.welcome import EVERYTHING
from bot.telegram import keyboards as kb
from bot.telegram.context import AttacheContext
from bot.telegram.handlers.common import (
    GROUP_ADMINS_ONLY,
    can_manage_chat,
    definition_lines,
    ensure_chat,
    esc,
    follow,
    in_group,
    is_bot_admin,
    reply,
    slug_argument,
)
from bot.telegram.handlers.ownership import TRACK_SOURCE, may_untrack

TITLE, ACTORS, PLACES, KEYWORDS, WINDOW = range(5)
MAX_ITEMS = 12
MAX_ITEM_CHARS = 60
MAX_STORYLINES = 500
DRAFT_KEY = "track_draft"
CONVERSATION_TIMEOUT_S = 900
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_ACTOR = re.compile(r"^(?P<name>[^()]+?)\s*(?:\((?P<aliases>[^()]*)\))?$")


class TrackInputError(ValueError):
    """Input for a /track step that cannot be used; the message is shown to the user."""


@dataclass
class Draft:
    chat_id: int
    title: str = ""
    actors: tuple[Actor, ...] = ()
    places: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    window_start: date | None = None
    window_end: date | None = None
    editing: str = ""  # the slug of the storyline this draft redefines ("" for a new one)

    def storyline(self, slug: str) -> Storyline:
        if self.actors and (self.places or self.keywords):
            require: tuple[str, ...] = ("actor", "place|keyword")
        elif self.actors:
            require = ("actor",)
        else:
            require = ("place|keyword",)
        return Storyline(
            slug=slug,
            title=self.title,
            description="Created with /track",
            window_start=self.window_start,
            window_end=self.window_end,
            actors=self.actors,
            places=self.places,
            keywords=self.keywords,
            require=require,
            source="telegram /track",
        )


# ------------------------------------------------------------ parsing (pure)


def parse_title(text: str) -> str:
    title = " ".join(text.split())
    if not 3 <= len(title) <= 80:
        raise TrackInputError("A title needs 3 to 80 characters. Try again:")
    return title


def _items(text: str) -> list[str]:
    items = [" ".join(part.split()) for part in re.split(r"[,;\n]", text)]
    items = [i for i in items if i]
    if len(items) > MAX_ITEMS:
        raise TrackInputError(f"At most {MAX_ITEMS}, please. Try again:")
    for item in items:
        if len(item) > MAX_ITEM_CHARS + 40:
            raise TrackInputError(f"“{esc(item[:30])}…” is too long. Try again:")
    return list(dict.fromkeys(items))


def parse_actors(text: str) -> tuple[Actor, ...]:
    """'Mike Pompeo (Pompeo), Kim Jong Un (Kim / Chairman Kim)' → actors with aliases."""
    actors: list[Actor] = []
    for item in _items(text):
        m = _ACTOR.match(item)
        if not m or len(m.group("name")) > MAX_ITEM_CHARS:
            raise TrackInputError(f"I could not read “{esc(item[:40])}”. Write: Name (alias / alias)")
        aliases = tuple(
            a for a in (" ".join(x.split()) for x in (m.group("aliases") or "").split("/")) if a
        )
        name = m.group("name").strip()
        if len(name) < 2:
            raise TrackInputError("Names need at least 2 characters. Try again:")
        actors.append(Actor(name=name, aliases=tuple(a for a in aliases if a != name)))
    return tuple(actors)


def parse_terms(text: str) -> tuple[str, ...]:
    terms = _items(text)
    for term in terms:
        if len(term) < 2 or len(term) > MAX_ITEM_CHARS:
            raise TrackInputError("Each entry needs 2 to 60 characters. Try again:")
    return tuple(terms)


def parse_window(text: str) -> tuple[date, date]:
    found = _DATE.findall(text)
    if len(found) != 2:
        raise TrackInputError("Give two dates like <code>2018-10-01 2018-10-31</code>, or /skip:")
    try:
        start, end = date.fromisoformat(found[0]), date.fromisoformat(found[1])
    except ValueError:
        raise TrackInputError("One of those is not a real date. Try again:") from None
    if end < start:
        raise TrackInputError("The window ends before it starts. Try again:")
    return start, end


def slugify(title: str, taken: Container[str]) -> str:
    """A new, valid, short slug from a title (lower-case ASCII letters, digits and '-')."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    base = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")[:36].strip("-") or "storyline"
    slug, n = base, 2
    while slug in taken:
        slug = f"{base}-{n}"
        n += 1
    return slug


# ------------------------------------------------------------ the conversation


async def ask(update: Update, text: str) -> None:
    """A question the user answers in text. In groups the bot sees only replies to itself
    (privacy mode), so the question quotes the user and opens a reply for them."""
    if in_group(update):
        await reply(update, text, ForceReply(selective=True), quote=True)
    else:
        await reply(update, text)


async def begin(update: Update, context: AttacheContext) -> int:
    if not await can_manage_chat(update, context):
        await reply(update, GROUP_ADMINS_ONLY)
        return ConversationHandler.END
    chat = update.effective_chat
    assert chat is not None and context.user_data is not None
    full = await _full_text(context, chat.id)
    if full:
        await reply(update, full)
        return ConversationHandler.END
    context.user_data[DRAFT_KEY] = Draft(chat_id=chat.id)
    await ask(
        update,
        "<b>New storyline</b> (1/5)\nWhat is it called?\ne.g. <i>Foreign minister's Gulf tour, May 2025</i>\n/cancel to stop.",
    )
    return TITLE


async def begin_edit(update: Update, context: AttacheContext) -> int:
    """/edit <storyline>: the /track steps again for a storyline this chat made; saving
    replaces its definition and keeps its slug, subscriptions and matches."""
    slug = await slug_argument(update, context, "/edit <storyline>")
    chat = update.effective_chat
    if slug is None or chat is None:
        return ConversationHandler.END
    story = context.app.storylines[slug]
    refusal = may_untrack(
        await context.app.storylines.owner(slug), chat.id, is_bot_admin(update, context),
        story.source == TRACK_SOURCE, verb="edit",
    )
    if refusal:
        await reply(update, esc(refusal))
        return ConversationHandler.END
    if not await can_manage_chat(update, context):
        await reply(update, GROUP_ADMINS_ONLY)
        return ConversationHandler.END
    assert context.user_data is not None
    context.user_data[DRAFT_KEY] = Draft(chat_id=chat.id, editing=slug)
    await ask(
        update,
        f"<b>Editing {esc(story.title)}</b> (1/5); it stays <code>{esc(slug)}</code>.\n"
        "What is it called now?\n/cancel to keep it as it is.",
    )
    return TITLE


async def _full_text(context: AttacheContext, chat_id: int) -> str:
    """Why this chat cannot make another storyline now, or "" when it can."""
    if len(context.app.storylines) >= MAX_STORYLINES:
        return "I already track as many storylines as I can. Ask an admin to tidy up."
    cap = context.app.settings.storylines.max_per_chat
    if await context.app.storylines.count_owned(chat_id) >= cap:
        return (
            f"This chat already has {cap} storylines of its own, the most it may keep.\n"
            "Delete one with /untrack &lt;storyline&gt; (see /mysubs for the names)."
        )
    return ""


def _draft(context: AttacheContext) -> Draft:
    assert context.user_data is not None
    draft = context.user_data.get(DRAFT_KEY)
    if not isinstance(draft, Draft):
        raise TrackInputError("This draft has expired. Start again with /track.")
    return draft


async def _step(update: Update, context: AttacheContext, current: int) -> int:
    message = update.effective_message
    text = message.text if message and message.text else ""
    skipped = text.strip().split("@")[0] == "/skip"
    try:
        draft = _draft(context)
        if current == TITLE:
            if skipped:
                raise TrackInputError("A title is needed. What is it called?")
            draft.title = parse_title(text)
            await ask(update, "(2/5) <b>Who</b> is it about? Separate people with commas; other names in brackets:\n<i>Mike Pompeo (Pompeo), Moon Jae-in (Moon)</i>\n/skip if no one in particular.")
            return ACTORS
        if current == ACTORS:
            draft.actors = () if skipped else parse_actors(text)
            await ask(update, "(3/5) <b>Where?</b> Places, separated by commas:\n<i>Pyongyang, Seoul, Tokyo</i>\n/skip for anywhere.")
            return PLACES
        if current == PLACES:
            draft.places = () if skipped else parse_terms(text)
            await ask(update, "(4/5) <b>Keywords</b>, separated by commas:\n<i>denuclearization, summit</i>\n/skip for none.")
            return KEYWORDS
        if current == KEYWORDS:
            draft.keywords = () if skipped else parse_terms(text)
            if not draft.actors and not (draft.places or draft.keywords):
                draft.keywords = ()
                raise TrackInputError("I need at least one person, place or keyword to match on. Keywords:")
            await ask(update, "(5/5) <b>When?</b> Two dates:\n<i>2018-10-01 2018-10-31</i>\n/skip for no limit.")
            return WINDOW
        if current == WINDOW:
            if not skipped:
                draft.window_start, draft.window_end = parse_window(text)
            await _preview(update, context, draft)
            return ConversationHandler.END
    except TrackInputError as exc:
        await ask(update, str(exc))
        if "expired" in str(exc):
            return ConversationHandler.END
    return current


async def _preview(update: Update, context: AttacheContext, draft: Draft) -> None:
    story = draft.storyline(draft.editing or slugify(draft.title, context.app.storylines))
    found = await context.app.reading.preview(story, limit=5)
    lines = [f"<b>{esc(story.title)}</b>", *definition_lines(story), ""]
    if found:
        lines.append(f"<b>It would have matched</b> ({len(found)} newest):")
        for match, article in found:
            lines.append(f"• {esc(article.title[:100])}\n  <i>{esc(match.explain()[:120])}</i>")
    else:
        lines.append("It matches nothing in the archive yet; new items will be checked as they arrive.")
    await reply(
        update,
        "\n".join(lines),
        kb.choices_keyboard([("✅ Save and subscribe", "save"), ("✖️ Discard", "discard")]),
    )


async def title_step(update: Update, context: AttacheContext) -> int:
    return await _step(update, context, TITLE)


async def actors_step(update: Update, context: AttacheContext) -> int:
    return await _step(update, context, ACTORS)


async def places_step(update: Update, context: AttacheContext) -> int:
    return await _step(update, context, PLACES)


async def keywords_step(update: Update, context: AttacheContext) -> int:
    return await _step(update, context, KEYWORDS)


async def window_step(update: Update, context: AttacheContext) -> int:
    return await _step(update, context, WINDOW)


async def cancel(update: Update, context: AttacheContext) -> int:
    if context.user_data is not None:
        context.user_data.pop(DRAFT_KEY, None)
    await reply(update, "Stopped. Nothing was created.")
    return ConversationHandler.END


def conversation() -> ConversationHandler:
    def on(step):  # type: ignore[no-untyped-def]
        return [
            MessageHandler(filters.TEXT & ~filters.COMMAND, step),
            CommandHandler("skip", step),
        ]

    return ConversationHandler(
        entry_points=[CommandHandler("track", begin), CommandHandler("edit", begin_edit)],
        states={
            TITLE: on(title_step),
            ACTORS: on(actors_step),
            PLACES: on(places_step),
            KEYWORDS: on(keywords_step),
            WINDOW: on(window_step),
        },
        fallbacks=[CommandHandler("cancel", cancel), CommandHandler("track", begin)],
        name="track",
        allow_reentry=True,
        # a draft abandoned for this long ends, so later free text is not taken as its answer
        conversation_timeout=CONVERSATION_TIMEOUT_S,
    )


async def on_track_button(update: Update, context: AttacheContext, cb: kb.Callback) -> str | None:
    """The Save / Discard buttons under a preview."""
    query = update.callback_query
    assert query is not None and context.user_data is not None
    draft = context.user_data.get(DRAFT_KEY)
    chat = update.effective_chat
    if not isinstance(draft, Draft) or chat is None or draft.chat_id != chat.id or not draft.title:
        return "This draft has expired. Start again with /track."
    if cb.args[0] == "discard":
        context.user_data.pop(DRAFT_KEY, None)
        await query.edit_message_text("Discarded. Nothing was created.")
        return "Discarded"
    if cb.args[0] != "save":
        return "This button is not valid."
    if not await can_manage_chat(update, context):
        return GROUP_ADMINS_ONLY
    if draft.editing:
        return await _save_edit(update, context, draft)
    full = await _full_text(context, chat.id)  # another draft may have been saved meanwhile
    if full:
        context.user_data.pop(DRAFT_KEY, None)
        await query.edit_message_text(full, parse_mode=ParseMode.HTML)
        return "Not saved"
    story = draft.storyline(slugify(draft.title, context.app.storylines))
    await context.app.storylines.add(story, owner_chat_id=chat.id)
    await context.app.pipeline.welcome.keep_previewed(story)
    state = await ensure_chat(update, context)
    _, caught_up = await follow(update, context, state.chat_id, story.slug, since=EVERYTHING)
    context.user_data.pop(DRAFT_KEY, None)
    recent = "\nWhat the preview found follows in one message." if caught_up else ""
    await query.edit_message_text(
        f"✅ Now tracking <b>{esc(story.title)}</b> as <code>{esc(story.slug)}</code>.\n"
        f"This chat is subscribed. Only this chat sees it; /untrack deletes it.{recent}",
        parse_mode=ParseMode.HTML,
    )
    return "Saved"


async def _save_edit(update: Update, context: AttacheContext, draft: Draft) -> str:
    """Replace the edited storyline's definition, if it still exists."""
    query = update.callback_query
    assert query is not None and context.user_data is not None
    context.user_data.pop(DRAFT_KEY, None)
    if draft.editing not in context.app.storylines:
        await query.edit_message_text("That storyline was deleted meanwhile. Nothing was changed.")
        return "Not saved"
    story = draft.storyline(draft.editing)
    await context.app.storylines.replace(story)
    await query.edit_message_text(
        f"✏️ <b>{esc(story.title)}</b> is redefined; it is still <code>{esc(story.slug)}</code> "
        "and its subscribers keep it. /export sends the definition as a file.",
        parse_mode=ParseMode.HTML,
    )
    return "Saved"
