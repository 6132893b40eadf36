"""End to end: /settings by buttons, /pause and /resume, and the guided /track conversation."""

from __future__ import annotations

from datetime import UTC, datetime

from tests.integration import test_bot_e2e as e2e
from tests.integration.test_bot_e2e import USER, BotEnv, buttons

bot_env = e2e.bot_env  # the same fixture: the real application against the fake Bot API


def edited(message):
    return lambda m: m.message_id == message.message_id and m.edits > message.edits


async def test_settings_buttons_change_timezone_times_and_quiet_hours(bot_env: BotEnv):
    """Each settings button edits the menu in place and reschedules the next digest."""
    menu = await bot_env.send(USER, "/settings")
    assert "Timezone: UTC" in menu.text
    assert "08:00" in menu.text
    await bot_env.press(menu, "tzm", predicate=edited(menu))
    tz_menu = bot_env.current(menu)
    tokyo = buttons(tz_menu)["Asia/Tokyo"]
    answer = await bot_env.press(tz_menu, tokyo, predicate=edited(tz_menu))
    assert answer["text"] == "Timezone: Asia/Tokyo"
    chat = await bot_env.app.storage.chats.get(USER)
    assert chat.timezone == "Asia/Tokyo"
    # 08:00 in Tokyo is 23:00 UTC: the first one after 06:00 UTC on 12 May
    assert chat.next_digest_at == datetime(2025, 5, 12, 23, 0, tzinfo=UTC)

    current = bot_env.current(menu)
    await bot_env.press(current, "dtm", predicate=edited(current))
    current = bot_env.current(menu)
    await bot_env.press(current, "dt:1800", predicate=edited(current))
    current = bot_env.current(menu)
    await bot_env.press(current, "dt:0800", predicate=edited(current))
    chat = await bot_env.app.storage.chats.get(USER)
    assert chat.digest_times == ("18:00",)
    assert chat.next_digest_at == datetime(2025, 5, 12, 9, 0, tzinfo=UTC)

    await bot_env.press(current, "q:1", predicate=edited(bot_env.current(menu)))
    chat = await bot_env.app.storage.chats.get(USER)
    assert chat.quiet == ("22:00", "07:00")


async def test_settings_refuse_out_of_range_choices(bot_env: BotEnv):
    """A forged timezone index or digest time that is not offered gets a clear answer."""
    menu = await bot_env.send(USER, "/settings")
    answer = await bot_env.press(menu, "tz:99")
    assert "not offered" in answer["text"]
    answer = await bot_env.press(menu, "dt:0315")
    assert "not offered" in answer["text"]
    assert (await bot_env.app.storage.chats.get(USER)).timezone == "UTC"


async def test_delivery_mode_per_storyline_by_buttons(bot_env: BotEnv):
    """The per-storyline menu switches a subscription between instant, digest and both."""
    await bot_env.send(USER, "/subscribe gulf-tour-2025")
    menu = await bot_env.send(USER, "/settings")
    await bot_env.press(menu, "mm", predicate=edited(menu))
    modes = bot_env.current(menu)
    assert "m:gulf-tour-2025:d" in buttons(modes).values()
    answer = await bot_env.press(modes, "m:gulf-tour-2025:d", predicate=edited(modes))
    assert answer["text"] == "Digest delivery"
    [sub] = await bot_env.app.storage.chats.subscriptions(USER)
    assert sub.mode == "digest"
    assert await bot_env.app.storage.chats.subscribers("gulf-tour-2025") == []
    stale = await bot_env.press(modes, "m:arctic-council:i")
    assert "no longer follows" in stale["text"]


async def test_pause_and_resume_stop_and_restart_deliveries(bot_env: BotEnv):
    """A paused chat receives no instant briefings until it resumes."""
    await bot_env.send(USER, "/subscribe gulf-tour-2025")
    paused = await bot_env.send(USER, "/pause")
    assert "Paused" in paused.text
    assert await bot_env.app.storage.chats.subscribers("gulf-tour-2025") == []
    again = await bot_env.send(USER, "/pause")
    assert "already paused" in again.text
    resumed = await bot_env.send(USER, "/resume")
    assert "Resumed" in resumed.text
    assert [s.chat_id for s in await bot_env.app.storage.chats.subscribers("gulf-tour-2025")] == [USER]


