"""At start the bot takes back the outbox rows its own sender had claimed before a crash."""

from __future__ import annotations

from bot.telegram.application import on_start, run_due
from tests.integration import test_bot_e2e as e2e
from tests.integration.test_bot_e2e import USER, BotEnv

bot_env = e2e.bot_env  # the real application against the fake Bot API


async def test_start_up_releases_this_instances_claims_so_they_go_out_at_once(bot_env: BotEnv):
    """A row left "sending" by this instance (killed after claiming it) is sent by the first
    scheduler step after start, with the clock unmoved, not after its 180 s lease."""
    storage = bot_env.app.storage
    deliverer = bot_env.application.bot_data.deliverer
    await storage.outbox.enqueue(USER, "left behind by a crash", "notice:crash", "notice")
    [row] = await storage.outbox.claim(
        bot_env.clock(), 1, lease=deliverer.lease, claimant=deliverer.instance
    )
    assert (await run_due(bot_env.application))["delivered"] == 0  # the lease still holds it
    await on_start(bot_env.application)  # what a restart runs before serving
    mark = bot_env.api.mark
    assert (await run_due(bot_env.application))["delivered"] == 1
    await bot_env.api.wait_for_message(USER, lambda m: m.text == "left behind by a crash", since=mark)
    assert (await storage.outbox.get(row.id)).status == "sent"
