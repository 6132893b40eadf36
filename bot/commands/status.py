"""`attache status`: what /status shows, read from the database (so also while the bot is down)."""

from __future__ import annotations

import argparse

from bot.commands.common import add_config_argument, run_async, settings_from


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "status", help="feeds, last poll, items, outbox and failing feeds, from the database"
    )
    add_config_argument(p)
    p.set_defaults(func=lambda args: run_async(_status, args))


async def _status(args: argparse.Namespace) -> int:
    from bot.app import build

    app = await build(settings_from(args))
    try:
        text = await app.status.render("text")
    finally:
        await app.close()
    print(text)
    return 0
