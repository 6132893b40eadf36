"""End to end through the fake Bot API: a bot admin publishes a storyline to a channel, the
next matching item is posted there (no "Why" line, no buttons, paced like a group), and every
refusal is a clear answer: a channel the bot does not administer or may not post to, a group,
an unknown channel or storyline, a private storyline, a reader who is not a bot admin, and
arguments that are huge or not names at all."""

from __future__ import annotations

import asyncio
import time

from bot.telegram.application import run_due
from tests.integration import test_bot_e2e as e2e
from tests.integration.test_bot_e2e import ADMIN, FEED_ITEM, USER, BotEnv, buttons
from tests.integration.test_bot_private_storylines import track

bot_env = e2e.bot_env  # the real application against the fake Bot API

CHANNEL = -1001500000001
SLUG = "gulf-tour-2025"
# Our own second item for the storyline, to see a channel's pacing.
SECOND_ITEM = """
<item>
  <title>Hartmann lands in Muscat for talks on the strait</title>
  <link>https://wire.example/2025/05/hartmann-muscat</link>
  <guid>wire-9</guid>
  <pubDate>Mon, 12 May 2025 05:50:00 GMT</pubDate>
  <description>Foreign Minister Lena Hartmann landed in Muscat on Monday for talks with
  Omani officials about the strait, her spokesman said.</description>
</item>
"""


async def publications(env: BotEnv) -> list[tuple[int, str]]:
    return [(p.chat_id, p.slug) for p in await env.app.publishing.publications()]


async def test_an_admin_publishes_and_the_channel_gets_each_new_briefing_as_a_post(bot_env: BotEnv):
    """/publish checks the channel with Telegram, registers it with a channel's defaults, and
    the next matching items are posted there without the "Why" line or buttons, the second
    one only after a group's spacing (20 a minute); subscribers in private chats still get
    theirs with the feedback button."""
    bot_env.api.add_channel(CHANNEL, "gulf_briefs", title="Gulf Briefs")
    await bot_env.send(USER, f"/subscribe {SLUG}")
    done = await bot_env.send(ADMIN, f"/publish @Gulf_Briefs {SLUG}")
    assert "is published to @gulf_briefs" in done.text
    assert f"/unpublish @gulf_briefs {SLUG}" in done.text
    assert await publications(bot_env) == [(CHANNEL, SLUG)]
    channel = await bot_env.app.chats.get(CHANNEL)
    assert (channel.type, channel.show_why, channel.digest_times) == ("channel", False, ())
    again = await bot_env.send(ADMIN, f"/publish @gulf_briefs {SLUG}")
    assert "already publishes" in again.text

    bot_env.feed_path.write_text(FEED_ITEM.replace("</channel>", SECOND_ITEM + "</channel>"))
    await run_due(bot_env.application)
    first = await bot_env.api.wait_for_message(CHANNEL, lambda m: "Hartmann" in m.text, since=0)
    assert "Why:" not in first.text
    assert first.buttons == []
    assert len(bot_env.api.messages(CHANNEL)) == 1  # the second post waits for its turn
    private = await bot_env.api.wait_for_message(USER, lambda m: "Hartmann" in m.text and m.buttons, since=0)
    assert "Why:" in private.text
    bot_env.clock.advance(seconds=3)  # 60 s / 20 posts
    await run_due(bot_env.application)
    await bot_env.api.wait_until(lambda: len(bot_env.api.messages(CHANNEL)) == 2)
    assert {("Doha" in m.text, "Muscat" in m.text) for m in bot_env.api.messages(CHANNEL)} == {
        (True, False), (False, True)
    }


async def test_channels_the_bot_may_not_post_to_are_refused_with_the_reason(bot_env: BotEnv):
    """Not an administrator, an administrator without "Post messages", a group, a channel
    Telegram does not know: each gets its own answer and nothing is published."""
    bot_env.api.add_channel(CHANNEL, "not_ours", bot_admin=False)
    refused = await bot_env.send(ADMIN, f"/publish @not_ours {SLUG}")
    assert "I am not an administrator of @not_ours" in refused.text
    bot_env.api.add_channel(CHANNEL - 1, "no_posting", can_post=False)
    muted = await bot_env.send(ADMIN, f"/publish @no_posting {SLUG}")
    assert "may not post there" in muted.text
    bot_env.api.add_chat(-1001500000009, "supergroup", title="Talk", username="a_group_chat")
    group = await bot_env.send(ADMIN, f"/publish @a_group_chat {SLUG}")
    assert "is not a channel" in group.text
    unknown = await bot_env.send(ADMIN, f"/publish @nobody_owns_this {SLUG}")
    assert "knows no channel @nobody_owns_this" in unknown.text
    assert await publications(bot_env) == []


