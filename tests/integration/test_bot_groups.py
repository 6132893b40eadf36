"""End to end in groups and forum topics: only a group's admins change what it follows."""

from __future__ import annotations

from tests.integration import test_bot_e2e as e2e
from tests.integration.test_bot_e2e import ADMIN, BotEnv

bot_env = e2e.bot_env  # the same fixture: the real application against the fake Bot API

GROUP = -1001500
OWNER = 201
MEMBER = 202


async def test_group_members_who_are_not_admins_cannot_change_subscriptions(bot_env: BotEnv):
    """A plain member is refused by command and by button; the group's admin succeeds."""
    api = bot_env.api
    api.add_chat(GROUP, "supergroup", title="Policy desk")
    api.set_admins(GROUP, [OWNER])
    refused = await bot_env.send(GROUP, "/subscribe gulf-tour-2025", user_id=MEMBER)
    assert "administrators" in refused.text
    menu = await bot_env.send(GROUP, "/storylines", user_id=MEMBER)  # reading is open to all
    answer = await bot_env.press(menu, "sub:gulf-tour-2025:0", user_id=MEMBER)
    assert "administrators" in answer["text"]
    assert await bot_env.app.storage.chats.subscriptions(GROUP) == []
    paused = await bot_env.send(GROUP, "/pause", user_id=MEMBER)
    assert "administrators" in paused.text
    ok = await bot_env.send(GROUP, "/subscribe gulf-tour-2025", user_id=OWNER)
    assert "Subscribed" in ok.text
    chat = await bot_env.app.storage.chats.get(GROUP)
    assert chat.type == "supergroup"
    assert chat.title == "Policy desk"


async def test_subscription_in_a_forum_topic_keeps_the_topic(bot_env: BotEnv):
    """Subscribing inside a forum topic stores its message_thread_id; the reply goes there."""
    api = bot_env.api
    api.add_chat(GROUP, "supergroup", title="Forum")
    api.set_admins(GROUP, [OWNER])
    reply = await bot_env.send(GROUP, "/subscribe arctic-council", user_id=OWNER, thread_id=77)
    assert reply.thread_id == 77
    [sub] = await bot_env.app.storage.chats.subscriptions(GROUP)
    assert sub.thread_id == 77


async def test_bot_admins_from_config_may_manage_any_group(bot_env: BotEnv):
    """A user listed in telegram.admins is allowed even without group admin rights."""
    bot_env.api.add_chat(GROUP, "group", title="Small group")
    reply = await bot_env.send(GROUP, "/subscribe arctic-council", user_id=ADMIN)
    assert "Subscribed" in reply.text


async def test_in_groups_chatter_and_other_bots_commands_are_left_alone(bot_env: BotEnv):
    """Free text and commands addressed to no one or to another bot get no answer in a group;
    an unknown command addressed to this bot is answered with a pointer to /help."""
    bot_env.api.add_chat(GROUP, "group")
    bot_env.api.user_sends(GROUP, "just chatting", user_id=MEMBER)
    bot_env.api.user_sends(GROUP, "/weather", user_id=MEMBER)
    bot_env.api.user_sends(GROUP, "/nonsense@some_other_bot", user_id=MEMBER)
    reply = await bot_env.send(GROUP, f"/nonsense@{bot_env.api.bot_username}", user_id=MEMBER)
    assert "/help" in reply.text
    assert len(bot_env.api.messages(GROUP)) == 1


async def test_track_in_a_group_asks_with_a_forced_reply(bot_env: BotEnv):
    """In groups the bot only sees replies to itself, so /track questions open a reply."""
    bot_env.api.add_chat(GROUP, "supergroup", title="Desk")
    bot_env.api.set_admins(GROUP, [OWNER])
    first = await bot_env.send(GROUP, "/track", user_id=OWNER)
    assert "(1/5)" in first.text
    assert first.reply_markup == {"force_reply": True, "selective": True}
    second = await bot_env.send(GROUP, "Summit in Oslo", user_id=OWNER)
    assert "(2/5)" in second.text
    refused = await bot_env.send(GROUP, "/track", user_id=MEMBER)
    assert "administrators" in refused.text


async def test_commands_posted_in_a_channel_are_handled_by_its_admins(bot_env: BotEnv):
    """A channel post '/subscribe <slug>' (signed by the channel) subscribes the channel."""
    import time

    channel = bot_env.api.add_chat(-1009999, "channel", title="Briefing channel")
    bot_env.api._push_update(  # the fake has no driver for channel posts: queue Telegram's JSON
        {
            "channel_post": {
                "message_id": 1,
                "date": int(time.time()),
                "chat": channel,
                "sender_chat": channel,
                "text": "/subscribe arctic-council",
                "entities": [{"type": "bot_command", "offset": 0, "length": 10}],
            }
        }
    )
    reply = await bot_env.api.wait_for_message(-1009999, lambda m: "Subscribed" in m.text)
    assert "Arctic Council" in reply.text
    chat = await bot_env.app.storage.chats.get(-1009999)
    assert chat.type == "channel"
