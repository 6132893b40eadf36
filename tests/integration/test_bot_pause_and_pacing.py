"""End to end: a pause holds briefings for one catch-up on /resume; replies are paced per chat."""

from __future__ import annotations

from pathlib import Path

from bot.telegram.application import run_due
from bot.telegram.fake import RateLimits
from tests.integration import test_bot_e2e as e2e
from tests.integration.test_bot_e2e import USER, BotEnv

bot_env = e2e.bot_env  # the real application against the fake Bot API

# Invented wire items, three reports of the same (invented) tour.
STOPS = (
    ("hartmann-doha", "Hartmann arrives in Doha for talks on shipping lanes", "Doha"),
    ("hartmann-muscat", "Hartmann holds talks in Muscat on port access", "Muscat"),
    ("hartmann-doha-2", "Hartmann ends Doha talks with a joint statement", "Doha"),
)


def three_items_feed() -> str:
    items = "".join(
        f"""<item><title>{title}</title><link>https://wire.example/2025/05/{slug}</link>
<guid>{slug}</guid><pubDate>Mon, 12 May 2025 0{3 + i}:30:00 GMT</pubDate>
<description>Foreign Minister Lena Hartmann held talks in {place} on Monday with officials
about shipping lanes, her office said.</description></item>"""
        for i, (slug, title, place) in enumerate(STOPS)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Test Wire'
        "</title><link>https://wire.example/</link><description>Test feed</description>"
        f"{items}</channel></rss>"
    )


def briefings_in(env: BotEnv) -> list[str]:
    return [m.text for m in env.api.messages(USER) if "Hartmann" in m.text]


async def test_a_paused_chat_gets_what_was_held_as_one_catch_up_on_resume(bot_env: BotEnv):
    """Briefings arriving while paused are stored held (none sent); /resume sends all of them
    in one message, in order, and nothing is sent twice afterwards."""
    await bot_env.send(USER, "/subscribe gulf-tour-2025")
    paused = await bot_env.send(USER, "/pause")
    assert "kept" in paused.text
    assert "/resume" in paused.text
    bot_env.feed_path.write_text(three_items_feed())
    done = await run_due(bot_env.application)
    assert done["delivered"] == 0
    assert briefings_in(bot_env) == []
    held = await bot_env.app.storage.outbox.for_chat(USER, ["held"])
    assert len(held) == 3

    resumed = await bot_env.send(USER, "/resume")
    assert "3 briefings held while paused follow in one message" in resumed.text
    mark = bot_env.api.mark
    done = await run_due(bot_env.application)
    assert done["delivered"] == 1  # one message, not three
    catch_up = await bot_env.api.wait_for_message(USER, lambda m: "While this chat was paused" in m.text, since=mark)
    assert "3 briefings" in catch_up.text
    assert catch_up.parse_mode == "HTML"
    positions = [catch_up.text.index(title) for _, title, _ in STOPS]
    assert len(positions) == 3  # every held briefing is in it
    assert [r.status for r in await bot_env.app.storage.outbox.for_chat(USER, ["held"])] == []

    bot_env.clock.advance(hours=1)
    await run_due(bot_env.application)  # a later tick neither re-queues nor re-sends
    assert len(briefings_in(bot_env)) == 1


async def test_a_full_hold_drops_the_oldest_and_the_catch_up_says_how_many(bot_env: BotEnv):
    """With room for two, the third briefing pushes the oldest out; the catch-up names the count."""
    bot_env.app.chats.held_limit = 2
    await bot_env.send(USER, "/subscribe gulf-tour-2025")
    await bot_env.send(USER, "/pause")
    bot_env.feed_path.write_text(three_items_feed())
    await run_due(bot_env.application)
    outbox = bot_env.app.storage.outbox
    assert len(await outbox.for_chat(USER, ["held"])) == 2
    assert len(await outbox.for_chat(USER, ["dropped"])) == 1
    await bot_env.send(USER, "/resume")
    mark = bot_env.api.mark
    await run_due(bot_env.application)
    catch_up = await bot_env.api.wait_for_message(USER, lambda m: "While this chat was paused" in m.text, since=mark)
    assert "2 briefings" in catch_up.text
    assert "1 older briefing was dropped" in catch_up.text
    assert "latest 2" in catch_up.text


async def test_resume_with_nothing_held_sends_no_catch_up(bot_env: BotEnv):
    """A pause during which nothing arrived: /resume says nothing about held briefings."""
    await bot_env.send(USER, "/subscribe gulf-tour-2025")
    await bot_env.send(USER, "/pause")
    resumed = await bot_env.send(USER, "/resume")
    assert "held" not in resumed.text
    done = await run_due(bot_env.application)
    assert done["delivered"] == 0


async def _latest_then_timeline(env: BotEnv) -> None:
    """Three archived briefings, then /latest (three answers) and /timeline sent at once."""
    env.feed_path.write_text(three_items_feed())
    await run_due(env.application)
    mark = env.api.mark
    env.api.user_sends(USER, "/latest gulf-tour-2025")
    env.api.user_sends(USER, "/timeline gulf-tour-2025")
    await env.api.wait_for_message(
        USER, lambda m: m.text.split("\n")[0].endswith(": timeline"), timeout=20, since=mark
    )
    answers = [m for m in env.api.messages(USER) if m.text.startswith("📰 Hartmann")]
    assert len(answers) == 3


async def test_a_burst_of_replies_is_paced_and_draws_no_429(storage, tmp_path: Path):
    """/latest (three messages) then /timeline into one private chat, against Telegram's
    per-chat limit as the fake enforces it: every reply arrives and none is refused."""
    async with e2e.running_bot(
        storage, tmp_path, limits=RateLimits(), per_chat_spacing_s=1.0
    ) as env:
        await _latest_then_timeline(env)
        assert env.api.counters.rejected_429 == 0
        assert env.api.counters.per_chat_sent[USER] >= 4


async def test_without_pacing_the_same_burst_draws_a_429(storage, tmp_path: Path):
    """The check above means something: unpaced, the fake answers the burst with a 429."""
    async with e2e.running_bot(
        storage, tmp_path, limits=RateLimits(), per_chat_spacing_s=0.0
    ) as env:
        await _latest_then_timeline(env)
        assert env.api.counters.rejected_429 >= 1
