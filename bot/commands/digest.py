"""`attache digest`: print what is new in the storylines (all, or chosen ones) in the terminal."""

from __future__ import annotations

import argparse
from datetime import timedelta

from bot.commands.common import add_config_argument, run_async, settings_from


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("digest", help="print a digest of the stored matches")
    add_config_argument(p)
    p.add_argument("slugs", nargs="*", metavar="SLUG", help="storylines (default: all)")
    p.add_argument("--hours", type=float, default=24.0, help="what was matched in the last N hours (0: all)")
    p.add_argument("--html", action="store_true", help="print Telegram HTML instead of text")
    p.set_defaults(func=lambda args: run_async(_digest, args))


async def _digest(args: argparse.Namespace) -> int:
    from bot.app import build
    from bot.briefings.render import render_digest

    app = await build(settings_from(args))
    try:
        unknown = [s for s in args.slugs if s not in app.storylines]
        if unknown:
            print(f"attache: unknown storyline {unknown[0]!r}; known: {', '.join(sorted(app.storylines))}")
            return 2
        now = app.clock()
        since = now - timedelta(hours=args.hours) if args.hours > 0 else None
        view = await app.reading.digest_view(args.slugs or sorted(app.storylines), since, now)
        print(render_digest(view, "html" if args.html else "txt"))
        return 0
    finally:
        await app.close()
