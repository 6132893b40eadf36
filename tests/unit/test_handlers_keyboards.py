"""The callback-data codec and keyboards: compact, ≤ 64 bytes, forged or stale data refused."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.telegram import keyboards as kb


def _all_callback_data(markup) -> list[str]:
    return [b.callback_data for row in markup.inline_keyboard for b in row]


def test_encode_then_decode_round_trips_every_action_shape():
    """Each action the bot emits decodes back to the same action and arguments."""
    samples = [
        ("pg", 3),
        ("sub", "pompeo-asia-trip-2018", 0),
        ("uns", "pompeo-asia-trip-2018", 2),
        ("set",),
        ("tz", 4),
        ("dt", "0800"),
        ("q", 1),
        ("m", "some-slug", "i"),
        ("rf", kb.short_hash("https://example.org/feed.xml")),
        ("tk", "skip"),
    ]
    for action, *args in samples:
        data = kb.encode(action, *args)
        cb = kb.decode(data)
        assert cb.action == action
        assert cb.args == tuple(str(a) for a in args)


@pytest.mark.parametrize(
    "data",
    [
        "",
        "nope",
        "sub:slug",  # missing page
        "sub:slug:0:extra",
        "sub:Bad Slug:0",
        "pg:-1",
        "pg:abc",
        "dt:2500",
        "m:slug:x",
        "rf:not-a-hash",
        "x" * 65,
        "sub:" + "a" * 80 + ":0",
        "tz:1:2",
    ],
)
def test_decode_refuses_forged_or_malformed_data_with_a_readable_error(data):
    """Forged callback data raises CallbackError whose message is fit to show the user."""
    with pytest.raises(kb.CallbackError) as err:
        kb.decode(data)
    assert "button" in str(err.value).lower()


def test_decode_refuses_non_string_data():
    """PTB can deliver arbitrary objects as callback data; only strings are accepted."""
    with pytest.raises(kb.CallbackError):
        kb.decode(None)


def test_long_slugs_are_referenced_by_hash_and_resolved_back():
    """A slug too long for callback data is sent as a hash and resolves to the same slug."""
    slug = "a-very-long-storyline-slug-about-the-talks-in-geneva-and-vienna-2025"
    token = kb.slug_token(slug)
    assert token.startswith("~")
    assert len(token) == 11
    data = kb.encode("sub", token, 12)
    assert len(data.encode()) <= kb.MAX_CALLBACK_BYTES
    assert kb.resolve_slug(kb.decode(data).args[0], ["other", slug]) == slug


def test_resolve_slug_returns_none_for_a_stale_storyline():
    """A button for a storyline that no longer exists resolves to None (a clear answer)."""
    assert kb.resolve_slug("gone-story", ["still-here"]) is None
    assert kb.resolve_slug("~0123456789", ["still-here"]) is None


@given(st.text(min_size=1, max_size=200))
def test_slug_token_always_fits_in_callback_data(slug):
    """Whatever a slug looks like, its token fits in a subscribe button."""
    data = kb.encode("sub", kb.slug_token(slug), 9999)
    assert len(data.encode("utf-8")) <= kb.MAX_CALLBACK_BYTES


def test_storylines_keyboard_paginates_and_marks_subscriptions():
    """Five storylines per page with toggles; navigation buttons only where there is a page."""
    stories = [(f"story-{i}", f"Story {i}") for i in range(12)]
    first = kb.storylines_keyboard(stories, {"story-1"}, 0)
    data = _all_callback_data(first)
    assert "uns:story-1:0" in data
    assert "sub:story-0:0" in data
    assert "pg:1" in data
    assert not any(d == "pg:-1" for d in data)
    last = kb.storylines_keyboard(stories, set(), 99)  # clamped to the last page
    data = _all_callback_data(last)
    assert "sub:story-10:2" in data
    assert "sub:story-11:2" in data
    assert "pg:1" in data
    assert all(len(d.encode()) <= 64 for d in data)


def test_settings_keyboards_only_emit_decodable_data():
    """Every button in every settings menu carries data the codec accepts."""
    markups = [
        kb.settings_keyboard(),
        kb.timezone_keyboard("UTC"),
        kb.digest_times_keyboard(["08:00"]),
        kb.quiet_keyboard(None),
        kb.modes_keyboard([("s1", "Story one", "both"), ("s2", "Story two", "digest")]),
        kb.remove_feeds_keyboard([("https://example.org/" + "x" * 200, "")]),
    ]
    for markup in markups:
        for data in _all_callback_data(markup):
            kb.decode(data)


def test_encode_refuses_unknown_actions():
    """The bot cannot emit a button it would itself refuse."""
    with pytest.raises(ValueError, match="unknown callback action 'bogus'"):
        kb.encode("bogus", 1)


@given(st.one_of(st.text(max_size=100), st.binary(max_size=80), st.integers(), st.none()))
def test_decode_never_fails_with_anything_but_a_callback_error(data):
    """Whatever arrives as callback data, decoding gives a Callback or a CallbackError."""
    try:
        cb = kb.decode(data)
    except kb.CallbackError:
        return
    assert cb.action in kb.ACTIONS
    assert kb.encode(cb.action, *cb.args) == data
