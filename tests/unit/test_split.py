"""Message splitting: every piece fits Telegram's limit, no piece breaks a tag, pieces join back."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.briefings.split import TELEGRAM_LIMIT, split_message, utf16_len

_words = st.text(alphabet=st.characters(codec="utf-8", exclude_characters="<>&"), min_size=1, max_size=40)
_para = st.lists(
    st.one_of(_words, _words.map(lambda w: f"<b>{w}</b>"), _words.map(lambda w: f'<a href="https://x.org/?a=1&amp;b=2">{w}</a>'), st.just("&amp;"), st.just("😀")),
    min_size=1,
    max_size=30,
).map(" ".join)
_doc = st.lists(_para, min_size=1, max_size=200).map("\n\n".join)


def _balanced(piece: str) -> bool:
    stack = []
    for closing, name in re.findall(r"<(/?)([a-z-]+)[^>]*>", piece):
        if closing:
            if not stack or stack.pop() != name:
                return False
        else:
            stack.append(name)
    return not stack


@settings(max_examples=60, deadline=None)
@given(_doc, st.sampled_from([200, 1000, TELEGRAM_LIMIT]))
def test_pieces_fit_parse_and_join_back(doc: str, limit: int) -> None:
    """Each piece is within the limit in UTF-16 units, has balanced tags, and the join is the input."""
    pieces = split_message(doc, limit)
    assert all(utf16_len(p) <= limit for p in pieces)
    assert all(_balanced(p) for p in pieces)
    assert "".join(pieces) == doc


def test_short_message_is_one_piece() -> None:
    """A message under the limit is returned unchanged."""
    assert split_message("<b>hi</b>") == ["<b>hi</b>"]
    assert split_message("") == []


def test_cuts_prefer_item_boundaries() -> None:
    """With blank lines between items, every piece ends on an item boundary."""
    items = [f"<b>Item {i}</b>\n" + "word " * 60 for i in range(100)]
    doc = "\n\n".join(items)
    pieces = split_message(doc)
    assert len(pieces) > 1
    assert all(p.endswith("\n\n") for p in pieces[:-1])


def test_block_longer_than_a_message_is_closed_and_reopened() -> None:
    """A <pre> longer than a message is cut, closed at the end and reopened in the next piece."""
    doc = "<pre>" + "x" * 10_000 + "</pre>"
    pieces = split_message(doc)
    assert len(pieces) == 3
    assert all(p.startswith("<pre>") and p.endswith("</pre>") for p in pieces)
    assert all(len(p) <= TELEGRAM_LIMIT for p in pieces)
    assert "".join(p.removeprefix("<pre>").removesuffix("</pre>") for p in pieces) == "x" * 10_000


def test_entities_are_never_cut() -> None:
    """An HTML entity such as &amp; stays whole in one piece."""
    doc = "&amp;" * 3000
    pieces = split_message(doc, 1000)
    assert all(re.fullmatch(r"(&amp;)+", p) for p in pieces)


def test_astral_characters_count_two_units() -> None:
    """Emoji outside the BMP count as two UTF-16 units, as Telegram counts them."""
    doc = "😀" * 3000
    pieces = split_message(doc)
    assert [utf16_len(p) for p in pieces] == [4096, 1904]
