"""Log set-up: one line per record on stderr, as text or as JSON, never with a secret in it."""

from __future__ import annotations

import json
import logging
import sys
from datetime import UTC, datetime

from bot.config import LOG_FORMATS
from bot.redact import install_log_redaction, redact

TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
HANDLER_NAME = "attache-stderr"  # the handler configure_logging installs; only it is reformatted
# Libraries that log every request at INFO: httpx and httpcore write request URLs, and Bot API
# URLs carry the token; the others repeat themselves every few seconds.
QUIET_LOGGERS = (
    "httpx",
    "httpcore",
    "telegram.ext.ExtBot",
    "apscheduler",
    "alembic",
    "aiohttp.access",
)


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time (UTC, ISO 8601), level, logger, message, and the
    traceback when there is one. Redacted again here, behind the record factory.
    """

    def format(self, record: logging.LogRecord) -> str:
        """One JSON object for `record`, on one line."""
        entry: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": redact(record.getMessage()),
        }
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:
            entry["exception"] = redact(record.exc_text)
        if record.stack_info:
            entry["stack"] = redact(self.formatStack(record.stack_info))
        return json.dumps(entry, ensure_ascii=False)


def formatter_for(fmt: str) -> logging.Formatter:
    """The formatter for a `[log] format` value."""
    if fmt == "json":
        return JsonFormatter()
    if fmt == "text":
        return logging.Formatter(TEXT_FORMAT)
    raise ValueError(f"log format must be one of {', '.join(LOG_FORMATS)}, got {fmt!r}")


def configure_logging(verbose: bool, fmt: str = "text") -> None:
    """Root logging to stderr at INFO (DEBUG when `verbose`), redacted, quiet libraries."""
    install_log_redaction()  # nothing token-shaped reaches a log line, whichever logger wrote it
    handler = logging.StreamHandler(sys.stderr)
    handler.set_name(HANDLER_NAME)
    # No-op when the root logger already has handlers (an embedding program, a test's capture).
    logging.basicConfig(level=logging.DEBUG if verbose else logging.INFO, handlers=[handler])
    use_log_format(fmt)
    for noisy in QUIET_LOGGERS:
        logging.getLogger(noisy).setLevel(logging.WARNING)


def use_log_format(fmt: str) -> None:
    """Switch the stderr handler `configure_logging` installed to `fmt` ("text" or "json"),
    e.g. once the config file has been read.
    """
    formatter = formatter_for(fmt)
    for handler in logging.getLogger().handlers:
        if handler.get_name() == HANDLER_NAME:
            handler.setFormatter(formatter)
