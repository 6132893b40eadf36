"""`attache run`: the live bot (long polling, or a webhook by config); token from TELEGRAM_BOT_TOKEN."""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import logging
import signal
import sys
from urllib.parse import urlsplit

from bot.commands.common import add_config_argument, run_async, settings_from

log = logging.getLogger(__name__)


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("run", help="run the Telegram bot (needs TELEGRAM_BOT_TOKEN)")
    add_config_argument(p)
    p.add_argument(
        "--api-url",
        metavar="URL",
        help="Bot API base URL, the token is appended (default: telegram.api_url)",
    )
    p.add_argument("--tick", type=float, default=5.0, metavar="S", help="scheduler tick in seconds")
    p.set_defaults(func=lambda args: run_async(_run, args))


def check_api_url(url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"--api-url must be an http(s) URL like https://api.telegram.org/bot, got {url!r}")
    return url


async def _run(args: argparse.Namespace, stop: asyncio.Event | None = None) -> int:
    """Run until SIGINT/SIGTERM (or until `stop` is set, for embedding and tests)."""
    from telegram.error import InvalidToken, NetworkError

    from bot.app import build
    from bot.ops.server import start_ops_server
    from bot.telegram.application import build_application, serve

    settings = settings_from(args)
    if args.api_url:
        settings = dataclasses.replace(
            settings, telegram=dataclasses.replace(settings.telegram, api_url=args.api_url)
        )
    api_url = check_api_url(settings.telegram.api_url)
    token = settings.telegram_token
    if not token:
        print(
            "attache: set TELEGRAM_BOT_TOKEN to the token BotFather gave you "
            "(or try the bot offline with `attache chat`)",
            file=sys.stderr,
        )
        return 2
    if args.tick <= 0:
        raise ValueError("--tick must be a positive number of seconds")

    app = await build(settings)
    loop = asyncio.get_running_loop()
    handled: list[signal.Signals] = []
    if stop is None:
        stop = asyncio.Event()
        for sig in (signal.SIGINT, signal.SIGTERM):
            try:
                loop.add_signal_handler(sig, stop.set)
                handled.append(sig)
            except (NotImplementedError, RuntimeError):  # not on this platform / thread
                pass
    ops_server = None
    try:
        ops_server = await start_ops_server(app)
        application = build_application(app, token, base_url=api_url, tick_interval=args.tick)
        tg = settings.telegram
        log.info(
            "Attaché is running (%s, %d storylines); Ctrl-C stops it",
            tg.mode,
            len(app.storylines),
        )
        await serve(
            application,
            stop,
            mode=tg.mode,
            webhook_url=tg.webhook_url,
            listen=tg.webhook_listen,
            port=tg.webhook_port,
        )
    except InvalidToken:
        # never echo the token itself: it is a secret
        print("attache: the Bot API refused the token; check TELEGRAM_BOT_TOKEN", file=sys.stderr)
        return 2
    except NetworkError as exc:
        host = urlsplit(api_url).hostname
        print(f"attache: could not reach the Bot API at {host}: {type(exc).__name__}", file=sys.stderr)
        return 1
    finally:
        for sig in handled:
            loop.remove_signal_handler(sig)
        if ops_server is not None:
            await ops_server.stop()
        await app.close()
    return 0
