"""End to end: storylines found by buttons, by prefix and by close spelling; titles told apart."""

from __future__ import annotations

from bot.models import Actor, Storyline
from tests.integration import test_bot_e2e as e2e
from tests.integration.test_bot_e2e import USER, BotEnv, buttons

bot_env = e2e.bot_env  # the real application against the fake Bot API


def after(env: BotEnv, mark: int, text: str) -> list[str]:
    """Texts the bot sent to USER after event `mark` that contain `text`."""
    return [m.text for m in env.api.messages(USER) if m.message_id > mark and text in m.text]


async def test_bare_latest_and_timeline_offer_buttons_that_run_the_command(bot_env: BotEnv):
    """No argument: a question with one button per storyline; a tap answers for that one."""
    question = await bot_env.send(USER, "/latest")
    assert "Which storyline?" in question.text
    assert buttons(question) == {
        "Arctic Council talks": "pk:latest:arctic-council",
        "Foreign minister's Gulf tour": "pk:latest:gulf-tour-2025",
    }
    answer = await bot_env.press(question, "pk:latest:gulf-tour-2025")
    assert answer.get("text") is None  # the answer is a message, not a toast
    assert after(bot_env, question.message_id, "Nothing matched")
    timeline = await bot_env.send(USER, "/timeline")
    await bot_env.press(timeline, "pk:timeline:arctic-council")
    assert after(bot_env, timeline.message_id, "Arctic Council talks: timeline")


async def test_bare_unsubscribe_offers_only_what_the_chat_follows(bot_env: BotEnv):
    """Nothing followed: it says so; otherwise only followed storylines are offered."""
    none = await bot_env.send(USER, "/unsubscribe")
    assert "follows no storylines" in none.text
    await bot_env.send(USER, "/subscribe arctic-council")
    question = await bot_env.send(USER, "/unsubscribe")
    assert list(buttons(question).values()) == ["pk:unsubscribe:arctic-council"]
    await bot_env.press(question, "pk:unsubscribe:arctic-council")
    assert after(bot_env, question.message_id, "Unsubscribed from")
    assert await bot_env.app.chats.subscriptions(USER) == []


async def test_a_unique_prefix_names_the_storyline_and_a_misspelling_gets_did_you_mean(bot_env: BotEnv):
    """`gulf` is the gulf tour; `gulf-tuor` is not, but a button offers it; `arc` suffices."""
    by_prefix = await bot_env.send(USER, "/subscribe gulf")
    assert "Subscribed to Foreign minister's Gulf tour" in by_prefix.text
    typo = await bot_env.send(USER, "/timeline gulf-tuor")
    assert "Did you mean" in typo.text
    assert buttons(typo) == {"Foreign minister's Gulf tour": "pk:timeline:gulf-tour-2025"}
    await bot_env.press(typo, "pk:timeline:gulf-tour-2025")
    assert after(bot_env, typo.message_id, "Gulf tour: timeline")
    short = await bot_env.send(USER, "/latest a")  # one letter is not trusted: a suggestion
    assert "Did you mean" in short.text


async def test_bad_storyline_arguments_get_clear_answers(bot_env: BotEnv):
    """Emoji, markup, unknown names and 5,000 characters: a plain reply each, no traceback."""
    emoji = await bot_env.send(USER, "/latest 🙂🙂")
    assert "don't know a storyline called" in emoji.text
    assert "🙂🙂" in emoji.text
    huge = await bot_env.send(USER, "/timeline " + "y" * 5000)
    assert "too long" in huge.text
    forged = await bot_env.press(huge, "pk:frobnicate:gulf-tour-2025")
    assert "no longer valid" in forged["text"]
    gone = await bot_env.press(huge, "pk:latest:no-such-story")
    assert "no longer exists" in gone["text"]


async def test_another_chats_private_storyline_cannot_be_picked(bot_env: BotEnv):
    """A forged pick of a storyline private to another chat is refused like an unknown one."""
    secret = Storyline(slug="secret-talks", title="Secret talks", actors=(Actor("Ines Varga"),))
    await bot_env.app.storylines.add(secret, owner_chat_id=999)
    menu = await bot_env.send(USER, "/latest")
    assert "pk:latest:secret-talks" not in buttons(menu).values()
    refused = await bot_env.press(menu, "pk:latest:secret-talks")
    assert "no longer exists" in refused["text"]


async def test_storylines_tells_alike_titles_apart_and_shows_a_description_on_tap(bot_env: BotEnv):
    """Two titles with the same long beginning get different labels; ℹ️ sends the description."""
    head = "The foreign ministers' conference on maritime security in the"
    for slug, end in (("maritime-north", "North Sea"), ("maritime-baltic", "Baltic Sea")):
        await bot_env.app.storylines.add(
            Storyline(
                slug=slug, title=f"{head} {end}", description=f"Talks about shipping in the {end}.",
                actors=(Actor("Ola Berg"),),
            )
        )
    listing = await bot_env.send(USER, "/storylines")
    labels = [label for label in buttons(listing) if label.startswith("➕ The foreign")]
    assert len(labels) == 2
    assert len(set(labels)) == 2
    assert any("Baltic" in label for label in labels)
    await bot_env.press(listing, "inf:maritime-baltic")
    [card] = after(bot_env, listing.message_id, "Talks about shipping in the Baltic Sea.")
    assert "Who: Ola Berg" in card
