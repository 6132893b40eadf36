"""The `attache` command line: one sub-command per module in bot/commands/."""

from __future__ import annotations

import argparse
import importlib
import sys

# Each module defines `register(subparsers)`, which adds its parser and sets `func(args) -> int`.
COMMAND_MODULES = (
    "demo",
    "poll",
    "feeds",
    "storylines",
    "match",
    "extract",
    "digest",
    "run",
    "chat",
    "status",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="attache",
        description="Briefings on the diplomatic storylines you follow.",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log at DEBUG level")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(f"bot.commands.{name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"bot.commands.{name}":
                continue  # a command not built into this installation
            raise
        module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    from bot.ops.logs import configure_logging

    configure_logging(args.verbose)
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a clear one-line error instead of a traceback
        from bot.config import ConfigError
        from bot.storage.errors import StorageError

        if isinstance(exc, ConfigError | OSError | ValueError | StorageError):
            print(f"attache: {one_line(exc)}", file=sys.stderr)
            return 2
        raise


def one_line(exc: BaseException) -> str:
    """An error as one line for the terminal (redacted: it may quote a URL or a config value)."""
    from bot.redact import redact

    return redact(" ".join(str(exc).split()))