async def test_bad_arguments_and_readers_who_are_not_admins_get_clear_answers(bot_env: BotEnv):
    """A reader is told the command is for admins; an unknown or misspelt storyline, a private
    one, emoji, a 5,000-character argument and a wrong number of words each get a plain answer,
    and none of them publishes anything or calls Telegram about the channel."""
    bot_env.api.add_channel(CHANNEL, "gulf_briefs")
    reader = await bot_env.send(USER, f"/publish @gulf_briefs {SLUG}")
    assert "for the bot's administrators" in reader.text
    unknown = await bot_env.send(ADMIN, "/publish @gulf_briefs no-such-story")
    assert "don't know a storyline called no-such-story" in unknown.text
    close = await bot_env.send(ADMIN, "/publish @gulf_briefs gulf-tuor")
    assert "Did you mean gulf-tour-2025?" in close.text
    emoji = await bot_env.send(ADMIN, f"/publish 📰🌍 {SLUG}")
    assert "Name the channel by its @username" in emoji.text
    huge = await bot_env.send(ADMIN, "/publish @gulf_briefs " + "x" * 5000)
    assert "too long" in huge.text
    words = await bot_env.send(ADMIN, "/publish @gulf_briefs")
    assert "Usage: /publish @channel storyline" in words.text
    own = await track(bot_env, ADMIN, "Okafor watch", "Maria Okafor (Okafor)")
    private = await bot_env.send(ADMIN, f"/publish @gulf_briefs {own}")
    assert f"Share it with /share {own} first" in private.text
    assert await publications(bot_env) == []
    assert not [r for r in bot_env.api.requests if r.method.lower() == "getchatmember"]


async def test_the_bare_command_lists_publications_and_stops_them(bot_env: BotEnv):
    """/publish alone lists what goes to which channel with a Stop button each; the button and
    /unpublish stop a publication, and an admin-only button refuses a reader."""
    bot_env.api.add_channel(CHANNEL, "gulf_briefs", title="Gulf Briefs")
    empty = await bot_env.send(ADMIN, "/publish")
    assert "No storyline is published" in empty.text
    await bot_env.send(ADMIN, f"/publish @gulf_briefs {SLUG}")
    await bot_env.send(ADMIN, "/publish @gulf_briefs arctic-council")
    listing = await bot_env.send(ADMIN, "/publish")
    assert "Published to channels (2)" in listing.text
    assert "Foreign minister's Gulf tour → Gulf Briefs" in listing.text
    stops = buttons(listing)
    assert sorted(stops.values()) == [f"unp:{CHANNEL}:arctic-council", f"unp:{CHANNEL}:{SLUG}"]
    reader = await bot_env.press(listing, f"unp:{CHANNEL}:{SLUG}", user_id=USER)
    assert "for the bot's administrators" in reader["text"]
    assert len(await publications(bot_env)) == 2
    answer = await bot_env.press(listing, f"unp:{CHANNEL}:{SLUG}")
    assert "Stopped publishing" in answer["text"]
    assert await publications(bot_env) == [(CHANNEL, "arctic-council")]
    assert list(buttons(bot_env.current(listing)).values()) == [f"unp:{CHANNEL}:arctic-council"]
    stale = await bot_env.press(listing, f"unp:{CHANNEL}:{SLUG}")
    assert "already stopped" in stale["text"]
    missing = await bot_env.send(ADMIN, f"/unpublish @gulf_briefs {SLUG}")
    assert "does not publish" in missing.text
    assert "It publishes: arctic-council" in missing.text
    for bad, answer in (
        ("/unpublish", "Usage: /unpublish @channel storyline"),
        ("/unpublish 📰 arctic-council", "Name the channel by its @username"),
        ("/unpublish @gulf_briefs " + "y" * 5000, "too long"),
    ):
        assert answer in (await bot_env.send(ADMIN, bad)).text, bad
    reader = await bot_env.send(USER, "/unpublish @gulf_briefs arctic-council")
    assert "for the bot's administrators" in reader.text
    stopped = await bot_env.send(ADMIN, "/unpublish @gulf_briefs arctic")
    assert "Stopped publishing Arctic Council talks to @gulf_briefs" in stopped.text
    assert await publications(bot_env) == []


async def test_made_admin_of_a_channel_the_bot_says_nothing_and_removed_it_stops(bot_env: BotEnv):
    """Being made a channel's administrator registers the channel without a post (a hello
    would reach every reader); being removed deactivates it, so its publications stop."""
    chat = bot_env.api.add_channel(CHANNEL, "gulf_briefs", title="Gulf Briefs")
    admin = bot_env.api._member_json(CHANNEL, bot_env.api.bot_id)
    left = {"status": "left", "user": admin["user"]}
    bot_env.api._push_update(member_update(chat, left, admin))
    await until(bot_env, lambda state: state is not None and state.type == "channel")
    await bot_env.send(ADMIN, f"/publish @gulf_briefs {SLUG}")
    assert bot_env.api.messages(CHANNEL) == []
    bot_env.api._push_update(member_update(chat, admin, left))
    await until(bot_env, lambda state: not state.active)
    listing = await bot_env.send(ADMIN, "/publish")
    assert "No storyline is published" in listing.text
    assert bot_env.api.messages(CHANNEL) == []


async def until(env: BotEnv, holds, timeout: float = 5.0) -> None:  # noqa: ASYNC109
    """Wait until the stored channel satisfies `holds` (updates of other chats run alongside)."""
    async with asyncio.timeout(timeout):
        # the condition is a row in the database: there is no event to wait on
        while not holds(await env.app.chats.get(CHANNEL)):  # noqa: ASYNC110
            await asyncio.sleep(0.01)


def member_update(chat: dict, old: dict, new: dict) -> dict:
    """A my_chat_member update: the bot's standing in `chat` changed from `old` to `new`."""
    return {
        "my_chat_member": {
            "chat": chat,
            "from": {"id": 1_000, "is_bot": False, "first_name": "Owner"},
            "date": int(time.time()),
            "old_chat_member": old,
            "new_chat_member": new,
        }
    }
