"""End to end through the fake Bot API: /latest shows whoever may teach a storyline the recent
items it narrowly missed, each with "More like this for <storyline>"; confirming records a
positive example, and the next item like it is matched and briefed, its "Why" line saying that
readers' feedback decided. Readers who may not teach the storyline are not offered the button."""

from __future__ import annotations

from bot.storylines.feedback import MORE_LIKE
from bot.telegram import keyboards as kb
from bot.telegram.application import run_due
from tests.integration import test_bot_e2e as e2e
from tests.integration.test_bot_e2e import ADMIN, FEED_ITEM, USER, BotEnv, buttons

bot_env = e2e.bot_env  # the real application against the fake Bot API

SLUG = "gulf-tour-2025"
STORY_TITLE = "Foreign minister's Gulf tour"
MORE_LABEL = f"➕ More like this for {STORY_TITLE}"


def insurers_item(cargo: str, guid: str, hour: int) -> str:
    """Our own test text: the minister named once in the lead, the talks once further down,
    too little for the storyline on its own."""
    return f"""
<item>
  <title>Insurers lift premiums for {cargo} ships</title>
  <link>https://wire.example/2025/05/premiums-{cargo}</link>
  <guid>{guid}</guid>
  <pubDate>Mon, 12 May 2025 {hour:02d}:10:00 GMT</pubDate>
  <description>Marine insurers lifted premiums for {cargo} ships on Monday, a day after a warning
  by Hartmann about risks at sea. Brokers in London said the new rates applied to every vessel
  crossing the region and would be reviewed at the end of the quarter, when the season's figures
  are known to the underwriters and the shipping firms that pay them.

  Shipping firms said the costs would be passed on to their customers. Brokers expect the
  premiums to stay high until the talks end.</description>
</item>
"""


TANKERS = insurers_item("tanker", "wire-21", 5)
GRAIN = insurers_item("grain", "wire-22", 6)


def feed(*items: str) -> str:
    return FEED_ITEM.replace("</channel>", "".join(items) + "</channel>")


async def latest_answers(env: BotEnv, chat_id: int) -> list[str]:
    """The texts /latest answers in `chat_id` with (a /help after it marks the end)."""
    before = max((m.message_id for m in env.api.messages(chat_id)), default=0)
    env.api.user_sends(chat_id, f"/latest {SLUG}")
    end = await env.send(chat_id, "/help", predicate=lambda m: m.text.startswith("What I can do"))
    return [m.text for m in env.api.messages(chat_id) if before < m.message_id < end.message_id]


async def test_a_near_miss_taught_by_an_admin_makes_the_next_like_it_match(bot_env: BotEnv):
    """The admin's /latest ends with the missed item, why it was missed and the button; a
    reader's /latest has no such offer; confirming records the positive example and the
    judged item is no longer offered; the next similar item is briefed to subscribers with
    the Why line naming readers' feedback as what decided."""
    await bot_env.send(USER, f"/subscribe {SLUG}")
    bot_env.feed_path.write_text(feed(TANKERS))
    await run_due(bot_env.application)
    await bot_env.api.wait_for_message(USER, lambda m: "Doha" in m.text, since=0)
    stored = await bot_env.app.storage.articles.fetched_since(e2e.START.replace(year=2000))
    [tankers] = [a for a in stored if "tanker" in a.title]
    assert await bot_env.app.storage.matches.for_article(tankers.id) == []

    offer = await bot_env.send(ADMIN, f"/latest {SLUG}", predicate=lambda m: "Not matched to" in m.text)
    assert "Insurers lift premiums for tanker ships" in offer.text
    assert "Why not: score" in offer.text
    assert "below the threshold" in offer.text
    data = buttons(offer)[MORE_LABEL]
    step, token, ref = kb.decode(data).args
    assert (step, token) == ("m", SLUG)
    assert tankers.id.startswith(ref)
    reader = await latest_answers(bot_env, USER)
    assert any("Doha" in t for t in reader)
    assert not [t for t in reader if "Not matched to" in t]

    await bot_env.press(offer, data, predicate=lambda m: m.edits == 1)
    await bot_env.press(offer, f"fb:cm:{SLUG}:{ref}", predicate=lambda m: m.edits == 2)
    assert buttons(bot_env.current(offer)) == {MORE_LABEL: data}  # cancelled: the offer is back
    await bot_env.press(offer, data, predicate=lambda m: m.edits == 3)
    done = await bot_env.press(offer, f"fb:ym:{SLUG}:{ref}", predicate=lambda m: m.edits == 4)
    assert f"Noted: more like this for {STORY_TITLE}" in done["text"]
    [example] = await bot_env.app.storage.feedback.examples()
    assert (example.slug, example.article_id, example.verdict) == (SLUG, tankers.id, MORE_LIKE)
    assert set(example.terms) == {"hartmann", "talks"}
    again = await latest_answers(bot_env, ADMIN)
    assert any("Doha" in t for t in again)
    assert not [t for t in again if "Not matched" in t]  # the judged item is not offered again

    bot_env.feed_path.write_text(feed(TANKERS, GRAIN))
    bot_env.clock.advance(hours=1)  # the feed is due again
    await run_due(bot_env.application)
    briefing = await bot_env.api.wait_for_message(USER, lambda m: "grain ships" in m.text, since=0)
    assert "readers' feedback: Lena Hartmann ×1.50, talks ×1.50" in briefing.text
    assert "(it decided: without it, not matched)" in briefing.text
    [grain] = [a for a in await bot_env.app.storage.articles.fetched_since(e2e.START) if "grain" in a.title]
    [match] = await bot_env.app.storage.matches.for_article(grain.id)
    assert "it decided" in match.feedback  # kept with the match, so /latest says it as well


async def test_a_group_reading_a_shared_storyline_is_offered_nothing_and_costs_no_admin_check(
    bot_env: BotEnv,
):
    """In a group, /latest of a storyline from the bot's files answers with its briefings and no
    near-miss offer, for its administrator as for any member (only a bot admin teaches such a
    storyline), and without asking Telegram who administers the group (no getChatMember)."""
    group, owner, member = -1001700, 701, 702
    bot_env.api.add_chat(group, "supergroup", title="Policy desk")
    bot_env.api.set_admins(group, [owner])
    bot_env.feed_path.write_text(feed(TANKERS))
    await run_due(bot_env.application)
    for user in (owner, member):
        before = len(bot_env.api.requests)
        bot_env.api.user_sends(group, f"/latest {SLUG}", user_id=user)
        end = await bot_env.send(
            group, "/help", user_id=user, predicate=lambda m: m.text.startswith("What I can do")
        )
        answers = [m.text for m in bot_env.api.messages(group) if m.message_id < end.message_id]
        assert any("Doha" in t for t in answers)
        assert not [t for t in answers if "Not matched to" in t]
        asked = [r.method for r in bot_env.api.requests[before:] if r.method.lower() == "getchatmember"]
        assert asked == []
