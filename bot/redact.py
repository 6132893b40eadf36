"""Secrets out of every text the bot logs, stores or shows: the one redaction function, `redact`."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from typing import Any

MASK = "[token]"  # no "<", ">" or "&": safe inside Telegram HTML as well

# The shape of a Bot API token (the bot's numeric id, a colon, 30+ URL-safe characters), also
# with the colon percent-encoded: masked even when nobody registered it, e.g. a token pasted
# into a config value or echoed back by a proxy in front of another bot's API.
_TOKEN_SHAPE = re.compile(r"\d{3,}(?::|%3[Aa])[A-Za-z0-9_-]{30,}")
# Shorter strings would mask ordinary words; a real token's secret part has 35 characters.
_MIN_SECRET_CHARS = 8

_registered: set[str] = set()


def add_secret(token: str) -> None:
    """Remember `token` (and its secret part, after the colon) for every later `redact` call."""
    if not token:
        return
    for part in (token, token.split(":", 1)[-1]):
        if len(part) >= _MIN_SECRET_CHARS:
            _registered.add(part)


def redact(text: str, secrets: Iterable[str] | None = None) -> str:
    """`text` with each secret (by default: the registered ones) and every token-shaped string
    replaced by "[token]". Pure when `secrets` is given.
    """
    known = _registered if secrets is None else secrets
    for secret in sorted(set(known), key=len, reverse=True):  # the whole token before its part
        if secret and secret in text:
            text = text.replace(secret, MASK)
    return _TOKEN_SHAPE.sub(MASK, text)


def redact_record(record: logging.LogRecord) -> logging.LogRecord:
    """Redact a log record in place: its formatted message, traceback and stack."""
    try:
        message = record.getMessage()
    except Exception:  # noqa: BLE001 - a malformed call is logging's to report, at emit time
        return record
    clean = redact(message)
    if clean != message:
        record.msg, record.args = clean, ()
    if record.exc_info and record.exc_info[0] is not None and not record.exc_text:
        # Formatted now, so the traceback a handler prints is the redacted one.
        record.exc_text = logging.Formatter().formatException(record.exc_info)
    if record.exc_text:
        record.exc_text = redact(record.exc_text)
    if record.stack_info:
        record.stack_info = redact(record.stack_info)
    return record


def install_log_redaction() -> None:
    """Idempotent: every log record created from now on, by any logger, goes through `redact`.

    A record factory rather than a handler filter, so handlers added later (a test's capture,
    a logging set-up made after start) get clean records too.
    """
    previous = logging.getLogRecordFactory()
    if getattr(previous, "attache_redacting", False):
        return

    def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        return redact_record(previous(*args, **kwargs))

    factory.attache_redacting = True  # type: ignore[attr-defined]
    logging.setLogRecordFactory(factory)


def error_text(error: BaseException | str | None, limit: int = 1000) -> str:
    """How an error is written down wherever it is stored or shown: type and message, redacted,
    at most `limit` characters (cut after redacting, so a token is never half masked).
    """
    if error is None:
        return "unknown error"
    text = error if isinstance(error, str) else f"{type(error).__name__}: {error}"
    return redact(text)[:limit]
