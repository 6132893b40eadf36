"""Publishing to channels, the pure parts: how a channel may be named, when the bot may post
there, and the Stop button's callback data."""

from __future__ import annotations

import pytest

from bot.services.channels import channel_ref, posting_refusal
from bot.telegram import keyboards as kb


@pytest.mark.parametrize(
    ("typed", "ref"),
    [
        ("@gulf_briefs", "@gulf_briefs"),
        ("  @Gulf_Briefs ", "@Gulf_Briefs"),
        ("-1001234567890", -1001234567890),
        ("@abcd", None),  # Telegram usernames have at least 5 characters
        ("@" + "a" * 33, None),  # ... and at most 32
        ("@1channel", None),  # ... and begin with a letter
        ("gulf_briefs", None),  # the @ is what tells a name from a storyline
        ("@gulf-briefs", None),
        ("@📰news_now", None),
        ("-4001234", None),  # a basic group's id, not a channel's
        ("12345", None),
        ("", None),
    ],
)
def test_a_channel_is_named_by_its_username_or_its_id(typed: str, ref: object) -> None:
    """Only a well-formed @username or a -100… id is taken to Telegram; anything else is None."""
    assert channel_ref(typed) == ref


def test_the_bot_posts_only_to_channels_it_administers_with_the_right_to_post() -> None:
    """A channel's creator or a posting administrator may; every other case says why not."""
    assert posting_refusal("@c", "channel", "administrator", True) == ""
    assert posting_refusal("@c", "channel", "creator", None) == ""
    assert "not an administrator of @c" in posting_refusal("@c", "channel", "left", None)
    assert "not an administrator of @c" in posting_refusal("@c", "channel", "member", None)
    assert "may not post there" in posting_refusal("@c", "channel", "administrator", False)
    assert "may not post there" in posting_refusal("@c", "channel", "administrator", None)
    assert "@g is not a channel" in posting_refusal("@g", "supergroup", "administrator", True)
    assert "is not a channel" in posting_refusal("u", "private", "", None)


def test_the_stop_button_carries_the_channel_and_storyline_within_64_bytes() -> None:
    """The longest channel id and slug fit; a forged chat id is refused with a readable error."""
    markup = kb.publications_keyboard([(-1009999999999999, "x" * 41, "A title", "A channel")])
    [[button]] = markup.inline_keyboard
    data = str(button.callback_data)
    assert len(data.encode()) <= kb.MAX_CALLBACK_BYTES
    assert kb.decode(data).args == ("-1009999999999999", "~" + kb.short_hash("x" * 41))
    for forged in ("unp:1001:gulf", "unp:-1x:gulf", "unp:-1001:../x"):
        with pytest.raises(kb.CallbackError):
            kb.decode(forged)
