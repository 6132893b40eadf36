"""Keep the bot token out of every log line: quiet URL loggers plus redaction of every record."""

from __future__ import annotations

import logging

from bot.redact import add_secret, install_log_redaction


def redact_token_in_logs(token: str) -> None:
    """Idempotent: URL loggers stay at WARNING (httpx logs request URLs at INFO), and every log
    record created from now on has the token masked by `bot.redact` (a second line of defence
    behind the quiet loggers)."""
    add_secret(token)
    install_log_redaction()
    for name in ("httpx", "httpcore"):
        logger = logging.getLogger(name)
        logger.setLevel(max(logging.WARNING, logger.level))
