"""`attache feeds list | add | remove | enable | import FILE.opml | export`: the feed list."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bot.commands.common import add_config_argument, run_async, settings_from


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("feeds", help="list, add, remove, import (OPML) or export the feeds")
    actions = p.add_subparsers(dest="feeds_action", metavar="ACTION", required=True)

    ls = actions.add_parser("list", help="every feed with its state")
    add_config_argument(ls)

    add = actions.add_parser(
        "add", help="add a feed by URL (http(s); file: only with [feeds] allow_private)"
    )
    add.add_argument("url")
    add.add_argument("--title", default="")
    add_config_argument(add)

    rm = actions.add_parser("remove", help="forget a feed (its stored articles stay)")
    rm.add_argument("url")
    add_config_argument(rm)

    en = actions.add_parser("enable", help="turn a disabled or backing-off feed back on")
    en.add_argument("url")
    add_config_argument(en)

    imp = actions.add_parser("import", help="add the feeds of an OPML file")
    imp.add_argument("file", metavar="FILE.opml")
    add_config_argument(imp)

    exp = actions.add_parser("export", help="print the feeds as OPML 2.0")
    add_config_argument(exp)

    p.set_defaults(func=_run)


def _run(args: argparse.Namespace) -> int:
    # The OPML file is read before the event loop starts: no blocking file I/O inside it.
    if args.feeds_action == "import":
        return run_async(_feeds, args, _read_opml(args.file), Path(args.file).resolve().parent)
    return run_async(_feeds, args, None, None)


async def _feeds(args: argparse.Namespace, data: bytes | None, opml_dir: Path | None) -> int:
    from bot.app import build

    action = args.feeds_action
    app = await build(settings_from(args), storylines=[])
    try:
        feeds = app.feeds
        match action:
            case "list":
                return _list(await feeds.list())
            case "add":
                from bot.feeds.urlpolicy import check_resolved

                url = await check_resolved(args.url.strip(), app.settings.feeds.allow_private)
                state = await feeds.add(url, args.title)
                print(f"added {state.url}")
            case "remove":
                if not await feeds.remove(args.url):
                    print(f"attache: no feed {args.url}", file=sys.stderr)
                    return 1
                print(f"removed {args.url}")
            case "enable":
                if await feeds.enable(args.url) is None:
                    print(f"attache: no feed {args.url}", file=sys.stderr)
                    return 1
                print(f"enabled {args.url}; it is polled on the next cycle")
            case "import":
                from bot.feeds.opml import parse_opml

                assert data is not None
                from bot.feeds.opml import OpmlError

                try:
                    sources = parse_opml(data, base_dir=opml_dir)
                except OpmlError as exc:
                    raise OpmlError(f"{args.file}: {exc}") from None
                before = {f.url for f in await feeds.list()}
                taken, refused = await _allowed(sources, app.settings.feeds.allow_private)
                for source in taken:
                    await feeds.add(source.url, source.title)
                added = sum(s.url not in before for s in taken)
                print(f"imported {len(taken)} feeds from {args.file} ({added} new)")
                for why in refused:
                    print(f"attache: not imported: {why}", file=sys.stderr)
                if refused:
                    return 1
            case "export":
                from bot.feeds.opml import export_opml
                from bot.models import FeedSource

                states = await feeds.list()
                sys.stdout.write(
                    export_opml([FeedSource(s.url, s.title) for s in states], now=app.clock())
                )
    finally:
        await app.close()
    return 0


def _read_opml(file: str) -> bytes:
    from bot.feeds.opml import MAX_OPML_BYTES

    path = Path(file)
    if not path.is_file():
        raise FileNotFoundError(f"{file}: no such OPML file")
    if path.stat().st_size > MAX_OPML_BYTES:
        raise ValueError(f"{file}: OPML too large (limit {MAX_OPML_BYTES} bytes)")
    return path.read_bytes()


async def _allowed(sources, allow_private: bool):  # type: ignore[no-untyped-def]
    """The OPML feeds the URL policy lets in, and why each other one was refused."""
    from bot.feeds.urlpolicy import UrlRefused, check_resolved

    taken, refused = [], []
    for source in sources:
        try:
            await check_resolved(source.url, allow_private)
        except UrlRefused as exc:
            refused.append(str(exc))
        else:
            taken.append(source)
    return taken, refused


def _list(states) -> int:  # type: ignore[no-untyped-def]
    if not states:
        print("no feeds yet: `attache feeds add URL` or `attache feeds import FILE.opml`")
        return 0
    for s in states:
        when = s.next_poll_at.strftime("%Y-%m-%d %H:%M UTC")
        status = (
            s.state
            if s.state == "active"
            else f"{s.state} ({s.error_count} failures: {s.last_error})"
        )
        title = f"  {s.title}" if s.title else ""
        print(f"{s.url}{title}\n    {status}; next poll {when}")
    return 0
