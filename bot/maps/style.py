"""What every picture the bot draws shares: the font, the colours, and the drawing lock."""

from __future__ import annotations

import threading
from functools import lru_cache

from matplotlib.font_manager import FontProperties, findfont, get_font

FONT = "DejaVu Sans"  # ships with matplotlib, so nothing is looked up or fetched
PAPER, INK = "#f3f4f5", "#1f3b57"
HAPPENED, PLANNED = "#1f5fa8", "#c0562b"

draw_lock = threading.Lock()  # matplotlib's text and font caches are not thread-safe


@lru_cache(maxsize=1)
def _glyphs() -> frozenset[int]:
    return frozenset(get_font(findfont(FontProperties(family=FONT))).get_charmap())


def drawable(text: str) -> str:
    """Text the font can draw, taken literally: a missing glyph becomes "?", "$" is not math."""
    known = _glyphs()
    chars = (ch if ord(ch) in known or ch in "\n " else "?" for ch in text)
    return "".join(chars).replace("$", r"\$")


def shorten(text: str, n: int) -> str:
    """`text` cut to at most `n` characters, an ellipsis marking the cut."""
    return text if len(text) <= n else text[: n - 1] + "…"
