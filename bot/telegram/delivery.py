"""The sender: drains the outbox into Telegram through PTB, honouring Telegram's limits.

How each briefing reaches each chat exactly once, also across a restart:

1. Queueing is idempotent. An outbox row is unique per (chat_id, dedupe_key) — for a briefing
   the key names the article and the storyline — so a re-poll, a retry of the pipeline or a
   restart that queues the same briefing again stores nothing new.
2. Sending is claimed. A row is leased ("sending") before it is sent, by one sender only; the
   lease outlives any send (PTB timeouts and rate-limiter waits), and only a row whose lease has
   run out is returned to "pending" (a sender that died mid-send). A row names the instance
   that claimed it: a restarted instance takes its own claims back at once (SQLite), and on
   PostgreSQL any instance takes a dead one's claims back at once (bot.storage.instances).
3. Sending is confirmed at once. The row is marked "sent" in the same step that receives
   Telegram's OK, shielded from cancellation, so a stop or Ctrl-C lets in-flight sends finish
   and record themselves; rows merely claimed go back to the queue and are sent once later.

What remains is the gap between Telegram's OK and the database commit when the process is
killed outright (or a timeout hides a send Telegram did perform): such a row was never confirmed
and is sent again. The Bot API has no idempotency key, so no sender can close that gap; we keep
it to one HTTP response per chat in flight.

Telegram's answers are handled per chat, so one chat's trouble never holds up another: 429 →
the row is due again after `retry_after`; 403 → the chat's consecutive-failure count goes up and
the chat is deactivated (its queue dropped) after `forbidden_after_failures`; a migrated group →
its subscriptions and queued rows move to the new id and are sent there; markup Telegram cannot
parse → logged with the HTML and re-sent as plain text; network trouble → retried with backoff.
Texts are split to Telegram's length when they are rendered and the outbox refuses anything
longer, so the sender sends each row as it is.
"""

from __future__ import annotations

import asyncio
import logging
import socket
import time
from dataclasses import dataclass, fields
from datetime import datetime, timedelta
from typing import Any

from telegram import Bot, InlineKeyboardMarkup, LinkPreviewOptions, ReplyParameters
from telegram.constants import ParseMode
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TelegramError,
)
from telegram.ext import ExtBot
from telegram.request import HTTPXRequest

from bot.briefings.tripmaps import MAP_KIND
from bot.briefings.updates import can_edit
from bot.clock import Clock, utc_now
from bot.config import Settings
from bot.ops.lines import delivery_line
from bot.ops.metrics import Meters
from bot.redact import error_text
from bot.telegram.budget import send_limiter
from bot.telegram.keyboards import feedback_keyboard
from bot.telegram.mapsend import Draw, MapSender
from bot.telegram.metered import MeteredRequest
from bot.telegram.redact import redact_token_in_logs
from bot.tgtext.html import strip_to_plain

log = logging.getLogger(__name__)

DEFAULT_LEASE = timedelta(seconds=180)
# An update waits this long when the briefing it updates has not been sent yet.
UPDATE_WAIT = timedelta(seconds=5)
# What Telegram says of a message the bot can no longer edit: the update is sent as a follow-up.
UNEDITABLE = ("message to edit not found", "message can't be edited", "can't parse entities")


@dataclass(frozen=True, slots=True)
class _Sent:
    """The message an update settled in (the edited briefing or the follow-up)."""

    message_id: int


def build_bot(
    token: str,
    settings: Settings,
    *,
    base_url: str | None = None,
    pool_size: int = 128,
    meters: Meters | None = None,
) -> ExtBot[None]:
    """A standalone rate-limited bot for sending (the application's own bot works as well);
    with `meters`, every 429 answer is counted."""
    redact_token_in_logs(token)
    request = (
        HTTPXRequest(connection_pool_size=pool_size, pool_timeout=30.0)
        if meters is None
        else MeteredRequest(
            connection_pool_size=pool_size, pool_timeout=30.0, on_429=meters.telegram_429.inc
        )
    )
    return ExtBot(
        token,
        base_url=base_url or settings.telegram.api_url,
        request=request,
        rate_limiter=send_limiter(settings.telegram, token),
    )


