"""The `attache` command line: one sub-command per module in bot/commands/."""

from __future__ import annotations

import argparse
import importlib
import logging
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


def configure_logging(verbose: bool) -> None:
    from bot.redact import install_log_redaction

    install_log_redaction()  # nothing token-shaped reaches a log line, whichever logger wrote it
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    # httpx logs every request URL at INFO, and Bot API URLs carry the token.
    for noisy in ("httpx", "httpcore", "telegram.ext.ExtBot", "apscheduler", "alembic", "aiohttp.access"):
        logging.getLogger(noisy).setLevel(logging.WARNING)


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    configure_logging(args.verbose)
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a clear one-line error instead of a traceback
        from bot.config import ConfigError
        from bot.storage.errors import StorageError

        if isinstance(exc, ConfigError | FileNotFoundError | ValueError | StorageError):
            print(f"attache: {one_line(exc)}", file=sys.stderr)
            return 2
        raise


def one_line(exc: BaseException) -> str:
    """An error as one line for the terminal (redacted: it may quote a URL or a config value)."""
    from bot.redact import redact

    return redact(" ".join(str(exc).split()))
