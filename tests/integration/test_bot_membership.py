"""End to end: the bot blocked, removed, added to a group, and a group migrating to a supergroup.

The fake server has no driver method for these service updates, so the tests queue the update
JSON Telegram would send through its update queue.
"""

from __future__ import annotations

import time

from tests.integration import test_bot_e2e as e2e
from tests.integration.test_bot_e2e import USER, BotEnv

bot_env = e2e.bot_env  # the same fixture: the real application against the fake Bot API

GROUP = -4001
SUPERGROUP = -1004001


def member_update(chat: dict, old: str, new: str, bot_id: int) -> dict:
    bot_user = {"id": bot_id, "is_bot": True, "first_name": "Attaché"}
    return {
        "my_chat_member": {
            "chat": chat,
            "from": {"id": 1, "is_bot": False, "first_name": "Someone"},
            "date": int(time.time()),
            "old_chat_member": {"status": old, "user": bot_user},
            "new_chat_member": {"status": new, "user": bot_user, "until_date": 0}
            if new == "kicked"
            else {"status": new, "user": bot_user},
        }
    }


async def test_blocking_the_bot_deactivates_the_chat_and_writing_again_revives_it(bot_env: BotEnv):
    """A 'kicked' my_chat_member update stops deliveries; the user's next command restarts them."""
    await bot_env.send(USER, "/subscribe gulf-tour-2025")
    chat = bot_env.api.add_chat(USER)
    bot_env.api._push_update(member_update(chat, "member", "kicked", bot_env.api.bot_id))
    probe = await bot_env.send(USER, "/help")  # one chat's updates are handled in order
    assert probe.text
    assert not (await bot_env.app.storage.chats.get(USER)).active
    assert await bot_env.app.storage.chats.subscribers("gulf-tour-2025") == []
    await bot_env.send(USER, "/mysubs")
    await bot_env.send(USER, "/start")
    assert (await bot_env.app.storage.chats.get(USER)).active


async def test_added_to_a_group_the_bot_introduces_itself(bot_env: BotEnv):
    """Joining a group registers it and posts a short hello that points to /storylines."""
    chat = bot_env.api.add_chat(GROUP, "group", title="Desk")
    bot_env.api._push_update(member_update(chat, "left", "member", bot_env.api.bot_id))
    hello = await bot_env.api.wait_for_message(GROUP, lambda m: "/storylines" in m.text)
    assert "Attaché" in hello.text
    stored = await bot_env.app.storage.chats.get(GROUP)
    assert stored.type == "group"
    assert stored.title == "Desk"


async def test_group_migration_moves_subscriptions_to_the_supergroup(bot_env: BotEnv):
    """The service message with migrate_to_chat_id moves the chat's subscriptions."""
    bot_env.api.add_chat(GROUP, "group", title="Desk")
    bot_env.api.set_admins(GROUP, [301])
    await bot_env.send(GROUP, "/subscribe arctic-council", user_id=301)
    chat = bot_env.api.add_chat(GROUP)
    bot_env.api._push_update(
        {
            "message": {
                "message_id": 9000,
                "date": int(time.time()),
                "chat": chat,
                "from": {"id": 301, "is_bot": False, "first_name": "Admin"},
                "migrate_to_chat_id": SUPERGROUP,
            }
        }
    )
    await bot_env.send(GROUP, "/help", user_id=301)  # same chat: handled after the migration
    subs = await bot_env.app.storage.chats.subscriptions(SUPERGROUP)
    assert [s.slug for s in subs] == ["arctic-council"]
    assert await bot_env.app.storage.chats.subscriptions(GROUP) == []
