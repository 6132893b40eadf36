"""End to end: /track storylines are private to the chat that made them, capped per chat,
deleted by their owner with /untrack, and shared with every chat only by a bot admin."""

from __future__ import annotations

import dataclasses

from bot.telegram import keyboards as kb
from bot.telegram.application import run_due
from tests.integration import test_bot_e2e as e2e
from tests.integration.test_bot_e2e import ADMIN, FEED_ITEM, USER, BotEnv, buttons

bot_env = e2e.bot_env  # the real application against the fake Bot API

OTHER_USER = 102
SLUG = "okafor-watch"
# Our own test text: a second wire story, about someone only the private storyline follows.
PRIVATE_ITEM = """
<item>
  <title>Okafor opens trade talks with port officials in Lagos</title>
  <link>https://wire.example/2025/05/okafor-lagos</link>
  <guid>wire-2</guid>
  <pubDate>Mon, 12 May 2025 05:40:00 GMT</pubDate>
  <description>Trade Minister Maria Okafor opened talks with port officials in Lagos on
  Monday about customs delays, her ministry said.</description>
</item>
"""


async def track(env: BotEnv, chat_id: int, title: str, actors: str) -> str:
    """Walk the /track conversation in `chat_id` and save; returns the new slug."""
    await env.send(chat_id, "/track")
    await env.send(chat_id, title)
    await env.send(chat_id, actors)
    await env.send(chat_id, "/skip")
    await env.send(chat_id, "/skip")
    preview = await env.send(chat_id, "/skip")
    before = set(env.app.storylines)
    await env.press(preview, "tk:save", predicate=lambda m: "Now tracking" in m.text)
    [slug] = set(env.app.storylines) - before
    return slug


async def test_a_tracked_storyline_is_seen_and_briefed_only_in_its_own_chat(bot_env: BotEnv):
    """Another chat does not see it in /storylines, cannot /subscribe, /latest or press a forged
    button for it, and gets no briefing of it even with a subscription row forced in."""
    slug = await track(bot_env, USER, "Okafor watch", "Maria Okafor (Okafor)")
    assert slug == SLUG
    mine = await bot_env.send(USER, "/storylines")
    assert any("Okafor watch" in label for label in buttons(mine))
    theirs = await bot_env.send(OTHER_USER, "/storylines")
    assert not any("Okafor watch" in label for label in buttons(theirs))
    for command in (f"/subscribe {SLUG}", f"/latest {SLUG}", f"/timeline {SLUG}", f"/untrack {SLUG}"):
        answer = await bot_env.send(OTHER_USER, command)
        assert "don't know a storyline" in answer.text, command
        assert "Okafor watch" not in answer.text
    forged = await bot_env.press(theirs, kb.encode("sub", kb.slug_token(SLUG), 0))
    assert "no longer exists" in forged["text"]
    assert [s.slug for s in await bot_env.app.storage.chats.subscriptions(OTHER_USER)] == []
    # Even a subscription that got in some other way delivers nothing from a private storyline.
    await bot_env.app.storage.chats.subscribe(OTHER_USER, SLUG)
    await bot_env.app.storage.chats.subscribe(OTHER_USER, "gulf-tour-2025")
    bot_env.feed_path.write_text(FEED_ITEM.replace("</channel>", PRIVATE_ITEM + "</channel>"))
    mark = bot_env.api.mark
    await run_due(bot_env.application)
    await bot_env.api.wait_for_message(USER, lambda m: "Okafor opens" in m.text, since=mark)
    await bot_env.api.wait_for_message(OTHER_USER, lambda m: "Hartmann arrives" in m.text, since=mark)
    assert not [m for m in bot_env.api.messages(OTHER_USER) if "Okafor" in m.text]
    queued = await bot_env.app.storage.outbox.for_chat(OTHER_USER)  # sent or still waiting
    assert queued
    assert not [row for row in queued if "Okafor" in row.text]


async def test_the_per_chat_cap_holds_and_untrack_frees_a_place(bot_env: BotEnv):
    """With max_per_chat = 1 a second /track is refused with the way out (/untrack); the owner
    deletes the storyline, its subscription goes with it, and /track works again."""
    settings = bot_env.app.settings
    bot_env.app.settings = dataclasses.replace(
        settings, storylines=dataclasses.replace(settings.storylines, max_per_chat=1)
    )
    slug = await track(bot_env, USER, "Hartmann watch", "Lena Hartmann (Hartmann)")
    refused = await bot_env.send(USER, "/track")
    assert "the most it may keep" in refused.text
    assert "/untrack" in refused.text
    other = await track(bot_env, OTHER_USER, "Lund watch", "Anders Lund")  # a cap per chat
    assert other in bot_env.app.storylines
    gone = await bot_env.send(USER, f"/untrack {slug}")
    assert "Deleted" in gone.text
    assert slug not in bot_env.app.storylines
    assert await bot_env.app.storage.storylines.get(slug) is None
    assert await bot_env.app.storage.chats.subscriptions(USER) == []
    again = await bot_env.send(USER, "/track")
    assert "(1/5)" in again.text
    help_text = (await bot_env.send(USER, "/help")).text
    assert "/untrack" in help_text


async def test_only_a_bot_admin_shares_and_then_every_chat_sees_it(bot_env: BotEnv):
    """/share is refused to others; the admin lists private storylines and shares one; then
    another chat can follow it, its maker can no longer delete it, and file storylines are
    never deleted from a chat."""
    slug = await track(bot_env, USER, "Hartmann watch", "Lena Hartmann (Hartmann)")
    assert "administrators" in (await bot_env.send(USER, f"/share {slug}")).text
    listed = await bot_env.send(ADMIN, "/share")
    assert slug in listed.text
    assert f"chat {USER}" in listed.text
    shared = await bot_env.send(ADMIN, f"/share {slug}")
    assert "now shared" in shared.text
    followed = await bot_env.send(OTHER_USER, f"/subscribe {slug}")
    assert "Subscribed" in followed.text
    refused = await bot_env.send(USER, f"/untrack {slug}")
    assert "Only the chat that made" in refused.text
    files = await bot_env.send(ADMIN, "/untrack gulf-tour-2025")
    assert "storyline files" in files.text
    assert "gulf-tour-2025" in bot_env.app.storylines
    removed = await bot_env.send(ADMIN, f"/untrack {slug}")
    assert "Deleted" in removed.text
    assert await bot_env.app.storage.chats.subscriptions(OTHER_USER) == []
