"""PTB wiring: build the Application around an App, schedule the tick, and serve (polling/webhook).

Schedules live in the database (feeds.next_poll_at, chats.next_digest_at); the PTB job queue
only runs one repeating tick that calls `run_due`, so nothing is lost when the process restarts.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
from collections.abc import Awaitable
from typing import TYPE_CHECKING, Any

from telegram import BotCommandScopeChat, Update
from telegram.error import TelegramError
from telegram.ext import (
    Application,
    ApplicationBuilder,
    BaseUpdateProcessor,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from bot.telegram.budget import send_limiter
from bot.telegram.context import AttacheContext, BotData
from bot.telegram.handlers import callbacks, membership, start, track
from bot.telegram.handlers.registry import COMMANDS, public_bot_commands
from bot.telegram.metered import MeteredRequest
from bot.telegram.polling import PollingTurn
from bot.telegram.redact import redact_token_in_logs
from bot.telegram.stale import is_stale
from bot.telegram.webhook import WebhookServer

if TYPE_CHECKING:
    from bot.app import App

log = logging.getLogger(__name__)

DEFAULT_TICK_S = 5.0


class PerChatUpdateProcessor(BaseUpdateProcessor):
    """Updates from different chats run concurrently; those from one chat run in order.

    A slow /latest in one chat never holds up another chat, and one chat's replies (and its
    /track conversation) still follow the order in which the user wrote.
    """

    def __init__(self, max_concurrent_updates: int = 64) -> None:
        super().__init__(max_concurrent_updates)
        self._locks: dict[int, asyncio.Lock] = {}
        self._users: dict[int, int] = {}

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        chat = getattr(update, "effective_chat", None)
        key = chat.id if chat is not None else 0
        lock = self._locks.setdefault(key, asyncio.Lock())
        self._users[key] = self._users.get(key, 0) + 1
        try:
            async with lock:
                await coroutine
        finally:
            self._users[key] -= 1
            if not self._users[key]:  # forget idle chats: memory stays bounded
                del self._users[key]
                del self._locks[key]

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None


def build_application(
    app: App,
    token: str,
    *,
    base_url: str | None = None,
    deliverer: Any = None,
    tick_interval: float | None = DEFAULT_TICK_S,
    connect_timeout: float = 10.0,
    max_concurrent_updates: int = 64,
) -> Application:  # type: ignore[type-arg]
    """The bot: handlers for every registered command, typed context, rate limiter, tick job.

    `deliverer` drains the outbox (briefings, digests); when None, one is built on the bot.
    `tick_interval=None` schedules no tick: tests call `run_due(application)` themselves.
    """
    if not token or ":" not in token:
        raise ValueError("a Telegram bot token looks like 123456:ABC...; set TELEGRAM_BOT_TOKEN")
    redact_token_in_logs(token)  # httpx logs request URLs at INFO, and they carry the token
    tg = app.settings.telegram
    context_types = ContextTypes(context=AttacheContext, bot_data=BotData)
    builder = (
        ApplicationBuilder()
        .token(token)
        .base_url(base_url or tg.api_url)
        .context_types(context_types)
        .rate_limiter(send_limiter(tg, token))
        # Every 429 is counted, also those the rate limiter retries without telling anyone.
        .request(
            MeteredRequest(
                connection_pool_size=256,  # PTB's default for an application's bot
                connect_timeout=connect_timeout,
                on_429=app.meters.telegram_429.inc,
            )
        )
        .concurrent_updates(PerChatUpdateProcessor(max_concurrent_updates))
        .post_init(on_start)
    )
    application = builder.build()
    data: BotData = application.bot_data
    data.app = app
    data.commands = COMMANDS
    data.deliverer = deliverer if deliverer is not None else _default_deliverer(application, app)
    add_handlers(application)
    if tick_interval is not None and application.job_queue is not None:
        application.job_queue.run_repeating(
            _tick_job, interval=tick_interval, first=0.5, name="attache-tick"
        )
    return application


def _default_deliverer(application: Application, app: App) -> Any:  # type: ignore[type-arg]
    try:
        from bot.telegram.delivery import Deliverer
    except ImportError:  # delivery not installed: briefings stay queued in the outbox
        log.warning("no outbox deliverer available; briefings will stay queued")
        return None
    return Deliverer(
        application.bot, app.storage, app.clock, app.settings, meters=app.meters,
        pictures=lambda slug: app.reading.itinerary(slug),  # looked up at each draw
    )


def add_handlers(application: Application) -> None:  # type: ignore[type-arg]
    """Register the conversation, every command of the registry, buttons and fallbacks."""
    application.add_handler(track.conversation())
    fresh = ~filters.UpdateType.EDITED_MESSAGE  # editing an old command must not run it again
    for spec in COMMANDS:
        if spec.callback is not None:
            application.add_handler(CommandHandler(spec.name, spec.callback, filters=fresh))
    # PTB's CommandHandler ignores channel posts: channels get their commands through here
    application.add_handler(
        MessageHandler(filters.UpdateType.CHANNEL_POST & filters.COMMAND, channel_command)
    )
    application.add_handler(CallbackQueryHandler(callbacks.on_button))
    application.add_handler(
        ChatMemberHandler(membership.on_my_chat_member, ChatMemberHandler.MY_CHAT_MEMBER)
    )
    application.add_handler(MessageHandler(filters.StatusUpdate.MIGRATE, membership.on_migrate))
    application.add_handler(MessageHandler(filters.COMMAND & fresh, start.unknown_command))
    application.add_handler(
        MessageHandler(filters.TEXT & ~filters.COMMAND & filters.ChatType.PRIVATE, start.free_text)
    )
    application.add_error_handler(on_error)


async def channel_command(update: Update, context: AttacheContext) -> None:
    """A command posted in a channel: dispatched like the same command in a chat."""
    message = update.effective_message
    if message is None or not message.text:
        return
    word, *args = message.text.split()
    name, _, addressee = word[1:].partition("@")
    if addressee and addressee.lower() != (context.bot.username or "").lower():
        return
    spec = next((c for c in context.bot_data.commands if c.name == name.lower()), None)
    if spec is None or spec.callback is None:
        return  # unknown commands and conversations are not answered in a channel
    context.args = args
    await spec.callback(update, context)


async def on_start(application: Application) -> None:  # type: ignore[type-arg]
    """At start: advertise the commands and rebuild the digest schedule from the database."""
    data: BotData = application.bot_data
    app = data.app
    try:
        await application.bot.set_my_commands(public_bot_commands())
        full = [spec.bot_command() for spec in data.commands]
        for admin_id in app.settings.telegram.admins:
            try:
                await application.bot.set_my_commands(full, scope=BotCommandScopeChat(admin_id))
            except TelegramError as exc:  # an admin who never opened the bot: not fatal
                log.info("admin commands not set for %s: %s", admin_id, exc)
    except TelegramError as exc:
        log.warning("setMyCommands failed: %s", exc)
    await app.chats.rebuild_schedules()
    release = getattr(data.deliverer, "release_own_claims", None)
    if release is not None:  # rows claimed before a crash: due now, not after their lease
        await release()
    # Articles stored just before a crash were never matched or briefed: catch up on them.
    await app.pipeline.reprocess_recent()


async def run_due(application: Application, *, drain: bool = True) -> dict[str, int]:  # type: ignore[type-arg]
    """One scheduler step at app.clock(): poll due feeds, queue due digests, drain the outbox.

    Each part is guarded: a failing feed poll does not stop digests or delivery. With
    `drain=False` the outbox is left to the deliverer's own loop, which is woken instead.
    """
    data: BotData = application.bot_data
    app = data.app
    now = app.clock()
    data.last_tick_at = now
    done = {"feeds": 0, "digests": 0, "delivered": 0}
    _notice_migrations(data)
    try:
        if await app.pipeline.any_feed_due(now):
            done["feeds"] = len(await app.pipeline.poll_cycle())
    except Exception as exc:
        log.exception("poll cycle failed")
        data.note_error(now, "poll", exc)
    try:
        done["digests"] = await app.pipeline.run_due_digests()
    except Exception as exc:
        log.exception("digest run failed")
        data.note_error(now, "digests", exc)
    if data.deliverer is not None and not drain:
        wake = getattr(data.deliverer, "wake", None)
        if wake is not None:
            wake()
    elif data.deliverer is not None:
        try:
            report = await data.deliverer.drain()
            done["delivered"] = int(report.sent)
        except Exception as exc:
            log.exception("outbox delivery failed")
            data.note_error(now, "delivery", exc)
        _notice_migrations(data)
    return done


def _notice_migrations(data: BotData) -> None:
    """A group the sender found migrated took its private storylines to its new id: the
    storyline owners are read afresh (the handler of the migration update does the same)."""
    migrated = getattr(getattr(data.deliverer, "totals", None), "migrated", None)
    if migrated is not None and migrated != data.migrations_seen:
        data.migrations_seen = migrated
        data.app.storylines.forget_owners()


async def _tick_job(context: AttacheContext) -> None:
    """Start a scheduler step unless the previous one is still running (a long poll).

    The step runs as its own task so the job returns at once: the scheduler never has to skip
    a run, and interactive commands are never queued behind feed polling.
    """
    data = context.bot_data
    if data.tick_task is not None and not data.tick_task.done():
        return
    data.tick_task = asyncio.create_task(
        run_due(context.application, drain=not data.delivering), name="attache-tick"
    )


async def on_error(update: object, context: AttacheContext) -> None:
    """Log the failure (never the token), note it for /status, and tell the user plainly."""
    error = context.error
    where = "update"
    if isinstance(update, Update):
        where = f"update {update.update_id}"
    if is_stale(error):  # a deleted message or an expired button: nothing is wrong with us
        log.warning("%s refers to a message or button that is gone: %s", where, error)
        return
    log.error("error handling %s: %s", where, error, exc_info=error)
    try:
        now = context.bot_data.app.clock()
        context.bot_data.note_error(now, where, error)
    except RuntimeError:
        pass
    if not isinstance(update, Update):
        return
    try:
        if update.callback_query is not None:
            await update.callback_query.answer("Sorry, that did not work. Please try again.")
        elif update.effective_message is not None:
            await update.effective_message.reply_text(
                "Sorry, something went wrong on my side. Please try again in a moment.",
                do_quote=False,
            )
    except TelegramError:
        pass


async def serve(
    application: Application,  # type: ignore[type-arg]
    stop: asyncio.Event,
    *,
    mode: str = "polling",
    webhook_url: str = "",
    listen: str = "127.0.0.1",
    port: int = 8443,
    poll_timeout: int = 10,
    started: asyncio.Event | None = None,
    deliver_in_background: bool = True,
) -> None:
    """Run the bot until `stop` is set: long polling by default, or a webhook by config.

    With `deliver_in_background` the deliverer drains the outbox in its own loop (woken by
    every tick); otherwise only `run_due` drains it (tests drive it that way).
    """
    if mode not in ("polling", "webhook"):
        raise ValueError(f"telegram.mode must be 'polling' or 'webhook', got {mode!r}")
    if mode == "webhook" and not webhook_url.startswith("https://"):
        raise ValueError("telegram.webhook_url must be the public https:// URL in webhook mode")
    updater = application.updater
    if updater is None:
        raise RuntimeError("the application was built without an updater")
    data: BotData = application.bot_data
    server: WebhookServer | None = None
    keeper: asyncio.Task[None] | None = None
    try:
        async with application:
            instances = getattr(data.app.storage, "instances", None)
            if instances is not None:  # registered before claiming anything (PostgreSQL)
                await instances.join()
            await on_start(application)
            await application.start()
            try:
                if mode == "polling":
                    # One instance polls at a time (PostgreSQL); the others take over if it dies.
                    turn = PollingTurn(updater, instances, poll_timeout=poll_timeout)
                    await turn.begin()
                    keeper = asyncio.create_task(turn.keep(stop), name="attache-polling-turn")
                else:
                    # The path is random, not the token: URLs end up in proxies' logs.
                    server = WebhookServer(
                        application,
                        listen=listen,
                        port=port,
                        path=secrets.token_urlsafe(16),
                        secret=secrets.token_urlsafe(32),
                    )
                    await server.start()
                    data.webhook = server
                    await application.bot.set_webhook(
                        url=webhook_url.rstrip("/") + "/" + server.path,
                        secret_token=server.secret,
                    )
                await _run_until(stop, data, started, deliver_in_background)
            finally:
                if keeper is not None:
                    keeper.cancel()
                    await asyncio.gather(keeper, return_exceptions=True)
                if server is not None:
                    await server.stop()
                if updater.running:
                    await updater.stop()
                await application.stop()
    except BaseException:
        # getMe can fail after the HTTP clients were opened (a refused token): close them too
        await application.bot.shutdown()
        raise


async def _run_until(
    stop: asyncio.Event,
    data: BotData,
    started: asyncio.Event | None,
    deliver_in_background: bool,
) -> None:
    """Wait for `stop` while the deliverer drains the outbox; then let in-flight work finish."""
    delivery: asyncio.Task[None] | None = None
    deliver_stop = asyncio.Event()
    if deliver_in_background and hasattr(data.deliverer, "run"):
        delivery = asyncio.create_task(data.deliverer.run(deliver_stop), name="attache-delivery")
        data.delivering = True
    if started is not None:
        started.set()
    try:
        await stop.wait()
    finally:
        deliver_stop.set()
        if data.tick_task is not None and not data.tick_task.done():
            try:  # let a running poll finish its writes; it is idempotent if cut short
                await asyncio.wait_for(data.tick_task, 30)
            except TimeoutError:
                log.warning("scheduler step cut short at shutdown; it resumes at next start")
        if delivery is not None:
            # in-flight sends finish and record themselves: nothing is sent twice
            await delivery
            data.delivering = False
