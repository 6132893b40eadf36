"""Sending trip maps from the outbox: each map drawn once, uploaded once, then sent by file_id.

A map row ("map", see bot.briefings.tripmaps) names its storyline in its text and its article in
its key, which every chat's row of that map shares. The first chat's send draws the picture (in a
thread) and uploads it; Telegram answers with the photo's file_id, and every other chat is sent
that id, which Telegram serves without a new upload. Chats that arrive while the first upload is
on the wire wait for its id rather than upload the same picture again.

A map that cannot be drawn, or that Telegram refuses as a picture, is logged once and every row
of it is finished unsent: the briefing text it follows already said everything the map shows.
"""

from __future__ import annotations

import asyncio
import logging
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from telegram import Bot, Message
from telegram.constants import ParseMode
from telegram.error import BadRequest

from bot.maps.picture import Picture
from bot.redact import error_text
from bot.storage.outbox import OutboxMessage

log = logging.getLogger(__name__)

Draw = Callable[[str], Awaitable[Picture]]  # a storyline's slug → its itinerary map

# What Telegram says when the picture itself is at fault (size, format, dimensions, caption, an
# unknown file_id): no chat would take it, so it is not tried again for the next chat.
PICTURE_FAULTS = (
    "photo_", "image_process_failed", "file must be non-empty", "wrong file identifier",
    "caption is too long", "can't parse entities", "failed to get http url content",
)
# Maps kept at once (the newest); each holds its PNG (about 100 kB) for a re-upload.
KEEP_MAPS = 32


@dataclass(slots=True)
class _Map:
    """One article's map as far as it has got: drawn, uploaded (its file_id) or refused."""

    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    picture: Picture | None = None
    file_id: str | None = None
    refused: str | None = None  # why no chat gets this map

    @property
    def settled(self) -> bool:
        return self.file_id is not None or self.refused is not None


def picture_fault(exc: BadRequest) -> bool:
    """Whether Telegram refused the picture itself rather than this chat."""
    reason = str(exc).lower()
    return any(fault in reason for fault in PICTURE_FAULTS)


class MapSender:
    """Sends the outbox's map rows through `bot`; `draw` gives a storyline's current map."""

    def __init__(self, bot: Bot, draw: Draw | None, *, keep: int = KEEP_MAPS) -> None:
        self.bot = bot
        self._draw = draw
        self._keep = max(1, keep)
        self._maps: OrderedDict[str, _Map] = OrderedDict()
        self.draws = 0  # pictures drawn (figures for the fan-out benchmark and the tests)
        self.uploads = 0  # pictures uploaded rather than sent by file_id

    async def send(self, row: OutboxMessage, *, silent: bool) -> Message | None:
        """Send the row's map to its chat; None when there is none to send (not drawn, or
        refused as a picture): the caller finishes the row with `why_not`. Telegram's answers
        about the chat (429, 403, chat not found, network) are raised as for any message."""
        entry = self._entry(row.dedupe_key)
        if not entry.settled:
            async with entry.lock:  # the first chat draws and uploads; the others wait for the id
                if not entry.settled:
                    return await self._upload(row, entry, silent)
        file_id = entry.file_id
        if file_id is None:
            return None
        try:
            return await self._photo(row, file_id, entry, silent)
        except BadRequest as exc:
            if not picture_fault(exc) or entry.picture is None or entry.picture.png is None:
                raise
            refused = exc.message
        # Telegram no longer knows the id (the bot's token changed, say): one chat uploads the
        # picture again and the others wait for its new id.
        async with entry.lock:
            if entry.file_id == file_id:
                log.info("map %s: file_id refused (%s); uploading again", row.dedupe_key, refused)
                entry.file_id = None
                return await self._upload(row, entry, silent)
        if entry.file_id is None:  # the new upload was refused as a picture
            return None
        return await self._photo(row, entry.file_id, entry, silent)

    def why_not(self, row: OutboxMessage) -> str:
        """Why the row's map was not sent, for the row's record."""
        entry = self._maps.get(row.dedupe_key)
        return f"no map: {entry.refused if entry and entry.refused else 'not drawn'}"

    def _entry(self, key: str) -> _Map:
        entry = self._maps.get(key)
        if entry is None:
            entry = self._maps[key] = _Map()
            while len(self._maps) > self._keep:
                self._maps.popitem(last=False)
        else:
            self._maps.move_to_end(key)
        return entry

    async def _upload(self, row: OutboxMessage, entry: _Map, silent: bool) -> Message | None:
        """Draw the map (once) and upload it to this chat; its file_id serves the other chats."""
        picture = entry.picture or await self._drawn(row.text, entry)
        if picture.png is None:
            if entry.refused is None:  # a drawing failure was logged where it happened
                entry.refused = picture.reason or "nothing to draw"
                log.info("itinerary map of %s not sent: %s", row.text, entry.refused)
            return None
        try:
            message = await self._photo(row, picture.png, entry, silent)
        except BadRequest as exc:
            if not picture_fault(exc):
                raise
            entry.refused = f"Telegram refused the picture: {exc.message}"
            log.warning("itinerary map of %s not sent to any chat: %s", row.text, exc.message)
            return None
        self.uploads += 1
        if message.photo:
            entry.file_id = message.photo[-1].file_id  # the largest size: the one uploaded
        return message

    async def _drawn(self, slug: str, entry: _Map) -> Picture:
        """The storyline's map as drawn now; a drawing failure is one log line, not a traceback."""
        if self._draw is None:
            entry.picture = Picture(None, reason="no map drawer in this process")
            return entry.picture
        try:
            entry.picture = await self._draw(slug)
        except Exception as exc:  # a drawing bug must not stop the queue: the briefing is sent
            entry.picture = Picture(None, reason=f"not drawn: {error_text(exc)}")
            entry.refused = entry.picture.reason
            log.warning("itinerary map of %s not drawn: %s", slug, error_text(exc))
        else:
            self.draws += 1
        return entry.picture

    async def _photo(self, row: OutboxMessage, photo: bytes | str, entry: _Map, silent: bool) -> Message:
        """sendPhoto to the row's chat and topic; a topic that is gone gets it in the main chat."""
        caption = entry.picture.caption if entry.picture is not None else ""
        try:
            return await self._send_photo(row, photo, caption, row.thread_id, silent)
        except BadRequest as exc:
            if row.thread_id is None or "thread not found" not in str(exc).lower():
                raise
        log.warning("chat %s: topic %s is gone; sending the map to the main chat", row.chat_id, row.thread_id)
        return await self._send_photo(row, photo, caption, None, silent)

    async def _send_photo(
        self, row: OutboxMessage, photo: bytes | str, caption: str, thread: int | None, silent: bool
    ) -> Message:
        return await self.bot.send_photo(
            chat_id=row.chat_id,
            photo=photo,
            caption=caption or None,
            parse_mode=ParseMode.HTML,
            message_thread_id=thread,
            disable_notification=silent,
            filename=f"itinerary-{row.text}.png",
        )
