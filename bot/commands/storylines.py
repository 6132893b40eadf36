"""`attache storylines check [PATH...]` validates storyline files; `attache storylines list`."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from bot.commands.common import add_config_argument, run_async, settings_from
from bot.models import Storyline
from bot.redact import error_text
from bot.storylines.definitions import check_storylines, storyline_to_dict


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("storylines", help="check or list storyline definitions")
    sub = p.add_subparsers(dest="storylines_command", metavar="ACTION")
    check = sub.add_parser("check", help="validate storyline files (.toml/.json)")
    check.add_argument(
        "paths", nargs="*", metavar="PATH", help="files or directories (default: configured)"
    )
    add_config_argument(check)
    check.set_defaults(func=run_check)
    lst = sub.add_parser("list", help="list the configured storylines")
    lst.add_argument("paths", nargs="*", metavar="PATH", help="files or directories")
    lst.add_argument("--json", action="store_true", help="print the definitions as JSON")
    add_config_argument(lst)
    lst.set_defaults(func=run_list)
    p.set_defaults(func=lambda args: (p.print_help(), 2)[1])


def configured_paths(args: argparse.Namespace) -> list[Path]:
    """The PATH arguments, else the configured storyline paths (relative to the working
    directory, or to the project folder when run from elsewhere)."""
    if args.paths:
        return [Path(p) for p in args.paths]
    settings = settings_from(args)
    project = Path(__file__).resolve().parents[2]
    out = []
    for p in settings.storylines.paths:
        path = Path(p)
        if not path.is_absolute() and not path.exists() and (project / path).exists():
            path = project / path
        out.append(path)
    return out


def describe(s: Storyline) -> str:
    """One line per storyline: slug, title, window, counts, file."""
    window = f"{s.window_start or '…'}..{s.window_end or '…'}"
    aliases = sum(len(a.aliases) for a in s.actors)
    return (
        f"{s.slug}  {s.title!r}  {window}  {len(s.actors)} actors ({aliases} aliases), "
        f"{len(s.places)} places, {len(s.keywords)} keywords, require {' + '.join(s.require)}"
        f"  [{s.source}]"
    )


def run_check(args: argparse.Namespace) -> int:
    result = check_storylines(configured_paths(args))
    for s in result.storylines:
        print(f"ok  {describe(s)}")
    for problem in result.problems:
        print(f"error  {problem}", file=sys.stderr)
    n_ok, n_bad = len(result.storylines), len(result.problems)
    print(f"{n_ok} storylines valid, {n_bad} problems", file=sys.stderr)
    return 0 if result.ok else 1


def run_list(args: argparse.Namespace) -> int:
    """The storyline files' definitions; without PATH also those made in chats with /track,
    read from the database, each with the chat that owns it."""
    result = check_storylines(configured_paths(args))
    for problem in result.problems:
        print(f"error  {problem}", file=sys.stderr)
    if args.json:
        print(json.dumps([storyline_to_dict(s) for s in result.storylines], indent=1))
        return 0 if result.ok else 1
    for s in result.storylines:
        print(describe(s))
    if not args.paths:
        from_files = {s.slug for s in result.storylines}
        try:
            stored = run_async(_stored, args)
        except Exception as exc:  # noqa: BLE001 - the files are listed; say why the rest is not
            print(f"note  storylines made in chats not listed: {error_text(exc)}", file=sys.stderr)
            stored = []
        for story, owner in stored:
            if story.slug not in from_files:
                whose = f"chat {owner}" if owner is not None else "shared with every chat"
                print(f"{describe(story)}  owner: {whose}")
    return 0 if result.ok else 1


async def _stored(args: argparse.Namespace) -> list[tuple[Storyline, int | None]]:
    """Every storyline in the database with its owner chat (None: shared)."""
    from bot.app import build

    app = await build(settings_from(args), storylines=[])
    try:
        owners = await app.storylines.owners()
        return [(app.storylines[slug], owners.get(slug)) for slug in sorted(app.storylines)]
    finally:
        await app.close()
