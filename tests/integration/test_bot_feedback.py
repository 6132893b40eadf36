"""End to end through the fake Bot API: a briefing's "not about this story" button, confirmed by
the storyline's owner, teaches the matcher so a later similar item is no longer briefed (and the
explanation says feedback decided); readers who may not teach a storyline are refused."""

from __future__ import annotations

from bot.storylines.feedback import MORE_LIKE, NOT_ABOUT
from bot.telegram import keyboards as kb
from bot.telegram.application import run_due
from tests.integration import test_bot_e2e as e2e
from tests.integration.test_bot_e2e import FEED_ITEM, USER, BotEnv, buttons
from tests.integration.test_bot_private_storylines import track

bot_env = e2e.bot_env  # the real application against the fake Bot API

NOT_ABOUT_LABEL = "🚫 Not about this story"
# Our own test texts: two visits by the tracked person that are not what the storyline is for.
FIRST_VISIT = """
<item>
  <title>Okafor opens a fish market in Lagos</title>
  <link>https://wire.example/2025/05/okafor-market</link>
  <guid>wire-3</guid>
  <pubDate>Mon, 12 May 2025 05:40:00 GMT</pubDate>
  <description>Trade Minister Maria Okafor opened a fish market in Lagos on Monday.</description>
</item>
"""
SECOND_VISIT = """
<item>
  <title>Okafor opens a bakery in Lagos</title>
  <link>https://wire.example/2025/05/okafor-bakery</link>
  <guid>wire-4</guid>
  <pubDate>Mon, 12 May 2025 06:50:00 GMT</pubDate>
  <description>Trade Minister Maria Okafor opened a bakery in Lagos on Monday.</description>
</item>
"""


async def briefed(env: BotEnv, items: str, headline: str):
    """Put `items` in the feed, poll, and return the briefing whose text has `headline`."""
    env.feed_path.write_text(FEED_ITEM.replace("</channel>", items + "</channel>"))
    mark = env.api.mark
    await run_due(env.application)
    return await env.api.wait_for_message(USER, lambda m: headline in m.text, since=mark)


async def test_owner_confirms_not_about_and_a_similar_item_is_no_longer_briefed(bot_env: BotEnv):
    """The briefing carries the button; pressing it asks to confirm; cancel puts it back;
    confirming stores the judgement with the terms it matched on, takes the buttons away,
    and the next visit of the same kind is neither matched nor briefed, with feedback named
    as what decided."""
    slug = await track(bot_env, USER, "Okafor watch", "Maria Okafor (Okafor)")
    briefing = await briefed(bot_env, FIRST_VISIT, "fish market")
    data = buttons(briefing)[NOT_ABOUT_LABEL]
    assert len(data.encode()) <= kb.MAX_CALLBACK_BYTES
    step, token, ref = kb.decode(data).args
    assert (step, token) == ("n", slug)
    asked = await bot_env.press(briefing, data, predicate=lambda m: m.edits == 1)
    assert "Confirm" in asked["text"]
    confirm = buttons(bot_env.current(briefing))
    assert set(confirm.values()) == {f"fb:yn:{slug}:{ref}", f"fb:cn:{slug}:{ref}"}
    await bot_env.press(briefing, f"fb:cn:{slug}:{ref}", predicate=lambda m: m.edits == 2)
    assert buttons(bot_env.current(briefing)) == {NOT_ABOUT_LABEL: data}
    await bot_env.press(briefing, f"fb:n:{slug}:{ref}", predicate=lambda m: m.edits == 3)
    done = await bot_env.press(briefing, f"fb:yn:{slug}:{ref}", predicate=lambda m: m.edits == 4)
    assert "Noted: not about Okafor watch" in done["text"]
    assert bot_env.current(briefing).buttons == []
    [example] = await bot_env.app.storage.feedback.examples()
    assert (example.slug, example.verdict) == (slug, NOT_ABOUT)
    assert example.article_id.startswith(ref)
    assert "okafor" in example.terms

    second = await bot_env.send(USER, "/help")  # a mark after which no briefing may come
    bot_env.feed_path.write_text(
        FEED_ITEM.replace("</channel>", FIRST_VISIT + SECOND_VISIT + "</channel>")
    )
    bot_env.clock.advance(hours=1)  # the feed is due again
    await run_due(bot_env.application)
    stored = await bot_env.app.storage.articles.fetched_since(e2e.START.replace(year=2000))
    [bakery] = [a for a in stored if "bakery" in a.title]
    assert await bot_env.app.storage.matches.for_article(bakery.id) == []
    later = [m for m in bot_env.api.messages(USER) if m.message_id > second.message_id]
    assert not [m for m in later if "bakery" in m.text]
    [verdict] = bot_env.app.pipeline.matcher.diagnose(
        bakery.id, bakery.title, bakery.text, bakery.published
    )
    assert "feedback decided: without it, matched" in verdict.line()


async def test_a_reader_who_may_not_teach_is_refused_and_nothing_is_recorded(bot_env: BotEnv):
    """A storyline from the bot's files is taught only by a bot admin: a reader's press is
    answered with that reason, the buttons stay, nothing is stored; a forged step or a button of
    a deleted storyline gets a clear answer."""
    await bot_env.send(USER, "/subscribe gulf-tour-2025")
    briefing = await briefed(bot_env, "", "Hartmann arrives")
    data = buttons(briefing)[NOT_ABOUT_LABEL]
    refused = await bot_env.press(briefing, data)
    assert "only a bot admin can teach it" in refused["text"]
    assert "nothing was recorded" in refused["text"]
    assert bot_env.current(briefing).edits == 0
    assert await bot_env.app.storage.feedback.examples() == []
    _, _, ref = kb.decode(data).args
    forged = await bot_env.press(briefing, f"fb:zz:gulf-tour-2025:{ref}")
    assert "not valid" in forged["text"]
    gone = await bot_env.press(briefing, f"fb:yn:no-such-story:{ref}")
    assert gone["text"] == "That storyline no longer exists."


async def test_more_like_this_is_confirmed_and_recorded_as_positive_evidence(bot_env: BotEnv):
    """The "more like this" step asks, can be cancelled back to its own button, and once
    confirmed by the owner stores a positive judgement with the terms the item names."""
    slug = await track(bot_env, USER, "Okafor watch", "Maria Okafor (Okafor)")
    briefing = await briefed(bot_env, FIRST_VISIT, "fish market")
    _, _, ref = kb.decode(buttons(briefing)[NOT_ABOUT_LABEL]).args
    await bot_env.press(briefing, f"fb:m:{slug}:{ref}", predicate=lambda m: m.edits == 1)
    await bot_env.press(briefing, f"fb:cm:{slug}:{ref}", predicate=lambda m: m.edits == 2)
    assert buttons(bot_env.current(briefing)) == {"➕ More like this for Okafor watch": f"fb:m:{slug}:{ref}"}
    await bot_env.press(briefing, f"fb:m:{slug}:{ref}", predicate=lambda m: m.edits == 3)
    done = await bot_env.press(briefing, f"fb:ym:{slug}:{ref}", predicate=lambda m: m.edits == 4)
    assert "Noted: more like this for Okafor watch" in done["text"]
    [example] = await bot_env.app.storage.feedback.examples()
    assert (example.slug, example.verdict) == (slug, MORE_LIKE)
    assert "okafor" in example.terms
    assert bot_env.app.pipeline.matcher.feedback.factor(slug, "okafor") > 1.0