@dataclass(slots=True)
class DrainReport:
    """What one pass over the outbox did."""

    claimed: int = 0
    sent: int = 0
    retried: int = 0
    failed: int = 0
    dropped: int = 0
    deferred: int = 0  # given back to respect per-chat spacing
    recovered: int = 0  # stuck "sending" rows returned to the queue
    plain_fallbacks: int = 0
    migrated: int = 0

    def add(self, other: DrainReport) -> None:
        for f in fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))


class _Pacer:
    """Spreads sends evenly at `rate` per second after a short burst (a token bucket).

    PTB's limiter lets a full second's worth go at once and, after any 429, halts everything
    and then releases all waiting requests together; both bursts invite more 429s. Sending
    evenly keeps Telegram's own allowance in reserve for the jitter of real networks.
    """

    def __init__(self, rate: float, burst: float) -> None:
        self.rate = rate
        self.capacity = max(1.0, burst)
        self.tokens = self.capacity
        self.stamp: float | None = None
        self._lock = asyncio.Lock()

    async def wait(self) -> None:
        async with self._lock:  # first come, first served
            loop = asyncio.get_running_loop()
            while True:
                now = loop.time()
                if self.stamp is not None:
                    self.tokens = min(self.capacity, self.tokens + (now - self.stamp) * self.rate)
                self.stamp = now
                if self.tokens >= 1.0:
                    self.tokens -= 1.0
                    return
                await asyncio.sleep((1.0 - self.tokens) / self.rate)


def _seconds(value: Any) -> float:
    if isinstance(value, timedelta):
        return value.total_seconds()
    return float(value)




