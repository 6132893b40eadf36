"""End to end: /timeline, /who, pagination of /storylines, and schedules rebuilt at start."""

from __future__ import annotations

from bot.models import Actor, Storyline
from bot.telegram.application import run_due
from tests.integration import test_bot_e2e as e2e
from tests.integration.test_bot_e2e import USER, BotEnv, buttons

bot_env = e2e.bot_env  # the same fixture: the real application against the fake Bot API


async def test_timeline_and_who_answer_for_known_inputs_and_refuse_bad_ones(bot_env: BotEnv):
    """/timeline needs a storyline, /who a name; both answer in Telegram HTML."""
    bot_env.feed_path.write_text(e2e.FEED_ITEM)
    await run_due(bot_env.application)
    timeline = await bot_env.send(USER, "/timeline gulf-tour-2025")
    assert "Gulf tour" in timeline.text
    assert timeline.parse_mode == "HTML"
    unknown = await bot_env.send(USER, "/timeline nowhere")
    assert "don't know a storyline" in unknown.text
    who = await bot_env.send(USER, "/who Lena Hartmann")
    assert "Hartmann" in who.text
    usage = await bot_env.send(USER, "/who")
    assert "Usage" in usage.text
    strange = await bot_env.send(USER, "/who <script>")
    assert "person's name" in strange.text


async def test_storylines_are_paginated_with_buttons_that_edit_the_list(bot_env: BotEnv):
    """More than five storylines: Next shows page two in the same message."""
    for i in range(6):
        await bot_env.app.storylines.add(
            Storyline(slug=f"extra-{i}", title=f"Extra story {i}", actors=(Actor(f"Person {i}"),))
        )
    first = await bot_env.send(USER, "/storylines")
    assert "page 1 of 2" in first.text
    assert buttons(first)["Next ›"] == "pg:1"
    await bot_env.press(
        first, "pg:1", predicate=lambda m: m.message_id == first.message_id and "page 2 of 2" in m.text
    )
    second = bot_env.current(first)
    assert "‹ Previous" in buttons(second)
    answer = await bot_env.press(second, "pg:1")  # the page already shown: nothing to edit
    assert answer["callback_query_id"]


async def test_schedules_are_rebuilt_from_the_database_at_start(bot_env: BotEnv):
    """A chat whose next digest time was lost gets one again from its stored settings."""
    chats = bot_env.app.storage.chats
    await chats.ensure(900, digest_times=["18:00"])
    await chats.update(900, next_digest_at=None)
    assert await bot_env.app.chats.rebuild_schedules() == 1
    chat = await chats.get(900)
    assert chat.next_digest_at is not None
    assert chat.next_digest_at.hour == 18
    assert await bot_env.app.chats.rebuild_schedules() == 0


async def test_a_long_answer_is_split_under_telegrams_limit(bot_env: BotEnv):
    """/mysubs for a chat following many storylines arrives as several valid messages."""
    chats = bot_env.app.storage.chats
    await chats.ensure(USER)
    for i in range(70):
        story = Storyline(
            slug=f"long-story-{i:02d}",
            title=f"A storyline with a rather long descriptive title, number {i:02d} of many",
            actors=(Actor(f"Person {i}"),),
        )
        await bot_env.app.storylines.add(story)
        await chats.subscribe(USER, story.slug)
    bot_env.api.user_sends(USER, "/mysubs")
    last = await bot_env.api.wait_for_message(USER, lambda m: "long-story-69" in m.text)
    answers = [m for m in bot_env.api.messages(USER) if m.message_id <= last.message_id]
    assert len(answers) >= 2
    assert all(len(m.raw_text) <= 4096 for m in answers)
    assert answers[0].text.startswith("This chat follows")
