"""The fake Bot API's rules, without a server: what Telegram accepts, decided by bot.tgtext."""

from __future__ import annotations

import pytest

from bot.telegram.fake.flood import FloodGate, RateLimits
from bot.telegram.fake.rules import ApiError, bot_commands, message_text, reply_markup


def _refused(call, *args) -> str:  # type: ignore[no-untyped-def]
    with pytest.raises(ApiError) as refused:
        call(*args)
    assert refused.value.code == 400
    return refused.value.description


def test_html_text_becomes_plain_text_and_entities_in_utf16_units() -> None:
    """Markup is parsed as Telegram parses it; an emoji before a link moves it by two units."""
    plain, entities = message_text({"text": '🌍 <a href="https://x.org/">Hanoi</a>', "parse_mode": "HTML"})
    assert plain == "🌍 Hanoi"
    assert entities == ({"type": "text_link", "offset": 3, "length": 5, "url": "https://x.org/"},)


def test_markup_and_length_telegram_refuses_are_refused_with_its_words() -> None:
    """A tag Telegram does not know, and visible text over 4096 units, get Telegram's reasons;
    markup does not count toward the limit."""
    assert _refused(message_text, {"text": "<div>x</div>", "parse_mode": "HTML"}) == (
        'Bad Request: can\'t parse entities: Unsupported start tag "div" at byte offset 0'
    )
    assert _refused(message_text, {"text": "🌍" * 2049}) == "Bad Request: message is too long"
    assert message_text({"text": "<b>" + "a" * 4096 + "</b>", "parse_mode": "HTML"})[0] == "a" * 4096
    assert _refused(message_text, {"text": "<b> </b>", "parse_mode": "HTML"}) == (
        "Bad Request: message text is empty"
    )


def test_callback_data_is_1_to_64_bytes() -> None:
    """64 UTF-8 bytes of callback data pass; 65 (or none) are BUTTON_DATA_INVALID."""
    def markup(data: str) -> dict[str, object]:
        return {"reply_markup": {"inline_keyboard": [[{"text": "Go", "callback_data": data}]]}}

    assert reply_markup(markup("é" * 32)) is not None
    assert _refused(reply_markup, markup("é" * 32 + "x")) == "Bad Request: BUTTON_DATA_INVALID"
    assert _refused(reply_markup, markup("")) == "Bad Request: BUTTON_DATA_INVALID"


def test_bot_commands_are_lower_cased_and_checked() -> None:
    """Commands come back lower-cased; a bad name or an empty description is refused."""
    assert bot_commands({"commands": [{"command": "Latest", "description": "news"}]}) == [
        {"command": "latest", "description": "news"}
    ]
    assert _refused(bot_commands, {"commands": [{"command": "no-dash", "description": "x"}]}) == (
        "Bad Request: BOT_COMMAND_INVALID"
    )
    assert _refused(bot_commands, {"commands": [{"command": "ok", "description": ""}]}) == (
        "Bad Request: BOT_COMMAND_DESCRIPTION_INVALID"
    )


def test_flood_gate_answers_429_with_retry_after_and_refills_with_time() -> None:
    """A private chat gets its burst, then 429 with a whole-second retry_after; a second later
    one more message passes."""
    now = [100.0]
    gate = FloodGate(RateLimits(private_burst=2, private_per_s=1.0), lambda: now[0])
    gate.admit("sendmessage", 7, private=True)
    gate.admit("sendmessage", 7, private=True)
    with pytest.raises(ApiError) as refused:
        gate.admit("sendmessage", 7, private=True)
    assert refused.value.code == 429
    assert refused.value.parameters == {"retry_after": 1}
    gate.admit("getme", 7, private=True)  # only limited methods count
    now[0] += 1.0
    gate.admit("sendmessage", 7, private=True)