async def test_track_walks_through_the_steps_previews_and_saves(bot_env: BotEnv):
    """/track asks title, actors, places, keywords, window; saving creates and subscribes."""
    first = await bot_env.send(USER, "/track")
    assert "(1/5)" in first.text
    assert "(2/5)" in (await bot_env.send(USER, "Border talks in Geneva")).text
    assert "(3/5)" in (await bot_env.send(USER, "Maria Okafor (Okafor), Jonas Berg")).text
    assert "(4/5)" in (await bot_env.send(USER, "Geneva")).text
    assert "(5/5)" in (await bot_env.send(USER, "/skip")).text
    bad = await bot_env.send(USER, "2025-06-30 2025-06-01")
    assert "ends before it starts" in bad.text
    preview = await bot_env.send(USER, "2025-06-01 2025-06-30")
    assert "Border talks in Geneva" in preview.text
    assert "Who: Maria Okafor, Jonas Berg" in preview.text
    assert "matches nothing in the archive yet" in preview.text
    answer = await bot_env.press(preview, "tk:save", predicate=edited(preview))
    assert answer["text"] == "Saved"
    story = bot_env.app.storylines["border-talks-in-geneva"]
    assert story.actors[0].aliases == ("Okafor",)
    assert story.places == ("Geneva",)
    assert story.require == ("actor", "place|keyword")
    assert str(story.window_start) == "2025-06-01"
    subs = [s.slug for s in await bot_env.app.storage.chats.subscriptions(USER)]
    assert "border-talks-in-geneva" in subs
    assert await bot_env.app.storage.storylines.get("border-talks-in-geneva") is not None
    stale = await bot_env.press(preview, "tk:save")
    assert "expired" in stale["text"]


async def test_track_can_be_cancelled_and_refuses_unusable_input(bot_env: BotEnv):
    """A too-short title is asked again; /cancel ends the conversation and creates nothing."""
    await bot_env.send(USER, "/track")
    again = await bot_env.send(USER, "x")
    assert "3 to 80 characters" in again.text
    assert "(2/5)" in (await bot_env.send(USER, "Valid title")).text
    stopped = await bot_env.send(USER, "/cancel")
    assert "Nothing was created" in stopped.text
    assert len(bot_env.app.storylines) == 2
    after = await bot_env.send(USER, "plain text again")
    assert "/help" in after.text  # back to normal conversation


async def test_timezone_command_accepts_any_iana_zone_and_refuses_others(bot_env: BotEnv):
    """/timezone sets a zone the buttons do not list; a wrong name gets a clear answer."""
    usage = await bot_env.send(USER, "/timezone")
    assert "Usage" in usage.text
    wrong = await bot_env.send(USER, "/timezone Mars/Olympus_Mons")
    assert "not a time zone" in wrong.text
    ok = await bot_env.send(USER, "/timezone Europe/Berlin")
    assert "Timezone: Europe/Berlin" in ok.text
    chat = await bot_env.app.storage.chats.get(USER)
    # 08:00 in Berlin (summer time) is 06:00 UTC; it is 06:00 now, so the next one is tomorrow
    assert chat.next_digest_at == datetime(2025, 5, 13, 6, 0, tzinfo=UTC)


async def test_timezone_command_refuses_areas_and_finds_cities(bot_env: BotEnv):
    """/timezone Europe (a zoneinfo folder) is refused with zones to tap, not "something went
    wrong"; a city name (one in a zone key, or one only the gazetteer knows) or another
    capitalisation sets the real key."""
    area = await bot_env.send(USER, "/timezone Europe")
    assert "is a region" in area.text
    assert "/timezone Europe/" in area.text
    typo = await bot_env.send(USER, "/timezone Tokio")
    assert "/timezone Asia/Tokyo" in typo.text
    assert await bot_env.app.storage.chats.get(USER) is None  # nothing was stored
    city = await bot_env.send(USER, "/timezone berlin")
    assert "Timezone: Europe/Berlin" in city.text
    capital = await bot_env.send(USER, "/timezone washington")
    assert "Timezone: America/New_York" in capital.text
    lower = await bot_env.send(USER, "/timezone asia/tokyo")
    assert "Timezone: Asia/Tokyo" in lower.text
    assert (await bot_env.app.storage.chats.get(USER)).timezone == "Asia/Tokyo"
