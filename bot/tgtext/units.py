"""Telegram's units and limits: text lengths in UTF-16 code units, and the caps the Bot API sets."""

from __future__ import annotations

MAX_MESSAGE_UTF16 = 4096  # a message's text, counted after HTML parsing
MAX_CAPTION_UTF16 = 1024  # a photo's caption
MAX_CALLBACK_DATA_BYTES = 64  # an inline button's callback_data, in UTF-8 bytes


def char_units(ch: str) -> int:
    """UTF-16 units of one character: 2 outside the Basic Multilingual Plane (most emoji), else 1."""
    return 2 if ord(ch) > 0xFFFF else 1


def utf16_len(text: str) -> int:
    """Length as Telegram counts it: UTF-16 code units (an emoji outside the BMP counts 2)."""
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)
