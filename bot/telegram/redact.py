"""Keep the bot token out of every log line: quiet URL loggers plus a redacting filter."""

from __future__ import annotations

import logging

# Loggers whose own records can carry Bot API URLs, and so the token.
URL_LOGGERS = ("telegram.Bot", "telegram.ext.ExtBot", "httpx", "httpcore")
MASK = "<token>"


class TokenRedactor(logging.Filter):
    """Replaces known secrets in a record's message and traceback with "<token>"."""

    def __init__(self) -> None:
        super().__init__("attache-token-redactor")
        self.secrets: set[str] = set()

    def add(self, token: str) -> None:
        if token:
            # The part after the colon is the secret; the bot id before it is public.
            self.secrets.update({token, token.split(":", 1)[-1]})

    def _scrub(self, text: str) -> str:
        for secret in sorted(self.secrets, key=len, reverse=True):
            text = text.replace(secret, MASK)
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        if not self.secrets:
            return True
        message = record.getMessage()
        if any(s in message for s in self.secrets):
            record.msg, record.args = self._scrub(message), ()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text and any(s in record.exc_text for s in self.secrets):
            record.exc_text = self._scrub(record.exc_text)
        return True


REDACTOR = TokenRedactor()


def redact_token_in_logs(token: str) -> None:
    """Idempotent: URL loggers stay at WARNING, and every record that reaches the root handlers
    or the URL loggers has the token masked (a second line of defence behind quiet loggers)."""
    REDACTOR.add(token)
    for name in URL_LOGGERS:
        logger = logging.getLogger(name)
        if name in ("httpx", "httpcore"):
            logger.setLevel(max(logging.WARNING, logger.level))
        if REDACTOR not in logger.filters:
            logger.addFilter(REDACTOR)
    for handler in logging.getLogger().handlers:
        if REDACTOR not in handler.filters:
            handler.addFilter(REDACTOR)
