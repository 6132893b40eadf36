"""Delivery of trip maps ("map" rows) through PTB to the fake Bot API: drawn once and uploaded
once for any number of chats, then sent by file_id; a gone topic, a missing drawer and a chat's
own trouble are handled like any message's, and never hold up the queue."""

from __future__ import annotations

from telegram import Bot

from bot.config import Settings
from bot.maps.picture import Picture
from bot.telegram.delivery import Deliverer
from bot.telegram.fake import FakeBotAPI, RateLimits
from bot.telegram.fake.photos import Upload
from bot.telegram.mapsend import MapSender
from tests.integration import test_fake_send_photo as photo_tests

SLUG = "gulf-tour-2025"
KEY = f"map:{SLUG}:article-1"


class CountingDraw:
    """A drawer that counts its calls and gives a real (small) PNG with its caption."""

    def __init__(self) -> None:
        self.calls: list[str] = []

    async def __call__(self, slug: str) -> Picture:
        self.calls.append(slug)
        return Picture(photo_tests._png(64, 48), f"<b>{slug}</b>\n1. Doha\n2. Muscat")


# The fake Bot API and a PTB bot talking to it, as the sendPhoto tests have them.
ptb_timedelta, api, bot = photo_tests.ptb_timedelta, photo_tests.api, photo_tests.bot


async def queue_map(storage, chat_id: int, key: str = KEY, **kw) -> None:
    await storage.chats.ensure(chat_id)
    assert await storage.outbox.enqueue(chat_id, SLUG, key, "map", now=storage.clock(), **kw)


def photo_params(api: FakeBotAPI) -> list[object]:
    return [r.params["photo"] for r in api.requests if r.method.lower() == "sendphoto" and r.status == 200]


async def test_thirty_chats_get_one_map_drawn_once_and_uploaded_once(storage, api, bot, storage_clock):
    """30 chats' rows of one map, claimed in one batch and sent side by side: one drawing, one
    upload; the 29 others are sent the upload's file_id; every chat has exactly one photo."""
    chats = list(range(1, 31))
    for chat in chats:
        await queue_map(storage, chat)
    draw = CountingDraw()
    deliverer = Deliverer(bot, storage, storage_clock, Settings(), pictures=draw, pace=False)
    report = await deliverer.drain()
    assert report.sent == 30
    assert draw.calls == [SLUG]
    assert (deliverer.maps.draws, deliverer.maps.uploads) == (1, 1)
    sent = photo_params(api)
    uploads = [p for p in sent if isinstance(p, Upload)]
    assert len(uploads) == 1
    file_id = next(m.photo.file_id for m in api.all_messages() if m.photo is not None)
    assert sorted(p for p in sent if not isinstance(p, Upload)) == [file_id] * 29
    for chat in chats:
        [message] = api.messages(chat)
        assert message.photo is not None
        assert message.text.startswith(SLUG)
    # A later article's map is drawn afresh: the route may have grown meanwhile.
    storage_clock.advance(seconds=2)  # past the chat's one-message-a-second spacing
    await queue_map(storage, 1, f"map:{SLUG}:article-2")
    await deliverer.drain()
    assert draw.calls == [SLUG, SLUG]


async def test_a_map_for_a_topic_that_is_gone_goes_to_the_main_chat(storage, api, bot, storage_clock):
    """The forum topic was deleted: the photo is sent to the group's main chat."""
    api.add_chat(-300, "supergroup")
    api.delete_topic(-300, 7)
    await queue_map(storage, -300, thread_id=7)
    await Deliverer(bot, storage, storage_clock, pictures=CountingDraw(), pace=False).drain()
    [message] = api.messages(-300)
    assert message.photo is not None
    assert message.thread_id is None


async def test_without_a_drawer_the_map_row_is_finished_and_the_queue_goes_on(
    storage, api, bot, storage_clock
):
    """A sender built with no drawer finishes map rows unsent, with the reason, and sends the
    chat's next message."""
    await queue_map(storage, 5)
    await storage.outbox.enqueue(5, "<b>Next</b>", "briefing:a2:gulf:0", "briefing", now=storage_clock())
    report = await Deliverer(bot, storage, storage_clock, pace=False).drain()
    assert (report.sent, report.dropped) == (1, 1)
    rows = await storage.outbox.for_chat(5)
    assert [(r.kind, r.status, r.last_error) for r in rows] == [
        ("map", "dropped", "no map: no map drawer in this process"),
        ("briefing", "sent", None),
    ]
    assert [m.text for m in api.messages(5)] == ["Next"]


async def test_a_blocked_chat_fails_alone_and_the_others_still_get_the_map(
    storage, api, bot, storage_clock
):
    """The first chat has blocked the bot (403): its row fails as any message's would; the
    picture is not written off, and the other chat gets it."""
    api.block(10)
    await queue_map(storage, 10)
    await queue_map(storage, 11)
    draw = CountingDraw()
    await Deliverer(bot, storage, storage_clock, pictures=draw, pace=False, concurrency=1).drain()
    assert [r.status for r in await storage.outbox.for_chat(10)] == ["failed"]
    assert [r.status for r in await storage.outbox.for_chat(11)] == ["sent"]
    assert api.messages(11)[0].photo is not None
    assert draw.calls == [SLUG]


async def test_a_file_id_telegram_no_longer_knows_is_answered_by_one_new_upload(storage, api, bot):
    """The map was uploaded through one Bot API server; the next chats are sent through another
    that does not know its file_id (a new token, say): Telegram answers "wrong file identifier",
    the picture is uploaded once more and the chats after that get the new id."""
    draw = CountingDraw()
    sender = MapSender(bot, draw)
    for chat in (1, 2, 3):
        await queue_map(storage, chat)
    rows = [(await storage.outbox.for_chat(chat))[0] for chat in (1, 2, 3)]
    first = await sender.send(rows[0], silent=False)
    assert first is not None
    async with FakeBotAPI(limits=RateLimits(enabled=False)) as other_api:
        async with Bot(other_api.token, base_url=other_api.base_url) as other_bot:
            sender.bot = other_bot
            for row in rows[1:]:
                assert await sender.send(row, silent=False) is not None
        tried = [r for r in other_api.requests if r.method.lower() == "sendphoto"]
        assert [(r.status, isinstance(r.params["photo"], Upload)) for r in tried] == [
            (400, False), (200, True), (200, False),
        ]
        assert "wrong file identifier" in (tried[0].description or "")
        assert tried[2].params["photo"] == other_api.messages(2)[0].photo.file_id
    assert draw.calls == [SLUG]
    assert sender.uploads == 2
