"""`attache poll`: one poll cycle of the stored and configured feeds, one line per feed."""

from __future__ import annotations

import argparse

from bot.commands.common import add_config_argument, run_async, settings_from


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("poll", help="poll every feed once and say what happened to each")
    add_config_argument(p)
    p.add_argument(
        "--fetch-only",
        action="store_true",
        help="store new items without matching them against storylines",
    )
    p.set_defaults(func=lambda args: run_async(_poll, args))


async def _poll(args: argparse.Namespace) -> int:
    from bot.app import build

    settings = settings_from(args)
    app = await build(settings, storylines=[] if args.fetch_only else None)
    try:
        disabled = [f for f in await app.feeds.list() if f.state == "disabled"]
        reports = await app.pipeline.poll_cycle(force=True, process=not args.fetch_only)
    finally:
        await app.close()
    if not reports and not disabled:
        print("no feeds: add some under [feeds] in the config or with `attache feeds import`")
        return 0
    width = min(60, max(len(url) for url in [*(r.url for r in reports), *(f.url for f in disabled)]))
    for report in reports:
        print(f"{report.url:<{width}}  {report.describe()}")
    for feed in disabled:
        print(
            f"{feed.url:<{width}}  disabled after {feed.error_count} failures "
            f"(last error: {feed.last_error}); `attache feeds enable URL` turns it back on"
        )
    new = sum(len(r.new_items) for r in reports)
    failed = sum(r.outcome in ("failed", "disabled") for r in reports)
    print(
        f"{len(reports)} feeds polled: {new} new items, {failed} failed, {len(disabled)} disabled"
    )
    return 1 if reports and failed == len(reports) else 0
