"""End to end: a chat that starts following a storyline gets its recent briefings as ONE
catch-up message, not a flood; a freshly saved /track storyline gets the matches its preview
showed the same way."""

from __future__ import annotations

from bot.services.welcome import WELCOME_BRIEFINGS
from bot.telegram.application import run_due
from tests.integration import test_bot_e2e as e2e
from tests.integration.test_bot_e2e import FEED_ITEM, USER, BotEnv
from tests.integration.test_bot_private_storylines import track

bot_env = e2e.bot_env  # the real application against the fake Bot API

OTHER_USER = 102
# Our own test text: more items about the storyline's minister, a few minutes apart.
MORE = """
<item>
  <title>Hartmann meets shipping firms in Doha, day {n}</title>
  <link>https://wire.example/2025/05/hartmann-doha-{n}</link>
  <guid>wire-more-{n}</guid>
  <pubDate>Mon, 12 May 2025 05:{minute:02d}:00 GMT</pubDate>
  <description>Foreign Minister Lena Hartmann met shipping firms in Doha, meeting number {n}.</description>
</item>
"""


def _with_more(count: int) -> str:
    items = "".join(MORE.format(n=n, minute=31 + n) for n in range(count))
    return FEED_ITEM.replace("</channel>", items + "</channel>")


async def test_a_new_subscriber_gets_recent_briefings_in_one_message(bot_env: BotEnv):
    """Items arrive while nobody follows the storyline; /subscribe then queues one catch-up:
    the newest five briefings, oldest first, with the way to older news; a second /subscribe
    sends nothing more."""
    await bot_env.send(OTHER_USER, "/subscribe arctic-council")  # someone else, another story
    bot_env.feed_path.write_text(_with_more(WELCOME_BRIEFINGS))  # six items in all
    await run_due(bot_env.application)
    assert [m for m in bot_env.api.messages(USER) if "Hartmann" in m.text] == []
    before = len(bot_env.api.messages(USER))
    answer = await bot_env.send(USER, "/subscribe gulf-tour-2025")
    assert f"Recent briefings ({WELCOME_BRIEFINGS}) follow in one message." in answer.text
    await run_due(bot_env.application)
    catch_up = await bot_env.api.wait_for_message(USER, lambda m: m.text.startswith("📚"))
    assert catch_up.text.startswith(f"📚 Catching up on Foreign minister's Gulf tour: {WELCOME_BRIEFINGS} recent briefings")
    assert "Older news: /timeline gulf-tour-2025" in catch_up.text
    assert catch_up.text.count("📰") == WELCOME_BRIEFINGS
    assert "Hartmann arrives in Doha" not in catch_up.text  # the oldest is left out
    assert catch_up.text.index("day 0") < catch_up.text.index("day 4")
    assert len(bot_env.api.messages(USER)) == before + 2  # the answer and the one catch-up
    again = await bot_env.send(USER, "/subscribe gulf-tour-2025")
    assert "already follows" in again.text
    await run_due(bot_env.application)
    assert [m for m in bot_env.api.messages(USER) if m.text.startswith("📚")] == [catch_up]


async def test_nothing_recent_means_no_catch_up(bot_env: BotEnv):
    """A storyline with no matches yet: the subscription is confirmed, and no empty catch-up."""
    answer = await bot_env.send(USER, "/subscribe gulf-tour-2025")
    assert "Recent briefings" not in answer.text
    await run_due(bot_env.application)
    assert [m for m in bot_env.api.messages(USER) if m.text.startswith("📚")] == []


async def test_a_saved_track_storyline_brings_what_its_preview_showed(bot_env: BotEnv):
    """The /track preview finds a stored item; saving keeps it as the storyline's match and the
    chat gets it as one catch-up message (the archive item, whenever it was published)."""
    bot_env.feed_path.write_text(FEED_ITEM)
    await run_due(bot_env.application)
    bot_env.clock.advance(days=30)  # long after: only the preview can bring it back
    slug = await track(bot_env, USER, "Hartmann watch", "Lena Hartmann (Hartmann)")
    saved = bot_env.api.messages(USER)
    assert any("What the preview found follows in one message." in m.text for m in saved)
    await run_due(bot_env.application)
    catch_up = await bot_env.api.wait_for_message(USER, lambda m: m.text.startswith("📚"))
    assert "Catching up on Hartmann watch: 1 recent briefing" in catch_up.text
    assert "Hartmann arrives in Doha" in catch_up.text
    latest = await bot_env.send(USER, f"/latest {slug}", predicate=lambda m: "Hartmann" in m.text)
    assert "Doha" in latest.text  # the previewed match is stored with the storyline