class Deliverer:
    """Drains `storage.outbox` through `bot`. Build one per process; call run() or drain()."""

    def __init__(
        self,
        bot: Bot,
        storage: Any,
        clock: Clock = utc_now,
        settings: Settings | None = None,
        *,
        batch_size: int = 100,
        concurrency: int = 8,
        lease: timedelta = DEFAULT_LEASE,
        max_attempts: int = 8,
        pace: bool = True,
        instance: str | None = None,
        meters: Meters | None = None,
        pictures: Draw | None = None,
    ) -> None:
        """`concurrency` caps requests in flight (and so any burst); `pace` spreads sends evenly
        at telegram.overall_max_rate per second after a burst of half a second's worth.
        `instance` names this sender in the rows it claims (default: the storage's instance id),
        so that after a crash it takes its own claims back at start instead of waiting for the
        lease. `pictures` draws a storyline's itinerary map for its "map" rows (None: those rows
        are finished unsent)."""
        if batch_size < 1 or concurrency < 1 or max_attempts < 1:
            raise ValueError("batch_size, concurrency and max_attempts must be at least 1")
        self.bot = bot
        self.storage = storage
        self.clock = clock
        self.settings = (settings or Settings()).telegram
        self.batch_size = batch_size
        self.lease = lease
        self.max_attempts = max_attempts
        # The storage's instance id: the host name on SQLite (a restart takes its claims back),
        # unique per process on PostgreSQL (a dead one's claims are taken over at once).
        known = getattr(getattr(storage, "instances", None), "id", None)
        self.instance = instance or known or socket.gethostname() or "attache"
        self.totals = DrainReport()
        self.meters = meters
        self._gate = asyncio.Semaphore(concurrency)
        rate = self.settings.overall_max_rate
        self._pacer = _Pacer(rate, rate / 2) if pace and rate > 0 else None
        self._last_sent: dict[int, datetime] = {}
        self._in_flight: set[asyncio.Task[None]] = set()
        self._sending_ids: set[int] = set()
        self._wake = asyncio.Event()
        self.maps = MapSender(bot, pictures)

    # ------------------------------------------------------------ driving

    def wake(self) -> None:
        """New rows were queued: let a waiting run() loop look now."""
        self._wake.set()

    async def drain_once(self) -> DrainReport:
        """One pass: recover stale claims, claim a batch of due rows, send them, settle each."""
        report = DrainReport()
        outbox = self.storage.outbox
        now = self.clock()
        started = time.perf_counter()
        # Rows this process is still sending (a long retry_after wait) are not stale.
        report.recovered = await outbox.recover(now, exclude=self._sending_ids)
        self._forget_old_spacing(now)
        report.dropped += await outbox.drop_inactive_chats()
        rows = await outbox.claim(now, self.batch_size, lease=self.lease, claimant=self.instance)
        report.claimed = len(rows)
        if rows:
            await asyncio.gather(*(self._deliver(row, report) for row in rows))
        self.totals.add(report)
        self._report_batch(report, time.perf_counter() - started)
        return report

    def _report_batch(self, report: DrainReport, seconds: float) -> None:
        """One INFO line per batch that settled any message, and the batch's metrics (a batch
        whose rows were only deferred for per-chat spacing says nothing)."""
        results = (report.sent, report.retried, report.failed, report.dropped)
        if not any(results):
            return
        log.info("%s", delivery_line(*results, seconds))
        if self.meters is not None:
            self.meters.count_delivery(*results)

    async def release_own_claims(self) -> int:
        """At start-up, before sending: rows this instance had claimed when it stopped (a crash,
        kill -9) are due again now rather than when their lease runs out."""
        released = await self.storage.outbox.release_claims(self.instance, self.clock())
        if released:
            log.info("%d messages claimed before the last stop are queued again", released)
        return released

    async def drain(self, max_rounds: int | None = None) -> DrainReport:
        """Pass over the outbox until nothing more is due now (or `max_rounds` passes)."""
        total = DrainReport()
        rounds = 0
        while max_rounds is None or rounds < max_rounds:
            report = await self.drain_once()
            total.add(report)
            rounds += 1
            if report.claimed == 0:
                break
        return total

    async def run(self, stop: asyncio.Event, *, idle_max_s: float = 30.0) -> None:
        """Deliver until `stop` is set, sleeping until the next row is due or wake() is called."""
        while not stop.is_set():
            try:
                report = await self.drain_once()
            except asyncio.CancelledError:
                raise
            except Exception:  # the loop must survive a database hiccup
                log.exception("outbox pass failed; retrying shortly")
                report = DrainReport()
                await self._idle(stop, 5.0)
                continue
            if report.claimed:
                continue
            due = await self.storage.outbox.next_due_at()
            delay = idle_max_s if due is None else (due - self.clock()).total_seconds()
            await self._idle(stop, min(max(delay, 0.05), idle_max_s))
        await self.wait_in_flight()

    async def wait_in_flight(self) -> None:
        """Let sends already on the wire finish and record themselves (used at shutdown)."""
        while self._in_flight:
            await asyncio.gather(*list(self._in_flight), return_exceptions=True)

    async def _idle(self, stop: asyncio.Event, seconds: float) -> None:
        self._wake.clear()
        waiters = [asyncio.ensure_future(stop.wait()), asyncio.ensure_future(self._wake.wait())]
        try:
            await asyncio.wait(waiters, timeout=seconds, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for waiter in waiters:
                waiter.cancel()

    # ------------------------------------------------------------ one row

    def _forget_old_spacing(self, now: datetime) -> None:
        """Keep the per-chat last-send map small: entries older than any spacing are moot."""
        if len(self._last_sent) < 4096:
            return
        horizon = now - max(self._spacing(-1), self._spacing(1))
        self._last_sent = {chat: at for chat, at in self._last_sent.items() if at > horizon}

    def _spacing(self, chat_id: int) -> timedelta:
        seconds = self.settings.per_chat_spacing_s
        if chat_id < 0 and self.settings.group_max_rate > 0:
            seconds = max(seconds, 60.0 / self.settings.group_max_rate)
        return timedelta(seconds=seconds)

    async def _deliver(self, row: Any, report: DrainReport) -> None:
        outbox = self.storage.outbox
        now = self.clock()
        last = self._last_sent.get(row.chat_id)
        if last is not None and now < last + self._spacing(row.chat_id):
            await outbox.release(row.id, last + self._spacing(row.chat_id))
            report.deferred += 1
            return
        async with self._gate:
            if self._pacer is not None:
                await self._pacer.wait()
            # Shielded: once a request is on the wire, its outcome is recorded even if we are
            # being cancelled; that is what keeps a stop from producing a duplicate later.
            task = asyncio.ensure_future(self._send_and_settle(row, report))
            self._in_flight.add(task)
            self._sending_ids.add(row.id)
            task.add_done_callback(self._in_flight.discard)
            task.add_done_callback(lambda _t: self._sending_ids.discard(row.id))
            await asyncio.shield(task)

    async def _send_and_settle(self, row: Any, report: DrainReport) -> None:
        outbox = self.storage.outbox
        text = row.text
        markup = briefing_markup(row.kind, row.dedupe_key)
        # The chat's options, stored on the row when it was queued.
        options = {"silent": bool(row.silent), "previews": bool(row.link_previews)}
        try:
            try:
                if row.kind == "edit":
                    message_id = await self._update(row, **options)
                    if message_id is None:  # the message it updates is not sent yet
                        await outbox.release(row.id, self.clock() + UPDATE_WAIT)
                        report.deferred += 1
                        return
                    message: Any = _Sent(message_id)
                elif row.kind == MAP_KIND:
                    message = await self.maps.send(row, silent=options["silent"])
                    if message is None:  # not drawn, or refused as a picture: the text stands
                        await outbox.drop(row.id, self.maps.why_not(row))
                        report.dropped += 1
                        return
                else:
                    message = await self._send(
                        row.chat_id, text, row.thread_id, html=True, markup=markup, **options
                    )
            except BadRequest as exc:
                reason = str(exc).lower()
                if "can't parse entities" in reason or "can't find end tag" in reason:
                    log.warning(
                        "Telegram refused the HTML of outbox row %s (chat %s): %s; "
                        "sending it as plain text. HTML was: %r",
                        row.id, row.chat_id, exc, text,
                    )
                    report.plain_fallbacks += 1
                    message = await self._send(
                        row.chat_id, strip_to_plain(text), row.thread_id, html=False, markup=markup,
                        **options,
                    )
                elif "thread not found" in reason and row.thread_id is not None:
                    log.warning("chat %s: topic %s is gone; sending to the main chat", row.chat_id, row.thread_id)
                    message = await self._send(row.chat_id, text, None, html=True, markup=markup, **options)
                else:
                    raise
        except RetryAfter as exc:
            wait = max(_seconds(exc.retry_after), 1.0)
            await outbox.retry(row.id, error_text(exc), self.clock() + timedelta(seconds=wait))
            report.retried += 1
            log.info("chat %s: flood limit, retrying in %.0fs", row.chat_id, wait)
        except ChatMigrated as exc:
            await self._migrate(row, int(exc.new_chat_id), report)
        except Forbidden as exc:
            await self._chat_failed(row, exc, report)
        except BadRequest as exc:
            if "chat not found" in str(exc).lower():
                await self._chat_failed(row, exc, report)
            else:
                await outbox.mark_failed(row.id, error_text(exc))
                report.failed += 1
                log.warning("outbox row %s (chat %s) refused: %s", row.id, row.chat_id, exc)
        except InvalidToken as exc:
            # Nothing can be sent with a revoked token; keep the row for when it is fixed.
            await outbox.retry(row.id, error_text(exc), self.clock() + timedelta(minutes=5))
            report.retried += 1
            log.error("the bot token was refused by Telegram; delivery is paused")
        except (NetworkError, TelegramError, OSError) as exc:
            await self._retry_later(row, exc, report)
        except Exception as exc:  # a bug must not stop other chats' deliveries
            log.exception("unexpected error delivering outbox row %s", row.id)
            await self._retry_later(row, exc, report)
        else:
            await outbox.mark_sent(row.id, message.message_id, self.clock())
            self._last_sent[row.chat_id] = self.clock()
            report.sent += 1
            await self.storage.chats.record_success(row.chat_id)

    async def _send(
        self,
        chat_id: int,
        text: str,
        thread_id: int | None,
        *,
        html: bool,
        markup: InlineKeyboardMarkup | None = None,
        silent: bool = False,
        previews: bool = False,
        reply_to: int | None = None,
    ) -> Any:
        """Send as the chat chose: silently or not, with a link preview or not; `reply_to` a
        message of the chat if it still exists."""
        return await self.bot.send_message(
            chat_id=chat_id,
            text=text,
            parse_mode=ParseMode.HTML if html else None,
            message_thread_id=thread_id,
            disable_notification=silent,
            link_preview_options=LinkPreviewOptions(is_disabled=not previews),
            reply_markup=markup,
            reply_parameters=(
                None
                if reply_to is None
                else ReplyParameters(message_id=reply_to, allow_sending_without_reply=True)
            ),
        )

    async def _update(self, row: Any, *, silent: bool, previews: bool) -> int | None:
        """An "edit" row: the briefing it updates is edited while Telegram allows it, else the
        follow-up is sent in reply to it. Returns the message id that now tells the update, or
        None while the briefing itself waits to be sent.

        "Not modified" (the edit was made before a restart) counts as done; a briefing that is
        gone, too old or refused gets the follow-up; one never delivered is sent whole.
        """
        target = await self.storage.outbox.by_key(row.chat_id, row.edit_of)
        if target is not None and target.status in ("pending", "sending"):
            return None
        if target is None or target.telegram_message_id is None:
            # The chat never got the briefing (failed, dropped): what it would say now goes out.
            sent = await self._send(row.chat_id, row.text, row.thread_id, html=True, silent=silent, previews=previews)
            return int(sent.message_id)
        message_id = int(target.telegram_message_id)
        if row.text != row.follow_up and can_edit(target.sent_at, self.clock()):
            try:
                await self.bot.edit_message_text(
                    row.text,
                    chat_id=row.chat_id,
                    message_id=message_id,
                    parse_mode=ParseMode.HTML,
                    link_preview_options=LinkPreviewOptions(is_disabled=not previews),
                    reply_markup=briefing_markup(target.kind, target.dedupe_key),
                )
                return message_id
            except BadRequest as exc:
                reason = str(exc).lower()
                if "message is not modified" in reason:
                    return message_id
                if not any(why in reason for why in UNEDITABLE):
                    raise
                log.info("chat %s: message %s cannot be edited (%s); following up", row.chat_id, message_id, exc)
        sent = await self._send(
            row.chat_id, row.follow_up, row.thread_id, html=True, silent=silent, previews=previews,
            reply_to=message_id,
        )
        return int(sent.message_id)

    async def _retry_later(self, row: Any, exc: BaseException, report: DrainReport) -> None:
        outbox = self.storage.outbox
        attempts = row.attempts + 1
        if attempts >= self.max_attempts:
            await outbox.mark_failed(row.id, f"gave up after {attempts} attempts: {error_text(exc)}")
            report.failed += 1
            log.warning("outbox row %s (chat %s) failed for good: %s", row.id, row.chat_id, exc)
            return
        backoff = min(5.0 * 2 ** (attempts - 1), 3600.0)
        await outbox.retry(row.id, error_text(exc), self.clock() + timedelta(seconds=backoff))
        report.retried += 1
        log.info("outbox row %s (chat %s): %s; retry in %.0fs", row.id, row.chat_id, exc, backoff)

    async def _chat_failed(self, row: Any, exc: BaseException, report: DrainReport) -> None:
        """The chat refused us (blocked, kicked, gone): count it; deactivate at the threshold."""
        outbox = self.storage.outbox
        await outbox.mark_failed(row.id, error_text(exc))
        report.failed += 1
        state = await self.storage.chats.record_failure(
            row.chat_id, self.settings.forbidden_after_failures
        )
        if state is not None and not state.active:
            report.dropped += await outbox.drop_chat(row.chat_id, f"chat inactive: {exc}")
            log.info(
                "chat %s deactivated after %d consecutive failures (%s)",
                row.chat_id, state.failure_count, exc,
            )
        else:
            log.info("chat %s refused a message: %s", row.chat_id, exc)

    async def _migrate(self, row: Any, new_id: int, report: DrainReport) -> None:
        """A group became a supergroup: move its subscriptions and queue, then send there."""
        old_id = row.chat_id
        await self.storage.chats.migrate(old_id, new_id)
        moved = await self.storage.outbox.move_chat(old_id, new_id, self.clock())
        report.migrated += 1
        log.info("chat %s migrated to %s; %d queued messages follow it", old_id, new_id, moved)


def briefing_markup(kind: str, dedupe_key: str) -> InlineKeyboardMarkup | None:
    """The "not about this story" button under the first piece of an instant briefing, whose
    outbox key names the article and the storyline ("briefing:<article>:<slug>:<piece>")."""
    if kind != "briefing":
        return None
    parts = dedupe_key.split(":")
    if len(parts) != 4 or parts[0] != "briefing" or parts[3] != "0":
        return None
    _, article_id, slug, _ = parts
    try:
        return feedback_keyboard(slug, article_id[:16])
    except ValueError:  # an id too short to name the article: no button rather than no briefing
        return None
