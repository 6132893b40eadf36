"""End to end: a /track storyline exported as a TOML file (sendDocument) and redefined with
/edit by the chat that made it, keeping its slug and subscribers."""

from __future__ import annotations

import tomllib

import pytest
from telegram import Bot, InputFile
from telegram.error import BadRequest

from bot.storylines.definitions import parse_storyline
from bot.telegram.fake import FakeBotAPI
from tests.integration import test_bot_e2e as e2e
from tests.integration.test_bot_e2e import USER, BotEnv, buttons
from tests.integration.test_bot_private_storylines import OTHER_USER, SLUG, track

bot_env = e2e.bot_env  # the real application against the fake Bot API


def documents(env: BotEnv, chat_id: int) -> list:
    return [m for m in env.api.messages(chat_id) if m.document is not None]


async def test_export_sends_the_definition_as_a_toml_file(bot_env: BotEnv):
    """/export <slug> answers with a document whose bytes are TOML the loader reads back as
    the same storyline; a bare /export offers buttons; another chat cannot export it."""
    await track(bot_env, USER, "Okafor watch", "Maria Okafor (Okafor)")
    mark = bot_env.api.mark
    bot_env.api.user_sends(USER, f"/export {SLUG}")
    sent = await bot_env.api.wait_for_message(USER, lambda m: m.document is not None, since=mark)
    assert sent.document.file_name == f"{SLUG}.toml"
    assert "Okafor watch" in sent.text  # the caption
    exported = parse_storyline(tomllib.loads(sent.document.data.decode("utf-8")), "export")
    stored = bot_env.app.storylines[SLUG]
    assert (exported.slug, exported.title, exported.actors) == (stored.slug, stored.title, stored.actors)
    assert exported.require == stored.require
    question = await bot_env.send(USER, "/export")
    assert f"pk:export:{SLUG}" in buttons(question).values()
    await bot_env.press(question, f"pk:export:{SLUG}")
    assert len(documents(bot_env, USER)) == 2
    refused = await bot_env.send(OTHER_USER, f"/export {SLUG}")
    assert "don't know a storyline" in refused.text
    assert documents(bot_env, OTHER_USER) == []


async def test_edit_replaces_the_definition_and_keeps_slug_and_subscription(bot_env: BotEnv):
    """The /track steps again; saving keeps the slug and the chat's subscription and makes
    the new names the ones matched."""
    await track(bot_env, USER, "Okafor watch", "Maria Okafor (Okafor)")
    first = await bot_env.send(USER, f"/edit {SLUG}")
    assert "Editing Okafor watch" in first.text
    assert SLUG in first.text
    await bot_env.send(USER, "Okafor and Berg watch")
    await bot_env.send(USER, "Maria Okafor (Okafor), Jonas Berg (Berg)")
    await bot_env.send(USER, "Lagos")
    await bot_env.send(USER, "/skip")
    preview = await bot_env.send(USER, "/skip")
    assert "Jonas Berg" in preview.text
    await bot_env.press(preview, "tk:save", predicate=lambda m: "redefined" in m.text)
    story = bot_env.app.storylines[SLUG]
    assert story.title == "Okafor and Berg watch"
    assert [a.name for a in story.actors] == ["Maria Okafor", "Jonas Berg"]
    assert story.places == ("Lagos",)
    assert await bot_env.app.storylines.owner(SLUG) == USER
    assert [s.slug for s in await bot_env.app.chats.subscriptions(USER)] == [SLUG]
    assert (await bot_env.app.storage.storylines.get(SLUG)).title == "Okafor and Berg watch"


async def test_edit_is_refused_to_other_chats_and_for_storylines_from_files(bot_env: BotEnv):
    """Only the owner chat edits its storyline; file storylines are changed in their files."""
    await track(bot_env, USER, "Okafor watch", "Maria Okafor (Okafor)")
    other = await bot_env.send(OTHER_USER, f"/edit {SLUG}")
    assert "don't know a storyline" in other.text
    from_file = await bot_env.send(USER, "/edit gulf-tour-2025")
    assert "storyline files" in from_file.text
    bare = await bot_env.send(USER, "/edit")
    assert "Usage" in bare.text


async def test_the_fake_api_validates_send_document():
    """sendDocument as Telegram takes it: an upload with a name comes back as a document and
    can be sent again by file_id; an empty file, a missing one and an unknown id are refused."""
    async with FakeBotAPI() as api, Bot(api.token, base_url=api.base_url) as bot:
        message = await bot.send_document(7, InputFile(b"slug = 'x'\n", filename="x.toml"), caption="<b>X</b>", parse_mode="HTML")
        assert message.document.file_name == "x.toml"
        assert message.document.file_size == 11
        assert message.caption == "X"
        again = await bot.send_document(7, message.document.file_id)
        assert again.document.file_unique_id == message.document.file_unique_id
        with pytest.raises(BadRequest, match="(?i)non-empty"):
            await bot.send_document(7, InputFile(b"", filename="empty.toml"))
        with pytest.raises(BadRequest, match="(?i)wrong file identifier"):
            await bot.send_document(7, "no-such-file-id")
        with pytest.raises(BadRequest, match="(?i)caption is too long"):
            await bot.send_document(7, message.document.file_id, caption="x" * 1025)
        assert [m.document.file_name for m in api.messages(7)] == ["x.toml", "x.toml"]
