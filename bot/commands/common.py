"""Helpers shared by the sub-commands: settings from --config, running a coroutine, seed paths."""

from __future__ import annotations

import argparse
import asyncio
import logging
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from bot.config import Settings, load_settings
from bot.ops.logs import use_log_format


def add_config_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--config",
        metavar="FILE",
        help="TOML settings (default: config.toml if present, else built-in defaults)",
    )


def settings_from(args: argparse.Namespace) -> Settings:
    path = getattr(args, "config", None)
    if path is None and Path("config.toml").exists():
        path = "config.toml"
    settings = load_settings(path)
    if not getattr(args, "verbose", False):  # -v wins over the file
        logging.getLogger("bot").setLevel(settings.log_level.upper())
    use_log_format(settings.log.format)
    return settings


def run_async(func: Callable[..., Awaitable[int]], *args: Any) -> int:
    return asyncio.run(func(*args))


def seeds_dir() -> Path:
    """The seeds folder: next to the working directory in a checkout, else beside the package."""
    for candidate in (Path.cwd() / "seeds", Path(__file__).resolve().parents[2] / "seeds"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("seeds/ not found: run from the project folder")
