"""The one redaction function: secrets and token-shaped strings never survive into text we keep."""

from __future__ import annotations

import logging
import sys

from bot.redact import MASK, add_secret, error_text, install_log_redaction, redact, redact_record

# Invented tokens in the shape BotFather hands out (digits, colon, 35 URL-safe characters).
TOKEN = "4815162342:AAE-invented_secret_part_for_tests01"
SHORT = "123456:SECRET-abcdef"  # too short to be caught by shape: only by registration


def test_redact_masks_given_secrets_and_the_secret_part_alone():
    """Each given secret is masked, the longest first, so a whole token leaves no fragment."""
    secret = SHORT.split(":", 1)[1]
    text = f"GET /bot{SHORT}/getMe then {secret} alone"
    out = redact(text, [SHORT, secret])
    assert secret not in out
    assert out == f"GET /bot{MASK}/getMe then {MASK} alone"


def test_redact_masks_token_shaped_strings_without_registration():
    """A string shaped like a Bot API token is masked even if nobody registered it, also with
    the colon percent-encoded as a URL would carry it."""
    secret = TOKEN.split(":", 1)[1]
    for text in (
        f"https://api.example/bot{TOKEN}/sendMessage",
        f"path=/bot{TOKEN.replace(':', '%3A')}/getUpdates",
    ):
        out = redact(text, [])
        assert secret not in out
        assert MASK in out


def test_redact_leaves_ordinary_text_alone():
    """Times, ids and ordinary prose are not mistaken for tokens."""
    text = "At 12:30:45 chat 1234567 got message 42: talks resumed in Doha."
    assert redact(text, []) == text


def test_registered_secrets_are_the_default():
    """After add_secret, redact() without arguments masks the registered token."""
    add_secret(SHORT)
    assert SHORT.split(":", 1)[1] not in redact(f"echo {SHORT} and {SHORT.split(':')[1]}")


def test_error_text_redacts_before_cutting():
    """An error is written as 'Type: message', redacted, then cut: never half a token."""
    error = RuntimeError(f"{'x' * 20} /bot{TOKEN}/sendMessage failed")
    text = error_text(error, limit=40)
    assert text.startswith("RuntimeError: ")
    assert len(text) <= 40
    assert TOKEN[:20] not in text
    assert TOKEN.split(":")[1][:10] not in text
    assert error_text(None) == "unknown error"


def test_redact_record_cleans_message_args_and_traceback():
    """A record's formatted message and its traceback both lose the token."""
    try:
        raise ValueError(f"The token `{TOKEN}` was rejected")
    except ValueError:
        record = logging.LogRecord(
            "x", logging.ERROR, __file__, 1, "url %s", (f"https://h/bot{TOKEN}/getMe",), sys.exc_info()
        )
    redact_record(record)
    text = logging.Formatter().format(record)
    assert TOKEN.split(":")[1] not in text
    assert MASK in record.getMessage()
    assert MASK in (record.exc_text or "")


def test_installed_factory_redacts_records_from_any_logger(caplog):
    """Once installed, a record from any logger reaches every handler already redacted."""
    install_log_redaction()
    install_log_redaction()  # idempotent: one factory, not two stacked
    caplog.set_level(logging.INFO)
    logging.getLogger("some.library").info("calling https://h/bot%s/getMe", TOKEN)
    assert caplog.records
    assert all(TOKEN.split(":")[1] not in r.getMessage() for r in caplog.records)
    assert MASK in caplog.text
